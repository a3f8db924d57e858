"""Result pages rendered once per (inputs, day, voice, release) and served from the cache
(issue 20): the engine runs once for repeated views, and anything the page depends on that
changes gives a page worked out afresh."""

from __future__ import annotations

import datetime
import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from planner import rendered
from planner.models import Scenario, ShareLink
from planner.ratelimit import CACHE_DOWN
from planner.views import wizard
from tests.web.conftest import make_draft
from tests.web.test_wizard import HOUSEHOLD, start

pytestmark = pytest.mark.django_db
RELEASE_DIGEST = rendered.release_digest  # before the fixture below replaces it


@pytest.fixture(autouse=True)
def _own_cache_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each test its own keys: the cache (Redis in CI) outlives a test. A random suffix, as an
    # id() is reused once its object is gone and two tests then shared a panel in Redis.
    digest = rendered.release_digest() + uuid.uuid4().hex
    monkeypatch.setattr(rendered, "release_digest", lambda: digest)


@pytest.fixture
def plans_worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the engine's runs made for the result pages."""
    runs: list[int] = []
    real = rendered.render_pieces

    def counted(context: Any) -> Any:
        runs.append(1)
        return real(context)

    monkeypatch.setattr(rendered, "render_pieces", counted)
    return runs


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _without_tokens(page: str) -> str:
    """CSRF tokens and CSP nonces differ per response; the rest of the page must not."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    page = re.sub(r'"x-csrftoken": "[^"]+"', "", page)
    return re.sub(r'nonce="[^"]+"', "", page)


def test_the_results_page_is_worked_out_once_for_the_same_inputs(
    client: Client, set_draft: Callable[..., None], plans_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    first = _get(client, "/plan/results/")
    second = _get(client, "/plan/results/")
    assert len(plans_worked_out) == 1
    assert _without_tokens(first) == _without_tokens(second)
    assert "Form 8606" in second and "What to do first" in second


def test_changed_inputs_are_worked_out_afresh(
    client: Client, set_draft: Callable[..., None], plans_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    before = _get(client, "/plan/results/")
    set_draft(client, make_draft(other_income=400000))
    after = _get(client, "/plan/results/")
    assert len(plans_worked_out) == 2
    # More income, a higher bracket: $250,000 of pay less $24,500 pre-tax and the standard
    # deduction is in 2026's 32% bracket; $400,000 more reaches the 35% one.
    assert "(32% bracket" in before and "(35% bracket" in after


def test_a_new_day_is_worked_out_afresh(
    client: Client,
    set_draft: Callable[..., None],
    plans_worked_out: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Days left before a deadline are counted from today: tomorrow's page is not today's.
    set_draft(client, make_draft())
    _get(client, "/plan/results/")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)
    _get(client, "/plan/results/")
    assert len(plans_worked_out) == 2


def test_a_new_engine_version_or_release_is_worked_out_afresh(
    client: Client,
    set_draft: Callable[..., None],
    plans_worked_out: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    set_draft(client, make_draft())
    _get(client, "/plan/results/")
    monkeypatch.setattr(rendered, "ENGINE_VERSION", rendered.ENGINE_VERSION + 1)
    _get(client, "/plan/results/")
    monkeypatch.setattr(rendered, "release_digest", lambda: "another release")
    _get(client, "/plan/results/")
    assert len(plans_worked_out) == 3


def test_the_release_digest_follows_the_templates(tmp_path: Any, monkeypatch: Any) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "planner").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("one")
    monkeypatch.setattr(rendered, "REPOSITORY", tmp_path)
    digest = RELEASE_DIGEST.__wrapped__()
    page.write_text("two")
    assert RELEASE_DIGEST.__wrapped__() != digest


def test_the_owner_and_the_advisor_each_get_their_own_voice(
    alice_client: Client, scenario: Scenario, share_link: ShareLink, plans_worked_out: list[int]
) -> None:
    # Same inputs, two voices: the owner's page says "you", the shared page "the client".
    own = _get(alice_client, f"/scenarios/{scenario.code}/")
    shared = _get(Client(), f"/s/{share_link.token}/")
    shared_again = _get(Client(), f"/s/{share_link.token}/")
    assert len(plans_worked_out) == 2
    assert "the client" not in own.lower()
    assert "the client" in shared.lower()
    assert _without_tokens(shared) == _without_tokens(shared_again)


def test_a_shared_page_views_count_even_when_served_from_the_cache(
    scenario: Scenario, share_link: ShareLink
) -> None:
    for _ in range(2):
        _get(Client(), f"/s/{share_link.token}/")
    share_link.refresh_from_db()
    assert share_link.views == 2


@pytest.fixture
def unreachable_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    def down(*args: Any, **kwargs: Any) -> Any:
        raise CACHE_DOWN[0]("cache down")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)


@pytest.mark.usefixtures("unreachable_cache")
def test_pages_render_while_the_cache_is_unreachable(
    client: Client, set_draft: Callable[..., None], plans_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    for _ in range(2):
        assert "Form 8606" in _get(client, "/plan/results/")
    assert len(plans_worked_out) == 2


def test_a_draft_that_cannot_be_worked_out_is_never_kept(
    client: Client, set_draft: Callable[..., None]
) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["age"] = 250
    set_draft(client, draft)
    page = _get(client, "/plan/results/")
    assert "We can't work out the plan yet" in page


# ---------------------------------------------------------------- the wizard's panel


@pytest.fixture
def panels_worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the engine's runs made for the wizard's side-by-side panel."""
    runs: list[int] = []
    real = wizard.compute_plan

    def counted(*args: Any) -> Any:
        runs.append(1)
        return real(*args)

    monkeypatch.setattr(wizard, "compute_plan", counted)
    return runs


