"""Plans per second for a realistic married household with warnings, on one core.

The household measured first answers three plan questions "not sure", so each plan also works
out the yes branches; the same household with every answer known follows.

Run: .venv/bin/python bench/engine_bench.py [N]   (or `make bench`)
"""

from __future__ import annotations

import copy
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.engine import (  # noqa: E402
    compute_plan,
    parse_household,
    plan_from_dict,
    result_to_json,
)

# Issue 20: full plans per second on the married household with "not sure" answers.
GOAL_PLANS_PER_SECOND = 3_000

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
                "allows_in_plan_roth_conversion": False,
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
                "allows_in_service_distribution": False,
                "allows_in_plan_roth_conversion": True,
                "accepts_ira_rollins": False,
                "after_tax_cap_percent": 0.1,
                "conversion_frequency": "quarterly",
            },
            "ira": {"contribution_made_next_year": True},
        },
    ],
}


def _not_sure(household: dict[str, Any]) -> dict[str, Any]:
    """The household with three "not sure" answers: Alex's in-service distributions (so no
    after-tax route, which needs them) and IRA roll-ins (with the roll-in asked for), and
    Sam's after-tax contributions."""
    unsure = copy.deepcopy(household)
    alex, sam = unsure["people"]
    alex["plan"]["allows_in_service_distribution"] = None
    del alex["plan"]["after_tax_route"]
    alex["plan"]["accepts_ira_rollins"] = None
    alex["ira"]["roll_into_plan"] = True
    sam["plan"]["allows_after_tax"] = None
    return unsure


NOT_SURE_HOUSEHOLD = _not_sure(HOUSEHOLD)

ROUNDS = 5


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def measure(label: str, run: Any, count: int) -> float:
    """Best of ROUNDS timed loops of `count` calls, garbage collector on. Timed in CPU time of
    this process: on a shared machine, other processes' work does not count, and the best
    round is the least disturbed one. Prints best and median."""
    run()
    rates = []
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(count):
            run()
        rates.append(count / (time.process_time() - start))
    best = max(rates)
    print(
        f"  {label:<44} {best:>7,.0f} plans/s  ({1e6 / best:,.0f} µs each;"
        f" median {statistics.median(rates):,.0f}/s)"
    )
    return best


def full_path(data: dict[str, Any]) -> bytes:
    """What the API and the CLI do: contract JSON values in, JSON text out."""
    return result_to_json(compute_plan(parse_household(data)))


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000
    household = parse_household(NOT_SURE_HOUSEHOLD)
    result = compute_plan(household)
    print(f"Python {platform.python_version()} ({platform.python_implementation()}), {_cpu_name()}")
    print(f"One core: a single thread, no multiprocessing ({os.cpu_count()} CPUs on this machine).")
    print(
        f"Household: married, 2 people, {len(result.warnings)} warnings"
        f' ({", ".join(w.code for w in result.warnings)}), {len(result.unknowns)} "not sure"'
        f" answers ({', '.join(u.field for u in result.unknowns)})"
    )
    print(f"Best of {ROUNDS} rounds of {count:,} plans:")
    measure("parse_household (validation only)", lambda: parse_household(NOT_SURE_HOUSEHOLD), count)
    measure("compute_plan (compute only)", lambda: compute_plan(household), count)
    measure(
        "plan_from_dict (parse + compute + JSON dict)",
        lambda: plan_from_dict(NOT_SURE_HOUSEHOLD),
        count,
    )
    full = measure(
        "full path (parse + compute + JSON bytes)", lambda: full_path(NOT_SURE_HOUSEHOLD), count
    )
    # The same household with every answer known: no yes branches to work out.
    measure("all answers known: full path", lambda: full_path(HOUSEHOLD), count)
    verdict = "meets" if full >= GOAL_PLANS_PER_SECOND else "misses"
    print(f"Full path {verdict} the goal of {GOAL_PLANS_PER_SECOND:,} plans/s.")


if __name__ == "__main__":
    main()
