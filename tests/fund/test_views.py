"""The Reserve Fund's pages as their users see them: a requester files, submits, answers and
withdraws; fund officers review, ask, approve (a second officer), reject, disburse, confirm the
return and close. Bad input re-shows the form with the service's message, nothing written."""

import datetime
import html

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from puebla.fund.models import AccessLogEntry, Case, LedgerEntry, State
from tests.fund import factories
from tests.fund.factories import SEEDED_FAMILY_NAMES, SEEDED_GIVEN_NAMES, case_in, officer

pytestmark = pytest.mark.django_db


def url(name, case=None, language="en"):
    with translation.override(language):
        return reverse(f"fund:{name}", kwargs={"uid": case.uid} if case else None)


def text(response) -> str:
    return html.unescape(response.content.decode())


def form_data(**overrides) -> dict:
    """The request form as a person fills it in: an unaccompanied adolescent, CR to GT."""
    fields = factories.request_fields()
    data = {
        "category": fields["category"],
        "given_names": SEEDED_GIVEN_NAMES,
        "family_names": SEEDED_FAMILY_NAMES,
        "birth_date": factories.years_ago(15).isoformat(),
        "departure_country": fields["departure_country"].pk,
        "return_country": fields["return_country"].pk,
        "return_plan": fields["return_plan"],
        "cost": "640.00",
        "national_programmes_gap": fields["national_programmes_gap"],
        "decision_on": fields["decision_on"].isoformat(),
        "decision_language": "Spanish",
        "decision_by": fields["decision_by"],
        "guardian_authority": fields["guardian_authority"],
        "action": "save",
    }
    data.update(overrides)
    return data


@pytest.fixture
def funded():
    """Two fund officers and money in the fund."""
    first, second = officer(1), officer(2)
    factories.contribute(first, "5000.00")
    return first, second


def test_an_official_files_a_draft_then_submits_it(client, sign_in):
    official = sign_in("official_a")  # Costa Rica: the departure country
    response = client.get(url("request_new"))
    assert "New request to the Reserve Fund" in text(response)
    response = client.post(url("request_new"), form_data())
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == url("case", case)
    assert case.state == State.DRAFT and case.filed_by == official
    page = text(client.get(url("case", case)))
    assert "Draft" in page and SEEDED_FAMILY_NAMES in page and "Submit the request" in page
    client.post(url("submit", case), {"version": case.version})
    case.refresh_from_db()
    assert case.state == State.SUBMITTED
    listing = text(client.get(url("my_requests")))
    assert case.reference in listing and "Submitted" in listing
    assert SEEDED_FAMILY_NAMES not in listing  # the list names no one


def test_save_and_submit_at_once(client, sign_in):
    sign_in("official_a")
    client.post(url("request_new"), form_data(action="submit"))
    assert Case.objects.get().state == State.SUBMITTED


@pytest.mark.parametrize(
    ("language", "says"),
    [
        ("en", "The draft was saved, but it could not be submitted: The birth date makes"),
        ("es", "Se guardó el borrador, pero no se pudo presentar: Según la fecha de nacimiento"),
    ],
)
def test_a_refused_submission_keeps_the_draft_and_says_why(client, sign_in, language, says):
    """Save and submit at 23:59:59: the draft is saved, then midnight makes the adolescent 18
    and the submission is refused. The page goes to the saved draft, with what was typed."""
    with time_machine.travel(factories.EVE, tick=False) as clock:
        sign_in("official_a")
        typed = form_data(
            action="submit", cost="700.00", birth_date=factories.EIGHTEEN_AT_MIDNIGHT.isoformat()
        )
        with factories.midnight_once_a_case_is_written(clock):
            response = client.post(url("request_new", language=language), typed)
        draft = Case.objects.get()
        assert response.status_code == 302
        assert response["Location"] == url("edit", draft, language=language)
        page = text(client.get(response["Location"]))
    assert says in page
    assert draft.state == State.DRAFT and str(draft.cost) == "700.00"
    assert 'value="700.00"' in page and SEEDED_GIVEN_NAMES in page


