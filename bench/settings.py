"""The app's own settings, as production reads them, with the benchmark's URLconf on top.

`make bench` serves this module under gunicorn with DEBUG=0, a SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

import os

from rothsite.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# wrk sends thousands of requests a second from one address: the limits would answer 429.
RATE_LIMITS_ENABLED = False

# `BENCH_SESSION_ENGINE=django.contrib.sessions.backends.cached_db make bench` measures sessions
# read through the cache against the database sessions the app keeps (README, "Sessions").
SESSION_ENGINE = os.environ.get("BENCH_SESSION_ENGINE", SESSION_ENGINE)  # noqa: F405
