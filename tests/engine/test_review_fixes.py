"""Regression tests for the tax-rule review fixes; each names the rule it follows."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import InvalidInput, compute_plan, parse_household, plan_from_dict
from planner.engine.checklist import action_checklist
from tests.engine.helpers import codes, warning


def _backdoor(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    backdoor: dict[str, Any] = result["people"][index]["backdoor_roth"]
    return backdoor


# ---------------------------------------------------------------- 1. next-year contribution

NEXT_YEAR: dict[str, Any] = {
    "tax_year": 2025,
    "filing_status": "single",
    "people": [{"age": 40, "compensation": 300000, "ira": {"contribution_made_next_year": True}}],
}


def test_it_converts_a_next_year_contribution_next_year() -> None:
    # Form 8606 line 8 is the calendar year the conversion happens; Instructions for Form 8606,
    # line 3 (no conversion: line 14 = line 3); tax-rules section 3 "Timing" and section 7 item 10.
    result = plan_from_dict(NEXT_YEAR)
    backdoor = _backdoor(result)
    assert backdoor["nondeductible_contribution"] == 7000
    assert backdoor["conversion"] == 0
    assert backdoor["roth_added"] == 0
    assert backdoor["taxable_amount"] == 0
    assert backdoor["tax_due"] == 0
    assert backdoor["basis_carried_forward"] == 7000
    form = backdoor["form_8606"]
    assert (form["line_1"], form["line_3"], form["line_14"]) == (7000, 7000, 7000)
    assert form["line_8"] is None
    assert form["line_18"] == 0
    for block in ("backdoor_roth", "both"):
        totals = result["totals"][block]
        assert (totals["roth_added"], totals["taxable_amount"], totals["tax_due"]) == (0, 0, 0)
    assert result["projection"]["roth_value"] == 0


def test_it_says_the_next_year_contribution_is_converted_next_year() -> None:
    # Form 8606 line 8 (tax-rules section 7 item 10).
    result = plan_from_dict(NEXT_YEAR)
    message = warning(result, "contribution_next_year")["message"]
    assert "The conversion happens in 2026" in message
    assert "step_transaction" not in codes(result)
    inputs = parse_household(NEXT_YEAR)
    actions = action_checklist(inputs, compute_plan(inputs))
    assert not [a for a in actions if a.title.startswith("Convert")]
    (contribution,) = [a for a in actions if "nondeductible" in a.title]
    assert "converted in 2026" in contribution.detail


def test_it_keeps_an_explicit_conversion_with_a_next_year_contribution() -> None:
    # The explicit conversion converts other IRA money this year; line 4 keeps the
    # contribution out of line 5 (golden case j1).
    data = {
        **NEXT_YEAR,
        "federal_marginal_rate": 0.32,
        "people": [
            {
                "age": 40,
                "compensation": 300000,
                "ira": {"contribution_made_next_year": True, "conversion": 5000, "basis": 5000},
            }
        ],
    }
    backdoor = _backdoor(plan_from_dict(data))
    assert backdoor["conversion"] == 5000
    assert backdoor["roth_added"] == 5000
    form = backdoor["form_8606"]
    assert (form["line_4"], form["line_5"], form["line_8"]) == (7000, 5000, 5000)
    assert backdoor["taxable_amount"] == 0
    assert backdoor["basis_carried_forward"] == 7000


# ---------------------------------------------------------------- 2. itemized vs standard


def test_it_takes_the_standard_deduction_when_it_is_larger() -> None:
    # IRC 63(b), (e): itemize only when itemized deductions beat the standard deduction.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "itemized_deductions": 5000,
            "people": [{"age": 40, "compensation": 200000}],
        }
    )
    assert result["tax"]["returns"][0]["deduction"] == 16100
    assert result["tax"]["taxable_income"] == 200000 - 16100


def test_it_still_itemizes_when_itemized_deductions_are_larger() -> None:
    # IRC 63(b), (e).
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "itemized_deductions": 30000,
            "people": [{"age": 40, "compensation": 200000}],
        }
    )
    assert result["tax"]["returns"][0]["deduction"] == 30000


def test_it_gives_both_spouses_the_standard_deduction_when_nobody_itemizes() -> None:
    # IRC 63(c)(6)(A) only zeroes the standard deduction when the other spouse itemizes.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "married_filing_separately",
            "itemized_deductions": 5000,
            "people": [
                {"age": 40, "compensation": 150000},
                {"age": 40, "compensation": 80000},
            ],
        }
    )
    assert [r["deduction"] for r in result["tax"]["returns"]] == [16100, 16100]


# ---------------------------------------------------------------- 3. Roth phase-out direction


def test_it_applies_the_roth_worksheet_fraction_from_the_top_of_the_range() -> None:
    # Instructions for Form 8606 / Pub. 590-A Worksheet 2-2 (tax-rules section 1c):
    # (252,000 - 246,665) / 10,000 = 0.5335 -> 0.534 x 7,500 = 4,005 -> up to 4,010.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "married_filing_jointly",
            "people": [{"age": 45, "compensation": 246665}],
        }
    )
    assert _backdoor(result)["direct_roth_allowed"] == 4010


# ---------------------------------------------------------------- 4. Roth catch-up from 2026

ROTH_CATCH_UP: dict[str, Any] = {
    "tax_year": 2026,
    "filing_status": "single",
    "people": [
        {
            "age": 61,
            "compensation": 250000,
            "prior_year_fica_wages": 240000,
            "plan": {"pretax_deferral": 35750, "employer_contribution": 10000},
        }
    ],
}


def test_it_taxes_a_required_roth_catch_up() -> None:
    # IRC 414(v)(7) (SECURE 2.0 section 603), enforced from 2026: the 11,250 catch-up is Roth.
    result = plan_from_dict(ROTH_CATCH_UP)
    assert result["tax"]["agi"] == 225500
    assert result["tax"]["taxable_income"] == 225500 - 16100
    assert _backdoor(result)["magi"] == 225500
    item = warning(result, "roth_catch_up_required")
    assert item["severity"] == "warning"
    # 3,625 at 24% plus 7,625 at 32% (2026 single brackets).
    assert item["dollar_effect"] == pytest.approx(3310, abs=1)
    # 415(c) maths unchanged: the catch-up still uses no annual-additions room.
    mega = result["people"][0]["mega_backdoor_roth"]
    assert mega["catch_up"] == 11250
    assert mega["annual_additions_before_after_tax"] == 24500 + 10000


def test_it_includes_state_tax_in_the_roth_catch_up_effect() -> None:
    # IRC 414(v)(7); the effect is federal plus state tax on the catch-up.
    result = plan_from_dict(
        {**ROTH_CATCH_UP, "federal_marginal_rate": 0.32, "state_tax_rate": 0.05}
    )
    assert warning(result, "roth_catch_up_required")["dollar_effect"] == pytest.approx(11250 * 0.37)


def test_it_keeps_a_pretax_catch_up_before_2026() -> None:
    # Notice 2023-62 transition relief through 2025: the catch-up may still be pre-tax.
    # 2025 limit: 23,500 + 11,250 super catch-up.
    person = {**ROTH_CATCH_UP["people"][0], "plan": {"pretax_deferral": 34750}}
    result = plan_from_dict({**ROTH_CATCH_UP, "tax_year": 2025, "people": [person]})
    assert result["tax"]["agi"] == 250000 - 34750


def test_it_keeps_a_pretax_catch_up_below_the_wage_threshold() -> None:
    # IRC 414(v)(7)(A): only prior-year FICA wages above the threshold ($150,000 of 2025 wages).
    person = {**ROTH_CATCH_UP["people"][0], "prior_year_fica_wages": 150000}
    result = plan_from_dict({**ROTH_CATCH_UP, "people": [person]})
    assert result["tax"]["agi"] == 250000 - 35750
    assert "roth_catch_up_required" not in codes(result)


# ---------------------------------------------------------------- 5. 415(c) excess


def test_it_flags_annual_additions_over_the_415c_limit() -> None:
    # IRC 415(c)(1): lesser of the dollar limit and 100% of compensation (30,000 here).
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 30000,
                    "plan": {"pretax_deferral": 24500, "employer_contribution": 9000},
                }
            ],
        }
    )
    item = warning(result, "annual_additions_over_limit")
    assert item["severity"] == "danger"
    assert item["dollar_effect"] == 3500
    assert "$3,500" in item["message"]
    assert "415(c)" in item["message"]
    assert "EPCRS" in item["remedy"]
    assert "refund" in item["remedy"]


def test_it_does_not_flag_additions_within_the_415c_limit() -> None:
    # IRC 415(c)(1).
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 40000,
                    "plan": {"pretax_deferral": 24500, "employer_contribution": 9000},
                }
            ],
        }
    )
    assert "annual_additions_over_limit" not in codes(result)


# ---------------------------------------------------------------- 6. pro-rata wording


def test_it_words_the_roll_in_saving_as_this_years_tax() -> None:
    # Form 8606 line 14: without the roll-in the unused basis carries forward to later years.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "federal_marginal_rate": 0.32,
            "people": [
                {
                    "age": 45,
                    "compensation": 250000,
                    "plan": {"pretax_deferral": 24500, "accepts_ira_rollins": True},
                    "ira": {"year_end_balance": 92500},
                }
            ],
        }
    )
    item = warning(result, "pro_rata")
    backdoor = _backdoor(result)
    assert "saves" not in item["remedy"]
    assert "cuts this year's tax by" in item["remedy"]
    # Line 10 = 7,500 / 100,000 = 0.075; line 14 = 7,500 - 562.50.
    assert backdoor["basis_carried_forward"] == 6937.5
    assert "without it, $6,937.50 of basis carries forward to later years" in item["remedy"]
    assert item["dollar_effect"] == pytest.approx(7500 * 0.925 * 0.32)


# ---------------------------------------------------------------- 7. MFS lived apart


def test_it_requires_both_spouses_to_agree_on_living_apart() -> None:
    # IRC 408A(c)(3)(D): living apart all year is a fact about the couple.
    data = {
        "tax_year": 2026,
        "filing_status": "married_filing_separately",
        "people": [
            {"age": 40, "compensation": 100000, "lived_apart_all_year": True},
            {"age": 40, "compensation": 80000},
        ],
    }
    with pytest.raises(InvalidInput) as caught:
        plan_from_dict(data)
    assert caught.value.errors == {
        "people.1.lived_apart_all_year": ["Both spouses either lived apart all year or not."]
    }
    data["people"][1]["lived_apart_all_year"] = True
    assert _backdoor(plan_from_dict(data), 1)["direct_roth_allowed"] == 7500


def test_it_counts_deferrals_over_415c_as_catch_up_at_50() -> None:
    # Treas. Reg. 1.414(v)-1(b)(1)(i): deferrals above the 415(c) limit can be catch-up.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [
                {
                    "age": 55,
                    "compensation": 30000,
                    "plan": {"pretax_deferral": 24500, "employer_contribution": 9000},
                }
            ],
        }
    )
    assert "annual_additions_over_limit" not in codes(result)
