"""python manage.py plan FILE: the same as `roth-plan FILE` (planner/engine/cli.py)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from planner.engine import cli


class Command(BaseCommand):
    help = "Plan a household from a JSON input document and print the result JSON."
    # A calculation needs no database, secret key or other check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the input JSON, or - to read standard input.")
        parser.add_argument("--indent", type=int, default=2, help="JSON indent (default 2).")

    def handle(self, *args: Any, **options: Any) -> None:
        status = cli.run(
            options["file"],
            sys.stdin,
            self.stdout,
            self.stderr,
            options["indent"] or None,
            timezone.localdate(),
        )
        if status:
            sys.exit(status)
