"""What `puebla restore` reads before it writes anything: an archive from elsewhere may be
damaged or hostile. Any bytes, a member that climbs out of the folder, a link, a manifest that
is not one: each is refused with a message, and nothing is written outside the work folder."""

import io
import json
import tarfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from puebla.backups.archive import _unpack
from puebla.backups.database import BackupFailed


def archive_of(tmp_path, members: dict[str, bytes], *, link: tuple[str, str] | None = None):
    path = tmp_path / "puebla-20261207T080000Z.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        if link:
            info = tarfile.TarInfo(link[0])
            info.type, info.linkname = tarfile.SYMTYPE, link[1]
            archive.addfile(info)
    return path


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=4096))
def test_any_bytes_are_refused_with_a_message(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("bytes")
    path = folder / "archive.tar.gz"
    path.write_bytes(content)
    with pytest.raises(BackupFailed, match="not a Puebla archive, or is damaged"):
        _unpack(path, folder / "into")


def test_a_member_outside_the_folder_is_refused_and_not_written(tmp_path):
    path = archive_of(tmp_path, {"manifest.json": b"{}", "../../escaped.txt": b"x"})
    with pytest.raises(BackupFailed):
        _unpack(path, tmp_path / "into")
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_a_link_out_of_the_folder_is_refused(tmp_path):
    path = archive_of(tmp_path, {"manifest.json": b"{}"}, link=("files/documents/x", "/etc/passwd"))
    with pytest.raises(BackupFailed):
        _unpack(path, tmp_path / "into")


@pytest.mark.parametrize(
    "manifest",
    [b"not json", b"[]", json.dumps({"format": 99}).encode(), json.dumps({"format": 1}).encode()],
)
def test_a_manifest_that_is_not_one_is_refused(tmp_path, manifest):
    path = archive_of(tmp_path, {"manifest.json": manifest})
    with pytest.raises(BackupFailed, match="not a Puebla archive"):
        _unpack(path, tmp_path / "into")


def test_no_archive_at_the_path_is_said_so(tmp_path):
    with pytest.raises(BackupFailed, match="There is no archive at"):
        _unpack(tmp_path / "missing.tar.gz", tmp_path / "into")
