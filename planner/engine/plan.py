"""compute_plan: assembles the per-person blocks, totals, tax summary, projection and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from planner.engine.advice import plan_warnings
from planner.engine.compute import (
    compute,
    growth_factor,
    household_magi,
    limits_block,
    projection,
    strategy_totals,
    taxable_account_tax_rate,
)
from planner.engine.federal_tax import marginal_rate
from planner.engine.models import (
    BackdoorResult,
    Household,
    MegaBackdoorResult,
    PersonResult,
    PlanResult,
    ReturnTax,
    TaxSummary,
    Totals,
)
from planner.engine.money import ZERO


def with_tax_due[ResultT: (MegaBackdoorResult, BackdoorResult)](
    result: ResultT, tax_due: Decimal
) -> ResultT:
    return replace(result, tax_due=tax_due)


def compute_plan(household: Household) -> PlanResult:
    work = compute(household)
    calculator = work.calculator

    mega_taxable = tuple(m.taxable_amount for m in work.mega)
    alone_taxable = tuple(b.taxable_amount for b in work.backdoor_alone)
    tax_mega = calculator.scenario(mega_taxable)
    tax_backdoor = calculator.scenario(alone_taxable)
    tax_both = work.tax_both

    people: list[PersonResult] = []
    for i, person in enumerate(household.people):
        mega = work.mega[i]
        backdoor_result = work.backdoor_both[i]
        people.append(
            PersonResult(
                name=person.name,
                mega_backdoor_roth=with_tax_due(
                    mega, calculator.share(tax_both, work.taxable_both, i, mega.taxable_amount)
                ),
                backdoor_roth=with_tax_due(
                    backdoor_result,
                    calculator.share(
                        tax_both, work.taxable_both, i, backdoor_result.taxable_amount
                    ),
                ),
            )
        )

    growth = growth_factor(household.expected_return, household.years_to_retirement)

    def total(values: Sequence[Decimal]) -> Decimal:
        return sum(values, ZERO)

    # One pass per list instead of a comprehension per figure; sums keep the same order.
    after_tax_room = after_tax_used = mega_roth = mega_nontaxable = line_2 = ZERO
    for m in work.mega:
        after_tax_room += m.after_tax_room
        after_tax_used += m.after_tax_contribution
        mega_roth += m.roth_added
        mega_nontaxable += m.nontaxable_amount
    for person in household.people:
        line_2 += person.ira.basis
    alone_roth = alone_nontaxable = alone_basis = ZERO
    for b in work.backdoor_alone:
        alone_roth += b.roth_added
        alone_nontaxable += b.nontaxable_amount
        alone_basis += b.basis_carried_forward
    both_roth = both_nontaxable = both_basis = ZERO
    for b in work.backdoor_both:
        both_roth += b.roth_added
        both_nontaxable += b.nontaxable_amount
        both_basis += b.basis_carried_forward

    mega_totals = strategy_totals(
        mega_roth,
        total(mega_taxable),
        mega_nontaxable,
        tax_mega.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=after_tax_used,
        # No backdoor this year: no line-1 contribution and no line-8 conversion, so Part I
        # stops at line 3 and line 14 = line 3 = line 2, the basis already carried
        # (Instructions for Form 8606, line 3). Notice 2014-54 earnings sent to a traditional
        # IRA are pre-tax money and add no basis.
        basis_carried_forward=line_2,
    )
    backdoor_totals = strategy_totals(
        alone_roth,
        total(alone_taxable),
        alone_nontaxable,
        tax_backdoor.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=ZERO,
        basis_carried_forward=alone_basis,
    )
    both_totals = strategy_totals(
        mega_roth + both_roth,
        total(work.taxable_both),
        mega_nontaxable + both_nontaxable,
        tax_both.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=after_tax_used,
        basis_carried_forward=both_basis,
    )

    returns: list[ReturnTax] = []
    for r, tax_return in enumerate(calculator.returns):
        if household.federal_marginal_rate is not None:
            rate = household.federal_marginal_rate
        else:
            rate = marginal_rate(calculator.schedule, tax_return.taxable_income)
        returns.append(
            ReturnTax(
                people=tuple(household.people[i].name for i in tax_return.members),
                agi=tax_return.agi,
                deduction=tax_return.deduction,
                taxable_income=tax_return.taxable_income,
                marginal_rate=rate,
                federal_tax_without_moves=tax_return.federal_tax,
                federal_tax_with_both=tax_both.federal_tax_with_moves[r],
            )
        )
    tax = TaxSummary(
        agi=total([r.agi for r in returns]),
        taxable_income=total([r.taxable_income for r in returns]),
        marginal_rate=max(r.marginal_rate for r in returns),
        federal_tax_without_moves=total([r.federal_tax_without_moves for r in returns]),
        federal_tax_with_both=total([r.federal_tax_with_both for r in returns]),
        method="federal_marginal_rate"
        if household.federal_marginal_rate is not None
        else "brackets",
        returns=tuple(returns),
    )
    return PlanResult(
        tax_year=household.tax_year,
        filing_status=household.filing_status,
        limits=limits_block(work.table),
        people=tuple(people),
        totals=Totals(mega_totals, backdoor_totals, both_totals),
        tax=tax,
        projection=projection(
            household,
            both_totals.roth_added,
            taxable_account_tax_rate(household, work.table, household_magi(calculator)),
        ),
        warnings=tuple(plan_warnings(work)),
    )
