"""What an uploaded statistics file says, checked against its structure and round: every
problem at once (pandera, `lazy=True`), each with the row and column, or the cell of a
workbook, in the reader's language; the observations only when there is none.

The checks: the columns the template names; each dimension's codes from its code list; the
round's country (REF_AREA) and periods (TIME_PERIOD, as the structure's frequency writes
them); whole, non-negative counts (OBS_VALUE: with "," as the decimal mark in a ";" file, 12,0
is 12; a thousands separator is refused, since 1.234 could be either); "not available" said
as OBS_STATUS M with no value, which is not zero; a key given twice; and every total equal to
the sum of its parts given (a part not given counts as none; when a part is not available, the
total must be at least the sum of the others). A DATAFLOW column (SDMX-CSV) must name the
round's structure.
"""

import functools
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa
from django.utils.translation import gettext as _

from puebla.stats import periods
from puebla.stats.models import SERIES_KEY_SEPARATOR, DataStructure, Observation, Round
from puebla.stats.reading import Table

REF_AREA = "REF_AREA"
TIME_PERIOD = "TIME_PERIOD"
OBS_VALUE = "OBS_VALUE"
OBS_STATUS = "OBS_STATUS"
DATAFLOW = "DATAFLOW"
NOT_AVAILABLE = Observation.Status.NOT_AVAILABLE.value
REPORTED = Observation.Status.REPORTED.value
# Larger than any count of people a country reports, and within the database's 64-bit integer.
LARGEST_COUNT = 10**12
# The problems listed for one file; past this, the count of the rest.
SHOWN = 200
# Past this many rows with a problem, totals are not checked (which total each row belonged to
# is not worked out for so many).
UNCERTAIN_LIMIT = 1000


@dataclass(frozen=True)
class Problem:
    where: str  # "row 5, column SEX", "cell C5", "column AGE"; "" for the whole file
    message: str


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    # In the table's row order: observation i is the table's row i.
    observations: list[tuple[str, str, int | None, str]] = field(default_factory=list)
    # Changes to confirm before the figures are kept (puebla.stats.services).
    warnings: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class DimensionSpec:
    key: str
    list_key: str
    codes: frozenset[str]
    total: str | None  # the code that is the total of the others, when the list has one


def dimension_specs(structure: DataStructure) -> list[DimensionSpec]:
    specs = []
    for dimension in structure.dimensions.select_related("code_list").prefetch_related(
        "allowed", "code_list__codes"
    ):
        listed = list(dimension.code_list.codes.all())
        allowed = {code.code for code in dimension.allowed.all()} or {code.code for code in listed}
        total = next((code.code for code in listed if code.is_total and code.code in allowed), None)
        specs.append(
            DimensionSpec(dimension.key, dimension.code_list.key, frozenset(allowed), total)
        )
    return specs


def dataflow_id(structure: DataStructure) -> str:
    """The structure's name in SDMX-CSV's DATAFLOW column: "RCM:ENTRIES_EXITS(1.0)"."""
    return f"RCM:{structure.key}({structure.version}.0)"


def template_columns(structure: DataStructure) -> list[str]:
    return [
        REF_AREA,
        *(spec.key for spec in dimension_specs(structure)),
        TIME_PERIOD,
        OBS_VALUE,
        OBS_STATUS,
    ]


def check(table: Table, *, round: Round, country_code: str) -> Checked:
    """`table` checked for `country_code`'s submission to `round`."""
    structure = round.structure
    specs = dimension_specs(structure)
    required = [REF_AREA, *(spec.key for spec in specs), TIME_PERIOD, OBS_VALUE]
    missing = [column for column in required if column not in table.columns]
    if missing:
        expected = ", ".join([*required, OBS_STATUS])
        return Checked(
            problems=[
                Problem(
                    table.where(None, column),
                    _("The column %(column)s is missing. The file's columns are: %(expected)s.")
                    % {"column": column, "expected": expected},
                )
                for column in missing
            ]
        )
    if not table.rows:
        return Checked(problems=[Problem("", _("The file has no figures below its header."))])
    frame = _frame(table, specs)
    rules = _Rules(table, frame, specs, round=round, country_code=country_code)
    try:
        rules.schema().validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        return Checked(problems=rules.problems(errors.failure_cases))
    return Checked(observations=rules.observations())


