"""Reads of the Reserve Fund: who sees which case, and the ledger's derived figures.

A case is seen by the fund's officers and by the requesting body that filed it: the officials
of the requesting government, or the accounts of the requesting organisation. Nobody else,
the rest of the secretariat included (the data is sensitive): for them a case is a 404.
"""

from decimal import Decimal

from django.db import models
from django.db.models import F, Q, Sum
from django.db.models.functions import Cast, Coalesce, Round

from puebla.core.access import NOTHING, is_fund_officer
from puebla.fund.choices import COMMITTING_STATES
from puebla.fund.permissions import requester_side

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def requesting_body_condition(user, prefix: str = "") -> Q:
    """The cases whose requesting body `user` acts for (puebla.fund.permissions)."""
    side = requester_side(user)
    if side is None:
        return NOTHING
    kind, pk = side
    return Q(**{f"{prefix}requesting_{kind}_id": pk})


def sum_of_money(queryset, field: str) -> Decimal:
    """The exact sum of a money column, as a Decimal.

    SQLite keeps such a column as NUMERIC, so 0.01 is a binary float there and its SUM drifts
    (2 + 0.01 - 2 = 0.00999999999999979). Summing whole cents, each rounded to the nearest
    integer first, is exact on SQLite and PostgreSQL alike.
    """
    cents = Cast(Round(F(field) * 100), models.BigIntegerField())
    total = queryset.aggregate(total=Coalesce(Sum(cents), 0))["total"]
    return (Decimal(total) / 100).quantize(CENT)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_fund_officer(user):
            return self.all()
        condition = requesting_body_condition(user)
        return self.filter(condition) if condition != NOTHING else self.none()

    def filed_for(self, user):
        """The cases of the user's requesting body (what a requester's list shows), also for
        a fund officer who belongs to one."""
        condition = requesting_body_condition(user)
        return self.filter(condition) if condition != NOTHING else self.none()

    def committing(self):
        return self.filter(state__in=COMMITTING_STATES)


class AppendOnlyError(Exception):
    """A change or deletion of an append-only record was attempted (a programming error)."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk changes and deletions: rows of these kinds are written once."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are never changed.")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are never deleted.")

    _update = update  # used by QuerySet.update_or_create and bulk_update's internals

    def bulk_update(self, objs, fields, batch_size=None):
        return self.update()

    def personal_fields_update(self, **values):
        """Blank or re-encrypt personal-data columns: the one exception to append-only, for
        erasure and key rotation (puebla.fund.erasure). The row stays, and what it says."""
        return super().update(**values)


class LedgerQuerySet(AppendOnlyQuerySet):
    def total(self) -> Decimal:
        return sum_of_money(self, "amount")

    def balance(self) -> Decimal:
        """The money the fund holds: the sum of every entry."""
        return self.total()

    def disbursed_for(self, case) -> Decimal:
        """What went out to `case`, net of reversals of its disbursements (a positive number)."""
        return -self.filter(case=case).total()
