"""What a person has already done this year, in the figures the engine uses.

The contract's `ira.contributions_made`, `ira.conversions_made` and today's balances
(planner.engine.contract.Ira) as sums, and the December 31 value they lead to.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from planner.engine.money import ZERO

if TYPE_CHECKING:
    from planner.engine.contract import Ira


def contributed(ira: Ira) -> Decimal:
    return sum((made.amount for made in ira.contributions_made), ZERO)


def contributed_next_year(ira: Ira, year: int) -> Decimal:
    """Contributions for `year` made from January 1 of the next year (Form 8606 line 4)."""
    return sum((made.amount for made in ira.contributions_made if made.date.year > year), ZERO)


def made_next_year(ira: Ira, contribution: Decimal, year: int) -> bool:
    """The year's contribution is paid from January 1 of next year (Form 8606 line 4), so it
    is converted then: said so, or every dollar of it dated then."""
    return ira.contribution_made_next_year or ZERO < contribution <= contributed_next_year(
        ira, year
    )


def converted(ira: Ira) -> Decimal:
    return sum((made.amount for made in ira.conversions_made), ZERO)


BALANCES_TODAY = ("traditional_balance_today", "sep_balance_today", "simple_balance_today")


def balances_today(ira: Ira) -> Decimal | None:
    """Today's traditional, SEP and SIMPLE IRA balances together; None when none is given."""
    given = [
        balance
        for balance in (
            ira.traditional_balance_today,
            ira.sep_balance_today,
            ira.simple_balance_today,
        )
        if balance is not None
    ]
    return sum(given, ZERO) if given else None


def contribution_left(ira: Ira, contribution: Decimal) -> Decimal:
    """The part of the year's contribution (Form 8606 line 1) not made yet."""
    return max(ZERO, contribution - contributed(ira))


def conversion_left(ira: Ira, conversion: Decimal) -> Decimal:
    """The part of the year's conversion (Form 8606 line 8) not made yet."""
    return max(ZERO, conversion - converted(ira))


def year_end_value(ira: Ira, contribution: Decimal, conversion: Decimal) -> Decimal:
    """December 31 value of the traditional, SEP and SIMPLE IRAs (Form 8606 line 6 before a
    roll-in): today's balances, when given, plus the contributions still to make this year
    minus the conversions still to make; otherwise the year_end_balance entered."""
    today = balances_today(ira)
    if today is None:
        return ira.year_end_balance
    # Money paid in next year is not in this year's December 31 value.
    coming_in = ZERO if ira.contribution_made_next_year else contribution_left(ira, contribution)
    return max(ZERO, today + coming_in - conversion_left(ira, conversion))


def days_between(start: date, end: date) -> int:
    return (end - start).days
