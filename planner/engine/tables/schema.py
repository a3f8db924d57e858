from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum


class FilingStatus(StrEnum):
    SINGLE = "single"
    MARRIED_FILING_JOINTLY = "married_filing_jointly"
    MARRIED_FILING_SEPARATELY = "married_filing_separately"
    HEAD_OF_HOUSEHOLD = "head_of_household"
    # IRC 2(a): a surviving spouse with a dependent child, for the two years after the year
    # of the spouse's death; taxed on the joint schedule (IRC 1(a)) with the joint standard
    # deduction (IRC 63(c)(2)(A)), but unmarried for the spousal IRA (one person only).
    QUALIFYING_SURVIVING_SPOUSE = "qualifying_surviving_spouse"


@dataclass(frozen=True)
class PhaseOutRange:
    low: Decimal
    high: Decimal

    @property
    def width(self) -> Decimal:
        return self.high - self.low


@dataclass(frozen=True)
class BracketSchedule:
    """Upper edges of the 10/12/22/24/32/35% brackets; income above the last edge is 37%."""

    upper_edges: tuple[Decimal, ...]
    rates: tuple[Decimal, ...]
    # Tax on all income below each bracket's lower edge, precomputed once for speed.
    base_tax: tuple[Decimal, ...] = field(init=False)
    lower_edges: tuple[Decimal, ...] = field(init=False)

    def __post_init__(self) -> None:
        if len(self.rates) != len(self.upper_edges) + 1:
            raise ValueError("A schedule needs one more rate than it has upper edges.")
        lower_edges = (Decimal(0), *self.upper_edges)
        base_tax = [Decimal(0)]
        for index, edge in enumerate(self.upper_edges):
            base_tax.append(base_tax[-1] + (edge - lower_edges[index]) * self.rates[index])
        object.__setattr__(self, "lower_edges", lower_edges)
        object.__setattr__(self, "base_tax", tuple(base_tax))


@dataclass(frozen=True)
class SeniorDeduction:
    """OBBBA (P.L. 119-21) sec. 70103, IRC 151(d)(5)(C): tax years 2025-2028.

    `amount` for each person aged 65 or older (each spouse on a joint return), each person's
    amount reduced by `phase_out_rate` of MAGI above the start, not below 0. Married people
    get it only on a joint return.
    """

    amount: Decimal
    phase_out_start_joint: Decimal
    phase_out_start_other: Decimal
    phase_out_rate: Decimal


@dataclass(frozen=True, slots=True)
class Reference:
    """The document a figure comes from: its title and where to read it."""

    title: str
    href: str


@dataclass(frozen=True, slots=True)
class ProvisionalFigure:
    """A figure the year has no official value for yet, carried from `carried_from`."""

    figure: str
    label: str
    carried_from: int
    comes_from: str


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A day that comes back each year, such as a deadline set by law as "October 15"."""

    month: int
    day: int

    def of(self, year: int) -> date:
        return date(year, self.month, self.day)


METADATA = frozenset({"year", "sources", "references", "provisional", "overridden"})


@dataclass(frozen=True)
class YearTable:
    """Every dollar figure the engine uses for one tax year.

    Built from the parameter files (planner/engine/parameters/). `sources` maps each figure's
    field name to the document it comes from; a table without a source for every figure is
    rejected when it is built.
    """

    year: int
    elective_deferral: Decimal
    catch_up: Decimal
    catch_up_age_60_to_63: Decimal | None
    annual_additions: Decimal
    compensation_limit: Decimal
    hce_threshold: Decimal
    hce_threshold_lookback: Decimal
    ira_contribution: Decimal
    ira_catch_up: Decimal
    roth_phase_out_single: PhaseOutRange
    roth_phase_out_joint: PhaseOutRange
    roth_phase_out_separate: PhaseOutRange
    deduction_phase_out_active_single: PhaseOutRange
    deduction_phase_out_active_joint: PhaseOutRange
    deduction_phase_out_spouse_covered_joint: PhaseOutRange
    deduction_phase_out_separate: PhaseOutRange
    roth_catch_up_wage_threshold: Decimal | None
    roth_catch_up_enforced: bool
    traditional_ira_age_70_half_bar: bool
    ira_contribution_deadline: date
    # The day of the year after this one by which an excess IRA contribution comes out
    # (IRC 408(d)(4)), before IRC 7503 moves it off a weekend.
    excess_contribution_withdrawal_day: MonthDay
    # The day of the next year by which deferrals over the 402(g) limit are paid back
    # (IRC 402(g)(2)(A)(ii)), and by which the first RMD is taken (IRC 401(a)(9)(C)).
    excess_deferral_distribution_day: MonthDay
    first_rmd_deadline_day: MonthDay
    brackets: Mapping[FilingStatus, BracketSchedule]
    standard_deduction: Mapping[FilingStatus, Decimal]
    # IRC 63(f) additional standard deduction for age 65 or older, per qualifying person:
    # unmarried (single, head of household) and married (each spouse). The extra amount for
    # blindness (IRC 63(f)(2)) is out of scope: the planner does not ask about it.
    additional_standard_deduction_unmarried: Decimal
    additional_standard_deduction_married: Decimal
    senior_deduction: SeniorDeduction | None
    # IRC 68 as rewritten by OBBBA (P.L. 119-21 sec. 70111) for tax years after 2025: the
    # fraction (2/37) of the lesser of itemized deductions or the income above the start of the
    # 37% bracket by which itemized deductions are reduced; None when no limit applies.
    itemized_deduction_reduction_rate: Decimal | None
    net_investment_income_tax_rate: Decimal
    # The employee's Social Security and Medicare tax on wages (IRC 3101), withheld from each
    # paycheck whatever is deferred: the paycheck plan's elections take only what it leaves.
    social_security_tax_rate: Decimal
    social_security_wage_base: Decimal
    medicare_tax_rate: Decimal
    additional_medicare_tax_rate: Decimal
    additional_medicare_withholding_threshold: Decimal
    net_investment_income_tax_threshold: Mapping[FilingStatus, Decimal]
    # IRC 401(a)(9)(C): the age RMDs start (70.5 before 2020); CARES Act sec. 2203 waived 2020.
    rmd_age: Decimal
    rmd_waived: bool
    uniform_lifetime_table: Mapping[int, Decimal]
    # Form 1040's (gross, taxable) lines for IRA distributions, and for pensions and annuities.
    form_1040_ira_lines: tuple[str, str]
    form_1040_pension_lines: tuple[str, str]
    sources: Mapping[str, str]
    references: Mapping[str, Reference] = field(default_factory=dict)
    # Figures not yet published for the year, carried from the last year that has them.
    provisional: Mapping[str, ProvisionalFigure] = field(default_factory=dict)
    # Figures the household set itself, with the official figure each replaces.
    overridden: Mapping[str, Decimal] = field(default_factory=dict)

    def __post_init__(self) -> None:
        figure_names = {f.name for f in fields(self)} - METADATA
        missing = sorted(figure_names - set(self.sources))
        if missing:
            raise ValueError(f"Tax year {self.year} table has no source for: {', '.join(missing)}")
        for status in FilingStatus:
            if (
                status not in self.brackets
                or status not in self.standard_deduction
                or status not in self.net_investment_income_tax_threshold
            ):
                raise ValueError(f"Tax year {self.year} table lacks filing status {status}")
