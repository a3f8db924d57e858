"""TaxCalculator prices each set of taxable amounts once per plan (issue 20): a plan asks for
the same amounts several times (each strategy alone, both, the decision, the "not sure"
branches), and the kept answer must be the one a fresh calculator gives."""

from __future__ import annotations

from decimal import Decimal

from planner.engine import parse_household
from planner.engine.household_tax import TaxCalculator
from planner.engine.tables import planning_table
from tests.engine.helpers import household, person


def _calculator() -> TaxCalculator:
    home = parse_household(
        household(filing_status="married_filing_jointly", people=[person(), person(name="Sam")])
    )
    return TaxCalculator(home, planning_table(home.tax_year, home.limit_overrides))


def test_equal_amounts_are_priced_once_and_as_a_fresh_calculator_prices_them() -> None:
    calculator = _calculator()
    first = calculator.scenario([Decimal("6016.47"), Decimal("0")])
    # The same amounts written otherwise (a list, another exponent) are the same amounts.
    again = calculator.scenario((Decimal("6016.470"), Decimal("0.00")))
    assert again is first
    assert first == _calculator().scenario([Decimal("6016.47"), Decimal("0")])


def test_other_amounts_are_priced_afresh() -> None:
    calculator = _calculator()
    low = calculator.scenario([Decimal("1000"), Decimal("0")])
    high = calculator.scenario([Decimal("50000"), Decimal("0")])
    assert high.total > low.total > 0
    assert high == _calculator().scenario([Decimal("50000"), Decimal("0")])
