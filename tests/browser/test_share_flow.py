"""A visitor builds a plan, signs up, confirms the email, finds the plan saved, shares it,
and revokes the link."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import axe_violations

PASSWORD = "a-long-browser-password-9"


def test_it_saves_a_visitors_plan_and_shares_it_until_revoked(
    live_server, page: Page, browser: Browser, console_errors: list[str]
) -> None:
    # A visitor answers the first wizard step; that is enough for results.
    page.goto(live_server.url + "/plan/household/")
    page.fill("#id_age", "45")
    page.fill("#id_compensation", "250000")
    page.get_by_role("button", name=re.compile("^Next")).click()
    page.goto(live_server.url + "/plan/results/")
    save = page.locator(".save-draft")
    expect(save).to_contain_text("to save this plan")

    # Signing up from the results page keeps the plan: no retyping.
    save.get_by_role("link", name="Sign up").click()
    expect(page).to_have_url(re.compile(r"/signup/\?next=/plan/results/$"))
    assert axe_violations(page) == []
    page.fill("#id_email", "carol@example.org")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text("carol@example.org")
    assert axe_violations(page) == []

    # The mailed link (the live server shares this process's test outbox) finishes it.
    (message,) = mail.outbox
    link = re.search(r"http://\S+/signup/confirm/\S+", message.body).group(0)
    page.goto(link)
    assert axe_violations(page) == []
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page).to_have_url(re.compile(r"/plan/results/$"))
    expect(page.locator(".messages")).to_contain_text(
        re.compile(r"saved to your account as “My \d{4} plan”")
    )

    # It is in the list, and it opens with its results.
    page.get_by_role("link", name="My scenarios").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name=re.compile(r"^My \d{4} plan$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"My \d{4} plan"))
    expect(page.locator("body")).to_contain_text("Form 8606")
    assert axe_violations(page) == []

    # Share it with a label.
    page.fill("#id_label", "for my CPA")
    page.get_by_role("button", name="Create a share link").click()
    share_url = page.locator("input.share-url").input_value()
    assert re.fullmatch(re.escape(live_server.url) + r"/s/[A-Za-z0-9_-]{43}/", share_url)

    # The advisor opens it in a fresh browser, without an account.
    advisor = browser.new_context()
    try:
        advisor_page = advisor.new_page()
        response = advisor_page.goto(share_url)
        assert response is not None and response.status == 200
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        expect(advisor_page.get_by_role("heading", level=1)).to_have_text(
            re.compile(r"My \d{4} plan")
        )
        expect(advisor_page.locator("body")).to_contain_text("Form 8606")
        expect(advisor_page.locator("body")).not_to_contain_text("carol@example.org")
        expect(advisor_page.get_by_role("link", name="Log in")).to_be_visible()
        assert axe_violations(advisor_page) == []

        # The owner sees the visit, then revokes the link.
        page.reload()
        expect(page.locator("li.share-link .view-count")).to_have_text("1")
        page.get_by_role("button", name=re.compile("^Revoke")).click()
        expect(page.locator(".messages")).to_contain_text("Revoked the link “for my CPA”")
        expect(page.locator("li.share-link")).to_have_attribute("data-status", "revoked")

        # The advisor's link stops working.
        response = advisor_page.reload()
        assert response is not None and response.status == 410
        expect(advisor_page.get_by_role("heading", level=1)).to_have_text(
            "This link is no longer active"
        )
    finally:
        advisor.close()
    assert console_errors == []


def test_it_prints_a_shared_plan_without_controls(live_server, page: Page) -> None:
    from django.contrib.auth.models import User

    from planner.drafts import Draft
    from planner.models import Scenario, ShareLink

    owner = User.objects.create_user("dave@example.org", "dave@example.org", PASSWORD)
    draft = Draft.new(2026)
    draft.inputs["people"] = [
        {"name": "You", "age": 45, "compensation": 250000, "plan": {"allows_after_tax": True}}
    ]
    link = ShareLink.create_for(Scenario.create_from_draft(owner, draft, "Printed plan"))

    page.emulate_media(media="print")
    page.goto(f"{live_server.url}/s/{link.token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Printed plan")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("table").first).to_be_visible()
    expect(page.locator("svg.chart-svg").first).to_be_visible()
    assert page.locator("form:visible, button:visible").count() == 0


def test_the_account_pages_have_no_serious_accessibility_violations(
    live_server, page: Page
) -> None:
    for path in ["/login/", "/signup/", "/password-reset/"]:
        page.goto(live_server.url + path)
        page.get_by_role("button").last.click()  # submit empty: the error summary shows
        assert axe_violations(page) == [], path
    page.goto(live_server.url + "/signup/confirm/MQ/not-a-token/")
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    assert axe_violations(page) == []
