"""The words the product uses for the contract's values and fields, defined once.

Forms, result pages, scenario summaries and the admin read their labels from here, so a
label changes in one place. Keys are the contract's values (planner-contract.md); the
enums are StrEnums, so `FILING_STATUS_LABELS["single"]` works as well as the member.
"""

from __future__ import annotations

from planner.engine.models import AfterTaxRoute, ConversionFrequency, FilingStatus

# Who the wizard's first and second person are until they give their names.
DEFAULT_NAMES = ("You", "Spouse")


def default_name(index: int) -> str:
    return DEFAULT_NAMES[min(index, len(DEFAULT_NAMES) - 1)]


FILING_STATUS_LABELS: dict[str, str] = {
    FilingStatus.SINGLE: "Single",
    FilingStatus.MARRIED_FILING_JOINTLY: "Married filing jointly",
    FilingStatus.MARRIED_FILING_SEPARATELY: "Married filing separately",
    FilingStatus.HEAD_OF_HOUSEHOLD: "Head of household",
}
FREQUENCY_LABELS: dict[str, str] = {
    ConversionFrequency.PER_PAYCHECK: "Every paycheck (automatic)",
    ConversionFrequency.MONTHLY: "Monthly",
    ConversionFrequency.QUARTERLY: "Quarterly",
    ConversionFrequency.ANNUALLY: "Once a year",
}
ROUTE_LABELS: dict[str, str] = {
    AfterTaxRoute.IN_PLAN_CONVERSION: "In-plan Roth conversion",
    AfterTaxRoute.ROLLOVER_TO_ROTH_IRA: "In-service rollover of everything to a Roth IRA",
    AfterTaxRoute.SPLIT_EARNINGS_TO_TRADITIONAL_IRA: (
        "Split: contributions to a Roth IRA, earnings to a traditional IRA (Notice 2014-54)"
    ),
    AfterTaxRoute.STAY_IN_PLAN: "Leave the after-tax money in the plan",
}
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
}

# Contract input fields as nouns, for summaries of what was entered (and error paths that
# no wizard field owns). Keys are contract paths; "{i}" stands for a person's index.
FIELD_LABELS: dict[str, str] = {
    "tax_year": "Tax year",
    "filing_status": "Filing status",
    "other_income": "Other income",
    "itemized_deductions": "Itemized deductions",
    "federal_marginal_rate": "Federal marginal rate",
    "state_tax_rate": "State tax rate",
    "expected_return": "Expected return",
    "years_to_retirement": "Years to retirement",
    "form_8606_ratio_places": "Form 8606 line 10 rounding",
    "taxable_account_tax_rate": "Tax rate on a taxable account",
    "people": "People",
    "people.{i}.name": "Name",
    "people.{i}.age": "Age on December 31",
    "people.{i}.compensation": "Compensation",
    "people.{i}.prior_year_fica_wages": "Prior-year FICA wages",
    "people.{i}.lived_apart_all_year": "Lived apart from the spouse all year",
    "people.{i}.plan.pretax_deferral": "401(k) pre-tax deferrals",
    "people.{i}.plan.roth_deferral": "401(k) Roth deferrals",
    "people.{i}.plan.employer_contribution": "Employer contributions",
    "people.{i}.plan.forfeitures": "Forfeitures",
    "people.{i}.plan.allows_after_tax": "Plan allows after-tax contributions",
    "people.{i}.plan.after_tax_cap": "Plan cap on after-tax contributions",
    "people.{i}.plan.after_tax_cap_percent": "Plan cap on after-tax contributions (% of pay)",
    "people.{i}.plan.after_tax_contribution": "After-tax contribution wanted",
    "people.{i}.plan.allows_in_service_distribution": "Plan allows in-service distributions",
    "people.{i}.plan.allows_in_plan_roth_conversion": "Plan allows in-plan Roth conversions",
    "people.{i}.plan.after_tax_route": "After-tax route",
    "people.{i}.plan.conversion_frequency": "Conversion frequency",
    "people.{i}.plan.after_tax_earnings": "Earnings on after-tax money",
    "people.{i}.plan.accepts_ira_rollins": "Plan accepts IRA roll-ins",
    "people.{i}.ira.year_end_balance": "Pre-tax IRA balance on December 31",
    "people.{i}.ira.basis": "IRA basis (last Form 8606 line 14)",
    "people.{i}.ira.roll_into_plan": "Roll pre-tax IRA money into the 401(k)",
    "people.{i}.ira.nondeductible_contribution": "Nondeductible IRA contribution",
    "people.{i}.ira.contribution_made_next_year": "Contribution made next year, before the due date",
    "people.{i}.ira.conversion": "Roth conversion",
    "people.{i}.ira.earnings_before_conversion": "Earnings before the conversion",
}

# Every label of an enum value, for showing a stored value in words.
VALUE_LABELS: dict[str, str] = {**FILING_STATUS_LABELS, **FREQUENCY_LABELS, **ROUTE_LABELS}


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
    "roth_catch_up_required": ("costs in tax", "costs in tax"),
    "pro_rata": ("costs in tax", "costs in tax"),
    "pro_rata_rollin": ("a roll-in saves", "a roll-in saves"),
    "split_earnings_contaminate_backdoor": ("converting instead saves", "converting instead costs"),
    "five_year_rule": ("penalty if withdrawn early", "penalty if withdrawn early"),
}
