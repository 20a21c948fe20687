"""Tables and bullet lists whose unit is written once, in a header.

``| Destination | ¥ billion | y/y % |`` over ``| China | 1,622.2 | -2.4 |``, or
``Imports (billion yen, change on a year earlier):`` over ``- China: 2,400.1 (+2.3%)``: the cells
are bare numbers that the quantity finder reads as counts. :func:`table_quantities` (pure) gives
them the unit of their column (tables) or of the list's caption (bullets); the claim layer then
reads each row like a sentence: the row's partner, the caption's metric, the article's period.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence

import regex

from extractor.model import Quantity

_SCALES = {"billion": 1e9, "bn": 1e9, "trillion": 1e12, "trn": 1e12, "tn": 1e12,
           "million": 1e6, "mn": 1e6}  # fmt: skip
_SCALE = r"(?P<scale>billions?|bn|trillions?|trn|tn|millions?|mn)"
_MONEY = regex.compile(
    rf"(?P<cur>¥|JPY|yen|US\$|\$|USD)\s*,?\s*{_SCALE}\b"
    rf"|\b{_SCALE}\s+(?:of\s+)?(?P<cur>yen|¥|JPY|dollars|US\$|USD)",
    regex.IGNORECASE,
)
_PERCENT = regex.compile(r"%|\bper\s*cent\b|\bpercent\b", regex.IGNORECASE)
_RATE = regex.compile(
    r"yen\s+(?:per|to\s+the)\s+dollar|¥\s*/\s*\$|USD\s*/\s*JPY|exchange\s+rate", regex.I
)
_ROW = regex.compile(r"^[ \t]*\|.*\|[ \t]*$", regex.MULTILINE)
_RULE = regex.compile(r"^[\s|:\-]+$")
_BULLET = regex.compile(r"^[ \t]*[-*•][ \t]+[^:\n]{1,40}:[ \t]*", regex.MULTILINE)


@dataclasses.dataclass(frozen=True)
class Unit:
    """The unit a header gives its cells: JPY or USD with a scale, or percent."""

    unit: str
    scale: float
    written: str


def header_unit(text: str) -> Unit | None:
    """The unit a header cell or caption names ("¥ billion", "(billion yen", "y/y %")."""
    m = _MONEY.search(text)
    if m:
        cur = m.group("cur").lower()
        unit = "USD" if cur in ("$", "us$", "usd", "dollars") else "JPY"
        scale = _SCALES[m.group("scale").lower().removesuffix("s")]
        return Unit(unit, scale, m.group())
    if _PERCENT.search(text):
        return Unit("percent", 1.0, "%")
    return None


def table_quantities(text: str, quantities: Sequence[Quantity]) -> list[Quantity]:
    """``quantities`` with the bare numbers of unit-headed tables and lists given their unit."""
    units: dict[int, Unit] = {}
    _table_cells(text, units)
    _bullet_cells(text, quantities, units)
    out = []
    for q in quantities:
        u = units.get(q.start)
        out.append(_reunit(q, u) if u is not None and q.unit == "count" else q)
    return out


def _reunit(q: Quantity, u: Unit) -> Quantity:
    return dataclasses.replace(
        q,
        value=q.value * u.scale,
        unit=u.unit,
        written_unit=u.written,
        precision=q.precision * u.scale,
    )


def _cells(line: str, offset: int) -> list[tuple[int, str]]:
    """(absolute start of the stripped cell, cell text) of a Markdown table row."""
    out = []
    pos = line.index("|") + 1
    for raw in line.strip().strip("|").split("|"):
        lead = len(raw) - len(raw.lstrip())
        out.append((offset + pos + lead, raw.strip()))
        pos += len(raw) + 1
    return out


def _rows(text: str) -> Iterator[tuple[list[tuple[int, str]], list[tuple[int, str]], str]]:
    """(header cells, row cells, caption) of every data row of every Markdown table."""
    header: list[tuple[int, str]] | None = None
    caption = ""
    last_end = -2
    for m in _ROW.finditer(text):
        if m.start() > last_end + 1:  # a new table: its first row is the header
            header, caption = None, _caption(text, m.start()) or ""
        last_end = m.end()
        cells = _cells(m.group(), m.start())
        if header is None:
            header = cells
        elif not _RULE.match(m.group()):
            yield header, cells, caption


def _table_cells(text: str, units: dict[int, Unit]) -> None:
    """A cell takes its row's unit ("Yen per dollar"), its column's ("¥ billion", "y/y %"), or
    the caption's ("trillion yen unless stated")."""
    for header, cells, caption in _rows(text):
        fallback = header_unit(caption)
        row = Unit("JPY_per_USD", 1.0, "yen per dollar") if _RATE.search(cells[0][1]) else None
        for i, (start, _cell) in enumerate(cells):
            column = header_unit(header[i][1]) if i < len(header) else None
            unit = row or column or fallback
            if unit is not None:
                units[start] = unit


def column_headers(text: str) -> dict[int, tuple[int, int]]:
    """Cell start -> (start, end) of its column's header cell ("| | FY2021 | FY2022 |")."""
    out: dict[int, tuple[int, int]] = {}
    for header, cells, _caption_text in _rows(text):
        for i, (start, _cell) in enumerate(cells):
            if i < len(header) and header[i][1]:
                out[start] = (header[i][0], header[i][0] + len(header[i][1]))
    return out


def _bullet_cells(text: str, quantities: Sequence[Quantity], units: dict[int, Unit]) -> None:
    """ "- China: 2,400.1 (+2.3%)" under a caption naming the unit: the first number."""
    starts = {q.start: q for q in quantities}
    for m in _BULLET.finditer(text):
        caption = _caption(text, m.start())
        u = header_unit(caption) if caption else None
        if u is None or u.unit == "percent":
            continue
        q = starts.get(m.end())
        if q is not None and q.unit == "count":
            units[q.start] = u


def _caption(text: str, pos: int) -> str | None:
    """The nearest line above a bullet that is not itself a bullet (within the same block)."""
    for line in reversed(text[:pos].splitlines()[-12:]):
        stripped = line.strip()
        if not stripped:
            continue
        if regex.match(r"[-*•]\s", stripped):
            continue
        return stripped
    return None
