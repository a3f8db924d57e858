"""Next year's plan from this year's: what carries over, and what starts again.

Carried over: each person's Form 8606 line 14 (the basis carried forward, never below 0)
becomes next year's line 2 (`ira.basis`), ages go up by one and the years to retirement down
by one, the traditional IRA money left
on December 31 grows for a year at the assumed return, and the plan's features and the
household's choices stay. Started again: the amounts that belong to one year (a chosen
conversion, earnings typed for this year's moves). Amounts left as "as much as allowed"
stay null, so next year's limits apply; amounts typed in that go over next year's limits
are lowered to them, with a note saying so.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from planner.engine.contract import DEFAULT_NAMES, Household, Ira, Paychecks, PayFrequency
from planner.engine.errors import UnknownTaxYear
from planner.engine.limits import CATCH_UP_AGE, deferral_limit, ira_dollar_limit
from planner.engine.models import IraRoute
from planner.engine.money import ONE, ZERO, cents, format_money
from planner.engine.paychecks import paydays
from planner.engine.so_far import BALANCES_TODAY, year_end_value
from planner.engine.tables import available_years as tax_years
from planner.engine.tables import has_year, year_table
from planner.engine.vocabulary import DECISION_LABELS

DEFAULT_RETURN = Decimal("0.06")
# Amounts that describe one year's moves: next year starts without them.
ONE_YEAR_IRA_FIELDS = (
    "conversion",
    "earnings_before_conversion",
    # What was already done, dated in its year, and balances on a day of it.
    "contributions_made",
    "conversions_made",
    *BALANCES_TODAY,
)
ONE_YEAR_PLAN_FIELDS = ("after_tax_earnings",)
# The paychecks' dates and year-to-date amounts belong to their year; how pay comes does not.
ONE_YEAR_PAYCHECK_FIELDS = (
    "first_pay_date",
    "elections_start",
    "bonuses",
    "pretax_so_far",
    "roth_so_far",
    "after_tax_so_far",
    "match_so_far",
)


@dataclass(frozen=True)
class NextYear:
    inputs: dict[str, Any]
    notes: tuple[str, ...]


def _decimal(value: Any) -> Decimal:
    return Decimal(str(value)) if value not in (None, "") else ZERO


def _number(value: Decimal) -> int | float:
    """A JSON number, as the wizard stores money: whole dollars as int, else cents."""
    value = cents(value)
    return int(value) if value == value.to_integral_value() else float(value)


def carried_as_entered(name: str, route: str, year: int) -> str:
    """The note for a person whose previous year's answer changed the backdoor entered."""
    return (
        f"{name}: the {year - 1} answer changed the backdoor entered"
        f" ({DECISION_LABELS[route].lower()}); the IRA balance and basis"
        f" are carried as entered: change them if {year - 1} went as the answer said."
    )


def direct_roth_carried(name: str, basis: Decimal, year: int) -> str:
    return (
        f"{name}: the {year - 1} answer contributed straight to a Roth IRA, so the basis carried"
        f" is the answer's, {format_money(basis)}; if the backdoor as entered was done instead,"
        f" enter its Form 8606 line 14."
    )


