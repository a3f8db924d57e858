"""JSON numbers read with bounds, before any arithmetic.

A number such as 1E999999999 is only a few bytes of JSON, yet turning it into an int (for a
whole-number field) builds a billion-digit integer and holds a worker for minutes. So the
JSON reader keeps every number within a few dozen digits and an exponent the contract can
use, and anything beyond stays an OutOfBounds marker; the contract's number types then turn
a marker (or a Decimal out of bounds handed to them from Python) into the field's own
out-of-range message. No arithmetic ever sees the huge number.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Final

# Longest number text read (sign, digits, point and exponent): a float printed by any
# language fits in 25 characters.
MAX_NUMBER_CHARS: Final = 60
# Decimal.adjusted() (the power of ten of the leading digit) within these: every contract
# amount is below 10**12, and anything smaller than 10**-30 is 0 to the cent and the ratio.
MAX_MAGNITUDE: Final = 20
MIN_MAGNITUDE: Final = -40
# What an out-of-bounds number stands in as: above every field's maximum (or, tiny, a
# fraction that no whole-number field takes), so the field's own bounds explain the refusal.
TOO_BIG: Final = Decimal(10) ** MAX_MAGNITUDE
TOO_SMALL: Final = Decimal(10) ** MIN_MAGNITUDE


@dataclass(frozen=True, slots=True)
class OutOfBounds:
    """A JSON number too long or too far from 1 to read; `text` is its first characters."""

    text: str
    negative: bool
    tiny: bool = False

    @classmethod
    def of(cls, text: str, *, tiny: bool = False) -> OutOfBounds:
        return cls(text[:20], text.startswith("-"), tiny)


def _within(value: Decimal) -> bool:
    return not value.is_finite() or (
        value.is_zero() or MIN_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE
    )


def parse_int(text: str) -> int | OutOfBounds:
    if len(text) > sys.get_int_max_str_digits():
        # Refused as json.loads refuses it, without reading the digits.
        raise ValueError("Exceeds the limit for integer string conversion")
    if len(text) > MAX_MAGNITUDE + 2:
        return OutOfBounds.of(text)
    return int(text)


def parse_float(text: str) -> Decimal | OutOfBounds:
    """A JSON fraction or exponent number as a Decimal (exact, as money needs)."""
    if len(text) > MAX_NUMBER_CHARS:
        return OutOfBounds.of(text)
    try:
        value = Decimal(text)  # the exponent is stored, never expanded: cheap for any text
    except InvalidOperation:
        raise ValueError(f"{text[:20]} is not a number") from None
    if _within(value):
        return value
    return OutOfBounds.of(text, tiny=value.adjusted() < MIN_MAGNITUDE)


def _reject_constant(constant: str) -> None:
    raise ValueError(f"{constant} is not a number")


def loads(text: str | bytes) -> Any:
    """json.loads with bounded numbers: fractions as Decimal, NaN and Infinity refused.

    Raises ValueError (or RecursionError for very deep nesting) like json.loads.
    """
    return json.loads(
        text, parse_int=parse_int, parse_float=parse_float, parse_constant=_reject_constant
    )


def bounded(value: Any) -> Any:
    """The contract number types' first step: a number out of bounds becomes a stand-in
    beyond every field's range, before pydantic converts it (int(Decimal("1E999999999"))
    would take minutes)."""
    if isinstance(value, OutOfBounds):
        stand_in = TOO_SMALL if value.tiny else TOO_BIG
        return -stand_in if value.negative else stand_in
    if isinstance(value, Decimal) and not _within(value):
        stand_in = TOO_SMALL if value.adjusted() < MIN_MAGNITUDE else TOO_BIG
        return stand_in.copy_sign(value)
    return value
