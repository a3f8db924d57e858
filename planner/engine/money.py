from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

ZERO = Decimal(0)
ONE = Decimal(1)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)
TEN = Decimal(10)


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def whole_dollars(amount: Decimal) -> Decimal:
    return amount.quantize(DOLLAR, rounding=ROUND_HALF_UP)


@cache
def long_date(value: date) -> str:
    """January 5, 2026. ("%-d" is a glibc extension that fails on Windows, so the day is
    formatted by hand; cached because strftime's %B is slow enough to matter.)"""
    return f"{value:%B} {value.day}, {value.year}"


def format_money(amount: Decimal) -> str:
    """$1,455 for whole dollars, $1,451.61 otherwise."""
    # Formatting to cents and dropping a ".00" is the same text as testing for whole dollars
    # first and formatting with ",.0f", at half the cost (warnings format a dozen amounts).
    text = f"${amount.quantize(CENT, ROUND_HALF_UP):,.2f}"
    return text[:-3] if text.endswith(".00") else text


def format_rate(rate: Decimal) -> str:
    percent = (rate * 100).normalize()
    return f"{percent:f}%"
