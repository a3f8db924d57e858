"""The guard in tests/conftest.py flags reads beside the repository, and nothing trips it."""

from __future__ import annotations

import contextlib

from tests import conftest


def test_a_path_beside_the_repository_is_flagged() -> None:
    beside = conftest.REPO_ROOT.parent / "a-sibling-folder" / "data.json"
    assert conftest.reads_beside_repository(str(beside))
    assert conftest.reads_beside_repository(str(conftest.REPO_ROOT / ".." / "other"))


def test_paths_inside_the_repository_and_system_paths_are_not() -> None:
    assert not conftest.reads_beside_repository(str(conftest.REPO_ROOT / "tests" / "data"))
    assert not conftest.reads_beside_repository(str(conftest.REPO_ROOT))
    assert not conftest.reads_beside_repository("/etc/hosts")


def test_an_actual_read_beside_the_repository_is_recorded() -> None:
    target = conftest.REPO_ROOT.parent / "no-such-file-beside-the-repository"
    before = len(conftest.outside_reads)
    with contextlib.suppress(OSError):
        target.open().close()
    assert conftest.outside_reads[before:] == [str(target)]
    del conftest.outside_reads[before:]
