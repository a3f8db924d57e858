"""POST /api/plan: the planner contract over HTTP (planner-contract.md)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from planner.engine import plan_from_dict
from tests.engine.golden import load_cases, to_contract

GOLDEN = load_cases()


def _post(client, body, **kwargs):
    if not isinstance(body, str | bytes):
        body = json.dumps(body)
    return client.post("/api/plan", body, content_type="application/json", **kwargs)


def _within_a_dollar(got, expected) -> bool:
    return abs(Decimal(str(got)) - Decimal(str(expected))) <= 1


@pytest.mark.parametrize("case", GOLDEN, ids=[case["name"] for case in GOLDEN])
def test_it_answers_every_golden_case_like_the_engine(client, case) -> None:
    # Golden cases: tax-rules.md section 6 (Form 8606 lines, 415(c) room, Notice 2014-54).
    document = to_contract(case["inputs"])
    response = _post(client, document)
    assert response.status_code == 200, response.content
    result = response.json()
    # Both count days from today in the site's time zone (a date late in the year speaks).
    assert result == json.loads(json.dumps(plan_from_dict(document, timezone.localdate())))
    both = result["totals"]["both"]
    expected = case["expected"]
    assert _within_a_dollar(both["roth_added"], expected["roth_dollars_added"])
    assert _within_a_dollar(both["taxable_amount"], expected["taxable_amount"])
    assert _within_a_dollar(both["tax_due"], expected["tax_due"])


def test_it_answers_a_married_household_for_every_year(client) -> None:
    for year in range(2018, 2027):
        document = {
            "tax_year": year,
            "filing_status": "married_filing_jointly",
            "people": [
                {"age": 45, "compensation": 250000, "plan": {"pretax_deferral": 15000}},
                {"age": 52, "compensation": 180000, "ira": {"year_end_balance": 10000}},
            ],
        }
        response = _post(client, document)
        assert response.status_code == 200, (year, response.content)
        result = response.json()
        assert result["tax_year"] == year
        assert [p["name"] for p in result["people"]] == ["You", "Spouse"]


def test_it_needs_no_csrf_token_and_no_session(client) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = _post(strict, to_contract(GOLDEN[0]["inputs"]))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_it_gives_field_errors_for_bad_input(client) -> None:
    response = _post(
        client,
        {
            "tax_year": 2026,
            "filing_status": "single",
            "people": [{"age": "old", "compensation": -5, "plan": {"pretax_deferral": 1e15}}],
            "surprise": 1,
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["people.0.age"]
    assert errors["people.0.compensation"] == ["Must be 0 or more."]
    assert errors["people.0.plan.pretax_deferral"]
    assert errors["surprise"] == ["Unknown field."]


def test_it_names_the_years_it_has_for_an_unknown_year(client) -> None:
    response = _post(
        client,
        {"tax_year": 2028, "filing_status": "single", "people": [{"age": 40, "compensation": 1}]},
    )
    assert response.status_code == 400
    # Issue 18: 2027 is planned on provisional figures.
    assert "2018–2027" in response.json()["errors"]["tax_year"][0]


@pytest.mark.parametrize(
    "body", ["not json", "[1, 2]", '{"tax_year": NaN}', b"\xff\xfe", "null"], ids=repr
)
def test_it_answers_400_for_a_body_that_is_not_a_json_object(client, body) -> None:
    response = _post(client, body)
    assert response.status_code == 400
    assert "body" in response.json()["errors"]


def test_it_only_accepts_post(client) -> None:
    assert client.get("/api/plan").status_code == 405
