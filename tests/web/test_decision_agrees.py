"""The checklist and its calendar say the decision: no step the decision skips, none it omits
(issue 16). Run on every golden case and on property-generated households."""

from __future__ import annotations

from datetime import date
from typing import Any

import icalendar
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from planner.engine import InvalidInput, compute_plan, parse_household
from planner.engine.checklist import Action, Step, action_checklist
from planner.engine.models import IraRoute, MegaRoute, PersonDecision, PlanResult, RepairKind
from planner.engine.money import format_money
from planner.packet import checklist_calendar
from tests.engine.golden import load_cases, to_contract
from tests.engine.test_properties import PROPERTY_SETTINGS, household, people

ANSWERS = st.sampled_from([True, False, None])
TODAY_BALANCES = st.sampled_from(
    ["traditional_balance_today", "sep_balance_today", "simple_balance_today"]
)
# The day the generated households are seen (the lead's today): days are counted from it.
TODAY = date(2026, 12, 5)


def _expected(person: PersonDecision) -> set[Step]:
    """The steps the decision says this person does, from its facts alone."""
    ira, mega = person.ira, person.mega
    wanted = {
        Step.AFTER_TAX_CONTRIBUTION: mega.route is MegaRoute.MEGA_BACKDOOR
        and mega.after_tax_contribution > 0,
        Step.AFTER_TAX_MOVE: mega.route is MegaRoute.MEGA_BACKDOOR,
        Step.IRA_ROLL_IN: ira.roll_in > 0,
        Step.OPEN_SOLO_401K: ira.roll_in > 0 and ira.roll_in_target == "solo_401k",
        Step.DIRECT_ROTH_CONTRIBUTION: ira.direct_roth > 0,
        # What is already made is not asked again (issue 16 item 3).
        Step.NONDEDUCTIBLE_CONTRIBUTION: ira.contribution_left > 0,
        Step.REQUIRED_DISTRIBUTION: person.required_minimum_distribution > 0,
        Step.CONVERSION: ira.conversion_left > 0,
        Step.WITHDRAW_EXCESS: any(r.kind is RepairKind.EXCESS_CONTRIBUTION for r in ira.repairs),
        Step.PAYCHECK_ELECTION: person.paychecks is not None and any(person.paychecks.elections),
    }
    return {step for step, yes in wanted.items() if yes}


def _summaries(actions: list[Action]) -> list[str]:
    body = checklist_calendar(actions, name="Plan", url="https://example.org/", uid_seed="x")
    calendar = icalendar.Calendar.from_ical(body)
    return [str(event["summary"]) for event in calendar.walk("VEVENT")]


def check_agreement(result: PlanResult, actions: list[Action]) -> None:
    decision = result.decision
    assert decision is not None
    for person in decision.people:
        own = [a for a in actions if a.person == person.name and a.kind is not Step.ASK_THE_PLAN]
        assert {a.kind for a in own} == _expected(person), (person, [a.title for a in own])
        if person.ira.route is IraRoute.SKIP:
            assert not {Step.NONDEDUCTIBLE_CONTRIBUTION, Step.CONVERSION} & {a.kind for a in own}
        for action in own:
            if action.kind is Step.CONVERSION:
                assert format_money(person.ira.conversion_left) in action.title
            if action.kind is Step.NONDEDUCTIBLE_CONTRIBUTION:
                assert format_money(person.ira.contribution_left) in action.title
    payments = [a for a in actions if a.kind is Step.ESTIMATED_TAX_PAYMENT]
    if decision.tax_due > 0:
        (payment,) = payments
        assert format_money(decision.tax_due) in payment.title
    else:
        assert payments == []
    # The verdict's headline says the same: a skip when, and only when, one is decided, and
    # "do the backdoor" only for a person the decision has doing it.
    assert result.verdict is not None
    headline = result.verdict.headline
    skips = [p for p in decision.people if p.ira.route is IraRoute.SKIP]
    assert ("Skip the backdoor" in headline) == bool(skips), headline
    if len(decision.people) == 1 and decision.people[0].ira.route is not IraRoute.BACKDOOR:
        assert "Do the backdoor" not in headline and "Do both" not in headline, headline
    # The calendar has one event per step, each named as the step: no more, no fewer.
    summaries = _summaries(actions)
    assert summaries == [f"{a.title} ({a.person})" if a.person else a.title for a in actions]


@pytest.mark.parametrize("case", load_cases(), ids=lambda case: case["name"])
def test_every_golden_case_checklist_and_calendar_follow_the_decision(case: dict) -> None:
    household_in = parse_household(to_contract(case["inputs"]))
    result = compute_plan(household_in)
    check_agreement(result, action_checklist(household_in, result))


@st.composite
def varied_people(draw: st.DrawFn) -> dict[str, Any]:
    """test_properties' people, with the plan answers, roll-ins and self-employment varied."""
    member = draw(people())
    plan = member["plan"]
    for name in ("allows_after_tax", "allows_in_service_distribution", "accepts_ira_rollins"):
        plan[name] = draw(ANSWERS)
    plan["allows_in_plan_roth_conversion"] = draw(ANSWERS)
    if not plan["allows_in_service_distribution"]:
        plan["after_tax_route"] = None
    if plan["accepts_ira_rollins"] is not True and member["ira"]["roll_into_plan"]:
        member["ira"]["roll_into_plan"] = plan["accepts_ira_rollins"] is None
    member["self_employed"] = draw(st.booleans())
    member["ira"]["nondeductible_contribution"] = draw(
        st.one_of(st.none(), st.integers(min_value=0, max_value=8600))
    )
    if draw(st.booleans()):
        member["ira"]["basis"] = draw(st.integers(min_value=0, max_value=40_000))
    if draw(st.booleans()):
        _already_done(draw, member["ira"])
    return member


def _already_done(draw: st.DrawFn, ira: dict[str, Any]) -> None:
    """Part of the year already done (issue 16 item 3): a contribution made, perhaps
    converted, perhaps pre-tax money found since (today's balances)."""
    planned = ira["nondeductible_contribution"]
    made = draw(st.integers(min_value=1, max_value=planned if planned else 8600))
    ira["contributions_made"] = [{"date": "2026-01-15", "amount": made}]
    if draw(st.booleans()):
        ira["conversions_made"] = [{"date": "2026-01-20", "amount": made}]
        ira["conversion"] = None
    ira[draw(TODAY_BALANCES)] = draw(st.integers(min_value=0, max_value=60_000))


@PROPERTY_SETTINGS
@given(varied_people(), st.one_of(st.none(), varied_people()))
def test_every_generated_household_checklist_and_calendar_follow_the_decision(
    first: dict[str, Any], second: dict[str, Any] | None
) -> None:
    if second is not None:
        second["name"] = "Sam"
    try:
        household_in = parse_household(household(first, second))
    except InvalidInput:
        household_in = None
    # A household the contract refuses has no decision; hypothesis draws another.
    assume(household_in is not None)
    assert household_in is not None
    result = compute_plan(household_in, TODAY)
    check_agreement(result, action_checklist(household_in, result))