def test_a_draft_refused_at_save_and_submit_writes_nothing(client, sign_in):
    sign_in("official_a")
    response = client.post(url("request_new"), form_data(action="submit", cost="1000.01"))
    assert response.status_code == 200
    assert (
        "The ceiling per case that the Technical Secretariat set for the fund is USD 1,000."
        in text(response)
    )
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"return_country": None}, "The return country must differ from the departure country."),
        (
            {"birth_date": factories.years_ago(18).isoformat()},
            "The birth date makes the person 18: the category “Unaccompanied child or "
            "adolescent” is for persons under 18.",
        ),
        (
            {"cost": "1000.01"},
            "The ceiling per case that the Technical Secretariat set for the fund is USD 1,000.",
        ),
        ({"cost": "0"}, "The amount must be more than zero."),
        ({"cost": "10.005"}, "Ensure that there are no more than 2 decimal places."),
        ({"guardian_authority": ""}, "name the guardian authority"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_writes_nothing(client, sign_in, overrides, message):
    sign_in("official_a")
    if overrides.get("return_country", "") is None:
        overrides = {"return_country": factories.country("CR").pk}
    response = client.post(url("request_new"), form_data(**overrides))
    assert response.status_code == 200
    page = text(response)
    assert message in page
    assert "Nothing has been saved yet." in page
    assert SEEDED_GIVEN_NAMES in page  # what was typed is still there
    assert not Case.objects.exists()


def test_errors_in_spanish(client, sign_in):
    sign_in("official_a")
    response = client.post(url("request_new", language="es"), form_data(cost="1500", action="save"))
    page = text(response)
    assert "Corrija los errores indicados abajo. Nada se ha guardado todavía." in page
    assert (
        "El monto máximo por caso que la Secretaría Técnica fijó para el Fondo es de USD 1\xa0000."
        in page
    )
    assert SEEDED_GIVEN_NAMES in page  # kept
    assert not Case.objects.exists()


def test_a_government_of_neither_country_is_refused(client, sign_in):
    sign_in("official_b")  # Guatemala
    data = form_data(return_country=factories.country("HN").pk)  # CR to HN
    page = text(client.post(url("request_new"), data))
    assert "only when its country is the country of departure or of return" in page
    assert not Case.objects.exists()


def test_an_organisation_must_be_accepted(client, sign_in):
    sign_in("civil_society")  # RNCOM, not accepted
    assert client.get(url("request_new")).status_code == 404
    assert client.post(url("request_new"), form_data()).status_code == 404
    page = text(client.get(url("my_requests")))
    assert "Your organisation is not accepted as a requester" in page
    assert "New request" not in page
    factories.accepted("rncom")
    assert "New request" in text(client.get(url("my_requests")))
    assert client.get(url("request_new")).status_code == 200
    client.post(url("request_new"), form_data())
    case = Case.objects.get()
    assert case.requesting_organisation.slug == "rncom"
    assert str(case.requester_kind) == "Civil-society organisation"


def test_observers_and_the_secretariat_cannot_file(client, sign_in):
    for role in ("observer_state", "secretariat"):
        sign_in(role)
        assert client.get(url("request_new")).status_code == 404
        assert client.post(url("request_new"), form_data()).status_code == 404
    assert not Case.objects.exists()


def test_the_whole_journey_with_four_eyes(client, sign_in, funded):
    reviewer, approver = funded
    requester = sign_in("official_a")
    case = case_in(State.SUBMITTED, requester=requester)

    client.force_login(reviewer)
    assert "Review the request" in text(client.get(url("case", case)))
    client.post(url("review", case), {"action": "start"})
    case.refresh_from_db()
    assert case.state == State.UNDER_REVIEW and case.reviewed_by == reviewer
    client.post(url("review", case), {"action": "ask", "text": "Who escorts the child?"})

    # The reviewer cannot approve: the page says why, and a forged POST is refused.
    page = text(client.get(url("approve", case)))
    assert "Four eyes: you reviewed or filed this request" in page
    response = client.post(url("approve", case), {"amount": "640.00"})
    assert "another fund officer approves it" in text(response)
    case.refresh_from_db()
    assert case.state == State.UNDER_REVIEW

    client.force_login(requester)
    page = text(client.get(url("case", case)))
    assert "Who escorts the child?" in page and "Under review" in page
    client.post(url("answer", case), {"text": "A consular officer."})

    client.force_login(approver)
    page = text(client.get(url("case", case)))
    assert "A consular officer." in page
    client.post(url("approve", case), {"amount": "600.00", "note": "Approved."})
    case.refresh_from_db()
    assert case.state == State.APPROVED and case.approved_amount == 600
    ledger = text(client.get(url("ledger")))
    assert "USD 5000.00" in ledger and "USD 600.00" in ledger and "USD 4400.00" in ledger

    # A disbursement above the approval is refused, the form keeps the office.
    response = client.post(
        url("disburse", case),
        {"amount": "700.00", "iom_office": "IOM San José", "entry_date": timezone.localdate()},
    )
    assert "Only USD 600.00 of the approved USD 600.00 is left to disburse." in text(response)
    assert 'value="IOM San José"' in response.content.decode()
    assert not LedgerEntry.objects.filter(kind="disbursement").exists()
    client.post(
        url("disburse", case),
        {"amount": "600.00", "iom_office": "IOM San José", "entry_date": timezone.localdate()},
    )
    case.refresh_from_db()
    assert case.state == State.DISBURSED
    client.post(url("return", case), {"returned_on": timezone.localdate().isoformat()})
    client.post(url("close", case), {"note": ""})
    case.refresh_from_db()
    assert case.state == State.CLOSED

    client.force_login(requester)
    page = text(client.get(url("case", case)))
    for step in (
        "Submitted",
        "Under review",
        "Approved",
        "Disbursed",
        "Return confirmed",
        "Closed",
    ):
        assert step in page
    assert "Access log" not in page  # the access log is the officers'


def test_reject_needs_a_reason(client, funded):
    reviewer, approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.UNDER_REVIEW, requester=requester, reviewer=reviewer)
    client.force_login(approver)
    response = client.post(url("reject", case), {"reason": ""})
    assert "This field is required." in text(response)
    client.post(url("reject", case), {"reason": "A national programme covers it."})
    case.refresh_from_db()
    assert case.state == State.REJECTED
    client.force_login(requester)
    assert "A national programme covers it." in text(client.get(url("case", case)))


