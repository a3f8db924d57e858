"""python manage.py plan FILE: the same contract on the command line."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from planner.engine import plan_from_dict
from tests.engine.golden import load_cases, to_contract

GOLDEN = load_cases()


def _run(monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    try:
        call_command("plan", *args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", GOLDEN, ids=[case["name"] for case in GOLDEN])
def test_it_prints_the_result_for_every_golden_case(monkeypatch, tmp_path, case) -> None:
    document = to_contract(case["inputs"])
    path = tmp_path / "input.json"
    path.write_text(json.dumps(document))
    code, out, err = _run(monkeypatch, str(path))
    assert (code, err) == (0, "")
    # Both count days from today in the site's time zone (a date late in the year speaks).
    assert json.loads(out) == json.loads(json.dumps(plan_from_dict(document, timezone.localdate())))


def test_it_reads_standard_input(monkeypatch) -> None:
    document = {
        "tax_year": 2026,
        "filing_status": "single",
        "people": [{"age": 45, "compensation": 250000}],
    }
    code, out, _ = _run(monkeypatch, "-", stdin=json.dumps(document))
    assert code == 0
    assert json.loads(out)["limits"]["annual_additions"] == 72000  # Notice 2025-67


def test_it_exits_2_with_one_line_per_bad_field(monkeypatch) -> None:
    document = {"tax_year": 2026, "filing_status": "widowed", "people": [{"age": 45}]}
    code, out, err = _run(monkeypatch, "-", stdin=json.dumps(document))
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert any(line.startswith("filing_status: ") for line in lines)
    assert any(line.startswith("people.0.compensation: ") for line in lines)
    assert "Traceback" not in err


def test_it_exits_2_for_a_missing_file_or_bad_json(monkeypatch, tmp_path) -> None:
    code, _, err = _run(monkeypatch, str(tmp_path / "nope.json"))
    assert code == 2 and err.startswith("file: Cannot read")
    code, _, err = _run(monkeypatch, "-", stdin="{oops")
    assert code == 2 and err.startswith("body: The input is not a JSON document")


def test_it_works_as_a_real_process() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    bad = subprocess.run(
        [sys.executable, "manage.py", "plan", "-"],
        input='{"tax_year": 2026}',
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert bad.returncode == 2
    assert "filing_status: This field is required." in bad.stderr
    assert "Traceback" not in bad.stderr


def test_it_needs_no_secret_key(tmp_path) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    completed = subprocess.run(
        [sys.executable, "manage.py", "plan", "-", "--indent", "0"],
        input=json.dumps(to_contract(GOLDEN[0]["inputs"])),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["tax_year"] == GOLDEN[0]["inputs"]["tax_year"]


def test_the_web_server_refuses_to_start_without_a_secret_key() -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG"}}
    env["DJANGO_SETTINGS_MODULE"] = "rothsite.settings"
    completed = subprocess.run(
        [sys.executable, "-c", "import rothsite.wsgi"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode != 0
    assert "Set SECRET_KEY (or DEBUG=1 for local development)." in completed.stderr
