"""The Reserve Fund's settings (issue 30, fidelity problem 8): the ceiling per case, the
categories and the kinds of requesting body are not in the sources, so the Technical Secretariat
sets them in the intranet, with their history, and Puebla's starting values say they are
Puebla's, never the RCM's rules. Read as the people who use them: the secretariat changes them,
a fund officer reads them, a member-state official finds no such page; the request form refuses
what the settings say, in their words."""

import html

import pytest
from django.urls import reverse
from django.utils import translation

from puebla.fund import fund_settings
from puebla.fund.models import Case, CaseCategory, FundSettings
from tests.fund import factories
from tests.fund.factories import SEEDED_GIVEN_NAMES, case_in
from tests.fund.test_views import form_data
from tests.roles import make_user

pytestmark = pytest.mark.django_db

NOTE_EN = "Puebla's starting values, not rules of the RCM; the Technical Secretariat sets them."
NOTE_ES = "Valores iniciales de Puebla, no reglas de la CRM; la Secretaría Técnica los define."


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"fund:{name}", kwargs=kwargs or None)


def text(response) -> str:
    return html.unescape(response.content.decode())


def category(code: str) -> CaseCategory:
    fund_settings.fund_settings()
    return CaseCategory.objects.get(code=code)


# --- Who opens the page ------------------------------------------------------------------------


def test_the_secretariat_reads_the_settings_in_spanish_first_with_puebla_s_note(client, sign_in):
    sign_in("secretariat")
    page = text(client.get(url("settings", "es")))
    assert "Configuración del Fondo de Reserva" in page
    assert NOTE_ES in page
    assert "Actualmente: USD 1\xa0000 por caso." in page
    assert "Valor inicial de Puebla" in page  # beside each value not changed yet
    assert "Persona adulta mayor de setenta años" in page
    assert "Guardar el monto máximo" in page  # the secretariat's form


def test_a_fund_officer_reads_the_settings_and_may_not_change_them(client, sign_in):
    sign_in("fund_officer")
    page = text(client.get(url("settings")))
    assert NOTE_EN in page
    assert "Ceiling per case" in page and "Now: USD 1,000 a case." in page
    assert "Save the ceiling" not in page and "Add a category" not in page
    response = client.post(url("settings"), {"ceiling_amount": "", "ceiling_currency": "USD"})
    assert response.status_code == 403
    assert fund_settings.fund_settings().ceiling_amount is not None
    assert client.get(url("category_new")).status_code == 404


def test_a_member_official_finds_no_settings_page(client, sign_in):
    sign_in("official_a")
    assert client.get(url("settings")).status_code == 404
    assert client.post(url("settings"), {"ceiling_amount": ""}).status_code == 404
    assert client.get(url("category_new")).status_code == 404
    assert FundSettings.history.filter(history_user__isnull=False).count() == 0


# --- The ceiling ------------------------------------------------------------------------------


def test_changing_the_ceiling_changes_what_the_form_refuses_and_writes_history(client, sign_in):
    secretariat = sign_in("secretariat")
    response = client.post(url("settings"), {"ceiling_amount": "500", "ceiling_currency": "USD"})
    assert response.status_code == 302
    page = text(client.get(url("settings")))
    assert "The ceiling per case was saved." in page
    assert "Now: USD 500 a case." in page
    # The history names who changed what, from what to what.
    change = FundSettings.history.filter(history_user=secretariat).get()
    assert change.ceiling_amount == 500
    history = page.split("History of the settings", 1)[1]
    assert secretariat.full_name in history
    assert "ceiling per case: 1000.00 → 500.00" in history

    sign_in("official_a")
    form = client.get(url("request_new"))
    assert "More than zero and at most USD 500, with at most two decimals." in text(form)
    assert "Ceiling per case: USD 500." in text(form)
    refused = text(client.post(url("request_new"), form_data(cost="640.00")))
    assert (
        "The ceiling per case that the Technical Secretariat set for the fund is USD 500."
        in refused
    )
    assert SEEDED_GIVEN_NAMES in refused  # what was typed is kept
    with translation.override("es"):
        refused_es = text(client.post(url("request_new", "es"), form_data(cost="640.00")))
    assert (
        "El monto máximo por caso que la Secretaría Técnica fijó para el Fondo es de USD 500."
        in refused_es
    )


def test_without_a_ceiling_the_form_refuses_no_amount(client, sign_in):
    sign_in("secretariat")
    client.post(url("settings"), {"ceiling_amount": "", "ceiling_currency": "USD"})
    assert "Now: no ceiling. The request form refuses no amount." in text(
        client.get(url("settings"))
    )
    sign_in("official_a")
    form = text(client.get(url("request_new")))
    assert "The Technical Secretariat has set no ceiling per case." in form
    assert "More than zero, with at most two decimals." in form
    response = client.post(url("request_new"), form_data(cost="25000.00"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert str(case.cost) == "25000.00"


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (
            {"ceiling_amount": "0", "ceiling_currency": "USD"},
            "Ensure this value is greater than or equal to 0.01.",
        ),
        (
            {"ceiling_amount": "800", "ceiling_currency": "EUR"},
            "The fund keeps its accounts and the cases' costs in US dollars: give the ceiling "
            "in USD.",
        ),
    ],
)
def test_a_bad_ceiling_is_refused_with_its_reason(client, sign_in, data, says):
    sign_in("secretariat")
    page = text(client.post(url("settings"), data))
    assert says in page
    assert "Please correct the errors below. Nothing has been saved yet." in page
    assert fund_settings.fund_settings().ceiling_amount == fund_settings.STARTING_CEILING


# --- Categories ------------------------------------------------------------------------------


