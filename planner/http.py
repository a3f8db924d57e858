from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def private(response: HttpResponse) -> HttpResponse:
    """Headers for every answer under /s/: keep the token out of indexes, Referer and caches."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


def client_address(request: HttpRequest) -> str:
    """The visitor's address. Behind our own proxy (BEHIND_TLS_PROXY) REMOTE_ADDR is the
    proxy, so take the address the proxy appended last to X-Forwarded-For; earlier entries
    come from the client and can be forged."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded:
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
