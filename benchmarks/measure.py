"""Timed runs: the full check, its baselines, batch jobs, memory and cold start.

Every ``run_*`` function takes the same texts and returns a :class:`Rate`; the figures are
throughputs, so baselines run on a sample (quantulum3) stay comparable with full runs.
"""

from __future__ import annotations

import json
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import BenchArticle

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


@dataclass(frozen=True)
class Tally:
    """What a run found: ``items`` (claims, tokens, numbers or quantities), the reports that
    carry an error, and for the fact-check the claims tied to trade (metric not "other")."""

    items: int
    reports: int = 0
    errors: int = 0
    trade_items: int | None = None

    def add(self, report: Any) -> Tally:
        trade = sum(f.claim.metric != "other" for f in report.findings)
        return Tally(self.items + len(report.findings), self.reports + 1,
                     self.errors + (report.error is not None), (self.trade_items or 0) + trade)  # fmt: skip


Counter = Callable[[Sequence[BenchArticle]], "int | Tally"]


@dataclass(frozen=True)
class Rate:
    """Throughput of one method over ``articles`` texts of ``mb`` megabytes (UTF-8)."""

    method: str
    articles: int
    mb: float
    seconds: float
    items: int  # claims, tokens, numbers or quantities, by method
    peak_rss_mb: float  # of this process so far (ru_maxrss is a high-water mark)
    errors: int = 0  # articles whose report carries an error (counted, never hidden)
    trade_items: int | None = None  # claims tied to exports, imports, balance or the rate

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")

    @property
    def mb_per_s(self) -> float:
        return self.mb / self.seconds if self.seconds else float("inf")

    @property
    def items_per_s(self) -> float:
        return self.items / self.seconds if self.seconds else float("inf")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(
            articles_per_s=self.articles_per_s, mb_per_s=self.mb_per_s, items_per_s=self.items_per_s
        )
        return d


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB.

    ``VmHWM`` from /proc when there is one: ``ru_maxrss`` is a per-process high-water mark
    that Linux carries across exec, so a child started by a 150 MB parent reports at least
    150 MB whatever it does itself. ``ru_maxrss`` (kilobytes on Linux) elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def megabytes(articles: Sequence[BenchArticle]) -> float:
    return sum(len(a.text.encode("utf-8")) for a in articles) / 1e6


def timed(method: str, articles: Sequence[BenchArticle], fn: Counter) -> Rate:
    """Time ``fn(articles)``, which returns the items found, or a Tally."""
    start = time.perf_counter()
    found = fn(articles)
    seconds = time.perf_counter() - start
    t = found if isinstance(found, Tally) else Tally(found)
    mb = megabytes(articles)
    return Rate(method, len(articles), mb, seconds, t.items, peak_rss_mb(), t.errors, t.trade_items)


# -- the methods -------------------------------------------------------------------------------


def blank_tokens(articles: Sequence[BenchArticle], nlp: Any) -> int:
    """spaCy blank English, tokenization alone: the floor of any spaCy pipeline."""
    return sum(len(doc) for doc in nlp.pipe((a.text for a in articles), batch_size=64))


def kept_tokens(articles: Sequence[BenchArticle], nlp: Any) -> int:
    """The prefilter on every article, then blank tokenization of the ones it keeps: the floor
    of any spaCy pipeline behind this prefilter (a check must at least read what it keeps)."""
    from extractor.prefilter import might_have_claims

    kept = (a.text for a in articles if might_have_claims(a.text))
    return sum(len(doc) for doc in nlp.pipe(kept, batch_size=64))


def regex_numbers(articles: Sequence[BenchArticle]) -> int:
    """A plain regex scan for numbers: an upper bound on what any extractor can reach."""
    return sum(len(NUMBER.findall(a.text)) for a in articles)


def load_quantulum() -> Any | None:
    """quantulum3's parser, or None when it is not installed (extra ``bench``)."""
    with warnings.catch_warnings():  # it warns that its optional classifier is missing
        warnings.simplefilter("ignore")
        try:
            from quantulum3 import parser
        except ImportError:
            return None
    return parser


def quantulum_quantities(articles: Sequence[BenchArticle], parser: Any) -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sum(len(parser.parse(a.text)) for a in articles)


def full_check(articles: Sequence[BenchArticle], prefilter: bool = False) -> Tally:
    """``extractor.pipeline.check_text`` on every article (or on those the prefilter keeps)."""
    from extractor.pipeline import check_text
    from extractor.prefilter import might_have_claims

    tally = Tally(0, trade_items=0)
    for a in articles:
        if prefilter and not might_have_claims(a.text):
            continue
        tally = tally.add(check_text(a.text, published=a.published, path=a.name))
    return tally


