"""planner/staticfiles.py: production's storage gives WhiteNoise's hashed URLs, works each out
once, and still refuses a name the manifest does not know."""

from __future__ import annotations

import json
from pathlib import Path
from unittest import mock

import pytest
from django.test import override_settings
from whitenoise.storage import CompressedManifestStaticFilesStorage

from planner.staticfiles import StaticFilesStorage


@pytest.fixture
def storage(tmp_path: Path) -> StaticFilesStorage:
    paths = {"css/app.css": "css/app.0123456789ab.css", "js/app.js": "js/app.ba9876543210.js"}
    manifest = {"paths": paths, "version": "1.1", "hash": "x"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    return StaticFilesStorage(location=tmp_path, base_url="/static/")


def test_it_gives_whitenoises_hashed_urls(storage: StaticFilesStorage) -> None:
    assert storage.url("css/app.css") == "/static/css/app.0123456789ab.css"
    assert storage.url("js/app.js") == "/static/js/app.ba9876543210.js"
    assert storage.url("css/app.css") == CompressedManifestStaticFilesStorage.url(
        storage, "css/app.css"
    )


def test_it_works_each_url_out_once(storage: StaticFilesStorage) -> None:
    parent = CompressedManifestStaticFilesStorage.url
    with mock.patch.object(
        CompressedManifestStaticFilesStorage, "url", autospec=True, side_effect=parent
    ) as working_out:
        urls = {storage.url("css/app.css") for _ in range(3)}
    assert urls == {"/static/css/app.0123456789ab.css"}
    assert working_out.call_count == 1


def test_an_unknown_name_still_raises(storage: StaticFilesStorage) -> None:
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        storage.url("css/missing.css")
    with pytest.raises(ValueError):
        storage.url("css/missing.css")


@override_settings(DEBUG=True)
def test_with_debug_names_come_without_their_hash(storage: StaticFilesStorage) -> None:
    assert storage.url("css/app.css") == "/static/css/app.css"
