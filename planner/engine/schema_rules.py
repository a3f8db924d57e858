"""The published input schema made to agree with the server (issue 17).

pydantic writes each field's own constraints; this adds what the server also checks:
tax years as the enum of the tables the planner has, names without control characters, and
the rules over several fields that JSON Schema can state (if/then). The rules it cannot
state (sums, limits by year and age) are listed in the schema's description; the server
answers them with a 400 naming the field.
"""

from __future__ import annotations

import re
from typing import Any, Final

from planner.engine.contract import MAX_YEARS_TO_RETIREMENT, AfterTaxRoute, FilingStatus
from planner.engine.tables import available_years

MARRIED: Final = [
    FilingStatus.MARRIED_FILING_JOINTLY.value,
    FilingStatus.MARRIED_FILING_SEPARATELY.value,
]
SEPARATE: Final = FilingStatus.MARRIED_FILING_SEPARATELY.value
# Plain text with at least one character that is not white space (names are stripped).
PLAIN = r"[^\x00-\x08\x0a-\x1f\x7f]*"
NAME_PATTERN: Final = rf"^{PLAIN}[^\s\x00-\x1f\x7f]{PLAIN}$"

UNSTATED_RULES: Final = (
    "Rules the server checks that JSON Schema cannot state (each refused with a 400 naming "
    "the field): (1) per person, pre-tax plus Roth deferrals across both plans at most the "
    "402(g) limit plus the catch-up for tax_year and age; (2) per plan, deferrals plus "
    "after_tax_contribution at most that employer's compensation (compensation for plan, "
    "second_plan_compensation for second_plan); (3) ira.nondeductible_contribution at most "
    "the IRA limit for tax_year and age, capped by (joint) taxable compensation; "
    f"(4) (1 + expected_return) ** years_to_retirement at most 10**9 (years_to_retirement up "
    f"to {MAX_YEARS_TO_RETIREMENT}); (5) ira.contributions_made dated from January 1 of "
    "tax_year to the return's due date, ira.conversions_made and the paycheck dates "
    "(plan.paychecks.first_pay_date, elections_start, bonuses[].paid_on) dated in tax_year; "
    "(6) ira.conversion at least the sum of conversions_made, and "
    "ira.nondeductible_contribution at least the sum of contributions_made (up to the limit); "
    "(7) paychecks only on the first plan (second_plan.paychecks null); (8) limit_overrides "
    "only for figures tax_year has (catch_up_age_60_to_63 from 2025), each at most the "
    "official figure, or 125% of a figure carried forward to a provisional year."
)

# The server's messages for those four rules, by the field each names (regular expressions):
# a client (and the tests) can tell them from a disagreement between schema and server.
UNSTATED_RULE_ERRORS: Final = (
    (
        r"people\.\d\.(plan|second_plan)\.pretax_deferral",
        r"Pre-tax plus Roth deferrals can be at most ",
    ),
    (
        r"people\.\d\.(plan|second_plan)\.(after_tax_contribution|pretax_deferral)",
        r"Deferrals plus after-tax contributions \(.*\) cannot be more than compensation",
    ),
    (
        r"people\.\d\.ira\.nondeductible_contribution",
        r"At most \$[\d,]+(\.\d\d)? for \d{4} at age \d+ \(",
    ),
    (r"expected_return", r"At most [\d.]+ with \d+ years to retirement"),
    (
        r"people\.\d\.ira\.contributions_made\.\d+\.date",
        r"A contribution for \d{4} is made from ",
    ),
    (r"people\.\d\.ira\.conversions_made\.\d+\.date", r"Only conversions made in \d{4} count"),
    (
        r"people\.\d\.plan\.paychecks\.(first_pay_date|elections_start|bonuses\.\d+\.paid_on)",
        r"Must be a date in \d{4}, the tax year\.",
    ),
    (r"people\.\d\.ira\.conversion", r"At least the \$[\d,.]+ already converted this year"),
    (
        r"people\.\d\.ira\.nondeductible_contribution",
        r"At least the \$[\d,.]+ already contributed for \d{4}",
    ),
    (r"people\.\d\.second_plan\.paychecks", r"Paychecks are planned for the first plan only\."),
    (r"limit_overrides\.\w+", r"\d{4} has no such limit to replace"),
    (r"limit_overrides\.\w+", r"At most \$[\d,.]+(, the official \d{4} figure|: limits move)"),
)


