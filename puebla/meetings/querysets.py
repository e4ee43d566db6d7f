"""Reads of meetings as named querysets (DESIGN.md §5): upcoming, past, undated, filtered."""

import datetime

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from puebla.core.access import AccountOwnedQuerySet, AudienceQuerySet, ChildQuerySet
from puebla.directory.models import Country, Membership


def member_states():
    """The countries that are members now: the ones that nominate delegations."""
    current = Membership.objects.current().filter(status=Membership.Status.MEMBER)
    return Country.objects.filter(memberships__in=current).distinct()


class MeetingQuerySet(AudienceQuerySet):
    def upcoming(self, today: datetime.date):
        """Dated meetings whose last possible day is today or later, soonest first."""
        return self.filter(last_day__gte=today).order_by("start_date", "slug")

    def past(self, today: datetime.date):
        """Dated meetings that are over, most recent first."""
        return self.filter(last_day__lt=today).order_by("-start_date", "slug")

    def undated(self):
        """Meetings the sources give no date for: neither upcoming nor past, by title."""
        return self.filter(start_date__isnull=True).order_by("title_en", "title_es", "slug")

    def with_day(self):
        """Meetings dated to the day: the only ones a calendar (RFC 5545) can hold."""
        return self.filter(start_precision="day")

    def for_calendar(self):
        """Meetings dated to the day, with what their calendar entry names: the city, its
        country and time zone, the host country (puebla.meetings.ical)."""
        return self.with_day().select_related("city__country", "host_country")

    def _dates_inferred(self) -> Q:
        """The meetings whose dates the sources imply without stating (Meeting.dates_inferred):
        a field name is a whole word of the space-separated `inferred`."""
        condition = Q()
        for name in self.model.DATE_FIELDS:
            condition |= Q(inferred__regex=rf"(^| ){name}( |$)")
        return condition

    def years(self) -> list[tuple[int, int]]:
        """The years meetings start in, newest first, each with how many of its meetings have
        inferred dates, so that the year filter says so (one query)."""
        rows = (
            self.filter(start_date__isnull=False)
            .annotate(year=ExtractYear("start_date"))
            .values("year")
            .annotate(inferred_count=Count("pk", filter=self._dates_inferred()))
            .order_by("-year")
        )
        return [(row["year"], row["inferred_count"]) for row in rows]

    def matching(self, *, kind="", body=None, country=None, year=None, text=""):
        """Filter by the calendar's criteria; an empty criterion filters nothing."""
        meetings = self
        if kind:
            meetings = meetings.filter(kind=kind)
        if body is not None:
            meetings = meetings.filter(body=body)
        if country is not None:
            meetings = meetings.filter(host_country=country)
        if year:
            meetings = meetings.filter(start_date__year=year)
        if text:
            meetings = meetings.filter(Q(title_es__icontains=text) | Q(title_en__icontains=text))
        return meetings

    def taking_nominations(self, today: datetime.date):
        """Meetings with seats whose nomination deadline has not passed and that are neither
        cancelled nor held (the rule of meetings.delegations.closed_reason), by deadline."""
        return (
            self.filter(seats_per_country__gt=0, nomination_deadline__gte=today)
            .exclude(status__in=[self.model.Status.CANCELLED, self.model.Status.HELD])
            .order_by("nomination_deadline", "slug")
        )

    def with_seats_taken_by(self, country_id: int):
        """Each meeting with `nominated`: the seats the country's nominations hold (the
        waiting list holds none)."""
        nomination = self.model._meta.get_field("nominations").related_model
        return self.annotate(
            nominated=Count(
                "nominations",
                filter=Q(
                    nominations__owner_country_id=country_id,
                    nominations__status__in=nomination.SEAT_HOLDING,
                ),
            )
        )

    def for_listing(self):
        return self.select_related("city", "host_country", "body")


class AgendaItemQuerySet(ChildQuerySet):
    """A meeting's agenda items: through their meeting's audience."""


class AttendanceQuerySet(ChildQuerySet):
    """Who attended a meeting: through the meeting's audience."""


class NominationQuerySet(AudienceQuerySet):
    def active(self):
        return self.filter(status__in=["nominated", "waiting", "confirmed"])

    def holding_seats(self):
        return self.filter(status__in=["nominated", "confirmed"])

    def waiting(self):
        """The waiting list, first come first served."""
        return self.filter(status="waiting").order_by("created_at", "pk")

    def summary_by_country(self):
        """One row per country: how many nominations are in each status (one query)."""
        return (
            self.values("owner_country")
            .annotate(
                **{
                    status: Count("pk", filter=Q(status=status))
                    for status in ("nominated", "confirmed", "waiting", "declined", "withdrawn")
                }
            )
            .order_by("owner_country")
        )


class ParticipationRequestQuerySet(AccountOwnedQuerySet):
    def active(self):
        return self.filter(status__in=["requested", "accepted"])
