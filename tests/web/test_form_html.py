"""The wizard's forms written out in Python (planner/form_html.py) give the same HTML as
crispy-forms' bootstrap5 templates, which rendered them before: every form of every step,
for each person, with the spouse and the second plan, unbound, bound with good answers and
bound with a message on every kind of field. crispy renders its own version here, so the
two cannot drift apart."""

from __future__ import annotations

import difflib
from decimal import Decimal
from typing import Any

import pytest
from crispy_forms import layout as crispy
from crispy_forms.helper import FormHelper
from crispy_forms.utils import render_crispy_form
from django import forms
from django.http import QueryDict
from django.test.html import parse_html

from planner.drafts import Draft
from planner.form_html import HTML, Div, Fieldset, LayoutItem
from planner.forms import STEPS, Step, StepForm

HOSTILE = '"><script>alert(1)</script>&amp;'

# A typed answer each kind of field refuses.
REFUSED = {
    forms.NumberInput: "lots",  # money, percentages and whole numbers (typed as text)
    forms.DateInput: "2026-13-45",
    forms.Select: "nothing-like-this",
    forms.RadioSelect: "nothing-like-this",
}


def _single() -> Draft:
    """One person whose plan takes after-tax money (so the paychecks step is asked)."""
    draft = Draft.new(2026)
    draft.inputs["people"][0].update(
        {"age": 45, "compensation": 250000, "plan": {"allows_after_tax": True}}
    )
    return draft


def _couple() -> Draft:
    """A married couple: a match formula for the first, the second at RMD age with IRAs."""
    draft = Draft.new(2026)
    draft.inputs["filing_status"] = "married_filing_jointly"
    draft.inputs["people"][0].update(
        {"name": HOSTILE, "age": 52, "compensation": 180000, "plan": {}}
    )
    draft.inputs["people"].append(
        {"name": "Sam", "age": 75, "compensation": 60000, "plan": {"allows_after_tax": True}}
    )
    draft.inputs["people"][1]["ira"] = {"year_end_balance": 300000}
    draft.set_match_formula(0, (Decimal("0.5"), Decimal("0.06")))
    return draft


def _forms(draft: Draft, data: Any = None) -> list[StepForm]:
    """Each step's forms, made as the step view makes them."""
    made: list[StepForm] = []
    for step in STEPS:
        if step.per_person:
            made += [
                step.form_class(data, draft=draft, person_index=index, prefix=f"p{index}")
                for index in range(draft.people_count())
            ]
        else:
            made.append(step.form_class(data, draft=draft))
    return made


def _typed(form: StepForm) -> dict[str, str]:
    """The form's initial answers as a browser would post them."""
    typed = {}
    for field in form:
        value = field.value()
        if isinstance(field.field.widget, forms.CheckboxInput):
            if value:
                typed[field.html_name] = "on"
        else:
            typed[field.html_name] = "" if value is None else str(value)
    return typed


def _good(form: StepForm) -> dict[str, str]:
    return {**_typed(form), form.add_prefix("has_second_plan"): "on"}


def _bad(form: StepForm) -> dict[str, str]:
    """A refused answer in every field that can refuse one; a name too long."""
    typed = _good(form)
    for field in form:
        refused = REFUSED.get(type(field.field.widget))
        if refused is not None:
            typed[field.html_name] = refused
    typed[form.add_prefix("name")] = "x" * 61
    typed[form.add_prefix("spouse_name")] = HOSTILE * 5
    return typed


def _posted(typed: dict[str, str]) -> QueryDict:
    data = QueryDict(mutable=True)
    data.update(typed)
    return data


def _with_more_errors(form: StepForm) -> None:
    """Messages where typing cannot make one: tick boxes, a second message on a field, one
    for the whole form, and one that needs escaping (an engine message may quote a name)."""
    for field in form:
        if isinstance(field.field.widget, forms.CheckboxInput):
            form.add_error(field.name, f"Not with this box ticked, {HOSTILE}.")
    form.add_error(next(iter(form.fields)), "And a second message.")
    form.add_error(None, f"Something about the whole step, {HOSTILE}.")


def _crispy_layout(item: LayoutItem) -> Any:
    if isinstance(item, str):
        return item
    if isinstance(item, Div):
        return crispy.Div(*map(_crispy_layout, item.items), css_class=item.css_class)
    if isinstance(item, Fieldset):
        return crispy.Fieldset(
            item.legend, *map(_crispy_layout, item.items), css_class=item.css_class
        )
    return crispy.HTML(item.html)


def _crispy_html(form: StepForm) -> str:
    """The form as crispy rendered it on the step page."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = crispy.Layout(*map(_crispy_layout, form.layout()))
    return str(render_crispy_form(form, helper))


def _assert_same_html(ours: str, theirs: str, where: str) -> None:
    ours_parsed, theirs_parsed = parse_html(ours), parse_html(theirs)
    if ours_parsed != theirs_parsed:
        diff = difflib.unified_diff(
            str(theirs_parsed).replace("><", ">\n<").splitlines(),
            str(ours_parsed).replace("><", ">\n<").splitlines(),
            "crispy",
            "form_html",
            lineterm="",
        )
        pytest.fail(f"{where}:\n" + "\n".join(diff))


def _step_of(form: StepForm) -> Step:
    return next(step for step in STEPS if step.form_class is type(form))


@pytest.mark.parametrize("make_draft", [_single, _couple])
@pytest.mark.parametrize("answers", ["unbound", "good", "bad"])
def test_every_wizard_form_renders_as_crispy_rendered_it(make_draft: Any, answers: str) -> None:
    draft = make_draft()
    for unbound in _forms(draft):
        data = None
        if answers != "unbound":
            typed = _good(unbound) if answers == "good" else _bad(unbound)
            data = _posted(typed)
        # Two copies: crispy writes its CSS classes into the widgets it renders.
        ours, theirs = (
            type(unbound)(
                data, draft=draft, person_index=unbound.person_index, prefix=unbound.prefix
            )
            for _ in range(2)
        )
        if data is not None:
            for form in (ours, theirs):
                assert form.is_valid() == (answers == "good"), (type(form).__name__, form.errors)
                if answers == "bad":
                    _with_more_errors(form)
        _assert_same_html(
            str(ours.as_html()),
            _crispy_html(theirs),
            f"{_step_of(ours).slug} {ours.prefix or ''} {answers}",
        )


def test_the_comparison_covers_every_kind_of_field_with_and_without_messages() -> None:
    """The parametrised test above sees each kind of field, bound and unbound, with a
    message and without, and each kind of layout object."""
    kinds: set[tuple[type, bool]] = set()
    layout_kinds: set[type] = set()

    def walk(items: Any) -> None:
        for item in items:
            layout_kinds.add(type(item))
            if isinstance(item, Div | Fieldset):
                walk(item.items)

    for form in _forms(_couple()):
        walk(form.layout())
        bad = type(form)(
            _posted(_bad(form)),
            draft=form.draft,
            person_index=form.person_index,
            prefix=form.prefix,
        )
        bad.is_valid()
        _with_more_errors(bad)
        for field in bad:
            kinds.add((type(field.field.widget), bool(field.errors)))
        for field in form:
            kinds.add((type(field.field.widget), False))
    for widget in (
        forms.TextInput,
        forms.NumberInput,
        forms.DateInput,
        forms.Select,
        forms.RadioSelect,
        forms.CheckboxInput,
    ):
        assert (widget, True) in kinds and (widget, False) in kinds, widget
    assert {str, Div, Fieldset, HTML} <= layout_kinds
