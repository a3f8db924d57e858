from __future__ import annotations

import re

from planner.models import Scenario
from tests.web.conftest import make_draft


def test_it_shows_inputs_and_recomputed_results(alice_client, scenario) -> None:
    response = alice_client.get(f"/scenarios/{scenario.code}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Roll the IRA in" in html
    assert "Tax year 2026" in html
    assert "$250,000" in html  # the inputs
    assert "Form 8606" in html  # the results partial
    assert "Share read-only links" in html


def test_it_shows_engine_errors_instead_of_failing(alice_client, alice) -> None:
    draft = make_draft(tax_year=1999)
    scenario = Scenario.create_from_draft(alice, draft, "Old year")
    response = alice_client.get(f"/scenarios/{scenario.code}/")
    assert response.status_code == 200
    assert b"can't be worked out" in response.content
    assert b"has no limits table" in response.content


def test_it_shows_a_scenario_in_an_unknown_schema_without_failing(alice_client, scenario) -> None:
    Scenario.objects.filter(pk=scenario.pk).update(form={"schema": 99, "inputs": {}})
    response = alice_client.get(f"/scenarios/{scenario.code}/")
    assert response.status_code == 200
    assert b"can't be worked out" in response.content


def test_it_is_404_for_another_user(bob_client, scenario) -> None:
    assert bob_client.get(f"/scenarios/{scenario.code}/").status_code == 404


def test_it_is_404_for_an_unknown_code(alice_client, db) -> None:
    url = "/scenarios/00000000-0000-0000-0000-000000000000/"
    assert alice_client.get(url).status_code == 404


def test_it_sends_anonymous_visitors_to_log_in(client, scenario) -> None:
    response = client.get(f"/scenarios/{scenario.code}/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/"


def test_it_rejects_post(alice_client, scenario) -> None:
    assert alice_client.post(f"/scenarios/{scenario.code}/").status_code == 405


def test_times_say_their_time_zone(alice_client, scenario) -> None:
    # Times are shown in the site's zone (settings.TIME_ZONE, New York): say which.
    html = alice_client.get(f"/scenarios/{scenario.code}/").content.decode()
    assert re.search(r"last updated <time [^>]*>[^<]* \d{1,2}:\d{2} [ap]\.m\. E[SD]T<", html)
