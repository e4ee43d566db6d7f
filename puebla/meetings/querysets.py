"""Reads of meetings as named querysets (DESIGN.md §5): upcoming, past, undated, filtered."""

import datetime

from django.db.models import CharField, Count, Exists, OuterRef, Q, Value
from django.db.models.functions import Concat, ExtractYear
from django.utils.translation import get_language

from puebla.core.access import AccountOwnedQuerySet, AudienceQuerySet, ChildQuerySet
from puebla.core.text import text_in
from puebla.directory.models import Country, Membership


def member_states():
    """The countries that are members now: the ones that nominate delegations."""
    current = Membership.objects.current().filter(status=Membership.Status.MEMBER)
    return Country.objects.filter(memberships__in=current).distinct()


class Year(ExtractYear):
    """The year of a date, as ExtractYear, computed by SQLite itself: Django's SQLite backend
    extracts it by calling a Python function for every row, which makes a count by year of
    every meeting several times slower."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"CAST(strftime('%%Y', {sql}) AS integer)", params


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
        a field name is a whole word of the space-separated `inferred` (matched within spaces,
        with LIKE: a regular expression is a call into Python for every row on SQLite). Needs
        the annotation `spaced_inferred`."""
        condition = Q()
        for name in sorted(self.model.DATE_FIELDS):
            condition |= Q(spaced_inferred__contains=f" {name} ")
        return condition

    def years(self) -> list[tuple[int, int]]:
        """The years meetings start in, newest first, each with how many of its meetings have
        inferred dates, so that the year filter says so (one query, computed by the database
        without calling back into Python for each meeting)."""
        rows = (
            self.filter(start_date__isnull=False)
            .annotate(
                year=Year("start_date"),
                spaced_inferred=Concat(
                    Value(" "), "inferred", Value(" "), output_field=CharField()
                ),
            )
            .values("year")
            .annotate(inferred_count=Count("pk", filter=self._dates_inferred()))
            .order_by("-year")
        )
        return [(row["year"], row["inferred_count"]) for row in rows]

    def body_choices(self) -> list[tuple[str, str]]:
        """The bodies these meetings belong to, in the bodies' own order, as a filter offers
        them: (key, name in the reader's language, else in the other). One query: a body is in
        it when one of the meetings exists; rows, not records, since every body may be
        listed."""
        body = self.model._meta.get_field("body").related_model
        rows = body.objects.filter(Exists(self.filter(body=OuterRef("pk")))).values_list(
            "slug", "name_es", "name_en", named=True
        )
        language = get_language()
        return [(row.slug, text_in(row, "name", language)) for row in rows]

    def matching(self, *, kind="", body_slug="", country=None, year=None, text=""):
        """Filter by the calendar's criteria; an empty criterion filters nothing."""
        meetings = self
        if kind:
            meetings = meetings.filter(kind=kind)
        if body_slug:
            meetings = meetings.filter(body__slug=body_slug)
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
