"""Rate limits: atomic counters in the cache, one fixed window per limit.

Counting is `cache.add` (creates the window's key at 0 only if it is missing) then
`cache.incr` (atomic in Redis and in the database cache), and the count it returns decides:
no read-then-write gap, so a concurrent burst cannot slip past the limit. With Redis (or
the database cache) the counts are shared by every worker and server; with the default
per-process memory cache each worker counts alone (a startup warning says so).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from planner.http import client_address

KEY_PREFIX = "ratelimit:"
CACHE_DOWN = (RedisConnectionError, RedisTimeoutError)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limit:
    name: str
    count: int
    seconds: int

    def describe(self) -> str:
        minutes = self.seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes else f"{self.seconds} s"


# Log-in: per address, per account from one address, and a slower per-account limit across
# addresses, so a stranger from one address can never lock the owner out.
LOGIN_PER_ADDRESS = Limit("login-address", 20, 15 * 60)
LOGIN_PER_ACCOUNT_AND_ADDRESS = Limit("login-account-address", 5, 15 * 60)
LOGIN_PER_ACCOUNT = Limit("login-account", 100, 60 * 60)
ADMIN_LOGIN_PER_ADDRESS = Limit("admin-login", 10, 15 * 60)
SIGNUP_PER_ADDRESS = Limit("signup", 10, 60 * 60)
SIGNUP_PER_EMAIL = Limit("signup-email", 3, 60 * 60)
SIGNUP_CONFIRM_PER_ADDRESS = Limit("signup-confirm", 10, 15 * 60)
ACCOUNT_DELETE_PER_ADDRESS = Limit("account-delete", 10, 15 * 60)
PASSWORD_RESET_PER_ADDRESS = Limit("reset-address", 10, 60 * 60)
PASSWORD_RESET_PER_EMAIL = Limit("reset-email", 3, 60 * 60)
SHARE_LOOKUP_PER_ADDRESS = Limit("share-lookup", 60, 60)
# The share link's files (calendar, JSON, CSV) each take an engine run: fewer than pages.
SHARE_EXPORT_PER_ADDRESS = Limit("share-export", 30, 60)
API_PLAN_PER_ADDRESS = Limit("api-plan", 120, 60)


# The clock the windows are cut from (the tests pin it: a burst across a window's edge is
# counted in two windows).
window_clock = time.time


def _key(limit: Limit, subject: str) -> tuple[str, int]:
    """The cache key of the current window, and the seconds the window has left."""
    now = int(window_clock())
    window, elapsed = divmod(now, limit.seconds)
    digest = hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"{KEY_PREFIX}{limit.name}:{window}:{digest}", limit.seconds - elapsed


# Once a cache call fails (a refused connection, or a socket timeout: REDIS_TIMEOUT in the
# settings), this process leaves the cache alone for CACHE_RETRY_SECONDS. A hung Redis then
# costs one request one timeout, instead of every cache call of every request a timeout
# each (a log-in makes seven).
CACHE_RETRY_SECONDS = 5.0
_cache_skipped_until = 0.0


def cache_call[T](default: T, call: Callable[[], T]) -> T:
    """call() against the cache, or `default` while the cache is unreachable."""
    global _cache_skipped_until
    if time.monotonic() < _cache_skipped_until:
        return default
    try:
        return call()
    except CACHE_DOWN as error:
        _cache_skipped_until = time.monotonic() + CACHE_RETRY_SECONDS
        logger.warning(
            "Cache unreachable (%s): skipped for %.0f s", type(error).__name__, CACHE_RETRY_SECONDS
        )
        return default


def hit(limit: Limit, subject: str) -> int:
    """Count one event for `subject` in the current window; the count including it.

    While the cache is unreachable nothing is counted (0): log-in and sign-up keep working
    through a Redis outage rather than answering 503, and the limits hold again once it is
    back.
    """
    if not settings.RATE_LIMITS_ENABLED:
        return 0
    key, remaining = _key(limit, subject)

    def count() -> int:
        cache.add(key, 0, remaining + 1)
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, remaining + 1)
            return 1

    return cache_call(0, count)


def give_back(limit: Limit, subject: str) -> None:
    """Undo one hit (an attempt that turned out not to count, such as a good password)."""
    key, _ = _key(limit, subject)

    def decrement() -> None:
        with contextlib.suppress(ValueError):
            cache.decr(key)

    cache_call(None, decrement)


def forget(limit: Limit, subject: str) -> None:
    cache_call(None, lambda: cache.delete(_key(limit, subject)[0]))


def exceeded(limit: Limit, subject: str) -> bool:
    """Count one event; True when it is over the limit."""
    return hit(limit, subject) > limit.count


def too_many(request: HttpRequest, limit: Limit) -> HttpResponse:
    """429: a JSON error under /api/, else a page saying how long to wait."""
    wait = limit.describe()
    if request.path.startswith("/api/"):
        message = f"Too many requests. Wait {wait} and try again."
        response: HttpResponse = JsonResponse({"errors": {"rate_limit": [message]}}, status=429)
    else:
        response = render(request, "429.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(limit.seconds)
    response["Cache-Control"] = "no-store"
    return response


def by_address(request: HttpRequest) -> str:
    return client_address(request)


def by_posted_email(request: HttpRequest) -> str:
    return request.POST.get("email", "").strip().lower()


def rate_limited(
    limit: Limit,
    key: Callable[[HttpRequest], str] = by_address,
    methods: tuple[str, ...] = ("POST",),
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Answer 429 once `key(request)` made more than `limit.count` requests in the window."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                subject = key(request)
                if subject and exceeded(limit, subject):
                    return too_many(request, limit)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
