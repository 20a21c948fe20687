"""Read any supported file into Figures: the format is recognised from the content.

=============  ==========================================================================
format         recognised by
=============  ==========================================================================
``hodoxml``    an XML declaration or a ``<hodoxml>`` root (MOF English press release)
``d41ma``      ``Years/Months,Exp-Total,Imp-Total`` header (Shift_JIS time series)
``press_csv``  a CSV with ``release_file`` and ``area`` columns (mof_press_by_area.csv)
``tidy``       a CSV with period, partner, flow, value, status, source_kind columns
=============  ==========================================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import ReferenceDataError
from extractor.reference.d41ma import looks_like_d41ma, parse_d41ma
from extractor.reference.derive import vintage_totals, with_derived_yoy
from extractor.reference.figure import Figure
from extractor.reference.press import (
    looks_like_hodoxml,
    looks_like_press_csv,
    parse_hodoxml,
    parse_press_csv,
)
from extractor.reference.tidy import looks_like_tidy, parse_tidy

FORMATS: tuple[str, ...] = ("hodoxml", "d41ma", "press_csv", "tidy")


@dataclass(frozen=True)
class ImportResult:
    """What one file gave: its figures, the lines that were not data (and why), its format."""

    path: str
    format: str
    figures: tuple[Figure, ...]
    skipped: tuple[str, ...] = ()


def detect_format(path: Path, data: bytes) -> str:
    if not data.strip():
        raise ReferenceDataError("file is empty", path=str(path))
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReferenceDataError(
            "UTF-16 text (re-encoded file?): d41ma.csv must be Shift_JIS, CSV files UTF-8",
            path=str(path),
            line=1,
        )
    if looks_like_hodoxml(data):
        return "hodoxml"
    if looks_like_d41ma(data):
        return "d41ma"
    header = _csv_header(path, data)
    if looks_like_press_csv(header):
        return "press_csv"
    if looks_like_tidy(header):
        return "tidy"
    raise ReferenceDataError(
        "unrecognised format: not MOF press XML, d41ma.csv, mof_press_by_area.csv or a tidy CSV "
        f"(header: {','.join(header)[:120]!r})",
        path=str(path),
        line=1,
    )


def _csv_header(path: Path, data: bytes) -> list[str]:
    try:
        text = decode_utf8(data[:8192], path, partial=True)
    except ReferenceDataError:
        text = data[:8192].decode("cp932", errors="replace")  # only to name the header
    return next(csv.reader(io.StringIO(text)), [])


def decode_utf8(data: bytes, path: Path, partial: bool = False) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReferenceDataError("UTF-16 text; save the file as UTF-8", path=str(path), line=1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if partial and exc.start >= len(data) - 3:
            return data[: exc.start].decode("utf-8-sig")
        line = data[: exc.start].count(b"\n") + 1
        raise ReferenceDataError(
            f"not valid UTF-8: byte {data[exc.start : exc.start + 1]!r} at offset {exc.start}",
            path=str(path),
            line=line,
        ) from None


def read_file(
    path: Path,
    *,
    release_date: dt.date | None = None,
    source_name: str | None = None,
    undated_as_of: dict[str, dt.date] | None = None,
) -> ImportResult:
    """Parse one file. ``release_date`` is required for d41ma (the file carries no date);
    ``source_name`` is how rows name the file in their ``source`` (default: the path)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReferenceDataError(f"cannot read: {exc.strerror}", path=str(path)) from None
    name = source_name or str(path)
    fmt = detect_format(path, data)
    skipped: list[str] = []
    if fmt == "hodoxml":
        figures, skipped = parse_hodoxml(path, name)
    elif fmt == "d41ma":
        if release_date is None:
            raise ReferenceDataError(
                "d41ma.csv carries no date: give the date of this vintage (--release-date)",
                path=str(path),
            )
        figures, skipped = parse_d41ma(path, release_date, name)
    elif fmt == "press_csv":
        figures, skipped = parse_press_csv(path, decode_utf8(data, path), name)
        totals = vintage_totals(figures, "monthly press releases")
        figures = figures + with_derived_yoy(totals)
    else:
        figures, skipped = parse_tidy(path, decode_utf8(data, path), name, undated_as_of)
    return ImportResult(str(path), fmt, tuple(figures), tuple(skipped))
