"""The directory's records in the site search: bodies, milestones, facts about the process,
presidencies, and the people the public pages show; each in both languages, pointing at the
public page that shows it (with a fragment naming its entry on a page that lists many).

Registered by the search app (SearchConfig.ready()): the directory sits below search in the
import layers (pyproject.toml), so it cannot register itself. None of these records carries an
audience: the portal shows every body, milestone, fact and presidency to everyone, so they are
registered as public. A person is indexed only while a public page shows them (`person_shown`);
everyone else in the directory has no row in the index at all. An appointment starts and ends
with the day, which no save announces: a daily job looks at the people again
(`people_reindex`, puebla.search.tasks).

Text of one record shown with another's (a presidency's country, a person's job title and
body) is indexed again when that other record is saved (`connect()`).
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from puebla.directory.models import (
    Appointment,
    Body,
    Country,
    Fact,
    Milestone,
    Person,
    Presidency,
)
from puebla.directory.querysets import in_force
from puebla.search import services
from puebla.search.models import Entry
from puebla.search.registry import Searchable, register

LANGUAGES = ("es", "en")


def _columns_texts(record, title: str, text: str) -> dict[str, tuple[str, str]]:
    """{language: (title, text)} from the record's `<title>_<language>` and `<text>_<language>`."""
    return {
        language: (
            getattr(record, f"{title}_{language}") or "",
            getattr(record, f"{text}_{language}") or "",
        )
        for language in LANGUAGES
    }


def _languages_with_text(texts: dict[str, tuple[str, str]]) -> list[str]:
    return [language for language, pair in texts.items() if any(pair)]


# --- Bodies: the structure page ---------------------------------------------------------------


def body_texts(body: Body) -> dict[str, tuple[str, str]]:
    return _columns_texts(body, "name", "description")


def body_filters(body: Body) -> dict:
    return {
        "year": body.established,
        "body": body.pk,
        "language": _languages_with_text(body_texts(body)),
    }


def body_url(body: Body) -> str:
    # The structure page lists every body; the fragment names the body's own entry.
    return f"{reverse('portal:structure')}#{body.slug}"


# --- Milestones: the home page's "Founding and milestones" ------------------------------------


def milestone_texts(milestone: Milestone) -> dict[str, tuple[str, str]]:
    return _columns_texts(milestone, "title", "description")


def milestone_filters(milestone: Milestone) -> dict:
    return {
        "year": milestone.year,
        "year_inferred": milestone.is_inferred("year"),
        "language": _languages_with_text(milestone_texts(milestone)),
    }


def milestone_url(milestone: Milestone) -> str:
    return f"{reverse('portal:home')}#milestone-{milestone.slug}"


# --- Facts about the process: the home, structure and contact pages, by topic -----------------

# Where the portal shows a fact of each topic: the home page unless named here.
FACT_PAGES = {
    Fact.Topic.DECISIONS: "portal:structure",
    Fact.Topic.POST: "portal:contact",
}


def fact_texts(fact: Fact) -> dict[str, tuple[str, str]]:
    """The topic's name as the title ("Fundamental tenet"), the fact as the text; a language
    without the fact's text has no row (a title alone would find a fact not written in it)."""
    texts = {}
    for language in LANGUAGES:
        text = getattr(fact, f"text_{language}") or ""
        with translation.override(language):
            title = str(Fact.Topic(fact.topic).label) if text else ""
        texts[language] = (title, text)
    return texts


def fact_filters(fact: Fact) -> dict:
    return {"language": _languages_with_text(fact_texts(fact))}


def fact_url(fact: Fact) -> str:
    return f"{reverse(FACT_PAGES.get(fact.topic, 'portal:home'))}#fact-{fact.slug}"


# --- Presidencies: the presidencies page -------------------------------------------------------


def presidency_texts(presidency: Presidency) -> dict[str, tuple[str, str]]:
    texts = {}
    for language in LANGUAGES:
        country = getattr(presidency.country, f"name_{language}") or presidency.country.iso_code
        with translation.override(language):
            title = gettext("Presidency Pro-Tempore %(year)s: %(country)s") % {
                "year": presidency.year,
                "country": country,
            }
        texts[language] = (title, getattr(presidency, f"motto_{language}") or "")
    return texts


def presidency_filters(presidency: Presidency) -> dict:
    return {
        "year": presidency.year,
        "year_inferred": presidency.is_inferred("year"),
        "language": _languages_with_text(presidency_texts(presidency)),
    }


def presidency_url(presidency: Presidency) -> str:
    return f"{reverse('portal:presidencies')}#presidency-{presidency.year}"


# --- People: only those the public contact page shows ------------------------------------------


