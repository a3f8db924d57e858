"""Hostile input at the engine's boundary: always field errors, never an exception (issue 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import FilingStatus, Household, InvalidInput, parse_household, plan_from_dict
from planner.engine.cli import read_document
from tests.engine.helpers import household, person

REPO_ROOT = Path(__file__).resolve().parents[2]
ENV = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}}
NOT_NUMBERS = [float("nan"), float("inf"), float("-inf"), Decimal("NaN"), Decimal("sNaN")]
NOT_NUMBERS += [Decimal("Infinity"), "NaN", "sNaN", "Infinity", "-inf"]
RATE = "Enter a fraction between 0 and 1, like 0.24 for 24%."


def _errors(data: Any) -> dict[str, list[str]]:
    with pytest.raises(InvalidInput) as raised:
        parse_household(data)
    return raised.value.errors


@pytest.mark.parametrize("value", NOT_NUMBERS, ids=repr)
def test_a_number_that_is_not_finite_is_a_field_error(value: Any) -> None:
    data = household(
        other_income=value,
        expected_return=value,
        years_to_retirement=value,
        people=[person(compensation=value, age=value, plan={"after_tax_cap_percent": value})],
    )
    assert _errors(data) == {
        "other_income": ["Enter a number, like 24500."],
        "expected_return": ["Enter a fraction between 0 and 1, like 0.24 for 24%."],
        "years_to_retirement": ["Enter a whole number, like 20."],
        "people.0.age": ["Enter a whole number, like 45."],
        "people.0.compensation": ["Enter a number, like 24500."],
        "people.0.plan.after_tax_cap_percent": [
            "Enter a fraction between 0 and 1, like 0.24 for 24%."
        ],
    }


@pytest.mark.parametrize("value", [1e308, Decimal("1e308"), 10**30, Decimal("1E+999999")], ids=repr)
def test_a_huge_number_is_out_of_range(value: Any) -> None:
    data = household(
        other_income=value, state_tax_rate=value, people=[person(plan={"forfeitures": value})]
    )
    assert _errors(data) == {
        "other_income": ["Must be less than 1,000,000,000,000."],
        "state_tax_rate": ["Enter a fraction between 0 and 1, like 0.24 for 24%."],
        "people.0.plan.forfeitures": ["Must be less than 1,000,000,000,000."],
    }


@pytest.mark.parametrize("year", [10**30, -1, 0, -(10**30), Decimal("1e30")], ids=repr)
def test_a_tax_year_far_out_of_range_is_a_field_error(year: Any) -> None:
    assert _errors(household(tax_year=year)) == {"tax_year": ["Must be between 1900 and 2200."]}


@pytest.mark.parametrize("value", [True, False, "2026.5", [2026], {"year": 2026}], ids=repr)
def test_a_tax_year_that_is_not_a_whole_number(value: Any) -> None:
    assert _errors(household(tax_year=value)) == {"tax_year": ["Enter a whole number, like 2026."]}


@pytest.mark.parametrize(
    "name", ["\ud800", "A\udfffB", "Al\x00ex", "two\nlines", "\x1b[31mred", "\x7f"], ids=repr
)
def test_a_name_must_be_plain_unicode_text(name: str) -> None:
    assert _errors(household(people=[person(name=name)])) == {
        "people.0.name": ["Use plain text: no control characters or broken Unicode."]
    }


def test_a_name_keeps_its_tabs_and_any_printable_unicode() -> None:
    names = [
        p.name for p in parse_household(household(people=[person(name="Zoë\tQ 李 🙂")])).people
    ]
    assert names == ["Zoë\tQ 李 🙂"]


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({**household(), "\ud800": 1}, "__all__"),
        (household(people=[{**person(), "\udfff": 1}]), "people.0"),
        (household(people=[person(plan={"\ud800x": 1})]), "people.0.plan"),
    ],
)
def test_a_field_name_with_a_lone_surrogate_is_reported_not_raised(
    data: dict[str, Any], path: str
) -> None:
    assert _errors(data) == {path: ["Field names must be plain text."]}


@pytest.mark.parametrize(
    ("overrides", "path", "message"),
    [
        ({"people": "x"}, "people", "Must be a list of one or two people."),
        ({"people": {"0": person()}}, "people", "Must be a list of one or two people."),
        ({"people": [1]}, "people.0", "Must be an object."),
        ({"people": [person(plan="x")]}, "people.0.plan", "Must be an object."),
        ({"people": [person(ira=[1])]}, "people.0.ira", "Must be an object."),
        ({"people": [person(name=["x"])]}, "people.0.name", "Enter a name."),
        ({"people": [person(age="45 years")]}, "people.0.age", "Enter a whole number, like 45."),
        # Nullable fields keep their own messages.
        ({"itemized_deductions": -1}, "itemized_deductions", "Must be 0 or more."),
        ({"federal_marginal_rate": "x"}, "federal_marginal_rate", RATE),
        (
            {"people": [person(plan={"after_tax_route": "roth"})]},
            "people.0.plan.after_tax_route",
            "Must be one of: in_plan_conversion, rollover_to_roth_ira, "
            "split_earnings_to_traditional_ira, stay_in_plan.",
        ),
        (
            {"people": [person(prior_year_fica_wages=[])]},
            "people.0.prior_year_fica_wages",
            "Enter a number, like 24500.",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_a_field_error(
    overrides: dict[str, Any], path: str, message: str
) -> None:
    assert _errors(household(**overrides)) == {path: [message]}


# JSON-like values, nested a little: what a hostile document can hold.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**40), max_value=10**40)
    | st.floats()
    | st.decimals()
    | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["tax_year", "filing_status", "other_income", "state_tax_rate", "people", "x"]
PERSON_FIELDS = ["name", "age", "compensation", "plan", "ira", "lived_apart_all_year"]
PLAN_FIELDS = ["pretax_deferral", "after_tax_route", "after_tax_cap_percent", "allows_after_tax"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    top=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, max_size=3),
    someone=st.dictionaries(st.sampled_from(PERSON_FIELDS), JSON_VALUES, max_size=3),
    plan=st.dictionaries(st.sampled_from(PLAN_FIELDS), JSON_VALUES, max_size=2),
)
def test_any_json_like_input_gives_a_plan_or_field_errors(
    top: dict[str, Any], someone: dict[str, Any], plan: dict[str, Any]
) -> None:
    data = household(people=[person(**{**someone, "plan": plan})])
    data.update(top)
    try:
        parsed = parse_household(data)
    except InvalidInput as error:
        assert error.errors
        for path, messages in error.errors.items():
            assert isinstance(path, str)
            assert messages
            assert all(isinstance(message, str) and message for message in messages)
        return
    assert isinstance(parsed, Household)
    json.dumps(plan_from_dict(data))


def test_deep_nesting_in_a_document_is_a_body_error() -> None:
    with pytest.raises(InvalidInput) as raised:
        read_document("[" * 20_000)
    assert raised.value.errors == {"body": ["The input is nested too deeply to be a plan."]}


def _cli(stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner.engine.cli", "-"],
        input=stdin,
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("document", "line"),
    [
        ("[" * 20_000, "body: The input is nested too deeply to be a plan."),
        ('{"tax_year": NaN}', "body: The input is not a JSON document (NaN is not a number)."),
        (
            json.dumps(household(tax_year=10**30)),
            "tax_year: Must be between 1900 and 2200.",
        ),
        (
            json.dumps(household(people=[person(name="\ud800")])),
            "people.0.name: Use plain text: no control characters or broken Unicode.",
        ),
        (
            json.dumps(household(other_income=1e308)),
            "other_income: Must be less than 1,000,000,000,000.",
        ),
    ],
    ids=["deep", "nan", "huge-year", "lone-surrogate", "1e308"],
)
def test_the_cli_exits_2_with_a_message_for_hostile_input(document: str, line: str) -> None:
    completed = _cli(document)
    assert (completed.returncode, completed.stderr.splitlines()) == (2, [line])
    assert completed.stdout == ""


def test_a_projection_that_would_overflow_is_a_field_error() -> None:
    # 100% a year for 80 years on a $1e12 conversion has more digits than Decimal's 28.
    data = household(
        expected_return=1,
        years_to_retirement=80,
        people=[person(ira={"conversion": 999_999_999_999, "year_end_balance": 0})],
    )
    assert _errors(data) == {
        "expected_return": [
            "At most 0.29 with 80 years to retirement "
            "(the projection cannot grow more than a billion-fold)."
        ]
    }


@pytest.mark.parametrize(("rate", "years"), [(0.29, 80), (0.99, 29), (1, 1)])
def test_the_largest_allowed_growth_computes(rate: float, years: int) -> None:
    data = household(
        expected_return=rate,
        years_to_retirement=years,
        people=[
            person(
                compensation=999_999_999_999,
                ira={"conversion": 999_999_999_999, "earnings_before_conversion": 999_999_999_999},
                plan={"after_tax_earnings": 999_999_999_999},
            )
        ],
    )
    result = plan_from_dict(data)
    assert result["projection"]["roth_value"] > 10**12


MONEY = st.integers(0, 10**12 - 1) | st.decimals(0, 10**12 - 1, places=2, allow_nan=False)
RATES = st.decimals(0, 1, allow_nan=False, allow_infinity=False) | st.sampled_from([0, 1, 1e-300])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    status=st.sampled_from(list(FilingStatus)),
    year=st.integers(2018, 2026),
    years=st.integers(0, 80),
    ages=st.lists(st.integers(18, 120), min_size=1, max_size=2),
    money=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            (
                "compensation",
                "other_income",
                "itemized_deductions",
                "pretax_deferral",
                "after_tax_earnings",
                "after_tax_cap",
                "year_end_balance",
                "basis",
                "conversion",
                "earnings_before_conversion",
            ),
            MONEY,
        ),
    ),
    rates=st.fixed_dictionaries(
        {},
        optional=dict.fromkeys(
            (
                "expected_return",
                "state_tax_rate",
                "federal_marginal_rate",
                "after_tax_cap_percent",
                "taxable_account_tax_rate",
            ),
            RATES,
        ),
    ),
)
def test_any_number_in_range_gives_a_plan_or_field_errors(
    status: FilingStatus,
    year: int,
    years: int,
    ages: list[int],
    money: dict[str, Any],
    rates: dict[str, Any],
) -> None:
    plan_fields = {
        "pretax_deferral",
        "after_tax_earnings",
        "after_tax_cap",
        "after_tax_cap_percent",
    }
    ira_fields = {"year_end_balance", "basis", "conversion", "earnings_before_conversion"}
    values = {**money, **rates}
    people = [
        person(
            age=age,
            compensation=values.get("compensation", 250000),
            plan={key: value for key, value in values.items() if key in plan_fields},
            ira={key: value for key, value in values.items() if key in ira_fields},
        )
        for age in ages
    ]
    data = household(tax_year=year, filing_status=status.value, years_to_retirement=years)
    data.update(
        {key: value for key, value in values.items() if key not in plan_fields | ira_fields},
        people=people,
    )
    data.pop("compensation", None)
    try:
        result = plan_from_dict(data)
    except InvalidInput as error:
        assert error.errors
        return
    assert json.loads(json.dumps(result))["tax_year"] == year
