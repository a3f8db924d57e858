from __future__ import annotations

from django.test import Client

from planner.models import ShareLink


def test_it_creates_a_link_with_a_label_and_expiry(alice_client, scenario) -> None:
    data = {"label": "for my CPA", "days": "7"}
    response = alice_client.post(f"/scenarios/{scenario.code}/share-links/", data)
    assert response["Location"] == f"/scenarios/{scenario.code}/#share-links"
    link = ShareLink.objects.get()
    assert link.label == "for my CPA"
    assert 6 < (link.expires_at - link.created).total_seconds() / 86400 <= 7
    assert len(link.token) >= 43  # 32 random bytes
    assert link.token not in (str(link.pk), str(link.code))
    assert link.token_digest != link.token  # lookups go through a SHA-256 digest
    html = alice_client.get(f"/scenarios/{scenario.code}/").content.decode()
    assert f"/s/{link.token}/" in html


def test_it_defaults_to_thirty_days(scenario) -> None:
    link = ShareLink.create_for(scenario)
    assert round((link.expires_at - link.created).total_seconds() / 86400) == 30


def test_it_makes_a_new_random_token_each_time(scenario) -> None:
    tokens = {ShareLink.create_for(scenario).token for _ in range(5)}
    assert len(tokens) == 5


def test_it_refuses_an_unknown_expiry(alice_client, scenario) -> None:
    alice_client.post(f"/scenarios/{scenario.code}/share-links/", {"days": "100000"})
    assert not ShareLink.objects.exists()


def test_it_shows_views_and_last_viewed(alice_client, client, scenario, share_link) -> None:
    client.get(f"/s/{share_link.token}/")
    client.get(f"/s/{share_link.token}/")
    html = alice_client.get(f"/scenarios/{scenario.code}/").content.decode()
    assert '<span class="view-count">2</span>' in html
    assert "never" not in html.split("share-links")[-1].split("</ul>")[0]


def test_it_revokes(alice_client, scenario, share_link) -> None:
    response = alice_client.post(f"/share-links/{share_link.code}/revoke/")
    assert response["Location"] == f"/scenarios/{scenario.code}/#share-links"
    share_link.refresh_from_db()
    assert share_link.revoked_at is not None
    assert Client().get(f"/s/{share_link.token}/").status_code == 410


def test_create_is_404_for_another_user(bob_client, scenario) -> None:
    response = bob_client.post(f"/scenarios/{scenario.code}/share-links/", {"days": "30"})
    assert response.status_code == 404
    assert not ShareLink.objects.exists()


def test_revoke_is_404_for_another_user(bob_client, share_link) -> None:
    assert bob_client.post(f"/share-links/{share_link.code}/revoke/").status_code == 404
    share_link.refresh_from_db()
    assert share_link.revoked_at is None


def test_they_send_anonymous_visitors_to_log_in(client, scenario, share_link) -> None:
    response = client.post(f"/scenarios/{scenario.code}/share-links/")
    assert response["Location"] == f"/login/?next=/scenarios/{scenario.code}/share-links/"
    response = client.post(f"/share-links/{share_link.code}/revoke/")
    assert response["Location"] == f"/login/?next=/share-links/{share_link.code}/revoke/"


def test_they_reject_get(alice_client, scenario, share_link) -> None:
    assert alice_client.get(f"/scenarios/{scenario.code}/share-links/").status_code == 405
    assert alice_client.get(f"/share-links/{share_link.code}/revoke/").status_code == 405


def test_they_need_csrf(alice, scenario, share_link) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.post(f"/scenarios/{scenario.code}/share-links/").status_code == 403
    assert client.post(f"/share-links/{share_link.code}/revoke/").status_code == 403
    share_link.refresh_from_db()
    assert share_link.revoked_at is None
    assert ShareLink.objects.count() == 1
