"""Cold start, memory and ingest (issue 6): each faster path gives what the plain one gave.

Oracles kept here, obviously correct: ``yaml.safe_load`` for the front matter, the walk that
sorted ``os.DirEntry`` objects, pint itself for the unit factors that are now remembered in the
cache folder, and the loop over every token that found sentence starts. The whole-corpus comparisons are ``slow``; a sample runs by default.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

import pytest
import yaml
from generated import generated_dir

from extractor import units
from extractor.batch import ARTICLE_GLOBS, _init_worker, _Job, _walk_dir, pipeline_checker
from extractor.config import Config
from extractor.ingest import _FRONT, load_yaml, read_text
from extractor.nlp import _CLOSERS, _TERMINAL

if TYPE_CHECKING:
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parents[1]


def _texts(every: bool) -> list[Path]:
    files = sorted((ROOT / "corpus").glob("*.md")) + sorted((ROOT / "corpus/heldout").glob("*.md"))
    files += sorted(generated_dir().glob("*.md"))
    return files if every else files[::25]


# -- front matter: libyaml against safe_load ----------------------------------------------------
def _typed(value: object) -> object:
    """A value with the type of every part spelled out (1 == 1.0 == True in Python)."""
    if isinstance(value, dict):
        return {repr(k): _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _outcome(load: object, block: str) -> object:
    try:
        return _typed(load(block))  # type: ignore[operator]
    except yaml.YAMLError as exc:
        return ("error", str(exc))


TRICKY_BLOCKS = [
    "title: [unclosed\n",
    "- a\n- b\n",
    "date: sometime\n",
    "date: 2025-04-17\n",
    "published: 2025-04-17T09:30:00+09:00\n",
    "title: 'It''s: a title'\nn: 012\nf: 1e3\nb: yes\nnull: ~\n",
    'title: "Q&A: \\u00e9 \\t tab"\noutlet: The Ledger # comment\n',
    "key: value\n\tindented: with a tab\n",
    "a: 1\na: 2\n",
    "text: |\n  two\n  lines\n",
    "? complex\n: key\n",
    "anchors: &a [1, 2]\nagain: *a\n",
    "Japan's exports rose 3.9% in March.\n",
    "bad: \x07 bell\n",
    "unicode: 貿易黒字\nline\u2028sep: x\n",
    "",
    "   \n",
    "just a scalar\n",
]


@pytest.mark.parametrize("block", TRICKY_BLOCKS)
def test_load_yaml_is_safe_load_on_odd_blocks(block: str) -> None:
    assert _outcome(load_yaml, block) == _outcome(yaml.safe_load, block)


def _front_matter_blocks(every: bool) -> Iterator[str]:
    for path in _texts(every):
        m = _FRONT.match(path.read_text(encoding="utf-8"))
        if m:
            yield m["yaml"]


def test_load_yaml_is_safe_load_on_a_sample_of_front_matter() -> None:
    blocks = list(_front_matter_blocks(every=False))
    assert blocks
    assert [_outcome(load_yaml, b) for b in blocks] == [_outcome(yaml.safe_load, b) for b in blocks]


@pytest.mark.slow
def test_load_yaml_is_safe_load_on_every_front_matter() -> None:
    blocks = list(_front_matter_blocks(every=True))
    assert [_outcome(load_yaml, b) for b in blocks] == [_outcome(yaml.safe_load, b) for b in blocks]


def test_read_text_errors_keep_the_safe_load_message() -> None:
    raw = "---\ntitle: [unclosed\n---\nBody\n"
    try:
        yaml.safe_load("title: [unclosed\n")
    except yaml.YAMLError as exc:
        expected = str(exc).splitlines()[0]
    with pytest.raises(Exception, match="bad YAML front matter") as info:
        read_text(raw, path="x.md")
    assert info.value.detail == expected  # type: ignore[attr-defined]


# -- the walk: names instead of DirEntry objects ------------------------------------------------
def _walk_dir_oracle(
    root: Path, globs: Sequence[str], folder: Path | None = None
) -> Iterator[Path]:
    """The walk as it was: sorted DirEntry objects."""
    folder = folder or root
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir():
            yield from _walk_dir_oracle(root, globs, path)
        elif any(PurePath(path.relative_to(root)).match(g) for g in globs):
            yield path


def test_walk_lists_what_the_direntry_walk_listed(tmp_path: Path) -> None:
    for rel in ["b.md", "a.txt", "A.md", "z/1.md", "z/.hidden.md", ".dot/x.md", "m/n/o.html",
                "m/n/p.yaml", "m/q.md", "m.md", "10.md", "9.md", "é.md"]:  # fmt: skip
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "m", target_is_directory=True)
    (tmp_path / "unreadable").mkdir(mode=0)
    try:
        for globs in (ARTICLE_GLOBS, ("*.md",), ("n/*.html", "*.yaml")):
            for top in (tmp_path, tmp_path / "m"):
                assert list(_walk_dir(top, globs)) == list(_walk_dir_oracle(top, globs))
    finally:
        (tmp_path / "unreadable").chmod(0o755)
    for top in (ROOT / "corpus", ROOT / "tests"):
        assert list(_walk_dir(top, ARTICLE_GLOBS)) == list(_walk_dir_oracle(top, ARTICLE_GLOBS))


# -- unit factors: remembered answers of pint --------------------------------------------------
def _spellings() -> list[str]:
    """Every single spelling of the table and the usual compounds."""
    singles = sorted(units._TABLE)
    compounds = ["trillion yen", "¥ tn", "JPY trillion", "billion yen", "US$ bn", "$ billion",
                 "USD billion", "billion U.S. dollars", "$ mn", "per  cent", "yen per dollar",
                 "yen to the dollar", "¥ /$", "million euros", "million", ""]  # fmt: skip
    out = []
    for written in singles + compounds:
        try:
            units.normalize_unit(written)
        except units.UnitError:
            continue
        out.append(" ".join(written.split()))
    return out


def _remembered(path: Path, spellings: Sequence[str]) -> dict[str, tuple[Decimal, str]]:
    """Factors written by one _FactorFile and read back by another, as a new process would."""
    writer = units._FactorFile(path)
    for written in spellings:
        writer.add(written, units.pint_factor(written))
    reader = units._FactorFile(path)
    return {w: reader.get(w) for w in spellings}  # type: ignore[misc]


def test_remembered_factors_are_pint_factors_digit_for_digit(tmp_path: Path) -> None:
    spellings = _spellings()
    assert len(spellings) > 40
    for written, (factor, unit) in _remembered(tmp_path / "units.json", spellings).items():
        expected = units.pint_factor(written)
        assert (str(factor), unit) == (str(expected[0]), expected[1]), written


_RECORD_UNITS = """
import json, sys
from extractor import units
from extractor.pipeline import check_text

