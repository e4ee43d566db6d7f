"""Waiting on a real process's effects (a file written, a row stored), with a deadline."""

import time


def wait_for(check, what: str, seconds: float = 60, every: float = 0.05):
    """The first true value `check()` returns within `seconds`; fail naming `what` if none."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    raise AssertionError(f"not within {seconds} s: {what}")
