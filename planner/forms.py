"""The wizard's step forms.

Each form reads its initial values from a draft (planner/drafts.py) and writes its
cleaned answers back into the draft's contract input document. Rules live in the engine:
a form only checks what a field can hold, then the engine's own validation is mapped back
onto the fields (see `add_engine_errors`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from crispy_forms.helper import FormHelper
from django import forms

from planner.engine import InvalidInput, YearTable, available_years, year_table
from planner.engine.match import employer_match

HUNDRED = Decimal(100)
MONEY_MAX = Decimal("999999999")

FILING_STATUSES = [
    ("single", "Single"),
    ("married_filing_jointly", "Married filing jointly"),
    ("married_filing_separately", "Married filing separately"),
    ("head_of_household", "Head of household"),
]
MARRIED = {"married_filing_jointly", "married_filing_separately"}
CONVERSION_FREQUENCIES = [
    ("per_paycheck", "Every paycheck (automatic)"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("annually", "Once a year"),
]
AFTER_TAX_ROUTES = [
    ("", "Pick the best route my plan allows"),
    ("in_plan_conversion", "In-plan Roth conversion"),
    ("rollover_to_roth_ira", "In-service rollover of everything to a Roth IRA"),
    (
        "split_earnings_to_traditional_ira",
        "Split: contributions to a Roth IRA, earnings to a traditional IRA (Notice 2014-54)",
    ),
    ("stay_in_plan", "Leave the after-tax money in the plan"),
]


def _strip_number(value: Any, extra: str = "") -> Any:
    if isinstance(value, str):
        return value.strip().replace(",", "").replace("$", "").replace(extra, "").strip()
    return value


def _as_text_input(widget: forms.Widget, inputmode: str) -> None:
    """A plain text box with a numeric keyboard: the browser's number input would reject
    "$24,500" and "6%" before the server could accept them or explain what is wrong."""
    widget.input_type = "text"
    widget.attrs.update({"inputmode": inputmode, "autocomplete": "off"})
    for attr in ("step", "min", "max"):
        widget.attrs.pop(attr, None)


def _refuse_non_finite(field: forms.DecimalField, value: Any) -> None:
    # Django's own check formats the message with %-params, and "6%" in ours is not a format.
    if isinstance(value, Decimal) and not value.is_finite():
        raise forms.ValidationError(field.error_messages["invalid"], code="invalid")


class MoneyField(forms.DecimalField):
    """Dollars, typed as people type them: "24500", "24,500", "$24,500.00"."""

    default_error_messages = {
        "invalid": "Enter a dollar amount, like 24500.",
        "min_value": "Must be 0 or more.",
        "max_value": "That is more than this planner handles (up to $999,999,999).",
        "max_decimal_places": "Use at most 2 decimal places (cents).",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            min_value=Decimal(0), max_value=MONEY_MAX, decimal_places=2, localize=False, **kwargs
        )
        _as_text_input(self.widget, "decimal")

    def to_python(self, value: Any) -> Decimal | None:
        return super().to_python(_strip_number(value))

    def validate(self, value: Any) -> None:
        _refuse_non_finite(self, value)
        super().validate(value)


class PercentField(forms.DecimalField):
    """A percentage typed as "6" or "6%"; the form turns it into the fraction 0.06."""

    default_error_messages = {
        "invalid": "Enter a percentage, like 6 for 6%.",
        "min_value": "Must be 0%% or more.",
        "max_value": "Must be 100%% or less.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=Decimal(0), max_value=HUNDRED, decimal_places=4, **kwargs)
        _as_text_input(self.widget, "decimal")

    def to_python(self, value: Any) -> Decimal | None:
        return super().to_python(_strip_number(value, "%"))

    def validate(self, value: Any) -> None:
        _refuse_non_finite(self, value)
        super().validate(value)


class WholeNumberField(forms.IntegerField):
    def __init__(self, *, example: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.error_messages["invalid"] = f"Enter a whole number, like {example}."
        _as_text_input(self.widget, "numeric")
        if self.min_value is not None and self.max_value is not None:
            message = f"Must be between {self.min_value} and {self.max_value}."
            for validator in self.validators:
                validator.message = message


def to_fraction(percent: Decimal | None) -> float | None:
    return None if percent is None else float(percent / HUNDRED)


def to_percent(fraction: Any) -> Decimal | None:
    if fraction is None or fraction == "":
        return None
    try:
        percent = Decimal(str(fraction)) * HUNDRED
    except InvalidOperation:
        return None
    # normalize() alone would show 50 as "5E+1".
    return (
        percent.quantize(Decimal(1))
        if percent == percent.to_integral_value()
        else percent.normalize()
    )


def money_out(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def table_for(draft: dict[str, Any]) -> YearTable:
    """The draft's year table; a year without one (an old import, say) falls back to the latest."""
    try:
        return year_table(int(draft["inputs"].get("tax_year")))
    except (InvalidInput, TypeError, ValueError):
        return year_table(max(available_years()))


