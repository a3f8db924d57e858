"""POST /api/plan and GET /api/schema/ carry the rules of issue 9 (IRC 68 from 2026, Roth MAGI
with in-plan rollovers, after-tax money within pay, the true marginal rate, the qualifying
surviving spouse, prior-year wages, RMDs and a second employer's plan)."""

from __future__ import annotations

import json

from planner.engine import plan_from_dict


def _post(client, body):
    return client.post("/api/plan", json.dumps(body), content_type="application/json")


def _codes(result) -> list[str]:
    return [warning["code"] for warning in result["warnings"]]


def test_the_new_rules_come_back_over_http_like_the_engine(client) -> None:
    body = {
        "tax_year": 2026,
        "filing_status": "qualifying_surviving_spouse",
        "itemized_deductions": 400_000,
        "people": [
            {
                "age": 75,
                "compensation": 1_200_000,
                "ira": {"year_end_balance": 250_000, "prior_year_end_balance": 246_000},
                "second_plan": {
                    "employer_contribution": 16_000,
                    "allows_after_tax": True,
                    "allows_in_plan_roth_conversion": True,
                },
                "second_plan_compensation": 80_000,
            }
        ],
    }
    response = _post(client, body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result == json.loads(json.dumps(plan_from_dict(body)))
    person = result["people"][0]
    # Pub. 590-B Table III: 246,000 / 24.6 = 10,000 (Form 8606 line 7).
    assert person["backdoor_roth"]["required_minimum_distribution"] == 10_000
    # IRC 415(c)(1) per employer: 72,000 - 16,000.
    assert person["second_plan_mega_backdoor_roth"]["after_tax_room"] == 56_000
    assert result["tax"]["effective_marginal_rate"] >= result["tax"]["marginal_rate"]
    for code in ("required_minimum_distribution", "second_plan_limits", "itemized_deduction_limit"):
        assert code in _codes(result)


def test_a_second_plan_over_the_shared_402g_limit_is_a_field_error(client) -> None:
    # IRC 402(g)(1): one limit per person across employers (24,500 in 2026).
    body = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [
            {
                "age": 40,
                "compensation": 200_000,
                "plan": {"pretax_deferral": 20_000},
                "second_plan": {"pretax_deferral": 5_000},
                "second_plan_compensation": 50_000,
            }
        ],
    }
    response = _post(client, body)
    assert response.status_code == 400
    message = response.json()["errors"]["people.0.plan.pretax_deferral"][0]
    assert "both employers" in message
    # The way out of an excess already deferred (IRC 402(g)(2)(A)): paid back by April 15.
    assert (
        "ask one plan to pay the $500 excess back with its earnings by April 15, 2027 (IRC "
        "402(g)(2)(A)); left in, it is taxed twice." in message
    )


def test_the_schema_has_the_new_fields(client) -> None:
    schema = client.get("/api/schema/").json()
    text = json.dumps(schema)
    for name in (
        "qualifying_surviving_spouse",
        "prior_year_end_balance",
        "second_plan_compensation",
        "second_plan_mega_backdoor_roth",
        "effective_marginal_rate",
        "required_minimum_distribution_taxable",
    ):
        assert name in text, name
