"""An archive's manifest: what it holds and how to know it is whole.

It names the Puebla version and the migrations the database was at, counts the rows of every
table in the database's snapshot, and gives the sha256 of every other member, so a restore can
check the archive before it writes anything and the restored instance after.
"""

import json
from dataclasses import asdict, dataclass, field
from importlib import metadata

MANIFEST_FILE = "manifest.json"
FORMAT = 1


@dataclass
class Manifest:
    created_at: str
    database_vendor: str
    database_file: str
    migrations: list[tuple[str, str]]
    row_counts: dict[str, int]
    # Member path in the archive → sha256, for the database file, the jobs and every stored
    # file ("files/<storage>/<name>").
    sha256: dict[str, str] = field(default_factory=dict)
    jobs: int = 0
    puebla_version: str = field(default_factory=lambda: metadata.version("puebla"))
    format: int = FORMAT

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=1, sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("the manifest is not an object")
        if data.get("format") != FORMAT:
            raise ValueError(f"an archive of format {data.get('format')}, not {FORMAT}")
        data["migrations"] = [tuple(pair) for pair in data["migrations"]]
        return cls(**data)

    def stored_files(self) -> dict[tuple[str, str], str]:
        """(storage alias, file name) → sha256."""
        found = {}
        for member, digest in self.sha256.items():
            if member.startswith("files/"):
                _files, alias, name = member.split("/", 2)
                found[(alias, name)] = digest
        return found
