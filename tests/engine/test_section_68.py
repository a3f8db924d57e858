"""IRC 68 from 2026 (OBBBA, P.L. 119-21 sec. 70111(a)): itemized deductions reduced by 2/37 of
the lesser of the deductions or the income above the start of the 37% bracket."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planner.engine import plan_from_dict
from planner.engine.federal_tax import federal_income_tax
from planner.engine.household_tax import section_68_reduction
from tests.engine.helpers import warning

TWO_37THS = Decimal(2) / Decimal(37)
START_OF_37_SINGLE_2026 = Decimal(640_600)  # Rev. Proc. 2025-32, single: 35% bracket ends


def _single(year: int, compensation: int, itemized: int, **ira: object) -> dict:
    return {
        "tax_year": year,
        "filing_status": "single",
        "itemized_deductions": itemized,
        "people": [{"age": 40, "compensation": compensation, "ira": ira}],
    }


def test_itemized_deductions_are_cut_by_two_37ths_above_the_37_percent_bracket() -> None:
    # IRC 68(a)-(b): lesser of 50,000 and (1,000,000 - 640,600); 2/37 of 50,000 = 2,702.70.
    result = plan_from_dict(_single(2026, 1_000_000, 50_000, nondeductible_contribution=0))
    assert result["tax"]["returns"][0]["deduction"] == 47_297.30
    assert result["tax"]["taxable_income"] == 1_000_000 - 47_297.30


def test_the_income_above_the_bracket_is_the_lesser_amount_when_smaller() -> None:
    # IRC 68(b)(1)(B): 650,000 - 640,600 = 9,400 < 30,000; 2/37 of 9,400 = 508.108 -> 508.10.
    result = plan_from_dict(_single(2026, 650_000, 30_000, nondeductible_contribution=0))
    assert result["tax"]["returns"][0]["deduction"] == 30_000 - 508.10


def test_there_is_no_limit_before_2026() -> None:
    # TCJA sec. 11046 (IRC 68(f)) suspended the Pease limit for 2018-2025.
    for year in range(2018, 2026):
        result = plan_from_dict(_single(year, 1_000_000, 50_000, nondeductible_contribution=0))
        assert result["tax"]["returns"][0]["deduction"] == 50_000, year


def test_itemize_or_standard_compares_the_reduced_figure() -> None:
    # IRC 63(b), (e) with IRC 68: 16,500 less 2/37 of it (891.89) is 15,608.11 < 16,100.
    result = plan_from_dict(_single(2026, 1_000_000, 16_500, nondeductible_contribution=0))
    assert result["tax"]["returns"][0]["deduction"] == 16_100


def test_it_is_recomputed_at_the_income_with_the_conversion() -> None:
    # IRC 68 at the with-moves income: AGI 640,000 has no cut; a backdoor conversion that is
    # 92.5% taxable (Form 8606 line 10 = 7,500 / 100,000) adds 6,937.50 and pushes it over.
    data = _single(2026, 640_000, 30_000, year_end_balance=92_500, nondeductible_contribution=7_500)
    result = plan_from_dict(data)
    tax = result["tax"]
    assert tax["returns"][0]["deduction"] == 30_000
    agi_with = Decimal("646937.50")
    cut = (TWO_37THS * (agi_with - START_OF_37_SINGLE_2026)).quantize(Decimal("0.01"), "ROUND_DOWN")
    taxable_with = agi_with - (30_000 - cut)
    assert Decimal(str(tax["federal_tax_with_both"])) == federal_income_tax(
        2026, "single", taxable_with
    )
    found = warning(result, "itemized_deduction_limit")
    assert found["dollar_effect"] > 0
    assert "39%" in found["message"]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=10**8),
    st.sampled_from([Decimal(384_350), Decimal(640_600), Decimal(768_700)]),
)
def test_the_cut_never_exceeds_two_37ths_of_itemized_deductions(
    itemized: int, income: int, threshold: Decimal
) -> None:
    # IRC 68(a): 2/37 of the lesser of the deductions and the excess income.
    cut = section_68_reduction(Decimal(itemized), Decimal(income), threshold, TWO_37THS)
    assert Decimal(0) <= cut <= TWO_37THS * itemized


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=0, max_value=3_000_000), st.integers(min_value=0, max_value=200_000))
def test_the_deduction_through_the_engine_is_never_below_35_37ths(
    compensation: int, itemized: int
) -> None:
    # IRC 68: the reduced itemized deduction keeps at least 35/37 of the deductions.
    result = plan_from_dict(_single(2026, compensation, itemized, nondeductible_contribution=0))
    deduction = Decimal(str(result["tax"]["returns"][0]["deduction"]))
    assert deduction >= max(Decimal(16_100), itemized * (1 - TWO_37THS)) - Decimal("0.01")
