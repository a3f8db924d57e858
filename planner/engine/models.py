"""The engine's result types: frozen, slotted dataclasses. Field names follow planner-contract.md.

The input types (Household, Person, Plan, Ira) and the vocabulary live in planner.engine.contract;
they are re-exported here so the engine reads every type from one module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from planner.engine.contract import (
    AfterTaxRoute,
    ConversionFrequency,
    FilingStatus,
    Household,
    Ira,
    Money,
    Person,
    Plan,
    Ratio,
    Severity,
)
from planner.engine.money import ZERO
from planner.engine.tables import ProvisionalFigure, Reference

__all__ = [
    "AfterTaxRoute",
    "BackdoorResult",
    "ConversionFrequency",
    "Done",
    "DoneKind",
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
    "Progress",
    "PersonProgress",
    "Projection",
    "ProvisionalFigure",
    "ProjectionYear",
    "Repair",
    "RepairKind",
    "Reference",
    "ReturnTax",
    "RollInTarget",
    "Severity",
    "StepKind",
    "StepLeft",
    "StrategyTotals",
    "TaxSummary",
    "Totals",
    "Unknown",
    "Verdict",
    "Warning",
]


# ---------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class Limits:
    elective_deferral: Money
    catch_up: Money
    annual_additions: Money
    compensation_limit: Money
    ira_contribution: Money
    ira_catch_up: Money
    catch_up_age_60_to_63: Money | None
    hce_threshold: Money
    hce_threshold_lookback: Money
    roth_catch_up_wage_threshold: Money | None
    roth_catch_up_enforced: bool
    ira_contribution_deadline: date
    sources: dict[str, str]
    # Additions: each figure's document (title and link); the figures carried from an earlier
    # year because the year's are not published yet, with a sentence saying which will change
    # and where the new ones come from; and the official figure of each limit the household
    # replaced with its own (limit_overrides).
    references: dict[str, Reference]
    provisional: tuple[ProvisionalFigure, ...]
    provisional_note: str | None
    overridden: dict[str, Money]


@dataclass(frozen=True, slots=True)
class MegaBackdoorResult:
    available: bool
    route: AfterTaxRoute | None
    catch_up: Money
    catch_up_limit: Money
    annual_additions_limit: Money
    annual_additions_before_after_tax: Money
    after_tax_room: Money
    after_tax_cap_amount: Money | None
    after_tax_contribution: Money
    annual_additions_total: Money
    annual_additions_with_catch_up: Money
    earnings: Money
    earnings_to_traditional_ira: Money
    roth_added: Money
    taxable_amount: Money
    nontaxable_amount: Money
    tax_due: Money


@dataclass(frozen=True, slots=True)
class Form8606:
    line_1: Money
    line_2: Money
    line_3: Money
    # Lines 4-13 and 15a are None when Part I stops at line 3 (no conversion, no distribution).
    line_4: Money | None
    line_5: Money | None
    line_6: Money | None
    line_7: Money | None
    line_8: Money | None
    line_9: Money | None
    line_10: Ratio | None
    line_11: Money | None
    line_12: Money | None
    line_13: Money | None
    line_14: Money
    line_15a: Money | None
    line_16: Money
    line_17: Money
    line_18: Money


@dataclass(frozen=True, slots=True)
class BackdoorResult:
    available: bool
    contribution_limit: Money
    direct_roth_allowed: Money
    magi: Money
    nondeductible_contribution: Money
    conversion: Money
    form_8606: Form8606 | None
    rolled_into_plan: Money
    roth_added: Money
    taxable_amount: Money
    nontaxable_amount: Money
    basis_carried_forward: Money
    tax_due: Money
    # The year's required minimum distribution (Form 8606 line 7; 0 when none) and its taxable
    # part (line 15a). It is not converted, and its tax is in the tax without the moves.
    required_minimum_distribution: Money = ZERO
    required_minimum_distribution_taxable: Money = ZERO


@dataclass(frozen=True, slots=True)
class PersonResult:
    name: str
    mega_backdoor_roth: MegaBackdoorResult
    backdoor_roth: BackdoorResult
    # The mega backdoor in a second, unrelated employer's plan (its own 415(c) limit); None
    # when there is no second plan. Included in the totals.
    second_plan_mega_backdoor_roth: MegaBackdoorResult | None = None


@dataclass(frozen=True, slots=True)
class StrategyTotals:
    roth_added: Money
    taxable_amount: Money
    nontaxable_amount: Money
    tax_due: Money
    value_at_retirement: Money
    # Sum over people of the 415(c) room left for after-tax money: the same in every block.
    after_tax_room: Money
    # After-tax contributions the strategy makes (0 for the backdoor alone).
    after_tax_room_used: Money
    # Sum over people of Form 8606 line 14 (clamped at 0) with this strategy: next year's line 2.
    basis_carried_forward: Money


@dataclass(frozen=True, slots=True)
class Totals:
    mega_backdoor_roth: StrategyTotals
    backdoor_roth: StrategyTotals
    both: StrategyTotals


@dataclass(frozen=True, slots=True)
class ReturnTax:
    people: tuple[str, ...]
    agi: Money
    deduction: Money
    taxable_income: Money
    marginal_rate: Money
    federal_tax_without_moves: Money
    federal_tax_with_both: Money
    # Federal tax on the next $1,000 of conversion income on top of both strategies, per dollar.
    effective_marginal_rate: Money


@dataclass(frozen=True, slots=True)
class TaxSummary:
    agi: Money
    taxable_income: Money
    marginal_rate: Money
    federal_tax_without_moves: Money
    federal_tax_with_both: Money
    method: str
    returns: tuple[ReturnTax, ...]
    effective_marginal_rate: Money
    effective_marginal_rate_label: str


@dataclass(frozen=True, slots=True)
class ProjectionYear:
    year_index: int
    roth_value: Money
    taxable_account_value: Money


@dataclass(frozen=True, slots=True)
class Projection:
    years: int
    expected_return: Money
    taxable_account_tax_rate: Money
    roth_value: Money
    taxable_account_value: Money
    by_year: tuple[ProjectionYear, ...]
    assumptions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Warning:
    code: str
    severity: Severity
    message: str
    remedy: str | None = None
    dollar_effect: Money | None = None
    person: str | None = None


@dataclass(frozen=True, slots=True)
class Unknown:
    """A plan feature answered "not sure" (null): the totals with yes and with no.

    `if_no` is the result's own totals (the figures assume no). `if_yes` sets this feature to
    yes, together with the person's other unknown features of the same route (the mega
    backdoor needs after-tax contributions and a way out; a roll-in answer stands alone), and
    for roll-ins assumes the pre-tax IRA money is rolled in.
    """

    field: str
    path: str
    person: str
    if_yes: Totals
    if_no: Totals


@dataclass(frozen=True, slots=True)
class Verdict:
    """The answer in words, from planner.engine.verdict: figures formatted as on the page."""

    headline: str
    sentences: tuple[str, ...]
    changes: tuple[str, ...]
    explanations: tuple[str, ...]
    # The headline's first sentence: the panel's sticky line on a phone.
    status: str = ""

    @property
    def headline_rest(self) -> str:
        """The headline after its first sentence (shown beside it, not on a phone)."""
        return self.headline[len(self.status) :]


# ---------------------------------------------------------------- what is already done


class DoneKind(StrEnum):
    CONTRIBUTION = "contribution"
    CONVERSION = "conversion"


class StepKind(StrEnum):
    CONTRIBUTE = "contribute"
    CONVERT = "convert"
    ROLL_IN = "roll_in"


class RepairKind(StrEnum):
    PRE_TAX_AFTER_CONVERSION = "pre_tax_after_conversion"
    CONTRIBUTION_NOT_CONVERTED = "contribution_not_converted"
    EXCESS_CONTRIBUTION = "excess_contribution"


class RollInTarget(StrEnum):
    """Where pre-tax IRA money can be rolled: the person's plan (it takes roll-ins), the plan
    if it takes them (not sure), a solo 401(k) for self-employment income (a SEP-IRA or a
    second plan shows some), or another employer's plan (theirs does not, or there is none)."""

    PLAN = "plan"
    PLAN_IF_IT_ACCEPTS = "plan_if_it_accepts"
    SOLO_401K = "solo_401k"
    ANOTHER_PLAN = "another_plan"


