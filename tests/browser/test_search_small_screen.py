"""The search page on a 320 px phone: each facet a labelled, full-width select whose choice
reads whole, reachable by keyboard; the same facets side by side on a wide screen. And a
misspelt search offers its correction, which finds the records."""

import pytest
from playwright.sync_api import expect

from tests.browser.layout import layout_problems
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

FACETS = ["search-kind", "search-year", "search-body", "search-language"]

# Per facet: its label's and select's boxes, and whether their text fits inside them.
_FACETS = """
(ids) => ids.map((id) => {
  const select = document.getElementById(id);
  const label = document.querySelector(`label[for="${id}"]`);
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return {x: r.x, y: r.y, width: r.width, height: r.height};
  };
  const lineHeight = parseFloat(getComputedStyle(label).lineHeight);
  return {
    id,
    label: label.textContent.trim(),
    labelBox: box(label),
    labelOneLine: label.getBoundingClientRect().height < 1.5 * lineHeight,
    labelFits: label.scrollWidth <= label.clientWidth,
    selectBox: box(select),
    selectFits: select.scrollWidth <= select.clientWidth,
    fieldset: box(select.closest('fieldset')),
  };
})
"""


def overlap(first, second) -> bool:
    return not (
        first["x"] + first["width"] <= second["x"]
        or second["x"] + second["width"] <= first["x"]
        or first["y"] + first["height"] <= second["y"]
        or second["y"] + second["height"] <= first["y"]
    )


def test_facets_are_labelled_full_width_selects_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/es/buscar/?q=migración")
    facets = page.evaluate(_FACETS, FACETS)
    boxes = []
    for facet in facets:
        select = page.locator(f"#{facet['id']}")
        expect(select).to_be_visible()
        expect(page.locator(f"label[for={facet['id']}]")).to_be_visible()
        assert facet["label"], facet
        assert facet["labelOneLine"] and facet["labelFits"], f"label cut or split: {facet}"
        assert facet["selectFits"], f"select's text cut: {facet}"
        label, box = facet["labelBox"], facet["selectBox"]
        # The label above its select, and the select as wide as the form.
        assert label["y"] + label["height"] <= box["y"] + 1, facet
        assert box["width"] >= facet["fieldset"]["width"] - 1, facet
        assert box["height"] >= 40, f"an empty pill, not a select: {facet}"
        boxes += [label, box]
    for i, first in enumerate(boxes):
        for second in boxes[i + 1 :]:
            assert not overlap(first, second), (first, second)
    # Every choice shown whole, no word broken across lines, no sideways scroll.
    assert layout_problems(page) == []
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


def test_tab_reaches_the_query_every_facet_and_the_button_in_order(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/es/buscar/?q=migración")
    # Every facet the page draws, in the page's order (the theme's only when a hit has one).
    facets = page.evaluate("[...document.querySelectorAll('form.filters select')].map(s => s.id)")
    assert set(FACETS) <= set(facets), facets
    page.locator("#search-q").focus()
    reached = []
    for _ in range(len(facets) + 3):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.id || document.activeElement.tagName.toLowerCase()"
        )
        reached.append(focused)
        if focused == "button":
            break
    assert reached == [*facets, "button"], reached
    expect(page.get_by_role("button", name="Buscar", exact=True)).to_be_focused()


def test_facets_stay_side_by_side_on_a_wide_screen(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/es/buscar/?q=migración")
    facets = page.evaluate(_FACETS, FACETS)
    rows = {round(facet["selectBox"]["y"]) for facet in facets}
    assert len(rows) < len(facets), f"one facet a row on a wide screen: {facets}"
    assert layout_problems(page) == []


def test_a_misspelt_word_offers_its_correction_which_finds_records(page):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto("/en/search/?q=trafiko")
    expect(page.locator("#results-heading")).to_have_text("No results for “trafiko”")
    offer = page.locator(".way-out")
    expect(offer).to_have_text("Did you mean “tráfico”?")
    expect(offer.locator("em")).to_have_text("tráfico")
    assert layout_problems(page) == []
    assert_accessible(page)
    offer.get_by_role("link").click()
    expect(page.locator("#results-heading")).to_contain_text("for “tráfico”")
    expect(page.locator("ol.hits > li").first).to_be_visible()
