"""Startup checks: a server never runs without a secret key, a calculation never needs one."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Warning, register
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


PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Rate limits count in the cache; a per-process cache counts per worker."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if not settings.DEBUG and backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The cache is per process, so each worker counts rate limits on its own.",
                hint="With several workers or servers, set REDIS_URL (or use the database "
                "cache) so log-in and other limits hold.",
                id="planner.W001",
            )
        ]
    return []
