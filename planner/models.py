"""Saved scenarios and their read-only share links.

A scenario keeps the wizard's answers (`Draft.stored()`). Its full results are recomputed by
the engine whenever they are shown, so an engine fix shows up in every saved scenario. Only the
headline totals the list and compare pages show are stored, with the ENGINE_VERSION that
worked them out: they are worked out again when the answers change, and on read when the
engine's version moved on.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from datetime import datetime, timedelta
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from planner.drafts import SCHEMA_VERSION, Draft, ScenarioLink, upgrade
from planner.engine import (
    ENGINE_VERSION,
    EngineError,
    Household,
    InvalidInput,
    PlanResult,
    StrategyTotals,
    Totals,
    compute_plan,
    result_to_dict,
)
from planner.engine.models import IraRoute
from planner.engine.money import format_money as money
from planner.engine.next_year import carried_as_entered, direct_roth_carried, next_year_plan
from planner.engine.progress import year_ended
from planner.engine.tables import figure_text, has_year, year_table
from planner.engine.vocabulary import (
    ELECTION_UNIT_LABELS,
    FIELD_LABELS,
    PAY_FREQUENCY_LABELS,
    STRATEGY_LABELS,
    TOTALS_LABELS,
    VALUE_LABELS,
    default_name,
)
from planner.engine.voice import ADVISOR_NAMES
from planner.forms import Problem, describe_problems
from planner.ratelimit import cache_call

NAME_MAX_LENGTH = 120
EXPORT_FORMAT = "rothsite-scenarios"
EXPORT_VERSION = 1
# A documented cap (README, "Limits"): one account keeps at most this many scenarios.
MAX_SCENARIOS_PER_ACCOUNT = 500
STRATEGIES = tuple(f.name for f in dataclass_fields(Totals))


class ScenarioLimitReached(Exception):
    """Saving one more scenario would pass MAX_SCENARIOS_PER_ACCOUNT."""

    def __init__(self, adding: int = 1) -> None:
        self.adding = adding
        super().__init__(
            f"Your account already keeps the most scenarios it can "
            f"({MAX_SCENARIOS_PER_ACCOUNT:,}), so nothing new was saved. Delete scenarios you "
            "no longer need (download them first if you like), then try again."
        )


STRATEGY_FIELDS = tuple(f.name for f in dataclass_fields(StrategyTotals))
# The answer's own figures (decision.roth_added, taxable_amount, tax_due), stored beside the
# strategies' so the list and the comparison show what the plan recommends, as its page does.
ANSWER = "answer"
ANSWER_FIELDS = ("roth_added", "taxable_amount", "tax_due")
# Whether the tax year had ended on the day the headline was stored: after December 31 the
# figures are what was done (planner.engine.progress.as_done), so the headline is made again.
YEAR_ENDED = "year_ended"


def copy_name(name: str) -> str:
    """A copy's name, told apart from the scenario it was made from."""
    return f"Copy of {name}"[:NAME_MAX_LENGTH]


