"""One sentence seen by the claim layer: its mentions, quantities and clauses (absolute offsets)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from extractor.components.lexicon import Lexicon, Mention
from extractor.model import Quantity


@dataclass(frozen=True)
class SentenceView:
    text: str  # the whole article text; offsets below are into it
    start: int
    end: int
    paragraph: int
    mentions: dict[str, list[Mention]]
    quantities: tuple[Quantity, ...]
    breaks: tuple[tuple[int, int], ...]  # clause breaks (start, end)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def clause(self, pos: int) -> tuple[int, int]:
        """(start, end) of the clause holding ``pos``."""
        s, e = self.start, self.end
        for bs, be in self.breaks:
            if be <= pos:
                s = be
            elif bs >= pos:
                e = bs
                break
        return s, e

    def of(self, table: str, lo: int | None = None, hi: int | None = None) -> list[Mention]:
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        return [m for m in self.mentions.get(table, []) if m.start >= lo and m.end <= hi]

    def quantity_in(self, lo: int, hi: int, skip: Any = None) -> bool:
        return any(lo <= q.start < hi for q in self.quantities if q is not skip)


class SpanIndex:
    """Items with ``start`` and ``end`` offsets (mentions, quantities, period phrases), indexed
    once per text so that each sentence finds its own by bisection, not by a scan of all."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = list(items)
        self.order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self.starts = [self.items[i].start for i in self.order]

    def within(self, start: int, end: int) -> list[Any]:
        """The items with ``start <= item.start`` and ``item.end <= end``, in their given order."""
        lo = bisect_left(self.starts, start)
        hi = bisect_right(self.starts, end, lo)
        if lo == hi:
            return []
        picked = sorted(i for i in self.order[lo:hi] if self.items[i].end <= end)
        return [self.items[i] for i in picked]


def sentence_view(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    mentions: dict[str, SpanIndex],
    quantities: SpanIndex,
    lex: Lexicon,
) -> SentenceView:
    inside = {t: ms.within(start, end) for t, ms in mentions.items()}
    qs = tuple(quantities.within(start, end))
    breaks = tuple(
        (m.start() + start, m.end() + start) for m in lex.clause_break.finditer(text[start:end])
    )
    # a break inside a quantity ("9,8" never, but "$63B," is fine) is not a break
    breaks = tuple(b for b in breaks if not any(q.start <= b[0] < q.end for q in qs))
    return SentenceView(text, start, end, paragraph, inside, qs, breaks)
