"""Qualifying surviving spouse (IRC 2(a)): joint brackets (IRC 1(a)) and standard deduction
(IRC 63(c)(2)(A)), the joint Roth phase-out range, but one person and no spousal IRA."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from planner.engine import InvalidInput, plan_from_dict
from planner.engine.federal_tax import federal_income_tax
from planner.engine.tables import available_years, year_table
from planner.engine.tables.schema import FilingStatus

QSS = "qualifying_surviving_spouse"


def _household(compensation: int, age: int = 45, **person: Any) -> dict[str, Any]:
    return {
        "tax_year": 2026,
        "filing_status": QSS,
        "people": [{"age": age, "compensation": compensation, **person}],
    }


def test_it_uses_the_joint_brackets_and_standard_deduction() -> None:
    # Rev. Proc. 2025-32, "Married Individuals Filing Joint Returns and Surviving Spouses":
    # standard deduction 32,200.
    tax = plan_from_dict(_household(300_000))["tax"]
    assert tax["returns"][0]["deduction"] == 32_200
    assert Decimal(str(tax["federal_tax_without_moves"])) == federal_income_tax(
        2026, "married_filing_jointly", Decimal(267_800)
    )


@pytest.mark.parametrize("year", available_years())
def test_every_year_gives_it_the_joint_column(year: int) -> None:
    # IRC 1(a) and 63(c)(2)(A) in every year's Rev. Proc. table (one column: MFJ or QSS).
    table = year_table(year)
    joint = FilingStatus.MARRIED_FILING_JOINTLY
    qss = FilingStatus.QUALIFYING_SURVIVING_SPOUSE
    assert table.brackets[qss] == table.brackets[joint]
    assert table.standard_deduction[qss] == table.standard_deduction[joint]
    # IRC 1411(b)(1): the joint NIIT threshold covers a surviving spouse.
    assert table.net_investment_income_tax_threshold[qss] == 250_000


def test_it_uses_the_joint_roth_phase_out_range() -> None:
    # Notice 2025-67 (MFJ / QSS 242,000-252,000); Pub. 590-A Worksheet 2-2:
    # MAGI 245,000 -> (252,000 - 245,000) / 10,000 = 0.7 x 7,500 = 5,250.
    result = plan_from_dict(
        _household(269_500, plan={"pretax_deferral": 24_500}, ira={"nondeductible_contribution": 0})
    )
    backdoor = result["people"][0]["backdoor_roth"]
    assert backdoor["magi"] == 245_000
    assert backdoor["direct_roth_allowed"] == 5_250


def test_it_is_one_person_with_no_spouse() -> None:
    # IRC 2(a): the spouse has died; IRC 219(c) (spousal IRA) needs a joint return.
    data = _household(100_000)
    data["people"].append({"age": 45, "compensation": 0})
    with pytest.raises(InvalidInput) as raised:
        plan_from_dict(data)
    assert raised.value.errors["people"] == ["A spouse can only be added on a married return."]


def test_the_senior_deduction_starts_its_phase_out_at_the_single_figure() -> None:
    # IRC 151(d)(5)(C) (OBBBA sec. 70103): $150,000 only "in the case of a joint return";
    # a surviving spouse files no joint return, so 75,000: 6,000 - 6% x 25,000 = 4,500.
    # IRC 63(f)(1), (3): a surviving spouse gets the married 65+ amount (1,650 for 2026).
    tax = plan_from_dict(_household(100_000, age=70))["tax"]
    assert tax["returns"][0]["deduction"] == 32_200 + 1_650 + 4_500
