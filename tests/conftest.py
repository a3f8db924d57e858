"""Suite-wide guard: the tests and the app read nothing that sits beside the repository.

The repository must stand alone (a clone into an empty folder passes `make test`), so a read of
a path in the repository's parent folder but outside the repository (a sibling folder) fails
the run. Paths elsewhere (the interpreter, site-packages, /tmp, /etc) are the machine's, not a
neighbour's, and are allowed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
_REPO = str(REPO_ROOT) + os.sep
_BESIDE = str(REPO_ROOT.parent) + os.sep

outside_reads: list[str] = []


def reads_beside_repository(path: str) -> bool:
    """True for a path in the repository's parent folder that is not inside the repository."""
    resolved = os.path.realpath(path)
    return resolved.startswith(_BESIDE) and not (resolved + os.sep).startswith(_REPO)


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        if reads_beside_repository(path):
            outside_reads.append(path)


sys.addaudithook(_audit)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if outside_reads:
        listed = "\n  ".join(sorted(set(outside_reads)))
        sys.stderr.write(f"\nRead outside the repository (it must stand alone):\n  {listed}\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
