"""Batches: walk folders deterministically and check many articles, in parallel if asked.

``walk(paths, globs)`` lists the files to check: arguments in the order given; a folder is walked
recursively in sorted order (by path components), skipping dotfiles and dot-folders; ``globs``
("*.md", "news/*.txt") choose the files taken *from folders* (default: :data:`ARTICLE_GLOBS`, the
text, Markdown and HTML extensions, so that side files such as ``*.gold.yaml`` stay out), while a
file named explicitly is always checked, whatever its name; ``-`` is stdin; a missing path stays in the list so that ``check_paths`` reports it
as an error entry in its place; an empty folder (or one with nothing matching) is a warning.

``check_paths(...)`` yields one :class:`ArticleReport` per file in exactly that order, whatever
``jobs`` is, so ``--jobs 2`` and ``--jobs 1`` give byte-identical output. A file that fails
becomes ``ArticleReport(error=...)``; the batch goes on. With ``jobs > 1`` the work runs in a
``multiprocessing`` pool (workers ignore SIGINT; each imports the pipeline once and keeps its nlp
for every file it gets); on Ctrl-C the pool is terminated, the reports already yielded stay
yielded, and ``KeyboardInterrupt`` reaches the caller, which writes what was finished.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
import signal
import sys
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import TextIO

from extractor.config import Config
from extractor.errors import ExtractorError
from extractor.ingest import _coerce_published, apply_date_policy, read_article
from extractor.model import Article, ArticleReport

ARTICLE_GLOBS: tuple[str, ...] = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.html",
    "*.htm",
    "*.xhtml",
)

Checker = Callable[..., ArticleReport]  # called as checker(article, config=config)


class BatchWarning(UserWarning):
    """Something about the batch worth saying that is not an error (an empty folder)."""


def _default_warn(message: str) -> None:
    warnings.warn(message, BatchWarning, stacklevel=3)


# -- walking ----------------------------------------------------------------------------------
def _matches(rel: PurePath, globs: Sequence[str]) -> bool:
    return any(rel.match(g) for g in globs)


def _walk_dir(root: Path, globs: Sequence[str], folder: Path | None = None) -> Iterator[Path]:
    """Files under ``root`` in the order of their relative path components, one folder at a time
    (entries sorted by name, a sub-folder walked at its place): nothing is listed in advance.
    A folder's listing is held as names, not ``os.DirEntry`` objects (a third of the memory: a
    folder of 20,000 articles would hold 5 MB for the length of its walk)."""
    folder = folder or root
    names: list[str] = []
    folders: set[str] = set()
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if not entry.name.startswith("."):
                    names.append(entry.name)
                    if entry.is_dir():
                        folders.add(entry.name)
    except OSError:
        return
    names.sort()
    for name in names:
        path = folder / name
        if name in folders:
            yield from _walk_dir(root, globs, path)
        elif _matches(path.relative_to(root), globs):
            yield path


def iter_walk(
    paths: Iterable[str | Path],
    globs: Sequence[str] | None = None,
    *,
    warn: Callable[[str], None] | None = None,
) -> Iterator[Path]:
    """:func:`walk`, streamed: the files are yielded as folders are read."""
    warn = warn or _default_warn
    globs = tuple(globs) if globs else ARTICLE_GLOBS
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        is_dir = str(raw) != "-" and p.is_dir()
        files: Iterable[Path] = _walk_dir(p, globs) if is_dir else [p]
        empty = True
        for f in files:
            empty = False
            key = "-" if str(f) == "-" else os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                yield f
        if is_dir and empty:
            warn(f"{p}: no files matching {' '.join(globs)} to check (dotfiles are skipped)")


def walk(
    paths: Iterable[str | Path],
    globs: Sequence[str] | None = None,
    *,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """The files to check, in a deterministic order (see the module doc). Duplicates are dropped."""
    return list(iter_walk(paths, globs, warn=warn))


# -- checking one file --------------------------------------------------------------------------
@dataclass(frozen=True)
class _Task:
    path: str
    article: Article | None  # already read (stdin), or None: the worker reads ``path``
    error: str | None = None  # reading failed before the task was made (stdin)


@dataclass(frozen=True)
class _Job:
    checker: Checker
    config: Config
    published: dt.date | None


# Outside a memory zone spaCy keeps every new word (a lexeme, its string, a tokenizer cache entry),
# which keeps tokenization fast; inside one it frees them after the article, but it makes every
# word it has not kept again for each article and caches nothing, which makes tokenization several
# times slower. So a batch keeps the words of its first articles, until the vocabulary holds this
# many lexemes (the common words: a few MB), and checks every later article in a zone: memory
# stays flat however long the batch, and the common words stay cached.
PERMANENT_LEXEMES = 10_000


def pipeline_checker(article: Article, *, config: Config | None = None) -> ArticleReport:
    """The real check: :func:`extractor.pipeline.check_article` (imported on first use), inside
    spaCy's ``memory_zone`` once the vocabulary holds :data:`PERMANENT_LEXEMES` (see there)."""
    from extractor.nlp import build_nlp
    from extractor.pipeline import check_article

    nlp = build_nlp(article.language or "en") if article.language in (None, "en") else None
    if nlp is None or not hasattr(nlp, "memory_zone") or len(nlp.vocab) < PERMANENT_LEXEMES:
        return check_article(article, config=config)
    with nlp.memory_zone():
        return check_article(article, config=config)


