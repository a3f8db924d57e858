"""Startup checks: a server never runs without a secret key, a calculation never needs one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.exceptions import ImproperlyConfigured

NO_SECRET_KEY = "Set SECRET_KEY (or DEBUG=1 for local development)."


def secret_key_missing() -> bool:
    # Django raises on reading an empty SECRET_KEY, so look at the raw settings value.
    return not getattr(settings._wrapped, "SECRET_KEY", "") if settings.configured else True


def require_secret_key() -> None:
    """Called by the WSGI and ASGI entry points before they serve a request."""
    if secret_key_missing():
        raise ImproperlyConfigured(NO_SECRET_KEY)


@register()
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if secret_key_missing():
        return [Error(NO_SECRET_KEY, id="planner.E001")]
    return []
