"""Issue 16, item 5: results that fit a person. The results page (and the shared page) open
with the answer and what to do first, Save near the top, then details under headings that fold
(native <details>: they work with JavaScript off and print open); no layout table holds the
page; on a phone the wizard's live panel never covers the field being typed (WCAG 2.2 SC
2.4.11, Focus Not Obscured)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import Browser, Page, expect

from planner.drafts import Draft
from planner.models import Scenario, ShareLink
from tests.browser.conftest import axe_violations
from tests.browser.test_wizard import ORIGIN, TRACK_HTMX, _fill, _next
from tests.print_cases import MARRIED_2026
from tests.print_cases import ORIGIN as ORIGIN_CASE

PHONE = {"width": 375, "height": 667}
WITH_IRA = [(slug, {"p0-year_end_balance": "94500"} if slug == "iras" else v) for slug, v in ORIGIN]

# The fields a step shows (hidden spouse or second-plan questions are not typed in).
FIELDS = """() => [...document.querySelectorAll(
    '#wizard-form input:not([type=hidden]), #wizard-form select, #wizard-form textarea')]
  .filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'))
  .map((el) => el.id)"""

# Where the focused field is hidden by the panel: the overlap of their boxes, in CSS pixels,
# and whether the field is inside the screen at all.
OBSCURED = """(id) => {
  const field = document.getElementById(id).getBoundingClientRect();
  const covers = [...document.querySelectorAll('.panel-status, .comparison-panel')]
    .filter((el) => ['fixed', 'sticky'].includes(getComputedStyle(el).position))
    .map((el) => el.getBoundingClientRect())
    .map((box) => Math.max(0, Math.min(field.bottom, box.bottom) - Math.max(field.top, box.top))
                * Math.max(0, Math.min(field.right, box.right) - Math.max(field.left, box.left)));
  return {overlap: Math.max(0, ...covers), top: field.top, bottom: field.bottom,
          height: window.innerHeight, focused: document.activeElement.id === id};
}"""


def _typed(page: Page, field_id: str) -> None:
    """Type into the field the way a person would: keys, then back to what it held."""
    field = page.locator(f"#{field_id}")
    kind = field.evaluate("e => e.tagName + ':' + (e.type || '')")
    if kind in ("INPUT:text", "INPUT:number", "INPUT:email", "TEXTAREA:textarea"):
        before = field.input_value()
        page.keyboard.press("End")
        page.keyboard.type("7")
        page.wait_for_timeout(350)
        page.keyboard.press("Backspace")
        assert field.input_value() == before
    elif kind.startswith("SELECT"):
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
    page.wait_for_timeout(350)


def test_the_live_panel_never_covers_the_field_being_typed_on_a_phone(
    live_server, page: Page
) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    # Scrolls land at once (Bootstrap scrolls smoothly otherwise), so the boxes are final.
    page.emulate_media(reduced_motion="reduce")
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    covered: dict[str, dict] = {}
    checked = 0
    for slug, values in WITH_IRA:
        expect(page).to_have_url(base + f"/plan/{slug}/")
        _fill(page, values)
        page.evaluate("window.scrollTo(0, 0)")
        for field_id in page.evaluate(FIELDS):
            # Tab there as a keyboard user does, so the browser scrolls it into view itself.
            page.locator(f"#{field_id}").evaluate("e => e.blur()")
            page.evaluate("(id) => { const f = document.getElementById(id); f.focus(); }", field_id)
            for stage in ("focused", "typed"):
                if stage == "typed":
                    _typed(page, field_id)
                seen = page.evaluate(OBSCURED, field_id)
                checked += 1
                if (
                    not seen["focused"]
                    or seen["overlap"] > 0
                    or seen["top"] < 0
                    or seen["bottom"] > seen["height"]
                ):
                    covered[f"{slug} {field_id} {stage}"] = seen
        _next(page)
    assert checked > 20
    assert covered == {}


def _results(page: Page, base: str, steps=WITH_IRA) -> None:
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    for _slug, values in steps:
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"]


def test_the_results_open_with_the_answer_what_to_do_first_and_save(
    live_server, page: Page
) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    _results(page, live_server.url)
    answer = _top(page, "section.verdict")
    first = _top(page, "section.first-step")
    save = _top(page, ".save-draft")
    folds = _top(page, "details.fold")
    # On a wide screen the first step and Save sit side by side; on a phone, one above the other.
    assert answer < first <= save < folds
    expect(page.locator("section.first-step")).to_contain_text("By ")
    # The first step is the checklist's first line, word for word.
    step = page.locator("section.first-step p").first.inner_text()
    assert step == page.locator(".checklist li").first.text_content().strip()
    # Save is on the first screen, whatever the length of what follows.
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.get_by_role("heading", name="Save this plan")).to_be_in_viewport()
    # Every section after it is a heading that folds; only the side-by-side table starts open.
    headings = page.locator("details.fold > summary > h2")
    assert headings.count() >= 6
    opened = page.locator("details.fold[open] > summary > h2").all_inner_texts()
    assert [text.split(",")[0] for text in opened] == ["Side by side"]
    assert axe_violations(page) == []


def test_a_heading_folds_and_unfolds_its_details(live_server, page: Page) -> None:
    _results(page, live_server.url)
    checklist = page.locator("ol.checklist")
    expect(checklist).to_be_hidden()
    page.get_by_text("Checklist", exact=True).click()
    expect(checklist).to_be_visible()
    expect(checklist.locator("li").first).to_be_visible()
    page.get_by_text("Checklist", exact=True).click()
    expect(checklist).to_be_hidden()
    # The keyboard too: a summary is a button, Enter opens it.
    summary = page.locator("details.fold > summary", has_text="What to watch")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".warnings")).to_be_visible()
    # "Then N more steps" opens the checklist it points to.
    page.get_by_role("link", name="more step").click()
    expect(checklist).to_be_visible()
    # With every detail open, still no serious accessibility violation.
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    assert axe_violations(page) == []


def test_details_fold_without_javascript(live_server, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        _results(page, live_server.url, WITH_IRA)
        warnings = page.locator(".warnings")
        expect(warnings).to_be_hidden()
        page.locator("details.fold > summary", has_text="What to watch").click()
        expect(warnings).to_be_visible()
    finally:
        context.close()


def test_the_details_print_open(live_server, page: Page) -> None:
    _results(page, live_server.url)
    page.emulate_media(media="print")
    for selector in (".checklist", ".warnings", ".form-8606", ".limits-list"):
        expect(page.locator(selector).first).to_be_visible()
    # Headings print as headings; the controls (markers, counts) do not.
    expect(page.locator("#checklist-heading")).to_be_visible()
    expect(page.locator(".fold-count").first).to_be_hidden()
    expect(page.locator("section.first-step")).to_be_hidden()


# Tables that hold a page's structure: any table that says it is for layout, or one with a
# heading, a list, a section or another table inside it, or a form outside a data table's
# cells (the share links table's Revoke buttons are in its rows, under its column headers).
LAYOUT_TABLES = """() => [...document.querySelectorAll('table')]
  .filter((t) => t.matches('[role=presentation], [role=none]')
    || t.querySelector('h1, h2, h3, h4, h5, h6, ul, ol, section, nav, table, details')
    || (t.querySelector('form') && !t.querySelector('thead th[scope=col]')))
  .map((t) => t.outerHTML.slice(0, 120))"""

# Data tables: each has a caption, and each header cell says what it heads.
UNLABELLED_TABLES = """() => [...document.querySelectorAll('table')]
  .filter((t) => !t.querySelector(':scope > caption')
    || [...t.querySelectorAll('th')].some((th) => !['row', 'col'].includes(th.scope)))
  .map((t) => t.outerHTML.slice(0, 120))"""


def _no_layout_table(page: Page, name: str) -> None:
    expect(page.locator("section.verdict")).to_be_visible()
    assert page.locator("table").count() > 3, name
    assert page.evaluate(LAYOUT_TABLES) == [], name
    assert page.evaluate(UNLABELLED_TABLES) == [], name
    assert page.locator("[role=presentation]").count() == 0, name
    # Every page with results opens with the answer, before the details that fold.
    assert _top(page, "section.verdict") < _top(page, "details.fold"), name


def test_no_layout_table_on_the_pages_that_show_results(live_server, page: Page) -> None:
    base = live_server.url
    _results(page, base)
    _no_layout_table(page, "results")
    owner = User.objects.create_user("ann@example.org", "ann@example.org", "a-long-pass-77")
    draft = Draft.new(ORIGIN_CASE["tax_year"])
    draft.inputs = ORIGIN_CASE
    scenario = Scenario.create_from_draft(owner, draft, "Origin")
    link = ShareLink.create_for(scenario, label="for the CPA")
    page.goto(f"{base}/s/{link.token}/")
    _no_layout_table(page, "shared")
    # The advisor's read-only page has nothing to save.
    assert page.locator(".save-draft").count() == 0
    client = Client()
    client.force_login(owner)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])
    page.goto(f"{base}/scenarios/{scenario.code}/")
    _no_layout_table(page, "scenario")


def test_going_back_to_a_field_closes_the_open_panel_on_a_phone(live_server, page: Page) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    page.emulate_media(reduced_motion="reduce")
    _results(page, base)
    page.goto(base + "/plan/401k/")
    field = page.locator('[name="p0-employer_contribution"]')
    page.get_by_role("button", name="Full comparison").click()
    expect(page.locator("#comparison .comparison-table")).to_be_in_viewport()
    field.focus()
    expect(page.get_by_role("button", name="Full comparison")).to_have_attribute(
        "aria-expanded", "false"
    )
    seen = page.evaluate(OBSCURED, field.get_attribute("id"))
    assert seen["overlap"] == 0 and seen["top"] >= 0 and seen["bottom"] <= seen["height"]


def test_the_printed_header_fits_one_line_on_a4(live_server, page: Page) -> None:
    # The header repeats over a room of one line at the top of every page (print.css).
    owner = User.objects.create_user("ann@example.org", "ann@example.org", "a-long-pass-77")
    draft = Draft.new(MARRIED_2026["tax_year"])
    draft.inputs = MARRIED_2026
    scenario = Scenario.create_from_draft(owner, draft, "Alex and Sam, the whole 2026 plan")
    link = ShareLink.create_for(scenario, label="for the CPA, before the March meeting")
    page.set_viewport_size({"width": 718, "height": 1000})  # A4 less the page's margins
    page.goto(f"{live_server.url}/s/{link.token}/")
    page.emulate_media(media="print")
    header = page.locator(".print-header")
    expect(header).to_be_visible()
    sizes = header.evaluate(
        """(h) => ({lines: Math.round(h.querySelector('strong').parentNode.scrollHeight
                                    / parseFloat(getComputedStyle(h).lineHeight)),
                    height: h.getBoundingClientRect().height,
                    room: parseFloat(getComputedStyle(document.querySelector('.print-body'))
                                     .paddingTop)})"""
    )
    # Two lines at most, inside the room the body keeps free at the top of each page.
    assert sizes["lines"] <= 2 and sizes["height"] < sizes["room"], sizes
    expect(header).to_contain_text("tax year 2026")
    expect(header).to_contain_text("not tax advice")
