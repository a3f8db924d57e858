"""The words the product uses for the contract's values and fields, defined once.

Forms, result pages, scenario summaries and the admin read their labels from here, so a
label changes in one place. Keys are the contract's values (planner-contract.md); the
enums are StrEnums, so `FILING_STATUS_LABELS["single"]` works as well as the member.
"""

from __future__ import annotations

from planner.engine.contract import (
    AFTER_TAX_ROUTE_LABELS,
    CONVERSION_FREQUENCY_LABELS,
    DEFAULT_NAMES,
    ELECTION_UNIT_LABELS,
    FILING_STATUS_LABELS,
    PAY_FREQUENCY_LABELS,
    SEVERITY_LABELS,
    OverridableLimit,
    input_field_titles,
)
from planner.engine.tables import figure_label

__all__ = [
    "DEFAULT_NAMES",
    "DECISION_LABELS",
    "ELECTION_UNIT_LABELS",
    "FIELD_LABELS",
    "FILING_STATUS_LABELS",
    "FREQUENCY_LABELS",
    "PAY_FREQUENCY_LABELS",
    "ROUTE_LABELS",
    "ROUTE_NOT_CHOSEN",
    "SEVERITY_LABELS",
    "STRATEGY_LABELS",
    "TOTALS_LABELS",
    "VALUE_LABELS",
    "default_name",
    "path_pattern",
]

ROUTE_LABELS = AFTER_TAX_ROUTE_LABELS
FREQUENCY_LABELS = CONVERSION_FREQUENCY_LABELS


def default_name(index: int) -> str:
    return DEFAULT_NAMES[min(index, len(DEFAULT_NAMES) - 1)]


# What an unanswered route means: the engine picks the best route the plan allows.
ROUTE_NOT_CHOSEN = "Pick the best route my plan allows"

# The three result blocks (totals.*), in the order the pages show them.
STRATEGY_LABELS: dict[str, str] = {
    "backdoor_roth": "Backdoor Roth IRA",
    "mega_backdoor_roth": "Mega backdoor Roth",
    "both": "Both",
}
# Figures of a strategy's totals shown on more than one page.
TOTALS_LABELS: dict[str, str] = {
    "roth_added": "Roth dollars added",
    "taxable_amount": "Taxable amount",
    "tax_due": "Tax due now",
    # Not lost money: after-tax basis left in the IRAs, tax-free later (Form 8606 line 14).
    "basis_carried_forward": "Basis carried forward",
}

# Contract input fields as nouns (the contract models' titles), for summaries of what was
# entered and error paths that no wizard field owns. Keys are contract paths; "{i}" stands for
# a person's index.
FIELD_LABELS: dict[str, str] = {
    **input_field_titles(),
    # limit_overrides is {figure: dollars}: each figure is labelled as the year's table has it.
    **{f"limit_overrides.{limit}": figure_label(limit) for limit in OverridableLimit},
}

# Every label of an enum value, for showing a stored value in words.
VALUE_LABELS: dict[str, str] = {
    str(value): text
    for labels in (FILING_STATUS_LABELS, FREQUENCY_LABELS, ROUTE_LABELS)
    for value, text in labels.items()
}


def path_pattern(path: str) -> tuple[str, int | None]:
    """ "people.1.plan.roth_deferral" -> ("people.{i}.plan.roth_deferral", 1)."""
    parts = path.split(".")
    if len(parts) > 1 and parts[0] == "people" and parts[1].isdigit():
        return ".".join(["people", "{i}", *parts[2:]]), int(parts[1])
    return path, None


# What a warning's dollar figure is, by warning code, for its badge. A code whose figure
# can go either way names both: (when positive, when negative).
DOLLAR_EFFECT_LABELS: dict[str, tuple[str, str]] = {
    "annual_additions_over_limit": ("at risk: over the limit", "at risk: over the limit"),
    "acp_refund_risk": ("at risk of a refund", "at risk of a refund"),
    "after_tax_above_room": ("more than the plan takes", "more than the plan takes"),
    "roth_catch_up_required": ("costs in tax", "costs in tax"),
    "pro_rata": ("costs in tax", "costs in tax"),
    "pro_rata_rollin": ("a roll-in saves", "a roll-in saves"),
    "split_earnings_contaminate_backdoor": ("converting instead saves", "converting instead costs"),
    "five_year_rule": ("penalty if withdrawn early", "penalty if withdrawn early"),
}


# The decision's badges: what each person does with the IRAs and with the 401(k).
DECISION_LABELS: dict[str, str] = {
    "direct_roth": "Direct Roth IRA",
    "backdoor": "Backdoor Roth",
    "roll_in_first": "Roll in first, then backdoor",
    "convert_all": "Convert the whole IRA",
    "plain_conversion": "Plain Roth conversion",
    "convert_next_year": "Backdoor converts next year",
    "skip": "Skip the backdoor",
    "none": "No IRA move",
    "mega_backdoor": "Mega backdoor",
}
