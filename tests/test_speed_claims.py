"""The fast paths of the claim layer give what the plain code gives.

Period phrases: each rule is tried only where one of its heads starts
(``heads.pattern_heads``); the oracle here runs every rule with ``finditer`` over the
whole text, as the finder did before. The claim layer (claims built once from their fields,
sentences finding their mentions by bisection): the oracle is the layer as it was at commit
1370c69, read from git into a package of its own. Texts: corpus/*.md, corpus/heldout/*.md, the
600 generated articles (tests/generated.py), and generated mixes with odd case folds.
"""

from __future__ import annotations

import random
import string
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import regex
from code_at import components_at
from generated import generated_dir

from extractor.components import periods_text
from extractor.components.assemble import assemble_claims
from extractor.components.gates import fold
from extractor.components.heads import DIGIT, SPACE, pattern_heads
from extractor.components.periods_text import (
    PeriodPhrase,
    find_period_phrases,
    period_rules,
    resolve_overlaps,
)
from extractor.components.starts import Starts, split_head
from extractor.patterns import periods_en

ROOT = Path(__file__).resolve().parent.parent


# articles whose claims differ, by intention, from the claim layer before the speed work (see
# BEFORE below): rules added later read them differently (a4c66ae; each rule has tests of its
# own in test_extract.py). The comparisons with the old layer leave them out.
READ_DIFFERENTLY_SINCE = {
    "071-august-2025-autos-analysis.md": "a tariff in another clause: 'about 28%' is a commodity",
    "073-digital-deficit-opinion.md": "'last month' is a period (the release, here)",
    "082-may-2025-analysis.md": "'In May,' opens a sentence with its period",
    "093-january-2025-explainer.md": "'last month' is a period (read against other dates)",
}


def _texts(sample: int | None = None, *, unchanged: bool = False) -> list[str]:
    """The corpus, held-out and generated articles (every ``len // sample``-th); ``unchanged``:
    without those of :data:`READ_DIFFERENTLY_SINCE`."""
    paths = sorted((ROOT / "corpus").glob("*.md")) + sorted((ROOT / "corpus/heldout").glob("*.md"))
    paths += sorted(generated_dir().glob("*.md"))
    if sample is not None:
        paths = paths[:: max(1, len(paths) // sample)]
    if unchanged:
        paths = [p for p in paths if p.name not in READ_DIFFERENTLY_SINCE]
    return [p.read_text(encoding="utf-8") for p in paths]


def _oracle_phrases(text: str) -> list[PeriodPhrase]:
    """Every rule over the whole text, no gate, no anchor: the plain reading."""
    rules, months = period_rules("en")
    found = [
        periods_text._phrase(m, rule, months)
        for rule in rules
        for m in rule.regex.finditer(text)
        if m.end() > m.start()
    ]
    return resolve_overlaps(found)


def _fresh(text: str) -> list[PeriodPhrase]:
    periods_text._period_phrases.cache_clear()
    return find_period_phrases(text)


# -- heads ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "pattern,heads",
    [
        (r"fiscal\s+(?P<year>\d{4})", ("fisc",)),
        (
            r"(?:the\s+)?(?P<half>first|second)\s+half",
            ("firs", "seco", r"the\s"),
        ),  # on through a space
        (r"(?:Jan|Feb)\.", ("feb.", "jan.")),
        (r"H(?P<half>[12])\s+\d{4}|\d{4}\s*H", (r"\d\d\d\d", r"h1\s", r"h2\s")),
        (
            r"(?<![\d$])(?P<year>19[5-9]\d|20\d\d)",
            (r"195\d", r"196\d", r"197\d", r"198\d", r"199\d", r"20\d\d"),
        ),  # fmt: skip
        (r"\bMay\b|May(?=['’]s)", ("may",)),
        (r"(?:a|the)\s+year", (r"a\s", r"the\s")),
        (r"Jan|January", ("jan",)),  # "january" starts where "jan" does
        (r"\d{1,2}\s+May", (r"\d\d\s", r"\d\s")),  # a short count: each length
        (r"a[-–]b|x{2,3}y", ("a-b", "a–b", "xxxy", "xxy")),  # caseless punctuation, repeats
        (r"the(?:\s+)?x", (r"the\s", "thex")),
        (r"abcdefghij", ("abcd",)),  # cut to HEAD_LEN elements
        (r"–year", ("–yea",)),
    ],
)
def test_pattern_heads(pattern: str, heads: tuple[str, ...]) -> None:
    assert pattern_heads(pattern) == heads


def test_pattern_heads_keep_case_when_the_rule_does() -> None:
    assert pattern_heads(r"March|(?<=\bin\s)May", folded=False) == ("Marc", "May")


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?:the\s+)?",  # may match nothing
        r"\s+year",  # opens with a class of spaces
        r".year",
        r"[-\s]year",
        r"(?i)year",  # inline flags
        r"(?>year)",  # an atomic group
        r"\x41pril",  # an escape that is not one plain item
        r"(year",  # unbalanced
        r"year|(?:\s)?",
        r"éyear",  # a letter with case outside ASCII
        r"(?=x)+year",  # a repeated look-around
    ],
)
def test_pattern_heads_none_when_not_proved(pattern: str) -> None:
    assert pattern_heads(pattern) is None


