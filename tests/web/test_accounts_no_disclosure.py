"""Password reset does the same work whether or not an email has an account (timing is
measured by `make soak`, never asserted here). Sign-up: test_accounts_signup_does_not_reveal_accounts.py."""

from __future__ import annotations

from django.test import Client

from planner import forms_accounts


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
