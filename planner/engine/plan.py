"""compute_plan: assembles the per-person blocks, totals, tax summary, projection and warnings."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from planner.engine.advice import plan_warnings
from planner.engine.compute import compute, growth_factor, limits_block, projection, strategy_totals
from planner.engine.federal_tax import line_16_tax, marginal_rate
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
from planner.engine.money import ZERO, cents


def with_tax_due[ResultT: (MegaBackdoorResult, BackdoorResult)](
    result: ResultT, tax_due: Decimal
) -> ResultT:
    # dataclasses.replace re-runs field introspection on every call; this is the hot path.
    return type(result)(**{**vars(result), "tax_due": tax_due})


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

    after_tax_room = total([m.after_tax_room for m in work.mega])
    after_tax_used = total([m.after_tax_contribution for m in work.mega])
    mega_totals = strategy_totals(
        total([m.roth_added for m in work.mega]),
        total(mega_taxable),
        total([m.nontaxable_amount for m in work.mega]),
        tax_mega.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=after_tax_used,
        # No backdoor this year: no line-1 contribution and no line-8 conversion, so Part I
        # stops at line 3 and line 14 = line 3 = line 2, the basis already carried
        # (Instructions for Form 8606, line 3). Notice 2014-54 earnings sent to a traditional
        # IRA are pre-tax money and add no basis.
        basis_carried_forward=total([person.ira.basis for person in household.people]),
    )
    backdoor_totals = strategy_totals(
        total([b.roth_added for b in work.backdoor_alone]),
        total(alone_taxable),
        total([b.nontaxable_amount for b in work.backdoor_alone]),
        tax_backdoor.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=ZERO,
        basis_carried_forward=total([b.basis_carried_forward for b in work.backdoor_alone]),
    )
    both_totals = strategy_totals(
        mega_totals.roth_added + total([b.roth_added for b in work.backdoor_both]),
        total(work.taxable_both),
        mega_totals.nontaxable_amount + total([b.nontaxable_amount for b in work.backdoor_both]),
        tax_both.total,
        growth,
        after_tax_room=after_tax_room,
        after_tax_room_used=after_tax_used,
        basis_carried_forward=total([b.basis_carried_forward for b in work.backdoor_both]),
    )

    returns: list[ReturnTax] = []
    for r, tax_return in enumerate(calculator.returns):
        added = total([work.taxable_both[i] for i in tax_return.members])
        if household.federal_marginal_rate is not None:
            with_both = cents(tax_return.federal_tax + tax_both.federal_by_return[r])
            rate = household.federal_marginal_rate
        else:
            with_both = line_16_tax(calculator.schedule, tax_return.taxable_income + added)
            rate = marginal_rate(calculator.schedule, tax_return.taxable_income)
        returns.append(
            ReturnTax(
                people=tuple(household.people[i].name for i in tax_return.members),
                agi=tax_return.agi,
                deduction=tax_return.deduction,
                taxable_income=tax_return.taxable_income,
                marginal_rate=rate,
                federal_tax_without_moves=tax_return.federal_tax,
                federal_tax_with_both=with_both,
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
        projection=projection(household, both_totals.roth_added),
        warnings=tuple(plan_warnings(work)),
    )
