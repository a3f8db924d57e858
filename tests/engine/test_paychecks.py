"""Paycheck elections (planner/engine/paychecks.py), from worked examples computed by hand.

Sources of the figures: 2018 limits from Notice 2017-64 — IRC 402(g) elective deferrals
$18,500, IRC 415(c) annual additions $55,000, IRC 401(a)(17) compensation $275,000. The origin
case is tests/data/golden-cases.json "a_seed_2018_mega_and_clean_backdoor" (copied from the
shared golden-cases.json): $18,500 pre-tax, $12,500 match, $24,000 after-tax on $200,000 pay.

Payroll's arithmetic, as the engine models it: a percent election is that share of the
paycheck's pay the plan counts, rounded half-up to the cent; payroll stops the deferrals at
402(g) and the after-tax money at 415(c); in each paycheck the deferrals come first, then the
match, then the after-tax money. A per-paycheck match is rate x min(deferral, up_to x pay),
rounded to the cent on its running total.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import InvalidInput, compute_plan, parse_household
from planner.engine.checklist import action_checklist
from planner.engine.contract import Paychecks
from planner.engine.models import PaycheckPlan
from planner.engine.paychecks import (
    election_changes,
    election_sentence,
    election_text,
    paydays,
    payroll_tax,
)
from planner.engine.tables import year_table

D = Decimal


def _origin_data(
    paychecks: dict[str, Any],
    *,
    compensation: int = 200_000,
    employer: int = 12_500,
    plan: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The origin case in 2018 (single, 40, $18,500 pre-tax, after-tax with in-service
    distributions) with the given paychecks."""
    return {
        "tax_year": 2018,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": compensation,
                "plan": {
                    "pretax_deferral": 18_500,
                    "employer_contribution": employer,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                    "paychecks": paychecks,
                    **(plan or {}),
                },
            }
        ],
    }


def _plan(
    paychecks: dict[str, Any],
    *,
    compensation: int = 200_000,
    employer: int = 12_500,
    plan: dict[str, Any] | None = None,
) -> PaycheckPlan:
    household = parse_household(
        _origin_data(paychecks, compensation=compensation, employer=employer, plan=plan)
    )
    result = compute_plan(household).people[0].paychecks
    assert result is not None
    return result


# Biweekly $7,692.31 (26 x = $200,000.06), match 100% of the first 6.25% ($12,500 on $200,000).
ORIGIN = {"pay_per_period": 7692.31, "match_rate": 1, "match_up_to": 0.0625}


def _elections(plan: PaycheckPlan) -> list[str]:
    return [election_text(election) for election in plan.elections]


def _sum(plan: PaycheckPlan, field: str) -> Decimal:
    return sum((getattr(row, field) for row in plan.paychecks), D(0))


def test_biweekly_2018_has_26_fridays_from_january_5() -> None:
    days = paydays(Paychecks.model_validate(ORIGIN), 2018)
    assert len(days) == 26
    assert days[0] == date(2018, 1, 5) and days[-1] == date(2018, 12, 21)


def test_origin_case_biweekly_from_january_ends_exactly_at_the_limits_with_the_full_match() -> None:
    plan = _plan(ORIGIN)
    # Pre-tax, IRC 402(g) $18,500: 9% = $692.31 a paycheck, 26 x = $18,000.06, short. 10% =
    # $769.23 reaches $18,500 on paycheck 25 (24 x = $18,461.52, $38.48 left), so paycheck 26
    # defers nothing and loses its $480.77 match. 10% for 7 paychecks then 9%: 7 x 769.23 +
    # 19 x 692.31 = $18,538.50, so payroll's 402(g) stop trims the last paycheck to $653.81, still
    # above the match's 6.25% x $7,692.31 = $480.77. The 8th paycheck is April 13.
    # After-tax, IRC 415(c) room $55,000 - $18,500 - $12,500 = $24,000: 12% = $923.08 a paycheck,
    # 26 x = $24,000.08, so the 415(c) stop trims the last one to $923.00.
    assert _elections(plan) == [
        "pre-tax 10% from January 5, 2018",
        "pre-tax 9% from April 13, 2018",
        "after-tax 12% from January 5, 2018",
    ]
    assert len(plan.paychecks) == 26
    last = plan.paychecks[-1]
    assert (last.pretax, last.after_tax, last.match) == (D("653.81"), D("923.00"), D("480.77"))
    assert plan.pretax_total == _sum(plan, "pretax") == D("18500")
    assert plan.after_tax_total == _sum(plan, "after_tax") == D("24000")
    # The match: 26 x 6.25% x $7,692.31 = $12,500.00375, to the cent $12,500: the full match.
    assert plan.match_total == _sum(plan, "match") == D("12500")
    assert plan.match_lost == 0
    assert last.deferrals_to_date == D("18500")
    assert last.annual_additions_to_date == D("55000")
    assert plan.explanations == ()


def test_origin_case_conversion_timing_costs_earnings_at_the_expected_return() -> None:
    plan = _plan(ORIGIN)
    by_frequency = {timing.frequency: timing.earnings for timing in plan.conversion_timings}
    # Moved each paycheck, the money collects nothing first.
    assert by_frequency["per_paycheck"] == 0
    # January 5's $923.08 left until December 31 (360 days) at 6%: 923.08 x (1.06 ** (360/365)
    # - 1) = $54.60; every later paycheck waits less, so the year's total is more than one
    # paycheck's and less than 26 of them.
    assert D("54.60") * 10 < by_frequency["annually"] < D("54.60") * 26
    assert 0 < by_frequency["monthly"] < by_frequency["quarterly"] < by_frequency["annually"]
    assert plan.recommended_conversion == "per_paycheck"


