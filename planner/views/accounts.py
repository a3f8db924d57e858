"""Sign up, log in, log out. Password change and reset use Django's own views (rothsite/urls.py)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planner import draft_repair, ratelimit
from planner.drafts import Draft
from planner.forms_accounts import (
    DeleteAccountForm,
    QuietPasswordResetForm,
    SignupConfirmForm,
    SignupForm,
    ThrottledAuthenticationForm,
    signup_links,
)
from planner.http import HtmxHttpRequest
from planner.models import Scenario, account_export, delete_account

DEFAULT_NEXT = "/scenarios/"


def _next_url(request: HtmxHttpRequest) -> str:
    url = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return url if safe else DEFAULT_NEXT


def _start_session(request: HtmxHttpRequest, user: object) -> None:
    auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    draft_repair.repair_session_draft(request)
    draft = Draft.load(request.session)
    scenario = Scenario.keep_draft(request.user, draft)
    if draft is not None and scenario is not None:
        draft.save(request.session)
        messages.success(
            request,
            f"Your plan is saved to your account as “{scenario.name}”. Find it under My scenarios.",
        )


# Per address (one visitor probing many emails) and per email (mail bombing one address).
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password1", "password2")
@never_cache
@ratelimit.rate_limited(ratelimit.SIGNUP_PER_ADDRESS)
@ratelimit.rate_limited(ratelimit.SIGNUP_PER_EMAIL, key=ratelimit.by_posted_email)
def signup(request: HtmxHttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(_next_url(request))
    form = SignupForm(request.POST or None)
    next_url = _next_url(request)
    if request.method == "POST" and form.is_valid():
        # The same page whether or not the email has an account: the mail tells them apart.
        form.sign_up(request, "" if next_url == DEFAULT_NEXT else next_url)
        context = {"email": form.cleaned_data["email"]}
        return render(request, "registration/signup_done.html", context)
    context = {"form": form, "next": next_url}
    return render(request, "registration/signup.html", context)


# Never a session from the link alone: the password chosen at that sign-up is asked again.
@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
@never_cache
@ratelimit.rate_limited(ratelimit.SIGNUP_CONFIRM_PER_ADDRESS)
def signup_confirm(request: HtmxHttpRequest, uidb64: str, token: str) -> HttpResponse:
    found = signup_links.user_for_link(uidb64, token)
    if found is None:
        return render(request, "registration/signup_confirm_invalid.html")
    user, payload = found
    form = SignupConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password = signup_links.password_for_link(payload, form.cleaned_data["password"])
        if password is not None:
            user.password, user.is_active = password, True
            user.save(update_fields=["password", "is_active"])
            _start_session(request, user)
            messages.success(request, "Welcome! Your email is confirmed and your account is ready.")
            return redirect(_next_url(request))
        form.add_error("password", "That is not the password chosen when this link was sent.")
    context = {"form": form, "email": user.email, "next": _next_url(request)}
    return render(request, "registration/signup_confirm.html", context)


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
@never_cache
def login(request: HtmxHttpRequest) -> HttpResponse:
    form = ThrottledAuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        _start_session(request, form.get_user())
        return redirect(_next_url(request))
    context = {"form": form, "next": _next_url(request)}
    status = 429 if form.is_bound and form.throttled else 200
    return render(request, "registration/login.html", context, status=status)


# Django's view, with a form that takes as long whether or not the email has an account, and
# two limits: per address (one visitor probing many emails) and per email (mail bombing).
password_reset = never_cache(
    ratelimit.rate_limited(ratelimit.PASSWORD_RESET_PER_ADDRESS)(
        ratelimit.rate_limited(ratelimit.PASSWORD_RESET_PER_EMAIL, key=ratelimit.by_posted_email)(
            auth_views.PasswordResetView.as_view(form_class=QuietPasswordResetForm)
        )
    )
)


@require_GET
@login_required
def account(request: HtmxHttpRequest) -> HttpResponse:
    context = {
        "form": DeleteAccountForm(request.user),
        "scenario_count": Scenario.objects.filter(owner=request.user).count(),
    }
    return render(request, "registration/account.html", context)


@require_GET
@login_required
def account_download(request: HtmxHttpRequest) -> HttpResponse:
    body = json.dumps(account_export(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json")
    filename = f"roth-planner-account-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


# The password is asked again: a session left open is not enough to delete everything.
@require_POST
@login_required
@sensitive_post_parameters("password")
@ratelimit.rate_limited(ratelimit.ACCOUNT_DELETE_PER_ADDRESS)
def account_delete(request: HtmxHttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.user, request.POST)
    if not form.is_valid():
        context = {
            "form": form,
            "scenario_count": Scenario.objects.filter(owner=request.user).count(),
        }
        return render(request, "registration/account.html", context, status=400)
    user = request.user
    auth_logout(request)
    count = delete_account(user)
    messages.info(
        request,
        f"Your account is deleted, with its {count} scenario{'s' if count != 1 else ''} "
        "and every share link.",
    )
    return redirect("planner:home")


@require_POST
def logout(request: HtmxHttpRequest) -> HttpResponse:
    auth_logout(request)
    messages.info(request, "You are logged out.")
    return redirect("planner:home")
