"""A dated list of what to do, in order, for a planned year.

Each step is one small function with the source of its deadline; `action_checklist` runs
the per-person steps for each person, then the household's, and sorts by date (a stable
sort, so steps due the same day keep this order: contribute before converting).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from planner.engine.contract import DEFAULT_NAMES
from planner.engine.models import (
    AfterTaxRoute,
    ConversionFrequency,
    Household,
    Person,
    PersonResult,
    PlanResult,
    Unknown,
)
from planner.engine.money import ZERO, format_money
from planner.engine.paychecks import election_changes
from planner.engine.tables import year_table

FREQUENCY_WORDS = {
    ConversionFrequency.PER_PAYCHECK: "after every paycheck",
    ConversionFrequency.MONTHLY: "every month",
    ConversionFrequency.QUARTERLY: "every quarter",
    ConversionFrequency.ANNUALLY: "once, before December 31",
}
ROUTE_WORDS = {
    AfterTaxRoute.IN_PLAN_CONVERSION: "Convert the after-tax money to the plan's Roth account",
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: (
        "Roll the after-tax money (and its earnings) out to {your} Roth IRA"
    ),
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "Roll the after-tax contributions to {your} Roth IRA and the earnings to a traditional IRA"
        " in the same distribution (Notice 2014-54)"
    ),
}


@dataclass(frozen=True)
class Action:
    due: date
    title: str
    detail: str
    person: str | None


@dataclass(frozen=True)
class Dates:
    """The planned year's deadlines."""

    year: int
    year_end: date
    # The unextended due date of the return, from the year's table (Form 8606 instructions).
    ira_deadline: date

    @classmethod
    def for_year(cls, year: int) -> Dates:
        return cls(year, date(year, 12, 31), year_table(year).ira_contribution_deadline)


def _your(name: str) -> str:
    # The checklist also goes to an advisor, who reads it about someone else.
    return "your" if name == DEFAULT_NAMES[0] else f"{name}'s"


def _household_your(result: PlanResult) -> str:
    return "your" if result.people[0].name == DEFAULT_NAMES[0] else "the"


def last_deadline(year: int) -> date:
    """The year's last checklist date: the January 15 estimated payment (IRC 6654(c)) or the
    return's due date (Form 8606 and next-year contributions), whichever is later."""
    return max(date(year + 1, 1, 15), year_table(year).ira_contribution_deadline)


def dates_passed(year: int, today: date) -> str | None:
    """The note on a plan whose every date has passed; `today` is the caller's date (the
    engine reads no clock)."""
    if today <= last_deadline(year):
        return None
    return f"These dates have passed: this plan is a record of {year}."


def _long_date(value: date) -> str:
    # "%-d" is a glibc extension (it fails on Windows), so the day is formatted by hand.
    return f"{value:%B} {value.day}, {value.year}"


# Steps for each person ------------------------------------------------------------------

# What to ask the plan about each "not sure" feature, and the words its summary plan
# description uses for it.
PLAN_QUESTIONS = {
    "allows_after_tax": (
        "after-tax contributions",
        "“after-tax contributions” or “voluntary employee contributions”",
    ),
    "allows_in_service_distribution": (
        "in-service distributions of after-tax money",
        "“in-service withdrawal” or “in-service distribution”",
    ),
    "allows_in_plan_roth_conversion": (
        "in-plan Roth conversions",
        "“in-plan Roth rollover” or “in-plan Roth conversion”",
    ),
    "accepts_ira_rollins": (
        "roll-ins of pre-tax IRA money",
        "“rollovers into the plan” or “roll-in”",
    ),
}


