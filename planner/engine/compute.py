"""The planner's arithmetic: mega backdoor room, Form 8606, tax, projection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from planner.engine.federal_tax import line_16_tax
from planner.engine.limits import (
    CATCH_UP_AGE,
    SENIOR_AGE,
    IraContribution,
    catch_up_limit,
    ira_compensation,
    resolve_ira_contributions,
)
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    ConversionFrequency,
    FilingStatus,
    Form8606,
    Household,
    Limits,
    MegaBackdoorResult,
    Person,
    Projection,
    ProjectionYear,
    StrategyTotals,
)
from planner.engine.money import (
    CENT,
    ONE,
    ZERO,
    cents,
    format_money,
    format_rate,
    round_up_to_ten,
)
from planner.engine.tables import PhaseOutRange, YearTable, year_table

ROTH_RATIO_PLACES = Decimal("0.001")
REDUCED_ROTH_FLOOR = Decimal(200)
# The taxable account's growth is taxed by default as long-term gains and qualified dividends
# at 15% (IRC 1(h)(1)(C)); the 3.8% net investment income tax (IRC 1411) is added only above
# the year table's MAGI threshold, and the state rate always.
DEFAULT_LONG_TERM_GAIN_RATE = Decimal("0.15")

# A contribution made evenly through a conversion period waits half the period on average.
_HALF_PERIODS_PER_YEAR = {
    ConversionFrequency.MONTHLY: 24,
    ConversionFrequency.QUARTERLY: 8,
    ConversionFrequency.ANNUALLY: 2,
}


# ---------------------------------------------------------------- mega backdoor


def default_route(person: Person) -> AfterTaxRoute:
    plan = person.plan
    if plan is not None and plan.allows_in_service_distribution:
        return AfterTaxRoute.ROLLOVER_TO_ROTH_IRA
    if plan is not None and plan.allows_in_plan_roth_conversion:
        return AfterTaxRoute.IN_PLAN_CONVERSION
    return AfterTaxRoute.STAY_IN_PLAN


@lru_cache(maxsize=256)
def _earnings_factor(expected_return: Decimal, half_periods_per_year: int) -> Decimal:
    """(1 + r) ** (1 / n) - 1 in Decimal arithmetic (exp/ln at 28 digits), no binary floats."""
    return ((ONE + expected_return).ln() / half_periods_per_year).exp() - ONE


def estimated_earnings(
    contribution: Decimal, frequency: ConversionFrequency, expected_return: Decimal
) -> Decimal:
    half_periods = _HALF_PERIODS_PER_YEAR.get(frequency)
    if half_periods is None or contribution == ZERO:
        return ZERO
    return cents(contribution * _earnings_factor(expected_return, half_periods))


def mega_backdoor(
    person: Person,
    table: YearTable,
    expected_return: Decimal,
    route_override: AfterTaxRoute | None = None,
) -> MegaBackdoorResult:
    """IRC 402(g), 414(v) and 415(c) room for after-tax money, and how its conversion is taxed.

    tax_due is filled in later, once the household's tax is known.
    """
    plan = person.plan
    annual_additions_limit = min(table.annual_additions, person.compensation)
    if plan is None:
        return MegaBackdoorResult(
            available=False,
            route=None,
            catch_up=ZERO,
            catch_up_limit=catch_up_limit(table, person.age),
            annual_additions_limit=annual_additions_limit,
            annual_additions_before_after_tax=ZERO,
            after_tax_room=ZERO,
            after_tax_cap_amount=None,
            after_tax_contribution=ZERO,
            annual_additions_total=ZERO,
            annual_additions_with_catch_up=ZERO,
            earnings=ZERO,
            earnings_to_traditional_ira=ZERO,
            roth_added=ZERO,
            taxable_amount=ZERO,
            nontaxable_amount=ZERO,
            tax_due=ZERO,
        )
    deferrals = plan.pretax_deferral + plan.roth_deferral
    person_catch_up_limit = catch_up_limit(table, person.age)
    catch_up = min(max(ZERO, deferrals - table.elective_deferral), person_catch_up_limit)
    # Catch-up contributions are not annual additions (IRC 414(v)(3)(A)).
    before_after_tax = deferrals - catch_up + plan.employer_contribution + plan.forfeitures
    room = max(ZERO, annual_additions_limit - before_after_tax)

    caps: list[Decimal] = []
    if plan.after_tax_cap is not None:
        caps.append(plan.after_tax_cap)
    if plan.after_tax_cap_percent is not None:
        caps.append(
            cents(plan.after_tax_cap_percent * min(person.compensation, table.compensation_limit))
        )
    cap_amount = min(caps) if caps else None

    contribution = ZERO
    if plan.allows_after_tax:
        contribution = room
        if cap_amount is not None:
            contribution = min(contribution, cap_amount)
        if plan.after_tax_contribution is not None:
            contribution = min(contribution, plan.after_tax_contribution)

    route = route_override or plan.after_tax_route or default_route(person)
    earnings = ZERO
    if contribution > ZERO and route is not AfterTaxRoute.STAY_IN_PLAN:
        if plan.after_tax_earnings is not None:
            earnings = plan.after_tax_earnings
        else:
            earnings = estimated_earnings(contribution, plan.conversion_frequency, expected_return)

    earnings_to_traditional_ira = ZERO
    if route is AfterTaxRoute.STAY_IN_PLAN:
        roth_added = taxable = nontaxable = ZERO
    elif route is AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA:
        # Notice 2014-54: pre-tax earnings go by direct rollover to a traditional IRA.
        roth_added = nontaxable = contribution
        taxable = ZERO
        earnings_to_traditional_ira = earnings
    else:
        roth_added = contribution + earnings
        taxable = earnings
        nontaxable = contribution

    total = before_after_tax + contribution
    return MegaBackdoorResult(
        available=plan.allows_after_tax
        and (plan.allows_in_service_distribution or plan.allows_in_plan_roth_conversion),
        route=route if plan.allows_after_tax else None,
        catch_up=catch_up,
        catch_up_limit=person_catch_up_limit,
        annual_additions_limit=annual_additions_limit,
        annual_additions_before_after_tax=before_after_tax,
        after_tax_room=room,
        after_tax_cap_amount=cap_amount,
        after_tax_contribution=contribution,
        annual_additions_total=total,
        annual_additions_with_catch_up=total + catch_up,
        earnings=earnings,
        earnings_to_traditional_ira=earnings_to_traditional_ira,
        roth_added=roth_added,
        taxable_amount=taxable,
        nontaxable_amount=nontaxable,
        tax_due=ZERO,
    )


# ---------------------------------------------------------------- backdoor Roth


@dataclass(frozen=True)
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
) -> Form8606Outcome:
    """Form 8606 Parts I and II for a year with no non-conversion distributions (line 7 = 0).

    year_end_value is the Dec 31 value of all the person's traditional, SEP and SIMPLE IRAs
    before any roll-in to the plan. A roll-in may take only pre-tax money (IRC
    408(d)(3)(A)(ii)), so exactly the basis left after the conversion stays behind.
    """
    line_1 = contribution
    line_2 = basis
    line_3 = line_1 + line_2
    line_4 = line_1 if contribution_made_next_year else ZERO
    line_5 = line_3 - line_4
    if conversion == ZERO:
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

    line_8 = conversion
    if roll_into_plan:
        line_6 = min(year_end_value, max(ZERO, line_5 - line_8))
        rolled = year_end_value - line_6
    else:
        line_6 = year_end_value
        rolled = ZERO
    line_7 = ZERO
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
    if status is FilingStatus.MARRIED_FILING_JOINTLY:
        return table.roth_phase_out_joint
    if status is FilingStatus.MARRIED_FILING_SEPARATELY and not lived_apart:
        return table.roth_phase_out_separate
    return table.roth_phase_out_single


def direct_roth_allowed(full_limit: Decimal, magi: Decimal, phase_out: PhaseOutRange) -> Decimal:
    """Pub. 590-A Worksheet 2-2 / Instructions for Form 8606 (tax-rules 1c).

    The fraction allowed is (range top - MAGI) / width, rounded half-up to 3 places; the
    limit times it is rounded up to the next $10, with a $200 floor.
    """
    if full_limit <= ZERO or magi <= phase_out.low:
        return max(ZERO, full_limit)
    if magi >= phase_out.high:
        return ZERO
    fraction = ((phase_out.high - magi) / phase_out.width).quantize(
        ROTH_RATIO_PLACES, rounding=ROUND_HALF_UP
    )
    reduced = round_up_to_ten(full_limit * fraction)
    return min(full_limit, max(REDUCED_ROTH_FLOOR, reduced))


def backdoor_conversion(person: Person, contribution: Decimal) -> Decimal:
    ira = person.ira
    if ira.conversion is not None:
        return ira.conversion
    if ira.contribution_made_next_year:
        # A conversion belongs to the calendar year it happens (Form 8606 line 8): money
        # contributed January-April of next year can only be converted next year.
        return ZERO
    return contribution + ira.earnings_before_conversion


def backdoor_form_8606(
    person: Person,
    contribution: Decimal,
    conversion: Decimal,
    extra_pretax_ira_money: Decimal,
    ratio_places: int,
    roll_into_plan: bool | None = None,
) -> Form8606Outcome:
    """The person's Form 8606 for this backdoor; roll_into_plan overrides the input's choice."""
    ira = person.ira
    return form_8606(
        contribution=contribution,
        basis=ira.basis,
        contribution_made_next_year=ira.contribution_made_next_year,
        conversion=conversion,
        year_end_value=ira.year_end_balance + extra_pretax_ira_money,
        roll_into_plan=ira.roll_into_plan if roll_into_plan is None else roll_into_plan,
        ratio_places=ratio_places,
    )


def backdoor(
    person: Person,
    ira_limit: IraContribution,
    roth_limit: Decimal,
    magi: Decimal,
    phase_out: PhaseOutRange,
    extra_pretax_ira_money: Decimal,
    ratio_places: int,
    roll_into_plan: bool | None = None,
) -> BackdoorResult:
    contribution = ira_limit.contribution
    conversion = backdoor_conversion(person, contribution)
    outcome = backdoor_form_8606(
        person, contribution, conversion, extra_pretax_ira_money, ratio_places, roll_into_plan
    )
    form = outcome.form
    if form is None:
        taxable = nontaxable = basis_carried = ZERO
    else:
        taxable = form.line_18
        nontaxable = form.line_17
        basis_carried = max(ZERO, form.line_14)
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
    )


# ---------------------------------------------------------------- tax


def additional_standard_deduction(
    table: YearTable, status: FilingStatus, people: Sequence[Person]
) -> Decimal:
    """IRC 63(f)(1)(A), (3): the extra standard deduction for each person on the return aged 65+.

    Unmarried filers (single, head of household) get the unmarried amount; on a married
    return each listed spouse aged 65+ adds the married amount (on a separate return that is
    only the person it belongs to). Blindness (IRC 63(f)(2)) is not modelled.
    """
    seniors = sum(1 for person in people if person.age >= SENIOR_AGE)
    if seniors == 0:
        return ZERO
    if status in (FilingStatus.SINGLE, FilingStatus.HEAD_OF_HOUSEHOLD):
        return seniors * table.additional_standard_deduction_unmarried
    return seniors * table.additional_standard_deduction_married


def senior_deduction(
    table: YearTable, status: FilingStatus, people: Sequence[Person], magi: Decimal
) -> Decimal:
    """OBBBA sec. 70103, IRC 151(d)(5)(C): the 2025-2028 deduction for each person aged 65+.

    Each qualifying person's amount is reduced by the rate times MAGI above the start (MAGI
    here is AGI: no foreign exclusions are modelled), not below 0. It is allowed whether or
    not the return itemizes; married people get it only on a joint return.
    """
    rule = table.senior_deduction
    if rule is None or status is FilingStatus.MARRIED_FILING_SEPARATELY:
        return ZERO
    seniors = sum(1 for person in people if person.age >= SENIOR_AGE)
    if seniors == 0:
        return ZERO
    if status is FilingStatus.MARRIED_FILING_JOINTLY:
        start = rule.phase_out_start_joint
    else:
        start = rule.phase_out_start_other
    reduction = max(ZERO, magi - start) * rule.phase_out_rate
    return seniors * max(ZERO, rule.amount - reduction)


@dataclass(frozen=True)
class TaxReturn:
    """One Form 1040: a joint or single return, or one spouse's separate return.

    `deduction` is the total subtracted from AGI: the standard deduction (with any age-65
    addition) or itemized deductions, plus the senior deduction at this AGI.
    """

    members: tuple[int, ...]
    agi: Decimal
    deduction: Decimal
    taxable_income: Decimal
    federal_tax: Decimal


@dataclass(frozen=True)
class ScenarioTax:
    total: Decimal
    # Per return: the change in federal tax, and the federal tax with the moves.
    federal_by_return: tuple[Decimal, ...]
    federal_tax_with_moves: tuple[Decimal, ...]


class TaxCalculator:
    """Prices taxable amounts against the household's return(s).

    Federal tax is tax(with) - tax(without) on each return from the year's brackets, or the
    taxable amount times federal_marginal_rate when one is given; state tax is always the
    taxable amount times state_tax_rate. The taxable amounts raise AGI, so a senior deduction
    in its phase-out range shrinks with them.
    """

    def __init__(
        self,
        household: Household,
        table: YearTable,
        compensation: Sequence[Decimal] | None = None,
    ) -> None:
        """compensation: each person's ira_compensation, when the caller has it already."""
        if compensation is None:
            compensation = [ira_compensation(person, table) for person in household.people]
        self.household = household
        self.table = table
        status = household.filing_status
        self.schedule = table.brackets[status]
        people = household.people
        if status is FilingStatus.MARRIED_FILING_SEPARATELY:
            groups: list[tuple[int, ...]] = [(index,) for index in range(len(people))]
        else:
            groups = [tuple(range(len(people)))]
        members_people = [tuple(people[i] for i in members) for members in groups]
        basic = table.standard_deduction[status]
        standard = [
            basic + additional_standard_deduction(table, status, group_people)
            for group_people in members_people
        ]
        # IRC 63(b), (e): itemize only when that beats the standard deduction of the return
        # that holds the household's itemized deductions (the first person's).
        itemized = household.itemized_deductions
        itemizes = itemized is not None and itemized > standard[0]
        self._people_by_return = tuple(members_people)
        # Whether a return can have a senior deduction at all depends only on the year, the
        # filing status and ages: decided once here, since every scenario asks again.
        self._may_have_senior_deduction = tuple(
            table.senior_deduction is not None
            and status is not FilingStatus.MARRIED_FILING_SEPARATELY
            and any(person.age >= SENIOR_AGE for person in group_people)
            for group_people in members_people
        )
        self._base_deduction: list[Decimal] = []
        returns: list[TaxReturn] = []
        for r, members in enumerate(groups):
            # other_income and itemized deductions belong to the first person's return.
            holds_household_items = 0 in members
            # A required Roth catch-up (IRC 414(v)(7)) is not excluded from income.
            agi = sum((compensation[i] for i in members), ZERO)
            if holds_household_items:
                agi += household.other_income
            if itemizes and itemized is not None:
                # IRC 63(c)(6)(A): when one spouse itemizes on a separate return, the other's
                # standard deduction (age-65 addition included) is 0.
                base = itemized if holds_household_items else ZERO
            else:
                base = standard[r]
            self._base_deduction.append(base)
            deduction = self.deduction_at(r, agi)
            taxable_income = max(ZERO, agi - deduction)
            returns.append(
                TaxReturn(
                    members,
                    agi,
                    deduction,
                    taxable_income,
                    line_16_tax(self.schedule, taxable_income),
                )
            )
        self.returns = tuple(returns)
        self.return_of_person = {
            i: r for r, tax_return in enumerate(returns) for i in tax_return.members
        }

    def deduction_at(self, return_index: int, agi: Decimal) -> Decimal:
        """Standard or itemized deduction plus the senior deduction, at this AGI (= MAGI)."""
        if not self._may_have_senior_deduction[return_index]:
            return self._base_deduction[return_index]
        return self._base_deduction[return_index] + senior_deduction(
            self.table, self.household.filing_status, self._people_by_return[return_index], agi
        )

    def taxable_income_at(self, return_index: int, agi: Decimal) -> Decimal:
        """IRC 63(a): AGI less the deductions that go with it, not below 0."""
        return max(ZERO, agi - self.deduction_at(return_index, agi))

    def scenario(self, taxable_by_person: Sequence[Decimal]) -> ScenarioTax:
        household = self.household
        federal_by_return: list[Decimal] = []
        with_moves_by_return: list[Decimal] = []
        for r, tax_return in enumerate(self.returns):
            added = sum((taxable_by_person[i] for i in tax_return.members), ZERO)
            if household.federal_marginal_rate is not None:
                change = added * household.federal_marginal_rate
                with_moves = cents(tax_return.federal_tax + change)
            elif added == ZERO:
                change = ZERO
                with_moves = tax_return.federal_tax
            else:
                with_moves = line_16_tax(
                    self.schedule, self.taxable_income_at(r, tax_return.agi + added)
                )
                change = with_moves - tax_return.federal_tax
            federal_by_return.append(change)
            with_moves_by_return.append(with_moves)
        total_taxable = sum(taxable_by_person, ZERO)
        return ScenarioTax(
            total=cents(sum(federal_by_return, ZERO) + total_taxable * household.state_tax_rate),
            federal_by_return=tuple(federal_by_return),
            federal_tax_with_moves=tuple(with_moves_by_return),
        )

    def share(
        self,
        scenario: ScenarioTax,
        taxable_by_person: Sequence[Decimal],
        person: int,
        amount: Decimal,
    ) -> Decimal:
        """The part of a scenario's tax that one of the person's taxable amounts bears.

        A return's federal tax change is shared in proportion to taxable amounts, so the
        shares add up (to the cent, give or take rounding) to the return's total.
        """
        if amount == ZERO:
            return ZERO
        return_index = self.return_of_person[person]
        members = self.returns[return_index].members
        return_taxable = sum((taxable_by_person[i] for i in members), ZERO)
        federal = scenario.federal_by_return[return_index] * amount / return_taxable
        return cents(federal + amount * self.household.state_tax_rate)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class Computation:
    """Everything compute_plan works out, kept for the warnings that compare alternatives."""

    household: Household
    table: YearTable
    calculator: TaxCalculator
    ira_limits: tuple[IraContribution, ...]
    roth_limits: tuple[Decimal, ...]
    magis: tuple[Decimal, ...]
    phase_outs: tuple[PhaseOutRange, ...]
    mega: tuple[MegaBackdoorResult, ...]
    backdoor_both: tuple[BackdoorResult, ...]
    backdoor_alone: tuple[BackdoorResult, ...]
    taxable_both: tuple[Decimal, ...]
    tax_both: ScenarioTax

    def form_8606_for(
        self, index: int, extra_pretax: Decimal, roll_into_plan: bool | None = None
    ) -> Form8606Outcome:
        """The person's Form 8606 for a what-if (the warnings' remedies): only the form, since
        that is all a remedy compares, not the whole backdoor block."""
        person = self.household.people[index]
        contribution = self.ira_limits[index].contribution
        return backdoor_form_8606(
            person,
            contribution,
            backdoor_conversion(person, contribution),
            extra_pretax,
            self.household.form_8606_ratio_places,
            roll_into_plan,
        )


