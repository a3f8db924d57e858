"""A dated list of what to do, in order, for a planned year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from planner.engine.money import format_money
from planner.engine.tables import year_table

FREQUENCY_WORDS = {
    "per_paycheck": "after every paycheck",
    "monthly": "every month",
    "quarterly": "every quarter",
    "annually": "once, before December 31",
}
ROUTE_WORDS = {
    "in_plan_conversion": "Convert the after-tax money to the plan's Roth account",
    "rollover_to_roth_ira": "Roll the after-tax money (and its earnings) out to your Roth IRA",
    "split_earnings_to_traditional_ira": (
        "Roll the after-tax contributions to your Roth IRA and the earnings to a traditional IRA"
        " in the same distribution (Notice 2014-54)"
    ),
}


@dataclass(frozen=True)
class Action:
    due: date
    title: str
    detail: str
    person: str | None


def _long_date(value: date) -> str:
    # "%-d" is a glibc extension (it fails on Windows), so the day is formatted by hand.
    return f"{value:%B} {value.day}, {value.year}"


def _money(value: Any) -> Decimal:
    return Decimal(str(value or 0))


def action_checklist(inputs: Mapping[str, Any], result: Mapping[str, Any]) -> list[Action]:
    """Actions with their deadlines, soonest first, from a contract input and its result."""
    year = int(result["tax_year"])
    table = year_table(year)
    year_end = date(year, 12, 31)
    deadline = table.ira_contribution_deadline
    actions: list[Action] = []
    for person_in, person in zip(inputs.get("people", []), result["people"], strict=False):
        name = person["name"]
        plan = person_in.get("plan") or {}
        ira = person_in.get("ira") or {}
        mega = person["mega_backdoor_roth"]
        after_tax = _money(mega["after_tax_contribution"])
        if after_tax > 0:
            actions.append(
                Action(
                    year_end,
                    f"Contribute {format_money(after_tax)} after-tax to the 401(k) through payroll",
                    "Spread over the year's paychecks; the last one of the year is the deadline."
                    " Check your plan's after-tax election form.",
                    name,
                )
            )
            if mega["route"] in ROUTE_WORDS:
                frequency = FREQUENCY_WORDS.get(plan.get("conversion_frequency") or "per_paycheck")
                actions.append(
                    Action(
                        year_end,
                        ROUTE_WORDS[mega["route"]],
                        f"Do it {frequency}; the sooner the money moves, the smaller the taxable earnings.",
                        name,
                    )
                )
        backdoor = person["backdoor_roth"]
        # The result's figure, not the input balance: Notice 2014-54 earnings sent to a
        # traditional IRA must go too, and an IRA holding only basis has nothing to roll.
        rolled = _money(backdoor.get("rolled_into_plan"))
        if ira.get("roll_into_plan") and rolled > 0:
            actions.append(
                Action(
                    year_end,
                    f"Roll the pre-tax IRA money ({format_money(rolled)}) into your 401(k)",
                    "It must be out of your IRAs by December 31 to leave the pro-rata calculation"
                    " (Form 8606 line 6 is the December 31 value). Leave the basis behind.",
                    name,
                )
            )
        contribution = _money(backdoor["nondeductible_contribution"])
        if contribution > 0:
            if ira.get("contribution_made_next_year"):
                when, detail = (
                    deadline,
                    (
                        f"Between January 1 and {_long_date(deadline)}, designated for {year}."
                        " It is basis carried forward on Form 8606 line 14 and is converted"
                        f" in {year + 1}, not {year} (a conversion counts in the year it happens)."
                    ),
                )
            else:
                when, detail = (
                    year_end,
                    (f"Designate it for {year} and make it before you convert, by December 31."),
                )
            actions.append(
                Action(
                    when,
                    f"Contribute {format_money(contribution)} nondeductible to a traditional IRA",
                    detail,
                    name,
                )
            )
        conversion = _money(backdoor["conversion"])
        if conversion > 0:
            actions.append(
                Action(
                    year_end,
                    f"Convert {format_money(conversion)} from the traditional IRA to your Roth IRA",
                    "A conversion counts in the calendar year it happens and can't be undone.",
                    name,
                )
            )
    tax_due = _money(result["totals"]["both"]["tax_due"])
    if tax_due > 0:
        actions.append(
            Action(
                date(year + 1, 1, 15),
                f"Pay about {format_money(tax_due)} of tax on the taxable amounts",
                "Nothing is withheld on conversions by default: raise your withholding or make a"
                " fourth-quarter estimated payment to avoid an underpayment penalty.",
                None,
            )
        )
    if any(p["backdoor_roth"]["form_8606"] for p in result["people"]):
        actions.append(
            Action(
                deadline,
                "File Form 8606 with your tax return",
                "One Form 8606 for each person with a nondeductible contribution or conversion."
                " Keep it: line 14 is next year's basis.",
                None,
            )
        )
    return sorted(actions, key=lambda action: action.due)
