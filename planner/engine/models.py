"""The engine's result types: frozen, slotted dataclasses. Field names follow planner-contract.md.

The input types (Household, Person, Plan, Ira) and the vocabulary live in planner.engine.contract;
they are re-exported here so the engine reads every type from one module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from planner.engine.contract import (
    AfterTaxRoute,
    ConversionFrequency,
    ElectionUnit,
    FilingStatus,
    Household,
    Ira,
    Money,
    PayFrequency,
    Person,
    Plan,
    Ratio,
    Severity,
)
from planner.engine.money import ZERO

__all__ = [
    "AfterTaxRoute",
    "BackdoorResult",
    "ConversionFrequency",
    "ConversionTiming",
    "Election",
    "ElectionUnit",
    "FilingStatus",
    "Form8606",
    "Household",
    "Ira",
    "Limits",
    "MegaBackdoorResult",
    "PayFrequency",
    "PaycheckPlan",
    "PaycheckRow",
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
class Election:
    """One election to give payroll: `rate` of pay (a fraction) or `dollars` per paycheck,
    from the paycheck paid on `starts` until the next election for the same source."""

    source: str  # "pretax", "roth" or "after_tax"
    starts: date
    rate: Money | None
    dollars: Money | None


@dataclass(frozen=True, slots=True)
class PaycheckRow:
    paid_on: date
    pay: Money
    # The pay the plan counts: none past the 401(a)(17) compensation limit.
    plan_pay: Money
    pretax: Money
    roth: Money
    after_tax: Money
    match: Money
    # Year to date, what was contributed before the elections took effect included.
    deferrals_to_date: Money
    annual_additions_to_date: Money


@dataclass(frozen=True, slots=True)
class ConversionTiming:
    """Earnings the after-tax money collects before it moves, if it moves this often."""

    frequency: ConversionFrequency
    allowed: bool
    earnings: Money


@dataclass(frozen=True, slots=True)
class PaycheckPlan:
    """The elections that reach the year's figures by the last paycheck, and the paychecks."""

    frequency: PayFrequency
    election_unit: ElectionUnit
    elections: tuple[Election, ...]
    paychecks: tuple[PaycheckRow, ...]
    year_pay: Money
    deferral_limit: Money
    annual_additions_limit: Money
    pretax_target: Money
    roth_target: Money
    after_tax_target: Money
    pretax_total: Money
    roth_total: Money
    after_tax_total: Money
    # Every match dollar of the year: received so far, on the paychecks and any true-up.
    match_total: Money
    match_true_up: Money
    match_lost: Money
    compensation_limit_reached_on: date | None
    conversion_timings: tuple[ConversionTiming, ...]
    recommended_conversion: ConversionFrequency | None
    # What cannot be reached, what match is lost and why, in sentences.
    explanations: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PersonResult:
    name: str
    mega_backdoor_roth: MegaBackdoorResult
    backdoor_roth: BackdoorResult
    # The mega backdoor in a second, unrelated employer's plan (its own 415(c) limit); None
    # when there is no second plan. Included in the totals.
    second_plan_mega_backdoor_roth: MegaBackdoorResult | None = None
    # The paycheck plan, when the plan's `paychecks` are given.
    paychecks: PaycheckPlan | None = None


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

    def warnings_by_effect(self) -> list[Warning]:
        """The warnings, largest dollar effect first (a stable sort: ties keep their order)."""
        return sorted(self.warnings, key=lambda w: -(w.dollar_effect or 0))
