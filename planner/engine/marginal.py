"""The true marginal rate: federal tax on the next $1,000 of conversion income."""

from __future__ import annotations

from decimal import Decimal

from planner.engine.compute import Computation
from planner.engine.money import ZERO

NEXT_CONVERSION = Decimal(1000)
EFFECTIVE_MARGINAL_RATE_LABEL = (
    "Federal tax on the next $1,000 of conversion income, on top of this plan's moves, per "
    "dollar: unlike the bracket rate, it counts deductions that shrink as income grows (the "
    "senior deduction, the 2026 itemized-deduction limit) and bracket edges."
)


def effective_marginal_rate(work: Computation, return_index: int) -> Decimal:
    """Federal tax on $1,000 more conversion income at the with-moves income, per dollar.

    It prices the extra income the way the tax due does (TaxCalculator.scenario), so the
    rate agrees with the tax figures.
    """
    household, calculator = work.household, work.calculator
    if household.federal_marginal_rate is not None:
        return household.federal_marginal_rate
    tax_return = calculator.returns[return_index]
    added = sum((work.taxable_both[i] for i in tax_return.members), ZERO)
    taxable = [ZERO] * len(household.people)
    taxable[tax_return.members[0]] = added + NEXT_CONVERSION
    more = calculator.scenario(taxable).federal_tax_with_moves[return_index]
    return (more - work.tax_both.federal_tax_with_moves[return_index]) / NEXT_CONVERSION