def test_every_period_rule_is_anchored_and_its_examples_start_with_a_head() -> None:
    rules = {r.id: r for r in period_rules("en")[0]}
    for data in periods_en.RULES:
        rule = rules[data["id"]]
        assert rule.heads, rule.id
        for example in data["match"]:
            start = example if data.get("case") else example.casefold()
            assert any(_as_pattern(h).match(start) for h in rule.heads), (rule.id, example)


def test_ignorecase_matches_of_head_characters_are_their_case_folds() -> None:
    """The folded text is searched for heads: every character ``regex`` matches to a head
    character under IGNORECASE folds to it (İ, which folds to two, turns anchoring off)."""
    every = "".join(chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000)
    heads = "".join(h for r in period_rules("en")[0] for h in (r.heads or ()))
    for ch in sorted(set(heads.replace(DIGIT, "").replace(SPACE, ""))):
        for m in regex.finditer(regex.escape(ch), every, regex.IGNORECASE):
            assert m.group() == "\u0130" or m.group().casefold() == ch.casefold(), (ch, m.group())


def _as_pattern(head: str) -> Any:
    """``head`` as the pattern it stands for: its characters, ``\\d`` and ``\\s``."""
    elements = regex.findall(r"\\[ds]|.", head, flags=regex.DOTALL)
    return regex.compile("".join(e if e in (DIGIT, SPACE) else regex.escape(e) for e in elements))


def _plain_starts(text: str, heads: tuple[str, ...], caseless: bool) -> list[int]:
    """Every offset where one of ``heads`` matches, tried at each offset (no key, no runs)."""
    searched = fold(text) if caseless else text
    patterns = [_as_pattern(h) for h in heads]
    return [p for p in range(len(text)) if any(rx.match(searched, p) for rx in patterns)]


def _same_starts(text: str) -> None:
    folded = fold(text)
    if "\u0130" in text or len(folded) != len(text):
        return  # the finder does not anchor such a text
    starts = Starts(text, folded)
    for rule in period_rules("en")[0]:
        assert rule.heads is not None
        found = starts.of(rule.heads, rule.caseless)
        assert found == _plain_starts(text, rule.heads, rule.caseless), (rule.id, text)


def test_head_starts_equal_a_try_at_every_offset() -> None:
    for text in [
        *_mixes(60, seed=7),
        "12 3 45 678 9012 34567 2025H1 2025 H2 \u0663\u0664 1 a\tyear a\xa0year the\u3000first 17\u2003April a\x1cyear ",
        *_texts(4),
    ]:
        _same_starts(text)


