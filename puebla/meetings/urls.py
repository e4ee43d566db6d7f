from django.urls import path
from django.utils.translation import gettext_lazy as _

from puebla.core.pagecache import public_page
from puebla.meetings.feeds import AnnouncedMeetingsFeed
from puebla.meetings.views import (
    cities,
    delegations,
    editing,
    participants,
    public,
    requests,
    subscriptions,
)

app_name = "meetings"

urlpatterns = [
    path(_("meetings/"), public.calendar, name="calendar"),
    path(_("meetings/calendar.ics"), public.calendar_ics, name="calendar_ics"),
    path(_("meetings/announced.atom"), public_page(AnnouncedMeetingsFeed()), name="announced"),
    path(_("meetings/bodies/<slug:slug>.ics"), public.body_ics, name="body_ics"),
    path(_("meetings/<slug:slug>/"), public.meeting_page, name="meeting"),
    path(_("meetings/<slug:slug>.ics"), public.meeting_ics, name="meeting_ics"),
    path(_("meetings/feeds/<str:token>.ics"), subscriptions.personal_ics, name="personal_ics"),
    path(_("intranet/meetings/"), editing.meeting_list, name="intranet_list"),
    path(_("intranet/meetings/my-calendar/"), subscriptions.my_feed, name="my_feed"),
    path(_("intranet/meetings/new/"), editing.meeting_new, name="new"),
    path(_("intranet/meetings/cities/new/"), cities.city_new, name="city_new"),
    path(_("intranet/meetings/<slug:slug>/edit/"), editing.meeting_edit, name="edit"),
    path(
        _("intranet/meetings/<slug:slug>/duplicate/"),
        editing.meeting_duplicate,
        name="duplicate",
    ),
    path(
        _("intranet/meetings/<slug:slug>/delegation/"),
        delegations.delegation,
        name="delegation",
    ),
    path(
        _("intranet/meetings/<slug:slug>/delegations/"),
        delegations.delegations_overview,
        name="delegations",
    ),
    path(
        _("intranet/meetings/<slug:slug>/delegation/<int:pk>/withdraw/"),
        delegations.nomination_withdraw,
        name="nomination_withdraw",
    ),
    path(
        _("intranet/meetings/<slug:slug>/delegation/<int:pk>/decide/"),
        delegations.nomination_decide,
        name="nomination_decide",
    ),
    path(
        _("intranet/meetings/<slug:slug>/requests/<int:pk>/withdraw/"),
        requests.request_withdraw,
        name="request_withdraw",
    ),
    path(
        _("intranet/meetings/<slug:slug>/requests/<int:pk>/decide/"),
        requests.request_decide,
        name="request_decide",
    ),
    path(
        _("intranet/meetings/<slug:slug>/participants/"),
        participants.participants,
        name="participants",
    ),
    path(
        _("intranet/meetings/<slug:slug>/participants/summary/"),
        participants.participants_summary,
        name="participants_summary",
    ),
    path(
        _("intranet/meetings/<slug:slug>/participants.<slug:file_format>"),
        participants.participants_export,
        name="participants_export",
    ),
]
