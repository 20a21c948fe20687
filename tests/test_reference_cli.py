"""Wiring of ``factcheck reference``: the subcommands call the library and print what it says."""

from __future__ import annotations

import argparse
import json

import pytest

from extractor.commands import reference as command
from extractor.errors import ReferenceDataError, UsageError
from extractor.reference import clear_cache
from extractor.reference.store import bundled_dir


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # the real CLI raises UsageError too
        raise UsageError(message)


def run(argv: list[str]) -> int:
    parser = _Parser(prog="factcheck reference")
    command.add_arguments(parser)
    return command.run(parser.parse_args(argv))


@pytest.fixture(autouse=True)
def _private_home(tmp_path, monkeypatch):
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "home"))
    clear_cache()
    yield
    clear_cache()


def test_show_answers_the_issue_example(capsys):
    argv = [
        "show",
        "--flow",
        "balance",
        "--partner",
        "U.S.",
        "--period",
        "FY2024",
        "--as-of",
        "2025-04-20",
    ]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "balance United States FY2024 (as known on 2025-04-20):" in out
    assert (
        "2025-04-17  9,005.3 bn yen yoy -1.3%  [provisional, wire]  secondary/mof_annual.csv:332"
        in out
    )


def test_show_json(capsys):
    assert (
        run(["show", "--flow", "exports", "--period", "2025-03", "--as-of", "2025-04-20", "--json"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["figure"]["value"] == 9847814e6 and data["figure"]["release_date"] == "2025-04-17"
    official = [
        (v["release_date"], v["status"]) for v in data["vintages"] if v["source_kind"] == "official"
    ]
    assert official[:2] == [("2025-04-17", "provisional"), ("2025-04-25", "second_release")]
    assert data["partner"] == "World" and data["as_of"] == "2025-04-20"


def test_show_rejects_unknown_partner():
    with pytest.raises(UsageError, match="unknown partner"):
        run(["show", "--flow", "exports", "--partner", "Atlantis", "--period", "2025-03"])


def test_stats_and_conflicts(capsys):
    assert run(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    kinds = {r["source_kind"] for r in stats["rows"]}
    assert kinds == {"official", "wire", "dataset", "derived"} and stats["total"]["partners"] == 47
    assert run(["conflicts"]) == 0
    assert "noted: exports World CY2024" in capsys.readouterr().out


def test_import_command_writes_only_the_user_store(tmp_path, capsys):
    xml = bundled_dir() / "official" / "press" / "press_2025034en.xml"
    assert run(["import", str(xml), "--store", str(tmp_path / "s")]) == 0
    assert "added 0 rows" in capsys.readouterr().out  # the bundled store already holds it
    bad = tmp_path / "bad.xml"
    bad.write_bytes(xml.read_bytes()[:3000])
    with pytest.raises(ReferenceDataError, match="malformed XML"):
        run(["import", str(bad), "--store", str(tmp_path / "s")])
    assert not (tmp_path / "s").exists()


def test_fx(capsys):
    assert run(["fx", "--date", "2025-04-17", "--period", "FY2024"]) == 0
    out = capsys.readouterr().out
    assert "2025-04-17  142.33 yen/$" in out and "152.60 yen/$" in out
    with pytest.raises(UsageError):
        run(["fx"])


def test_history_since(capsys):
    argv = [
        "history",
        "--flow",
        "balance",
        "--partner",
        "USA",
        "--basis",
        "FY",
        "--since",
        "FY2024",
    ]
    assert run(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FY2024    2025-04-17  9,005.3 bn yen")
    assert lines[1].startswith("FY2025 ") and "derived: sum of 12 monthly figures" in lines[1]
    assert run([*argv, "--as-of", "2025-04-20"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    with pytest.raises(UsageError, match="not a FY period"):
        run([*argv[:-1], "CY2024"])


def test_wired_into_factcheck(capsys):
    from extractor.cli import main

    argv = [
        "reference",
        "show",
        "--flow",
        "balance",
        "--partner",
        "United States",
        "--period",
        "FY2024",
    ]
    assert main([*argv, "--as-of", "2025-04-20"]) == 0
    assert "9,005.3 bn yen" in capsys.readouterr().out
    assert (
        main(
            [
                "reference",
                "show",
                "--flow",
                "balance",
                "--period",
                "FY2024",
                "--as-of",
                "2025-13-01",
            ]
        )
        == 2
    )
