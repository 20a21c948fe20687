"""The verification speed work of issue 6 changes no answer.

- a Period orders, hashes and compares by one integer made at construction: the same answers as
  the field tuple (kind, year, index); its cached views equal the ones computed from its months;
- ``Store.lookup`` of a value as of a date is one bisect in a per-figure timeline: the same figure
  as the plain scan (kept here as the oracle) for every figure the bundled store holds;
- a verdict does not depend on what the caches hold: every claim of the corpus verified against a
  store with empty caches (a copy starts empty) equals the one verified against a warm store;
- an article without claims never loads the reference store.
"""

from __future__ import annotations

import calendar
import copy
import datetime as dt
import pickle
from pathlib import Path

import pytest
from generated import generated_dir
from hypothesis import given
from hypothesis import strategies as st
from test_reference import fig

import extractor.reference
from extractor.ingest import read_article
from extractor.periods import Period
from extractor.pipeline import check_article, check_text, verify_context
from extractor.reference import Store, load_store
from extractor.reference.store import authority
from extractor.verify import verify_claim

ROOT = Path(__file__).resolve().parent.parent

periods = st.builds(
    lambda kind, year, i: Period(kind, year, {"month": i, "CY": 0, "FY": 0}.get(kind, 1 + i % 2)),
    st.sampled_from(["month", "CY", "FY", "CYH", "FYH"]),
    st.integers(1900, 2099),  # the months of FY2100 run into 2101, out of range
    st.integers(1, 12),
)


def _fields(p: Period) -> tuple[str, int, int]:
    return (p.kind, p.year, p.index)


# -- Period ----------------------------------------------------------------------------------------
@given(periods, periods)
def test_period_order_hash_and_equality_follow_the_fields(a, b):
    assert (a < b) == (_fields(a) < _fields(b))
    assert (a <= b) == (_fields(a) <= _fields(b))
    assert (a > b) == (_fields(a) > _fields(b))
    assert (a >= b) == (_fields(a) >= _fields(b))
    assert (a == b) == (_fields(a) == _fields(b))
    if a == b:
        assert hash(a) == hash(b)
    assert Period(a.kind, a.year, a.index) == a and hash(Period(a.kind, a.year, a.index)) == hash(a)


@given(st.lists(periods, max_size=30))
def test_periods_sort_and_dedupe_like_their_fields(ps):
    assert [_fields(p) for p in sorted(ps)] == sorted(_fields(p) for p in ps)
    assert len(set(ps)) == len({_fields(p) for p in ps})


@given(periods)
def test_period_views_equal_the_ones_made_from_its_months(p):
    first, last = p.months()[0], p.months()[-1]
    assert p.start == dt.date(first.year, first.index, 1)
    assert p.end == dt.date(last.year, last.index, calendar.monthrange(last.year, last.index)[1])
    assert Period.parse(p.code) == p and str(p) == p.code


@given(periods)
def test_a_pickled_period_holds_its_fields_only(p):
    _ = p.code, p.end  # fill the cached views first: a pickle must not carry them
    back = pickle.loads(pickle.dumps(p))
    assert back == p and hash(back) == hash(p) and back.code == p.code
    assert b"code" not in pickle.dumps(p)
    assert copy.copy(p) == p and copy.deepcopy(p) == p


def test_periods_do_not_compare_with_other_types():
    p = Period.month(2025, 3)
    assert p != "2025-03" and p != (p.kind, p.year, p.index)
    with pytest.raises(TypeError):
        _ = p < "2025-04"  # type: ignore[operator]


# -- Store.lookup ------------------------------------------------------------------------------------
def _lookup_oracle(store: Store, flow, partner, period, as_of, or_later):
    """``Store.lookup(need="value", derived=True)`` as a plain scan of the vintages (the code the
    timelines replace): the last vintage of the highest authority released by ``as_of``."""
    usable = [f for f in store.vintages(flow, partner, period) if f.value is not None]
    candidates = [f for f in usable if f.release_date is not None and f.release_date <= as_of]
    if not candidates:
        later = [f for f in usable if f.release_date is not None] if or_later else []
        return later[0] if later else None
    best = max(authority(f) for f in candidates)
    return [f for f in candidates if authority(f) == best][-1]


