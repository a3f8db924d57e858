"""The IRC 415(c) annual additions limit: the excess warning and deferrals counted as catch-up."""

from __future__ import annotations

from planner.engine import plan_from_dict
from tests.engine.helpers import codes, warning


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