def test_a_retired_category_is_not_offered_but_an_old_case_keeps_it(client, sign_in):
    elderly = category("elderly")
    requester = make_user("official_a")
    old = case_in(
        "submitted",
        requester=requester,
        fields={"category": "elderly", "guardian_authority": ""},
        identity={"birth_date": factories.years_ago(75)},
    )
    secretariat = sign_in("secretariat")
    confirm = text(client.get(url("category_change", pk=elderly.pk, action="retire")))
    assert "The 1 case that has it keeps it." in confirm  # asked first
    client.post(url("category_change", pk=elderly.pk, action="retire"))
    elderly.refresh_from_db()
    assert elderly.retired
    assert elderly.history.filter(history_user=secretariat, retired=True).exists()
    # It cannot be deleted: a case has it.
    page = text(client.get(url("category_change", pk=elderly.pk, action="delete")))
    assert "is used by 1 case(s): it cannot be deleted. Retire it instead" in page
    client.post(url("category_change", pk=elderly.pk, action="delete"))
    assert CaseCategory.objects.filter(pk=elderly.pk).exists()

    client.force_login(requester)
    form = text(client.get(url("request_new")))
    assert "Elderly person over seventy" not in form
    assert "Unaccompanied child or adolescent" in form
    refused = text(
        client.post(
            url("request_new"),
            form_data(category="elderly", birth_date=factories.years_ago(75).isoformat()),
        )
    )
    assert "Select a valid choice." in refused
    case_page = text(client.get(reverse("fund:case", kwargs={"uid": old.uid})))
    assert "Elderly person over seventy" in case_page
    assert "retired from the list for new requests" in case_page


def test_the_secretariat_adds_and_renames_a_category_with_its_own_ages(client, sign_in):
    sign_in("secretariat")
    response = client.post(
        url("category_new"),
        {"name_es": "Persona víctima de trata", "name_en": "Victim of trafficking"},
    )
    assert response.status_code == 302
    added = CaseCategory.objects.get(name_en="Victim of trafficking")
    assert not added.puebla_default
    # Renaming a starting value: it is no longer marked as Puebla's.
    elderly = category("elderly")
    client.post(
        url("category_edit", pk=elderly.pk),
        {"name_es": "Persona adulta mayor", "name_en": "Older person", "min_age": "65"},
    )
    elderly.refresh_from_db()
    assert (elderly.name_en, elderly.min_age, elderly.puebla_default) == ("Older person", 65, False)
    refused = text(
        client.post(
            url("category_edit", pk=elderly.pk),
            {"name_en": "Older person", "min_age": "65", "under_age": "60"},
        )
    )
    assert "The upper age must be above the lower age." in refused
    sign_in("official_a")
    page = text(
        client.post(
            url("request_new"),
            form_data(category=elderly.code, birth_date=factories.years_ago(64).isoformat()),
        )
    )
    assert "the category “Older person” is from age 65." in page


def test_an_unused_category_is_deleted_after_confirmation(client, sign_in):
    sign_in("secretariat")
    injury = category("injury_or_illness")
    page = text(client.get(url("category_change", pk=injury.pk, action="delete")))
    assert "No case has it." in page and "Delete it" in page
    assert CaseCategory.objects.filter(pk=injury.pk).exists()  # nothing until confirmed
    client.post(url("category_change", pk=injury.pk, action="delete"))
    assert not CaseCategory.objects.filter(pk=injury.pk).exists()
    assert "“Person with a physical or mental injury or illness” was deleted." in text(
        client.get(url("settings"))
    )


# --- Requester kinds and the visitor-facing note --------------------------------------------


def test_a_retired_requester_kind_files_no_new_request_and_its_cases_go_on(client, sign_in):
    fund_settings.fund_settings()
    government = fund_settings.requester_kind_for("government")
    official = make_user("official_a")
    old = case_in("draft", requester=official)
    secretariat = sign_in("secretariat")
    client.post(url("kind_change", pk=government.pk, action="retire"))
    government.refresh_from_db()
    assert government.retired
    client.force_login(official)
    page = text(client.post(url("request_new"), form_data()))
    assert (
        "The Technical Secretariat does not take requests from this kind of requesting body "
        "at present." in page
    )
    # The draft filed before keeps its kind and may still be submitted.
    response = client.post(
        reverse("fund:submit", kwargs={"uid": old.uid}), {"version": old.version}
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.state == "submitted"
    assert str(old.requester_kind) == "Government of the departure or return country"
    client.force_login(secretariat)
    assert "Government of the departure or return country" in text(client.get(url("settings")))


def test_the_request_form_says_its_values_are_puebla_s_not_the_rcm_s(client, sign_in):
    sign_in("official_a")
    page = text(client.get(url("request_new", "es")))
    assert NOTE_ES in page
    assert "no reglas que consten en los documentos de la CRM" in page
    assert "Monto máximo por caso: USD 1\xa0000." in page
    page_en = text(client.get(url("request_new")))
    assert NOTE_EN in page_en
    assert "pays at most" not in page_en and "RCM's rules" not in page_en


def test_once_every_value_is_the_secretariat_s_the_form_no_longer_calls_them_puebla_s(
    client, sign_in
):
    secretariat = make_user("secretariat")
    fund_settings.ceiling_set(by=secretariat, amount="900")
    for item in CaseCategory.objects.all():
        fund_settings.category_save(by=secretariat, category=item, fields={})
    for kind in fund_settings.RequesterKindOption.objects.all():
        fund_settings.requester_kind_save(by=secretariat, kind=kind, fields={})
    sign_in("official_a")
    page = text(client.get(url("request_new")))
    assert NOTE_EN not in page
    assert "settings of the Technical Secretariat, not rules stated in the RCM's documents" in page
