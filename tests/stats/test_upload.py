"""A country's figures uploaded for a round: kept as its draft when the file is good; every
problem listed, with its row and column (its cell in a workbook), in the reader's language,
and nothing written, when it is not."""

import datetime
import hashlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from puebla.followup.models import Answer
from puebla.followup.requests import services as requests
from puebla.stats import services
from puebla.stats.models import Observation, Submission
from tests.followup.factories import country, person
from tests.stats.conftest import ENTRIES_EXITS, RETURNS
from tests.stats.files import csv_file, figures, sdmx_csv_file, xlsx_file

pytestmark = pytest.mark.django_db

JANUARY = ["2026-01"]


def upload(round, by, file, code="CR"):
    return services.submission_upload(round=round, country=country(code), by=by, upload=file)


def test_a_good_file_becomes_the_country_draft(monthly_round, focal_point):
    rows = figures(ENTRIES_EXITS, ["2026-01", "2026-02"])
    file = csv_file(rows)
    submission, checked = upload(monthly_round, focal_point, file)
    assert checked.valid and submission is not None
    assert submission.rows == len(rows) == Observation.objects.count()
    stored = {(o.series_key, o.period): (o.value, o.status) for o in submission.observations.all()}
    first = rows[0]
    key = ".".join(first[column] for column in ENTRIES_EXITS)
    assert stored[(key, "2026-01")] == (int(first["OBS_VALUE"]), "A")
    file.seek(0)
    content = file.read()
    assert submission.original_file.read() == content
    assert submission.sha256 == hashlib.sha256(content).hexdigest()
    assert submission.original_name == "cifras.csv" and submission.uploaded_by == focal_point
    # The round's request for input counts Costa Rica as started.
    answer = Answer.objects.get(request=monthly_round.request, owner_country=country("CR"))
    assert answer.state == "draft" and "cifras.csv" in answer.text


def test_a_second_file_replaces_the_draft_and_its_file(monthly_round, focal_point):
    first, _checked = upload(monthly_round, focal_point, csv_file(figures(ENTRIES_EXITS, JANUARY)))
    old_name = first.original_file.name
    storage = first.original_file.storage
    rows = figures(ENTRIES_EXITS, ["2026-03"], seed=3)
    second, _checked = upload(monthly_round, focal_point, csv_file(rows, name="marzo.csv"))
    assert second.pk == first.pk and second.version == 2
    assert set(second.observations.values_list("period", flat=True)) == {"2026-03"}
    assert Observation.objects.count() == len(rows)
    assert second.original_name == "marzo.csv"
    assert storage.exists(second.original_file.name)
    # The replaced file goes when the transaction commits (tests run inside one).
    assert old_name != second.original_file.name


def sdmx(rows):
    return sdmx_csv_file(rows, "RCM:ENTRIES_EXITS(1.0)")


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda rows: csv_file(rows), id="csv comma"),
        pytest.param(lambda rows: csv_file(rows, delimiter=";"), id="csv semicolon"),
        pytest.param(lambda rows: csv_file(rows, bom=True), id="csv with BOM"),
        pytest.param(
            lambda rows: csv_file(rows, delimiter=";", encoding="cp1252"), id="csv Windows-1252"
        ),
        pytest.param(lambda rows: xlsx_file(rows), id="xlsx"),
        pytest.param(sdmx, id="SDMX-CSV"),
    ],
)
def test_dialects_and_formats(monthly_round, focal_point, make):
    rows = figures(ENTRIES_EXITS, JANUARY)
    submission, checked = upload(monthly_round, focal_point, make(rows))
    assert checked.problems == []
    assert submission.rows == len(rows)
    values = dict(submission.observations.values_list("series_key", "value"))
    assert sum(values.values()) == sum(int(row["OBS_VALUE"]) for row in rows)


