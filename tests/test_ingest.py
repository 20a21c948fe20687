from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import pytest

from extractor.errors import InputError, UsageError
from extractor.ingest import apply_date_policy, dateline_date, decode, read_article, read_text
from extractor.model import line_col

D = dt.date


def test_plain_text() -> None:
    a = read_text("Japan's exports rose 3.9% in March.", path="a.txt")
    assert (a.text, a.path, a.published, a.published_source, a.line_base) == (
        "Japan's exports rose 3.9% in March.",
        "a.txt",
        None,
        None,
        0,
    )
    assert a.meta["format"] == "text"


def test_front_matter_fields_and_line_numbers() -> None:
    raw = "---\ntitle: Trade data\noutlet: Test Wire\ndate: 2025-04-17\n---\nFirst line.\nExports rose 3.9%.\n"
    a = read_text(raw, path="draft.md")
    assert a.published == D(2025, 4, 17) and a.published_source == "front_matter"
    assert a.meta["title"] == "Trade data" and a.meta["outlet"] == "Test Wire"
    assert a.line_base == 5
    offset = a.text.index("rose")
    # the line reported points at the same line of the file
    line, col = line_col(a.text, offset, a.line_base)
    assert raw.splitlines()[line - 1][col - 1 :].startswith("rose 3.9%")


def test_published_key_and_timestamp() -> None:
    a = read_text("---\npublished: 2025-04-17T09:30:00+09:00\n---\nBody.\n", path="x.md")
    assert a.published == D(2025, 4, 17)


def test_bad_front_matter() -> None:
    with pytest.raises(InputError, match="bad YAML front matter"):
        read_text("---\ntitle: [unclosed\n---\nBody\n", path="x.md")
    with pytest.raises(InputError, match="not a mapping"):
        read_text("---\n- a\n- b\n---\nBody\n", path="x.md")
    with pytest.raises(InputError, match="bad date"):
        read_text("---\ndate: sometime\n---\nBody\n", path="x.md")


HTML = """<!DOCTYPE html><html><head><title>Page title</title>
<meta property="og:site_name" content="Test Wire">
{meta}
</head><body><nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Japan trade</h1><p>Japan posted a trade surplus of 544.1 billion yen in March.</p>
<p>Exports rose 3.9% from a year earlier.</p></article>
<script>var tracking = "544 trillion";</script><footer>Copyright Test Wire</footer></body></html>"""


@pytest.mark.parametrize(
    "meta",
    [
        '<meta property="article:published_time" content="2025-04-17T10:00:00+09:00">',
        '<meta property="og:published_time" content="2025-04-17">',
        '<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2025-04-17"}]}</script>',
        '<meta name="date" content="2025-04-17">',
        '<meta name="DC.date.issued" content="2025-04-17">',
    ],
)
def test_html_main_text_and_meta_date(meta: str) -> None:
    a = read_text(HTML.format(meta=meta), path="page.html")
    assert a.published == D(2025, 4, 17) and a.published_source == "html_meta"
    assert "544.1 billion yen" in a.text and "Exports rose 3.9%" in a.text
    assert "Home" not in a.text and "tracking" not in a.text and "Copyright" not in a.text
    assert a.meta["outlet"] == "Test Wire" and a.meta["format"] == "html"


def test_html_time_element() -> None:
    page = HTML.format(meta="").replace(
        "<article>", '<article><time datetime="2025-04-16">Apr 16</time>'
    )
    assert read_text(page, path="p.htm").published == D(2025, 4, 16)


def test_html_sniffed_without_extension() -> None:
    a = read_text(HTML.format(meta=""))
    assert a.meta["format"] == "html" and "<" not in a.text


def test_html_without_text() -> None:
    with pytest.raises(InputError, match="no article text"):
        read_text("<html><body><script>x()</script></body></html>", path="e.html")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("TOKYO, April 17 (Reuters) - Japan's exports rose in March 2025.", D(2025, 4, 17)),
        ("TOKYO, April 17, 2025 (Reuters) - Japan's exports rose.", D(2025, 4, 17)),
        ("Headline\nThursday, April 17, 2025\nJapan's exports rose.", D(2025, 4, 17)),
        ("Headline\nApril 17, 2025\nBody.", D(2025, 4, 17)),
        ("By A. Writer | 17 April 2025\nBody.", D(2025, 4, 17)),
        ("Updated 2025-04-17 08:00\nBody.", D(2025, 4, 17)),
        ("Sept. 3, 2024 - body", D(2024, 9, 3)),
    ],
)
def test_dateline(text: str, expected: dt.date) -> None:
    a = read_text(text)
    assert a.published == expected and a.published_source == "dateline"


