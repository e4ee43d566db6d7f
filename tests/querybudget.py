"""Query budgets: a page must cost the same number of SQL queries however many rows it shows.

A page whose query count grows with its rows (an "N+1": one query per row for a related
record) is fast on the small dataset and slow in production, so tests pin the count instead
of a time.
"""

from collections import Counter

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from puebla.core import pagecache
from puebla.core.translation_marks import current_marks
from puebla.search import columns, thesaurus, vocabulary


def queries_for(client, url: str):
    """The response to a GET of `url` and the SQL of every query it ran, rendered afresh.

    The cache is emptied first: a page served from the page cache runs no query at all, which
    would hide what rendering it costs.
    """
    cache.clear()
    pagecache.forget()
    # The desk's translations, which each process keeps in memory and reloads (one query)
    # only after a translation is written (puebla.core.translation_marks): emptying the cache
    # made them look written just now, a cost no request pays in steady state.
    current_marks()
    # Likewise the search's thesaurus, vocabulary and columns (puebla.search.thesaurus,
    # .vocabulary, .columns), which look at their version once a request (not by the suite's
    # frozen clock).
    thesaurus.recheck()
    vocabulary.recheck()
    columns.recheck()
    thesaurus.alternatives("warm")
    vocabulary.known("warm")
    columns.current()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"GET {url} answered {response.status_code}"
    return response, [query["sql"] for query in captured.captured_queries]


def assert_queries_constant(client, url: str, grow):
    """Assert that the page at `url` runs as many queries after `grow()` added rows as before.

    Returns the responses before and after, so the caller can check the new rows show (a
    budget kept by a page that hides them proves nothing).
    """
    queries_for(client, url)  # warm-up: first-request work (e.g. content types) is not the page's
    before, before_sql = queries_for(client, url)
    grow()
    after, after_sql = queries_for(client, url)
    if len(after_sql) != len(before_sql):
        extra = Counter(after_sql) - Counter(before_sql)
        shown = "\n".join(f"  {times} times: {sql}" for sql, times in extra.most_common(10))
        raise AssertionError(
            f"GET {url} ran {len(before_sql)} queries before and {len(after_sql)} after more "
            f"rows were added. Queries added or repeated:\n{shown}"
        )
    return before, after
