"""Forms for accounts, saved scenarios, share links and import."""

from __future__ import annotations

import json
import math
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from planner import drafts, ratelimit
from planner.engine import EngineError, InvalidInput, parse_household
from planner.http import client_address
from planner.models import EXPORT_FORMAT, NAME_MAX_LENGTH, ShareLink

User = get_user_model()


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class SignupForm(BaseUserCreationForm):
    """Email and password; the username is the email, lowercased, and is never shown publicly."""

    email = forms.EmailField(
        label="Email", max_length=150, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    class Meta:
        model = User
        fields = ("email",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs.pop("autofocus", None)
        self.fields["password1"].help_text = "At least 8 characters, not a common password."
        self.helper = _helper()

    def clean_email(self) -> str:
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(username__iexact=email).exists():
            # The same password hashing as creating an account, so the answer takes as long.
            make_password(self.data.get("password1") or "")
            raise forms.ValidationError(
                "An account with this email already exists. Log in, or reset your password.",
                code="duplicate",
            )
        return email

    def _post_clean(self) -> None:
        # The password validators compare against the username, so set it first.
        if "email" in self.cleaned_data:
            self.instance.username = self.cleaned_data["email"]
        super()._post_clean()

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.username = user.email = self.cleaned_data["email"]
        if commit:
            user.save()
        return user


class ThrottledAuthenticationForm(AuthenticationForm):
    """Log in by email, with failed attempts counted in the cache (planner/ratelimit.py).

    Each attempt takes a place under three limits before the password is checked, so a
    concurrent burst cannot get more guesses than the limits allow; a good password gives
    the places back. The per-account limit across addresses is much higher than the one
    for an account from a single address: a stranger can slow the owner down, never lock
    them out.
    """

    username = forms.CharField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "That email and password do not match an account. Check both and try again.",
        "throttled": "Too many failed log-in attempts. Wait 15 minutes and try again, or reset your password.",
    }

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self.helper = _helper()

    @property
    def throttled(self) -> bool:
        return any(error.code == "throttled" for error in self.non_field_errors().as_data())

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        if not username or not self.cleaned_data.get("password"):
            return super().clean()
        places = self._throttle_places(username)
        if any(ratelimit.hit(limit, subject) > limit.count for limit, subject in places):
            for limit, subject in places:
                ratelimit.give_back(limit, subject)
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            if exc.code != "invalid_login":
                for limit, subject in places:
                    ratelimit.give_back(limit, subject)
            raise
        for limit, subject in places:
            ratelimit.give_back(limit, subject)
        ratelimit.forget(*places[1])
        return cleaned

    def _throttle_places(self, username: str) -> list[tuple[ratelimit.Limit, str]]:
        address = client_address(self.request) if self.request else ""
        return [
            (ratelimit.LOGIN_PER_ADDRESS, address),
            (ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS, f"{username}\n{address}"),
            (ratelimit.LOGIN_PER_ACCOUNT, username),
        ]


class QuietPasswordResetForm(PasswordResetForm):
    """Django's reset form, doing the same work whether or not the email has an account.

    Django renders and sends mail only for an existing account, which made the answer
    measurably slower for a known email. For an unknown one, the same mail is rendered for
    a stand-in user and built, just not sent.
    """

    def save(self, *args: Any, **kwargs: Any) -> None:
        email = self.cleaned_data["email"]
        if next(iter(self.get_users(email)), None) is None:
            self._build_mail_for_nobody(email, kwargs)
        super().save(*args, **kwargs)

    def _build_mail_for_nobody(self, email: str, options: dict[str, Any]) -> None:
        stand_in = User(username=email, email=email, password=make_password(None))
        request = options.get("request")
        context = {
            "email": email,
            "domain": request.get_host() if request else "localhost",
            "site_name": request.get_host() if request else "localhost",
            "uid": urlsafe_base64_encode(force_bytes(0)),
            "user": stand_in,
            "token": options.get("token_generator", default_token_generator).make_token(stand_in),
            "protocol": "https" if options.get("use_https") else "http",
            **(options.get("extra_email_context") or {}),
        }
        subject = "".join(
            loader.render_to_string(
                options.get("subject_template_name", "registration/password_reset_subject.txt"),
                context,
            ).splitlines()
        )
        body = loader.render_to_string(
            options.get("email_template_name", "registration/password_reset_email.html"),
            context,
        )
        EmailMultiAlternatives(subject, body, None, [email]).message().as_bytes()


class ScenarioNameForm(forms.Form):
    name = forms.CharField(
        label="Scenario name",
        max_length=NAME_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

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
        self.helper = _helper()


class ImportForm(forms.Form):
    MAX_BYTES = 2 * 1024 * 1024
    MAX_SCENARIOS = 500

    file = forms.FileField(
        label="Exported scenarios file (.json)",
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean_file(self) -> list[dict[str, Any]]:
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB; this is not an export file.")
        try:
            document = json.loads(upload.read().decode("utf-8"), parse_constant=_refuse_constant)
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
            {"name": item["name"].strip(), "form": drafts.stored_form(item["form"])}
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
    if form.get("schema") != drafts.SCHEMA_VERSION:
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
        elif isinstance(value, float) and not math.isfinite(value):
            return "holds a number too large to be real (or not a number)."
        elif isinstance(value, int) and abs(value) > MAX_IMPORT_INTEGER:
            return "holds a number larger than this planner handles."
    return ""
