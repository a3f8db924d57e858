"""The wizard: its steps, one form per step, and where the engine's errors belong.

Each form declares the contract path of each field (`paths`), reads its initial values
from the draft (planner/drafts.py) and writes its cleaned answers back through those
paths. Rules live in the engine: a form only checks what a field can hold, then the
engine's own validation comes back through the same paths, onto the fields
(`add_engine_errors`) or into the problems list (`describe_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

from planner.drafts import Draft, json_number
from planner.engine import available_years
from planner.engine.contract import MONEY_CEILING, OverridableLimit, Paychecks
from planner.engine.money import format_money, long_date
from planner.engine.paychecks import paydays
from planner.engine.rmd import rmd_applies
from planner.engine.so_far import BALANCES_TODAY
from planner.engine.vocabulary import (
    DEFAULT_NAMES,
    ELECTION_UNIT_LABELS,
    FIELD_LABELS,
    FILING_STATUS_LABELS,
    FREQUENCY_LABELS,
    PAY_FREQUENCY_LABELS,
    ROUTE_LABELS,
    ROUTE_NOT_CHOSEN,
    path_pattern,
)
from planner.form_html import HTML, Div, Fieldset, LayoutItem, WizardFormRenderer, form_html

HUNDRED = Decimal(100)
# The contract's ceiling (planner.engine.contract.MONEY_CEILING), so the wizard takes every
# amount the API takes: a scenario saved or imported through either opens in the other.
MONEY_MAX = MONEY_CEILING - Decimal("0.01")

FILING_STATUSES = list(FILING_STATUS_LABELS.items())
MARRIED = {"married_filing_jointly", "married_filing_separately"}
CONVERSION_FREQUENCIES = list(FREQUENCY_LABELS.items())
AFTER_TAX_ROUTES = [("", ROUTE_NOT_CHOSEN), *ROUTE_LABELS.items()]


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
        "max_value": f"That is more than this planner handles (up to {format_money(MONEY_MAX)}).",
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


def default_tax_year(today_year: int) -> int:
    """The current year when it has a table, else the latest year that has one."""
    years = available_years()
    return today_year if today_year in years else max(years)


class StepForm(forms.Form):
    """Shared plumbing: initial values from the draft, the layout, engine-error mapping."""

    # Contract field path (with {i} for the person) for each form field.
    paths: ClassVar[dict[str, str]] = {}
    default_renderer = WizardFormRenderer()

    def __init__(
        self,
        data: Any = None,
        *,
        draft: Draft,
        person_index: int | None = None,
        prefix: str | None = None,
    ) -> None:
        self.draft = draft
        self.person_index = person_index
        self.person_label = "" if person_index is None else draft.person_name(person_index)
        super().__init__(data, prefix=prefix, initial=self.initial_from(draft))
        # An engine message -> the other step whose answer fixes it.
        self.fixed_on: dict[str, Step] = {}

    def layout(self) -> list[LayoutItem]:
        """The fields in the order they are asked, some of them in groups."""
        return list(self.fields)

    def as_html(self) -> SafeString:
        """The form's fields as the step page shows them (planner/form_html.py)."""
        return form_html(self, self.layout())

    def path_for(self, field: str) -> str:
        return self.paths[field].format(i=self.person_index)

    def value(self, field: str, default: Any = None) -> Any:
        """The draft's value for a field (through its contract path)."""
        return self.draft.get(self.path_for(field), default)

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        raise NotImplementedError

    def apply(self, draft: Draft) -> None:
        """Write the cleaned answers into `draft`."""
        raise NotImplementedError

    def saved_notice(self) -> str | None:
        """What the person should hear once the answers are saved, when some were set aside."""
        return None

    def apply_with_saved_answers(self, draft: Draft) -> bool:
        """Apply the valid answers, the draft's own standing in for the mistyped ones; False
        when a saved answer does not clean either (nothing is applied then)."""
        errors = self.errors  # cleans the form first, if nothing has yet
        cleaned = dict(self.cleaned_data)
        for name in errors:
            if name not in self.fields:
                return False
            try:
                saved = self.get_initial_for_field(self.fields[name], name)
                cleaned[name] = self.fields[name].clean(saved)
            except forms.ValidationError:
                return False
        typed, self.cleaned_data = self.cleaned_data, cleaned
        try:
            self.apply(draft)
        except Exception:  # noqa: BLE001 - a best-effort check must never cost a 500
            # apply() was written for a valid form; a step that reads its fields together
            # may not take a stand-in, and then the rules wait for the typing to be fixed.
            return False
        finally:
            self.cleaned_data = typed
        return True

    def add_engine_errors(
        self, errors: dict[str, list[str]], skip_fields_in_error: bool = False
    ) -> dict[str, list[str]]:
        """Put the engine's messages on this form's fields; return the ones that are not ours.

        A message that names a field of another step is put in words, and remembers that
        step so the error summary can link to it. With `skip_fields_in_error`, a field that
        already shows its own message gets no second one.
        """
        rest = {}
        for path, messages in errors.items():
            found = locate(path)
            if found is not None and self._owns(*found):
                if skip_fields_in_error and found[1] in self.errors:
                    continue
                for message in messages:
                    text, step = in_words(message)
                    self.add_error(found[1], text)
                    if step is not None and step.form_class is not type(self):
                        self.fixed_on[text] = step
            else:
                rest[path] = messages
        return rest

    def _owns(self, step: Step, field: str, person_index: int | None) -> bool:
        return (
            step.form_class is type(self)
            and field in self.fields
            and (person_index is None or person_index == self.person_index)
        )


