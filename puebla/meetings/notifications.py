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
from puebla.core.mail import mail_queue, subject_prefixed
from puebla.core.text_marks import marked_text
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
    "deadline_near": gettext_lazy("Nomination deadline approaching: %(meeting)s"),
    "requested": gettext_lazy("Request to participate received: %(meeting)s"),
    "accepted": gettext_lazy("Participation accepted: %(meeting)s"),
    "declined_request": gettext_lazy("Request to participate declined: %(meeting)s"),
    "request_withdrawn": gettext_lazy("Request to participate withdrawn: %(meeting)s"),
    "twice": gettext_lazy("One person named twice: %(meeting)s"),
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


def deadline_near(meeting: Meeting, country, *, open_seats: int) -> None:
    """Remind the focal points of `country` that its seats are still open."""
    for address, language in _focal_points(country.pk).items():
        _mail(
            address,
            language,
            event="deadline_near",
            meeting=meeting,
            extra={"country": country, "open_seats": open_seats},
        )


def request_changed(request, *, event: str) -> None:
    """Tell the account that asked, and the person it asked for, in the account's language."""
    language = request.requested_by.language
    subject = "declined_request" if event == "declined" else event
    for address in dict.fromkeys((request.requested_by.email, request.email)):
        _mail(
            address,
            language,
            event=subject,
            meeting=request.meeting,
            extra={"request": request},
        )


def nominated_twice(nomination: Nomination, *, others: list[Nomination]) -> None:
    """Tell the secretariat (only) that `nomination`'s person is nominated by other countries
    too: which countries, for it to resolve with them."""
    named_by = [other.owner_country for other in others] + [nomination.owner_country]
    _mail_secretariat(nomination.meeting, person=nomination, named_by=named_by)


def requested_twice(request, *, others: list) -> None:
    """Tell the secretariat (only) that other accounts asked for the same person too."""
    named_by = [other.requested_by for other in others] + [request.requested_by]
    _mail_secretariat(request.meeting, person=request, named_by=named_by)


def _mail_secretariat(meeting: Meeting, *, person, named_by: list) -> None:
    for address, language in User.objects.secretariat().addresses().items():
        with translation.override(language):
            title = marked_text(meeting, "title", language)
            body = render_to_string(
                "meetings/email/named_twice.txt",
                {
                    "person": person,
                    "named_by": named_by,
                    "title": title,
                    "link": settings.SITE_URL
                    + reverse("meetings:participants", args=[meeting.slug]),
                },
            )
            mail_queue(
                to=[address],
                subject=subject_prefixed(SUBJECTS["twice"] % {"meeting": title}),
                body=body,
            )


def _addressee_name(address: str, person) -> str:
    """The given name when the mail goes to the person nominated or asked for; else ""."""
    return person.given_name if person is not None and address == person.email else ""


def _focal_points(country_id: int) -> dict[str, str]:
    return User.objects.focal_points_of(country_id).addresses()


def _mail(address, language, *, event, meeting, nomination=None, extra=None) -> None:
    greeting_name = _addressee_name(address, nomination or (extra or {}).get("request"))
    with translation.override(language):
        title = marked_text(meeting, "title", language)
        attachments = []
        if event in ("confirmed", "accepted") and meeting.has_exact_day:
            calendar = ical.calendar_of([meeting], name=title).decode()
            attachments.append((f"{meeting.slug}.ics", calendar, "text/calendar"))
        body = render_to_string(
            "meetings/email/nomination.txt",
            {
                "event": event,
                "nomination": nomination,
                "meeting": meeting,
                "title": title,
                "greeting_name": _addressee_name(
                    address, nomination or (extra or {}).get("request")
                ),
                # The person nominated may have no account: the public page, if there is one.
                "link": settings.SITE_URL
                + (
                    reverse("meetings:meeting", args=[meeting.slug])
                    if greeting_name
                    else reverse("meetings:delegation", args=[meeting.slug])
                ),
                "link_is_public": bool(greeting_name),
                **(extra or {}),
            },
        )
        mail_queue(
            to=[address],
            subject=subject_prefixed(SUBJECTS[event] % {"meeting": title}),
            body=body,
            attachments=attachments,
        )
