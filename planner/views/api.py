"""The planner contract over HTTP: POST /api/plan and its JSON Schema at GET /api/schema/.

Stateless: no session, no CSRF, JSON only.
"""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from planner import ratelimit
from planner.engine import (
    InvalidInput,
    compute_plan,
    contract_schema,
    numbers,
    parse_household,
    result_to_json,
)
from planner.http import HtmxHttpRequest

MAX_BODY_BYTES = 64 * 1024


def _errors(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


@csrf_exempt
@require_POST
@ratelimit.rate_limited(ratelimit.API_PLAN_PER_ADDRESS)
def plan(request: HtmxHttpRequest) -> HttpResponse:
    if len(request.body) > MAX_BODY_BYTES:
        return _errors({"body": [f"The request body is over {MAX_BODY_BYTES // 1024} KiB."]}, 413)
    try:
        data = numbers.loads(request.body)
    except RecursionError:
        return _errors({"body": ["The body is nested too deeply to be a plan."]})
    except (ValueError, UnicodeDecodeError):
        return _errors({"body": ["The body must be a JSON document."]})
    if not isinstance(data, dict):
        return _errors({"body": ["The body must be a JSON object."]})
    try:
        household = parse_household(data)
    except InvalidInput as error:
        return _errors(error.errors)
    # `progress` counts days left from today in the site's time zone (settings.TIME_ZONE).
    result = compute_plan(household, timezone.localdate())
    return HttpResponse(result_to_json(result), content_type="application/json")


@require_GET
def schema(request: HtmxHttpRequest) -> JsonResponse:
    return JsonResponse(contract_schema())
