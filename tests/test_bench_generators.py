"""The benchmark's data generators (bench/generators) write valid records.

`make bench` runs them with thousands of records on a fresh database; here they run at a small
size inside the test database, so that a missing dependency (faker) or a model change that
they do not follow (a new required field, a new constraint, how `last_day` is computed) fails
the tests rather than the benchmark.
"""

import argparse
import random

import pytest

from bench.generate import add_size_options, sizes_from
from bench.generators import all_sizes, generators
from bench.generators.meetings import MEASURED_SLUG
from puebla.core.pagecache import content_version
from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Membership,
    Milestone,
    Organisation,
    Person,
    Presidency,
)
from puebla.intranet.models import Notice
from puebla.meetings import precision
from puebla.meetings.models import AgendaItem, City, Meeting

pytestmark = pytest.mark.django_db

# Small sizes: at most three of anything, two years of meetings. A dozen meetings a year, not
# three, so that the drawn kinds (online ones included) and precisions show up.
# One year of statistics with one nationality: the smallest whole tables (96 cells a month).
SMALL = {
    "meetings-years": 2,
    "meetings-per-year": 12,
    "statistics-years": 1,
    "statistics-nationalities": 1,
}


def small_sizes() -> dict[str, int]:
    return {size.name: min(size.default, 3) for size in all_sizes()} | SMALL


def test_the_sizes_are_options_with_defaults():
    names = [size.name for size in all_sizes()]
    assert len(names) == len(set(names)), "two generators declare the same size"
    assert set(SMALL) <= set(names)
    assert all(size.default > 0 and size.help for size in all_sizes())
    assert [generator.name for generator in generators()] == [
        "directory",
        "meetings",
        "intranet",
        "fund",
        "planning",
        "followup",
        "stats",
    ]
    # `make bench`'s options: --meetings-years 2 reaches the generators as "meetings-years".
    parser = argparse.ArgumentParser()
    add_size_options(parser)
    sizes = sizes_from(parser.parse_args(["--meetings-years", "2", "--people", "5"]))
    assert sizes == {size.name: size.default for size in all_sizes()} | {
        "meetings-years": 2,
        "people": 5,
    }


@pytest.fixture(params=[2001, 7])
def generated(request):
    """Every generator run once at the small sizes (with two seeds: what they draw differs):
    {generator name: what it said it made}, and "countries before": the states already there."""
    sizes = small_sizes()
    rng = random.Random(request.param)  # noqa: S311 - made-up data, not a secret
    made = {"countries before": set(Country.objects.values_list("pk", flat=True))}
    for generator in generators():
        made[generator.name] = generator.generate(sizes, rng)
    return made


def test_the_directory_records_exist_and_are_valid(generated):
    made = generated["directory"]
    sizes = small_sizes()
    assert made["countries"] == sizes["countries"]
    assert made["organisations"] == sizes["organisations"]
    assert made["bodies"] == sizes["bodies"]
    assert made["people"] == sizes["people"]

    people = Person.objects.filter(slug__startswith="bench-person-")
    bodies = Body.objects.filter(slug__startswith="bench-body-")
    organisations = Organisation.objects.filter(slug__startswith="bench-organisation-")
    milestones = Milestone.objects.filter(slug__startswith="bench-milestone-")
    assert people.count() == made["people"]
    assert bodies.count() == made["bodies"]
    assert organisations.count() == made["organisations"]
    assert milestones.count() == made["milestones"] > 0
    appointments = Appointment.objects.filter(person__in=people)
    assert appointments.count() == made["appointments"]
    # Every person holds an appointment; the first ones also work at the Secretariat.
    assert set(appointments.values_list("person", flat=True)) == set(
        people.values_list("pk", flat=True)
    )
    staff = appointments.filter(body__kind="secretariat")
    assert staff.count() == min(sizes["secretariat-staff"], sizes["people"])
    # Each new state has one membership; every year with a milestone has a presidency.
    countries = Country.objects.exclude(pk__in=generated["countries before"])
    assert countries.count() == made["countries"]
    memberships = Membership.objects.filter(country__in=countries)
    assert sorted(memberships.values_list("country", flat=True)) == sorted(
        countries.values_list("pk", flat=True)
    )
    years = Presidency.objects.values_list("year", flat=True)
    assert set(milestones.values_list("year", flat=True)) <= set(years)

    for record in [
        *countries,
        *memberships,
        *Membership.objects.filter(organisation__in=organisations),
        *organisations,
        *bodies,
        *people,
        *appointments,
        *milestones,
        *Presidency.objects.all(),
    ]:
        record.full_clean()