def test_a_july_start_still_reaches_the_limits() -> None:
    # Elections from July 1 with $9,250 pre-tax and $6,250 match in so far: 13 paychecks
    # remain (July 6 ... December 21). Pre-tax $9,250 to go: 9% = $692.31 x 13 = $9,000.03,
    # short by $249.97; each 10% paycheck adds $76.92, so 4 of them: $9,307.71, the last trimmed
    # to $634.60 (above $480.77). After-tax $24,000: 24% = $1,846.15 x 13 = $23,999.95, short;
    # 25% = $1,923.08, trimmed at 415(c) on the last paycheck to 24,000 - 12 x 1,923.08 = $923.04.
    plan = _plan(
        {**ORIGIN, "elections_start": "2018-07-01", "pretax_so_far": 9250, "match_so_far": 6250}
    )
    assert _elections(plan) == [
        "pre-tax 10% from July 6, 2018",
        "pre-tax 9% from August 31, 2018",
        "after-tax 25% from July 6, 2018",
    ]
    assert len(plan.paychecks) == 13
    assert plan.paychecks[-1].after_tax == D("923.04")
    assert (plan.pretax_total, plan.after_tax_total, plan.match_total) == (
        D("18500"),
        D("24000"),
        D("12500"),
    )
    assert plan.paychecks[-1].annual_additions_to_date == D("55000")


def test_match_received_so_far_without_a_formula_is_part_of_the_year_s_employer_money() -> None:
    # IRC 415(c)(2): the year's annual additions count the $12,500 of employer money once.
    # Without a match formula, the $6,250 received before July is part of that $12,500, so
    # $6,250 more is to come outside the paychecks and the after-tax money still reaches
    # $24,000 (55,000 - 18,500 - 12,500), not $17,750.
    plan = _plan(
        {
            "pay_per_period": 7692.31,
            "elections_start": "2018-07-01",
            "pretax_so_far": 9250,
            "match_so_far": 6250,
        }
    )
    assert plan.after_tax_total == D("24000")
    assert plan.employer_outside_paychecks == D("6250")
    assert plan.paychecks[-1].annual_additions_to_date == D("48750")


def test_a_july_start_says_what_the_plans_per_paycheck_cap_keeps_out() -> None:
    # The plan takes at most 10% of a paycheck after-tax: 13 x $769.23 = $9,999.99 of $24,000.
    plan = _plan(
        {
            **ORIGIN,
            "elections_start": "2018-07-01",
            "pretax_so_far": 9250,
            "match_so_far": 6250,
            "after_tax_cap_percent": 0.1,
        }
    )
    assert plan.after_tax_total == D("9999.99")
    assert plan.explanations == (
        # July 1, 2018 is a Sunday: biweekly Fridays from January 5 give July 6.
        "July 1, 2018 is not a payday on this schedule: the elections start with the paycheck"
        " of July 6, 2018. If payday falls on another day, enter the year's first payday.",
        "The after-tax money reaches $9,999.99 of $24,000 by the last paycheck: the plan takes "
        "at most 10% of each paycheck after-tax.",
    )


def test_one_paycheck_left_is_said_in_the_singular() -> None:
    # Biweekly 2018 paydays are Fridays from January 5: December 21 is the 26th and last.
    # 26 x $10,600 is $275,600, so the plan counts $10,000 of the last paycheck (IRC
    # 401(a)(17): $275,000), less than payroll tax leaves ($10,600 less $153.70 Medicare and
    # $95.40 additional Medicare): the elections can take at most that one paycheck's $10,000.
    plan = _plan(
        {
            **ORIGIN,
            "pay_per_period": 10_600,
            "elections_start": "2018-12-20",
            "pretax_so_far": 18_000,
        },
        compensation=275_600,
    )
    (after_tax,) = [s for s in plan.explanations if s.startswith("The after-tax money reaches")]
    assert after_tax.endswith(
        ": 1 paycheck remains from December 21, 2018 and the rest of each paycheck goes to "
        "the other elections."
    )


def test_a_july_start_with_nothing_in_yet_says_the_match_already_lost() -> None:
    # No true-up and nothing deferred before July: those 13 paychecks got no match, and the
    # 13 left can bring at most 13 x $480.77 = $6,250 (to the cent) of the $12,500 formula.
    plan = _plan({**ORIGIN, "elections_start": "2018-07-01"})
    assert plan.pretax_total == D("18500")
    assert plan.match_total == D("6250")
    assert plan.match_lost == D("6250")
    assert any(
        sentence.startswith("$6,250 of match is lost (the plan matches each paycheck alone")
        for sentence in plan.explanations
    )


