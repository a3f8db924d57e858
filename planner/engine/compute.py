"""The work of one plan: each person's mega backdoor and backdoor, and the household's tax."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planner.engine.backdoor import (
    Form8606Outcome,
    backdoor,
    backdoor_conversion,
    backdoor_form_8606,
    distribution_taxable,
    roth_phase_out_range,
)
from planner.engine.household_tax import ScenarioTax, TaxCalculator
from planner.engine.limits import (
    CATCH_UP_AGE,
    IraContribution,
    ira_compensation,
    resolve_ira_contributions,
)
from planner.engine.mega_backdoor import (
    mega_backdoor,
    second_plan_person,
    second_plan_withholds_payroll_tax,
)
from planner.engine.models import (
    AfterTaxRoute,
    BackdoorResult,
    Form8606,
    Household,
    MegaBackdoorResult,
    Person,
)
from planner.engine.money import ZERO
from planner.engine.rmd import RequiredDistribution, required_distribution
from planner.engine.tables import PhaseOutRange, YearTable, planning_table


@dataclass(frozen=True, slots=True)
class YearWithoutMega:
    """The year without the mega backdoor: income without the moves, the IRA limits, the RMDs
    and each backdoor done alone. The plans' mega backdoor answers (after-tax contributions
    and the ways out) change none of it, so the yes branch of a "not sure" mega answer takes
    the plan's (planner.engine.plan)."""

    table: YearTable
    calculator: TaxCalculator
    ira_limits: tuple[IraContribution, ...]
    rmds: tuple[RequiredDistribution, ...]
    # Each RMD's taxable part without this year's backdoor (Form 8606 line 15a, or all of it
    # without basis), with the roll-in as entered: income with or without the moves.
    rmd_taxable: tuple[Decimal, ...]
    # The same, by whether pre-tax IRA money is rolled into a plan by December 31 (what a
    # backdoor block is measured against: the roll-in's own effect is not the backdoor's).
    rmd_taxable_by_roll_in: tuple[tuple[Decimal, Decimal], ...]
    roth_limits: tuple[Decimal, ...]
    magis: tuple[Decimal, ...]
    phase_outs: tuple[PhaseOutRange, ...]
    backdoor_alone: tuple[BackdoorResult, ...]


@dataclass(frozen=True, slots=True)
class Computation:
    """Everything compute_plan works out, kept for the warnings that compare alternatives.

    The results' tax_due is 0 here; compute_plan fills it in.
    """

    household: Household
    # The year without the mega backdoor; its figures are read through the properties below.
    year: YearWithoutMega
    # Roth MAGI with the mega backdoor: the taxable part of in-plan Roth rollovers stays in it.
    magis_both: tuple[Decimal, ...]
    mega: tuple[MegaBackdoorResult, ...]
    second_mega: tuple[MegaBackdoorResult | None, ...]
    backdoor_both: tuple[BackdoorResult, ...]
    taxable_both: tuple[Decimal, ...]
    tax_both: ScenarioTax

    @property
    def table(self) -> YearTable:
        return self.year.table

    @property
    def calculator(self) -> TaxCalculator:
        return self.year.calculator

    @property
    def ira_limits(self) -> tuple[IraContribution, ...]:
        return self.year.ira_limits

    @property
    def rmds(self) -> tuple[RequiredDistribution, ...]:
        return self.year.rmds

    def earnings_to_traditional_ira(self, index: int) -> Decimal:
        """Notice 2014-54 earnings both of the person's plans send to a traditional IRA: pre-tax
        money in Form 8606 line 6."""
        plans = (self.mega[index], self.second_mega[index])
        return sum((m.earnings_to_traditional_ira for m in plans if m is not None), ZERO)

    def backdoor_income(self, index: int, block: BackdoorResult) -> Decimal:
        return backdoor_income(self.year, index, block)

    def rmd_change(self, index: int, outcome: Form8606Outcome) -> Decimal:
        return rmd_change(self.year, index, outcome.form, outcome.rolled_into_plan > ZERO)

    @property
    def roth_limits(self) -> tuple[Decimal, ...]:
        return self.year.roth_limits

    @property
    def magis(self) -> tuple[Decimal, ...]:
        return self.year.magis

    @property
    def phase_outs(self) -> tuple[PhaseOutRange, ...]:
        return self.year.phase_outs

    @property
    def backdoor_alone(self) -> tuple[BackdoorResult, ...]:
        return self.year.backdoor_alone

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
            backdoor_conversion(person, contribution, self.household.tax_year),
            extra_pretax,
            self.household.form_8606_ratio_places,
            roll_into_plan,
            self.rmds[index].amount,
            tax_year=self.household.tax_year,
        )


