"""The advisor packet's files: the checklist as iCalendar, the plan as JSON and CSV.

Built from what the results pages already show (the checklist's Actions, the contract
input and result), so the files and the pages always agree.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Collection, Iterable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

import icalendar

from planner.engine.vocabulary import STRATEGY_LABELS, TOTALS_LABELS
from planner.templatetags.planner_tags import FORM_8606_LINES

PRODUCT_ID = "-//Backdoor Roth planner//Checklist//EN"
STRATEGIES = tuple(STRATEGY_LABELS.items())
TOTAL_ROWS = (
    ("roth_added", TOTALS_LABELS["roth_added"]),
    ("taxable_amount", TOTALS_LABELS["taxable_amount"]),
    ("nontaxable_amount", "Nontaxable amount"),
    ("tax_due", TOTALS_LABELS["tax_due"]),
    ("after_tax_room", "After-tax 401(k) room"),
    ("after_tax_room_used", "After-tax 401(k) room used"),
    ("basis_carried_forward", "Basis carried forward"),
    ("value_at_retirement", "Value at retirement"),
)


class ChecklistStep(Protocol):
    """planner.engine.checklist.Action, whichever arguments built it."""

    due: Any
    title: str
    detail: str
    person: str | None


def checklist_calendar(
    steps: Iterable[ChecklistStep],
    *,
    name: str,
    url: str,
    uid_seed: str,
    passed: Collection[ChecklistStep] = (),
) -> bytes:
    """One all-day event per step (RFC 5545), each linking back to the plan at `url`; a step
    in `passed` (dated before today while others are ahead) says so in its title.

    UIDs come from a digest of `uid_seed` and the step, so a download made again updates
    the same events in a calendar instead of adding copies.
    """
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    # An X- property is not escaped unless it is given as text (a line break would be a 500).
    calendar.add("x-wr-calname", icalendar.vText(name))
    stamp = datetime.now(UTC).replace(microsecond=0)
    for index, step in enumerate(steps):
        event = icalendar.Event()
        digest = hashlib.sha256(f"{uid_seed}:{index}:{step.title}".encode()).hexdigest()[:32]
        event.add("uid", f"{digest}@rothsite")
        event.add("dtstamp", stamp)
        event.add("dtstart", step.due)
        event.add("dtend", step.due + timedelta(days=1))
        summary = f"{step.title} ({step.person})" if step.person else step.title
        if step in passed:
            summary = f"Date passed: {summary}"
        event.add("summary", summary)
        event.add("description", f"{step.detail}\n\nThe plan: {name}\n{url}")
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        if step not in passed and step.due >= stamp.date():
            event.add_component(_reminder(summary))
        calendar.add_component(event)
    return calendar.to_ical()


# A deadline is the last day: a custodian or payroll needs days to act on a request, so each
# step reminds a week ahead (RFC 5545 VALARM, relative to the all-day event's start).
REMIND_BEFORE = timedelta(days=7)


def _reminder(summary: str) -> icalendar.Alarm:
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", -REMIND_BEFORE)
    alarm.add("description", f"In a week: {summary}")
    return alarm


def plan_document(scenario_name: str, inputs: Mapping[str, Any], result: Mapping[str, Any]) -> dict:
    """The contract JSON of inputs and results (planner-contract.md), with the plan's name."""
    return {
        "name": scenario_name,
        "tax_year": result.get("tax_year"),
        "inputs": inputs,
        "result": result,
    }


# OWASP's CSV injection guidance: a text cell a spreadsheet would read as a formula (or a
# tab or line start that hides one) gets a leading apostrophe, which shows it as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def plan_csv(result: Mapping[str, Any]) -> str:
    """The side-by-side table and each person's Form 8606 lines (and the answer's, where it
    differs), one value per row."""
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\r\n")
    rows.writerow(["section", "person", "item", "line", "strategy", "value"])
    totals = result.get("totals", {})
    for key, label in TOTAL_ROWS:
        for strategy, strategy_label in STRATEGIES:
            value = totals.get(strategy, {}).get(key)
            if value is not None:
                rows.writerow(["side_by_side", "", label, "", strategy_label, value])
    # The answer's own totals: the side by side is each strategy as entered.
    decision = result.get("decision") or {}
    for key, label in TOTAL_ROWS:
        if decision.get(key) is not None:
            rows.writerow(["answer", "", label, "", "The answer", decision[key]])
    decided = (result.get("decision") or {}).get("people", [])
    for index, person in enumerate(result.get("people", [])):
        name = person.get("name", "")
        _form_rows(rows, "form_8606", name, person.get("backdoor_roth", {}).get("form_8606"))
        # The answer's own Form 8606, where it changes the backdoor entered (a roll-in first,
        # the whole IRA converted): the rows above are the one entered.
        ira = decided[index].get("ira", {}) if index < len(decided) else {}
        if ira.get("skipped"):
            _form_rows(rows, "form_8606_answer", name, ira.get("form_8606"))
    return out.getvalue()


def _form_rows(rows: Any, section: str, name: str, form: Mapping[str, Any] | None) -> None:
    if not form:
        return
    for key, number, label in FORM_8606_LINES:
        if key in form:
            value = "" if form[key] is None else form[key]
            rows.writerow([csv_cell(cell) for cell in (section, name, label)] + [number, "", value])
