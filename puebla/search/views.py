"""The site-wide search page: anyone may search, and finds what they may see.

A search that finds nothing is not a dead end: with filters, the page offers the same words
without them when that finds something; else "Did you mean" with the misspelt words corrected
(puebla/search/suggestions.py), never a word only records the reader may not see contain.

Not page-cached (puebla.core.pagecache): the results depend on who asks.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from puebla.core.gates import public_view
from puebla.search import suggestions
from puebla.search.forms import SearchForm
from puebla.search.query import search

FILTERS = ("kinds", "year", "body", "theme", "language")


@public_view
@require_GET
def results(request):
    form = SearchForm(request.GET)
    criteria = form.criteria()
    filters = {name: criteria[name] for name in FILTERS}
    found = search(request.user, criteria["query"], page=criteria["page"], **filters)
    kept = request.GET.copy()
    kept.pop("page", None)
    filtered = any(filters.values())
    context = {
        "query": criteria["query"],
        "results": found,
        "facets": found.facets,
        "filtered": filtered,
        "query_without_page": kept.urlencode(),
    }
    if found.searched and not found.total:
        context.update(_way_out(request, criteria["query"], filters, kept))
    return render(request, "search/results.html", context)


def _way_out(request, query: str, filters: dict, kept) -> dict:
    """What to offer instead of nothing: the search without its filters if that finds
    something, else a corrected query that finds something with the same filters."""
    path = reverse("search:results")
    if any(filters.values()):
        total = suggestions.unfiltered_total(request.user, query)
        if total:
            return {"unfiltered": {"total": total, "url": f"{path}?{urlencode({'q': query})}"}}
    suggestion = suggestions.did_you_mean(
        request.user, query, reader_language=(get_language() or "es")[:2], **filters
    )
    if suggestion is None:
        return {}
    kept = kept.copy()
    kept["q"] = suggestion.query
    return {"suggestion": suggestion, "suggestion_url": f"{path}?{kept.urlencode()}"}
