"""The fund's public figures: yearly, no names and no case rows; small counts hidden as the
statistics service decides (puebla.fund.statistics). Served from the page cache."""

from django.shortcuts import render

from puebla.core.pagecache import public_page
from puebla.fund import public_texts
from puebla.fund.statistics import public_statistics


@public_page(params=("year",))
def statistics(request):
    years = public_statistics()
    chosen = request.GET.get("year", "")
    shown = next((y for y in years if str(y.year) == chosen), years[0] if years else None)
    return render(
        request,
        "fund/statistics.html",
        {
            "title": public_texts.TITLE,
            "introduction": public_texts.INTRODUCTION,
            "years": [y.year for y in years],
            "shown": shown,
        },
    )
