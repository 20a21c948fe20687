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


def _walk_dir(root: Path, globs: Sequence[str]) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.startswith("."):
                continue
            path = Path(folder) / name
            if _matches(path.relative_to(root), globs):
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def walk(
    paths: Iterable[str | Path],
    globs: Sequence[str] | None = None,
    *,
    warn: Callable[[str], None] | None = None,
) -> list[Path]:
    """The files to check, in a deterministic order (see the module doc). Duplicates are dropped."""
    warn = warn or _default_warn
    globs = tuple(globs) if globs else ARTICLE_GLOBS
    out: list[Path] = []
    seen: set[str] = set()
    for raw in paths:
        p = Path(raw)
        if str(raw) != "-" and p.is_dir():
            files = _walk_dir(p, globs)
            if not files:
                warn(f"{p}: no files matching {' '.join(globs)} to check (dotfiles are skipped)")
        else:
            files = [p]
        for f in files:
            key = "-" if str(f) == "-" else os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


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


def pipeline_checker(article: Article, *, config: Config | None = None) -> ArticleReport:
    """The real check: :func:`extractor.pipeline.check_article` (imported on first use)."""
    from extractor.pipeline import check_article

    return check_article(article, config=config)


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
    global _WORKER_JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and terminates us
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
def _tasks(files: list[Path], published: dt.date | None) -> list[_Task]:
    """One task per file; stdin is read here, once, since workers cannot read it."""
    tasks = []
    for f in files:
        if str(f) != "-":
            tasks.append(_Task(str(f), None))
            continue
        try:
            tasks.append(_Task("-", read_article("-", published=published)))
        except ExtractorError as exc:
            tasks.append(_Task("-", None, error=error_text(exc)))
    return tasks


def _parallel(tasks: list[_Task], job: _Job, jobs: int) -> Iterator[ArticleReport]:
    chunksize = max(1, min(8, len(tasks) // (jobs * 4)))
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
    files = walk(paths, globs if globs is not None else config.glob or None, warn=warn)
    job = _Job(checker or pipeline_checker, config, day)
    tasks = _tasks(files, day)
    jobs = (os.cpu_count() or 1) if jobs is None else jobs
    jobs = max(1, min(jobs, len(tasks)))
    bar = Progress(len(tasks)) if progress and tasks else None
    if jobs == 1:
        results: Iterator[ArticleReport] = (check_one(t, job) for t in tasks)
    else:
        results = _parallel(tasks, job, jobs)
    try:
        for report in results:
            if bar:
                bar.update()
            yield report
    finally:
        if bar:
            bar.close()
