"""POST /api/plan with hostile bodies answers 400 JSON, and GET /api/schema/ publishes the contract."""

from __future__ import annotations

import json

import pytest

from planner.engine import contract_schema
from tests.engine.helpers import household, person


def _post(client, body: str | bytes):
    return client.post("/api/plan", body, content_type="application/json")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ("[" * 20_000, {"body": ["The body is nested too deeply to be a plan."]}),
        ('{"a":' * 12_000, {"body": ["The body is nested too deeply to be a plan."]}),
        ('{"tax_year": Infinity}', {"body": ["The body must be a JSON document."]}),
        ('{"tax_year": -NaN}', {"body": ["The body must be a JSON document."]}),
        ("1" * 5000, {"body": ["The body must be a JSON document."]}),
        (
            json.dumps(household(tax_year=10**30)),
            {"tax_year": ["Must be between 1900 and 2200."]},
        ),
        (
            json.dumps(household(other_income=1e308)),
            {"other_income": ["Must be less than 1,000,000,000,000."]},
        ),
        (
            json.dumps(household(people=[person(name="\ud800")])),
            {"people.0.name": ["Use plain text: no control characters or broken Unicode."]},
        ),
        (
            json.dumps(household(people=[person(name="A\u0000")])),
            {"people.0.name": ["Use plain text: no control characters or broken Unicode."]},
        ),
        (
            json.dumps({**household(), "\ud800": 1}),
            {"__all__": ["Field names must be plain text."]},
        ),
        (json.dumps(household(people="x")), {"people": ["Must be a list of one or two people."]}),
        (json.dumps(household(people=[1])), {"people.0": ["Must be an object."]}),
    ],
    ids=[
        "deep-list",
        "deep-object",
        "infinity",
        "nan",
        "huge-integer-text",
        "huge-year",
        "1e308",
        "lone-surrogate",
        "nul",
        "surrogate-key",
        "people-text",
        "person-number",
    ],
)
def test_a_hostile_body_gets_400_with_json_errors(client, body, errors) -> None:
    response = _post(client, body)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"errors": errors}


def test_the_schema_is_published_as_json(client) -> None:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    schema = response.json()
    assert schema == json.loads(json.dumps(contract_schema()))
    assert set(schema) == {"input", "output"}
    assert schema["input"]["required"] == ["tax_year", "filing_status", "people"]
    assert "warnings" in schema["output"]["properties"]


def test_the_schema_only_answers_get(client) -> None:
    assert client.post("/api/schema/").status_code == 405
