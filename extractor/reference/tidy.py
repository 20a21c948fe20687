"""Importer for the tidy CSV format: the store's own columns, or the ``secondary/`` layout
(``period_type,period,partner,flow,value,unit,yoy_pct,status,release_date,source_url,source_kind,note``).

Values are in yen unless a ``unit`` column says otherwise (``yen_thousand``, ``yen_million``,
``yen_billion``, ``yen_trillion``, ``yen_per_usd``). When no ``value_precision`` is given it is half
of the last written digit in that unit ("9005.3" billion -> 0.05e9).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

from extractor.errors import ReferenceDataError
from extractor.reference.figure import (
    COLUMNS,
    UNIT_SCALE,
    Figure,
    figure_from_row,
    half_unit,
    parse_number,
)
from extractor.reference.partners import canonical_partner

REQUIRED = ("period", "partner", "flow", "value", "status", "source_kind")
SECONDARY_STATUS = {"provisional": "provisional", "confirmed": "confirmed", "unknown": "unknown"}


def looks_like_tidy(header: list[str]) -> bool:
    return all(c in header for c in REQUIRED)


def parse_tidy(
    path: Path,
    text: str,
    source_name: str | None = None,
    undated_as_of: dict[str, dt.date] | None = None,
) -> tuple[list[Figure], list[str]]:
    """Rows of a tidy CSV. ``undated_as_of`` maps a source_kind to the as-of date given to its rows
    that have no release date (e.g. a dataset known to have been retrieved on a given day);
    such rows say so in their note."""
    name = source_name or path.name
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ReferenceDataError(f"missing columns: {', '.join(missing)}", path=str(path), line=1)
    out: list[Figure] = []
    for row in reader:
        line = reader.line_num
        where = f"{name}:{line}"
        try:
            out.append(figure_from_row(_normalise(row, where, undated_as_of or {}), where))
        except (ValueError, KeyError) as exc:
            raise ReferenceDataError(f"bad row: {exc}", path=str(path), line=line) from None
        except ReferenceDataError as exc:
            raise ReferenceDataError(
                exc.message.split(": ", 1)[-1], path=str(path), line=line
            ) from None
    return out, []


def _normalise(
    row: dict[str, str], where: str, undated_as_of: dict[str, dt.date]
) -> dict[str, str]:
    """A row of either layout as a row of the store's layout (values in yen)."""
    out = {c: (row.get(c) or "").strip() for c in COLUMNS}
    if row.get("period_type"):
        out["period"] = f"{row['period_type'].strip()}{row['period'].strip()}"
    partner = canonical_partner(out["partner"])
    if partner is None:
        raise ValueError(f"unknown partner {out['partner']!r}")
    out["partner"] = partner
    unit = (row.get("unit") or "").strip() or (
        "yen_per_usd" if out["flow"] == "usd_jpy_rate" else "yen"
    )
    if unit not in UNIT_SCALE:
        raise ValueError(f"unknown unit {unit!r}")
    scale = UNIT_SCALE[unit]
    written = out["value"]
    if parse_number(written, "value") is not None:
        out["value"] = str(Decimal(written.replace(",", "")) * scale)
        if not out["value_precision"]:
            out["value_precision"] = repr(half_unit(written, scale))
    if out["yoy_pct"] and not out["yoy_basis"]:
        out["yoy_basis"] = "published"
    url = (row.get("source_url") or "").strip()
    if url:
        out["source"] = f"{where} {url}"
    elif not out["source"]:
        out["source"] = where
    if out["status"] in SECONDARY_STATUS:
        out["status"] = SECONDARY_STATUS[out["status"]]
    if not out["release_date"] and out["source_kind"] in undated_as_of:
        day = undated_as_of[out["source_kind"]]
        out["release_date"] = day.isoformat()
        extra = (
            f"release date unknown; as-of set to {day.isoformat()}, when the data set was retrieved"
        )
        out["note"] = f"{out['note']}; {extra}" if out["note"] else extra
    return out
