"""The advisor packet: the checklist as a calendar, the plan as JSON and CSV, next year's plan.

Files from a share link are served only while the link is live, like the shared page itself.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST

from planner import ratelimit
from planner.drafts import Draft
from planner.engine import EngineError, InvalidInput, compute_plan, result_to_dict
from planner.engine.checklist import StepsFromToday, action_checklist
from planner.engine.voice import Voice
from planner.http import HtmxHttpRequest, private
from planner.models import Scenario, ScenarioLimitReached, ShareLink
from planner.packet import checklist_calendar, plan_csv, plan_document


def _attachment(body: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def _filename(scenario: Scenario, suffix: str) -> str:
    """ASCII letters, digits and dashes from the name (never a quote, slash or control
    character), at most 60 of them, then the year and the suffix."""
    year = f"-{scenario.tax_year}" if scenario.tax_year else ""
    stem = slugify(scenario.name)[:60].strip("-_") or "plan"
    return f"{stem}{year}.{suffix}"


def _calendar(scenario: Scenario, name: str, url: str, seed: str, voice: Voice) -> bytes:
    household, result = scenario.household(), scenario.result()
    if household is None or result is None:
        raise Http404("This plan can't be worked out as it stands.")
    steps = action_checklist(household, result, voice)
    passed = StepsFromToday.of(steps, timezone.localdate()).passed
    return checklist_calendar(steps, name=name, url=url, uid_seed=seed, passed=passed)


def _live_link(request: HtmxHttpRequest, token: str) -> ShareLink | HttpResponse:
    link = ShareLink.find(token)
    if link is None or not link.is_active:
        status = 404 if link is None and not ShareLink.was_retired(token) else 410
        return private(render(request, "planner/share_inactive.html", status=status))
    return link


def _shared_result(
    request: HtmxHttpRequest, token: str, named_for_advisor: bool = False
) -> tuple[ShareLink, Any] | HttpResponse:
    """The live link and the contract output of its scenario (for the JSON and CSV files);
    `named_for_advisor`: people who kept a default name are the client, as on the page."""
    link = _live_link(request, token)
    if isinstance(link, HttpResponse):
        return link
    scenario = link.scenario.for_advisor if named_for_advisor else link.scenario
    result = scenario.result()
    if result is None:
        raise Http404("This plan can't be worked out as it stands.")
    return link, result_to_dict(result)


@require_GET
@login_required
def scenario_calendar(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = get_object_or_404(Scenario, code=code, owner=request.user)
    url = request.build_absolute_uri(reverse("planner:scenario_detail", args=[scenario.code]))
    body = _calendar(scenario, scenario.name, url, str(scenario.code), Voice.OWNER)
    return _attachment(body, "text/calendar; charset=utf-8", _filename(scenario, "ics"))


@require_GET
def results_calendar(request: HtmxHttpRequest) -> HttpResponse:
    draft = Draft.load(request.session)
    try:
        household = draft.household() if draft is not None else None
        # Today in the user's time zone, as on the results page: what is done is not asked again.
        today = timezone.localdate()
        result = compute_plan(household, today) if household is not None else None
    except EngineError:
        household = result = None
    if household is None or result is None:
        messages.error(request, "Finish the plan first: its checklist has no dates yet.")
        return redirect("planner:results")
    url = request.build_absolute_uri(reverse("planner:results"))
    name = f"My {result.tax_year} plan"
    steps = action_checklist(household, result)
    passed = StepsFromToday.of(steps, today).passed
    body = checklist_calendar(
        steps, name=name, url=url, uid_seed=request.session.session_key or "", passed=passed
    )
    return _attachment(body, "text/calendar; charset=utf-8", f"plan-{result.tax_year}.ics")


@require_GET
@ratelimit.rate_limited(ratelimit.SHARE_EXPORT_PER_ADDRESS, methods=("GET",))
def shared_calendar(request: HtmxHttpRequest, token: str) -> HttpResponse:
    link = _live_link(request, token)
    if isinstance(link, HttpResponse):
        return link
    url = request.build_absolute_uri(reverse("planner:shared_scenario", args=[token]))
    body = _calendar(
        link.scenario.for_advisor, link.scenario.name, url, link.token_digest, Voice.ADVISOR
    )
    return private(
        _attachment(body, "text/calendar; charset=utf-8", _filename(link.scenario, "ics"))
    )


@require_GET
@ratelimit.rate_limited(ratelimit.SHARE_EXPORT_PER_ADDRESS, methods=("GET",))
def shared_json(request: HtmxHttpRequest, token: str) -> HttpResponse:
    found = _shared_result(request, token)
    if isinstance(found, HttpResponse):
        return found
    link, result = found
    document = plan_document(link.scenario.name, link.scenario.inputs, result)
    body = json.dumps(document, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
    return private(_attachment(body, "application/json", _filename(link.scenario, "json")))


@require_GET
@ratelimit.rate_limited(ratelimit.SHARE_EXPORT_PER_ADDRESS, methods=("GET",))
def shared_csv(request: HtmxHttpRequest, token: str) -> HttpResponse:
    found = _shared_result(request, token, named_for_advisor=True)
    if isinstance(found, HttpResponse):
        return found
    link, result = found
    body = plan_csv(result)
    return private(_attachment(body, "text/csv; charset=utf-8", _filename(link.scenario, "csv")))


@require_POST
@login_required
def scenario_next_year(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = get_object_or_404(Scenario, code=code, owner=request.user)
    try:
        new, notes = scenario.plan_next_year()
    except ScenarioLimitReached as full:
        messages.error(request, f"Next year's plan was not made: {full}")
        return redirect("planner:scenario_detail", code=scenario.code)
    except InvalidInput as exc:
        reasons = " ".join(message for errors in exc.errors.values() for message in errors)
        messages.error(request, f"Next year's plan was not made: {reasons}")
        return redirect("planner:scenario_detail", code=scenario.code)
    messages.success(
        request,
        f"Planned {new.tax_year} from {scenario.name}: the basis carried forward, ages, years"
        " to retirement and balances moved on a year, and the new year's limits apply.",
    )
    for note in notes:
        messages.info(request, note)
    return redirect("planner:scenario_detail", code=new.code)
