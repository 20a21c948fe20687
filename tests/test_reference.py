"""The reference store API on tiny in-memory data: vintage policy, history, partners, FX."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.periods import Period
from extractor.reference import Figure, Store, canonical_partner, clear_cache, load_store
from extractor.reference.derive import vintage_totals, yoy_change
from extractor.reference.figure import figure_from_row
from extractor.reference.fx import FxSeries

D = dt.date


def fig(
    period,
    value,
    release,
    *,
    flow="balance",
    partner="World",
    status="provisional",
    kind="official",
    source="test:1",
    yoy=None,
) -> Figure:
    return Figure(
        period=Period.parse(period),
        partner=partner,
        flow=flow,
        value=value,
        value_precision=0.5e6,
        yoy_pct=yoy,
        status=status,
        release_date=release,
        source=source,
        source_kind=kind,
    )


@pytest.mark.parametrize(
    ("name", "canonical"),
    [
        ("U.S.", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("United States", "United States"),
        ("the US", "United States"),
        ("EU", "EU"),
        ("European Union", "EU"),
        ("(EU)", "EU"),
        ("R KOREA", "South Korea"),
        ("South Korea", "South Korea"),
        ("SNGAPOR", "Singapore"),
        ("U ARB E", "United Arab Emirates"),
        ("SU ARAB", "Saudi Arabia"),
        ("C&E EURO", "Central and Eastern Europe"),
        ("C&amp;E EURO", "Central and Eastern Europe"),
        ("Grand Total", "World"),
        ("(ASEAN)", "ASEAN"),
        ("asia", "Asia"),
        ("HG KONG", "Hong Kong"),
        ("U KING", "United Kingdom"),
        ("MIDDLE SOUTH AMERICA", "Middle and South America"),
    ],
)
def test_canonical_partner(name, canonical):
    assert canonical_partner(name) == canonical


@pytest.mark.parametrize("name", ["", "  ", "Atlantis", "Tokyo"])
def test_canonical_partner_unknown(name):
    assert canonical_partner(name) is None


def _vintaged_store() -> Store:
    return Store(
        [
            fig("FY2024", 9.0053e12, D(2025, 4, 17), partner="United States", kind="wire"),
            fig(
                "FY2024",
                9.10e12,
                D(2025, 11, 28),
                partner="United States",
                status="confirmed",
                kind="dataset",
            ),
            fig("FY2024", 8.99e12, None, partner="United States", status="unknown", kind="wire"),
        ]
    )


def test_lookup_returns_the_vintage_known_on_the_date():
    store = _vintaged_store()
    assert store.lookup("balance", "United States", "FY2024", D(2025, 4, 16)) is None
    assert store.lookup("balance", "United States", "FY2024", D(2025, 4, 17)).value == 9.0053e12
    assert store.lookup("balance", "United States", "FY2024", D(2025, 4, 20)).value == 9.0053e12
    assert store.lookup("balance", "United States", "FY2024", D(2025, 12, 1)).value == 9.10e12
    assert store.lookup("balance", "United States", "FY2024").value == 9.10e12
    assert store.lookup("balance", "China", "FY2024") is None


def test_or_later_falls_back_to_the_earliest_later_vintage():
    store = _vintaged_store()
    early = store.lookup("balance", "United States", "FY2024", D(2025, 1, 1), or_later=True)
    assert early.release_date == D(2025, 4, 17)
    assert store.lookup("balance", "United States", "FY2024", D(2025, 1, 1)) is None


def test_vintages_are_oldest_first_with_undated_rows_first():
    days = [
        f.release_date for f in _vintaged_store().vintages("balance", "United States", "FY2024")
    ]
    assert days == [None, D(2025, 4, 17), D(2025, 11, 28)]


def test_same_day_ranking_prefers_published_then_status_then_official():
    day = D(2026, 1, 22)
    store = Store(
        [
            fig(
                "CY2025",
                1.0e12,
                day,
                status="derived",
                kind="derived",
                source="derived: sum (press)",
            ),
            fig("CY2025", 2.0e12, day, kind="wire"),
            fig("CY2025", 3.0e12, day, kind="official"),
            fig("CY2025", 4.0e12, day, status="second_release", kind="wire"),
        ]
    )
    assert store.lookup("balance", "World", "CY2025").value == 4.0e12


def test_press_derived_totals_never_beat_a_published_figure():
    store = Store(
        [
            fig("CY2025", 7.5214e12, D(2026, 1, 22), kind="wire"),
            fig(
                "CY2025",
                7.5426e12,
                D(2026, 1, 29),
                status="derived",
                kind="derived",
                source="derived: sum of 12 monthly figures (monthly press releases)",
            ),
        ]
    )
    assert store.lookup("balance", "World", "CY2025").value == 7.5214e12
    assert store.lookup("balance", "World", "CY2025", D(2026, 1, 21)) is None
    assert store.lookup("balance", "World", "CY2025", derived=False).value == 7.5214e12


def test_time_series_totals_replace_an_older_provisional_figure():
    store = Store(
        [
            fig("CY2024", -5.3326e12, D(2025, 1, 23), kind="wire"),
            fig(
                "CY2024",
                -5.6284e12,
                D(2026, 9, 29),
                status="derived",
                kind="derived",
                source="derived: sum of 12 monthly figures (time series)",
            ),
        ]
    )
    assert store.lookup("balance", "World", "CY2024", D(2026, 1, 1)).value == -5.3326e12
    assert store.lookup("balance", "World", "CY2024").value == -5.6284e12


def test_yoy_only_rows_need_asking_for():
    store = Store(
        [
            fig("2025-01", 1e12, D(2025, 2, 19), yoy=7.2),
            fig("2025-01", None, D(2025, 3, 19), status="confirmed", yoy=7.3),
        ]
    )
    assert store.lookup("balance", "World", "2025-01").yoy_pct == 7.2
    assert store.lookup("balance", "World", "2025-01", need="yoy").yoy_pct == 7.3
    assert store.lookup("balance", "World", "2025-01", need="any").value is None


def test_history_uses_the_vintage_of_the_date_or_the_earliest():
    store = Store(
        [
            fig("2025-01", -2.7e12, D(2025, 2, 19)),
            fig("2025-01", -2.8e12, D(2026, 9, 29), status="revised"),
            fig("2025-02", 0.5e12, D(2025, 3, 19)),
            fig("2025-03", 0.6e12, D(2025, 4, 17)),
            fig("CY2024", -5.0e12, D(2025, 1, 23)),
        ]
    )
    history = store.history("balance", "World", "month", as_of=D(2025, 3, 20))
    assert [f.period.code for f in history] == ["2025-01", "2025-02"]  # March not over yet
    assert [f.value for f in history] == [-2.7e12, 0.5e12]
    early = store.history("balance", "World", "month", as_of=D(2025, 3, 1))
    assert [(f.period.code, f.release_date) for f in early] == [
        ("2025-01", D(2025, 2, 19)),
        ("2025-02", D(2025, 3, 19)),
    ]
    latest = store.history("balance", "World", "month")
    assert latest[0].value == -2.8e12
    assert [f.period.code for f in store.history("balance", "World", "CY")] == ["CY2024"]


def test_partners_lists_every_partner_once():
    store = Store(
        [fig("2025-01", 1.0, D(2025, 2, 19), partner=p) for p in ("China", "World", "China")]
    )
    assert store.partners() == ["China", "World"]


def test_yoy_change_of_a_balance_is_the_change_in_its_size():
    assert yoy_change("balance", -2.6507e12, -5.6285e12) == -52.9  # deficit 52.9% smaller
    assert yoy_change("balance", 544.051e9, 349.858e9) == 55.5
    assert yoy_change("balance", 1e9, -1e9) is None  # sign flip: MOF prints no rate
    assert yoy_change("exports", 9847814, 9474898) == 3.9


def test_vintage_totals_follow_the_latest_vintage_of_each_month():
    months = []
    for m in range(1, 7):
        months.append(fig(f"2025-{m:02d}", 100.0, D(2025, m + 1, 20), status="provisional"))
        months.append(fig(f"2025-{m:02d}", 101.0, D(2025, m + 1, 28), status="second_release"))
    totals = [t for t in vintage_totals(months, "test") if t.period.code == "CY2025H1"]
    assert [(t.release_date, t.value) for t in totals] == [
        (D(2025, 7, 20), 605.0),
        (D(2025, 7, 28), 606.0),
    ]
    assert totals[0].status == "derived" and totals[0].source_kind == "derived"
    assert totals[0].derived_from.startswith("2025-01@2025-02-28;2025-02@2025-03-28;")
    assert totals[0].derived_from.endswith(";2025-06@2025-07-20")  # the June provisional
    assert totals[1].derived_from.endswith(";2025-06@2025-07-28")
    assert totals[0].value_precision == 6 * 0.5e6


@given(
    value=st.one_of(
        st.none(),
        st.integers(-(10**15), 10**15).map(float),
        st.floats(-1e4, 1e4).map(lambda x: round(x, 4)),
    ),
    yoy=st.one_of(st.none(), st.floats(-100, 1000).map(lambda x: round(x, 1))),
)
def test_figure_row_round_trip(value, yoy):
    f = fig("FY2025H1", value, D(2026, 1, 2), yoy=yoy)
    assert figure_from_row(f.to_row(), "here") == f


def test_fx_window_and_period_mean(tmp_path):
    path = tmp_path / "DEXJPUS.csv"
    path.write_text(
        "DATE,DEXJPUS\n2025-03-28,150.0\n2025-03-31,\n2025-04-01,140.0\n2025-04-02,142.0\n"
        "2025-04-30,144.0\n2025-05-01,146.0\n"
    )
    fx = FxSeries(path)
    store = Store([fig("2025-04", 155.0, D(2025, 5, 21), flow="usd_jpy_rate", kind="wire")], fx)
    assert store.fx_market(D(2025, 4, 1), 4) == [(D(2025, 3, 28), 150.0), (D(2025, 4, 1), 140.0)]
    averages = store.fx_average("2025-04")
    assert [f.value for f in averages] == [155.0, 142.0]
    assert averages[1].status == "derived" and averages[1].flow == "usd_jpy_rate"
    assert store.fx_average("2025-04", as_of=D(2025, 4, 15)) == []  # month not over, not released
    assert store.fx_average("2025-06") == []  # series does not cover it


def test_bundled_store_answers_the_issue_example():
    clear_cache()
    store = load_store(use_overlay=False)
    known = store.lookup("balance", "United States", "FY2024", as_of=D(2025, 4, 20))
    assert known is not None
    assert (known.value, known.release_date, known.status) == (
        9.0053e12,
        D(2025, 4, 17),
        "provisional",
    )
    assert known.value_precision == 0.05e9
    assert known.yoy_pct == -1.3
    assert known.source.startswith("secondary/mof_annual.csv:") and "http" in known.source
    # what came after: every vintage, oldest first; the data holds no later FY2024 US figure yet
    assert (
        store.vintages("balance", "United States", "FY2024")[-1].release_date >= known.release_date
    )
    assert (
        store.lookup("balance", "United States", "FY2024")
        == store.vintages("balance", "United States", "FY2024")[-1]
    )
    assert known.to_official().value == 9.0053e12


def test_derived_yoy_uses_the_base_known_at_the_time():
    from extractor.reference.derive import with_derived_yoy

    rows = [
        fig("2024-03", 100.0, D(2024, 4, 17), flow="exports"),
        fig("2024-03", 110.0, D(2025, 11, 1), flow="exports", status="revised"),
        fig("2025-03", 121.0, D(2025, 4, 17), flow="exports"),
        fig("2025-03", 132.0, D(2026, 1, 1), flow="exports", status="revised", yoy=4.0),
    ]
    out = with_derived_yoy(rows)
    assert [(f.yoy_pct, f.yoy_basis) for f in out] == [
        (None, ""),
        (None, ""),
        (21.0, "derived"),
        (4.0, ""),  # published yoy is never replaced
    ]


_VINTAGE = st.tuples(
    st.sampled_from(["2025-01", "2025-02", "2025-03"]),
    st.one_of(st.none(), st.integers(-3, 3).map(lambda v: v * 1e12)),
    st.one_of(st.none(), st.integers(0, 120).map(lambda d: D(2025, 2, 1) + dt.timedelta(d))),
    st.sampled_from(["provisional", "confirmed", "revised", "derived"]),
    st.sampled_from(["official", "derived", "wire"]),
)


@given(st.lists(_VINTAGE, max_size=12), st.integers(0, 150))
def test_history_answers_what_lookup_answers_period_by_period(rows, day):
    """The bisect-based history equals a lookup per period (or the earliest vintage with a value
    when nothing was released by then), for any mix of vintages, authorities and dates."""
    store = Store(
        [
            fig(p, v, r, status=s, kind=k, source="derived:x" if k == "derived" else "test:1")
            for p, v, r, s, k in rows
        ]
    )
    as_of = D(2025, 1, 15) + dt.timedelta(day)
    expected = []
    for period in store.periods("balance", "World", "month"):
        if period.end >= as_of:
            continue
        f = store.lookup("balance", "World", period, as_of) or next(
            (v for v in store.vintages("balance", "World", period) if v.value is not None), None
        )
        if f is not None:
            expected.append(f)
    assert store.history("balance", "World", "month", as_of) == expected
