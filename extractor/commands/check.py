"""``factcheck check PATH... [-]``: check articles and report every numeric claim.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (an article that could not
be read counts as an error), 2 usage error, 3 interrupted (what was finished is written first),
4 internal error. ``--output FILE`` is written atomically (a temporary file in the same folder,
renamed into place) and an existing file is kept unless ``--force``.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

HELP = "Check the numeric claims of articles (files, folders, or - for stdin) against MOF figures."

FORMAT_CHOICES = ("text", "json", "jsonl", "csv", "markdown", "sarif", "html")
SEVERITY_CHOICES = ("error", "warning", "info")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, folder, or - for stdin")
    parser.add_argument(
        "--format", "-f", choices=FORMAT_CHOICES, help="output format (default: text)"
    )
    parser.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--force", action="store_true", help="overwrite an existing --output file")
    parser.add_argument(
        "--fail-on",
        choices=SEVERITY_CHOICES,
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    parser.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="worker processes (default: all cores)"
    )
    parser.add_argument(
        "--published", metavar="DATE", help="publication date of the articles (YYYY-MM-DD)"
    )
    parser.add_argument(
        "--glob",
        action="append",
        metavar="PATTERN",
        help='files to take from folders, e.g. "*.md" (repeatable)',
    )
    parser.add_argument(
        "--config", metavar="FILE", help="a pyproject.toml or .factcheck.toml to use"
    )
    parser.add_argument(
        "--show-all", action="store_true", help="also show consistent and info-level claims"
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")


class _Sink:
    """stdout, or a temporary file renamed onto ``output`` at :meth:`commit`."""

    def __init__(self, output: str | None) -> None:
        self.output = Path(output) if output else None
        self.tmp: str | None = None
        self.fh: TextIO = sys.stdout
        if self.output:
            fd, self.tmp = tempfile.mkstemp(
                prefix=f".{self.output.name}.", suffix=".tmp", dir=self.output.parent or Path(".")
            )
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(self.tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
            self.fh = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def write(self, s: str) -> None:
        if s:
            self.fh.write(s)
            self.fh.flush()

    def commit(self) -> None:
        if self.output and self.tmp:
            self.fh.close()
            os.replace(self.tmp, self.output)
            self.tmp = None

    def abort(self) -> None:
        if self.output and self.tmp:
            self.fh.close()
            os.unlink(self.tmp)
            self.tmp = None


def _settings(args: argparse.Namespace) -> Any:
    from extractor.config import load_config, load_config_file
    from extractor.errors import UsageError
    from extractor.ingest import parse_date

    config = load_config_file(args.config) if args.config else load_config(Path.cwd())
    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {args.jobs}")
    if args.published is not None:
        try:
            parse_date(args.published)
        except ValueError as exc:
            raise UsageError(
                f"--published must be a date like 2025-04-17, not {args.published!r}"
            ) from exc
    if args.output and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} exists; use --force to overwrite it")
    if args.output and not Path(args.output).resolve().parent.is_dir():
        raise UsageError(f"no folder for --output {args.output}")
    return config


def _warn(message: str) -> None:
    print(f"factcheck: warning: {message}", file=sys.stderr)


def _write(
    args: argparse.Namespace, config: Any, fmt: str, opts: Any, collect: bool
) -> tuple[list[Any], bool]:
    """Check and write; returns (the reports finished, whether Ctrl-C stopped the batch).
    ``collect``: turn the garbage collector back on once the first report is in (see :func:`run`).
    """
    from extractor.batch import check_paths
    from extractor.report import STREAMING, renderer

    module = renderer(fmt)
    streaming = fmt in STREAMING
    reports: list[Any] = []
    interrupted = False
    sink = _Sink(args.output)
    try:
        if streaming:
            sink.write(module.render_header(opts))
        try:
            for report in check_paths(
                args.paths,
                published=args.published,
                jobs=args.jobs,
                config=config,
                progress=not args.no_progress and sys.stderr.isatty(),
                globs=args.glob or None,
                warn=_warn,
            ):
                if collect:
                    gc.enable()
                reports.append(report)
                if streaming:
                    sink.write(module.render_article(report, opts))
        except KeyboardInterrupt:
            interrupted = True
        if not streaming:
            sink.write(module.render(reports, opts))
        sink.commit()
    except BaseException:
        sink.abort()
        raise
    return reports, interrupted


def run(args: argparse.Namespace) -> int:
    """The command. The garbage collector is off until the first report: starting up (spaCy, the
    pipeline, the reference store, the first article's rules) allocates about a million objects
    that all live to the end, and the collector would walk them again and again for nothing
    (about 15% of a cold single-draft check). Batch workers turn it on for themselves."""
    collect = gc.isenabled()
    gc.disable()
    try:
        return _run(args, collect)
    finally:
        if collect:
            gc.enable()


def _run(args: argparse.Namespace, collect: bool) -> int:
    from extractor.report import RenderOptions, failed, summary

    config = _settings(args)
    fmt = args.format or config.format
    fail_on = args.fail_on or config.fail_on
    opts = RenderOptions(level="info" if fail_on == "info" else "warning", show_all=args.show_all)
    reports, interrupted = _write(args, config, fmt, opts, collect)
    s = summary(reports)
    if fmt == "text" or args.output:
        print(
            f"factcheck: {s['articles']} article(s), {s['claims']} claim(s), {s['flagged']} flagged, "
            f"{s['errors']} unreadable",
            file=sys.stderr,
        )
    if interrupted:
        print(
            f"factcheck: interrupted; wrote the {len(reports)} article(s) finished", file=sys.stderr
        )
        return 3
    return 1 if failed(reports, fail_on) else 0
