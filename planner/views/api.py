"""POST /api/plan: the planner contract over HTTP. Stateless: no session, no CSRF, JSON only."""

from __future__ import annotations

import json
from decimal import Decimal

from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from planner import ratelimit
from planner.engine import InvalidInput, plan_from_dict
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
        data = json.loads(request.body, parse_float=Decimal, parse_constant=_reject)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return _errors({"body": ["The body must be a JSON document."]})
    if not isinstance(data, dict):
        return _errors({"body": ["The body must be a JSON object."]})
    try:
        result = plan_from_dict(data)
    except InvalidInput as error:
        return _errors(error.errors)
    return JsonResponse(result)


def _reject(constant: str) -> None:
    raise ValueError(f"{constant} is not a number")
