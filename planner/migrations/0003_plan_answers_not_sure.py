"""Saved scenarios to draft schema 2: a plan's Yes / No / Not sure answers.

Schema 1 read an answer absent from a plan as false (the contract's default); schema 2 reads
it as Not sure. Each absent answer of a schema-1 scenario is written as false, so it opens
with the same figures. The function is copied here, not imported, so the migration keeps
working when planner.drafts changes.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db import migrations

PLAN_ANSWERS = (
    "allows_after_tax",
    "allows_in_service_distribution",
    "allows_in_plan_roth_conversion",
    "accepts_ira_rollins",
)


def upgraded_form(form: Any) -> Any:
    if not isinstance(form, dict) or form.get("schema", 1) != 1:
        return form
    form = copy.deepcopy(form)
    inputs = form.get("inputs")
    people = inputs.get("people") if isinstance(inputs, dict) else None
    for person in people if isinstance(people, list) else []:
        plan = person.get("plan") if isinstance(person, dict) else None
        if isinstance(plan, dict):
            for name in PLAN_ANSWERS:
                plan.setdefault(name, False)
    form["schema"] = 2
    return form


def upgrade_forms(apps: Any, schema_editor: Any) -> None:
    scenario_model = apps.get_model("planner", "Scenario")
    for scenario in scenario_model.objects.all().iterator():
        form = upgraded_form(scenario.form)
        if form is not scenario.form:
            scenario.form = form
            scenario.save(update_fields=["form"])


class Migration(migrations.Migration):
    dependencies = [("planner", "0002_scenario_previous_year")]

    operations = [migrations.RunPython(upgrade_forms, migrations.RunPython.noop)]
