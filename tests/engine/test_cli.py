"""roth-plan: the contract on the command line, with no Django settings (planner-contract.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from planner.engine import plan_from_dict
from tests.engine.golden import load_cases, to_contract

REPO_ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = to_contract(load_cases()[0]["inputs"])
ENV = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY"}}


def _run(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*args, "-"],
        input=stdin,
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_prints_the_engine_result_without_django() -> None:
    code = (
        "import sys; from planner.engine.cli import main; status = main(['-']); "
        "assert not [m for m in sys.modules if m.startswith('django')]; sys.exit(status)"
    )
    completed = _run(sys.executable, "-c", code, stdin=json.dumps(DOCUMENT))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == json.loads(json.dumps(plan_from_dict(DOCUMENT)))


def test_the_installed_console_script_runs() -> None:
    script = Path(sys.executable).parent / "roth-plan"
    completed = _run(str(script), stdin=json.dumps(DOCUMENT))
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["tax_year"] == DOCUMENT["tax_year"]


def test_bad_input_exits_2_with_one_line_per_problem() -> None:
    completed = _run(sys.executable, "-m", "planner.engine.cli", stdin='{"tax_year": 2026}')
    assert completed.returncode == 2
    assert completed.stderr.splitlines() == [
        "filing_status: This field is required.",
        "people: This field is required.",
    ]


def test_deeply_nested_json_is_a_clear_error_not_a_traceback() -> None:
    completed = _run(sys.executable, "-m", "planner.engine.cli", stdin="[" * 100_000)
    assert completed.returncode == 2
    assert completed.stderr == "body: The input is nested too deeply to be a plan.\n"
