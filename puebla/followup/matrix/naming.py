"""How the matrix's pages and files name the RCGM meeting of a cycle, so that a reader tells
one meeting from another: the RCM's shipped RCGM meetings have English titles only, the same
for most ("Meeting of the Regional Consultation Group on Migration"), and some no date."""

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from puebla.core.text import text_in
from puebla.meetings.models import Meeting


def meeting_label(meeting: Meeting) -> str:
    """The meeting in the active language, with where and when it is held: "Grupo Regional de
    Consulta sobre Migración — San Salvador, 12 de noviembre de 2019". Its title when it has
    one in that language, else the name of its kind (never a guessed translation). `city`
    should be selected with the meeting."""
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    title = getattr(meeting, f"title_{language}", "") or str(meeting.get_kind_display())
    # Marked when the sources imply the date without stating it, as on the calendar's pages.
    date = (
        meeting.with_dates_mark(meeting.describe_start())
        if meeting.start_date
        else _("date not given")
    )
    place = text_in(meeting.city, "name") if meeting.city_id else ""
    if place:
        return _("%(title)s — %(place)s, %(date)s") % {"title": title, "place": place, "date": date}
    return _("%(title)s — %(date)s") % {"title": title, "date": date}
