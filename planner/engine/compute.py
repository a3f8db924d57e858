"""The work of one plan: each person's mega backdoor and backdoor, and the household's tax."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planner.engine.backdoor import (
    Form8606Outcome,
    backdoor,
    backdoor_conversion,
    backdoor_form_8606,
    roth_phase_out_range,
)
from planner.engine.household_tax import ScenarioTax, TaxCalculator
from planner.engine.limits import (
    CATCH_UP_AGE,
    IraContribution,
    ira_compensation,
    resolve_ira_contributions,
)
from planner.engine.mega_backdoor import mega_backdoor
from planner.engine.models import BackdoorResult, Household, MegaBackdoorResult
from planner.engine.money import ZERO
from planner.engine.tables import PhaseOutRange, YearTable, year_table


@dataclass(frozen=True, slots=True)
class Computation:
    """Everything compute_plan works out, kept for the warnings that compare alternatives.

    The results' tax_due is 0 here; compute_plan fills it in.
    """

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
