"""A stored draft that no longer has the shape the wizard writes (tampered, an old import,
wrong types such as `"people": "x"`) is repaired rather than failing every page: values of
the wrong type or out of any sensible range are cleared, and the person is told which, so
they can type them again (or start over).
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.http import HttpRequest

from planner import drafts
from planner.engine.contract import OverridableLimit

NUMBER_LIMIT = 1e12  # far above any amount the planner takes; rates are fractions
TEXT, NUMBER, RATE, WHOLE, YES_NO = "text", "number", "rate", "whole", "yes_no"
DATED = "dated"  # a list of {"date": "YYYY-MM-DD", "amount": number}
MAX_DATED = 24
HOUSEHOLD = {
    "tax_year": WHOLE,
    "filing_status": TEXT,
    "other_income": NUMBER,
    "itemized_deductions": NUMBER,
    "federal_marginal_rate": RATE,
    "state_tax_rate": RATE,
    "expected_return": RATE,
    "taxable_account_tax_rate": RATE,
    "years_to_retirement": WHOLE,
    "form_8606_ratio_places": WHOLE,
}
PERSON = {
    "name": TEXT,
    "age": WHOLE,
    "compensation": NUMBER,
    "prior_year_fica_wages": NUMBER,
    "lived_apart_all_year": YES_NO,
}
PLAN = {
    "pretax_deferral": NUMBER,
    "roth_deferral": NUMBER,
    "employer_contribution": NUMBER,
    "forfeitures": NUMBER,
    "allows_after_tax": YES_NO,
    "after_tax_cap": NUMBER,
    "after_tax_cap_percent": RATE,
    "after_tax_contribution": NUMBER,
    "allows_in_service_distribution": YES_NO,
    "allows_in_plan_roth_conversion": YES_NO,
    "after_tax_route": TEXT,
    "conversion_frequency": TEXT,
    "after_tax_earnings": NUMBER,
    "accepts_ira_rollins": YES_NO,
}
PAYCHECKS = {
    "frequency": TEXT,
    "pay_per_period": NUMBER,
    "first_pay_date": TEXT,
    "elections_start": TEXT,
    "pretax_so_far": NUMBER,
    "roth_so_far": NUMBER,
    "after_tax_so_far": NUMBER,
    "match_so_far": NUMBER,
    "match_rate": RATE,
    "match_up_to": RATE,
    "match_true_up": YES_NO,
    "election_unit": TEXT,
    "pretax_cap_percent": RATE,
    "roth_cap_percent": RATE,
    "after_tax_cap_percent": RATE,
}
BONUS = {"paid_on": TEXT, "amount": NUMBER}
LIMIT_OVERRIDES = dict.fromkeys(OverridableLimit, NUMBER)
IRA = {
    "year_end_balance": NUMBER,
    "basis": NUMBER,
    "roll_into_plan": YES_NO,
    "nondeductible_contribution": NUMBER,
    "contribution_made_next_year": YES_NO,
    "conversion": NUMBER,
    "earnings_before_conversion": NUMBER,
    "traditional_balance_today": NUMBER,
    "sep_balance_today": NUMBER,
    "simple_balance_today": NUMBER,
    "contributions_made": DATED,
    "conversions_made": DATED,
}


def _fits(value: Any, kind: str) -> bool:
    if value is None:
        return True
    if kind == YES_NO:
        return isinstance(value, bool)
    if kind == DATED:
        return isinstance(value, list) and len(value) <= MAX_DATED and all(map(_dated, value))
    if kind == TEXT:
        return isinstance(value, str) and "\x00" not in value and value.isprintable()
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if kind == WHOLE:
        return isinstance(value, int) and 0 <= value <= 10_000
    if not math.isfinite(value):
        return False
    return abs(value) <= (100 if kind == RATE else NUMBER_LIMIT)


def _dated(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and set(entry) == {"date", "amount"}
        and _fits(entry["date"], TEXT)
        and entry["amount"] is not None
        and _fits(entry["amount"], NUMBER)
    )


def _clean(data: Any, fields: dict[str, str], where: str, cleared: list[str]) -> dict[str, Any]:
    if not isinstance(data, dict):
        if data is not None:
            cleared.append(where)
        return {}
    kept = {}
    for key, value in data.items():
        if not isinstance(key, str):
            cleared.append(f"{where}.{key!r}")
        elif key in fields and not _fits(value, fields[key]):
            cleared.append(f"{where}.{key}" if where else key)
        else:
            kept[key] = value
    return kept


def _paychecks(data: Any, where: str, cleared: list[str]) -> dict[str, Any]:
    kept = _clean(data, PAYCHECKS, where, cleared)
    bonuses = kept.get("bonuses")
    if bonuses is not None:
        if isinstance(bonuses, list) and all(isinstance(bonus, dict) for bonus in bonuses):
            kept["bonuses"] = [
                _clean(bonus, BONUS, f"{where}.bonuses.{index}", cleared)
                for index, bonus in enumerate(bonuses)
            ]
        else:
            cleared.append(f"{where}.bonuses")
            del kept["bonuses"]
    return kept


def repaired(draft: Any) -> tuple[dict[str, Any], list[str]]:
    """`draft` with every unreadable value cleared, and the paths of what was cleared."""
    cleared: list[str] = []
    if not isinstance(draft, dict):
        return {"schema": drafts.SCHEMA_VERSION, "inputs": {}}, ["the whole plan"]
    fixed = dict(draft)  # _clean builds new inputs; the rest is replaced, never changed
    inputs = _clean(fixed.get("inputs"), HOUSEHOLD, "", cleared)
    if inputs.get("limit_overrides") is not None:
        inputs["limit_overrides"] = _clean(
            inputs["limit_overrides"], LIMIT_OVERRIDES, "limit_overrides", cleared
        )
    people = inputs.get("people")
    if people is not None and not (isinstance(people, list) and 1 <= len(people) <= 2):
        cleared.append("people")
        people = None
    if people is not None:
        inputs["people"] = []
        for index, person in enumerate(people):
            where = f"people.{index}"
            kept = _clean(person, PERSON, where, cleared)
            for part, fields in (("plan", PLAN), ("ira", IRA)):
                # A null plan is an answer ("No workplace plan"), kept as it is.
                if kept.get(part) is not None:
                    kept[part] = _clean(kept[part], fields, f"{where}.{part}", cleared)
            if "paychecks" in (kept.get("plan") or {}):
                kept["plan"]["paychecks"] = _paychecks(
                    kept["plan"]["paychecks"], f"{where}.plan.paychecks", cleared
                )
            inputs["people"].append(kept)
    else:
        inputs.pop("people", None)
    fixed["inputs"] = inputs
    wizard = fixed.get("wizard")
    match = wizard.get("match", {}) if isinstance(wizard, dict) else None
    if wizard is not None and not (
        isinstance(match, dict)
        and all(
            isinstance(formula, dict) and all(_fits(v, RATE) for v in formula.values())
            for formula in match.values()
        )
    ):
        cleared.append("wizard")
        fixed["wizard"] = {}
    raw = fixed.get("raw")
    if raw is not None and not (
        isinstance(raw, dict)
        and all(
            isinstance(typed, dict) and all(isinstance(v, str) for v in typed.values())
            for typed in raw.values()
        )
    ):
        fixed["raw"] = {}  # unsaved typing only: dropped without a word
    if not isinstance(fixed.get("scenario"), dict | None):
        fixed["scenario"] = None
    return fixed, cleared


def repair_session_draft(request: HttpRequest) -> None:
    """Repair the session's draft in place, telling the person what was cleared."""
    draft = request.session.get(drafts.SESSION_KEY)
    if draft is None:
        return
    fixed, cleared = repaired(draft)
    if fixed == draft:
        return
    request.session[drafts.SESSION_KEY] = fixed
    if cleared:
        messages.warning(
            request,
            "Some answers in your plan could not be read and were cleared: "
            + ", ".join(cleared)
            + ". Check those steps and type them again, or start over.",
        )
