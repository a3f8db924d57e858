"""Password reset does the same work whether or not an email has an account; sign-up hashes
the password on both paths (timing is measured by `make soak`, never asserted here)."""

from __future__ import annotations

from django.test import Client

from planner import forms_accounts
from tests.web.conftest import PASSWORD


def _count_renders(monkeypatch) -> list[str]:
    rendered: list[str] = []
    real = forms_accounts.loader.render_to_string

    def counting(name, *args, **kwargs):
        rendered.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(forms_accounts.loader, "render_to_string", counting)
    return rendered


def test_reset_for_an_unknown_email_builds_the_same_mail_without_sending_it(
    client: Client, db, mailoutbox, monkeypatch
) -> None:
    rendered = _count_renders(monkeypatch)
    response = client.post("/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/password-reset/done/"
    assert "registration/password_reset_email.html" in rendered
    assert "registration/password_reset_subject.txt" in rendered
    assert mailoutbox == []


def test_reset_pages_are_the_same_for_known_and_unknown_emails(alice, mailoutbox, settings) -> None:
    known = Client().post("/password-reset/", {"email": "alice@example.org"}, follow=True)
    unknown = Client().post("/password-reset/", {"email": "nobody@example.org"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert len(mailoutbox) == 1


def test_sign_up_with_a_taken_email_hashes_the_password_too(alice, monkeypatch) -> None:
    hashed: list[str] = []
    real = forms_accounts.make_password

    def counting(password, *args, **kwargs):
        hashed.append(password)
        return real(password, *args, **kwargs)

    monkeypatch.setattr(forms_accounts, "make_password", counting)
    data = {"email": "alice@example.org", "password1": PASSWORD, "password2": PASSWORD}
    response = Client().post("/signup/", data)
    assert response.status_code == 200
    assert hashed == [PASSWORD]
