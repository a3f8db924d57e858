"""Result objects behave as frozen dataclasses and convert to the contract's JSON like a plain
recursive conversion would."""

from __future__ import annotations

import dataclasses
from dataclasses import fields, is_dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pytest

from planner.engine import Ira, Person, compute_plan, parse_household, result_to_dict
from planner.engine.models import ProjectionYear
from tests.engine.helpers import household, person


def _plain_json(value: Any) -> Any:
    """The obvious recursive conversion result_to_dict must match."""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, Decimal):
        whole = int(value)
        return whole if whole == value else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value):
        raw = {item.name: getattr(value, item.name) for item in fields(value)}
        data = {name: _plain_json(item) for name, item in raw.items()}
        if raw.get("line_10") is not None:
            data["line_10"] = float(raw["line_10"])
        return data
    if isinstance(value, tuple | list):
        return [_plain_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain_json(item) for key, item in value.items()}
    return value


HOUSEHOLDS = [
    household(),
    household(
        filing_status="married_filing_jointly",
        form_8606_ratio_places=3,
        people=[
            person(
                ira={"year_end_balance": 40000, "basis": 1455.5},
                plan={"after_tax_route": "split_earnings_to_traditional_ira"},
            ),
            person(name="Spouse", age=61, ira={"contribution_made_next_year": True}),
        ],
    ),
    household(tax_year=2019, federal_marginal_rate=0.32, people=[person(plan=None)]),
]


@pytest.mark.parametrize("data", HOUSEHOLDS)
def test_result_to_dict_matches_a_plain_conversion(data: dict[str, Any]) -> None:
    result = compute_plan(parse_household(data))
    converted = result_to_dict(result)
    expected = _plain_json(result)
    assert converted == expected
    # Same Python types too (int vs float, str vs StrEnum), not only equal values.
    assert repr(converted) == repr(expected)


def test_models_keep_dataclass_behaviour() -> None:
    row = ProjectionYear(1, Decimal("2.50"), Decimal(3))
    assert row == ProjectionYear(year_index=1, roth_value=Decimal("2.5"), taxable_account_value=3)  # type: ignore[arg-type]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.year_index = 2  # type: ignore[misc]
    assert dataclasses.replace(row, year_index=5).year_index == 5
    assert hash(row) == hash(ProjectionYear(1, Decimal("2.50"), Decimal(3)))
    # Defaults and default factories still apply.
    someone = Person(name="You", age=45, compensation=Decimal(1))
    assert someone.ira == Ira()
    assert someone.plan is None
    with pytest.raises(TypeError):
        ProjectionYear(1, Decimal(2))  # type: ignore[call-arg]
