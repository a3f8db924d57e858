"""Frozen input and result dataclasses. Field names follow planner-contract.md."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planner.engine.money import ZERO
from planner.engine.tables.schema import FilingStatus

__all__ = [
    "AfterTaxRoute",
    "BackdoorResult",
    "ConversionFrequency",
    "FilingStatus",
    "Form8606",
    "Household",
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
    "Warning",
]


class AfterTaxRoute(StrEnum):
    IN_PLAN_CONVERSION = "in_plan_conversion"
    ROLLOVER_TO_ROTH_IRA = "rollover_to_roth_ira"
    SPLIT_EARNINGS_TO_TRADITIONAL_IRA = "split_earnings_to_traditional_ira"
    STAY_IN_PLAN = "stay_in_plan"


class ConversionFrequency(StrEnum):
    PER_PAYCHECK = "per_paycheck"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUALLY = "annually"


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    DANGER = "danger"


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Plan:
    pretax_deferral: Decimal = ZERO
    roth_deferral: Decimal = ZERO
    employer_contribution: Decimal = ZERO
    forfeitures: Decimal = ZERO
    allows_after_tax: bool = False
    after_tax_cap: Decimal | None = None
    after_tax_cap_percent: Decimal | None = None
    after_tax_contribution: Decimal | None = None
    allows_in_service_distribution: bool = False
    allows_in_plan_roth_conversion: bool = False
    after_tax_route: AfterTaxRoute | None = None
    conversion_frequency: ConversionFrequency = ConversionFrequency.PER_PAYCHECK
    after_tax_earnings: Decimal | None = None
    accepts_ira_rollins: bool = False


@dataclass(frozen=True)
class Ira:
    year_end_balance: Decimal = ZERO
    basis: Decimal = ZERO
    roll_into_plan: bool = False
    nondeductible_contribution: Decimal | None = None
    contribution_made_next_year: bool = False
    conversion: Decimal | None = None
    earnings_before_conversion: Decimal = ZERO


@dataclass(frozen=True)
class Person:
    name: str
    age: int
    compensation: Decimal
    prior_year_fica_wages: Decimal | None = None
    # None means no workplace plan was entered: no 401(k), nothing to roll an IRA into.
    plan: Plan | None = None
    ira: Ira = field(default_factory=Ira)
    lived_apart_all_year: bool = False


@dataclass(frozen=True)
class Household:
    tax_year: int
    filing_status: FilingStatus
    people: tuple[Person, ...]
    other_income: Decimal = ZERO
    itemized_deductions: Decimal | None = None
    federal_marginal_rate: Decimal | None = None
    state_tax_rate: Decimal = ZERO
    expected_return: Decimal = Decimal("0.06")
    years_to_retirement: int = 20
    form_8606_ratio_places: int = 5
    taxable_account_tax_rate: Decimal | None = None


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class Limits:
    elective_deferral: Decimal
    catch_up: Decimal
    annual_additions: Decimal
    compensation_limit: Decimal
    ira_contribution: Decimal
    ira_catch_up: Decimal
    catch_up_age_60_to_63: Decimal | None
    hce_threshold: Decimal
    hce_threshold_lookback: Decimal
    roth_catch_up_wage_threshold: Decimal | None
    roth_catch_up_enforced: bool
    ira_contribution_deadline: date
    sources: dict[str, str]


@dataclass(frozen=True)
class MegaBackdoorResult:
    available: bool
    route: AfterTaxRoute | None
    catch_up: Decimal
    catch_up_limit: Decimal
    annual_additions_limit: Decimal
    annual_additions_before_after_tax: Decimal
    after_tax_room: Decimal
    after_tax_cap_amount: Decimal | None
    after_tax_contribution: Decimal
    annual_additions_total: Decimal
    annual_additions_with_catch_up: Decimal
    earnings: Decimal
    earnings_to_traditional_ira: Decimal
    roth_added: Decimal
    taxable_amount: Decimal
    nontaxable_amount: Decimal
    tax_due: Decimal


@dataclass(frozen=True)
class Form8606:
    line_1: Decimal
    line_2: Decimal
    line_3: Decimal
    # Lines 4-13 and 15a are None when Part I stops at line 3 (no conversion, no distribution).
    line_4: Decimal | None
    line_5: Decimal | None
    line_6: Decimal | None
    line_7: Decimal | None
    line_8: Decimal | None
    line_9: Decimal | None
    line_10: Decimal | None
    line_11: Decimal | None
    line_12: Decimal | None
    line_13: Decimal | None
    line_14: Decimal
    line_15a: Decimal | None
    line_16: Decimal
    line_17: Decimal
    line_18: Decimal


@dataclass(frozen=True)
class BackdoorResult:
    available: bool
    contribution_limit: Decimal
    direct_roth_allowed: Decimal
    magi: Decimal
    nondeductible_contribution: Decimal
    conversion: Decimal
    form_8606: Form8606 | None
    rolled_into_plan: Decimal
    roth_added: Decimal
    taxable_amount: Decimal
    nontaxable_amount: Decimal
    basis_carried_forward: Decimal
    tax_due: Decimal


@dataclass(frozen=True)
class PersonResult:
    name: str
    mega_backdoor_roth: MegaBackdoorResult
    backdoor_roth: BackdoorResult


@dataclass(frozen=True)
class StrategyTotals:
    roth_added: Decimal
    taxable_amount: Decimal
    nontaxable_amount: Decimal
    tax_due: Decimal
    value_at_retirement: Decimal
    # Sum over people of the 415(c) room left for after-tax money: the same in every block.
    after_tax_room: Decimal
    # After-tax contributions the strategy makes (0 for the backdoor alone).
    after_tax_room_used: Decimal
    # Sum over people of Form 8606 line 14 (clamped at 0) with this strategy: next year's line 2.
    basis_carried_forward: Decimal


@dataclass(frozen=True)
class Totals:
    mega_backdoor_roth: StrategyTotals
    backdoor_roth: StrategyTotals
    both: StrategyTotals


@dataclass(frozen=True)
class ReturnTax:
    people: tuple[str, ...]
    agi: Decimal
    deduction: Decimal
    taxable_income: Decimal
    marginal_rate: Decimal
    federal_tax_without_moves: Decimal
    federal_tax_with_both: Decimal


@dataclass(frozen=True)
class TaxSummary:
    agi: Decimal
    taxable_income: Decimal
    marginal_rate: Decimal
    federal_tax_without_moves: Decimal
    federal_tax_with_both: Decimal
    method: str
    returns: tuple[ReturnTax, ...]


@dataclass(frozen=True)
class ProjectionYear:
    year_index: int
    roth_value: Decimal
    taxable_account_value: Decimal


@dataclass(frozen=True)
class Projection:
    years: int
    expected_return: Decimal
    taxable_account_tax_rate: Decimal
    roth_value: Decimal
    taxable_account_value: Decimal
    by_year: tuple[ProjectionYear, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True)
class Warning:
    code: str
    severity: Severity
    message: str
    remedy: str | None = None
    dollar_effect: Decimal | None = None
    person: str | None = None


@dataclass(frozen=True)
class PlanResult:
    tax_year: int
    filing_status: FilingStatus
    limits: Limits
    people: tuple[PersonResult, ...]
    totals: Totals
    tax: TaxSummary
    projection: Projection
    warnings: tuple[Warning, ...]


# ---------------------------------------------------------------- faster construction


def fill_dict_init[T: type](cls: T) -> T:
    """Give a frozen dataclass an __init__ that fills the instance __dict__ directly.

    The generated frozen __init__ calls object.__setattr__ once per field, which makes it
    about 2.5 times slower; a plan builds a few hundred fields. Same signature, defaults and
    resulting instance (frozen, equal, hashable as before). Only for plain dataclasses: no
    __post_init__, no init=False fields, no keyword-only fields.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has __post_init__")
    namespace: dict[str, Any] = {"_MISSING": MISSING}
    parameters: list[str] = []
    defaults_filled: list[str] = []
    stores: list[str] = []
    for item in fields(cls):
        if not item.init or item.kw_only:
            raise TypeError(f"{cls.__name__}.{item.name} is not a plain init field")
        name = item.name
        if item.default is not MISSING:
            namespace[f"_default_{name}"] = item.default
            parameters.append(f"{name}=_default_{name}")
        elif item.default_factory is not MISSING:
            namespace[f"_factory_{name}"] = item.default_factory
            parameters.append(f"{name}=_MISSING")
            defaults_filled.append(
                f"    if {name} is _MISSING:\n        {name} = _factory_{name}()\n"
            )
        else:
            parameters.append(name)
        stores.append(f"    state[{name!r}] = {name}\n")
    source = (
        f"def __init__(self, {', '.join(parameters)}):\n"
        + "".join(defaults_filled)
        + "    state = self.__dict__\n"
        + "".join(stores)
    )
    exec(compile(source, f"<fast __init__ for {cls.__name__}>", "exec"), namespace)  # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(cls.__init__.__annotations__)
    cls.__init__ = init  # type: ignore[misc]
    return cls


for _cls in (
    Plan,
    Ira,
    Person,
    Household,
    Limits,
    MegaBackdoorResult,
    Form8606,
    BackdoorResult,
    PersonResult,
    StrategyTotals,
    Totals,
    ReturnTax,
    TaxSummary,
    ProjectionYear,
    Projection,
    Warning,
    PlanResult,
):
    fill_dict_init(_cls)
del _cls
