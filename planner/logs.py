"""Logging without secrets: share tokens and sign-up or password-reset links never reach a
log line, and development mail says only where it went."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends import filebased

logger = logging.getLogger(__name__)

REDACTED = "[redacted]"
# /s/<token>/..., /signup/confirm/<uid>/<token>/, /password-reset/<uid>/<token>/
SEGMENT = r"[^/\s\"'?#]+"
SECRET_PATHS = re.compile(
    rf"(?P<prefix>/s/){SEGMENT}"
    rf"|(?P<prefix2>/signup/confirm/|/password-reset/(?!done/|complete/)){SEGMENT}(?:/{SEGMENT})?"
)


def redact(text: str) -> str:
    return SECRET_PATHS.sub(lambda found: (found["prefix"] or found["prefix2"]) + REDACTED, text)


class RedactSecrets(logging.Filter):
    """Rewrites a record's message with the secrets in its paths replaced, before any
    handler (a file, the console, a test's capture) sees it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        # Django's request loggers also attach the request; a formatter could print it.
        if hasattr(record, "request"):
            record.request = None
        return True


class LocalMailBackend(filebased.EmailBackend):
    """Without SMTP settings mail is written to files under DATA_DIR/mail, and the log says
    only where: a link in a mail is a key to an account, never a log line."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = super().send_messages(email_messages)
        for message in email_messages:
            logger.info(
                "Mail to %s written to %s (set EMAIL_HOST to send mail)",
                ", ".join(message.recipients()),
                self._fname,
            )
        return sent
