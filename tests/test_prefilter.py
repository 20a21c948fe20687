"""The cheap prefilter: what it keeps, what it skips, and that it never skips a claim."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.prefilter import TRADE_VOCABULARY, might_have_claims

ROOT = Path(__file__).resolve().parents[1]

# Sentences in the manner of trade news (written for these tests, not copied from the seeds).
TRADE_SENTENCES = [
    "Japan's exports rose 3.9% in March from a year earlier, the Finance Ministry said.",
    "The country logged a trade deficit of 5.2 trillion yen in fiscal 2024.",
    "Imports fell 2 percent to 9.3 trillion yen.",
    "Shipments to China slipped for a second month.",
    "The surplus with the United States reached $63 billion in the year to March.",
    "Exports hit a record high.",
    "Japan posted its first trade surplus in three months.",
    "The yen averaged 152 to the dollar over the year.",
    "The Ministry of Finance reported the figures on Thursday.",
    "EXPORTS TO THE U.S. FELL 11%",
    "The shortfall narrowed by 44% from the previous year.",
    "The current-account surplus widened.",
    "Customs-cleared figures showed a rebound.",
    "The dollar-yen rate stood at 148.",
    "The yen traded at 157 against the U.S. dollar.",
    "The yen fell to 160 against the U.S. dollar.",  # the stem is 17 characters into the match
    "3月の輸出は前年同月比3.9%増えた。",
    "貿易収支は5兆円の赤字だった。",
    "財務省が発表した。",
    "円安が輸出額を押し上げた。",
]

# A company's sales are not Japan's exports: the claim layer reads "sales" as exports only with a
# trade cue ("sales to China", "overseas sales"), and the prefilter skips company news.
COMPANY_SALES = "Sales rose 12 percent to 4.5 billion yen on strong demand for its new phone."

UNRELATED_SENTENCES = [
    COMPANY_SALES,
    "The home side scored 3 goals in the 2nd half as 45,000 fans watched.",
    "Temperatures will reach 31 degrees in Osaka on Tuesday, with a 40% chance of rain.",
    "The company raised its annual profit forecast to 1.2 trillion yen.",
    "The important thing is to rest, the coach said after the 2-1 win.",
    "A tradition of 300 years lives on in the village festival.",
    "",
    "No numbers, nothing of note, just a quiet day.",
]


@pytest.mark.parametrize("sentence", TRADE_SENTENCES)
def test_keeps_trade_vocabulary(sentence: str) -> None:
    assert might_have_claims(sentence)
    assert might_have_claims(f"Filler before. {sentence} Filler after, 17 of them.")


@pytest.mark.parametrize("sentence", UNRELATED_SENTENCES)
def test_skips_text_without_trade_vocabulary(sentence: str) -> None:
    assert not might_have_claims(sentence)


@pytest.mark.parametrize(
    "text", ["important", "importance", "tradition", "sportsmanship", "currently", "exchanged"]
)
def test_word_boundaries_keep_lookalikes_out(text: str) -> None:
    assert not might_have_claims(f"It was {text}, 12 times over.")


@given(st.text(max_size=200))
def test_fast_path_agrees_with_the_regex(text: str) -> None:
    """The substring fast path is only a shortcut: the answer is the regex's."""
    assert might_have_claims(text) == (TRADE_VOCABULARY.search(text.lower()) is not None)


FRAGMENTS = ["export", "exportation", "important", "imports", "tradition", "traded", "currently",
             "current account", "against the", "u.s.", "dollar", "dollars", "per", "yen", "usd",
             "jpy", "mof", "mofa", "balance of", "trade", "ministry", "finance", "exchange",
             "exchanged", "rates", "re-", "x" * 30, "輸出", "円", "安"]  # fmt: skip


@pytest.mark.parametrize("gap", range(20, 40))
def test_a_word_cut_by_the_window_is_not_a_match(gap: int) -> None:
    """ "import" in "important" opens a window that may end right after the "export" of
    "exportation": that is no trade word, and the answer stays the regex's (no match)."""
    text = "important" + " " * gap + "exportation"
    assert not might_have_claims(text)
    assert might_have_claims(text + " and exports")


