"""One vocabulary: every enum label, field label and default name comes from
planner/engine/vocabulary.py, and every page that shows one shows that one."""

from __future__ import annotations

import pytest
from django.test import Client

from planner.engine import (
    AfterTaxRoute,
    ConversionFrequency,
    FilingStatus,
    Household,
    Ira,
    Person,
    Plan,
)
from planner.engine.vocabulary import (
    DEFAULT_NAMES,
    FIELD_LABELS,
    FILING_STATUS_LABELS,
    FREQUENCY_LABELS,
    ROUTE_LABELS,
    STRATEGY_LABELS,
)
from planner.forms import STEPS
from planner.models import Scenario, describe_inputs
from tests.web.conftest import make_draft
from tests.web.test_wizard import complete, start


def test_every_enum_value_has_a_label() -> None:
    assert set(FILING_STATUS_LABELS) == set(FilingStatus)
    assert set(FREQUENCY_LABELS) == set(ConversionFrequency)
    assert set(ROUTE_LABELS) == set(AfterTaxRoute)


def test_every_contract_input_field_has_a_label() -> None:
    paths = set(Household.model_fields)
    paths |= {f"people.{{i}}.{name}" for name in Person.model_fields}
    paths |= {f"people.{{i}}.plan.{name}" for name in Plan.model_fields}
    paths |= {f"people.{{i}}.ira.{name}" for name in Ira.model_fields}
    assert paths <= set(FIELD_LABELS)


def test_every_wizard_field_asks_for_a_labelled_contract_field() -> None:
    for step in STEPS:
        for path in step.form_class.paths.values():
            pattern = path.replace(".0.", ".{i}.").replace(".1.", ".{i}.")
            assert pattern in FIELD_LABELS, (step.slug, path)


@pytest.mark.django_db
def test_the_wizard_offers_the_vocabularys_choices(client: Client) -> None:
    household = client.get("/plan/household/").content.decode()
    for label in FILING_STATUS_LABELS.values():
        assert f">{label}</option>" in household
    assert f'value="{DEFAULT_NAMES[0]}"' in household
    start(client)
    features = client.get("/plan/plan-features/").content.decode()
    for label in [*FREQUENCY_LABELS.values(), *ROUTE_LABELS.values()]:
        assert f">{label}</option>" in features


@pytest.mark.django_db
def test_the_results_show_the_vocabularys_route_and_strategy_names(client: Client) -> None:
    complete(client)  # the origin example: the money rolls out to a Roth IRA
    page = client.get("/plan/results/").content.decode()
    assert f"<td>{ROUTE_LABELS[AfterTaxRoute.ROLLOVER_TO_ROTH_IRA]}</td>" in page
    for label in STRATEGY_LABELS.values():
        assert f'<th scope="col" class="num">{label}</th>' in page


def test_the_scenario_summary_uses_the_vocabularys_labels() -> None:
    draft = make_draft(filing_status="married_filing_jointly")
    draft.set("people.0.plan.conversion_frequency", "quarterly")
    draft.set("people.1.age", 50)
    del draft.inputs["people"][0]["name"]
    sections = dict(describe_inputs(draft.inputs))
    assert ("Filing status", FILING_STATUS_LABELS["married_filing_jointly"]) in sections[
        "Household"
    ]
    plan_rows = dict(sections[f"{DEFAULT_NAMES[0]}: 401(k) plan"])
    assert (
        plan_rows[FIELD_LABELS["people.{i}.plan.conversion_frequency"]]
        == FREQUENCY_LABELS["quarterly"]
    )
    assert (FIELD_LABELS["people.{i}.age"], "50") in sections[DEFAULT_NAMES[1]]


@pytest.mark.django_db
def test_the_admin_shows_the_filing_status_in_words(admin_client: Client, alice: object) -> None:
    Scenario.create_from_draft(alice, make_draft(filing_status="head_of_household"), "Mine")
    page = admin_client.get("/admin/planner/scenario/").content.decode()
    assert FILING_STATUS_LABELS["head_of_household"] in page
