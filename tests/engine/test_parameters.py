"""Tax law as parameters (issue 18): every value has a reference to a document one can read,
files validate at load, and a year without published figures carries the last ones, marked."""

from __future__ import annotations

import copy
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from planner.engine import InvalidInput, plan_from_dict
from planner.engine.tables import (
    ParameterError,
    planning_table,
    provisional_note,
    validate_year_file,
    year_table,
)
from planner.engine.tables.parameters import (
    OFFICIAL_HOSTS,
    PARAMETERS_DIR,
    VALUE_TYPES,
    TaxLaw,
    parse_file,
    repository_files,
)
from planner.engine.tables.schema import MonthDay
from tests.engine.helpers import household

REPOSITORY = Path(__file__).resolve().parents[2]


def _documents() -> dict[str, dict[str, Any]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(PARAMETERS_DIR.glob("*.json"))
    }


def _law_without(change: Any) -> TaxLaw:
    documents = copy.deepcopy(_documents())
    change(documents)
    return TaxLaw(parse_file(document, name) for name, document in documents.items())


def test_every_value_names_a_reference_with_a_title_and_a_link() -> None:
    law = TaxLaw(repository_files())
    for parameter in law.parameters.values():
        for year, (_, entry) in parameter.values.items():
            reference = law.references[entry.reference]
            assert reference.title.strip(), (parameter.name, year)
            assert reference.href.startswith("https://"), (parameter.name, year)


def test_a_value_without_a_reference_is_rejected_at_load() -> None:
    def drop_reference(documents: dict[str, Any]) -> None:
        del documents["plan_limits.json"]["parameters"]["annual_additions"]["values"]["2026"][
            "reference"
        ]

    with pytest.raises(ParameterError) as refused:
        _law_without(drop_reference)
    assert "annual_additions.values.2026.reference: Field required" in str(refused.value)


def test_a_reference_that_no_file_defines_is_rejected() -> None:
    def unknown(documents: dict[str, Any]) -> None:
        values = documents["plan_limits.json"]["parameters"]["annual_additions"]["values"]
        values["2026"]["reference"] = "notice-2099-1"

    with pytest.raises(ParameterError, match="no reference named 'notice-2099-1'"):
        _law_without(unknown)


def test_a_value_of_the_wrong_type_is_rejected() -> None:
    def wrong(documents: dict[str, Any]) -> None:
        documents["plan_limits.json"]["parameters"]["annual_additions"]["values"]["2026"][
            "value"
        ] = "a lot"

    with pytest.raises(ParameterError, match=r"annual_additions\.values\.2026\.value"):
        _law_without(wrong)


@pytest.mark.parametrize("day", ["10-32", "Oct 15", "02-30", "02-29"])
def test_a_deadline_day_no_calendar_has_is_rejected(day: str) -> None:
    def wrong(documents: dict[str, Any]) -> None:
        parameter = documents["ira.json"]["parameters"]["excess_contribution_withdrawal_day"]
        parameter["values"]["2018"]["value"] = day

    with pytest.raises(ParameterError, match=r"excess_contribution_withdrawal_day\.values\.2018"):
        _law_without(wrong)


@pytest.mark.parametrize(
    ("name", "day", "law", "reference"),
    [
        # IRC 402(g)(2)(A)(ii), Treas. Reg. 1.402(g)-1(e)(2)(i): the first April 15 after the year.
        ("excess_deferral_distribution_day", MonthDay(4, 15), "402(g)(2)(A)", "/1.402(g)-1"),
        # IRC 401(a)(9)(C)(i): the required beginning date, April 1 of the next year.
        ("first_rmd_deadline_day", MonthDay(4, 1), "401(a)(9)(C)", "/26/401"),
    ],
)
def test_the_next_years_deadlines_are_parameters_with_their_law(
    name: str, day: MonthDay, law: str, reference: str
) -> None:
    table = year_table(2026)
    assert getattr(table, name) == day
    assert law in table.sources[name]
    assert table.references[name].href.endswith(reference)


