"""next_year_inputs: next year's plan carries this year's Form 8606 line 14 to line 2."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine import UnknownTaxYear, plan_from_dict, year_table
from planner.engine.limits import deferral_limit
from planner.engine.next_year import next_year_inputs, next_year_plan
from tests.engine.helpers import household, person


def person_2025(**overrides: Any) -> dict[str, Any]:
    """The helpers' person, with 2025's 402(g) limit as the pre-tax deferral."""
    plan = {"pretax_deferral": 23500, **overrides.pop("plan", {})}
    return person(plan=plan, **overrides)


def _with_basis_left(year: int = 2025) -> dict[str, Any]:
    """A pre-tax IRA balance makes the conversion pro rata, so basis is left on line 14."""
    return household(
        tax_year=year,
        expected_return=0.05,
        people=[person_2025(ira={"year_end_balance": 30000, "basis": 2000})],
    )


def test_line_14_becomes_next_years_line_2_exactly() -> None:
    # Instructions for Form 8606: line 2 is the basis from the prior year's line 14.
    inputs = _with_basis_left()
    result = plan_from_dict(inputs)
    line_14 = Decimal(str(result["people"][0]["backdoor_roth"]["form_8606"]["line_14"]))
    assert line_14 > 0
    following = plan_from_dict(next_year_inputs(inputs, result))
    assert following["tax_year"] == 2026
    assert Decimal(str(following["people"][0]["backdoor_roth"]["form_8606"]["line_2"])) == line_14


def test_ages_grow_by_one_and_iras_grow_at_the_assumed_return() -> None:
    inputs = _with_basis_left()
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    assert new["people"][0]["age"] == inputs["people"][0]["age"] + 1
    # Nothing rolled into the plan: the pre-tax balance stays and grows at 5%.
    assert Decimal(str(new["people"][0]["ira"]["year_end_balance"])) == Decimal(30000) * Decimal(
        "1.05"
    )
    assert new["people"][0]["plan"] == inputs["people"][0]["plan"]  # the plan's features kept


@pytest.mark.parametrize(("years", "next_years"), [(13, 12), (None, 19), (0, 0)])
def test_retirement_is_a_year_closer(years: int | None, next_years: int) -> None:
    # A newcomer's walk: ages moved on a year but the projection ran as long as before, so
    # "value at retirement" was a year too far off. None: the contract's default of 20.
    inputs = _with_basis_left()
    if years is not None:
        inputs["years_to_retirement"] = years
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    assert new["years_to_retirement"] == next_years
    assert plan_from_dict(new)["projection"]["years"] == next_years


def test_money_rolled_into_the_plan_does_not_come_back_next_year() -> None:
    inputs = household(
        tax_year=2025, people=[person_2025(ira={"year_end_balance": 30000, "roll_into_plan": True})]
    )
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    assert new["people"][0]["ira"]["year_end_balance"] == 0
    assert new["people"][0]["ira"]["roll_into_plan"] is True


def test_as_much_as_allowed_stays_null_and_one_year_amounts_start_again() -> None:
    inputs = household(
        tax_year=2025,
        people=[
            person_2025(
                plan={"after_tax_earnings": 120},
                ira={"conversion": 5000, "earnings_before_conversion": 12},
            )
        ],
    )
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    ira, plan = new["people"][0]["ira"], new["people"][0]["plan"]
    assert "nondeductible_contribution" not in ira
    assert "conversion" not in ira and "earnings_before_conversion" not in ira
    assert "after_tax_earnings" not in plan
    # The input document is not changed in place.
    assert inputs["people"][0]["ira"]["conversion"] == 5000


def test_deferrals_over_next_years_limit_are_lowered_with_a_note() -> None:
    # IRC 414(v) as amended by SECURE 2.0 sec. 109: the higher catch-up is for ages 60-63,
    # so at 64 the limit falls.
    limit_2025 = deferral_limit(year_table(2025), 63)
    inputs = household(
        tax_year=2025,
        people=[
            person(
                name="Alex",
                age=63,
                plan={"pretax_deferral": int(limit_2025) - 5000, "roth_deferral": 5000},
            )
        ],
    )
    plan = next_year_plan(inputs, plan_from_dict(inputs))
    limit_2026 = deferral_limit(year_table(2026), 64)
    assert limit_2026 < limit_2025
    deferrals = plan.inputs["people"][0]["plan"]
    assert deferrals["roth_deferral"] == 5000
    assert deferrals["pretax_deferral"] + deferrals["roth_deferral"] == limit_2026
    assert any(note.startswith("Alex: 401(k) deferrals were lowered") for note in plan.notes)
    # IRC 414(v)(7): this year's pay is next year's prior-year FICA wages, which stop at the
    # 2025 Social Security wage base, $176,100 (IRC 3121(a)(1); SSA): $250,000 of pay.
    assert inputs["people"][0]["compensation"] == 250000
    assert plan.inputs["people"][0]["prior_year_fica_wages"] == 176100


def test_each_spouse_carries_their_own_basis() -> None:
    inputs = household(
        tax_year=2025,
        filing_status="married_filing_jointly",
        people=[
            person_2025(name="Alex", ira={"year_end_balance": 40000}),
            person_2025(name="Sam", ira={"basis": 1000, "nondeductible_contribution": 0}),
        ],
    )
    result = plan_from_dict(inputs)
    new = next_year_inputs(inputs, result)
    for before, after in zip(result["people"], new["people"], strict=True):
        assert Decimal(str(after["ira"]["basis"])) == Decimal(
            str(before["backdoor_roth"]["basis_carried_forward"])
        )
    assert new["people"][1]["ira"]["basis"] == 1000


def test_a_year_without_a_table_is_refused_naming_the_years_available() -> None:
    # Issue 18: 2027 is planned on provisional figures; the year after it has none.
    inputs = household(tax_year=2027)
    with pytest.raises(UnknownTaxYear) as refused:
        next_year_inputs(inputs, plan_from_dict(inputs))
    assert refused.value.errors == {
        "tax_year": ["Tax year 2028 has no limits table yet; available years: 2018–2027."]
    }


def test_next_year_after_the_last_published_year_is_planned_on_provisional_figures() -> None:
    # Issue 18: in December 2026 no 2027 notice or revenue procedure is in the data.
    inputs = household(tax_year=2026)
    planned = next_year_plan(inputs, plan_from_dict(inputs))
    assert planned.notes[-1].startswith("2027's official figures are not all in this planner yet")
    result = plan_from_dict(planned.inputs)
    assert result["tax_year"] == 2027
    provisional = {figure["figure"]: figure for figure in result["limits"]["provisional"]}
    assert provisional["annual_additions"]["carried_from"] == 2026
    assert result["limits"]["annual_additions"] == 72000  # Notice 2025-67, carried
    assert "Provisional" in result["limits"]["sources"]["annual_additions"]
    assert result["limits"]["provisional_note"].startswith("2027's official figures")


def test_a_year_whose_answer_changed_the_backdoor_says_it_is_carried_as_entered() -> None:
    # The plan takes roll-ins, so the 2025 answer rolls the $30,000 in first; whether that
    # happened is not known, so 2026 starts from the IRA as entered and says so.
    from planner.engine.next_year import next_year_plan

    inputs = _with_basis_left()
    result = plan_from_dict(inputs)
    assert result["decision"]["people"][0]["ira"]["route"] == "roll_in_first"
    planned = next_year_plan(inputs, result)
    assert (
        "You: the 2025 answer changed the backdoor entered (roll in first, then backdoor); the"
        " IRA balance and basis are carried as entered: change them if 2025 went as the answer"
        " said." in planned.notes
    )
    assert Decimal(str(planned.inputs["people"][0]["ira"]["basis"])) == Decimal(
        str(result["people"][0]["backdoor_roth"]["basis_carried_forward"])
    )


def test_what_was_already_done_stays_in_its_year_and_today_s_balances_carry_as_december_31() -> (
    None
):
    # A December visit: $7,000 contributed in March and converted in April 2026, a $15,000
    # SEP-IRA found today, paychecks with their 2026 dates and year-to-date amounts. The 2027
    # plan starts its own year: the dated entries and the paychecks' dates go, and the IRAs
    # carry December 31's value (Form 8606 line 6: $15,000, nothing left to convert) grown at
    # the 6% assumed, next to the basis left on line 14.
    inputs = household(
        tax_year=2026,
        expected_return=0.06,
        people=[
            person(
                ira={
                    "year_end_balance": 0,
                    "nondeductible_contribution": 7000,
                    "conversion": 7000,
                    "contributions_made": [{"date": "2026-03-16", "amount": 7000}],
                    "conversions_made": [{"date": "2026-04-10", "amount": 7000}],
                    "sep_balance_today": 15000,
                },
                plan={
                    "paychecks": {
                        "pay_per_period": 9615.38,
                        "first_pay_date": "2026-01-09",
                        "elections_start": "2026-06-05",
                        "pretax_so_far": 10000,
                        "bonuses": [{"paid_on": "2026-03-13", "amount": 20000}],
                    }
                },
            )
        ],
    )
    result = plan_from_dict(inputs)
    assert result["people"][0]["backdoor_roth"]["form_8606"]["line_6"] == 15000
    new = next_year_inputs(inputs, result)
    ira = new["people"][0]["ira"]
    for gone in ("contributions_made", "conversions_made", "sep_balance_today", "conversion"):
        assert gone not in ira
    assert Decimal(str(ira["year_end_balance"])) == Decimal("15900")
    assert ira["basis"] == result["people"][0]["backdoor_roth"]["basis_carried_forward"]
    # The paydays go on every two weeks from January 9, 2026: 2027's first is January 8 (26
    # of them), and the pay per paycheck, a fact of the payroll, stays.
    assert new["people"][0]["plan"]["paychecks"] == {
        "pay_per_period": 9615.38,
        "first_pay_date": "2027-01-08",
    }
    following = plan_from_dict(new)  # a 2027 plan that works out: no 2026 dates left
    assert following["tax_year"] == 2027


def test_the_engine_s_own_paydays_spread_the_same_pay_over_next_year_s() -> None:
    # No first payday: the engine pays every two weeks from the year's first Friday, 26 times
    # in 2026 (January 2) and 27 in 2027 (January 1): 26 x $9,615.38 over 27 is $9,259.25.
    inputs = household(
        tax_year=2026, people=[person(plan={"paychecks": {"pay_per_period": 9615.38}})]
    )
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    assert new["people"][0]["plan"]["paychecks"] == {"pay_per_period": 9259.25}


def test_a_direct_roth_answer_carries_no_basis_from_the_backdoor_entered() -> None:
    # Married filing jointly on $200,000, under 2026's $242,000 joint Roth phase-out (Notice
    # 2025-67): the answer contributes $7,500 straight to a Roth IRA, so no Form 8606 line 14
    # comes of the backdoor entered (pro rata against $100,000 of pre-tax IRA money).
    inputs = household(
        tax_year=2026,
        filing_status="married_filing_jointly",
        people=[
            person(
                compensation=200000,
                plan={"allows_after_tax": False, "accepts_ira_rollins": False},
                ira={"year_end_balance": 100000},
            )
        ],
    )
    result = plan_from_dict(inputs)
    assert result["decision"]["people"][0]["ira"]["route"] == "direct_roth"
    assert result["people"][0]["backdoor_roth"]["basis_carried_forward"] > 0
    plan = next_year_plan(inputs, result)
    assert plan.inputs["people"][0]["ira"]["basis"] == 0
    assert any("contributed straight to a Roth IRA" in note for note in plan.notes)


def test_next_year_s_rmd_is_on_this_december_31_s_value() -> None:
    # Pub. 590-B: the RMD is the prior December 31 balance over the factor, so next year's
    # prior-year balance is this year's December 31 value, not the one entered for this year.
    inputs = household(
        tax_year=2026,
        people=[person(age=75, ira={"year_end_balance": 100000, "prior_year_end_balance": 300000})],
    )
    new = next_year_inputs(inputs, plan_from_dict(inputs))
    assert new["people"][0]["ira"]["prior_year_end_balance"] == 100000
