"""The projection: the year's Roth dollars grown tax-free against a taxable account."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from planner.engine.models import Household, Projection, ProjectionYear
from planner.engine.money import CENT, ONE, ZERO, format_money, format_rate
from planner.engine.tables import YearTable

# The taxable account's growth is taxed by default as long-term gains and qualified dividends
# at 15% (IRC 1(h)(1)(C)); the 3.8% net investment income tax (IRC 1411) is added only above
# the year table's MAGI threshold, and the state rate always.
DEFAULT_LONG_TERM_GAIN_RATE = Decimal("0.15")


@lru_cache(maxsize=256)
def growth_factor(rate: Decimal, years: int) -> Decimal:
    return (ONE + rate) ** years


@dataclass(frozen=True, slots=True)
class TaxableAccountRate:
    """The projection's tax on the taxable account's growth, and what it is made of."""

    rate: Decimal
    # None when the household gave taxable_account_tax_rate itself.
    net_investment_income_tax: bool | None
    magi: Decimal
    threshold: Decimal


def taxable_account_tax_rate(
    household: Household, table: YearTable, magi: Decimal
) -> TaxableAccountRate:
    """The input override, or 15% (IRC 1(h)) + 3.8% NIIT above the IRC 1411(b) threshold + state.

    The NIIT test uses the year's MAGI before the Roth moves (a conversion is a one-off; the
    rate stands for the years the account grows). Investment income itself is not modelled,
    so the full 3.8% applies once MAGI exceeds the threshold.
    """
    threshold = table.net_investment_income_tax_threshold[household.filing_status]
    if household.taxable_account_tax_rate is not None:
        return TaxableAccountRate(household.taxable_account_tax_rate, None, magi, threshold)
    niit = magi > threshold
    rate = DEFAULT_LONG_TERM_GAIN_RATE + household.state_tax_rate
    if niit:
        rate += table.net_investment_income_tax_rate
    return TaxableAccountRate(min(ONE, rate), niit, magi, threshold)


@lru_cache(maxsize=64)
def _growth_factors(
    rate: Decimal, tax_rate: Decimal, years: int
) -> tuple[tuple[Decimal, Decimal], ...]:
    """(1 + r) ** n for the Roth and (1 + r(1 - t)) ** n for the taxable account, n = 0..years."""
    roth_growth = ONE + rate
    taxable_growth = ONE + rate * (ONE - tax_rate)
    factors = [(ONE, ONE)]
    for _ in range(years):
        roth, taxable = factors[-1]
        factors.append((roth * roth_growth, taxable * taxable_growth))
    return tuple(factors)


@lru_cache(maxsize=64)
def _assumptions(
    rate: Decimal, tax_rate: Decimal, years: int, taxable: TaxableAccountRate, state: Decimal
) -> tuple[str, ...]:
    # Keyed by value: normalize() makes the text the same for 0.06 and 0.060.
    percent = (rate * 100).normalize()
    return (
        "Both accounts start with the dollars the two strategies move into Roth accounts this year.",
        f"Investments earn {percent:f}% a year for {years} years.",
        "The Roth account grows tax-free and is withdrawn tax-free after age 59½ and five years.",
        f"The taxable account loses {format_rate(tax_rate)} of each year's growth to tax"
        + _taxable_rate_explanation(taxable, state),
        "Tax paid this year on taxable conversions is not taken out of either account.",
        "Values are in future dollars, not adjusted for inflation.",
    )


def _taxable_rate_explanation(taxable: TaxableAccountRate, state: Decimal) -> str:
    if taxable.net_investment_income_tax is None:
        return "."
    state_text = f", plus the {format_rate(state)} state rate" if state > ZERO else ""
    magi = format_money(taxable.magi)
    threshold = format_money(taxable.threshold)
    if taxable.net_investment_income_tax:
        return (
            " (15% on long-term gains and qualified dividends, plus the 3.8% net investment income"
            f" tax because MAGI of {magi} is above the {threshold} threshold{state_text})."
        )
    return (
        f" (15% on long-term gains and qualified dividends{state_text}; no 3.8% net investment"
        f" income tax because MAGI of {magi} is not above the {threshold} threshold)."
    )


def projection(household: Household, start: Decimal, taxable: TaxableAccountRate) -> Projection:
    rate = household.expected_return
    tax_rate = taxable.rate
    # cents() inlined: this loop runs once per year to retirement.
    by_year = [
        ProjectionYear(
            year_index,
            (start * roth_factor).quantize(CENT, ROUND_HALF_UP),
            (start * taxable_factor).quantize(CENT, ROUND_HALF_UP),
        )
        for year_index, (roth_factor, taxable_factor) in enumerate(
            _growth_factors(rate, tax_rate, household.years_to_retirement)
        )
    ]
    assumptions = _assumptions(
        rate, tax_rate, household.years_to_retirement, taxable, household.state_tax_rate
    )
    return Projection(
        years=household.years_to_retirement,
        expected_return=rate,
        taxable_account_tax_rate=tax_rate,
        roth_value=by_year[-1].roth_value,
        taxable_account_value=by_year[-1].taxable_account_value,
        by_year=tuple(by_year),
        assumptions=assumptions,
    )