def test_the_excess_contribution_deadline_is_a_parameter_moved_by_a_change_in_law() -> None:
    # IRC 408(d)(4) with Treas. Reg. 1.6081-4(a): October 15 of the next year, a value in
    # parameters/ira.json with its reference; a law that moved it would be a new dated value.
    table = year_table(2026)
    assert table.excess_contribution_withdrawal_day == MonthDay(10, 15)
    assert table.references["excess_contribution_withdrawal_day"].href.endswith("/1.6081-4")
    assert "408(d)(4)" in table.sources["excess_contribution_withdrawal_day"]

    def moved(documents: dict[str, Any]) -> None:
        values = documents["ira.json"]["parameters"]["excess_contribution_withdrawal_day"]["values"]
        values["2024"] = {"value": "11-15", "reference": "reg-1-6081-4"}

    law = _law_without(moved)
    assert law.table(2023).excess_contribution_withdrawal_day == MonthDay(10, 15)
    assert law.table(2026).excess_contribution_withdrawal_day == MonthDay(11, 15)


def test_a_yearly_figure_with_a_missing_year_is_rejected() -> None:
    # A year left out would otherwise be carried silently from the year before.
    def gap(documents: dict[str, Any]) -> None:
        del documents["ira.json"]["parameters"]["ira_contribution"]["values"]["2022"]

    with pytest.raises(ParameterError, match="ira_contribution: no value for 2022"):
        _law_without(gap)


def test_every_figure_the_engine_uses_is_defined_once() -> None:
    law = TaxLaw(repository_files())
    assert set(law.parameters) == set(VALUE_TYPES)


def test_references_link_only_to_official_publishers() -> None:
    # Notices and revenue procedures (irs.gov), statutes (congress.gov, law.cornell.edu).
    for document in repository_files():
        for key, reference in document.references.items():
            assert urlsplit(reference.href).hostname in OFFICIAL_HOSTS, key


def test_no_source_cites_a_document_outside_the_repository() -> None:
    # Issue 18: two sources cited "tax-rules.md sec. 2", a file that is not in the repository.
    cited = re.compile(r"[\w./-]+\.(?:md|json|txt|pdf)\b")
    for year in range(2018, 2028):
        for name, source in year_table(year).sources.items():
            for path in cited.findall(source):
                assert (REPOSITORY / path).exists(), (year, name, path)
    for path in PARAMETERS_DIR.glob("*.json"):
        for note in re.findall(r'"note": "([^"]*)"', path.read_text(encoding="utf-8")):
            assert not cited.findall(note), (path.name, note)


def test_a_year_without_published_figures_carries_the_last_ones_and_marks_them() -> None:
    table = year_table(2027)
    assert table.annual_additions == year_table(2026).annual_additions
    assert table.brackets == year_table(2026).brackets
    assert table.provisional["annual_additions"].carried_from == 2026
    assert "revenue procedure" in table.provisional["brackets"].comes_from
    # A deadline carries to the same day of the next year (IRC 6072(a): April 15), moved off
    # the weekend and D.C. Emancipation Day (IRC 7503): Saturday April 15, 2028 -> Tuesday 18.
    assert table.ira_contribution_deadline == date(2028, 4, 18)
    # ... and its source says which date it is, not "the 2026 figure" (a tax-figure audit).
    assert table.sources["ira_contribution_deadline"].startswith(
        "Provisional: 2026's deadline a year on (April 18, 2028, moved off a weekend or legal "
        "holiday, IRC 7503) until 2027's is announced."
    )
    # Figures fixed by statute hold until the law changes: not provisional.
    for name in ("net_investment_income_tax_threshold", "roth_phase_out_separate", "rmd_age"):
        assert name not in table.provisional
    # IRC 414(q)(1)(B): 2027's look-back is the published 2026 figure, exactly.
    assert table.hce_threshold_lookback == year_table(2026).hce_threshold == 160000
    assert "hce_threshold_lookback" not in table.provisional
    assert provisional_note(year_table(2026)) is None


def test_a_loaded_year_file_replaces_the_provisional_figures(
    tables_with_2027: Any,
) -> None:
    table = year_table(2027)
    assert table.elective_deferral == 25000
    assert "elective_deferral" not in table.provisional
    assert table.sources["elective_deferral"].startswith("Notice 2026-99 (test)")
    # Figures the file leaves out stay provisional.
    assert "brackets" in table.provisional


