"""A request for input, in a real browser, from the secretariat's form to the accepted answer:
the Technical Secretariat asks Costa Rica; Guatemala's focal point sees nothing of it; Costa
Rica's focal point drafts and submits; the secretariat returns it with a comment, the focal
point revises, the secretariat accepts. The dashboard on "My secretariat" and the completeness
matrix follow each step, and the pages pass axe in both languages."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.support import assert_accessible
from tests.browser.test_intranet_journeys import PASSWORD, TOTP_SECRET, sign_in
from tests.roles import totp_code

pytestmark = pytest.mark.browser

TITLE = "Changes in migration law (follow-up journey)"
ACCOUNTS = {
    "secretariat": "followup-ts@example.org",
    "costa_rica": "followup-cr@example.org",
    "guatemala": "followup-gt@example.org",
}


@pytest.fixture(scope="module")
def accounts(puebla_command):
    script = (
        "from puebla.accounts.roles import role_user_create\n"
        f"role_user_create('secretariat', email='{ACCOUNTS['secretariat']}', "
        f"password='{PASSWORD}', totp_secret='{TOTP_SECRET}')\n"
        f"role_user_create('focal_point_a', email='{ACCOUNTS['costa_rica']}', password='{PASSWORD}')\n"
        f"gt = role_user_create('focal_point_a', email='{ACCOUNTS['guatemala']}', password='{PASSWORD}')\n"
        "from puebla.directory.models import Country\n"
        "gt.country = Country.objects.get(iso_code='GT')\n"
        "gt.save()\n"
    )
    puebla_command("shell", "-c", script)
    return ACCOUNTS


def open_as(page, live_server_url, email, *, secretariat=False):
    context = page.context.browser.new_context(base_url=live_server_url, locale="en-US")
    other = context.new_page()
    other.goto("/es/accounts/login/")
    sign_in(other, email)
    if secretariat:
        other.get_by_label("Código").fill(totp_code(TOTP_SECRET, account=email))
        other.get_by_role("button", name="Iniciar sesión").click()
    expect(other.get_by_role("heading", level=1)).to_have_text("Mi secretaría")
    return other


def completeness_cell(page) -> str:
    """Costa Rica's state on the journey's request: its row, the request's column."""
    page.goto("/en/intranet/follow-up/completeness/")
    table = page.get_by_role("region", name="Status of each request, by country").get_by_role(
        "table"
    )
    headers = table.get_by_role("columnheader").all_inner_texts()
    column = next(index for index, header in enumerate(headers) if TITLE in header)
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Costa Rica"))
    return row.locator("th, td").nth(column).inner_text()


