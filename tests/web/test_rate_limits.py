"""Rate limits (planner/ratelimit.py): atomic counts, 429 pages and JSON errors."""

from __future__ import annotations

import json
import threading

import pytest
from django.contrib.auth.models import User
from django.test import Client

from planner import ratelimit
from tests.web.conftest import INPUTS, PASSWORD

pytestmark = pytest.mark.django_db


def test_the_api_limit_answers_json(db) -> None:
    client = Client(REMOTE_ADDR="10.9.0.2")
    body = json.dumps(INPUTS)
    limit = ratelimit.API_PLAN_PER_ADDRESS
    for _ in range(limit.count):
        ratelimit.hit(limit, "10.9.0.2")
    response = client.post("/api/plan", body, content_type="application/json")
    assert response.status_code == 429
    assert "rate_limit" in response.json()["errors"]
    assert response["Retry-After"] == str(limit.seconds)
    other = Client(REMOTE_ADDR="10.9.0.3")
    assert other.post("/api/plan", body, content_type="application/json").status_code == 200


def test_share_link_lookups_are_limited_per_address(share_link) -> None:
    client = Client(REMOTE_ADDR="10.9.1.1")
    limit = ratelimit.SHARE_LOOKUP_PER_ADDRESS
    for _ in range(limit.count):
        ratelimit.hit(limit, "10.9.1.1")
    response = client.get(f"/s/{share_link.token}/")
    assert response.status_code == 429
    assert b"Too many attempts" in response.content
    assert client.get("/s/not-a-token/", REMOTE_ADDR="10.9.1.2").status_code == 404


def test_sign_up_is_limited_per_address(mailoutbox) -> None:
    client = Client(REMOTE_ADDR="10.9.2.1")
    for n in range(ratelimit.SIGNUP_PER_ADDRESS.count):
        data = {"email": f"new{n}@example.org", "password1": PASSWORD, "password2": PASSWORD}
        assert Client(REMOTE_ADDR="10.9.2.1").post("/signup/", data).status_code == 200
    data = {"email": "one-more@example.org", "password1": PASSWORD, "password2": PASSWORD}
    response = client.post("/signup/", data)
    assert response.status_code == 429
    assert not User.objects.filter(username="one-more@example.org").exists()
    assert len(mailoutbox) == ratelimit.SIGNUP_PER_ADDRESS.count


def test_sign_up_is_limited_per_target_email(alice, mailoutbox) -> None:
    limit = ratelimit.SIGNUP_PER_EMAIL
    data = {"email": "alice@example.org", "password1": PASSWORD, "password2": PASSWORD}
    for n in range(limit.count):
        assert Client(REMOTE_ADDR=f"10.9.5.{n + 1}").post("/signup/", data).status_code == 200
    response = Client(REMOTE_ADDR="10.9.5.99").post(
        "/signup/", data | {"email": " Alice@Example.org"}
    )
    assert response.status_code == 429
    assert len(mailoutbox) == limit.count
    other = {"email": "carol@example.org", "password1": PASSWORD, "password2": PASSWORD}
    assert Client(REMOTE_ADDR="10.9.5.99").post("/signup/", other).status_code == 200


def test_password_reset_is_limited_per_target_email(alice, mailoutbox) -> None:
    limit = ratelimit.PASSWORD_RESET_PER_EMAIL
    for n in range(limit.count):
        client = Client(REMOTE_ADDR=f"10.9.3.{n + 1}")
        assert client.post("/password-reset/", {"email": "alice@example.org"}).status_code == 302
    client = Client(REMOTE_ADDR="10.9.3.99")
    response = client.post("/password-reset/", {"email": "Alice@Example.org "})
    assert response.status_code == 429
    assert len(mailoutbox) == limit.count


def test_password_reset_is_limited_per_address(db, mailoutbox) -> None:
    client = Client(REMOTE_ADDR="10.9.4.1")
    limit = ratelimit.PASSWORD_RESET_PER_ADDRESS
    for n in range(limit.count):
        client.post("/password-reset/", {"email": f"probe{n}@example.org"})
    response = client.post("/password-reset/", {"email": "probe-last@example.org"})
    assert response.status_code == 429


def test_the_admin_log_in_is_limited_even_for_the_right_password(db) -> None:
    User.objects.create_superuser("root@example.org", "root@example.org", PASSWORD)
    client = Client(REMOTE_ADDR="10.9.5.1")
    for _ in range(ratelimit.ADMIN_LOGIN_PER_ADDRESS.count):
        client.post("/admin/login/", {"username": "root@example.org", "password": "wrong"})
    data = {"username": "root@example.org", "password": PASSWORD}
    response = client.post("/admin/login/", data)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_concurrent_burst_of_wrong_passwords_gets_only_the_allowed_guesses(alice) -> None:
    """Counting is add+incr before the password is checked: no check-then-increment gap."""
    limit = ratelimit.LOGIN_PER_ACCOUNT_AND_ADDRESS
    subject = "alice@example.org\n10.9.6.1"
    barrier = threading.Barrier(20)
    counts: list[int] = []

    def attempt() -> None:
        barrier.wait()
        counts.append(ratelimit.hit(limit, subject))

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 21))
    assert sum(count <= limit.count for count in counts) == limit.count


def test_counting_does_not_fail_while_the_cache_is_unreachable(monkeypatch) -> None:
    from redis.exceptions import ConnectionError as RedisConnectionError

    def down(*args, **kwargs):
        raise RedisConnectionError("Redis is down")

    monkeypatch.setattr(ratelimit.cache, "add", down)
    assert ratelimit.hit(ratelimit.SIGNUP_PER_ADDRESS, "10.9.7.1") == 0
    client = Client(REMOTE_ADDR="10.9.7.1")
    response = client.post("/login/", {"username": "x@example.org", "password": "wrong"})
    assert response.status_code == 200
