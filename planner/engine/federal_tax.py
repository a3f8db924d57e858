"""Federal income tax as Form 1040 line 16 shows it (Tax Table below $100,000, schedule above)."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from planner.engine.money import ZERO, cents, whole_dollars
from planner.engine.tables import FilingStatus, year_table
from planner.engine.tables.schema import BracketSchedule

TAX_TABLE_CEILING = Decimal(100_000)
_FIVE = Decimal(5)
_FIFTEEN = Decimal(15)
_TWENTY_FIVE = Decimal(25)
_THREE_THOUSAND = Decimal(3_000)
_FIFTY = Decimal(50)
_HALF = Decimal("0.5")


def schedule_tax(schedule: BracketSchedule, taxable_income: Decimal) -> Decimal:
    """Unrounded rate-schedule tax."""
    if taxable_income <= ZERO:
        return ZERO
    index = 0
    edges = schedule.upper_edges
    while index < len(edges) and taxable_income > edges[index]:
        index += 1
    return (
        schedule.base_tax[index]
        + (taxable_income - schedule.lower_edges[index]) * schedule.rates[index]
    )


def tax_table_midpoint(taxable_income: Decimal) -> Decimal:
    """Midpoint of the Tax Table row holding this income (rows are 'at least X but less than Y')."""
    if taxable_income < _FIVE:
        return _FIVE * _HALF
    if taxable_income < _FIFTEEN:
        return Decimal(10)
    if taxable_income < _TWENTY_FIVE:
        return Decimal(20)
    width = _TWENTY_FIVE if taxable_income < _THREE_THOUSAND else _FIFTY
    lower = (taxable_income / width).to_integral_value(rounding=ROUND_FLOOR) * width
    return lower + width * _HALF


def line_16_tax(schedule: BracketSchedule, taxable_income: Decimal) -> Decimal:
    if taxable_income <= ZERO:
        return ZERO
    if taxable_income < TAX_TABLE_CEILING:
        # Form 1040 instructions: under $100,000 the Tax Table must be used; each row is the
        # schedule tax at the row's midpoint, rounded to whole dollars.
        return cents(whole_dollars(schedule_tax(schedule, tax_table_midpoint(taxable_income))))
    return cents(schedule_tax(schedule, taxable_income))


def marginal_rate(schedule: BracketSchedule, taxable_income: Decimal) -> Decimal:
    """Rate on the next dollar of taxable income."""
    for edge, rate in zip(schedule.upper_edges, schedule.rates, strict=False):
        if taxable_income < edge:
            return rate
    return schedule.rates[-1]


def federal_income_tax(
    year: int, filing_status: FilingStatus | str, taxable_income: Decimal
) -> Decimal:
    """Form 1040 line 16 tax on ordinary income, in dollars and cents."""
    table = year_table(year)
    return line_16_tax(table.brackets[FilingStatus(filing_status)], Decimal(taxable_income))
