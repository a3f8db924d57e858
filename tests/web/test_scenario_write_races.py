"""Rename and duplicate use the same version check as save, so no race loses a write.

The race from issue 11: this browser has the scenario open in the wizard; its rename reads
version 1, another session saves (version 2), then the rename writes. Before the fix the
rename re-linked this browser's stale draft to the new version, and its next save
overwrote the other session's acknowledged change.
"""

from __future__ import annotations

from django.test import Client

from planner import drafts
from planner.models import Scenario
from tests.web.conftest import make_draft


def _save_from_elsewhere(scenario: Scenario, name: str) -> None:
    other = Scenario.objects.get(pk=scenario.pk)
    draft = make_draft(filing_status="head_of_household")
    assert other.save_draft(draft, name=name, expected_version=other.version)


def test_a_save_between_the_renames_read_and_write_is_not_overwritten(
    alice_client: Client, scenario: Scenario, set_draft, monkeypatch
) -> None:
    set_draft(alice_client, scenario.draft(), scenario.link())
    real_rename = Scenario.rename

    def rename_after_a_save_elsewhere(self: Scenario, name: str, **kwargs) -> bool:
        _save_from_elsewhere(self, "Saved elsewhere")
        return real_rename(self, name, **kwargs)

    monkeypatch.setattr(Scenario, "rename", rename_after_a_save_elsewhere)
    response = alice_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "Renamed"})
    assert response.status_code == 302
    monkeypatch.undo()

    scenario.refresh_from_db()
    assert scenario.name == "Saved elsewhere"
    assert scenario.version == 2
    assert alice_client.session[drafts.SESSION_KEY]["scenario"]["version"] == 1

    alice_client.post("/scenarios/save/", {"name": "Stale", "action": "update"})
    scenario.refresh_from_db()
    assert scenario.form["inputs"]["filing_status"] == "head_of_household"
    assert scenario.name == "Saved elsewhere"


def test_a_rename_from_a_page_showing_an_older_version_is_refused(
    alice_client: Client, scenario: Scenario
) -> None:
    _save_from_elsewhere(scenario, "Saved elsewhere")
    response = alice_client.post(
        f"/scenarios/{scenario.code}/rename/", {"name": "Renamed", "version": "1"}, follow=True
    )
    assert "was changed somewhere else" in response.content.decode()
    scenario.refresh_from_db()
    assert (scenario.name, scenario.version) == ("Saved elsewhere", 2)


def test_a_rename_from_the_current_version_relinks_this_browsers_draft(
    alice_client: Client, scenario: Scenario, set_draft
) -> None:
    set_draft(alice_client, scenario.draft(), scenario.link())
    alice_client.post(f"/scenarios/{scenario.code}/rename/", {"name": "Renamed", "version": "1"})
    scenario.refresh_from_db()
    assert (scenario.name, scenario.version) == ("Renamed", 2)
    assert alice_client.session[drafts.SESSION_KEY]["scenario"]["version"] == 2


def test_a_duplicate_of_an_older_version_is_refused(
    alice_client: Client, scenario: Scenario
) -> None:
    _save_from_elsewhere(scenario, "Saved elsewhere")
    response = alice_client.post(
        f"/scenarios/{scenario.code}/duplicate/", {"version": "1"}, follow=True
    )
    assert "was changed somewhere else" in response.content.decode()
    assert Scenario.objects.count() == 1


def test_a_duplicate_of_the_current_version_copies_it(
    alice_client: Client, scenario: Scenario
) -> None:
    alice_client.post(f"/scenarios/{scenario.code}/duplicate/", {"version": "1"})
    assert Scenario.objects.filter(name="Copy of Roll the IRA in").count() == 1


def test_a_delete_from_a_page_showing_an_older_version_is_refused(
    alice_client: Client, scenario: Scenario
) -> None:
    _save_from_elsewhere(scenario, "Saved elsewhere")
    response = alice_client.post(
        f"/scenarios/{scenario.code}/delete/", {"version": "1"}, follow=True
    )
    assert "was changed somewhere else" in response.content.decode()
    assert Scenario.objects.filter(pk=scenario.pk).exists()


def test_a_delete_of_the_current_version_deletes(alice_client: Client, scenario: Scenario) -> None:
    response = alice_client.post(f"/scenarios/{scenario.code}/delete/", {"version": "1"})
    assert response["Location"] == "/scenarios/"
    assert not Scenario.objects.filter(pk=scenario.pk).exists()
