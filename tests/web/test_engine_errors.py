"""An engine error reaches its wizard field and the problems list through one map
(planner.forms.FIELDS_BY_PATH, built from each step form's contract paths)."""

from __future__ import annotations

import pytest

from planner.drafts import Draft
from planner.engine.vocabulary import FIELD_LABELS
from planner.forms import STEP_BY_SLUG, ContributionsForm, HouseholdForm, describe_problems, locate
from tests.web.conftest import make_draft

SPOUSE_DEFERRAL = "people.1.plan.pretax_deferral"
MESSAGE = "Pre-tax plus Roth deferrals can be at most $24,500."


def _couple() -> Draft:
    draft = make_draft(filing_status="married_filing_jointly")
    draft.set("people.1.name", "Sam")
    draft.set("people.1.age", 40)
    draft.set("people.1.compensation", 100000)
    return draft


@pytest.mark.parametrize(
    ("path", "slug", "field", "person"),
    [
        pytest.param("tax_year", "household", "tax_year", None, id="household-field"),
        pytest.param("people.1.age", "household", "spouse_age", None, id="spouse-on-household"),
        pytest.param(SPOUSE_DEFERRAL, "401k", "pretax_deferral", 1, id="per-person-field"),
        pytest.param("people.0.ira.basis", "iras", "basis", 0, id="ira-field"),
        pytest.param("expected_return", "assumptions", "expected_return", None, id="assumption"),
    ],
)
def test_it_locates_the_field_that_asks_for_a_path(
    path: str, slug: str, field: str, person: int | None
) -> None:
    assert locate(path) == (STEP_BY_SLUG[slug], field, person)


def test_it_puts_a_persons_error_on_that_persons_field_only() -> None:
    draft = _couple()
    data = {"p0-pretax_deferral": "1", "p1-pretax_deferral": "99999", "p0-employer_mode": "dollars"}
    data["p1-employer_mode"] = "dollars"
    you = ContributionsForm(data, draft=draft, person_index=0, prefix="p0")
    spouse = ContributionsForm(data, draft=draft, person_index=1, prefix="p1")
    assert you.is_valid() and spouse.is_valid()
    rest = you.add_engine_errors({SPOUSE_DEFERRAL: [MESSAGE], "tax_year": ["Bad year."]})
    assert you.errors == {}
    rest = spouse.add_engine_errors(rest)
    assert spouse.errors == {"pretax_deferral": [MESSAGE]}
    assert rest == {"tax_year": ["Bad year."]}


def test_the_problems_list_links_the_same_field_with_the_forms_words() -> None:
    (problem,) = describe_problems({SPOUSE_DEFERRAL: [MESSAGE]}, _couple())
    assert problem.label == ContributionsForm.base_fields["pretax_deferral"].label
    assert (problem.who, problem.message, problem.url) == ("Sam", MESSAGE, "/plan/401k/")


def test_a_path_no_field_asks_for_is_named_by_the_vocabulary() -> None:
    path = "people.0.lived_apart_all_year"
    assert locate(path) is None
    (problem,) = describe_problems({path: ["Only on separate returns."]}, make_draft())
    assert problem.label == FIELD_LABELS["people.{i}.lived_apart_all_year"]
    assert problem.url == "/plan/household/"


def test_the_household_form_takes_the_people_error_on_the_spouse_box() -> None:
    form = HouseholdForm({}, draft=make_draft())
    form.is_valid()
    form.add_engine_errors({"people": ["At most two people."]})
    assert "At most two people." in form.errors["has_spouse"]
