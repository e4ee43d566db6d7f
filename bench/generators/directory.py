"""About twenty years of the directory: more states and organisations, many bodies, people
appointed to them, a presidency and a few milestones a year, the Secretariat's staff.

Written with bulk inserts (tens of thousands of saves would take minutes), so the page cache
is told once at the end (`bump_content_version`), as any bulk-writing service must.
"""

import datetime
import itertools
import random
import string

from bench.generators import Generator, Size

ROLES = [
    ("Punto focal", "Focal point"),
    ("Delegado", "Delegate"),
    ("Oficial de enlace", "Liaison officer"),
    ("Coordinador", "Coordinator"),
    ("Asesor técnico", "Technical adviser"),
    ("Relator", "Rapporteur"),
]


def generate(sizes: dict[str, int], rng: random.Random) -> dict[str, int]:
    from django.db import transaction
    from faker import Faker

    from puebla.core.pagecache import bump_content_version

    faker = Faker(["es_MX", "en_US"])
    faker.seed_instance(rng.randrange(2**32))
    this_year = datetime.date.today().year
    first_year = this_year - sizes["years"] + 1
    with transaction.atomic():
        created = {
            "countries": _countries(sizes["countries"], rng, faker),
            "organisations": _organisations(sizes["organisations"], rng, faker),
            "bodies": _bodies(sizes["bodies"], rng, faker, first_year),
            "presidencies": _presidencies(first_year, this_year, rng, faker),
            "milestones": _milestones(first_year, this_year, rng, faker),
        }
        created.update(_people(sizes["people"], sizes["secretariat-staff"], rng, faker, first_year))
    bump_content_version()
    return created


def _sentence(faker, locale: str, words: int = 8) -> str:
    return faker[locale].sentence(nb_words=words).rstrip(".")


def _countries(count, rng, faker) -> int:
    from puebla.directory.models import Country, Membership

    taken = set(Country.objects.values_list("iso_code", flat=True))
    codes = [a + b for a, b in itertools.product(string.ascii_uppercase, repeat=2)]
    codes = [code for code in codes if code not in taken][:count]
    countries = Country.objects.bulk_create(
        Country(
            iso_code=code,
            name_es=faker["es_MX"].unique.country(),
            name_en=faker["en_US"].unique.country(),
        )
        for code in codes
    )
    memberships = []
    for country in countries:
        since = datetime.date(rng.randint(1996, 2020), rng.randint(1, 12), 1)
        roll = rng.random()
        if roll < 0.15:
            memberships.append(Membership(country=country, status="member", since=since))
        elif roll < 0.85:
            memberships.append(Membership(country=country, status="observer", since=since))
        else:  # an observer that left: in the history, not on the members page
            until = since + datetime.timedelta(days=rng.randint(365, 3000))
            memberships.append(
                Membership(country=country, status="observer", since=since, until=until)
            )
    Membership.objects.bulk_create(memberships)
    return len(countries)


def _organisations(count, rng, faker) -> int:
    from puebla.directory.models import Membership, Organisation

    organisations = Organisation.objects.bulk_create(
        Organisation(
            slug=f"bench-organisation-{number}",
            acronym_es=faker["es_MX"].lexify("????").upper(),
            acronym_en=faker["en_US"].lexify("????").upper(),
            name_es=faker["es_MX"].company(),
            name_en=faker["en_US"].company(),
            kind="international" if number % 3 else "civil_society",
            website=f"https://organisation-{number}.example.org/",
        )
        for number in range(count)
    )
    Membership.objects.bulk_create(
        Membership(organisation=organisation, status="observer")
        for organisation in organisations
        if organisation.kind == "international" and rng.random() < 0.6
    )
    return len(organisations)


def _bodies(count, rng, faker, first_year) -> int:
    from puebla.directory.models import Body

    parents = list(Body.objects.filter(kind__in=["consultation_group", "liaison_network"]))
    kinds = ["working_group", "ad_hoc_group", "liaison_network", "working_group"]
    Body.objects.bulk_create(
        Body(
            slug=f"bench-body-{number}",
            kind=kinds[number % len(kinds)],
            name_es=f"Grupo de {_sentence(faker, 'es_MX', 4).lower()}",
            name_en=f"Group on {_sentence(faker, 'en_US', 4).lower()}",
            acronym_es=faker["es_MX"].lexify("G???").upper(),
            acronym_en=faker["en_US"].lexify("G???").upper(),
            description_es=faker["es_MX"].paragraph(nb_sentences=3),
            description_en=faker["en_US"].paragraph(nb_sentences=3),
            reports_to=rng.choice(parents) if parents else None,
            established=rng.randint(first_year, datetime.date.today().year),
            position=200 + number,
        )
        for number in range(count)
    )
    return count


