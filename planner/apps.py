from __future__ import annotations

from django.apps import AppConfig


class PlannerConfig(AppConfig):
    name = "planner"
    verbose_name = "Roth planner"

    def ready(self) -> None:
        from planner import checks  # noqa: F401  (registers the system checks)
        from planner.engine.tables import before_unpublished_year
        from planner.tax_years import check_for_loaded_years

        # No query here: the first plan for a year not yet published checks for loaded figures.
        before_unpublished_year(check_for_loaded_years)