def test_request_answer_return_revise_accept(page, accounts, live_server_url):
    # 1. The secretariat asks Costa Rica for input.
    ts = open_as(page, live_server_url, accounts["secretariat"], secretariat=True)
    ts.goto("/es/intranet/seguimiento/solicitudes/nueva/")
    expect(ts.get_by_role("heading", level=1)).to_have_text("Solicitar insumos a los países")
    assert_accessible(ts)
    ts.goto("/en/intranet/follow-up/requests/new/")
    ts.get_by_role("button", name="Send the request").click()
    expect(ts.get_by_role("alert")).to_contain_text("Nothing has been saved yet")
    # In the banner above the form, and beside the field.
    expect(ts.get_by_role("alert")).to_contain_text(
        "Choose the countries asked, or all member states."
    )
    expect(ts.locator("#id_countries_error")).to_have_text(
        "Choose the countries asked, or all member states."
    )
    assert_accessible(ts)  # the form with its errors
    ts.get_by_label("Topic (English)").fill(TITLE)
    ts.get_by_label("Instructions (English)").fill("Tell us what changed since the last RCGM.")
    due = datetime.date.today() + datetime.timedelta(days=21)
    ts.get_by_role("textbox", name="Due date:").fill(due.isoformat())
    ts.get_by_label("Costa Rica", exact=True).check()
    ts.get_by_role("button", name="Send the request").click()
    expect(ts.get_by_role("heading", level=1)).to_have_text(TITLE)
    request_url = ts.url
    expect(ts.get_by_role("row").filter(has_text="Costa Rica")).to_contain_text("Not started")
    assert_accessible(ts)
    assert "Not started" in completeness_cell(ts)
    assert_accessible(ts)

    # 2. Guatemala's focal point sees nothing of it.
    gt = open_as(page, live_server_url, accounts["guatemala"])
    expect(gt.get_by_text(TITLE)).to_have_count(0)
    assert gt.goto(request_url).status == 404
    gt.context.close()

    # 3. Costa Rica's focal point finds it on the dashboard, drafts, then submits.
    page.goto("/es/accounts/login/")
    sign_in(page, accounts["costa_rica"])
    expect(page.get_by_role("heading", name="Lo que Costa Rica tiene pendiente")).to_be_visible()
    assert_accessible(page)  # the dashboard in Spanish
    page.goto("/en/intranet/")
    owed = page.locator("#country-dashboard")
    expect(owed.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Not started")
    assert_accessible(page)
    owed.get_by_role("link", name=TITLE).click()
    expect(page.locator("#answer-state")).to_have_text("Status: Not started")
    page.get_by_label("Your country's answer").fill("Law 9999 of **2026** regularises migrants.")
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_role("status")).to_contain_text("The draft is saved")
    expect(page.locator("#answer-state")).to_have_text("Status: Draft")
    assert_accessible(page)
    assert "Draft" in completeness_cell(ts)
    page.get_by_role("button", name="Submit the answer").click()
    expect(page.get_by_role("status")).to_contain_text("answer was submitted")
    expect(page.locator("#answer-state")).to_have_text("Status: Submitted")
    page.goto(
        request_url.replace(
            "/en/intranet/follow-up/requests/", "/es/intranet/seguimiento/solicitudes/"
        )
    )
    expect(page.locator("#answer-state")).to_have_text("Estado: Enviada")
    assert_accessible(page)
    assert "Submitted" in completeness_cell(ts)

    # 4. The secretariat returns it with a comment.
    ts.goto(request_url)
    ts.get_by_role("link", name="Accept or return the answer of Costa Rica").click()
    expect(ts.get_by_text("regularises migrants")).to_be_visible()
    assert_accessible(ts)
    ts.get_by_label("Comment to the focal points").fill("Give the date the law took effect.")
    ts.get_by_role("button", name="Return it for revision").click()
    expect(ts.get_by_role("status")).to_contain_text("was returned for revision")
    assert "Returned" in completeness_cell(ts)

    # 5. The focal point reads the comment and revises.
    page.goto(request_url)
    expect(page.locator("#answer-state")).to_have_text("Status: Returned")
    expect(page.get_by_text("Give the date the law took effect.").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Your country's answer").fill(
        "Law 9999 of **2026**, in force since 1 March, regularises migrants."
    )
    page.get_by_role("button", name="Submit the answer").click()
    expect(page.locator("#answer-state")).to_have_text("Status: Submitted")
    assert "Submitted" in completeness_cell(ts)

    # 6. The secretariat accepts; the dashboard and the completeness matrix say so.
    ts.goto(request_url)
    ts.get_by_role("link", name="Accept or return the answer of Costa Rica").click()
    ts.get_by_role("button", name="Accept the answer of Costa Rica").click()
    expect(ts.get_by_role("status")).to_contain_text("is accepted")
    assert "Accepted" in completeness_cell(ts)
    ts.goto("/es/intranet/seguimiento/completitud/")
    costa_rica = ts.get_by_role("row").filter(has=ts.get_by_role("rowheader", name="Costa Rica"))
    expect(costa_rica.first).to_contain_text("Aceptada")
    assert_accessible(ts)
    ts.context.close()
    page.goto("/en/intranet/")
    expect(page.locator("#country-dashboard").get_by_text(TITLE)).to_have_count(0)
    submitted = page.get_by_role("heading", name="What Costa Rica has submitted").locator("..")
    expect(submitted).to_contain_text(re.compile(re.escape(TITLE) + r": Accepted"))
    page.goto(request_url)
    expect(page.locator("#answer-state")).to_have_text("Status: Accepted")
    expect(page.get_by_role("button", name="Submit the answer")).to_have_count(0)
    assert_accessible(page)
