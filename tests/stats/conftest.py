import datetime

import pytest
from django.utils import timezone, translation

from puebla.stats import services
from puebla.stats.models import DataStructure
from tests.followup.factories import country, person
from tests.roles import make_user

ENTRIES_EXITS = ["FLOW", "NATIONALITY", "SEX", "AGE"]
RETURNS = ["FLOW", "RETURN_COUNTRY", "SEX", "AGE"]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat(db):
    """The secretariat with its second factor set up (its pages require one)."""
    return make_user("secretariat", email="ts-stats@example.org")


@pytest.fixture
def focal_point(db):
    return person("CR", focal=True)


def structure(key: str) -> DataStructure:
    return DataStructure.objects.get(key=key, version=1)


@pytest.fixture
def monthly_round(secretariat):
    """Entries and exits, January to March 2026, asked of Costa Rica and Guatemala."""
    return services.round_create(
        by=secretariat,
        structure=structure("ENTRIES_EXITS"),
        period_start="2026-01",
        period_end="2026-03",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        countries=[country("CR"), country("GT")],
    )


@pytest.fixture
def quarterly_round(secretariat):
    return services.round_create(
        by=secretariat,
        structure=structure("RETURNS"),
        period_start="2026-Q1",
        period_end="2026-Q2",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        countries=[country("CR")],
    )
