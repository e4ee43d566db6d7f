"""Drive one URL with wrk for a bounded time and read its figures back as numbers."""

import json
import shutil
import statistics
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

INSTALL_HINT = "wrk is not installed. On Debian or Ubuntu: sudo apt-get install -y wrk"

# wrk's own summary has no 95th percentile; this report (run once, at the end) prints them all.
REPORT_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "duration_us": %d, "p50_us": %.0f, "p95_us": %.0f, '
    .. '"p99_us": %.0f, "status_errors": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
"""


@dataclass(frozen=True)
class Run:
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    status_errors: int  # responses with an HTTP status of 400 or more (wrk's count)
    socket_errors: int  # connect, read, write errors and timeouts

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {
            "requests": self.requests,
            "seconds": round(self.seconds, 3),
            "per_second": round(self.per_second, 1),
            "p50_ms": round(self.p50_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "p99_ms": round(self.p99_ms, 2),
            "status_errors": self.status_errors,
            "socket_errors": self.socket_errors,
        }

    @classmethod
    def combined(cls, runs: list["Run"]) -> "Run":
        """Several short runs of one page as one: counts add up; each latency percentile is
        the median of the runs' (percentiles cannot be merged exactly without the samples)."""
        return cls(
            requests=sum(run.requests for run in runs),
            seconds=sum(run.seconds for run in runs),
            p50_ms=statistics.median(run.p50_ms for run in runs),
            p95_ms=statistics.median(run.p95_ms for run in runs),
            p99_ms=statistics.median(run.p99_ms for run in runs),
            status_errors=sum(run.status_errors for run in runs),
            socket_errors=sum(run.socket_errors for run in runs),
        )


def require_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise SystemExit(INSTALL_HINT)
    return found


def drive(url: str, *, connections: int, seconds: float, headers: dict | None = None) -> Run:
    """Keep `connections` connections busy on `url` for `seconds` (one wrk thread: on a small
    machine every extra load-generating thread takes a core from the server measured), each
    request carrying `headers` (a signed-in member's session cookie)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(REPORT_SCRIPT)
    try:
        result = subprocess.run(  # noqa: S603 - wrk with our own arguments
            [
                require_wrk(),
                "--threads=1",
                f"--connections={connections}",
                f"--duration={max(1, round(seconds))}s",
                "--timeout=5s",
                f"--script={script.name}",
                *(f"--header={name}: {value}" for name, value in (headers or {}).items()),
                url,
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=True,
        )
    finally:
        Path(script.name).unlink()
    line = next(line for line in result.stdout.splitlines() if line.startswith("WRK_JSON "))
    figures = json.loads(line.removeprefix("WRK_JSON "))
    return Run(
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        status_errors=figures["status_errors"],
        socket_errors=figures["socket_errors"],
    )