def test_decimal_comma_and_monthly_forms(monthly_round, focal_point):
    rows = figures(ENTRIES_EXITS, JANUARY, values=lambda choose: 0)
    rows[0]["OBS_VALUE"] = "0,00"  # a whole count, as a ";" file writes it
    for row in rows:
        row["TIME_PERIOD"] = "2026-M01"
    submission, checked = upload(monthly_round, focal_point, csv_file(rows, delimiter=";"))
    assert checked.valid
    assert set(submission.observations.values_list("period", flat=True)) == {"2026-01"}


def test_zero_and_not_available_differ(monthly_round, focal_point):
    rows = figures(ENTRIES_EXITS, JANUARY, values=lambda choose: 0)
    part = next(i for i, row in enumerate(rows) if "_T" not in row.values())
    rows[part].update(OBS_VALUE="", OBS_STATUS="M")
    submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert checked.valid
    statuses = list(submission.observations.values_list("value", "status"))
    assert statuses.count((None, "M")) == 1
    assert statuses.count((0, "A")) == len(rows) - 1


def first_part(rows):
    """The index of the first row with no total in it."""
    return next(index for index, row in enumerate(rows) if "_T" not in row.values())


def set_cell(column, value, index=None):
    def change(rows):
        rows[first_part(rows) if index is None else index][column] = value
        return rows

    return change


def repeat_row(rows):
    return [*rows, dict(rows[5])]


def raise_a_total(rows):
    index = next(
        i
        for i, row in enumerate(rows)
        if row["SEX"] == "_T" and "_T" not in (row["NATIONALITY"], row["AGE"])
    )
    rows[index]["OBS_VALUE"] = str(int(rows[index]["OBS_VALUE"]) + 1)
    return rows


def drop_column(rows):
    return [{key: value for key, value in row.items() if key != "AGE"} for row in rows]


# (change, English, Spanish, the place named: for the first part's row, file row 2 + index)
BAD_FILES = [
    (
        set_cell("NATIONALITY", "XYZ"),
        "“XYZ” is not a code of CL_AREA allowed in NATIONALITY",
        "«XYZ» no es un código de CL_AREA admitido en NATIONALITY",
        "NATIONALITY",
    ),
    (
        set_cell("FLOW", "RETURN"),
        "“RETURN” is not a code of CL_FLOW allowed in FLOW",
        "«RETURN» no es un código de CL_FLOW admitido en FLOW",
        "FLOW",
    ),
    (set_cell("SEX", ""), "SEX is empty", "SEX está vacía", "SEX"),
    (raise_a_total, "is not the sum of its parts", "no es la suma de sus partes", "OBS_VALUE"),
    (repeat_row, "repeats the key of row 7", "repite la clave de la fila 7", None),
    (set_cell("OBS_VALUE", "-3"), "“-3” is negative", "«-3» es negativo", "OBS_VALUE"),
    (set_cell("OBS_VALUE", "2.5"), "“2.5” has decimals", "«2.5» tiene decimales", "OBS_VALUE"),
    (
        set_cell("OBS_VALUE", "1,234"),
        "without a thousands separator",
        "sin separador de miles",
        "OBS_VALUE",
    ),
    (
        set_cell("OBS_VALUE", "doce"),
        "“doce” is not a number",
        "«doce» no es un número",
        "OBS_VALUE",
    ),
    (set_cell("OBS_VALUE", "²"), "“²” is not a number", "«²» no es un número", "OBS_VALUE"),
    (
        set_cell("OBS_VALUE", "9" * 30),
        "is too large for a count",
        "es demasiado grande para un conteo",
        "OBS_VALUE",
    ),
    (
        set_cell("OBS_VALUE", ""),
        "write 0 when there were none",
        "escriba 0 si no hubo",
        "OBS_VALUE",
    ),
    (set_cell("REF_AREA", "GTM"), "This file is CRI's", "Este archivo es de CRI", "REF_AREA"),
    (
        set_cell("TIME_PERIOD", "2025-12"),
        "is not one of this round's periods",
        "no es uno de los periodos de esta ronda",
        "TIME_PERIOD",
    ),
    (
        set_cell("TIME_PERIOD", "2026-Q1"),
        "write it as 2026-01",
        "escríbalo como 2026-01",
        "TIME_PERIOD",
    ),
    (set_cell("OBS_STATUS", "X"), "“X” is not a status", "«X» no es un estado", "OBS_STATUS"),
    (
        set_cell("OBS_STATUS", "M"),
        "OBS_STATUS says M (not available), yet the value is",
        "OBS_STATUS dice M (no disponible), pero el valor es",
        "OBS_VALUE",
    ),
]