def compute(household: Household) -> Computation:
    table = year_table(household.tax_year)
    people = household.people
    # Taxable pay is needed for AGI and the Roth limits: worked out once per person.
    compensation = tuple(ira_compensation(person, table) for person in people)
    calculator = TaxCalculator(household, table, compensation)
    ira_limits = tuple(resolve_ira_contributions(household, table))
    roth_limits = tuple(
        # Roth IRA contributions never had an age cap, so the 70½ bar does not reduce this limit.
        limit.limit
        if limit.limit > ZERO
        else min(
            table.ira_contribution + (table.ira_catch_up if person.age >= CATCH_UP_AGE else ZERO),
            pay,
        )
        for person, limit, pay in zip(people, ira_limits, compensation, strict=True)
    )
    # Roth MAGI leaves out conversion income (IRC 408A(c)(3)(B)), so it is AGI without the moves.
    magis = tuple(
        calculator.returns[calculator.return_of_person[i]].agi for i in range(len(people))
    )
    phase_outs = tuple(
        roth_phase_out_range(table, household.filing_status, person.lived_apart_all_year)
        for person in people
    )
    mega = tuple(mega_backdoor(person, table, household.expected_return) for person in people)
    places = household.form_8606_ratio_places
    backdoor_alone = tuple(
        backdoor(person, ira_limits[i], roth_limits[i], magis[i], phase_outs[i], ZERO, places)
        for i, person in enumerate(people)
    )
    backdoor_both = tuple(
        backdoor(
            person,
            ira_limits[i],
            roth_limits[i],
            magis[i],
            phase_outs[i],
            mega[i].earnings_to_traditional_ira,
            places,
        )
        if mega[i].earnings_to_traditional_ira > ZERO
        else backdoor_alone[i]
        for i, person in enumerate(people)
    )
    taxable_both = tuple(
        m.taxable_amount + b.taxable_amount for m, b in zip(mega, backdoor_both, strict=True)
    )
    return Computation(
        household=household,
        table=table,
        calculator=calculator,
        ira_limits=ira_limits,
        roth_limits=roth_limits,
        magis=magis,
        phase_outs=phase_outs,
        mega=mega,
        backdoor_both=backdoor_both,
        backdoor_alone=backdoor_alone,
        taxable_both=taxable_both,
        tax_both=calculator.scenario(taxable_both),
    )


