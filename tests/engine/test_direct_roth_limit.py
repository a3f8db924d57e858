"""The direct Roth IRA limit: the phase-out fraction and the range for married filing separately."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import InvalidInput, plan_from_dict


def _backdoor(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    backdoor: dict[str, Any] = result["people"][index]["backdoor_roth"]
    return backdoor


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


@pytest.mark.parametrize(("magi", "allowed"), [(243_215, 6_590), (242_015, 7_490)])
def test_the_reduction_is_worked_exactly_and_rounded_down_to_ten(magi: int, allowed: int) -> None:
    # IRC 408A(c)(3)(A) and 219(g)(2)(A), (C): 7,500 x 1,215 / 10,000 = 911.25 of reduction,
    # rounded down to 910: 6,590. Rounding the worksheet's share to three places half-up first
    # (0.8785 -> 0.879) gave 6,600, a $10 excess contribution (a tax-figure audit); likewise
    # 7,500 x 15 / 10,000 = 11.25 -> 10: 7,490, not the full 7,500.
    result = plan_from_dict(
        {
            "tax_year": 2026,
            "filing_status": "married_filing_jointly",
            "people": [{"age": 45, "compensation": magi}],
        }
    )
    assert result["tax"]["agi"] == magi
    assert _backdoor(result)["direct_roth_allowed"] == allowed


def test_it_requires_both_spouses_to_agree_on_living_apart() -> None:
    # IRC 408A(c)(3)(D): living apart all year is a fact about the couple.
    data: dict[str, Any] = {
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
