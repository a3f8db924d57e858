"""Itemized deductions against the standard deduction (IRC 63(b), (c)(6)(A), (e))."""

from __future__ import annotations

from planner.engine import plan_from_dict


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