def test_yearless_dateline_takes_latest_year_and_says_so() -> None:
    a = read_text("TOKYO, Jan 22 (Kyodo) - Japan's deficit in 2025 narrowed from 2024.")
    assert a.published == D(2025, 1, 22)
    assert "latest year" in a.meta["published_note"]


def test_no_date_anywhere() -> None:
    assert dateline_date("Japan's exports rose in March.") is None
    assert read_text("Japan's exports rose in March 2025.").published is None


def test_precedence_option_over_front_matter_over_dateline() -> None:
    raw = "---\ndate: 2025-04-18\n---\nTOKYO, April 17, 2025 (Reuters) - Body.\n"
    assert read_text(raw, path="a.md").published_source == "front_matter"
    a = read_text(raw, path="a.md", published="2025-05-01")
    assert (a.published, a.published_source) == (D(2025, 5, 1), "option")
    b = read_text(
        HTML.format(meta='<meta name="date" content="2025-04-10">'), published=D(2025, 4, 11)
    )
    assert (b.published, b.published_source) == (D(2025, 4, 11), "option")


def test_bad_published_option() -> None:
    with pytest.raises(UsageError):
        read_text("Body", published="yesterday-ish")


def test_read_article_files(tmp_path: Path) -> None:
    p = tmp_path / "a.md"
    p.write_bytes("\ufeff---\ndate: 2025-04-17\n---\r\nExports rose 3.9%.\r\n".encode())
    a = read_article(p)
    assert a.text == "Exports rose 3.9%.\n" and a.line_base == 3 and a.path == str(p)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 na\u00efve".encode("latin-1"), "undecodable"),
        (b"---\ntitle: x\n---\n   \n", "empty article"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, reason: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    with pytest.raises(InputError, match=reason) as info:
        read_article(p)
    assert info.value.path == str(p)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_article(tmp_path)


def test_encodings() -> None:
    assert decode("日本の輸出".encode("cp932")) == ("日本の輸出", "cp932")
    assert decode("\ufeffyen".encode()) == ("yen", "utf-8")
    assert decode("Japan ¥".encode("utf-16")) == ("Japan ¥", "utf-16")
    with pytest.raises(InputError):
        decode(bytes(range(128, 256)))  # decodes in cp932 to no kana: refused


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(b"Exports rose 3.9% on April 17, 2025."), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    a = read_article("-")
    assert a.path == "-" and a.text.startswith("Exports") and a.published == D(2025, 4, 17)


def test_date_policy() -> None:
    a = read_text("No date here.")
    assert apply_date_policy(a, "infer") is a
    with pytest.raises(InputError, match="require"):
        apply_date_policy(a, "require")
    t = apply_date_policy(a, "today", today=D(2025, 1, 2))
    assert (t.published, t.published_source) == (D(2025, 1, 2), "today")
    dated = read_text("April 17, 2025: body")
    assert apply_date_policy(dated, "today") is dated


def test_seed_articles_read(shared_dir: Path) -> None:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    assert seeds
    for seed in seeds:
        a = read_article(seed)
        assert a.text.strip() and a.meta["format"] == "text"


def test_rules_in_plain_text_are_not_front_matter() -> None:
    raw = "---\nJapan's exports rose 3.9% in March.\n---\nMore text.\n"
    a = read_text(raw, path="a.txt")
    assert a.meta["format"] == "text" and a.text == raw and a.line_base == 0
    assert (
        read_text("---\ndate: 2025-04-17\n---\nBody\n", path="a.txt").published_source
        == "front_matter"
    )
    with pytest.raises(InputError, match="not a mapping"):
        read_text(raw, path="a.md")  # a Markdown file says it has front matter: then it must be one
