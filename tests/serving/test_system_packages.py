"""scripts/system-packages, which `make test`, `make bench`, `make check` and `.ci/run` run first.

Installing packages for real is what the script is for and what CI does; here apt-get, sudo
and id are replaced by small programs on PATH that record how they were called, so the tests
can check what the script would run without changing the machine.
"""

import os
import stat
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "system-packages"


def fake_programs(folder: Path, **programs: str) -> dict:
    """An environment whose PATH finds `programs` (name -> shell body) before the real ones."""
    folder.mkdir(exist_ok=True)
    for name, body in programs.items():
        path = folder / name
        path.write_text(f"#!/bin/sh\n{body}\n")
        path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return {**os.environ, "PATH": f"{folder}:{os.environ['PATH']}"}


def run(environment: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SCRIPT)], env=environment, capture_output=True, text=True, timeout=60, check=False
    )


def test_nothing_is_run_when_every_package_is_installed(tmp_path):
    calls = tmp_path / "calls"
    environment = fake_programs(
        tmp_path / "bin",
        **{
            "dpkg-query": "printf 'install ok installed'",
            "apt-get": f'echo "apt-get $*" >> {calls}',
        },
    )
    result = run(environment)
    assert result.returncode == 0, result.stderr
    assert not calls.exists()
    assert result.stdout == result.stderr == ""


def test_missing_packages_are_installed_through_sudo_when_not_root(tmp_path):
    calls = tmp_path / "calls"
    environment = fake_programs(
        tmp_path / "bin",
        **{
            # wrk is missing, everything else is there
            "dpkg-query": 'case "$*" in *wrk*) exit 1;; *) printf "install ok installed";; esac',
            "id": "echo 1000",
            "sudo": f'echo "sudo $*" >> {calls}',
            "apt-get": f'echo "apt-get $*" >> {calls}',
        },
    )
    result = run(environment)
    assert result.returncode == 0, result.stderr
    lines = calls.read_text().splitlines()
    assert lines[0] == "sudo -n true"
    assert lines[1].startswith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get update")
    assert lines[2].startswith("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install")
    assert lines[2].endswith(" wrk")


def test_without_root_or_sudo_it_stops_with_one_line_giving_the_command(tmp_path):
    calls = tmp_path / "calls"
    environment = fake_programs(
        tmp_path / "bin",
        **{
            "dpkg-query": "exit 1",
            "id": "echo 1000",
            "sudo": "echo 'sudo: a password is required' >&2; exit 1",
            "apt-get": f'echo "apt-get $*" >> {calls}',
        },
    )
    result = run(environment)
    assert result.returncode == 1
    assert not calls.exists()
    (line,) = result.stderr.splitlines()
    assert line.endswith(
        "sudo apt-get update && sudo apt-get install -y chromium fonts-dejavu-core gettext wrk make"
        " libreoffice-calc-nogui libreoffice-writer-nogui postgresql-client"
    )


def test_a_target_asks_for_its_own_packages_and_others_do_not(tmp_path):
    """`make scan` adds sqlmap (SYSTEM_PACKAGES_EXTRA); `make test` and CI never install it."""
    calls = tmp_path / "calls"
    environment = fake_programs(
        tmp_path / "bin",
        **{
            "dpkg-query": 'case "$*" in *sqlmap*) exit 1;; *) printf "install ok installed";; esac',
            "id": "echo 0",
            "apt-get": f'echo "apt-get $*" >> {calls}',
        },
    )
    environment.pop("SYSTEM_PACKAGES_EXTRA", None)
    assert run(environment).returncode == 0
    assert not calls.exists()

    result = run({**environment, "SYSTEM_PACKAGES_EXTRA": "sqlmap"})
    assert result.returncode == 0, result.stderr
    assert (
        calls.read_text()
        .splitlines()[-1]
        .endswith("apt-get install -y -qq --no-install-recommends sqlmap")
    )
