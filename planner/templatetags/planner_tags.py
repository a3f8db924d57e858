"""Filters and tags that show the engine's result objects: money, rates, Form 8606 lines,
the checklist and the charts; and times as <time> elements."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import timezone
from django.utils.dateformat import DateFormat
from django.utils.html import format_html
from django.utils.safestring import SafeString

from planner import charts
from planner.engine import Form8606, Household, PlanResult, Projection, Totals, Warning
from planner.engine.checklist import (
    Action,
    Step,
    StepsFromToday,
    action_checklist,
    dates_passed,
)
from planner.engine.models import (
    Done,
    Election,
    IraRoute,
    MegaRoute,
    PersonDecision,
    Repair,
    StepLeft,
    Verdict,
)
from planner.engine.paychecks import SOURCE_LABELS
from planner.engine.progress import done_sentence, left_sentence, repair_sentence
from planner.engine.verdict import verdict
from planner.engine.vocabulary import (
    DECISION_LABELS,
    DOLLAR_EFFECT_LABELS,
    ELECTION_UNIT_LABELS,
    FREQUENCY_LABELS,
    ROUTE_LABELS,
    STRATEGY_LABELS,
    TOTALS_LABELS,
)
from planner.engine.voice import Voice

register = template.Library()


def _decimal(value: Decimal | int | float | str | None) -> Decimal | None:
    if isinstance(value, Decimal):
        return value
    # A JSON number (a stored input, say) shows as the same Decimal would.
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def money(value: Decimal | int | float | str | None) -> str:
    """$24,000 for whole dollars, $1,451.61 with cents, an en dash for nothing."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    sign = "−" if amount < 0 else ""
    amount = abs(amount).quantize(Decimal("0.01"))
    if amount == amount.to_integral_value():
        return f"{sign}${amount:,.0f}"
    return f"{sign}${amount:,.2f}"


@register.simple_tag
def local_time(moment: datetime) -> SafeString:
    """A <time> element in the current time zone, as `date:'c'` and `date:"M j, Y, g:i a T"`
    would show it. A list shows many: one conversion, and the letters' methods called
    directly, as reading the format string again costs five times as much."""
    local = DateFormat(timezone.localtime(moment))
    words = f"{local.M()} {local.j()}, {local.Y()}, {local.g()}:{local.i()} {local.a()} {local.T()}"
    return format_html('<time datetime="{}">{}</time>', local.c(), words)


@register.filter
def percent(value: Decimal | None) -> str:
    """A fraction shown as a percentage: 0.24 -> 24%, 0.0925 -> 9.25%."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    shown = (amount * 100).quantize(Decimal("0.01")).normalize()
    return f"{shown:f}%"


@register.filter
def ratio(value: Decimal | None) -> str:
    amount = _decimal(value)
    return "–" if amount is None else f"{amount:.5f}".rstrip("0").rstrip(".") or "0"


FORM_8606_LINES = [
    ("line_1", "1", "Nondeductible contributions for the year"),
    ("line_2", "2", "Basis from last year's Form 8606, line 14"),
    ("line_3", "3", "Add lines 1 and 2"),
    (
        "line_4",
        "4",
        "Contributions for this year made January 1 to the April due date of next year",
    ),
    ("line_5", "5", "Line 3 minus line 4"),
    ("line_6", "6", "December 31 value of all traditional, SEP and SIMPLE IRAs"),
    ("line_7", "7", "Distributions (not conversions or rollovers)"),
    ("line_8", "8", "Net amount converted to Roth"),
    ("line_9", "9", "Add lines 6, 7 and 8"),
    ("line_10", "10", "Line 5 divided by line 9 (not more than 1)"),
    ("line_11", "11", "Nontaxable part of the conversion: line 8 × line 10"),
    ("line_12", "12", "Nontaxable part of distributions: line 7 × line 10"),
    ("line_13", "13", "Add lines 11 and 12"),
    ("line_14", "14", "Basis carried to next year: line 3 minus line 13"),
    ("line_15a", "15a", "Taxable part of distributions"),
    ("line_16", "16", "Amount converted"),
    ("line_17", "17", "Basis in the amount converted"),
    ("line_18", "18", "Taxable amount of the conversion: line 16 minus line 17"),
]


@register.simple_tag
def form_8606_rows(form: Form8606) -> list[dict[str, Any]]:
    """The form's lines in order with their wording; skipped lines come back as None."""
    rows = []
    for key, number, label in FORM_8606_LINES:
        value = getattr(form, key)
        shown = ratio(value) if key == "line_10" else money(value)
        rows.append({"number": number, "label": label, "value": None if value is None else shown})
    return rows


