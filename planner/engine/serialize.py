"""PlanResult -> the contract's output JSON, through pydantic (money: int when whole, else float)."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from pydantic import TypeAdapter

from planner.engine.contract import ContractJsonSchema, Household
from planner.engine.models import PlanResult
from planner.engine.schema_rules import add_server_rules

RESULT = TypeAdapter(PlanResult)
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def result_to_dict(result: PlanResult) -> dict[str, Any]:
    data: dict[str, Any] = RESULT.dump_python(result, mode="json")
    return data


def result_to_json(result: PlanResult) -> bytes:
    return RESULT.dump_json(result)


@cache
def _schemas() -> dict[str, Any]:
    input_schema = add_server_rules(
        Household.model_json_schema(mode="validation", schema_generator=ContractJsonSchema)
    )
    output_schema = RESULT.json_schema(mode="serialization", schema_generator=ContractJsonSchema)
    output_schema["description"] = (
        "Contract output: the plan for the household. Money is a JSON number in dollars "
        "(an integer when whole); rates are fractions."
    )
    return {
        "input": {"$schema": JSON_SCHEMA_DIALECT, **input_schema},
        "output": {"$schema": JSON_SCHEMA_DIALECT, **output_schema},
    }


def contract_schema() -> dict[str, Any]:
    """The JSON Schemas (draft 2020-12) of the contract's input and output documents."""
    return copy.deepcopy(_schemas())
