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


@dataclass(frozen=True)
class YearTable:
    """Every dollar figure the engine uses for one tax year.

    `sources` maps each figure's field name to the document it comes from; a table
    without a source for every figure is rejected when it is loaded.
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
    net_investment_income_tax_threshold: Mapping[FilingStatus, Decimal]
    sources: Mapping[str, str]

    def __post_init__(self) -> None:
        figure_names = {f.name for f in fields(self)} - {"year", "sources"}
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


def dollars(amount: int) -> Decimal:
    return Decimal(amount)


def phase_out(low: int, high: int) -> PhaseOutRange:
    return PhaseOutRange(Decimal(low), Decimal(high))


TCJA_RATES: tuple[Decimal, ...] = tuple(
    Decimal(rate) for rate in ("0.10", "0.12", "0.22", "0.24", "0.32", "0.35", "0.37")
)


def schedule(*upper_edges: int) -> BracketSchedule:
    return BracketSchedule(tuple(Decimal(edge) for edge in upper_edges), TCJA_RATES)


def brackets_and_deductions(
    single: tuple[int, ...],
    joint: tuple[int, ...],
    separate: tuple[int, ...],
    head_of_household: tuple[int, ...],
) -> tuple[dict[FilingStatus, BracketSchedule], dict[FilingStatus, Decimal]]:
    """Each tuple is the six upper edges followed by the standard deduction."""
    rows = {
        FilingStatus.SINGLE: single,
        FilingStatus.MARRIED_FILING_JOINTLY: joint,
        FilingStatus.MARRIED_FILING_SEPARATELY: separate,
        FilingStatus.HEAD_OF_HOUSEHOLD: head_of_household,
        # IRC 1(a) and 63(c)(2)(A): the joint column ("Married filing jointly or qualifying
        # surviving spouse" in every year's Rev. Proc. table).
        FilingStatus.QUALIFYING_SURVIVING_SPOUSE: joint,
    }
    brackets = {status: schedule(*row[:6]) for status, row in rows.items()}
    deductions = {status: Decimal(row[6]) for status, row in rows.items()}
    return brackets, deductions


# IRC 1411(a)(1) and (b): 3.8% net investment income tax above a MAGI threshold that the
# statute fixes in dollars (not indexed for inflation); the same in every year since 2013.
NET_INVESTMENT_INCOME_TAX_RATE = Decimal("0.038")
NET_INVESTMENT_INCOME_TAX_THRESHOLD: Mapping[FilingStatus, Decimal] = {
    FilingStatus.SINGLE: Decimal(200_000),
    FilingStatus.MARRIED_FILING_JOINTLY: Decimal(250_000),
    FilingStatus.MARRIED_FILING_SEPARATELY: Decimal(125_000),
    FilingStatus.HEAD_OF_HOUSEHOLD: Decimal(200_000),
    # IRC 1411(b)(1): "a joint return or a surviving spouse (as defined in section 2(a))".
    FilingStatus.QUALIFYING_SURVIVING_SPOUSE: Decimal(250_000),
}
NET_INVESTMENT_INCOME_TAX_SOURCES = {
    "net_investment_income_tax_rate": "IRC 1411(a)(1): 3.8%",
    "net_investment_income_tax_threshold": (
        "IRC 1411(b): MAGI over 250,000 joint or surviving spouse, 125,000 married filing separately, "
        "200,000 otherwise; fixed by statute, not indexed"
    ),
}


# IRC 68(a)-(b) (P.L. 119-21 sec. 70111(a)), tax years beginning after December 31, 2025.
SECTION_68_RATE = Decimal(2) / Decimal(37)
SECTION_68_SOURCE = (
    "IRC 68 as amended by OBBBA, P.L. 119-21, sec. 70111(a): itemized deductions reduced by 2/37 "
    "of the lesser of those deductions or taxable income (without sec. 68, plus those deductions) "
    "above the start of the 37% bracket; tax years after 2025"
)
NO_SECTION_68_SOURCE = (
    "TCJA, P.L. 115-97, sec. 11046: IRC 68(f) suspended the overall limitation on itemized "
    "deductions for tax years 2018-2025"
)


def additional_standard_deduction_source(rev_proc: str) -> str:
    return f"{rev_proc} (IRC 63(f)(1) and (3): age 65 or older; blindness not modelled)"
