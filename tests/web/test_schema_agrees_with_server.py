"""The published schema (GET /api/schema/) agrees with the server (issue 17): inputs generated
from it by hypothesis-jsonschema are answered 200 with an output that validates against the
published output schema. The only refusals allowed are the rules the schema lists in its
description as ones JSON Schema cannot state (sums and limits by year and age), each a 400
naming its field."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator

from planner.engine import available_years, contract_schema
from planner.engine.schema_rules import is_unstated_rule
from soak.hypothesis_jsonschema_compat import from_schema

SCHEMA = contract_schema()
INPUT = Draft202012Validator(SCHEMA["input"])
OUTPUT = Draft202012Validator(SCHEMA["output"])
seen = {"answered": 0, "refused": 0}


def test_the_published_schema_is_the_one_tested(client: Client) -> None:
    assert client.get("/api/schema/").json() == json.loads(json.dumps(SCHEMA))


def test_tax_years_are_the_tables_the_server_has() -> None:
    assert SCHEMA["input"]["properties"]["tax_year"]["enum"] == list(available_years())
    for number in range(1, 5):
        assert f"({number})" in SCHEMA["input"]["description"]


@pytest.mark.parametrize(
    "document",
    [
        {"tax_year": 2030, "filing_status": "single", "people": [{"age": 40, "compensation": 1}]},
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [{"age": 40, "compensation": 1}, {"age": 40, "compensation": 1}],
        },
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [{"age": 40, "compensation": 1, "name": "Tab\x0bname"}],
        },
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [{"age": 40, "compensation": 1, "lived_apart_all_year": True}],
        },
        {
            "tax_year": 2026,
            "filing_status": "married_filing_separately",
            "people": [
                {"age": 40, "compensation": 1, "lived_apart_all_year": True},
                {"age": 40, "compensation": 1},
            ],
        },
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [
                {
                    "age": 40,
                    "compensation": 1,
                    "plan": {"after_tax_route": "in_plan_conversion"},
                }
            ],
        },
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [{"age": 40, "compensation": 1, "ira": {"roll_into_plan": True}}],
        },
    ],
    ids=["year", "spouse", "control", "apart", "disagree", "route", "roll-in"],
)
def test_what_the_server_refuses_the_schema_refuses(client: Client, document: dict) -> None:
    assert list(INPUT.iter_errors(document)), "the schema should refuse it"
    response = client.post("/api/plan", json.dumps(document), content_type="application/json")
    assert response.status_code == 400


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(document=from_schema(copy.deepcopy(SCHEMA["input"])))  # it rewrites what it is given
def test_every_schema_valid_input_is_answered(document: dict[str, Any]) -> None:
    assert not list(INPUT.iter_errors(document))
    response = Client().post("/api/plan", json.dumps(document), content_type="application/json")
    if response.status_code == 400:
        errors = response.json()["errors"]
        undocumented = {
            path: messages
            for path, messages in errors.items()
            if not all(is_unstated_rule(path, message) for message in messages)
        }
        assert undocumented == {}, (document, errors)
        seen["refused"] += 1
        return
    assert response.status_code == 200, (document, response.content[:500])
    problems = [error.message for error in OUTPUT.iter_errors(response.json())]
    assert problems == []
    seen["answered"] += 1
