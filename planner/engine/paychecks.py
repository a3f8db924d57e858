"""Paycheck elections: what to give payroll so the year's figures are reached by the last
paycheck without losing match, and the year paycheck by paycheck.

The rules, each from its source:
- IRC 402(g) (plus the 414(v) catch-up for the age): payroll stops the deferrals, pre-tax and
  Roth together, at the limit.
- IRC 415(c): deferrals (not the catch-up, IRC 414(v)(3)(A)), employer money and after-tax
  money together stop at the limit (or 100% of pay); in each paycheck the deferrals come
  first, then the match, then the after-tax money, so after-tax money that fills the limit
  early leaves no room for the match still to come.
- IRC 401(a)(17): the plan counts no pay past the year's compensation limit; elections are
  a share of the pay the plan counts, so they take nothing (and earn no match) after it.
- The match: `match_rate` of the deferrals up to `match_up_to` of each paycheck's counted
  pay, rounded to the cent on its running total (so cents do not drift); a plan that trues
  up pays the year's formula after the year instead.

Money is worked in whole cents (int) inside the search, which tries thousands of elections;
the results are Decimal dollars.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from planner.engine.contract import AfterTaxRoute, Paychecks
from planner.engine.limits import deferral_limit, required_roth_catch_up
from planner.engine.match import employer_match
from planner.engine.models import (
    ConversionFrequency,
    ConversionTiming,
    Election,
    ElectionUnit,
    MegaBackdoorResult,
    PaycheckPlan,
    PaycheckRow,
    PayFrequency,
    Person,
)
from planner.engine.money import ONE, ZERO, cents, format_money, format_rate, long_date
from planner.engine.tables import YearTable, year_table

PRETAX, ROTH, AFTER_TAX = "pretax", "roth", "after_tax"
# Payroll's order within a paycheck: the deferrals, then the match, then after-tax money.
SOURCES = (ROTH, PRETAX, AFTER_TAX)
SOURCE_LABELS = {PRETAX: "pre-tax", ROTH: "Roth", AFTER_TAX: "after-tax"}
# One step of an election: basis points of pay (1% = 100) or cents (a whole dollar = 100).
UNIT_STEP = {
    ElectionUnit.WHOLE_PERCENT: 100,
    ElectionUnit.TENTH_PERCENT: 10,
    ElectionUnit.DOLLARS: 100,
}
ALL_OF_PAY = 10_000
# Most frequent first; a plan that allows one allows every less frequent one.
FREQUENCY_ORDER = (
    ConversionFrequency.PER_PAYCHECK,
    ConversionFrequency.MONTHLY,
    ConversionFrequency.QUARTERLY,
    ConversionFrequency.ANNUALLY,
)
FRIDAY = 4


# ---------------------------------------------------------------- paydays


def paydays(paychecks: Paychecks, year: int) -> list[date]:
    """The regular paydays of the year, from the first payday."""
    first = paychecks.first_pay_date
    frequency = paychecks.frequency
    if frequency in (PayFrequency.WEEKLY, PayFrequency.BIWEEKLY):
        if first is None:
            first = date(year, 1, 1) + timedelta(days=(FRIDAY - date(year, 1, 1).weekday()) % 7)
        step = timedelta(days=7 if frequency is PayFrequency.WEEKLY else 14)
        days = []
        day = first
        while day.year == year:
            days.append(day)
            day += step
        return days
    days = []
    for month in range(1, 13):
        last = date(year, month, calendar.monthrange(year, month)[1])
        if frequency is PayFrequency.SEMI_MONTHLY:
            days.append(date(year, month, 15))
        days.append(last)
    return days if first is None else [day for day in days if day >= first]


@dataclass(frozen=True, slots=True)
class Check:
    paid_on: date
    pay: int  # cents, bonus included
    counted: int  # cents of it the plan counts (IRC 401(a)(17))
    payroll_tax: int  # cents of Social Security and Medicare tax withheld from it (IRC 3101)

    @property
    def left_after_payroll_tax(self) -> int:
        """What the elections can take at most: payroll withholds the tax from the whole pay,
        deferrals included (IRC 3121(v)(1)(A)), before any election."""
        return self.pay - self.payroll_tax


def year_checks(paychecks: Paychecks, year: int, table: YearTable) -> list[Check]:
    """Every paycheck of the year: the regular pay, each bonus on the first payday on or after
    its date (or a paycheck of its own after the last), the pay the plan counts and the
    payroll tax withheld from it."""
    regular = _cents(paychecks.pay_per_period)
    pay = dict.fromkeys(paydays(paychecks, year), regular)
    for bonus in paychecks.bonuses:
        payday = next((day for day in pay if day >= bonus.paid_on), bonus.paid_on)
        pay[payday] = pay.get(payday, 0) + _cents(bonus.amount)
    room = _cents(table.compensation_limit)
    checks = []
    paid = 0
    for day in sorted(pay):
        counted = max(0, min(pay[day], room))
        room -= counted
        checks.append(Check(day, pay[day], counted, payroll_tax(table, paid, pay[day])))
        paid += pay[day]
    return checks


def payroll_tax(table: YearTable, paid_before: int, pay: int) -> int:
    """The employee's Social Security and Medicare tax withheld from one paycheck, in cents:
    Social Security on the wages up to the year's wage base (IRC 3101(a), 3121(a)(1)),
    Medicare on all of it (IRC 3101(b)(1)), and the additional Medicare tax on the wages this
    employer pays above $200,000 in the year (IRC 3101(b)(2), 3102(f)(1)). Each is rounded to
    the cent, as a pay stub shows it."""
    paid_after = paid_before + pay
    social_security_wages = max(
        0, min(paid_after, _cents(table.social_security_wage_base)) - paid_before
    )
    threshold = _cents(table.additional_medicare_withholding_threshold)
    above_threshold = max(0, paid_after - max(paid_before, threshold))
    return sum(
        _round_half_up(*_scaled(rate, wages))
        for rate, wages in (
            (table.social_security_tax_rate, social_security_wages),
            (table.medicare_tax_rate, pay),
            (table.additional_medicare_tax_rate, above_threshold),
        )
    )


def year_payroll_tax(table: YearTable, pay: Decimal) -> Decimal:
    """The employee's Social Security and Medicare tax on a year's pay from one employer
    (payroll_tax on it paid at once), in dollars."""
    return _year_payroll_tax(table.year, pay)


# Several blocks of one plan ask for the same person's figure (the cap, the decision, the
# notes): worked out once. Keyed by the year: payroll-tax figures are never a household's own
# (contract.OverridableLimit).
@lru_cache(maxsize=256)
def _year_payroll_tax(year: int, pay: Decimal) -> Decimal:
    return _dollars(payroll_tax(year_table(year), 0, _cents(pay)))


def _scaled(rate: Decimal, amount: int) -> tuple[int, int]:
    numerator, denominator = rate.as_integer_ratio()
    return numerator * amount, denominator


# ---------------------------------------------------------------- the simulation


Schedule = tuple[tuple[int, int], ...]  # (first paycheck index, basis points or cents)


@dataclass(frozen=True, slots=True)
class Setup:
    """What stays fixed while elections are tried: the paychecks ahead and the year's room."""

    checks: tuple[Check, ...]
    percent: bool
    caps: Mapping[str, tuple[int, int] | None]  # per paycheck, a fraction of pay
    deferral_room: int  # 402(g) with catch-up, less the deferrals so far
    deferrals_so_far: int
    deferral_base: int  # 402(g) without catch-up: the part of deferrals 415(c) counts
    additions_room: int  # 415(c) less year-end employer money less additions so far
    after_tax_stop: int  # the plan's own yearly after-tax cap, less what is in so far
    # Pre-tax deferrals left before a catch-up that must be Roth (IRC 414(v)(7)) begins.
    pretax_stop: int
    rate: tuple[int, int]
    up_to: tuple[int, int]
    true_up: bool
    year_formula_pay: int  # counted pay of the whole year, for the true-up
    match_so_far: int


