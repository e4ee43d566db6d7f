"""About twenty years of the secretariat's notices, for every kind of audience: what a
signed-in member's intranet pages (the home page's latest notices, the notice list) sift.

Written with bulk inserts: notices are not public content, so the page cache is not told.
Each notice's Spanish key is made here, as Notice.save() would.
"""

import datetime
import random

from bench.generators import Generator, Size

# Audiences by weight (puebla.core.access.Audience); a few notices are dated ahead, seen only by
# the secretariat until their day.
AUDIENCES = {
    "participants": 4,
    "observers": 2,
    "members": 3,
    "body": 3,
    "country": 2,
    "secretariat": 2,
    "public": 1,
}


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction

    from puebla.directory.models import Body, Country
    from puebla.intranet.models import Notice

    today = datetime.date.today()
    first_year = today.year - sizes["years"] + 1
    bodies = list(Body.objects.exclude(kind="secretariat").order_by("slug"))
    # Half the notices for bodies go to the RCM's own (the benchmark's member sits on one).
    rcm_bodies = [body for body in bodies if not body.slug.startswith("bench-")] or bodies
    countries = list(Country.objects.order_by("iso_code"))
    audiences, weights = list(AUDIENCES), list(AUDIENCES.values())
    notices, audience_bodies = [], []
    number = 0
    for year in range(first_year, today.year + 1):
        first = datetime.date(year, 1, 1)
        span = (datetime.date(year, 12, 31) - first).days
        for _ in range(sizes["notices-per-year"]):
            number += 1
            audience = rng.choices(audiences, weights)[0]
            if audience == "body" and not bodies:
                audience = "participants"
            notices.append(
                Notice(
                    slug=f"bench-notice-{number}",
                    slug_es=f"aviso-generado-{number}",
                    title_es=f"Aviso generado {number}",
                    title_en=f"Generated notice {number}",
                    body_es="Texto generado para la prueba de carga.",
                    body_en="Text generated for the load test.",
                    audience=audience,
                    audience_country=rng.choice(countries) if audience == "country" else None,
                    # Mostly published; some (this year's later ones) dated ahead.
                    published_on=first + datetime.timedelta(days=rng.randint(0, span))
                    if rng.random() < 0.95
                    else None,
                )
            )
    with transaction.atomic():
        notices = Notice.objects.bulk_create(notices, batch_size=500)
        through = Notice.audience_bodies.through
        for notice in notices:
            if notice.audience == "body":
                among = rcm_bodies if rng.random() < 0.5 else bodies
                for body in rng.sample(among, min(len(among), rng.randint(1, 2))):
                    audience_bodies.append(through(notice=notice, body=body))
        through.objects.bulk_create(audience_bodies, batch_size=500)
    return {"notices": len(notices)}


GENERATOR = Generator(
    name="intranet",
    sizes=(Size("notices-per-year", 25, "notices a year, for every kind of audience"),),
    generate=generate,
)
