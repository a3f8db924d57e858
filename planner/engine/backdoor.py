"""The backdoor Roth: Form 8606 Parts I and II, the direct Roth limit (Pub. 590-A) and the block."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from planner.engine.limits import IraContribution
from planner.engine.models import BackdoorResult, FilingStatus, Form8606, Person
from planner.engine.money import ONE, ZERO, cents
from planner.engine.so_far import contributed_next_year, converted, year_end_value
from planner.engine.tables import PhaseOutRange, YearTable

REDUCED_ROTH_FLOOR = Decimal(200)


@dataclass(frozen=True, slots=True)
class Form8606Outcome:
    form: Form8606 | None
    rolled_into_plan: Decimal


def form_8606(
    *,
    contribution: Decimal,
    basis: Decimal,
    contribution_made_next_year: bool,
    conversion: Decimal,
    year_end_value: Decimal,
    roll_into_plan: bool,
    ratio_places: int,
    distribution: Decimal = ZERO,
    paid_next_year: Decimal = ZERO,
) -> Form8606Outcome:
    """Form 8606 Parts I and II; `distribution` is line 7 (here the year's required minimum
    distribution, which cannot be converted or rolled over: IRC 408(d)(3)(E)), and
    `paid_next_year` the part of line 1 already paid in from January 1 of next year (line 4).

    year_end_value is the Dec 31 value of all the person's traditional, SEP and SIMPLE IRAs
    before any roll-in to the plan. A roll-in may take only pre-tax money (IRC
    408(d)(3)(A)(ii)), so exactly the basis left after the conversion stays behind.
    """
    line_1 = contribution
    line_2 = basis
    line_3 = line_1 + line_2
    line_4 = line_1 if contribution_made_next_year else min(line_1, paid_next_year)
    line_5 = line_3 - line_4
    # With no basis, no conversion needs the form: a distribution is then simply all taxable.
    if conversion == ZERO and (distribution == ZERO or line_3 == ZERO):
        rolled = year_end_value - min(year_end_value, line_5) if roll_into_plan else ZERO
        if line_3 == ZERO:
            return Form8606Outcome(None, rolled)
        # Part I stops at line 3 when there is no conversion and no distribution.
        form = Form8606(
            line_1=line_1, line_2=line_2, line_3=line_3,
            line_4=None, line_5=None, line_6=None, line_7=None, line_8=None, line_9=None,
            line_10=None, line_11=None, line_12=None, line_13=None,
            line_14=line_3, line_15a=None, line_16=ZERO, line_17=ZERO, line_18=ZERO,
        )  # fmt: skip
        return Form8606Outcome(form, rolled)

    line_7 = distribution
    line_8 = conversion
    if roll_into_plan:
        line_6 = min(year_end_value, max(ZERO, line_5 - line_8 - line_7))
        rolled = year_end_value - line_6
    else:
        line_6 = year_end_value
        rolled = ZERO
    line_9 = line_6 + line_7 + line_8
    ratio = (line_5 / line_9).quantize(Decimal(1).scaleb(-ratio_places), rounding=ROUND_HALF_UP)
    line_10 = min(ONE, ratio)
    line_11 = cents(line_8 * line_10)
    line_12 = cents(line_7 * line_10)
    line_13 = line_11 + line_12
    # Line 14 is the form's own arithmetic and may go negative with a 3-place ratio;
    # the basis actually carried forward is clamped at 0 by the caller.
    line_14 = line_3 - line_13
    form = Form8606(
        line_1=line_1, line_2=line_2, line_3=line_3, line_4=line_4, line_5=line_5,
        line_6=line_6, line_7=line_7, line_8=line_8, line_9=line_9, line_10=line_10,
        line_11=line_11, line_12=line_12, line_13=line_13, line_14=line_14,
        line_15a=line_7 - line_12, line_16=line_8, line_17=line_11, line_18=line_8 - line_11,
    )  # fmt: skip
    return Form8606Outcome(form, rolled)


def roth_phase_out_range(
    table: YearTable, status: FilingStatus, lived_apart: bool
) -> PhaseOutRange:
    # IRC 408A(c)(3)(B)(ii)(I) and Notice 2025-67: "married couples filing jointly" and a
    # qualifying surviving spouse share the joint range (tax-rules 1c, MFJ / QSS column).
    if status in (FilingStatus.MARRIED_FILING_JOINTLY, FilingStatus.QUALIFYING_SURVIVING_SPOUSE):
        return table.roth_phase_out_joint
    if status is FilingStatus.MARRIED_FILING_SEPARATELY and not lived_apart:
        return table.roth_phase_out_separate
    return table.roth_phase_out_single


def direct_roth_allowed(full_limit: Decimal, magi: Decimal, phase_out: PhaseOutRange) -> Decimal:
    """IRC 408A(c)(3)(A) with 219(g)(2)(A) and (C): the limit less the share of it that MAGI
    above the range's start is of the range's width, that reduction rounded down to a multiple
    of $10, and at least $200 (tax-rules 1c). Worked exactly: the worksheets (Pub. 590-A 2-2,
    Instructions for Form 8606) round the share to "at least three places", and three places
    half-up land $10 high at a tie (MAGI $243,215 joint in 2026: $6,590, not $6,600)."""
    if full_limit <= ZERO or magi <= phase_out.low:
        return max(ZERO, full_limit)
    if magi >= phase_out.high:
        return ZERO
    reduction = Fraction(full_limit) * Fraction(magi - phase_out.low) / Fraction(phase_out.width)
    rounded_down = Decimal(math.floor(reduction / 10) * 10)
    return min(full_limit, max(REDUCED_ROTH_FLOOR, full_limit - rounded_down))


def backdoor_conversion(person: Person, contribution: Decimal, tax_year: int) -> Decimal:
    """Form 8606 line 8: every conversion of the year, those already made included."""
    ira = person.ira
    if ira.conversion is not None:
        return ira.conversion
    # A conversion belongs to the calendar year it happens (Form 8606 line 8): money
    # contributed January-April of next year (line 4) can only be converted next year, whether
    # the answer says so or a contribution made is dated then.
    paid_this_year = (
        ZERO
        if ira.contribution_made_next_year
        else contribution - contributed_next_year(ira, tax_year)
    )
    if paid_this_year <= ZERO:
        return converted(ira)
    return max(converted(ira), paid_this_year + ira.earnings_before_conversion)


def backdoor_form_8606(
    person: Person,
    contribution: Decimal,
    conversion: Decimal,
    extra_pretax_ira_money: Decimal,
    ratio_places: int,
    roll_into_plan: bool | None = None,
    distribution: Decimal = ZERO,
    *,
    tax_year: int,
) -> Form8606Outcome:
    """The person's Form 8606 for this backdoor; roll_into_plan overrides the input's choice.

    Line 6 is the December 31 value: from today's balances and the moves still to make when
    they are given (planner.engine.so_far), else the year_end_balance entered."""
    ira = person.ira
    return form_8606(
        contribution=contribution,
        basis=ira.basis,
        contribution_made_next_year=ira.contribution_made_next_year,
        conversion=conversion,
        year_end_value=year_end_value(ira, contribution, conversion) + extra_pretax_ira_money,
        roll_into_plan=ira.roll_into_plan if roll_into_plan is None else roll_into_plan,
        ratio_places=ratio_places,
        distribution=distribution,
        paid_next_year=contributed_next_year(ira, tax_year),
    )


def distribution_taxable(form: Form8606 | None, distribution: Decimal) -> Decimal:
    """The taxable part of line 7 (line 15a); without that line nothing shelters it."""
    if form is None or form.line_15a is None:
        return distribution
    return form.line_15a


def backdoor(
    person: Person,
    ira_limit: IraContribution,
    roth_limit: Decimal,
    magi: Decimal,
    phase_out: PhaseOutRange,
    extra_pretax_ira_money: Decimal,
    ratio_places: int,
    roll_into_plan: bool | None = None,
    distribution: Decimal = ZERO,
    *,
    tax_year: int,
) -> BackdoorResult:
    """The backdoor block. `distribution` is the year's RMD (Form 8606 line 7): it is taken
    before the conversion and is not part of it, so it adds no Roth dollars; its taxable part
    (line 15a) is reported apart from the conversion's (line 18)."""
    contribution = ira_limit.contribution
    conversion = backdoor_conversion(person, contribution, tax_year)
    outcome = backdoor_form_8606(
        person,
        contribution,
        conversion,
        extra_pretax_ira_money,
        ratio_places,
        roll_into_plan,
        distribution,
        tax_year=tax_year,
    )
    form = outcome.form
    if form is None:
        taxable = nontaxable = basis_carried = ZERO
    else:
        taxable = form.line_18
        nontaxable = form.line_17
        basis_carried = max(ZERO, form.line_14)
    rmd_taxable = distribution_taxable(form, distribution)
    return BackdoorResult(
        available=ira_limit.limit > ZERO,
        contribution_limit=ira_limit.limit,
        direct_roth_allowed=direct_roth_allowed(roth_limit, magi, phase_out),
        magi=magi,
        nondeductible_contribution=contribution,
        conversion=conversion,
        form_8606=form,
        rolled_into_plan=outcome.rolled_into_plan,
        roth_added=conversion,
        taxable_amount=taxable,
        nontaxable_amount=nontaxable,
        basis_carried_forward=basis_carried,
        tax_due=ZERO,
        required_minimum_distribution=distribution,
        required_minimum_distribution_taxable=rmd_taxable,
    )


def pro_rata_balance(backdoor: BackdoorResult) -> Decimal | None:
    """Form 8606 line 6 when it makes part of the conversion taxable (the pro-rata rule,
    lines 6-11), else None."""
    form = backdoor.form_8606
    if form is None or form.line_6 is None or form.line_6 <= ZERO:
        return None
    if backdoor.conversion <= ZERO or backdoor.taxable_amount <= ZERO:
        return None
    # With no basis (line 5 is 0) line 10 is 0 whatever line 6 holds: the conversion is all
    # taxable because none of it was ever taxed, not because of the pro-rata rule.
    if form.line_5 is None or form.line_5 <= ZERO:
        return None
    return form.line_6
