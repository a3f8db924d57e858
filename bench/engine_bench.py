"""Plans per second for a realistic married household with warnings, on one core.

Run: .venv/bin/python bench/engine_bench.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.engine import compute_plan, parse_household, plan_from_dict  # noqa: E402

GOAL_PLANS_PER_SECOND = 5_000

HOUSEHOLD: dict[str, Any] = {
    "tax_year": 2026,
    "filing_status": "married_filing_jointly",
    "other_income": 12000,
    "state_tax_rate": 0.05,
    "expected_return": 0.06,
    "years_to_retirement": 20,
    "people": [
        {
            "name": "Alex",
            "age": 52,
            "compensation": 240000,
            "prior_year_fica_wages": 230000,
            "plan": {
                "pretax_deferral": 32500,
                "employer_contribution": 12000,
                "allows_after_tax": True,
                "allows_in_service_distribution": True,
                "after_tax_route": "split_earnings_to_traditional_ira",
                "conversion_frequency": "monthly",
                "accepts_ira_rollins": True,
            },
            "ira": {"year_end_balance": 40000, "basis": 6000},
        },
        {
            "name": "Sam",
            "age": 61,
            "compensation": 150000,
            "plan": {
                "pretax_deferral": 24500,
                "roth_deferral": 11250,
                "employer_contribution": 7500,
                "allows_after_tax": True,
                "allows_in_plan_roth_conversion": True,
                "after_tax_cap_percent": 0.1,
                "conversion_frequency": "quarterly",
            },
            "ira": {"contribution_made_next_year": True},
        },
    ],
}


def measure(label: str, run: Any, count: int) -> float:
    run()
    start = time.perf_counter()
    for _ in range(count):
        run()
    elapsed = time.perf_counter() - start
    rate = count / elapsed
    print(f"{label}: {rate:,.0f} plans/s ({elapsed * 1e6 / count:,.0f} µs each)")
    return rate


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
    household = parse_household(HOUSEHOLD)
    warnings = compute_plan(household).warnings
    print(f"{len(warnings)} warnings: {', '.join(w.code for w in warnings)}")
    measure("compute_plan", lambda: compute_plan(household), count)
    full = measure(
        "plan_from_dict (parse + compute + JSON dict)", lambda: plan_from_dict(HOUSEHOLD), count
    )
    verdict = "meets" if full >= GOAL_PLANS_PER_SECOND else "misses"
    print(f"{verdict} the goal of {GOAL_PLANS_PER_SECOND:,} full plans/s")


if __name__ == "__main__":
    main()
