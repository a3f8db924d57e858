"""No token, link or secret in logs (issue 17): share tokens are cut out of Django's request
log lines (a 410, a 404, a 500 on a share link's file), and without SMTP settings a mail is
written to a file and the log says only where it went."""

from __future__ import annotations

import importlib
import logging

import pytest
from django.core.mail import EmailMessage
from django.test import Client

import rothsite.settings as settings_module
from planner.logs import LocalMailBackend, redact
from planner.models import ShareLink


def _logged(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records)


def test_a_revoked_links_410_is_logged_without_its_token(
    client: Client, share_link: ShareLink, caplog
) -> None:
    share_link.revoke()
    with caplog.at_level(logging.INFO):
        assert client.get(f"/s/{share_link.token}/plan.csv").status_code == 410
    assert "Gone: /s/[redacted]" in _logged(caplog)
    assert share_link.token not in _logged(caplog)


def test_an_error_on_a_share_links_file_is_logged_without_its_token(
    share_link: ShareLink, caplog, monkeypatch
) -> None:
    def broken(*_: object) -> str:
        raise RuntimeError("a bug")

    monkeypatch.setattr("planner.views.packet.plan_csv", broken)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.INFO):
        assert client.get(f"/s/{share_link.token}/plan.csv").status_code == 500
    assert "Internal Server Error: /s/[redacted]" in _logged(caplog)
    assert share_link.token not in _logged(caplog)
    for record in caplog.records:
        assert share_link.token not in str(getattr(record, "request", ""))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('"GET /s/AbC-_12/plan.csv HTTP/1.1" 200', '"GET /s/[redacted]/plan.csv HTTP/1.1" 200'),
        ("Not Found: /signup/confirm/MQ/eyJ1Ijo:1x:sig/", "Not Found: /signup/confirm/[redacted]/"),
        ("/password-reset/MQ/set-password/", "/password-reset/[redacted]/"),
        ("/password-reset/done/", "/password-reset/done/"),
        ("/scenarios/1234/", "/scenarios/1234/"),
    ],
)
def test_redact(line: str, expected: str) -> None:
    assert redact(line) == expected


def test_development_mail_goes_to_a_file_and_the_log_says_where(tmp_path, caplog) -> None:
    link = "http://localhost:8000/signup/confirm/MQ/secret-token/"
    backend = LocalMailBackend(file_path=str(tmp_path), alias="default")
    with caplog.at_level(logging.INFO):
        sent = backend.send_messages([EmailMessage("Confirm", f"Open {link}", None, ["a@b.org"])])
    assert sent == 1
    (written,) = tmp_path.iterdir()
    assert link in written.read_text()
    assert f"Mail to a@b.org written to {written}" in _logged(caplog)
    assert "secret-token" not in _logged(caplog)


def test_without_smtp_settings_mail_is_never_the_console(monkeypatch) -> None:
    monkeypatch.delenv("EMAIL_HOST", raising=False)
    monkeypatch.delenv("EMAIL_FILE_PATH", raising=False)
    try:
        mailers = importlib.reload(settings_module).MAILERS
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
    assert mailers["default"]["BACKEND"] == "planner.logs.LocalMailBackend"
