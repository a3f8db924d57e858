"""The app's own settings, as production reads them, with the benchmark's URLconf on top.

`make bench` serves this module under gunicorn with DEBUG=0, a SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

from rothsite.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# wrk sends thousands of requests a second from one address: the limits would answer 429.
RATE_LIMITS_ENABLED = False
