"""Puebla's real production server (`puebla setup`, then `puebla serve` under gunicorn) on a
throwaway data folder. Used by `make bench` and by the browser tests (tests/browser/).

Running the very commands an operator runs, in a separate process, is the point: the tests and
the benchmark then see what production serves (DEBUG off, whitenoise's compressed manifest,
gunicorn's workers), not Django's test client.
"""

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
}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PueblaServer:
    """One Puebla served from `data_dir` on a free loopback port.

    With `use_database_url` false (the browser tests) DATABASE_URL is dropped, so the server
    always runs on a fresh SQLite database in `data_dir`; the benchmark keeps it, to measure
    PostgreSQL when it is set.
    """

    def __init__(self, data_dir: Path, *, use_database_url: bool = False, env: dict | None = None):
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.data_dir / "server.log"
        dropped = FOREIGN_VARIABLES | (set() if use_database_url else {"DATABASE_URL"})
        self.environment = {k: v for k, v in os.environ.items() if k not in dropped}
        self.environment.update(
            {
                "DATA_DIR": str(self.data_dir),
                "SECRET_KEY": "throwaway-server-key-0123456789-0123456789-0123456789",
                "DEBUG": "0",
                "HOST": "127.0.0.1",
                "PORT": str(self.port),
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
            # A session of its own, so stop() can end gunicorn's workers with their master.
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
        self.process.terminate()  # gunicorn's master stops its workers gracefully
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, 9)
            self.process.wait(timeout=10)

    def log_tail(self, characters: int = 4000) -> str:
        if not self.log_path.exists():
            return ""
        return self.log_path.read_text(errors="replace")[-characters:]
