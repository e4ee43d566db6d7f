"""The public figures page (yearly, no names, no case rows, small counts hidden) and the query
budgets of the officers' case list and ledger."""

import html
import re
import statistics as py_statistics
from collections import Counter

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from puebla.fund import services, statistics
from puebla.fund.models import Case, CaseCategory, Category, RequesterKindOption, State
from tests.fund import factories
from tests.fund.factories import SEEDED_FAMILY_NAMES, SEEDED_GIVEN_NAMES, case_in, officer
from tests.querybudget import assert_queries_constant
from tests.roles import make_user

pytestmark = pytest.mark.django_db


def url(name, language="en", query=""):
    with translation.override(language):
        return reverse(f"fund:{name}") + query


def text(response) -> str:
    return html.unescape(response.content.decode())


def submitted_cases(requester, count, **fields):
    for number in range(count):
        case = services.case_create(
            by=requester,
            fields=factories.request_fields(**fields),
            identity=factories.identity_fields(family_names=f"Family {number}"),
        )
        services.case_submit(case=case, by=requester)


def test_the_public_figures_show_the_year_without_names(client):
    requester = make_user("official_a")
    submitted_cases(requester, 6)  # unaccompanied children, CR to GT
    for number in range(2):  # two elderly persons
        case = services.case_create(
            by=requester,
            fields=factories.request_fields(category=Category.ELDERLY, guardian_authority=""),
            identity=factories.identity_fields(
                family_names=f"Elder {number}", birth_date=factories.years_ago(75)
            ),
        )
        services.case_submit(case=case, by=requester)
    year = timezone.localdate().year
    page = text(client.get(url("statistics")))
    assert str(year) in page
    assert "Unaccompanied child or adolescent" in page
    assert "fewer than 5" in page  # the two elderly persons
    # The table by category: 6 shown, 2 hidden; its total would give the 2 away: not shown.
    assert "not shown" in page
    for case in Case.objects.all():
        assert case.reference not in page
    for name in (SEEDED_GIVEN_NAMES, SEEDED_FAMILY_NAMES, "Family 0", "Elder 0"):
        assert name not in page
    spanish = text(client.get(url("statistics", "es")))
    assert "Fondo de Reserva para el Retorno Voluntario Asistido" in spanish
    assert SEEDED_FAMILY_NAMES not in spanish


def test_the_public_figures_page_is_cached_and_follows_a_new_case(client):
    requester = make_user("official_a")
    first = client.get(url("statistics"))
    assert "No request has been filed yet." in text(first)
    assert client.get(url("statistics")).content == first.content
    submitted_cases(requester, 5)
    page = text(client.get(url("statistics")))
    assert "No request has been filed yet." not in page
    assert str(timezone.localdate().year) in page


def test_a_year_of_fewer_than_5_requests_has_no_breakdown(client):
    submitted_cases(make_user("official_a"), 2)
    page = text(client.get(url("statistics")))
    assert "With fewer than 5 requests in the year, no breakdown is published" in page
    assert "<table" not in page and "Unaccompanied child or adolescent" not in page


def test_the_public_figures_page_offers_each_year(client):
    page = text(client.get(url("statistics", query="?year=1999")))
    assert "No request has been filed yet." in page


def test_the_case_list_costs_the_same_with_more_cases(client):
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "20000.00")
    requester = make_user("official_a")
    factories.accepted("rncom")
    organisation = make_user("civil_society")
    client.force_login(reviewer)

    def grow():
        for state in (State.DRAFT, State.SUBMITTED, State.APPROVED):
            case_in(state, requester=requester, reviewer=reviewer, approver=approver)
            case_in(state, requester=organisation, reviewer=reviewer, approver=approver)

    case_in(State.SUBMITTED, requester=requester)
    before, after = assert_queries_constant(client, url("cases"), grow)
    assert text(after).count("RF-") > text(before).count("RF-")
    assert SEEDED_FAMILY_NAMES not in text(after)  # the list names no one


def test_the_ledger_costs_the_same_with_more_entries(client):
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "20000.00")
    requester = make_user("official_a")
    client.force_login(reviewer)

    def grow():
        factories.contribute(reviewer, "100.00", donor="Another donor")
        for _ in range(2):
            case = case_in(
                State.DISBURSED, requester=requester, reviewer=reviewer, approver=approver
            )
            services.case_withdraw(case=case, by=requester, reason="Plans changed.")

    _before, after = assert_queries_constant(client, url("ledger"), grow)
    assert "Another donor" in text(after) and "Reversal" in text(after)