def _frame(table: Table, specs: list[DimensionSpec]) -> pd.DataFrame:
    width = len(table.columns)
    rows = [row[:width] + [""] * (width - len(row)) for row in table.rows]
    frame = pd.DataFrame(rows, columns=table.columns, dtype=str)
    frame = frame.loc[:, ~frame.columns.duplicated()]
    if OBS_STATUS not in frame.columns:
        frame[OBS_STATUS] = ""
    frame[OBS_STATUS] = frame[OBS_STATUS].str.upper()
    parsed = [_count(text, table.decimal_mark) for text in frame[OBS_VALUE]]
    frame["_value"] = pd.array([value for value, _error in parsed], dtype="Int64")
    frame["_error"] = [error for _value, error in parsed]
    value_column = table.columns.index(OBS_VALUE)
    for row_index, column_index in table.formulas:
        if column_index == value_column:
            frame.loc[row_index, "_error"] = "formula"
    not_available = frame[OBS_STATUS] == NOT_AVAILABLE
    frame.loc[not_available & (frame[OBS_VALUE] == ""), "_error"] = ""
    frame.loc[not_available & (frame[OBS_VALUE] != ""), "_error"] = "status_with_value"
    return frame


def _count(text: str, decimal_mark: str) -> tuple[int | None, str]:
    """(the count, "") or (None, what is wrong with `text`)."""
    text = text.replace("\u00a0", "").replace(" ", "")
    if not text:
        return None, "empty"
    negative = text.startswith("-")
    digits = text.lstrip("+-")
    whole, mark, fraction = digits.partition(decimal_mark)
    other_mark = "," if decimal_mark == "." else "."
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if other_mark in whole:
        return None, "thousands" if whole.replace(other_mark, "").isdecimal() else "not_number"
    if not whole.isdecimal() or (mark and not fraction.isdecimal()):
        return None, "not_number"
    if fraction.strip("0"):
        return None, "decimal"
    if negative and int(whole):
        return None, "negative"
    if int(whole) > LARGEST_COUNT:
        return None, "too_large"
    return int(whole), ""


