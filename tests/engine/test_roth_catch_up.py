"""A catch-up that must be Roth from 2026 (IRC 414(v)(7), SECURE 2.0 section 603)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import plan_from_dict
from tests.engine.helpers import codes, warning


def _backdoor(result: dict[str, Any], index: int = 0) -> dict[str, Any]:
    backdoor: dict[str, Any] = result["people"][index]["backdoor_roth"]
    return backdoor


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
