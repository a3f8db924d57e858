"""The wizard's widgets written out in Python (planner.form_html.WizardFormRenderer) give the
same HTML as Django's own widget templates, for every field of every step, including
values that need escaping; so the faster renderer can never drift from Django's."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from planner.drafts import Draft
from planner.form_html import WIDGETS_IN_PYTHON, WizardFormRenderer, _escaped
from planner.forms import STEPS

HOSTILE = '"><script>alert(1)</script>&amp;'


def _forms(data: dict[str, str] | None) -> list:
    draft = Draft.new(2026)
    draft.inputs["people"].append({"name": "Sam"})
    draft.inputs["filing_status"] = "married_filing_jointly"
    forms = []
    for step in STEPS:
        if step.per_person:
            forms += [
                step.form_class(data, draft=draft, person_index=i, prefix=f"p{i}") for i in range(2)
            ]
        else:
            forms.append(step.form_class(data, draft=draft))
    return forms


@pytest.mark.parametrize("data", [None, "hostile"])
def test_every_wizard_widget_renders_as_djangos_template_would(data: str | None) -> None:
    checked = 0
    django_renderer = DjangoTemplates()
    for form in _forms(None):
        typed = (
            {form.add_prefix(name): HOSTILE for name in form.fields} if data == "hostile" else None
        )
        bound = (
            type(form)(typed, draft=form.draft, person_index=form.person_index, prefix=form.prefix)
            if typed
            else form
        )
        for field in bound:
            widget = field.field.widget
            if widget.template_name not in WIDGETS_IN_PYTHON:
                continue
            context = widget.get_context(field.html_name, field.value(), widget.attrs)
            ours = WizardFormRenderer().render(widget.template_name, context)
            theirs = django_renderer.render(widget.template_name, context)
            assert ours == theirs, (type(form).__name__, field.name)
            checked += 1
    assert checked > 20


@pytest.mark.parametrize(
    "value",
    [HOSTILE, 2026, Decimal("0.06"), None, True, mark_safe("<b>kept</b>"), gettext_lazy(HOSTILE)],
)
def test_the_widgets_escape_as_django_does(value: object) -> None:
    assert _escaped(value) == conditional_escape(value)
