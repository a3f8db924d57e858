"""The guided wizard: five steps of questions, a live side-by-side panel, and the results.

Every step is a plain POST that redirects (works without JavaScript). With HTMX, typing
in a step posts the unsaved answers to the step's preview URL, which renders only the
side-by-side panel.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planner import draft_repair, rendered
from planner.drafts import Draft
from planner.engine import InvalidInput, compute_plan, parse_household
from planner.forms import (
    STEP_BY_SLUG,
    STEPS,
    Step,
    StepForm,
    default_tax_year,
    describe_problems,
    form_problems,
    visible_steps,
)
from planner.http import HtmxHttpRequest


def _step(slug: str) -> Step:
    if slug not in STEP_BY_SLUG:
        raise Http404("No such step.")
    return STEP_BY_SLUG[slug]


def _neighbours(step: Step, draft: Draft) -> tuple[Step | None, Step | None]:
    """The asked steps before and after `step` (which need not be asked itself)."""
    position = STEPS.index(step)
    asked = visible_steps(draft)
    before = [s for s in asked if STEPS.index(s) < position]
    after = [s for s in asked if STEPS.index(s) > position]
    return (before[-1] if before else None), (after[0] if after else None)


def _draft(request: HtmxHttpRequest) -> Draft:
    draft_repair.repair_session_draft(request)
    return Draft.load(request.session) or Draft.new(default_tax_year(timezone.localdate().year))


def _build_forms(step: Step, draft: Draft, data: Any = None) -> list[StepForm]:
    """One form, or one per person (prefixed p0, p1) on the per-person steps."""
    if not step.per_person:
        return [step.form_class(data, draft=draft)]
    return [
        step.form_class(data, draft=draft, person_index=index, prefix=f"p{index}")
        for index in step.people(draft)
    ]


def _apply(forms: list[StepForm], draft: Draft) -> None:
    for form in forms:
        form.apply(draft)


def _validate(forms: list[StepForm], draft: Draft) -> Draft | None:
    """A copy of the draft with this step's answers, or None when a field here is wrong.

    The engine's own validation runs too; its messages for this step's fields land next
    to those fields, and messages for other steps are left for the panel to show.
    """
    # Every form is checked first: all() would stop at the first wrong one, and the rest
    # still need their cleaned answers and messages.
    valid = [form.is_valid() for form in forms]
    if not all(valid):
        _check_the_rest(forms, draft)
        return None
    candidate = draft.copy()
    _apply(forms, candidate)
    try:
        candidate.household()
    except InvalidInput as error:
        remaining = error.errors
        for form in forms:
            remaining = form.add_engine_errors(remaining)
        if any(form.errors for form in forms):
            return None
    return candidate


def _check_the_rest(forms: list[StepForm], draft: Draft) -> None:
    """With some fields mistyped, the engine's rules still check the others (an over-limit
    deferral is named now, not after the typo is fixed), the draft's answers standing in for
    the mistyped ones."""
    candidate = draft.copy()
    for form in forms:
        if not form.apply_with_saved_answers(candidate):
            return
    try:
        candidate.household()
    except InvalidInput as error:
        remaining = error.errors
        for form in forms:
            remaining = form.add_engine_errors(remaining, skip_fields_in_error=True)


def _waiting() -> dict[str, Any]:
    return {"result": None, "problems": [], "waiting": True}


def _panel(draft: Draft) -> rendered.PanelHtml:
    """The side-by-side panel: kept for the draft's inputs, or worked out (and kept when it
    has a result), or the wait for the household step."""
    if not draft.household_done():
        return rendered.render_panel(_waiting())
    inputs = draft.contract_inputs()
    return rendered.panel(inputs, timezone.localdate(), lambda: _plan(draft, inputs))


def _plan(draft: Draft, inputs: dict[str, Any]) -> dict[str, Any]:
    """The household of the draft's contract inputs and its result, or the problems that
    stop one.

    What is already done is counted from today in the site's time zone (settings.TIME_ZONE)."""
    try:
        household = parse_household(inputs)
    except InvalidInput as error:
        return {"result": None, "problems": describe_problems(error.errors, draft)}
    result = compute_plan(household, timezone.localdate())
    return {"household": household, "result": result, "problems": []}


