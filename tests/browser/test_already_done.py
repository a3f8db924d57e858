"""Issue 16 item 3 in Chromium: entering a conversion already made on the IRA step and seeing
the repair, with the days left (Form 8606 lines 6-18; IRC 408(d)(3)(A)(ii))."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_wizard import TRACK_HTMX, _fill, _next

# Today in the site's time zone, as the views read it.
TODAY = date(2026, 12, 5)

# 2026, self-employed: no 401(k) money; contributed and converted $7,000 in January, then
# found a $40,000 SEP-IRA.
FOUND_SEP: list[tuple[str, dict[str, str | bool]]] = [
    ("household", {"tax_year": "2026", "age": "45", "compensation": "250000"}),
    ("401k", {"p0-pretax_deferral": "0", "p0-employer_contribution": "0"}),
    ("plan-features", {"p0-accepts_ira_rollins": False}),
    (
        "iras",
        {
            "p0-nondeductible_contribution": "7000",
            "p0-contribution_made_amount": "7000",
            "p0-contribution_made_date": "2026-01-15",
            "p0-conversion_made_amount": "7000",
            "p0-conversion_made_date": "2026-01-20",
            "p0-sep_balance_today": "40000",
            "p0-self_employed": True,  # its own business's SEP-IRA: a solo 401(k) can open
        },
    ),
    ("assumptions", {}),
]


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def test_a_conversion_already_made_shows_the_repair_and_the_days_left(
    live_server, page: Page, console_errors: list[str]
) -> None:
    base = live_server.url
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    for slug, values in FOUND_SEP:
        expect(page).to_have_url(base + f"/plan/{slug}/")
        if slug == "iras":
            expect(page.get_by_role("group", name="Already done this year")).to_be_visible()
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")
    # The answer says it too, from the same decision: done, and the repair with the days left.
    verdict = page.locator("section.verdict")
    expect(verdict).to_contain_text(
        "The backdoor is done: $7,000 contributed and converted to Roth this year."
    )
    expect(verdict).to_contain_text("by December 31, 2026 (26 days left) and the tax is $0")
    expect(verdict).not_to_contain_text("Skip the backdoor")
    section = page.locator("section.progress-facts")
    expect(section.get_by_role("heading", name="Done so far, left to do")).to_be_visible()
    expect(section).to_contain_text("Converted to Roth $7,000 on January 20, 2026.")
    repair = section.locator(".progress-repairs li")
    expect(repair).to_contain_text("Pre-tax IRA money ($40,000)")
    expect(repair).to_contain_text("Roll it into a solo 401(k) that takes roll-ins")
    expect(repair).to_contain_text("by December 31, 2026 (26 days left)")
    expect(repair).to_contain_text("of tax on $5,957.42 of the conversion")
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_date_outside_the_year_is_shown_next_to_the_field_with_javascript_off(
    live_server, browser
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    base = live_server.url
    page.goto(base + "/plan/household/")
    for _slug, values in FOUND_SEP[:3]:
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/iras/")
    _fill(page, {**FOUND_SEP[3][1], "p0-conversion_made_date": "2025-12-31"})
    _next(page)
    field = page.locator("#div_id_p0-conversion_made_date")
    expect(field).to_contain_text("Only conversions made in 2026 count for 2026")
    expect(page.locator('[name="p0-conversion_made_date"]')).to_have_value("2025-12-31")
    expect(page.locator('[name="p0-sep_balance_today"]')).to_have_value("40000")
    context.close()
