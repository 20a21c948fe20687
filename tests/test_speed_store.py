"""The store's cold load (issue 6) changes no answer.

A ``Store`` now pickles each figure as a plain tuple of its fields and its index as row numbers,
and builds Figures, series and timelines on first use. The oracle is the Store as it was at
1370c69 (before the speed work), read from git into a module of its own and built from the same
figures: every query of the bundled store (vintages, lookups with every option, histories, keys,
partners, series, iteration, FX averages) answers the same, on a store built from the figures and
on one loaded back from its pickle. The sample runs by default; every figure is ``slow``.
"""

from __future__ import annotations

import datetime as dt
import pickle
import types
from collections.abc import Iterable
from pathlib import Path

import pytest
from code_at import module_at
from generated import generated_dir
from hypothesis import given
from hypothesis import strategies as st
from test_reference import fig
from test_speed_verify import periods

from extractor.extract import extract_doc
from extractor.ingest import read_article
from extractor.periods import ORDER
from extractor.pipeline import verify_context
from extractor.reference import bundled_dir, load_store
from extractor.reference.fx import FxSeries
from extractor.reference.store import Store, read_store_file
from extractor.verify import history, verify_claim

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "1370c69"  # the store before the speed work


@pytest.fixture(scope="module")
def before() -> types.ModuleType:
    """extractor/reference/store.py as it was at 1370c69, as a module of its own."""
    return module_at(BEFORE, "extractor/reference/store.py", "_store_before")


@pytest.fixture(scope="module")
def figures() -> list:
    return read_store_file(bundled_dir() / "store" / "figures.csv")


def _fx() -> FxSeries:
    return FxSeries(bundled_dir() / "fx" / "DEXJPUS.csv")


def _reloaded(store: Store) -> Store:
    return pickle.loads(pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL))


def _same(a: object, b: object) -> bool:
    """Equal down to the float bits (repr tells -0.0 from 0.0, which == does not)."""
    return repr(a) == repr(b)


def _days(vintages: Iterable) -> list[dt.date]:
    days = {f.release_date for f in vintages if f.release_date is not None}
    near = {d + dt.timedelta(days=k) for d in days for k in (-1, 0)}
    return sorted(near | {dt.date(1970, 1, 1), dt.date(2100, 1, 1)})


def _assert_same_answers(new: Store, old, keys) -> int:
    """Every query on ``keys`` (and their series) answers the same; returns the number asked."""
    assert len(new) == len(old) and _same(list(new), list(old))
    assert new.keys() == old.keys() and new.partners() == old.partners()
    asked = 0
    series = set()
    for flow, partner, period in keys:
        series.add((flow, partner, period.basis))
        vintages = old.vintages(flow, partner, period)
        assert _same(new.vintages(flow, partner, period), vintages)
        for as_of in [None, *_days(vintages)]:
            for need in ("value", "yoy", "any"):
                for derived in (True, False):
                    for or_later in (False, True):
                        args = (flow, partner, period, as_of)
                        opts = {"need": need, "derived": derived, "or_later": or_later}
                        assert _same(new.lookup(*args, **opts), old.lookup(*args, **opts)), (
                            args,
                            opts,
                        )
                        asked += 1
        if flow == "usd_jpy_rate":
            for as_of in (None, *_days(vintages)[:3]):
                assert _same(new.fx_average(period, as_of), old.fx_average(period, as_of))
    for flow, partner, basis in sorted(series):
        assert new.periods(flow, partner, basis) == old.periods(flow, partner, basis)
        days = _days(
            v
            for p in old.periods(flow, partner, basis)[-3:]
            for v in old.vintages(flow, partner, p)
        )
        for as_of in [None, *days]:
            history = old.history(flow, partner, basis, as_of)
            assert _same(new.history(flow, partner, basis, as_of), history)
            held = {f.period: f for f in history}
            periods = old.periods(flow, partner, basis)
            for p in [periods[0].shift(-1), *periods, periods[-1].shift(1)]:
                assert _same(new.history_at(flow, partner, p, as_of), held.get(p)), (p, as_of)
            asked += 1
    return asked


def _sample(keys: list, every: bool) -> list:
    return keys if every else keys[::40] + [k for k in keys if k[0] == "usd_jpy_rate"][:5]


@pytest.mark.parametrize("reload", [False, True], ids=["built", "unpickled"])
def test_the_bundled_store_answers_as_before_on_a_sample(before, figures, reload):
    new, old = Store(figures, _fx()), before.Store(figures, _fx())
    store = _reloaded(new) if reload else new
    assert _assert_same_answers(store, old, _sample(old.keys(), every=False)) > 5000


