"""Every edit people make is recorded: who, what, when; the secretariat reads it."""

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.directory.models import Presidency

pytestmark = pytest.mark.django_db


def test_an_admin_edit_writes_a_history_row_with_its_author(client, sign_in):
    user = sign_in("secretariat")
    presidency = Presidency.objects.get(year=2020)
    response = client.post(
        reverse("admin:directory_presidency_change", args=[presidency.pk]),
        {
            "year": 2020,
            "country": presidency.country_id,
            "motto_es": "Hacia una migración en acción",
            "motto_en": "Towards migration in action.",
        },
    )
    assert response.status_code == 302
    latest = presidency.history.first()
    assert (latest.history_type, latest.history_user, latest.motto_es) == (
        "~",
        user,
        "Hacia una migración en acción",
    )
    assert presidency.history.count() == 2  # created by the data load, changed by this edit

    history_page = client.get(reverse("admin:directory_presidency_history", args=[presidency.pk]))
    assert history_page.status_code == 200
    assert user.full_name in history_page.content.decode()


def test_recent_changes_lists_the_edit_for_the_secretariat_only(client, sign_in):
    user = sign_in("secretariat")
    presidency = Presidency.objects.get(year=2019)
    presidency._history_user = user
    presidency.motto_es = "Relanzamiento de la CRM"
    presidency.save()
    with translation.override("en"):
        url = reverse("intranet:changes")
    page = client.get(url).content.decode()
    first_row = page.split("<tbody>")[1].split("</tr>")[0]
    assert user.full_name in first_row
    cells = [cell.split(">", 1)[1].strip() for cell in first_row.split("</td>")[:-1]]
    assert cells[2:4] == ["Modification", "Presidency pro-tempore"]
    with translation.override("es"):
        spanish = client.get(reverse("intranet:changes")).content.decode()
    assert "<td>Modificación</td>" in spanish

    client.logout()
    sign_in("official_a", email="other@example.org")
    assert client.get(url).status_code == 404
