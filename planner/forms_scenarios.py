"""Forms for saved scenarios: naming, saving, sharing, importing."""

from __future__ import annotations

import json
import math
from typing import Any

from django import forms

from planner.drafts import READABLE_SCHEMAS, Draft
from planner.engine import EngineError, InvalidInput, numbers, parse_household
from planner.forms_accounts import form_helper
from planner.models import EXPORT_FORMAT, NAME_MAX_LENGTH, ShareLink


class ScenarioNameForm(forms.Form):
    name = forms.CharField(
        label="Scenario name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Give the scenario a name.", code="required")
        return name


class SaveDraftForm(ScenarioNameForm):
    action = forms.ChoiceField(
        choices=[("update", "Save changes"), ("new", "Save as a new scenario")],
        required=False,
    )


class ShareLinkForm(forms.Form):
    label = forms.CharField(
        label="Label (optional)",
        max_length=120,
        required=False,
        help_text="Who the link is for, such as “for my CPA”. Only you see it.",
    )
    days = forms.TypedChoiceField(
        label="Expires after",
        choices=ShareLink.EXPIRY_CHOICES,
        coerce=int,
        initial=ShareLink.DEFAULT_DAYS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class ImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024
    MAX_SCENARIOS = 500

    file = forms.FileField(
        label="Exported scenarios file (.json)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()

    def clean_file(self) -> list[dict[str, Any]]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB; this is not an export file.")
        try:
            document = json.loads(
                upload.read().decode("utf-8"),
                parse_int=numbers.parse_int,
                parse_float=_bounded_float,
                parse_constant=_refuse_constant,
            )
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise forms.ValidationError(
                "The file is not valid JSON. Choose a file made by “Download all (JSON)”."
            ) from None
        if problem := _unsafe_value(document):
            raise forms.ValidationError(f"Nothing was imported: the file {problem}")
        if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
            raise forms.ValidationError(
                "The file is JSON, but not a scenarios export from this planner."
            )
        if document.get("version") != 1:
            raise forms.ValidationError(
                f"The file was exported in format version {document.get('version')!r}, which this planner does not read."
            )
        items = document.get("scenarios")
        if not isinstance(items, list) or not items:
            raise forms.ValidationError("The file holds no scenarios.")
        if len(items) > self.MAX_SCENARIOS:
            raise forms.ValidationError(f"The file holds more than {self.MAX_SCENARIOS} scenarios.")
        problems = [
            f"Scenario {number}: {problem}"
            for number, item in enumerate(items, start=1)
            if (problem := _scenario_problem(item))
        ]
        if problems:
            raise forms.ValidationError(["Nothing was imported."] + problems[:10])
        return [
            {"name": item["name"].strip(), "form": Draft.from_json(item["form"]).stored()}  # type: ignore[union-attr]
            for item in items
        ]


def _scenario_problem(item: Any) -> str:
    if not isinstance(item, dict):
        return "is not an object."
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        return "has no name."
    if len(name.strip()) > NAME_MAX_LENGTH:
        return f"the name is longer than {NAME_MAX_LENGTH} characters."
    form = item.get("form")
    if not isinstance(form, dict):
        return "has no “form” object."
    if form.get("schema") not in READABLE_SCHEMAS:
        return f"saved in schema {form.get('schema')!r}, which this planner does not read."
    inputs = form.get("inputs")
    if not isinstance(inputs, dict):
        return "has no “inputs” object."
    year = inputs.get("tax_year")
    if not isinstance(year, int) or isinstance(year, bool):
        return "has no tax year."
    if not isinstance(form.get("wizard", {}), dict):
        return "“wizard” is not an object."
    try:
        parse_household(inputs)  # exactly what the API and the wizard accept
    except InvalidInput as error:
        path, messages = next(iter(error.errors.items()))
        return f"{path}: {messages[0]}"
    except EngineError as error:
        return str(error)
    return ""


MAX_IMPORT_DEPTH = 20
MAX_IMPORT_INTEGER = 10**15


def _bounded_float(text: str) -> float | numbers.OutOfBounds:
    # Stored as JSON floats (1E999999999 reads as inf, refused below); only a number text
    # too long to read at all stays out of bounds (planner/engine/numbers.py).
    if len(text) > numbers.MAX_NUMBER_CHARS:
        return numbers.OutOfBounds.of(text)
    return float(text)


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number")


def _unsafe_value(document: Any) -> str:
    """Why the database or a page could not hold something in `document`; "" if nothing."""
    pending = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if depth > MAX_IMPORT_DEPTH:
            return f"nests deeper than {MAX_IMPORT_DEPTH} levels."
        if isinstance(value, dict):
            pending.extend((key, depth) for key in value)
            pending.extend((item, depth + 1) for item in value.values())
        elif isinstance(value, list):
            pending.extend((item, depth + 1) for item in value)
        elif isinstance(value, str):
            if "\x00" in value:
                return "holds a NUL character."
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return "holds text that is not valid Unicode (a lone surrogate)."
        elif isinstance(value, numbers.OutOfBounds):
            return f"holds a number larger than this planner handles ({value.text})."
        elif isinstance(value, float) and not math.isfinite(value):
            return "holds a number too large to be real (or not a number)."
        elif isinstance(value, int) and abs(value) > MAX_IMPORT_INTEGER:
            return "holds a number larger than this planner handles."
    return ""