@pytest.mark.slow
@pytest.mark.parametrize("reload", [False, True], ids=["built", "unpickled"])
def test_the_bundled_store_answers_as_before_for_every_figure(before, figures, reload):
    new, old = Store(figures, _fx()), before.Store(figures, _fx())
    store = _reloaded(new) if reload else new
    assert _assert_same_answers(store, old, old.keys()) > 500_000


def test_a_store_built_all_at_once_answers_as_before(before, figures):
    old = before.Store(figures, _fx())
    store = _reloaded(Store(figures, _fx())).build_all()  # what a batch does before it starts
    assert None not in store._made  # every figure built
    assert _assert_same_answers(store, old, _sample(old.keys(), every=False)) > 5000


def test_awkward_vintages_answer_as_before(before):
    # undated rows, rows without a level, summed figures, two vintages on one day, -0.0
    d = dt.date
    rows = [
        fig("2025-03", 1.0, None, status="unknown", flow="exports"),
        fig("2025-03", None, d(2025, 4, 10), flow="exports", yoy=1.0),
        fig("2025-03", 2.0, d(2025, 4, 12), flow="exports", status="derived", kind="derived"),
        fig("2025-03", 3.0, d(2025, 4, 17), flow="exports"),
        fig("2025-03", 3.1, d(2025, 4, 17), flow="exports", kind="wire"),
        fig("2025-02", -0.0, d(2025, 3, 19), flow="exports", yoy=0.0),
        fig("FY2024", 0.0, d(2025, 5, 21), partner="China"),
    ]
    old = before.Store(rows)
    for store in (Store(rows), _reloaded(Store(rows))):
        assert _assert_same_answers(store, old, old.keys()) > 50
        assert store.vintages("imports", "World", "2025-03") == []
        assert store.history("imports", "World", "month") == []


def test_the_pickle_holds_rows_not_figures_or_caches(figures):
    store = Store(figures[:500], _fx())
    store.history("balance", "World", "month", dt.date(2025, 5, 1))
    data = pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL)
    assert b"Figure" not in data and b"_points" not in data and b"_histories" not in data
    back = pickle.loads(data)
    assert back._made == [None] * len(back)  # nothing built until asked
    assert _same(list(back), list(store)) and list(back)[0] is list(back)[0]


def test_equal_strings_and_dates_are_pickled_once(figures):
    rows = Store(figures)._rows
    sources = {id(r[8]) for r in rows}
    dates = {id(r[7]) for r in rows if r[7] is not None}
    assert len(sources) == len({r[8] for r in rows}) and len(dates) == len(
        {r[7] for r in rows} - {None}
    )


@given(st.lists(periods, max_size=30))
def test_the_period_order_key_sorts_as_the_comparisons_do(ps):
    assert sorted(ps, key=ORDER) == sorted(ps)


# -- streaks read the periods they need, not the whole history ----------------------------------


def _texts(every: bool) -> list[Path]:
    corpus = sorted((ROOT / "corpus").glob("[0-9]*.md"))
    heldout = sorted((ROOT / "corpus" / "heldout").glob("*.md"))
    generated = sorted(generated_dir().glob("*.md"))
    return corpus + heldout + generated if every else corpus[::4] + heldout[::4] + generated[::20]


def _streak_verdicts(paths: list[Path]) -> list[str]:
    out = []
    for path in paths:
        article = read_article(path)
        claims = list(extract_doc(article.text, article.published)._.claims or [])
        ctx = verify_context(claims, load_store(), article.published)
        for when in (article.published, None, dt.date(2100, 1, 1)):
            ctx.published = when
            out += [repr(verify_claim(c, ctx)) for c in claims if c.kind == "streak"]
    return out


def _assert_streaks_as_with_the_whole_history(paths: list[Path], monkeypatch) -> int:
    lazy = _streak_verdicts(paths)
    # the oracle: the history as a dict of every period (what check_streak read before)
    monkeypatch.setattr(history, "_Periods", history._history)
    assert _streak_verdicts(paths) == lazy
    return len(lazy)


def test_streaks_judge_as_with_the_whole_history_on_a_sample(monkeypatch):
    assert _assert_streaks_as_with_the_whole_history(_texts(every=False), monkeypatch) > 10


@pytest.mark.slow
def test_streaks_judge_as_with_the_whole_history_on_every_text(monkeypatch):
    assert _assert_streaks_as_with_the_whole_history(_texts(every=True), monkeypatch) > 100