def test_every_period_rule_opens_its_heads_with_a_literal_or_a_digit() -> None:
    """Where a rule is tried: digits only before what the pattern requires next (``17 April``,
    ``2025 H1``: four digits), "a" only before a space ("a year earlier")."""
    rules = {r.id: r for r in period_rules("en")[0]}
    assert {h for h in rules["period.date"].heads or () if h.startswith(DIGIT)} == {
        r"\d\s",
        r"\d\d\s",
    }
    assert {h for h in rules["period.calendar_half"].heads or () if h.startswith(DIGIT)} == {
        r"\d\d\d\d"
    }
    assert r"a\s" in (rules["period.year_earlier"].heads or ())
    for rule in rules.values():
        for head in rule.heads or ():
            key, digits, _ = split_head(head)
            assert digits or key and key[0] != SPACE, (rule.id, head)


def test_split_head() -> None:
    assert split_head(r"in\s") == (("in", SPACE), 0, ())
    assert split_head(r"20\d\d") == (("20",), 0, (DIGIT, DIGIT))
    assert split_head(r"\d\d\s") == ((), 2, (SPACE,))
    assert split_head(r"a\s\sb") == (("a", SPACE, SPACE, "b"), 0, ())


# -- period phrases: anchored == plain ------------------------------------------------------


def _mixes(n: int, seed: int = 6) -> list[str]:
    """Texts of month names, numbers and words glued in odd ways, with odd case folds."""
    rng = random.Random(seed)
    months = list(periods_en.MONTHS) + ["Sept.", "Jan.", "MAY", "mAy", "DECEMBER"]
    words = ["the", "a", "first", "half", "fiscal", "FY", "year", "H1", "H2", "last", "from",
             "to", "through", "ending", "previous", "same", "month", "of", "in", "at", "early", "earlier",
             "ago",
             "Ｍarch", "İn", "ß", "ǰanuary", "\u212aelvin", "ſeptember", "dismay", "  ", "\n"]  # fmt: skip
    parts = months + words + ["2025", "2024", "17", "1999", "24", "6", "12", "-", "–", ",", "."]
    out = []
    for _ in range(n):
        glue = [rng.choice(["", " ", " ", "  ", "\n", "-", "’s "]) for _ in range(40)]
        out.append("".join(rng.choice(parts) + g for g in glue))
    out.append("İn March 2025 the first half of fiscal 2024")  # folding changes the length
    out.append(string.printable * 3)
    return out


def test_period_phrases_equal_plain_reading_on_mixes() -> None:
    for text in _mixes(400):
        assert _fresh(text) == _oracle_phrases(text), text


def test_period_phrases_equal_plain_reading_on_a_corpus_sample() -> None:
    for text in _texts(sample=40):
        assert _fresh(text) == _oracle_phrases(text)


@pytest.mark.slow
def test_period_phrases_equal_plain_reading_on_every_text() -> None:
    for text in _texts():
        assert _fresh(text) == _oracle_phrases(text)


def test_find_period_phrases_returns_a_fresh_list() -> None:
    text = "Exports rose in March 2025 from a year earlier."
    first = find_period_phrases(text)
    first.clear()
    assert find_period_phrases(text) == _oracle_phrases(text)


# -- the claim layer: as it was at 1370c69 == now -------------------------------------------

BEFORE = "1370c69"  # the claim layer before the speed work
LAYER = ("periods_text", "assemble", "claims", "attribution", "context", "phrase_claims",
         "records", "exclusions")  # fmt: skip


# period kinds added after BEFORE (quarters and spans of months, 8b78724; "last month"): the old resolver
# cannot read them, so the old layer is given today's reading of those phrases alone
NEW_KINDS = frozenset({"quarter", "month_span", "last_month"})


