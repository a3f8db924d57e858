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