@given(
    st.lists(st.sampled_from(FRAGMENTS), max_size=40),
    st.lists(st.sampled_from(["", " ", "-", "/", ".", "\n", "a"]), min_size=40, max_size=40),
)
def test_windows_agree_with_the_regex_near_lookalikes(parts: list[str], seps: list[str]) -> None:
    """Stems next to lookalikes and cut by the search window: still the regex's answer."""
    text = "".join(p + s for p, s in zip(parts, seps, strict=False))
    assert might_have_claims(text) == (TRADE_VOCABULARY.search(text.lower()) is not None)


@given(
    st.text(alphabet=st.characters(codec="ascii"), max_size=60),
    st.sampled_from(TRADE_SENTENCES),
    st.text(alphabet=st.characters(codec="ascii"), max_size=60),
)
def test_trade_sentence_kept_whatever_surrounds_it(before: str, sentence: str, after: str) -> None:
    assert might_have_claims(f"{before} {sentence} {after}")


# -- the guarantee: never skip a text the extractor finds claims in ----------------------------


def _extract():
    extract = pytest.importorskip("extractor.extract", reason="extractor.extract has not landed")
    return extract.extract_claims


def _corpus_texts() -> list[tuple[str, str]]:
    folder = ROOT / "corpus"
    paths = sorted(p for p in folder.glob("*.md") if p.is_file())
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in paths]


def _generated_texts() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT))
    try:
        from benchmarks.corpus import iter_articles
    finally:
        sys.path.remove(str(ROOT))
    return [(a.name, a.text) for a in iter_articles(60, trade_share=0.5, seed=7)]


def _assert_never_skips(texts: list[tuple[str, str]]) -> list[str]:
    """No skipped text holds a trade claim (metric exports, imports, balance or the yen-dollar
    rate). Numbers the extractor could not tie to trade (metric "other", note
    ``metric.unresolved``: a score, a temperature) may be skipped: that is the point.
    Returns the names of the skipped texts."""
    extract_claims = _extract()
    skipped, missed = [], []
    for name, text in texts:
        if not might_have_claims(text):
            skipped.append(name)
            trade = [c.text for c in extract_claims(text) if c.metric != "other"]
            if trade:
                missed.append((name, trade[:5]))
    assert missed == []
    return skipped


def test_never_skips_a_sentence_with_claims() -> None:
    texts = [(s, s) for s in TRADE_SENTENCES + UNRELATED_SENTENCES]
    assert _assert_never_skips(texts) == UNRELATED_SENTENCES


def test_never_skips_company_sales() -> None:
    _assert_never_skips([(COMPANY_SALES, COMPANY_SALES)])


def test_never_skips_a_generated_article_with_claims() -> None:
    texts = [(name, text) for name, text in _generated_texts() if not name.startswith("results-")]
    skipped = _assert_never_skips(texts)
    assert 0 < len(skipped) < len(texts)  # the check above ran on real skips


def test_never_skips_a_generated_company_results_article() -> None:
    texts = [(name, text) for name, text in _generated_texts() if name.startswith("results-")]
    _assert_never_skips(texts)


def test_keeps_every_corpus_article() -> None:
    """Every article of corpus/ is about trade (that is what the corpus is for)."""
    texts = _corpus_texts()
    if not texts:
        pytest.skip("corpus/ holds no articles yet")
    assert [name for name, text in texts if not might_have_claims(text)] == []


@pytest.mark.slow
def test_never_skips_a_corpus_article_with_claims() -> None:
    texts = _corpus_texts()
    if not texts:
        pytest.skip("corpus/ holds no articles yet")
    _assert_never_skips(texts)


def test_keeps_every_seed_article(shared_dir: Path) -> None:
    """The five real articles all hold trade claims, so none may be skipped."""
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    skipped = [p.name for p in seeds if not might_have_claims(p.read_text(encoding="utf-8"))]
    assert skipped == []
