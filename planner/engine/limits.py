"""Per-person contribution limits: 402(g) with catch-ups, and IRA limits with the spousal rule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from planner.engine.models import FilingStatus, Household, Person
from planner.engine.money import CENT, ZERO
from planner.engine.tables import YearTable

CATCH_UP_AGE = 50
SUPER_CATCH_UP_AGES = range(60, 64)
AGE_70_HALF_BARRED = 71
AGE_70_HALF_MAYBE_BARRED = 70


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


def ira_compensation(person: Person) -> Decimal:
    """Taxable compensation (W-2 box 1): pay minus pre-tax deferrals (Pub. 590-A, 'What is compensation')."""
    pretax = person.plan.pretax_deferral if person.plan is not None else ZERO
    return max(ZERO, person.compensation - pretax)


@dataclass(frozen=True)
class IraContribution:
    limit: Decimal
    contribution: Decimal


def resolve_ira_contributions(household: Household, table: YearTable) -> list[IraContribution]:
    """Each person's IRA limit and the contribution used (null input means the limit).

    On a joint return IRC 219(c) lets each spouse use the couple's combined compensation
    minus the other spouse's IRA contributions. When both contributions are left to the
    engine and the couple's pay cannot fund both, the shortfall is split evenly so the
    answer does not depend on which spouse is listed first.
    """
    people = household.people
    dollar = [ira_dollar_limit(table, person.age) for person in people]
    own = [min(dollar[i], ira_compensation(person)) for i, person in enumerate(people)]
    asked = [person.ira.nondeductible_contribution for person in people]
    spousal = household.filing_status is FilingStatus.MARRIED_FILING_JOINTLY and len(people) == 2
    if not spousal:
        return [
            IraContribution(own[i], own[i] if asked[i] is None else asked[i])  # type: ignore[arg-type]
            for i in range(len(people))
        ]

    combined = ira_compensation(people[0]) + ira_compensation(people[1])
    contributions: list[Decimal] = [ZERO, ZERO]
    first_known, second_known = asked[0], asked[1]
    if first_known is not None and second_known is not None:
        contributions = [first_known, second_known]
    elif first_known is not None or second_known is not None:
        known = 0 if first_known is not None else 1
        other = 1 - known
        contributions[known] = asked[known]  # type: ignore[assignment]
        contributions[other] = max(ZERO, min(dollar[other], combined - contributions[known]))
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
