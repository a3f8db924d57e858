"""roth-plan FILE|-: the planner contract on the command line, without Django.

Reads contract input JSON from FILE (or standard input for -), prints the result JSON.
`progress` counts days from --today (default: this computer's local date).
Bad input: one `field.path: message` line per problem on standard error, exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TextIO

from planner.engine import InvalidInput, numbers, plan_from_dict

EXIT_BAD_INPUT = 2


def read_document(text: str) -> dict[str, object]:
    """Parse contract JSON; money stays Decimal. Raises InvalidInput with a `body` error."""
    try:
        data = numbers.loads(text)
    except RecursionError:
        raise InvalidInput({"body": ["The input is nested too deeply to be a plan."]}) from None
    except ValueError as error:
        raise InvalidInput({"body": [f"The input is not a JSON document ({error})."]}) from None
    if not isinstance(data, dict):
        raise InvalidInput({"body": ["The input must be a JSON object."]})
    return data


def run(
    source: str,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
    indent: int | None,
    today: date | None = None,
) -> int:
    try:
        if source == "-":
            text = stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as error:
        stderr.write(f"file: Cannot read {source}: {error.strerror}.\n")
        return EXIT_BAD_INPUT
    except UnicodeDecodeError:
        stderr.write("body: The input is not UTF-8 text.\n")
        return EXIT_BAD_INPUT
    try:
        result = plan_from_dict(read_document(text), today or date.today())
    except InvalidInput as error:
        for path, messages in error.errors.items():
            for message in messages:
                stderr.write(f"{path}: {message}\n")
        return EXIT_BAD_INPUT
    stdout.write(json.dumps(result, indent=indent) + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="roth-plan", description=__doc__.split("\n")[0])
    parser.add_argument("file", help="path to the input JSON, or - for standard input")
    parser.add_argument(
        "--indent", type=int, default=2, help="JSON indent (default 2; 0 for one line)"
    )
    parser.add_argument(
        "--today",
        type=date.fromisoformat,
        default=None,
        help="the date progress counts days from, YYYY-MM-DD (default: the local date)",
    )
    args = parser.parse_args(argv)
    return run(args.file, sys.stdin, sys.stdout, sys.stderr, args.indent or None, args.today)


if __name__ == "__main__":
    sys.exit(main())
