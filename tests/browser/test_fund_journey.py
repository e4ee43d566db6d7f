"""A Reserve Fund case in a real browser: a civil-society organisation (RNCOM, accepted as
requester) files a request for an unaccompanied adolescent; one fund officer reviews it and
asks a question, the requester answers, the reviewer cannot approve (four eyes) and a second
officer approves, records the disbursement to the IOM office and the return; the requester
sees each step. An official of another country gets a 404; the public figures show the year
with no name. axe checks each page on the way, the case page in both languages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET, sign_in
from tests.roles import totp_code

pytestmark = pytest.mark.browser

GIVEN_NAMES = "Yolotzin Itzel"
FAMILY_NAMES = "Tecuapetla-Xicoténcatl"
REQUESTER = "fund-journey-rncom@example.org"
REVIEWER = "fund-journey-officer-1@example.org"
APPROVER = "fund-journey-officer-2@example.org"
OTHER_COUNTRY = "fund-journey-guatemala@example.org"


@pytest.fixture(scope="module")
def accounts(puebla_command):
    """RNCOM's account (RNCOM accepted as requester), two fund officers with a second factor,
    an official of Guatemala, and money in the fund: made once, with this module's addresses."""
    script = (
        "import datetime\n"
        "from decimal import Decimal\n"
        "from django.utils import timezone\n"
        "from puebla.accounts.roles import role_user_create\n"
        "from puebla.directory.models import Organisation\n"
        "from puebla.fund.ledger import contribution_record\n"
        "from puebla.fund.models import AcceptedRequester\n"
        f"role_user_create('civil_society', email='{REQUESTER}', password='{PASSWORD}')\n"
        f"role_user_create('official_b', email='{OTHER_COUNTRY}', password='{PASSWORD}')\n"
        "officers = [role_user_create('fund_officer', email=email, "
        f"password='{PASSWORD}', totp_secret='{TOTP_SECRET}') "
        f"for email in ('{REVIEWER}', '{APPROVER}')]\n"
        "secretariat = role_user_create('secretariat', email='fund-journey-ts@example.org', "
        f"password='{PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
        "AcceptedRequester.objects.create(organisation=Organisation.objects.get(slug='rncom'), "
        "accepted_on=timezone.localdate() - datetime.timedelta(days=10), accepted_by=secretariat)\n"
        "contribution_record(by=officers[0], donor='A donor state', amount=Decimal('5000.00'), "
        "entry_date=timezone.localdate(), reference='FUND-JOURNEY-1')\n"
    )
    puebla_command("shell", "-c", script)


def new_page(page, live_server_url, email, *, second_factor=False):
    """A fresh browser context signed in as `email`, in English."""
    context = page.context.browser.new_context(base_url=live_server_url, locale="en-US")
    other = context.new_page()
    other.goto("/es/accounts/login/")
    sign_in(other, email)
    if second_factor:
        other.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=email))
        other.get_by_role("button", name="Iniciar sesión").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    other.goto("/en/intranet/")
    return other


def expect_state(page, state: str):
    expect(page.locator(".case-summary")).to_contain_text(state)


def spanish(url: str) -> str:
    return url.replace("/en/intranet/reserve-fund/cases/", "/es/intranet/fondo-de-reserva/casos/")


