"""Per-person contribution limits: 402(g) with catch-ups, and IRA limits with the spousal rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from planner.engine.money import CENT, ZERO
from planner.engine.tables import FilingStatus, YearTable

if TYPE_CHECKING:
    from planner.engine.contract import Household, Person

CATCH_UP_AGE = 50
SUPER_CATCH_UP_AGES = range(60, 64)
AGE_70_HALF_BARRED = 71
AGE_70_HALF_MAYBE_BARRED = 70
# IRC 63(f)(1) additional standard deduction and OBBBA's IRC 151(d)(5)(C) senior deduction:
# age 65 or older on Dec 31 of the tax year (the contract's `age`).
SENIOR_AGE = 65


def catch_up_limit(table: YearTable, age: int) -> Decimal:
    """IRC 414(v): age 50+ on Dec 31; SECURE 2.0 sec. 109 raises it for ages 60-63 from 2025."""
    if age < CATCH_UP_AGE:
        return ZERO
    if age in SUPER_CATCH_UP_AGES and table.catch_up_age_60_to_63 is not None:
        return table.catch_up_age_60_to_63
    return table.catch_up


def deferral_limit(table: YearTable, age: int) -> Decimal:
    return table.elective_deferral + catch_up_limit(table, age)


def ira_dollar_limit(table: YearTable, age: int) -> Decimal:
    """IRC 219(b)(5), zero from the year of age 70½ while that bar existed (before 2020)."""
    if table.traditional_ira_age_70_half_bar and age >= AGE_70_HALF_BARRED:
        return ZERO
    if age >= CATCH_UP_AGE:
        return table.ira_contribution + table.ira_catch_up
    return table.ira_contribution


def pretax_catch_up(person: Person, table: YearTable) -> Decimal:
    """The catch-up part of the pre-tax deferral (Roth deferrals count as catch-up first)."""
    plan = person.plan
    if plan is None:
        return ZERO
    deferrals = plan.pretax_deferral + plan.roth_deferral
    catch_up = min(
        max(ZERO, deferrals - table.elective_deferral), catch_up_limit(table, person.age)
    )
    return min(plan.pretax_deferral, max(ZERO, catch_up - plan.roth_deferral))


def required_roth_catch_up(person: Person, table: YearTable) -> Decimal:
    """The pre-tax catch-up that IRC 414(v)(7) (SECURE 2.0 sec. 603) makes Roth, once enforced.

    It applies when prior-year FICA wages from the employer exceed the year's threshold
    (this year's pay stands in when they are not given, as in the warning).
    """
    threshold = table.roth_catch_up_wage_threshold
    if threshold is None or not table.roth_catch_up_enforced:
        return ZERO
    wages = person.prior_year_fica_wages
    if wages is None:
        wages = person.compensation
    return pretax_catch_up(person, table) if wages > threshold else ZERO


def ira_compensation(person: Person, table: YearTable) -> Decimal:
    """Taxable compensation (W-2 box 1): pay minus pre-tax deferrals (Pub. 590-A, 'What is compensation').

    A catch-up that must be Roth (required_roth_catch_up) is taxable pay, not a pre-tax deferral.
    """
    pretax = person.plan.pretax_deferral if person.plan is not None else ZERO
    pretax -= required_roth_catch_up(person, table)
    # A second, unrelated employer's pay and pre-tax deferrals (Person.second_plan).
    second = person.second_plan.pretax_deferral if person.second_plan is not None else ZERO
    return max(ZERO, person.compensation - pretax) + max(
        ZERO, person.second_plan_compensation - second
    )


@dataclass(frozen=True, slots=True)
class IraContribution:
    limit: Decimal
    contribution: Decimal


# parse_household checks the IRA limits and compute() then needs the same answer for the same
# (immutable) household: keep the last one. One tuple, replaced whole, so threads cannot mix
# one household's answer with another's.
_last_resolved: tuple[Household | None, YearTable | None, tuple[IraContribution, ...]] = (
    None,
    None,
    (),
)


def resolve_ira_contributions(household: Household, table: YearTable) -> list[IraContribution]:
    global _last_resolved
    last_household, last_table, last_result = _last_resolved
    if last_household is household and last_table is table:
        return list(last_result)
    result = _resolve_ira_contributions(household, table)
    _last_resolved = (household, table, tuple(result))
    return result


def _resolve_ira_contributions(household: Household, table: YearTable) -> list[IraContribution]:
    """Each person's IRA limit and the contribution used (null input means the limit).

    On a joint return IRC 219(c) lets each spouse use the couple's combined compensation
    minus the other spouse's IRA contributions. When both contributions are left to the
    engine and the couple's pay cannot fund both, the shortfall is split evenly so the
    answer does not depend on which spouse is listed first.
    """
    people = household.people
    dollar = [ira_dollar_limit(table, person.age) for person in people]
    pay = [ira_compensation(person, table) for person in people]
    own = [min(dollar[i], pay[i]) for i in range(len(people))]
    asked = [person.ira.nondeductible_contribution for person in people]
    spousal = household.filing_status is FilingStatus.MARRIED_FILING_JOINTLY and len(people) == 2
    if not spousal:
        return [
            IraContribution(limit, limit if ask is None else ask)
            for limit, ask in zip(own, asked, strict=True)
        ]

    combined = pay[0] + pay[1]
    first_known, second_known = asked[0], asked[1]
    contributions: list[Decimal]
    if first_known is not None and second_known is not None:
        contributions = [first_known, second_known]
    elif first_known is not None:
        contributions = [first_known, max(ZERO, min(dollar[1], combined - first_known))]
    elif second_known is not None:
        contributions = [max(ZERO, min(dollar[0], combined - second_known)), second_known]
    else:
        leftover = combined - own[0] - own[1]
        shortfall = [dollar[0] - own[0], dollar[1] - own[1]]
        if leftover >= shortfall[0] + shortfall[1]:
            contributions = list(dollar)
        else:
            # Round the half down to cents so neither spouse gets a fraction of a cent.
            half = (leftover / 2).quantize(CENT, rounding=ROUND_DOWN)
            first_extra = min(shortfall[0], half)
            second_extra = min(shortfall[1], half)
            first_extra = min(shortfall[0], leftover - second_extra)
            second_extra = min(shortfall[1], leftover - first_extra)
            contributions = [own[0] + first_extra, own[1] + second_extra]
    limits = [
        max(ZERO, min(dollar[0], combined - contributions[1])),
        max(ZERO, min(dollar[1], combined - contributions[0])),
    ]
    return [IraContribution(limits[i], contributions[i]) for i in range(2)]