def is_unstated_rule(path: str, message: str) -> bool:
    """Whether a 400's error is one of the rules the schema only describes."""
    return any(
        re.fullmatch(field, path) and re.match(text, message)
        for field, text in UNSTATED_RULE_ERRORS
    )


# Each rule is an anyOf of the cases the server accepts (rather than if/then), which reads
# the same and lets generators such as hypothesis-jsonschema build valid documents directly.


def _lived_apart(value: bool) -> dict[str, Any]:
    # Absent is false (the default).
    if value:
        return {
            "properties": {"lived_apart_all_year": {"const": True}},
            "required": ["lived_apart_all_year"],
        }
    return {"properties": {"lived_apart_all_year": {"const": False}}}


def _case(statuses: list[str], people: dict[str, Any]) -> dict[str, Any]:
    return {"properties": {"filing_status": {"enum": statuses}, "people": people}}


OTHER_STATUSES: Final = [status.value for status in FilingStatus if status.value not in MARRIED]
HOUSEHOLD_RULES: Final = [
    {
        "anyOf": [
            # One person only, unless married; living apart all year is asked only on a
            # married-filing-separately return, where both spouses give the same answer
            # (IRC 408A(c)(3)(D)).
            _case(OTHER_STATUSES, {"maxItems": 1, "items": _lived_apart(False)}),
            _case([FilingStatus.MARRIED_FILING_JOINTLY.value], {"items": _lived_apart(False)}),
            _case([SEPARATE], {"items": _lived_apart(False)}),
            _case([SEPARATE], {"items": _lived_apart(True)}),
        ]
    }
]
PLAN_RULES: Final = [
    {
        "anyOf": [
            {"properties": {"after_tax_route": {"enum": [None, AfterTaxRoute.STAY_IN_PLAN.value]}}},
            {
                "properties": {
                    "after_tax_route": {
                        "enum": [
                            AfterTaxRoute.ROLLOVER_TO_ROTH_IRA.value,
                            AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA.value,
                        ]
                    },
                    "allows_in_service_distribution": {"const": True},
                },
                "required": ["allows_in_service_distribution"],
            },
            {
                "properties": {
                    "after_tax_route": {"const": AfterTaxRoute.IN_PLAN_CONVERSION.value},
                    "allows_in_plan_roth_conversion": {"const": True},
                },
                "required": ["allows_in_plan_roth_conversion"],
            },
        ]
    }
]
PERSON_RULES: Final = [
    {
        "anyOf": [
            {"properties": {"ira": {"properties": {"roll_into_plan": {"const": False}}}}},
            # Rolling IRA money into the plan needs a plan that does not refuse roll-ins
            # (true: it takes them; null: not sure, the roll-in is the yes branch).
            {
                "properties": {
                    "plan": {
                        "type": "object",
                        "properties": {"accepts_ira_rollins": {"enum": [True, None]}},
                        "required": ["accepts_ira_rollins"],
                    }
                },
                "required": ["plan"],
            },
        ]
    }
]


def add_server_rules(schema: dict[str, Any]) -> dict[str, Any]:
    """The input schema from pydantic, with the server's other rules added (in place)."""
    defs = schema["$defs"]
    year = schema["properties"]["tax_year"]
    for bound in ("minimum", "maximum"):
        year.pop(bound, None)
    year["enum"] = list(available_years())
    defs["Person"]["properties"]["name"]["pattern"] = NAME_PATTERN
    schema["allOf"] = HOUSEHOLD_RULES
    defs["Plan"]["allOf"] = PLAN_RULES
    defs["Person"]["allOf"] = PERSON_RULES
    schema["description"] = f"{schema['description']} {UNSTATED_RULES}"
    return schema
