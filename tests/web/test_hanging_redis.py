"""Redis timeouts are honoured on every path, log-in included (issue 17).

A fake Redis that accepts connections and never answers: each cache call then waits for the
socket timeout. Log-in makes seven cache calls (three limits counted, given back, one
forgotten); the first timeout makes the process leave the cache alone for a while, so the
log-in waits once. The test counts the connections the fake server accepted, not seconds.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from django.test import Client, override_settings

from planner import ratelimit
from planner.models import ShareLink
from tests.web.conftest import PASSWORD

TIMEOUT = 0.2


class HangingRedis:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)  # read nothing, answer nothing

    def close(self) -> None:
        self.listener.close()
        for connection in self.accepted:
            connection.close()


@pytest.fixture
def hanging_redis() -> Iterator[HangingRedis]:
    server = HangingRedis()
    server.thread.start()
    cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{server.port}/0",
        "OPTIONS": {"socket_connect_timeout": TIMEOUT, "socket_timeout": TIMEOUT},
    }
    with override_settings(CACHES={"default": cache}):
        yield server
    server.close()


def test_the_settings_give_redis_socket_timeouts(monkeypatch) -> None:
    import importlib

    import rothsite.settings as settings_module

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("REDIS_TIMEOUT", "0.3")
    try:
        options = importlib.reload(settings_module).CACHES["default"]["OPTIONS"]
    finally:
        monkeypatch.undo()
        importlib.reload(settings_module)
    assert options["socket_connect_timeout"] == 0.3
    assert options["socket_timeout"] == 0.3


def test_a_log_in_waits_for_one_timeout_at_most(hanging_redis: HangingRedis, alice) -> None:
    client = Client()
    response = client.post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/scenarios/"
    assert len(hanging_redis.accepted) == 1


def test_a_failed_log_in_and_a_shared_page_wait_once_too(
    hanging_redis: HangingRedis, alice, share_link: ShareLink
) -> None:
    client = Client()
    wrong = client.post("/login/", {"username": "alice@example.org", "password": "wrong-pass-1"})
    assert b"do not match an account" in wrong.content
    assert client.get(f"/s/{share_link.token}/").status_code == 200
    assert client.get(f"/s/{share_link.token}/plan.csv").status_code == 200
    assert len(hanging_redis.accepted) == 1


def test_the_cache_is_tried_again_after_a_while(
    hanging_redis: HangingRedis, alice, monkeypatch
) -> None:
    Client().post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert len(hanging_redis.accepted) == 1
    monkeypatch.setattr(ratelimit, "_cache_skipped_until", 0.0)  # the pause is over
    Client().post("/login/", {"username": "alice@example.org", "password": PASSWORD})
    assert len(hanging_redis.accepted) == 2
