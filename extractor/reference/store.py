"""The store: every figure and vintage, indexed once for fast lookups.

Vintage policy (see docs/reference-data.md): ``lookup(..., as_of=D)`` returns the latest vintage
released on or before D, where a published figure (or a total of a time-series vintage) always
beats a total the tool summed from press-release months (see :func:`authority`). Vintages released the same day are ranked: published before derived,
then by status (provisional < second_release/unknown < confirmed < revised), then by source kind
(wire < dataset < official), then by precision (finer last); the highest ranked is "the" figure. Undated rows are ranked before
every dated one and are only returned when ``as_of`` is None.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractor.errors import ReferenceDataError
from extractor.periods import ORDER, Period
from extractor.reference.derive import TIME_SERIES_MARK
from extractor.reference.figure import Figure, figure_from_row
from extractor.reference.fx import FxSeries

STORE_FILE = "figures.csv"
_STATUS_RANK = {
    "provisional": 0,
    "unknown": 1,
    "second_release": 1,
    "confirmed": 2,
    "revised": 3,
    "derived": 0,
}
_KIND_RANK = {"derived": 0, "wire": 1, "dataset": 2, "official": 3}
Key = tuple[str, str, Period]
_HISTORY_CACHE = 4096  # answers of Store.history kept per store (a few MB at most)
_FIELDS = tuple(f.name for f in fields(Figure))  # a row holds a Figure's fields in this order
Row = tuple[Any, ...]


def authority(f: Figure) -> int:
    """2 for published figures and totals of a time-series vintage (exact sums of revised data),
    1 for other derived figures (sums of press-release months, which MOF's own annual figures
    do not equal because they use revised months): a lookup never prefers a 1 over a 2."""
    if f.source_kind != "derived" or TIME_SERIES_MARK in f.source:
        return 2
    return 1


def vintage_rank(f: Figure) -> tuple[dt.date, int, int, int, float]:
    return (
        f.release_date or dt.date.min,
        0 if f.source_kind == "derived" else 1,
        _STATUS_RANK.get(f.status, 0),
        _KIND_RANK.get(f.source_kind, 0),
        -f.value_precision,  # the finer figure last (thousand yen beats million yen)
    )


class Store:
    """An immutable collection of Figures with an index by (flow, partner, period).

    The store is pickled between runs (see extractor.reference's store cache) and most checks
    read a few dozen of its figures: so it keeps each figure as a plain tuple of its fields (one
    C-level object to unpickle) and its index as row numbers, and builds a Figure, the periods of
    a series and the lookup timelines only on first use."""

    def __init__(self, figures: Iterable[Figure], fx: FxSeries | None = None) -> None:
        made = tuple(figures)
        index: dict[Key, list[int]] = defaultdict(list)
        for i, f in enumerate(made):
            index[f.key].append(i)
        for rows in index.values():
            rows.sort(key=lambda i: vintage_rank(made[i]))
        self._rows = _shared_rows(made)
        self._index: dict[Key, tuple[int, ...]] = {k: tuple(v) for k, v in index.items()}
        self._fx = fx or FxSeries.empty()
        self._reset(list(made))

    def _reset(self, made: list[Figure | None]) -> None:
        """The caches: Figures built so far (by row), then what the queries derived from them."""
        self._made = made
        self._by_key: dict[Key, tuple[Figure, ...]] = {}
        self._series: dict[tuple[str, str, str], tuple[Period, ...]] | None = None
        self._histories: dict[tuple[str, str, str, dt.date | None], tuple[Figure, ...]] = {}
        self._timelines: dict[tuple[str, str, str], tuple[tuple[dt.date, _Timeline], ...]] = {}
        self._points: dict[Key, _Timeline] = {}

    def __getstate__(self) -> dict[str, object]:
        """Pickled as the rows, the index and the FX series: everything else is rebuilt on use."""
        return {"_rows": self._rows, "_index": self._index, "_fx": self._fx}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._reset([None] * len(self._rows))

    def _figure(self, row: int) -> Figure:
        """The Figure of one row, built on first use (two threads may both build it: equal)."""
        f = self._made[row]
        if f is None:
            f = self._made[row] = Figure(*self._rows[row])
        return f

    def _vintages(self, key: Key) -> tuple[Figure, ...]:
        """Every vintage of one figure in rank order (empty when the store does not hold it);
        kept per figure once built, as verification asks for the same figures again and again."""
        found = self._by_key.get(key)
        if found is None:
            rows = self._index.get(key)
            if rows is None:
                return ()
            found = self._by_key[key] = tuple(self._figure(i) for i in rows)
        return found

    def _series_periods(self, key: tuple[str, str, str]) -> tuple[Period, ...]:
        """The periods of one series (flow, partner, basis), sorted; every series is indexed on
        the first question about one."""
        series = self._series
        if series is None:
            found: dict[tuple[str, str, str], set[Period]] = defaultdict(set)
            for flow, partner, period in self._index:
                found[(flow, partner, period.kind)].add(period)  # the basis is the kind
            series = self._series = {k: tuple(sorted(v, key=ORDER)) for k, v in found.items()}
        return series.get(key, ())

    def build_all(self) -> Store:
        """Build now what queries build on first use: every Figure, vintage list and lookup
        timeline (a batch asks for most of them; built before it starts, the memory it takes is
        counted once, and forked workers share it). What it answers does not change."""
        self._series_periods(("", "", ""))  # indexes every series
        for series in tuple(self._series or ()):
            self._timeline(series)  # the timeline of every period of the series, each figure's
        return self

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Figure]:
        return (self._figure(i) for i in range(len(self._rows)))

    @property
    def fx(self) -> FxSeries:
        return self._fx

    # -- queries ----------------------------------------------------------------------------
    def vintages(self, flow: str, partner: str, period: Period | str) -> list[Figure]:
        """Every vintage of one figure, oldest release first (undated rows first)."""
        return list(self._vintages((flow, partner, _period(period))))

    def lookup(
        self,
        flow: str,
        partner: str,
        period: Period | str,
        as_of: dt.date | None = None,
        *,
        need: str = "value",
        derived: bool = True,
        or_later: bool = False,
    ) -> Figure | None:
        """The figure as known on ``as_of`` (None: the latest of all), or None.

        ``need="yoy"`` returns the latest vintage that carries a yoy % (with or without a level);
        ``derived=False`` ignores figures the tool derived; ``need="any"`` takes every row.
        ``or_later=True``: when nothing was released by ``as_of``, the earliest vintage released
        after it (check ``release_date`` to tell; e.g. 2019 months exist only in the 2026 time series).
        The common question (a value as known on a date) is one bisect in the figure's timeline.
        """
        if need not in ("value", "yoy", "any"):
            raise ValueError(f"need must be 'value', 'yoy' or 'any', not {need!r}")
        if need == "value" and derived and as_of is not None:
            t = self._point(flow, partner, _period(period))
            i = bisect_right(t.dates, as_of)
            if i:
                return t.answers[i - 1]
            return t.answers[0] if or_later and t.answers else None
        usable = [
            f
            for f in self._vintages((flow, partner, _period(period)))
            if (need != "value" or f.value is not None)
            and (need != "yoy" or f.yoy_pct is not None)
            and (derived or f.source_kind != "derived")
        ]
        candidates = [
            f
            for f in usable
            if as_of is None or (f.release_date is not None and f.release_date <= as_of)
        ]
        if not candidates:
            later = [f for f in usable if f.release_date is not None] if or_later else []
            return later[0] if later else None
        best = max(authority(f) for f in candidates)
        return [f for f in candidates if authority(f) == best][-1]

    def history(
        self, flow: str, partner: str, basis: str, as_of: dt.date | None = None
    ) -> list[Figure]:
        """One figure per period of ``basis`` ('month', 'CY', 'FY', 'CYH', 'FYH'), sorted by period:
        the vintage current at ``as_of`` where one exists, else the earliest vintage released later
        (months before 2024 exist only in the 2026 time series). Periods that had not ended by
        ``as_of`` are left out: nobody could know them then.

        The store is immutable, so each answer is computed once and kept (up to
        ``_HISTORY_CACHE`` of them); callers get a fresh list."""
        key = (flow, partner, basis, as_of)
        found = self._histories.get(key)
        if found is None:
            if len(self._histories) >= _HISTORY_CACHE:
                self._histories.pop(next(iter(self._histories)))  # the oldest entry
            found = self._histories[key] = tuple(self._history(flow, partner, basis, as_of))
        return list(found)

    def history_at(
        self, flow: str, partner: str, period: Period, as_of: dt.date | None = None
    ) -> Figure | None:
        """What ``history(flow, partner, period.basis, as_of)`` holds for ``period`` (None: it
        holds nothing for it), found without building the whole series: a streak looks at a few
        periods of a series that may hold hundreds."""
        if as_of is None:
            return self._latest(flow, partner, period)
        if period.end >= as_of:
            return None
        return _as_of(self._point(flow, partner, period), as_of)

    def _history(self, flow: str, partner: str, basis: str, as_of: dt.date | None) -> list[Figure]:
        if as_of is None:
            found = (
                self._latest(flow, partner, p) for p in self._series_periods((flow, partner, basis))
            )
        else:
            timeline = self._timeline((flow, partner, basis))
            found = (_as_of(t, as_of) for end, t in timeline if end < as_of)
        return [f for f in found if f is not None]

    def _latest(self, flow: str, partner: str, period: Period) -> Figure | None:
        """The latest figure of a period, else its earliest vintage with a level."""
        return self.lookup(flow, partner, period) or next(
            (v for v in self._vintages((flow, partner, period)) if v.value is not None), None
        )

    def _point(self, flow: str, partner: str, period: Period) -> _Timeline:
        """What ``lookup(flow, partner, period, as_of)`` answers, as a step function of ``as_of``
        (built on first use and kept for the keys the store holds; one bisect per lookup)."""
        key = (flow, partner, period)
        found = self._points.get(key)
        if found is None:
            if key not in self._index:
                return _NOTHING
            found = self._points[key] = _timeline(self._vintages(key))
        return found

    def _timeline(self, key: tuple[str, str, str]) -> tuple[tuple[dt.date, _Timeline], ...]:
        """Per period of a series, its end and its :meth:`_point` timeline (built once per
        series, then one bisect per period and date)."""
        found = self._timelines.get(key)
        if found is None:
            flow, partner, _ = key
            periods = self._series_periods(key)
            found = tuple((p.end, self._point(flow, partner, p)) for p in periods)
            self._timelines[key] = found
        return found

    def partners(self) -> list[str]:
        return sorted({partner for _, partner, _ in self._index})

    def periods(self, flow: str, partner: str, basis: str) -> list[Period]:
        return list(self._series_periods((flow, partner, basis)))

    def keys(self) -> list[Key]:
        return list(self._index)

    # -- exchange rates ---------------------------------------------------------------------
    def fx_market(self, day: dt.date, window_days: int = 7) -> list[tuple[dt.date, float]]:
        """FRED daily USD/JPY rates quoted in [day - window_days, day]."""
        return self._fx.window(day, window_days)

    def fx_average(self, period: Period | str, as_of: dt.date | None = None) -> list[Figure]:
        """Customs average rates quoted for the period (as known on ``as_of``), then the mean of the
        FRED daily rates over the period (derived; only when the series covers the period)."""
        p = _period(period)
        quoted = [
            f
            for f in self.vintages("usd_jpy_rate", "World", p)
            if as_of is None or (f.release_date is not None and f.release_date <= as_of)
        ]
        mean = self._fx.period_mean(p, as_of)
        return quoted + ([mean] if mean else [])


@dataclass(frozen=True)
class _Timeline:
    """One figure's vintages: ``answers[i]`` is the lookup's answer once ``dates[i]`` is
    released (dates ascending); before ``dates[0]``, ``fallback`` (the earliest vintage)."""

    dates: tuple[dt.date, ...]
    answers: tuple[Figure, ...]
    fallback: Figure | None


def _timeline(vintages: tuple[Figure, ...]) -> _Timeline:
    """The answers of ``Store.lookup`` (need="value", derived=True) for every ``as_of``: the last
    vintage of the highest authority among those released by then (vintages in rank order)."""
    dates: list[dt.date] = []
    answers: list[Figure] = []
    best = 0
    current: Figure | None = None
    for f in vintages:
        if f.value is None or f.release_date is None:
            continue
        if authority(f) >= best:
            best, current = authority(f), f
        dates.append(f.release_date)
        answers.append(current)  # type: ignore[arg-type]
    fallback = next((v for v in vintages if v.value is not None), None)
    return _Timeline(tuple(dates), tuple(answers), fallback)


_NOTHING = _Timeline((), (), None)  # the timeline of a figure the store does not hold


def _as_of(t: _Timeline, as_of: dt.date) -> Figure | None:
    """A history's figure for one period: the answer current at ``as_of``, else the earliest."""
    i = bisect_right(t.dates, as_of)
    return t.answers[i - 1] if i else t.fallback


def _shared_rows(figures: tuple[Figure, ...]) -> tuple[Row, ...]:
    """The fields of each figure as a plain tuple, equal strings and dates made one object (a
    pickle then holds each once: a few thousand sources, some eighty release dates)."""
    same: dict[object, object] = {}
    rows = []
    for f in figures:
        values = (getattr(f, name) for name in _FIELDS)
        rows.append(
            tuple(same.setdefault(v, v) if isinstance(v, str | dt.date) else v for v in values)
        )
    return tuple(rows)


def _period(period: Period | str) -> Period:
    return period if isinstance(period, Period) else Period.parse(period)


# -- files ----------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def bundled_dir() -> Path:
    """The data folder shipped inside the package (``extractor/refdata`` -> ``reference/``).
    Resolved once: the package does not move while it runs, and every check asks for it."""
    import extractor

    return Path(extractor.__file__).resolve().parent / "refdata"


def default_store_dir() -> Path:
    """The user overlay: ``$FACTCHECK_HOME`` or ``~/.local/share/factcheck``."""
    home = os.environ.get("FACTCHECK_HOME")
    return Path(home) if home else Path.home() / ".local" / "share" / "factcheck"


def read_store_file(path: Path) -> list[Figure]:
    """Rows of a tidy store file written by :func:`write_store_file`."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        raise ReferenceDataError(f"cannot read the store: {exc.strerror}", path=str(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        return [figure_from_row(row, f"{path}:{reader.line_num}") for row in reader]


def write_store_file(path: Path, figures: Iterable[Figure]) -> None:
    """Write atomically: a temporary file beside ``path``, then a rename."""
    from extractor.reference.figure import COLUMNS

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            for f in figures:
                writer.writerow(f.to_row())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