def test_the_meetings_are_valid_with_the_last_day_clean_computes(generated):
    made = generated["meetings"]
    sizes = small_sizes()
    meetings = list(
        Meeting.objects.filter(slug__startswith="bench-meeting-").select_related("city")
    )
    # Every year's meetings, and a quarter of a year's more ahead.
    expected = sizes["meetings-years"] * sizes["meetings-per-year"]
    expected += max(1, sizes["meetings-per-year"] // 4)
    assert len(meetings) == made["meetings"] == expected
    assert {meeting.kind for meeting in meetings} >= {"vice_ministerial", "rcgm"}

    for meeting in meetings:
        stored = meeting.last_day
        meeting.full_clean()  # Meeting.clean() sets last_day from the dates and precisions
        assert stored == meeting.last_day, meeting.slug
        assert stored == (
            precision.last_day(meeting.end_date, meeting.end_precision)
            or precision.last_day(meeting.start_date, meeting.start_precision)
        )
        if meeting.city is not None:
            assert meeting.city.country_id == meeting.host_country_id, meeting.slug

    cities = City.objects.filter(slug__startswith="bench-city-")
    assert cities.count() == made["cities"]
    for city in cities:
        city.full_clean()
    agenda = AgendaItem.objects.filter(meeting__slug__startswith="bench-meeting-")
    assert agenda.count() == made["agenda items"]
    for item in agenda:
        item.full_clean()

    # The page the benchmark measures is a full one.
    measured = Meeting.objects.get(slug=MEASURED_SLUG)
    assert measured.audience == "public"
    assert measured.body is not None and measured.city is not None
    assert measured.start_precision == "day" and measured.description_en
    assert measured.agenda_items.count() >= 3
    assert measured.supporting_organisations.exists()


def test_a_scale_multiplies_every_size_but_spans_of_years_and_the_worlds_states():
    parser = argparse.ArgumentParser()
    add_size_options(parser)
    arguments = parser.parse_args(["--people", "5"])
    at_one, at_ten = sizes_from(arguments), sizes_from(arguments, 10)
    fixed = {
        "countries",
        "years",
        "meetings-years",
        "statistics-years",
        "statistics-nationalities",
    }
    assert {size.name for size in all_sizes() if not size.scales} == fixed
    for name, value in at_one.items():
        assert at_ten[name] == (value if name in fixed else value * 10), name
    assert at_ten["people"] == 50 and at_ten["notices-per-year"] == 250


def test_the_notices_are_valid_for_every_kind_of_audience(generated):
    made = generated["intranet"]
    sizes = small_sizes()
    notices = Notice.objects.filter(slug__startswith="bench-notice-")
    assert notices.count() == made["notices"] == sizes["years"] * sizes["notices-per-year"]
    for notice in notices.prefetch_related("audience_bodies"):
        notice.full_clean()
        if notice.audience == "body":
            assert notice.audience_bodies.exists(), notice.slug
        assert notice.slug_es == f"aviso-generado-{notice.slug.rsplit('-', 1)[1]}"


def test_the_generators_make_cached_pages_stale():
    before = content_version()
    for generator in generators():
        generator.generate(small_sizes(), random.Random(7))  # noqa: S311
        # Notices, requests for input and answers are not public: no page goes stale.
        if generator.name in {"intranet", "followup"}:
            assert content_version() == before
            continue
        assert content_version() != before, generator.name
        before = content_version()


def test_the_fund_cases_and_ledger_are_valid_and_the_figures_read_them(generated):
    from puebla.fund.ledger import position
    from puebla.fund.models import Case, LedgerEntry
    from puebla.fund.statistics import public_statistics

    made = generated["fund"]
    sizes = small_sizes()
    cases = Case.objects.filter(reference__startswith="RF-B").select_related("identity")
    assert cases.count() == made["fund cases"] == sizes["fund-cases"]
    entries = LedgerEntry.objects.filter(reference__startswith="BENCH-")
    assert entries.count() == made["fund ledger entries"] == sizes["fund-ledger-entries"]
    for case in cases:
        case.full_clean(exclude=["filed_by"])
        case.identity.full_clean(exclude=["case"])
        assert case.identity.family_names.startswith("Generada")  # decrypts
        assert case.departure_country_id != case.return_country_id
    for entry in entries:
        entry.full_clean()
    assert position().available >= 0
    assert public_statistics()  # the page the benchmark measures has figures to show


def test_the_plan_grows_in_reading_order_with_every_level(generated):
    from puebla.planning.models import Item
    from puebla.planning.views.reading import current_plan, nest, plan_items

    made = generated["planning"]
    assert made["plan activities"] == small_sizes()["plan-activities"]
    plan = current_plan()
    items = list(Item.objects.filter(plan=plan).order_by("position"))
    positions = [item.position for item in items]
    assert len(set(positions)) == len(positions)
    # Reading order: every item comes after its parent, one level below it.
    seen = {}
    for item in items:
        if item.parent_id is not None:
            assert item.parent_id in seen, item.key
            assert seen[item.parent_id] == item.level - 1, item.key
        seen[item.pk] = item.level
    for item in items:
        item.full_clean()
    # The page's tree closes every level it opens.
    shown = plan_items(plan, archived=False)
    closing = nest(shown)
    markup = "".join(item.close_before for item in shown) + closing
    opened = sum(1 for item in shown if item.level <= 2) + sum(
        1 for item in shown if item.opens_list
    )
    assert markup.count("</section>") + markup.count("</ul>") == opened


def test_the_statistics_are_approved_published_and_measured(generated):
    from puebla.stats.models import Observation, Release

    made = generated["stats"]
    sizes = small_sizes()
    assert made["approved statistics figures"] == Observation.objects.count() > 0
    release = Release.objects.get(structure__key="ENTRIES_EXITS")
    # Every approved figure published (the years' rounds do not overlap), none hidden (the
    # structure is not sensitive), its files written.
    assert release.observations_count == made["approved statistics figures"]
    assert release.hidden_count == 0 and release.sdmx_csv and release.csv_es
    periods = set(release.observations.values_list("period", flat=True))
    assert len(periods) == 12 * sizes["statistics-years"]
    # The measured upload: 64 months of one country's whole table.
    one_table = release.observations.filter(ref_area="CRI", period=min(periods)).count()
    (checked,) = [name for name in made if name.startswith("statistics upload rows checked in")]
    assert made[checked] == 64 * one_table
    (download,) = [name for name in made if name.startswith("bytes of its SDMX-CSV")]
    assert made[download] == release.sdmx_csv.size
