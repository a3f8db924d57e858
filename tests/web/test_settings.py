from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What the test run sets for itself must not leak into the deployment checks.
SCRUBBED = {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def _run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off() -> None:
    result = _run_manage("check")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_it_passes_the_deployment_checklist_over_https() -> None:
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        ALLOWED_HOSTS="example.com",
        HTTPS="1",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="1",
        SECURE_HSTS_PRELOAD="1",
        REDIS_URL="redis://127.0.0.1:6379/0",  # checks do not connect
    )
    assert result.returncode == 0, result.stderr


def test_it_warns_at_startup_that_a_per_process_cache_does_not_hold_limits() -> None:
    env = {"DEBUG": "0", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "example.com"}
    clean_env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**{k: v for k, v in clean_env.items() if k not in SCRUBBED}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "planner.W001" in result.stdout + result.stderr


def test_it_has_no_deployment_errors_before_https_is_configured() -> None:
    result = _run_manage(
        "check",
        "--deploy",
        DEBUG="0",
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        ALLOWED_HOSTS="example.com",
    )
    assert result.returncode == 0, result.stderr
    # Only the HTTPS settings the README lists remain as warnings.
    warned = set(re.findall(r"\(security\.(W\d+)\)", result.stdout + result.stderr))
    assert warned <= {"W004", "W008", "W012", "W016"}
