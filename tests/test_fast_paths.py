"""The shortcuts of issue 6 give the same answers as the long way: the prefilter in the pipeline,
the claim layer re-run on the same Doc, the cached history and the cached parsed store, the
lazy walk."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor import reference
from extractor.batch import iter_walk, walk
from extractor.components import periods_text
from extractor.components.anchored import anchored_finditer
from extractor.components.gates import fold, literal_gate, may_match
from extractor.components.lexicon import TABLES, find_mentions, lexicon
from extractor.components.periods_text import find_period_phrases, period_rules
from extractor.components.quantities import MAIL_STARTS, QUANTITY, STARTS
from extractor.extract import claims_on, extract_claims, extract_doc
from extractor.patterns import claims_en, periods_en
from extractor.pipeline import SKIPPED_NOTE, check_text

TRADE = "Exports rose 3.9% to 9.8 trillion yen in March, the Finance Ministry said."


def test_prefilter_rejects_become_reports_with_a_note() -> None:
    report = check_text(
        "The home side scored 3 goals as 45,000 fans watched.", published="2025-04-20"
    )
    assert report.findings == () and report.error is None
    assert report.meta["skipped"] == SKIPPED_NOTE
    kept = check_text(TRADE, published="2025-04-20")
    assert "skipped" not in kept.meta and kept.findings


def test_company_sales_are_skipped_not_read_as_exports() -> None:
    text = "Nihon Foods said sales rose 0.5% to 6.6 trillion yen in the year to March."
    assert [c.metric for c in extract_claims(text)] == ["other", "other"]
    assert check_text(text).meta["skipped"] == SKIPPED_NOTE


@pytest.mark.parametrize("day", [dt.date(2025, 4, 17), dt.date(2026, 1, 10), None])
def test_claims_on_the_same_doc_equal_a_fresh_extraction(day: dt.date | None) -> None:
    doc = extract_doc(TRADE, None)
    assert claims_on(doc, day) == extract_claims(TRADE, published=day)


def test_claims_on_keeps_the_claims_when_the_date_changes_nothing() -> None:
    text = "Tokyo, April 17, 2025: " + TRADE
    doc = extract_doc(text, None)
    first = doc._.claims
    assert claims_on(doc, dt.date(2025, 4, 17)) == first  # the stated date was the reference
    assert claims_on(doc, dt.date(2025, 4, 17))[0] is first[0]  # not recomputed


def test_history_is_cached_and_callers_cannot_spoil_it() -> None:
    store = reference.load_store(use_overlay=False)
    day = dt.date(2025, 4, 20)
    first = store.history("balance", "World", "month", day)
    first.clear()
    again = store.history("balance", "World", "month", day)
    assert again and again == store.history("balance", "World", "month", day)
    assert all(f.period.end < day for f in again)


def test_parsed_store_is_cached_and_reread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    reference.clear_cache()
    try:
        parsed = reference.load_store(use_overlay=False)
        assert len(list((tmp_path / "cache").glob("store-*.pickle"))) == 1
        reference.clear_cache()
        cached = reference.load_store(use_overlay=False)
        assert cached is not parsed and list(cached) == list(parsed)
        day = dt.date(2025, 4, 20)
        assert cached.history("exports", "China", "FY", day) == parsed.history(
            "exports", "China", "FY", day
        )
        monkeypatch.setenv("FACTCHECK_CACHE", "off")
        assert reference.cache_dir() is None
    finally:
        reference.clear_cache()


def test_walk_streams_in_the_same_order(tmp_path: Path) -> None:
    for rel in ("b/z.md", "b/a.txt", "a.txt", "c.txt", "b/deep/x.html", ".hidden/y.txt"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x\n")
    lazy = iter_walk([tmp_path])
    assert next(lazy) == tmp_path / "a.txt"  # yielded before the rest is listed
    names = [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path])]
    assert names == ["a.txt", "b/a.txt", "b/deep/x.html", "b/z.md", "c.txt"]


# -- quantity scan from its possible starts: exactly what QUANTITY.finditer finds ---------------
_FRAGMENTS = [
    "about", "approximately", "just  over", "minus", "-", "−", "US$", "U.S.$", "¥", "JP¥", "$",
    "3.5", "1,234,567", "2024", "2024-25", "10:30", "12/31/2024", "+81 3-1234-5678", "FY2024",
    "H1", "G7", "1990s", "4th", "twenty-first", "one", "someone", "fourth", "seventy-two", "x",
    "trillion", "yen", "per dollar", "percent", "%", "5兆2217億円", "www.mof.go.jp/a1", "http://x.jp",
    "mail@mof.go.jp", "tons", "April", "17", ".", ",", "(", ")", "the",
]  # fmt: skip
_GLUE = st.sampled_from([" ", "", "\n", "  ", " " * 40, "\u00a0", "\n\n", " " * 33, "\t"])


def _spans(matches: object) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in matches]  # type: ignore[attr-defined]


def _same_as_finditer(text: str) -> None:
    starts = MAIL_STARTS if "@" in text else STARTS
    assert _spans(anchored_finditer(QUANTITY, starts, text)) == _spans(QUANTITY.finditer(text))


@given(st.lists(st.tuples(st.sampled_from(_FRAGMENTS), _GLUE), max_size=60))
def test_anchored_scan_finds_what_finditer_finds(parts: list[tuple[str, str]]) -> None:
    _same_as_finditer("".join(f + g for f, g in parts))


@given(st.text(alphabet="0123456789 abx.,-$%\n", max_size=700))
def test_anchored_scan_on_dense_and_long_runs(text: str) -> None:
    _same_as_finditer(text)


def test_anchored_scan_on_long_runs_and_far_anchors() -> None:
    for text in [
        "9" * 900, "about " + " " * 300 + "5%", "x " * 400 + "5 yen" + " " * 300 + "per dollar",
        "www." + "a" * 700 + " 3%", "+81 " + "12 " * 300, "FY2024 " + "word " * 200 + "3.5%",
    ]:  # fmt: skip
        _same_as_finditer(text)


def test_anchored_scan_on_the_corpus() -> None:
    root = Path(__file__).resolve().parent.parent / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("[0-9]*.md"))]
    assert texts
    for text in texts:
        _same_as_finditer(text)


# -- literal gates: a rule is skipped only when it cannot match ----------------------------------
@pytest.mark.parametrize(
    ("pattern", "gate"),
    [
        (r"exports?|exported", ("export", "exported")),
        (r"(?:trade\s+)?surplus(?:es)?", ("surplus",)),
        (r"(?P<n>\d+)\s+(?:consecutive|straight)\s+months", ("consecutive", "straight")),
        (r"(?<=\b(?:overseas|foreign)\s)sales", ("sales",)),
        (r"(?:the\s+)?(?P<half>first|second)\s+half", ("first", "second")),
        (r"ab|cde", None),  # a branch too short to gate
        (r"(?i:abc)def", None),  # a construct the reader does not know: no gate
        (r"\d+%", None),
        (r"[a-z]+tion", ("tion",)),
        (r"(?:foo)?bar|bazz", ("bar", "bazz")),
        (r"abc\u00a0def", ("abc",)),  # reading stops at a numeric escape, keeps "abc"
        (r"\x41bcd", None),
        (r"(?x)foo bar", None),  # inline flags: no gate at all
        (r"[]abc]xyz|[^]a]uvw", ("uvw", "xyz")),
        (r"\p{Lu}\s+records?", ("record",)),
    ],
)
def test_literal_gate_of_small_patterns(pattern: str, gate: tuple[str, ...] | None) -> None:
    assert literal_gate(pattern) == gate


def _all_rules() -> list[tuple[str, object, tuple[str, ...] | None, list[str]]]:
    data = {r["id"]: r for t in TABLES for r in getattr(claims_en, t)}
    data.update({r["id"]: r for r in periods_en.RULES})
    rules = [(r.id, r.regex, r.gate) for rs in lexicon("en").rules.values() for r in rs]
    rules += [(r.id, r.regex, r.gate) for r in period_rules("en")[0]]
    return [(i, rx, gate, data[i].get("match", [])) for i, rx, gate in rules]


def test_every_rule_example_holds_a_gate_literal_inside_its_match() -> None:
    gated = 0
    for rule_id, rx, gate, examples in _all_rules():
        gated += gate is not None
        for example in examples:
            m = rx.search(example)  # type: ignore[attr-defined]
            assert m, (rule_id, example)
            assert may_match(gate, fold(m.group())), (rule_id, example, gate)
    assert gated >= 60  # most rules are gated (the point of the gates)


def _ungated_mentions(text: str) -> dict[str, list[object]]:
    lex = lexicon("en")
    rules = {t: tuple(dataclasses.replace(r, gate=None) for r in rs) for t, rs in lex.rules.items()}
    return find_mentions(text, dataclasses.replace(lex, rules=rules))


def _same_with_and_without_gates(text: str) -> None:
    assert find_mentions(text, lexicon("en")) == _ungated_mentions(text)
    gated = find_period_phrases(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(periods_text, "may_match", lambda gate, folded: True)
        assert gated == find_period_phrases(text)


_EXAMPLES = sorted({e for _, _, _, examples in _all_rules() for e in examples})
_CASE = st.sampled_from([str, str.upper, str.title, str.lower])


@given(st.lists(st.tuples(st.sampled_from(_EXAMPLES), _CASE, _GLUE), max_size=12))
def test_gates_change_nothing_on_rule_examples(parts: list[tuple[str, object, str]]) -> None:
    _same_with_and_without_gates("".join(case(e) + g for e, case, g in parts))  # type: ignore[operator]


def test_gates_change_nothing_on_the_corpus_and_odd_case_folds() -> None:
    root = Path(__file__).resolve().parent.parent / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("[0-9]*.md"))]
    assert texts
    texts += [
        "EXPORTS İNCREASED 3%",
        "expoſts rose in the ſecond half",
        "Trade Surplus, FIRST HALF",
    ]
    for text in texts:
        _same_with_and_without_gates(text)
