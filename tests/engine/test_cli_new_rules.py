"""roth-plan on the command line carries the rules of issue 9 (same answer as the engine)."""

from __future__ import annotations

import json
import subprocess
import sys

from planner.engine import plan_from_dict
from tests.engine.test_cli import ENV, REPO_ROOT

DOCUMENT = {
    "tax_year": 2026,
    "filing_status": "qualifying_surviving_spouse",
    "itemized_deductions": 30_000,
    "people": [
        {
            "age": 73,
            "compensation": 640_000,
            "ira": {"year_end_balance": 92_500, "prior_year_end_balance": 106_000},
            "second_plan": {"employer_contribution": 5_000, "allows_after_tax": True},
            "second_plan_compensation": 20_000,
        }
    ],
}


def test_the_cli_prints_the_new_fields() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "planner.engine.cli", "-"],
        input=json.dumps(DOCUMENT),
        cwd=REPO_ROOT,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert completed.returncode == 0, completed.stderr
    result = json.loads(completed.stdout)
    assert result == json.loads(json.dumps(plan_from_dict(DOCUMENT)))
    # Pub. 590-B Table III, age 73 from 2022: 26.5; 106,000 / 26.5 = 4,000.
    assert result["people"][0]["backdoor_roth"]["required_minimum_distribution"] == 4_000
    assert result["people"][0]["second_plan_mega_backdoor_roth"]["after_tax_room"] == 15_000
    assert "effective_marginal_rate" in result["tax"]
