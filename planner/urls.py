from __future__ import annotations

from django.urls import path

from planner.views import api, packet, pages, scenarios, shares, wizard

app_name = "planner"

urlpatterns = [
    path("", pages.home, name="home"),
    path("plan/results/", wizard.results, name="results"),
    path("plan/restart/", wizard.wizard_restart, name="wizard_restart"),
    path("plan/results/calendar.ics", packet.results_calendar, name="results_calendar"),
    path("plan/<slug:slug>/", wizard.wizard_step, name="wizard_step"),
    path("plan/<slug:slug>/preview/", wizard.wizard_preview, name="wizard_preview"),
    path("api/plan", api.plan, name="api_plan"),
    path("api/schema/", api.schema, name="api_schema"),
    # Saved scenarios and share links (accounts are in rothsite/urls.py: Django's auth names).
    path("scenarios/", scenarios.scenario_list, name="scenario_list"),
    path("scenarios/save/", scenarios.scenario_save, name="scenario_save"),
    path("scenarios/compare/", scenarios.scenario_compare, name="scenario_compare"),
    path("scenarios/export/", scenarios.scenario_export, name="scenario_export"),
    path("scenarios/import/", scenarios.scenario_import, name="scenario_import"),
    path("scenarios/<uuid:code>/", scenarios.scenario_detail, name="scenario_detail"),
    path("scenarios/<uuid:code>/edit/", scenarios.scenario_edit, name="scenario_edit"),
    path(
        "scenarios/<uuid:code>/duplicate/", scenarios.scenario_duplicate, name="scenario_duplicate"
    ),
    path("scenarios/<uuid:code>/rename/", scenarios.scenario_rename, name="scenario_rename"),
    path("scenarios/<uuid:code>/delete/", scenarios.scenario_delete, name="scenario_delete"),
    path("scenarios/<uuid:code>/share-links/", shares.share_link_create, name="share_link_create"),
    path("scenarios/<uuid:code>/calendar.ics", packet.scenario_calendar, name="scenario_calendar"),
    path("scenarios/<uuid:code>/next-year/", packet.scenario_next_year, name="scenario_next_year"),
    path("share-links/<uuid:code>/revoke/", shares.share_link_revoke, name="share_link_revoke"),
    path("s/<str:token>/", shares.shared_scenario, name="shared_scenario"),
    path("s/<str:token>/calendar.ics", packet.shared_calendar, name="shared_calendar"),
    path("s/<str:token>/plan.json", packet.shared_json, name="shared_json"),
    path("s/<str:token>/plan.csv", packet.shared_csv, name="shared_csv"),
]
