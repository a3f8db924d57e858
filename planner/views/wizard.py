"""The guided wizard: five steps of questions, a live side-by-side panel, and the results.

Every step is a plain POST that redirects (works without JavaScript). With HTMX, typing
in a step posts the unsaved answers to the step's preview URL, which renders only the
side-by-side panel.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planner import charts, draft_repair, drafts
from planner.engine import InvalidInput, parse_household, plan_from_dict
from planner.engine.checklist import action_checklist
from planner.forms import (
    AssumptionsForm,
    ContributionsForm,
    HouseholdForm,
    IraForm,
    PlanFeaturesForm,
    StepForm,
    default_tax_year,
)
from planner.http import HtmxHttpRequest


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    form_class: type[StepForm]
    per_person: bool


STEPS = [
    Step(
        "household",
        "Household",
        "Who is planning, for which tax year, and what you earn.",
        HouseholdForm,
        False,
    ),
    Step(
        "401k",
        "401(k) contributions",
        "What goes into the 401(k) before any after-tax money: your deferrals and your employer's.",
        ContributionsForm,
        True,
    ),
    Step(
        "plan-features",
        "Plan features",
        "What your plan allows. Your summary plan description (SPD) answers these.",
        PlanFeaturesForm,
        True,
    ),
    Step(
        "iras",
        "IRAs",
        "Your traditional IRAs decide how much of a backdoor conversion is taxed (the pro-rata rule).",
        IraForm,
        True,
    ),
    Step(
        "assumptions",
        "Assumptions",
        "How the money grows and how we work out the tax.",
        AssumptionsForm,
        False,
    ),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def _step(slug: str) -> Step:
    if slug not in STEP_BY_SLUG:
        raise Http404("No such step.")
    return STEP_BY_SLUG[slug]


def _neighbours(step: Step) -> tuple[Step | None, Step | None]:
    index = STEPS.index(step)
    before = STEPS[index - 1] if index > 0 else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after


def _draft(request: HtmxHttpRequest) -> dict[str, Any]:
    draft_repair.repair_session_draft(request)
    return drafts.get_draft(request.session) or drafts.new_draft(
        default_tax_year(timezone.localdate().year)
    )


def _household_done(draft: dict[str, Any]) -> bool:
    people = draft["inputs"].get("people") or []
    return bool(people) and people[0].get("compensation") is not None


def _people(draft: dict[str, Any]) -> list[dict[str, Any]]:
    return draft["inputs"].get("people") or [{}]


def _build_forms(step: Step, draft: dict[str, Any], data: Any = None) -> list[StepForm]:
    """One form, or one per person (prefixed p0, p1) on the per-person steps."""
    extra: dict[str, Any] = {"draft": draft} if step.form_class is ContributionsForm else {}
    if not step.per_person:
        initial = step.form_class.initial_from(draft)
        return [step.form_class(data, initial=initial, **extra)]
    forms = []
    for index, person in enumerate(_people(draft)):
        form = step.form_class(
            data,
            prefix=f"p{index}",
            initial=step.form_class.initial_from(draft, index),
            person_index=index,
            **extra,
        )
        form.person_label = person.get("name") or ("You" if index == 0 else "Spouse")
        forms.append(form)
    return forms


def _apply(forms: list[StepForm], draft: dict[str, Any]) -> dict[str, Any]:
    candidate = copy.deepcopy(draft)
    for form in forms:
        form.apply(candidate)
    return candidate


def _validate(forms: list[StepForm], draft: dict[str, Any]) -> dict[str, Any] | None:
    """The draft with this step's answers, or None when a field here is wrong.

    The engine's own validation runs too; its messages for this step's fields land next
    to those fields, and messages for other steps are left for the panel to show.
    """
    if not all(form.is_valid() for form in forms):
        return None
    candidate = _apply(forms, draft)
    try:
        parse_household(candidate["inputs"])
    except InvalidInput as error:
        remaining = error.errors
        for form in forms:
            remaining = form.add_engine_errors(remaining)
        if any(form.errors for form in forms):
            return None
    return candidate


def _field_labels() -> dict[str, tuple[str, str]]:
    """Contract path pattern -> (field label, step slug), for messages about other steps."""
    labels = {}
    for step in STEPS:
        for field, path in step.form_class.paths.items():
            label = str(step.form_class.base_fields[field].label or field.replace("_", " "))
            labels[path] = (label, step.slug)
    return labels


FIELD_LABELS = _field_labels()


def describe_problems(errors: dict[str, list[str]], draft: dict[str, Any]) -> list[dict[str, str]]:
    people = _people(draft)
    problems = []
    for path, messages_ in errors.items():
        parts = path.split(".")
        pattern, who = path, ""
        if len(parts) > 2 and parts[0] == "people" and parts[1].isdigit():
            index = int(parts[1])
            pattern = ".".join(["people", "{i}", *parts[2:]])
            if pattern not in FIELD_LABELS:
                pattern = path
            who = people[index].get("name", "") if index < len(people) else ""
        label, slug = FIELD_LABELS.get(pattern, (path, "household"))
        for message in messages_:
            problems.append(
                {"label": label, "who": who, "message": message, "url": f"/plan/{slug}/"}
            )
    return problems


def _comparison(draft: dict[str, Any]) -> dict[str, Any]:
    """The panel's context: a result, or the problems that stop one."""
    if not _household_done(draft):
        return {"result": None, "problems": [], "waiting": True}
    try:
        return {"result": plan_from_dict(draft["inputs"]), "problems": []}
    except InvalidInput as error:
        return {"result": None, "problems": describe_problems(error.errors, draft)}


