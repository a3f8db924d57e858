"""Site-wide answers: 503 while the database or Redis is away, no-store on private pages,
and the admin log-in's rate limit (Django's admin view is not ours to decorate)."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from planner import ratelimit

logger = logging.getLogger(__name__)

OUTAGES = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)
RETRY_AFTER_SECONDS = 30
PRIVATE_PREFIXES = (
    "/plan/",
    "/scenarios/",
    "/s/",
    "/share-links/",
    "/login/",
    "/logout/",
    "/account/",
    "/signup/",
    "/password-",
    "/admin/",
    "/api/",
)

View = Callable[[HttpRequest], HttpResponse]


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503, rendered without the session or the database (they may be what is down)."""
    if request.path.startswith("/api/"):
        message = "The service is briefly unavailable. Try again in a minute."
        response: HttpResponse = JsonResponse({"errors": {"service": [message]}}, status=503)
    else:
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an outage that surfaced outside a view (session save, say) is still a 503."""
    if isinstance(sys.exc_info()[1], OUTAGES):
        return service_unavailable(request)
    if request.path.startswith("/api/"):
        message = "Something went wrong on our side. It has been logged."
        return JsonResponse({"errors": {"server": [message]}}, status=500)
    return HttpResponseServerError(loader.render_to_string("500.html"))


class ServiceUnavailableMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        except OUTAGES:
            logger.exception("Database or cache unreachable: answered 503")
            return service_unavailable(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OUTAGES):
            logger.error("Database or cache unreachable: answered 503 (%r)", exception)
            return service_unavailable(request)
        return None


class PrivatePagesNoStoreMiddleware:
    """Cache-Control: no-store on every page that can hold someone's data."""

    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if request.path.startswith(PRIVATE_PREFIXES) or (session is not None and session.accessed):
            add_never_cache_headers(response)
        return response


class AdminLoginRateLimitMiddleware:
    def __init__(self, get_response: View) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.path == "/admin/login/":
            address = ratelimit.by_address(request)
            if ratelimit.exceeded(ratelimit.ADMIN_LOGIN_PER_ADDRESS, address):
                return ratelimit.too_many(request, ratelimit.ADMIN_LOGIN_PER_ADDRESS)
        return self.get_response(request)
