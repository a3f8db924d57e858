"""The two households the printed advisor packet is checked with (issue 13)."""

from __future__ import annotations

from typing import Any

# The origin question (2018): single, 40, $200,000 of pay, $18,500 pre-tax, a $12,500
# match, after-tax contributions with in-service distributions, $94,500 in a pre-tax IRA.
ORIGIN: dict[str, Any] = {
    "tax_year": 2018,
    "filing_status": "single",
    "people": [
        {
            "name": "You",
            "age": 40,
            "compensation": 200000,
            "plan": {
                "pretax_deferral": 18500,
                "employer_contribution": 12500,
                "allows_after_tax": True,
                "allows_in_service_distribution": True,
            },
            "ira": {"year_end_balance": 94500},
        }
    ],
}

# A married 2026 household: both with a 401(k), one with a pre-tax IRA balance.
MARRIED_2026: dict[str, Any] = {
    "tax_year": 2026,
    "filing_status": "married_filing_jointly",
    "people": [
        {
            "name": "Alex",
            "age": 45,
            "compensation": 240000,
            "plan": {
                "pretax_deferral": 24500,
                "employer_contribution": 12000,
                "allows_after_tax": True,
                "allows_in_service_distribution": True,
            },
            "ira": {"year_end_balance": 30000},
        },
        {
            "name": "Sam",
            "age": 52,
            "compensation": 180000,
            "plan": {
                "pretax_deferral": 24500,
                "employer_contribution": 9000,
                "allows_after_tax": True,
                "allows_in_plan_roth_conversion": True,
                "after_tax_route": "in_plan_conversion",
            },
            "ira": {},
        },
    ],
}


def unnamed(inputs: dict[str, Any]) -> dict[str, Any]:
    """The same household with the planner's default names ("You", "Spouse")."""
    people = [{k: v for k, v in person.items() if k != "name"} for person in inputs["people"]]
    return {**inputs, "people": people}