# A field named `date` would hide the type from pydantic (slots make it a class member).
Day = date


@dataclass(frozen=True, slots=True)
class Done:
    """A contribution or conversion already made (the input's dated amounts)."""

    kind: DoneKind
    date: Day
    amount: Money


@dataclass(frozen=True, slots=True)
class StepLeft:
    """A move of the plan not made yet, its deadline and the days left from `as_of`
    (negative: passed)."""

    kind: StepKind
    amount: Money
    deadline: date
    days_left: int
    source: str


@dataclass(frozen=True, slots=True)
class Repair:
    """Something to put right, by `deadline` (`days_left` from `as_of`; negative: passed).

    `amount`: the pre-tax money that makes the conversion taxable, the contribution not
    converted, or the excess contribution. For pre-tax money after a conversion, the
    conversion's taxable part and tax with the money left where it is (Form 8606 lines 6-18,
    as in the result) and rolled into a plan by December 31. For an excess, the 6% excise tax
    for each year it stays (IRC 4973(a))."""

    kind: RepairKind
    amount: Money
    deadline: date
    days_left: int
    source: str
    taxable_if_kept: Money | None = None
    tax_if_kept: Money | None = None
    taxable_if_rolled_in: Money | None = None
    tax_if_rolled_in: Money | None = None
    roll_in_to: RollInTarget | None = None
    # SIMPLE IRA money in `amount`: it may be rolled to a 401(k) only after two years in the
    # SIMPLE plan (IRC 408(d)(3)(G), 72(t)(6)).
    simple_ira_money: Money | None = None
    excise_tax_per_year: Money | None = None


@dataclass(frozen=True, slots=True)
class PersonProgress:
    person: str
    done: tuple[Done, ...]
    left: tuple[StepLeft, ...]
    repairs: tuple[Repair, ...]
    contributed: Money
    converted: Money
    # Form 8606 line 6 worked out from today's balances; None when year_end_balance is used.
    year_end_value: Money | None


@dataclass(frozen=True, slots=True)
class Progress:
    """What is already done, what is left and what to repair, counted from `as_of`
    (planner.engine.progress). Only people who entered something done are listed."""

    as_of: date
    people: tuple[PersonProgress, ...]


@dataclass(frozen=True, slots=True)
class PlanResult:
    tax_year: int
    filing_status: FilingStatus
    limits: Limits
    people: tuple[PersonResult, ...]
    totals: Totals
    tax: TaxSummary
    projection: Projection
    warnings: tuple[Warning, ...]
    unknowns: tuple[Unknown, ...] = ()
    verdict: Verdict | None = None
    progress: Progress | None = None

    def warnings_by_effect(self) -> list[Warning]:
        """The warnings, largest dollar effect first (a stable sort: ties keep their order)."""
        return sorted(self.warnings, key=lambda w: -(w.dollar_effect or 0))