def _step_context(step: Step, forms: list[StepForm], draft: Draft) -> dict[str, Any]:
    before, after = _neighbours(step, draft)
    steps = visible_steps(draft)
    return {
        "step": step,
        "steps": steps,
        "step_number": steps.index(step) + 1,
        "results_number": len(steps) + 1,
        "previous": before,
        "next": after,
        "forms": forms,
        "error_summary": form_problems(forms),
        "panel": _panel(draft),
    }


@require_http_methods(["GET", "POST"])
def wizard_step(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    step = _step(slug)
    draft = _draft(request)
    if step.slug != "household" and not draft.household_done():
        messages.info(request, "Start with your household: the tax year and your pay.")
        return redirect("planner:wizard_step", slug="household")
    if not step.applies(draft):
        return _go(_neighbours(step, draft)[1])
    if request.method == "GET":
        forms = _build_forms(step, draft, draft.raw.get(step.slug))
        return render(request, "planner/wizard_step.html", _step_context(step, forms, draft))

    forms = _build_forms(step, draft, request.POST)
    candidate = _validate(forms, draft)
    if candidate is not None:
        candidate.raw.pop(step.slug, None)
        candidate.save(request.session)
        for notice in filter(None, (form.saved_notice() for form in forms)):
            messages.info(request, notice)
        # This step's answers may add or skip a later step (the paychecks step).
        return _go(_target(step, request.POST, candidate)[0])
    target, leaving_back = _target(step, request.POST, draft)
    if leaving_back:
        # Keep what was typed, errors and all, for when the user comes back to this step.
        draft.raw[step.slug] = {
            k: v for k, v in request.POST.items() if k not in ("csrfmiddlewaretoken", "go", "goto")
        }
        draft.save(request.session)
        return _go(target)
    context = _step_context(step, forms, draft)
    return render(request, "planner/wizard_step.html", context)


def _target(step: Step, data: Any, draft: Draft) -> tuple[Step | None, bool]:
    """Where the pressed button goes (None: the results), and whether that is an earlier
    step: going back keeps invalid typing for later; going forward stays to fix it."""
    before, after = _neighbours(step, draft)
    goto = data.get("goto")
    if goto in STEP_BY_SLUG:
        target = STEP_BY_SLUG[goto]
        return target, STEPS.index(target) < STEPS.index(step)
    if goto == "results":
        return None, False
    if data.get("go") == "back" and before is not None:
        return before, True
    return after, False


def _go(target: Step | None) -> HttpResponse:
    if target is None:
        return redirect("planner:results")
    return redirect("planner:wizard_step", slug=target.slug)


@require_POST
def wizard_preview(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The side-by-side panel for the answers on screen, saved or not.

    The session is not saved here, so the answers go straight into this request's draft.
    """
    step = _step(slug)
    draft = _draft(request)
    if step.slug != "household" and not draft.household_done():
        panel = rendered.render_panel(_waiting())
    else:
        forms = _build_forms(step, draft, request.POST)
        valid = [form.is_valid() for form in forms]
        if all(valid):
            _apply(forms, draft)
            panel = _panel(draft)
        else:
            panel = rendered.render_panel({"result": None, "problems": form_problems(forms)})
    return render(request, "planner/wizard_step.html#preview", {"panel": panel})


@require_GET
def results(request: HtmxHttpRequest) -> HttpResponse:
    draft_repair.repair_session_draft(request)
    draft = Draft.load(request.session)
    if draft is None or not draft.household_done():
        messages.info(request, "Answer a few questions first: your results appear here.")
        return redirect("planner:wizard_step", slug="household")
    unsaved = [step for step in STEPS if draft.raw.get(step.slug)]
    inputs = draft.contract_inputs()
    context = {
        "steps": visible_steps(draft),
        "draft": draft,
        "unsaved_steps": unsaved,
        **rendered.plan_page(inputs, "owner", timezone.localdate(), lambda: _plan(draft, inputs)),
    }
    return render(request, "planner/results.html", context)


@require_http_methods(["GET", "POST"])
def wizard_restart(request: HtmxHttpRequest) -> HttpResponse:
    """Start again, after asking: a draft may hold answers that are saved nowhere else."""
    draft = Draft.load(request.session)
    confirmed = request.method == "POST" and request.POST.get("confirm") == "yes"
    if draft is not None and not draft.is_blank() and not confirmed:
        return render(request, "planner/wizard_restart.html", {"draft": draft})
    Draft.clear(request.session)
    messages.info(request, "Started a new plan.")
    return redirect("planner:wizard_step", slug="household")