def _panel(page: str) -> str:
    return page[page.index('id="panel-status"') : page.index("</aside>")]


def test_the_steps_panel_is_worked_out_once_for_the_same_inputs(
    client: Client, set_draft: Callable[..., None], panels_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    pages = [_get(client, f"/plan/{slug}/") for slug in ("401k", "iras", "401k")]
    assert len(panels_worked_out) == 1
    assert _panel(pages[0]) == _panel(pages[1]) == _panel(pages[2])
    assert "comparison-table" in _panel(pages[0])
    with override_settings(DEBUG=True):  # nothing kept: the panel as worked out afresh
        assert _panel(_get(client, "/plan/401k/")) == _panel(pages[0])
    assert len(panels_worked_out) == 2


def test_a_changed_answer_gives_the_step_a_new_panel(
    client: Client, set_draft: Callable[..., None], panels_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    before = _panel(_get(client, "/plan/401k/"))
    less_deferred = make_draft()
    less_deferred.inputs["people"][0]["plan"]["pretax_deferral"] = 10000  # more after-tax room
    set_draft(client, less_deferred)
    after = _panel(_get(client, "/plan/401k/"))
    assert len(panels_worked_out) == 2
    assert before != after


def test_the_preview_works_out_each_new_answer_once(
    client: Client, set_draft: Callable[..., None], panels_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    typed = {"tax_year": "2026", "filing_status": "single", "age": "45", "compensation": "250000"}
    for pay in ("250000", "250000", "250001"):
        response = client.post(
            "/plan/household/preview/",
            {**typed, "compensation": pay},
            headers={"HX-Request": "true"},
        )
        assert "comparison-table" in response.content.decode()
    assert len(panels_worked_out) == 2


def test_the_step_after_a_preview_shows_the_previewed_panel_without_working_it_out_again(
    client: Client, panels_worked_out: list[int]
) -> None:
    # What is typed is previewed; Next saves the same answers, and the next page's panel is
    # the one the preview worked out.
    start(client)
    typed = {**HOUSEHOLD, "compensation": "210000"}
    preview = client.post("/plan/household/preview/", typed, headers={"HX-Request": "true"})
    assert preview.status_code == 200
    assert len(panels_worked_out) == 1
    saved = client.post("/plan/household/", {**typed, "go": "next"})
    assert saved.status_code == 302
    page = _get(client, saved["Location"])
    assert len(panels_worked_out) == 1
    comparison = preview.content.decode().split('<span id="panel-status"')[0]
    assert comparison.strip() in _panel(page)


@pytest.mark.usefixtures("unreachable_cache")
def test_the_panel_renders_while_the_cache_is_unreachable(
    client: Client, set_draft: Callable[..., None], panels_worked_out: list[int]
) -> None:
    set_draft(client, make_draft())
    pages = [_panel(_get(client, "/plan/household/")) for _ in range(2)]
    assert len(panels_worked_out) == 2
    assert pages[0] == pages[1]
    assert "comparison-table" in pages[0]


def test_a_panel_with_problems_is_never_kept(
    client: Client, set_draft: Callable[..., None], monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = make_draft()
    draft.inputs["people"][0]["age"] = 250
    set_draft(client, draft)
    kept: list[str] = []
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: kept.append(key))
    page = _get(client, "/plan/401k/")
    assert "No comparison yet" in _panel(page)
    preview = client.post(
        "/plan/household/preview/",
        {"tax_year": "2026", "filing_status": "single", "age": "250", "compensation": "1"},
        headers={"HX-Request": "true"},
    )
    assert "comparison-table" not in preview.content.decode()
    assert kept == []
