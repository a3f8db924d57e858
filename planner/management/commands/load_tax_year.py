"""python manage.py load_tax_year FILE: a year's official figures, used without a release."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.utils import timezone

from planner.engine.tables import ParameterError, validate_year_file, year_table
from planner.models import TaxYearFigures
from planner.tax_years import load_from_database


class Command(BaseCommand):
    help = (
        "Validate a year's official figures (a parameter file in the format of"
        " planner/engine/parameters/*.json, values for one year) and load them into the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Path to the year file (JSON), or - for standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        name = options["file"]
        try:
            text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
            year, _ = validate_year_file(json.loads(text))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            self.stderr.write(f"{name}: {error}")
            sys.exit(2)
        except ParameterError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            sys.exit(2)
        with transaction.atomic():
            TaxYearFigures.objects.update_or_create(
                year=year,
                defaults={
                    "document": json.loads(text),
                    "file_name": Path(name).name if name != "-" else "",
                    "loaded_at": timezone.now(),
                },
            )
        load_from_database()
        still = sorted(year_table(year).provisional)
        self.stdout.write(f"Loaded the {year} figures from {name}.")
        if still:
            self.stdout.write(f"Still provisional for {year}: {', '.join(still)}.")
        else:
            self.stdout.write(f"Every {year} figure is official.")
