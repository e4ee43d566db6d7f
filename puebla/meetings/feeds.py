"""An Atom feed of newly announced public meetings (django.contrib.syndication)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.urls import reverse, reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from puebla.core.text import text_in
from puebla.meetings.models import Meeting

LATEST = 30


class AnnouncedMeetingsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Regional Conference on Migration: newly announced meetings")
    subtitle = _("Meetings as they are added to the calendar, newest first.")
    link = reverse_lazy("meetings:calendar")

    def items(self):
        # Feed readers never sign in: the feed holds public meetings only.
        return (
            Meeting.objects.visible_to(AnonymousUser())
            .select_related("city")
            .order_by("-created_at", "-pk")[:LATEST]
        )

    def item_title(self, item):
        return text_in(item, "title") or item.slug

    def item_description(self, item):
        when = item.describe_dates()
        place = str(item.city) if item.city else ""
        return " · ".join(part for part in (when, place) if part)

    def item_link(self, item):
        return reverse("meetings:meeting", args=[item.slug])

    def item_guid(self, item):
        return f"urn:uuid:{item.uid}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
