"""Read-only share links: the owner creates and revokes them; anyone with the token reads."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from planner import ratelimit, rendered
from planner.forms_scenarios import ShareLinkForm
from planner.http import HtmxHttpRequest, private
from planner.models import Scenario, ShareLink


def _get_share_link_for_user(request: HtmxHttpRequest, code: uuid.UUID) -> ShareLink:
    return get_object_or_404(ShareLink, code=code, scenario__owner=request.user)


@require_POST
@login_required
def share_link_create(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = get_object_or_404(Scenario, code=code, owner=request.user)
    form = ShareLinkForm(request.POST)
    if form.is_valid():
        ShareLink.create_for(
            scenario, label=form.cleaned_data["label"], days=form.cleaned_data["days"]
        )
        messages.success(
            request, "Share link created. Copy it from the list below and send it to your advisor."
        )
    else:
        messages.error(
            request,
            "The share link was not created: "
            + " ".join(error for errors in form.errors.values() for error in errors),
        )
    return redirect(reverse("planner:scenario_detail", args=[scenario.code]) + "#share-links")


@require_POST
@login_required
def share_link_revoke(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    link = _get_share_link_for_user(request, code)
    link.revoke()
    messages.success(
        request,
        f"Revoked the link{f' “{link.label}”' if link.label else ''}. It stopped working right away.",
    )
    return redirect(reverse("planner:scenario_detail", args=[link.scenario.code]) + "#share-links")


@require_GET
@ratelimit.rate_limited(ratelimit.SHARE_LOOKUP_PER_ADDRESS, methods=("GET",))
def shared_scenario(request: HtmxHttpRequest, token: str) -> HttpResponse:
    link = ShareLink.find(token)
    if link is None or not link.is_active:
        status = 404 if link is None and not ShareLink.was_retired(token) else 410
        return private(render(request, "planner/share_inactive.html", status=status))
    scenario = link.scenario
    if request.user.pk != scenario.owner_id:  # the owner's id: no query for the owner
        link.record_view()
    shown = scenario.for_advisor
    context = {
        "scenario": shown,
        "link": link,
        # The engine's decision said to the advisor: "the client", never "you".
        **rendered.plan_page(shown.inputs, "advisor", timezone.localdate(), shown.outcome),
    }
    return private(render(request, "planner/share_detail.html", context))
