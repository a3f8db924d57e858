"""What is already done this year, what is left to do, and what to repair, as typed facts.

`progress(household, result, today)` reads the contract's `ira.contributions_made`,
`ira.conversions_made` and today's balances, and the plan result they were worked into (Form
8606 line 8 counts the conversions made; line 6 is today's balances moved to December 31:
planner.engine.so_far). `today` is the caller's date in the user's time zone: the engine reads
no clock. The sentences at the end put each fact in words, for the results page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal

from planner.engine.backdoor import pro_rata_balance
from planner.engine.compute import compute
from planner.engine.decision import roll_in_target
from planner.engine.models import (
    Done,
    DoneKind,
    Household,
    IraMove,
    Person,
    PersonProgress,
    PlanResult,
    Progress,
    Repair,
    RepairKind,
    RollInTarget,
    StepKind,
    StepLeft,
)
from planner.engine.money import ZERO, cents, format_money, long_date
from planner.engine.so_far import (
    balances_today,
    contributed,
    converted,
)
from planner.engine.tables import year_table
from planner.engine.tables.parameters import next_business_day

# IRC 4973(a): 6% of an excess contribution for each year it stays in the IRA.
EXCESS_EXCISE_RATE = Decimal("0.06")

CONVERSION_YEAR = "Form 8606 line 8: a conversion counts in the year it is made"
CONTRIBUTION_DEADLINE = "IRC 219(f)(3): by the return's due date, without extensions"
PRE_TAX_SOURCE = (
    "Form 8606 lines 6-11: the pro-rata rule uses the December 31 value of all traditional, "
    "SEP and SIMPLE IRAs; a roll-in to a plan takes only pre-tax money (IRC 408(d)(3)(A)(ii))"
)
NOT_CONVERTED_SOURCE = (
    "Form 8606 line 8 counts conversions made by December 31; money left in the traditional "
    "IRA is in line 6 and its basis carries forward on line 14"
)
EXCESS_SOURCE = (
    "IRC 408(d)(4) and Pub. 590-A, Excess Contributions: withdraw the excess with its earnings "
    "by the return's due date including extensions (for a return filed on time, six months "
    "after its April due date: October 15, Treas. Reg. 301.9100-2(b)); else 6% a year "
    "(IRC 4973)"
)


def excess_withdrawal_deadline(year: int) -> date:
    """The last day to take out the year's excess contribution without the 6% (IRC 408(d)(4):
    the return's due date including extensions): the year's parameter (October 15) in the next
    year, moved as IRC 7503 moves a deadline."""
    return next_business_day(year_table(year).excess_contribution_withdrawal_day.of(year + 1))


def entered(person: Person) -> bool:
    ira = person.ira
    return bool(ira.contributions_made or ira.conversions_made) or (balances_today(ira) is not None)


def year_ended(tax_year: int, today: date) -> bool:
    return today > date(tax_year, 12, 31)


def as_done(household: Household) -> Household:
    """A tax year already over, for the people who entered what they did: the conversion is
    the conversions made, since none can be made for the year after December 31 (Form 8606
    line 8), whether it was left to the engine (null) or typed larger. The contribution
    planned stays: one for the year can still be paid until the return's due date (line 4)."""
    changed = [
        entered(person)
        and (person.ira.conversion is None or person.ira.conversion > converted(person.ira))
        for person in household.people
    ]
    if not any(changed):
        return household
    people = tuple(
        person.model_copy(
            update={"ira": person.ira.model_copy(update={"conversion": converted(person.ira)})}
        )
        if change
        else person
        for person, change in zip(household.people, changed, strict=True)
    )
    return household.model_copy(update={"people": people})


def repairs(
    household: Household, result: PlanResult, today: date
) -> tuple[tuple[Repair, ...], ...]:
    """Each person's repairs, for the decision to carry (planner.engine.decision.decide).

    `household` is the one `result` was computed from (compute_plan's cautious household)."""
    return tuple(
        tuple(_repairs(household, result, index, today)) if entered(person) else ()
        for index, person in enumerate(household.people)
    )


