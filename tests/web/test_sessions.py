"""planner.sessions: Django's database sessions, read with one plain SELECT (issue 20). The
read must see exactly what Django's own backend sees: the live row, and nothing expired."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from planner.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data: object) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    assert store.session_key is not None
    return store.session_key


def test_the_site_uses_it() -> None:
    assert settings.SESSION_ENGINE == "planner.sessions"


def test_it_reads_what_djangos_backend_reads() -> None:
    key = _saved(planner_draft={"inputs": {"tax_year": 2026}}, note="café ☕")
    ours, django = SessionStore(key), DjangoStore(key)
    assert dict(ours.items()) == dict(django.items())
    assert ours["planner_draft"] == {"inputs": {"tax_year": 2026}}
    assert ours.session_key == key


def test_an_expired_session_is_not_read() -> None:
    key = _saved(planner_draft={"inputs": {}})
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    store = SessionStore(key)
    assert dict(store.items()) == {}
    # As Django's backend does: the key is dropped, so a save makes a new session.
    assert store.session_key is None
    assert dict(DjangoStore(key).items()) == {}


def test_an_unknown_key_reads_as_a_new_session() -> None:
    store = SessionStore("x" * 32)
    assert dict(store.items()) == {}
    assert store.session_key is None


def test_a_session_read_is_one_query(django_assert_num_queries: object) -> None:
    key = _saved(a=1)
    with django_assert_num_queries(1):  # type: ignore[operator]
        assert SessionStore(key)["a"] == 1