def default_tax_year(today_year: int) -> int:
    """The current year when it has a table, else the latest year that has one."""
    years = available_years()
    return today_year if today_year in years else max(years)


class StepForm(forms.Form):
    """Shared plumbing: crispy helper without a <form> tag, engine-error mapping."""

    # Contract field path (with {i} for the person) for each form field.
    paths: ClassVar[dict[str, str]] = {}

    def __init__(self, *args: Any, person_index: int | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person_index = person_index
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def path_for(self, field: str) -> str:
        return self.paths[field].format(i=self.person_index)

    def add_engine_errors(self, errors: dict[str, list[str]]) -> dict[str, list[str]]:
        """Put the engine's messages on this form's fields; return the ones that are not ours."""
        ours = {self.path_for(name): name for name in self.paths}
        rest = {}
        for path, messages in errors.items():
            if path in ours and ours[path] in self.fields:
                for message in messages:
                    self.add_error(ours[path], message)
            else:
                rest[path] = messages
        return rest


def _person(inputs: dict[str, Any], index: int) -> dict[str, Any]:
    people = inputs.setdefault("people", [])
    while len(people) <= index:
        people.append({})
    return people[index]


class HouseholdForm(StepForm):
    tax_year = forms.TypedChoiceField(
        coerce=int,
        help_text="The year the contributions and conversions are for. Limits change every year.",
    )
    filing_status = forms.ChoiceField(choices=FILING_STATUSES)
    name = forms.CharField(
        label="Your name",
        max_length=60,
        required=False,
        initial="You",
        help_text="Only used to label results.",
    )
    age = WholeNumberField(
        label="Your age on December 31",
        min_value=18,
        max_value=120,
        example="45",
        help_text="Decides the age-50 and ages 60–63 catch-up limits and the IRA catch-up.",
    )
    compensation = MoneyField(
        label="Your pay from the employer with the 401(k)",
        required=True,
        help_text="Salary and bonus for the year before any 401(k) deferrals (W-2 box 5, Medicare wages, is a good guide).",
    )
    other_income = MoneyField(
        label="Other income",
        initial=0,
        help_text="Interest, dividends, self-employment and other income on your return, so the tax brackets are right.",
    )
    state_tax_rate = PercentField(
        label="State income tax rate (%)",
        initial=0,
        help_text="Your state's marginal rate, e.g. 9.3. Leave 0 where there is no state income tax.",
    )
    has_spouse = forms.BooleanField(
        label="Plan for my spouse too",
        required=False,
        help_text="Married filers only. Your spouse gets their own 401(k) limits, own IRAs and own Form 8606.",
    )
    spouse_name = forms.CharField(label="Spouse's name", max_length=60, required=False)
    spouse_age = WholeNumberField(
        label="Spouse's age on December 31",
        min_value=18,
        max_value=120,
        example="45",
        required=False,
    )
    spouse_compensation = MoneyField(label="Spouse's pay from their employer")

    paths = {
        "tax_year": "tax_year",
        "filing_status": "filing_status",
        "name": "people.0.name",
        "age": "people.0.age",
        "compensation": "people.0.compensation",
        "other_income": "other_income",
        "state_tax_rate": "state_tax_rate",
        "has_spouse": "people",
        "spouse_name": "people.1.name",
        "spouse_age": "people.1.age",
        "spouse_compensation": "people.1.compensation",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tax_year"].choices = [(y, str(y)) for y in reversed(available_years())]
        self.fields["compensation"].required = True

    @classmethod
    def initial_from(cls, draft: dict[str, Any], person_index: int | None = None) -> dict[str, Any]:
        inputs = draft["inputs"]
        people = inputs.get("people") or [{}]
        you = people[0]
        spouse = people[1] if len(people) > 1 else {}
        return {
            "tax_year": inputs.get("tax_year"),
            "filing_status": inputs.get("filing_status", "single"),
            "name": you.get("name", "You"),
            "age": you.get("age"),
            "compensation": you.get("compensation"),
            "other_income": inputs.get("other_income", 0),
            "state_tax_rate": to_percent(inputs.get("state_tax_rate", 0)),
            "has_spouse": len(people) > 1,
            "spouse_name": spouse.get("name", "Spouse"),
            "spouse_age": spouse.get("age"),
            "spouse_compensation": spouse.get("compensation"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("has_spouse"):
            if data.get("filing_status") not in MARRIED:
                self.add_error(
                    "has_spouse",
                    "A spouse can only be added on a married return. Choose a married filing status, or untick this box.",
                )
            if data.get("spouse_age") is None and "spouse_age" not in self.errors:
                self.add_error("spouse_age", "Enter your spouse's age.")
            if data.get("spouse_compensation") is None and "spouse_compensation" not in self.errors:
                self.add_error("spouse_compensation", "Enter your spouse's pay (0 if none).")
        return data

    def apply(self, draft: dict[str, Any]) -> None:
        data = self.cleaned_data
        inputs = draft["inputs"]
        inputs["tax_year"] = data["tax_year"]
        inputs["filing_status"] = data["filing_status"]
        inputs["other_income"] = money_out(data["other_income"] or Decimal(0))
        inputs["state_tax_rate"] = to_fraction(data["state_tax_rate"] or Decimal(0))
        you = _person(inputs, 0)
        you.update(
            name=data["name"] or "You",
            age=data["age"],
            compensation=money_out(data["compensation"]),
        )
        if data["has_spouse"]:
            spouse = _person(inputs, 1)
            spouse.update(
                name=data["spouse_name"] or "Spouse",
                age=data["spouse_age"],
                compensation=money_out(data["spouse_compensation"]),
            )
        else:
            del inputs["people"][1:]
            draft.get("wizard", {}).get("match", {}).pop("1", None)
        refresh_match_dollars(draft)


def refresh_match_dollars(draft: dict[str, Any]) -> None:
    """Re-derive match dollars from each saved formula, since pay may have changed."""
    year = table_for(draft).year
    for key, formula in draft.get("wizard", {}).get("match", {}).items():
        people = draft["inputs"].get("people", [])
        if not key.isdigit() or int(key) >= len(people):
            continue
        person = people[int(key)]
        plan = person.setdefault("plan", {})
        deferrals = Decimal(str(plan.get("pretax_deferral") or 0)) + Decimal(
            str(plan.get("roth_deferral") or 0)
        )
        plan["employer_contribution"] = money_out(
            employer_match(
                year,
                Decimal(str(person.get("compensation") or 0)),
                deferrals,
                Decimal(str(formula["rate"])),
                Decimal(str(formula["up_to"])),
            )
        )


class ContributionsForm(StepForm):
    pretax_deferral = MoneyField(
        label="Pre-tax 401(k) deferrals",
        help_text="Everything you defer pre-tax this year, catch-up included. Your pay stub's year-to-date line, or your plan's website.",
    )
    roth_deferral = MoneyField(
        label="Roth 401(k) deferrals",
        initial=0,
        help_text="Designated Roth deferrals. They share the same limit as pre-tax deferrals and count toward the annual-additions limit the same way.",
    )
    employer_mode = forms.ChoiceField(
        label="How does your employer contribute?",
        choices=[("dollars", "A dollar amount"), ("formula", "A match formula")],
        widget=forms.RadioSelect,
        initial="dollars",
    )
    employer_contribution = MoneyField(
        label="Employer contributions (dollars)",
        initial=0,
        help_text="Match plus profit-sharing for the year. Your plan statement or benefits portal shows it.",
    )
    match_rate = PercentField(
        label="Match rate (%)", help_text="The 50 in “50% of the first 6% of pay”."
    )
    match_up_to = PercentField(
        label="Of the first (% of pay)", help_text="The 6 in “50% of the first 6% of pay”."
    )
    forfeitures = MoneyField(
        label="Forfeitures allocated to you",
        initial=0,
        help_text="Rare. Some plans share out the unvested money of people who left; it uses your annual-additions room. Your year-end statement shows it.",
    )
    prior_year_fica_wages = MoneyField(
        label="Last year's Social Security wages from this employer",
        help_text="Box 3 of last year's W-2 from this employer. From 2026, catch-up contributions must be Roth when these exceed the year's threshold. Leave blank if you don't know.",
    )

    paths = {
        "pretax_deferral": "people.{i}.plan.pretax_deferral",
        "roth_deferral": "people.{i}.plan.roth_deferral",
        "employer_contribution": "people.{i}.plan.employer_contribution",
        "match_rate": "people.{i}.plan.employer_contribution",
        "forfeitures": "people.{i}.plan.forfeitures",
        "prior_year_fica_wages": "people.{i}.prior_year_fica_wages",
    }

    def __init__(self, *args: Any, draft: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draft = draft
        table = table_for(draft)
        self.fields["pretax_deferral"].help_text += (
            f" The {table.year} limit is ${table.elective_deferral:,.0f}"
            f" (+${table.catch_up:,.0f} catch-up at 50 or older"
            + (
                f", ${table.catch_up_age_60_to_63:,.0f} at ages 60 to 63"
                if table.catch_up_age_60_to_63
                else ""
            )
            + ")."
        )

    @classmethod
    def initial_from(cls, draft: dict[str, Any], person_index: int) -> dict[str, Any]:
        inputs = draft["inputs"]
        person = _person(inputs, person_index)
        plan = person.get("plan", {})
        match = draft.get("wizard", {}).get("match", {}).get(str(person_index), {})
        table = table_for(draft)
        return {
            "pretax_deferral": plan.get("pretax_deferral", table.elective_deferral),
            "roth_deferral": plan.get("roth_deferral", 0),
            "employer_mode": "formula" if match else "dollars",
            "employer_contribution": plan.get("employer_contribution", 0),
            "match_rate": to_percent(match.get("rate")),
            "match_up_to": to_percent(match.get("up_to")),
            "forfeitures": plan.get("forfeitures", 0),
            "prior_year_fica_wages": person.get("prior_year_fica_wages"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("employer_mode") == "formula":
            for name in ("match_rate", "match_up_to"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, "Enter this part of the match formula.")
        return data

    def employer_dollars(self) -> Decimal:
        data = self.cleaned_data
        if data["employer_mode"] != "formula":
            return data["employer_contribution"] or Decimal(0)
        person = _person(self.draft["inputs"], self.person_index or 0)
        deferrals = (data["pretax_deferral"] or Decimal(0)) + (data["roth_deferral"] or Decimal(0))
        return employer_match(
            table_for(self.draft).year,
            Decimal(str(person.get("compensation") or 0)),
            deferrals,
            data["match_rate"] / HUNDRED,
            data["match_up_to"] / HUNDRED,
        )

    def apply(self, draft: dict[str, Any]) -> None:
        data = self.cleaned_data
        index = self.person_index or 0
        person = _person(draft["inputs"], index)
        plan = person.setdefault("plan", {})
        plan["pretax_deferral"] = money_out(data["pretax_deferral"] or Decimal(0))
        plan["roth_deferral"] = money_out(data["roth_deferral"] or Decimal(0))
        plan["employer_contribution"] = money_out(self.employer_dollars())
        plan["forfeitures"] = money_out(data["forfeitures"] or Decimal(0))
        person["prior_year_fica_wages"] = money_out(data["prior_year_fica_wages"])
        matches = draft.setdefault("wizard", {}).setdefault("match", {})
        if data["employer_mode"] == "formula":
            matches[str(index)] = {
                "rate": to_fraction(data["match_rate"]),
                "up_to": to_fraction(data["match_up_to"]),
            }
        else:
            matches.pop(str(index), None)


class PlanFeaturesForm(StepForm):
    allows_after_tax = forms.BooleanField(
        label="My plan accepts after-tax (non-Roth) contributions",
        required=False,
        help_text="Look for “after-tax contributions” or “voluntary employee contributions” in your summary plan description. Roth deferrals are not the same thing.",
    )
    after_tax_cap = MoneyField(
        label="Plan cap on after-tax contributions ($)",
        help_text="Some plans cap after-tax money in dollars. Leave blank if there is none.",
    )
    after_tax_cap_percent = PercentField(
        label="Plan cap on after-tax contributions (% of pay)",
        help_text="Or as a share of pay, e.g. 10. Pay above the year's 401(a)(17) limit doesn't count.",
    )
    after_tax_contribution = MoneyField(
        label="After-tax amount you want to contribute",
        help_text="Leave blank for as much as the limits and the plan allow.",
    )
    allows_in_service_distribution = forms.BooleanField(
        label="In-service distributions (withdrawals while still employed) of after-tax money",
        required=False,
        help_text="Lets you roll the after-tax money out to a Roth IRA. Your summary plan description, under “in-service withdrawals”.",
    )
    allows_in_plan_roth_conversion = forms.BooleanField(
        label="In-plan Roth conversions (in-plan Roth rollovers)",
        required=False,
        help_text="Lets you convert the after-tax money to the plan's Roth account.",
    )
    conversion_frequency = forms.ChoiceField(
        label="How often can you convert or roll out?",
        choices=CONVERSION_FREQUENCIES,
        initial="per_paycheck",
        help_text="The longer money waits, the more taxable earnings it collects.",
    )
    after_tax_earnings = MoneyField(
        label="Earnings on after-tax money before it moves (optional)",
        help_text="Leave blank and we estimate it from the expected return and how often you convert.",
    )
    after_tax_route = forms.ChoiceField(
        label="Where should the after-tax money go?",
        choices=AFTER_TAX_ROUTES,
        required=False,
    )
    accepts_ira_rollins = forms.BooleanField(
        label="My plan accepts roll-ins of pre-tax IRA money",
        required=False,
        help_text="Rolling pre-tax IRA money into the 401(k) before December 31 keeps it out of the backdoor's pro-rata calculation.",
    )

    @classmethod
    def initial_from(cls, draft: dict[str, Any], person_index: int) -> dict[str, Any]:
        plan = _person(draft["inputs"], person_index).get("plan", {})
        initial = {name: plan.get(name) for name in cls.base_fields}
        initial["after_tax_cap_percent"] = to_percent(plan.get("after_tax_cap_percent"))
        initial["conversion_frequency"] = plan.get("conversion_frequency") or "per_paycheck"
        initial["after_tax_route"] = plan.get("after_tax_route") or ""
        return initial

    def apply(self, draft: dict[str, Any]) -> None:
        data = self.cleaned_data
        plan = _person(draft["inputs"], self.person_index or 0).setdefault("plan", {})
        for name in (
            "allows_after_tax",
            "allows_in_service_distribution",
            "allows_in_plan_roth_conversion",
            "accepts_ira_rollins",
        ):
            plan[name] = bool(data[name])
        for name in ("after_tax_cap", "after_tax_contribution", "after_tax_earnings"):
            plan[name] = money_out(data[name])
        plan["after_tax_cap_percent"] = to_fraction(data["after_tax_cap_percent"])
        plan["conversion_frequency"] = data["conversion_frequency"]
        plan["after_tax_route"] = data["after_tax_route"] or None


PlanFeaturesForm.paths = {name: "people.{i}.plan." + name for name in PlanFeaturesForm.base_fields}


class IraForm(StepForm):
    year_end_balance = MoneyField(
        label="December 31 value of your traditional, SEP and SIMPLE IRAs",
        initial=0,
        help_text="All of them together, after this year's conversion: rollover IRAs from old jobs count. Roth IRAs, inherited IRAs, your spouse's IRAs and 401(k) money don't. Your December 31 IRA statements show it.",
    )
    basis = MoneyField(
        label="Basis from your last Form 8606",
        initial=0,
        help_text="Line 14 of the last Form 8606 you filed: nondeductible money already in your IRAs. 0 if you never filed one.",
    )
    roll_into_plan = forms.BooleanField(
        label="Roll the pre-tax IRA money into my 401(k) before December 31",
        required=False,
        help_text="Only pre-tax money can go; the basis stays behind. Your plan must accept roll-ins.",
    )
    nondeductible_contribution = MoneyField(
        label="Backdoor contribution (nondeductible, to a traditional IRA)",
        help_text="Leave blank for the most allowed for your age. Enter 0 to skip the backdoor.",
    )
    contribution_made_next_year = forms.BooleanField(
        label="I'll make this contribution between January 1 and the April filing deadline of next year",
        required=False,
        help_text="It still counts for this tax year (Form 8606 line 4), but it can't be part of this year's conversion.",
    )
    conversion = MoneyField(
        label="Amount converted to Roth this calendar year",
        help_text="Leave blank to convert the contribution plus any earnings on it.",
    )
    earnings_before_conversion = MoneyField(
        label="Earnings on the contribution before you convert",
        initial=0,
        help_text="Usually a few dollars of interest while the money waits in the traditional IRA.",
    )

    @classmethod
    def initial_from(cls, draft: dict[str, Any], person_index: int) -> dict[str, Any]:
        ira = _person(draft["inputs"], person_index).get("ira", {})
        initial = {name: ira.get(name, cls.base_fields[name].initial) for name in cls.base_fields}
        return initial

    def apply(self, draft: dict[str, Any]) -> None:
        data = self.cleaned_data
        ira = _person(draft["inputs"], self.person_index or 0).setdefault("ira", {})
        for name in ("year_end_balance", "basis", "earnings_before_conversion"):
            ira[name] = money_out(data[name] or Decimal(0))
        for name in ("nondeductible_contribution", "conversion"):
            ira[name] = money_out(data[name])
        ira["roll_into_plan"] = bool(data["roll_into_plan"])
        ira["contribution_made_next_year"] = bool(data["contribution_made_next_year"])


IraForm.paths = {name: "people.{i}.ira." + name for name in IraForm.base_fields}


class AssumptionsForm(StepForm):
    expected_return = PercentField(
        label="Expected yearly return (%)",
        initial=6,
        help_text="Before inflation. Used for earnings before conversion and the projection.",
    )
    years_to_retirement = WholeNumberField(
        label="Years until retirement", min_value=0, max_value=80, example="20", initial=20
    )
    federal_marginal_rate = PercentField(
        label="Your federal marginal rate (%), optional",
        help_text="Leave blank and we work the tax out from the year's brackets and standard deduction.",
    )
    itemized_deductions = MoneyField(
        label="Itemized deductions, optional",
        help_text="Leave blank to use the standard deduction.",
    )
    form_8606_ratio_places = forms.TypedChoiceField(
        label="Form 8606 line 10 rounding",
        coerce=int,
        choices=[
            (5, "5 decimal places (most precise)"),
            (3, "3 decimal places (the paper form's minimum)"),
        ],
        initial=5,
        help_text="The form asks for at least 3 places. More places tax a few dollars of earnings more exactly.",
    )

    paths = {
        "expected_return": "expected_return",
        "years_to_retirement": "years_to_retirement",
        "federal_marginal_rate": "federal_marginal_rate",
        "itemized_deductions": "itemized_deductions",
        "form_8606_ratio_places": "form_8606_ratio_places",
    }

    @classmethod
    def initial_from(cls, draft: dict[str, Any], person_index: int | None = None) -> dict[str, Any]:
        inputs = draft["inputs"]
        return {
            "expected_return": to_percent(inputs.get("expected_return", 0.06)),
            "years_to_retirement": inputs.get("years_to_retirement", 20),
            "federal_marginal_rate": to_percent(inputs.get("federal_marginal_rate")),
            "itemized_deductions": inputs.get("itemized_deductions"),
            "form_8606_ratio_places": inputs.get("form_8606_ratio_places", 5),
        }

    def apply(self, draft: dict[str, Any]) -> None:
        data = self.cleaned_data
        inputs = draft["inputs"]
        expected = data["expected_return"]
        inputs["expected_return"] = to_fraction(expected if expected is not None else Decimal(6))
        years = data["years_to_retirement"]
        inputs["years_to_retirement"] = 20 if years is None else years
        inputs["federal_marginal_rate"] = to_fraction(data["federal_marginal_rate"])
        inputs["itemized_deductions"] = money_out(data["itemized_deductions"])
        inputs["form_8606_ratio_places"] = data["form_8606_ratio_places"]