def ask_the_plan(
    dates: Dates, person: Person, result: PersonResult, unknowns: Sequence[Unknown]
) -> Action | None:
    """A plan feature answered "not sure" that changes this person's figures (its Unknown's
    yes and no totals differ): the moves that depend on it must be done by December 31
    (after-tax contributions come from this year's pay, Treas. Reg. 1.415(c)-1(b)(6); a
    roll-in must leave the IRAs by then, Form 8606 line 6), so the question comes first,
    due the same day (the stable sort keeps it first). A feature that changes nothing (an
    in-plan conversion when in-service distributions are allowed, roll-ins with no pre-tax
    IRA money) is not asked."""
    changing = {
        unknown.field
        for unknown in unknowns
        if unknown.person == result.name and unknown.if_yes != unknown.if_no
    }
    asked = [name for name in PLAN_QUESTIONS if name in changing]
    if not asked:
        return None
    asks = [PLAN_QUESTIONS[name][0] for name in asked]
    words = "; ".join(
        f"{PLAN_QUESTIONS[name][0]}: look for {PLAN_QUESTIONS[name][1]}" for name in asked
    )
    then = []
    if any(name != "accepts_ira_rollins" for name in asked):
        then.append(
            "contribute after-tax to the 401(k) only once the plan confirms a way out to Roth "
            "(left in the plan, after-tax money grows with taxable earnings)"
        )
    if "accepts_ira_rollins" in asked:
        then.append("if it takes roll-ins, roll the pre-tax IRA money in by December 31")
    return Action(
        dates.year_end,
        f"Ask {_your(result.name)} plan administrator whether the plan allows " + _and_list(asks),
        f"In the summary plan description, {words}. Then {'; '.join(then)}. The results count"
        f" each of these as no until {'you know' if result.name == DEFAULT_NAMES[0] else 'it is known'}.",
        result.name,
    )


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def after_tax_contribution(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """Payroll after-tax contributions: only wages paid in the plan year count toward that
    year's 415(c) annual additions (Treas. Reg. 1.415(c)-1(b)(6)), so the last paycheck of
    the year is the deadline. Only money that then moves to Roth: after-tax money left in the
    plan grows with earnings taxed when paid out (tax-rules §4.4), and a way out that is "not
    sure" is ask_the_plan's step."""
    mega = result.mega_backdoor_roth
    after_tax = mega.after_tax_contribution
    if after_tax <= 0 or mega.route not in ROUTE_WORDS:
        return None
    return Action(
        dates.year_end,
        f"Contribute {format_money(after_tax)} after-tax to the 401(k) through payroll",
        "Spread over the year's paychecks; the last one of the year is the deadline."
        f" Check {_your(result.name)} plan's after-tax election form.",
        result.name,
    )


def after_tax_move(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """Moving the after-tax money to Roth: an in-plan Roth rollover (IRC 402A(c)(4)) or an
    in-service distribution split by Notice 2014-54; earnings taxed until it moves."""
    mega = result.mega_backdoor_roth
    if mega.after_tax_contribution <= 0 or mega.route not in ROUTE_WORDS:
        return None
    frequency = person.plan.conversion_frequency if person.plan else None
    words = FREQUENCY_WORDS[frequency or ConversionFrequency.PER_PAYCHECK]
    return Action(
        dates.year_end,
        ROUTE_WORDS[mega.route].format(your=_your(result.name)),
        f"Do it {words}; the sooner the money moves, the smaller the taxable earnings.",
        result.name,
    )


def ira_roll_in(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """Rolling pre-tax IRA money into the 401(k): Form 8606 line 6 is the December 31 value
    of the IRAs (Instructions for Form 8606), and only pre-tax money may go to the plan
    (IRC 408(d)(3)(A)(ii))."""
    # The result's figure, not the input balance: Notice 2014-54 earnings sent to a
    # traditional IRA must go too, and an IRA holding only basis has nothing to roll.
    rolled = result.backdoor_roth.rolled_into_plan
    if not person.ira.roll_into_plan or rolled <= 0:
        return None
    return Action(
        dates.year_end,
        f"Roll the pre-tax IRA money ({format_money(rolled)}) into {_your(result.name)} 401(k)",
        f"It must be out of {_your(result.name)} IRAs by December 31 to leave the pro-rata"
        " calculation"
        " (Form 8606 line 6 is the December 31 value). Leave the basis behind.",
        result.name,
    )


def nondeductible_contribution(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """The nondeductible IRA contribution: due by the unextended due date of the return
    (IRC 219(f)(3), Pub. 590-A); one made next year is Form 8606 line 4 and converts next
    year (Instructions for Form 8606, lines 4 and 8)."""
    contribution = result.backdoor_roth.nondeductible_contribution
    if contribution <= 0:
        return None
    year = dates.year
    if person.ira.contribution_made_next_year:
        due = dates.ira_deadline
        detail = (
            f"Between January 1 and {_long_date(due)}, designated for {year}."
            " It is basis carried forward on Form 8606 line 14 and is converted"
            f" in {year + 1}, not {year} (a conversion counts in the year it happens)."
        )
    else:
        due = dates.year_end
        before = "you convert" if result.name == DEFAULT_NAMES[0] else "converting"
        detail = f"Designate it for {year} and make it before {before}, by December 31."
    return Action(
        due,
        f"Contribute {format_money(contribution)} nondeductible to a traditional IRA",
        detail,
        result.name,
    )


def required_distribution(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """The year's RMD comes out first: the first dollars distributed in an RMD year count
    toward it and it cannot be converted (Treas. Reg. 1.402(c)-2 Q&A-7; IRC 408(d)(3)(E)).
    Only the first RMD may wait until April 1 of next year (IRC 401(a)(9)(C))."""
    amount = result.backdoor_roth.required_minimum_distribution
    if amount <= 0:
        return None
    return Action(
        dates.year_end,
        f"Take the {format_money(amount)} required minimum distribution from the traditional IRA",
        "Before any conversion this year: the first dollars out count toward the RMD, and an"
        " RMD can't be converted. It is income (Form 8606 line 7).",
        result.name,
    )


def conversion(dates: Dates, person: Person, result: PersonResult) -> Action | None:
    """The Roth conversion: it counts in the calendar year it happens (Form 8606 line 8)
    and can no longer be recharacterized (IRC 408A(d)(6)(B)(iii), from 2018)."""
    converted = result.backdoor_roth.conversion
    if converted <= 0:
        return None
    return Action(
        dates.year_end,
        f"Convert {format_money(converted)} from the traditional IRA to {_your(result.name)}"
        " Roth IRA",
        "A conversion counts in the calendar year it happens and can't be undone.",
        result.name,
    )


def paycheck_elections(dates: Dates, result: PersonResult) -> list[Action]:
    """Each payday a paycheck election starts or changes on (planner/engine/paychecks.py),
    due that payday: payroll must have the election before it."""
    plan = result.paychecks
    if plan is None:
        return []
    return [
        Action(
            day,
            f"{'Set' if number == 0 else 'Change to'} {amounts} from {_long_date(day)}",
            f"Give {_your(result.name)} payroll the election before this payday; the paycheck"
            " table on the results page shows what each paycheck then takes.",
            result.name,
        )
        for number, (day, amounts) in enumerate(election_changes(plan))
    ]


# Steps for the household ----------------------------------------------------------------


def estimated_tax_payment(dates: Dates, result: PlanResult) -> Action | None:
    """Tax on the taxable amounts: the fourth-quarter estimated payment is due January 15
    of the next year (IRC 6654(c)); nothing is withheld on a conversion by default."""
    tax_due = result.totals.both.tax_due
    if tax_due <= ZERO:
        return None
    return Action(
        date(dates.year + 1, 1, 15),
        f"Pay about {format_money(tax_due)} of tax on the taxable amounts",
        "Nothing is withheld on conversions by default: raise"
        f" {_household_your(result)} withholding or make a"
        " fourth-quarter estimated payment to avoid an underpayment penalty.",
        None,
    )


def file_form_8606(dates: Dates, result: PlanResult) -> Action | None:
    """Form 8606 goes with the return, due on the unextended due date (Instructions for
    Form 8606, "Who must file" and "When and where to file")."""
    if not any(person.backdoor_roth.form_8606 for person in result.people):
        return None
    return Action(
        dates.ira_deadline,
        f"File Form 8606 with {_household_your(result)} tax return",
        "One Form 8606 for each person with a nondeductible contribution or conversion."
        " Keep it: line 14 is next year's basis.",
        None,
    )


PersonStep = Callable[[Dates, Person, PersonResult], Action | None]
HouseholdStep = Callable[[Dates, PlanResult], Action | None]

PERSON_STEPS: tuple[PersonStep, ...] = (
    after_tax_contribution,
    after_tax_move,
    ira_roll_in,
    nondeductible_contribution,
    required_distribution,
    conversion,
)
HOUSEHOLD_STEPS: tuple[HouseholdStep, ...] = (estimated_tax_payment, file_form_8606)


def action_checklist(household: Household, result: PlanResult) -> list[Action]:
    """Actions with their deadlines, soonest first, for a household and its result."""
    dates = Dates.for_year(result.tax_year)
    actions: list[Action] = []
    for person, person_result in zip(household.people, result.people, strict=True):
        ask = ask_the_plan(dates, person, person_result, result.unknowns)
        actions += [] if ask is None else [ask]
        actions += paycheck_elections(dates, person_result)
        actions += [
            action
            for step in PERSON_STEPS
            if (action := step(dates, person, person_result)) is not None
        ]
    actions += [action for step in HOUSEHOLD_STEPS if (action := step(dates, result)) is not None]
    return sorted(actions, key=lambda action: action.due)