def limits_block(table: YearTable) -> Limits:
    return Limits(
        elective_deferral=table.elective_deferral,
        catch_up=table.catch_up,
        annual_additions=table.annual_additions,
        compensation_limit=table.compensation_limit,
        ira_contribution=table.ira_contribution,
        ira_catch_up=table.ira_catch_up,
        catch_up_age_60_to_63=table.catch_up_age_60_to_63,
        hce_threshold=table.hce_threshold,
        hce_threshold_lookback=table.hce_threshold_lookback,
        roth_catch_up_wage_threshold=table.roth_catch_up_wage_threshold,
        roth_catch_up_enforced=table.roth_catch_up_enforced,
        ira_contribution_deadline=table.ira_contribution_deadline,
        sources=dict(table.sources),
    )


@lru_cache(maxsize=256)
def growth_factor(rate: Decimal, years: int) -> Decimal:
    return (ONE + rate) ** years


def strategy_totals(
    roth_added: Decimal,
    taxable: Decimal,
    nontaxable: Decimal,
    tax_due: Decimal,
    growth: Decimal,
    *,
    after_tax_room: Decimal,
    after_tax_room_used: Decimal,
    basis_carried_forward: Decimal,
) -> StrategyTotals:
    return StrategyTotals(
        roth_added,
        taxable,
        nontaxable,
        tax_due,
        cents(roth_added * growth),
        after_tax_room,
        after_tax_room_used,
        basis_carried_forward,
    )


