"""A second, unrelated employer's plan: one 402(g) limit per person across plans (IRC
402(g)(1)), but a 415(c) limit per employer on that employer's pay (IRC 415(c)(1); Treas. Reg.
1.415(f)-1 aggregates only plans of the same or related employers)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import InvalidInput, compute_plan, parse_household, plan_from_dict
from planner.engine.checklist import Step, action_checklist
from planner.engine.compute import compute
from planner.engine.plan import assume_no
from planner.engine.warning_rules import pro_rata
from tests.engine.helpers import warning


def _household(second: dict[str, Any], second_pay: int, **first: Any) -> dict[str, Any]:
    plan = {
        "pretax_deferral": 24_500,
        "employer_contribution": 10_000,
        "allows_after_tax": True,
        "allows_in_service_distribution": True,
        **first,
    }
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 45,
                "compensation": 200_000,
                "plan": plan,
                "second_plan": second,
                "second_plan_compensation": second_pay,
                "ira": {"nondeductible_contribution": 0},
            }
        ],
    }


SOLO_401K = {
    "employer_contribution": 16_000,
    "allows_after_tax": True,
    "allows_in_plan_roth_conversion": True,
    "after_tax_route": "in_plan_conversion",
}


def test_each_employer_has_its_own_415c_limit() -> None:
    # 415(c)(1), Notice 2025-67: day job 72,000 - 34,500 = 37,500; the solo 401(k)
    # 72,000 (< 80,000 of its pay) - 16,000 = 56,000.
    result = plan_from_dict(_household(SOLO_401K, 80_000))
    person = result["people"][0]
    assert person["mega_backdoor_roth"]["after_tax_room"] == 37_500
    second = person["second_plan_mega_backdoor_roth"]
    assert second["after_tax_room"] == 56_000
    assert second["after_tax_contribution"] == 56_000
    mega_totals = result["totals"]["mega_backdoor_roth"]
    assert mega_totals["roth_added"] == 37_500 + 56_000
    assert mega_totals["after_tax_room"] == 37_500 + 56_000
    assert result["totals"]["both"]["after_tax_room_used"] == 37_500 + 56_000
    assert "own 415(c) limit" in warning(result, "second_plan_limits")["message"]


def test_the_second_limit_is_100_percent_of_that_employers_pay() -> None:
    # IRC 415(c)(1)(B): 20,000 of pay, 5,000 employer money -> 15,000 of room.
    result = plan_from_dict(_household({**SOLO_401K, "employer_contribution": 5_000}, 20_000))
    assert result["people"][0]["second_plan_mega_backdoor_roth"]["after_tax_room"] == 15_000


def test_402g_is_one_limit_across_both_plans() -> None:
    # IRC 402(g)(1): 24,500 for 2026 (Notice 2025-67) for the person, whatever the employers.
    with pytest.raises(InvalidInput) as raised:
        plan_from_dict(_household({**SOLO_401K, "pretax_deferral": 1_000}, 80_000))
    [message] = raised.value.errors["people.0.plan.pretax_deferral"]
    assert "$24,500" in message and "both employers" in message


def test_second_plan_pay_is_income_less_its_pretax_deferrals() -> None:
    # Pub. 590-A "What is compensation": pay less pre-tax deferrals, from both employers.
    result = plan_from_dict(
        _household({**SOLO_401K, "pretax_deferral": 0}, 80_000, pretax_deferral=20_000)
    )
    assert result["tax"]["agi"] == 200_000 - 20_000 + 80_000


def test_no_second_plan_is_null() -> None:
    result = plan_from_dict(_household(None, 0))  # type: ignore[arg-type]
    assert result["people"][0]["second_plan_mega_backdoor_roth"] is None


def test_contributions_to_the_second_plan_stay_within_its_pay() -> None:
    with pytest.raises(InvalidInput) as raised:
        plan_from_dict(_household({**SOLO_401K, "after_tax_contribution": 30_000}, 20_000))
    assert "people.0.second_plan.after_tax_contribution" in raised.value.errors


def test_the_second_plans_mega_backdoor_is_a_step_of_the_answer() -> None:
    # A tax-figure audit: the headline counted the second plan's $56,000 (Treas. Reg.
    # 1.415(f)-1: its own 415(c) limit) while the sentences and checklist said only the first
    # plan's: the decision now holds the second plan's move, and every page reads it there.
    household = parse_household(_household(SOLO_401K, 80_000))
    result = compute_plan(household)
    assert result.decision is not None and result.verdict is not None
    person = result.decision.people[0]
    second = person.second_plan_mega
    assert second is not None and second.roth_added == 56_000
    assert person.roth_added == person.mega.roth_added + second.roth_added == 37_500 + 56_000
    assert person.mega.tax_due + second.tax_due == person.tax_due - person.ira.tax_due
    assert any(
        sentence.startswith(
            "Do the mega backdoor in the second employer's plan as well as in the first: "
            "contribute $56,000 "
            "after-tax and convert it to the plan's Roth account: $56,000 to Roth"
        )
        for sentence in result.verdict.sentences
    )
    steps = {action.kind: action for action in action_checklist(household, result)}
    assert steps[Step.SECOND_PLAN_AFTER_TAX].title.startswith("Contribute $56,000 after-tax")
    assert "second employer's plan" in steps[Step.SECOND_PLAN_AFTER_TAX_MOVE].title


def test_a_second_plan_without_after_tax_money_adds_no_step() -> None:
    no_after_tax = {**SOLO_401K, "allows_after_tax": False}
    household = parse_household(_household(no_after_tax, 80_000))
    result = compute_plan(household)
    assert result.decision is not None
    second = result.decision.people[0].second_plan_mega
    assert second is not None and second.roth_added == 0
    kinds = {action.kind for action in action_checklist(household, result)}
    assert Step.SECOND_PLAN_AFTER_TAX not in kinds


def test_the_headline_counts_a_second_plans_mega_backdoor() -> None:
    # A review: with only the second plan taking after-tax money the headline said "Neither
    # route adds Roth money this year" beside "Do the mega backdoor in the second employer's
    # plan too"; with both, it named only the first plan's dollars.

    only_second = _household(SOLO_401K, 80_000, allows_after_tax=False)
    result = compute_plan(parse_household(only_second))
    assert result.verdict is not None
    assert "Neither route" not in result.verdict.headline
    assert "Do the mega backdoor in the second employer's plan: $56,000 to Roth" in (
        result.verdict.headline
    )
    assert any(
        s.startswith("Do the mega backdoor in the second employer's plan: contribute $56,000")
        for s in result.verdict.sentences
    )
    both = compute_plan(parse_household(_household(SOLO_401K, 80_000)))
    assert both.verdict is not None
    assert "Do the mega backdoor in both plans: $93,500 to Roth" in both.verdict.headline


def test_each_plans_mega_backdoor_bears_its_own_tax_on_earnings() -> None:
    # In-plan conversions with earnings (IRC 402A(c)(4)): each plan's earnings are taxed, and
    # the person's mega tax is split between the plans, never counted twice.

    data = _household(
        {**SOLO_401K, "conversion_frequency": "annually"},
        80_000,
        allows_in_plan_roth_conversion=True,
        after_tax_route="in_plan_conversion",
        conversion_frequency="annually",
    )
    data["expected_return"] = 0.06
    result = compute_plan(parse_household(data))
    assert result.decision is not None
    person = result.decision.people[0]
    second = person.second_plan_mega
    assert second is not None
    assert person.mega.taxable_amount > 0 and second.taxable_amount > 0
    assert person.mega.tax_due > 0 and second.tax_due > 0
    assert person.mega.tax_due + second.tax_due + person.ira.tax_due == person.tax_due
    assert person.tax_due == result.decision.tax_due


def test_the_roll_in_saving_keeps_a_second_plans_taxable_earnings() -> None:
    # A review: the pro-rata warning's saving rebuilt the person's taxable income from the
    # first plan only, dropping the second plan's taxable earnings (IRC 402A(c)(4)) and so
    # pricing the roll-in a bracket low. It now changes only the backdoor's part: the saving
    # equals the decision's own (the backdoor as entered, less with the roll-in first).

    data = _household(
        {**SOLO_401K, "conversion_frequency": "annually"},
        80_000,
        accepts_ira_rollins=True,
    )
    data["expected_return"] = 0.06
    data["people"][0]["ira"] = {"year_end_balance": 120_000}
    household = parse_household(data)
    result = compute_plan(household)
    assert result.decision is not None
    ira = result.decision.people[0].ira
    assert ira.skipped is not None and result.people[0].second_plan_mega_backdoor_roth is not None
    assert result.people[0].second_plan_mega_backdoor_roth.taxable_amount > 0

    found = pro_rata(compute(assume_no(household)), 0)
    assert found is not None
    assert found.dollar_effect == ira.skipped.tax_due - ira.tax_due