def test_withdraw_is_confirmed_first_and_frees_the_money(client, funded):
    reviewer, approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.APPROVED, requester=requester, reviewer=reviewer, approver=approver)
    client.force_login(requester)
    page = text(client.get(url("withdraw", case)))
    assert "Withdrawing ends the request for good." in page
    case.refresh_from_db()
    assert case.state == State.APPROVED  # the GET asks, it does not withdraw
    client.post(url("withdraw", case), {"reason": "The family changed plans."})
    case.refresh_from_db()
    assert case.state == State.WITHDRAWN
    client.force_login(approver)
    assert "USD 5000.00" in text(client.get(url("ledger")))  # available again


def test_a_step_out_of_order_says_so(client, funded):
    reviewer, _approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.DRAFT, requester=requester)
    client.force_login(reviewer)
    page = text(client.get(url("approve", case)))
    assert "This step is not possible while the case is “Draft”." in page
    response = client.post(url("close", case), {"note": ""})
    assert "This step is not possible while the case is “Draft”." in text(response)
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_contribution_entry(client, funded):
    first, _second = funded
    client.force_login(first)
    response = client.post(
        url("contribution_new"),
        {"donor": "A donor", "entry_date": timezone.localdate(), "reference": "T-1",
         "currency": "EUR", "original_amount": "100.00", "rate": ""},
    )  # fmt: skip
    assert "Give the rate" in text(response) or "exchange rate" in text(response)
    client.post(
        url("contribution_new"),
        {"donor": "A donor", "entry_date": timezone.localdate(), "reference": "T-1",
         "currency": "EUR", "original_amount": "100.00", "rate": "1.10"},
    )  # fmt: skip
    page = text(client.get(url("ledger")))
    assert "110.00" in page and "A donor" in page and "USD 5110.00" in page
    future = timezone.localdate() + datetime.timedelta(days=2)
    response = client.post(
        url("contribution_new"),
        {"donor": "B", "entry_date": future, "reference": "T-2", "currency": "USD",
         "amount": "10"},
    )  # fmt: skip
    assert "The date cannot be in the future." in text(response)
    assert LedgerEntry.objects.count() == 2