@dataclass(frozen=True)
class TaxableAccountRate:
    """The projection's tax on the taxable account's growth, and what it is made of."""

    rate: Decimal
    # None when the household gave taxable_account_tax_rate itself.
    net_investment_income_tax: bool | None
    magi: Decimal
    threshold: Decimal


def taxable_account_tax_rate(
    household: Household, table: YearTable, magi: Decimal
) -> TaxableAccountRate:
    """The input override, or 15% (IRC 1(h)) + 3.8% NIIT above the IRC 1411(b) threshold + state.

    The NIIT test uses the year's MAGI before the Roth moves (a conversion is a one-off; the
    rate stands for the years the account grows). Investment income itself is not modelled,
    so the full 3.8% applies once MAGI exceeds the threshold.
    """
    threshold = table.net_investment_income_tax_threshold[household.filing_status]
    if household.taxable_account_tax_rate is not None:
        return TaxableAccountRate(household.taxable_account_tax_rate, None, magi, threshold)
    niit = magi > threshold
    rate = DEFAULT_LONG_TERM_GAIN_RATE + household.state_tax_rate
    if niit:
        rate += table.net_investment_income_tax_rate
    return TaxableAccountRate(min(ONE, rate), niit, magi, threshold)


def household_magi(calculator: TaxCalculator) -> Decimal:
    """IRC 1411(d) MAGI (here AGI) of the return that holds the household's other income.

    That is the one return for single, head of household and joint filers, and the first
    person's separate return for married filing separately.
    """
    return calculator.returns[calculator.return_of_person[0]].agi


