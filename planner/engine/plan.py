"""compute_plan: the result blocks (people, totals, tax, projection, warnings) from the work."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from planner.engine.compute import Computation, compute
from planner.engine.decision import decide
from planner.engine.federal_tax import marginal_rate
from planner.engine.household_tax import household_magi
from planner.engine.marginal import EFFECTIVE_MARGINAL_RATE_LABEL, effective_marginal_rate
from planner.engine.models import (
    Decision,
    Household,
    Limits,
    Person,
    PersonResult,
    PlanResult,
    Projection,
    ReturnTax,
    StrategyTotals,
    TaxSummary,
    Totals,
    Unknown,
)
from planner.engine.money import ZERO, cents
from planner.engine.paychecks import paycheck_plan
from planner.engine.progress import as_done, progress, repairs, year_ended
from planner.engine.projection import growth_factor, projection, taxable_account_tax_rate
from planner.engine.tables import YearTable, provisional_note
from planner.engine.verdict import verdict
from planner.engine.voice import Voice
from planner.engine.warning_rules import for_the_answer, plan_warnings

# Plan features a person may answer "not sure" (null), and the groups computed together.
MEGA_FEATURES = (
    "allows_after_tax",
    "allows_in_service_distribution",
    "allows_in_plan_roth_conversion",
)
ROLL_IN = "accepts_ira_rollins"
PLAN_ANSWERS = (*MEGA_FEATURES, ROLL_IN)


def compute_plan(household: Household, today: date | None = None) -> PlanResult:
    """The plan; a "not sure" plan feature is computed as no, and both ways in `unknowns`.

    With `today` (the user's date: the engine reads no clock), `progress` says what is
    already done, what is left and what to repair, with the days left."""
    cautious = assume_no(household)
    ended = today is not None and year_ended(household.tax_year, today)
    if ended:
        cautious = as_done(cautious)
    work = compute(cautious)
    result = _plan_result(work)
    result = replace(result, unknowns=unknowns(work, result.totals))
    repaired = None if today is None else repairs(cautious, result, today)
    decision = decide(work, result, repaired, year_ended=ended)
    result = replace(
        result,
        decision=decision,
        warnings=for_the_answer(result.warnings, cautious, decision),
        projection=_projection_of_the_answer(work, result, decision),
    )
    if today is not None:
        result = replace(result, progress=progress(cautious, result, today))
    return replace(result, verdict=verdict(result, Voice.OWNER, today))


def _projection_of_the_answer(
    work: Computation, result: PlanResult, decision: Decision
) -> Projection:
    """The projection of the Roth dollars the answer adds: the result's is of both strategies
    as entered, which the answer may change (a roll-in first, a backdoor skipped)."""
    if decision.roth_added == result.totals.both.roth_added:
        return result.projection
    rate = taxable_account_tax_rate(work.household, work.table, household_magi(work.calculator))
    return projection(work.household, decision.roth_added, rate)


def unknowns(work: Computation, if_no: Totals) -> tuple[Unknown, ...]:
    """Each "not sure" answer with the totals for yes. Only the totals are read from a yes
    branch, so it is computed as far as the totals, and only for the person whose answer
    changes (the others' blocks are the cautious plan's, `work`); the answers of one person's
    mega backdoor give one household (assume_yes sets them together), computed once, on the
    plan's year without the mega backdoor (`work.year`), which those answers do not change. A branch
    starts from the cautious household (assume_no's), where every other answer is already no."""
    cautious = work.household
    if_yes: dict[tuple[int, str], Totals] = {}
    found = []
    for index, person in enumerate(cautious.people):
        for name in unknown_answers(person):
            group = "mega" if name in MEGA_FEATURES else name
            if (index, group) not in if_yes:
                yes = assume_yes(cautious, index, name)
                same_year = work.year if group == "mega" else None
                if_yes[index, group] = strategy_totals(compute(yes, same_year, base=work))
            found.append(
                Unknown(
                    field=name,
                    path=f"people.{index}.plan.{name}",
                    person=person.name,
                    if_yes=if_yes[index, group],
                    if_no=if_no,
                )
            )
    return tuple(found)


def unknown_answers(person: Person) -> list[str]:
    plan = person.plan
    return [] if plan is None else [name for name in PLAN_ANSWERS if getattr(plan, name) is None]


def assume_no(household: Household) -> Household:
    """Not sure computed as no. The engine reads a null feature as no already; only a roll-in
    into a plan not known to take it is dropped here."""
    if not any(map(_rolls_in_unsure, household.people)):
        return household
    people = tuple(
        person.model_copy(update={"ira": person.ira.model_copy(update={"roll_into_plan": False})})
        if _rolls_in_unsure(person)
        else person
        for person in household.people
    )
    return household.model_copy(update={"people": people})


def _rolls_in_unsure(person: Person) -> bool:
    """A roll-in asked for into a plan not known to take it."""
    return (
        person.ira.roll_into_plan
        and person.plan is not None
        and person.plan.accepts_ira_rollins is None
    )


def assume_yes(household: Household, index: int, name: str) -> Household:
    person = household.people[index]
    plan = person.plan
    assert plan is not None
    group = MEGA_FEATURES if name in MEGA_FEATURES else (name,)
    answers = {feature: True for feature in group if getattr(plan, feature) is None}
    update: dict[str, object] = {"plan": plan.model_copy(update=answers)}
    if name == ROLL_IN:
        update["ira"] = person.ira.model_copy(update={"roll_into_plan": True})
    people = list(household.people)
    people[index] = person.model_copy(update=update)
    return household.model_copy(update={"people": tuple(people)})


def _plan_result(work: Computation) -> PlanResult:
    household = work.household
    totals = strategy_totals(work)
    magi = household_magi(work.calculator)
    return PlanResult(
        tax_year=household.tax_year,
        filing_status=household.filing_status,
        limits=limits_block(work.table),
        people=person_results(work),
        totals=totals,
        tax=tax_summary(work),
        projection=projection(
            household,
            totals.both.roth_added,
            taxable_account_tax_rate(household, work.table, magi),
        ),
        warnings=tuple(plan_warnings(work)),
    )


def person_results(work: Computation) -> tuple[PersonResult, ...]:
    """Each person's blocks, with the part of the household's tax (both strategies) each bears."""
    calculator = work.calculator
    tax, taxable = work.tax_both, work.taxable_both
    results = []
    for i, person in enumerate(work.household.people):
        mega, backdoor = work.mega[i], work.backdoor_both[i]
        second = work.second_mega[i]
        mega_tax = calculator.share(tax, taxable, i, mega.taxable_amount)
        backdoor_tax = calculator.share(tax, taxable, i, work.backdoor_income(i, backdoor))
        results.append(
            PersonResult(
                name=person.name,
                mega_backdoor_roth=replace(mega, tax_due=mega_tax),
                backdoor_roth=replace(backdoor, tax_due=backdoor_tax),
                second_plan_mega_backdoor_roth=None
                if second is None
                else replace(
                    second,
                    tax_due=calculator.share(tax, taxable, i, second.taxable_amount),
                ),
                paychecks=paycheck_plan(person, work.table, mega, work.household.expected_return),
            )
        )
    return tuple(results)


def strategy_totals(work: Computation) -> Totals:
    """The three strategies summed over people, each priced as the household's tax."""
    household, calculator = work.household, work.calculator
    growth = growth_factor(household.expected_return, household.years_to_retirement)
    # Each person's mega backdoor blocks: the plan's and a second employer's plan's.
    plans = [
        (m,) if second is None else (m, second)
        for m, second in zip(work.mega, work.second_mega, strict=True)
    ]
    every_plan = [m for person_plans in plans for m in person_plans]
    mega_taxable = [_sum(m.taxable_amount for m in person_plans) for person_plans in plans]
    # Priced on the income each backdoor adds, which an RMD's line 15a moves (compute.py);
    # the taxable amount shown stays the conversions' (Form 8606 line 18), beside line 17.
    alone_income = [work.backdoor_income(i, b) for i, b in enumerate(work.backdoor_alone)]
    # Room in a plan that takes no after-tax contributions (or is not known to) is no room
    # for them: it is left out, as the strategy cannot use it.
    after_tax_room = _sum(m.after_tax_room for m in every_plan if m.route is not None)
    # Room is "used" by after-tax money that reaches Roth: money left in the plan adds no Roth
    # dollars and grows with taxable earnings (tax-rules §4.4), so it is not the strategy's.
    after_tax_used = _sum(m.after_tax_contribution for m in every_plan if m.roth_added > ZERO)
    mega_roth = _sum(m.roth_added for m in every_plan)
    mega_nontaxable = _sum(m.nontaxable_amount for m in every_plan)
    both = work.backdoor_both

    def totals(
        roth_added: Decimal,
        taxable: Decimal,
        nontaxable: Decimal,
        tax_due: Decimal,
        room_used: Decimal,
        basis_carried_forward: Decimal,
    ) -> StrategyTotals:
        return StrategyTotals(
            roth_added=roth_added,
            taxable_amount=taxable,
            nontaxable_amount=nontaxable,
            tax_due=tax_due,
            value_at_retirement=cents(roth_added * growth),
            after_tax_room=after_tax_room,
            after_tax_room_used=room_used,
            basis_carried_forward=basis_carried_forward,
        )

    return Totals(
        mega_backdoor_roth=totals(
            mega_roth,
            _sum(mega_taxable),
            mega_nontaxable,
            calculator.scenario(mega_taxable).total,
            after_tax_used,
            # No backdoor this year: no line-1 contribution and no line-8 conversion, so Part I
            # stops at line 3 and line 14 = line 3 = line 2, the basis already carried
            # (Instructions for Form 8606, line 3). Notice 2014-54 earnings sent to a
            # traditional IRA are pre-tax money and add no basis.
            _sum(person.ira.basis for person in household.people),
        ),
        backdoor_roth=totals(
            _sum(b.roth_added for b in work.backdoor_alone),
            _sum(b.taxable_amount for b in work.backdoor_alone),
            _sum(b.nontaxable_amount for b in work.backdoor_alone),
            calculator.scenario(alone_income).total,
            ZERO,
            _sum(b.basis_carried_forward for b in work.backdoor_alone),
        ),
        both=totals(
            mega_roth + _sum(b.roth_added for b in both),
            _sum(mega_taxable) + _sum(b.taxable_amount for b in both),
            mega_nontaxable + _sum(b.nontaxable_amount for b in both),
            work.tax_both.total,
            after_tax_used,
            _sum(b.basis_carried_forward for b in both),
        ),
    )


def tax_summary(work: Computation) -> TaxSummary:
    """Each return's tax without the moves and with both strategies, and the household's sums."""
    household, calculator = work.household, work.calculator
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
                federal_tax_with_both=work.tax_both.federal_tax_with_moves[r],
                effective_marginal_rate=effective_marginal_rate(work, r),
            )
        )
    return TaxSummary(
        agi=_sum(r.agi for r in returns),
        taxable_income=_sum(r.taxable_income for r in returns),
        marginal_rate=max(r.marginal_rate for r in returns),
        federal_tax_without_moves=_sum(r.federal_tax_without_moves for r in returns),
        federal_tax_with_both=_sum(r.federal_tax_with_both for r in returns),
        method="brackets" if household.federal_marginal_rate is None else "federal_marginal_rate",
        returns=tuple(returns),
        effective_marginal_rate=max(r.effective_marginal_rate for r in returns),
        effective_marginal_rate_label=EFFECTIVE_MARGINAL_RATE_LABEL,
    )


# Parameters the engine reads that are not a year's limits: the RMD rules, Form 1040 lines and
# the excess-contribution deadline (cited where they are used: the RMD warning, the tax
# documents, the repair that takes an excess out).
NOT_LIMITS = frozenset(
    {
        "rmd_age",
        "rmd_waived",
        "uniform_lifetime_table",
        "form_1040_ira_lines",
        "form_1040_pension_lines",
        "excess_contribution_withdrawal_day",
        "excess_deferral_distribution_day",
        "first_rmd_deadline_day",
    }
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
        sources={k: v for k, v in table.sources.items() if k not in NOT_LIMITS},
        references={k: v for k, v in table.references.items() if k not in NOT_LIMITS},
        provisional=tuple(table.provisional.values()),
        provisional_note=provisional_note(table),
        overridden=dict(table.overridden),
    )


def _sum(values: Iterable[Decimal]) -> Decimal:
    return sum(values, ZERO)