def test_no_true_up_loses_match_that_a_true_up_pays() -> None:
    # $17,000 pre-tax and $6,250 match in by July (front-loaded); $1,500 left for 13 paychecks
    # is $115.38 each, under the $480.77 the match needs: the per-paycheck match is $1,500.
    # The year's formula is 100% x min($18,500, 6.25% x $200,000.06) = $12,500; without a
    # true-up $12,500 - $6,250 - $1,500 = $4,750 is lost, with one it is paid after the year.
    front_loaded = {
        **ORIGIN,
        "elections_start": "2018-07-01",
        "pretax_so_far": 17000,
        "match_so_far": 6250,
    }
    plan = _plan(front_loaded)
    assert plan.pretax_total == D("18500")
    assert plan.match_total == D("7750")
    assert plan.match_lost == D("4750")
    trued_up = _plan({**front_loaded, "match_true_up": True})
    assert (trued_up.match_true_up, trued_up.match_total, trued_up.match_lost) == (
        D("4750"),
        D("12500"),
        D("0"),
    )


def test_weekly_pay_two_elections() -> None:
    # 52 Fridays (January 5 ... December 28), $3,846.15, match 50% of the first 6%. 9% =
    # $346.15 (346.1535), 52 x = $17,999.80; each 10% paycheck ($384.62) adds $38.47, so 14 of
    # them (to April 6): $18,538.38, the last trimmed to $307.77 (above 6% x 3,846.15 = $230.77).
    # Match 52 x 50% x $230.769 = $5,999.994, to the cent $5,999.99.
    plan = _plan(
        {"frequency": "weekly", "pay_per_period": 3846.15, "match_rate": 0.5, "match_up_to": 0.06},
        employer=6_000,
    )
    assert len(plan.paychecks) == 52
    assert _elections(plan)[:2] == [
        "pre-tax 10% from January 5, 2018",
        "pre-tax 9% from April 13, 2018",
    ]
    assert plan.paychecks[-1].pretax == D("307.77")
    assert plan.pretax_total == D("18500")
    assert (plan.match_total, plan.match_lost) == (D("5999.99"), 0)
    # 415(c): what is left after $18,500 and $5,999.99 goes in after-tax, to the cent.
    assert plan.paychecks[-1].annual_additions_to_date == D("55000")


def test_semi_monthly_pay_two_elections() -> None:
    # The 15th and the last day: 24 paychecks of $8,333.33. 9% = $750.00 (749.9997), 24 x =
    # $18,000; each 10% paycheck ($833.33) adds $83.33, so 7 (to April 15): $18,583.31, the
    # last trimmed to $666.69. Match 24 x 50% x 6% x 8,333.33 = $5,999.9976 -> $6,000.00.
    plan = _plan(
        {
            "frequency": "semi_monthly",
            "pay_per_period": 8333.33,
            "match_rate": 0.5,
            "match_up_to": 0.06,
        },
        employer=6_000,
    )
    assert len(plan.paychecks) == 24
    assert plan.paychecks[0].paid_on == date(2018, 1, 15)
    assert plan.paychecks[-1].paid_on == date(2018, 12, 31)
    assert _elections(plan)[:2] == [
        "pre-tax 10% from January 15, 2018",
        "pre-tax 9% from April 30, 2018",
    ]
    assert plan.paychecks[-1].pretax == D("666.69")
    assert (plan.pretax_total, plan.match_total, plan.match_lost) == (D("18500"), D("6000"), 0)


def test_a_bonus_month() -> None:
    # Biweekly $5,769.23 plus a $30,000 bonus on March 15, paid with the March 16 paycheck
    # ($35,769.23); match 100% of the first 5%. 10% all year: 25 x 576.92 + 3,576.92 = $17,999.92,
    # short; 11% all year ($634.62, bonus $3,934.62) reaches 402(g) in November and the last
    # paychecks lose match. 11% through the bonus paycheck (6 paychecks: 5 x 634.62 + 3,934.62
    # = $7,107.72) then 10% for 20 (20 x 576.92 = $11,538.40): $18,646.12, the last trimmed to
    # $430.80, above 5% x 5,769.23 = $288.46. The bonus paycheck's match: 5% x 35,769.23.
    plan = _plan(
        {
            "pay_per_period": 5769.23,
            "match_rate": 1,
            "match_up_to": 0.05,
            "bonuses": [{"paid_on": "2018-03-15", "amount": 30000}],
        },
        compensation=180_000,
        employer=9_000,
    )
    bonus_check = plan.paychecks[5]
    assert (bonus_check.paid_on, bonus_check.pay) == (date(2018, 3, 16), D("35769.23"))
    assert (bonus_check.pretax, bonus_check.match) == (D("3934.62"), D("1788.46"))
    assert _elections(plan)[:2] == [
        "pre-tax 11% from January 5, 2018",
        "pre-tax 10% from March 30, 2018",
    ]
    assert plan.paychecks[-1].pretax == D("430.80")
    # Match 5% x $179,999.98 = $8,999.999 -> $9,000.00, none lost.
    assert (plan.pretax_total, plan.match_total, plan.match_lost) == (D("18500"), D("9000"), 0)