@lru_cache(maxsize=64)
def _growth_factors(
    rate: Decimal, tax_rate: Decimal, years: int
) -> tuple[tuple[Decimal, Decimal], ...]:
    """(1 + r) ** n for the Roth and (1 + r(1 - t)) ** n for the taxable account, n = 0..years."""
    roth_growth = ONE + rate
    taxable_growth = ONE + rate * (ONE - tax_rate)
    factors = [(ONE, ONE)]
    for _ in range(years):
        roth, taxable = factors[-1]
        factors.append((roth * roth_growth, taxable * taxable_growth))
    return tuple(factors)


@lru_cache(maxsize=64)
def _assumptions(
    rate: Decimal, tax_rate: Decimal, years: int, taxable: TaxableAccountRate, state: Decimal
) -> tuple[str, ...]:
    # Keyed by value: normalize() makes the text the same for 0.06 and 0.060.
    percent = (rate * 100).normalize()
    return (
        "Both accounts start with the dollars the two strategies move into Roth accounts this year.",
        f"Investments earn {percent:f}% a year for {years} years.",
        "The Roth account grows tax-free and is withdrawn tax-free after age 59½ and five years.",
        f"The taxable account loses {format_rate(tax_rate)} of each year's growth to tax"
        + _taxable_rate_explanation(taxable, state),
        "Tax paid this year on taxable conversions is not taken out of either account.",
        "Values are in future dollars, not adjusted for inflation.",
    )


