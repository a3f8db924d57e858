"""The wizard in headless Chromium: live panel, no-JS flow, small screens, axe, keyboard."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

# shared/docs/origin-question.txt: 2018, $18,500 pre-tax, $12,500 match, after-tax
# contributions and in-service distributions allowed, no IRA money.
ORIGIN: list[tuple[str, dict[str, str | bool]]] = [
    (
        "household",
        {"tax_year": "2018", "filing_status": "single", "age": "40", "compensation": "200000"},
    ),
    (
        "401k",
        {"p0-pretax_deferral": "18500", "p0-employer_contribution": "12500"},
    ),
    (
        "plan-features",
        {"p0-allows_after_tax": True, "p0-allows_in_service_distribution": True},
    ),
    # Asked since the plan takes after-tax money (issue 19); skipped (the pay left blank).
    ("paychecks", {"p0-pay_per_period": ""}),
    ("iras", {"p0-year_end_balance": "0"}),
    ("assumptions", {}),
]

# Counts htmx preview requests so a test can wait for the panel to settle instead of sleeping.
TRACK_HTMX = """
window.__pending = 0; window.__done = 0; window.__lastInput = 0;
document.addEventListener('input', () => { window.__lastInput = performance.now(); }, true);
document.addEventListener('htmx:beforeRequest', () => { window.__pending += 1; });
document.addEventListener('htmx:afterRequest', () => { window.__pending -= 1; window.__done += 1; });
"""
SETTLED = """(before) => window.__done > before && window.__pending === 0
    && performance.now() - window.__lastInput > 450"""


def _fill(page: Page, values: dict[str, str | bool]) -> None:
    for name, value in values.items():
        field = page.locator(f'[name="{name}"]')
        tag = field.first.evaluate("e => e.tagName + (e.type ? ':' + e.type : '')")
        if tag == "SELECT:select-one":
            field.select_option(str(value))
        elif tag == "INPUT:checkbox":
            field.set_checked(bool(value))
        elif tag == "INPUT:radio":
            # Yes / No / Not sure: True and False stand for Yes and No.
            answer = {True: "yes", False: "no"}.get(value, value)  # type: ignore[call-overload]
            page.locator(f'[name="{name}"][value="{answer}"]').check()
        else:
            field.fill(str(value))


def _fill_and_settle(page: Page, values: dict[str, str | bool]) -> None:
    """Fill a step and wait for the debounced preview (hx-trigger delay:100ms) to land."""
    if not values:
        return
    before = page.evaluate("window.__done")
    _fill(page, values)
    page.wait_for_function(SETTLED, arg=before, timeout=10_000)


def _next(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Next")).click()


def _panel(page: Page) -> str:
    return page.locator("#comparison").inner_text()


def _roth_row(page: Page, scope: str = "#comparison") -> list[str]:
    row = page.locator(f"{scope} .comparison-table tr", has_text="Roth dollars added")
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def _walk(
    page: Page,
    base: str,
    check: Callable[[Page, str], None] | None = None,
    steps: list[tuple[str, dict[str, str | bool]]] = ORIGIN,
) -> None:
    """Go through every step with `steps`, calling `check(page, slug)` on each page."""
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    for slug, values in steps:
        expect(page).to_have_url(base + f"/plan/{slug}/")
        if check:
            check(page, slug)
        _fill_and_settle(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")
    if check:
        check(page, "results")


def test_it_completes_the_origin_example_with_the_live_panel(live_server, page: Page) -> None:
    base = live_server.url
    panels: dict[str, list[str]] = {}

    def check(page: Page, slug: str) -> None:
        if slug == "plan-features":
            # The 401(k) step is saved: $55,000 − $18,500 − $12,500 = $24,000 of room.
            _fill_and_settle(page, ORIGIN[2][1])
            expect(page.locator("#comparison")).to_contain_text("$24,000")
            panels[slug] = _roth_row(page)
        if slug == "iras":
            panels[slug] = _roth_row(page)

    steps = [(slug, {} if slug == "plan-features" else values) for slug, values in ORIGIN]
    _walk(page, base, check, steps)
    assert panels["plan-features"] == ["$5,500", "$24,000", "$29,500"]
    assert panels["iras"] == ["$5,500", "$24,000", "$29,500"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Your plan for 2018")
    assert _roth_row(page, "main") == ["$5,500", "$24,000", "$29,500"]


def test_it_updates_the_panel_while_typing_without_a_page_load(live_server, page: Page) -> None:
    base = live_server.url
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    panel = page.locator("#comparison")
    expect(panel).to_contain_text("Enter your age and pay")
    page.evaluate("window.__marker = 1")
    _fill(page, {"tax_year": "2018", "age": "40"})
    page.locator('[name="compensation"]').press_sequentially("200000")
    expect(panel).to_contain_text("Roth dollars added", timeout=5_000)
    expect(panel).to_contain_text("$5,500")
    assert page.evaluate("window.__marker") == 1, "the page reloaded"
    expect(page).to_have_url(base + "/plan/household/")
    # Bad input replaces the numbers with what is wrong.
    page.locator('[name="compensation"]').fill("abc")
    expect(panel).to_contain_text("Enter a dollar amount", timeout=5_000)
    expect(panel.locator(".comparison-table")).to_have_count(0)
    assert page.evaluate("window.__marker") == 1


def test_it_shows_the_newest_answer_when_previews_overlap(
    live_server, page: Page, console_errors: list[str]
) -> None:
    base = live_server.url
    page.goto(base + "/plan/household/")
    _fill(page, {"tax_year": "2018", "age": "40", "compensation": "200000"})
    expect(page.locator("#comparison")).to_contain_text("$5,500", timeout=5_000)

    # A slow server: each preview takes 1.5 s, so the next keystrokes arrive mid-request.
    def slow(route) -> None:
        page.wait_for_timeout(1_500)
        route.continue_()

    page.route("**/preview/", slow)
    compensation = page.locator('[name="compensation"]')
    compensation.fill("4000")  # IRA limit is capped by pay: $4,000
    page.wait_for_timeout(600)  # the first preview is now in flight
    compensation.fill("3000")  # then $3,000, which must be what stays on screen
    panel = page.locator("#comparison")
    expect(panel).to_contain_text("$3,000", timeout=10_000)
    page.wait_for_timeout(2_000)
    expect(panel).to_contain_text("$3,000")
    expect(panel).not_to_contain_text("$4,000")
    assert console_errors == []


def test_it_completes_the_wizard_without_javascript(live_server, browser: Browser) -> None:
    base = live_server.url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base + "/plan/household/")
        # A mistake first: the error comes back from the server next to the field.
        _fill(page, {**ORIGIN[0][1], "age": "abc"})
        _next(page)
        expect(page).to_have_url(base + "/plan/household/")
        expect(page.locator("#error-summary")).to_contain_text("Enter a whole number")
        expect(page.locator('[name="compensation"]')).to_have_value("200000")
        for slug, values in ORIGIN:
            expect(page).to_have_url(base + f"/plan/{slug}/")
            _fill(page, values)
            _next(page)
        expect(page).to_have_url(base + "/plan/results/")
        assert _roth_row(page, "main") == ["$5,500", "$24,000", "$29,500"]
        # Back keeps the answers.
        page.goto(base + "/plan/401k/")
        expect(page.locator('[name="p0-employer_contribution"]')).to_have_value("12500")
    finally:
        context.close()


def test_it_does_not_scroll_sideways_on_a_phone(live_server, page: Page) -> None:
    page.set_viewport_size({"width": 375, "height": 812})
    widths: dict[str, tuple[int, int]] = {}

    def check(page: Page, slug: str) -> None:
        widths[slug] = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")

    _walk(page, live_server.url, check)
    too_wide = {slug: w for slug, w in widths.items() if w[0] > w[1]}
    assert len(widths) == len(ORIGIN) + 1  # every step and the results
    assert too_wide == {}


def test_it_has_no_serious_accessibility_violations(live_server, page: Page) -> None:
    found: dict[str, list[str]] = {}

    def check(page: Page, slug: str) -> None:
        violations = axe_violations(page)
        if violations:
            found[slug] = [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in violations]

    _walk(page, live_server.url, check)
    assert found == {}


def test_it_has_no_serious_accessibility_violations_on_errors(live_server, page: Page) -> None:
    page.goto(live_server.url + "/plan/household/")
    _fill(page, {"age": "abc", "compensation": "-5"})
    page.get_by_role("button", name=re.compile(r"^Next")).click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert axe_violations(page) == []


def test_it_logs_no_console_errors(live_server, page: Page, console_errors: list[str]) -> None:
    seen: dict[str, list[str]] = {}

    def check(page: Page, slug: str) -> None:
        page.wait_for_load_state("networkidle")
        if console_errors:
            seen[slug] = list(console_errors)
            console_errors.clear()

    _walk(page, live_server.url, check)
    assert seen == {}


def test_it_can_be_completed_with_the_keyboard(live_server, page: Page) -> None:
    base = live_server.url
    page.goto(base + "/plan/household/")
    page.locator("#id_tax_year").focus()
    page.keyboard.press("Tab")
    expect(page.locator("#id_filing_status")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_name")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#id_age")).to_be_focused()
    page.keyboard.type("40")
    page.keyboard.press("Tab")
    expect(page.locator("#id_compensation")).to_be_focused()
    shown = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return document.activeElement.matches(':focus-visible')
            && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                || s.boxShadow !== 'none'); }"""
    )
    assert shown, "the focused field has no visible focus indicator"
    page.keyboard.type("200000")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(base + "/plan/401k/")


