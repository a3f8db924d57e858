"""PlanResult -> the contract's output JSON."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.engine.models import PlanResult
from planner.engine.parse import json_number

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(item.name for item in fields(cls))
        _FIELD_NAMES[cls] = names
    return names


def to_json(value: object) -> Any:
    """Decimal -> int when whole, else float (amounts are already cents, line 10 already rounded)."""
    if isinstance(value, Decimal):
        return json_number(value)
    if value is None or isinstance(value, bool | int | str) and not isinstance(value, StrEnum):
        return value
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, tuple | list):
        return [to_json(item) for item in value]
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        data = {name: to_json(getattr(value, name)) for name in _field_names(type(value))}
        ratio = getattr(value, "line_10", None)
        if isinstance(ratio, Decimal):
            # The contract shows Form 8606 line 10 as a decimal even when it is exactly 1.
            data["line_10"] = float(ratio)
        return data
    raise TypeError(f"Cannot convert {type(value).__name__} to JSON")


def result_to_dict(result: PlanResult) -> dict[str, Any]:
    data: dict[str, Any] = to_json(result)
    return data