# A short trade article checked once before forking: what the pipeline builds on first use (the
# claim rules' compiled patterns and word index, unit factors, the store's figures and timelines
# of the common series) is then built once in the parent and shared by every worker, instead of
# each worker paying for it (about half a second) on its first trade article.
_WARM_TEXT = (
    "Japan's exports rose 3.9% to 9.8 trillion yen in March, the fourth straight monthly gain and "
    "the highest since 1979, while imports fell 2% to $63 billion. The trade surplus with the "
    "United States narrowed to 544.1 billion yen, and the yen averaged 150 to the dollar."
)
_WARM_PUBLISHED = dt.date(2025, 4, 20)


def _warm(job: _Job) -> None:
    """Build the pipeline, load the store and check :data:`_WARM_TEXT` before forking, so that
    every worker starts warm. Every claim rule is compiled here too (they compile on first use)."""
    if job.checker is not pipeline_checker:
        return
    from extractor.components.lexicon import lexicon
    from extractor.components.periods_text import period_rules
    from extractor.nlp import build_nlp
    from extractor.pipeline import check_text
    from extractor.reference import load_store

    build_nlp("en")
    load_store().build_all()
    lex = lexicon("en")
    for rule in (r for rules in lex.rules.values() for r in rules):
        rule.regex  # noqa: B018 - compiles it (a cached property)
    period_rules("en")
    check_text(_WARM_TEXT, published=_WARM_PUBLISHED)


def error_text(exc: ExtractorError) -> str:
    """An error's message without its path (the report carries the path)."""
    line = f"line {exc.line}: " if exc.line else ""
    tail = f" ({exc.detail})" if exc.detail else ""
    return f"{line}{exc.message}{tail}"


def check_one(task: _Task, job: _Job) -> ArticleReport:
    """Read, apply the date policy and check one article; any failure becomes a report error."""
    if task.error:
        return ArticleReport(path=task.path, text="", error=task.error)
    try:
        article = task.article or read_article(task.path, published=job.published)
        article = apply_date_policy(article, job.config.date_policy)
        return job.checker(article, config=job.config)
    except ExtractorError as exc:
        return ArticleReport(path=task.path, text="", error=error_text(exc))
    except Exception as exc:  # noqa: BLE001 - one broken article must not stop the batch
        return ArticleReport(path=task.path, text="", error=f"internal error: {exc!r}")


_WORKER_JOB: _Job | None = None


def _init_worker(job: _Job) -> None:
    """Ignore SIGINT (the parent handles Ctrl-C and terminates us) and collect garbage, whatever
    the parent's setting (``factcheck check`` starts with the collector off)."""
    global _WORKER_JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()
    _WORKER_JOB = job


