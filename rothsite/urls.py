from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from planner.forms_accounts import PasswordChangeForm, SetPasswordForm
from planner.views import accounts

urlpatterns = [
    path("admin/", admin.site.urls),
    # Accounts. Un-namespaced names: LOGIN_URL and Django's password views expect them.
    path("signup/", accounts.signup, name="signup"),
    path("signup/confirm/<uidb64>/<token>/", accounts.signup_confirm, name="signup_confirm"),
    path("login/", accounts.login, name="login"),
    path("logout/", accounts.logout, name="logout"),
    path("account/", accounts.account, name="account"),
    path("account/download/", accounts.account_download, name="account_download"),
    path("account/delete/", accounts.account_delete, name="account_delete"),
    path(
        "password-change/",
        auth_views.PasswordChangeView.as_view(form_class=PasswordChangeForm),
        name="password_change",
    ),
    path(
        "password-change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password-reset/", accounts.password_reset, name="password_reset"),
    path(
        "password-reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("", include("planner.urls")),
]

# A database or Redis outage that surfaces outside a view is answered 503, not 500.
handler500 = "planner.middleware.server_error"