def backdoor_income(year: YearWithoutMega, index: int, block: BackdoorResult) -> Decimal:
    """The income a backdoor adds: its conversion's taxable part (Form 8606 line 18) and what
    it changes in the RMD's taxable part (rmd_change)."""
    rolled = block.rolled_into_plan > ZERO
    return block.taxable_amount + rmd_change(year, index, block.form_8606, rolled)


def rmd_change(year: YearWithoutMega, index: int, form: Form8606 | None, rolled: bool) -> Decimal:
    """What a backdoor's Form 8606 changes in the year's RMD's taxable part (line 15a): its
    contribution's basis leaves more of the distribution tax-free (lines 10 and 12), part of
    the income the backdoor adds beside line 18. Measured against the same roll-in choice
    (line 6 then holds only basis, and line 15a is 0 either way), so a roll-in's own effect
    is never the backdoor's and the income it adds never falls below what line 18 says by
    more than the basis shelters. Without an RMD, 0."""
    without = year.rmd_taxable_by_roll_in[index][1 if rolled else 0]
    return distribution_taxable(form, year.rmds[index].amount) - without


def roth_magi_with_in_plan_rollovers(
    calculator: TaxCalculator,
    magis: tuple[Decimal, ...],
    mega: Sequence[Sequence[MegaBackdoorResult]],
) -> tuple[Decimal, ...]:
    """Roth IRA MAGI with the mega backdoor's moves (Pub. 590-A Worksheet 2-1).

    Only a conversion of an IRA to a Roth IRA and a rollover from a qualified plan to a Roth
    IRA leave MAGI (IRC 408A(c)(3)(B)(i)); the taxable part of an in-plan Roth rollover (IRC
    402A(c)(4)) is ordinary income that stays in it, on the return it belongs to.
    """
    in_plan = [
        sum(
            (m.taxable_amount for m in plans if m.route is AfterTaxRoute.IN_PLAN_CONVERSION),
            ZERO,
        )
        for plans in mega
    ]
    by_return = [
        sum((in_plan[i] for i in tax_return.members), ZERO) for tax_return in calculator.returns
    ]
    return tuple(magi + by_return[calculator.return_of_person[i]] for i, magi in enumerate(magis))


def _rmd_taxable_without_backdoor(
    person: Person, rmd: RequiredDistribution, places: int, roll_in: bool, tax_year: int
) -> Decimal:
    form = backdoor_form_8606(
        person,
        ZERO,
        ZERO,
        ZERO,
        places,
        roll_into_plan=roll_in,
        distribution=rmd.amount,
        tax_year=tax_year,
    ).form
    return distribution_taxable(form, rmd.amount)