@pytest.fixture(scope="module")
def old_layer(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``assemble`` of the claim layer at ``BEFORE``, its modules importing one another."""
    layer = components_at(BEFORE, LAYER, tmp_path_factory.mktemp("old_layer"), "assemble")
    old_resolve = layer.resolve_period

    def resolve(phrase: Any, ctx: Any) -> Any:
        new = phrase.kind in NEW_KINDS
        return (periods_text.resolve_period if new else old_resolve)(phrase, ctx)

    layer.resolve_period = resolve
    return with_todays_comparison_periods(layer)


def with_todays_comparison_periods(layer: ModuleType) -> ModuleType:
    """The rule added after ``BEFORE`` for a comparison's own figure ("slowing from an 11.4%
    gain in February") decides in the old layer where it decides today: the old ``claims``
    module gets today's ``period_at`` for those figures, its own for every other."""
    from extractor.components import attribution

    claims = sys.modules[layer.__name__.rsplit(".", 1)[0] + ".claims"]
    old_gap = sys.modules[claims.__name__.rsplit(".", 1)[0] + ".attribution"]._AFTER_GAP
    old_period_at = claims.period_at

    def period_at(sv: Any, a: int, b: int, hits: Any, change: bool, state: Any) -> Any:
        theirs = old_period_at(sv, a, b, hits, change, state)
        mine = attribution.period_at(sv, a, b, hits, change, state)
        hit = mine[0]
        if mine[:2] == theirs[:2] or hit is None:  # the third item (the base) is not compared:
            return theirs  # it was a flag then, and only today's basis reading uses it
        gap = sv.text[b : hit.phrase.start]
        new_noun = hit.phrase.start >= b and not old_gap.match(gap)  # "an 11.4% gain in"
        return mine if new_noun or attribution._inside_base(sv, a, hit.phrase) else theirs

    claims.period_at = period_at
    return layer


def test_the_old_layer_reads_new_period_kinds_as_today(old_layer: ModuleType) -> None:
    text = "Exports rose 5% in the April-June quarter of 2025, and imports fell 2% in May 2025."
    assert [p.kind for p in periods_text.find_period_phrases(text)] == ["quarter", "month_year"]
    same_claims(old_layer, [text])


def test_the_old_layer_keeps_a_comparisons_own_period_as_today(old_layer: ModuleType) -> None:
    text = "Exports rose 3.9% in March 2025, slowing from an 11.4% gain in February."
    same_claims(old_layer, [text])


def _layer_inputs(text: str) -> tuple[Any, ...]:
    """What the claim layer is given for ``text``: sentences and quantities of the pipeline."""
    from extractor.nlp import TEXT_KEY, build_nlp, paragraphs

    nlp = build_nlp("en")
    doc = nlp.make_doc(text)
    doc.user_data[TEXT_KEY] = text
    for name, proc in nlp.pipeline:
        if name != "extractor_claims":
            doc = proc(doc)
    quantities = [s._.quantity for s in doc.spans.get("quantities", []) if s._.quantity]
    return text, paragraphs(doc), quantities


def same_claims(old_layer: ModuleType, texts: list[str], dates: tuple[Any, ...] = ()) -> None:
    """Today's claim layer gives what ``old_layer`` gave on every text, undated and published on
    17 April 2025 and on each of ``dates`` (the period phrases read afresh each time)."""
    import datetime as dt

    for text in texts:
        args = _layer_inputs(text)
        for published in (None, dt.date(2025, 4, 17), *dates):
            periods_text._period_phrases.cache_clear()
            assert assemble_claims(*args, published) == old_layer.assemble_claims(*args, published)


def test_claims_equal_the_layer_before_on_a_corpus_sample(old_layer: ModuleType) -> None:
    same_claims(old_layer, _texts(sample=25, unchanged=True))


@pytest.mark.slow
def test_claims_equal_the_layer_before_on_every_text(old_layer: ModuleType) -> None:
    same_claims(old_layer, _texts(unchanged=True))


def test_the_articles_read_differently_exist() -> None:
    names = {p.name for p in (ROOT / "corpus").glob("*.md")}
    assert set(READ_DIFFERENTLY_SINCE) <= names