def test_the_401a17_limit_is_reached_partway_through_the_year() -> None:
    # $400,000 a year biweekly ($15,384.62): 17 paychecks are $261,538.54, so the 18th (August
    # 31) counts only $13,461.46 of the $275,000 limit and the 8 after it count nothing: they
    # take no deferral and no match. Match 50% of 6%: 50% x 6% x $275,000 = $8,250.
    plan = _plan(
        {"pay_per_period": 15384.62, "match_rate": 0.5, "match_up_to": 0.06},
        compensation=400_000,
        employer=8_250,
    )
    assert plan.compensation_limit_reached_on == date(2018, 8, 31)
    assert plan.paychecks[17].plan_pay == D("13461.46")
    assert all(row.plan_pay == row.pretax == row.match == 0 for row in plan.paychecks[18:])
    assert plan.pretax_total == D("18500")
    assert (plan.match_total, plan.match_lost) == (D("8250"), 0)
    # The 18th paycheck defers at least the 6% of its $13,461.46 the match needs ($807.69).
    assert plan.paychecks[17].pretax >= D("807.69")
    assert plan.explanations[0].startswith(
        "Your pay reaches the $275,000 compensation limit (IRC 401(a)(17)) on August 31, 2018"
    )


def test_decimal_percents_and_dollars_take_one_election() -> None:
    # 9.3% of $7,692.31 = $715.38; 26 x = $18,599.88, the last trimmed to $615.50 (> $480.77).
    tenths = _plan({**ORIGIN, "election_unit": "tenth_percent"})
    assert _elections(tenths) == [
        "pre-tax 9.3% from January 5, 2018",
        "after-tax 12% from January 5, 2018",
    ]
    # $712 x 26 = $18,512, the last trimmed to $700; $924 x 26 = $24,024, the last to $900.
    dollars = _plan({**ORIGIN, "election_unit": "dollars"})
    assert _elections(dollars) == [
        "pre-tax $712 a paycheck from January 5, 2018",
        "after-tax $924 a paycheck from January 5, 2018",
    ]
    for plan in (tenths, dollars):
        assert (plan.pretax_total, plan.after_tax_total, plan.match_total) == (
            D("18500"),
            D("24000"),
            D("12500"),
        )


def test_without_paychecks_the_result_is_unchanged() -> None:
    household = parse_household(
        {
            "tax_year": 2018,
            "filing_status": "single",
            "people": [{"age": 40, "compensation": 200_000, "plan": {"pretax_deferral": 18_500}}],
        }
    )
    assert compute_plan(household).people[0].paychecks is None


def test_paydays_outside_the_tax_year_are_refused_next_to_the_field() -> None:
    data = {
        "tax_year": 2018,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": 200_000,
                "plan": {
                    "paychecks": {
                        **ORIGIN,
                        "elections_start": "2019-01-04",
                        "bonuses": [{"paid_on": "2018-03-15", "amount": 5}, {"paid_on": 5}],
                    }
                },
            }
        ],
    }
    with pytest.raises(InvalidInput) as refused:
        parse_household(data)
    errors = refused.value.errors
    where = "people.0.plan.paychecks."
    assert errors[where + "bonuses.1.paid_on"] == ["Enter a date as YYYY-MM-DD, like 2026-01-15."]
    assert errors[where + "bonuses.1.amount"] == ["This field is required."]
    del data["people"][0]["plan"]["paychecks"]["bonuses"]
    with pytest.raises(InvalidInput) as refused:
        parse_household(data)
    assert refused.value.errors == {
        where + "elections_start": ["Must be a date in 2018, the tax year."]
    }


def test_the_election_changes_and_sentence_name_each_payday() -> None:
    plan = _plan(ORIGIN)
    assert election_changes(plan) == [
        (date(2018, 1, 5), "pre-tax 10%, after-tax 12%"),
        (date(2018, 4, 13), "pre-tax 9%"),
    ]
    assert election_sentence(plan) == (
        "Set pre-tax 10%, after-tax 12% from January 5, 2018; then pre-tax 9% from April 13, 2018."
    )


def test_the_verdict_says_what_to_set_and_from_when() -> None:
    household = parse_household(
        {
            "tax_year": 2018,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 200_000,
                    "plan": {
                        "pretax_deferral": 18_500,
                        "employer_contribution": 12_500,
                        "allows_after_tax": True,
                        "allows_in_service_distribution": True,
                        "paychecks": ORIGIN,
                    },
                }
            ],
        }
    )
    verdict = compute_plan(household).verdict
    assert verdict is not None
    assert verdict.sentences[-1] == (
        "Set pre-tax 10%, after-tax 12% from January 5, 2018; then pre-tax 9% from April 13, 2018."
    )


def test_the_checklist_dates_each_election_change() -> None:
    household = parse_household(
        {
            "tax_year": 2018,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 200_000,
                    "plan": {
                        "pretax_deferral": 18_500,
                        "employer_contribution": 12_500,
                        "allows_after_tax": True,
                        "allows_in_service_distribution": True,
                        "paychecks": ORIGIN,
                    },
                }
            ],
        }
    )
    actions = action_checklist(household, compute_plan(household))
    assert [(action.due, action.title) for action in actions[:2]] == [
        (date(2018, 1, 5), "Set pre-tax 10%, after-tax 12% from January 5, 2018"),
        (date(2018, 4, 13), "Change to pre-tax 9% from April 13, 2018"),
    ]


def test_the_mega_backdoors_earnings_come_from_the_paycheck_dates() -> None:
    # Monthly conversions: the earnings the paycheck timing gives are the mega backdoor's own
    # (what is taxed when the money moves), so the page shows one figure.
    household = parse_household(
        {
            "tax_year": 2018,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 200_000,
                    "plan": {
                        "pretax_deferral": 18_500,
                        "employer_contribution": 12_500,
                        "allows_after_tax": True,
                        "allows_in_plan_roth_conversion": True,
                        "conversion_frequency": "monthly",
                        "paychecks": ORIGIN,
                    },
                }
            ],
        }
    )
    person = compute_plan(household).people[0]
    assert person.paychecks is not None
    monthly = {t.frequency: t.earnings for t in person.paychecks.conversion_timings}["monthly"]
    assert monthly > 0
    assert person.mega_backdoor_roth.earnings == person.mega_backdoor_roth.taxable_amount == monthly