class _Rules:
    """The pandera schema of one file, and what its failures mean to a person."""

    def __init__(self, table, frame, specs, *, round, country_code):
        self.table = table
        self.frame = frame
        self.specs = specs
        self.round = round
        self.country_code = country_code
        self.frequency = round.structure.frequency
        self.periods = set(periods.periods_between(round.period_start, round.period_end))
        self.key_columns = [REF_AREA, *(spec.key for spec in specs), TIME_PERIOD]

    def schema(self) -> pa.DataFrameSchema:
        columns = {
            REF_AREA: pa.Column(str, self._check("country", lambda s: s == self.country_code)),
            TIME_PERIOD: pa.Column(
                str,
                [
                    self._check("period_format", lambda s: s.map(self._period).notna()),
                    self._check(
                        "period_outside",
                        lambda s: (
                            s.map(self._period).isna() | s.map(self._period).isin(self.periods)
                        ),
                    ),
                ],
            ),
            OBS_STATUS: pa.Column(
                str, self._check("status", lambda s: s.isin(["", REPORTED, NOT_AVAILABLE]))
            ),
        }
        for spec in self.specs:
            columns[spec.key] = pa.Column(
                str, self._check(f"code:{spec.key}", lambda s, codes=spec.codes: s.isin(codes))
            )
        if DATAFLOW in self.frame.columns:
            expected = dataflow_id(self.round.structure)
            columns[DATAFLOW] = pa.Column(
                str, self._check("dataflow", lambda s: (s == expected) | (s == ""))
            )
        frame_checks = [
            self._check(f"value:{kind}", lambda f, kind=kind: f["_error"] != kind)
            for kind in (
                "empty",
                "not_number",
                "negative",
                "decimal",
                "thousands",
                "too_large",
                "formula",
                "status_with_value",
            )
        ]
        frame_checks.append(self._check("duplicate", self._not_repeated))
        frame_checks += [
            self._check(f"total:{spec.key}", lambda f, spec=spec: self._total_holds(f, spec))
            for spec in self.specs
            if spec.total
        ]
        return pa.DataFrameSchema(columns, checks=frame_checks, strict=False, coerce=False)

    @staticmethod
    def _check(name: str, function) -> pa.Check:
        return pa.Check(function, name=name)

    def _period(self, text: str) -> str | None:
        return periods.parsed(text, self.frequency)

    # --- the frame's checks: a Series of booleans, False where a row fails

    def _not_repeated(self, frame: pd.DataFrame) -> pd.Series:
        keys = frame[self.key_columns].copy()
        keys[TIME_PERIOD] = keys[TIME_PERIOD].map(lambda text: self._period(text) or text)
        return ~keys.duplicated(keep="first")

    def _total_holds(self, frame: pd.DataFrame, spec: DimensionSpec) -> pd.Series:
        holds = pd.Series(True, index=frame.index)
        others = [column for column in self.key_columns if column != spec.key]
        rows = frame[self.usable]
        is_total = rows[spec.key] == spec.total
        parts = rows[~is_total].assign(_gap=rows[OBS_STATUS] == NOT_AVAILABLE)
        given = parts.groupby(others, dropna=False).agg(
            _given=("_value", "sum"), _gaps=("_gap", "any")
        )
        totals = rows[is_total & (rows[OBS_STATUS] != NOT_AVAILABLE)]
        compared = (
            totals[[*others, "_value"]]
            .reset_index()
            .merge(given.reset_index(), on=others, how="left")
            .set_index("index")
        )
        sums = compared["_given"].fillna(0).astype("int64")
        gaps = compared["_gaps"].astype("boolean").fillna(False).astype(bool)
        values = compared["_value"].astype("int64")
        right = (gaps & (values >= sums)) | (~gaps & (values == sums))
        holds.loc[compared.index] = right.to_numpy()
        uncertain = list(self._uncertain(frame, spec))
        holds.loc[uncertain] = True
        return holds

    @functools.cached_property
    def usable(self) -> pd.Series:
        """Rows whose key and value are good and said once: totals are summed from these."""
        good = self.frame["_error"] == ""
        for valid in self.valid_keys.values():
            good &= valid
        return good & self._not_repeated(self.frame)

    @functools.cached_property
    def valid_keys(self) -> dict[str, pd.Series]:
        """Per key column, the rows whose value there is one this file may hold."""
        frame = self.frame
        valid = {spec.key: frame[spec.key].isin(spec.codes) for spec in self.specs}
        valid[REF_AREA] = frame[REF_AREA] == self.country_code
        valid[TIME_PERIOD] = frame[TIME_PERIOD].map(self._period).isin(self.periods)
        return valid

    def _uncertain(self, frame: pd.DataFrame, spec: DimensionSpec) -> set:
        """The total rows by `spec` that a row with a problem may have been a part of: their
        sums are not checked, so that one wrong cell is reported once, not again as every total
        it is missing from. A part with a wrong value belongs to the total that matches its
        other columns; one with a wrong code, to any that matches the columns it has right."""
        valid = self.valid_keys
        broken = frame.index[(frame["_error"] != "") | ~pd.concat(valid, axis=1).all(axis=1)]
        if len(broken) > UNCERTAIN_LIMIT:
            return set(frame.index)  # too many to place: the totals wait for a cleaner file
        totals = frame[frame[spec.key] == spec.total]
        uncertain = set()
        for index in broken:
            row = frame.loc[index]
            compared = [
                column for column in self.key_columns if column != spec.key and valid[column][index]
            ]
            same = (totals[compared] == row[compared]).all(axis=1)
            uncertain.update(totals.index[same])
        return uncertain

    # --- failures, in words

    def problems(self, failures: pd.DataFrame) -> list[Problem]:
        seen, listed = set(), []
        failures = failures[failures["index"].notna()]
        for check_name, index in zip(failures["check"], failures["index"], strict=True):
            key = (check_name, int(index))
            if key in seen:
                continue
            seen.add(key)
            listed.append(key)
        listed.sort(key=lambda item: (item[1], item[0]))
        problems = [self._problem(name, index) for name, index in listed[:SHOWN]]
        if len(listed) > SHOWN:
            problems.append(
                Problem(
                    "",
                    _("%(count)s more problems are not listed: fix these and send the file again.")
                    % {"count": len(listed) - SHOWN},
                )
            )
        return problems

    def _problem(self, name: str, index: int) -> Problem:
        kind, _colon, detail = name.partition(":")
        row = self.frame.loc[index]
        where = self.table.where
        if kind == "code":
            spec = next(spec for spec in self.specs if spec.key == detail)
            value = row[detail]
            if not value:
                message = _("%(column)s is empty: write one of the codes of %(list)s.")
            else:
                message = _(
                    "“%(value)s” is not a code of %(list)s allowed in %(column)s: use one of the "
                    "codes the template lists."
                )
            return Problem(
                where(index, detail),
                message % {"column": detail, "value": value, "list": spec.list_key},
            )
        if kind == "value":
            return Problem(where(index, OBS_VALUE), self._value_message(detail, row))
        if kind == "total":
            return Problem(where(index, OBS_VALUE), self._total_message(detail, row))
        if kind == "duplicate":
            first = self._first_with_key(index)
            return Problem(
                where(index, None),
                _("This row repeats the key of row %(row)s: give each combination once.")
                % {"row": self.table.row_numbers[first]},
            )
        column, message = self._simple(kind, row)
        return Problem(where(index, column), message)

    def _simple(self, kind: str, row) -> tuple[str, str]:
        if kind == "country":
            return REF_AREA, _(
                "This file is %(expected)s's: REF_AREA says “%(value)s”. Write %(expected)s, or "
                "send the file from that country's account."
            ) % {"expected": self.country_code, "value": row[REF_AREA]}
        if kind == "period_format":
            example = "2026-01" if self.frequency == DataStructure.Frequency.MONTHLY else "2026-Q1"
            return TIME_PERIOD, _(
                "“%(value)s” is not a period of this structure: write it as %(example)s."
            ) % {"value": row[TIME_PERIOD], "example": example}
        if kind == "period_outside":
            return TIME_PERIOD, _(
                "%(value)s is not one of this round's periods (%(first)s to %(last)s)."
            ) % {
                "value": row[TIME_PERIOD],
                "first": self.round.period_start,
                "last": self.round.period_end,
            }
        if kind == "status":
            return OBS_STATUS, _(
                "“%(value)s” is not a status: leave OBS_STATUS empty for a figure, or write M "
                "when the figure is not available."
            ) % {"value": row[OBS_STATUS]}
        return DATAFLOW, _("This file is for the dataflow “%(value)s”, not %(expected)s.") % {
            "value": row[DATAFLOW],
            "expected": dataflow_id(self.round.structure),
        }

    def _value_message(self, kind: str, row) -> str:
        value = row[OBS_VALUE]
        messages = {
            "empty": _(
                "The value is empty: write 0 when there were none, or write M in OBS_STATUS "
                "when the figure is not available."
            ),
            "not_number": _("“%(value)s” is not a number: write a whole count, such as 12."),
            "negative": _("“%(value)s” is negative: a count is 0 or more."),
            "decimal": _("“%(value)s” has decimals: a count is a whole number."),
            "too_large": _("“%(value)s” is too large for a count: check the figure."),
            "thousands": _(
                "“%(value)s”: write the number without a thousands separator, such as 1234."
            ),
            "formula": _(
                "This cell holds a formula whose result was never saved: open the file in a "
                "spreadsheet, save it and send it again, or type the value."
            ),
            "status_with_value": _(
                "OBS_STATUS says M (not available), yet the value is “%(value)s”: remove one "
                "of the two."
            ),
        }
        return (
            messages[kind] % {"value": value} if "%(value)s" in messages[kind] else messages[kind]
        )

    def _total_message(self, key: str, row) -> str:
        others = [column for column in self.key_columns if column != key]
        rows = self.frame[self.usable]
        same = (rows[others] == row[others]).all(axis=1) & (rows[key] != row[key])
        parts = rows[same]
        given = int(parts["_value"].sum())
        values = {"total": int(row["_value"]), "sum": given, "column": key}
        if (parts[OBS_STATUS] == NOT_AVAILABLE).any():
            return (
                _(
                    "The total by %(column)s, %(total)s, is less than the sum of its parts given, "
                    "%(sum)s."
                )
                % values
            )
        return (
            _("The total by %(column)s, %(total)s, is not the sum of its parts, %(sum)s.") % values
        )

    def _first_with_key(self, index: int) -> int:
        frame = self.frame
        keys = frame[self.key_columns]
        same = (keys == keys.loc[index]).all(axis=1)
        return int(frame.index[same][0])

    # --- a valid file's figures

    def observations(self) -> list[tuple[str, str, int | None, str]]:
        frame = self.frame
        first, *rest = [frame[spec.key] for spec in self.specs]
        series = first.str.cat(rest, sep=SERIES_KEY_SEPARATOR) if rest else first
        return [
            (
                key,
                self._period(period),
                None if status == NOT_AVAILABLE else int(value),
                NOT_AVAILABLE if status == NOT_AVAILABLE else REPORTED,
            )
            for key, period, value, status in zip(
                series, frame[TIME_PERIOD], frame["_value"], frame[OBS_STATUS], strict=True
            )
        ]
