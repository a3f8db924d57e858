"""Issue 16 in Chromium: the origin case's checklist and calendar follow its verdict (skip the
backdoor unless the $94,500 is rolled into a 401(k) first), the badges say each person's
route, and a self-employed person is shown the solo 401(k) that takes the IRA money."""

from __future__ import annotations

from pathlib import Path

import icalendar
from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations
from tests.browser.test_wizard import ORIGIN, TRACK_HTMX, _fill, _next


def _complete(page: Page, base: str, roll_ins: str, iras: dict[str, str | bool]) -> None:
    page.add_init_script(TRACK_HTMX)
    page.goto(base + "/plan/household/")
    for slug, values in ORIGIN:
        if slug == "plan-features":
            values = {**values, "p0-accepts_ira_rollins": roll_ins}
        if slug == "iras":
            values = iras
        _fill(page, values)
        _next(page)
    expect(page).to_have_url(base + "/plan/results/")


def test_the_origin_checklist_and_calendar_follow_the_skip(live_server, page: Page) -> None:
    _complete(page, live_server.url, "no", {"p0-year_end_balance": "94500"})
    verdict = page.locator("section.verdict")
    expect(verdict).to_contain_text(
        "Skip the backdoor this year unless you roll the $94,500 into a 401(k) first"
    )
    checklist = page.locator(".checklist")
    expect(checklist).to_contain_text("Contribute $24,000 after-tax")
    for skipped in ("Contribute $5,500 nondeductible", "Convert $5,500", "Pay about"):
        expect(checklist).not_to_contain_text(skipped)
    expect(page.locator(".decision-badge")).to_have_text(["Mega backdoor", "Skip the backdoor"])
    with page.expect_download() as download:
        page.locator("a.calendar-link").first.click()
    body = Path(download.value.path()).read_bytes()
    summaries = [str(e["summary"]) for e in icalendar.Calendar.from_ical(body).walk("VEVENT")]
    assert summaries == [
        "Contribute $24,000 after-tax to the 401(k) through payroll (You)",
        "Roll the after-tax money (and its earnings) out to your Roth IRA (You)",
    ]
    assert axe_violations(page) == []


def test_self_employment_income_shows_the_solo_401k_route(live_server, page: Page) -> None:
    _complete(
        page, live_server.url, "no", {"p0-year_end_balance": "94500", "p0-self_employed": True}
    )
    expect(page.locator("section.verdict")).to_contain_text(
        "Open a solo 401(k) for your self-employment income that takes IRA roll-ins"
    )
    expect(page.locator(".checklist")).to_contain_text(
        "Roll the pre-tax IRA money ($94,500) into the solo 401(k)"
    )
    expect(page.locator(".decision-badge")).to_have_text(
        ["Mega backdoor", "Roll in first, then backdoor"]
    )
    assert axe_violations(page) == []
