"""The wizard's draft (planner.drafts.Draft): loaded from the session, filled in through
contract paths, turned into the engine's input, linked to a saved scenario."""

from __future__ import annotations

import copy
import re
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planner.drafts import SESSION_KEY, Draft, ScenarioLink
from planner.engine import InvalidInput, compute_plan, parse_household
from planner.models import Scenario
from tests.web.conftest import INPUTS, make_draft

# Schema 1 read a plan answer absent from the inputs as false; schema 2 reads it as Not sure,
# so loading writes the absent ones as false (drafts.upgrade) and the figures stay the same.
UPGRADED_INPUTS: dict[str, Any] = {}  # filled below, from OLD_SESSION_DRAFT


# A session draft exactly as the code before the Draft class stored it (drafts.save_draft):
# a plain dict with the contract inputs, the wizard's match formula, a half-typed step and
# the link to a saved scenario. Sessions outlive deployments, so this must keep loading.
OLD_SESSION_DRAFT: dict[str, Any] = {
    "schema": 1,
    "inputs": {
        "tax_year": 2026,
        "filing_status": "single",
        "other_income": 0,
        "state_tax_rate": 0.05,
        "people": [
            {
                "name": "Pat",
                "age": 45,
                "compensation": 200000,
                "prior_year_fica_wages": None,
                "plan": {
                    "pretax_deferral": 24500,
                    "roth_deferral": 0,
                    "employer_contribution": 6000,
                    "forfeitures": 0,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                },
            }
        ],
    },
    "wizard": {"match": {"0": {"rate": 0.5, "up_to": 0.06}}},
    "raw": {"iras": {"p0-year_end_balance": "12,000x"}},
    "scenario": {
        "code": "6b1f7c1e-8d9a-4a53-a0b4-3f6f5f6b2c11",
        "version": 3,
        "name": "Pat's plan",
    },
}


UPGRADED_INPUTS.update(copy.deepcopy(OLD_SESSION_DRAFT["inputs"]))
UPGRADED_INPUTS["people"][0]["plan"].update(
    allows_in_plan_roth_conversion=False, accepts_ira_rollins=False
)


def _put_raw(client: Client, data: dict[str, Any]) -> None:
    session = client.session
    session[SESSION_KEY] = copy.deepcopy(data)
    session.save()


@pytest.mark.django_db
def test_it_loads_a_draft_stored_in_the_session_by_the_earlier_code(client: Client) -> None:
    _put_raw(client, OLD_SESSION_DRAFT)
    draft = Draft.load(client.session)
    assert draft is not None
    assert draft.inputs == UPGRADED_INPUTS
    assert draft.match_formulas() == {0: (Decimal("0.5"), Decimal("0.06"))}
    assert draft.raw == {"iras": {"p0-year_end_balance": "12,000x"}}
    assert draft.scenario == ScenarioLink("6b1f7c1e-8d9a-4a53-a0b4-3f6f5f6b2c11", 3, "Pat's plan")

    step = client.get("/plan/401k/").content.decode()
    assert 'value="formula"' in step and 'value="50"' in step  # the formula, as typed
    iras = client.get("/plan/iras/").content.decode()
    assert 'value="12,000x"' in iras  # the half-typed step comes back as it was
    results = client.get("/plan/results/").content.decode()
    assert "Your plan for 2026" in results
    assert "Pat" in results


@pytest.mark.django_db
def test_it_loads_a_draft_from_before_the_wizard_raw_and_scenario_keys(client: Client) -> None:
    _put_raw(client, {"schema": 1, "inputs": copy.deepcopy(INPUTS)})
    draft = Draft.load(client.session)
    assert draft is not None
    assert (draft.wizard, draft.raw, draft.scenario) == ({}, {}, None)
    assert client.get("/plan/results/").status_code == 200


@pytest.mark.django_db
def test_it_ignores_a_session_value_that_is_not_a_draft(client: Client) -> None:
    _put_raw(client, {"schema": 1, "inputs": "nonsense"})
    assert Draft.load(client.session) is None
    assert client.get("/plan/results/").status_code == 302


