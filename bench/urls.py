"""The app's URLs plus two floors, served only here: a trivial view behind the same middleware,
and the same view reading the visitor's session (every page with a draft pays for that read)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_GET

from planner.drafts import Draft


@require_GET
def floor(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def session_floor(request: HttpRequest) -> HttpResponse:
    draft = Draft.load(request.session)
    return HttpResponse("ok" if draft is not None else "no draft", content_type="text/plain")


urlpatterns = [
    path("bench/floor/", floor),
    path("bench/session-floor/", session_floor),
    path("", include("rothsite.urls")),
]
