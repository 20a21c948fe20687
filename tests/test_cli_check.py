"""Wiring of ``factcheck check``: options, outputs and exit codes (the library is tested elsewhere).

The pipeline is replaced by the fake checker of sample_reports, in this process (--jobs 1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sample_reports

import extractor.batch
from extractor.cli import main


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extractor.batch, "pipeline_checker", sample_reports.fake_checker)


@pytest.fixture()
def drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    d = tmp_path / "drafts"
    d.mkdir()
    (d / "good.md").write_text("---\ndate: 2025-04-17\n---\nExports rose 3.9%.\n")
    (d / "bad.txt").write_text("Imports fell 12%.\n")
    return d


def test_exit_1_on_errors_and_text_lines(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(drafts), "--jobs", "1"]) == 1
    out = capsys.readouterr().out
    assert out == f"{drafts / 'bad.txt'}:1:9: error value.mismatch: fake verdict on 12%\n"


def test_exit_0_when_clean_and_show_all(drafts: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(drafts / "good.md"), "-j", "1"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", str(drafts / "good.md"), "-j", "1", "--show-all"]) == 0
    assert "value.match" in capsys.readouterr().out


def test_fail_on_and_config(
    drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".factcheck.toml").write_text('disable = ["value.mismatch"]\n')
    assert main(["check", str(drafts), "-j", "1"]) == 0
    assert (
        main(["check", str(drafts), "-j", "1", "--fail-on", "info"]) == 1
    )  # the consistent claim is info
    capsys.readouterr()
    other = tmp_path / "other.toml"
    other.write_text('fail-on = "info"\nformat = "json"\n')
    assert main(["check", str(drafts / "good.md"), "-j", "1", "--config", str(other)]) == 1
    assert json.loads(capsys.readouterr().out)["schema"] == "factcheck/1.0"


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "markdown", "sarif", "html", "text"])
def test_every_format_to_a_file(drafts: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"report.{fmt}"
    assert main(["check", str(drafts), "-j", "1", "--format", fmt, "--output", str(out)]) == 1
    assert out.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask


def test_output_refuses_to_overwrite_without_force(
    drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.json"
    out.write_text("keep me")
    assert main(["check", str(drafts), "-f", "json", "-o", str(out)]) == 2
    assert out.read_text() == "keep me" and "--force" in capsys.readouterr().err
    assert main(["check", str(drafts), "-f", "json", "-o", str(out), "--force", "-j", "1"]) == 1
    assert json.loads(out.read_text())["summary"]["articles"] == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["check"],
        ["check", "x", "--format", "pdf"],
        ["check", "x", "--jobs", "0"],
        ["check", "x", "--published", "soon"],
        ["check", "x", "--fail-on", "fatal"],
        ["check", "x", "--output", "/no/such/folder/r.json"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], drafts: Path) -> None:
    assert main(argv) == 2


def test_bad_config_is_exit_2(
    drafts: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".factcheck.toml").write_text('colour = "red"\n')
    assert main(["check", str(drafts)]) == 2
    assert "unknown key" in capsys.readouterr().err


def test_unreadable_file_is_reported_and_batch_goes_on(
    drafts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (drafts / "empty.txt").write_text("")
    assert main(["check", str(drafts), "-j", "1", "--format", "jsonl"]) == 1
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [Path(a["path"]).name for a in lines] == ["bad.txt", "empty.txt", "good.md"]
    assert lines[1]["error"] == "empty file"


def test_stdin_and_published(
    drafts: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Exports rose 3.9%.\n")))
    assert main(["check", "-", "-f", "json", "--published", "2025-04-17"]) == 0
    (article,) = json.loads(capsys.readouterr().out)["articles"]
    assert (article["path"], article["published"], article["published_source"]) == (
        "-",
        "2025-04-17",
        "option",
    )


def test_empty_folder_warns_and_exits_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    assert main(["check", "empty"]) == 0
    assert "warning" in capsys.readouterr().err


def test_interrupt_writes_what_was_finished(
    drafts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}

    def interrupting(article, *, config=None):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return sample_reports.fake_checker(article, config=config)

    monkeypatch.setattr(extractor.batch, "pipeline_checker", interrupting)
    out = tmp_path / "partial.json"
    assert main(["check", str(drafts), "-j", "1", "-f", "json", "-o", str(out)]) == 3
    doc = json.loads(out.read_text())
    assert [Path(a["path"]).name for a in doc["articles"]] == ["bad.txt"]


def test_internal_error_exit_4(drafts: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import extractor.report

    def broken(fmt: str) -> object:
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(extractor.report, "renderer", broken)
    assert main(["check", str(drafts), "-j", "1"]) == 4


def test_jobs_2_is_byte_identical_to_jobs_1(drafts: Path, tmp_path: Path) -> None:
    for i in range(6):
        (drafts / f"n{i}.txt").write_text(f"Exports rose {i}%.\nImports fell {10 + i}%.\n")
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    main(["check", str(drafts), "-j", "1", "-f", "json", "-o", str(one)])
    main(["check", str(drafts), "-j", "2", "-f", "json", "-o", str(two)])
    assert one.read_bytes() == two.read_bytes()


def test_pre_commit_hook_definition() -> None:
    import yaml

    root = Path(__file__).resolve().parents[1]
    (hook,) = yaml.safe_load((root / ".pre-commit-hooks.yaml").read_text())
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "factcheck",
        "factcheck check",
        "python",
    )
    import re

    files = re.compile(hook["files"])
    assert files.search("drafts/a.md") and files.search("x.html") and files.search("x.htm")
    assert files.search("notes.txt") and not files.search("a.py")


TTY_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
import sample_reports, extractor.batch
extractor.batch.pipeline_checker = sample_reports.fake_checker
from extractor.cli import main
sys.exit(main(["check", {folder!r}, "-j", "1"] + sys.argv[1:]))
"""


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("extra", "bar"), [([], True), (["--no-progress"], False)])
def test_progress_bar_only_on_a_terminal(
    drafts: Path, tmp_path: Path, extra: list[str], bar: bool
) -> None:
    import subprocess
    import sys

    script = tmp_path / "run.py"
    script.write_text(TTY_SCRIPT.format(tests=str(Path(__file__).parent), folder=str(drafts)))
    leader, follower = os.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, str(script), *extra],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=60,
        )
        os.close(follower)
        err = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(leader)
    assert proc.returncode == 1
    assert (b"files/s" in err) is bar
    assert b"files/s" not in proc.stdout  # the report itself is never mixed with the bar
    # and with stderr not a terminal there is no bar at all
    piped = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60)
    assert b"files/s" not in piped.stderr