def progress(household: Household, result: PlanResult, today: date) -> Progress | None:
    """The facts for each person who entered something done; None when nobody did. What is
    left and the repairs are the decision's (result.decision), so they say what it says."""
    people = tuple(
        _person_progress(household, result, index, today)
        for index, person in enumerate(household.people)
        if entered(person)
    )
    return Progress(as_of=today, people=people) if people else None


def _person_progress(
    household: Household, result: PlanResult, index: int, today: date
) -> PersonProgress:
    person = household.people[index]
    outcome = result.people[index]
    assert result.decision is not None
    move = result.decision.people[index].ira
    ira = person.ira
    done = sorted(
        [Done(DoneKind.CONTRIBUTION, made.date, made.amount) for made in ira.contributions_made]
        + [Done(DoneKind.CONVERSION, made.date, made.amount) for made in ira.conversions_made],
        key=lambda fact: fact.date,
    )
    repairs = move.repairs
    year_end = None
    form = outcome.backdoor_roth.form_8606
    if balances_today(ira) is not None:
        year_end = form.line_6 if form is not None and form.line_6 is not None else ZERO
    return PersonProgress(
        person=person.name,
        done=tuple(done),
        left=tuple(_left(household.tax_year, move, today)),
        repairs=repairs,
        contributed=contributed(ira),
        converted=converted(ira),
        year_end_value=year_end,
    )


def _unconverted(person: Person, year: int, contribution: Decimal) -> Decimal:
    """This year's contributions (within the year's limit) not converted yet."""
    ira = person.ira
    if ira.contribution_made_next_year:
        return ZERO
    made_this_year = sum(
        (made.amount for made in ira.contributions_made if made.date.year == year), ZERO
    )
    return max(ZERO, min(made_this_year, contribution) - converted(ira))


def _left(year: int, move: IraMove, today: date) -> Iterator[StepLeft]:
    """The decision's moves not made yet, with their deadlines."""
    year_end = date(year, 12, 31)
    if move.contribution_left > ZERO:
        if move.contribution_made_next_year:
            deadline = year_table(year).ira_contribution_deadline
            yield StepLeft(
                StepKind.CONTRIBUTE,
                move.contribution_left,
                deadline,
                _days(today, deadline),
                CONTRIBUTION_DEADLINE,
            )
        else:
            yield StepLeft(
                StepKind.CONTRIBUTE,
                move.contribution_left,
                year_end,
                _days(today, year_end),
                CONVERSION_YEAR,
            )
    # A contribution waiting to be converted is a repair of its own, with its own words.
    waiting = sum(
        (r.amount for r in move.repairs if r.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED), ZERO
    )
    convert = move.conversion_left - waiting
    if convert > ZERO:
        yield StepLeft(StepKind.CONVERT, convert, year_end, _days(today, year_end), CONVERSION_YEAR)
    # A roll-in that repairs a conversion already made is said with the repair.
    repairing = any(r.kind is RepairKind.PRE_TAX_AFTER_CONVERSION for r in move.repairs)
    if move.roll_in > ZERO and not repairing:
        yield StepLeft(
            StepKind.ROLL_IN, move.roll_in, year_end, _days(today, year_end), PRE_TAX_SOURCE
        )


