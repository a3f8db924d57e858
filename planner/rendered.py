"""A plan's result, rendered once per (inputs, day, voice, release) and served from the cache.

The results page, a saved scenario and its shared page show the same HTML for the same inputs
until something it depends on changes, and so does a wizard step's side-by-side panel. The key
holds every such thing: the contract inputs, the voice (owner or advisor; "panel" for the
panel), today's date (days left, dates passed), the engine version, the tax figures loaded
without a release, and a digest of this release's templates and code. A change to any of
them is a new key, so nothing is ever invalidated by hand; old entries expire.
While the cache is unreachable every view renders afresh (ratelimit.cache_call).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from planner.engine import ENGINE_VERSION
from planner.engine.checklist import action_checklist
from planner.engine.tables import has_year, loaded_digest
from planner.ratelimit import cache_call
from planner.templatetags.planner_tags import page_voice

# Long enough for a user going back and forth between the steps and the results, or an
# advisor reading a shared plan; short enough that entries for inputs since changed go soon.
KEEP_SECONDS = 3600
TEMPLATE = "planner/_results.html"
PANEL_TEMPLATE = "planner/wizard_step.html"
REPOSITORY = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PlanHtml:
    tax_year: int
    top: SafeString
    first_step: SafeString
    rest: SafeString


@dataclass(frozen=True)
class PanelHtml:
    """A step page's side-by-side panel: the status line and the comparison under it."""

    status: SafeString
    comparison: SafeString


@cache
def release_digest() -> str:
    """Changes with any template, Python file or parameter file of the app: a new release
    renders afresh instead of serving HTML its predecessor kept in a shared cache."""
    digest = hashlib.sha256()
    for folder in ("templates", "planner"):
        for path in sorted((REPOSITORY / folder).rglob("*")):
            if path.suffix in (".html", ".py", ".json"):
                digest.update(path.relative_to(REPOSITORY).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def plan_key(inputs: Mapping[str, Any], voice: str, today: date) -> str:
    year = inputs.get("tax_year")
    if isinstance(year, int):
        has_year(year)  # for a provisional year: picks up figures loaded since (tax_years.py)
    document = json.dumps(inputs, sort_keys=True, separators=(",", ":"), default=str)
    parts = (document, voice, today.isoformat(), ENGINE_VERSION, loaded_digest(), release_digest())
    return "plan-html:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def render_pieces(context: Mapping[str, Any]) -> PlanHtml:
    """The three pieces of _results.html for a context holding a result and its household."""
    result = context["result"]
    voice = page_voice(context["voice"])
    full = {**context, "checklist": action_checklist(context["household"], result, voice)}

    def piece(name: str) -> SafeString:
        return mark_safe(render_to_string(f"{TEMPLATE}#{name}", full).strip())

    return PlanHtml(
        result.tax_year, piece("results-top"), piece("first-step"), piece("results-rest")
    )


def plan_page(
    inputs: Mapping[str, Any], voice: str, today: date, work: Callable[[], dict[str, Any]]
) -> dict[str, Any]:
    """A result page's context: `plan_html` kept for these inputs, or `work()` (household,
    result, problems) done now and its HTML kept. Without a result, only the problems."""
    key = plan_key(inputs, voice, today)
    kept = None if settings.DEBUG else cache_call(None, lambda: shared_cache.get(key))
    if isinstance(kept, PlanHtml):
        return {"plan_html": kept, "problems": [], "voice": voice, "today": today}
    context = {**work(), "voice": voice, "today": today}
    if context.get("result") is not None:
        html = render_pieces(context)
        context["plan_html"] = html
        if not settings.DEBUG:
            cache_call(None, lambda: shared_cache.set(key, html, KEEP_SECONDS))
    return context


def panel(inputs: Mapping[str, Any], today: date, work: Callable[[], dict[str, Any]]) -> PanelHtml:
    """The wizard's side-by-side panel kept for these inputs, or rendered from `work()` (the
    result or the problems) and kept when there is a result. The preview keeps the panel of
    what is typed, so the step page after Next (the same answers, saved) and moving from step
    to step show it without running the engine until an answer changes."""
    key = plan_key(inputs, "panel", today)
    kept = None if settings.DEBUG else cache_call(None, lambda: shared_cache.get(key))
    if isinstance(kept, PanelHtml):
        return kept
    context = work()
    html = render_panel(context)
    if context.get("result") is not None and not settings.DEBUG:
        cache_call(None, lambda: shared_cache.set(key, html, KEEP_SECONDS))
    return html


def render_panel(context: Mapping[str, Any]) -> PanelHtml:
    """The panel for a context holding a result, or the problems that stop one."""

    def piece(name: str) -> SafeString:
        return mark_safe(render_to_string(f"{PANEL_TEMPLATE}#{name}", context))

    return PanelHtml(piece("status"), piece("comparison"))