@pytest.mark.parametrize(("change", "english", "spanish", "column"), BAD_FILES)
def test_a_bad_file_is_refused_whole_in_either_language(
    monthly_round, focal_point, change, english, spanish, column
):
    kept, _checked = upload(
        monthly_round, focal_point, csv_file(figures(ENTRIES_EXITS, ["2026-02"]))
    )
    before = list(Observation.objects.values_list("series_key", "period", "value"))
    for language, expected in (("en", english), ("es", spanish)):
        rows = change(figures(ENTRIES_EXITS, JANUARY))
        with translation.override(language):
            submission, checked = upload(monthly_round, focal_point, csv_file(rows))
        assert submission is None
        messages = [problem.message for problem in checked.problems]
        assert any(expected in message for message in messages), messages
        if column:
            problem = next(p for p in checked.problems if expected in p.message)
            assert column in problem.where
    # Nothing written: the earlier draft, its figures and its file stay as they were.
    assert list(Observation.objects.values_list("series_key", "period", "value")) == before
    assert Submission.objects.get().version == kept.version == 1


def test_the_place_of_each_problem(monthly_round, focal_point, english):
    rows = figures(ENTRIES_EXITS, JANUARY)
    index = first_part(rows)
    rows[index]["AGE"] = "Y99"
    rows[index + 1]["OBS_VALUE"] = "-1"
    _submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    places = {problem.where for problem in checked.problems}
    assert f"row {index + 2}, column AGE" in places
    assert f"row {index + 3}, column OBS_VALUE" in places


def test_a_workbook_names_the_cell(monthly_round, focal_point, english):
    rows = figures(ENTRIES_EXITS, JANUARY)
    index = first_part(rows)
    rows[index]["SEX"] = "X"
    formula = {(index + 1, "OBS_VALUE"): "=SUM(F2:F3)"}
    _submission, checked = upload(monthly_round, focal_point, xlsx_file(rows, formulas=formula))
    found = {problem.where: problem.message for problem in checked.problems}
    assert "is not a code of CL_SEX" in found[f"cell D{index + 2}"]
    assert "formula whose result was never saved" in found[f"cell G{index + 3}"]


def test_a_missing_column_is_named_with_the_columns_expected(monthly_round, focal_point, english):
    rows = drop_column(figures(ENTRIES_EXITS, JANUARY))
    submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert submission is None
    assert [problem.message for problem in checked.problems] == [
        "The column AGE is missing. The file's columns are: REF_AREA, FLOW, NATIONALITY, SEX, "
        "AGE, TIME_PERIOD, OBS_VALUE, OBS_STATUS."
    ]


def test_another_dataflow_is_refused(monthly_round, focal_point, english):
    rows = figures(ENTRIES_EXITS, JANUARY)
    _submission, checked = upload(
        monthly_round, focal_point, sdmx_csv_file(rows, "RCM:RETURNS(1.0)")
    )
    assert "not RCM:ENTRIES_EXITS(1.0)" in checked.problems[0].message


def test_many_problems_are_counted_past_the_list(monthly_round, focal_point, english):
    rows = figures(ENTRIES_EXITS, ["2026-01", "2026-02", "2026-03"])
    for row in rows:
        row["REF_AREA"] = "PAN"
    _submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert len(checked.problems) == 201
    assert checked.problems[-1].message.startswith(f"{len(rows) - 200} more problems")