def _repairs(household: Household, result: PlanResult, index: int, today: date) -> Iterator[Repair]:
    person = household.people[index]
    backdoor = result.people[index].backdoor_roth
    year = household.tax_year
    year_end = date(year, 12, 31)
    ira = person.ira

    # An excess contribution is after-tax money, not pre-tax money a plan could take (IRC
    # 408(d)(3)(A)(ii)); out by December 31 it also leaves line 6. What a roll-in would take
    # beyond it is the pre-tax money.
    excess = max(ZERO, contributed(ira) - backdoor.contribution_limit)
    in_line_6: Repair | None = None
    if converted(ira) > ZERO and not ira.roll_into_plan and pro_rata_balance(backdoor):
        pre_tax = _pre_tax_after_conversion(household, result, index, today)
        if pre_tax.amount > excess:
            yield replace(pre_tax, amount=pre_tax.amount - excess)
        else:
            in_line_6 = pre_tax

    waiting = _unconverted(person, year, backdoor.nondeductible_contribution)
    if waiting > ZERO:
        yield Repair(
            RepairKind.CONTRIBUTION_NOT_CONVERTED,
            waiting,
            year_end,
            _days(today, year_end),
            NOT_CONVERTED_SOURCE,
        )

    if excess > ZERO:
        deadline = excess_withdrawal_deadline(year)
        yield Repair(
            RepairKind.EXCESS_CONTRIBUTION,
            excess,
            deadline,
            _days(today, deadline),
            EXCESS_SOURCE,
            # Left in the IRAs on December 31 it makes part of the conversion taxable (line
            # 6); withdrawn before, the conversion's tax is the rolled-out figure.
            taxable_if_kept=None if in_line_6 is None else in_line_6.taxable_if_kept,
            tax_if_kept=None if in_line_6 is None else in_line_6.tax_if_kept,
            tax_if_rolled_in=None if in_line_6 is None else in_line_6.tax_if_rolled_in,
            excise_tax_per_year=cents(excess * EXCESS_EXCISE_RATE),
        )


def _pre_tax_after_conversion(
    household: Household, result: PlanResult, index: int, today: date
) -> Repair:
    """Pre-tax money in the IRAs on December 31 makes part of a conversion already made
    taxable: the tax as it stands, and with that money rolled into a plan by December 31."""
    person = household.people[index]
    backdoor = result.people[index].backdoor_roth
    year_end = date(household.tax_year, 12, 31)
    rolled = _with_roll_in(household, index)
    work = compute(rolled)
    rolled_backdoor = work.backdoor_both[index]
    rolled_tax = work.calculator.share(
        work.tax_both, work.taxable_both, index, work.backdoor_income(index, rolled_backdoor)
    )
    simple = person.ira.simple_balance_today
    return Repair(
        RepairKind.PRE_TAX_AFTER_CONVERSION,
        rolled_backdoor.rolled_into_plan,
        year_end,
        _days(today, year_end),
        PRE_TAX_SOURCE,
        taxable_if_kept=backdoor.taxable_amount,
        tax_if_kept=backdoor.tax_due,
        taxable_if_rolled_in=rolled_backdoor.taxable_amount,
        tax_if_rolled_in=rolled_tax,
        roll_in_to=roll_in_target(person),
        simple_ira_money=simple if simple else None,
    )


def _with_roll_in(household: Household, index: int) -> Household:
    # A what-if: model_copy skips the contract's check that the plan takes roll-ins, since
    # the money may go to another plan (a solo 401(k), a new employer's).
    people = list(household.people)
    person = people[index]
    people[index] = person.model_copy(
        update={"ira": person.ira.model_copy(update={"roll_into_plan": True})}
    )
    return household.model_copy(update={"people": tuple(people)})


def _days(today: date, deadline: date) -> int:
    return (deadline - today).days


# ---------------------------------------------------------------- in words


def days_words(days_left: int) -> str:
    if days_left > 1:
        return f"{days_left} days left"
    if days_left == 1:
        return "1 day left"
    if days_left == 0:
        return "today is the last day"
    return "this date has passed"


def done_sentence(fact: Done) -> str:
    what = "Contributed" if fact.kind is DoneKind.CONTRIBUTION else "Converted to Roth"
    return f"{what} {format_money(fact.amount)} on {long_date(fact.date)}."


STEP_WORDS = {
    StepKind.CONTRIBUTE: "Contribute {amount} more to the traditional IRA",
    StepKind.CONVERT: "Convert {amount} to Roth",
    StepKind.ROLL_IN: "Roll the {amount} of pre-tax IRA money into the plan",
}


