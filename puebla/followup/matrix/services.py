"""Writes to the comparative matrix (DESIGN.md §5): cycle_create, topic_add, topic_rename,
topic_remove, entry_save, entries_save, cycle_publish; topic_removal_refusal (one rule for the
page and the service); and entry_token, what a page of entries records to find out on saving
whether someone changed them since. The matrix as read: puebla.followup.matrix.comparison.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from puebla.core import access
from puebla.core.text import text_in
from puebla.directory.models import Country
from puebla.followup.matrix.columns import AREA_NAMES, AREAS, built_in_column_named
from puebla.followup.models import MatrixCycle, MatrixEntry, MatrixTopic
from puebla.meetings.models import Meeting


@transaction.atomic
def cycle_create(*, meeting: Meeting, by, due_date=None) -> MatrixCycle:
    """A cycle for an RCGM meeting; it follows the latest earlier cycle and takes its topics."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat opens a matrix cycle."))
    if MatrixCycle.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("This meeting already has its matrix cycle."))
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(
            {"meeting": _("This meeting was cancelled: it prepares no comparative matrix.")}
        )
    earlier = MatrixCycle.objects.all()
    if meeting.start_date:
        earlier = earlier.filter(meeting__start_date__lt=meeting.start_date)
    previous = earlier.order_by("-meeting__start_date", "-pk").first()
    cycle = MatrixCycle(meeting=meeting, previous=previous, due_date=due_date)
    cycle.full_clean()
    cycle.save()
    if previous is not None:
        MatrixTopic.objects.bulk_create(
            MatrixTopic(
                cycle=cycle,
                key=topic.key,
                position=topic.position,
                title_es=topic.title_es,
                title_en=topic.title_en,
            )
            for topic in previous.topics.all()
        )
    return cycle


@transaction.atomic
def topic_add(
    *, cycle: MatrixCycle, by, key: str, title_es: str = "", title_en: str = "", position=100
) -> MatrixTopic:
    _check_topic(by=by, key=key, title_es=title_es, title_en=title_en)
    if cycle.topics.filter(key=key).exists():
        raise ValidationError({"key": _("This cycle already has a topic with that key.")})
    topic = MatrixTopic(
        cycle=cycle,
        key=key,
        title_es=title_es.strip(),
        title_en=title_en.strip(),
        position=position,
    )
    topic.full_clean()
    topic.save()
    return topic


def _check_topic(*, by, title_es: str, title_en: str, key: str = "") -> None:
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat sets the matrix's topics."))
    if not (title_es.strip() or title_en.strip()):
        raise ValidationError({"title_es": _("Give the topic in Spanish, in English, or both.")})
    area = built_in_column_named(title_es, title_en, key)
    if area is not None:
        raise ValidationError(
            {
                "title_es": _(
                    "“%(area)s” is a built-in column of the matrix: every topic already has "
                    "policy, legislation and regulations. Name a subject instead, such as "
                    "asylum or labour migration."
                )
                % {"area": AREA_NAMES[area]}
            }
        )


@transaction.atomic
def topic_rename(
    *, topic: MatrixTopic, by, title_es: str = "", title_en: str = "", position: int | None = None
) -> MatrixTopic:
    """Change a topic's titles (and its place in the list). Its key stays: the next cycle
    compares the topic of the same key."""
    _check_topic(by=by, title_es=title_es, title_en=title_en)
    topic = MatrixTopic.objects.select_for_update().get(pk=topic.pk)
    topic.title_es, topic.title_en = title_es.strip(), title_en.strip()
    if position is not None:
        topic.position = position
    topic.full_clean()
    topic.save()
    return topic


def topic_removal_refusal(topic: MatrixTopic) -> str:
    """Why `topic` may not be removed now; "" when it may. Once a country has written on it,
    draft or submitted, removing it would take their text with it."""
    writers = sorted(
        str(entry.owner_country)
        for entry in MatrixEntry.objects.filter(topic=topic).select_related("owner_country")
    )
    if not writers:
        return ""
    return ngettext(
        "%(countries)s has written an entry on this topic: it cannot be removed, so that "
        "the text is not lost. Rename it instead if its title is wrong.",
        "%(countries)s have written entries on this topic: it cannot be removed, so that "
        "their text is not lost. Rename it instead if its title is wrong.",
        len(writers),
    ) % {"countries": ", ".join(writers)}