def test_a_request_from_filing_to_return(page, accounts, live_server_url):
    # RNCOM's account finds the fund's requests in the intranet's menu and files a request.
    page.goto("/es/accounts/login/")
    sign_in(page, REQUESTER)
    page.goto("/en/intranet/")
    page.get_by_role("navigation", name="Intranet").get_by_role(
        "link", name="Requests to the Reserve Fund"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Requests to the Reserve Fund")
    expect(page.get_by_text("No request yet.")).to_be_visible()
    assert_accessible(page)
    page.goto("/es/intranet/fondo-de-reserva/solicitudes/nueva/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nueva solicitud al Fondo de Reserva")
    assert_accessible(page)  # the form in Spanish
    page.goto("/en/intranet/reserve-fund/requests/")
    page.get_by_role("link", name="New request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New request to the Reserve Fund")
    assert_accessible(page)

    fifteen_years_ago = datetime.date.today().replace(year=datetime.date.today().year - 15)
    three_days_ago = datetime.date.today() - datetime.timedelta(days=3)
    page.get_by_label("Category").select_option(label="Unaccompanied child or adolescent")
    page.get_by_label("Given names").fill(GIVEN_NAMES)
    page.get_by_label("Family names").fill(FAMILY_NAMES)
    page.get_by_label("Date of birth").fill(fifteen_years_ago.isoformat())
    page.get_by_label("Country of departure").select_option(label="Mexico")
    page.get_by_label("Country of return").select_option(label="Honduras")
    page.get_by_label("Return plan").fill("Bus to Tegucigalpa with an escort; met by DINAF.")
    page.get_by_label("Cost of the return (USD)").fill("1500")
    page.get_by_label("Why national programmes cannot cover it").fill(
        "No national programme pays for an escort across two borders."
    )
    page.get_by_label("Date of the migrant's decision to return").fill(three_days_ago.isoformat())
    page.get_by_label("Language in which the decision was explained and taken").fill("Spanish")
    page.get_by_label("Who recorded the decision").fill("A social worker of the shelter")
    page.get_by_label("Guardian authority (for a child or adolescent)").fill(
        "Child protection office of Honduras"
    )
    # Too much: the form comes back with the ceiling the secretariat set (Puebla's starting
    # value here, issue 30), nothing lost.
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("alert")).to_contain_text("Nothing has been saved yet")
    expect(
        page.get_by_text(
            "The ceiling per case that the Technical Secretariat set for the fund is USD 1,000."
        ).first
    ).to_be_visible()
    expect(page.get_by_label("Family names")).to_have_value(FAMILY_NAMES)
    assert_accessible(page)
    page.get_by_label("Cost of the return (USD)").fill("640.00")
    page.get_by_role("button", name="Save and submit").click()
    expect(page.get_by_role("status")).to_contain_text(
        "The request was submitted to the fund officers."
    )
    expect_state(page, "Submitted")
    case_url = page.url
    assert FAMILY_NAMES not in case_url
    assert FAMILY_NAMES not in page.title()
    expect(page.get_by_text(f"{GIVEN_NAMES} {FAMILY_NAMES}")).to_be_visible()
    assert_accessible(page)

    # The first officer reviews it and asks a question.
    reviewer = new_page(page, live_server_url, REVIEWER, second_factor=True)
    reviewer.get_by_role("navigation", name="Intranet").get_by_role(
        "link", name="Reserve Fund cases"
    ).click()
    assert_accessible(reviewer)
    reference = reviewer.get_by_role("table").get_by_role("link").first.inner_text()
    reviewer.goto(case_url)
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(f"Case {reference}")
    reviewer.get_by_role("link", name="Review the request").click()
    assert_accessible(reviewer)
    reviewer.get_by_role("button", name="Start the review").click()
    expect(reviewer.get_by_role("status")).to_contain_text("You are reviewing this case.")
    reviewer.get_by_label("Question to the requester").fill("Who travels with the adolescent?")
    reviewer.get_by_role("button", name="Send the question").click()
    expect(reviewer.get_by_text("Who travels with the adolescent?")).to_be_visible()
    expect(reviewer.get_by_role("region", name="Access log")).to_contain_text(REQUESTER)
    assert_accessible(reviewer)

    # The requester sees the review and the question, and answers.
    page.reload()
    expect_state(page, "Under review")
    expect(page.get_by_text("Who travels with the adolescent?")).to_be_visible()
    page.get_by_label("Your answer").fill("A social worker of the shelter, to the border.")
    page.get_by_role("button", name="Send the answer").click()
    expect(page.get_by_role("status")).to_contain_text("Your answer was sent")
    expect(page.get_by_role("region", name="Access log")).to_have_count(0)

    # Four eyes: the reviewer's case page says why they cannot approve, without a link to a
    # dead end; the approval page, opened anyway, says it too.
    reviewer.goto(case_url)
    steps = reviewer.get_by_role("region", name="Next steps")
    expect(steps).to_contain_text("Approve the request: Four eyes: you reviewed or filed")
    expect(steps.get_by_role("link", name="Approve the request")).to_have_count(0)
    expect(steps.get_by_role("link", name="Withdraw the request")).to_have_count(0)
    reviewer.goto(case_url + "approve/")
    expect(reviewer.get_by_text("Four eyes: you reviewed or filed this request")).to_be_visible()
    expect(reviewer.get_by_role("button", name="Approve")).to_have_count(0)
    assert_accessible(reviewer)
    reviewer.context.close()

    # A second officer approves, records the disbursement and the return.
    approver = new_page(page, live_server_url, APPROVER, second_factor=True)
    approver.goto(case_url)
    expect(approver.get_by_text("A social worker of the shelter, to the border.")).to_be_visible()
    approver.get_by_role("link", name="Approve the request").click()
    expect(approver.get_by_label("Approved amount (USD)")).to_have_value("640.00")
    assert_accessible(approver)
    approver.get_by_role("button", name="Approve").click()
    expect(approver.get_by_role("status")).to_contain_text("The request was approved.")
    page.reload()
    expect_state(page, "Approved")

    approver.get_by_role("link", name="Record a disbursement").click()
    approver.get_by_label("IOM office running the return").fill("IOM Mexico City")
    approver.get_by_label("Transfer reference").fill("TR-2041")
    assert_accessible(approver)
    approver.get_by_role("button", name="Record the disbursement").click()
    expect(approver.get_by_role("status")).to_contain_text("The disbursement was recorded")
    page.reload()
    expect_state(page, "Disbursed")

    approver.get_by_role("link", name="Confirm the return").click()
    approver.get_by_label("Date of the return").fill(datetime.date.today().isoformat())
    approver.get_by_role("button", name="Confirm the return").click()
    expect(approver.get_by_role("status")).to_contain_text("The return was confirmed.")
    approver.goto("/en/intranet/reserve-fund/ledger/")
    expect(approver.locator(".fund-position")).to_contain_text("USD 4360.00")
    expect(approver.get_by_role("table")).to_contain_text("IOM Mexico City")
    assert_accessible(approver)
    approver.goto("/es/intranet/fondo-de-reserva/libro-contable/")
    expect(approver.locator(".fund-position")).to_contain_text("USD 4360,00")  # decimal comma
    assert_accessible(approver)  # the ledger in Spanish
    approver.goto(spanish(case_url))
    expect(approver.get_by_role("heading", level=1)).to_have_text(f"Caso {reference}")
    assert_accessible(approver)  # the whole case, its steps and access log, in Spanish
    approver.context.close()

    # The requester sees every step, in both languages.
    page.reload()
    expect_state(page, "Return confirmed")
    steps = page.get_by_role("region", name="Steps")
    for step in ("Submitted", "Under review", "Approved", "Disbursed", "Return confirmed"):
        expect(steps).to_contain_text(step)
    assert_accessible(page)
    page.goto(spanish(case_url))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Caso {reference}")
    assert_accessible(page)

    # An official of another country: the same page does not exist.
    other = new_page(page, live_server_url, OTHER_COUNTRY)
    response = other.goto(case_url)
    assert response.status == 404
    expect(other.get_by_text(FAMILY_NAMES)).to_have_count(0)
    other.context.close()

    # The public figures: this year, one request shown as "fewer than 5", no breakdown that
    # would describe it, and no name or reference.
    response = page.goto("/en/reserve-fund/statistics/")
    assert response.status == 200
    year = str(datetime.date.today().year)
    expect(page.get_by_role("heading", level=2)).to_have_text(year)
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    expect(page.get_by_text("no breakdown is published")).to_be_visible()
    expect(page.get_by_role("table")).to_have_count(0)
    content = page.content()
    assert FAMILY_NAMES not in content and GIVEN_NAMES not in content
    assert not re.search(re.escape(reference), content)
    assert_accessible(page)


def test_the_secretariat_sees_the_requesting_organisations(page, accounts, live_server_url):
    secretariat = new_page(page, live_server_url, "fund-journey-ts@example.org", second_factor=True)
    secretariat.get_by_role("navigation", name="Intranet").get_by_role(
        "link", name="Reserve Fund requesters"
    ).click()
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Requesting organisations")
    rncom = secretariat.get_by_role("row").filter(
        has_text="Regional Network of Civil Organizations"
    )
    expect(rncom).to_contain_text("Accepted since")
    assert_accessible(secretariat)
    secretariat.goto("/es/intranet/fondo-de-reserva/solicitantes/")
    expect(secretariat.get_by_role("heading", level=1)).to_have_text("Organizaciones solicitantes")
    assert_accessible(secretariat)
    secretariat.context.close()
