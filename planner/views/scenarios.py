"""Saved scenarios: list, save, open, edit, duplicate, rename, delete, compare, export, import."""

from __future__ import annotations

import json
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planner import draft_repair, rendered
from planner.drafts import Draft
from planner.engine.vocabulary import STRATEGY_LABELS, TOTALS_LABELS
from planner.forms_scenarios import ImportForm, SaveDraftForm, ScenarioNameForm, ShareLinkForm
from planner.http import HtmxHttpRequest
from planner.models import ANSWER, ANSWER_FIELDS, Scenario, ScenarioLimitReached, copy_name

# The comparison's blocks: the answer first, then each strategy as entered.
HEADLINE_BLOCKS = {ANSWER: "The answer", **STRATEGY_LABELS}
ANSWER_FIGURES = {name: TOTALS_LABELS[name] for name in ANSWER_FIELDS}

WIZARD_START = "/plan/household/"
RESULTS = "/plan/results/"
# Pages of the list and of compare's picker: the cost of a page does not grow with the account.
PER_PAGE = 25


CHANGED_ELSEWHERE = (
    "“{name}” was changed somewhere else (another tab or device) since you opened it, so "
    "nothing was changed. Look at its latest version and try again."
)


def _posted_version(request: HtmxHttpRequest) -> int | None:
    """The version the page was showing, sent back by rename and duplicate forms."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() and len(value) < 10 else None


def _get_scenario_for_user(request: HtmxHttpRequest, code: uuid.UUID) -> Scenario:
    # Someone else's scenario is a 404, not a 403, so codes do not leak.
    return get_object_or_404(Scenario, code=code, owner=request.user)


def _page(request: HtmxHttpRequest, scenarios: object) -> Page:
    """The requested page of `scenarios` (the first for a missing or bad number)."""
    return Paginator(scenarios, PER_PAGE).get_page(request.GET.get("page"))


def _list_page(
    request: HtmxHttpRequest, import_form: ImportForm, status: int = 200
) -> HttpResponse:
    page = _page(request, Scenario.listed(request.user))
    scenarios = Scenario.with_fresh_headlines(page.object_list)
    context = {
        "page": page,
        "scenarios": scenarios,
        "rows": [scenario.list_row() for scenario in scenarios],
        "import_form": import_form,
    }
    return render(request, "planner/scenario_list.html", context, status=status)


@require_GET
@login_required
def scenario_list(request: HtmxHttpRequest) -> HttpResponse:
    return _list_page(request, ImportForm())


@require_POST
@login_required
def scenario_save(request: HtmxHttpRequest) -> HttpResponse:
    draft = Draft.load(request.session)
    if draft is None:
        messages.error(request, "There is no plan to save yet. Start one with the planner.")
        return redirect("planner:scenario_list")
    form = SaveDraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the scenario a name (up to 120 characters) to save it.")
        return redirect(RESULTS)
    name = form.cleaned_data["name"]
    linked = draft.scenario
    if linked and form.cleaned_data["action"] != "new":
        scenario = Scenario.linked(request.user, linked)
        if scenario is None:
            messages.error(
                request, "The scenario you opened was deleted. Save this plan as a new scenario."
            )
            return redirect(RESULTS)
        if not scenario.save_draft(draft, name=name, expected_version=linked.version):
            messages.error(
                request,
                f"“{scenario.name}” was changed somewhere else (another tab or device) since you "
                "opened it, so nothing was saved over it. Save your plan as a new scenario, or "
                "open the scenario again to start from its latest version.",
            )
            return redirect(RESULTS)
        messages.success(request, f"Saved your changes to “{scenario.name}”.")
    else:
        if linked and name == linked.name:
            name = copy_name(name)  # two scenarios of one name cannot be told apart
        try:
            scenario = Scenario.create_from_draft(request.user, draft, name)
        except ScenarioLimitReached as full:
            messages.error(request, str(full))
            return redirect(RESULTS)
        messages.success(request, f"Saved as “{scenario.name}”.")
    draft.attach(scenario.link())
    draft.save(request.session)
    return redirect("planner:scenario_detail", code=scenario.code)


@require_GET
@login_required
def scenario_detail(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = _get_scenario_for_user(request, code)
    context = {
        "scenario": scenario,
        "share_links": scenario.share_links.all(),
        "share_form": ShareLinkForm(),
        **rendered.plan_page(scenario.inputs, "owner", timezone.localdate(), scenario.outcome),
    }
    return render(request, "planner/scenario_detail.html", context)


@require_POST
@login_required
def scenario_edit(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = _get_scenario_for_user(request, code)
    draft_repair.repair_session_draft(request)
    kept = Scenario.keep_draft(request.user, Draft.load(request.session))
    if kept is not None:
        messages.info(request, f"The plan you were working on is saved as “{kept.name}”.")
    draft = scenario.draft()
    draft.attach(scenario.link())
    draft.save(request.session)
    return redirect(WIZARD_START)


@require_POST
@login_required
def scenario_duplicate(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = _get_scenario_for_user(request, code)
    try:
        copy = scenario.duplicate(expected_version=_posted_version(request))
    except ScenarioLimitReached as full:
        messages.error(request, str(full))
        return redirect("planner:scenario_detail", code=scenario.code)
    if copy is None:
        messages.error(request, CHANGED_ELSEWHERE.format(name=scenario.name))
        return redirect("planner:scenario_detail", code=scenario.code)
    messages.success(request, f"Made a copy: “{copy.name}”.")
    return redirect("planner:scenario_detail", code=copy.code)


@require_http_methods(["GET", "POST"])
@login_required
def scenario_rename(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = _get_scenario_for_user(request, code)
    form = ScenarioNameForm(request.POST or None, initial={"name": scenario.name})
    if request.method == "POST" and form.is_valid():
        old_version = _posted_version(request) or scenario.version
        if not scenario.rename(form.cleaned_data["name"], expected_version=old_version):
            # Someone saved between the read and this write: renaming now would let this
            # browser's stale draft look current (see the relink below) and overwrite them.
            messages.error(request, CHANGED_ELSEWHERE.format(name=scenario.name))
            return redirect("planner:scenario_detail", code=scenario.code)
        draft = Draft.load(request.session)
        if draft and draft.is_linked_to(scenario.code, old_version):
            # Renaming in this browser is not a conflicting change for the wizard's copy.
            draft.attach(scenario.link())
            draft.save(request.session)
        messages.success(request, f"Renamed to “{scenario.name}”.")
        return redirect("planner:scenario_detail", code=scenario.code)
    return render(request, "planner/scenario_rename.html", {"scenario": scenario, "form": form})


@require_http_methods(["GET", "POST"])
@login_required
def scenario_delete(request: HtmxHttpRequest, code: uuid.UUID) -> HttpResponse:
    scenario = _get_scenario_for_user(request, code)
    if request.method == "POST":
        expected = _posted_version(request) or scenario.version
        if not scenario.delete_at_version(expected):
            messages.error(request, CHANGED_ELSEWHERE.format(name=scenario.name))
            return redirect("planner:scenario_detail", code=scenario.code)
        draft = Draft.load(request.session)
        if draft and draft.is_linked_to(scenario.code):
            # The wizard keeps the answers; saving them again makes a new scenario.
            draft.detach()
            draft.save(request.session)
        messages.success(request, f"Deleted “{scenario.name}” and its share links.")
        return redirect("planner:scenario_list")
    context = {"scenario": scenario, "active_links": scenario.active_share_links().count()}
    return render(request, "planner/scenario_delete.html", context)


@require_GET
@login_required
def scenario_compare(request: HtmxHttpRequest) -> HttpResponse:
    codes = list(dict.fromkeys(request.GET.getlist("s")))
    try:
        uuids = [uuid.UUID(code) for code in codes]
    except ValueError:
        raise Http404("No such scenario") from None
    found = {s.code: s for s in Scenario.objects.filter(owner=request.user, code__in=uuids)}
    if len(found) != len(uuids):
        raise Http404("No such scenario")
    scenarios = Scenario.with_fresh_headlines(found[u] for u in uuids)
    headlines = [s.headline() for s in scenarios]
    rows = []
    for key, strategy in HEADLINE_BLOCKS.items():
        figures = ANSWER_FIGURES if key == ANSWER else TOTALS_LABELS
        for position, (name, figure) in enumerate(figures.items()):
            values = [
                None if headline is None else getattr(headline.block(key), name)
                for headline in headlines
            ]
            differences = [
                None if value is None or values[0] is None else value - values[0]
                for value in values[1:]
            ]
            rows.append(
                {
                    "strategy": strategy,
                    "first_of_strategy": position == 0,
                    "figure": figure,
                    "values": values,
                    "differences": differences,
                }
            )
    context = {
        "scenarios": scenarios,
        "rows": rows,
        "input_differences": _input_differences(scenarios),
        "choices": _page(
            request, Scenario.objects.filter(owner=request.user).exclude(code__in=uuids)
        ),
        "selected_query": "".join(f"&s={code}" for code in uuids),
    }
    return render(request, "planner/scenario_compare.html", context)


def _input_differences(scenarios: list[Scenario]) -> list[dict[str, object]]:
    """The answers that are not the same in every scenario, in words, in page order."""
    answers = [
        {(title, label): value for title, rows in s.input_sections() for label, value in rows}
        for s in scenarios
    ]
    keys = list(dict.fromkeys(key for answer in answers for key in answer))
    return [
        {"section": title, "label": label, "values": [a.get((title, label), "–") for a in answers]}
        for title, label in keys
        if len({a.get((title, label), "–") for a in answers}) > 1
    ]


@require_GET
@login_required
def scenario_export(request: HtmxHttpRequest) -> HttpResponse:
    document = Scenario.export_for(request.user)
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json"
    )
    filename = f"roth-scenarios-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def scenario_import(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _list_page(request, form, status=400)
    try:
        imported = Scenario.import_for(request.user, form.cleaned_data["file"])
    except ScenarioLimitReached as full:
        form.add_error(
            "file", f"Nothing was imported: {full.adding} more would be too many. {full}"
        )
        return _list_page(request, form, status=400)
    count = len(imported)
    messages.success(request, f"Imported {count} scenario{'s' if count != 1 else ''}.")
    return redirect("planner:scenario_list")
