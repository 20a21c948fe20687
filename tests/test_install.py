"""A non-editable install, run from another directory, finds its bundled reference data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

DRAFT = """---
published: 2025-04-17
---
Japan posted a trade deficit of 5.2 trillion yen in the fiscal year ending March 2025.
"""


@pytest.mark.slow
def test_installed_package_runs_from_elsewhere(tmp_path: Path) -> None:
    site = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-compile", "--target",
         str(site), str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )
    if build.returncode != 0:
        pytest.fail(f"pip install failed:\n{build.stdout}\n{build.stderr}")
    assert (site / "extractor" / "refdata" / "store" / "figures.csv").is_file()
    assert not (site / "extractor" / "refdata").is_symlink()

    work = tmp_path / "elsewhere"
    work.mkdir()
    (work / "draft.md").write_text(DRAFT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(site), "FACTCHECK_HOME": str(tmp_path / "home")}
    where = subprocess.run([sys.executable, "-c", "import extractor; print(extractor.__file__)"],
                           cwd=work, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.strip().startswith(str(site))
    run = subprocess.run(
        [sys.executable, "-m", "extractor", "check", "draft.md", "--format", "json", "--jobs", "1"],
        cwd=work, env=env, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    doc = json.loads(run.stdout)
    claims = doc["articles"][0]["claims"]
    assert [c["verdict"] for c in claims] == ["consistent"]
    assert claims[0]["official"]["period"] == "FY2024"