def _presidencies(first_year, last_year, rng, faker) -> int:
    """A presidency for every year of the span without one, rotating among member states."""
    from puebla.directory.models import Country, Presidency

    taken = set(Presidency.objects.values_list("year", flat=True))
    members = list(Country.objects.filter(memberships__status="member").distinct())
    rotation = itertools.cycle(rng.sample(members, len(members)))
    created = Presidency.objects.bulk_create(
        Presidency(
            year=year,
            country=next(rotation),
            motto_es=_sentence(faker, "es_MX", 10) + ".",
            motto_en=_sentence(faker, "en_US", 10) + "." if rng.random() < 0.8 else "",
        )
        for year in range(first_year, last_year + 1)
        if year not in taken
    )
    return len(created)


def _milestones(first_year, last_year, rng, faker) -> int:
    from puebla.directory.models import Milestone

    created = Milestone.objects.bulk_create(
        Milestone(
            slug=f"bench-milestone-{year}-{number}",
            year=year,
            month=rng.choice([None, *range(1, 13)]),
            title_es=_sentence(faker, "es_MX", 6),
            title_en=_sentence(faker, "en_US", 6),
        )
        for year in range(first_year, last_year + 1)
        for number in range(rng.randint(1, 3))
    )
    return len(created)


def _people(count, staff, rng, faker, first_year) -> dict[str, int]:
    """People with one to three appointments each; the first `staff` also work at the TS."""
    from puebla.directory.models import Appointment, Body, Country, Organisation, Person

    people = Person.objects.bulk_create(
        (
            Person(
                slug=f"bench-person-{number}",
                given_name=faker.first_name(),
                family_name=faker.last_name(),
                email=f"person{number}@example.org",
            )
            for number in range(count)
        ),
        batch_size=500,
    )
    bodies = list(Body.objects.exclude(kind="secretariat"))
    secretariat = Body.objects.filter(kind="secretariat").first()
    countries = list(Country.objects.all())
    organisations = list(Organisation.objects.all())
    appointments = []
    for person in people:
        # Distinct bodies: one appointment per person, body and start (a database constraint).
        for body in rng.sample(bodies, rng.randint(1, 3)):
            start = datetime.date(rng.randint(first_year, datetime.date.today().year), 1, 1)
            role_es, role_en = rng.choice(ROLES)
            principal = rng.random()
            appointments.append(
                Appointment(
                    person=person,
                    body=body,
                    country=rng.choice(countries) if principal < 0.7 else None,
                    organisation=rng.choice(organisations) if principal > 0.9 else None,
                    title_es=role_es,
                    title_en=role_en,
                    start=start,
                    end=start + datetime.timedelta(days=rng.randint(365, 2000))
                    if rng.random() < 0.4
                    else None,
                )
            )
    if secretariat is not None:
        appointments.extend(
            Appointment(
                person=person,
                body=secretariat,
                title_es="Asistente técnico",
                title_en="Technical assistant",
                position=110 + number,
            )
            for number, person in enumerate(people[:staff])
        )
    Appointment.objects.bulk_create(appointments, batch_size=500)
    return {"people": len(people), "appointments": len(appointments)}


GENERATOR = Generator(
    name="directory",
    sizes=(
        # The world has about two hundred states: more data means more of what they do.
        Size("countries", 40, "states besides the RCM's, most of them observers", scales=False),
        Size("organisations", 60, "international and civil-society organisations"),
        Size("bodies", 200, "working groups, networks and ad-hoc groups"),
        Size("people", 2000, "people, each with one to three appointments"),
        Size("secretariat-staff", 25, "Technical Secretariat staff (the contact page)"),
        Size(
            "years",
            20,
            "years of activity: a presidency and a few milestones a year",
            scales=False,
        ),
    ),
    generate=generate,
)
