"""Who a sentence speaks to: the owner of the plan or their advisor.

The same decision is said in two voices. The owner reads "you" for the person the planner
calls by its default first name; the advisor reads about "the client" and never "you". Every
renderer (verdict, checklist, warnings) takes a Voice and asks it how to name a person,
so no renderer compares a name itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from planner.engine.contract import DEFAULT_NAMES


@dataclass(frozen=True, slots=True)
class Voice:
    # The name of the person the reader is (said "you"); None: the reader is someone else.
    addressed: str | None
    # How names the planner gave by default read in this voice.
    renames: tuple[tuple[str, str], ...] = field(default=())

    OWNER: ClassVar[Voice]
    ADVISOR: ClassVar[Voice]

    def name(self, name: str) -> str:
        """A person's name as a label ("You", "Alex", "the client")."""
        return dict(self.renames).get(name, name)

    def speaks_to(self, name: str) -> bool:
        return name == self.addressed

    def subject(self, name: str) -> str:
        """ "you" or the name, inside a sentence."""
        return "you" if self.speaks_to(name) else self.name(name)

    def possessive(self, name: str) -> str:
        """ "your" or "Alex's", inside a sentence."""
        return "your" if self.speaks_to(name) else f"{self.name(name)}'s"

    def starts(self, text: str) -> str:
        """Text that opens a sentence, capitalised ("the client's plan" -> "The client's plan")."""
        return text[:1].upper() + text[1:]

    def verb(self, name: str, you_form: str, other_form: str) -> str:
        """The verb that agrees with subject(name): "you roll" / "Alex rolls"."""
        return you_form if self.speaks_to(name) else other_form

    def household_possessive(self, first_name: str) -> str:
        """Whose return or withholding: "your" to the owner, "the" to anyone else."""
        return "your" if self.speaks_to(first_name) else "the"


# The planner's default names, as an advisor reads them (shared pages).
ADVISOR_NAMES = {DEFAULT_NAMES[0]: "the client", DEFAULT_NAMES[1]: "the client's spouse"}

Voice.OWNER = Voice(addressed=DEFAULT_NAMES[0])
Voice.ADVISOR = Voice(addressed=None, renames=tuple(ADVISOR_NAMES.items()))
