"""Cheap requests by design: the preview and the pages that only show a draft read the
session once and never write it; the step POST writes it once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.web.test_wizard import CONTRIBUTIONS, HOUSEHOLD, start

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def _session_queries(client: Client, method: str, url: str, data=None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(url, data or {}, headers={"HX-Request": "true"})
        assert response.status_code in (200, 302)
    return [q["sql"] for q in captured if "django_session" in q["sql"]]


def _writes(queries: list[str]) -> list[str]:
    return [sql for sql in queries if sql.lstrip().upper().startswith(WRITES)]


@pytest.mark.parametrize(
    ("step", "data"),
    [
        ("household", {**HOUSEHOLD, "compensation": "210000"}),
        ("household", {**HOUSEHOLD, "age": "not a number"}),
        ("401k", {**CONTRIBUTIONS, "p0-employer_contribution": "0"}),
    ],
)
def test_the_preview_reads_the_session_once_and_never_writes_it(
    client: Client, step: str, data: dict[str, str]
) -> None:
    start(client)
    before = client.session["planner_draft"]
    queries = _session_queries(client, "post", f"/plan/{step}/preview/", data)
    assert len(queries) == 1 and not _writes(queries)
    assert client.session["planner_draft"] == before


@pytest.mark.parametrize("url", ["/plan/household/", "/plan/401k/", "/plan/results/"])
def test_showing_a_step_or_the_results_never_writes_the_session(client: Client, url: str) -> None:
    start(client)
    client.get(url)  # the first view may set the CSRF cookie; the session stays as it is
    queries = _session_queries(client, "get", url)
    assert len(queries) == 1 and not _writes(queries)


def test_a_step_post_writes_the_session_once(client: Client) -> None:
    start(client)
    queries = _session_queries(client, "post", "/plan/401k/", {**CONTRIBUTIONS, "go": "next"})
    assert len(_writes(queries)) == 1
