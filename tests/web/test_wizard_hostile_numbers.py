"""Every number field of the wizard answers nan, inf, Infinity and sNaN with a message.

Issue 11: a percentage field's "invalid" message ("like 6 for 6%") was %-formatted by Django
for non-finite values and crashed every step POST and preview with a 500.
"""

from __future__ import annotations

import html

import pytest
from django import forms as django_forms
from django.test import Client

from planner.forms import MoneyField, PercentField, WholeNumberField
from planner.views.wizard import STEPS
from tests.web.test_wizard import (
    ASSUMPTIONS,
    CONTRIBUTIONS,
    HOUSEHOLD,
    IRAS,
    PLAN_FEATURES,
    _field_block,
    _input_value,
    start,
)

pytestmark = pytest.mark.django_db

HOSTILE = ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "sNaN", "1e999999", "1e-999999"]
VALID_STEP_DATA = {
    "household": HOUSEHOLD,
    "401k": {**CONTRIBUTIONS, "p0-employer_mode": "formula"},
    "plan-features": PLAN_FEATURES,
    "paychecks": {"p0-pay_per_period": "7692.31"},
    "iras": IRAS,
    "assumptions": ASSUMPTIONS,
}
# Spouse answers are read only for a married household that includes the spouse.
WITH_SPOUSE = {
    "filing_status": "married_filing_jointly",
    "has_spouse": "on",
    "spouse_name": "Sam",
    "spouse_age": "40",
    "spouse_compensation": "100000",
}
NUMBER_FIELDS = (MoneyField, PercentField, WholeNumberField, django_forms.DecimalField)


def _numeric_fields() -> list[tuple[str, str]]:
    found = []
    for step in STEPS:
        prefix = "p0-" if step.per_person else ""
        for name, field in step.form_class.base_fields.items():
            if isinstance(field, NUMBER_FIELDS):
                found.append((step.slug, prefix + name))
    return found


def _step_data(slug: str, name: str) -> dict[str, str]:
    data = dict(VALID_STEP_DATA[slug])
    if name.startswith("spouse_"):
        data |= WITH_SPOUSE
    if name.startswith("p0-second_"):
        data |= {"p0-has_second_plan": "on"}  # asked only with its box ticked
    return data


# Last year's IRA balance is asked only at RMD age (73 for 2026).
AT_RMD_AGE = {"tax_year": "2026", "age": "75"}
# The ages 60-63 catch-up exists from 2025 (SECURE 2.0 sec. 109): only then is it replaced.
WITH_60_TO_63_CATCH_UP = {"tax_year": "2026"}


def _start(client: Client, name: str, slug: str) -> None:
    if name.endswith("prior_year_end_balance"):
        start(client, **AT_RMD_AGE)
    elif name.endswith("catch_up_age_60_to_63"):
        start(client, **WITH_60_TO_63_CATCH_UP)
    else:
        start(client)
    if slug == "paychecks":  # asked once the plan takes after-tax money
        client.post("/plan/plan-features/", {**PLAN_FEATURES, "go": "next"})


def _label(slug: str, name: str) -> str:
    step = next(step for step in STEPS if step.slug == slug)
    return str(step.form_class.base_fields[name.removeprefix("p0-")].label)


NUMERIC_FIELDS = _numeric_fields()


def test_the_percentage_fields_named_in_the_issue_are_covered() -> None:
    names = {name.removeprefix("p0-") for _, name in NUMERIC_FIELDS}
    assert {
        "state_tax_rate",
        "match_rate",
        "match_up_to",
        "after_tax_cap_percent",
        "expected_return",
        "federal_marginal_rate",
    } <= names


@pytest.mark.parametrize(("slug", "name"), NUMERIC_FIELDS)
def test_a_step_post_explains_a_non_finite_number_and_keeps_it(
    client: Client, slug: str, name: str
) -> None:
    _start(client, name, slug)
    for value in HOSTILE:
        data = {**_step_data(slug, name), name: value, "go": "next"}
        response = client.post(f"/plan/{slug}/", data)
        assert response.status_code == 200, (name, value, response.status_code)
        page = response.content.decode()
        block = _field_block(page, name)
        assert "is-invalid" in block, (name, value)
        assert _input_value(page, name) == value, "what was typed is shown again"


@pytest.mark.parametrize(("slug", "name"), NUMERIC_FIELDS)
def test_a_preview_explains_a_non_finite_number(client: Client, slug: str, name: str) -> None:
    _start(client, name, slug)
    for value in HOSTILE:
        data = {**_step_data(slug, name), name: value}
        response = client.post(f"/plan/{slug}/preview/", data, headers={"HX-Request": "true"})
        assert response.status_code == 200, (name, value, response.status_code)
        fragment = html.unescape(response.content.decode())
        assert f"<strong>{_label(slug, name)}" in fragment or _label(slug, name) in fragment


def test_a_percentage_message_shows_a_single_percent_sign(client: Client) -> None:
    start(client)
    response = client.post("/plan/household/", {**HOUSEHOLD, "state_tax_rate": "nan"})
    block = _field_block(response.content.decode(), "state_tax_rate")
    assert "Enter a percentage, like 6 for 6%." in block
    assert "6%%" not in block
