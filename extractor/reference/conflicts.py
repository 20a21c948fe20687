"""Disagreements between sources, reported and never silently resolved.

Three kinds:

``same_release``  two published figures for the same period, partner and flow, released the same
                  day (one release quoted by two sources), whose rounding intervals do not overlap;
``noted``         a row whose source note records a conflict (``CONFLICT`` in the note);
``annual_total``  the CY or FY total summed from the monthly time series (d41ma) differs from the
                  confirmed CY figure of another source by more than ``tolerance`` yen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from extractor.reference.derive import TIME_SERIES_MARK
from extractor.reference.figure import Figure
from extractor.reference.store import Store

ANNUAL_TOLERANCE = 1e8  # 100 million yen


@dataclass(frozen=True)
class Conflict:
    kind: str
    flow: str
    partner: str
    period: str
    figures: tuple[Figure, ...]
    message: str

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "flow": self.flow,
            "partner": self.partner,
            "period": self.period,
            "message": self.message,
            "figures": [f.to_dict() for f in self.figures],
        }


def find_conflicts(store: Store, tolerance: float = ANNUAL_TOLERANCE) -> list[Conflict]:
    out: list[Conflict] = []
    for key in store.keys():
        vintages = store.vintages(*key)
        out += _same_release(vintages)
        out += _noted(vintages)
        out += _annual_total(vintages, tolerance)
    out.sort(key=lambda c: (c.kind, c.flow, c.partner, c.period))
    return out


def _disjoint(a: Figure, b: Figure) -> bool:
    ia, ib = a.interval, b.interval
    return ia is not None and ib is not None and (ia[1] < ib[0] or ib[1] < ia[0])


def _same_release(vintages: Iterable[Figure]) -> list[Conflict]:
    published = [f for f in vintages if f.source_kind != "derived" and f.release_date is not None]
    out = []
    for a, b in combinations(published, 2):
        if a.release_date == b.release_date and a.status == b.status and _disjoint(a, b):
            out.append(
                _conflict(
                    "same_release",
                    (a, b),
                    f"{a.value:,.0f} ({a.source_kind}) vs {b.value:,.0f} ({b.source_kind}) "
                    f"for the release of {a.release_date}",
                )
            )
    return out


def _noted(vintages: Iterable[Figure]) -> list[Conflict]:
    return [_conflict("noted", (f,), f.note) for f in vintages if "CONFLICT" in f.note]


def _annual_total(vintages: list[Figure], tolerance: float) -> list[Conflict]:
    if not vintages or vintages[0].period.kind not in ("CY", "FY"):
        return []
    sums = [f for f in vintages if f.source_kind == "derived" and TIME_SERIES_MARK in f.source]
    confirmed = [f for f in vintages if f.status == "confirmed" and f.source_kind != "derived"]
    out = []
    for s in sums[-1:]:
        for c in confirmed:
            assert s.value is not None
            if c.value is not None and abs(s.value - c.value) > tolerance + c.value_precision:
                out.append(
                    _conflict(
                        "annual_total",
                        (s, c),
                        f"time-series total {s.value:,.0f} vs confirmed {c.value:,.0f} "
                        f"({c.source_kind}): differ by {s.value - c.value:,.0f} yen",
                    )
                )
    return out


def _conflict(kind: str, figures: tuple[Figure, ...], message: str) -> Conflict:
    f = figures[0]
    return Conflict(kind, f.flow, f.partner, f.period.code, figures, message)