class Scenario(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scenarios"
    )
    # Owner URLs use the code; integer ids never appear in a URL.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    # Copied from form["inputs"]["tax_year"] on every save, for the list page.
    tax_year = models.PositiveSmallIntegerField(null=True, blank=True)
    form = models.JSONField(help_text="drafts.stored_form(): the answers, with a schema version")
    # Bumped on every change; saving an edit checks it (optimistic concurrency).
    version = models.PositiveIntegerField(default=1)
    created = models.DateTimeField(default=timezone.now)
    updated = models.DateTimeField(default=timezone.now)
    # The scenario this one was planned from by "Plan next year": a household's years chain.
    previous = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="next_years"
    )
    # The totals the list and compare pages show, as {strategy: {figure: "decimal"}}; null
    # when the answers give no result. Worked out by headline_engine_version (null: never).
    headline_totals = models.JSONField(null=True, blank=True, editable=False)
    headline_engine_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # When the answers were saved on provisional figures (a year not yet published): those
    # figures in words and the totals they gave, {"tax_year", "figures": {name: {"label",
    # "value"}}, "totals"}, to show what changed once the official figures are loaded.
    provisional_basis = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-updated", "-id"]
        indexes = [models.Index(fields=["owner", "-updated"], name="scenario_owner_updated")]

    def __str__(self) -> str:
        return self.name

    # Creating ----------------------------------------------------------------------------

    @classmethod
    def create_from_draft(cls, owner: Any, draft: Draft, name: str = "") -> Scenario:
        form = draft.stored()
        year = draft.tax_year
        name = (name.strip() or cls.default_name(owner, year))[:NAME_MAX_LENGTH]
        return cls.objects.create(owner=owner, name=name, form=form, tax_year=year)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding:
            with transaction.atomic():
                Scenario.check_room(self.owner_id)
                self._save(*args, **kwargs)
        else:
            self._save(*args, **kwargs)

    @staticmethod
    def check_room(owner_id: Any, adding: int = 1) -> None:
        """Raise ScenarioLimitReached unless the owner has room for `adding` more.

        Called inside a transaction: the owner's row is locked (PostgreSQL), and SQLite's
        IMMEDIATE transactions take the write lock, so concurrent saves cannot both pass.
        """
        user_model = Scenario.owner.field.related_model
        list(user_model._default_manager.select_for_update().filter(pk=owner_id).values("pk"))
        count = Scenario.objects.filter(owner_id=owner_id).count()
        if count + adding > MAX_SCENARIOS_PER_ACCOUNT:
            raise ScenarioLimitReached(adding)

    def _save(self, *args: Any, **kwargs: Any) -> None:
        # Every save may carry new answers; the engine takes a fraction of a millisecond.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "form" in update_fields:
            self.__dict__.pop("_outcome", None)
            self._store_headline()
            self.provisional_basis = self._provisional_basis()
        if update_fields is not None and "form" in update_fields:
            kwargs["update_fields"] = {*update_fields, *HEADLINE_FIELDS, "provisional_basis"}
        super().save(*args, **kwargs)

    @classmethod
    def default_name(cls, owner: Any, tax_year: int | None) -> str:
        base = f"My {tax_year} plan" if tax_year else "My plan"
        taken = set(cls.objects.filter(owner=owner, name__startswith=base).values_list("name"))
        taken = {name for (name,) in taken}
        if base not in taken:
            return base
        n = 2
        while f"{base} ({n})" in taken:
            n += 1
        return f"{base} ({n})"

    @classmethod
    def keep_draft(cls, owner: Any, draft: Draft | None) -> Scenario | None:
        """Save `draft` for `owner` when it holds answers not saved anywhere yet.

        Called on log-in and sign-up (a visitor's plan joins the new account) and before a
        saved scenario replaces the draft. Returns the new scenario, and links the draft
        to it (the caller saves the draft where it keeps it).
        """
        if draft is None or draft.is_blank():
            return None
        name = ""
        if draft.scenario is not None:
            saved = cls.linked(owner, draft.scenario)
            if saved is not None and saved.form == draft.stored():
                return None
            if saved is not None:
                name = f"{saved.name} (unsaved changes)"
        try:
            scenario = cls.create_from_draft(owner, draft, name)
        except ScenarioLimitReached:
            return None  # the draft stays where it is kept: nothing is lost
        draft.attach(scenario.link())
        return scenario

    @classmethod
    def listed(cls, owner: Any) -> models.QuerySet[Scenario]:
        """The owner's scenarios without the columns the list does not show. The answers are
        read only for a household's years or a stale headline: then for all the page at once."""
        return (
            cls.objects.filter(owner=owner).defer("form", "created").fetch_mode(models.FETCH_PEERS)
        )

    @classmethod
    def linked(cls, owner: Any, link: ScenarioLink) -> Scenario | None:
        """The owner's scenario a draft is linked to; None once it is deleted."""
        return cls.objects.filter(owner=owner, code=_uuid_or_none(link.code)).first()

    def duplicate(self, *, expected_version: int | None = None) -> Scenario | None:
        """A copy of this scenario as of `expected_version`; None when it has changed since."""
        with transaction.atomic():
            current = Scenario.objects.select_for_update().filter(pk=self.pk).first()
            if current is None or (
                expected_version is not None and current.version != expected_version
            ):
                return None
            return Scenario.objects.create(
                owner=current.owner,
                name=copy_name(current.name),
                form=current.form,
                tax_year=current.tax_year,
            )

    @cached_property
    def carried_notes(self) -> tuple[str, ...]:
        """Planned from last year's scenario, whose answer changed a backdoor entered: what
        "Plan next year" said then, still true here (its balance and basis are as entered)."""
        previous = self.previous
        result = None if previous is None else previous.result()
        if result is None or result.decision is None or not isinstance(self.tax_year, int):
            return ()
        notes = []
        for person, entered in zip(result.decision.people, result.people, strict=True):
            answer = person.ira
            if answer.skipped is not None:
                notes.append(carried_as_entered(person.name, answer.route, self.tax_year))
            elif (
                answer.route is IraRoute.DIRECT_ROTH
                and answer.basis_carried_forward != entered.backdoor_roth.basis_carried_forward
            ):
                notes.append(
                    direct_roth_carried(person.name, answer.basis_carried_forward, self.tax_year)
                )
        return tuple(notes)

    @property
    def next_year_plannable(self) -> bool:
        """Whether the planner has the year after this one (published or provisional)."""
        return isinstance(self.tax_year, int) and has_year(self.tax_year + 1)

    def plan_next_year(self) -> tuple[Scenario, tuple[str, ...]]:
        """A new scenario for the following tax year, with what carries over, and notes.

        Raises InvalidInput (UnknownTaxYear names the years available) when it can't be made.
        """
        result = self.result()
        if result is None:
            raise InvalidInput(self.errors())
        # next_year_plan reads the contract's output document, as stored plans would.
        plan = next_year_plan(self.inputs, result_to_dict(result))
        year = plan.inputs["tax_year"]
        name = self.name.replace(str(self.tax_year), str(year)) if self.tax_year else ""
        if not name or name == self.name:
            name = f"{self.name} ({year})"
        scenario = Scenario.objects.create(
            owner=self.owner,
            name=name[:NAME_MAX_LENGTH],
            form={**self.form, "inputs": plan.inputs},
            tax_year=year,
            previous=self,
        )
        return scenario, plan.notes

    # Changing ----------------------------------------------------------------------------

    def save_draft(self, draft: Draft, *, name: str, expected_version: int) -> bool:
        """Store `draft` if nobody changed the scenario since `expected_version`.

        Returns False (and changes nothing) on a version mismatch.
        """
        form = draft.stored()
        now = timezone.now()
        name = name.strip()[:NAME_MAX_LENGTH] or self.name
        unsaved = Scenario(form=form)
        changed = Scenario.objects.filter(pk=self.pk, version=expected_version).update(
            form=form,
            name=name,
            tax_year=draft.tax_year,
            version=F("version") + 1,
            updated=now,
            provisional_basis=unsaved._provisional_basis(),
            **unsaved._headline_values(),
        )
        if changed:
            self.refresh_from_db()
            self.__dict__.pop("_outcome", None)
        return bool(changed)

    def rename(self, name: str, *, expected_version: int) -> bool:
        """Rename if nobody changed the scenario since `expected_version` (as save_draft)."""
        name = name.strip()[:NAME_MAX_LENGTH]
        changed = Scenario.objects.filter(pk=self.pk, version=expected_version).update(
            name=name, version=F("version") + 1, updated=timezone.now()
        )
        if changed:
            self.refresh_from_db()
        return bool(changed)

    # Reading -----------------------------------------------------------------------------

    @property
    def inputs(self) -> dict[str, Any]:
        """The contract input document, as the engine reads it (drafts.Draft.contract_inputs)."""
        return self.draft().contract_inputs()

    def input_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return describe_inputs(self.inputs)

    def link(self) -> ScenarioLink:
        """The session draft's link to this scenario; the version guards against overwrites."""
        return ScenarioLink(code=str(self.code), version=self.version, name=self.name)

    def delete_at_version(self, version: int) -> bool:
        """Delete this scenario if it is still at `version` (a save made elsewhere since is not
        deleted unseen); its share links' tokens answer 410 Gone afterwards, not 404."""
        with transaction.atomic():
            ShareLink.retire_all(self.share_links.all())
            deleted, _ = Scenario.objects.filter(pk=self.pk, version=version).delete()
            if not deleted:
                transaction.set_rollback(True)
        return bool(deleted)

    def draft(self) -> Draft:
        """The stored answers as a wizard draft, not yet linked to this scenario."""
        return Draft.from_json(self.form) or Draft(inputs={})

    @cached_property
    def _outcome(self) -> tuple[Household | None, PlanResult | None, dict[str, list[str]]]:
        form = upgrade(self.form) if isinstance(self.form, dict) else {}
        schema = form.get("schema")
        if schema != SCHEMA_VERSION:
            errors = {"schema": [f"Saved in a format this planner does not read ({schema})."]}
            return None, None, errors
        try:
            household = self.draft().household()
            return household, compute_plan(household, timezone.localdate()), {}
        except InvalidInput as exc:
            return None, None, exc.errors
        except EngineError as exc:  # any other refusal by the engine: shown, never a 500
            return None, None, {"inputs": [str(exc)]}

    @cached_property
    def for_advisor(self) -> Scenario:
        """This scenario as a shared page shows it, unsaved: people who kept a default name are
        ADVISOR_NAMES, so every sentence the engine writes speaks of the client, not "you"."""
        draft = self.draft()
        for index, name in enumerate(draft.person_names()):
            if name in ADVISOR_NAMES:
                draft.set(f"people.{index}.name", ADVISOR_NAMES[name])
        return Scenario(
            code=self.code,
            name=self.name,
            tax_year=self.tax_year,
            form=draft.stored(),
            created=self.created,
            updated=self.updated,
        )

    def household(self) -> Household | None:
        """The stored inputs as the engine's input, or None when they no longer validate."""
        return self._outcome[0]

    def result(self) -> PlanResult | None:
        """The engine's result for the stored inputs, or None when they no longer validate."""
        return self._outcome[1]

    def errors(self) -> dict[str, list[str]]:
        """Why result() is None: {"field.path": ["message", ...]}."""
        return self._outcome[2]

    def outcome(self) -> dict[str, Any]:
        """What a page shows of the stored inputs: household, result and problems."""
        return {"household": self.household(), "result": self.result(), "problems": self.problems()}

    def problems(self) -> list[Problem]:
        """errors() in words, each naming the wizard step that asks for the field."""
        return describe_problems(self.errors(), self.draft())

    def headline(self) -> Headline | None:
        """The answer's figures and the three strategies' totals, or None when there is no
        result; stored figures when the current engine worked them out (see
        with_fresh_headlines)."""
        if not self._has_current_headline():
            self._store_headline()
        stored = self.headline_totals
        if not isinstance(stored, dict):
            return None
        return Headline(
            answer=_answer(stored[ANSWER]),
            totals=Totals(**{key: _strategy_totals(stored[key]) for key in STRATEGIES}),
        )

    def list_row(self) -> ListRow:
        """This scenario as a row of the list, its headline as stored: call it on the
        scenarios with_fresh_headlines gives, whose headlines it has just made current."""
        stored = self.headline_totals
        code = str(self.code)
        return ListRow(
            code=code,
            url=reverse("planner:scenario_detail", args=[code]),
            name=self.name,
            tax_year=self.tax_year,
            answer=_answer(stored[ANSWER]) if isinstance(stored, dict) else None,
            updated=self.updated,
        )

    def _has_current_headline(self) -> bool:
        """Stored by this ENGINE_VERSION, in the shape of today's totals, on today's figures."""
        if self.headline_engine_version != ENGINE_VERSION or any(
            change.changed for change in self.figure_changes()
        ):
            return False
        stored = self.headline_totals
        return stored is None or (
            isinstance(stored, dict)
            and set(stored) == {*STRATEGIES, ANSWER, YEAR_ENDED}
            and stored[YEAR_ENDED] is self._year_ended(self.tax_year)
            and all(
                isinstance(stored[key], dict) and set(stored[key]) == set(STRATEGY_FIELDS)
                for key in STRATEGIES
            )
            and isinstance(stored[ANSWER], dict)
            and set(stored[ANSWER]) == set(ANSWER_FIELDS)
        )

    def _headline_values(self) -> dict[str, Any]:
        result = self.result()
        totals: dict[str, Any] | None = None
        if result is not None:
            totals = {
                key: {name: str(getattr(strategy, name)) for name in STRATEGY_FIELDS}
                for key in STRATEGIES
                for strategy in [getattr(result.totals, key)]
            }
            assert result.decision is not None
            totals[ANSWER] = {name: str(getattr(result.decision, name)) for name in ANSWER_FIELDS}
            totals[YEAR_ENDED] = self._year_ended(result.tax_year)
        return {"headline_totals": totals, "headline_engine_version": ENGINE_VERSION}

    @staticmethod
    def _year_ended(tax_year: int | None) -> bool:
        return tax_year is not None and year_ended(tax_year, timezone.localdate())

    def _provisional_basis(self) -> dict[str, Any] | None:
        result = self.result()
        if result is None or not result.limits.provisional:
            return None
        table = year_table(result.tax_year)
        return {
            "tax_year": result.tax_year,
            "figures": {
                figure.figure: {"label": figure.label, "value": figure_text(table, figure.figure)}
                for figure in result.limits.provisional
            },
            "totals": self._headline_values()["headline_totals"],
        }

    def figure_changes(self) -> list[FigureChange]:
        """The provisional figures the answers were saved on that are now official or
        different, old → new (empty while every one is still provisional and the same)."""
        basis = self.provisional_basis
        if not isinstance(basis, dict) or not has_year(basis.get("tax_year", 0)):
            return []
        table = year_table(basis["tax_year"])
        changes = []
        for name, figure in (basis.get("figures") or {}).items():
            new = figure_text(table, name) if hasattr(table, name) else figure["value"]
            if new != figure["value"] or name not in table.provisional:
                changes.append(
                    FigureChange(figure["label"], figure["value"], new, name in table.provisional)
                )
        return changes

    def total_changes(self) -> list[FigureChange]:
        """The headline totals on the provisional figures against today's, where they differ."""
        basis = self.provisional_basis
        result = self.result()
        if not isinstance(basis, dict) or result is None or not self.figure_changes():
            return []
        old_totals = basis.get("totals") or {}
        changes = []
        # A basis stored before the answer was kept has the strategies' totals only.
        for key, label in {ANSWER: "The answer", **STRATEGY_LABELS}.items():
            if key not in old_totals:
                continue
            for name in ("roth_added", "tax_due"):
                old = Decimal(old_totals[key].get(name, "0"))
                block = result.decision if key == ANSWER else getattr(result.totals, key)
                new = getattr(block, name)
                if old != new:
                    changes.append(
                        FigureChange(f"{label}: {TOTALS_LABELS[name]}", money(old), money(new))
                    )
        return changes

    def _store_headline(self) -> None:
        for name, value in self._headline_values().items():
            setattr(self, name, value)

    @classmethod
    def with_fresh_headlines(cls, scenarios: Iterable[Scenario]) -> list[Scenario]:
        """`scenarios`, their stored headlines worked out again where the engine's version
        moved on since (or they were never worked out), and written back. Each write checks
        the version read, so a save made meanwhile keeps its own headline."""
        scenarios = list(scenarios)
        for scenario in scenarios:
            if not scenario._has_current_headline():
                scenario._store_headline()
                cls.objects.filter(pk=scenario.pk, version=scenario.version).update(
                    **{name: getattr(scenario, name) for name in HEADLINE_FIELDS}
                )
        return scenarios

    def active_share_links(self) -> models.QuerySet[ShareLink]:
        return self.share_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    # Export and import -------------------------------------------------------------------

    def to_export(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "tax_year": self.tax_year,
            "created": self.created.isoformat(),
            "updated": self.updated.isoformat(),
            "form": self.form,
        }

    @classmethod
    def export_for(cls, owner: Any) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "exported_at": timezone.now().isoformat(),
            "scenarios": [s.to_export() for s in cls.objects.filter(owner=owner)],
        }

    @classmethod
    def import_for(cls, owner: Any, scenarios: list[dict[str, Any]]) -> list[Scenario]:
        """Create every scenario of an already validated export, or none of them."""
        with transaction.atomic():
            cls.check_room(owner.pk, len(scenarios))
            return [
                cls.objects.create(
                    owner=owner,
                    name=item["name"],
                    form=upgrade(item["form"]),
                    tax_year=_tax_year(item["form"]),
                )
                for item in scenarios
            ]


