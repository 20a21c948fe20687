from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sample_reports import crashing_checker, fake_checker

from extractor.batch import BatchWarning, Progress, check_paths, walk
from extractor.config import Config
from extractor.report import render


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "b" / "deep").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "a.txt").write_text("Exports rose 3.9%.\n")
    (root / "b" / "c.md").write_text("---\ndate: 2025-04-17\n---\nImports fell 12%.\n")
    (root / "b" / "deep" / "d.html").write_text(
        "<html><body><article><p>Exports rose 5% in March.</p></article></body></html>"
    )
    (root / "b" / "a2.txt").write_text("Exports fell 1.3%.\n")
    (root / ".hidden.txt").write_text("rose 50%\n")
    (root / ".git" / "config.txt").write_text("rose 60%\n")
    (root / "Z.txt").write_bytes(b"\x00\x01\x02")
    (root / "a.gold.yaml").write_text("claims: []\n")
    return root


def rel(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_walk_sorted_recursive_skips_dotfiles_and_non_articles(tree: Path) -> None:
    assert rel(walk([tree]), tree) == ["Z.txt", "a.txt", "b/a2.txt", "b/c.md", "b/deep/d.html"]


def test_walk_globs_filter_folder_contents_only(tree: Path) -> None:
    assert rel(walk([tree], ["*.md", "*.html"]), tree) == ["b/c.md", "b/deep/d.html"]
    explicit = walk([tree / "a.gold.yaml", tree], ["*.md"])
    assert rel(explicit, tree) == ["a.gold.yaml", "b/c.md"]
    assert rel(walk([tree], ["b/*.txt"]), tree) == ["b/a2.txt"]


def test_walk_keeps_argument_order_missing_paths_and_stdin(tree: Path) -> None:
    out = walk([tree / "b" / "c.md", tree / "missing.txt", "-", tree / "a.txt", tree / "a.txt"])
    assert [p.name for p in out] == ["c.md", "missing.txt", "-", "a.txt"]


def test_empty_folder_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    messages: list[str] = []
    assert walk([tmp_path / "empty"], warn=messages.append) == []
    assert "no files" in messages[0]
    with pytest.warns(BatchWarning, match="no files"):
        assert walk([tmp_path / "empty"]) == []


def test_check_paths_per_file_errors_do_not_stop(tree: Path) -> None:
    reports = list(check_paths([tree, tree / "missing.txt"], checker=fake_checker))
    names = [Path(r.path or "").name for r in reports]
    assert names == ["Z.txt", "a.txt", "a2.txt", "c.md", "d.html", "missing.txt"]
    errors = {Path(r.path or "").name: r.error for r in reports if r.error}
    assert set(errors) == {"Z.txt", "missing.txt"}
    assert "binary" in (errors["Z.txt"] or "") and "no such file" in (errors["missing.txt"] or "")
    c = next(r for r in reports if r.path and r.path.endswith("c.md"))
    assert c.published_source == "front_matter" and c.findings[0].verdict == "contradicted"


def test_internal_error_in_one_file_is_reported(tree: Path) -> None:
    (tree / "b" / "boom.txt").write_text("boom\n")
    reports = list(check_paths([tree], checker=crashing_checker, jobs=2))
    boom = next(r for r in reports if r.path and r.path.endswith("boom.txt"))
    assert boom.error and "internal error" in boom.error and "boom" in boom.error
    assert sum(1 for r in reports if not r.error) == 4


def test_jobs_give_identical_output(tree: Path) -> None:
    for i in range(12):
        (tree / f"n{i:02d}.txt").write_text(f"Exports rose {i}.5%.\nImports fell {i + 8}%.\n")
    one = render("json", list(check_paths([tree], checker=fake_checker, jobs=1)))
    two = render("json", list(check_paths([tree], checker=fake_checker, jobs=2)))
    three = render("json", list(check_paths([tree], checker=fake_checker, jobs=3)))
    assert one == two == three
    assert len(json.loads(one)["articles"]) == 17


def test_date_policy_and_published_option(tree: Path) -> None:
    reports = list(
        check_paths([tree / "a.txt"], checker=fake_checker, config=Config(date_policy="require"))
    )
    assert reports[0].error and "date policy" in reports[0].error
    reports = list(check_paths([tree / "a.txt"], checker=fake_checker, published="2025-04-17"))
    assert reports[0].published_source == "option"


def test_config_globs_and_disabled_rules(tree: Path) -> None:
    config = Config(glob=("*.md",), disable=("value.mismatch",))
    (report,) = check_paths([tree], checker=fake_checker, config=config)
    assert report.path and report.path.endswith("c.md") and report.findings == ()


def test_progress_bar_line() -> None:
    import io

    out = io.StringIO()
    bar = Progress(4, stream=out)
    bar.started -= 2.0
    bar.update(2)
    line = bar.line(bar.started + 2.0)
    assert "2/4" in line and "1.0 files/s" in line and "ETA 00:00:02" in line
    bar.close()
    assert out.getvalue().endswith("\n")


def test_no_progress_on_stderr_unless_asked(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    list(check_paths([tree], checker=fake_checker))
    assert capsys.readouterr().err == ""
    list(check_paths([tree], checker=fake_checker, progress=True))
    assert "files/s" in capsys.readouterr().err


SLOW_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from sample_reports import fake_checker
    from extractor.batch import check_paths

    def slow(article, *, config=None):
        if "slow" in article.text:
            time.sleep(60)
        return fake_checker(article, config=config)

    import extractor.batch as b
    done = 0
    try:
        for r in check_paths(sys.argv[1:], checker=slow, jobs=2):
            print("DONE", r.path, flush=True)
    except KeyboardInterrupt:
        print("INTERRUPTED", flush=True)
        sys.exit(3)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_workers_and_keeps_finished(tmp_path: Path) -> None:
    fast = tmp_path / "a.txt"
    fast.write_text("Exports rose 1%.\n")
    slow = tmp_path / "b.txt"
    slow.write_text("slow\n")
    script = tmp_path / "run.py"
    script.write_text(SLOW_SCRIPT.format(tests=str(Path(__file__).parent)))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(fast), str(slow)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("DONE") and first.strip().endswith("a.txt")
    os.kill(proc.pid, signal.SIGINT)
    rest, _ = proc.communicate(timeout=20)
    assert proc.returncode == 3 and "INTERRUPTED" in rest


ROOT = Path(__file__).resolve().parents[1]


def _skip_unless_pipeline(reports: list) -> None:  # type: ignore[type-arg]
    missing = [r.error for r in reports if "No module named 'extractor." in (r.error or "")]
    if missing:
        pytest.skip(f"the pipeline is not complete yet: {missing[0]}")


def test_real_pipeline_jobs_2_identical_on_seeds(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    one = list(check_paths(seeds, jobs=1))
    _skip_unless_pipeline(one)
    two = list(check_paths(seeds, jobs=2))
    assert render("json", one) == render("json", two)


@pytest.mark.slow
def test_real_pipeline_jobs_2_identical_over_the_corpus(tmp_path: Path) -> None:
    import shutil

    if not (ROOT / "corpus").is_dir():
        pytest.skip("no corpus/")
    corpus = shutil.copytree(ROOT / "corpus", tmp_path / "corpus")  # both runs read the same bytes
    one = list(check_paths([corpus], jobs=1))
    _skip_unless_pipeline(one)
    assert len(one) >= len(list(corpus.glob("*.md")))
    two = list(check_paths([corpus], jobs=2))
    assert render("json", one).encode() == render("json", two).encode()


def test_a_batch_keeps_common_words_then_checks_in_memory_zones(monkeypatch) -> None:
    import datetime as dt

    import extractor.batch as batch
    from extractor.model import Article
    from extractor.nlp import build_nlp

    article = Article(
        path="a.md",
        text="Japan's exports to Zanzibarland rose 3.9% to 9.8 trillion yen in March 2025.",
        published=dt.date(2025, 4, 20),
    )
    nlp = build_nlp("en")
    monkeypatch.setattr(batch, "PERMANENT_LEXEMES", 0)  # every article in a zone
    strings = len(nlp.vocab.strings)
    zoned = batch.pipeline_checker(article)
    assert len(nlp.vocab.strings) == strings  # what the article added was freed
    monkeypatch.setattr(batch, "PERMANENT_LEXEMES", 10**9)  # the words are kept
    kept = batch.pipeline_checker(article)
    assert "Zanzibarland" in nlp.vocab.strings
    assert kept == zoned
