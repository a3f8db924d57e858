"""Issue 17's limits: the share link's files are rate limited per address, and one account
keeps at most MAX_SCENARIOS_PER_ACCOUNT scenarios, with a clear message when it is reached."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from planner import models, ratelimit
from planner.models import Scenario, ScenarioLimitReached
from tests.web.conftest import make_draft

FILES = ["shared_calendar", "shared_json", "shared_csv"]
FULL = "Your account already keeps the most scenarios it can (3)"


@pytest.mark.parametrize("view", FILES)
def test_the_share_links_files_are_rate_limited(share_link, view: str) -> None:
    client = Client(REMOTE_ADDR="10.9.7.1")
    url = reverse(f"planner:{view}", args=[share_link.token])
    statuses = [
        client.get(url).status_code for _ in range(ratelimit.SHARE_EXPORT_PER_ADDRESS.count)
    ]
    assert statuses == [200] * ratelimit.SHARE_EXPORT_PER_ADDRESS.count
    over = client.get(url)
    assert over.status_code == 429
    assert over["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="10.9.7.2").get(url).status_code == 200


@pytest.fixture
def small_cap(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(models, "MAX_SCENARIOS_PER_ACCOUNT", 3)
    return 3


@pytest.fixture
def full(alice, small_cap: int) -> list[Scenario]:
    return [Scenario.create_from_draft(alice, make_draft(), f"Plan {n}") for n in range(3)]


def test_the_model_refuses_one_more(alice, bob, full) -> None:
    with pytest.raises(ScenarioLimitReached):
        Scenario.create_from_draft(alice, make_draft(), "One too many")
    assert Scenario.objects.filter(owner=alice).count() == 3
    Scenario.create_from_draft(bob, make_draft(), "Bob has room")


def test_saving_says_the_account_is_full(alice_client: Client, alice, full, set_draft) -> None:
    set_draft(alice_client, make_draft())
    response = alice_client.post(
        "/scenarios/save/", {"name": "Another", "action": "new"}, follow=True
    )
    assert FULL in response.content.decode()
    assert Scenario.objects.filter(owner=alice).count() == 3


def test_duplicating_says_it_too(alice_client: Client, alice, full) -> None:
    original = full[0]
    response = alice_client.post(
        reverse("planner:scenario_duplicate", args=[original.code]),
        {"version": original.version},
        follow=True,
    )
    assert FULL in response.content.decode()
    assert Scenario.objects.filter(owner=alice).count() == 3


def test_import_says_how_many_would_be_too_many(alice_client: Client, alice, small_cap) -> None:
    Scenario.create_from_draft(alice, make_draft(), "Plan")
    document = Scenario.export_for(alice)
    document["scenarios"] *= 3
    upload = SimpleUploadedFile("s.json", json.dumps(document).encode(), "application/json")
    response = alice_client.post("/scenarios/import/", {"file": upload})
    assert response.status_code == 400
    assert "Nothing was imported: 3 more would be too many." in response.content.decode()
    assert Scenario.objects.filter(owner=alice).count() == 1


def test_logging_in_with_a_draft_when_full_keeps_the_draft(alice, full, set_draft) -> None:
    from planner.drafts import Draft
    from tests.web.conftest import PASSWORD

    client = Client()
    set_draft(client, make_draft(years_to_retirement=7))
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert Scenario.objects.filter(owner=alice).count() == 3
    assert Draft.load(client.session).inputs["years_to_retirement"] == 7