def test_one_access_log_row_per_view(client, funded):
    reviewer, _approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.SUBMITTED, requester=requester)
    client.force_login(requester)
    client.get(url("case", case))
    client.get(url("case", case, language="es"))
    client.force_login(reviewer)
    page = text(client.get(url("case", case)))
    rows = AccessLogEntry.objects.filter(case=case)
    assert rows.count() == 3
    assert [row.user for row in rows.order_by("at", "pk")] == [requester, requester, reviewer]
    assert "Access log" in page and requester.email in page
    # The list shows no personal data and logs nothing.
    client.get(url("cases"))
    assert AccessLogEntry.objects.count() == 3


def test_no_identity_in_titles_or_addresses(client, funded):
    reviewer, _approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.SUBMITTED, requester=requester)
    client.force_login(reviewer)
    page = client.get(url("case", case)).content.decode()
    title = page.split("<title>")[1].split("</title>")[0]
    assert case.reference in title and "Quetzal" not in title
    for name in ("case", "review", "approve", "withdraw"):
        assert "Quetzal" not in url(name, case)


def test_files_are_attached_and_each_download_is_logged(client, funded):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.documents import samples

    reviewer, _approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.SUBMITTED, requester=requester)
    client.force_login(requester)
    assert "Attach the file" in text(client.get(url("file_add", case)))
    content = samples.pdf("Consent of the guardian authority")
    upload = SimpleUploadedFile(f"consent-{SEEDED_FAMILY_NAMES}.pdf", content)
    response = client.post(url("file_add", case), {"upload": upload})
    assert response.status_code == 302
    page = text(client.get(url("case", case)))
    assert f"consent-{SEEDED_FAMILY_NAMES}.pdf" in page
    # Not a PDF, whatever its name: refused, nothing attached.
    fake = SimpleUploadedFile("scan.pdf", b"just some text, not a PDF")
    response = client.post(url("file_add", case), {"upload": fake})
    assert response.status_code == 200 and "Nothing has been saved yet." in text(response)
    assert case.files.count() == 1

    client.force_login(reviewer)
    case_file = case.files.get()
    with translation.override("en"):
        download = reverse("fund:file_download", kwargs={"uid": case.uid, "pk": case_file.pk})
    before = AccessLogEntry.objects.filter(action="download").count()
    response = client.get(download)
    assert response.status_code == 200 and response.content == content
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="{case.reference}-{case_file.pk}.pdf"'
    )
    assert AccessLogEntry.objects.filter(action="download").count() == before + 1
    client.force_login(factories.make_user("official_b"))  # Guatemala: not the requester
    assert client.get(download).status_code == 404
    assert client.get(url("file_add", case)).status_code == 404
    assert AccessLogEntry.objects.filter(action="download").count() == before + 1


def test_a_mistaken_contribution_is_reversed_after_confirmation(client, funded):
    first, _second = funded
    mistaken = factories.contribute(first, "250.00", donor="Typo donor")
    client.force_login(first)
    with translation.override("en"):
        reverse_url = reverse("fund:entry_reverse", kwargs={"pk": mistaken.pk})
    page = text(client.get(reverse_url))
    assert "Typo donor" in page and "Reverse the entry" in page
    assert LedgerEntry.objects.count() == 2  # the GET asks, it does not reverse
    response = client.post(reverse_url, {"reason": ""})
    assert "This field is required." in text(response)
    client.post(reverse_url, {"reason": "Entered twice."})
    ledger = text(client.get(url("ledger")))
    assert "Reversal" in ledger and "USD 5000.00" in ledger
    assert "has been reversed already" in text(client.get(reverse_url))
    response = client.post(reverse_url, {"reason": "Again."})
    assert "This entry has already been reversed." in text(response)
    assert LedgerEntry.objects.count() == 3


