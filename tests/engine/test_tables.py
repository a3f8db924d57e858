"""Year tables: figures checked against the IRS notices and revenue procedures they cite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.engine import UnknownTaxYear, available_years, year_table
from planner.engine.tables import FilingStatus


def test_it_has_every_year_from_2018_to_2026() -> None:
    assert available_years() == list(range(2018, 2027))


def test_it_refuses_2027_naming_the_years_it_has() -> None:
    # tax-rules.md 1a: no 2027 notice found; refuse rather than project.
    with pytest.raises(UnknownTaxYear) as raised:
        year_table(2027)
    assert str(raised.value.errors["tax_year"][0]) == (
        "Tax year 2027 has no limits table yet; available years: 2018–2026."
    )


PLAN_LIMITS = [
    # year, 402(g), catch-up, 60-63, 415(c), 401(a)(17), 414(q), source
    pytest.param(2018, 18500, 6000, None, 55000, 275000, 120000, id="2018-Notice-2017-64"),
    pytest.param(2019, 19000, 6000, None, 56000, 280000, 125000, id="2019-Notice-2018-83"),
    pytest.param(2020, 19500, 6500, None, 57000, 285000, 130000, id="2020-Notice-2019-59"),
    pytest.param(2021, 19500, 6500, None, 58000, 290000, 130000, id="2021-Notice-2020-79"),
    pytest.param(2022, 20500, 6500, None, 61000, 305000, 135000, id="2022-Notice-2021-61"),
    pytest.param(2023, 22500, 7500, None, 66000, 330000, 150000, id="2023-Notice-2022-55"),
    pytest.param(2024, 23000, 7500, None, 69000, 345000, 155000, id="2024-Notice-2023-75"),
    pytest.param(2025, 23500, 7500, 11250, 70000, 350000, 160000, id="2025-Notice-2024-80"),
    pytest.param(2026, 24500, 8000, 11250, 72000, 360000, 160000, id="2026-Notice-2025-67"),
]


@pytest.mark.parametrize(
    ("year", "deferral", "catch_up", "super_catch_up", "additions", "comp", "hce"), PLAN_LIMITS
)
def test_it_holds_the_plan_limits(
    year: int,
    deferral: int,
    catch_up: int,
    super_catch_up: int | None,
    additions: int,
    comp: int,
    hce: int,
) -> None:
    table = year_table(year)
    assert table.elective_deferral == deferral
    assert table.catch_up == catch_up
    assert table.catch_up_age_60_to_63 == (
        None if super_catch_up is None else Decimal(super_catch_up)
    )
    assert table.annual_additions == additions
    assert table.compensation_limit == comp
    assert table.hce_threshold == hce


@pytest.mark.parametrize("year", range(2019, 2027))
def test_it_looks_back_to_the_prior_years_hce_figure(year: int) -> None:
    # IRC 414(q)(1)(B): HCE status for year N uses N-1 pay against the N-1 figure.
    assert year_table(year).hce_threshold_lookback == year_table(year - 1).hce_threshold


def test_it_uses_the_2017_hce_figure_for_2018() -> None:
    # Notice 2016-62: $120,000 for 2017.
    assert year_table(2018).hce_threshold_lookback == 120000


IRA_LIMITS = [
    pytest.param(2018, 5500, 1000, (120000, 135000), (189000, 199000), id="2018-Notice-2017-64"),
    pytest.param(2019, 6000, 1000, (122000, 137000), (193000, 203000), id="2019-Notice-2018-83"),
    pytest.param(2020, 6000, 1000, (124000, 139000), (196000, 206000), id="2020-Notice-2019-59"),
    pytest.param(2021, 6000, 1000, (125000, 140000), (198000, 208000), id="2021-Notice-2020-79"),
    pytest.param(2022, 6000, 1000, (129000, 144000), (204000, 214000), id="2022-Notice-2021-61"),
    pytest.param(
        2023, 6500, 1000, (138000, 153000), (218000, 228000), id="2023-Notice-2022-55-I8606"
    ),
    pytest.param(2024, 7000, 1000, (146000, 161000), (230000, 240000), id="2024-Notice-2023-75"),
    pytest.param(2025, 7000, 1000, (150000, 165000), (236000, 246000), id="2025-Notice-2024-80"),
    pytest.param(2026, 7500, 1100, (153000, 168000), (242000, 252000), id="2026-Notice-2025-67"),
]


@pytest.mark.parametrize(("year", "limit", "catch_up", "single", "joint"), IRA_LIMITS)
def test_it_holds_the_ira_limits_and_roth_ranges(
    year: int, limit: int, catch_up: int, single: tuple[int, int], joint: tuple[int, int]
) -> None:
    table = year_table(year)
    assert (table.ira_contribution, table.ira_catch_up) == (limit, catch_up)
    assert (table.roth_phase_out_single.low, table.roth_phase_out_single.high) == single
    assert (table.roth_phase_out_joint.low, table.roth_phase_out_joint.high) == joint
    assert (table.roth_phase_out_separate.low, table.roth_phase_out_separate.high) == (0, 10000)


DEADLINES = [
    pytest.param(2018, date(2019, 4, 15), id="2018-I8606-18"),
    pytest.param(2019, date(2020, 7, 15), id="2019-Notice-2020-18"),
    pytest.param(2020, date(2021, 5, 17), id="2020-Notice-2021-21"),
    pytest.param(2021, date(2022, 4, 18), id="2021-normal-due-date"),
    pytest.param(2022, date(2023, 4, 18), id="2022-F8606-line-1"),
    pytest.param(2023, date(2024, 4, 15), id="2023-I8606-23"),
    pytest.param(2026, date(2027, 4, 15), id="2026-normal-due-date"),
]


@pytest.mark.parametrize(("year", "deadline"), DEADLINES)
def test_it_stores_the_ira_deadline(year: int, deadline: date) -> None:
    assert year_table(year).ira_contribution_deadline == deadline


def test_it_enforces_roth_catch_up_only_from_2026() -> None:
    # SECURE 2.0 sec. 603; Notice 2023-62 relief through 2025; Notice 2025-67 $150,000.
    enforced = {year: year_table(year).roth_catch_up_enforced for year in available_years()}
    assert [year for year, flag in enforced.items() if flag] == [2026]
    assert year_table(2025).roth_catch_up_wage_threshold == 145000
    assert year_table(2026).roth_catch_up_wage_threshold == 150000
    assert year_table(2023).roth_catch_up_wage_threshold is None


def test_it_has_obbba_standard_deductions_for_2025() -> None:
    # OBBBA, P.L. 119-21, replaced Rev. Proc. 2024-40's 15,000 / 30,000 / 22,500.
    deductions = year_table(2025).standard_deduction
    assert deductions[FilingStatus.SINGLE] == 15750
    assert deductions[FilingStatus.MARRIED_FILING_JOINTLY] == 31500
    assert deductions[FilingStatus.HEAD_OF_HOUSEHOLD] == 23625


def test_it_names_a_source_for_every_figure() -> None:
    for year in available_years():
        table = year_table(year)
        assert all(source.strip() for source in table.sources.values())