def public_appointments(person: Person) -> list[Appointment]:
    """The person's appointments the public pages show: the contact page lists the current
    appointments to the Technical Secretariat (puebla.portal.views.public.contact), and no
    other public page names a person. Read from `appointments` when they were prefetched (with
    their bodies), as the reindex does."""
    if "appointments" in getattr(person, "_prefetched_objects_cache", {}):
        appointments = person.appointments.all()
    else:
        appointments = person.appointments.select_related("body")
    return [
        appointment
        for appointment in appointments
        if appointment.body.kind == Body.Kind.SECRETARIAT
        and in_force(appointment.start, appointment.end)
    ]


def person_shown(person: Person) -> bool:
    return bool(public_appointments(person))


def person_texts(person: Person) -> dict[str, tuple[str, str]]:
    """The name as the title; the job titles and bodies as the contact page gives them."""
    appointments = sorted(public_appointments(person), key=lambda a: (a.position, a.pk))
    texts = {}
    for language in LANGUAGES:
        posts = []
        for appointment in appointments:
            title = getattr(appointment, f"title_{language}")
            body = getattr(appointment.body, f"name_{language}")
            posts.append(", ".join(part for part in (title, body) if part))
        texts[language] = (str(person), "\n".join(posts))
    return texts


def person_filters(person: Person) -> dict:
    appointments = public_appointments(person)
    return {
        "body": appointments[0].body_id if appointments else None,
        "language": list(LANGUAGES),  # a name is the same in both
    }


def person_url(person: Person) -> str:
    return f"{reverse('portal:contact')}#person-{person.slug}"


def register_kinds() -> None:
    register(
        Searchable(
            kind="directory.body",
            model=Body,
            label=_("Bodies"),
            texts=body_texts,
            url=body_url,
            filters=body_filters,
            public=True,
        )
    )
    register(
        Searchable(
            kind="directory.milestone",
            model=Milestone,
            label=_("Milestones"),
            texts=milestone_texts,
            url=milestone_url,
            filters=milestone_filters,
            public=True,
        )
    )
    register(
        Searchable(
            kind="directory.fact",
            model=Fact,
            label=_("Facts about the process"),
            texts=fact_texts,
            url=fact_url,
            filters=fact_filters,
            public=True,
        )
    )
    register(
        Searchable(
            kind="directory.presidency",
            model=Presidency,
            label=_("Presidencies"),
            texts=presidency_texts,
            url=presidency_url,
            filters=presidency_filters,
            public=True,
            select_related=("country",),
        )
    )
    register(
        Searchable(
            kind="directory.person",
            model=Person,
            label=_("People"),
            texts=person_texts,
            url=person_url,
            filters=person_filters,
            public=True,
            indexed=person_shown,
            prefetch_related=("appointments__body",),
        )
    )


def people_reindex() -> int:
    """Index again everyone the contact page may have started or stopped showing with the day
    (an appointment's first or last day passes without a save): the people in the index and
    those appointed to the Technical Secretariat. Returns how many were looked at. Run daily
    (puebla.search.tasks)."""
    in_index = Entry.objects.filter(kind="directory.person").values("record_id")
    people = (
        Person.objects.filter(
            Q(pk__in=in_index) | Q(appointments__body__kind=Body.Kind.SECRETARIAT)
        )
        .distinct()
        .prefetch_related("appointments__body")
    )
    count = 0
    for person in people:
        services.index_record(person)
        count += 1
    return count


# --- Records whose text or publicness another record's save changes ---------------------------


def _reindex_person(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: search_reindex indexes what it loaded
        return
    # After a person's own deletion their appointments go too: nothing is left to index.
    person = Person.objects.filter(pk=instance.person_id).first()
    if person is not None:
        services.index_record(person)


def _reindex_body_people(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for person in Person.objects.filter(appointments__body=instance).distinct():
        services.index_record(person)


def _reindex_country_presidencies(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for presidency in Presidency.objects.filter(country=instance).select_related("country"):
        services.index_record(presidency)


def connect() -> None:
    """An appointment makes its person shown or not, and gives their job title; a body's name
    and kind are part of its people's entries; a country's name is part of its presidencies'."""
    for signal in (post_save, post_delete):
        signal.connect(
            _reindex_person,
            sender=Appointment,
            weak=False,
            dispatch_uid=f"puebla.search:appointment-person:{signal is post_save}",
        )
    post_save.connect(
        _reindex_body_people, sender=Body, weak=False, dispatch_uid="puebla.search:body-people"
    )
    post_save.connect(
        _reindex_country_presidencies,
        sender=Country,
        weak=False,
        dispatch_uid="puebla.search:country-presidencies",
    )
