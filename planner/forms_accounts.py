"""Forms for accounts: sign up, log in and password reset."""

from __future__ import annotations

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

from planner import ratelimit
from planner.http import client_address

User = get_user_model()


def form_helper() -> FormHelper:
    """crispy-forms without its own <form> tag: the template owns the form element."""
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
        self.helper = form_helper()

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
        self.helper = form_helper()

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
