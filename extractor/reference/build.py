"""Build the bundled tidy store (``reference/store/figures.csv``) from the raw layer.

The raw layer is the official files themselves, copied verbatim into ``reference/`` (where they
come from: ``reference/README.md`` and the READMEs beside the files); each ``RAW_SOURCES``
entry names a file, the date of its vintage when the file carries none, and why.
Rebuild with ``factcheck reference build``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from extractor.reference.figure import Figure
from extractor.reference.importers import read_file
from extractor.reference.store import STORE_FILE, vintage_rank, write_store_file

STORE_SUBDIR = "store"


@dataclass(frozen=True)
class RawSource:
    path: str  # relative to the raw layer
    release_date: dt.date | None = None  # for files that carry no date (d41ma)
    undated_as_of: tuple[tuple[str, dt.date], ...] = ()  # source_kind -> as-of for undated rows
    why: str = ""


RAW_SOURCES: tuple[RawSource, ...] = (
    RawSource(
        "official/d41ma.csv",
        release_date=dt.date(2026, 9, 29),
        why="official/README.md: d41ma's last month equals press_2026085en.xml, released 2026-09-29",
    ),
    RawSource("official/mof_press_by_area.csv", why="release dates are in the file"),
    RawSource(
        "secondary/mof_annual.csv",
        undated_as_of=(("dataset", dt.date(2026, 10, 2)),),
        why="mof_annual_SOURCES.md: confirmed CY totals scraped into a repo whose file says "
        "historical_backfill_at 2026-10-02; their publication date is unknown",
    ),
    RawSource("secondary/mof_monthly.csv", why="undated rows stay undated (see docs)"),
)


def build_figures(raw_dir: Path) -> tuple[list[Figure], list[str]]:
    """Every figure of the raw layer, sorted by key and vintage; and the skipped-line messages."""
    figures: list[Figure] = []
    skipped: list[str] = []
    for src in RAW_SOURCES:
        result = read_file(
            raw_dir / src.path,
            release_date=src.release_date,
            source_name=src.path,
            undated_as_of=dict(src.undated_as_of),
        )
        figures.extend(result.figures)
        skipped.extend(result.skipped)
    figures.sort(key=lambda f: (f.flow, f.partner, f.period.kind, f.period, vintage_rank(f)))
    return figures, skipped


def build_store(raw_dir: Path, out_dir: Path | None = None) -> tuple[Path, int, list[str]]:
    """Write ``<out_dir>/store/figures.csv`` (default: in ``raw_dir``); returns the path, the
    number of rows and the skipped-line messages."""
    figures, skipped = build_figures(raw_dir)
    target = (out_dir or raw_dir) / STORE_SUBDIR / STORE_FILE
    write_store_file(target, figures)
    return target, len(figures), skipped
