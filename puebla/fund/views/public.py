"""The fund's public figures: yearly, no names and no case rows; small counts hidden as the
statistics service decides (puebla.fund.statistics). Served from the page cache."""

from django.shortcuts import render

from puebla.core.pagecache import public_page
from puebla.fund import public_texts
from puebla.fund.statistics import public_statistics, published_years


@public_page(params=("year",))
def statistics(request):
    years = published_years()
    chosen = request.GET.get("year", "")
    shown_year = next((year for year in years if str(year) == chosen), years[0] if years else None)
    # Only the year shown is counted: the page costs one year's figures, however many years
    # the fund has behind it.
    shown = public_statistics(years=[shown_year])[0] if shown_year is not None else None
    return render(
        request,
        "fund/statistics.html",
        {
            "title": public_texts.TITLE,
            "introduction": public_texts.INTRODUCTION,
            "years": years,
            "shown": shown,
        },
    )