def test_it_moves_forward_when_enter_is_pressed_on_a_later_step(live_server, page: Page) -> None:
    # Implicit submission uses the form's first submit button; that must be Next, not Back.
    base = live_server.url
    page.goto(base + "/plan/household/")
    _fill(page, ORIGIN[0][1])
    _next(page)
    expect(page).to_have_url(base + "/plan/401k/")
    page.locator('[name="p0-employer_contribution"]').focus()
    page.keyboard.type("12500")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(base + "/plan/plan-features/")


def test_no_workplace_plan_hides_the_plan_s_questions(live_server, page: Page) -> None:
    # A spouse with no pay: "No workplace plan" is chosen for them, and their plan's
    # questions are hidden until "Yes" is chosen (app.js; the server ignores them anyway).
    base = live_server.url
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    _fill(
        page,
        {"tax_year": "2026", "filing_status": "married_filing_jointly", "age": "45",
         "compensation": "250000", "has_spouse": True, "spouse_age": "44",
         "spouse_compensation": "0"},
    )  # fmt: skip
    _next(page)
    expect(page).to_have_url(base + "/plan/401k/")
    expect(page.locator('[name="p1-has_plan"][value="no"]')).to_be_checked()
    expect(page.locator('[name="p1-pretax_deferral"]')).to_be_hidden()
    expect(page.locator('[name="p0-pretax_deferral"]')).to_be_visible()
    page.locator('[name="p1-has_plan"][value="yes"]').check()
    expect(page.locator('[name="p1-pretax_deferral"]')).to_be_visible()
    page.locator('[name="p1-has_plan"][value="no"]').check()
    expect(page.locator('[name="p1-pretax_deferral"]')).to_be_hidden()
    _next(page)
    expect(page).to_have_url(base + "/plan/plan-features/")
    expect(page.locator('[name="p0-allows_after_tax"]').first).to_be_visible()
    expect(page.locator('[name="p1-allows_after_tax"]')).to_have_count(0)