@pytest.mark.django_db
def test_it_saves_in_the_format_it_loads(client: Client) -> None:
    _put_raw(client, OLD_SESSION_DRAFT)
    session = client.session
    Draft.load(session).save(session)  # type: ignore[union-attr]
    assert session[SESSION_KEY] == {**OLD_SESSION_DRAFT, "schema": 2, "inputs": UPGRADED_INPUTS}
    Draft.load(session).save(session)  # type: ignore[union-attr]
    assert session[SESSION_KEY] == {**OLD_SESSION_DRAFT, "schema": 2, "inputs": UPGRADED_INPUTS}


@pytest.mark.django_db
def test_an_old_session_draft_keeps_its_figures_and_its_no_answers(client: Client) -> None:
    # Schema 1: absent roll-in answer = false. It stays No: no "not sure" branch appears.
    old = Draft.from_json(OLD_SESSION_DRAFT)
    assert old is not None
    assert compute_plan(old.household()).unknowns == ()
    as_before = compute_plan(parse_household(OLD_SESSION_DRAFT["inputs"]))
    assert compute_plan(old.household()).totals == as_before.totals
    _put_raw(client, OLD_SESSION_DRAFT)
    page = client.get("/plan/plan-features/").content.decode()
    assert re.search(r'name="p0-accepts_ira_rollins" value="no"[^>]*checked', page)


def test_a_new_draft_reads_an_unanswered_plan_feature_as_not_sure() -> None:
    draft = Draft.new(2026)
    draft.set("people.0.age", 45)
    draft.set("people.0.compensation", 200000)
    draft.set("people.0.plan.pretax_deferral", 20000)
    plan = draft.household().people[0].plan
    assert plan is not None
    assert plan.allows_after_tax is None and plan.accepts_ira_rollins is None
    assert "allows_after_tax" not in draft.inputs["people"][0]["plan"]  # the draft is unchanged


def test_it_reads_and_writes_contract_paths() -> None:
    draft = Draft.new(2026)
    assert draft.get("people.0.name") == "You"
    assert draft.get("people.1.age") is None
    assert draft.get("people.0.plan.pretax_deferral", "none") == "none"
    draft.set("people.1.plan.roth_deferral", 500)
    assert draft.inputs["people"][1] == {"plan": {"roth_deferral": 500}}
    assert draft.person_names() == ["You", "Spouse"]
    draft.drop_people_after(1)
    assert draft.people_count() == 1


def test_it_recomputes_match_dollars_from_the_formula_when_pay_changes() -> None:
    # 50% of the first 6% of $200,000 = $6,000; of $100,000 = $3,000.
    draft = Draft(inputs=copy.deepcopy(OLD_SESSION_DRAFT["inputs"]))
    draft.set_match_formula(0, (Decimal("0.5"), Decimal("0.06")))
    draft.set("people.0.compensation", 100000)
    draft.refresh_match_dollars()
    assert draft.get("people.0.plan.employer_contribution") == 3000


def test_it_becomes_the_engines_input_or_says_what_is_wrong() -> None:
    household = make_draft().household()
    assert household.people[0].compensation == Decimal(250000)
    broken = make_draft()
    broken.set("people.0.age", 12)
    with pytest.raises(InvalidInput) as error:
        broken.household()
    assert "people.0.age" in error.value.errors


def test_a_new_draft_is_blank_until_something_is_typed() -> None:
    draft = Draft.new(2026)
    assert draft.is_blank()
    draft.set("people.0.age", 45)
    assert not draft.is_blank()


@pytest.mark.django_db
def test_keeping_a_draft_links_it_without_touching_a_session(alice: User) -> None:
    draft = make_draft()
    scenario = Scenario.keep_draft(alice, draft)
    assert scenario is not None
    assert draft.scenario == scenario.link()
    assert scenario.form == draft.stored()
    # Kept again unchanged: it is already saved, so nothing new is made.
    assert Scenario.keep_draft(alice, draft) is None
    assert Scenario.objects.filter(owner=alice).count() == 1


def test_a_stored_draft_has_no_session_bookkeeping() -> None:
    draft = Draft.from_json(OLD_SESSION_DRAFT)
    assert draft is not None
    assert draft.stored() == {
        "schema": 2,
        "inputs": UPGRADED_INPUTS,
        "wizard": OLD_SESSION_DRAFT["wizard"],
    }
    draft.detach()
    assert draft.scenario is None
