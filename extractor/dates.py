"""Dates as articles and users write them: ISO dates, "April 17, 2025", datelines such as
"TOKYO, April 17 (Reuters) -" near the top of a text."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

import regex


def parse_date(value: Any) -> dt.date:
    """A date from a ``date``, a ``datetime`` or an ISO string (``2025-04-17``,
    ``2025-04-17T10:00:00+09:00``); ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return dt.date.fromisoformat(s[:10])
        except ValueError:
            pass
        parsed = _parse_written_date(s)
        if parsed:
            return parsed
    raise ValueError(f"not a date: {value!r}")


_MONTH_SPELLINGS = (
    "jan january|feb february|mar march|apr april|may|jun june|jul july|aug august|"
    "sep sept september|oct october|nov november|dec december"
)
_MONTHS = {m: i for i, names in enumerate(_MONTH_SPELLINGS.split("|"), 1) for m in names.split()}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE_MDY = (
    rf"{_WEEKDAY}{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
)
_DATE_DMY = rf"{_WEEKDAY}(?P<day>\d{{1,2}})\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)"
_YEAR = regex.compile(r"\b((?:19|20)\d\d)\b")
DATELINE_WINDOW = 1200  # characters from the top of the text searched for a dateline


# Compiled on first use: most articles carry their date in front matter or an ISO string, and a
# cold single-draft check then never pays for these two (a fiftieth of a second).
@lru_cache(maxsize=1)
def _written() -> regex.Pattern[str]:
    return regex.compile(
        rf"\b(?:{_DATE_MDY}|{_DATE_DMY}|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b", regex.I
    )


@lru_cache(maxsize=1)
def _agency_dateline() -> regex.Pattern[str]:
    return regex.compile(
        rf"^[\p{{Lu}}][\p{{Lu}}\s.'-]+,\s+{_DATE_MDY}\s*(?:\([^)\n]{{1,40}}\))?\s*[-\u2013\u2014]",
        regex.I | regex.M,
    )


def _date_from_match(m: regex.Match[str], year: int | None) -> dt.date | None:
    if m.groupdict().get("iso"):
        return dt.date.fromisoformat(m["iso"])
    y = int(m["year"]) if m["year"] else year
    if y is None:
        return None
    try:
        return dt.date(y, _MONTHS[m["month"].lower()], int(m["day"]))
    except ValueError:
        return None


def _parse_written_date(s: str) -> dt.date | None:
    m = _written().fullmatch(s.strip())
    return _date_from_match(m, None) if m else None


def dateline_date(text: str) -> tuple[dt.date, str | None] | None:
    """A publication date written near the top of ``text``, and a note when its year was inferred.

    An agency dateline ("TOKYO, April 17 (Reuters) -") is preferred; otherwise the first full
    written date ("April 17, 2025", "Thursday, April 17, 2025", "17 April 2025", "2025-04-17")."""
    head = text[:DATELINE_WINDOW]
    m = _agency_dateline().search(head)
    if m:
        if m["year"]:
            d = _date_from_match(m, None)
            return (d, None) if d else None
        years = [int(y) for y in _YEAR.findall(text)]
        if years:
            d = _date_from_match(m, max(years))
            if d:
                return (
                    d,
                    f"year {max(years)} of the dateline taken from the latest year in the text",
                )
    for m in _written().finditer(head):
        if m["iso"] or m["year"]:
            d = _date_from_match(m, None)
            if d:
                return d, None
    return None
