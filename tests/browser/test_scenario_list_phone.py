"""The scenario list on a phone: every column of every row in view, nothing to scroll sideways."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from playwright.sync_api import Page, expect

from planner.models import Scenario
from tests.browser.conftest import axe_violations
from tests.web.conftest import make_draft

PASSWORD = "a-long-browser-password-9"


def test_a_phone_shows_the_whole_list_without_sideways_scrolling(live_server, page: Page) -> None:
    owner = get_user_model().objects.create_user("dana@example.org", "dana@example.org", PASSWORD)
    Scenario.create_from_draft(owner, make_draft(), "Household plan 2026 with a longer name")
    Scenario.create_from_draft(owner, make_draft(other_income=5000), "More income")
    page.set_viewport_size({"width": 375, "height": 812})
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "dana@example.org")
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.goto(live_server.url + "/scenarios/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    table = page.locator(".table-responsive")
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")
    # The tax year and the time of the last change are under the name, in view.
    for row in page.locator("tbody tr").all():
        expect(row.locator("th .small")).to_be_visible()
        expect(row.locator("th .small")).to_contain_text("2026, updated ")
        expect(row.get_by_role("cell").filter(has_text="$").first).to_be_in_viewport()
    expect(page.get_by_role("columnheader", name="Tax due now")).to_be_in_viewport()
    assert axe_violations(page) == []