@st.composite
def _paycheck_households(draw: st.DrawFn) -> dict[str, Any]:
    pay = draw(st.integers(min_value=0, max_value=40_000))
    frequency = draw(st.sampled_from(["weekly", "biweekly", "semi_monthly", "monthly"]))
    paychecks: dict[str, Any] = {
        "frequency": frequency,
        "pay_per_period": pay,
        "elections_start": draw(st.sampled_from([None, "2018-03-01", "2018-07-01", "2018-12-30"])),
        "pretax_so_far": draw(st.integers(min_value=0, max_value=20_000)),
        "match_so_far": draw(st.integers(min_value=0, max_value=10_000)),
        "match_rate": draw(st.sampled_from([0, 0.5, 1])),
        "match_up_to": draw(st.sampled_from([0, 0.03, 0.06, 0.0625])),
        "match_true_up": draw(st.booleans()),
        "election_unit": draw(st.sampled_from(["whole_percent", "tenth_percent", "dollars"])),
        "after_tax_cap_percent": draw(st.sampled_from([None, 0, 0.1, 0.5])),
        "pretax_cap_percent": draw(st.sampled_from([None, 0.05, 0.75])),
        "bonuses": draw(
            st.lists(
                st.fixed_dictionaries(
                    {
                        "paid_on": st.dates(date(2018, 1, 1), date(2018, 12, 31)).map(str),
                        "amount": st.integers(min_value=0, max_value=200_000),
                    }
                ),
                max_size=2,
            )
        ),
    }
    compensation = draw(st.integers(min_value=0, max_value=600_000))
    pretax = draw(st.integers(min_value=0, max_value=min(18_500, compensation)))
    roth = draw(st.integers(min_value=0, max_value=min(18_500 - pretax, compensation - pretax)))
    return {
        "tax_year": 2018,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": compensation,
                "plan": {
                    "pretax_deferral": pretax,
                    "roth_deferral": roth,
                    "employer_contribution": draw(st.integers(min_value=0, max_value=30_000)),
                    "allows_after_tax": draw(st.booleans()),
                    "allows_in_service_distribution": True,
                    "paychecks": paychecks,
                },
            }
        ],
    }


@settings(max_examples=60, deadline=None)
@given(_paycheck_households())
def test_no_paycheck_goes_past_a_limit_or_below_zero(data: dict[str, Any]) -> None:
    # IRC 402(g): deferrals stop at $18,500 (age 40, 2018); IRC 415(c): annual additions stop
    # at $55,000 or 100% of pay; a paycheck never takes more than the pay the plan counts,
    # nor more than Medicare tax alone leaves of it (IRC 3101(b)(1), 1.45% of all wages).
    plan = _plan_of(data)
    limit = min(D(55_000), D(data["people"][0]["compensation"]))
    for row in plan.paychecks:
        parts = (row.pretax, row.roth, row.after_tax, row.match)
        assert all(part >= 0 for part in parts)
        assert row.pretax + row.roth + row.after_tax <= row.plan_pay <= row.pay
        medicare = (row.pay * D("0.0145")).quantize(D("0.01"), ROUND_HALF_UP)
        assert row.pretax + row.roth + row.after_tax <= row.pay - medicare
        assert row.deferrals_to_date <= D(18_500) or row.pretax + row.roth == 0
        assert row.annual_additions_to_date <= limit or row.after_tax + row.match == 0
    assert plan.match_lost >= 0


def _plan_of(data: dict[str, Any]) -> PaycheckPlan:
    result = compute_plan(parse_household(data)).people[0].paychecks
    assert result is not None
    return result


def test_employer_money_given_in_dollars_keeps_its_415c_room_outside_the_paychecks() -> None:
    # IRC 415(c) counts every employer dollar. Without a match formula the $12,500 is not
    # tied to paychecks: the after-tax money stops at $55,000 - $18,500 - $12,500 = $24,000,
    # and the paychecks' 415(c) column ends at $42,500.
    plan = _plan({"pay_per_period": 7692.31})
    assert plan.employer_outside_paychecks == D("12500")
    assert plan.match_total == 0
    assert plan.after_tax_total == D("24000")
    assert plan.paychecks[-1].annual_additions_to_date == D("42500")
    # With the formula paying the whole $12,500 on the paychecks, nothing is outside them.
    assert _plan(ORIGIN).employer_outside_paychecks == 0


def _origin_verdict(paychecks: dict[str, Any]) -> Any:
    return compute_plan(parse_household(_origin_data(paychecks))).verdict


