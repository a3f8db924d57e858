"""Deductions for people aged 65 or older, each test citing its source.

IRC 63(f): the additional standard deduction for age 65+ (blindness is not modelled).
OBBBA, P.L. 119-21, sec. 70103 (IRC 151(d)(5)(C)): the 2025-2028 senior deduction, $6,000 per
person aged 65+ less 6% of MAGI over $75,000 ($150,000 joint); figures from the statute text,
UNCONFIRMED against IRS guidance (tax-rules.md sec. 2).
"""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import plan_from_dict
from tests.engine.helpers import household, person

NO_MOVES: dict[str, Any] = {"plan": None, "ira": {"nondeductible_contribution": 0}}


def _earner(age: int, compensation: int, name: str = "You") -> dict[str, Any]:
    """A person with no plan and no backdoor, so AGI is exactly the compensation."""
    return {**person(age=age, compensation=compensation, **NO_MOVES), "name": name}


def _deductions(data: dict[str, Any]) -> list[float]:
    return [r["deduction"] for r in plan_from_dict(data)["tax"]["returns"]]


# ---------------------------------------------------------------- IRC 63(f), age 65+


@pytest.mark.parametrize(
    ("year", "status", "age", "expected"),
    [
        # Rev. Proc. 2023-34: 14,600 + 1,950 unmarried; no senior deduction before 2025.
        pytest.param(2024, "single", 65, 14600 + 1950, id="2024-single-65-Rev-Proc-2023-34"),
        pytest.param(2024, "single", 64, 14600, id="2024-single-64-none"),
        # Rev. Proc. 2024-40 and OBBBA: 23,625 + 2,000 unmarried + 6,000 (AGI below 75,000).
        pytest.param(
            2025, "head_of_household", 70, 23625 + 2000 + 6000, id="2025-hoh-70-Rev-Proc-2024-40"
        ),
        # Rev. Proc. 2018-18: 12,000 + 1,600.
        pytest.param(2018, "single", 80, 12000 + 1600, id="2018-single-80-Rev-Proc-2018-18"),
    ],
)
def test_it_adds_the_age_65_amount_to_the_standard_deduction(
    year: int, status: str, age: int, expected: int
) -> None:
    data = household(tax_year=year, filing_status=status, people=[_earner(age, 60000)])
    assert _deductions(data) == [expected]


def test_it_adds_the_married_amount_for_each_joint_spouse_65_or_older() -> None:
    # IRC 63(f)(1)(A), (B); Rev. Proc. 2025-32: 1,650 per spouse. AGI 100,000 < 150,000, so
    # OBBBA gives each spouse 65+ the full 6,000.
    both = [_earner(66, 60000), _earner(65, 40000, "Spouse")]
    one = [_earner(66, 60000), _earner(64, 40000, "Spouse")]
    status = "married_filing_jointly"
    assert _deductions(household(filing_status=status, people=both)) == [
        32200 + 2 * 1650 + 2 * 6000
    ]
    assert _deductions(household(filing_status=status, people=one)) == [32200 + 1650 + 6000]


def test_it_counts_only_the_listed_person_on_a_separate_return() -> None:
    # IRC 63(f)(1): on a separate return each spouse's own age counts, at the married amount.
    # OBBBA sec. 70103: married filing separately gets no senior deduction.
    people = [_earner(67, 60000), _earner(60, 40000, "Spouse")]
    data = household(filing_status="married_filing_separately", people=people)
    assert _deductions(data) == [16100 + 1650, 16100]
    alone = household(filing_status="married_filing_separately", people=[_earner(67, 60000)])
    assert _deductions(alone) == [16100 + 1650]


def test_it_gives_no_age_65_amount_to_an_itemizer() -> None:
    # IRC 63(f) amounts are part of the standard deduction (IRC 63(c)(1)(B)); the OBBBA senior
    # deduction is allowed to itemizers too: 6,000 - 6% x (100,000 - 75,000) = 4,500.
    data = household(people=[_earner(66, 100000)], itemized_deductions=30000)
    assert _deductions(data) == [30000 + 4500]