def _dates_around(figures) -> list[dt.date]:
    days = {f.release_date for f in figures if f.release_date is not None}
    near = {d + dt.timedelta(days=k) for d in days for k in (-1, 0, 1)}
    return sorted(near | {dt.date(1970, 1, 1), dt.date(2100, 1, 1)})


def _assert_lookups_match(store: Store, keys) -> int:
    checked = 0
    for flow, partner, period in keys:
        for as_of in _dates_around(store.vintages(flow, partner, period)):
            for or_later in (False, True):
                got = store.lookup(flow, partner, period, as_of, or_later=or_later)
                want = _lookup_oracle(store, flow, partner, period, as_of, or_later)
                assert got is want, (flow, partner, period, as_of, or_later)
                checked += 1
    return checked


def test_lookup_as_of_a_date_equals_the_plain_scan_on_a_sample():
    store = load_store()
    assert _assert_lookups_match(store, store.keys()[::25]) > 1000


@pytest.mark.slow
def test_lookup_as_of_a_date_equals_the_plain_scan_for_every_figure():
    store = load_store()
    assert _assert_lookups_match(store, store.keys()) > 100_000


def test_lookup_timelines_on_awkward_vintages():
    # undated rows, rows without a level, a summed (derived) figure released before the
    # published one, two vintages on one day, and a key the store does not hold
    d = dt.date
    store = Store(
        [
            fig("2025-03", 1.0, None, status="unknown", flow="exports"),
            fig("2025-03", None, d(2025, 4, 10), flow="exports", yoy=1.0),
            fig("2025-03", 2.0, d(2025, 4, 12), flow="exports", status="derived", kind="derived"),
            fig("2025-03", 3.0, d(2025, 4, 17), flow="exports"),
            fig("2025-03", 3.1, d(2025, 4, 17), flow="exports", kind="wire"),
            fig("2025-03", 3.2, d(2025, 5, 20), flow="exports", status="derived", kind="derived"),
            fig("2025-03", 3.3, d(2025, 6, 1), flow="exports", status="confirmed"),
        ]
    )
    assert _assert_lookups_match(store, store.keys()) > 10
    assert _assert_lookups_match(store, [("imports", "World", Period.month(2025, 3))]) > 0
    assert store.lookup("exports", "World", "2025-03", d(2025, 5, 25)).value == 3.0


# -- verification: cold caches == warm caches ----------------------------------------------------------
def _texts(sample: bool) -> list[Path]:
    corpus = sorted((ROOT / "corpus").glob("[0-9]*.md"))
    heldout = sorted((ROOT / "corpus" / "heldout").glob("*.md"))
    if sample:
        return corpus[::40] + heldout[::25]
    generated = sorted(generated_dir().glob("*.md"))
    return corpus + heldout + generated


def _assert_cold_equals_warm(paths: list[Path]) -> int:
    warm = load_store()
    checked = 0
    for path in paths:
        report = check_article(read_article(path), store=warm)
        assert report.error is None, (path, report.error)
        claims = [f.claim for f in report.findings]
        again = verify_context(claims, warm, report.published)
        for claim, reported in zip(claims, report.findings, strict=True):
            cold = verify_context(claims, copy.copy(warm), report.published)  # empty caches
            assert verify_claim(claim, cold) == verify_claim(claim, again) == reported, path
            checked += 1
    return checked


def test_verdicts_do_not_depend_on_the_caches_on_a_sample():
    assert _assert_cold_equals_warm(_texts(sample=True)) > 30


@pytest.mark.slow
def test_verdicts_do_not_depend_on_the_caches_on_every_text():
    assert _assert_cold_equals_warm(_texts(sample=False)) > 1000


# -- the pipeline --------------------------------------------------------------------------------------
def test_an_article_without_claims_never_loads_the_store(monkeypatch):
    def unavailable(*args, **kwargs):
        raise AssertionError("the store was loaded")

    monkeypatch.setattr(extractor.reference, "load_store", unavailable)
    text = "Japan's exports and imports were discussed at the trade ministry on Monday."
    report = check_text(text, published="2025-04-20")
    assert "skipped" not in report.meta  # the prefilter let it through: the extractor ran
    assert report.error is None and report.findings == ()
    with_claim = check_text("Japan's exports rose 3.1% in March.", published="2025-04-20")
    assert with_claim.error is not None and "the store was loaded" in with_claim.error