def left_sentence(step: StepLeft) -> str:
    what = STEP_WORDS[step.kind].format(amount=format_money(step.amount))
    return f"{what} by {long_date(step.deadline)} ({days_words(step.days_left)})."


# Neutral words: the owner and an advisor read the same sentence.
ROLL_IN_WORDS = {
    RollInTarget.THIS_PLAN: "the workplace 401(k), which takes roll-ins",
    RollInTarget.THIS_PLAN_IF_IT_TAKES_THEM: (
        "the workplace 401(k), if it takes roll-ins (ask the plan)"
    ),
    RollInTarget.OTHER_EMPLOYER_PLAN: "the other employer's 401(k), which takes roll-ins",
    RollInTarget.SOLO_401K: (
        "a solo 401(k) that takes roll-ins (one can be opened for self-employment income)"
    ),
    RollInTarget.ANY_PLAN: "an employer's 401(k) that takes roll-ins",
}


def _excess_in_line_6(repair: Repair) -> str:
    """An excess still in the IRAs on December 31 counts in line 6: out before, no tax on it."""
    if repair.tax_if_kept is None or repair.days_left < 0:
        return ""
    year_end = date(repair.deadline.year - 1, 12, 31)
    return (
        f"Withdrawn by {long_date(year_end)}, the excess is also out of the December 31 value "
        f"(Form 8606 line 6): the conversion's tax is then "
        f"{format_money(repair.tax_if_rolled_in or ZERO)}, not "
        f"{format_money(repair.tax_if_kept)} on {format_money(repair.taxable_if_kept or ZERO)}. "
    )


def repair_sentence(repair: Repair) -> str:
    when = f"by {long_date(repair.deadline)} ({days_words(repair.days_left)})"
    amount = format_money(repair.amount)
    if repair.kind is RepairKind.PRE_TAX_AFTER_CONVERSION:
        assert repair.roll_in_to is not None
        kept = (
            f"{format_money(repair.tax_if_kept or ZERO)} of tax on "
            f"{format_money(repair.taxable_if_kept or ZERO)} of the conversion, taxable under "
            "the pro-rata rule (Form 8606 lines 6–18)"
        )
        simple = (
            f" SIMPLE IRA money ({format_money(repair.simple_ira_money)}) can go to a 401(k) "
            "only after two years in the SIMPLE plan (IRC 408(d)(3)(G))."
            if repair.simple_ira_money
            else ""
        )
        if repair.days_left < 0:
            return (
                f"Pre-tax IRA money ({amount}) was in the IRAs on December 31 after this year's "
                f"conversion: too late to roll it in for this year, so pay the tax: {kept}."
                + simple
            )
        return (
            f"Pre-tax IRA money ({amount}) makes part of this year's conversion taxable. Roll "
            f"it into {ROLL_IN_WORDS[repair.roll_in_to]} {when}: the tax is then "
            f"{format_money(repair.tax_if_rolled_in or ZERO)}. Or pay the tax: {kept}." + simple
        )
    if repair.kind is RepairKind.CONTRIBUTION_NOT_CONVERTED:
        if repair.days_left < 0:
            return (
                f"{amount} contributed was not converted by December 31: it stays as basis "
                "(Form 8606 line 14) and can be converted in a later year; only its earnings are taxed."
            )
        return (
            f"{amount} contributed is not converted yet: convert it {when}, so it counts on "
            "this year's Form 8606 line 8 and collects few taxable earnings, or leave it as "
            "basis (line 14) to convert in a later year."
        )
    excise = format_money(repair.excise_tax_per_year or ZERO)
    return (
        _excess_in_line_6(repair)
        + f"{amount} is more than the year's IRA limit: withdraw it with its earnings {when}, the "
        "return's due date with extensions (IRC 408(d)(4), Pub. 590-A); the earnings are "
        "taxable. Left in, "
        f"it costs {excise} (6%) for each year it stays (IRC 4973). If it was already "
        "converted, ask the IRA custodian how to return it."
    )
