"""What a page costs to fetch: compressed HTML, htmx only where it is used, a trimmed Bootstrap."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from whitenoise.compress import Compressor

from tests.web.test_wizard import complete

pytestmark = pytest.mark.django_db

GZIP = {"Accept-Encoding": "gzip, deflate, br"}
VENDOR_CSS = Path(settings.BASE_DIR, "static", "vendor", "bootstrap", "css", "bootstrap.min.css")


def _scripts(client: Client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200
    return re.findall(r'<script src="([^"]+)"', response.content.decode())


def test_pages_are_gzipped_for_browsers_that_accept_it(client: Client) -> None:
    complete(client)
    for path in ("/", "/plan/household/", "/plan/results/"):
        plain = client.get(path)
        packed = client.get(path, headers=GZIP)
        assert packed["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in packed["Vary"]
        assert len(packed.content) < len(plain.content) / 2
        # The page itself is the same; only a per-request CSRF token and CSP nonce differ.
        text = gzip.decompress(packed.content).decode()
        assert text.count("<form") == plain.content.decode().count("<form")
        assert text.rstrip().endswith("</html>")


def test_the_live_panel_fragment_is_gzipped_too(client: Client) -> None:
    complete(client)
    response = client.post(
        "/plan/household/preview/",
        {"tax_year": "2026", "filing_status": "single", "age": "45", "compensation": "250000"},
        headers={**GZIP, "HX-Request": "true"},
    )
    assert response["Content-Encoding"] == "gzip"
    assert "comparison-table" in gzip.decompress(response.content).decode()


def test_a_client_without_gzip_gets_plain_html(client: Client) -> None:
    response = client.get("/")
    assert not response.has_header("Content-Encoding")
    assert response.content.startswith(b"<!doctype html>")


def test_htmx_loads_only_on_the_pages_that_use_it(client: Client) -> None:
    complete(client)
    htmx = "/static/vendor/htmx/htmx.min.js"
    assert htmx in _scripts(client, "/plan/household/")
    assert "hx-post" in client.get("/plan/household/").content.decode()
    for path in ("/", "/plan/results/", "/login/", "/signup/"):
        page = client.get(path).content.decode()
        assert "hx-post" not in page and "hx-get" not in page
        assert htmx not in _scripts(client, path), path


def test_htmx_comes_before_the_app_script_on_a_step(client: Client) -> None:
    scripts = _scripts(client, "/plan/household/")
    assert scripts == ["/static/vendor/htmx/htmx.min.js", "/static/js/app.js"]


def test_no_page_loads_the_bootstrap_javascript_bundle(client: Client) -> None:
    complete(client)
    for path in ("/", "/plan/household/", "/plan/results/", "/login/"):
        assert "bootstrap.bundle" not in client.get(path).content.decode()
    assert not Path(settings.BASE_DIR, "static", "vendor", "bootstrap", "js").exists()


def test_whitenoise_writes_brotli_files_of_static_files() -> None:
    # collectstatic compresses with Brotli only when the Brotli package is installed.
    assert Compressor(quiet=True).use_brotli


def test_the_trimmed_bootstrap_keeps_the_rules_toggled_at_runtime() -> None:
    css = VENDOR_CSS.read_text()
    assert css.startswith("@charset") or css.startswith("/*!")
    assert "Bootstrap" in css.split("*/")[0]  # the licence header stays
    for selector in (
        ".is-invalid",
        ".invalid-feedback",
        ".collapse:not(.show)",
        ".alert-success",
        ".alert-danger",
        ".alert-warning",
        ".alert-info",
        ".visually-hidden-focusable",
        ".form-control",
        ".form-check-input",
        ".table",
        ".btn-primary",
    ):
        assert selector in css, selector


def test_the_trimmed_bootstrap_drops_components_no_template_uses() -> None:
    css = VENDOR_CSS.read_text()
    for selector in (".carousel", ".offcanvas", ".popover", ".toast"):
        assert selector not in css, selector
