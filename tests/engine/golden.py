"""Maps golden-cases.json (its own field names) onto contract input JSON.

tests/data/golden-cases.json is a copy of the project's shared docs/golden-cases.json (the worked
cases of tax-rules.md section 6, sha256 1266fea6...7e7b9, copied 2026-12-02). The repository keeps
its own copy so that a clone with nothing beside it passes `make test`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MEGA_ROUTES = {
    "in_plan_roth_conversion_immediate": ("in_plan_conversion", 0),
    "rollover_to_roth_ira_immediate": ("rollover_to_roth_ira", 0),
    "direct_rollover_entire_subaccount_to_roth_ira": ("rollover_to_roth_ira", None),
    "split_after_tax_to_roth_ira_earnings_to_traditional_ira": (
        "split_earnings_to_traditional_ira",
        None,
    ),
}


GOLDEN_CASES = Path(__file__).resolve().parents[1] / "data" / "golden-cases.json"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(GOLDEN_CASES.read_text())
    return cases


def to_contract(inputs: dict[str, Any]) -> dict[str, Any]:
    pretax = inputs.get("elective_deferral_pretax", 0) + inputs.get("catch_up_contribution", 0)
    compensation = inputs.get("compensation_415", inputs.get("magi"))
    person: dict[str, Any] = {"age": inputs["age_at_year_end"], "compensation": compensation}
    if "prior_year_fica_wages_same_employer" in inputs:
        person["prior_year_fica_wages"] = inputs["prior_year_fica_wages_same_employer"]

    method = inputs.get("mega_method")
    rolled_in = inputs.get("pretax_ira_rolled_into_401k", 0)
    split_earnings = 0
    if "compensation_415" in inputs or rolled_in:
        plan: dict[str, Any] = {
            "pretax_deferral": pretax,
            "roth_deferral": inputs.get("elective_deferral_roth", 0),
            "employer_contribution": inputs.get("employer_match", 0)
            + inputs.get("employer_nonelective", 0),
            "forfeitures": inputs.get("forfeitures", 0),
            "accepts_ira_rollins": bool(rolled_in),
        }
        if method is not None:
            route, earnings = MEGA_ROUTES[method]
            if earnings is None:
                earnings = inputs["after_tax_subaccount_earnings"]
            plan |= {
                "allows_after_tax": True,
                "allows_in_service_distribution": route != "in_plan_conversion",
                "allows_in_plan_roth_conversion": route == "in_plan_conversion",
                "after_tax_route": route,
                "after_tax_earnings": earnings,
            }
            if route == "split_earnings_to_traditional_ira":
                split_earnings = earnings
            if inputs.get("plan_after_tax_cap_pct") is not None:
                plan["after_tax_cap_percent"] = inputs["plan_after_tax_cap_pct"] / 100
            if inputs.get("after_tax_requested") is not None:
                plan["after_tax_contribution"] = inputs["after_tax_requested"]
        person["plan"] = plan

    contribution = inputs.get("ira_nondeductible_contribution", 0)
    ira: dict[str, Any] = {
        "nondeductible_contribution": contribution,
        "conversion": inputs.get("conversion_amount", 0),
        "basis": inputs.get("prior_basis_line2", 0),
        "contribution_made_next_year": inputs.get(
            "ira_contribution_made_jan_apr_following_year", False
        ),
        # The golden Dec 31 value already holds the split earnings; the engine adds them itself.
        "year_end_balance": max(
            0, inputs.get("traditional_sep_simple_ira_value_dec31", 0) - split_earnings
        )
        + rolled_in,
        "roll_into_plan": bool(rolled_in),
    }
    person["ira"] = ira

    data: dict[str, Any] = {
        "tax_year": inputs["tax_year"],
        "filing_status": inputs["filing_status"],
        "federal_marginal_rate": inputs["marginal_rate"],
        "people": [person],
    }
    if "magi" in inputs:
        data["other_income"] = max(0, inputs["magi"] - (compensation - pretax))
    if inputs.get("ratio_precision") == "3dp":
        data["form_8606_ratio_places"] = 3
    return data