def _form_problems(forms: list[StepForm]) -> list[dict[str, str]]:
    problems = []
    for form in forms:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else "This step"
            for message in errors:
                problems.append(
                    {
                        "label": str(label),
                        "who": getattr(form, "person_label", ""),
                        "message": message,
                        "id": form[field].auto_id if field in form.fields else "",
                    }
                )
    return problems


def _step_context(step: Step, forms: list[StepForm], draft: dict[str, Any]) -> dict[str, Any]:
    before, after = _neighbours(step)
    return {
        "step": step,
        "steps": STEPS,
        "step_number": STEPS.index(step) + 1,
        "previous": before,
        "next": after,
        "forms": forms,
        "error_summary": _form_problems(forms),
        "draft": draft,
        **_comparison(draft),
    }


@require_http_methods(["GET", "POST"])
def wizard_step(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    step = _step(slug)
    draft = _draft(request)
    if step.slug != "household" and not _household_done(draft):
        messages.info(request, "Start with your household: the tax year and your pay.")
        return redirect("planner:wizard_step", slug="household")
    if request.method == "GET":
        raw = draft["raw"].get(step.slug)
        forms = _build_forms(step, draft, raw)
        return render(request, "planner/wizard_step.html", _step_context(step, forms, draft))

    forms = _build_forms(step, draft, request.POST)
    before, after = _neighbours(step)
    going_back = request.POST.get("go") == "back" and before is not None
    candidate = _validate(forms, draft)
    if candidate is not None:
        candidate["raw"].pop(step.slug, None)
        drafts.save_draft(request.session, candidate)
        target = before if going_back else after
        if target is None:
            return redirect("planner:results")
        return redirect("planner:wizard_step", slug=target.slug)
    if going_back:
        # Keep what was typed, errors and all, for when the user comes back to this step.
        draft["raw"][step.slug] = {
            k: v for k, v in request.POST.items() if k != "csrfmiddlewaretoken"
        }
        drafts.save_draft(request.session, draft)
        return redirect("planner:wizard_step", slug=before.slug)
    return render(request, "planner/wizard_step.html", _step_context(step, forms, draft))


@require_POST
def wizard_preview(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The side-by-side panel for the answers on screen, saved or not."""
    step = _step(slug)
    draft = _draft(request)
    context: dict[str, Any]
    if step.slug != "household" and not _household_done(draft):
        context = {"result": None, "problems": [], "waiting": True}
    else:
        forms = _build_forms(step, draft, request.POST)
        if all(form.is_valid() for form in forms):
            context = _comparison(_apply(forms, draft))
        else:
            context = {"result": None, "problems": _form_problems(forms)}
    return render(request, "planner/wizard_step.html#comparison", context)


@require_GET
def results(request: HtmxHttpRequest) -> HttpResponse:
    draft_repair.repair_session_draft(request)
    draft = drafts.get_draft(request.session)
    if draft is None or not _household_done(draft):
        messages.info(request, "Answer a few questions first: your results appear here.")
        return redirect("planner:wizard_step", slug="household")
    context: dict[str, Any] = {"steps": STEPS, "draft": draft, "inputs": draft["inputs"]}
    context.update(_comparison(draft))
    if context["result"] is not None:
        context.update(results_context(draft["inputs"], context["result"]))
    return render(request, "planner/results.html", context)


def results_context(inputs: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """What `_results.html` needs beyond the result itself (also used for saved and shared pages)."""
    return {
        "inputs": inputs,
        "result": result,
        "checklist": action_checklist(inputs, result),
        "projection_chart": charts.projection_chart(result["projection"].get("by_year", [])),
        "tax_chart": charts.tax_vs_roth_chart(result["totals"]),
    }


@require_POST
def wizard_restart(request: HtmxHttpRequest) -> HttpResponse:
    drafts.clear_draft(request.session)
    messages.info(request, "Started a new plan.")
    return redirect("planner:wizard_step", slug="household")
