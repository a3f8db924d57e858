"""Numbers are read with bounds before any arithmetic (issue 17): a few bytes of JSON such as
1E999999999 in a whole-number field get the field's error, and no huge int or Decimal is built.

Without the bounds, int(Decimal("1E999999999")) runs for minutes; the `deadline` fixture turns
that into a failure instead of a hung test run. The assertions are on the answers.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from planner.engine import InvalidInput, numbers, parse_household
from planner.engine.cli import read_document
from tests.engine.helpers import household, person

HUGE = "1E999999999"


class Hung(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[None]:
    def stop(*_: Any) -> None:
        raise Hung("still working on one number after 20 s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 20)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


def _with(text: str, field: str, where: str = "household") -> str:
    document = household()
    target = document if where == "household" else document["people"][0]
    if where == "ira":
        target = document["people"][0]["ira"]
    target[field] = "@@"
    return json.dumps(document).replace('"@@"', text)


@pytest.mark.parametrize("text", [HUGE, "-" + HUGE, "1e-999999999", "9" * 4000, "1.5E+400"])
def test_the_reader_builds_no_huge_number(text: str) -> None:
    value = numbers.loads(text)
    assert isinstance(value, numbers.OutOfBounds)
    assert len(value.text) <= 20


def test_the_reader_keeps_ordinary_numbers_exact() -> None:
    assert numbers.loads("[24500, 0.1, 1e3, -0.0, 123456789012]") == [
        24500,
        Decimal("0.1"),
        Decimal("1e3"),
        Decimal("-0.0"),
        123456789012,
    ]


def test_the_reader_refuses_what_json_loads_refuses() -> None:
    for text in ("NaN", "Infinity", "1" * 5000, "[1,"):
        with pytest.raises(ValueError):
            numbers.loads(text)


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize(
    ("field", "where", "message"),
    [
        ("years_to_retirement", "household", "Must be between 0 and 80."),
        ("form_8606_ratio_places", "household", "Must be between 3 and 8."),
        ("age", "person", "Must be between 18 and 120."),
        ("other_income", "household", "Must be less than 1,000,000,000,000."),
        ("compensation", "person", "Must be less than 1,000,000,000,000."),
        ("basis", "ira", "Must be less than 1,000,000,000,000."),
        ("expected_return", "household", "Enter a fraction between 0 and 1, like 0.24 for 24%."),
    ],
)
def test_a_huge_number_in_any_number_field_is_that_fields_error(
    field: str, where: str, message: str
) -> None:
    path = {"household": field, "person": f"people.0.{field}", "ira": f"people.0.ira.{field}"}
    with pytest.raises(InvalidInput) as caught:
        parse_household(read_document(_with(HUGE, field, where)))
    assert caught.value.errors == {path[where]: [message]}


@pytest.mark.usefixtures("deadline")
def test_a_tiny_exponent_in_a_whole_number_field_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_household(read_document(_with("1e-999999999", "years_to_retirement")))
    assert caught.value.errors == {"years_to_retirement": ["Enter a whole number, like 20."]}


@pytest.mark.usefixtures("deadline")
@pytest.mark.parametrize("value", [Decimal(HUGE), Decimal("-" + HUGE), Decimal("1e-999999999")])
def test_python_callers_get_the_same_bounds(value: Decimal) -> None:
    # The wizard and imports hand the contract Python values, not JSON text.
    with pytest.raises(InvalidInput) as caught:
        parse_household(household(years_to_retirement=value, people=[person(age=value)]))
    assert set(caught.value.errors) == {"years_to_retirement", "people.0.age"}