HEADLINE_FIELDS = ["headline_totals", "headline_engine_version"]


def _strategy_totals(figures: dict[str, str]) -> StrategyTotals:
    return StrategyTotals(**{name: Decimal(figures[name]) for name in STRATEGY_FIELDS})


@dataclass(frozen=True)
class AnswerFigures:
    """What the plan's answer adds to Roth and costs now (the result's decision)."""

    roth_added: Decimal
    taxable_amount: Decimal
    tax_due: Decimal


def _answer(figures: dict[str, str]) -> AnswerFigures:
    return AnswerFigures(**{name: Decimal(figures[name]) for name in ANSWER_FIELDS})


@dataclass(frozen=True)
class Headline:
    answer: AnswerFigures
    # Each strategy as entered.
    totals: Totals

    def block(self, key: str) -> AnswerFigures | StrategyTotals:
        """The answer's figures, or one strategy's totals ("both", ...)."""
        return self.answer if key == ANSWER else getattr(self.totals, key)


@dataclass(frozen=True)
class ListRow:
    """What a row of the scenario list shows, each worked out once however often it shows."""

    code: str
    url: str
    name: str
    tax_year: int | None
    # The answer's figures; None while the answers give no result.
    answer: AnswerFigures | None
    updated: datetime


@dataclass(frozen=True)
class FigureChange:
    label: str
    old: str
    new: str
    still_provisional: bool = False

    @property
    def changed(self) -> bool:
        return self.old != self.new


