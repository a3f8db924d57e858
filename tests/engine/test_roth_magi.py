"""Roth IRA MAGI keeps the taxable part of an in-plan Roth rollover: only conversions and
rollovers into a Roth IRA leave it (IRC 408A(c)(3)(B)(i); Pub. 590-A Worksheet 2-1)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import plan_from_dict
from tests.engine.helpers import codes, warning


def _household(route: str, earnings: int = 5_000, compensation: int = 175_000) -> dict[str, Any]:
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": compensation,
                "plan": {
                    "pretax_deferral": 24_500,
                    "allows_after_tax": True,
                    "allows_in_plan_roth_conversion": True,
                    "allows_in_service_distribution": True,
                    "after_tax_contribution": 20_000,
                    "after_tax_earnings": earnings,
                    "after_tax_route": route,
                },
            }
        ],
    }


def test_the_taxable_part_of_an_in_plan_rollover_stays_in_roth_magi() -> None:
    # Pub. 590-A Worksheet 2-1: AGI 150,500 + 5,000 in-plan earnings = 155,500; Worksheet 2-2:
    # (168,000 - 155,500) / 15,000 = 0.833 x 7,500 = 6,247.50, rounded up to 6,250.
    result = plan_from_dict(_household("in_plan_conversion"))
    backdoor = result["people"][0]["backdoor_roth"]
    assert backdoor["magi"] == 155_500
    assert backdoor["direct_roth_allowed"] == 6_250
    found = warning(result, "in_plan_rollover_in_roth_magi")
    assert found["dollar_effect"] == 7_500 - 6_250
    assert "408A(c)(3)(B)(i)" in found["message"]


def test_a_rollover_to_a_roth_ira_leaves_roth_magi() -> None:
    # IRC 408A(c)(3)(B)(i): a qualified-plan rollover to a Roth IRA is left out of MAGI.
    result = plan_from_dict(_household("rollover_to_roth_ira"))
    backdoor = result["people"][0]["backdoor_roth"]
    assert backdoor["magi"] == 150_500
    assert backdoor["direct_roth_allowed"] == 7_500
    assert "in_plan_rollover_in_roth_magi" not in codes(result)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=60_000), st.integers(min_value=45_000, max_value=400_000))
def test_an_in_plan_conversion_never_raises_the_direct_roth_amount(
    earnings: int, compensation: int
) -> None:
    # IRC 408A(c)(3): more MAGI never allows a larger direct contribution.
    converted = plan_from_dict(_household("in_plan_conversion", earnings, compensation))
    left = plan_from_dict(_household("stay_in_plan", earnings, compensation))
    assert (
        converted["people"][0]["backdoor_roth"]["direct_roth_allowed"]
        <= left["people"][0]["backdoor_roth"]["direct_roth_allowed"]
    )
