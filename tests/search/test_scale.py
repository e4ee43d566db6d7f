"""The search page costs the same number of queries at 1,000 index rows as at 100,000: the
matches, who may find what, the total, the facets and the ranking are read from the index's
columns in memory (puebla.search.columns and puebla.search.postings), whatever their number."""

import re

import pytest
from django.db.models import Max

from puebla.search import columns, matching
from puebla.search.models import Entry
from tests.meetings.factories import make_meeting
from tests.querybudget import assert_queries_constant

pytestmark = pytest.mark.django_db

# What a copy keeps of its original: all but the record's number, the title and the terms.
KEPT = ("kind", "language", "text", "year", "year_inferred", "body_id", "theme")
KEPT += ("record_languages", "audience", "audience_country_id", "audience_body_ids")


def grow_index_to(rows: int) -> None:
    """Copies of the index's rows without their titles, as rows of records numbered past the
    last, until it has `rows`: they match a query by their text, so they count, and rank after
    the real records (whose titles match too), which therefore fill the page."""
    originals = list(Entry.objects.exclude(title="").order_by("id"))
    first = Entry.objects.aggregate(last=Max("record_id"))["last"] + 1
    copies = []
    for number in range(rows - Entry.objects.count()):
        original = originals[number % len(originals)]
        copy = Entry(record_id=first + number, title="", **{n: getattr(original, n) for n in KEPT})
        matching.prepare(copy)
        copies.append(copy)
    Entry.objects.bulk_create(copies, batch_size=2_000)
    columns.changed()  # as puebla.search.services says after every write


def test_the_search_page_runs_as_many_queries_at_100000_rows_as_at_1000(client):
    for number in range(10):
        make_meeting(
            slug=f"harvest-{number}",
            title_es=f"Zafra y jornaleros {number}",
            title_en=f"Harvest workers {number}",
            description_es="La zafra en la región, con los jornaleros migrantes.",
            audience=["public", "members", "secretariat"][number % 3],
        )
    grow_index_to(1_000)
    before, after = assert_queries_constant(
        client, "/es/buscar/?q=zafra+jornaleros", lambda: grow_index_to(100_000)
    )
    assert Entry.objects.count() >= 100_000
    # The copies count as matches too: the total grew a hundredfold, the queries did not.
    assert total_shown(after) >= 100 * total_shown(before) // 2 > 0


def total_shown(response) -> int:
    heading = re.search(r'<h2 id="results-heading">\s*(\d+)', response.content.decode())
    return int(heading.group(1))