@transaction.atomic
def topic_remove(*, topic: MatrixTopic, by) -> None:
    """Remove a topic no country has written on (topic_removal_refusal)."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat sets the matrix's topics."))
    # The cycle's row is the lock entries_save takes: no first entry slips in meanwhile.
    MatrixCycle.objects.select_for_update().filter(pk=topic.cycle_id).first()
    refusal = topic_removal_refusal(topic)
    if refusal:
        raise ValidationError(refusal)
    topic.delete()


@transaction.atomic
def entry_save(
    *,
    topic: MatrixTopic,
    country: Country,
    by,
    policy: str = "",
    legislation: str = "",
    regulations: str = "",
    submit: bool = False,
) -> MatrixEntry:
    """A country's changes on a topic (its focal points, or the secretariat for it); `submit`
    puts them in the matrix."""
    if not access.can_act_for_country(by, country):
        raise ValidationError(
            _("Only the focal points of %(country)s answer for it.") % {"country": country}
        )
    texts = {
        "policy": policy.strip(),
        "legislation": legislation.strip(),
        "regulations": regulations.strip(),
    }
    if submit and not any(texts.values()):
        raise ValidationError(
            _("Say what changed in policy, legislation or regulations, or write “none”.")
        )
    entry = MatrixEntry.objects.select_for_update().filter(
        topic=topic, owner_country=country
    ).first() or MatrixEntry(topic=topic, owner_country=country)
    if entry.published_at is not None:
        raise ValidationError(_("The matrix was published: this entry can no longer change."))
    for area, text in texts.items():
        setattr(entry, area, text)
    # Saved without submitting, the entry is a draft again: the matrix shows only what was
    # submitted, and its new text was not.
    entry.submitted_at = timezone.now() if submit else None
    entry.full_clean()
    entry._history_user = by
    entry.save()
    return entry


def entry_token(entry: MatrixEntry | None) -> str:
    """What a form records of the entry it showed, to find out on saving whether someone
    changed it since."""
    return entry.updated_at.isoformat() if entry is not None else "none"


@transaction.atomic
def entries_save(
    *,
    cycle: MatrixCycle,
    country: Country,
    by,
    texts: dict[MatrixTopic, dict[str, str]],
    seen: dict[MatrixTopic, str],
    submit: bool = False,
) -> None:
    """A country's page of entries at once: all of `texts` (per topic, its three areas) or
    nothing. A submission needs something on each topic; a draft touches only the topics whose
    text changed (a submitted topic left as it was stays submitted). `seen` is the entry_token
    of each topic as the page showed it: a topic changed since by someone else refuses the
    save, so that nobody writes over a colleague's text unseen.

    ValidationError's keys are the topics' keys."""
    if not access.can_act_for_country(by, country):
        raise ValidationError(
            _("Only the focal points of %(country)s answer for it.") % {"country": country}
        )
    # The cycle's row is the lock: two focal points saving at once (a topic's first entry
    # included, which no entry row could lock) take turns, and the second sees the first's.
    MatrixCycle.objects.select_for_update().filter(pk=cycle.pk).first()
    current = {
        entry.topic_id: entry
        for entry in MatrixEntry.objects.filter(topic__in=list(texts), owner_country=country)
    }
    errors = {}
    for topic, areas in texts.items():
        entry = current.get(topic.pk)
        if seen.get(topic) != entry_token(entry):
            errors[topic.key] = _(
                "Someone changed “%(topic)s” since you opened this page. Copy your text, open "
                "the page again and add it."
            ) % {"topic": text_in(topic, "title")}
        elif submit and not any(text.strip() for text in areas.values()):
            errors[topic.key] = _(
                "Say what changed on “%(topic)s” in policy, legislation or regulations, or "
                "write “none”."
            ) % {"topic": text_in(topic, "title")}
    if errors:
        raise ValidationError(errors)
    for topic, areas in texts.items():
        entry = current.get(topic.pk)
        stored = {area: getattr(entry, area) if entry else "" for area in AREAS}
        unchanged = all(areas[area].strip() == stored[area] for area in AREAS)
        if not submit and unchanged:
            continue  # as it was: a submitted topic stays submitted, an empty one makes no row
        entry_save(topic=topic, country=country, by=by, submit=submit, **areas)


@transaction.atomic
def cycle_publish(*, cycle: MatrixCycle, by, audience: str) -> int:
    """Publish the cycle's submitted entries to `audience` (members, observers, ...): from then
    on they no longer change. Drafts stay their country's. Returns how many were published."""
    if not access.is_secretariat(by):
        raise ValidationError(_("Only the Technical Secretariat publishes the matrix."))
    if audience in (access.Audience.BODY, access.Audience.COUNTRY):
        raise ValidationError({"audience": _("Publish the matrix to a whole audience.")})
    entries = MatrixEntry.objects.select_for_update().filter(
        topic__cycle=cycle, submitted_at__isnull=False, published_at__isnull=True
    )
    now = timezone.now()
    published = 0
    for entry in entries:
        entry.audience, entry.published_at = audience, now
        entry._history_user = by
        entry.save()
        published += 1
    return published
