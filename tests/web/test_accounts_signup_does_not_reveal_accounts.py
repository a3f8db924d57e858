"""Sign-up answers the same whether or not an email has an account: the same page, status
and headers, one mail to the address, and the same password hashing on every path
(timing itself is measured by `make soak`, never asserted here)."""

from __future__ import annotations

import re

from django.contrib.auth.models import User
from django.test import Client

from planner import forms_accounts
from tests.web.conftest import PASSWORD

# The same length as alice@example.org, so Content-Length can be compared too.
NEW_EMAIL = "carol@example.org"


def _sign_up(email: str) -> object:
    data = {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    return Client().post("/signup/", data)


def _without_per_response_values(text: str, email: str) -> str:
    """The body or a header, minus the email and the values that change on every response
    (the CSP nonce and the masked CSRF token)."""
    text = text.replace(email, "EMAIL")
    text = re.sub(r"nonce(=\"|-)[\w+/=-]+", "nonce", text)
    return re.sub(r'("x-csrftoken": ")\w+', r"\1TOKEN", text)


# Headers that carry the time of the response: two responses a second apart differ there.
CLOCK_HEADERS = {"Expires", "Date", "Last-Modified"}


def _same_parts(response: object, email: str) -> tuple[object, ...]:
    headers = {
        name: _without_per_response_values(value, email)
        for name, value in response.headers.items()
        if name not in CLOCK_HEADERS
    }
    body = _without_per_response_values(response.content.decode(), email)
    return response.status_code, headers, sorted(response.cookies), body


def test_a_taken_email_gets_the_same_answer_as_a_new_one(alice, mailoutbox) -> None:
    taken = _sign_up("alice@example.org")
    new = _sign_up(NEW_EMAIL)
    assert taken.status_code == new.status_code == 200
    assert b"Check your email" in taken.content
    assert _same_parts(taken, "alice@example.org") == _same_parts(new, NEW_EMAIL)


def test_an_unconfirmed_email_gets_the_same_answer_too(db, mailoutbox) -> None:
    first = _sign_up(NEW_EMAIL)
    again = _sign_up(NEW_EMAIL)
    assert _same_parts(first, NEW_EMAIL) == _same_parts(again, NEW_EMAIL)


def test_each_sign_up_sends_exactly_one_mail_to_the_address(alice, mailoutbox) -> None:
    _sign_up("alice@example.org")
    assert [m.to for m in mailoutbox] == [["alice@example.org"]]
    _sign_up(NEW_EMAIL)
    assert [m.to for m in mailoutbox] == [["alice@example.org"], [NEW_EMAIL]]


def test_the_owner_of_a_taken_email_is_told_and_offered_log_in_and_reset(alice, mailoutbox) -> None:
    _sign_up("Alice@Example.org")
    (message,) = mailoutbox
    assert message.subject == "Sign-up attempt for your Backdoor Roth planner account"
    assert "tried to sign up" in message.body
    assert "http://testserver/login/" in message.body
    assert "http://testserver/password-reset/" in message.body
    assert "/signup/confirm/" not in message.body
    assert PASSWORD not in message.body
    alice.refresh_from_db()
    assert alice.is_active
    assert alice.check_password(PASSWORD)


def test_a_taken_email_keeps_its_password(alice, mailoutbox) -> None:
    data = {
        "email": "alice@example.org",
        "password1": "another-long-pass-77",
        "password2": "another-long-pass-77",
    }
    Client().post("/signup/", data)
    alice.refresh_from_db()
    assert alice.check_password(PASSWORD)
    assert not alice.check_password("another-long-pass-77")


def test_every_path_hashes_the_password_once(alice, mailoutbox, monkeypatch) -> None:
    hashed: list[str] = []
    real = forms_accounts.make_password

    def counting(password, *args, **kwargs):
        hashed.append(password)
        return real(password, *args, **kwargs)

    monkeypatch.setattr(forms_accounts, "make_password", counting)
    _sign_up("alice@example.org")
    assert hashed == [PASSWORD]
    _sign_up(NEW_EMAIL)
    assert hashed == [PASSWORD, PASSWORD]
    _sign_up(NEW_EMAIL)
    assert hashed == [PASSWORD, PASSWORD, PASSWORD]
    assert User.objects.count() == 2


def test_a_mail_server_failure_shows_the_same_page(alice, mailoutbox, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no SMTP server")

    monkeypatch.setattr(forms_accounts.EmailMultiAlternatives, "send", refuse)
    taken = _sign_up("alice@example.org")
    new = _sign_up(NEW_EMAIL)
    assert _same_parts(taken, "alice@example.org") == _same_parts(new, NEW_EMAIL)
    assert taken.status_code == 200
