"""Issue 17, in two browsers: someone signs up with the owner's address before the owner
confirms. The stranger's sign-up neither changes the owner's password nor lets the owner's
confirmation log in the stranger; the link alone never opens a session."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.core import mail
from playwright.sync_api import Browser, Page, expect

EMAIL = "owner@example.org"
OWNER_PASSWORD = "owners-own-browser-pass-4"
STRANGER_PASSWORD = "strangers-browser-pass-8"


def _sign_up(page: Page, base: str, password: str) -> str:
    page.goto(base + "/signup/")
    page.fill("#id_email", EMAIL)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    return re.search(r"http://\S+/signup/confirm/\S+", mail.outbox[-1].body).group(0)


def test_the_owners_confirmation_never_logs_in_the_stranger(live_server, browser: Browser) -> None:
    owner, stranger = browser.new_context(), browser.new_context()
    try:
        owner_page, stranger_page = owner.new_page(), stranger.new_page()
        owners_link = _sign_up(owner_page, live_server.url, OWNER_PASSWORD)
        _sign_up(stranger_page, live_server.url, STRANGER_PASSWORD)
        assert User.objects.get(username=EMAIL).check_password(OWNER_PASSWORD)

        # The owner opens the link: it asks for the password, it does not log in by itself.
        owner_page.goto(owners_link)
        expect(owner_page.get_by_role("heading", level=1)).to_have_text("Confirm your email")
        owner_page.goto(live_server.url + "/scenarios/")
        expect(owner_page).to_have_url(re.compile(r"/login/"))

        # The stranger, even holding the owner's link, cannot confirm with their password.
        stranger_page.goto(owners_link)
        stranger_page.fill("#id_password", STRANGER_PASSWORD)
        stranger_page.get_by_role("button", name="Confirm and log in").click()
        expect(stranger_page.locator(".error-summary")).to_contain_text("not the password")

        owner_page.goto(owners_link)
        owner_page.fill("#id_password", OWNER_PASSWORD)
        owner_page.get_by_role("button", name="Confirm and log in").click()
        expect(owner_page).to_have_url(re.compile(r"/scenarios/$"))
        expect(owner_page.locator(".messages")).to_contain_text("Your email is confirmed")

        # The stranger is still logged out and their password opens nothing.
        stranger_page.goto(live_server.url + "/scenarios/")
        expect(stranger_page).to_have_url(re.compile(r"/login/"))
        stranger_page.fill("#id_username", EMAIL)
        stranger_page.fill("#id_password", STRANGER_PASSWORD)
        stranger_page.get_by_role("button", name="Log in").click()
        expect(stranger_page.locator("main")).to_contain_text("do not match an account")
    finally:
        owner.close()
        stranger.close()