@register.filter
def election_amount(election: Election) -> str:
    """10% (of pay) or $712 a paycheck, as payroll takes it."""
    if election.rate is not None:
        return percent(election.rate)
    return f"{money(election.dollars)} a paycheck"


@register.filter
def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source).capitalize()


@register.filter
def election_unit_label(unit: str) -> str:
    return ELECTION_UNIT_LABELS.get(unit, unit)


@register.filter
def frequency_label(frequency: str | None) -> str:
    return FREQUENCY_LABELS.get(frequency or "", "–")


@register.filter
def route_label(route: str | None) -> str:
    return ROUTE_LABELS.get(route or "", "–")


def page_voice(name: str | None) -> Voice:
    """The page's voice: "advisor" on shared pages (the view sets `voice`), else the owner's."""
    return Voice.ADVISOR if name == "advisor" else Voice.OWNER


@register.simple_tag
def who(name: str, voice: str | None = None) -> str:
    """ "you", "Alex" or "the client", inside a sentence, in the page's voice."""
    return page_voice(voice).subject(name)


@register.simple_tag
def whose(name: str, voice: str | None = None) -> str:
    """ "Your", "Alex's" or "The client's", opening a caption, in the page's voice."""
    voiced = page_voice(voice)
    return voiced.starts(voiced.possessive(name))


@register.simple_tag
def checklist(household: Household, result: PlanResult, voice: str | None = None) -> list[Action]:
    return action_checklist(household, result, page_voice(voice))


@register.simple_tag(takes_context=True)
def verdict_for(
    context: template.Context, result: PlanResult, voice: str | None = None
) -> Verdict | None:
    """The verdict said in the page's voice, from the result's one decision."""
    if result.decision is None:
        return result.verdict
    if page_voice(voice) is Voice.OWNER:
        return result.verdict
    return verdict(result, page_voice(voice), _today(context))


@register.simple_tag
def answer_replaces_entered(result: PlanResult, index: int) -> dict[str, Any] | None:
    """When the answer changes a person's backdoor as entered (contributes straight to a Roth
    IRA, rolls the IRA in first, skips it, converts the whole IRA): its route, both figures
    and the answer's Form 8606."""
    decision = result.decision
    if decision is None:
        return None
    ira = decision.people[index].ira
    entered = result.people[index].backdoor_roth
    if ira.skipped is not None:
        entered_taxable, entered_tax_due = ira.skipped.taxable_amount, ira.skipped.tax_due
    elif ira.route is IraRoute.DIRECT_ROTH and entered.nondeductible_contribution > 0:
        entered_taxable, entered_tax_due = entered.taxable_amount, entered.tax_due
    else:
        return None
    return {
        "label": DECISION_LABELS[ira.route],
        "skip": ira.route is IraRoute.SKIP,
        "taxable": ira.taxable_amount,
        "tax_due": ira.tax_due,
        "entered_taxable": entered_taxable,
        "entered_tax_due": entered_tax_due,
        "form_8606": ira.form_8606,
    }


@register.filter
def answer_differs(result: PlanResult) -> bool:
    """Whether the answer's totals are not the "Both" column's (the strategies as entered)."""
    decision, both = result.decision, result.totals.both
    return decision is not None and (
        decision.roth_added != both.roth_added or decision.tax_due != both.tax_due
    )


