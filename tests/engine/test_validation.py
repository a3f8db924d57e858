"""parse_household: every input error message, collected in one pass (planner-contract.md)."""

from __future__ import annotations

from typing import Any

import pytest

from planner.engine import InvalidInput, household_to_dict, parse_household
from tests.engine.helpers import household, person


def _errors(data: Any) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as raised:
        parse_household(data)
    return raised.value.errors


MESSAGES = [
    pytest.param(
        {"tax_year": None}, "tax_year", "Enter a whole number, like 2026.", id="year-null"
    ),
    pytest.param(
        {"tax_year": 2028},
        "tax_year",
        "Tax year 2028 has no limits table yet; available years: 2018–2027.",
        id="year-unknown",
    ),
    pytest.param(
        {"filing_status": "widow"},
        "filing_status",
        "Must be one of: single, married_filing_jointly, married_filing_separately, head_of_household, "
        "qualifying_surviving_spouse.",
        id="status",
    ),
    pytest.param({"other_income": -1}, "other_income", "Must be 0 or more.", id="negative-money"),
    pytest.param(
        {"other_income": 1e15},
        "other_income",
        "Must be less than 1,000,000,000,000.",
        id="huge-money",
    ),
    pytest.param(
        {"other_income": True},
        "other_income",
        "Enter a number, like 24500.",
        id="bool-is-not-a-number",
    ),
    pytest.param(
        {"other_income": float("nan")}, "other_income", "Enter a number, like 24500.", id="nan"
    ),
    pytest.param(
        {"other_income": float("inf")}, "other_income", "Enter a number, like 24500.", id="infinity"
    ),
    pytest.param(
        {"other_income": "lots"}, "other_income", "Enter a number, like 24500.", id="text"
    ),
    pytest.param(
        {"state_tax_rate": 5},
        "state_tax_rate",
        "Enter a fraction between 0 and 1, like 0.24 for 24%.",
        id="rate-over-1",
    ),
    pytest.param(
        {"years_to_retirement": 2.5},
        "years_to_retirement",
        "Enter a whole number, like 20.",
        id="fractional-years",
    ),
    pytest.param(
        {"form_8606_ratio_places": 2},
        "form_8606_ratio_places",
        "Must be between 3 and 8.",
        id="ratio-places",
    ),
    pytest.param({"surprise": 1}, "surprise", "Unknown field.", id="unknown-top-level"),
    pytest.param({"people": []}, "people", "Add at least one person.", id="no-people"),
    pytest.param(
        {"people": [person(), person(), person()]},
        "people",
        "At most two people: you and a spouse.",
        id="three-people",
    ),
    pytest.param(
        {"people": [person(), person()]},
        "people",
        "A spouse can only be added on a married return.",
        id="spouse-on-single",
    ),
    pytest.param(
        {"people": [person(age=17)]}, "people.0.age", "Must be between 18 and 120.", id="age-range"
    ),
    pytest.param(
        {"people": [person(age=45.5)]},
        "people.0.age",
        "Enter a whole number, like 45.",
        id="age-whole",
    ),
    pytest.param(
        {"people": [{"age": 45}]},
        "people.0.compensation",
        "This field is required.",
        id="compensation-required",
    ),
    pytest.param(
        {"people": [person(nickname="x")]},
        "people.0.nickname",
        "Unknown field.",
        id="unknown-person-field",
    ),
    pytest.param(
        {"people": [person(plan={"colour": 1})]},
        "people.0.plan.colour",
        "Unknown field.",
        id="unknown-plan-field",
    ),
    pytest.param(
        {"people": [person(plan={"allows_after_tax": "yes"})]},
        "people.0.plan.allows_after_tax",
        "Must be true, false or null (not sure).",
        id="bool",
    ),
    pytest.param(
        {"people": [person(plan={"conversion_frequency": "weekly"})]},
        "people.0.plan.conversion_frequency",
        "Must be one of: per_paycheck, monthly, quarterly, annually.",
        id="frequency",
    ),
    pytest.param(
        {"people": [person(plan={"pretax_deferral": 30000})]},
        "people.0.plan.pretax_deferral",
        "Pre-tax plus Roth deferrals can be at most $24,500 in 2026 at age 45 (the 402(g) limit plus the catch-up for that age).",
        id="402g-limit",
    ),
    pytest.param(
        {
            "people": [
                person(
                    compensation=40000,
                    plan={"pretax_deferral": 20000, "after_tax_contribution": 25000},
                )
            ]
        },
        "people.0.plan.after_tax_contribution",
        "Deferrals plus after-tax contributions ($45,000) cannot be more than compensation ($40,000).",
        id="more-than-pay",
    ),
    pytest.param(
        {
            "people": [
                person(
                    plan={
                        "allows_in_service_distribution": False,
                        "after_tax_route": "rollover_to_roth_ira",
                    }
                )
            ]
        },
        "people.0.plan.after_tax_route",
        "This route needs a plan that allows in-service distributions.",
        id="route-needs-in-service",
    ),
    pytest.param(
        {"people": [person(plan={"after_tax_route": "in_plan_conversion"})]},
        "people.0.plan.after_tax_route",
        "This route needs a plan that allows in-plan Roth conversions.",
        id="route-needs-in-plan",
    ),
    pytest.param(
        {"people": [person(plan={"accepts_ira_rollins": False}, ira={"roll_into_plan": True})]},
        "people.0.ira.roll_into_plan",
        "The workplace plan must accept roll-ins of IRA money (accepts_ira_rollins).",
        id="roll-in-not-accepted",
    ),
    pytest.param(
        {"people": [person(ira={"nondeductible_contribution": 8000})]},
        "people.0.ira.nondeductible_contribution",
        "At most $7,500 for 2026 at age 45 (the IRA limit for that age).",
        id="ira-over-limit",
    ),
    pytest.param(
        {
            "tax_year": 2019,
            "people": [
                person(
                    age=72,
                    plan={"pretax_deferral": 19000},
                    ira={"nondeductible_contribution": 1000},
                )
            ],
        },
        "people.0.ira.nondeductible_contribution",
        "At most $0 for 2019 at age 72 (no traditional IRA contribution is allowed in or after the year of age 70½ before 2020).",
        id="ira-70-half",
    ),
    pytest.param(
        {
            "people": [
                person(
                    compensation=5000,
                    plan={"pretax_deferral": 0},
                    ira={"nondeductible_contribution": 6000},
                )
            ]
        },
        "people.0.ira.nondeductible_contribution",
        "At most $5,000 for 2026 at age 45 (the IRA limit is capped by taxable compensation).",
        id="ira-over-compensation",
    ),
    pytest.param(
        {"people": [{**person(), "lived_apart_all_year": True}]},
        "people.0.lived_apart_all_year",
        "Only used on a married-filing-separately return.",
        id="lived-apart-not-mfs",
    ),
]


