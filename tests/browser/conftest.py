from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page

# Playwright's sync API runs an event loop in the test thread; the test itself only
# reads the database between page actions, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    # Debian's Chromium: Playwright cannot download its own browser on these machines.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def console_errors(page: Page) -> Iterator[list[str]]:
    """Every console error and uncaught exception on the page (CSP violations included)."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield errors


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    # Colours are measured at rest: with transitions on, a button just clicked is caught
    # halfway between its normal and hover colours (Bootstrap drops them for reduced motion).
    page.emulate_media(reduced_motion="reduce")
    # evaluate() runs outside the page's CSP; an injected <script> would be blocked.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate("async () => await axe.run(document)")
    return [v for v in result["violations"] if v["impact"] in {"serious", "critical"}]


@pytest.fixture(autouse=True)
def _fresh_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    # Rate-limit counts live in the shared cache (Redis in CI) and outlive a run; a prefix
    # per test keeps reruns within the hour from hitting the sign-up or log-in limits.
    import uuid

    from planner import ratelimit

    monkeypatch.setattr(ratelimit, "KEY_PREFIX", f"test-ratelimit:{uuid.uuid4()}:")
    # A cache outage one test simulates is not carried into the next.
    monkeypatch.setattr(ratelimit, "_cache_skipped_until", 0.0)