@dataclass(frozen=True, slots=True)
class Outcome:
    rows: tuple[tuple[int, int, int, int, int, int], ...]  # pre, roth, after, match, def, add
    totals: Mapping[str, int]
    match_paid: int  # on the paychecks
    match_due: int  # what the per-paycheck formula asked for, room or not
    match_possible: int  # the formula on the same deferrals, spread ideally
    true_up: int
    match_lost: int
    deferral_stop_index: int | None  # first paycheck at which 402(g) was reached
    additions_full_index: int | None  # first paycheck at which 415(c) was reached


def _per_check(setup: Setup, source: str, value: int) -> list[int]:
    """What one election asks of each paycheck: its share of the pay the plan counts (to the
    cent) or its dollars, within the plan's per-paycheck cap."""
    cap = setup.caps.get(source)
    amounts = []
    for check in setup.checks:
        counted = check.counted
        wanted = _round_half_up(value * counted, ALL_OF_PAY) if setup.percent else value
        if cap is not None:
            wanted = min(wanted, cap[0] * counted // cap[1])
        amounts.append(wanted if counted else 0)
    return amounts


def wanted_amounts(setup: Setup, source: str, schedule: Schedule) -> list[int]:
    amounts = [0] * len(setup.checks)
    for position, (start, value) in enumerate(schedule):
        end = schedule[position + 1][0] if position + 1 < len(schedule) else len(amounts)
        amounts[start:end] = _per_check(setup, source, value)[start:end]
    return amounts


def _cap_binds(setup: Setup, source: str, schedule: Schedule) -> bool:
    """The plan's per-paycheck cap holds the election back on some paycheck."""
    cap = setup.caps.get(source)
    if cap is None:
        return False
    for _, value in schedule:
        for check in setup.checks:
            asked = _round_half_up(value * check.counted, ALL_OF_PAY) if setup.percent else value
            if check.counted and asked >= cap[0] * check.counted // cap[1]:
                return True
    return False


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def simulate(setup: Setup, wanted: Mapping[str, Sequence[int]]) -> Outcome:
    """The year from the elections' first paycheck, each source asking `wanted` of each
    paycheck, with payroll's stops and order."""
    rate_n, rate_d = setup.rate
    up_n, up_d = setup.up_to
    scale = rate_d * up_d
    deferred = added = after_in = pretax_in = match_paid = match_due = formula_sum = 0
    totals = dict.fromkeys(SOURCES, 0)
    rows = []
    deferral_stop = additions_full = None
    counted_total = 0
    none = [0] * len(setup.checks)
    roth_wanted = wanted.get(ROTH, none)
    pretax_wanted = wanted.get(PRETAX, none)
    after_wanted = wanted.get(AFTER_TAX, none)
    for index, check in enumerate(setup.checks):
        counted = check.counted
        counted_total += counted
        # The elections share what the pay the plan counts and what payroll tax leaves allow.
        most = min(counted, check.left_after_payroll_tax)
        roth = min(roth_wanted[index], most, setup.deferral_room - deferred)
        pretax = min(
            pretax_wanted[index],
            most - roth,
            setup.deferral_room - deferred - roth,
            setup.pretax_stop - pretax_in,
        )
        pretax_in += pretax
        free = most - roth - pretax
        deferral = roth + pretax
        deferred += deferral
        if deferral_stop is None and deferred >= setup.deferral_room and setup.deferral_room:
            deferral_stop = index
        before = min(setup.deferrals_so_far + deferred - deferral, setup.deferral_base)
        added += min(setup.deferrals_so_far + deferred, setup.deferral_base) - before
        # The match formula's running total, rounded to the cent, less what it gave already.
        formula_sum += rate_n * min(deferral * up_d, up_n * counted)
        due = _round_half_up(formula_sum, scale) - match_due
        match_due += due
        match = min(due, max(0, setup.additions_room - added))
        match_paid += match
        added += match
        # The match of this paycheck is in before the after-tax money.
        after = min(
            after_wanted[index],
            free,
            max(0, setup.additions_room - added),
            max(0, setup.after_tax_stop - after_in),
        )
        after_in += after
        added += after
        if additions_full is None and added >= setup.additions_room and after < after_wanted[index]:
            additions_full = index
        totals[ROTH] += roth
        totals[PRETAX] += pretax
        totals[AFTER_TAX] += after
        rows.append((pretax, roth, after, match, deferred, added))
    possible = _round_half_up(rate_n * min(deferred * up_d, up_n * counted_total), scale)
    # The whole match: the year's formula on the year's deferrals and counted pay.
    year_deferrals = setup.deferrals_so_far + deferred
    formula = _round_half_up(
        rate_n * min(year_deferrals * up_d, up_n * setup.year_formula_pay), scale
    )
    owed = max(0, formula - setup.match_so_far - match_paid)
    true_up = min(owed, max(0, setup.additions_room - added)) if setup.true_up else 0
    return Outcome(
        rows=tuple(rows),
        totals=totals,
        match_paid=match_paid,
        match_due=match_due,
        match_possible=possible,
        true_up=true_up,
        match_lost=owed - true_up,
        deferral_stop_index=deferral_stop,
        additions_full_index=additions_full,
    )


# ---------------------------------------------------------------- the search


def _candidates(
    setup: Setup, source: str, need: int, step: int, others: int, fixed: Mapping[str, Sequence[int]]
) -> list[int]:
    """Elections near the one that spreads `need` evenly, and at the match's threshold, none
    asking more than payroll tax and the other elections leave of a paycheck."""
    paid = [check.counted for check in setup.checks if check.counted]
    if not paid or need <= 0:
        return []
    cap = setup.caps.get(source)
    # What payroll takes for the sources already chosen, which come first in the paycheck.
    taken = simulate(setup, fixed).rows
    left = [
        (check.counted, check.left_after_payroll_tax - sum(taken[index][:3]))
        for index, check in enumerate(setup.checks)
        if check.counted
    ]
    if setup.percent:
        highest = min(ALL_OF_PAY - others, *(room * ALL_OF_PAY // pay for pay, room in left))
        if cap is not None:
            highest = min(highest, cap[0] * ALL_OF_PAY // cap[1])
        even = need * ALL_OF_PAY // sum(paid)
        points = [even // step * step + step * offset for offset in (-1, 0, 1, 2)]
        if source != AFTER_TAX and setup.rate[0] and setup.up_to[0]:
            threshold = -(-setup.up_to[0] * ALL_OF_PAY // setup.up_to[1])
            points += [-(-threshold // step) * step, -(-threshold // step) * step + step]
    else:
        highest = max(min(pay, room) for pay, room in left)
        even = -(-need // len(paid))
        points = [even // step * step + step * offset for offset in (-1, 0, 1, 2)]
    if highest < step:
        return []
    return sorted({min(max(point, step), highest // step * step) for point in points})


def _search(
    setup: Setup,
    fixed: Mapping[str, Sequence[int]],
    source: str,
    targets: Mapping[str, int],
    step: int,
    others: int,
) -> Schedule:
    """One election if one reaches the target and keeps the match, else the best of two
    neighbouring elections switched at the paycheck where the total crosses the target."""
    need = targets[source]
    values = _candidates(setup, source, need, step, others, fixed)
    if not values:
        return ()
    by_value = {value: _per_check(setup, source, value) for value in values}
    best: tuple[tuple[int, int, int, int], Schedule, Outcome] | None = None

    def consider(schedule: Schedule, amounts: list[int]) -> None:
        """Higher is better: the most money in up to the targets (going over one counts
        against), then fewer elections, then the higher election first (money in sooner),
        then the least asked beyond what went in (the largest last paycheck)."""
        nonlocal best
        outcome = simulate(setup, {**fixed, source: amounts})
        money = outcome.match_paid + outcome.true_up
        for name, target in targets.items():
            total = outcome.totals[name]
            money += min(total, target) - 2 * max(0, total - target)
        front_loaded = int(schedule[0][1] >= schedule[-1][1])
        score = (money, -len(schedule), front_loaded, -sum(amounts))
        if best is None or score > best[0]:
            best = (score, schedule, outcome)

    for value in values:
        consider(((0, value),), by_value[value])
    assert best is not None
    perfect = min(need, setup.deferral_room) if source != AFTER_TAX else need
    if best[2].totals[source] == perfect and best[2].match_lost == 0:
        return best[1]
    count = len(setup.checks)
    for first, second in zip(values, values[1:], strict=False):
        for higher, lower in ((second, first), (first, second)):
            early, late = by_value[higher], by_value[lower]
            # What the pair asks in all, switching at each paycheck: try the switches that
            # land nearest the target.
            asked = sum(late)
            totals = []
            for start in range(1, count):
                asked += early[start - 1] - late[start - 1]
                totals.append((abs(asked - need), start))
            for _, start in sorted(totals)[:4]:
                consider(((0, higher), (start, lower)), early[:start] + late[start:])
    return best[1]


# ---------------------------------------------------------------- conversion timing


@lru_cache(maxsize=1024)
def _growth(expected_return: Decimal, days: int) -> Decimal:
    """(1 + r) ** (days / 365) - 1 in Decimal (exp/ln at 28 digits)."""
    if days <= 0:
        return ZERO
    return ((ONE + expected_return).ln() * days / 365).exp() - ONE


def _moves_on(paid_on: date, frequency: ConversionFrequency) -> date:
    if frequency is ConversionFrequency.PER_PAYCHECK:
        return paid_on
    if frequency is ConversionFrequency.MONTHLY:
        month = paid_on.month
    elif frequency is ConversionFrequency.QUARTERLY:
        month = (paid_on.month - 1) // 3 * 3 + 3
    else:
        month = 12
    return date(paid_on.year, month, calendar.monthrange(paid_on.year, month)[1])


def conversion_timings(
    deposits: tuple[tuple[date, Decimal], ...],
    allowed: ConversionFrequency,
    expected_return: Decimal,
) -> tuple[ConversionTiming, ...]:
    """Earnings collected before the after-tax money moves: each paycheck's after-tax money
    (payday, amount) grows at the expected return from its payday to the day it is converted
    or rolled out."""
    most_often = FREQUENCY_ORDER.index(allowed)
    return tuple(
        ConversionTiming(
            frequency=frequency,
            allowed=position >= most_often,
            earnings=cents(
                sum(
                    (
                        amount
                        * _growth(expected_return, (_moves_on(paid_on, frequency) - paid_on).days)
                        for paid_on, amount in deposits
                    ),
                    ZERO,
                )
            ),
        )
        for position, frequency in enumerate(FREQUENCY_ORDER)
    )


def _so_far_deposits(
    paydays: list[date], amount: int, year: int
) -> tuple[tuple[date, Decimal], ...]:
    """After-tax money already in (cents), spread evenly over the paychecks before the
    elections, the last taking the odd cents; with no payday before them, from January 1."""
    if amount <= 0:
        return ()
    if not paydays:
        return ((date(year, 1, 1), _dollars(amount)),)
    each, odd = divmod(amount, len(paydays))
    return tuple(
        (day, _dollars(each + (odd if index == len(paydays) - 1 else 0)))
        for index, day in enumerate(paydays)
    )


# ---------------------------------------------------------------- the plan


def _cents(amount: Decimal) -> int:
    return int(cents(amount) * 100)


def _dollars(amount: int) -> Decimal:
    return Decimal(amount).scaleb(-2)


def _fraction(value: Decimal | None) -> tuple[int, int] | None:
    return None if value is None else value.as_integer_ratio()


def paycheck_plan(
    person: Person, table: YearTable, mega: MegaBackdoorResult, expected_return: Decimal
) -> PaycheckPlan | None:
    """The elections and the paychecks for the person's plan; None without `paychecks`.

    After-tax money with no known way to Roth would stay in the plan, its earnings taxed when
    paid out (tax-rules 4.4): the answer does not put it in, so neither do the elections."""
    moves = mega.route is not None and mega.route is not AfterTaxRoute.STAY_IN_PLAN
    after_tax = mega.after_tax_contribution + mega.after_tax_beyond_paychecks
    # The figure asked for, so the plan says what the paychecks cannot carry of it.
    plan = plan_paychecks(
        person,
        table.year,
        mega.annual_additions_limit,
        after_tax if moves else ZERO,
        expected_return,
    )
    if plan is None or moves:
        return plan
    known_way = person.plan is not None and (
        person.plan.allows_in_service_distribution or person.plan.allows_in_plan_roth_conversion
    )
    why = (
        "with the route entered"
        if known_way
        else "with no known way to move it to Roth (in-service distributions or in-plan Roth "
        "conversions)"
    )
    left_out = (
        (
            f"No after-tax election: {why}, the {format_money(after_tax)} of after-tax room "
            "would stay in the plan, its earnings taxed when paid out.",
        )
        if after_tax > ZERO
        else ()
    )
    return replace(
        plan,
        conversion_timings=(),
        recommended_conversion=None,
        explanations=left_out + plan.explanations,
    )


def conversion_earnings(plan: PaycheckPlan, frequency: ConversionFrequency) -> Decimal:
    """The mega backdoor's earnings before the money moves, from the paycheck dates, at the
    plan's conversion frequency."""
    return next((t.earnings for t in plan.conversion_timings if t.frequency == frequency), ZERO)


# The mega backdoor and the result both need the plan: it is worked out once.
@lru_cache(maxsize=64)
def plan_paychecks(
    person: Person,
    year: int,
    annual_additions_limit: Decimal,
    after_tax_contribution: Decimal,
    expected_return: Decimal,
) -> PaycheckPlan | None:
    plan = person.plan
    if plan is None or plan.paychecks is None:
        return None
    paychecks = plan.paychecks
    table = year_table(year)
    checks = year_checks(paychecks, year, table)
    start = paychecks.elections_start or date(year, 1, 1)
    ahead = tuple(check for check in checks if check.paid_on >= start)
    year_pay = sum(check.pay for check in checks)

    limit_402g = deferral_limit(table, person.age)
    so_far = {
        PRETAX: _cents(paychecks.pretax_so_far),
        ROTH: _cents(paychecks.roth_so_far),
        AFTER_TAX: _cents(paychecks.after_tax_so_far),
    }
    deferrals_so_far = so_far[PRETAX] + so_far[ROTH]
    # Employer money beyond the formula match (profit sharing) and forfeitures come after
    # the year: their 415(c) room is kept for them.
    formula_match = (
        employer_match(
            year,
            person.compensation,
            plan.pretax_deferral + plan.roth_deferral,
            paychecks.match_rate,
            paychecks.match_up_to,
        )
        if paychecks.match_rate and paychecks.match_up_to
        else ZERO
    )
    # The year's employer figure holds the match: the formula's for the year, or without a
    # formula at least what was received so far (not to be counted twice).
    matched = max(formula_match, paychecks.match_so_far)
    year_end_employer = max(ZERO, plan.employer_contribution - matched) + plan.forfeitures
    additions_so_far = (
        min(deferrals_so_far, _cents(table.elective_deferral))
        + _cents(paychecks.match_so_far)
        + so_far[AFTER_TAX]
    )
    plan_caps = [
        cap
        for cap in (
            plan.after_tax_cap,
            None
            if plan.after_tax_cap_percent is None
            else cents(
                plan.after_tax_cap_percent * min(person.compensation, table.compensation_limit)
            ),
        )
        if cap is not None
    ]
    # IRC 414(v)(7): a catch-up that must be Roth is elected as Roth, and payroll takes no
    # more pre-tax money than the rest.
    to_roth = _cents(required_roth_catch_up(person, table))
    setup = Setup(
        checks=ahead,
        percent=paychecks.election_unit is not ElectionUnit.DOLLARS,
        caps={
            PRETAX: _fraction(paychecks.pretax_cap_percent),
            ROTH: _fraction(paychecks.roth_cap_percent),
            AFTER_TAX: _fraction(paychecks.after_tax_cap_percent),
        },
        deferral_room=max(0, _cents(limit_402g) - deferrals_so_far),
        deferrals_so_far=deferrals_so_far,
        deferral_base=_cents(table.elective_deferral),
        additions_room=_cents(annual_additions_limit)
        - _cents(year_end_employer)
        - additions_so_far,
        after_tax_stop=(_cents(min(plan_caps)) - so_far[AFTER_TAX]) if plan_caps else 10**15,
        pretax_stop=max(0, _cents(plan.pretax_deferral) - to_roth - so_far[PRETAX])
        if to_roth
        else 10**15,
        rate=paychecks.match_rate.as_integer_ratio(),
        up_to=paychecks.match_up_to.as_integer_ratio(),
        true_up=paychecks.match_true_up,
        year_formula_pay=sum(check.counted for check in checks),
        match_so_far=_cents(paychecks.match_so_far),
    )
    targets = {
        ROTH: max(0, _cents(plan.roth_deferral) + to_roth - so_far[ROTH]),
        PRETAX: max(0, _cents(plan.pretax_deferral) - to_roth - so_far[PRETAX]),
        AFTER_TAX: max(0, _cents(after_tax_contribution) - so_far[AFTER_TAX]),
    }
    step = UNIT_STEP[paychecks.election_unit]
    schedules: dict[str, Schedule] = {}
    wanted: dict[str, list[int]] = {}
    for source in SOURCES:
        others = sum(
            max((value for _, value in chosen), default=0) for chosen in schedules.values()
        )
        schedules[source] = _search(
            setup,
            wanted,
            source,
            {name: targets[name] for name in SOURCES[: SOURCES.index(source) + 1]},
            step,
            others if setup.percent else 0,
        )
        wanted[source] = wanted_amounts(setup, source, schedules[source])
    outcome = simulate(setup, wanted)

    rows = tuple(
        PaycheckRow(
            paid_on=check.paid_on,
            pay=_dollars(check.pay),
            plan_pay=_dollars(check.counted),
            pretax=_dollars(pre),
            roth=_dollars(roth),
            after_tax=_dollars(after),
            match=_dollars(match),
            deferrals_to_date=_dollars(deferrals_so_far + deferred),
            annual_additions_to_date=_dollars(additions_so_far + added),
        )
        for check, (pre, roth, after, match, deferred, added) in zip(
            ahead, outcome.rows, strict=True
        )
    )
    elections = tuple(
        Election(
            source=source,
            starts=ahead[index].paid_on,
            rate=Decimal(value) / ALL_OF_PAY if setup.percent else None,
            dollars=None if setup.percent else _dollars(value),
        )
        for source in (PRETAX, ROTH, AFTER_TAX)
        for index, value in schedules[source]
    )
    reached_on = next(
        (check.paid_on for check in checks if check.counted < check.pay),
        None,
    )
    totals = {source: so_far[source] + outcome.totals[source] for source in SOURCES}
    # The after-tax money already in earns until it moves too (a mid-year audit found only
    # the paychecks ahead counted, so more money in earlier gave fewer earnings).
    deposits = _so_far_deposits(
        [check.paid_on for check in checks if check.paid_on < start], so_far[AFTER_TAX], year
    ) + tuple((row.paid_on, row.after_tax) for row in rows)
    timings = (
        conversion_timings(deposits, plan.conversion_frequency, expected_return)
        if outcome.totals[AFTER_TAX] or so_far[AFTER_TAX]
        else ()
    )
    explain = Explainer(
        setup, outcome, targets, so_far, schedules, paychecks, table, _cents(formula_match)
    )
    return PaycheckPlan(
        frequency=paychecks.frequency,
        election_unit=paychecks.election_unit,
        elections=elections,
        paychecks=rows,
        year_pay=_dollars(year_pay),
        deferral_limit=limit_402g,
        annual_additions_limit=annual_additions_limit,
        pretax_target=plan.pretax_deferral - _dollars(to_roth),
        roth_target=plan.roth_deferral + _dollars(to_roth),
        after_tax_target=after_tax_contribution,
        pretax_total=_dollars(totals[PRETAX]),
        roth_total=_dollars(totals[ROTH]),
        after_tax_total=_dollars(totals[AFTER_TAX]),
        match_total=_dollars(setup.match_so_far + outcome.match_paid + outcome.true_up),
        match_true_up=_dollars(outcome.true_up),
        match_lost=_dollars(outcome.match_lost),
        compensation_limit_reached_on=reached_on,
        conversion_timings=timings,
        recommended_conversion=plan.conversion_frequency if timings else None,
        explanations=_start_moved(paychecks.elections_start, ahead)
        + _catch_up_as_roth(_dollars(to_roth), table, person.prior_year_fica_wages is None)
        + explain.sentences(person, year_pay, reached_on, start),
        employer_outside_paychecks=year_end_employer,
    )


def _catch_up_as_roth(amount: Decimal, table: YearTable, assumed: bool) -> tuple[str, ...]:
    if amount <= ZERO:
        return ()
    threshold = format_money(table.roth_catch_up_wage_threshold or ZERO)
    wages = (
        "this year's pay standing in for last year's Social Security wages from this employer"
        if assumed
        else "last year's Social Security wages from this employer"
    )
    return (
        f"The {format_money(amount)} catch-up is elected as Roth: with {wages} above "
        f"{threshold}, it must be (IRC 414(v)(7)).",
    )


def _start_moved(elections_start: date | None, ahead: Sequence[Check]) -> tuple[str, ...]:
    """An elections date that is not a payday on the schedule: they start with the next one."""
    if elections_start is None or not ahead or ahead[0].paid_on == elections_start:
        return ()
    return (
        f"{long_date(elections_start)} is not a payday on this schedule: the elections start"
        f" with the paycheck of {long_date(ahead[0].paid_on)}. If payday falls on another day,"
        " enter the year's first payday.",
    )


@dataclass(frozen=True, slots=True)
class Explainer:
    """What cannot be reached and what match is lost, in sentences."""

    setup: Setup
    outcome: Outcome
    targets: Mapping[str, int]
    so_far: Mapping[str, int]
    schedules: Mapping[str, Schedule]
    paychecks: Paychecks
    table: YearTable
    formula_match: int

    def sentences(
        self, person: Person, year_pay: int, reached_on: date | None, start: date
    ) -> tuple[str, ...]:
        found: list[str] = []
        checks = self.setup.checks
        if not checks:
            found.append(
                f"No paydays are left on or after {long_date(start)}: nothing more can go in this year."
            )
            return tuple(found)
        if reached_on is not None:
            found.append(
                f"Your pay reaches the {format_money(self.table.compensation_limit)} "
                f"compensation limit (IRC 401(a)(17)) on {long_date(reached_on)}: the plan counts no "
                "pay after it, so the elections take nothing from later paychecks and they earn "
                "no match."
            )
        for source in (PRETAX, ROTH, AFTER_TAX):
            target, total = self.targets[source], self.outcome.totals[source]
            if total < target:
                found.append(self._short(source, total, target))
        found.extend(self._match_lost())
        found.extend(self._all_taken())
        received = self.setup.match_so_far + self.outcome.match_paid + self.outcome.true_up
        if self.formula_match - received > 100:
            found.append(
                f"The other figures count {format_money(_dollars(self.formula_match))} of "
                f"match for the year, these paychecks {format_money(_dollars(received))}: the "
                "415(c) room the difference leaves could take more after-tax money (enter the "
                "lower employer figure to plan for it)."
            )
        compensation = _cents(person.compensation)
        if abs(year_pay - compensation) > 100 * len(checks):
            found.append(
                f"Your paychecks add up to {format_money(_dollars(year_pay))} for the year; the "
                f"other figures use your pay of {format_money(person.compensation)}."
            )
        return tuple(found)

    def _short(self, source: str, total: int, target: int) -> str:
        label = SOURCE_LABELS[source]
        reached = (
            f"The {label} money reaches {format_money(_dollars(self.so_far[source] + total))} of "
            f"{format_money(_dollars(self.so_far[source] + target))} by the last paycheck"
        )
        cap = self.paychecks_cap(source)
        if cap is not None and _cap_binds(self.setup, source, self.schedules[source]):
            why = f"the plan takes at most {format_rate(cap)} of each paycheck {label}"
        elif (bound := self._payroll_tax_bound()) is not None:
            check = self.setup.checks[bound]
            left = format_money(_dollars(check.left_after_payroll_tax))
            why = (
                "Social Security and Medicare tax come out of the same pay, and a higher"
                f" election would ask more than the {left} it leaves of the paycheck of"
                f" {long_date(check.paid_on)}"
            )
        elif not self.setup.percent:
            why = "dollar elections cannot land exactly on the figure without going over it"
        elif total and target - total < self._one_step():
            unit = (
                "whole percents"
                if self.paychecks.election_unit is ElectionUnit.WHOLE_PERCENT
                else "percents to one decimal"
            )
            why = f"payroll takes {unit}, and the next step up would go over the figure"
        else:
            count = len(self.setup.checks)
            remain = "1 paycheck remains" if count == 1 else f"{count} paychecks remain"
            why = (
                f"{remain} from {long_date(self.setup.checks[0].paid_on)} "
                "and the rest of each paycheck goes to the other elections"
            )
        return f"{reached}: {why}."

    def _payroll_tax_bound(self) -> int | None:
        """The first paycheck on which one more step of an election would ask more than
        Social Security and Medicare tax (IRC 3101) leave: payroll withholds that tax from the
        whole pay before any election."""
        step = UNIT_STEP[self.paychecks.election_unit]
        rows = self.outcome.rows
        for index, (check, row) in enumerate(zip(self.setup.checks, rows, strict=True)):
            one_more = step * check.counted // ALL_OF_PAY if self.setup.percent else step
            if check.counted and sum(row[:3]) + one_more > check.left_after_payroll_tax:
                return index
        return None

    def _all_taken(self) -> list[str]:
        """Income tax is withheld from the same pay as the elections and payroll tax."""
        bound = self._payroll_tax_bound()
        if bound is None:
            return []
        check = self.setup.checks[bound]
        return [
            f"On the paycheck of {long_date(check.paid_on)} the elections take nearly all that"
            f" Social Security and Medicare tax leave: {format_money(_dollars(check.pay))} less"
            f" {format_money(_dollars(check.payroll_tax))} of that tax (IRC 3101) leaves"
            f" {format_money(_dollars(check.left_after_payroll_tax))}. Income tax withheld comes"
            " out of the same pay, so payroll may take less than elected: check what the pay"
            " stub leaves before the elections."
        ]

    def _one_step(self) -> int:
        """What one more step of a percent election brings over the paychecks ahead."""
        step = UNIT_STEP[self.paychecks.election_unit]
        return step * sum(check.counted for check in self.setup.checks) // ALL_OF_PAY

    def paychecks_cap(self, source: str) -> Decimal | None:
        return {
            PRETAX: self.paychecks.pretax_cap_percent,
            ROTH: self.paychecks.roth_cap_percent,
            AFTER_TAX: self.paychecks.after_tax_cap_percent,
        }[source]

    def _match_lost(self) -> list[str]:
        outcome, setup = self.outcome, self.setup
        if outcome.match_lost == 0:
            return []
        checks = setup.checks
        reasons = []
        if outcome.match_due > outcome.match_paid and outcome.additions_full_index is not None:
            full_on = long_date(checks[outcome.additions_full_index].paid_on)
            reasons.append(f"the 415(c) limit is full on {full_on}, so later match has no room")
        stop = outcome.deferral_stop_index
        counted_after = [check for check in checks[(stop or 0) + 1 :] if check.counted]
        if stop is not None and counted_after and not setup.true_up:
            after = len(counted_after)
            reasons.append(
                f"the deferrals reach the 402(g) limit on {long_date(checks[stop].paid_on)}, and the "
                f"{after} paycheck{'s' if after > 1 else ''} after it get no match"
            )
        lost_ahead = outcome.match_possible - outcome.match_paid
        if outcome.match_lost > lost_ahead and checks:
            reasons.append(
                f"the paychecks before {long_date(checks[0].paid_on)} brought "
                f"{format_money(_dollars(setup.match_so_far))} of match, less than the "
                "year's formula on the year's deferrals"
            )
        if lost_ahead and not reasons:
            up_to = format_rate(Decimal(setup.up_to[0]) / setup.up_to[1])
            reasons.append(f"some paychecks defer less than the {up_to} of pay the match needs")
        how = "" if setup.true_up else " (the plan matches each paycheck alone, with no true-up)"
        lost = format_money(_dollars(outcome.match_lost))
        return [f"{lost} of match is lost{how}: {'; '.join(reasons)}."]


def election_text(election: Election) -> str:
    amount = (
        format_rate(election.rate)
        if election.rate is not None
        else f"{format_money(election.dollars or ZERO)} a paycheck"
    )
    return f"{SOURCE_LABELS[election.source]} {amount} from {long_date(election.starts)}"


def election_changes(plan: PaycheckPlan) -> list[tuple[date, str]]:
    """Each payday an election starts or changes on, with what to set then:
    (January 5, "pre-tax 10%, after-tax 12%"), (April 13, "pre-tax 9%")."""
    by_day: dict[date, list[str]] = {}
    for election in plan.elections:
        amount = election_text(election).rsplit(" from ", 1)[0]
        by_day.setdefault(election.starts, []).append(amount)
    return [(day, ", ".join(amounts)) for day, amounts in sorted(by_day.items())]


def after_tax_left(plan: PaycheckPlan | None, year_figure: Decimal) -> Decimal:
    """The after-tax money still to contribute: what the paychecks ahead carry, since the year's
    figure counts what is already in ("so far"); without paychecks, the year's figure."""
    if plan is None:
        return year_figure
    return sum((row.after_tax for row in plan.paychecks), ZERO)


def election_sentence(plan: PaycheckPlan) -> str | None:
    """ "Set pre-tax 10%, after-tax 12% from January 5, 2018; then pre-tax 9% from April 13,
    2018." for the verdict; None when there is nothing to elect."""
    changes = election_changes(plan)
    if not changes:
        return None
    parts = [f"{amounts} from {long_date(day)}" for day, amounts in changes]
    text = "Set " + parts[0] + "".join(f"; then {part}" for part in parts[1:]) + "."
    if plan.match_lost:
        text += (
            f" {format_money(plan.match_lost)} of match is lost all the same (see the paychecks)."
        )
    return text