def year_without_mega(household: Household) -> YearWithoutMega:
    table = planning_table(household.tax_year, household.limit_overrides)
    people = household.people
    # Taxable pay is needed for AGI and the Roth limits: worked out once per person.
    compensation = tuple(ira_compensation(person, table) for person in people)
    ira_limits = tuple(resolve_ira_contributions(household, table))
    places = household.form_8606_ratio_places
    rmds = tuple(required_distribution(person, household.tax_year) for person in people)
    # The RMD is income with or without the moves: its taxable part without this year's
    # backdoor (Form 8606 line 15a with no line 1 contribution and no line 8 conversion), with
    # the roll-in as entered, is in the AGI without them; a backdoor's own form changes it
    # (backdoor_income). With no RMD there is no form to fill in for it.
    rmd_taxable_by_roll_in = tuple(
        (ZERO, ZERO)
        if rmds[i].amount == ZERO
        else (
            _rmd_taxable_without_backdoor(person, rmds[i], places, False, household.tax_year),
            _rmd_taxable_without_backdoor(person, rmds[i], places, True, household.tax_year),
        )
        for i, person in enumerate(people)
    )
    rmd_taxable = tuple(
        by_roll_in[1 if person.ira.roll_into_plan else 0]
        for person, by_roll_in in zip(people, rmd_taxable_by_roll_in, strict=True)
    )
    calculator = TaxCalculator(household, table, compensation, rmd_taxable)
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
    backdoor_alone = tuple(
        backdoor(
            person,
            ira_limits[i],
            roth_limits[i],
            magis[i],
            phase_outs[i],
            ZERO,
            places,
            distribution=rmds[i].amount,
            tax_year=household.tax_year,
        )
        for i, person in enumerate(people)
    )
    return YearWithoutMega(
        table=table,
        calculator=calculator,
        ira_limits=ira_limits,
        rmds=rmds,
        rmd_taxable=rmd_taxable,
        rmd_taxable_by_roll_in=rmd_taxable_by_roll_in,
        roth_limits=roth_limits,
        magis=magis,
        phase_outs=phase_outs,
        backdoor_alone=backdoor_alone,
    )


def compute(
    household: Household, year: YearWithoutMega | None = None, base: Computation | None = None
) -> Computation:
    """The plan's work; `year` is the household's year without the mega backdoor when the
    caller has it (year_without_mega of this household or of one that differs only in the
    plans' mega backdoor answers). `base` is the work of a household that differs from this
    one in one person's answers (a "not sure" branch): the other people's blocks are its."""
    if year is None:
        year = year_without_mega(household)
    table, calculator, magis, rmds = year.table, year.calculator, year.magis, year.rmds
    people = household.people
    same = _unchanged_people(household, year, base)
    mega, second_mega = [], []
    for i, person in enumerate(people):
        if base is not None and same[i]:
            mega.append(base.mega[i])
            second_mega.append(base.second_mega[i])
            continue
        mega.append(mega_backdoor(person, table, household.expected_return))
        second = second_plan_person(person)
        second_mega.append(
            None
            if second is None
            else mega_backdoor(
                second,
                table,
                household.expected_return,
                payroll_tax_withheld=second_plan_withholds_payroll_tax(person),
            )
        )
    both_plans = [
        (m,) if second is None else (m, second) for m, second in zip(mega, second_mega, strict=True)
    ]
    magis_both = roth_magi_with_in_plan_rollovers(calculator, magis, both_plans)
    to_traditional_ira = [
        sum((m.earnings_to_traditional_ira for m in plans), ZERO) for plans in both_plans
    ]
    backdoor_both = []
    for i, person in enumerate(people):
        if to_traditional_ira[i] == ZERO and magis_both[i] == magis[i]:
            backdoor_both.append(year.backdoor_alone[i])
        elif (
            base is not None
            and same[i]
            and year is base.year
            and magis_both[i] == base.magis_both[i]
        ):
            backdoor_both.append(base.backdoor_both[i])
        else:
            backdoor_both.append(
                backdoor(
                    person,
                    year.ira_limits[i],
                    year.roth_limits[i],
                    magis_both[i],
                    year.phase_outs[i],
                    to_traditional_ira[i],
                    household.form_8606_ratio_places,
                    distribution=rmds[i].amount,
                    tax_year=household.tax_year,
                )
            )
    taxable_both = tuple(
        sum((m.taxable_amount for m in plans), ZERO) + backdoor_income(year, i, b)
        for i, (plans, b) in enumerate(zip(both_plans, backdoor_both, strict=True))
    )
    return Computation(
        household=household,
        year=year,
        magis_both=magis_both,
        mega=tuple(mega),
        second_mega=tuple(second_mega),
        backdoor_both=tuple(backdoor_both),
        taxable_both=taxable_both,
        tax_both=calculator.scenario(taxable_both),
    )


def _unchanged_people(
    household: Household, year: YearWithoutMega, base: Computation | None
) -> list[bool]:
    """Whether each person is the same, in the same year's table, as in `base`'s household."""
    if (
        base is None
        or base.table is not year.table
        or base.household.expected_return != household.expected_return
    ):
        return [False] * len(household.people)
    return [
        person is before
        for person, before in zip(household.people, base.household.people, strict=True)
    ]