def test_the_answer_says_when_the_paychecks_cannot_carry_the_after_tax_figure() -> None:
    # From December 20, 2018 one paycheck is left: it carries $7,076.93 of the $24,000
    # after-tax figure (what Social Security and Medicare tax leave of it, below), and the
    # answer says so beside the figure it gives.
    late = {**ORIGIN, "elections_start": "2018-12-20", "pretax_so_far": 18_000}
    verdict = _origin_verdict(late)
    # The figures count what the paychecks carry: $7,076.93 after-tax and the $5,500 backdoor.
    short = (
        "Your paychecks carry only $7,076.93 of the $24,000 after-tax figure, so that is what"
        " counts: see the paycheck plan."
    )
    assert verdict.headline.startswith("Do both: $12,576.93 to Roth for $0 of tax now. " + short)
    assert verdict.sentences[0].startswith(
        "Do the mega backdoor: contribute $7,076.93 after-tax to the 401(k)"
    )
    assert verdict.sentences[0].endswith("The IRA balance does not affect it. " + short)
    # From January the paychecks carry all of it, and nothing is added.
    on_time = _origin_verdict(ORIGIN)
    assert "paychecks carry only" not in " ".join((on_time.headline, *on_time.sentences))


def test_elections_dated_before_today_are_said_to_have_passed() -> None:
    # Elections from January 5, 2018, read on December 5, 2018: the sentence says the date
    # has gone and what would plan the paychecks left; read without a date, it does not.
    from datetime import date

    household = parse_household(_origin_data(ORIGIN))
    late = compute_plan(household, date(2018, 12, 5)).verdict
    (elections,) = [s for s in late.sentences if s.startswith("Set ")]
    assert elections.endswith(
        "That date has passed: to plan the paychecks left, give the date the elections can "
        "start and what is in so far."
    )
    on_time = compute_plan(household, date(2018, 1, 2)).verdict
    assert not any("has passed" in s for s in on_time.sentences)
    assert not any("has passed" in s for s in compute_plan(household).verdict.sentences)


def test_the_year_counts_the_after_tax_money_the_paychecks_carry() -> None:
    # IRC 415(c) annual additions are what is contributed: from December 20, 2018 one
    # paycheck carries $7,076.93 of the $24,000 room, so the mega backdoor, the totals, the
    # checklist and the Form 1099-R are $7,076.93; the paycheck plan still says what was
    # asked for and why it falls short.
    from planner.engine.checklist import action_checklist
    from planner.engine.tax_documents import expected_tax_documents

    late = {**ORIGIN, "elections_start": "2018-12-20", "pretax_so_far": 18_000}
    household = parse_household(_origin_data(late))
    result = compute_plan(household)
    mega = result.people[0].mega_backdoor_roth
    assert (mega.after_tax_contribution, mega.after_tax_beyond_paychecks) == (
        D("7076.93"),
        D("16923.07"),
    )
    assert result.totals.mega_backdoor_roth.roth_added == mega.roth_added >= D("7076.93")
    assert result.decision.people[0].mega.after_tax_contribution == D("7076.93")
    titles = [action.title for action in action_checklist(household, result)]
    assert "Contribute $7,076.93 after-tax to the 401(k) through payroll" in titles
    rollover = next(
        move
        for move in expected_tax_documents(household, result)
        if move.move.startswith("in_service")
    )
    assert rollover.forms_1099r[0].box_1 == mega.roth_added
    paychecks = result.people[0].paychecks
    assert paychecks.after_tax_target == D("24000")
    assert paychecks.explanations[1].startswith(
        "The after-tax money reaches $7,076.93 of $24,000 by the last paycheck"
    )


def test_payroll_tax_is_withheld_from_each_paycheck_by_the_years_wages() -> None:
    # IRC 3101(a): 6.2% Social Security on wages up to the contribution and benefit base
    # ($184,500 for 2026, SSA); IRC 3101(b)(1): 1.45% Medicare on all wages; IRC 3101(b)(2)
    # and 3102(f)(1): 0.9% more withheld on the wages an employer pays above $200,000.
    table = year_table(2026)
    assert payroll_tax(table, 0, 1_000_000) == 62_000 + 14_500
    # $180,000 paid before: $4,500 of this $10,000 is under the wage base.
    assert payroll_tax(table, 18_000_000, 1_000_000) == 27_900 + 14_500
    # $195,000 paid before: no Social Security; $5,000 of it is above $200,000.
    assert payroll_tax(table, 19_500_000, 1_000_000) == 14_500 + 4_500
    assert payroll_tax(table, 25_000_000, 1_000_000) == 14_500 + 9_000
    # Each part is rounded to the cent, as a pay stub shows it: 1.45% of $7,692.31 is
    # $111.5385, withheld as $111.54.
    assert payroll_tax(year_table(2018), 19_230_775, 769_231) == 11_154


def test_the_elections_take_at_most_what_payroll_tax_leaves_of_a_paycheck() -> None:
    # December 21, 2018 is the 26th biweekly paycheck of $7,692.31: $192,307.75 was paid
    # before it, past the $128,400 wage base, and $200,000.06 after it, $0.06 above the
    # additional Medicare threshold ($0.0005 of tax, rounded to $0). Its payroll tax is 1.45%
    # Medicare, $111.54, which leaves $7,580.77; less the last $500 pre-tax, $7,080.77 for
    # after-tax money. In whole percents of $7,692.31 that is 92% ($7,076.93): 93%
    # ($7,153.85) would ask more than the paycheck has left.
    late = _plan({**ORIGIN, "elections_start": "2018-12-20", "pretax_so_far": 18_000})
    (row,) = late.paychecks
    assert (row.pretax, row.after_tax) == (D("500"), D("7076.93"))
    assert [election_text(e) for e in late.elections] == [
        "pre-tax 7% from December 21, 2018",
        "after-tax 92% from December 21, 2018",
    ]
    assert (
        "The after-tax money reaches $7,076.93 of $24,000 by the last paycheck: Social"
        " Security and Medicare tax come out of the same pay, and a higher election would ask"
        " more than the $7,580.77 it leaves of the paycheck of December 21, 2018."
    ) in late.explanations
    assert (
        "On the paycheck of December 21, 2018 the elections take nearly all that Social"
        " Security and Medicare tax leave: $7,692.31 less $111.54 of that tax (IRC 3101)"
        " leaves $7,580.77. Income tax withheld comes out of the same pay, so payroll may take"
        " less than elected: check what the pay stub leaves before the elections."
    ) in late.explanations
    # A whole year's elections (10% and 12% of pay) leave plenty.
    assert not any("Social Security and Medicare" in s for s in _plan(ORIGIN).explanations)


