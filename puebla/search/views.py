"""The site-wide search page: anyone may search, and finds what they may see.

Not page-cached (puebla.core.pagecache): the results depend on who asks.
"""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from puebla.core.gates import public_view
from puebla.search.forms import SearchForm
from puebla.search.query import search


@public_view
@require_GET
def results(request):
    form = SearchForm(request.GET)
    criteria = form.criteria()
    found = search(
        request.user,
        criteria["query"],
        kinds=criteria["kinds"],
        year=criteria["year"],
        body=criteria["body"],
        theme=criteria["theme"],
        language=criteria["language"],
        page=criteria["page"],
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    filtered = any(criteria[name] for name in ("kinds", "year", "body", "theme", "language"))
    context = {
        "query": criteria["query"],
        "results": found,
        "facets": found.facets,
        "filtered": filtered,
        "query_without_page": kept.urlencode(),
    }
    return render(request, "search/results.html", context)