def test_it_compares_itemized_deductions_with_the_standard_deduction_including_age_65() -> None:
    # IRC 63(b), (e): 17,000 itemized is less than 16,100 + 2,050, so the standard deduction wins.
    data = household(people=[_earner(66, 60000)], itemized_deductions=17000)
    assert _deductions(data) == [16100 + 2050 + 6000]


# ---------------------------------------------------------------- OBBBA senior deduction


@pytest.mark.parametrize(
    ("agi", "senior"),
    [
        pytest.param(75000, 6000, id="at-75000-full"),
        pytest.param(100000, 4500, id="6pct-of-25000-over"),
        pytest.param(175000, 0, id="gone-at-175000"),
        pytest.param(300000, 0, id="not-below-zero"),
    ],
)
def test_it_phases_out_the_senior_deduction_single(agi: int, senior: int) -> None:
    # OBBBA sec. 70103 (IRC 151(d)(5)(C)(iii)): 6% of MAGI over 75,000; MAGI = AGI here.
    data = household(tax_year=2025, people=[_earner(65, agi)])
    assert _deductions(data) == [15750 + 2000 + senior]


def test_it_phases_out_each_joint_spouses_senior_deduction_separately() -> None:
    # OBBBA sec. 70103; Schedule 1-A Part V reduces each spouse's 6,000 by 6% of MAGI over
    # 150,000: at 200,000 each keeps 6,000 - 3,000 = 3,000.
    people = [_earner(70, 120000), _earner(68, 80000, "Spouse")]
    data = household(filing_status="married_filing_jointly", people=people)
    assert _deductions(data) == [32200 + 2 * 1650 + 2 * 3000]


def test_it_has_no_senior_deduction_before_2025() -> None:
    # OBBBA sec. 70103 applies to tax years beginning after Dec 31, 2024.
    data = household(tax_year=2024, people=[_earner(70, 60000)])
    assert _deductions(data) == [14600 + 1950]


def test_it_taxes_the_senior_deduction_lost_to_conversion_income() -> None:
    # OBBBA sec. 70103: taxable conversion income raises MAGI, so each extra dollar in the
    # phase-out range also removes 6 cents of deduction. Single 2026, age 66, AGI 110,000:
    # deduction 16,100 + 2,050 + (6,000 - 6% x 35,000) = 22,050, taxable income 87,950.
    # 1,000 of earnings converted: AGI 111,000, senior deduction 3,840, taxable 89,010;
    # Tax Table midpoints 89,025 and 87,975 at 22%: 1,050 x 0.22 = 231 (not 220).
    plan = {
        "pretax_deferral": 0,
        "employer_contribution": 0,
        "after_tax_contribution": 10000,
        "after_tax_earnings": 1000,
    }
    data = household(
        people=[
            person(age=66, compensation=110000, plan=plan, ira={"nondeductible_contribution": 0})
        ]
    )
    result = plan_from_dict(data)
    tax_return = result["tax"]["returns"][0]
    assert (tax_return["deduction"], tax_return["taxable_income"]) == (22050, 87950)
    assert tax_return["federal_tax_with_both"] - tax_return["federal_tax_without_moves"] == 231
    assert result["people"][0]["mega_backdoor_roth"]["tax_due"] == 231


def test_it_lets_unused_deduction_absorb_conversion_income() -> None:
    # IRC 63(a): taxable income is AGI (conversion included) less deductions. AGI 5,000 plus a
    # 2,500 taxable conversion is still below the 16,100 standard deduction: no federal tax.
    ira = {"year_end_balance": 5000, "nondeductible_contribution": 5000}
    data = household(people=[person(age=45, compensation=5000, plan=None, ira=ira)])
    result = plan_from_dict(data)
    assert result["people"][0]["backdoor_roth"]["taxable_amount"] == 2500
    assert result["tax"]["federal_tax_with_both"] == 0
    assert result["people"][0]["backdoor_roth"]["tax_due"] == 0