def test_my_requests_costs_the_same_with_more_cases(client):
    requester = make_user("official_a")
    client.force_login(requester)
    case_in(State.DRAFT, requester=requester)
    assert_queries_constant(client, url("my_requests"), lambda: submitted_cases(requester, 3))


def test_the_case_page_costs_the_same_with_more_steps_questions_and_views(client):
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "2000.00")
    requester = make_user("official_a")
    case = case_in(State.UNDER_REVIEW, requester=requester, reviewer=reviewer)
    client.force_login(approver)
    with translation.override("en"):
        page = reverse("fund:case", kwargs={"uid": case.uid})

    def grow():
        for number in range(3):
            services.case_question_ask(case=case, by=reviewer, text=f"Question {number}?")
            services.case_question_answer(case=case, by=requester, text=f"Answer {number}.")
            services.access_log_record(user=requester, action="view", case=case)
        services.case_approve(case=case, by=approver)
        services.case_disburse(case=case, by=approver, amount="100.00", iom_office="IOM")

    _before, after = assert_queries_constant(client, page, grow)
    assert "Question 2?" in text(after) and "Answer 2." in text(after)


def test_the_case_list_filters_by_state_across_pages(client):
    from puebla.fund.views import cases as case_views

    requester = make_user("official_a")
    client.force_login(officer())
    for _ in range(case_views.PER_PAGE + 1):
        services.case_create(
            by=requester,
            fields=factories.request_fields(),
            identity=factories.identity_fields(),
        )
    first = text(client.get(url("cases", query="?state=draft")))
    assert "Page 1 of 2" in first and "?state=draft&page=2" in first
    assert "No case in this state." in text(client.get(url("cases", query="?state=closed")))


def test_the_case_export_has_no_personal_data_and_is_logged(client, caplog):
    import csv
    import io
    import logging

    from puebla.fund.models import AccessLogEntry

    reviewer = officer(1)
    requester = make_user("official_a")
    case = case_in(State.SUBMITTED, requester=requester)
    client.force_login(requester)
    assert client.get(url("cases_export")).status_code == 404
    client.force_login(reviewer)
    caplog.set_level(logging.INFO, logger="puebla.security")

    def grow():
        submitted_cases(requester, 3)

    before, after = assert_queries_constant(client, url("cases_export"), grow)
    # And in the security log, with the rows it held.
    logged = f"personal-data-exported user={reviewer.pk} what=reserve-fund-cases.csv"
    assert f"{logged} rows=1 " in caplog.text and f"{logged} rows=4 " in caplog.text
    rows = list(csv.reader(io.StringIO(after.content.decode("utf-8-sig"))))
    assert rows[0][0] == "Reference" and len(rows) == 1 + 4
    assert rows[1][0] == case.reference and rows[1][1] == "Submitted"
    assert "Costa Rica" in rows[1] and "640.00" in rows[1]
    content = after.content.decode("utf-8-sig")
    assert SEEDED_FAMILY_NAMES not in content and "Bus from San José" not in content
    # Three exports so far (the budget's warm-up, before, after): one row each.
    assert AccessLogEntry.objects.filter(action="export", case=None).count() == 3
    assert before.status_code == 200


# --- The figures page against a count made one request at a time -----------------------------

MIXED_STATES = (
    [State.CLOSED] * 8
    + [State.REJECTED] * 3
    + [State.SUBMITTED] * 4
    + [State.WITHDRAWN] * 2
    + [State.DISBURSED] * 2
    + [State.UNDER_REVIEW]
)


