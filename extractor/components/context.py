"""One sentence seen by the claim layer: its mentions, quantities and clauses (absolute offsets)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from extractor.components.lexicon import Lexicon, Mention
from extractor.model import Quantity


@dataclass(frozen=True)
class SentenceView:
    text: str  # the whole article text; offsets below are into it
    start: int
    end: int
    paragraph: int
    mentions: dict[str, list[Mention]]  # tables without a mention in the sentence are absent
    quantities: tuple[Quantity, ...]
    clause_break: Any  # the language's clause-break pattern (see :attr:`breaks`)

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    @cached_property
    def breaks(self) -> tuple[tuple[int, int], ...]:
        """Clause breaks (start, end), found when a clause is first asked for (most sentences
        never ask); a break inside a quantity ("9,8" never, but "$63B," is fine) is not one."""
        s, qs = self.start, self.quantities
        found = self.clause_break.finditer(self.text[s : self.end])
        spans = ((m.start() + s, m.end() + s) for m in found)
        return tuple(b for b in spans if not any(q.start <= b[0] < q.end for q in qs))

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
        """The mentions of ``table`` inside ``[lo, hi)`` (default: the sentence), in order."""
        found = self.mentions.get(table)
        if not found:
            return []
        if lo is None and hi is None:  # every mention of the view lies inside the sentence
            return list(found)
        lo = self.start if lo is None else lo
        hi = self.end if hi is None else hi
        return [m for m in found if m.start >= lo and m.end <= hi]

    def quantity_in(self, lo: int, hi: int, skip: Any = None) -> bool:
        return any(lo <= q.start < hi for q in self.quantities if q is not skip)


class SpanIndex:
    """Items with ``start`` and ``end`` offsets (mentions, quantities, period phrases), indexed
    once per text so that each sentence finds its own by bisection, not by a scan of all."""

    def __init__(self, items: Sequence[Any]) -> None:
        self.items = list(items)
        self.order = sorted(range(len(self.items)), key=lambda i: self.items[i].start)
        self.starts = [self.items[i].start for i in self.order]

    def positions(self, start: int, end: int) -> list[int]:
        """The positions in :attr:`items` of the items with ``start <= item.start`` and
        ``item.end <= end``, in increasing order."""
        lo = bisect_left(self.starts, start)
        hi = bisect_right(self.starts, end, lo)
        if lo == hi:
            return []
        return sorted(i for i in self.order[lo:hi] if self.items[i].end <= end)

    def within(self, start: int, end: int) -> list[Any]:
        """The items with ``start <= item.start`` and ``item.end <= end``, in their given order."""
        return [self.items[i] for i in self.positions(start, end)]


class TableIndex:
    """The mentions of every table in one :class:`SpanIndex`: a sentence finds all of its own
    with one bisection, not one per table (most tables have none in a given sentence)."""

    def __init__(self, mentions: dict[str, list[Mention]]) -> None:
        self.tables = [table for table, ms in mentions.items() for _ in ms]
        self.index = SpanIndex([m for ms in mentions.values() for m in ms])

    def within(self, start: int, end: int) -> dict[str, list[Mention]]:
        """The mentions inside ``[start, end]`` by table, each table's in its given order."""
        out: dict[str, list[Mention]] = {}
        items, tables = self.index.items, self.tables
        for i in self.index.positions(start, end):
            out.setdefault(tables[i], []).append(items[i])
        return out


def sentence_view(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    mentions: TableIndex,
    quantities: SpanIndex,
    lex: Lexicon,
) -> SentenceView:
    inside = mentions.within(start, end)
    qs = tuple(quantities.within(start, end))
    return SentenceView(text, start, end, paragraph, inside, qs, lex.clause_break)
