from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_violations


def test_it_loads_the_home_page_without_console_errors(
    live_server, page: Page, console_errors: list[str]
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert console_errors == []


def test_it_loads_htmx_on_a_wizard_step_without_console_errors(
    live_server, page: Page, console_errors: list[str]
) -> None:
    page.goto(live_server.url + "/plan/household/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof htmx") == "object", "htmx did not load"
    assert console_errors == []


def test_it_reports_csp_violations_as_console_errors(
    live_server, page: Page, console_errors: list[str]
) -> None:
    # Guards the guard: an inline script must be blocked and show up as an error.
    page.goto(live_server.url + "/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.x") is None
    assert any("Content Security Policy" in error for error in console_errors)


def test_it_has_no_serious_accessibility_violations_on_the_home_page(
    live_server, page: Page
) -> None:
    page.goto(live_server.url + "/")
    assert axe_violations(page) == []


def test_the_header_lines_up_with_the_page_on_a_phone_and_a_desktop(
    live_server, page: Page
) -> None:
    page.goto(live_server.url + "/plan/household/")
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 600})
        brand = page.locator(".navbar-brand").bounding_box()
        heading = page.locator("main h1").bounding_box()
        assert brand and heading and brand["x"] == heading["x"] > 0, width
