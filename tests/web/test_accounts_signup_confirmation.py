"""The link mailed at sign-up confirms the email once the password chosen at that sign-up is
given again (issue 17: the link alone never starts a session): it activates the account,
logs in and keeps the visitor's draft; a bad, used or expired link says so; an unconfirmed
account cannot log in and is told why."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.models import User
from django.core import signing
from django.test import Client
from django.utils.http import urlsafe_base64_encode

from planner.drafts import Draft
from planner.models import Scenario
from tests.web.conftest import PASSWORD, confirm, make_draft, signup_link

EMAIL = "carol@example.org"


def _sign_up(client: Client, password: str = PASSWORD, next_url: str = "") -> None:
    data = {"email": EMAIL, "password1": password, "password2": password}
    if next_url:
        data["next"] = next_url
    assert client.post("/signup/", data).status_code == 200


def test_the_link_activates_logs_in_and_keeps_the_draft(client, db, set_draft, mailoutbox) -> None:
    set_draft(client, make_draft())
    _sign_up(client, next_url="/plan/results/")
    link = signup_link(EMAIL)
    assert client.get(link).status_code == 200
    response = client.post(link, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/plan/results/", 302)]
    user = User.objects.get()
    assert user.is_active
    assert response.context["user"] == user
    scenario = Scenario.objects.get(owner=user)
    assert scenario.form == make_draft().stored()
    assert Draft.load(client.session).scenario.code == str(scenario.code)
    assert "saved to your account as “My 2026 plan”" in response.content.decode()
    assert b"Your email is confirmed" in response.content


def test_the_link_works_in_another_browser_without_a_draft(db, mailoutbox) -> None:
    _sign_up(Client())
    other = Client()
    response = confirm(other, signup_link(EMAIL))
    assert response["Location"] == "/scenarios/"
    assert other.get("/scenarios/").status_code == 200
    assert not Scenario.objects.exists()


def test_the_link_works_once(db, mailoutbox) -> None:
    client = Client()
    _sign_up(client)
    link = signup_link(EMAIL)
    assert confirm(client, link).status_code == 302
    again = Client().get(link)
    assert again.status_code == 200
    assert b"This link no longer works" in again.content
    assert "_auth_user_id" not in again.wsgi_request.session


def test_a_bad_link_shows_a_clear_page_with_a_way_back(db, mailoutbox) -> None:
    _sign_up(Client())
    good = signup_link(EMAIL)
    uid, token = good.split("/")[3:5]
    bad_links = [
        f"/signup/confirm/{uid}/{token[:-1]}x/",
        f"/signup/confirm/{uid}/not-a-token/",
        f"/signup/confirm/@@@/{token}/",
        f"/signup/confirm/OTk5OTk5/{token}/",
        f"/signup/confirm/{'9' * 400}/{token}/",
        f"/signup/confirm/{urlsafe_base64_encode(b'9' * 30)}/{token}/",
        f"/signup/confirm/{urlsafe_base64_encode(b'-1')}/{token}/",
    ]
    for link in bad_links:
        response = Client().get(link)
        assert response.status_code == 200, link
        assert b"This link no longer works" in response.content
        assert b'href="/signup/"' in response.content
        assert b'href="/login/"' in response.content
    assert not User.objects.get().is_active


def test_an_expired_link_does_not_activate(db, mailoutbox, monkeypatch) -> None:
    _sign_up(Client())
    link = signup_link(EMAIL)
    later = time.time() + settings.PASSWORD_RESET_TIMEOUT + 5
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = Client().post(link, {"password": PASSWORD})
    assert b"This link no longer works" in response.content
    assert not User.objects.get().is_active


def test_signing_up_again_sends_a_link_for_the_new_password(db, mailoutbox) -> None:
    _sign_up(Client())
    old = signup_link(EMAIL)
    _sign_up(Client(), password="a-different-long-pass-7")
    new = signup_link(EMAIL)
    assert len(mailoutbox) == 2
    assert old != new
    # Each link takes only the password chosen with it.
    assert confirm(Client(), new).status_code == 200
    client = Client()
    assert confirm(client, new, "a-different-long-pass-7").status_code == 302
    user = User.objects.get()
    assert user.is_active
    assert user.check_password("a-different-long-pass-7")
    assert b"This link no longer works" in Client().get(old).content


def test_a_confirmation_link_is_not_a_password_reset_link(db, mailoutbox) -> None:
    _sign_up(Client())
    uid, token = signup_link(EMAIL).split("/")[3:5]
    response = Client().get(f"/password-reset/{uid}/{token}/", follow=True)
    assert b"This link no longer works" in response.content


def test_an_unconfirmed_account_cannot_log_in_and_is_told_why(db, mailoutbox) -> None:
    _sign_up(Client())
    client = Client()
    response = client.post("/login/", {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 200
    assert b"Confirm your email first" in response.content
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_on_an_unconfirmed_account_says_only_mismatch(db, mailoutbox) -> None:
    _sign_up(Client())
    response = Client().post("/login/", {"username": EMAIL, "password": "wrong-password-1"})
    assert b"do not match an account" in response.content
    assert b"Confirm your email" not in response.content
    unknown = Client().post("/login/", {"username": "nobody@example.org", "password": "x-12345678"})
    assert b"do not match an account" in unknown.content


def test_after_confirming_the_account_logs_in_normally(db, mailoutbox) -> None:
    _sign_up(Client())
    confirm(Client(), signup_link(EMAIL))
    client = Client()
    response = client.post("/login/", {"username": EMAIL, "password": PASSWORD})
    assert response["Location"] == "/scenarios/"


def test_an_account_an_admin_deactivated_is_not_reopened_by_sign_up(alice, mailoutbox) -> None:
    Client().post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    alice.refresh_from_db()
    alice.is_active = False
    alice.save()
    data = {
        "email": "alice@example.org",
        "password1": "new-long-pass-123",
        "password2": "new-long-pass-123",
    }
    assert Client().post("/signup/", data).status_code == 200
    (message,) = mailoutbox
    assert "/signup/confirm/" not in message.body
    alice.refresh_from_db()
    assert not alice.is_active
    assert alice.check_password(PASSWORD)
    response = Client().post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert b"do not match an account" in response.content
    assert b"Confirm your email" not in response.content


# Issue 17: signing up with someone else's address before they confirm gave the account.

VICTIM_PASSWORD = "the-owners-own-pass-91"
ATTACKER_PASSWORD = "an-attackers-pass-53"


def test_sign_up_never_changes_an_existing_accounts_password(db, mailoutbox) -> None:
    _sign_up(Client(), password=VICTIM_PASSWORD)
    _sign_up(Client(), password=ATTACKER_PASSWORD)
    assert User.objects.get().check_password(VICTIM_PASSWORD)


def test_the_link_alone_never_starts_a_session(db, mailoutbox) -> None:
    _sign_up(Client())
    client = Client()
    response = client.get(signup_link(EMAIL))
    assert response.status_code == 200
    assert b"Enter the password you chose" in response.content
    assert "_auth_user_id" not in client.session
    assert not User.objects.get().is_active


def test_two_browsers_the_owners_link_never_logs_in_the_other_sign_up(db, mailoutbox) -> None:
    """The owner signs up; a stranger signs up with the same address in another browser and
    knows only their own password. The owner's confirmation logs in only the owner, with the
    owner's password; the stranger's password opens nothing, before or after."""
    owner, stranger = Client(), Client()
    _sign_up(owner, password=VICTIM_PASSWORD)
    owners_link = signup_link(EMAIL)
    _sign_up(stranger, password=ATTACKER_PASSWORD)
    strangers_link = signup_link(EMAIL)

    # The stranger has no mailbox, yet tries the owner's link with their own password.
    refused = stranger.post(owners_link, {"password": ATTACKER_PASSWORD})
    assert refused.status_code == 200
    assert b"not the password chosen" in refused.content
    assert "_auth_user_id" not in stranger.session

    assert confirm(owner, owners_link, VICTIM_PASSWORD)["Location"] == "/scenarios/"
    assert owner.get("/scenarios/").status_code == 200
    user = User.objects.get()
    assert user.is_active and user.check_password(VICTIM_PASSWORD)
    assert not user.check_password(ATTACKER_PASSWORD)

    # Afterwards neither the stranger's link nor their password gets in.
    assert (
        b"This link no longer works"
        in stranger.post(strangers_link, {"password": ATTACKER_PASSWORD}).content
    )
    login = stranger.post("/login/", {"username": EMAIL, "password": ATTACKER_PASSWORD})
    assert b"do not match an account" in login.content
    assert stranger.get("/scenarios/").status_code == 302
