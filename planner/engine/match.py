"""Employer match formulas ("50% of the first 6% of pay") turned into dollars."""

from __future__ import annotations

from decimal import Decimal

from planner.engine.money import cents
from planner.engine.tables import year_table


def employer_match(
    tax_year: int,
    compensation: Decimal,
    elective_deferrals: Decimal,
    match_rate: Decimal,
    match_up_to: Decimal,
) -> Decimal:
    """Match dollars for a year: rate x the deferrals up to `match_up_to` of pay.

    Pay is limited by the 401(a)(17) compensation limit, because a qualified plan may not
    take pay above it into account (IRC 401(a)(17)). Rates are fractions (0.5, 0.06).
    """
    plan_pay = min(compensation, year_table(tax_year).compensation_limit)
    matched_deferrals = min(elective_deferrals, plan_pay * match_up_to)
    return cents(matched_deferrals * match_rate)
