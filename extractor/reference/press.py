"""Importers for MOF's monthly press releases: the English XML (``hodoxml``) and the tidy
transcription of page 2 of many releases (``mof_press_by_area.csv``).

Both give, per release, every area row of page 2 (exports, imports, balance in million yen with the
yoy % as printed) and the year-earlier Grand Total of page 1, which is a later vintage of the
month a year before (status ``revised``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Mapping
from pathlib import Path

import regex
from lxml import etree

from extractor.errors import PeriodError, ReferenceDataError
from extractor.periods import Period
from extractor.reference.figure import Figure, parse_number
from extractor.reference.partners import canonical_partner

_MONTHS = {
    name: i
    for i, name in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ],
        start=1,
    )
}
PRESS_STATUS = {
    "provisional": "provisional",
    "other": "second_release",
    "confirmed": "confirmed",
    "year_earlier_as_of_release": "revised",
}
FLOW_TAGS = (("exports", "export"), ("imports", "import"), ("balance", "sashihiki"))
CSV_COLUMNS = (
    "release_file",
    "release_date",
    "title",
    "period",
    "status",
    "area",
    "exports_myen",
    "exports_yoy",
    "imports_myen",
    "imports_yoy",
    "balance_myen",
    "balance_yoy",
)


def status_from_title(title: str) -> str:
    t = title.strip()
    if t.endswith("(Provisional)"):
        return "provisional"
    if "Detailed Data" in t:
        return "second_release"
    if "Confirmed" in t:
        return "confirmed"
    return "unknown"


def english_month(text: str) -> Period:
    m = regex.fullmatch(r"\s*([A-Z][a-z]+)\s+(\d{4})\s*", text or "")
    if not m or m[1] not in _MONTHS:
        raise ValueError(f"{text!r} is not a month like 'March 2025'")
    return Period.month(int(m[2]), _MONTHS[m[1]])


def english_date(text: str) -> dt.date:
    m = regex.fullmatch(r"\s*([A-Z][a-z]+)\s+(\d{1,2}),\s*(\d{4})\s*", text or "")
    if not m or m[1] not in _MONTHS:
        raise ValueError(f"{text!r} is not a date like 'April 17, 2025'")
    return dt.date(int(m[3]), _MONTHS[m[1]], int(m[2]))


def million_yen(text: str | None) -> float | None:
    """``9,847,814`` / ``-450,825`` / ``△1,234`` (page 1 negatives) in million yen -> yen."""
    s = (text or "").strip().replace("△", "-").replace("▲", "-")
    value = parse_number(s, "value")
    return None if value is None else value * 1e6


def printed_yoy(text: str | None) -> tuple[float | None, str]:
    """A yoy cell as printed: a number, ``-`` (no meaningful rate) or ``*N`` (very large change,
    kept in the note because its meaning is not documented)."""
    s = (text or "").strip()
    if s in ("", "-"):
        return None, ""
    if s.startswith("*"):
        return None, f"yoy printed as {s!r} (very large change), not stored as a %"
    return parse_number(s, "yoy"), ""


def area_figures(
    period: Period,
    area: str,
    cells: Mapping[str, tuple[str | None, str | None]],
    status: str,
    release: dt.date,
    source: str,
    note: str = "",
) -> list[Figure]:
    """Exports, imports and balance of one area row; ``cells`` maps flow -> (value, yoy) text."""
    partner = canonical_partner(area.replace(" (year earlier)", ""))
    if partner is None:
        raise ValueError(f"unknown area {area!r}")
    out = []
    for flow, (value_text, yoy_text) in cells.items():
        value = million_yen(value_text)
        if value is None:
            raise ValueError(f"{flow} value is empty")
        yoy, yoy_note = printed_yoy(yoy_text)
        out.append(
            Figure(
                period=period,
                partner=partner,
                flow=flow,
                value=value,
                value_precision=0.5e6,
                yoy_pct=yoy,
                yoy_basis="published" if yoy is not None else "",
                status=status,
                release_date=release,
                source=source,
                source_kind="official",
                note="; ".join(n for n in (note, yoy_note) if n),
            )
        )
    return out


# -- XML -----------------------------------------------------------------------------------------
def looks_like_hodoxml(data: bytes) -> bool:
    head = data[:4096].lstrip()
    return head.startswith(b"<?xml") or b"<hodoxml" in head


def parse_hodoxml(path: Path, source_name: str | None = None) -> tuple[list[Figure], list[str]]:
    """Every page-2 area row and the page-1 year-earlier Grand Total of one release."""
    name = source_name or path.name
    try:
        root = etree.parse(
            str(path), etree.XMLParser(resolve_entities=False, no_network=True)
        ).getroot()
    except etree.XMLSyntaxError as exc:
        raise ReferenceDataError(
            f"malformed XML: {exc.msg}", path=str(path), line=exc.lineno
        ) from None
    if root.tag != "hodoxml":
        raise ReferenceDataError(f"root element is <{root.tag}>, not <hodoxml>", path=str(path))
    page1 = _one(root, "sogakutsuki", path)
    try:
        release = english_date(_text(page1, "kohyoymd", path))
        title = _text(page1, "title", path)
        period = english_month(_text(page1, "taishoymtonen", path))
        earlier = english_month(_text(page1, "taishoymzennen", path))
    except (ValueError, PeriodError) as exc:
        raise ReferenceDataError(f"page 1: {exc}", path=str(path)) from None
    status = status_from_title(title)
    figures = _page2(root, path, name, period, status, release)
    figures += _year_earlier(page1, path, name, earlier, release)
    _check_totals(page1, figures, path)
    return figures, []


def _page2(
    root, path: Path, name: str, period: Period, status: str, release: dt.date
) -> list[Figure]:
    page2 = _one(root, "chiikikunisogaku", path)
    rows = page2.findall("chiikikunisogakuinfo")
    if not rows:
        raise ReferenceDataError(
            "<chiikikunisogaku> has no <chiikikunisogakuinfo> rows", path=str(path)
        )
    out: list[Figure] = []
    for i, row in enumerate(rows, start=1):
        where = f"{name}:chiikikunisogakuinfo[{i}]"
        cells = {
            flow: (row.findtext(f"{tag}kagakue"), row.findtext(f"{tag}nobiritsu"))
            for flow, tag in (
                ("exports", "export"),
                ("imports", "import"),
                ("balance", "sashihiki"),
            )
        }
        try:
            out += area_figures(
                period, row.findtext("chiikikuni") or "", cells, status, release, where
            )
        except ValueError as exc:
            raise ReferenceDataError(
                f"element chiikikunisogakuinfo[{i}] (line {row.sourceline}): {exc}",
                path=str(path),
                line=row.sourceline,
            ) from None
    return out


def _year_earlier(page1, path: Path, name: str, earlier: Period, release: dt.date) -> list[Figure]:
    cells = {flow: (page1.findtext(f"{tag}/sogakuzennen"), None) for flow, tag in FLOW_TAGS}
    try:
        return area_figures(
            earlier,
            "Grand Total",
            cells,
            "revised",
            release,
            f"{name}:sogakutsuki/sogakuzennen",
            note="year-earlier figure printed on page 1 of a later release",
        )
    except ValueError as exc:
        raise ReferenceDataError(
            f"page 1 sogakuzennen: {exc}", path=str(path), line=page1.sourceline
        ) from None


def _check_totals(page1, figures: list[Figure], path: Path) -> None:
    for flow, tag in FLOW_TAGS:
        try:
            page1_value = million_yen(page1.findtext(f"{tag}/sogakutonen"))
        except ValueError as exc:
            raise ReferenceDataError(f"page 1 {tag}/sogakutonen: {exc}", path=str(path)) from None
        page2 = [
            f.value
            for f in figures
            if f.partner == "World" and f.flow == flow and f.status != "revised"
        ]
        if page1_value is not None and page2 and page2[0] != page1_value:
            raise ReferenceDataError(
                f"page 1 {tag} total {page1_value:,.0f} differs from page 2 Grand Total {page2[0]:,.0f}",
                path=str(path),
            )


def _one(root, tag: str, path: Path):
    found = root.find(tag)
    if found is None:
        raise ReferenceDataError(f"element <{tag}> is missing", path=str(path))
    return found


def _text(parent, tag: str, path: Path) -> str:
    text = parent.findtext(tag)
    if not text:
        raise ReferenceDataError(
            f"element <{tag}> is missing or empty", path=str(path), line=parent.sourceline
        )
    return text


# -- the tidy transcription CSV --------------------------------------------------------------------
def looks_like_press_csv(header: list[str]) -> bool:
    return "release_file" in header and "area" in header


def parse_press_csv(
    path: Path, text: str, source_name: str | None = None
) -> tuple[list[Figure], list[str]]:
    name = source_name or path.name
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise ReferenceDataError(f"missing columns: {', '.join(missing)}", path=str(path), line=1)
    out: list[Figure] = []
    for row in reader:
        line = reader.line_num
        try:
            status = PRESS_STATUS[row["status"]]
            release = dt.date.fromisoformat(row["release_date"])
            period = Period.parse(row["period"])
            cells = {
                flow: (row[f"{flow}_myen"], row[f"{flow}_yoy"])
                for flow in ("exports", "imports", "balance")
            }
            note = (
                "year-earlier figure printed on page 1 of a later release"
                if status == "revised"
                else ""
            )
            out += area_figures(
                period,
                row["area"],
                cells,
                status,
                release,
                f"{name}:{line} ({row['release_file']})",
                note,
            )
        except (KeyError, ValueError, PeriodError) as exc:
            raise ReferenceDataError(f"bad row: {exc}", path=str(path), line=line) from None
    return out, []