class HouseholdForm(StepForm):
    tax_year = forms.TypedChoiceField(
        coerce=int,
        help_text="The year the contributions and conversions are for. Limits change every year.",
    )
    filing_status = forms.ChoiceField(
        choices=FILING_STATUSES,
        help_text="Qualifying surviving spouse: for the two years after the year your spouse "
        "died, with a dependent child at home. It is taxed like married filing jointly, "
        "but you plan for yourself only.",
    )
    name = forms.CharField(
        label="Your name",
        max_length=60,
        required=False,
        initial=DEFAULT_NAMES[0],
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
        help_text="Your state's marginal rate, e.g. 9.3: every tax figure for the moves adds it. Leave 0 where there is no state income tax.",
    )
    has_spouse = forms.BooleanField(
        label="Plan for my spouse too",
        required=False,
        help_text="Married filing statuses only. Your spouse gets their own 401(k) limits, own IRAs and own Form 8606.",
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

    SPOUSE_DETAILS = ("spouse_name", "spouse_age", "spouse_compensation")

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        # With JavaScript off the spouse box stays on screen under any filing status.
        self.spouse_left_out = (
            data is not None
            and bool(data.get("has_spouse"))
            and data.get("filing_status") in FILING_STATUS_LABELS
            and data.get("filing_status") not in MARRIED
        )
        # The year whose done-so-far answers apply() cleared when the tax year changed.
        self.year_left: int | None = None
        super().__init__(self._without_answers_that_do_not_apply(data), **kwargs)
        self.fields["tax_year"].choices = [(y, str(y)) for y in reversed(available_years())]
        self.fields["compensation"].required = True

    def layout(self) -> list[LayoutItem]:
        # app.js shows the spouse's questions only when they apply (hidden attributes).
        return [
            *[
                name
                for name in self.fields
                if name != "has_spouse" and name not in self.SPOUSE_DETAILS
            ],
            Div("has_spouse", css_class="spouse-question"),
            Div(*self.SPOUSE_DETAILS, css_class="spouse-details"),
        ]

    @classmethod
    def _without_answers_that_do_not_apply(cls, data: Any) -> Any:
        """The spouse's answers count only on a married return with the spouse included:
        a stale spouse age left behind a hidden or unticked box must not block Next."""
        if data is None:
            return None
        married = data.get("filing_status") in MARRIED
        if married and data.get("has_spouse"):
            return data
        data = data.copy()
        for name in cls.SPOUSE_DETAILS if married else ("has_spouse", *cls.SPOUSE_DETAILS):
            data.pop(name, None)
        return data

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        return {
            "tax_year": self.value("tax_year"),
            "filing_status": self.value("filing_status", "single"),
            "name": self.value("name", DEFAULT_NAMES[0]),
            "age": self.value("age"),
            "compensation": self.value("compensation"),
            "other_income": self.value("other_income", 0),
            "state_tax_rate": to_percent(self.value("state_tax_rate", 0)),
            "has_spouse": draft.people_count() > 1,
            "spouse_name": self.value("spouse_name", DEFAULT_NAMES[1]),
            "spouse_age": self.value("spouse_age"),
            "spouse_compensation": self.value("spouse_compensation"),
        }

    def saved_notice(self) -> str | None:
        notices = []
        if self.spouse_left_out:
            status = FILING_STATUS_LABELS[self.cleaned_data["filing_status"]]
            notices.append(
                f"Your spouse is left out of this plan: a {status.lower()} return has one "
                "person. To plan for your spouse too, choose married filing jointly or "
                "separately."
            )
        if self.year_left is not None:
            notices.append(
                f"The tax year is now {self.cleaned_data['tax_year']}: what was already done in "
                f"{self.year_left} (amounts so far, dated contributions and conversions, "
                "today's balances) is cleared, as it belongs to that year. To start the next "
                "year from a year's results, use Plan next year on the results page."
            )
        return " ".join(notices) or None

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("has_spouse"):
            if data.get("spouse_age") is None and "spouse_age" not in self.errors:
                self.add_error("spouse_age", "Enter your spouse's age.")
            if data.get("spouse_compensation") is None and "spouse_compensation" not in self.errors:
                self.add_error("spouse_compensation", "Enter your spouse's pay (0 if none).")
        return data

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        before = draft.tax_year
        draft.set("tax_year", data["tax_year"])
        changed = before is not None and before != data["tax_year"]
        self.year_left = before if changed and draft.clear_year_bound() else None
        draft.set("filing_status", data["filing_status"])
        draft.set("other_income", json_number(data["other_income"] or Decimal(0)))
        draft.set("state_tax_rate", to_fraction(data["state_tax_rate"] or Decimal(0)))
        people = [("name", "age", "compensation")]
        if data["has_spouse"]:
            people.append(("spouse_name", "spouse_age", "spouse_compensation"))
        else:
            draft.drop_people_after(1)
        for index, (name, age, pay) in enumerate(people):
            draft.set(self.path_for(name), data[name] or DEFAULT_NAMES[index])
            draft.set(self.path_for(age), data[age])
            draft.set(self.path_for(pay), json_number(data[pay]))
        draft.refresh_match_dollars()


class ContributionsForm(StepForm):
    has_plan = forms.ChoiceField(
        label="A 401(k), 403(b) or similar plan at work",
        choices=[("yes", "Yes"), ("no", "No workplace plan")],
        widget=forms.RadioSelect,
        required=False,
        initial="yes",
        help_text="No job, or an employer without a plan: the plan's questions are skipped, "
        "and the IRAs can still do a backdoor Roth.",
    )
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
        help_text="Box 3 (Social Security wages) of last year's W-2 from this employer. From 2026, catch-up contributions must be Roth when these exceed the year's threshold, and pay above the highly-compensated line can get after-tax money refunded. Leave blank and we assume this year's pay (the results say so).",
    )
    has_second_plan = forms.BooleanField(
        label="I also have a 401(k) with a second, unrelated employer",
        required=False,
        help_text="For example a solo 401(k) for consulting income next to the day job. Your deferrals share one limit across both plans; each employer's plan has its own annual-additions limit, so after-tax room adds up.",
    )
    second_plan_compensation = MoneyField(
        label="Pay from the second employer",
        help_text="W-2 pay from that employer, or net self-employment earnings for a solo 401(k).",
    )
    second_pretax_deferral = MoneyField(label="Pre-tax deferrals to the second plan", initial=0)
    second_roth_deferral = MoneyField(label="Roth deferrals to the second plan", initial=0)
    second_employer_contribution = MoneyField(
        label="Employer contributions to the second plan",
        initial=0,
        help_text="Match or profit-sharing; for a solo 401(k), what the business puts in.",
    )
    second_allows_after_tax = forms.BooleanField(
        label="The second plan accepts after-tax (non-Roth) contributions", required=False
    )
    second_allows_in_service_distribution = forms.BooleanField(
        label="The second plan allows in-service distributions of after-tax money",
        required=False,
    )
    second_allows_in_plan_roth_conversion = forms.BooleanField(
        label="The second plan allows in-plan Roth conversions", required=False
    )
    second_after_tax_contribution = MoneyField(
        label="After-tax amount for the second plan",
        help_text="Leave blank for as much as its limits allow.",
    )

    paths = {
        "has_plan": "people.{i}.plan",
        "pretax_deferral": "people.{i}.plan.pretax_deferral",
        "roth_deferral": "people.{i}.plan.roth_deferral",
        "employer_contribution": "people.{i}.plan.employer_contribution",
        "match_rate": "people.{i}.plan.employer_contribution",
        "forfeitures": "people.{i}.plan.forfeitures",
        "prior_year_fica_wages": "people.{i}.prior_year_fica_wages",
        "has_second_plan": "people.{i}.second_plan",
        "second_plan_compensation": "people.{i}.second_plan_compensation",
        "second_pretax_deferral": "people.{i}.second_plan.pretax_deferral",
        "second_roth_deferral": "people.{i}.second_plan.roth_deferral",
        "second_employer_contribution": "people.{i}.second_plan.employer_contribution",
        "second_allows_after_tax": "people.{i}.second_plan.allows_after_tax",
        "second_allows_in_service_distribution": "people.{i}.second_plan.allows_in_service_distribution",
        "second_allows_in_plan_roth_conversion": "people.{i}.second_plan.allows_in_plan_roth_conversion",
        "second_after_tax_contribution": "people.{i}.second_plan.after_tax_contribution",
    }

    SECOND_PLAN_MONEY = (
        "second_pretax_deferral",
        "second_roth_deferral",
        "second_employer_contribution",
    )
    SECOND_PLAN_FLAGS = (
        "second_allows_after_tax",
        "second_allows_in_service_distribution",
        "second_allows_in_plan_roth_conversion",
    )
    SECOND_PLAN_DETAILS = (
        "second_plan_compensation",
        *SECOND_PLAN_MONEY,
        *SECOND_PLAN_FLAGS,
        "second_after_tax_contribution",
    )

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        prefix = kwargs.get("prefix")
        data = self._without_plan_unless_one(data, prefix)
        super().__init__(self._without_second_plan_unless_ticked(data, prefix), **kwargs)
        table = self.draft.table()
        carried = table.provisional.get("elective_deferral")
        self.fields["pretax_deferral"].help_text += (
            f" The {table.year} limit is ${table.elective_deferral:,.0f}"
            f" (+${table.catch_up:,.0f} catch-up at 50 or older"
            + (
                f", ${table.catch_up_age_60_to_63:,.0f} at ages 60 to 63"
                if table.catch_up_age_60_to_63
                else ""
            )
            + ")"
            + (
                f": provisional, {carried.carried_from}'s figures carried forward until "
                f"{table.year}'s are published (the assumptions step takes them)."
                if carried is not None
                else "."
            )
        )

    def layout(self) -> list[LayoutItem]:
        # app.js shows the plan's questions only with a plan, and the second plan's only
        # when its box is ticked.
        asked_apart = ("has_plan", "has_second_plan", *self.SECOND_PLAN_DETAILS)
        return [
            Div("has_plan", css_class="plan-question"),
            Div(
                *[name for name in self.fields if name not in asked_apart],
                Div("has_second_plan", css_class="second-plan-question"),
                Div(*self.SECOND_PLAN_DETAILS, css_class="second-plan-details"),
                css_class="plan-details",
            ),
        ]

    @classmethod
    def _without_plan_unless_one(cls, data: Any, prefix: str | None) -> Any:
        """Without a workplace plan, none of its answers count (a stale figure behind "No
        workplace plan" must not block Next). A page without the question keeps the plan."""
        key = f"{prefix}-" if prefix else ""
        if data is None or data.get(f"{key}has_plan") != "no":
            return data
        kept = data.copy()
        for name in cls.base_fields:
            if name != "has_plan":
                kept.pop(f"{key}{name}", None)
        kept[f"{key}employer_mode"] = "dollars"
        return kept

    @classmethod
    def _without_second_plan_unless_ticked(cls, data: Any, prefix: str | None) -> Any:
        """The second plan's answers count only with its box ticked (a stale figure behind
        an unticked box must not block Next)."""
        if data is None:
            return None
        key = f"{prefix}-" if prefix else ""
        if data.get(f"{key}has_second_plan"):
            return data
        data = data.copy()
        for name in cls.SECOND_PLAN_DETAILS:
            data.pop(f"{key}{name}", None)
        return data

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        formula = draft.match_formulas().get(self.person_index or 0)
        rate, up_to = formula or (None, None)
        second = {
            name: self.value(name, self.base_fields[name].initial)
            for name in self.SECOND_PLAN_DETAILS
        }
        return {
            **second,
            "has_plan": "yes" if self.with_plan(draft) else "no",
            "has_second_plan": isinstance(self.value("has_second_plan"), dict),
            "pretax_deferral": self.value("pretax_deferral", self.default_deferral(draft)),
            "roth_deferral": self.value("roth_deferral", 0),
            "employer_mode": "formula" if formula else "dollars",
            "employer_contribution": self.value("employer_contribution", 0),
            "match_rate": to_percent(rate),
            "match_up_to": to_percent(up_to),
            "forfeitures": self.value("forfeitures", 0),
            "prior_year_fica_wages": self.value("prior_year_fica_wages"),
        }

    def with_plan(self, draft: Draft) -> bool:
        """A plan unless "No workplace plan" was answered, or, before any answer, the
        person has no pay (nothing to defer from)."""
        index = self.person_index or 0
        if draft.has_no_workplace_plan(index):
            return False
        return draft.get(f"people.{index}.plan") is not None or (
            draft.get(f"people.{index}.compensation") != 0
        )

    def default_deferral(self, draft: Draft) -> Decimal:
        """The 402(g) limit, or the person's whole pay when that is less (a spouse with no pay
        defers nothing)."""
        limit = draft.table().elective_deferral
        pay = draft.get(f"people.{self.person_index or 0}.compensation")
        try:
            return max(Decimal(0), min(limit, Decimal(str(pay))))
        except (ArithmeticError, ValueError, TypeError):
            return limit

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("employer_mode") == "formula":
            for name in ("match_rate", "match_up_to"):
                if data.get(name) is None and name not in self.errors:
                    self.add_error(name, "Enter this part of the match formula.")
        return data

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        if data["has_plan"] == "no":
            draft.set(self.path_for("has_plan"), None)
            # No plan to roll IRA money into (the IRA step no longer asks).
            if draft.get(f"people.{self.person_index or 0}.ira.roll_into_plan"):
                draft.set(f"people.{self.person_index or 0}.ira.roll_into_plan", False)
            draft.set(self.path_for("has_second_plan"), None)
            draft.set(self.path_for("second_plan_compensation"), 0)
            draft.set_match_formula(self.person_index or 0, None)
            return
        for field in ("pretax_deferral", "roth_deferral", "forfeitures"):
            draft.set(self.path_for(field), json_number(data[field] or Decimal(0)))
        draft.set(
            self.path_for("prior_year_fica_wages"), json_number(data["prior_year_fica_wages"])
        )
        if data["has_second_plan"]:
            draft.set(
                self.path_for("second_plan_compensation"),
                json_number(data["second_plan_compensation"] or Decimal(0)),
            )
            for name in self.SECOND_PLAN_MONEY:
                draft.set(self.path_for(name), json_number(data[name] or Decimal(0)))
            for name in self.SECOND_PLAN_FLAGS:
                draft.set(self.path_for(name), bool(data[name]))
            draft.set(
                self.path_for("second_after_tax_contribution"),
                json_number(data["second_after_tax_contribution"]),
            )
        else:
            draft.set(self.path_for("has_second_plan"), None)
            draft.set(self.path_for("second_plan_compensation"), 0)
        if data["employer_mode"] == "formula":
            formula = (data["match_rate"] / HUNDRED, data["match_up_to"] / HUNDRED)
            draft.set_match_formula(self.person_index or 0, formula)
        else:
            draft.set_match_formula(self.person_index or 0, None)
            dollars = data["employer_contribution"] or Decimal(0)
            draft.set(self.path_for("employer_contribution"), json_number(dollars))
        draft.refresh_match_dollars()


