import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from puebla.directory.models import Body
from tests.meetings.factories import make_meeting
from tests.roles import make_user


@pytest.fixture
def consular():
    return Body.objects.get(slug="network-consular-protection")


@pytest.fixture
def restricted(consular):
    """A members-only meeting of 2033 and a meeting of 2034 for the consular network's members
    only, with titles and texts that name words no other record has ("jornaleros", "harvest")."""
    members = make_meeting(
        slug="members-only-harvest",
        title_es="Jornaleros agrícolas: reunión reservada a los miembros",
        title_en="Seasonal harvest workers: members-only meeting",
        description_es="Los jornaleros y sus cosechas.",
        audience="members",
        start_date=datetime.date(2033, 1, 1),
        start_precision="year",
    )
    network = make_meeting(
        slug="network-only-harvest",
        title_es="Jornaleros en la red consular",
        title_en="Harvest workers in the consular network",
        description_en="Harvests and consular protection.",
        audience="body",
        body=consular,
        start_date=datetime.date(2034, 1, 1),
        start_precision="year",
    )
    network.audience_bodies.set([consular])
    return {"members": members, "body": network}


@pytest.fixture
def user_of():
    def user(role):
        return AnonymousUser() if role == "anonymous" else make_user(role)

    return user