def test_one_paycheck_left_carries_all_of_the_after_tax_money_in_the_checklist() -> None:
    from planner.engine.checklist import action_checklist

    late = {**ORIGIN, "elections_start": "2018-12-20", "pretax_so_far": 18_000}
    household = parse_household(_origin_data(late))
    (contribute,) = [
        action
        for action in action_checklist(household, compute_plan(household))
        if action.title.startswith("Contribute $7,076.93 after-tax")
    ]
    assert contribute.detail.startswith("All of it from the one paycheck left, December 21, 2018.")


def test_after_tax_money_already_in_is_not_asked_for_again() -> None:
    # A walk in December: $8,000 of after-tax money is in; the last paycheck carries the rest.
    # The year's figure counts both (415(c) annual additions, IRC 415(c)(2)); the checklist
    # and the answer ask only for what is left.
    from planner.engine.checklist import action_checklist
    from planner.engine.money import format_money

    late = {
        **ORIGIN,
        "elections_start": "2018-12-21",
        "pretax_so_far": 18_000,
        "after_tax_so_far": 8_000,
        "match_so_far": 11_538.46,
    }
    household = parse_household(_origin_data(late))
    result = compute_plan(household)
    paychecks = result.people[0].paychecks
    assert paychecks is not None
    left = _sum(paychecks, "after_tax")
    year = result.decision.people[0].mega.after_tax_contribution
    assert year == paychecks.after_tax_total == left + 8_000
    (contribute,) = [
        action
        for action in action_checklist(household, result)
        if "after-tax to the 401(k)" in action.title
    ]
    assert contribute.title == (
        f"Contribute {format_money(left)} after-tax to the 401(k) through payroll"
    )
    assert contribute.detail.startswith(
        f"$8,000 is already in: {format_money(year)} for the year. All of it from the one "
        "paycheck left, December 21, 2018."
    )
    assert (
        f"Do the mega backdoor: contribute {format_money(left)} more after-tax to the 401(k) "
        "($8,000 is already in)" in result.verdict.sentences[0]
    )


def test_the_headline_says_its_figures_take_passed_elections_as_in_place() -> None:
    # Read on December 5, 2018 with elections planned from January 5: the $24,000 after-tax
    # holds only if those elections are in place; a December visit that never set them has
    # one paycheck left, so the headline itself says what to give (not only the small print).
    household = parse_household(_origin_data(ORIGIN))
    headline = compute_plan(household, date(2018, 12, 5)).verdict.headline
    assert headline.endswith(
        "These figures take your paycheck elections as in place since January 5, 2018: if they"
        " are not, give the paychecks step the date they can start and what is in so far, to"
        " see what the paychecks left can carry."
    )
    # On January 2 the elections are still ahead, and without a date nothing is said.
    assert "as in place" not in compute_plan(household, date(2018, 1, 2)).verdict.headline
    assert "as in place" not in compute_plan(household).verdict.headline


def test_a_catch_up_that_must_be_roth_is_elected_as_roth() -> None:
    # IRC 414(v)(7) (SECURE 2.0 sec. 603), from 2026: with last year's FICA wages above
    # $150,000 (Notice 2025-67), the catch-up is Roth. $32,500 entered pre-tax at 52 is
    # $24,500 pre-tax (payroll stops there) and $8,000 Roth, as the tax is worked out.
    data = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 52,
                "compensation": 310_000,
                "prior_year_fica_wages": 300_000,
                "plan": {
                    "pretax_deferral": 32_500,
                    "employer_contribution": 9_300,
                    "paychecks": {"pay_per_period": 11_923.08, "election_unit": "dollars"},
                },
            }
        ],
    }
    plan = compute_plan(parse_household(data)).people[0].paychecks
    assert plan is not None
    assert (plan.pretax_target, plan.roth_target) == (D("24500"), D("8000"))
    assert plan.pretax_total == D("24500")
    assert plan.roth_total == D("8000")
    assert plan.explanations[0] == (
        "The $8,000 catch-up is elected as Roth: with last year's Social Security wages from "
        "this employer above $150,000, it must be (IRC 414(v)(7))."
    )
    # The warning's remedy says the elections already do it, not to move it again.
    result = compute_plan(parse_household(data))
    (warning,) = [w for w in result.warnings if w.code == "roth_catch_up_required"]
    assert warning.remedy.startswith("The paycheck elections already put it in Roth")
    # Not given, last year's wages are this year's pay, and the sentence says so.
    del data["people"][0]["prior_year_fica_wages"]
    plan = compute_plan(parse_household(data)).people[0].paychecks
    assert plan is not None and plan.explanations[0].startswith(
        "The $8,000 catch-up is elected as Roth: with this year's pay standing in for last "
        "year's Social Security wages"
    )
    data["people"][0]["prior_year_fica_wages"] = 300_000
    # Below the threshold the catch-up may stay pre-tax.
    data["people"][0]["prior_year_fica_wages"] = 140_000
    plan = compute_plan(parse_household(data)).people[0].paychecks
    assert plan is not None and plan.pretax_total == D("32500") and plan.roth_total == 0