@pytest.mark.parametrize(("overrides", "path", "message"), MESSAGES)
def test_it_reports_the_field_error(overrides: dict[str, Any], path: str, message: str) -> None:
    assert message in _errors(household(**overrides)).get(path, []), _errors(household(**overrides))


def test_it_requires_the_top_level_fields() -> None:
    assert _errors({}) == {
        "tax_year": ["This field is required."],
        "filing_status": ["This field is required."],
        "people": ["This field is required."],
    }


def test_it_collects_every_error_in_one_pass() -> None:
    data = household(
        other_income=-1, state_tax_rate=2, people=[person(age=10, plan={"forfeitures": -5})]
    )
    assert set(_errors(data)) == {
        "other_income",
        "state_tax_rate",
        "people.0.age",
        "people.0.plan.forfeitures",
    }


def test_it_rejects_a_non_object() -> None:
    assert _errors([1, 2]) == {"__all__": ["Send a JSON object describing the household."]}


def test_it_applies_the_contract_defaults() -> None:
    parsed = parse_household(
        {
            "tax_year": 2026,
            "filing_status": "married_filing_jointly",
            "people": [{"age": 40, "compensation": 1}, {"age": 40, "compensation": 1}],
        }
    )
    assert [p.name for p in parsed.people] == ["You", "Spouse"]
    assert str(parsed.expected_return) == "0.06"
    assert parsed.years_to_retirement == 20
    assert parsed.form_8606_ratio_places == 5
    assert parsed.people[0].plan is None
    assert parsed.people[0].ira.nondeductible_contribution is None
    assert parsed.people[0].ira.conversion is None


def test_it_reads_numbers_as_decimals_without_float_noise() -> None:
    parsed = parse_household(household(state_tax_rate=0.1, other_income=0.1))
    assert str(parsed.state_tax_rate) == "0.1"
    assert str(parsed.other_income) == "0.10"


def test_it_round_trips_through_household_to_dict() -> None:
    data = household(
        filing_status="married_filing_separately",
        itemized_deductions=30000.5,
        federal_marginal_rate=0.24,
        people=[
            person(
                plan={
                    "after_tax_cap_percent": 0.1,
                    "after_tax_route": "split_earnings_to_traditional_ira",
                },
                ira={"basis": 100, "conversion": 9000},
                lived_apart_all_year=True,
            ),
            {"name": "Spouse", "age": 61, "compensation": 90000, "lived_apart_all_year": True},
        ],
    )
    parsed = parse_household(data)
    assert parse_household(household_to_dict(parsed)) == parsed
