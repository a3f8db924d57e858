"""After-tax contributions come out of pay: at most the pay left after elective deferrals
(IRC 401(m)(4)(A) employee contributions; IRC 415(c)(1) room also counts employer money)."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import parse_household, plan_from_dict
from planner.engine.contract import household_to_dict
from tests.engine.helpers import warning


def _household(compensation: int, pretax: int, employer: int = 0, **plan: Any) -> dict[str, Any]:
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 55,
                "compensation": compensation,
                "plan": {
                    "pretax_deferral": pretax,
                    "employer_contribution": employer,
                    "allows_after_tax": True,
                    "allows_in_service_distribution": True,
                    **plan,
                },
            }
        ],
    }


def test_the_default_after_tax_amount_is_the_pay_left_after_deferrals() -> None:
    # 415(c)(1): room = min(72,000, 50,000) - (32,500 - 8,000 catch-up) = 25,500, but only
    # 50,000 - 32,500 = 17,500 of pay is left after the deferrals.
    result = plan_from_dict(_household(50_000, 32_500))
    mega = result["people"][0]["mega_backdoor_roth"]
    assert mega["after_tax_room"] == 25_500
    assert mega["after_tax_contribution"] == 17_500
    assert warning(result, "after_tax_limited_by_pay")["dollar_effect"] == 25_500 - 17_500


def test_the_default_it_fills_in_passes_its_own_input_check() -> None:
    # The figure the engine picks, sent back as the input, is accepted (no 400).
    data = _household(50_000, 32_500)
    mega = plan_from_dict(data)["people"][0]["mega_backdoor_roth"]
    data["people"][0]["plan"]["after_tax_contribution"] = mega["after_tax_contribution"]
    parsed = parse_household(data)
    assert household_to_dict(parsed)["people"][0]["plan"]["after_tax_contribution"] == 17_500


@settings(max_examples=80, deadline=None)
@given(
    st.integers(min_value=0, max_value=400_000),
    st.integers(min_value=0, max_value=32_500),
    st.integers(min_value=0, max_value=80_000),
)
def test_the_after_tax_contribution_never_exceeds_pay_minus_deferrals(
    compensation: int, pretax: int, employer: int
) -> None:
    pretax = min(pretax, compensation)
    result = plan_from_dict(_household(compensation, pretax, employer))
    mega = result["people"][0]["mega_backdoor_roth"]
    assert mega["after_tax_contribution"] <= compensation - pretax