def _worker_check(task: _Task) -> ArticleReport:
    assert _WORKER_JOB is not None, "worker not initialised"
    return check_one(task, _WORKER_JOB)


# -- progress -----------------------------------------------------------------------------------
class Progress:
    """A one-line progress bar with rate and ETA, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 24) -> None:
        self.total, self.done, self.width = total, 0, width
        self.stream = stream or sys.stderr
        self.started = self.last = time.monotonic()

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        filled = int(self.width * self.done / self.total) if self.total else self.width
        eta = (self.total - self.done) / rate if rate > 0 else None
        eta_text = time.strftime("%H:%M:%S", time.gmtime(eta)) if eta is not None else "--:--:--"
        bar = "#" * filled + "." * (self.width - filled)
        return f"[{bar}] {self.done}/{self.total} {rate:.1f} files/s ETA {eta_text}"

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= 0.1 or self.done >= self.total:
            self.last = now
            self.stream.write("\r" + self.line(now))
            self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


# -- the batch --------------------------------------------------------------------------------
def _tasks(files: Iterable[Path], published: dt.date | None) -> Iterator[_Task]:
    """One task per file, made as the files come; stdin is read here, once (workers cannot)."""
    for f in files:
        if str(f) != "-":
            yield _Task(str(f), None)
            continue
        try:
            yield _Task("-", read_article("-", published=published))
        except ExtractorError as exc:
            yield _Task("-", None, error=error_text(exc))


def _sequential(tasks: Iterable[_Task], job: _Job) -> Iterator[ArticleReport]:
    """Check in this process. From the second article on, a batch is a batch: the store builds
    all it would build on first use (:meth:`Store.build_all`), so that its memory does not grow
    with the articles (a single draft does not pay for it)."""
    for i, task in enumerate(tasks):
        if i == 1 and job.checker is pipeline_checker:
            _build_store()
        yield check_one(task, job)


def _build_store() -> None:
    from extractor.reference import load_store

    try:
        load_store().build_all()
    except ExtractorError:
        pass  # no store: each article that needs one reports the error


def _parallel(
    tasks: Iterable[_Task], job: _Job, jobs: int, n: int | None
) -> Iterator[ArticleReport]:
    chunksize = max(1, min(8, n // (jobs * 4))) if n is not None else 4
    _warm(job)
    pool = multiprocessing.Pool(jobs, initializer=_init_worker, initargs=(job,))
    finished = False
    try:
        yield from pool.imap(_worker_check, tasks, chunksize=chunksize)
        finished = True
    finally:
        if finished:
            pool.close()
        else:
            pool.terminate()
        pool.join()


def check_paths(
    paths: Iterable[str | Path],
    *,
    published: dt.date | str | None = None,
    jobs: int | None = 1,
    config: Config | None = None,
    progress: bool = False,
    globs: Sequence[str] | None = None,
    checker: Checker | None = None,
    warn: Callable[[str], None] | None = None,
) -> Iterator[ArticleReport]:
    """Check every file under ``paths`` and yield one report per file, in walk order.

    ``jobs``: worker processes (None: one per core; 1: in this process). ``globs`` default to
    ``config.glob``. ``checker`` replaces the pipeline (tests); it must be a module-level function
    when ``jobs > 1``. ``progress`` draws a bar on stderr (the CLI turns it on only for a TTY).
    """
    config = config or Config()
    day = _coerce_published(published)
    files: Iterable[Path] = iter_walk(
        paths, globs if globs is not None else config.glob or None, warn=warn
    )
    job = _Job(checker or pipeline_checker, config, day)
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    n: int | None = None
    if progress or jobs > 1:  # the bar and the pool's chunks need the count: list the files
        files = list(files)
        n = len(files)
        jobs = max(1, min(jobs, n))
    tasks = _tasks(files, day)
    bar = Progress(n or 0) if progress and n else None
    if jobs == 1:
        results: Iterator[ArticleReport] = _sequential(tasks, job)
    else:
        results = _parallel(tasks, job, jobs, n)
    try:
        for report in results:
            if bar:
                bar.update()
            yield report
    finally:
        if bar:
            bar.close()
