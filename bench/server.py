"""Puebla's real production server (`puebla setup`, then `puebla serve`) on a
throwaway data folder. Used by `make bench` and by the browser tests (tests/browser/).

Running the very commands an operator runs, in a separate process, is the point: the tests and
the benchmark then see what production serves (DEBUG off, whitenoise's compressed manifest,
the server's workers), not Django's test client.
"""

import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Variables that would point the server at another machine's data or change how it answers.
FOREIGN_VARIABLES = {
    "DJANGO_SETTINGS_MODULE",  # pytest-django sets tests.settings; the server uses its own
    "DEBUG",
    "SECRET_KEY_FILE",
    "REDIS_URL",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "HTTPS",
    "SECURE_SSL_REDIRECT",
    "ALLOWED_HOSTS",
    "HOST",
    "PORT",
    "DEMO",  # `make` exports DEMO=1 for `make run`; these servers start without demo accounts
    "DATABASE_URL",  # given explicitly: a fresh database of the server's own (bench.database)
    "WEB_SERVER",
    "WEB_WORKERS",
    "WEB_THREADS",
    "ACCESS_LOG",
    "LOG_FORMAT",
    "LOG_LEVEL",
    "TRUSTED_PROXY_COUNT",
    "EMAIL_BACKEND",
    "EMAIL_FILE_PATH",
    "SITE_URL",
    "MFA_ENCRYPTION_KEYS",
    "MFA_ENCRYPTION_KEYS_FILE",
    "FUND_ENCRYPTION_KEYS",
    "FUND_ENCRYPTION_KEYS_FILE",
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PueblaServer:
    """One Puebla served from `data_dir` on a free loopback port.

    Its database is SQLite in `data_dir`, or `database_url` (a fresh one from
    bench.database.fresh_database): never the database the caller's DATABASE_URL names.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        database_url: str | None = None,
        env: dict | None = None,
        name: str = "server",
    ):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.data_dir / f"{name}.log"
        self.environment = {k: v for k, v in os.environ.items() if k not in FOREIGN_VARIABLES}
        self.environment.update(
            {
                "DATA_DIR": str(self.data_dir),
                "SECRET_KEY": "throwaway-server-key-0123456789-0123456789-0123456789",
                "DEBUG": "0",
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
                "MFA_ENCRYPTION_KEYS": "dGhyb3dhd2F5LXNlcnZlci1tZmEta2V5LTAxMjM0NTY=",
                "FUND_ENCRYPTION_KEYS": "dGhyb3dhd2F5LXNlcnZlci1mdW5kLWtleS0wMTIzNDU=",
                **({"DATABASE_URL": database_url} if database_url else {}),
                **(env or {}),
            }
        )
        self.process: subprocess.Popen | None = None

    def command(self, *arguments: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run `python -m puebla <arguments>` against this server's data; fail loudly."""
        return self.python("-m", "puebla", *arguments, timeout=timeout)

    def python(self, *arguments: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run `python <arguments>` in the server's environment (its data, its settings)."""
        result = subprocess.run(  # noqa: S603 - our own interpreter
            [sys.executable, *arguments],
            cwd=ROOT,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"`python {' '.join(arguments)}` failed ({result.returncode}):\n"
                f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
            )
        return result

    def start(self, *, ready_path: str = "/es/", timeout: float = 60) -> str:
        """Start `puebla serve` and return its base URL once it answers `ready_path`."""
        with open(self.log_path, "ab") as log:
            # A session of its own, so stop() can end the server's workers with their master.
            self.process = subprocess.Popen(
                [sys.executable, "-m", "puebla", "serve"],
                cwd=ROOT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"`puebla serve` exited at start:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=5) as answer:  # noqa: S310 - our loopback server
                    if answer.status == 200:
                        return self.url
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"`puebla serve` did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()  # the server's master stops its workers gracefully
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait(timeout=10)

    def cpu_seconds(self) -> float:
        """CPU time used so far by the server's processes (its session: the master and its
        workers), from /proc; 0 where there is no /proc."""
        if self.process is None:
            return 0.0
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                # After the command's closing parenthesis: state, ppid, pgrp, session, ...
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # the process ended meanwhile
            if int(fields[3]) == self.process.pid:  # its session id (start_new_session)
                ticks += int(fields[11]) + int(fields[12])  # utime + stime
        return ticks / os.sysconf("SC_CLK_TCK")

    def wait_until_idle(
        self,
        *,
        ping_path: str = "",
        window: float = 0.1,
        busy: float = 0.1,
        quick: float = 0.1,
        timeout: float = 60,
    ) -> float:
        """Return once the server has used less than `busy` of a core over `window` seconds
        and, if `ping_path` is given, answers a few requests to it at once within `quick`
        seconds (its threads may be idle waiting on a database server, whose CPU is not the
        server's): requests a load generator left queued (a slow page's) then finish before
        the next measurement rather than slowing it. Returns the seconds it waited."""
        started = time.monotonic()
        deadline = started + timeout
        used = self.cpu_seconds()
        while time.monotonic() < deadline:
            time.sleep(window)
            now = self.cpu_seconds()
            settled = now - used < busy * window
            used = now
            if settled and (not ping_path or self._answers_quickly(ping_path, quick)):
                break
        return time.monotonic() - started

    def _answers_quickly(self, path: str, within: float, at_once: int = 4) -> bool:
        def ping(_):
            begun = time.monotonic()
            try:
                with urllib.request.urlopen(self.url + path, timeout=within * 10) as answer:  # noqa: S310 - our loopback server
                    answer.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                return False
            return time.monotonic() - begun < within

        with concurrent.futures.ThreadPoolExecutor(max_workers=at_once) as pool:
            return all(pool.map(ping, range(at_once)))

    def log_tail(self, characters: int = 4000) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-characters:]