def prefilter_kept(articles: Sequence[BenchArticle]) -> int:
    from extractor.prefilter import might_have_claims

    return sum(might_have_claims(a.text) for a in articles)


def sample(articles: Sequence[BenchArticle], size: int) -> list[BenchArticle]:
    """Every k-th article, so that the sample keeps the corpus's share of trade articles."""
    if size >= len(articles):
        return list(articles)
    step = len(articles) / size
    return [articles[int(i * step)] for i in range(size)]


# -- batches on disk ----------------------------------------------------------------------------


def write_folder(articles: Sequence[BenchArticle], folder: Path, start: int = 0) -> list[Path]:
    """One file per article, with front matter carrying the publication date."""
    paths = []
    for i, a in enumerate(articles, start):
        path = folder / f"{i:06d}-{Path(a.name).stem}.md"
        head = f"---\npublished: {a.published.isoformat()}\n---\n" if a.published else ""
        path.write_text(head + a.text, encoding="utf-8")
        paths.append(path)
    return paths


def batch_claims(paths: Sequence[Path], jobs: int) -> Tally:
    """``extractor.batch.check_paths`` over files or folders, counted as the reports stream."""
    from extractor.batch import check_paths

    tally = Tally(0, trade_items=0)
    for report in check_paths([str(p) for p in paths], jobs=jobs):
        tally = tally.add(report)
    return tally


def check_files(paths: Sequence[Path]) -> Tally:
    """The fallback when ``extractor.batch`` is missing: ``check_text`` file by file."""
    from extractor.pipeline import check_text

    tally = Tally(0, trade_items=0)
    for p in paths:
        tally = tally.add(check_text(p.read_text(encoding="utf-8"), path=str(p)))
    return tally


def run_jobs(articles: Sequence[BenchArticle], jobs: int) -> Rate:
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        write_folder(articles, Path(tmp))
        start = time.perf_counter()
        t = batch_claims([Path(tmp)], jobs)
        seconds = time.perf_counter() - start
    if t.reports != len(articles):
        raise RuntimeError(f"check_paths returned {t.reports} reports for {len(articles)} files")
    mb = megabytes(articles)
    name = f"check_paths jobs={jobs}"
    return Rate(name, len(articles), mb, seconds, t.items, peak_rss_mb(), t.errors, t.trade_items)


# -- other processes ---------------------------------------------------------------------------


def child_rss(run_py: Path, articles: int, share: float, seed: int) -> dict[str, Any]:
    """Run ``run.py --rss-child`` in a fresh process; its own peak RSS and counts."""
    cmd = [sys.executable, str(run_py), "--rss-child", "--articles", str(articles),
           "--share", str(share), "--seed", str(seed)]  # fmt: skip
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def factcheck_command() -> list[str]:
    script = Path(sys.executable).with_name("factcheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "extractor"]


def median_seconds(cmd: Sequence[str], repeat: int) -> tuple[float, list[float], int]:
    """Median wall time of ``repeat`` runs of ``cmd``, every time, and the last exit code."""
    times, code = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.run(list(cmd), capture_output=True)
        times.append(time.perf_counter() - start)
        code = proc.returncode
        if code > 1:  # 0 clean, 1 findings; anything else means the command broke
            raise RuntimeError(f"{' '.join(cmd)} exited {code}: {proc.stderr.decode()[-400:]}")
    return statistics.median(times), times, code


def cold_start(draft: BenchArticle, repeat: int) -> dict[str, Any]:
    """Cold ``factcheck check draft.md`` against cold ``python -c "import spacy"``."""
    with tempfile.TemporaryDirectory(prefix="factcheck-draft-") as tmp:
        path = write_folder([draft], Path(tmp))[0]
        check_cmd = [*factcheck_command(), "check", str(path)]
        check, check_all, code = median_seconds(check_cmd, repeat)
    spacy_s, spacy_all, _ = median_seconds([sys.executable, "-c", "import spacy"], repeat)
    return {
        "repeat": repeat,
        "factcheck_check_s": check,
        "factcheck_check_all_s": check_all,
        "factcheck_exit_code": code,
        "import_spacy_s": spacy_s,
        "import_spacy_all_s": spacy_all,
        "ratio": check / spacy_s,
    }
