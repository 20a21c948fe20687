"""Importer for MOF/Customs' monthly time series ``d41ma.csv`` (World exports and imports).

Format (Shift_JIS / cp932): a Japanese heading line, an English heading line, the header
``Years/Months,Exp-Total,Imp-Total``, then one row per month ``YYYY/MM,exports ,imports `` in
thousands of yen. Rows ``0 ,0`` are placeholders for months not yet published (reported as
skipped, never stored). The file carries no date, so the caller gives the vintage date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import regex

from extractor.errors import ReferenceDataError
from extractor.periods import Period
from extractor.reference.derive import TIME_SERIES_MARK, balance_of, d41ma_totals, with_derived_yoy
from extractor.reference.figure import Figure

_ROW = regex.compile(r"^(?P<y>\d{4})/(?P<m>\d{2})$")
HEADER = ("Years/Months", "Exp-Total", "Imp-Total")


def looks_like_d41ma(data: bytes) -> bool:
    head = data[:2000]
    return (
        b"Years/Months" in head and b"Exp-Total" in head
    ) or b"Monthly Data  (a thousand yen)" in head


def decode_cp932(data: bytes, path: str) -> str:
    """Strict Shift_JIS decoding; UTF-16 and invalid bytes are rejected with the line."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise ReferenceDataError(
            "not Shift_JIS text: NUL bytes or a UTF-16 byte-order mark (re-encoded file?)",
            path=path,
            line=1,
        )
    if not data.isascii() and _is_utf8(data):
        raise ReferenceDataError(
            "the file is UTF-8 text; d41ma.csv is Shift_JIS (cp932): re-encoded file?",
            path=path,
            line=1,
        )
    try:
        return data.decode("cp932")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ReferenceDataError(
            f"not valid Shift_JIS (cp932): byte {data[exc.start : exc.start + 1]!r} at offset {exc.start}",
            path=path,
            line=line,
        ) from None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def parse_d41ma(
    path: Path, release_date: dt.date, source_name: str | None = None
) -> tuple[list[Figure], list[str]]:
    """Monthly World exports and imports, their balances, and CY/FY/half totals (derived).

    Returns (figures, skipped) where ``skipped`` says which lines were not data and why.
    """
    name = source_name or path.name
    text = decode_cp932(path.read_bytes(), str(path))
    lines = text.splitlines()
    header_at = _find_header(lines, str(path))
    months: list[Figure] = []
    skipped: list[str] = []
    seen: set[Period] = set()
    for lineno, line in enumerate(lines[header_at + 1 :], start=header_at + 2):
        cells = [c.strip() for c in line.split(",")]
        if not any(cells):
            continue
        period, exports, imports = _parse_row(cells, str(path), lineno)
        if exports == 0 and imports == 0:
            skipped.append(f"{name}:{lineno}: {period.code} is a 0,0 placeholder (not published)")
            continue
        if period in seen:
            raise ReferenceDataError(
                f"month {period.code} appears twice", path=str(path), line=lineno
            )
        seen.add(period)
        for flow, value in (("exports", exports), ("imports", imports)):
            months.append(_month_figure(period, flow, value, release_date, f"{name}:{lineno}"))
    if not months:
        raise ReferenceDataError("no monthly rows after the header", path=str(path))
    return _with_derived(months), skipped


def _find_header(lines: list[str], path: str) -> int:
    for i, line in enumerate(lines[:10]):
        cells = tuple(c.strip() for c in line.split(","))
        if cells[:3] == HEADER:
            return i
    raise ReferenceDataError(
        "header 'Years/Months,Exp-Total,Imp-Total' not found in the first 10 lines", path=path
    )


def _parse_row(cells: list[str], path: str, lineno: int) -> tuple[Period, int, int]:
    if len(cells) < 3:
        raise ReferenceDataError(f"expected 3 cells, found {len(cells)}", path=path, line=lineno)
    m = _ROW.match(cells[0])
    if not m:
        raise ReferenceDataError(f"month {cells[0]!r} is not YYYY/MM", path=path, line=lineno)
    try:
        period = Period.month(int(m["y"]), int(m["m"]))
    except ValueError as exc:
        raise ReferenceDataError(f"bad month {cells[0]!r}: {exc}", path=path, line=lineno) from None
    values = []
    for column, cell in zip(HEADER[1:], cells[1:3], strict=True):
        if not regex.fullmatch(r"-?\d+", cell):
            raise ReferenceDataError(
                f"{column} {cell!r} is not a whole number of thousand yen", path=path, line=lineno
            )
        values.append(int(cell))
    return period, values[0], values[1]


def _month_figure(period: Period, flow: str, thousands: int, day: dt.date, source: str) -> Figure:
    return Figure(
        period=period,
        partner="World",
        flow=flow,
        value=float(thousands) * 1e3,
        value_precision=0.5e3,
        yoy_pct=None,
        status="revised",
        release_date=day,
        source=source,
        source_kind="official",
        note="time-series vintage: the latest revision as of its release date",
    )


def _with_derived(months: list[Figure]) -> list[Figure]:
    by = {(f.flow, f.period): f for f in months}
    balances = [
        balance_of(by[("exports", p)], by[("imports", p)], TIME_SERIES_MARK[1:-1])
        for (flow, p) in by
        if flow == "exports" and ("imports", p) in by
    ]
    monthly = months + balances
    return with_derived_yoy(monthly + d41ma_totals(monthly))