seen = set()
real = units._factor.__wrapped__


def recording(written):
    seen.add(written)
    return real(written)


units._factor = recording
for name in sys.argv[1:]:
    with open(name, encoding="utf-8") as fh:
        check_text(fh.read(), path=name)
print(json.dumps(sorted(seen)))
"""


def _written_units_of(paths: Sequence[Path]) -> list[str]:
    """Every written unit the pipeline asks a factor for, over ``paths``: recorded in a new
    process, where no cache above :func:`extractor.units._factor` has seen a text yet."""
    out = subprocess.run(
        [sys.executable, "-c", _RECORD_UNITS, *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    return list(json.loads(out.stdout.splitlines()[-1]))


@pytest.mark.parametrize("every", [pytest.param(True, marks=pytest.mark.slow), False])
def test_every_unit_the_texts_use_is_remembered_as_pint_said(every: bool, tmp_path: Path) -> None:
    written = _written_units_of(_texts(every))
    assert written
    for w, (factor, unit) in _remembered(tmp_path / "units.json", written).items():
        expected = units.pint_factor(w)
        assert (str(factor), unit) == (str(expected[0]), expected[1]), w


def test_factor_file_off_unreadable_and_full(tmp_path: Path) -> None:
    off = units._FactorFile(None)
    off.add("trillion yen", units.pint_factor("trillion yen"))
    assert off.get("trillion yen") is None
    broken = tmp_path / "units-broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert units._FactorFile(broken).factors == {}
    for damaged in ({"yen": ["not a number", "JPY"]}, {"yen": [1]}, [1, 2], "text"):
        broken.write_text(json.dumps(damaged), encoding="utf-8")
        assert units._FactorFile(broken).factors == {}
    full = units._FactorFile(tmp_path / "units-full.json")
    full.factors = {str(i): (Decimal(1), "count") for i in range(full.LIMIT)}
    full.add("yen", units.pint_factor("yen"))
    assert full.get("yen") is None and not full.path.exists()  # type: ignore[union-attr]


def test_a_warm_start_converts_units_without_importing_pint(tmp_path: Path) -> None:
    code = (
        "import sys; from extractor.units import to_canonical; "
        "print(to_canonical('9.8', 'trillion yen'), to_canonical('63', 'US$ bn'), "
        "'pint' in sys.modules)"
    )
    env = {**os.environ, "FACTCHECK_CACHE": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split(") ")  # fmt: skip
        for _ in range(2)
    ]
    assert runs[0][-1].strip() == "True" and runs[1][-1].strip() == "False"
    assert runs[0][:-1] == runs[1][:-1]
    assert list(tmp_path.glob("units-*.json"))


# -- the garbage collector ----------------------------------------------------------------------
def test_check_command_restores_the_collector(tmp_path: Path) -> None:
    from extractor.cli import main

    draft = tmp_path / "draft.md"
    draft.write_text("Japan's exports rose 3.9% in March 2025.\n", encoding="utf-8")
    assert gc.isenabled()
    main(["check", str(draft), "--jobs", "1", "--no-progress"])
    assert gc.isenabled()
    gc.disable()
    try:
        main(["check", str(draft), "--jobs", "1", "--no-progress"])
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_workers_collect_garbage_whatever_the_parent_did() -> None:
    import signal

    handler = signal.getsignal(signal.SIGINT)
    gc.disable()
    try:
        _init_worker(_Job(pipeline_checker, Config(), None))
        assert gc.isenabled()
    finally:
        gc.enable()
        signal.signal(signal.SIGINT, handler)


def test_the_store_cache_is_read_with_the_collector_off_and_restored(tmp_path: Path) -> None:
    from extractor.reference import _read_cache, _write_cache, load_store

    store = load_store()
    path = tmp_path / "store-x.pickle"
    _write_cache(path, store)
    assert gc.isenabled()
    again = _read_cache(path)
    assert gc.isenabled() and again is not None and list(again) == list(store)
    assert _read_cache(tmp_path / "absent.pickle") is None and gc.isenabled()


# -- sentence starts: breaks and terminal characters only ----------------------------------------
def _sentence_starts_oracle(doc: Doc) -> list[bool]:
    """The loop over every token that :func:`extractor.nlp.sentence_starts` replaced."""
    full = doc.text
    begins = [t.idx for t in doc]
    ends = [t.idx + len(t.text) for t in doc]
    starts = [False] * len(begins)
    after_stop = False
    for i, b in enumerate(begins):
        tok = full[b : ends[i]]
        space = tok.isspace()
        if i == 0:
            starts[i] = True
        elif space:
            pass
        elif "\n" in full[begins[i - 1] : b]:
            starts[i] = True
        elif after_stop and tok not in _CLOSERS and not tok[:1].islower():
            starts[i] = True
        if tok in _TERMINAL:
            after_stop = True
        elif tok not in _CLOSERS and not space:
            after_stop = False
    return starts


ODD_TEXTS = [
    "",
    " ",
    "\n\n",
    "One. Two! three? Four… 五。六！七？八",
    'He said "Exports rose." Then imports fell. "Why?" (He asked.) and so on.',
    "U.S. exports rose 3.9%... Then 4.2%!! Next?  \n  new line\n\n\nlast.",
    "Headline without a stop\nBody. (Closing) ] ' ” ’ 」 After",
    ". . . leading stops.\n.\n",
    "Tabs\tand\u3000ideographic spaces. 次。\r\nWindows line.",
]


@pytest.mark.parametrize("every", [pytest.param(True, marks=pytest.mark.slow), False])
def test_sentence_starts_equal_the_token_loop(every: bool) -> None:
    from extractor.nlp import build_nlp, sentence_starts

    nlp = build_nlp("en")
    texts = ODD_TEXTS + [p.read_text(encoding="utf-8") for p in _texts(every)]
    for text in texts:
        doc = nlp.make_doc(text)
        assert sentence_starts(doc) == _sentence_starts_oracle(doc), text[:80]
