"""Reading one cell of a Plan of Action table: pure functions, no database.

A cell of the source table holds several numbered items one after the other ("1.1 To exchange
... 1.2 To consider ..."). `split_cell` cuts it where a number of the column's depth begins
(objectives "7.", actions "7.1", activities "7.1.2", schedule lines "7.1.2.1") and keeps every
character: the segments' `raw` texts joined give the cell back exactly. Text before the first
number is an unnumbered segment; text after a number belongs to that number's item (the source
cannot say otherwise). A number is never invented.

`<i>...</i>` is the source's bold-italics markup ("active, ongoing, or pending input"): it is
kept in the text and reported by `is_marked`.
"""

import re
from dataclasses import dataclass

# The depth of the numbers each column holds (TOPICS has none).
DEPTHS = {"objectives": 1, "actions": 2, "activities": 3, "schedule": 4}

MARKUP = re.compile(r"</?i>", re.IGNORECASE)
_NUMBERS = {
    # An objective's number ends with a dot ("7."), so a year inside a text ("1948 and")
    # is not taken for one; deeper numbers may or may not ("2.4.1." and "2.4.1").
    1: re.compile(r"(?<!\S)(?:<i>\s*)?(?P<number>\d{1,3})\.(?=\s|$)", re.IGNORECASE),
    **{
        depth: re.compile(
            r"(?<!\S)(?:<i>\s*)?(?P<number>\d{1,3}(?:\.\d{1,3}){"
            + str(depth - 1)
            + r"})\.?(?=\s|$)",
            re.IGNORECASE,
        )
        for depth in (2, 3, 4)
    },
}
NOTE = re.compile(r"\bNOTE\s*:", re.IGNORECASE)
REMOVAL = re.compile(
    r"\bpropos\w*\s+(?:eliminat|remov|delet|drop)\w*"
    r"|\bpropone\s+(?:eliminar|suprimir|retirar)",
    re.IGNORECASE,
)
OBJECTIVE_REFERENCE = re.compile(
    r"\bobje(?:ctive|tivo)\s+(?P<number>\d{1,3})\b"
    r"(?:\s+(?:of|del)\s+(?:the\s+)?(?:topic|tema)\s+[\"“«](?P<topic>[^\"”»]+)[\"”»])?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    raw: str  # exactly as in the cell, number and surrounding spaces included
    number: str | None  # "7.1.2" (a trailing dot dropped), None when unnumbered
    cut: tuple[int, int] = (0, 0)  # where the number (and its trailing dot) sits in raw

    @property
    def text(self) -> str:
        """The item's text: the raw text without its number, spaces trimmed at both ends."""
        start, end = self.cut
        return (self.raw[:start] + self.raw[end:]).strip()

    @property
    def is_blank(self) -> bool:
        return not self.raw.strip()


def split_cell(cell: str, depth: int) -> list[Segment]:
    """Cut `cell` into items at each number of `depth` components. Never loses a character:
    `"".join(s.raw for s in split_cell(c, d)) == c`. Blank text before the first number
    joins the first item; a blank cell gives no segment."""
    if not cell:
        return []
    pattern = _NUMBERS[depth]
    starts = [match.start() for match in pattern.finditer(cell)]
    if not starts or cell[: starts[0]].strip():
        starts.insert(0, 0)
    else:
        starts[0] = 0  # leading spaces join the first numbered item
    segments = []
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(cell)
        raw = cell[start:end]
        match = pattern.match(raw, len(raw) - len(raw.lstrip()))
        if match is None:
            segments.append(Segment(raw=raw, number=None))
            continue
        end = match.end("number")
        if raw[end : end + 1] == ".":  # the trailing dot belongs to the number, not the text
            end += 1
        segments.append(
            Segment(raw=raw, number=match.group("number"), cut=(match.start("number"), end))
        )
    return segments


def is_marked(text: str) -> bool:
    return bool(MARKUP.search(text))


def without_markup(text: str) -> str:
    return MARKUP.sub("", text)


def has_note(text: str) -> bool:
    return bool(NOTE.search(text))


def proposes_removal(text: str) -> bool:
    return bool(REMOVAL.search(text))


def objective_references(text: str) -> list[tuple[str, str | None]]:
    """(objective number, topic name or None) for each "objective 12 of the topic "X"" in a
    text: references the importer checks against the plan."""
    return [
        (match.group("number"), match.group("topic"))
        for match in OBJECTIVE_REFERENCE.finditer(without_markup(text))
    ]


def parent_number(number: str) -> str | None:
    """ "7.1.2" -> "7.1"; "7" -> None."""
    return number.rsplit(".", 1)[0] if "." in number else None


def last_part(number: str) -> int:
    return int(number.rsplit(".", 1)[-1])


def words(name: str) -> frozenset[str]:
    """A theme name's words, case and order aside: "Policy and Migration Management" and
    "MIGRATION POLICY AND MANAGEMENT" name the same theme."""
    return frozenset(re.findall(r"\w+", without_markup(name).casefold()))
