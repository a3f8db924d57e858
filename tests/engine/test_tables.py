"""Year tables: figures checked against the IRS notices and revenue procedures they cite."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from planner.engine import UnknownTaxYear, available_years, year_table
from planner.engine.tables import FilingStatus, published_years


def test_it_has_every_year_from_2018_to_2026_and_2027_on_provisional_figures() -> None:
    # Issue 18: the year after the last published one is planned on carried figures.
    assert published_years() == list(range(2018, 2027))
    assert available_years() == list(range(2018, 2028))


def test_it_refuses_2028_naming_the_years_it_has() -> None:
    # tax-rules.md 1a: no 2027 notice found, so 2027 is provisional and nothing is projected
    # beyond it.
    with pytest.raises(UnknownTaxYear) as raised:
        year_table(2028)
    assert str(raised.value.errors["tax_year"][0]) == (
        "Tax year 2028 has no limits table yet; available years: 2018–2027."
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
    enforced = {year: year_table(year).roth_catch_up_enforced for year in published_years()}
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


ADDITIONAL_STANDARD_DEDUCTIONS = [
    # year, unmarried (single, HoH), married (per spouse): IRC 63(f), age 65 or older
    pytest.param(2018, 1600, 1300, id="2018-Rev-Proc-2018-18"),
    pytest.param(2019, 1650, 1300, id="2019-Rev-Proc-2018-57"),
    pytest.param(2020, 1650, 1300, id="2020-Rev-Proc-2019-44"),
    pytest.param(2021, 1700, 1350, id="2021-Rev-Proc-2020-45"),
    pytest.param(2022, 1750, 1400, id="2022-Rev-Proc-2021-45"),
    pytest.param(2023, 1850, 1500, id="2023-Rev-Proc-2022-38"),
    pytest.param(2024, 1950, 1550, id="2024-Rev-Proc-2023-34"),
    pytest.param(2025, 2000, 1600, id="2025-Rev-Proc-2024-40"),
    pytest.param(2026, 2050, 1650, id="2026-Rev-Proc-2025-32"),
]


@pytest.mark.parametrize(("year", "unmarried", "married"), ADDITIONAL_STANDARD_DEDUCTIONS)
def test_it_stores_the_age_65_additional_standard_deduction(
    year: int, unmarried: int, married: int
) -> None:
    table = year_table(year)
    assert table.additional_standard_deduction_unmarried == unmarried
    assert table.additional_standard_deduction_married == married
    for field in (
        "additional_standard_deduction_unmarried",
        "additional_standard_deduction_married",
    ):
        assert "IRC 63(f)" in table.sources[field]
        assert "Rev. Proc." in table.sources[field]


def test_it_has_the_obbba_senior_deduction_only_from_2025() -> None:
    # OBBBA, P.L. 119-21, sec. 70103 (IRC 151(d)(5)(C)): tax years 2025-2028.
    for year in range(2018, 2025):
        assert year_table(year).senior_deduction is None
    for year in (2025, 2026):
        table = year_table(year)
        rule = table.senior_deduction
        assert rule is not None
        assert (rule.amount, rule.phase_out_start_other, rule.phase_out_start_joint) == (
            6000,
            75000,
            150000,
        )
        assert rule.phase_out_rate == Decimal("0.06")
        # tax-rules.md sec. 2 marks the parameters UNCONFIRMED: the source says so.
        assert "UNCONFIRMED" in table.sources["senior_deduction"]
        assert "statute" in table.sources["senior_deduction"]


def test_it_stores_the_niit_threshold_which_is_not_indexed() -> None:
    # IRC 1411(a)(1), (b): 3.8% above 200,000 / 250,000 joint / 125,000 separate, fixed dollars.
    for year in available_years():
        table = year_table(year)
        assert table.net_investment_income_tax_rate == Decimal("0.038")
        assert table.net_investment_income_tax_threshold == {
            FilingStatus.SINGLE: 200000,
            FilingStatus.MARRIED_FILING_JOINTLY: 250000,
            FilingStatus.MARRIED_FILING_SEPARATELY: 125000,
            FilingStatus.HEAD_OF_HOUSEHOLD: 200000,
            # IRC 1411(b)(1): a surviving spouse (IRC 2(a)) shares the joint threshold.
            FilingStatus.QUALIFYING_SURVIVING_SPOUSE: 250000,
        }
        assert "1411(b)" in table.sources["net_investment_income_tax_threshold"]


def test_a_provisional_deadline_moves_off_weekends_and_emancipation_day_irc_7503() -> None:
    # IRC 7503: the published April due dates of 2022 and 2023 (Form 8606 line 1; the 2021
    # and 2022 returns) are April 15 moved past a weekend and D.C. Emancipation Day, as were
    # April 17, 2018 (the 2017 return) and, carried to 2027's return, April 18, 2028.
    from planner.engine.tables.parameters import next_business_day

    for tax_year in (2021, 2022, 2023, 2024, 2025, 2026):
        published = year_table(tax_year).ira_contribution_deadline
        assert next_business_day(date(tax_year + 1, 4, 15)) == published, tax_year
    assert next_business_day(date(2018, 4, 15)) == date(2018, 4, 17)
    assert year_table(2027).ira_contribution_deadline == date(2028, 4, 18)
    # A later year carries the statutory April 15, not a date already moved: were April 18,
    # 2028 published, 2029's would be April 17 (the 15th a Sunday, the 16th observed).
    from planner.engine.tables.parameters import _unmoved

    assert _unmoved(date(2028, 4, 18)) == date(2028, 4, 15)
    assert next_business_day(_unmoved(date(2028, 4, 18)).replace(year=2029)) == date(2029, 4, 17)
    assert "ira_contribution_deadline" in year_table(2027).provisional


def test_payroll_tax_figures_by_year() -> None:
    # SSA, Contribution and Benefit Base (IRC 3121(a)(1)): the Social Security wage base by
    # year; IRC 3101(a) 6.2%, 3101(b)(1) 1.45%, 3101(b)(2) 0.9% withheld above $200,000
    # (IRC 3102(f)(1)), fixed by statute.
    bases = {
        2018: 128400,
        2019: 132900,
        2020: 137700,
        2021: 142800,
        2022: 147000,
        2023: 160200,
        2024: 168600,
        2025: 176100,
        2026: 184500,
    }
    for year, base in bases.items():
        table = year_table(year)
        assert table.social_security_wage_base == base
        assert "ssa.gov" in table.references["social_security_wage_base"].href
        assert (
            table.social_security_tax_rate,
            table.medicare_tax_rate,
            table.additional_medicare_tax_rate,
            table.additional_medicare_withholding_threshold,
        ) == (Decimal("0.062"), Decimal("0.0145"), Decimal("0.009"), 200000)
        assert "3102(f)(1)" in table.sources["additional_medicare_withholding_threshold"]
