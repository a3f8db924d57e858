"""Forms for accounts: sign up and log in."""

from __future__ import annotations

import hashlib
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm
from django.core.cache import cache
from django.http import HttpRequest

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
    """Log in by email, with failed attempts counted in the cache.

    The cache is Redis when REDIS_URL is set, so the counts hold across app servers.
    """

    MAX_FAILURES_PER_USERNAME = 5
    MAX_FAILURES_PER_IP = 20  # higher: an office or a phone network shares one address
    WINDOW_SECONDS = 15 * 60
    KEY_PREFIX = "login-fail:"

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

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        keys = self._throttle_keys(username)
        counts = cache.get_many(list(keys.values()))
        if counts.get(keys.get("username"), 0) >= self.MAX_FAILURES_PER_USERNAME or (
            counts.get(keys["ip"], 0) >= self.MAX_FAILURES_PER_IP
        ):
            raise forms.ValidationError(self.error_messages["throttled"], code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            if exc.code == "invalid_login":
                for key in keys.values():
                    cache.add(key, 0, self.WINDOW_SECONDS)
                    try:
                        cache.incr(key)
                    except ValueError:  # expired between add and incr
                        cache.set(key, 1, self.WINDOW_SECONDS)
            raise
        if "username" in keys:
            cache.delete(keys["username"])
        return cleaned

    def _throttle_keys(self, username: str | None) -> dict[str, str]:
        ip = client_address(self.request) if self.request else ""
        keys = {"ip": f"{self.KEY_PREFIX}ip:{hashlib.sha256(ip.encode()).hexdigest()}"}
        if username:
            digest = hashlib.sha256(username.encode()).hexdigest()
            keys["username"] = f"{self.KEY_PREFIX}user:{digest}"
        return keys