PLAN_ANSWER_CHOICES = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
_PLAN_ANSWER_VALUES: dict[str, bool | None] = {"yes": True, "no": False, "unsure": None}


class PlanAnswerField(forms.ChoiceField):
    """Yes / No / Not sure for a plan feature a person may not know: True, False or None
    (the contract's null, computed both ways). Nothing chosen is Not sure."""

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=PLAN_ANSWER_CHOICES, required=False, initial="unsure", **kwargs)

    def to_python(self, value: Any) -> str:
        # "on": a tick from a page served before the answer had three choices.
        text = super().to_python(value)
        return "yes" if text == "on" else text or "unsure"

    def clean(self, value: Any) -> bool | None:
        return _PLAN_ANSWER_VALUES[super().clean(value)]

    def prepare_value(self, value: Any) -> Any:
        if value is None or isinstance(value, bool):
            return {True: "yes", False: "no", None: "unsure"}[value]
        return value


class PlanFeaturesForm(StepForm):
    allows_after_tax = PlanAnswerField(
        label="My plan accepts after-tax (non-Roth) contributions",
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
    allows_in_service_distribution = PlanAnswerField(
        label="In-service distributions (withdrawals while still employed) of after-tax money",
        help_text="Lets you roll the after-tax money out to a Roth IRA. Your summary plan description, under “in-service withdrawals”.",
    )
    allows_in_plan_roth_conversion = PlanAnswerField(
        label="In-plan Roth conversions (in-plan Roth rollovers)",
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
    accepts_ira_rollins = PlanAnswerField(
        label="My plan accepts roll-ins of pre-tax IRA money",
        help_text="Rolling pre-tax IRA money into the 401(k) before December 31 keeps it out of the backdoor's pro-rata calculation.",
    )

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        initial = {name: self.value(name) for name in self.base_fields}
        initial["after_tax_cap_percent"] = to_percent(self.value("after_tax_cap_percent"))
        initial["conversion_frequency"] = self.value("conversion_frequency") or "per_paycheck"
        initial["after_tax_route"] = self.value("after_tax_route") or ""
        return initial

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        for name in (
            "allows_after_tax",
            "allows_in_service_distribution",
            "allows_in_plan_roth_conversion",
            "accepts_ira_rollins",
        ):
            draft.set(self.path_for(name), data[name])
        for name in ("after_tax_cap", "after_tax_contribution", "after_tax_earnings"):
            draft.set(self.path_for(name), json_number(data[name]))
        draft.set(
            self.path_for("after_tax_cap_percent"), to_fraction(data["after_tax_cap_percent"])
        )
        draft.set(self.path_for("conversion_frequency"), data["conversion_frequency"])
        draft.set(self.path_for("after_tax_route"), data["after_tax_route"] or None)


PlanFeaturesForm.paths = {name: "people.{i}.plan." + name for name in PlanFeaturesForm.base_fields}


class DateField(forms.DateField):
    """A day, in the browser's date picker (it sends YYYY-MM-DD) or typed as 1/15/2026."""

    default_error_messages = {"invalid": "Enter a date, like 2026-01-15."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            input_formats=["%Y-%m-%d", "%m/%d/%Y"],
            widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            **kwargs,
        )


# The "already done" questions: each dated row is the first entry of a contract list (the
# API may send more; the wizard keeps the others as they are).
DATED_ROWS = {
    "contribution_made": "contributions_made",
    "conversion_made": "conversions_made",
}


class IraForm(StepForm):
    year_end_balance = MoneyField(
        label="December 31 value of your traditional, SEP and SIMPLE IRAs",
        initial=0,
        help_text="All of them together, after this year's conversion: rollover IRAs from old jobs count. Roth IRAs, your spouse's IRAs and 401(k) money don't. Inherited IRAs are out of scope for this planner: do not include them. Your December 31 IRA statements show it.",
    )
    prior_year_end_balance = MoneyField(
        label="December 31 value of the same IRAs at the end of last year",
        help_text="At your age a required minimum distribution (RMD) comes out of these IRAs "
        "this year: last year's December 31 value divided by an IRS life-expectancy factor. "
        "It must come out before you convert, and it can't be converted. Last year's "
        "December 31 statements (or Form 5498 box 5) show it. Leave blank and we use the "
        "value above (the results say so).",
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
    self_employed = forms.BooleanField(
        label="I have self-employment income this year (a business or freelance work)",
        required=False,
        help_text="A solo 401(k) for that income can take your pre-tax IRA money, SEP-IRA "
        "included, so it no longer makes a backdoor taxable. A SEP-IRA alone is not "
        "enough: it may hold an employer's or an old business's money.",
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
    contribution_made_amount = MoneyField(
        label="Contribution already made for this tax year ($)",
        help_text="What you have already put into a traditional IRA for this tax year. Made "
        "more than once? Enter the total and the date of the last one.",
    )
    contribution_made_date = DateField(
        label="Date of that contribution",
        help_text="From January 1 of the tax year to the April filing deadline of the next year.",
    )
    conversion_made_amount = MoneyField(
        label="Roth conversion already made this year ($)",
        help_text="What you have already converted to Roth this calendar year. More than once? "
        "Enter the total and the date of the last one.",
    )
    conversion_made_date = DateField(
        label="Date of that conversion", help_text="A day in the tax year."
    )
    traditional_balance_today = MoneyField(
        label="Traditional IRAs today ($)",
        help_text="What your traditional IRAs (rollover IRAs included) hold today.",
    )
    sep_balance_today = MoneyField(
        label="SEP-IRAs today ($)",
        help_text="A SEP-IRA (your business's or an employer's) counts in the pro-rata rule like any "
        "traditional IRA, even one you had forgotten.",
    )
    simple_balance_today = MoneyField(
        label="SIMPLE IRAs today ($)",
        help_text="SIMPLE IRAs count too.",
    )

    DONE_FIELDS = (
        "contribution_made_amount",
        "contribution_made_date",
        "conversion_made_amount",
        "conversion_made_date",
        *BALANCES_TODAY,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self._asks_for_last_year_balance():
            del self.fields["prior_year_end_balance"]
        if self.draft.has_no_workplace_plan(self.person_index or 0):
            # "No workplace plan": no plan to roll into (a solo 401(k) for self-employment
            # income is the answer's to propose, from the box below).
            del self.fields["roll_into_plan"]

    def layout(self) -> list[LayoutItem]:
        return [
            *[name for name in self.fields if name not in self.DONE_FIELDS],
            Fieldset(
                "Already done this year (optional)",
                HTML(
                    '<p class="form-text">Already contributed or converted this year? Say so: '
                    "the results then show what is left to do and how to put right anything "
                    "that went wrong, with the days left. Today's balances, when you give "
                    "them, replace the December 31 value above: we add what you still plan "
                    "to contribute and take off what you still plan to convert.</p>"
                ),
                *self.DONE_FIELDS,
                css_class="already-done",
            ),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        today = timezone.localdate()
        for row in DATED_ROWS:
            amount, day = data.get(f"{row}_amount"), data.get(f"{row}_date")
            if amount is not None and day is None and f"{row}_date" not in self.errors:
                self.add_error(f"{row}_date", "Enter the date too.")
            if day is not None and day > today:
                # What is done is counted from today; what is still planned is asked above.
                self.add_error(
                    f"{row}_date",
                    f"That day is still to come: enter only what is already done, on or"
                    f" before today ({long_date(today)}). What you plan goes above.",
                )
            if day is not None and amount is None and f"{row}_amount" not in self.errors:
                self.add_error(f"{row}_amount", "Enter the amount too.")
        return data

    def _asks_for_last_year_balance(self) -> bool:
        """Only at RMD age (for the year) and with traditional IRA money (or none entered yet)."""
        year, age = self.draft.tax_year, self.draft.get(f"people.{self.person_index or 0}.age")
        if year is None or not isinstance(age, int) or not rmd_applies(year, age):
            return False
        balance = self.value("year_end_balance")
        return self.value("prior_year_end_balance") is not None or balance != 0

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        return {name: self.value(name, field.initial) for name, field in self.base_fields.items()}

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        ira = f"people.{self.person_index}.ira"
        for row, key in DATED_ROWS.items():
            amount, day = data[f"{row}_amount"], data[f"{row}_date"]
            # Both or neither (clean); in the check with stand-ins for mistyped answers
            # (apply_with_saved_answers) a row missing its date is left out, not a failure.
            entry = (
                None
                if amount is None or day is None
                else {"date": day.isoformat(), "amount": json_number(amount)}
            )
            draft.set_first_dated(f"{ira}.{key}", entry)
        for name in BALANCES_TODAY:
            if data[name] is not None or self.value(name) is not None:
                draft.set(self.path_for(name), json_number(data[name]))
        if "prior_year_end_balance" in self.fields:
            draft.set(
                self.path_for("prior_year_end_balance"),
                json_number(data["prior_year_end_balance"]),
            )
        for name in ("year_end_balance", "basis", "earnings_before_conversion"):
            draft.set(self.path_for(name), json_number(data[name] or Decimal(0)))
        for name in ("nondeductible_contribution", "conversion"):
            draft.set(self.path_for(name), json_number(data[name]))
        for name in ("roll_into_plan", "contribution_made_next_year", "self_employed"):
            draft.set(self.path_for(name), bool(data.get(name)))


IraForm.paths = {name: "people.{i}.ira." + name for name in IraForm.base_fields} | {
    f"{row}_{part}": f"people.{{i}}.ira.{key}.0.{part}"
    for row, key in DATED_ROWS.items()
    for part in ("amount", "date")
}
# Self-employment is the person's, not the IRAs': it opens a solo 401(k) to roll them into.
IraForm.paths["self_employed"] = "people.{i}.self_employed"


def _own_limit_label(figure: str) -> str:
    return f"{FIELD_LABELS[f'limit_overrides.{figure}']}, optional"


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

    # The year's figures a household may replace (contract limit_overrides); labels and help
    # come from the year's table.
    own_elective_deferral = MoneyField(label=_own_limit_label("elective_deferral"))
    own_catch_up = MoneyField(label=_own_limit_label("catch_up"))
    own_catch_up_age_60_to_63 = MoneyField(label=_own_limit_label("catch_up_age_60_to_63"))
    own_annual_additions = MoneyField(label=_own_limit_label("annual_additions"))
    own_ira_contribution = MoneyField(label=_own_limit_label("ira_contribution"))
    own_ira_catch_up = MoneyField(label=_own_limit_label("ira_catch_up"))
    OWN_LIMITS = {f"own_{limit}": limit.value for limit in OverridableLimit}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = self.draft.table()
        for name, figure in self.OWN_LIMITS.items():
            official = getattr(table, figure)
            if official is None:
                # No such limit that year (the ages 60-63 catch-up before 2025).
                del self.fields[name]
                continue
            field = self.fields[name]
            carried = table.provisional.get(figure)
            field.help_text = (
                f"Blank: {format_money(official)}, {carried.carried_from}'s figure carried"
                f" forward ({table.year}'s is not in this planner yet)."
                if carried is not None
                else f"Blank: the official {format_money(official)} for {table.year}."
            )

    def layout(self) -> list[LayoutItem]:
        own = [name for name in self.OWN_LIMITS if name in self.fields]
        return [
            *[name for name in self.fields if name not in self.OWN_LIMITS],
            Fieldset(
                "Your own limits (optional)",
                HTML(
                    '<p class="form-text">Leave these blank to plan on the official figures.'
                    " Fill one in when your plan sets a lower limit than the law, or when a"
                    " year's new figures are published before this planner has them. The"
                    " results say which limits are your own.</p>"
                ),
                *own,
                css_class="own-limits",
            ),
        ]

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        return {
            "expected_return": to_percent(self.value("expected_return", 0.06)),
            "years_to_retirement": self.value("years_to_retirement", 20),
            "federal_marginal_rate": to_percent(self.value("federal_marginal_rate")),
            "itemized_deductions": self.value("itemized_deductions"),
            "form_8606_ratio_places": self.value("form_8606_ratio_places", 5),
            **{name: self.value(name) for name in self.OWN_LIMITS},
        }

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        expected = data["expected_return"]
        draft.set("expected_return", to_fraction(expected if expected is not None else Decimal(6)))
        years = data["years_to_retirement"]
        draft.set("years_to_retirement", 20 if years is None else years)
        draft.set("federal_marginal_rate", to_fraction(data["federal_marginal_rate"]))
        draft.set("itemized_deductions", json_number(data["itemized_deductions"]))
        draft.set("form_8606_ratio_places", data["form_8606_ratio_places"])
        own = {
            figure: json_number(data[name])
            for name, figure in self.OWN_LIMITS.items()
            if data.get(name) is not None
        }
        draft.set("limit_overrides", own or None)


AssumptionsForm.paths = {
    name: f"limit_overrides.{AssumptionsForm.OWN_LIMITS[name]}"
    if name in AssumptionsForm.OWN_LIMITS
    else name
    for name in AssumptionsForm.base_fields
}


class DayField(forms.DateField):
    """A date typed as year-month-day (the browser's date picker sends that too)."""

    default_error_messages = {"invalid": "Enter a date like 2026-07-01 (year-month-day)."}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(
            input_formats=["%Y-%m-%d"],
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **kwargs,
        )


PAY_FREQUENCIES = list(PAY_FREQUENCY_LABELS.items())
ELECTION_UNITS = list(ELECTION_UNIT_LABELS.items())
BONUS_FIELDS = (("bonus_1_date", "bonus_1_amount"), ("bonus_2_date", "bonus_2_amount"))
PAYCHECK_MONEY = ("pretax_so_far", "roth_so_far", "after_tax_so_far", "match_so_far")
PAYCHECK_CAPS = ("pretax_cap_percent", "roth_cap_percent", "after_tax_cap_percent")


def has_workplace_plan(draft: Draft) -> list[int]:
    """The people asked about their plan's features: all but those with "No workplace plan"
    (a plan not entered yet is asked about)."""
    return [
        index for index in range(draft.people_count()) if not draft.has_no_workplace_plan(index)
    ]


def needs_paychecks(draft: Draft) -> list[int]:
    """The people whose elections matter: a plan that takes after-tax money (the mega
    backdoor), or a match formula, which payroll may pay paycheck by paycheck."""
    formulas = draft.match_formulas()
    return [
        index
        for index in range(draft.people_count())
        if isinstance(draft.get(f"people.{index}.plan"), dict)
        and (draft.get(f"people.{index}.plan.allows_after_tax") is True or index in formulas)
    ]


class PaychecksForm(StepForm):
    pay_per_period = MoneyField(
        label="Pay per paycheck",
        help_text="Regular gross pay on each paycheck, before deferrals (your pay stub). "
        "Leave blank to skip the paycheck plan.",
    )
    frequency = forms.ChoiceField(
        label="How often are you paid?", choices=PAY_FREQUENCIES, required=False
    )
    first_pay_date = DayField(
        label="First payday of the year (optional)",
        help_text="Weekly or every two weeks: the year's first payday, or your first at a new "
        "job. Blank: the year's first Friday.",
    )
    elections_start = DayField(
        label="New elections take effect on (optional)",
        help_text="The first paycheck your new percentages can reach; payroll often needs a "
        "pay period or two. Blank: the year's first paycheck.",
    )
    pretax_so_far = MoneyField(label="Pre-tax deferred before then", initial=0)
    roth_so_far = MoneyField(label="Roth deferred before then", initial=0)
    after_tax_so_far = MoneyField(label="After-tax contributed before then", initial=0)
    match_so_far = MoneyField(label="Match received before then", initial=0)
    bonus_1_date = DayField(label="Bonus date (optional)")
    bonus_1_amount = MoneyField(label="Bonus amount")
    bonus_2_date = DayField(label="Second bonus date (optional)")
    bonus_2_amount = MoneyField(label="Second bonus amount")
    election_unit = forms.ChoiceField(
        label="Payroll takes elections as",
        choices=ELECTION_UNITS,
        initial="whole_percent",
        required=False,
    )
    match_true_up = forms.BooleanField(
        label="My plan trues up the match after the year",
        required=False,
        help_text="With a true-up the plan pays the year's whole match however the deferrals "
        "were spread. Without one, a paycheck that defers too little, or none once the "
        "402(g) limit is reached, loses its match for good.",
    )
    pretax_cap_percent = PercentField(label="Plan cap on pre-tax per paycheck (% of pay, optional)")
    roth_cap_percent = PercentField(label="Plan cap on Roth per paycheck (% of pay, optional)")
    after_tax_cap_percent = PercentField(
        label="Plan cap on after-tax per paycheck (% of pay, optional)"
    )

    paths = {
        **{
            name: "people.{i}.plan.paychecks." + name
            for name in (
                "pay_per_period",
                "frequency",
                "first_pay_date",
                "elections_start",
                *PAYCHECK_MONEY,
                "election_unit",
                "match_true_up",
                *PAYCHECK_CAPS,
            )
        },
        "bonus_1_date": "people.{i}.plan.paychecks.bonuses.0.paid_on",
        "bonus_1_amount": "people.{i}.plan.paychecks.bonuses.0.amount",
        "bonus_2_date": "people.{i}.plan.paychecks.bonuses.1.paid_on",
        "bonus_2_amount": "people.{i}.plan.paychecks.bonuses.1.amount",
    }

    def layout(self) -> list[LayoutItem]:
        formula = self.draft.match_formulas().get(self.person_index or 0)
        if formula:
            rate, up_to = (to_percent(value) for value in formula)
            match = f"Match: {rate}% of the first {up_to}% of pay (from the 401(k) step)."
        else:
            match = (
                "No match formula: on the 401(k) step, choose “A match formula” for the "
                "elections to keep every dollar of match."
            )
        return [
            "pay_per_period",
            "frequency",
            "first_pay_date",
            "elections_start",
            Div(*PAYCHECK_MONEY, css_class="paychecks-so-far"),
            Div(*(name for pair in BONUS_FIELDS for name in pair), css_class="paychecks-bonuses"),
            "election_unit",
            HTML(format_html('<p class="small text-body-secondary">{}</p>', match)),
            "match_true_up",
            *PAYCHECK_CAPS,
        ]

    def initial_from(self, draft: Draft) -> dict[str, Any]:
        initial = {
            name: self.value(name, field.initial) for name, field in self.base_fields.items()
        }
        initial["frequency"] = self.value("frequency") or "biweekly"
        initial["election_unit"] = self.value("election_unit") or "whole_percent"
        if initial["pay_per_period"] is None and self.value("frequency") is None:
            pay = draft.get(f"people.{self.person_index or 0}.compensation")
            if isinstance(pay, int | float):
                # A first guess from the year's pay: every two weeks, on the Fridays the
                # engine counts without a first payday (27 of them in 2027).
                count = len(paydays(Paychecks(pay_per_period=Decimal(1)), draft.table().year))
                initial["pay_per_period"] = round(Decimal(str(pay)) / count, 2)
        for name in PAYCHECK_CAPS:
            initial[name] = to_percent(self.value(name))
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        for date_name, amount_name in BONUS_FIELDS:
            dated, amount = data.get(date_name), data.get(amount_name)
            if dated is not None and amount is None and amount_name not in self.errors:
                self.add_error(amount_name, "Enter the bonus amount (or clear its date).")
            if amount and dated is None and date_name not in self.errors:
                self.add_error(date_name, "Enter the date the bonus is paid.")
        return data

    def apply(self, draft: Draft) -> None:
        data = self.cleaned_data
        where = f"people.{self.person_index or 0}.plan.paychecks"
        if data["pay_per_period"] is None:
            plan = draft.get(f"people.{self.person_index or 0}.plan")
            if isinstance(plan, dict):
                plan.pop("paychecks", None)
            return
        rate, up_to = draft.match_formulas().get(self.person_index or 0, (Decimal(0),) * 2)
        draft.set(
            where,
            {
                "pay_per_period": json_number(data["pay_per_period"]),
                "frequency": data["frequency"] or "biweekly",
                "first_pay_date": _iso(data["first_pay_date"]),
                "elections_start": _iso(data["elections_start"]),
                **{name: json_number(data[name] or Decimal(0)) for name in PAYCHECK_MONEY},
                "bonuses": [
                    {"paid_on": _iso(data[day]), "amount": json_number(data[amount])}
                    for day, amount in BONUS_FIELDS
                    if data[day] is not None
                ],
                "election_unit": data["election_unit"] or "whole_percent",
                "match_true_up": bool(data["match_true_up"]),
                "match_rate": json_number(rate),
                "match_up_to": json_number(up_to),
                **{name: to_fraction(data[name]) for name in PAYCHECK_CAPS},
            },
        )


def _iso(day: Any) -> str | None:
    return None if day is None else str(day.isoformat())


# The wizard's steps ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    form_class: type[StepForm]
    per_person: bool
    # A step only some people need: who they are (none: the step is skipped).
    people_who_need_it: Callable[[Draft], list[int]] | None = None

    @property
    def url(self) -> str:
        return f"/plan/{self.slug}/"

    def people(self, draft: Draft) -> list[int]:
        if self.people_who_need_it is not None:
            return self.people_who_need_it(draft)
        return list(range(draft.people_count()))

    def applies(self, draft: Draft) -> bool:
        return self.people_who_need_it is None or bool(self.people_who_need_it(draft))


STEPS = [
    Step(
        "household",
        "Household",
        "Who is planning, for which tax year, and what you earn.",
        HouseholdForm,
        False,
    ),
    Step(
        "401k",
        "401(k) contributions",
        "What goes into the 401(k) before any after-tax money: your deferrals and your employer's.",
        ContributionsForm,
        True,
    ),
    Step(
        "plan-features",
        "Plan features",
        "What your plan allows. Your summary plan description (SPD) answers these; if you are "
        "not sure, say so: the results work it out both ways and say what depends on it.",
        PlanFeaturesForm,
        True,
        has_workplace_plan,
    ),
    Step(
        "paychecks",
        "Paychecks",
        "What to tell payroll: the percentages that reach the year's limits by the last "
        "paycheck without losing any match. Leave the pay blank to skip this step.",
        PaychecksForm,
        True,
        needs_paychecks,
    ),
    Step(
        "iras",
        "IRAs",
        "Your traditional IRAs decide how much of a backdoor conversion is taxed (the pro-rata rule).",
        IraForm,
        True,
    ),
    Step(
        "assumptions",
        "Assumptions",
        "How the money grows and how we work out the tax.",
        AssumptionsForm,
        False,
    ),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def visible_steps(draft: Draft) -> list[Step]:
    """The steps this draft asks: a step only some people need shows when someone does."""
    return [step for step in STEPS if step.applies(draft)]


# The one map from a contract path to the wizard field that asks for it. A path may be
# declared with "{i}" (each person's own form) or with a fixed index (the household step).
# Where two fields declare one path, the later one takes the engine's message.
FIELDS_BY_PATH: dict[str, tuple[Step, str]] = {
    path: (step, field) for step in STEPS for field, path in step.form_class.paths.items()
}


def locate(path: str) -> tuple[Step, str, int | None] | None:
    """The step, field and person index (None: any) that answer an engine error's path."""
    pattern, index = path_pattern(path)
    if pattern in FIELDS_BY_PATH:
        return (*FIELDS_BY_PATH[pattern], index)
    if path in FIELDS_BY_PATH:
        return (*FIELDS_BY_PATH[path], None)
    return None


@dataclass(frozen=True)
class Problem:
    """One line of a problems list: what is wrong, whose, and where to fix it."""

    label: str
    who: str
    message: str
    url: str = ""
    id: str = ""
    # Another step whose answer fixes this one (its slug and title), if any.
    fix_slug: str = ""
    fix_title: str = ""


_FIELD_NAME_IN_MESSAGE = re.compile(r"\s*\(([a-z]+(?:_[a-z0-9]+)+)\)")


def _field_by_name(name: str) -> tuple[Step, str] | None:
    for step in STEPS:
        if name in step.form_class.base_fields:
            return step, name
    return None


def in_words(message: str) -> tuple[str, Step | None]:
    """An engine message without internal field names: "(accepts_ira_rollins)" becomes the
    wizard's question and its step, which is returned too."""
    found_step = None

    def words(match: re.Match[str]) -> str:
        nonlocal found_step
        found = _field_by_name(match.group(1))
        if found is None:
            label = next(
                (text for path, text in FIELD_LABELS.items() if path.endswith(match.group(1))),
                None,
            )
            return f" ({label.lower()})" if label else ""
        step, field = found
        found_step = step
        label = str(step.form_class.base_fields[field].label)
        return f": answer “{label}” on step {STEPS.index(step) + 1}, {step.title}"

    return _FIELD_NAME_IN_MESSAGE.sub(words, message), found_step


def describe_problems(errors: dict[str, list[str]], draft: Draft) -> list[Problem]:
    """The engine's errors in words, each with a link to the step that asks for the field."""
    problems = []
    for path, messages in errors.items():
        pattern, index = path_pattern(path)
        found = locate(path)
        if found is not None:
            step, field, _ = found
            label = str(step.form_class.base_fields[field].label or field.replace("_", " "))
        else:
            step, label = STEPS[0], FIELD_LABELS.get(pattern, path)
        who = "" if index is None else str(draft.get(f"people.{index}.name", ""))
        for message in messages:
            text, fix = in_words(message)
            where = fix or step
            problems.append(Problem(label, who, text, where.url, "", where.slug, where.title))
    return problems


def form_problems(forms: list[StepForm]) -> list[Problem]:
    """The problems list of a step's own forms, each linking to its field."""
    problems = []
    for form in forms:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else "This step"
            anchor = form[field].auto_id if field in form.fields else ""
            for message in errors:
                fix = form.fixed_on.get(message)
                problems.append(
                    Problem(
                        str(label),
                        form.person_label,
                        message,
                        id=anchor,
                        fix_slug=fix.slug if fix else "",
                        fix_title=fix.title if fix else "",
                    )
                )
    return problems
