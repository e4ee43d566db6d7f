"""Fifteen years of migration statistics: every member state's monthly entries and exits, by
flow, nationality, sex and age, each year asked by a round and approved (about 1.5 million
figures), then published as a release: what the public statistics page and its files read.

Besides writing them, it measures (printed by `make bench` with the data it made) what the
issue asks of the statistics and a page benchmark cannot reach: checking a 50,000-row upload
(puebla.stats.validation, as a focal point's file is checked), publishing the release
(puebla.stats.publishing: gathering the approved figures and writing the release and its
three files) and downloading its SDMX-CSV through the view. Observations are written with bulk
inserts; the rounds' requests send no mail.
"""

import datetime
import itertools
import random
import time

from bench.generators import Generator, Size

STRUCTURE = "ENTRIES_EXITS"
UPLOAD_MONTHS = 64  # of one country's figures: 50,176 rows at the default sizes


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction

    from puebla.core.pagecache import bump_content_version

    with transaction.atomic():
        made = _approved_figures(sizes, rng)
    made |= _measured(sizes, made.pop("first year"))
    bump_content_version()
    return made


def _codes(sizes) -> tuple[list[list[str]], list[str | None]]:
    """The codes of each dimension of the structure the figures use (the total last), and
    each dimension's total code."""
    from puebla.stats.models import DataStructure
    from puebla.stats.validation import dimension_specs

    specs = dimension_specs(DataStructure.objects.get(key=STRUCTURE, version=1))
    chosen = []
    for spec in specs:
        codes = sorted(code for code in spec.codes if code != spec.total)
        if spec.key == "NATIONALITY":
            codes = codes[: sizes["statistics-nationalities"]]
        chosen.append([*codes, spec.total] if spec.total else codes)
    return chosen, [spec.total for spec in specs]


def table(options: list[list[str]], totals: list, rng: random.Random) -> dict[str, int]:
    """Series key → count for one country and period: random parts, every total their sum
    (each part added to the 2^k cells that total it)."""
    cells: dict[str, int] = {}
    parts = [
        [code for code in option if code != total]
        for option, total in zip(options, totals, strict=True)
    ]
    for combination in itertools.product(*parts):
        count = rng.randint(0, 400)
        choices = [
            (code, total) if total else (code,)
            for code, total in zip(combination, totals, strict=True)
        ]
        for key in itertools.product(*choices):
            joined = ".".join(key)
            cells[joined] = cells.get(joined, 0) + count
    return cells


def _approved_figures(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from puebla.followup.models import Answer, InputRequest
    from puebla.meetings.querysets import member_states
    from puebla.stats.models import DataStructure, Observation, Round, Submission

    structure = DataStructure.objects.get(key=STRUCTURE, version=1)
    countries = list(member_states().order_by("iso_code"))
    options, totals = _codes(sizes)
    years = sizes["statistics-years"]
    first = datetime.date.today().year - years
    figures = 0
    for year in range(first, first + years):
        request = InputRequest.objects.create(
            title_es=f"Estadísticas generadas {year}",
            title_en=f"Generated statistics {year}",
            due_date=datetime.date(year + 1, 2, 1),
            all_member_states=True,
        )
        request.countries.set(countries)
        made = Round.objects.create(
            structure=structure, period_start=f"{year}-01", period_end=f"{year}-12", request=request
        )
        for country in countries:
            submission = Submission.objects.create(
                round=made,
                owner_country=country,
                original_file="bench-generated.csv",
                original_name="generated.csv",
                sha256="0" * 64,
                rows=0,
                uploaded_at=datetime.datetime(year + 1, 1, 15, tzinfo=datetime.UTC),
            )
            Answer.objects.create(
                request=request, owner_country=country, state=Answer.State.ACCEPTED
            )
            rows = [
                Observation(submission=submission, series_key=key, period=period, value=value)
                for period in (f"{year}-{month:02d}" for month in range(1, 13))
                for key, value in table(options, totals, rng).items()
            ]
            Observation.objects.bulk_create(rows, batch_size=5000)
            Submission.objects.filter(pk=submission.pk).update(rows=len(rows))
            figures += len(rows)
    structure.frozen_at = datetime.datetime.now(datetime.UTC)
    structure.save(update_fields=["frozen_at"])
    return {"approved statistics figures": figures, "first year": first}


def _measured(sizes: dict[str, int], first_year: int) -> dict[str, int]:
    """The three timings, in milliseconds, each in the name of what it measured."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import RequestFactory
    from django.utils import translation

    from puebla.directory.models import Country
    from puebla.followup.models import InputRequest
    from puebla.stats import public, publishing, validation
    from puebla.stats.models import DataStructure, Round
    from puebla.stats.reading import read

    structure = DataStructure.objects.get(key=STRUCTURE, version=1)
    # A round of 64 months for Costa Rica alone, whose upload is checked (and not kept).
    request = InputRequest.objects.create(
        title_es="Ronda medida", title_en="Measured round", due_date=datetime.date.today()
    )
    request.countries.set(Country.objects.filter(iso_code="CR"))
    months = [f"{first_year + index // 12}-{index % 12 + 1:02d}" for index in range(UPLOAD_MONTHS)]
    measured = Round.objects.create(
        structure=structure, period_start=months[0], period_end=months[-1], request=request
    )
    options, totals = _codes(sizes)
    rng = random.Random(50_000)  # noqa: S311 - made-up figures, not a secret
    lines = ["REF_AREA,FLOW,NATIONALITY,SEX,AGE,TIME_PERIOD,OBS_VALUE,OBS_STATUS"]
    for period in months:
        for key, value in table(options, totals, rng).items():
            lines.append(f"CRI,{key.replace('.', ',')},{period},{value},")
    upload = SimpleUploadedFile("cifras.csv", ("\r\n".join(lines) + "\r\n").encode())
    started = time.perf_counter()
    checked = validation.check(read(upload), round=measured, country_code="CRI")
    validated = time.perf_counter() - started
    if not checked.valid:
        raise SystemExit(f"bench: the measured upload was refused: {checked.problems[:3]}")

    started = time.perf_counter()
    release = publishing.release_publish(
        structure=structure, by=None, note_en="Generated figures for the benchmark."
    )
    published = time.perf_counter() - started

    started = time.perf_counter()
    with translation.override("es"):
        response = public.latest_file(
            RequestFactory().get("/"), key=STRUCTURE, file_format="sdmx.csv"
        )
        size = sum(len(chunk) for chunk in response.streaming_content)
    downloaded = time.perf_counter() - started
    return {
        f"statistics upload rows checked in {validated * 1000:,.0f} ms": len(lines) - 1,
        f"published statistics figures, release written in {published * 1000:,.0f} ms": (
            release.observations_count
        ),
        f"bytes of its SDMX-CSV, read through the view in {downloaded * 1000:,.0f} ms": size,
    }


GENERATOR = Generator(
    name="stats",
    sizes=(
        Size(
            "statistics-years",
            15,
            "years of monthly statistics, every member state's, approved (a span: not scaled)",
            scales=False,
        ),
        Size(
            "statistics-nationalities",
            13,
            "nationalities in each country's monthly table (with sex, age and flow: about "
            "1.55 million figures over 15 years; not scaled)",
            scales=False,
        ),
    ),
    generate=generate,
)
