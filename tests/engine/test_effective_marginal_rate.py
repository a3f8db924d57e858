"""The true marginal rate: federal tax on the next $1,000 of conversion income, beside the
bracket rate (which ignores deductions that shrink as income grows)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import plan_from_dict


def _single(compensation: int, age: int = 40, **extra: Any) -> dict[str, Any]:
    return {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [{"age": age, "compensation": compensation}],
        **extra,
    }


def test_in_the_middle_of_a_bracket_it_is_the_bracket_rate() -> None:
    # Rev. Proc. 2025-32: single taxable income 283,900 is in the 35% bracket (256,225-640,600).
    tax = plan_from_dict(_single(300_000))["tax"]
    assert tax["marginal_rate"] == 0.35
    assert tax["effective_marginal_rate"] == 0.35
    assert "next $1,000" in tax["effective_marginal_rate_label"]


def test_the_section_68_limit_makes_37_percent_into_39() -> None:
    # IRC 68 (P.L. 119-21 sec. 70111): income 370,000 above 640,600 with 380,000 itemized: each
    # extra dollar also takes 2/37 of a dollar of deductions away, 0.37 x 39/37 = 0.39.
    tax = plan_from_dict(_single(1_010_600, itemized_deductions=380_000))["tax"]
    assert tax["taxable_income"] == 650_600
    assert tax["marginal_rate"] == 0.37
    assert tax["effective_marginal_rate"] == 0.39


def test_the_senior_deduction_phase_out_raises_the_rate() -> None:
    # IRC 151(d)(5)(C) (OBBBA sec. 70103): 6% of MAGI above 75,000 is lost, so the 24% bracket
    # (Rev. Proc. 2025-32) costs 0.24 x 1.06 = 0.2544 per dollar.
    tax = plan_from_dict(_single(150_000, age=70))["tax"]
    assert tax["marginal_rate"] == 0.24
    assert tax["effective_marginal_rate"] == 0.2544


@settings(max_examples=40, deadline=None)
@given(
    st.integers(min_value=100_000, max_value=2_000_000),
    st.integers(min_value=18, max_value=90),
    st.one_of(st.none(), st.integers(min_value=0, max_value=500_000)),
)
def test_the_rate_agrees_with_the_tax_due_on_1000_more(
    compensation: int, age: int, itemized: int | None
) -> None:
    # Priced like the tax due: 1,000 more ordinary income costs exactly rate x 1,000.
    base = _single(compensation, age, itemized_deductions=itemized)
    more = _single(compensation, age, itemized_deductions=itemized, other_income=1_000)
    tax = plan_from_dict(base)["tax"]
    extra = Decimal(str(plan_from_dict(more)["tax"]["federal_tax_with_both"])) - Decimal(
        str(tax["federal_tax_with_both"])
    )
    assert extra == Decimal(str(tax["effective_marginal_rate"])) * 1000


def test_a_note_explains_a_rate_above_the_bracket() -> None:
    # IRC 151(d)(5)(C): 0.2544 against the 24% bracket; 25.44 more dollars per 1,000, less 240.
    result = plan_from_dict(_single(150_000, age=70))
    [note] = [w for w in result["warnings"] if w["code"] == "marginal_rate_above_bracket"]
    assert "$254.40" in note["message"] and "24%" in note["message"]
    assert note["dollar_effect"] == 14.40


def test_no_note_in_the_middle_of_a_bracket() -> None:
    result = plan_from_dict(_single(300_000))
    assert "marginal_rate_above_bracket" not in [w["code"] for w in result["warnings"]]