class TaxYearFigures(models.Model):
    """A year's official figures, loaded by `manage.py load_tax_year` without a release.

    `document` is a parameter file (the format of planner/engine/parameters/*.json) giving
    values for `year` only; the engine uses it on top of the repository's files.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    document = models.JSONField()
    file_name = models.CharField(max_length=255, blank=True)
    loaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["year"]
        verbose_name_plural = "tax year figures"

    def __str__(self) -> str:
        return f"{self.year} figures ({self.file_name or 'loaded'})"


def _tax_year(form: dict[str, Any]) -> int | None:
    year = form.get("inputs", {}).get("tax_year")
    return year if isinstance(year, int) and not isinstance(year, bool) else None


def _uuid_or_none(value: Any) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def default_expiry() -> Any:
    return timezone.now() + timedelta(days=ShareLink.DEFAULT_DAYS)


class ShareLink(models.Model):
    DEFAULT_DAYS = 30
    # Links to someone's finances should not live forever: the longest choice is a year.
    EXPIRY_CHOICES = [(7, "7 days"), (30, "30 days"), (90, "90 days"), (365, "1 year")]

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="share_links")
    # For the owner's revoke URL; the public URL uses the token.
    code = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # secrets.token_urlsafe(32): 256 random bits. Kept so the owner can copy the link again;
    # lookups go through the digest and the token is then compared in constant time.
    token = models.CharField(max_length=64, editable=False)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField(max_length=120, blank=True)
    created = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_expiry)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_viewed_at = models.DateTimeField(null=True, blank=True)
    view_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return self.label or f"Link to {self.scenario}"

    @classmethod
    def create_for(
        cls, scenario: Scenario, *, label: str = "", days: int = DEFAULT_DAYS
    ) -> ShareLink:
        token = secrets.token_urlsafe(32)
        return cls.objects.create(
            scenario=scenario,
            token=token,
            token_digest=_digest(token),
            label=label.strip(),
            expires_at=timezone.now() + timedelta(days=days),
        )

    @classmethod
    def retire_all(cls, links: models.QuerySet[ShareLink]) -> int:
        """Keep the digests of links about to be deleted, so their tokens answer 410 Gone."""
        digests = [
            RetiredShareLink(token_digest=d) for d in links.values_list("token_digest", flat=True)
        ]
        RetiredShareLink.objects.bulk_create(digests, ignore_conflicts=True)
        return len(digests)

    @classmethod
    def was_retired(cls, token: str) -> bool:
        """Whether `token` belonged to a link deleted with its scenario or account."""
        return (
            bool(token)
            and len(token) <= 64
            and (RetiredShareLink.objects.filter(token_digest=_digest(token)).exists())
        )

    @classmethod
    def find(cls, token: str) -> ShareLink | None:
        """The link for `token`, active or not; None when no link has that token."""
        if not token or len(token) > 64:
            return None
        try:
            # get(), not first(): the digest is unique, and first() would sort by -created.
            link = cls.objects.select_related("scenario").get(token_digest=_digest(token))
        except cls.DoesNotExist:
            return None
        if not hmac.compare_digest(link.token.encode(), token.encode()):
            return None
        return link

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return not self.is_revoked and not self.is_expired

    @property
    def status(self) -> str:
        if self.is_revoked:
            return "Revoked"
        return "Expired" if self.is_expired else "Active"

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    # Views are counted in the cache and written to the database at most once a minute per
    # link (by the first view after the minute is over), so a shared page is read without a
    # write. The stored count lags by the views since the last write (views_pending); with
    # the per-process cache (no REDIS_URL) each worker holds its own pending views.
    VIEW_FLUSH_SECONDS = 60

    def _views_key(self) -> str:
        return f"share-views:{self.code}"

    def record_view(self) -> None:
        key = self._views_key()

        def count() -> int:
            if not cache.add(key, 1, timeout=None):
                try:
                    cache.incr(key)
                except ValueError:  # evicted between add and incr
                    cache.add(key, 1, timeout=None)
            if not cache.add(f"{key}:written", 1, self.VIEW_FLUSH_SECONDS):
                return 0
            pending = cache.get(key) or 0
            cache.decr(key, pending)
            return int(pending)

        # No cache to batch in: written at once, as one view.
        pending = cache_call(-1, count)
        pending = 1 if pending == -1 else pending
        if pending:
            ShareLink.objects.filter(pk=self.pk).update(
                view_count=F("view_count") + pending, last_viewed_at=timezone.now()
            )
            self.view_count += pending

    @property
    def views_pending(self) -> int:
        """Views counted in the cache and not written to the database yet."""
        return cache_call(0, lambda: int(cache.get(self._views_key()) or 0))

    @property
    def views(self) -> int:
        """About how many times the link was read: stored plus pending views."""
        return self.view_count + self.views_pending


class RetiredShareLink(models.Model):
    """The token digest of a share link deleted with its scenario or account: it answers 410,
    not 404.

    Only the SHA-256 digest of the token is kept (as ShareLink keeps it), never the token.
    """

    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    retired_at = models.DateTimeField(default=timezone.now, editable=False)


def delete_account(user: Any) -> int:
    """Delete `user` with every scenario and share link; the links' tokens answer 410
    afterwards. Returns how many scenarios went."""
    with transaction.atomic():
        ShareLink.retire_all(ShareLink.objects.filter(scenario__owner=user))
        count = Scenario.objects.filter(owner=user).count()
        user.delete()  # scenarios and share links cascade
    return count


def account_export(user: Any) -> dict[str, Any]:
    """Everything the planner holds about `user`, as one JSON document.

    Share links are listed without their tokens: a token is a password to the plan, and
    this file may be kept or sent anywhere.
    """
    scenarios = Scenario.objects.filter(owner=user).prefetch_related("share_links")
    return {
        "format": "rothsite-account",
        "version": 1,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        # The same shape as "Download all (JSON)", so the scenarios import back.
        "scenarios": {
            **Scenario.export_for(user),
            "scenarios": [
                {
                    **scenario.to_export(),
                    "share_links": [
                        {
                            "label": link.label,
                            "status": link.status,
                            "created": link.created.isoformat(),
                            "expires_at": link.expires_at.isoformat(),
                            "revoked_at": link.revoked_at.isoformat() if link.revoked_at else None,
                            "views": link.view_count,
                        }
                        for link in scenario.share_links.all()
                    ],
                }
                for scenario in scenarios
            ],
        },
    }


# The inputs, in words, for the scenario and share pages ----------------------------------

MONEY, RATE, YES_NO, TEXT = "money", "rate", "yes_no", "text"
DATED = "dated"  # a list of {"date", "amount"}: what is already done
# Choices whose values other enums share ("monthly"), shown with their own labels.
CHOICES: dict[str, Mapping[Any, str]] = {
    "pay_frequency": PAY_FREQUENCY_LABELS,
    "election_unit": ELECTION_UNIT_LABELS,
}
# field: (kind, what null means); the labels are the vocabulary's FIELD_LABELS.
HOUSEHOLD_FIELDS = {
    "tax_year": (TEXT, ""),
    "filing_status": (TEXT, ""),
    "other_income": (MONEY, ""),
    "itemized_deductions": (MONEY, "Standard deduction"),
    "federal_marginal_rate": (RATE, "From the tax brackets"),
    "state_tax_rate": (RATE, ""),
    "expected_return": (RATE, ""),
    "years_to_retirement": (TEXT, ""),
    "form_8606_ratio_places": (TEXT, ""),
    "taxable_account_tax_rate": (RATE, "The planner's default"),
}
PERSON_FIELDS = {
    "name": (TEXT, ""),
    "age": (TEXT, ""),
    "compensation": (MONEY, ""),
    "prior_year_fica_wages": (MONEY, "Not given"),
    "lived_apart_all_year": (YES_NO, ""),
    "second_plan_compensation": (MONEY, ""),
}
PLAN_FIELDS = {
    "pretax_deferral": (MONEY, ""),
    "roth_deferral": (MONEY, ""),
    "employer_contribution": (MONEY, ""),
    "forfeitures": (MONEY, ""),
    "allows_after_tax": (YES_NO, "Not sure"),
    "after_tax_cap": (MONEY, "No dollar cap"),
    "after_tax_cap_percent": (RATE, "No cap"),
    "after_tax_contribution": (MONEY, "As much as allowed"),
    "allows_in_service_distribution": (YES_NO, "Not sure"),
    "allows_in_plan_roth_conversion": (YES_NO, "Not sure"),
    "after_tax_route": (TEXT, "The best route the plan allows"),
    "conversion_frequency": (TEXT, ""),
    "after_tax_earnings": (MONEY, "Estimated"),
    "accepts_ira_rollins": (YES_NO, "Not sure"),
}
PAYCHECK_FIELDS = {
    "frequency": ("pay_frequency", ""),
    "pay_per_period": (MONEY, ""),
    "first_pay_date": (TEXT, "The first Friday (or January's paydays)"),
    "elections_start": (TEXT, "The first paycheck"),
    "pretax_so_far": (MONEY, ""),
    "roth_so_far": (MONEY, ""),
    "after_tax_so_far": (MONEY, ""),
    "match_so_far": (MONEY, ""),
    "match_rate": (RATE, ""),
    "match_up_to": (RATE, ""),
    "match_true_up": (YES_NO, ""),
    "election_unit": ("election_unit", ""),
    "pretax_cap_percent": (RATE, "No cap"),
    "roth_cap_percent": (RATE, "No cap"),
    "after_tax_cap_percent": (RATE, "No cap"),
}
IRA_FIELDS = {
    "year_end_balance": (MONEY, ""),
    "basis": (MONEY, ""),
    "roll_into_plan": (YES_NO, ""),
    "nondeductible_contribution": (MONEY, "The most allowed"),
    "contribution_made_next_year": (YES_NO, ""),
    "conversion": (MONEY, "Contribution plus earnings"),
    "earnings_before_conversion": (MONEY, ""),
    "prior_year_end_balance": (MONEY, "This year's balance stands in"),
    "contributions_made": (DATED, "None entered"),
    "conversions_made": (DATED, "None entered"),
    "traditional_balance_today": (MONEY, "Not given"),
    "sep_balance_today": (MONEY, "Not given"),
    "simple_balance_today": (MONEY, "Not given"),
}


def _show(value: Any, kind: str, null: str) -> str:
    if kind == DATED and isinstance(value, list):
        shown = [
            f"{_show(entry.get('amount'), MONEY, '')} on {entry.get('date')}"
            for entry in value
            if isinstance(entry, dict)
        ]
        return "; ".join(shown) or null
    if value is None:
        return null or "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if kind in (MONEY, RATE) and isinstance(value, int | float | str):
        try:
            amount = Decimal(str(value))
        except ArithmeticError:
            return str(value)
        if kind == RATE:
            return f"{(amount * 100).normalize():f}%"
        return f"${amount:,.0f}" if amount == amount.to_integral_value() else f"${amount:,.2f}"
    if isinstance(value, str):
        return CHOICES.get(kind, VALUE_LABELS).get(value, value)
    return str(value)


def _rows(data: Any, fields: dict[str, tuple[str, str]], path: str) -> list[tuple[str, str]]:
    if not isinstance(data, dict):
        return []
    rows = [
        (FIELD_LABELS[path + key], _show(data[key], kind, null))
        for key, (kind, null) in fields.items()
        if key in data
    ]
    # Fields added to the contract later still show, under their own name.
    rows += [
        (key.replace("_", " ").capitalize(), _show(value, TEXT, ""))
        for key, value in data.items()
        if key not in fields and not isinstance(value, dict | list)
    ]
    return rows


def _bonus(bonus: Any) -> str:
    if not isinstance(bonus, dict):
        return str(bonus)
    return f"{_show(bonus.get('amount'), MONEY, '')} on {bonus.get('paid_on')}"


def describe_inputs(inputs: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The contract input document as titled sections of (label, value) rows.

    Only what was entered is listed; anything left out takes the contract's default.
    """
    sections = [("Household", _rows(inputs, HOUSEHOLD_FIELDS, ""))]
    people = inputs.get("people")
    for index, person in enumerate(people if isinstance(people, list) else []):
        if not isinstance(person, dict):
            continue
        title = str(person.get("name") or default_name(index))
        sections.append((title, _rows(person, PERSON_FIELDS, "people.{i}.")))
        plan, ira = person.get("plan"), person.get("ira")
        sections.append((f"{title}: 401(k) plan", _rows(plan, PLAN_FIELDS, "people.{i}.plan.")))
        paychecks = plan.get("paychecks") if isinstance(plan, dict) else None
        rows = _rows(paychecks, PAYCHECK_FIELDS, "people.{i}.plan.paychecks.")
        bonuses = paychecks.get("bonuses") if isinstance(paychecks, dict) else None
        rows += [
            (FIELD_LABELS["people.{i}.plan.paychecks.bonuses"], _bonus(bonus))
            for bonus in (bonuses if isinstance(bonuses, list) else [])
        ]
        sections.append((f"{title}: paychecks", rows))
        sections.append((f"{title}: IRAs", _rows(ira, IRA_FIELDS, "people.{i}.ira.")))
        second = person.get("second_plan")
        sections.append(
            (
                f"{title}: second employer's plan",
                _rows(second, PLAN_FIELDS, "people.{i}.second_plan."),
            )
        )
    return [(title, rows) for title, rows in sections if rows]
