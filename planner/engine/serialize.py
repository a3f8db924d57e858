"""PlanResult -> the contract's output JSON, through pydantic (money: int when whole, else float)."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from planner.engine.models import PlanResult

RESULT = TypeAdapter(PlanResult)


def result_to_dict(result: PlanResult) -> dict[str, Any]:
    data: dict[str, Any] = RESULT.dump_python(result, mode="json")
    return data


def result_to_json(result: PlanResult) -> bytes:
    return RESULT.dump_json(result)


def output_schema() -> dict[str, Any]:
    return RESULT.json_schema(mode="serialization")
