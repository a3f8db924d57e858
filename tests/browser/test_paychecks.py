"""The paychecks step in Chromium (issue 19): the origin case (2018, $18,500 pre-tax, a match
of 100% of the first 6.25% of $200,000 = $12,500, $24,000 after-tax) paid every two weeks
from January; with and without JavaScript; axe on the step and the results."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_wizard import ORIGIN, TRACK_HTMX, _fill, _next

FORMULA = {
    "p0-pretax_deferral": "18500",
    "p0-employer_mode": "formula",
    "p0-match_rate": "100",
    "p0-match_up_to": "6.25",
}


def _steps(paychecks: dict[str, str | bool]) -> list[tuple[str, dict[str, str | bool]]]:
    replaced = {"401k": FORMULA, "paychecks": paychecks}
    return [(slug, replaced.get(slug, values)) for slug, values in ORIGIN]


def _check_results(page: Page) -> None:
    # The paycheck tables are details: they sit in the person's fold, closed at first.
    page.locator("details.fold:has(.paychecks-block) > summary").click()
    elections = page.locator("table.elections-table tbody tr")
    expect(elections).to_have_count(3)
    assert elections.all_inner_texts() == [
        "Pre-tax\t10%\tJanuary 5, 2018",
        "Pre-tax\t9%\tApril 13, 2018",
        "After-tax\t12%\tJanuary 5, 2018",
    ]
    rows = page.locator("table.paycheck-table tbody tr")
    expect(rows).to_have_count(26)
    last = [cell.strip() for cell in rows.last.locator("td").all_inner_texts()]
    assert last == ["$7,692.31", "$653.81", "$0", "$923", "$480.77", "$18,500", "$55,000"]
    expect(page.locator(".paychecks-block")).to_contain_text("with $12,500 of match: no match lost")


def _walk_to_results(page: Page, base: str, at_step: Callable[[str], None] | None = None) -> None:
    """The wizard with the origin case paid every two weeks, `at_step` called on each step."""
    page.goto(base + "/plan/household/")
    for slug, values in _steps({"p0-pay_per_period": "7692.31", "p0-frequency": "biweekly"}):
        expect(page).to_have_url(base + f"/plan/{slug}/")
        if slug == "401k":
            page.locator('[name="p0-employer_mode"][value="formula"]').check()
        if at_step is not None:
            at_step(slug)
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")


def test_the_step_walks_with_javascript(live_server, page: Page) -> None:
    base = live_server.url
    page.add_init_script(TRACK_HTMX)
    seen: dict[str, list] = {}

    def at_step(slug: str) -> None:
        if slug == "paychecks":
            expect(page.get_by_role("heading", level=1)).to_have_text("Step 4 of 7: Paychecks")
            expect(page.locator(".paychecks-block, form")).to_contain_text(
                "Match: 100% of the first 6.25% of pay"
            )
            seen[slug] = axe_violations(page)

    _walk_to_results(page, base, at_step)
    _check_results(page)
    seen["results"] = axe_violations(page)
    assert seen == {"paychecks": [], "results": []}


def test_the_step_works_without_javascript_and_keeps_the_typing(
    live_server, browser: Browser
) -> None:
    base = live_server.url
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        steps = _steps({"p0-pay_per_period": "7692.31", "p0-elections_start": "2019-01-04"})
        index = [slug for slug, _ in steps].index("paychecks")
        before_and_at_the_step = steps[: index + 1]
        page.goto(base + "/plan/household/")
        for slug, values in before_and_at_the_step:
            expect(page).to_have_url(base + f"/plan/{slug}/")
            if slug == "401k":
                page.locator('[name="p0-employer_mode"][value="formula"]').check()
            _fill(page, values)
            _next(page)
        # A 2019 date in a 2018 plan: the message sits next to the field, the typing stays.
        expect(page).to_have_url(base + "/plan/paychecks/")
        field = page.locator("#div_id_p0-elections_start")
        expect(field).to_contain_text("Must be a date in 2018, the tax year.")
        expect(page.locator('[name="p0-elections_start"]')).to_have_value("2019-01-04")
        expect(page.locator('[name="p0-pay_per_period"]')).to_have_value("7692.31")
        _fill(page, {"p0-elections_start": "2018-01-01"})
        _next(page)
        for slug, values in steps[index + 1 :]:
            expect(page).to_have_url(base + f"/plan/{slug}/")
            _fill(page, values)
            _next(page)
        expect(page).to_have_url(base + "/plan/results/")
        _check_results(page)
    finally:
        context.close()


def test_the_paycheck_tables_caption_wraps_on_a_phone(live_server, browser: Browser) -> None:
    # A walk at 375 px: the caption scrolled with the wide table and was cut mid-word.
    base = live_server.url
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        _walk_to_results(page, base)
        page.locator("details.fold:has(.paychecks-block) > summary").click()
        caption = page.locator("table.paycheck-table caption")
        expect(caption).to_be_visible()
        box = caption.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
        # Scrolled sideways to read the last columns, the caption stays in view.
        page.locator("table.paycheck-table").evaluate("t => t.parentElement.scrollLeft = 400")
        box = caption.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 375
    finally:
        context.close()
