"""Meetings in the site search: title, description and objectives, in both languages.

Registered from MeetingsConfig.ready(); saves and deletes keep the index up to date
(puebla.search.registry), and who finds a meeting is who may see it (Meeting.objects.visible_to).
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from puebla.meetings.models import Meeting
from puebla.search.registry import Searchable, register

LANGUAGES = ("es", "en")


def meeting_texts(meeting: Meeting) -> dict[str, tuple[str, str]]:
    def text(language):
        parts = (
            getattr(meeting, f"{name}_{language}")
            for name in ("description", "objectives_general", "objectives_specific")
        )
        return "\n\n".join(part for part in parts if part)

    return {
        language: (getattr(meeting, f"title_{language}") or "", text(language))
        for language in LANGUAGES
    }


def meeting_filters(meeting: Meeting) -> dict:
    return {
        "year": meeting.start_date.year if meeting.start_date else None,
        "year_inferred": meeting.dates_inferred,
        "body": meeting.body_id,
        # The languages its page is written in (not those of its documents).
        "language": [language for language, texts in meeting_texts(meeting).items() if any(texts)],
    }


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:meeting", args=[meeting.slug])


def register_kinds() -> None:
    register(
        Searchable(
            kind="meetings.meeting",
            model=Meeting,
            label=_("Meetings"),
            texts=meeting_texts,
            url=meeting_url,
            filters=meeting_filters,
        )
    )
