from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rothsite.settings")
application = get_asgi_application()

from planner.checks import require_secret_key  # noqa: E402  (needs the apps loaded)

require_secret_key()