def test_an_approval_above_the_available_money_is_refused_on_the_page(client):
    reviewer, approver = officer(1), officer(2)
    factories.contribute(reviewer, "500.00")
    requester = factories.make_user("official_a")
    case = case_in(State.UNDER_REVIEW, requester=requester, reviewer=reviewer)
    client.force_login(approver)
    response = client.post(url("approve", case, "es"), {"amount": "640.00", "note": "Urgente."})
    page = text(response)
    assert response.status_code == 200
    assert "Nada se ha guardado todavía." in page
    assert 'value="640.00"' in page and "Urgente." in page  # nothing typed is lost
    case.refresh_from_db()
    assert case.state == State.UNDER_REVIEW and case.approved_amount is None
    response = client.post(url("approve", case), {"amount": "640.00"})
    assert "The fund has USD 500.00 available" in text(response)
    client.post(url("approve", case), {"amount": "500.00"})
    case.refresh_from_db()
    assert case.state == State.APPROVED and str(case.approved_amount) == "500.00"


def test_officers_are_warned_of_a_second_request_for_the_same_person(client, funded):
    reviewer, _approver = funded
    requester = factories.make_user("official_a")
    first = case_in(State.SUBMITTED, requester=requester)
    second = case_in(State.SUBMITTED, requester=requester)
    client.force_login(reviewer)
    page = text(client.get(url("case", second)))
    assert "Another request was filed for a person with the same name and birth date" in page
    assert first.reference in page
    client.force_login(requester)
    assert "Another request was filed" not in text(client.get(url("case", second)))


def test_an_erased_case_still_opens_without_its_personal_data(client, funded):
    from puebla.fund import erasure

    reviewer, approver = funded
    requester = factories.make_user("official_a")
    case = case_in(State.CLOSED, requester=requester, reviewer=reviewer, approver=approver)
    erasure.case_erase(case=case)
    for user in (requester, reviewer):
        client.force_login(user)
        page = text(client.get(url("case", case)))
        assert "The personal data of this case was erased after the retention period." in page
        assert SEEDED_FAMILY_NAMES not in page and "Closed" in page
    client.force_login(requester)
    assert "can no longer be changed" in text(client.get(url("edit", case)))


def test_an_erased_draft_offers_no_step(client):
    from puebla.fund import erasure

    requester = factories.make_user("official_a")
    case = case_in(State.DRAFT, requester=requester)
    erasure.case_erase(case=case)
    client.force_login(requester)
    page = text(client.get(url("case", case)))
    assert "The personal data of this case was erased" in page
    assert "Edit the draft" not in page and "Withdraw the request" not in page
    assert "can no longer be changed" in text(client.get(url("edit", case)))
    response = client.post(url("edit", case), form_data())
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.state == State.DRAFT and not hasattr(case, "identity")


def test_the_secretariat_accepts_an_organisation_and_ends_the_acceptance(client, sign_in):
    from puebla.directory.models import Organisation
    from puebla.fund.models import AcceptedRequester

    sign_in("secretariat")
    rncom = Organisation.objects.get(slug="rncom")
    with translation.override("en"):
        listing, end = reverse("fund:requesters"), reverse("fund:requester_end", args=["rncom"])
    page = text(client.get(listing))
    assert "Requesting organisations" in page and str(rncom) in page and "Not accepted" in page
    response = client.post(listing, {"organisation": rncom.pk}, follow=True)
    assert "may now file requests with the Reserve Fund" in text(response)
    assert "Accepted since" in text(response)
    assert "From today" in text(client.get(end))  # asked first
    assert AcceptedRequester.objects.get(organisation=rncom).until is None
    response = client.post(end, follow=True)
    assert "may no longer file requests; its cases go on." in text(response)
    assert AcceptedRequester.objects.get(organisation=rncom).until == timezone.localdate()
    assert "Acceptance ended on" in text(client.get(listing))


def test_only_the_secretariat_accepts_organisations(client, sign_in):
    sign_in("fund_officer")
    with translation.override("en"):
        assert client.get(reverse("fund:requesters")).status_code == 404
