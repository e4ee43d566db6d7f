"""An archive of another Puebla version (issue 32): one made by a newer Puebla, whose
migrations this one lacks, is refused with a message saying so, before anything is written;
one made by an older Puebla, its database at earlier migrations, is restored as it was and
migrated forward, its rows still there.

The older archive is made as an older Puebla would have made it: an organisation recorded, the
directory migrated back to before its latest migration (the Spanish name's source, and the
later migrations of other apps that depend on it), then `puebla backup`. Real processes on
throwaway data folders, on the suite's database engine: PostgreSQL restores with pg_restore
into an empty database, SQLite with its backup API.
"""

import contextlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest

from bench.database import fresh_database
from bench.server import PueblaServer
from tests.migrated import DATABASE_FILE, migrated_database

LATEST = ("directory", "0008_organisation_spanish_name_source")
EARLIER = "0007_fact_topics_and_civil_society_dialogue"
FUTURE = ("directory", "0099_from_a_later_puebla")
ORGANISATION = (
    "from puebla.directory.models import Organisation\n"
    "Organisation.objects.create(slug='red-de-retorno', name_es='Red de retorno', "
    "name_en='Return network', kind='civil_society', "
    "spanish_name_source='https://example.org/red')\n"
)
READ = (
    "from django.db.migrations.recorder import MigrationRecorder\n"
    "from puebla.directory.models import Organisation\n"
    "found = Organisation.objects.get(slug='red-de-retorno')\n"
    "print('organisation:', found.name_es, '|', found.name_en, '|', found.spanish_name_source)\n"
    f"print('latest:', MigrationRecorder.Migration.objects.filter(app='{LATEST[0]}', "
    f"name='{LATEST[1]}').exists())\n"
)


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """(an archive of this version, an archive of an older one), both of the suite's engine."""
    work = tmp_path_factory.mktemp("versions")
    with migrated_database(work / "source", "versionsrc") as url:
        source = PueblaServer(work / "source", database_url=url, name="source")
        source.command("shell", "-c", ORGANISATION)
        current = source.command("backup", "--to", str(work / "current")).stdout.split()[0]
        source.command("migrate", LATEST[0], EARLIER)
        older = source.command("backup", "--to", str(work / "older")).stdout.split()[0]
    return Path(current), Path(older)


def manifest_of(archive: Path) -> dict:
    with tarfile.open(archive) as opened:
        return json.loads(opened.extractfile("manifest.json").read())


def with_manifest(archive: Path, manifest: dict, into: Path) -> Path:
    """The archive with another manifest; the members it checks (every other) as they were."""
    changed = into / archive.name
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "manifest.json":
                content = json.dumps(manifest).encode()
                member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    return changed


def test_an_older_archive_lacks_the_latest_migration(archives):
    current, older = archives
    assert list(LATEST) in manifest_of(current)["migrations"]
    assert list(LATEST) not in manifest_of(older)["migrations"]


def test_an_archive_of_a_newer_puebla_is_refused_and_nothing_written(archives, tmp_path):
    current, _older = archives
    manifest = manifest_of(current)
    manifest["migrations"].append(list(FUTURE))
    manifest["puebla_version"] = "99.0"
    newer = with_manifest(current, manifest, tmp_path)
    target = PueblaServer(tmp_path / "target", name="target")  # SQLite: the engine is no matter
    with pytest.raises(RuntimeError) as refused:
        target.command("restore", str(newer))
    message = str(refused.value)
    assert "The archive was made by a newer Puebla (99.0)" in message
    assert str(FUTURE) in message
    assert "Restore it with that version or a later one." in message
    assert not (tmp_path / "target" / "documents").exists()
    with contextlib.closing(sqlite3.connect(tmp_path / "target" / DATABASE_FILE)) as database:
        assert database.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0


def test_an_archive_of_an_older_puebla_is_restored_and_migrated_forward(archives, tmp_path):
    _current, older = archives
    # An empty target of the archive's engine: a new PostgreSQL database, or a new data folder.
    with fresh_database("versiontarget") as url:
        target = PueblaServer(tmp_path / "target", database_url=url, name="target")
        restored = target.command("restore", str(older)).stdout
        assert "then migrated to this version" in restored
        read = target.command("shell", "-c", READ).stdout
    assert "organisation: Red de retorno | Return network | \n" in read  # its source: dropped
    assert "latest: True" in read