def test_a_year_file_must_give_one_year() -> None:
    document = {
        "parameters": {
            "elective_deferral": {
                "values": {
                    "2027": {"value": 25000, "reference": "notice-2025-67"},
                    "2028": {"value": 26000, "reference": "notice-2025-67"},
                }
            }
        }
    }
    with pytest.raises(ParameterError, match="one year; this one has: 2027, 2028"):
        validate_year_file(document)


def test_a_year_file_cannot_add_a_figure_the_engine_does_not_use() -> None:
    document = {
        "parameters": {"gift_tax_exclusion": {"values": {"2027": {"value": 1, "reference": "x"}}}}
    }
    with pytest.raises(ParameterError, match="gift_tax_exclusion: not a figure the engine uses"):
        validate_year_file(document)


def test_a_household_may_use_its_plans_lower_415c_cap() -> None:
    # A plan may set its own annual additions cap below IRC 415(c) (here 60,000 of 72,000).
    inputs = household(tax_year=2026, limit_overrides={"annual_additions": 60000})
    official = plan_from_dict(household(tax_year=2026))
    result = plan_from_dict(inputs)
    assert result["limits"]["annual_additions"] == 60000
    assert result["limits"]["overridden"] == {"annual_additions": 72000}
    assert "Your own figure" in result["limits"]["sources"]["annual_additions"]
    room = result["people"][0]["mega_backdoor_roth"]["after_tax_room"]
    assert room == official["people"][0]["mega_backdoor_roth"]["after_tax_room"] - 12000
    assert planning_table(2026, None) is year_table(2026)


def test_without_overrides_the_output_is_the_official_figures() -> None:
    result = plan_from_dict(household(tax_year=2026))
    assert result["limits"]["overridden"] == {}
    assert result["limits"]["provisional"] == []
    assert result["limits"]["provisional_note"] is None
    assert result["limits"]["references"]["annual_additions"] == {
        "title": "Notice 2025-67 (IR-2025-111)",
        "href": "https://www.irs.gov/pub/irs-drop/n-25-67.pdf",
    }


def test_an_override_of_a_limit_the_year_does_not_have_is_a_field_error() -> None:
    # The age 60-63 catch-up exists from 2025 (IRC 414(v)(2)(E), SECURE 2.0 sec. 109): a 2018
    # plan has no such figure to replace, so the override is refused, naming the field.
    inputs = household(tax_year=2018, limit_overrides={"catch_up_age_60_to_63": 11250})
    with pytest.raises(InvalidInput) as refused:
        plan_from_dict(inputs)
    assert refused.value.errors["limit_overrides.catch_up_age_60_to_63"] == [
        "2018 has no such limit to replace: leave it out."
    ]
    assert planning_table(2018, {"catch_up_age_60_to_63": Decimal(11250)}) is year_table(2018)


def test_an_override_above_the_official_figure_is_a_field_error() -> None:
    # Notice 2025-67: 2026's 415(c) limit is $72,000, the law's ceiling (IRC 415(c)(1)(A));
    # an own limit replaces it only downwards (a plan's own cap).
    inputs = household(tax_year=2026, limit_overrides={"annual_additions": 72001})
    with pytest.raises(InvalidInput) as refused:
        plan_from_dict(inputs)
    assert refused.value.errors["limit_overrides.annual_additions"] == [
        "At most $72,000, the official 2026 figure: your own limit can be lower (a plan's own "
        "cap), not higher."
    ]
    inputs = household(tax_year=2026, limit_overrides={"elective_deferral": 27500})
    with pytest.raises(InvalidInput) as refused:
        plan_from_dict(inputs)
    # IRC 402(g)(7): a 403(b)'s special catch-up is the one lawful figure above; not modelled.
    assert (
        "IRC 402(g)(7), is not modelled"
        in refused.value.errors["limit_overrides.elective_deferral"][0]
    )
    at_the_ceiling = plan_from_dict(
        household(tax_year=2026, limit_overrides={"annual_additions": 72000})
    )
    assert at_the_ceiling["limits"]["annual_additions"] == 72000


def test_the_loaded_figures_digest_names_what_is_loaded(tables_with_2027: None) -> None:
    # Kept HTML (planner/rendered.py) is keyed by it: a load or an unload changes it.
    from planner.engine.tables import install_loaded, loaded_digest

    loaded = loaded_digest()
    install_loaded([])
    assert loaded_digest() != loaded