def test_not_a_table(monthly_round, focal_point, english):
    from tests.followup.factories import pdf

    _submission, checked = upload(monthly_round, focal_point, pdf())
    assert "is not a CSV or Excel (XLSX) file" in checked.problems[0].message


def test_quarterly_returns(quarterly_round, focal_point):
    rows = figures(RETURNS, ["2026-Q1", "2026-Q2"])
    submission, checked = upload(quarterly_round, focal_point, csv_file(rows))
    assert checked.valid and submission.rows == len(rows)


def test_who_may_upload(monthly_round, focal_point, secretariat, english):
    rows = figures(ENTRIES_EXITS, JANUARY)
    with pytest.raises(ValidationError, match="Only the focal points of"):
        upload(monthly_round, person("CR"), csv_file(rows))  # an official, not a focal point
    with pytest.raises(ValidationError, match="Only the focal points of"):
        upload(monthly_round, person("GT", focal=True), csv_file(rows))
    with pytest.raises(ValidationError, match="not addressed to"):
        upload(monthly_round, person("MX", focal=True), csv_file(rows, name="mx.csv"), "MX")
    submission, _checked = upload(monthly_round, secretariat, csv_file(rows))  # on CR's behalf
    assert submission.uploaded_by == secretariat
    assert Submission.objects.visible_to(person("CR")).count() == 1
    assert Submission.objects.visible_to(person("GT")).count() == 0
    assert Observation.objects.visible_to(person("GT")).count() == 0


def test_approved_figures_do_not_change(monthly_round, focal_point, secretariat, english):
    rows = figures(ENTRIES_EXITS, JANUARY)
    upload(monthly_round, focal_point, csv_file(rows))
    answer = requests.answer_submit(
        request=monthly_round.request, country=country("CR"), by=focal_point
    )
    requests.answer_accept(answer=answer, by=secretariat)
    with pytest.raises(ValidationError, match="were approved and can no longer change"):
        upload(monthly_round, focal_point, csv_file(figures(ENTRIES_EXITS, JANUARY, seed=9)))
    assert Submission.objects.get().version == 1


def test_a_closed_round_takes_no_late_figures(secretariat, focal_point, english):
    from puebla.stats.models import DataStructure

    round = services.round_create(
        by=secretariat,
        structure=DataStructure.objects.get(key="ENTRIES_EXITS"),
        period_start="2026-01",
        period_end="2026-01",
        due_date=timezone.localdate() + datetime.timedelta(days=1),
        countries=[country("CR")],
        late_rule="closed",
    )
    with pytest.raises(ValidationError, match="takes no late figures"):
        services.submission_upload(
            round=round,
            country=country("CR"),
            by=focal_point,
            upload=csv_file(figures(ENTRIES_EXITS, JANUARY)),
            now=round.request.closes_at,
        )
    assert not Submission.objects.exists()


def test_approved_figures_reopen_only_with_a_reason(
    monthly_round, focal_point, secretariat, english, django_capture_on_commit_callbacks
):
    from django.core import mail

    upload(monthly_round, focal_point, csv_file(figures(ENTRIES_EXITS, JANUARY)))
    answer = requests.answer_submit(
        request=monthly_round.request, country=country("CR"), by=focal_point
    )
    answer = requests.answer_accept(answer=answer, by=secretariat)
    with pytest.raises(ValidationError, match="Say why the answer is reopened"):
        requests.answer_reopen(answer=answer, by=secretariat, reason="  ")
    with pytest.raises(ValidationError, match="Only the Technical Secretariat reopens"):
        requests.answer_reopen(answer=answer, by=focal_point, reason="Mine")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = requests.answer_reopen(
            answer=answer, by=secretariat, reason="March's entries were counted twice."
        )
    assert answer.state == "returned" and answer.published_at is None
    last = answer.transitions.order_by("pk").last()
    assert (last.from_state, last.to_state, last.by) == ("accepted", "returned", secretariat)
    assert last.comment == "March's entries were counted twice."
    assert any("March's entries were counted twice." in m.body for m in mail.outbox)
    corrected, _checked = upload(
        monthly_round, focal_point, csv_file(figures(ENTRIES_EXITS, JANUARY, seed=5))
    )
    assert corrected.version == 2
    with pytest.raises(ValidationError, match="Only an accepted answer is reopened"):
        requests.answer_reopen(answer=answer, by=secretariat, reason="Again")