def mixed_requests():
    """Twenty requests in every state, spread over three years (one of them of fewer than 5
    requests), the four categories, two kinds of requesting body and several countries."""
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "20000.00")
    requester = make_user("official_a")
    categories = list(CaseCategory.objects.order_by("pk"))
    kinds = list(RequesterKindOption.objects.order_by("pk"))[:2]
    departures = [factories.country(code) for code in ("CR", "MX", "HN")]
    returns = [factories.country(code) for code in ("GT", "SV")]
    for number, state in enumerate(MIXED_STATES):
        case = case_in(state, requester=requester, reviewer=reviewer, approver=approver)
        returned = state == State.CLOSED
        Case.objects.filter(pk=case.pk).update(
            submitted_year=2019 if number in (0, 11) else 2024 if number % 3 else 2025,
            days_to_return=7 * number + 3 if returned else None,
            category=categories[number % len(categories)],
            requester_kind=kinds[number % 5 == 0],
            departure_country=departures[number % len(departures)],
            return_country=returns[number % len(returns)],
        )


def counted_one_by_one(year: int) -> dict[str, Counter]:
    """A year's requests per table line, labelled as the page labels them, counted by reading
    each request: what the database's grouped counts must come to."""
    labels = {
        state: str(label)
        for outcome, label in statistics.Outcome.LABELS.items()
        for state in statistics.Outcome.STATES[outcome]
    }
    counts = {dimension: Counter() for dimension in statistics.DIMENSIONS}
    filed = Case.objects.filter(submitted_year=year).select_related(
        "category", "requester_kind", "departure_country", "return_country"
    )
    for case in filed:
        counts["category"][str(case.category)] += 1
        counts["departure_country"][str(case.departure_country)] += 1
        counts["return_country"][str(case.return_country)] += 1
        counts["requester_kind"][str(case.requester_kind)] += 1
        counts["outcome"][labels[case.state]] += 1
    return counts


FIGURES_TABLE = re.compile(
    r"<caption>(?P<title>.*?)</caption>.*?<tbody>(?P<lines>.*?)</tbody>", re.DOTALL
)
FIGURES_LINE = re.compile(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td></tr>')


def test_the_figures_shown_are_those_counted_one_request_at_a_time(client):
    mixed_requests()
    with translation.override("en"):  # the page's language: the labels compared are its own
        compare_figures_with_counts(client)


def compare_figures_with_counts(client):
    titles = {str(title): dimension for dimension, title in statistics.DIMENSIONS.items()}
    newest = text(client.get(url("statistics")))
    # The years that have requests, newest first (the years between them have none).
    assert re.findall(r'<li><(?:span aria-current="page"|a href="\?year=\d+")>(\d+)<', newest) == [
        "2025",
        "2024",
        "2019",
    ]
    shown, hidden = 0, 0
    for year in (2019, 2024, 2025):
        page = text(client.get(url("statistics", query=f"?year={year}")))
        counts = counted_one_by_one(year)
        total = sum(counts["category"].values())
        assert f"<dt>Requests</dt><dd>{total if total >= 5 else 'fewer than 5'}</dd>" in page
        days = sorted(
            Case.objects.filter(submitted_year=year, days_to_return__isnull=False).values_list(
                "days_to_return", flat=True
            )
        )
        if len(days) >= 5:
            median = f"{py_statistics.median(days):g}"
            assert f"<dt>Days from request to return (median)</dt><dd>{median}</dd>" in page
        tables = {
            titles[match["title"]]: FIGURES_LINE.findall(match["lines"])
            for match in FIGURES_TABLE.finditer(page)
        }
        if total < 5:
            assert tables == {}  # no breakdown of a year of fewer than 5 requests
            continue
        assert set(tables) == set(statistics.DIMENSIONS)
        for dimension, lines in tables.items():
            for label, figure in lines:
                count = counts[dimension][label]
                if figure == "fewer than 5":
                    assert 0 < count < 5, (year, dimension, label)
                    hidden += 1
                elif figure != "not shown":
                    assert int(figure) == count, (year, dimension, label)
                    shown += 1
            # Every line that has requests is on the page; countries without any are not.
            assert {label for label, _figure in lines} >= set(counts[dimension])
    assert shown >= 5 and hidden >= 5  # the mix exercised both


def test_the_figures_page_costs_the_same_with_more_requests_and_years(client):
    mixed_requests()
    requester = make_user("official_b")

    def grow():
        submitted_cases(requester, 6, departure_country=factories.country("PA"))
        Case.objects.filter(departure_country__iso_code="PA").update(submitted_year=2021)

    before, after = assert_queries_constant(client, url("statistics"), grow)
    assert ">2021</a>" in text(after) and ">2021</a>" not in text(before)
