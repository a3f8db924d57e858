"""Forms for accounts: sign up, log in and password reset."""

from __future__ import annotations

import logging
from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, BaseUserCreationForm, PasswordResetForm
from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template import loader
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_decode, urlsafe_base64_encode

from planner import ratelimit
from planner.http import client_address

User = get_user_model()
logger = logging.getLogger(__name__)
# Signed up, never confirmed. An account an admin deactivated has logged in before: it is
# treated as taken, and sign-up neither reopens it nor changes its password.
UNCONFIRMED = {"is_active": False, "last_login__isnull": True}


def form_helper() -> FormHelper:
    """crispy-forms without its own <form> tag: the template owns the form element."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


class SignupLinks:
    """Links that confirm a new account's email, good for PASSWORD_RESET_TIMEOUT (3 days).

    Each sign-up's link carries (signed) the salt of the password chosen in that sign-up and
    a keyed digest of its hash, never the hash itself. Sign-up never changes a stored
    password: confirming asks for the password again, and only the password chosen with
    that link's sign-up activates the account, takes the place of the stored one and logs
    in. So someone who signs up with another person's address first cannot get in through
    that person's confirmation, and a link is spent once the account is active.
    """

    salt = "planner.forms_accounts.SignupLinks"

    def make_token(self, user: Any, password_hash: str) -> str:
        password_salt = identify_hasher(password_hash).decode(password_hash)["salt"]
        payload = {"u": user.pk, "s": password_salt, "d": self._digest(password_hash)}
        return signing.dumps(payload, salt=self.salt)

    def user_for_link(self, uidb64: str, token: str) -> tuple[Any, dict[str, Any]] | None:
        """The unconfirmed account a link is for and the link's payload; None if not good."""
        try:
            pk = int(urlsafe_base64_decode(uidb64).decode())
            payload = signing.loads(token, salt=self.salt, max_age=settings.PASSWORD_RESET_TIMEOUT)
        except (ValueError, UnicodeDecodeError, OverflowError, signing.BadSignature):
            return None
        if not isinstance(payload, dict) or payload.get("u") != pk:
            return None
        user = User._default_manager.filter(pk=pk, **UNCONFIRMED).first()
        return None if user is None else (user, payload)

    def password_for_link(self, payload: dict[str, Any], password: str) -> str | None:
        """The hash to store when `password` is the one chosen with the link, else None."""
        candidate = make_password(password, salt=str(payload.get("s", "")))
        digest = self._digest(candidate)
        return candidate if constant_time_compare(digest, str(payload.get("d", ""))) else None

    def _digest(self, password_hash: str) -> str:
        return salted_hmac(self.salt, password_hash, algorithm="sha256").hexdigest()


signup_links = SignupLinks()


class RulesBesideThePassword:
    """Django puts a weak password's messages under the box that repeats it; they are about
    the password chosen, so they go beside that box, where it was typed."""

    CHOSEN = {"password2": "password1", "new_password2": "new_password1"}

    def validate_password_for_user(self, user: Any, password_field_name: str = "password2") -> None:
        chosen = self.CHOSEN.get(password_field_name, password_field_name)
        super().validate_password_for_user(user, chosen)  # type: ignore[misc]


class SetPasswordForm(RulesBesideThePassword, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(RulesBesideThePassword, auth_forms.PasswordChangeForm):
    pass


class SignupForm(RulesBesideThePassword, BaseUserCreationForm):
    """Email and password; the username is the email, lowercased, and is never shown publicly.

    A valid form always ends the same way, whether or not the email has an account: the
    password is hashed and one mail goes to the address. A new (or never confirmed) account
    gets a link to confirm the email; an existing one is told that someone tried to sign up,
    with links to log in and reset the password. So neither the page nor the time it takes
    tells a visitor whether the email is taken.
    """

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
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def _post_clean(self) -> None:
        # The password validators compare against the username, so set it first.
        if "email" in self.cleaned_data:
            self.instance.username = self.cleaned_data["email"]
        super()._post_clean()

    def sign_up(self, request: HttpRequest, next_url: str) -> None:
        """Create or refresh an unconfirmed account and mail its link, or warn the owner."""
        email = self.cleaned_data["email"]
        password = make_password(self.cleaned_data["password1"])
        user = self._unconfirmed_account(email, password)
        base = f"{request.scheme}://{request.get_host()}"
        if user is None:
            context = {"email": email, "login_url": base + reverse("login")}
            context["reset_url"] = base + reverse("password_reset")
            _send(
                email,
                "registration/signup_taken_subject.txt",
                "registration/signup_taken_email.txt",
                context,
            )
            return
        link = reverse(
            "signup_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": signup_links.make_token(user, password),
            },
        )
        if next_url:
            link += "?" + urlencode({"next": next_url})
        context = {"email": email, "confirm_url": base + link}
        _send(
            email,
            "registration/signup_confirm_subject.txt",
            "registration/signup_confirm_email.txt",
            context,
        )

    @staticmethod
    def _unconfirmed_account(email: str, password: str) -> Any:
        """A new inactive account, or the unconfirmed one with this email (its password
        unchanged: the link carries the new one); None when the email has a confirmed
        account."""
        user = User._default_manager.filter(username__iexact=email).first()
        if user is None:
            try:
                with transaction.atomic():
                    return User._default_manager.create(
                        username=email, email=email, password=password, is_active=False
                    )
            except IntegrityError:  # signed up twice at once: the other request created it
                user = User._default_manager.get(username__iexact=email)
        if user.is_active or user.last_login is not None:
            return None
        return user


def _send(email: str, subject_template: str, body_template: str, context: dict[str, Any]) -> None:
    subject = "".join(loader.render_to_string(subject_template, context).splitlines())
    body = loader.render_to_string(body_template, context)
    try:
        EmailMultiAlternatives(subject, body, None, [email]).send()
    except Exception:
        # Like Django's password reset: a mail server failure is logged, and the visitor
        # sees the same page as always rather than an error that would differ by path.
        logger.exception("Failed to send a sign-up mail")


class SignupConfirmForm(forms.Form):
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="The password you chose when you signed up with this link's email.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = form_helper()


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = form_helper()

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password; nothing was deleted.")
        return password


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
        "inactive": (
            "Confirm your email first: open the link in the mail we sent when you signed up. "
            "No mail, or the link expired? Sign up again with this email to get a new link."
        ),
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
            cleaned = self._authenticate(username)
        except forms.ValidationError as exc:
            if exc.code != "invalid_login":
                for limit, subject in places:
                    ratelimit.give_back(limit, subject)
            raise
        for limit, subject in places:
            ratelimit.give_back(limit, subject)
        ratelimit.forget(*places[1])
        return cleaned

    def _authenticate(self, username: str) -> dict[str, Any]:
        """Django's check, and for an account whose email is not confirmed yet, a clear
        message to whoever knows its password (anyone else gets the usual mismatch).

        Either way the password is hashed once, so the time taken tells nothing more."""
        unconfirmed = User._default_manager.filter(username=username, **UNCONFIRMED).first()
        if unconfirmed is None:
            return super().clean()
        if unconfirmed.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(self.error_messages["inactive"], code="inactive")
        raise self.get_invalid_login_error()

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
