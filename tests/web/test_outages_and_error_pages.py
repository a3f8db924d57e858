"""Outages answer 503 (HTML, or JSON under /api/), private pages are never cached, and the
404, 500 and 503 pages are the site's own."""

from __future__ import annotations

import json

import pytest
from django.core.checks import Warning as CheckWarning
from django.db import OperationalError
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from planner import checks
from planner.views import wizard
from tests.web.conftest import INPUTS
from tests.web.test_wizard import HOUSEHOLD

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_client() -> Client:
    return Client(raise_request_exception=False)


@pytest.mark.parametrize(
    "outage",
    [
        OperationalError("connection refused"),
        RedisConnectionError("Error 111 connecting"),
        RedisTimeoutError("Timeout reading from socket"),
    ],
)
def test_an_outage_in_a_view_is_a_friendly_503(quiet_client, monkeypatch, outage) -> None:
    def down(*args, **kwargs):
        raise outage

    monkeypatch.setattr(wizard.Draft, "load", down)
    response = quiet_client.get("/plan/household/")
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]


def test_an_outage_under_the_api_is_json(quiet_client, monkeypatch) -> None:
    from planner.views import api

    def down(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(api, "compute_plan", down)
    response = quiet_client.post("/api/plan", json.dumps(INPUTS), content_type="application/json")
    assert response.status_code == 503
    assert "service" in response.json()["errors"]


def test_an_outage_while_saving_the_session_is_a_503(quiet_client, monkeypatch) -> None:
    from django.contrib.sessions.backends.db import SessionStore

    def down(*args, **kwargs):
        raise OperationalError("database is unreachable")

    monkeypatch.setattr(SessionStore, "save", down)
    response = quiet_client.post("/plan/household/", HOUSEHOLD)
    assert response.status_code == 503
    assert b"briefly unavailable" in response.content


def test_another_error_is_the_sites_500_page(quiet_client, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(wizard.Draft, "load", broken)
    response = quiet_client.get("/plan/household/")
    assert response.status_code == 500
    assert b"Something went wrong on our side" in response.content
    assert b"a bug" not in response.content


def test_a_missing_page_is_the_sites_404_page(client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We could not find that page" in response.content
    assert b"Backdoor Roth planner" in response.content


@pytest.mark.parametrize(
    "url",
    [
        "/plan/household/",
        "/plan/results/",
        "/scenarios/",
        "/login/",
        "/signup/",
        "/password-reset/",
        "/password-change/",
    ],
)
def test_private_pages_are_never_stored(alice_client, url) -> None:
    response = alice_client.get(url, follow=True)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"], url
    assert "private" in response["Cache-Control"]


def test_a_saved_scenario_page_is_never_stored(alice_client, scenario) -> None:
    response = alice_client.get(f"/scenarios/{scenario.code}/")
    assert "no-store" in response["Cache-Control"]


def test_a_per_process_cache_without_debug_warns_that_limits_do_not_hold(settings) -> None:
    settings.DEBUG = False
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    found = checks.check_shared_cache()
    assert [message.id for message in found] == ["planner.W001"]
    assert isinstance(found[0], CheckWarning)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert checks.check_shared_cache() == []


def test_connections_persist_and_are_checked_before_reuse(settings) -> None:
    database = settings.DATABASES["default"]
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_postgresql_and_redis_give_up_quickly_when_unreachable() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from django.conf import settings as s; d = s.DATABASES['default']; "
        "c = s.CACHES['default']['OPTIONS']; "
        "print(d['OPTIONS']['connect_timeout'], c['socket_connect_timeout'], c['socket_timeout'])"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        "DJANGO_SETTINGS_MODULE": "rothsite.settings",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["3", "0.5", "0.5"]
