from __future__ import annotations

from datetime import timedelta

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planner.models import ShareLink


def test_it_shows_the_scenario_without_an_account(client, share_link) -> None:
    response = client.get(f"/s/{share_link.token}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Roll the IRA in" in html
    assert "Tax year 2026" in html
    assert "prepared" in html and "last updated" in html
    assert "$250,000" in html  # inputs
    assert "Form 8606" in html  # results


def test_it_never_shows_the_owners_email(client, share_link) -> None:
    html = client.get(f"/s/{share_link.token}/").content.decode().lower()
    assert "alice@example.org" not in html
    assert "alice" not in html


def test_it_keeps_out_of_search_engines_and_referrers(client, share_link) -> None:
    response = client.get(f"/s/{share_link.token}/")
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assert b'<meta name="robots" content="noindex' in response.content


def test_it_counts_views(client, share_link) -> None:
    client.get(f"/s/{share_link.token}/")
    client.get(f"/s/{share_link.token}/")
    share_link.refresh_from_db()
    assert share_link.views == 2
    assert share_link.last_viewed_at is not None


def test_it_writes_the_first_view_and_batches_the_rest_for_a_minute(client, share_link) -> None:
    url = f"/s/{share_link.token}/"
    client.get(url)
    with CaptureQueriesContext(connection) as later_views:
        for _ in range(3):
            client.get(url)
    assert not [q["sql"] for q in later_views if q["sql"].startswith("UPDATE")]
    share_link.refresh_from_db()
    assert (share_link.view_count, share_link.views_pending) == (1, 3)
    cache.delete(f"share-views:{share_link.code}:written")  # the minute is over
    client.get(url)
    share_link.refresh_from_db()
    assert (share_link.view_count, share_link.views_pending) == (5, 0)


def test_the_owner_sees_the_views_not_written_yet(alice_client, client, share_link) -> None:
    for _ in range(3):
        client.get(f"/s/{share_link.token}/")
    html = alice_client.get(f"/scenarios/{share_link.scenario.code}/").content.decode()
    assert '<span class="view-count">3</span>' in html


def test_it_does_not_count_the_owners_own_views(alice_client, share_link) -> None:
    assert alice_client.get(f"/s/{share_link.token}/").status_code == 200
    share_link.refresh_from_db()
    assert share_link.view_count == 0


def test_it_is_gone_once_revoked(client, share_link) -> None:
    share_link.revoke()
    response = client.get(f"/s/{share_link.token}/")
    assert response.status_code == 410
    assert b"This link is no longer active" in response.content
    assert b"Roll the IRA in" not in response.content
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    share_link.refresh_from_db()
    assert share_link.view_count == 0


def test_it_is_gone_once_expired(client, share_link) -> None:
    ShareLink.objects.filter(pk=share_link.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(f"/s/{share_link.token}/")
    assert response.status_code == 410
    assert b"This link is no longer active" in response.content


def test_it_is_404_for_an_unknown_token(client, share_link) -> None:
    response = client.get(f"/s/{share_link.token[:-1]}x/")
    assert response.status_code == 404
    assert b"This link is no longer active" in response.content


def test_it_is_404_for_the_links_id_or_code(client, share_link) -> None:
    assert client.get(f"/s/{share_link.pk}/").status_code == 404
    assert client.get(f"/s/{share_link.code}/").status_code == 404


def test_it_stops_working_when_the_scenario_is_deleted(client, scenario, share_link) -> None:
    scenario.delete()
    assert client.get(f"/s/{share_link.token}/").status_code == 404


def test_it_shows_the_latest_saved_inputs(client, scenario, share_link) -> None:
    from tests.web.conftest import make_draft

    scenario.save_draft(make_draft(other_income=123456), name="Updated", expected_version=1)
    html = client.get(f"/s/{share_link.token}/").content.decode()
    assert "Updated" in html
    assert "$123,456" in html


def test_it_rejects_post(client, share_link) -> None:
    assert client.post(f"/s/{share_link.token}/").status_code == 405


def test_a_view_reads_the_link_and_its_scenario_in_one_query(client, share_link) -> None:
    url = f"/s/{share_link.token}/"
    client.get(url)  # writes the first view
    with CaptureQueriesContext(connection) as later_view:
        assert client.get(url).status_code == 200
    assert len(later_view) == 1, [q["sql"] for q in later_view]
    assert "ORDER BY" not in later_view[0]["sql"]  # one link has a token: nothing to sort
