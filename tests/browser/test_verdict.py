"""The verdict in Chromium: the origin case (shared/docs/origin-question.txt: 2018, $18,500
pre-tax, $12,500 match, after-tax with in-service distributions, $94,500 in a pre-tax IRA)
says which route to take with its dollars, above the table; a "not sure" roll-in shows both
branches; the panel's live line says the verdict while typing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_wizard import ORIGIN, TRACK_HTMX, _fill, _fill_and_settle, _next


def _origin(roll_ins: str) -> list[tuple[str, dict[str, str | bool]]]:
    steps: list[tuple[str, dict[str, str | bool]]] = []
    for slug, values in ORIGIN:
        if slug == "plan-features":
            values = {**values, "p0-accepts_ira_rollins": roll_ins}
        if slug == "iras":
            values = {"p0-year_end_balance": "94500"}
        steps.append((slug, values))
    return steps


def _complete(page: Page, base: str, steps: list[tuple[str, dict[str, str | bool]]]) -> None:
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    for _slug, values in steps:
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")


def _tax_due(page: Page) -> list[str]:
    row = page.locator("main .comparison-table tr", has_text="Tax due now")
    return [cell.strip() for cell in row.locator("td").all_inner_texts()]


def test_the_origin_case_shows_the_verdict_for_both_routes_above_the_table(
    live_server, page: Page
) -> None:
    _complete(page, live_server.url, _origin("yes"))
    verdict = page.locator("section.verdict")
    expect(verdict).to_contain_text("Do the mega backdoor: contribute $24,000 after-tax")
    expect(verdict).to_contain_text("$24,000 to Roth for $0 of tax now")
    expect(verdict).to_contain_text("The IRA balance does not affect it.")
    backdoor_tax = _tax_due(page)[0]
    expect(verdict).to_contain_text(
        f"The backdoor would be 94.5% taxable ({backdoor_tax} tax) because of your $94,500 "
        "pre-tax IRA balance on December 31: roll it into your 401(k) by December 31 and it is $0."
    )
    # The answer rolls the IRA in first: "Why" is what the roll-in avoids.
    expect(verdict).to_contain_text("Why 94.5% of your conversion would be taxable as entered")
    verdict_box = verdict.bounding_box()
    table_box = page.locator("main .comparison-table").bounding_box()
    assert verdict_box is not None and table_box is not None
    assert verdict_box["y"] + verdict_box["height"] <= table_box["y"]
    # In the first screen at 1280 px: the headline is visible without scrolling.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("window.scrollTo(0, 0)")
    expect(page.locator(".verdict-headline")).to_be_in_viewport()
    assert axe_violations(page) == []


def test_a_not_sure_roll_in_shows_both_branches(live_server, page: Page) -> None:
    _complete(page, live_server.url, _origin("unsure"))
    backdoor_tax = _tax_due(page)[0]
    assert backdoor_tax != "$0"
    expect(page.locator("section.verdict")).to_contain_text(
        f"If your plan takes IRA roll-ins: $0 of tax on the backdoor; if not: skip the backdoor this year (as entered, {backdoor_tax} of tax)."
    )
    expect(page.locator(".checklist")).to_contain_text("“rollovers into the plan” or “roll-in”")


def test_the_panel_line_says_the_verdict_while_typing(live_server, page: Page) -> None:
    base = live_server.url
    _complete(page, base, _origin("yes"))
    page.goto(base + "/plan/plan-features/")
    status = page.locator("#panel-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_contain_text("Do the mega backdoor: $24,000 to Roth")
    _fill_and_settle(page, {"p0-accepts_ira_rollins": "unsure"})
    expect(status).to_contain_text("Your “not sure” answers could change this")
    _fill_and_settle(page, {"p0-allows_after_tax": False})
    # Without the mega backdoor, a backdoor taxed mostly by the pro-rata rule is not the
    # recommendation (Form 8606 lines 6-11): the line says to skip it unless the IRA is rolled in.
    expect(status).to_contain_text("Skip the backdoor this year unless you roll the $94,500")
    assert page.locator("#comparison[aria-live]").count() == 0
    _next(page)


def test_the_sticky_line_on_a_phone_says_the_headlines_first_sentence_only(
    live_server, page: Page
) -> None:
    base = live_server.url
    page.set_viewport_size({"width": 375, "height": 812})
    _complete(page, base, _origin("unsure"))
    page.goto(base + "/plan/iras/")
    status = page.locator("#panel-status")
    expect(status).to_be_in_viewport()
    # Only the first sentence shows; the "not sure" sentence is in the panel's headline.
    assert status.inner_text().strip() == "Do the mega backdoor: $24,000 to Roth for $0 of tax now."
    box = page.locator(".panel-status").bounding_box()
    assert box is not None and box["height"] < 90
    page.get_by_role("button", name="Full comparison").click()
    expect(page.locator(".panel-headline")).to_contain_text(
        "Your “not sure” answers could change this"
    )