def _carry_person(
    person: dict[str, Any],
    person_result: Mapping[str, Any],
    decided_ira: Mapping[str, Any] | None,
    growth: Decimal,
    year: int,
) -> list[str]:
    name = person.get("name") or person_result.get("name") or DEFAULT_NAMES[0]
    notes: list[str] = []
    table = year_table(year)
    age = person.get("age")
    if isinstance(age, int):
        age += 1
        person["age"] = age
    else:
        age = 0
    backdoor = person_result["backdoor_roth"]
    mega = person_result["mega_backdoor_roth"]
    ira = person.setdefault("ira", {})
    ira["basis"] = _number(_decimal(backdoor["basis_carried_forward"]))
    # December 31's value as the year's plan had it (Form 8606 line 6 before a roll-in):
    # from today's balances, when given, and what was still to be done.
    december_31 = year_end_value(
        Ira.model_validate(ira),
        _decimal(backdoor.get("nondeductible_contribution")),
        _decimal(backdoor.get("conversion")),
    )
    left_in_iras = (
        december_31
        + _decimal(mega.get("earnings_to_traditional_ira"))
        - _decimal(backdoor.get("rolled_into_plan"))
    )
    if decided_ira and decided_ira.get("skipped"):
        # What happened is not known: the year is carried as entered, and the person told.
        notes.append(carried_as_entered(name, decided_ira["route"], year))
    if decided_ira and decided_ira.get("route") == IraRoute.DIRECT_ROTH:
        # The answer contributed straight to a Roth IRA: no Form 8606 basis came of the
        # backdoor entered, so the answer's line 14 carries (it says so).
        basis = _decimal(decided_ira.get("basis_carried_forward"))
        if basis != _decimal(ira["basis"]):
            ira["basis"] = _number(basis)
            notes.append(direct_roth_carried(name, basis, year))
    # Next year's required minimum distribution is on this December 31's value (Form 5498
    # box 5; Pub. 590-B).
    ira["prior_year_end_balance"] = _number(max(ZERO, left_in_iras))
    ira["year_end_balance"] = _number(max(ZERO, left_in_iras) * growth)
    for key in ONE_YEAR_IRA_FIELDS:
        ira.pop(key, None)
    contribution = ira.get("nondeductible_contribution")
    ira_limit = ira_dollar_limit(table, age)
    if contribution is not None and _decimal(contribution) > ira_limit:
        ira["nondeductible_contribution"] = _number(ira_limit)
        notes.append(
            f"{name}: the IRA contribution was lowered to {year}'s limit, {format_money(ira_limit)}."
        )
    compensation = person.get("compensation")
    if compensation is not None and age >= CATCH_UP_AGE:
        # IRC 414(v)(7): whether a catch-up must be Roth turns on the prior year's FICA wages.
        # W-2 box 3 stops at the Social Security wage base (IRC 3121(a)(1)).
        base = year_table(year - 1).social_security_wage_base
        person["prior_year_fica_wages"] = _number(min(_decimal(compensation), base))
        notes.append(
            f"{name}: {year - 1} pay, up to that year's Social Security wage base, is taken as"
            f" {year}'s prior-year FICA wages (W-2 box 3); change it if they differ."
        )
    plan = person.get("plan")
    if isinstance(plan, dict):
        for key in ONE_YEAR_PLAN_FIELDS:
            plan.pop(key, None)
        if isinstance(plan.get("paychecks"), dict):
            paychecks = plan["paychecks"]
            this_year = Paychecks.model_validate(paychecks)
            counted_from = len(paydays(this_year, year - 1))
            for key in ONE_YEAR_PAYCHECK_FIELDS:
                paychecks.pop(key, None)
            first = this_year.first_pay_date
            if first is not None and this_year.frequency in (
                PayFrequency.WEEKLY,
                PayFrequency.BIWEEKLY,
            ):
                # The same paydays go on: next year's first is this year's schedule carried on.
                step = 7 if this_year.frequency is PayFrequency.WEEKLY else 14
                while first.year < year:
                    first += timedelta(days=step)
                paychecks["first_pay_date"] = first.isoformat()
            # Without a first payday both years count the engine's own paydays: the same
            # regular pay over next year's (27 Fridays in 2027, say). With one, the pay per
            # paycheck is a fact of the payroll (a new job's, say) and stays.
            counted_to = len(paydays(Paychecks.model_validate(paychecks), year))
            if this_year.first_pay_date is None and counted_from != counted_to and counted_to:
                regular = _decimal(paychecks.get("pay_per_period")) * counted_from
                paychecks["pay_per_period"] = _number(regular / counted_to)
                notes.append(
                    f"{name}: {year} has {counted_to} paydays, {year - 1} had {counted_from}: "
                    f"the pay per paycheck is the same year's pay over them, "
                    f"{format_money(cents(regular / counted_to))}; change it if it stays."
                )
        pretax, roth = _decimal(plan.get("pretax_deferral")), _decimal(plan.get("roth_deferral"))
        limit = deferral_limit(table, age)
        if pretax + roth > limit:
            # Roth deferrals are kept first: they are the Roth dollars the plan is after.
            roth = min(roth, limit)
            plan["roth_deferral"] = _number(roth)
            plan["pretax_deferral"] = _number(limit - roth)
            notes.append(
                f"{name}: 401(k) deferrals were lowered to {year}'s limit at age {age},"
                f" {format_money(limit)}."
            )
    return notes


def next_year_plan(inputs: Mapping[str, Any], result: Mapping[str, Any]) -> NextYear:
    """The contract input for the year after `result["tax_year"]`, with notes on what changed.

    Raises UnknownTaxYear, naming the years available, when next year has no limits table.
    """
    year = int(result["tax_year"]) + 1
    if not has_year(year):
        raise UnknownTaxYear(year, tax_years())
    new = copy.deepcopy(dict(inputs))
    new["tax_year"] = year
    # Retirement is a year closer, as everyone is a year older.
    years_left = new.get("years_to_retirement")
    if years_left is None:
        years_left = Household.model_fields["years_to_retirement"].default
    new["years_to_retirement"] = max(0, int(years_left) - 1)
    expected_return = new.get("expected_return")
    growth = ONE + (DEFAULT_RETURN if expected_return is None else _decimal(expected_return))
    notes: list[str] = []
    people = new.get("people") or []
    decided = (result.get("decision") or {}).get("people") or [{}] * len(people)
    for person, person_result, decided_person in zip(
        people, result["people"], decided, strict=True
    ):
        notes += _carry_person(person, person_result, decided_person.get("ira"), growth, year)
    if year_table(year).provisional:
        notes.append(
            f"{year}'s official figures are not all in this planner yet: the plan uses the"
            " last ones it has where they are missing, marked provisional."
        )
    if new.get("limit_overrides"):
        notes.append(f"Your own limits were kept for {year}: check them against the plan's.")
    return NextYear(new, tuple(notes))


def next_year_inputs(inputs: Mapping[str, Any], result: Mapping[str, Any]) -> dict[str, Any]:
    return next_year_plan(inputs, result).inputs
