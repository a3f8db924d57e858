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
from planner.engine.tables import ProvisionalFigure, Reference

__all__ = [
    "AfterTaxRoute",
    "Decision",
    "IraMove",
    "IraRoute",
    "MegaMove",
    "MegaRoute",
    "PersonDecision",
    "Reason",
    "RollInTarget",
    "SkippedBackdoor",
    "UnknownAnswer",
    "BackdoorResult",
    "ConversionFrequency",
    "Done",
    "DoneKind",
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
    "Progress",
    "PersonProgress",
    "Projection",
    "ProvisionalFigure",
    "ProjectionYear",
    "Repair",
    "RepairKind",
    "Reference",
    "ReturnTax",
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
    # After-tax money the paychecks cannot carry (elections that start late in the year, a
    # per-paycheck cap), when the paychecks are given: not in after_tax_contribution.
    after_tax_beyond_paychecks: Money = ZERO


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
    # Employer money not paid with the paychecks (beyond a match formula: a dollar figure,
    # profit sharing, forfeitures): its 415(c) room is kept for it, so the paychecks' 415(c)
    # running total ends this much below the limit.
    employer_outside_paychecks: Money = ZERO


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
    # Sum over the plans that take after-tax contributions of the 415(c) room left for them:
    # the same in every block.
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
    # Each "not sure" answer that changes nothing, said so (the others are in `changes`).
    no_change: tuple[str, ...] = ()

    @property
    def headline_rest(self) -> str:
        """The headline after its first sentence (shown beside it, not on a phone)."""
        return self.headline[len(self.status) :]

    @property
    def details(self) -> tuple[str, ...]:
        """The sentences the headline does not already say: the results page shows the
        headline and, under it, only these."""
        return tuple(sentence for sentence in self.sentences if sentence not in self.headline)


# ---------------------------------------------------------------- the decision


class IraRoute(StrEnum):
    DIRECT_ROTH = "direct_roth"
    BACKDOOR = "backdoor"
    ROLL_IN_FIRST = "roll_in_first"
    CONVERT_ALL = "convert_all"
    PLAIN_CONVERSION = "plain_conversion"
    CONVERT_NEXT_YEAR = "convert_next_year"
    SKIP = "skip"
    NONE = "none"


class MegaRoute(StrEnum):
    MEGA_BACKDOOR = "mega_backdoor"
    NONE = "none"


class RollInTarget(StrEnum):
    THIS_PLAN = "this_plan"
    # The plan's answer is "not sure": this plan, if it takes them (ask the plan).
    THIS_PLAN_IF_IT_TAKES_THEM = "this_plan_if_it_takes_them"
    OTHER_EMPLOYER_PLAN = "other_employer_plan"
    SOLO_401K = "solo_401k"
    # No plan known to take it: "a 401(k) that takes IRA roll-ins".
    ANY_PLAN = "any_plan"


class Reason(StrEnum):
    INCOME_ALLOWS_DIRECT_ROTH = "income_allows_direct_roth"
    DIRECT_ROTH_REDUCED = "direct_roth_reduced"
    REST_BY_BACKDOOR = "rest_by_backdoor"
    NO_PRE_TAX_IRA_MONEY = "no_pre_tax_ira_money"
    PRO_RATA = "pro_rata"
    PRO_RATA_HEAVY = "pro_rata_heavy"
    PRE_TAX_PART_SMALL = "pre_tax_part_small"
    ROLL_IN_PLANNED = "roll_in_planned"
    PLAN_TAKES_ROLL_INS = "plan_takes_roll_ins"
    OTHER_PLAN_TAKES_ROLL_INS = "other_plan_takes_roll_ins"
    SELF_EMPLOYMENT_INCOME = "self_employment_income"
    ROLL_INS_NOT_SURE = "roll_ins_not_sure"
    NO_PLAN_TAKES_ROLL_INS = "no_plan_takes_roll_ins"
    NO_NEW_CONTRIBUTION = "no_new_contribution"
    NO_CONTRIBUTION_ALLOWED = "no_contribution_allowed"
    NO_CONTRIBUTION_PLANNED = "no_contribution_planned"
    CONTRIBUTION_NEXT_YEAR = "contribution_next_year"
    NOTHING_CONVERTED = "nothing_converted"
    RMD_DUE = "rmd_due"
    # A contribution or conversion for the year is already made: the backdoor is finished,
    # never skipped; pre-tax money found since is rolled into a plan or its tax paid.
    ALREADY_STARTED = "already_started"
    # The tax year's December 31 has passed (the user's date): what was done is the year's,
    # and no move due by December 31 (a roll-in, a conversion) can be added to it.
    YEAR_ENDED = "year_ended"
    # The mega backdoor's reasons.
    MOVES_TO_ROTH = "moves_to_roth"
    NO_PLAN = "no_plan"
    NO_AFTER_TAX = "no_after_tax"
    AFTER_TAX_NOT_SURE = "after_tax_not_sure"
    NO_WAY_OUT = "no_way_out"
    WAY_OUT_NOT_SURE = "way_out_not_sure"
    NO_ROOM = "no_room"
    NO_AFTER_TAX_PLANNED = "no_after_tax_planned"
    STAYS_IN_PLAN = "stays_in_plan"


@dataclass(frozen=True, slots=True)
class MegaMove:
    route: MegaRoute
    reasons: tuple[Reason, ...]
    after_tax_contribution: Money
    after_tax_route: AfterTaxRoute | None
    after_tax_room: Money
    annual_additions_limit: Money
    roth_added: Money
    taxable_amount: Money
    tax_due: Money
    # The names of the plan answers that are "not sure" and hold the mega backdoor back.
    not_sure: tuple[str, ...] = ()
    # Paid above the IRC 414(q) look-back figure: an ACP test (IRC 401(m)) may refund
    # after-tax contributions.
    likely_hce: bool = False
    # How often the after-tax money moves (the plan's answer; None: not given).
    conversion_frequency: ConversionFrequency | None = None
    # After-tax money the paychecks cannot carry (MegaBackdoorResult's): not in the figures.
    after_tax_beyond_paychecks: Money = ZERO
    # The year's pay from the plan's employer less deferrals and payroll tax: what after-tax
    # money can come out of over the whole year (mega_backdoor.pay_after_deferrals).
    year_pay_for_after_tax: Money = ZERO


@dataclass(frozen=True, slots=True)
class SkippedBackdoor:
    """The backdoor as entered, which the decision replaces or tells the person to skip."""

    nondeductible_contribution: Money
    conversion: Money
    taxable_amount: Money
    tax_due: Money
    # Form 8606: the share of the conversion that is taxable (1 - line 10).
    taxable_share: Ratio
    # Form 8606 lines 5, 6 and 9 and the basis it carries forward (line 14).
    basis: Money
    ira_value: Money
    line_9: Money
    basis_carried_forward: Money


@dataclass(frozen=True, slots=True)
class IraMove:
    route: IraRoute
    reasons: tuple[Reason, ...]
    # Contributed straight to a Roth IRA, and what the Pub. 590-A worksheet allows.
    direct_roth: Money
    direct_roth_limit: Money
    nondeductible_contribution: Money
    contribution_made_next_year: bool
    conversion: Money
    taxable_amount: Money
    tax_due: Money
    # Pre-tax IRA money to roll into a plan by December 31, and where.
    roll_in: Money
    roll_in_target: RollInTarget | None
    # The IRAs' pre-tax money (their value less the basis) and value on December 31.
    pre_tax_ira_money: Money
    ira_value: Money
    basis_carried_forward: Money
    skipped: SkippedBackdoor | None
    form_8606_needed: bool
    # Already made this year (the input's contributions_made and conversions_made), and what
    # is left of this move to do: a step already done is not asked again.
    contributed: Money = ZERO
    converted: Money = ZERO
    contribution_left: Money = ZERO
    conversion_left: Money = ZERO
    # What to put right, with deadlines and days left (planner.engine.progress; only when
    # the plan was worked out for a date).
    repairs: tuple[Repair, ...] = ()
    # The answer's Form 8606 (None when it makes no IRA move). It differs from the result's
    # backdoor block, which is the backdoor as entered, when `skipped` says so.
    form_8606: Form8606 | None = None
    # SIMPLE IRA money among what the answer rolls into a plan (simple_balance_today): it may
    # go only two years after the first contribution to the SIMPLE IRA (IRC 408(d)(3)(G)).
    simple_ira_money: Money | None = None

    @property
    def done(self) -> bool:
        """Something of this move is already made this year."""
        return self.contributed > 0 or self.converted > 0


@dataclass(frozen=True, slots=True)
class PersonDecision:
    index: int
    name: str
    # The year's required minimum distribution, taken before anything is converted.
    required_minimum_distribution: Money
    mega: MegaMove
    ira: IraMove
    # This person's part of the recommended plan, standing alone.
    roth_added: Money
    taxable_amount: Money
    tax_due: Money
    # The paycheck elections that reach the limits (planner.engine.paychecks), when pay was
    # given: the election dates are steps of the plan too.
    paychecks: PaycheckPlan | None = None
    # A second, unrelated employer's plan, with its own 415(c) limit: its mega backdoor.
    second_plan_mega: MegaMove | None = None
    # The first RMD may wait until April 1 of next year (IRC 401(a)(9)(C)): that day, or None.
    first_rmd_may_wait_until: date | None = None


@dataclass(frozen=True, slots=True)
class UnknownAnswer:
    """A "not sure" plan answer: whether it changes the recommended figures, and both
    branches of what it touches (the mega backdoor, or the backdoor's tax for roll-ins)."""

    field: str
    path: str
    person: str
    index: int
    changes: bool
    strategy: str
    if_yes_roth_added: Money
    if_yes_tax_due: Money
    if_no_roth_added: Money
    if_no_tax_due: Money


@dataclass(frozen=True, slots=True)
class Decision:
    people: tuple[PersonDecision, ...]
    unknowns: tuple[UnknownAnswer, ...]
    # The household's recommended plan: what every person's moves add and cost together.
    roth_added: Money
    taxable_amount: Money
    tax_due: Money


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
    # What each person should do (planner.engine.decision): the verdict, the checklist and
    # the calendar are all said from it.
    decision: Decision | None = None
    progress: Progress | None = None

    def warnings_by_effect(self) -> list[Warning]:
        """The warnings, largest dollar effect first (a stable sort: ties keep their order)."""
        return sorted(self.warnings, key=lambda w: -(w.dollar_effect or 0))