def approved_last_year(secretariat, focal_point, rows_2025):
    """Costa Rica's figures for January 2025, submitted and approved."""
    round = services.round_create(
        by=secretariat,
        structure=monthly_structure(),
        period_start="2025-01",
        period_end="2025-01",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        countries=[country("CR")],
    )
    upload(round, focal_point, csv_file(rows_2025))
    answer = requests.answer_submit(request=round.request, country=country("CR"), by=focal_point)
    requests.answer_accept(answer=answer, by=secretariat)


def monthly_structure():
    from puebla.stats.models import DataStructure

    return DataStructure.objects.get(key="ENTRIES_EXITS")


def test_a_change_over_half_on_last_year_is_confirmed_first(
    monthly_round, focal_point, secretariat, english
):
    last_year = figures(ENTRIES_EXITS, ["2025-01"], values=lambda choose: 10)
    approved_last_year(secretariat, focal_point, last_year)
    rows = figures(ENTRIES_EXITS, JANUARY, values=lambda choose: 10)
    index = first_part(rows)
    key = ".".join(rows[index][column] for column in ENTRIES_EXITS)
    rows[index]["OBS_VALUE"] = "16"  # +60 %; its totals follow, so the file is consistent
    for total in rows:
        if total is not rows[index] and all(
            total[column] in ("_T", rows[index][column]) for column in ENTRIES_EXITS
        ):
            total["OBS_VALUE"] = str(int(total["OBS_VALUE"]) + 6)
    before = Observation.objects.count()
    submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert submission is None and checked.problems == []
    assert len(checked.warnings) == 1  # the totals moved by less than half
    warning = checked.warnings[0]
    assert warning.where == f"row {index + 2}, column OBS_VALUE"
    assert warning.message.startswith(f"{key} in 2026-01: 16, against 10 in 2025-01 (+60%)")
    assert Observation.objects.count() == before
    submission, checked = services.submission_upload(
        round=monthly_round,
        country=country("CR"),
        by=focal_point,
        upload=csv_file(rows),
        confirmed=True,
    )
    assert submission is not None and submission.rows == len(rows)


def test_a_change_of_half_asks_nothing(monthly_round, focal_point, secretariat):
    rows = figures(ENTRIES_EXITS, JANUARY, values=lambda choose: 15)  # +50 % on 10, not more
    approved_last_year(
        secretariat, focal_point, figures(ENTRIES_EXITS, ["2025-01"], values=lambda choose: 10)
    )
    submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert submission is not None and checked.warnings == []


def test_last_year_is_compared_only_once_approved(monthly_round, focal_point, secretariat):
    last_year = services.round_create(
        by=secretariat,
        structure=monthly_structure(),
        period_start="2025-01",
        period_end="2025-01",
        due_date=timezone.localdate() + datetime.timedelta(days=10),
        countries=[country("CR")],
    )
    upload(
        last_year, focal_point, csv_file(figures(ENTRIES_EXITS, ["2025-01"], values=lambda c: 1))
    )
    rows = figures(ENTRIES_EXITS, JANUARY, values=lambda choose: 100)
    submission, checked = upload(monthly_round, focal_point, csv_file(rows))
    assert submission is not None and checked.warnings == []  # 2025 is only a draft
