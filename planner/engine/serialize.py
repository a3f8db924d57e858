"""PlanResult -> the contract's output JSON."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.engine.models import PlanResult
from planner.engine.parse import json_number

_PLAIN = (str, int, bool, float, type(None))
_PLAIN_TYPES = frozenset(_PLAIN)


def _convert_dataclass(cls: type) -> Callable[[Any], dict[str, Any]]:
    names = tuple(item.name for item in fields(cls))
    has_ratio = "line_10" in names

    def convert(value: Any) -> dict[str, Any]:
        # Decimals and plain values are handled inline: a result holds a few hundred of them.
        data: dict[str, Any] = {}
        for name in names:
            item = getattr(value, name)
            kind = type(item)
            if kind is Decimal:
                whole = int(item)
                data[name] = whole if whole == item else float(item)
            elif kind in _PLAIN_TYPES:
                data[name] = item
            else:
                data[name] = to_json(item)
        if has_ratio and value.line_10 is not None:
            # The contract shows Form 8606 line 10 as a decimal even when it is exactly 1.
            data["line_10"] = float(value.line_10)
        return data

    return convert


# Built once per type: the result tree has a few hundred values, so dispatch cost matters.
_CONVERTERS: dict[type, Callable[[Any], Any]] = {}


def to_json(value: Any) -> Any:
    """Decimal -> int when whole, else float (amounts are already cents, line 10 already rounded)."""
    kind = type(value)
    if kind is Decimal:
        return json_number(value)
    converter = _CONVERTERS.get(kind)
    if converter is None:
        converter = _converter_for(kind)
        _CONVERTERS[kind] = converter
    return converter(value)


def _identity(value: Any) -> Any:
    return value


def _converter_for(kind: type) -> Callable[[Any], Any]:
    if issubclass(kind, StrEnum):
        return lambda value: value.value
    if issubclass(kind, _PLAIN):
        return _identity
    if issubclass(kind, tuple | list):
        return lambda value: [to_json(item) for item in value]
    if issubclass(kind, dict):
        return lambda value: {key: to_json(item) for key, item in value.items()}
    if issubclass(kind, date):
        return lambda value: value.isoformat()
    if is_dataclass(kind):
        return _convert_dataclass(kind)
    raise TypeError(f"Cannot convert {kind.__name__} to JSON")


def result_to_dict(result: PlanResult) -> dict[str, Any]:
    data: dict[str, Any] = to_json(result)
    return data
