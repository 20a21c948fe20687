"""One sentence seen by the claim layer: its mentions, quantities and clauses (absolute offsets)."""

from __future__ import annotations

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


def sentence_view(
    text: str,
    start: int,
    end: int,
    paragraph: int,
    mentions: dict[str, list[Mention]],
    quantities: list[Quantity],
    lex: Lexicon,
) -> SentenceView:
    inside = {t: [m for m in ms if start <= m.start and m.end <= end] for t, ms in mentions.items()}
    qs = tuple(q for q in quantities if start <= q.start and q.end <= end)
    breaks = tuple(
        (m.start() + start, m.end() + start) for m in lex.clause_break.finditer(text[start:end])
    )
    # a break inside a quantity ("9,8" never, but "$63B," is fine) is not a break
    breaks = tuple(b for b in breaks if not any(q.start <= b[0] < q.end for q in qs))
    return SentenceView(text, start, end, paragraph, inside, qs, breaks)
