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


def changes_page(client, language="en") -> str:
    with translation.override(language):
        return client.get(reverse("intranet:changes")).content.decode()


def test_the_data_load_and_sign_ins_are_not_changes(client, sign_in):
    from tests.roles import PASSWORD, make_user

    official = make_user("official_a")
    rows_before = official.history.count()
    for _ in range(2):
        with translation.override("en"):
            response = client.post(
                reverse("account_login"), {"login": official.email, "password": PASSWORD}
            )
        assert response.status_code == 302
        client.logout()
    official.refresh_from_db()
    assert official.last_login is not None
    assert official.history.count() == rows_before  # no history row for a sign-in

    sign_in("secretariat")
    assert "Presidency pro-tempore" not in changes_page(client)  # loaded, edited by nobody


def test_an_accepted_invitation_is_credited_to_the_invitee_and_linked(client, sign_in):
    from puebla.accounts.services import invitation_accept, invitation_create

    secretariat = sign_in("secretariat")
    invitation = invitation_create(
        invited_by=secretariat,
        email="new.officer@example.org",
        given_name="Nueva",
        family_name="Oficial",
        language="es",
        affiliation="secretariat",
        notify=False,
    )
    invitee = invitation_accept(token=invitation.token, password="a-long-and-unusual-password")
    page = changes_page(client)
    rows = [row for row in page.split("<tbody>")[1].split("</tr>") if "Nueva Oficial" in row]
    kinds = {(row.count("Creation"), row.count("new.officer@example.org")) for row in rows}
    assert (1, 1) in kinds  # the account's creation, by the invitee
    assert reverse("admin:accounts_user_change", args=[invitee.pk]) in page
    assert "system (data load)" not in page


def test_a_records_title_is_shown_in_the_readers_language(client, sign_in):
    user = sign_in("secretariat")
    presidency = Presidency.objects.get(year=2019)
    presidency._history_user = user
    presidency.motto_es = "Lema en español"
    presidency.motto_en = "Motto in English"
    presidency.save()
    from puebla.intranet.models import Notice

    notice = Notice.objects.exclude(title_en="").exclude(title_es="").first()
    notice._history_user = user
    notice.save()
    assert notice.title_en in changes_page(client, "en")
    assert notice.title_es in changes_page(client, "es")
    assert notice.title_es not in changes_page(client, "en")


def test_recent_changes_leave_out_the_reserve_fund_for_the_rest_of_the_secretariat(client, sign_in):
    """Issue 27 finding 7, replayed: who filed which case, when, which officer decided, were
    listed to every secretariat account. Rows of records the reader may not open are left out
    (the access model's history_visible_to), the other rows stay."""
    from puebla.core.access import history_visible_to
    from puebla.fund.models import Case, Identity
    from tests.fund import factories
    from tests.roles import make_user

    requester = make_user("official_a")  # Costa Rica's government files
    reviewer = factories.officer(3)
    case = factories.case_in("under_review", requester=requester, reviewer=reviewer)
    assert Case.history.filter(id=case.pk, history_user=reviewer).exists()

    secretariat = sign_in("secretariat")
    presidency = Presidency.objects.get(year=2019)
    presidency._history_user = secretariat
    presidency.save()
    page = changes_page(client)
    assert "Presidency pro-tempore" in page  # the page lists changes
    assert "<td>Reserve Fund case</td>" not in page
    assert "<td>identity</td>" not in page.lower()

    # The officers themselves see the case's rows through the same rule.
    assert history_visible_to(Case.history.model, reviewer).filter(id=case.pk).exists()
    assert history_visible_to(Identity.history.model, reviewer).filter(case_id=case.pk).exists()
    assert not history_visible_to(Identity.history.model, secretariat).exists()
