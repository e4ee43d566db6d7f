"""The cell splitter: numbered items in any order, missing or repeated numbers, stray markup
and blank cells never crash it and never lose a character of text."""

import re

from hypothesis import given
from hypothesis import strategies as st

from puebla.planning.cells import (
    objective_references,
    parent_number,
    proposes_removal,
    split_cell,
    words,
)

# Item texts: words, punctuation and markup, but no free-standing numbers (those would be
# items of their own); years and quantities glued to words are allowed.
WORD = st.one_of(
    st.from_regex(r"[A-Za-zÁÉÍÓÚáéíóúñÑ]{1,9}[,;:.]?", fullmatch=True),
    st.sampled_from(
        ["<i>", "</i>", "\u2013", "\u2014", "-", '"', "(IOM)", "U.S.", "RCGM,", "2005,"]
    ),
)
# An opening tag right before a number belongs to the item that number starts, so a
# generated text does not end with one.
TEXT = st.lists(WORD, min_size=1, max_size=8).map(" ".join).filter(lambda t: not t.endswith("<i>"))
SPACE = st.sampled_from([" ", "  ", "\n", " \n ", "\t"])


def numbers(depth):
    part = st.integers(min_value=1, max_value=30)
    return st.lists(part, min_size=depth, max_size=depth).map(
        lambda parts: ".".join(map(str, parts))
    )


@st.composite
def cells(draw):
    depth = draw(st.integers(min_value=1, max_value=4))
    items = draw(st.lists(st.tuples(numbers(depth), st.booleans(), TEXT), min_size=0, max_size=6))
    lead = draw(st.one_of(st.just(""), TEXT))
    parts = [lead] if lead else []
    for number, trailing_dot, text in items:
        written = f"{number}." if depth == 1 or trailing_dot else number
        parts.append(f"{written} {text}")
    cell = draw(SPACE).join(parts) if parts else draw(st.sampled_from(["", " ", "\n"]))
    return depth, lead, items, cell


def non_space(text: str) -> str:
    return re.sub(r"\s", "", text)


@given(cells())
def test_the_segments_give_the_cell_back_and_find_every_number(case):
    depth, lead, items, cell = case
    segments = split_cell(cell, depth)
    assert "".join(segment.raw for segment in segments) == cell
    found = [segment.number for segment in segments if segment.number is not None]
    assert found == [number for number, _dot, _text in items]  # any order, repeats kept
    unnumbered = [s for s in segments if s.number is None and not s.is_blank]
    assert len(unnumbered) == (1 if lead else 0)
    for segment, (number, _dot, text) in zip(
        [s for s in segments if s.number is not None], items, strict=True
    ):
        assert non_space(segment.text) == non_space(text)
        assert segment.number == number


@given(st.text(), st.integers(min_value=1, max_value=4))
def test_any_text_never_crashes_and_loses_nothing(cell, depth):
    segments = split_cell(cell, depth)
    assert "".join(segment.raw for segment in segments) == cell
    for segment in segments:
        # The text is the raw text less its number (and the number's dot), trimmed.
        kept = non_space(segment.text)
        raw = non_space(segment.raw)
        if segment.number is None:
            assert kept == raw
        else:
            assert len(raw) - len(kept) in {len(segment.number), len(segment.number) + 1}
            assert segment.number in raw


def test_the_seeds_cells():
    cell = (
        "1.1.1.1 Ongoing 1.2.1.1 Ongoing 1.2.1.1. The following workshop will be held in "
        "Guatemala, dates to be defined"
    )
    assert [(s.number, s.text) for s in split_cell(cell, 4)] == [
        ("1.1.1.1", "Ongoing"),
        ("1.2.1.1", "Ongoing"),
        ("1.2.1.1", "The following workshop will be held in Guatemala, dates to be defined"),
    ]
    # A year in an objective's text is not an objective: objectives are written "1."
    objective = "1. To fully respect ... Universal Declaration of Human Rights of 1948 and other"
    assert [s.number for s in split_cell(objective, 1)] == ["1"]
    # Text before the first number is kept as an unnumbered item.
    cell = "<i>Refer to the work plan for the Traffic Network</i>"
    assert [(s.number, s.text) for s in split_cell(cell, 3)] == [(None, cell)]
    # A number right after the opening markup starts an item; the markup stays with it.
    assert [(s.number, s.text) for s in split_cell("<i>2.1.2 To train</i>", 3)] == [
        ("2.1.2", "<i> To train</i>")
    ]
    assert split_cell("", 2) == []


def test_notes_references_and_names():
    assert proposes_removal("NOTE: THE TS PROPOSES ELIMINATING THIS OBJECTIVE FROM THE PLAN")
    assert not proposes_removal("Honduras and RNCOM proposed a seminar on human rights")
    assert objective_references(
        'See activities under objective 12 of the topic "Policy and Migration Management" of '
        "this Plan of Action."
    ) == [("12", "Policy and Migration Management")]
    assert words("Policy and Migration Management") == words("MIGRATION POLICY AND MANAGEMENT")
    assert parent_number("7.1.2") == "7.1"
    assert parent_number("7") is None
