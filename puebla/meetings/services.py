"""Writes to meetings (DESIGN.md §5): keyword-only, validated, atomic.

Every change raises the meeting's SEQUENCE, so calendar programs that subscribed to it
replace their copy (RFC 5545 §3.8.7.4); its UID never changes. A change of dates or status
is mailed to everyone nominated (notifications.py); more seats move waiting nominations up.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from puebla.core import access
from puebla.core.text import fold_accents
from puebla.meetings import delegations, notifications, time_zones
from puebla.meetings.models import City, Meeting, Nomination

# Fields the service does not let a caller set: identity and bookkeeping.
FIXED = frozenset({"id", "uid", "sequence", "last_day", "created_at", "updated_at"})
# The many-to-many fields a caller may set.
RELATIONS = (
    "convening_bodies",
    "convening_organisations",
    "supporting_bodies",
    "supporting_organisations",
    "audience_bodies",
)


# What nominees are told about when it changes.
SCHEDULE = (
    "start_date",
    "start_precision",
    "start_time",
    "end_date",
    "end_precision",
    "end_time",
    "status",
)


@transaction.atomic
def meeting_create(
    *,
    fields: dict[str, Any],
    relations: dict[str, Iterable] | None = None,
    by,
) -> Meeting:
    """A new meeting, written by `by` (who must be able to edit it afterwards)."""
    _refuse_fixed(fields)
    meeting = Meeting(**fields)
    meeting.full_clean()
    meeting._history_user = by
    meeting.save()
    _set_relations(meeting, relations)
    access.refuse_unless_editable(by, meeting)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    changes: dict[str, Any],
    relations: dict[str, Iterable] | None = None,
    by,
) -> Meeting:
    """Apply `changes` to `meeting` and raise its SEQUENCE; nothing is written if invalid, or
    if `by` may not edit it (before and after the change).

    The row is locked first, so that two edits at once each raise the sequence, and a
    nomination cannot take a seat while the seats change.
    """
    _refuse_fixed(changes)
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    access.refuse_unless_editable(by, locked)
    before = {name: getattr(locked, name) for name in (*SCHEDULE, "seats_per_country")}
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.full_clean()
    locked.sequence += 1
    locked._history_user = by
    locked.save()
    _set_relations(locked, relations)
    access.refuse_unless_editable(by, locked)
    if any(getattr(locked, name) != before[name] for name in SCHEDULE):
        notifications.meeting_changed(locked)
    if (locked.seats_per_country or 0) > (before["seats_per_country"] or 0):
        waiting = Nomination.objects.filter(meeting=locked).waiting()
        for country_id in sorted(set(waiting.values_list("owner_country", flat=True))):
            delegations.promote_waiting(meeting=locked, country_id=country_id, by=by)
    return locked


@transaction.atomic
def meeting_duplicate(*, meeting: Meeting, by) -> Meeting:
    """A new meeting like `meeting` (next year's edition, say), to be dated and edited: its
    texts, place, bodies and rules of participation, but no dates, no nominations, status
    planned, and only the secretariat sees it until it is edited."""
    fields = {
        field.attname: getattr(meeting, field.attname)
        for field in Meeting._meta.concrete_fields
        if field.attname not in FIXED
    }
    fields |= {
        "slug": _free_slug(f"{meeting.slug}-copy"),
        "start_date": None,
        "start_precision": "none",
        "start_time": None,
        "end_date": None,
        "end_precision": "none",
        "end_time": None,
        "nomination_deadline": None,
        "status": Meeting.Status.PLANNED,
        "audience": "secretariat",
        "audience_country_id": None,
        "online_link": meeting.online_link,
        # The copy is the secretariat's own record, not the dataset's.
        **dict.fromkeys(("source", "evidence", "inferred", "note_es", "note_en"), ""),
    }
    fields = {name: value for name, value in fields.items() if name in _settable()}
    relations = {name: getattr(meeting, name).all() for name in RELATIONS[:-1]}
    return meeting_create(fields=fields, relations=relations, by=by)


def _settable() -> set[str]:
    return {field.attname for field in Meeting._meta.concrete_fields} - FIXED


def _free_slug(stem: str) -> str:
    slug, number = stem, 1
    while Meeting.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{stem}-{number}"
    return slug


def _set_relations(meeting: Meeting, relations) -> None:
    for name, records in (relations or {}).items():
        if name not in RELATIONS:
            raise ValidationError(_("These fields cannot be set: %(fields)s.") % {"fields": name})
        getattr(meeting, name).set(records)


def _refuse_fixed(fields: dict[str, Any]) -> None:
    fixed = sorted(FIXED & set(fields))
    if fixed:
        raise ValidationError(
            _("These fields cannot be set: %(fields)s.") % {"fields": ", ".join(fixed)}
        )


def city_creation_refusal(user) -> str:
    """Why `user` may not add a city to the list meetings choose from ("" when they may)."""
    if access.is_secretariat(user):
        return ""
    return _("Only the Technical Secretariat adds cities.")


@transaction.atomic
def city_create(*, name_es: str, name_en: str, country, time_zone: str, by) -> City:
    """A city the meetings may be held in, named in one language at least, with its country
    (None when it is not in the directory) and a time zone of that country. A city of the same
    name (in either language, accents and capitals aside) in the same country is refused."""
    refusal = city_creation_refusal(by)
    if refusal:
        raise ValidationError(refusal)
    name_es, name_en = name_es.strip(), name_en.strip()
    errors = {}
    if not (name_es or name_en):
        errors["name_es"] = _("Give the name in Spanish, in English, or in both.")
    zones = time_zones.zones_of(country.iso_code) if country else ()
    if zones and time_zone not in zones:
        errors["time_zone"] = _("Choose one of the time zones of %(country)s.") % {
            "country": country
        }
    elif not time_zones.is_zone(time_zone):
        errors["time_zone"] = _("Choose the city's time zone.")
    same = _same_name(name_es, name_en, country)
    if same is not None:
        errors["name_es"] = _("%(city)s is already in the list: choose it in the meeting form.") % {
            "city": f"{same}, {country}" if country else str(same)
        }
    if errors:
        raise ValidationError(errors)
    city = City(
        slug=_free_city_slug(name_en or name_es, country),
        name_es=name_es,
        name_en=name_en,
        country=country,
        time_zone=time_zone,
    )
    city.full_clean()
    city._history_user = by
    city.save()
    return city


def _folded(name: str) -> str:
    return fold_accents(name).casefold()


def _same_name(name_es: str, name_en: str, country) -> City | None:
    """The city of `country` already named `name_es` or `name_en` in either language."""
    wanted = {_folded(name) for name in (name_es, name_en) if name}
    for city in City.objects.filter(country=country):
        if wanted & {_folded(name) for name in (city.name_es, city.name_en) if name}:
            return city
    return None


def _free_city_slug(name: str, country) -> str:
    stem = slugify(fold_accents(name))[:50] or "city"
    if country is not None and City.objects.filter(slug=stem).exists():
        stem = f"{stem}-{country.iso_code.lower()}"
    slug, number = stem, 1
    while City.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{stem}-{number}"
    return slug
