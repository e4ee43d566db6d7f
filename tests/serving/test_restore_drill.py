"""The restore drill (issue 32), as `make drill` runs it, on migrated copies to save the
migrations' minute: on the SQLite suite SQLite → SQLite, on the PostgreSQL suite SQLite →
PostgreSQL and PostgreSQL → PostgreSQL. An instance with the RCM and demo data (accounts,
documents in both languages with their files, the Reserve Fund's encrypted cases, history) is
backed up while visitors read pages and a process writes rows; each restore is compared table
by table and file by file, and a member signs in and downloads the documents from it.

Then what a restore refuses: a damaged archive, and a target in use unless told to replace it.
"""

import contextlib
import io
import os
import sqlite3
import tarfile
from pathlib import Path

import pytest

from bench.server import PueblaServer
from drill.instance import MIGRANT_FAMILY_NAMES
from drill.run import drill, read_manifest
from tests.migrated import migrated_database_on

POSTGRES = os.environ.get("DATABASE_URL", "")
PATHS = ("sqlite>postgresql", "postgresql>postgresql") if POSTGRES else ("sqlite>sqlite",)


@contextlib.contextmanager
def migrated(engine: str, data_dir: Path, purpose: str):
    with migrated_database_on(POSTGRES if engine == "postgresql" else "", data_dir, purpose) as url:
        yield url


@pytest.fixture(scope="module")
def drilled(tmp_path_factory):
    work = tmp_path_factory.mktemp("drill")
    results = drill(work, PATHS, migrated, say=lambda line: None)
    # One archive per source: SQLite's, and on the PostgreSQL suite PostgreSQL's too.
    archives = sorted((work / "archives").glob("puebla-*.tar.gz"))
    assert len(archives) == len({path.split(">")[0] for path in PATHS})
    return work, results, archives


def test_every_restore_equals_the_original_and_serves_it(drilled):
    _work, results, archives = drilled
    manifest = read_manifest(archives[0])
    assert [result.path for result in results] == list(PATHS)
    for result in results:
        assert result.tables == len(manifest["row_counts"])
        assert result.rows > 3_000  # the RCM dataset, the plans, the demo records (3,866)
        # Six sample documents, a file in Spanish and one in English each.
        assert result.files >= 12
        assert result.downloads >= 4  # the members', participants', body's ... not public ones
        assert result.jobs > 0  # text extraction and invitation mail, waiting for a worker


@pytest.mark.parametrize("which", [0, -1])
def test_the_archive_holds_no_key_and_the_fund_stays_encrypted(drilled, tmp_path, which):
    _work, _results, archives = drilled
    with tarfile.open(archives[which]) as opened:
        names = opened.getnames()
        opened.extractall(tmp_path, filter="data")
    assert names[0] == "manifest.json"
    assert not [name for name in names if "key" in name.lower()]
    keys = [
        PueblaServer(tmp_path / "any").environment[name].encode()
        for name in ("MFA_ENCRYPTION_KEYS", "FUND_ENCRYPTION_KEYS", "SECRET_KEY")
    ]
    clear_name = MIGRANT_FAMILY_NAMES.encode()
    for path in tmp_path.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert not [key for key in keys if key in content], path
            assert clear_name not in content, path  # the migrant's name, encrypted only
    database = next((tmp_path / "database").iterdir())
    if database.suffix == ".sqlite3":
        with contextlib.closing(sqlite3.connect(database)) as opened:
            names = [row[0] for row in opened.execute("SELECT family_names FROM fund_identity")]
        assert names and all(name.startswith("gAAAAA") for name in names)


def damaged_copy(archive: Path, into: Path) -> tuple[Path, str]:
    """The archive with the first byte of one stored file changed, its manifest as it was;
    and that file's name in the archive."""
    damaged, changed = into / archive.name, ""
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if not changed and member.name.startswith("files/"):
                content, changed = bytes([content[0] ^ 0xFF]) + content[1:], member.name
            target.addfile(member, io.BytesIO(content))
    return damaged, changed


def test_a_damaged_archive_is_refused_before_anything_is_written(drilled, tmp_path):
    _work, _results, archives = drilled
    damaged, changed = damaged_copy(archives[0], tmp_path)
    target = PueblaServer(tmp_path / "target", name="target")
    with pytest.raises(RuntimeError) as refused:
        target.command("restore", str(damaged))
    assert f"{changed} is damaged" in str(refused.value)
    assert "Nothing was restored" in str(refused.value)
    assert not (tmp_path / "target" / "documents").exists()
    database = tmp_path / "target" / "puebla.sqlite3"
    if database.exists():
        with contextlib.closing(sqlite3.connect(database)) as opened:
            assert opened.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


@pytest.mark.skipif(bool(POSTGRES), reason="the SQLite target the drill left: SQLite suite")
def test_a_target_in_use_is_refused_unless_told_to_replace_it(drilled):
    work, _results, (archive,) = drilled
    target = PueblaServer(work / "target-sqlite-to-sqlite", name="again")
    with pytest.raises(RuntimeError) as refused:
        target.command("restore", str(archive))
    assert "The target is in use (" in str(refused.value)
    assert "accounts" in str(refused.value)
    assert "--replace" in str(refused.value)
    replaced = target.command("restore", str(archive), "--replace").stdout
    assert "counts checked" in replaced
