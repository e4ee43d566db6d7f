"""Mail about delegations, to each recipient in their own language, after commit.

Who hears of a nomination's change: the nominee (in the language the nomination names) and
the current focal points of its country (each in the language of their account). A
confirmation carries the meeting's calendar entry when the meeting is dated to the day.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy

from puebla.accounts.models import User
from puebla.accounts.services import subject_prefixed
from puebla.core.mail import mail_queue
from puebla.meetings import ical
from puebla.meetings.models import Meeting, Nomination

SUBJECTS = {
    "nominated": gettext_lazy("Nomination received: %(meeting)s"),
    "waiting": gettext_lazy("On the waiting list: %(meeting)s"),
    "moved_up": gettext_lazy("Moved up from the waiting list: %(meeting)s"),
    "withdrawn": gettext_lazy("Nomination withdrawn: %(meeting)s"),
    "confirmed": gettext_lazy("Participation confirmed: %(meeting)s"),
    "declined": gettext_lazy("Nomination declined: %(meeting)s"),
    "meeting_changed": gettext_lazy("Changes to the meeting: %(meeting)s"),
}


def nomination_changed(nomination: Nomination, *, event: str) -> None:
    """Queue the mail about `event` ("nominated", "confirmed", ...) for everyone concerned."""
    recipients = {nomination.email: nomination.language}
    recipients |= _focal_points(nomination.owner_country_id)
    for address, language in recipients.items():
        _mail(address, language, event=event, meeting=nomination.meeting, nomination=nomination)


def meeting_changed(meeting: Meeting) -> None:
    """Tell each active nominee, and once each the focal points of the countries that
    nominated them, that the meeting's dates or status changed."""
    countries = set()
    for nomination in meeting.nominations.active():
        _mail(nomination.email, nomination.language, event="meeting_changed", meeting=meeting)
        countries.add(nomination.owner_country_id)
    for country_id in sorted(countries):
        for address, language in _focal_points(country_id).items():
            _mail(address, language, event="meeting_changed", meeting=meeting)


def _focal_points(country_id: int) -> dict[str, str]:
    return dict(User.objects.focal_points_of(country_id).values_list("email", "language"))


def _mail(address, language, *, event, meeting, nomination=None) -> None:
    with translation.override(language):
        title = ical.text_in(meeting, "title", language)
        attachments = []
        if event == "confirmed" and meeting.has_exact_day:
            calendar = ical.calendar_of([meeting], name=title).decode()
            attachments.append((f"{meeting.slug}.ics", calendar, "text/calendar"))
        body = render_to_string(
            "meetings/email/nomination.txt",
            {
                "event": event,
                "nomination": nomination,
                "meeting": meeting,
                "title": title,
                "is_nominee": nomination is not None and address == nomination.email,
                "delegation_link": settings.SITE_URL
                + reverse("meetings:delegation", args=[meeting.slug]),
            },
        )
        mail_queue(
            to=[address],
            subject=subject_prefixed(SUBJECTS[event] % {"meeting": title}),
            body=body,
            attachments=attachments,
        )
