"""The published JSON Schema of the contract (planner-contract.md) matches what the engine does."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from planner.engine import FilingStatus, Severity, contract_schema, plan_from_dict
from planner.engine.contract import (
    AFTER_TAX_ROUTE_LABELS,
    CONVERSION_FREQUENCY_LABELS,
    DEFAULT_NAMES,
    FILING_STATUS_LABELS,
    SEVERITY_LABELS,
    AfterTaxRoute,
    ConversionFrequency,
    field_description,
    field_title,
    json_number,
    label,
)
from tests.engine.golden import load_cases, to_contract
from tests.engine.helpers import household, person

CASES = load_cases()
SCHEMA = contract_schema()
INPUT = Draft202012Validator(SCHEMA["input"], format_checker=Draft202012Validator.FORMAT_CHECKER)
OUTPUT = Draft202012Validator(SCHEMA["output"], format_checker=Draft202012Validator.FORMAT_CHECKER)


def _problems(validator: Draft202012Validator, document: Any) -> list[str]:
    return [
        f"{'.'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def test_both_schemas_are_valid_json_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA["input"])
    Draft202012Validator.check_schema(SCHEMA["output"])


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_golden_input_and_output_fits_the_schema(case: dict[str, Any]) -> None:
    document = to_contract(case["inputs"])
    assert _problems(INPUT, document) == []
    # What goes over the wire: the JSON text, read back.
    result = json.loads(json.dumps(plan_from_dict(document)))
    assert _problems(OUTPUT, result) == []


def test_a_married_household_with_every_field_fits_too() -> None:
    document = household(
        filing_status="married_filing_jointly",
        other_income=1200.5,
        itemized_deductions=None,
        federal_marginal_rate=None,
        state_tax_rate=0.05,
        taxable_account_tax_rate=0.2,
        people=[
            person(
                prior_year_fica_wages=160000,
                plan={
                    "after_tax_cap_percent": 0.1,
                    "after_tax_route": "split_earnings_to_traditional_ira",
                    "conversion_frequency": "quarterly",
                },
                ira={"year_end_balance": 4000, "basis": 100},
            ),
            person(name="Sam", age=62, ira={"contribution_made_next_year": True}),
        ],
    )
    assert _problems(INPUT, document) == []
    result = json.loads(json.dumps(plan_from_dict(document)))
    assert result["warnings"], "the household should give warnings to check against the schema"
    assert _problems(OUTPUT, result) == []


@pytest.mark.parametrize(
    ("overrides", "path"),
    [
        ({"other_income": -1}, "other_income"),
        ({"state_tax_rate": 2}, "state_tax_rate"),
        ({"surprise": 1}, ""),
        ({"filing_status": "widow"}, "filing_status"),
        ({"people": []}, "people"),
        ({"people": [person(age=17)]}, "people.0.age"),
        ({"people": [person(plan={"colour": 1})]}, "people.0.plan"),
    ],
)
def test_the_input_schema_refuses_what_the_engine_refuses(
    overrides: dict[str, Any], path: str
) -> None:
    problems = _problems(INPUT, household(**overrides))
    assert any(problem.startswith(f"{path}: ") for problem in problems), problems


def test_the_output_schema_refuses_a_wrong_result() -> None:
    result = json.loads(json.dumps(plan_from_dict(household())))
    result["totals"]["both"]["roth_added"] = "42500"
    del result["tax"]
    problems = _problems(OUTPUT, result)
    assert any(problem.startswith("totals.both.roth_added: ") for problem in problems)
    assert any("'tax' is a required property" in problem for problem in problems)


def test_money_is_a_json_number_with_its_range() -> None:
    plan = SCHEMA["input"]["$defs"]["Plan"]["properties"]["pretax_deferral"]
    assert plan["type"] == "number"
    assert (plan["minimum"], plan["exclusiveMaximum"], plan["default"]) == (0, 10**12, 0)
    limits = SCHEMA["output"]["$defs"]["Limits"]["properties"]["elective_deferral"]
    assert limits == {"title": "Elective Deferral", "type": "number"}


@pytest.mark.parametrize(
    ("value", "number"),
    [
        ("0", 0),
        ("0.00", 0),
        ("-0.00", 0),
        ("12345.00", 12345),
        ("7000", 7000),
        ("1234.56", 1234.56),
        ("-86.29", -86.29),
        ("0.1", 0.1),
        ("999999999999.99", 999999999999.99),
        ("0.0765", 0.0765),
        # Beyond 2**53 a whole float is not the value: the exact ratio decides.
        ("9007199254740993", 9007199254740993),
        ("536870953338721995325.44", 5.36870953338722e20),
        ("0.99999999999999999", 1.0),
    ],
)
def test_money_goes_out_as_an_int_when_whole_else_the_nearest_float(
    value: str, number: int | float
) -> None:
    # planner-contract.md: money is a JSON number in dollars, an integer when whole.
    out = json_number(Decimal(value))
    assert type(out) is type(number)
    assert out == number
    assert json.dumps(out) == json.dumps(number)


@pytest.mark.parametrize(
    ("enum", "labels"),
    [
        (FilingStatus, FILING_STATUS_LABELS),
        (AfterTaxRoute, AFTER_TAX_ROUTE_LABELS),
        (ConversionFrequency, CONVERSION_FREQUENCY_LABELS),
        (Severity, SEVERITY_LABELS),
    ],
)
def test_every_enum_has_one_label_per_value_shown_in_the_schema(enum: Any, labels: Any) -> None:
    assert set(labels) == set(enum)
    side = "output" if enum is Severity else "input"
    definition = SCHEMA[side]["$defs"][enum.__name__]
    assert definition["enum"] == [member.value for member in enum]
    for member in enum:
        assert f"`{member.value}`: {label(member)}" in definition["description"]


def test_the_default_names_and_field_titles_are_in_the_schema() -> None:
    name = SCHEMA["input"]["$defs"]["Person"]["properties"]["name"]
    assert name["default"] == DEFAULT_NAMES[0]
    assert f'"{DEFAULT_NAMES[1]}" for the second' in name["description"]
    plan = SCHEMA["input"]["$defs"]["Plan"]["properties"]
    assert plan["accepts_ira_rollins"]["title"] == "Plan accepts IRA roll-ins"
    assert plan["after_tax_route"]["description"].startswith("Where the after-tax money goes")


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("tax_year", "Tax year"),
        ("people.0.name", "Name"),
        ("people.1.plan.pretax_deferral", "401(k) pre-tax deferrals"),
        ("people.0.ira.basis", "IRA basis (last Form 8606 line 14)"),
        ("people.0.plan.colour", None),
    ],
)
def test_a_contract_path_has_one_title(path: str, title: str | None) -> None:
    assert field_title(path) == title
    if title is not None:
        assert field_description(path)


def test_the_schema_file_in_the_repository_is_the_engines() -> None:
    # docs/contract-schema.json documents the contract; `make schema` writes it again.
    path = Path(__file__).resolve().parents[2] / "docs" / "contract-schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == SCHEMA, "run `make schema`"
