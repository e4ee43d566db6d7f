"""pip-audit (from .venv-scan) on the lock files, and what its JSON says.

The lock files are fully pinned and hashed, so pip-audit reads them as they are
(`--disable-pip --require-hashes`), without installing anything, and asks the vulnerability
service (PyPI's) about each pinned version. A package the service could not answer for is
"not audited", never counted as clean: a scan that reached no vulnerability data must not
pass as if it had found none.
"""

import json
import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

LOCK_FILES = ("requirements.txt", "requirements-test.txt")
KNOWN = Path(__file__).with_name("known-vulnerabilities.toml")


@dataclass
class Vulnerability:
    package: str
    version: str
    id: str
    aliases: list[str]
    fixed_in: list[str]
    reason: str = ""  # why it is accepted, from known-vulnerabilities.toml

    def ids(self) -> set[str]:
        return {self.id, *self.aliases}


@dataclass
class Audit:
    packages: int = 0
    not_audited: list[str] = field(default_factory=list)  # "name version: why"
    vulnerabilities: list[Vulnerability] = field(default_factory=list)

    def unexplained(self) -> list[Vulnerability]:
        return [found for found in self.vulnerabilities if not found.reason]


def command(pip_audit: Path, root: Path, output: Path) -> list[str]:
    arguments = [str(pip_audit), "--disable-pip", "--require-hashes", "--progress-spinner=off"]
    for lock in LOCK_FILES:
        arguments += ["-r", str(root / lock)]
    return [*arguments, "--format=json", "--aliases=on", "--desc=off", f"--output={output}"]


def run(arguments: list[str], log: Path) -> None:
    with open(log, "w") as written:
        # pip-audit exits 1 when it finds a vulnerability: the report says which, so read it.
        subprocess.run(  # noqa: S603 - pip-audit from .venv-scan, arguments of our own
            arguments, stdout=written, stderr=subprocess.STDOUT, timeout=900, check=False
        )


def parse(report: dict, known: dict[str, str]) -> Audit:
    """pip-audit's JSON (`--format=json`); `known` maps accepted ids to their reason."""
    audit = Audit()
    for dependency in report.get("dependencies", []):
        audit.packages += 1
        if "skip_reason" in dependency:
            audit.not_audited.append(f"{dependency['name']}: {dependency['skip_reason']}")
            continue
        for entry in dependency.get("vulns", []):
            found = Vulnerability(
                package=dependency["name"],
                version=dependency.get("version", ""),
                id=entry["id"],
                aliases=entry.get("aliases", []),
                fixed_in=entry.get("fix_versions", []),
            )
            found.reason = next((known[id_] for id_ in sorted(found.ids()) if id_ in known), "")
            audit.vulnerabilities.append(found)
    return audit


def known_vulnerabilities(path: Path = KNOWN) -> dict[str, str]:
    """The accepted vulnerabilities' ids, each with its reason; an entry without one is refused."""
    entries = tomllib.loads(path.read_text()).get("vulnerability", [])
    known = {}
    for entry in entries:
        if not entry.get("reason", "").strip():
            raise SystemExit(f"{path}: {entry.get('id')} has no reason; say why it is accepted")
        known[entry["id"]] = entry["reason"].strip()
    return known


def read(report: Path, known: dict[str, str]) -> Audit:
    return parse(json.loads(report.read_text()), known)
