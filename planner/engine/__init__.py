"""The planner's pure-Python tax engine (standard library plus pydantic; no Django)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from planner.engine.contract import household_to_dict, parse_household
from planner.engine.errors import EngineError, InvalidInput, UnknownTaxYear
from planner.engine.federal_tax import federal_income_tax
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    ConversionFrequency,
    FilingStatus,
    Form8606,
    Household,
    Ira,
    Limits,
    MegaBackdoorResult,
    Person,
    PersonResult,
    Plan,
    PlanResult,
    Projection,
    ProjectionYear,
    ReturnTax,
    Severity,
    StrategyTotals,
    TaxSummary,
    Totals,
    Warning,
)
from planner.engine.plan import compute_plan
from planner.engine.serialize import contract_schema, result_to_dict, result_to_json
from planner.engine.tables import YearTable, available_years, year_table

# Bumped whenever the engine's output for the same input can change (a rule, a table figure,
# a rounding): figures stored with an older version are worked out again when next read.
ENGINE_VERSION = 6

__all__ = [
    "ENGINE_VERSION",
    "AfterTaxRoute",
    "BackdoorResult",
    "ConversionFrequency",
    "EngineError",
    "FilingStatus",
    "Form8606",
    "Household",
    "InvalidInput",
    "Ira",
    "Limits",
    "MegaBackdoorResult",
    "Person",
    "PersonResult",
    "Plan",
    "PlanResult",
    "Projection",
    "ProjectionYear",
    "ReturnTax",
    "Severity",
    "StrategyTotals",
    "TaxSummary",
    "Totals",
    "UnknownTaxYear",
    "Warning",
    "YearTable",
    "available_years",
    "compute_plan",
    "contract_schema",
    "federal_income_tax",
    "household_to_dict",
    "parse_household",
    "plan_from_dict",
    "result_to_dict",
    "result_to_json",
    "year_table",
]


def plan_from_dict(data: Mapping[str, Any], today: date | None = None) -> dict[str, Any]:
    return result_to_dict(compute_plan(parse_household(data), today))
