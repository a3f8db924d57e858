"""Form 1040 line 16: Tax Table midpoint rule below $100,000, exact schedule at and above (federal-brackets.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.engine import federal_income_tax
from planner.engine.federal_tax import marginal_rate
from planner.engine.tables import FilingStatus, year_table

# Hand-computed from the year's brackets (federal-brackets.md; Rev. Procs named in the ids).
CASES = [
    pytest.param(
        2024,
        "single",
        "85400",
        "13847",
        id="2024-single-85400-table-row-midpoint-federal-brackets-md",
    ),
    pytest.param(2024, "single", "47150", "5432", id="2024-single-at-12pct-edge-row-47150-47200"),
    pytest.param(2024, "single", "99999", "17048", id="2024-single-last-table-row"),
    pytest.param(2024, "single", "100000", "17053", id="2024-single-100000-schedule"),
    pytest.param(2024, "single", "3", "0", id="2024-row-0-5"),
    pytest.param(2024, "single", "10", "1", id="2024-row-5-15"),
    pytest.param(2024, "single", "2010", "201", id="2024-row-2000-2025"),
    pytest.param(2018, "single", "50000", "6945", id="2018-single-50000-Rev-Proc-2018-18"),
    pytest.param(2018, "single", "150000", "30289.50", id="2018-single-150000-schedule"),
    pytest.param(2018, "married_filing_jointly", "100000", "13879", id="2018-mfj-100000"),
    pytest.param(
        2022, "married_filing_jointly", "80000", "9192", id="2022-mfj-80000-Rev-Proc-2021-45"
    ),
    pytest.param(2022, "head_of_household", "250000", "59753.50", id="2022-hoh-250000"),
    pytest.param(2026, "single", "120000", "21398", id="2026-single-120000-Rev-Proc-2025-32"),
    pytest.param(2026, "married_filing_separately", "60000", "7918", id="2026-mfs-60000"),
    pytest.param(2026, "married_filing_jointly", "211400", "35932", id="2026-mfj-at-22pct-edge"),
    pytest.param(2026, "single", "0", "0", id="2026-zero"),
    pytest.param(2026, "single", "-5", "0", id="2026-negative"),
]


@pytest.mark.parametrize(("year", "status", "income", "tax"), CASES)
def test_it_computes_line_16(year: int, status: str, income: str, tax: str) -> None:
    assert federal_income_tax(year, status, Decimal(income)) == Decimal(tax)


def test_it_takes_the_next_dollars_rate_at_a_bracket_edge() -> None:
    schedule = year_table(2026).brackets[FilingStatus.MARRIED_FILING_JOINTLY]
    assert marginal_rate(schedule, Decimal(211399)) == Decimal("0.22")
    assert marginal_rate(schedule, Decimal(211400)) == Decimal("0.24")
    assert marginal_rate(schedule, Decimal(10**7)) == Decimal("0.37")
