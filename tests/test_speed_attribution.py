"""The fast paths of the sentence views give what the plain code gives.

A sentence finds its mentions of every table with one bisection (``TableIndex``), asks for its
clause breaks only when a clause is wanted (most sentences never do), and ``of`` with no bounds
returns its mentions as they are. The oracles: a plain filter of every item per sentence, the
breaks found eagerly as before, and the claim layer's own modules as they were at commit
1370c69 (read from git; the finders they call, periods_text and lexicon, are today's, so only
the sentence and claim code is compared). Texts: corpus/*.md, corpus/heldout/*.md and the
600 generated articles (tests/generated.py; read as test_speed_claims reads them).
"""

from __future__ import annotations

import datetime as dt
import random
from types import ModuleType
from typing import Any

import pytest
from code_at import components_at
from test_speed_claims import _layer_inputs as _inputs
from test_speed_claims import _texts, same_claims, with_todays_comparison_periods

from extractor.components.context import SpanIndex, TableIndex, sentence_view
from extractor.components.lexicon import Mention, find_mentions, lexicon
from extractor.model import Quantity

BEFORE = "1370c69"  # the sentence and claim code before the speed work
MINE = ("assemble", "claims", "attribution", "context", "phrase_claims", "records", "exclusions")


# -- indexes: one bisection == a plain filter -----------------------------------------------


def _mention(table: str, start: int, end: int) -> Mention:
    return Mention(table, f"{table.lower()}.x", start, end, "x" * (end - start))


def _plain(mentions: dict[str, list[Mention]], start: int, end: int) -> dict[str, list[Mention]]:
    inside = {t: [m for m in ms if start <= m.start and m.end <= end] for t, ms in mentions.items()}
    return {t: ms for t, ms in inside.items() if ms}


def test_table_index_equals_a_plain_filter_on_random_spans() -> None:
    """Overlapping and empty items, items across sentence edges, unsorted tables, odd windows."""
    rng = random.Random(6)
    for _ in range(300):
        mentions: dict[str, list[Mention]] = {}
        for table in rng.sample(["METRICS", "PARTNERS", "DIRECTIONS", "TOTALS"], rng.randint(0, 4)):
            starts = [rng.randint(0, 60) for _ in range(rng.randint(0, 8))]
            mentions[table] = [_mention(table, s, s + rng.randint(0, 9)) for s in starts]
        index = TableIndex(mentions)
        for _ in range(10):
            a = rng.randint(-2, 70)
            b = a + rng.randint(0, 30)
            assert index.within(a, b) == _plain(mentions, a, b), (mentions, a, b)


def test_span_index_keeps_the_given_order() -> None:
    items = [_mention("T", 9, 12), _mention("T", 2, 4), _mention("T", 2, 3), _mention("T", 5, 20)]
    assert SpanIndex(items).within(0, 12) == [items[0], items[1], items[2]]
    assert SpanIndex(items).positions(0, 12) == [0, 1, 2]


# -- sentence views: lazy breaks and unbounded ``of`` == the plain reading -------------------


def _eager_breaks(text: str, start: int, end: int, qs: tuple[Quantity, ...]) -> tuple[Any, ...]:
    """The clause breaks as sentence_view found them before: every sentence, at once."""
    found = tuple(
        (m.start() + start, m.end() + start)
        for m in lexicon("en").clause_break.finditer(text[start:end])
    )
    return tuple(b for b in found if not any(q.start <= b[0] < q.end for q in qs))


def _check_views(text: str, sentences: list[tuple[int, int, int]], qs: list[Quantity]) -> None:
    lex = lexicon("en")
    mentions = find_mentions(text, lex)
    by_table, by_quantity = TableIndex(mentions), SpanIndex(qs)
    for start, end, paragraph in sentences:
        sv = sentence_view(text, start, end, paragraph, by_table, by_quantity, lex)
        inside = [q for q in qs if start <= q.start and q.end <= end]
        assert list(sv.quantities) == inside
        assert sv.breaks == _eager_breaks(text, start, end, sv.quantities)
        for table, ms in mentions.items():
            plain = [m for m in ms if start <= m.start and m.end <= end]
            assert sv.of(table) == plain
            assert sv.of(table, start) == plain
            mid = (start + end) // 2
            assert sv.of(table, mid, end) == [m for m in plain if m.start >= mid]


def test_sentence_views_equal_the_plain_reading_on_a_corpus_sample() -> None:
    for text in _texts(sample=10):
        _check_views(*_inputs(text))


def test_of_returns_a_list_of_its_own() -> None:
    text = "Exports to China rose 5%, while imports fell."
    args = _inputs(text)
    lex = lexicon("en")
    by_table = TableIndex(find_mentions(text, lex))
    sv = sentence_view(text, 0, len(text), 0, by_table, SpanIndex(args[2]), lex)
    sv.of("METRICS").clear()
    assert [m.text for m in sv.of("METRICS")] == ["Exports", "imports"]
    assert sv.clause(20) == (0, 24)


# -- the claim layer: my modules at 1370c69 == now -------------------------------------------


@pytest.fixture(scope="module")
def old_layer(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``assemble`` with the sentence and claim modules as at ``BEFORE`` (the finders today's)."""
    layer = components_at(BEFORE, MINE, tmp_path_factory.mktemp("old_sentences"), "assemble")
    return with_todays_comparison_periods(layer)


def _same_claims(old_layer: ModuleType, texts: list[str]) -> None:
    same_claims(old_layer, texts, dates=(dt.date(2024, 5, 2),))


def test_claims_equal_the_sentence_code_before_on_a_corpus_sample(old_layer: ModuleType) -> None:
    _same_claims(old_layer, _texts(sample=25, unchanged=True))


@pytest.mark.slow
def test_claims_equal_the_sentence_code_before_on_every_text(old_layer: ModuleType) -> None:
    _same_claims(old_layer, _texts(unchanged=True))


@pytest.mark.slow
def test_sentence_views_equal_the_plain_reading_on_every_text() -> None:
    for text in _texts():
        _check_views(*_inputs(text))
