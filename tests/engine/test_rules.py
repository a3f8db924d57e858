"""Rule-by-rule tests, each citing the source of the rule (tax-rules.md sections in brackets)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine import compute_plan, parse_household, plan_from_dict
from planner.engine.backdoor import direct_roth_allowed, form_8606
from planner.engine.tables import PhaseOutRange
from tests.engine.helpers import household, person


def _mega(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    mega: dict[str, Any] = result["people"][index]["mega_backdoor_roth"]
    return mega


def _backdoor(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    backdoor: dict[str, Any] = result["people"][index]["backdoor_roth"]
    return backdoor


# ---------------------------------------------------------------- 402(g), catch-up, 415(c)

CATCH_UPS = [
    pytest.param(2025, 49, 0, id="2025-age-49-none-IRC-414v"),
    pytest.param(2025, 50, 7500, id="2025-age-50-regular-Notice-2024-80"),
    pytest.param(2025, 59, 7500, id="2025-age-59-regular"),
    pytest.param(2025, 60, 11250, id="2025-age-60-super-SECURE2-s109"),
    pytest.param(2025, 63, 11250, id="2025-age-63-super"),
    pytest.param(2025, 64, 7500, id="2025-age-64-back-to-regular"),
    pytest.param(2024, 61, 7500, id="2024-age-61-no-super-before-2025"),
    pytest.param(2026, 62, 11250, id="2026-age-62-super-Notice-2025-67-not-150pct-of-8000"),
]


@pytest.mark.parametrize(("year", "age", "catch_up"), CATCH_UPS)
def test_it_applies_the_catch_up_for_the_age(year: int, age: int, catch_up: int) -> None:
    data = household(tax_year=year, people=[person(age=age, plan={"pretax_deferral": 20000})])
    assert _mega(plan_from_dict(data))["catch_up_limit"] == catch_up


def test_it_keeps_catch_up_out_of_415c_room() -> None:
    # IRC 414(v)(3)(A); golden case e: 69,000 - 23,000 - 11,500 = 34,500, not 27,000.
    data = household(
        tax_year=2024,
        people=[
            person(
                age=52,
                compensation=300000,
                plan={"pretax_deferral": 30500, "employer_contribution": 11500},
            )
        ],
    )
    mega = _mega(plan_from_dict(data))
    assert (mega["catch_up"], mega["after_tax_room"]) == (7500, 34500)


def test_it_caps_415c_at_compensation() -> None:
    # IRC 415(c)(1)(B); golden case g.
    data = household(
        people=[
            person(
                compensation=50000, plan={"pretax_deferral": 24500, "employer_contribution": 12500}
            )
        ]
    )
    mega = _mega(plan_from_dict(data))
    assert (mega["annual_additions_limit"], mega["after_tax_room"]) == (50000, 13000)


def test_it_bases_the_percent_cap_on_401a17_pay() -> None:
    # Plan percent-of-pay formulas use pay limited by IRC 401(a)(17) ($360,000 for 2026).
    data = household(people=[person(compensation=500000, plan={"after_tax_cap_percent": 0.05})])
    assert _mega(plan_from_dict(data))["after_tax_cap_amount"] == 18000


def test_it_takes_the_least_of_room_caps_and_ask() -> None:
    data = household(
        people=[person(plan={"after_tax_cap": 20000, "after_tax_contribution": 15000})]
    )
    assert _mega(plan_from_dict(data))["after_tax_contribution"] == 15000
    data = household(people=[person(plan={"after_tax_cap": 20000})])
    assert _mega(plan_from_dict(data))["after_tax_contribution"] == 20000


def test_it_allows_no_after_tax_money_without_the_feature() -> None:
    data = household(
        people=[person(plan={"allows_after_tax": False, "after_tax_contribution": 5000})]
    )
    mega = _mega(plan_from_dict(data))
    assert (mega["available"], mega["after_tax_contribution"], mega["roth_added"]) == (False, 0, 0)


ROUTES = [
    pytest.param(True, True, "rollover_to_roth_ira", id="in-service-first"),
    pytest.param(False, True, "in_plan_conversion", id="in-plan-second"),
    pytest.param(False, False, "stay_in_plan", id="neither"),
]


@pytest.mark.parametrize(("in_service", "in_plan", "route"), ROUTES)
def test_it_picks_the_default_route(in_service: bool, in_plan: bool, route: str) -> None:
    plan = {"allows_in_service_distribution": in_service, "allows_in_plan_roth_conversion": in_plan}
    assert _mega(plan_from_dict(household(people=[person(plan=plan)])))["route"] == route


EARNINGS = [
    # 35,000 x ((1.06) ** (1 / (2 x periods per year)) - 1): average wait is half a period.
    pytest.param("per_paycheck", 0, id="per-paycheck"),
    pytest.param("monthly", 85.08, id="monthly-1.06^(1/24)"),
    pytest.param("quarterly", 255.86, id="quarterly-1.06^(1/8)"),
    pytest.param("annually", 1034.71, id="annually-1.06^(1/2)"),
]


@pytest.mark.parametrize(("frequency", "earnings"), EARNINGS)
def test_it_estimates_earnings_before_conversion(frequency: str, earnings: float) -> None:
    data = household(people=[person(plan={"conversion_frequency": frequency})])
    mega = _mega(plan_from_dict(data))
    assert mega["after_tax_contribution"] == 35000
    assert mega["earnings"] == earnings
    assert mega["taxable_amount"] == earnings
    assert mega["roth_added"] == pytest.approx(35000 + earnings)


def test_it_taxes_nothing_and_adds_no_roth_when_money_stays_in_plan() -> None:
    data = household(
        people=[
            person(plan={"after_tax_route": "stay_in_plan", "conversion_frequency": "annually"})
        ]
    )
    mega = _mega(plan_from_dict(data))
    assert (mega["roth_added"], mega["taxable_amount"], mega["earnings"]) == (0, 0, 0)


# ---------------------------------------------------------------- Roth phase-out worksheet

PHASE_OUTS = [
    # Pub. 590-A Worksheet 2-2: fraction to 3 places, round up to $10, $200 floor.
    pytest.param(7500, 160000, (153000, 168000), 4000, id="2026-single-160000-0.467"),
    pytest.param(7500, 167900, (153000, 168000), 200, id="2026-single-$200-floor"),
    pytest.param(7000, 235000, (230000, 240000), 3500, id="2024-mfj-midpoint"),
    pytest.param(7000, 230000, (230000, 240000), 7000, id="at-bottom-full"),
    pytest.param(7000, 240000, (230000, 240000), 0, id="at-top-none"),
    pytest.param(7000, 233333, (230000, 240000), 4670, id="2024-mfj-0.333-round-up-to-10"),
    pytest.param(7000, 5000, (0, 10000), 3500, id="mfs-lived-with-spouse-0-10000"),
]


@pytest.mark.parametrize(("limit", "magi", "phase_out", "allowed"), PHASE_OUTS)
def test_it_reduces_the_direct_roth_limit(
    limit: int, magi: int, phase_out: tuple[int, int], allowed: int
) -> None:
    range_ = PhaseOutRange(Decimal(phase_out[0]), Decimal(phase_out[1]))
    assert direct_roth_allowed(Decimal(limit), Decimal(magi), range_) == allowed


def test_it_uses_the_single_range_for_mfs_living_apart() -> None:
    # IRC 408A(c)(3)(D): an MFS filer who lived apart all year is treated as unmarried.
    base = person(compensation=100000, plan={"pretax_deferral": 0, "employer_contribution": 0})
    together = household(tax_year=2025, filing_status="married_filing_separately", people=[base])
    apart = household(
        tax_year=2025,
        filing_status="married_filing_separately",
        people=[{**base, "lived_apart_all_year": True}],
    )
    assert _backdoor(plan_from_dict(together))["direct_roth_allowed"] == 0
    assert _backdoor(plan_from_dict(apart))["direct_roth_allowed"] == 7000


def test_it_leaves_conversion_income_out_of_roth_magi() -> None:
    # IRC 408A(c)(3)(B)(i): MAGI excludes conversion income; AGI 140,000 is below 153,000.
    data = household(
        people=[
            person(
                compensation=140000,
                plan={"pretax_deferral": 0, "employer_contribution": 0, "allows_after_tax": False},
                ira={"year_end_balance": 100000},
            )
        ]
    )
    backdoor = _backdoor(plan_from_dict(data))
    assert backdoor["magi"] == 140000
    assert backdoor["direct_roth_allowed"] == 7500


# ---------------------------------------------------------------- IRA limits


def test_it_bars_traditional_contributions_from_age_70_half_before_2020() -> None:
    # IRC 219(d)(1) before SECURE Act sec. 107.
    result = plan_from_dict(household(tax_year=2019, people=[person(age=71)]))
    assert _backdoor(result)["contribution_limit"] == 0
    assert _backdoor(result)["nondeductible_contribution"] == 0
    # Roth IRA contributions never had an age limit, but MAGI here is above the range.
    after_repeal = plan_from_dict(household(tax_year=2020, people=[person(age=75)]))
    assert _backdoor(after_repeal)["contribution_limit"] == 7000


def test_it_caps_the_ira_limit_at_taxable_compensation() -> None:
    # IRC 219(b)(1)(B): compensation includible in income (W-2 box 1), so after pre-tax deferrals.
    data = household(
        people=[
            person(compensation=30000, plan={"pretax_deferral": 24500, "employer_contribution": 0})
        ]
    )
    assert _backdoor(plan_from_dict(data))["contribution_limit"] == 5500


def test_it_applies_the_spousal_ira_rule_on_a_joint_return() -> None:
    # IRC 219(c): combined compensation minus the other spouse's contributions.
    worker = person(compensation=200000)
    spouse = {"name": "Spouse", "age": 40, "compensation": 0}
    result = plan_from_dict(
        household(filing_status="married_filing_jointly", people=[worker, spouse])
    )
    assert _backdoor(result, 1)["contribution_limit"] == 7500
    assert _backdoor(result, 1)["nondeductible_contribution"] == 7500
    separate = plan_from_dict(
        household(filing_status="married_filing_separately", people=[worker, spouse])
    )
    assert _backdoor(separate, 1)["contribution_limit"] == 0


def test_it_splits_scarce_joint_compensation_evenly() -> None:
    first = {"name": "A", "age": 40, "compensation": 9000}
    second = {"name": "B", "age": 40, "compensation": 0}
    result = plan_from_dict(
        household(filing_status="married_filing_jointly", people=[first, second])
    )
    amounts = [_backdoor(result, i)["nondeductible_contribution"] for i in (0, 1)]
    assert amounts == [7500, 1500]
    swapped = plan_from_dict(
        household(filing_status="married_filing_jointly", people=[second, first])
    )
    assert [_backdoor(swapped, i)["nondeductible_contribution"] for i in (0, 1)] == [1500, 7500]


# ---------------------------------------------------------------- Form 8606


def _form(**overrides: Any) -> Any:
    arguments: dict[str, Any] = {
        "contribution": Decimal(7000),
        "basis": Decimal(0),
        "contribution_made_next_year": False,
        "conversion": Decimal(7000),
        "year_end_value": Decimal(0),
        "roll_into_plan": False,
        "ratio_places": 5,
    }
    arguments.update(overrides)
    return form_8606(**arguments)


def test_it_stops_part_i_at_line_3_without_a_conversion() -> None:
    # Form 8606 instructions, line 3: no distribution and no conversion -> line 3 to line 14.
    outcome = _form(conversion=Decimal(0), basis=Decimal(1000))
    form = outcome.form
    assert form.line_14 == 8000
    assert [form.line_4, form.line_5, form.line_10, form.line_13] == [None, None, None, None]
    assert (form.line_16, form.line_17, form.line_18) == (0, 0, 0)


def test_it_files_no_form_without_contribution_basis_or_conversion() -> None:
    assert _form(contribution=Decimal(0), conversion=Decimal(0)).form is None


def test_it_keeps_line_7_at_zero() -> None:
    assert _form().form.line_7 == 0


def test_it_caps_line_10_at_one() -> None:
    # Form 8606 line 10: "If the result is 1.000 or more, enter 1.000".
    assert _form(basis=Decimal(5000)).form.line_10 == 1


def test_it_rounds_line_10_half_up_not_half_even() -> None:
    # Golden j2: 19,000 / 80,000 = 0.2375 -> 0.238 (float round() gives 0.237).
    form = _form(
        contribution=Decimal(7000),
        basis=Decimal(12000),
        conversion=Decimal(20000),
        year_end_value=Decimal(60000),
        ratio_places=3,
    ).form
    assert form.line_10 == Decimal("0.238")
    assert form.line_11 == 4760


def test_it_reports_a_negative_raw_line_14_but_carries_no_negative_basis() -> None:
    # Golden b-3dp: line 14 = -3; basis carried forward clamps to 0 (practitioner commentary).
    data = household(
        tax_year=2024,
        form_8606_ratio_places=3,
        people=[
            person(
                plan={"pretax_deferral": 23000},
                ira={"nondeductible_contribution": 7000, "conversion": 7003},
            )
        ],
    )
    backdoor = _backdoor(plan_from_dict(data))
    assert backdoor["form_8606"]["line_14"] == -3
    assert backdoor["basis_carried_forward"] == 0


def test_it_leaves_exactly_the_basis_behind_on_a_roll_in() -> None:
    # IRC 408(d)(3)(A)(ii) and Pub. 590-A: only pre-tax money goes to the plan (golden d).
    outcome = _form(
        year_end_value=Decimal(94500),
        roll_into_plan=True,
        basis=Decimal(3000),
        conversion=Decimal(7000),
    )
    assert outcome.form.line_6 == 3000
    assert outcome.rolled_into_plan == 91500
    assert outcome.form.line_18 == 0
    assert outcome.form.line_14 == 3000


def test_it_adds_split_earnings_to_line_6_only_when_both_strategies_run() -> None:
    # Notice 2014-54 earnings in a traditional IRA (golden i3).
    data = household(
        form_8606_ratio_places=3,
        federal_marginal_rate=0.32,
        people=[
            person(
                plan={
                    "after_tax_contribution": 30000,
                    "after_tax_earnings": 1800,
                    "after_tax_route": "split_earnings_to_traditional_ira",
                }
            )
        ],
    )
    result = plan_from_dict(data)
    assert _backdoor(result)["form_8606"]["line_6"] == 1800
    assert result["totals"]["backdoor_roth"]["taxable_amount"] == 0
    assert result["totals"]["mega_backdoor_roth"]["taxable_amount"] == 0
    assert result["totals"]["both"]["taxable_amount"] == 1455
    assert result["totals"]["both"]["tax_due"] == 465.60


# ---------------------------------------------------------------- tax


def test_it_prices_with_brackets_when_no_rate_is_given() -> None:
    # 2026 single, taxable income 209,400 sits in the 32% bracket up to 256,225 (Rev. Proc. 2025-32).
    data = household(
        people=[person(plan={"after_tax_contribution": 30000, "after_tax_earnings": 1800})]
    )
    result = plan_from_dict(data)
    assert result["tax"]["taxable_income"] == 209400
    assert result["tax"]["marginal_rate"] == 0.32
    assert result["totals"]["both"]["tax_due"] == 576
    assert (
        result["tax"]["federal_tax_with_both"] - result["tax"]["federal_tax_without_moves"] == 576
    )


def test_it_adds_state_tax_at_the_state_rate() -> None:
    data = household(
        federal_marginal_rate=0.24,
        state_tax_rate=0.05,
        people=[person(plan={"after_tax_contribution": 30000, "after_tax_earnings": 1000})],
    )
    result = plan_from_dict(data)
    assert result["totals"]["both"]["tax_due"] == 290
    assert _mega(result)["tax_due"] == 290


def test_it_files_separate_returns_for_mfs() -> None:
    first = person(compensation=150000)
    second = {**person(compensation=80000), "name": "Spouse"}
    result = plan_from_dict(
        household(
            filing_status="married_filing_separately", other_income=1000, people=[first, second]
        )
    )
    returns = result["tax"]["returns"]
    assert [r["people"] for r in returns] == [["You"], ["Spouse"]]
    assert [r["agi"] for r in returns] == [126500, 55500]
    assert result["tax"]["agi"] == 182000


def test_it_zeroes_the_other_spouses_standard_deduction_when_one_itemizes() -> None:
    # IRC 63(c)(6)(A).
    first = person(compensation=150000)
    second = {**person(compensation=80000), "name": "Spouse"}
    result = plan_from_dict(
        household(
            filing_status="married_filing_separately",
            itemized_deductions=30000,
            people=[first, second],
        )
    )
    assert [r["deduction"] for r in result["tax"]["returns"]] == [30000, 0]


def test_it_joins_the_return_for_mfj() -> None:
    first = person(compensation=150000)
    second = {**person(compensation=80000), "name": "Spouse"}
    result = plan_from_dict(
        household(filing_status="married_filing_jointly", people=[first, second])
    )
    assert result["tax"]["agi"] == 150000 + 80000 - 2 * 24500
    assert result["tax"]["returns"][0]["deduction"] == 32200


# ---------------------------------------------------------------- projection


def test_it_projects_roth_and_taxable_growth() -> None:
    data = household(years_to_retirement=2, expected_return=0.10, taxable_account_tax_rate=0.5)
    projection = plan_from_dict(data)["projection"]
    start = 35000 + 7500
    assert projection["by_year"][0] == {
        "year_index": 0,
        "roth_value": start,
        "taxable_account_value": start,
    }
    assert projection["roth_value"] == pytest.approx(start * 1.21)
    assert projection["taxable_account_value"] == pytest.approx(start * 1.05**2)
    assert len(projection["by_year"]) == 3
    assert projection["assumptions"]


def test_it_defaults_the_taxable_account_rate_to_ltcg_plus_niit_plus_state() -> None:
    # MAGI 250,000 - 24,500 = 225,500 is above the 200,000 IRC 1411(b) threshold.
    projection = plan_from_dict(household(state_tax_rate=0.05))["projection"]
    assert projection["taxable_account_tax_rate"] == pytest.approx(0.238)


NO_PLAN: dict[str, Any] = {"plan": None}

TAXABLE_ACCOUNT_RATES = [
    # IRC 1(h): 15%; IRC 1411(b): +3.8% only when MAGI exceeds 200,000 / 250,000 / 125,000.
    pytest.param("single", [120000], 0, 0.15, id="single-120000-no-NIIT"),
    pytest.param("single", [120000], 0.05, 0.20, id="single-120000-plus-state"),
    pytest.param("single", [300000], 0, 0.188, id="single-300000-NIIT"),
    pytest.param("single", [200000], 0, 0.15, id="single-at-200000-not-above"),
    pytest.param("head_of_household", [200001], 0, 0.188, id="hoh-200001-NIIT"),
    pytest.param("married_filing_jointly", [140000, 100000], 0, 0.15, id="joint-240000-no-NIIT"),
    pytest.param("married_filing_jointly", [160000, 100000], 0, 0.188, id="joint-260000-NIIT"),
    pytest.param("married_filing_separately", [130000], 0, 0.188, id="separate-130000-NIIT"),
]


@pytest.mark.parametrize(("status", "pay", "state", "expected"), TAXABLE_ACCOUNT_RATES)
def test_it_adds_niit_to_the_taxable_account_rate_only_above_the_threshold(
    status: str, pay: list[int], state: float, expected: float
) -> None:
    people = [
        {**person(compensation=amount, **NO_PLAN), "name": name}
        for amount, name in zip(pay, ["You", "Spouse"], strict=False)
    ]
    data = household(filing_status=status, state_tax_rate=state, people=people)
    projection = plan_from_dict(data)["projection"]
    assert projection["taxable_account_tax_rate"] == pytest.approx(expected)


def test_it_says_which_taxable_account_rate_it_used() -> None:
    low = plan_from_dict(household(people=[person(compensation=120000, **NO_PLAN)]))
    assert low["projection"]["assumptions"][3] == (
        "The taxable account loses 15% of each year's growth to tax (15% on long-term gains and"
        " qualified dividends; no 3.8% net investment income tax because MAGI of $120,000 is not"
        " above the $200,000 threshold)."
    )
    high = plan_from_dict(household(state_tax_rate=0.05))
    assert high["projection"]["assumptions"][3] == (
        "The taxable account loses 23.8% of each year's growth to tax (15% on long-term gains and"
        " qualified dividends, plus the 3.8% net investment income tax because MAGI of $225,500"
        " is above the $200,000 threshold, plus the 5% state rate)."
    )


def test_it_keeps_the_taxable_account_rate_override() -> None:
    # The input replaces the default whatever the MAGI.
    data = household(taxable_account_tax_rate=0.1, state_tax_rate=0.05)
    projection = plan_from_dict(data)["projection"]
    assert projection["taxable_account_tax_rate"] == pytest.approx(0.1)
    assert projection["assumptions"][3] == (
        "The taxable account loses 10% of each year's growth to tax."
    )


def test_it_gives_each_strategy_a_value_at_retirement() -> None:
    totals = plan_from_dict(household(years_to_retirement=1, expected_return=0.10))["totals"]
    assert totals["mega_backdoor_roth"]["value_at_retirement"] == 38500
    assert totals["backdoor_roth"]["value_at_retirement"] == 8250


def test_it_is_a_pure_function_of_its_input() -> None:
    data = household()
    assert compute_plan(parse_household(data)) == compute_plan(parse_household(data))
