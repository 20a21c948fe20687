"""Shared fixtures. Tests may read ../shared when it is there and skip when it is not."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

# The parsed reference store (and anything else the package caches) goes to a folder of this test
# session, not the user's ~/.cache/factcheck; set FACTCHECK_CACHE to choose another (or "off").
# Set at import, so subprocesses the tests start (the CLI, an installed copy) inherit it.
_SESSION_CACHE = None
if "FACTCHECK_CACHE" not in os.environ:
    _SESSION_CACHE = tempfile.mkdtemp(prefix="factcheck-test-cache-")
    os.environ["FACTCHECK_CACHE"] = _SESSION_CACHE


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SESSION_CACHE is not None:
        shutil.rmtree(_SESSION_CACHE, ignore_errors=True)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED
