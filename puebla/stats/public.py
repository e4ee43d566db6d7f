"""The public statistics pages: an index of the published structures, a page per release
(chart, table, downloads) and the open data files, at stable addresses: `latest` follows the
newest release, a numbered release never changes. Only released figures are read here, and
they were suppressed at publication (puebla.stats.publishing)."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from puebla.core.pagecache import public_page
from puebla.core.text import text_in
from puebla.stats import charts, selectors
from puebla.stats.models import Release

FLOW_PARAMETER = "flow"
FILE_FORMATS = ("sdmx.csv", "csv")


@public_page
def index(request):
    return render(
        request, "stats/public_index.html", {"releases": selectors.published_structures()}
    )


@public_page(params=(FLOW_PARAMETER,))
def latest_page(request, key):
    return _page(request, selectors.release_or_none(key), latest=True)


@public_page(params=(FLOW_PARAMETER,))
def release_page(request, key, number):
    return _page(request, selectors.release_or_none(key, number), latest=False)


def _page(request, release: Release | None, *, latest: bool):
    if release is None:
        raise Http404
    language = translation.get_language()[:2]
    table = selectors.series_table(release, request.GET.get(FLOW_PARAMETER), language)
    structure = release.structure
    chart = (
        charts.time_series_svg(
            table.chart_points(),
            period_title=_("Period"),
            value_title=text_in(structure, "measure", language),
            language=language,
            note=_("Example figures, not real data.") if release.example else "",
        )
        if table.periods
        else ""
    )
    key = structure.key
    releases = list(Release.objects.filter(structure__key=key).order_by("-number"))
    # The numbered release's address: a citation of "latest" would change what it cites.
    address = request.build_absolute_uri(
        reverse("stats:release", kwargs={"key": key, "number": release.number})
    )
    context = {
        "release": release,
        "structure": structure,
        # A numbered address may name the newest release too: it is then said to be the latest.
        "is_latest": release.number == releases[0].number,
        "table": table,
        "chart": chart,
        "releases": releases,
        "downloads": _downloads(key, release.number, latest),
        "address": address,
        # A line of a phone's screen breaks the address at its slashes, not inside a word.
        "address_parts": address.split("/"),
    }
    return render(request, "stats/public_release.html", context)


def _downloads(key: str, number: int, latest: bool) -> list[dict]:
    """Each file of the release, at the address the page was reached by (latest or numbered);
    the labelled CSV in each language."""
    files = []
    for file_format, language, label in (
        ("sdmx.csv", None, "SDMX-CSV"),
        ("csv", "es", "CSV, español"),
        ("csv", "en", "CSV, English"),
    ):
        with translation.override(language or translation.get_language()):
            if latest:
                url = reverse("stats:latest_file", kwargs={"key": key, "file_format": file_format})
            else:
                url = reverse(
                    "stats:release_file",
                    kwargs={"key": key, "number": number, "file_format": file_format},
                )
        files.append({"url": url, "label": label, "language": language})
    return files


@public_page
def latest_file(request, key, file_format):
    return _file(selectors.release_or_none(key), file_format, "latest")


@public_page
def release_file(request, key, number, file_format):
    return _file(selectors.release_or_none(key, number), file_format, str(number))


def _file(release: Release | None, file_format: str, which: str) -> FileResponse:
    if release is None or file_format not in FILE_FORMATS:
        raise Http404
    language = translation.get_language()[:2]
    # The labelled CSV is the one in the address's language.
    stored = release.sdmx_csv if file_format == "sdmx.csv" else getattr(release, f"csv_{language}")
    if not stored:
        raise Http404
    suffix = "" if file_format == "sdmx.csv" else f"-{language}"
    return FileResponse(
        stored.open("rb"),
        as_attachment=True,
        filename=f"{release.structure.key.lower()}-{which}{suffix}.{file_format}",
        content_type="text/csv; charset=utf-8",
    )