def test_after_tax_money_with_no_known_way_to_roth_gets_no_election() -> None:
    # Bogleheads "Mega-backdoor Roth", tax-rules 4.4: after-tax money left in the plan
    # grows with earnings taxed when paid out. With the way out "not sure", the answer
    # counts none of the after-tax room, and the elections put none in.
    data = _origin_data(
        ORIGIN,
        plan={"allows_in_service_distribution": None, "allows_in_plan_roth_conversion": False},
    )
    result = compute_plan(parse_household(data))
    plan = result.people[0].paychecks
    assert plan is not None
    assert plan.after_tax_total == 0
    assert {e.source for e in plan.elections} == {"pretax"}
    assert plan.explanations[0] == (
        "No after-tax election: with no known way to move it to Roth (in-service "
        "distributions or in-plan Roth conversions), the $24,000 of after-tax room would "
        "stay in the plan, its earnings taxed when paid out."
    )
    # Said yes, the elections carry it (the origin case: $24,000 after-tax).
    data["people"][0]["plan"]["allows_in_service_distribution"] = True
    assert compute_plan(parse_household(data)).people[0].paychecks.after_tax_total == D("24000")


def test_after_tax_money_already_in_earns_until_it_moves_too() -> None:
    # A mid-year audit: with annual conversion, $14,000 already in gave $62.16 of earnings and
    # $0 in gave $213.14: only the paychecks ahead were counted. Money in since earlier waits
    # longer. 2026, semi-monthly $8,000 (paid the 15th and the last day), elections from
    # August 15; the $14,000 is spread over the 14 paydays before it ($1,000 each), each
    # growing at 6% a year, (1.06) ** (days / 365) - 1, to December 31 (the annual move).
    import math

    data: dict[str, Any] = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 38,
                "compensation": 192_000,
                "plan": {
                    "pretax_deferral": 0,
                    "roth_deferral": 24_500,
                    "employer_contribution": 11_520,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                    "after_tax_cap_percent": 0.10,
                    "conversion_frequency": "annually",
                    "paychecks": {
                        "frequency": "semi_monthly",
                        "pay_per_period": 8000,
                        "elections_start": "2026-08-15",
                        "roth_so_far": 14_000,
                        "after_tax_so_far": 14_000,
                        "match_so_far": 6720,
                        "match_rate": 1,
                        "match_up_to": 0.06,
                    },
                },
            }
        ],
    }
    plan = _plan_of(data)
    year_end = date(2026, 12, 31)
    before = [date(2026, m, d) for m in range(1, 8) for d in (15, calendar.monthrange(2026, m)[1])]
    assert len(before) == 14
    grown = [(day, 1000.0) for day in before] + [
        (row.paid_on, float(row.after_tax)) for row in plan.paychecks
    ]
    expected = sum(amount * (1.06 ** ((year_end - day).days / 365) - 1) for day, amount in grown)
    (annual,) = [t for t in plan.conversion_timings if t.frequency.value == "annually"]
    assert math.isclose(float(annual.earnings), expected, abs_tol=0.02)
    data["people"][0]["plan"]["paychecks"]["after_tax_so_far"] = 0
    (none_in,) = [t for t in _plan_of(data).conversion_timings if t.frequency.value == "annually"]
    assert annual.earnings > none_in.earnings


@pytest.mark.parametrize("so_far", [8_000, 24_000])
def test_with_no_payday_left_the_money_in_is_not_asked_for_again(so_far: int) -> None:
    # A review: elections from December 28, 2018, after the last payday (December 21): the
    # answer and the checklist asked to "contribute $8,000" already in, or "$0 more". What is
    # in is the year's (415(c)); only its move to Roth is left.
    from planner.engine.checklist import Step, action_checklist

    late = {**ORIGIN, "elections_start": "2018-12-28", "pretax_so_far": 18_500}
    late["after_tax_so_far"] = so_far
    household = parse_household(_origin_data(late))
    result = compute_plan(household, date(2018, 12, 27))
    mega = result.decision.people[0].mega
    assert mega.after_tax_contribution == so_far
    actions = action_checklist(household, result)
    kinds = [action.kind for action in actions]
    assert Step.AFTER_TAX_CONTRIBUTION not in kinds and Step.AFTER_TAX_MOVE in kinds
    (move,) = [action for action in actions if action.kind is Step.AFTER_TAX_MOVE]
    assert move.detail.startswith("Do it now: no paycheck is left this year")
    words = " ".join(result.verdict.sentences)
    assert "contribute" not in words.split("Do the mega backdoor:")[1].split(".")[0]
    assert (
        f"Do the mega backdoor: the ${so_far:,} of after-tax money is in the 401(k): roll it "
        "out to a Roth IRA" in words
    )
