"""`puebla load-rcm --folder FOLDER` (the load_rcm command) on a dataset from elsewhere: the
shipped RCM dataset with one file replaced by random bytes, damaged, or with one record's value
made hostile (NUL, a huge number, a list where text goes, a date that is none). The command
either loads it or refuses it with its list of problems and writes nothing: never an unhandled
exception. Each example loads the whole dataset (seconds): two in the normal suite, fifty under
`make scan`. tests/core/test_datasets.py checks the loader itself on any content of one file;
this checks the command an operator runs, on the real dataset."""

import shutil

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command
from hypothesis import event, example, given
from hypothesis import strategies as st

from puebla.core import dataset_files
from tests.hostile import hostile_settings, inputs
from tests.hostile.kept import assert_nothing_written, rolled_back

pytestmark = pytest.mark.django_db

FILES = [dataset_file.name for dataset_file in dataset_files.installed()]
VALUES = st.one_of(
    inputs.form_text,
    st.sampled_from(["a\x00b", 10**30, -1, 3.5, True, None, [], ["x", 1], {"es": 1}, "2026-02-30"]),
    st.dictionaries(st.sampled_from(["es", "en", "fr"]), inputs.form_text, max_size=2),
)


def shipped(name: str) -> bytes:
    return (settings.RCM_DATASET_DIR / name).read_bytes()


@st.composite
def hostile_value(draw, content: bytes) -> bytes:
    """`content` (a dataset file) with one field of one record given a hostile value."""
    data = yaml.safe_load(content)
    records = next((value for value in data.values() if isinstance(value, list)), [])
    if not records:
        return content
    record = draw(st.sampled_from(records))
    if isinstance(record, dict) and record:
        record[draw(st.sampled_from(sorted(record)))] = draw(VALUES)
    return yaml.safe_dump(data, allow_unicode=True).encode()


@st.composite
def hostile_datasets(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    how = draw(st.sampled_from(["value", "value", "damaged", "bytes"]))
    if how == "value":
        return name, draw(hostile_value(shipped(name)))
    if how == "damaged":
        return name, draw(inputs.damaged(shipped(name)))
    return name, draw(st.binary(max_size=512))


def with_nul() -> tuple[str, bytes]:
    """A notice whose key holds NUL (YAML's "\\0"): PostgreSQL keeps no NUL in text, and the
    load failed there with a database error instead of its list of problems."""
    content = yaml.safe_load(shipped("notices.yaml"))
    content["notices"][0]["slug"] = "a\x00b"
    return "notices.yaml", yaml.safe_dump(content, allow_unicode=True).encode()


@hostile_settings(2, scanned=50)  # a whole load is seconds
@given(dataset_file=hostile_datasets())
@example(dataset_file=with_nul())
def test_a_hostile_dataset_is_loaded_or_refused_whole(tmp_path, dataset_file):
    name, replaced = dataset_file
    folder = tmp_path / "dataset"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(settings.RCM_DATASET_DIR, folder)
    (folder / name).write_bytes(replaced)
    with rolled_back() as before:
        try:
            call_command("load_rcm", "--folder", str(folder), verbosity=0)
        except CommandError as refused:
            event("refused")
            assert "nothing was written" in str(refused)
            assert_nothing_written(before)
        else:
            event("loaded")
