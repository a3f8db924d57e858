"""Official figures loaded without a release (`manage.py load_tax_year`), handed to the engine.

Each process checks the database for newly loaded years at most once every
TAX_FIGURES_CHECK_SECONDS, and only when a year that is not published is asked for: plans for
published years never query for them.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError

from planner.engine.tables import ParameterError, install_loaded

logger = logging.getLogger(__name__)
_last_check: float | None = None


def load_from_database() -> None:
    """Use every year file stored in the database (raises DatabaseError when it is away)."""
    from planner.models import TaxYearFigures

    documents: list[dict[str, Any]] = [row.document for row in TaxYearFigures.objects.all()]
    try:
        install_loaded(documents)
    except ParameterError as error:
        # Stored files were valid when loaded; a release that no longer accepts one keeps going.
        logger.error("Loaded tax-year figures no longer validate: %s", error)


def check_for_loaded_years() -> None:
    global _last_check
    interval = getattr(settings, "TAX_FIGURES_CHECK_SECONDS", 60)
    now = time.monotonic()
    if interval is None or (_last_check is not None and now - _last_check < interval):
        return
    _last_check = now
    try:
        load_from_database()
    except DatabaseError:
        logger.warning("Loaded tax-year figures not checked: the database is unavailable.")
