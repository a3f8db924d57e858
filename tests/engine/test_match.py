"""employer_match: a "rate of the first X% of pay" formula in dollars (tax-rules.md section 4.1).

IRC 401(a)(17) caps the pay a qualified plan may take into account; the dollar figures come
from the year tables (2018: $275,000, Notice 2017-64; 2026: $360,000, Notice 2025-67).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.engine import UnknownTaxYear
from planner.engine.match import employer_match


def _match(year: int, pay: int | str, deferrals: int | str, rate: str, up_to: str) -> Decimal:
    return employer_match(year, Decimal(pay), Decimal(deferrals), Decimal(rate), Decimal(up_to))


def test_it_limits_the_pay_the_formula_uses_to_401a17_notice_2017_64() -> None:
    # 2018, pay 400,000, 50% of the first 6%, deferral 18,500:
    # 50% x min(18,500, 6% x 275,000 = 16,500) = 8,250 (not 50% x 18,500 = 9,250).
    assert _match(2018, 400_000, 18_500, "0.5", "0.06") == Decimal("8250.00")


def test_it_uses_the_actual_pay_below_the_401a17_limit() -> None:
    # 100,000 x 6% = 6,000 matchable; 50% of it = 3,000.
    assert _match(2018, 100_000, 18_500, "0.5", "0.06") == Decimal("3000.00")


def test_it_matches_only_what_was_deferred() -> None:
    # Deferring 4,000 of a 6,000 matchable slice: 100% x 4,000.
    assert _match(2024, 100_000, 4_000, "1", "0.06") == Decimal("4000.00")


def test_it_matches_nothing_without_deferrals_or_pay() -> None:
    assert _match(2026, 250_000, 0, "0.5", "0.06") == 0
    assert _match(2026, 0, 0, "0.5", "0.06") == 0


@pytest.mark.parametrize(
    ("year", "limit"),
    [(2018, 275_000), (2019, 280_000), (2022, 305_000), (2025, 350_000), (2026, 360_000)],
)
def test_it_takes_the_401a17_limit_from_the_year_table(year: int, limit: int) -> None:
    # 100% of the first 10% of 1,000,000 of pay: the limit x 10%, whatever the deferral.
    assert _match(year, 1_000_000, 1_000_000, "1", "0.1") == Decimal(limit) / 10


def test_it_rounds_to_cents_half_up() -> None:
    # 4% of 12,345.67 = 493.8268 matchable; x 50% = 246.9134 -> 246.91.
    assert _match(2026, "12345.67", 24_500, "0.5", "0.04") == Decimal("246.91")
    # 50% x 0.05 = 0.025 -> 0.03 (half-up, not banker's rounding to 0.02).
    assert _match(2026, 100_000, "0.05", "0.5", "0.06") == Decimal("0.03")


def test_it_refuses_a_year_without_a_table() -> None:
    with pytest.raises(UnknownTaxYear):
        _match(2017, 100_000, 5_000, "0.5", "0.06")
