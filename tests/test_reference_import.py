"""Importers: the real MOF files are accepted, corrupted copies rejected with file and line;
imports into the user store are atomic and idempotent."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from extractor.errors import ReferenceDataError
from extractor.reference import clear_cache, load_store
from extractor.reference.importers import read_file
from extractor.reference.overlay import import_files, overlay_file
from extractor.reference.store import bundled_dir

RAW = bundled_dir()
D41MA = RAW / "official" / "d41ma.csv"
XML4 = RAW / "official" / "press" / "press_2025034en.xml"
XML5 = RAW / "official" / "press" / "press_2025035en.xml"
PRESS_CSV = RAW / "official" / "mof_press_by_area.csv"
VINTAGE = dt.date(2026, 9, 29)


def test_d41ma_is_read_with_placeholders_reported():
    result = read_file(D41MA, release_date=VINTAGE)
    assert result.format == "d41ma"
    months = [f for f in result.figures if f.period.is_month and f.source_kind == "official"]
    assert len(months) == 2 * (12 * 47 + 8)  # 1979-01 .. 2026-08, exports and imports
    first = min(months, key=lambda f: (f.period, f.flow))
    assert (first.period.code, first.flow, first.value) == ("1979-01", "exports", 1192541404 * 1e3)
    assert first.value_precision == 0.5e3 and first.release_date == VINTAGE
    assert len(result.skipped) == 4 and "2026-09 is a 0,0 placeholder" in result.skipped[0]
    balances = [f for f in result.figures if f.flow == "balance" and f.period.is_month]
    assert len(balances) == 572 and all(f.status == "derived" for f in balances)


def test_d41ma_needs_a_vintage_date():
    with pytest.raises(ReferenceDataError, match="no date"):
        read_file(D41MA)


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda b: b.decode("cp932").encode("utf-16"), "UTF-16"),
        (lambda b: b.decode("cp932").encode("utf-8"), "UTF-8 text"),
        (lambda b: b.replace(b"1979/02,", b"1979/02,\x85\x40", 1), "not valid Shift_JIS"),
        (lambda b: b.replace(b"1547063623 ", b"15470x3623 ", 1), "not a whole number"),
        (lambda b: b.replace(b"Years/Months", b"Month", 1), "header"),
        (lambda b: b.replace(b"1979/02,", b"1979/13,", 1), "bad month"),
    ],
)
def test_corrupted_d41ma_is_rejected(tmp_path, mangle, message):
    bad = tmp_path / "d41ma.csv"
    bad.write_bytes(mangle(D41MA.read_bytes()))
    with pytest.raises(ReferenceDataError, match=message) as info:
        read_file(bad, release_date=VINTAGE)
    assert info.value.path == str(bad)


def test_d41ma_error_names_the_line(tmp_path):
    bad = tmp_path / "d41ma.csv"
    bad.write_bytes(D41MA.read_bytes().replace(b"1547063623 ", b"abc ", 1))
    with pytest.raises(ReferenceDataError) as info:
        read_file(bad, release_date=VINTAGE)
    assert info.value.line == 6 and "Exp-Total 'abc'" in str(info.value)


@pytest.fixture(scope="module")
def press_csv_figures():
    return read_file(PRESS_CSV).figures


@pytest.mark.parametrize("xml", [XML4, XML5])
def test_press_xml_matches_the_transcribed_csv(xml, press_csv_figures):
    from_xml = read_file(xml, source_name=xml.name).figures
    rows = [f for f in press_csv_figures if f"({xml.name})" in f.source]
    assert len(from_xml) == len(rows) == 3 * 48
    assert {f.identity() for f in from_xml} == {f.identity() for f in rows}


def test_press_xml_fields():
    figures = read_file(XML4).figures
    world = {f.flow: f for f in figures if f.partner == "World" and f.period.code == "2025-03"}
    assert world["balance"].value == 544051e6 and world["balance"].yoy_pct == 55.5
    assert world["exports"].status == "provisional" and world["exports"].release_date == dt.date(
        2025, 4, 17
    )
    earlier = [f for f in figures if f.period.code == "2024-03"]
    assert {f.flow: f.value for f in earlier}["exports"] == 9474898e6
    assert all(f.status == "revised" for f in earlier)
    assert {f.partner for f in figures} >= {
        "United States",
        "EU",
        "ASEAN",
        "South Korea",
        "Saudi Arabia",
    }
    assert read_file(XML5).figures[0].status == "second_release"


def test_truncated_xml_is_rejected(tmp_path):
    bad = tmp_path / "press_2025034en.xml"
    data = XML4.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReferenceDataError, match="malformed XML") as info:
        read_file(bad)
    assert info.value.path == str(bad) and info.value.line is not None


def test_non_numeric_xml_cell_names_the_element(tmp_path):
    bad = tmp_path / "press.xml"
    bad.write_bytes(
        XML4.read_bytes().replace(b"<exportkagakue>1,664,045<", b"<exportkagakue>1,66x,045<", 1)
    )
    with pytest.raises(ReferenceDataError, match=r"chiikikunisogakuinfo\[3\].*not a number"):
        read_file(bad)


def test_xml_page_totals_must_agree(tmp_path):
    bad = tmp_path / "press.xml"
    bad.write_bytes(
        XML4.read_bytes().replace(b"<sogakutonen>9,847,814<", b"<sogakutonen>9,847,815<", 1)
    )
    with pytest.raises(ReferenceDataError, match="differs from page 2"):
        read_file(bad)


def test_press_csv_bad_cell_names_the_line(tmp_path):
    lines = PRESS_CSV.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[9] = lines[9].replace(",2,", ",2,", 1).replace(lines[9].split(",")[8], "12x4", 1)
    bad = tmp_path / "press.csv"
    bad.write_text("".join(lines[:20]), encoding="utf-8")
    with pytest.raises(ReferenceDataError) as info:
        read_file(bad)
    assert info.value.line == 10 and "not a number" in str(info.value)


def test_tidy_csv_is_read_and_checked(tmp_path):
    good = tmp_path / "extra.csv"
    good.write_text(
        "period,partner,flow,value,unit,yoy_pct,status,release_date,source_url,source_kind,note\n"
        "2026-08,U.S.,exports,1.5,yen_trillion,-3.0,provisional,2026-09-17,https://example.org/a,wire,\n",
        encoding="utf-8",
    )
    (f,) = read_file(good).figures
    assert (f.partner, f.value, f.value_precision, f.yoy_pct) == (
        "United States",
        1.5e12,
        0.05e12,
        -3.0,
    )
    assert f.source.endswith("extra.csv:2 https://example.org/a")
    bad = tmp_path / "bad.csv"
    bad.write_text(good.read_text(encoding="utf-8").replace("U.S.", "Atlantis"), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unknown partner 'Atlantis'") as info:
        read_file(bad)
    assert info.value.line == 2


def test_store_files_import_back_unchanged(tmp_path):
    from extractor.reference.store import write_store_file

    figures = [f for f in read_file(XML4).figures][:6]
    path = tmp_path / "export.csv"
    write_store_file(path, figures)
    assert read_file(path).figures == tuple(figures)


def test_unrecognised_and_empty_files_are_rejected(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(ReferenceDataError, match="empty"):
        read_file(empty)
    other = tmp_path / "other.csv"
    other.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="unrecognised format"):
        read_file(other)


def test_import_is_idempotent_and_visible_to_load_store(tmp_path):
    store_dir = tmp_path / "store"
    first = import_files([XML4], store_dir)
    assert first.added == 3 * 48 and first.duplicates == 0
    second = import_files([XML4], store_dir)
    assert second.added == 0 and second.duplicates == 3 * 48
    clear_cache()
    store = load_store(store_dir)
    assert len(store) == len(load_store(use_overlay=False))  # the bundled store holds the same rows
    bundled = load_store(use_overlay=False)
    against_bundle = import_files([XML5], tmp_path / "other", existing=bundled)
    assert against_bundle.added == 0 and not overlay_file(tmp_path / "other").exists()


def test_import_adds_new_vintages(tmp_path):
    store_dir = tmp_path / "store"
    newer = tmp_path / "d41ma.csv"
    newer.write_bytes(D41MA.read_bytes().replace(b"10043269534 ", b"10043269999 ", 1))
    report = import_files(
        [newer],
        store_dir,
        release_date=dt.date(2026, 10, 30),
        existing=load_store(use_overlay=False),
    )
    assert report.added > 0
    clear_cache()
    store = load_store(store_dir)
    latest = store.lookup("exports", "World", "2026-08")
    assert latest.value == 10043269999e3 and latest.release_date == dt.date(2026, 10, 30)
    assert store.lookup("exports", "World", "2026-08", dt.date(2026, 10, 1)).value == 10043269534e3


def test_import_is_atomic(tmp_path):
    store_dir = tmp_path / "store"
    import_files([XML4], store_dir)
    before = overlay_file(store_dir).read_bytes()
    bad = tmp_path / "bad.xml"
    bad.write_bytes(XML5.read_bytes()[:5000])
    with pytest.raises(ReferenceDataError):
        import_files([XML5, bad], store_dir)
    assert overlay_file(store_dir).read_bytes() == before
    assert sorted(p.name for p in store_dir.iterdir()) == ["figures.csv"]  # no temporary left


def test_real_files_in_shared_are_accepted(shared_dir: Path, tmp_path):
    official = shared_dir / "reference" / "official"
    report = import_files(
        [
            official / "d41ma.csv",
            *sorted((official / "press").glob("*.xml")),
            official / "mof_press_by_area.csv",
        ],
        tmp_path / "store",
        release_date=VINTAGE,
    )
    assert report.added > 10000
    assert [r.format for r in report.results] == ["d41ma", "hodoxml", "hodoxml", "press_csv"]


def test_raw_layer_is_a_faithful_copy_of_shared(shared_dir: Path):
    src = shared_dir / "reference"
    for path in sorted(src.rglob("*")):
        if path.is_file():
            copy = RAW / path.relative_to(src)
            assert copy.read_bytes() == path.read_bytes(), copy


def test_copy_is_not_needed_for_import(tmp_path):
    # a copy of the raw file elsewhere imports the same rows (nothing depends on the path)
    copy = tmp_path / "x.xml"
    shutil.copy(XML4, copy)
    assert {f.identity() for f in read_file(copy).figures} == {
        f.identity() for f in read_file(XML4).figures
    }
