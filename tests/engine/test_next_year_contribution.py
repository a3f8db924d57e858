"""A contribution for the year made January 1 to April 15 of the next: converted next year."""

from __future__ import annotations

from typing import Any

from planner.engine import compute_plan, parse_household, plan_from_dict
from planner.engine.checklist import action_checklist
from tests.engine.helpers import codes, warning


def _backdoor(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    backdoor: dict[str, Any] = result["people"][index]["backdoor_roth"]
    return backdoor


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
    household = parse_household(NEXT_YEAR)
    actions = action_checklist(household, compute_plan(household))
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
