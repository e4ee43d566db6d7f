"""What a visitor does on the portal, in a real browser against the production server."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_visitor_switches_to_english_and_browses_members_and_presidencies(page):
    page.goto("/es/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Conferencia Regional sobre Migración"
    )

    page.get_by_role("link", name="English", exact=True).click()
    expect(page).to_have_url(re.compile(r"/en/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Regional Conference on Migration")

    main_navigation = page.get_by_role("navigation", name="Main navigation")
    main_navigation.get_by_role("link", name="Members and observers").click()
    expect(page).to_have_url(re.compile(r"/en/members/$"))
    expect(page.get_by_role("heading", name="Member states")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="Dominican Republic")).to_be_visible()
    expect(main_navigation.get_by_role("link", name="Members and observers")).to_have_attribute(
        "aria-current", "page"
    )

    main_navigation.get_by_role("link", name="Presidencies").click()
    expect(page).to_have_url(re.compile(r"/en/presidencies/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Presidencies Pro-Tempore")
    expect(page.get_by_role("cell", name="Towards migration in action.")).to_be_visible()

    page.get_by_role("link", name="Español", exact=True).click()
    expect(page).to_have_url(re.compile(r"/es/presidencias/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Presidencias Pro Tempore")
