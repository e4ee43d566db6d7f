"""The fund's figures (puebla.fund.statistics): the officers' groups, and the public yearly
tables where no count from 1 to 4 is shown or can be worked out from the totals."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from puebla.fund import statistics
from puebla.fund.models import Case, Category, State
from tests.fund import factories
from tests.roles import make_user


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


# --- Suppression, on its own ------------------------------------------------------------------


def shown(figures: dict, total) -> tuple[dict, object]:
    return {key: figure.value for key, figure in figures.items()}, total.value


def test_small_counts_are_hidden_and_a_second_one_with_them():
    figures, total = statistics.suppress({"a": 3, "b": 0, "c": 10, "d": 20}, 33)
    assert shown(figures, total) == ({"a": None, "b": 0, "c": None, "d": 20}, 33)
    assert str(figures["a"]) == "fewer than 5"
    assert str(figures["c"]) == "not shown"  # hidden so that 33 - 20 does not give "a" away


def test_two_small_counts_adding_to_less_than_five_take_a_third_with_them():
    figures, total = statistics.suppress({"a": 1, "b": 2, "c": 6, "d": 9}, 18)
    assert shown(figures, total) == ({"a": None, "b": None, "c": None, "d": 9}, 18)


def test_a_small_year_hides_everything_but_its_zeros():
    figures, total = statistics.suppress({"a": 3, "b": 1, "c": 0}, 4)
    assert shown(figures, total) == ({"a": None, "b": None, "c": 0}, None)
    assert str(total) == "fewer than 5"


def test_nothing_small_hides_nothing():
    figures, total = statistics.suppress({"a": 5, "b": 0, "c": 12}, 17)
    assert shown(figures, total) == ({"a": 5, "b": 0, "c": 12}, 17)


@given(st.dictionaries(st.sampled_from("abcdefgh"), st.integers(0, 40), min_size=1))
def test_no_small_count_can_be_worked_out(counts):
    total = sum(counts.values())
    figures, total_figure = statistics.suppress(counts, total)
    for key, value in counts.items():
        if 0 < value < statistics.THRESHOLD:
            assert figures[key].hidden and figures[key].small
        if not figures[key].hidden:
            assert figures[key].value == value
    hidden = [key for key in counts if figures[key].hidden]
    if not total_figure.hidden and hidden:
        # What the total minus the shown counts gives covers at least two counts, and at
        # least 5 people: no single small count follows from it.
        assert total_figure.value == total
        assert len(hidden) >= 2
        assert sum(counts[key] for key in hidden) >= statistics.THRESHOLD


# --- From cases -------------------------------------------------------------------------------


@pytest.fixture
def people(db):
    officer_1, officer_2 = factories.officer(1), factories.officer(2)
    factories.contribute(officer_1, "20000.00")
    return {"requester": make_user("official_a"), "reviewer": officer_1, "approver": officer_2}


def in_year(case: Case, year: int, *, days_to_return: int | None = None) -> None:
    submitted = timezone.make_aware(datetime.datetime(year, 3, 1, 12))
    changes = {"submitted_at": submitted, "submitted_year": year}
    if days_to_return is not None:
        changes["returned_on"] = submitted.date() + datetime.timedelta(days=days_to_return)
        changes["days_to_return"] = days_to_return
    Case.objects.filter(pk=case.pk).update(**changes)


@pytest.fixture
def cases(people):
    """2024: six returned children (10 to 60 days) and two elderly rejected; 2025: three
    requests. A draft, which is not a request."""
    for number in range(6):
        in_year(
            factories.case_in(State.CLOSED, **people),
            2024,
            days_to_return=10 * (number + 1),
        )
    elderly = {"category": Category.ELDERLY, "guardian_authority": "", "cost": "300"}
    for _number in range(2):
        in_year(
            factories.case_in(
                State.REJECTED,
                **people,
                fields=elderly,
                identity={"birth_date": factories.years_ago(80)},
            ),
            2024,
        )
    for _number in range(3):
        in_year(factories.case_in(State.SUBMITTED, **people), 2025)
    factories.case_in(State.DRAFT, **people)


def test_the_officers_see_each_group_with_its_days_to_return(cases):
    groups = statistics.case_statistics()
    summary = [
        (g.year, g.departure_country.iso_code, g.return_country.iso_code, g.category, g.requests)
        for g in groups
    ]
    assert summary == [
        (2025, "CR", "GT", "unaccompanied_child", 3),
        (2024, "CR", "GT", "elderly", 2),
        (2024, "CR", "GT", "unaccompanied_child", 6),
    ]
    children_2024 = groups[2]
    assert (children_2024.returns, children_2024.median_days, children_2024.mean_days) == (
        6,
        35,
        35.0,
    )
    assert (
        children_2024.get_requester_kind_display()
        == "Government of the departure or return country"
    )
    assert [g.year for g in statistics.case_statistics(year=2025)] == [2025]


def test_the_public_sees_years_with_small_counts_hidden(cases):
    years = statistics.public_statistics()
    assert [year.year for year in years] == [2025, 2024]
    y2025, y2024 = years
    assert str(y2025.requests) == "fewer than 5"
    assert y2024.requests.value == 8
    by_category = {line.key: str(line.figure) for line in y2024.tables[0].lines}
    # Two elderly: fewer than 5; the six children hidden with them, since 8 - 6 = 2.
    assert by_category == {
        "unaccompanied_child": "not shown",
        "disability": "0",
        "elderly": "fewer than 5",
        "injury_or_illness": "0",
    }
    departure = y2024.tables[1]
    assert [(line.label, str(line.figure)) for line in departure.lines] == [("Costa Rica", "8")]
    outcome = {line.key: str(line.figure) for line in y2024.tables[4].lines}
    assert outcome["returned"] == "not shown" and outcome["rejected"] == "fewer than 5"
    assert str(y2024.returns) == "not shown"
    assert y2024.median_days == 35
    assert y2025.median_days is None
    # Three requests: no table, whose zeros and countries would describe all three.
    assert (y2025.tables, str(y2025.returns)) == ([], "fewer than 5")


def test_the_public_figures_name_nobody(cases):
    text = repr(statistics.public_statistics())
    assert factories.SEEDED_FAMILY_NAMES not in text
    assert "reference" not in text and "RF-" not in text


def test_the_statistics_take_a_constant_number_of_queries(people, django_assert_max_num_queries):
    """Five queries each: the groups, the days to return, the countries, and the
    secretariat's categories and kinds of requesting body (their labels)."""
    for _number in range(3):
        factories.case_in(State.CLOSED, **people)
    with django_assert_max_num_queries(5):
        statistics.public_statistics()
    with django_assert_max_num_queries(5):
        statistics.case_statistics()
    for _number in range(5):
        factories.case_in(State.SUBMITTED, **people, fields={"cost": Decimal("10")})
    with django_assert_max_num_queries(5):
        statistics.public_statistics()
    with django_assert_max_num_queries(5):
        statistics.case_statistics()


def test_the_year_and_days_are_those_of_the_case(people):
    """What the statistics group on is stored by the steps themselves, in the site's time zone."""
    case = factories.case_in(State.CLOSED, **people)
    submitted = timezone.localtime(case.submitted_at)
    assert case.submitted_year == submitted.year
    assert case.days_to_return == (case.returned_on - submitted.date()).days == 0
    assert [(g.year, g.returns, g.median_days) for g in statistics.case_statistics()] == [
        (submitted.year, 1, 0)
    ]