def _taxable_rate_explanation(taxable: TaxableAccountRate, state: Decimal) -> str:
    if taxable.net_investment_income_tax is None:
        return "."
    state_text = f", plus the {format_rate(state)} state rate" if state > ZERO else ""
    magi = format_money(taxable.magi)
    threshold = format_money(taxable.threshold)
    if taxable.net_investment_income_tax:
        return (
            " (15% on long-term gains and qualified dividends, plus the 3.8% net investment income"
            f" tax because MAGI of {magi} is above the {threshold} threshold{state_text})."
        )
    return (
        f" (15% on long-term gains and qualified dividends{state_text}; no 3.8% net investment"
        f" income tax because MAGI of {magi} is not above the {threshold} threshold)."
    )


def projection(household: Household, start: Decimal, taxable: TaxableAccountRate) -> Projection:
    rate = household.expected_return
    tax_rate = taxable.rate
    # cents() inlined: this loop runs once per year to retirement.
    by_year = [
        ProjectionYear(
            year_index,
            (start * roth_factor).quantize(CENT, ROUND_HALF_UP),
            (start * taxable_factor).quantize(CENT, ROUND_HALF_UP),
        )
        for year_index, (roth_factor, taxable_factor) in enumerate(
            _growth_factors(rate, tax_rate, household.years_to_retirement)
        )
    ]
    assumptions = _assumptions(
        rate, tax_rate, household.years_to_retirement, taxable, household.state_tax_rate
    )
    return Projection(
        years=household.years_to_retirement,
        expected_return=rate,
        taxable_account_tax_rate=tax_rate,
        roth_value=by_year[-1].roth_value,
        taxable_account_value=by_year[-1].taxable_account_value,
        by_year=tuple(by_year),
        assumptions=assumptions,
    )
