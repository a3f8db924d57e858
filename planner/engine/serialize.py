"""PlanResult -> the contract's output JSON."""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.engine.models import PlanResult
from planner.engine.parse import json_number

_PLAIN = (str, int, bool, float, type(None))
_NONE = type(None)

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
        return _compile_dataclass(kind)
    raise TypeError(f"Cannot convert {kind.__name__} to JSON")


# ---------------------------------------------------------------- generated converters
#
# Each result dataclass gets one straight-line function, generated from its field types, that
# builds its dict without per-value dispatch. A field whose declared type is not one of the
# simple shapes below falls back to to_json, so the output never depends on the fast path.


def _split_optional(hint: Any) -> tuple[Any, bool]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [arg for arg in typing.get_args(hint) if arg is not _NONE]
        if len(args) == 1 and len(typing.get_args(hint)) == 2:
            return args[0], True
    return hint, False


def _is_class(hint: Any, base: type) -> bool:
    return isinstance(hint, type) and issubclass(hint, base)


def _field_code(
    name: str, hint: Any, namespace: dict[str, Any], index: int
) -> tuple[list[str], str]:
    """Statements that compute the field's JSON value, and the expression that names it."""
    local = f"x{index}"
    read = f"{local} = value.{name}"
    base, optional = _split_optional(hint)
    if base is Decimal:
        # Same rule as json_number: int when whole, else float. as_integer_ratio is exact, and
        # int / int is correctly rounded, so n / d is float(x) at half the cost of int(x) == x.
        numerator, denominator = f"n{index}", f"d{index}"
        convert = [
            f"{numerator}, {denominator} = {local}.as_integer_ratio()",
            f"{local} = {numerator} if {denominator} == 1 else {numerator} / {denominator}",
        ]
        if optional:
            return [read, f"if {local} is not None:", *(f"    {line}" for line in convert)], local
        return [read, *convert], local
    if base in (str, int, bool, float):
        # Only exact instances pass straight through; anything else (a StrEnum in a str
        # field, say) goes through to_json as it always did.
        check = f"type({local}) is not {base.__name__}"
        if optional:
            check = f"{local} is not None and {check}"
        return [read, f"if {check}:", f"    {local} = to_json({local})"], local
    if _is_class(base, StrEnum):
        if optional:
            return [read, f"if {local} is not None:", f"    {local} = {local}.value"], local
        return [read], f"{local}.value"
    if _is_class(base, date) and not optional:
        return [read], f"{local}.isoformat()"
    if is_dataclass(base) and isinstance(base, type):
        converter = f"c_{base.__name__}"
        namespace[converter] = _dataclass_converter(base)
        if optional:
            return [read, f"if {local} is not None:", f"    {local} = {converter}({local})"], local
        return [], f"{converter}(value.{name})"
    origin = typing.get_origin(base)
    args = typing.get_args(base)
    if origin is tuple and not optional and len(args) == 2 and args[1] is Ellipsis:
        item = args[0]
        if is_dataclass(item) and isinstance(item, type):
            converter = f"c_{item.__name__}"
            namespace[converter] = _dataclass_converter(item)
            return [], f"[{converter}(item) for item in value.{name}]"
        if item is str:
            return [], f"[item if type(item) is str else to_json(item) for item in value.{name}]"
    if origin in (dict, Mapping) and not optional and args == (str, str):
        return [], (
            f"{{key: item if type(item) is str else to_json(item)"
            f" for key, item in value.{name}.items()}}"
        )
    return [], f"to_json(value.{name})"


def _dataclass_converter(kind: type) -> Callable[[Any], dict[str, Any]]:
    converter = _CONVERTERS.get(kind)
    if converter is None:
        converter = _compile_dataclass(kind)
        _CONVERTERS[kind] = converter
    return converter


def _compile_dataclass(kind: type) -> Callable[[Any], dict[str, Any]]:
    hints = typing.get_type_hints(kind)
    namespace: dict[str, Any] = {"to_json": to_json, "float": float, "int": int, "type": type}
    body: list[str] = []
    entries: list[str] = []
    for index, item in enumerate(fields(kind)):
        statements, expression = _field_code(item.name, hints[item.name], namespace, index)
        body.extend(statements)
        entries.append(f"{item.name!r}: {expression}")
    if "line_10" in hints:
        # The contract shows Form 8606 line 10 as a decimal even when it is exactly 1.
        index = [item.name for item in fields(kind)].index("line_10")
        body.append(f"x{index} = value.line_10")
        body.append(f"if x{index} is not None:")
        body.append(f"    x{index} = float(x{index})")
        entries[index] = f"'line_10': x{index}"
    source = "def convert(value):\n"
    source += "".join(f"    {line}\n" for line in body)
    source += "    return {" + ", ".join(entries) + "}\n"
    exec(compile(source, f"<json converter for {kind.__name__}>", "exec"), namespace)  # noqa: S102
    convert: Callable[[Any], dict[str, Any]] = namespace["convert"]
    return convert


_convert_result = _dataclass_converter(PlanResult)


def result_to_dict(result: PlanResult) -> dict[str, Any]:
    return _convert_result(result)
