"""The user overlay: figures imported by ``factcheck reference import`` into a store directory.

Imports are atomic (every file of one call is parsed and checked before anything is written, and
the store file is replaced by a rename) and idempotent (a row identical to one already in the
bundled store or the overlay, apart from its source text, is not added again).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.reference.figure import Figure
from extractor.reference.importers import ImportResult, read_file
from extractor.reference.store import STORE_FILE, read_store_file, write_store_file


@dataclass(frozen=True)
class ImportReport:
    store_file: Path
    results: tuple[ImportResult, ...]
    added: int
    duplicates: int


def overlay_file(store_dir: Path) -> Path:
    return Path(store_dir) / STORE_FILE


def read_overlay(store_dir: Path) -> list[Figure]:
    path = overlay_file(store_dir)
    return read_store_file(path) if path.exists() else []


def import_files(
    paths: Sequence[Path],
    store_dir: Path,
    *,
    release_date: dt.date | None = None,
    existing: Iterable[Figure] = (),
) -> ImportReport:
    """Parse every file (raising ReferenceDataError on the first bad one, before writing anything),
    then add the new rows to the overlay in ``store_dir``. ``existing`` (e.g. the bundled figures)
    counts as already present."""
    results = tuple(read_file(Path(p), release_date=release_date) for p in paths)
    current = read_overlay(store_dir)
    seen = {f.identity() for f in existing} | {f.identity() for f in current}
    added: list[Figure] = []
    duplicates = 0
    for result in results:
        for f in result.figures:
            if f.identity() in seen:
                duplicates += 1
                continue
            seen.add(f.identity())
            added.append(f)
    target = overlay_file(store_dir)
    if added:
        write_store_file(target, current + added)
    return ImportReport(target, results, len(added), duplicates)
