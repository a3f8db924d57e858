"""The app's settings, as production reads them, with a test secret and faster hashing."""

from __future__ import annotations

import os

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from rothsite.settings import *  # noqa: E402, F403
from rothsite.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render templates without running collectstatic first.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Nothing is collected into STATIC_ROOT for tests; WhiteNoise finds files as they are asked for.
WHITENOISE_AUTOREFRESH = True

# The browser tests' live server answers several requests at once (a page and its HTMX
# preview). With SQLite's in-memory test database Django shares one connection between
# those threads, and concurrent queries on it return each other's rows; a file gives each
# thread its own connection.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-rothsite.sqlite3")}  # noqa: F405
# Tests load tax-year figures explicitly (planner.tax_years.load_from_database), so a check
# between two requests cannot change what a test sees.
TAX_FIGURES_CHECK_SECONDS = None
