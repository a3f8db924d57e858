"""python manage.py plan FILE: the planner contract on the command line (FILE or - for stdin)."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from planner.engine import InvalidInput, plan_from_dict

EXIT_BAD_INPUT = 2


def _reject(constant: str) -> None:
    raise ValueError(f"{constant} is not a number")


class Command(BaseCommand):
    help = "Plan a household from a JSON input document and print the result JSON."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the input JSON, or - to read standard input.")
        parser.add_argument("--indent", type=int, default=2, help="JSON indent (default 2).")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            text = sys.stdin.read() if options["file"] == "-" else _read(options["file"])
            data = json.loads(text, parse_float=Decimal, parse_constant=_reject)
        except OSError as error:
            self._fail({"file": [f"Cannot read {options['file']}: {error.strerror}."]})
        except (ValueError, UnicodeDecodeError) as error:
            self._fail({"body": [f"The input is not a JSON document ({error})."]})
        if not isinstance(data, dict):
            self._fail({"body": ["The input must be a JSON object."]})
        try:
            result = plan_from_dict(data)
        except InvalidInput as error:
            self._fail(error.errors)
        self.stdout.write(json.dumps(result, indent=options["indent"] or None))

    def _fail(self, errors: dict[str, list[str]]) -> None:
        for path, messages in errors.items():
            for message in messages:
                self.stderr.write(f"{path}: {message}")
        sys.exit(EXIT_BAD_INPUT)


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
