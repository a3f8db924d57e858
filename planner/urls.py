from __future__ import annotations

from django.urls import path

from planner.views import api, pages, scenarios, shares, wizard

app_name = "planner"

urlpatterns = [
    path("", pages.home, name="home"),
    path("plan/results/", wizard.results, name="results"),
    path("plan/restart/", wizard.wizard_restart, name="wizard_restart"),
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
    path("share-links/<uuid:code>/revoke/", shares.share_link_revoke, name="share_link_revoke"),
    path("s/<str:token>/", shares.shared_scenario, name="shared_scenario"),
]