@register.filter
def takes_after_tax(result: PlanResult) -> bool:
    """Whether any plan, as entered, takes after-tax contributions (a "not sure" is a no): the
    side by side's after-tax room counts only those plans."""
    return any(
        block is not None and block.route is not None
        for person in result.people
        for block in (person.mega_backdoor_roth, person.second_plan_mega_backdoor_roth)
    )


@register.simple_tag
def decision_badges(result: PlanResult, index: int) -> list[dict[str, str]]:
    """A person's badges: what the decision does with the 401(k) and with the IRAs."""
    decision = result.decision
    if decision is None:
        return []
    person: PersonDecision = decision.people[index]
    badges = []
    if person.mega.route is MegaRoute.MEGA_BACKDOOR:
        badges.append({"label": DECISION_LABELS["mega_backdoor"], "kind": "do"})
    route = person.ira.route
    kind = {IraRoute.SKIP: "skip", IraRoute.NONE: "none"}.get(route, "do")
    if route is not IraRoute.NONE or not badges:
        badges.append({"label": DECISION_LABELS[route], "kind": kind})
    return badges


def _today(context: template.Context) -> date:
    """The view's `today` (timezone.localdate() when it gives none)."""
    today = context.get("today")
    if not isinstance(today, date):  # another template may name a text "today"
        today = timezone.localdate()
    return today


@register.simple_tag(takes_context=True)
def dates_passed_note(context: template.Context, result: PlanResult) -> str | None:
    """The past-year note, for the view's `today`."""
    return dates_passed(result.tax_year, _today(context))


@register.filter
def has_paycheck_elections(actions: tuple[Action, ...]) -> bool:
    return any(action.kind is Step.PAYCHECK_ELECTION for action in actions)


@register.simple_tag(takes_context=True)
def steps_from_today(context: template.Context, actions: list[Action]) -> StepsFromToday:
    """The checklist seen from the view's `today`: someone who comes in December reads first
    what is still ahead, and which steps' dates have already gone."""
    return StepsFromToday.of(actions, _today(context))


@register.simple_tag
def projection_chart(projection: Projection) -> dict[str, Any] | None:
    return charts.projection_chart(projection)


@register.simple_tag
def tax_chart(totals: Totals) -> dict[str, Any] | None:
    return charts.tax_vs_roth_chart(totals)


@register.filter
def strategy_label(key: str) -> str:
    """ "backdoor_roth" -> "Backdoor Roth IRA" (the three result blocks' names)."""
    return STRATEGY_LABELS[key]


@register.filter
def figure_label(key: str) -> str:
    """ "roth_added" -> "Roth dollars added" (a strategy's headline figures)."""
    return TOTALS_LABELS[key]


@register.filter
def dollars(value: Decimal | int | float | str | None) -> str:
    """Whole dollars, for figures years away (projections): $76,971."""
    amount = _decimal(value)
    if amount is None:
        return "–"
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP):,.0f}"


@register.simple_tag
def dollar_effect(warning: Warning) -> dict[str, Any] | None:
    """A warning's dollar figure with what it is: "costs in tax $1,663.20"."""
    if warning.dollar_effect is None:
        return None
    code = warning.code
    # The pro-rata warning's figure is the saving when its remedy is a roll-in.
    if code == "pro_rata" and (warning.remedy or "").startswith("Roll "):
        code = "pro_rata_rollin"
    positive, negative = DOLLAR_EFFECT_LABELS.get(code, ("effect", "effect"))
    amount = warning.dollar_effect
    label = positive if amount >= 0 else negative
    return {"label": label, "amount": abs(amount)}


@register.filter
def length_is_two(items: Any) -> bool:
    return len(items) == 2


@register.filter
def done_words(fact: Done) -> str:
    return done_sentence(fact)


@register.filter
def left_words(step: StepLeft) -> str:
    return left_sentence(step)


@register.filter
def repair_words(repair: Repair) -> str:
    return repair_sentence(repair)
