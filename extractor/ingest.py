"""Files, stdin and strings -> :class:`~extractor.model.Article`.

Formats: plain text; Markdown with YAML front matter (``title``, ``outlet``, ``date`` or
``published``); HTML pages, reduced to their main text by trafilatura (navigation, scripts and
boilerplate gone). The format comes from the extension (``.md``/``.markdown``, ``.html``/``.htm``/
``.xhtml``) or, for other names and strings, from the content (``<!doctype html``/``<html`` ->
HTML; a leading ``---`` line -> front matter).

Publication date, first found wins: the ``published`` argument (``option``) > front matter
(``front_matter``) > HTML meta tags (``html_meta``) > a dateline near the top of the text
(``dateline``). None found: ``published`` stays None and the pipeline infers it (or the date
policy decides, see :func:`apply_date_policy`). A yearless dateline ("TOKYO, April 17 (Reuters)")
takes the latest year written in the text; ``meta["published_note"]`` says so.

Encoding: UTF-8 (a BOM is dropped); UTF-16 only with a BOM. Otherwise, cp932 (Shift_JIS) is
accepted only when it decodes strictly *and* the result holds kana, so that Latin-1 or random bytes
never pass as Japanese; anything else is an :class:`InputError`. A NUL byte (without a UTF-16 BOM)
means a binary file. Every refusal names the path and the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

from extractor.dates import dateline_date, parse_date
from extractor.errors import InputError, UsageError
from extractor.model import Article

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
MAX_BYTES = 20_000_000
_KANA = regex.compile(r"[\p{Hiragana}\p{Katakana}]")
_CONTROL = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# -- decoding ---------------------------------------------------------------------------------
def decode(data: bytes, path: str | None = None) -> tuple[str, str]:
    """(text, encoding) of file bytes, by the rules in the module doc."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise InputError("undecodable UTF-16", path=path, detail=str(exc)) from exc
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes), not an article", path=path)
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError:
        text = ""
    if text and _KANA.search(text) and not _CONTROL.search(text):
        return text, "cp932"
    raise InputError(
        "undecodable bytes: not UTF-8 (nor Japanese cp932)",
        path=path,
        detail=f"byte {utf8_error.start}: {utf8_error.reason}",
    )


# -- HTML -------------------------------------------------------------------------------------
_META_DATE_PROPS = ("article:published_time", "og:published_time", "og:article:published_time")
_META_DATE_NAMES = tuple(
    "article:published_time date pubdate publishdate publish-date publish_date dc.date.issued "
    "dc.date dcterms.date dcterms.created parsely-pub-date sailthru.date citation_publication_date "
    "og:published_time".split()
)


def _json_ld_values(tree: Any, key: str) -> list[Any]:
    found: list[Any] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if key in node:
                found.append(node[key])
            for v in node.values():
                visit(v)
        elif isinstance(node, list):
            for v in node:
                visit(v)

    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            visit(json.loads(script.text or ""))
        except ValueError:
            continue  # a broken JSON-LD block is not the article's text: other sources remain
    return found


def _first_date(candidates: list[Any]) -> dt.date | None:
    for value in candidates:
        try:
            return parse_date(value)
        except ValueError:
            continue
    return None


def _html_date(tree: Any) -> dt.date | None:
    def metas(attr: str, names: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for name in names:
            out += tree.xpath(
                f'//meta[translate(@{attr}, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")'
                f'="{name}"]/@content'
            )
        return out

    groups = [
        metas("property", _META_DATE_PROPS),
        tree.xpath(
            '//*[@itemprop="datePublished"]/@content | //*[@itemprop="datePublished"]/@datetime'
        ),
        _json_ld_values(tree, "datePublished"),
        tree.xpath("//time[@pubdate]/@datetime") + tree.xpath("//time/@datetime"),
        metas("name", _META_DATE_NAMES),
    ]
    for group in groups:
        d = _first_date(group)
        if d:
            return d
    return None


def _html_meta(tree: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    title = tree.xpath('//meta[@property="og:title"]/@content') or tree.xpath("//title/text()")
    if title and title[0].strip():
        meta["title"] = " ".join(title[0].split())
    site = tree.xpath('//meta[@property="og:site_name"]/@content')
    publisher = [p.get("name") for p in _json_ld_values(tree, "publisher") if isinstance(p, dict)]
    outlet = next((s for s in [*site, *publisher] if isinstance(s, str) and s.strip()), None)
    if outlet:
        meta["outlet"] = outlet.strip()
    published = _html_date(tree)
    if published:
        meta["published"] = published
    return meta


@lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def html_main_text(html: str, path: str | None = None) -> tuple[str, dict[str, Any]]:
    """(main text, meta) of an HTML page: trafilatura keeps the article body and drops navigation,
    scripts and boilerplate; meta holds ``title``, ``outlet`` and ``published`` (a date) when the
    page's meta tags, JSON-LD or ``<time>`` elements give them."""
    import lxml.html
    import trafilatura

    try:
        parser = lxml.html.HTMLParser(encoding="utf-8")
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types for hopeless markup
        raise InputError("unparseable HTML", path=path, detail=str(exc)) from exc
    meta = _html_meta(tree)
    text = trafilatura.extract(
        html, include_comments=False, include_tables=True, config=_trafilatura_config()
    )
    if not text or not text.strip():
        raise InputError("no article text found in the HTML page", path=path)
    return text, meta


# -- formats ----------------------------------------------------------------------------------
_FRONT = regex.compile(
    r"\A---[ \t]*\r?\n(?P<yaml>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", regex.S | regex.M
)


def split_front_matter(text: str, path: str | None = None) -> tuple[dict[str, Any], str, int]:
    """(front matter mapping, body, lines before the body) of a Markdown text."""
    m = _FRONT.match(text)
    if not m:
        return {}, text, 0
    import yaml

    try:
        data = load_yaml(m["yaml"]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        raise InputError(
            "bad YAML front matter", path=path, line=line, detail=str(exc).splitlines()[0]
        ) from exc
    if not isinstance(data, dict):
        raise InputError("front matter is not a mapping of keys to values", path=path, line=2)
    return data, text[m.end() :], m[0].count("\n")


def load_yaml(block: str) -> Any:
    """``yaml.safe_load(block)``, read by libyaml when PyYAML has it: six times faster (a
    millisecond an article), and the same values, which the same Python constructor and resolver
    build from either parser. A block libyaml refuses is read again by ``safe_load``, so that
    what fails, and the message it fails with, stay those of ``safe_load``."""
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return yaml.load(block, Loader=fast)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(block)


def _front_matter_meta(
    fm: dict[str, Any], path: str | None
) -> tuple[dict[str, Any], dt.date | None]:
    meta = {
        k: str(fm[k])
        for k in ("title", "outlet", "author", "url", "source")
        if fm.get(k) is not None
    }
    if "outlet" not in meta and "source" in meta:
        meta["outlet"] = meta["source"]
    raw = fm.get("published", fm.get("date"))
    if raw is None:
        return meta, None
    try:
        return meta, parse_date(raw)
    except ValueError as exc:
        raise InputError("bad date in front matter", path=path, detail=str(exc)) from exc


def _sniff(text: str, path: str | None) -> str:
    suffix = Path(path).suffix.lower() if path and path != "-" else ""
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in MARKDOWN_SUFFIXES:
        return "markdown"
    head = text.lstrip()[:200].lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    m = _FRONT.match(text)
    if m and _yaml_mapping(m["yaml"]):
        return "markdown"
    return "text"


def _yaml_mapping(block: str) -> bool:
    """Whether a ``---`` block of a file not named .md is front matter (a YAML mapping) rather than
    text between two rules."""
    import yaml

    try:
        return isinstance(load_yaml(block), dict)
    except yaml.YAMLError:
        return False


def _coerce_published(published: dt.date | str | None) -> dt.date | None:
    if published is None:
        return None
    try:
        return parse_date(published)
    except ValueError as exc:
        raise UsageError(f"--published must be a date like 2025-04-17, not {published!r}") from exc


def read_text(
    text: str, *, path: str | None = None, published: dt.date | str | None = None
) -> Article:
    """An Article from a string (``path`` is only a label, and a hint at the format)."""
    option_date = _coerce_published(published)
    fmt = _sniff(text, path)
    meta: dict[str, Any] = {"format": fmt}
    body, line_base, date, source = text, 0, None, None
    if fmt == "markdown":
        fm, body, line_base = split_front_matter(text, path)
        fm_meta, date = _front_matter_meta(fm, path)
        meta.update(fm_meta)
        source = "front_matter" if date else None
    elif fmt == "html":
        body, html_meta = html_main_text(text, path)
        date = html_meta.pop("published", None)
        meta.update(html_meta)
        source = "html_meta" if date else None
    if not body.strip():
        raise InputError("empty article (no text)", path=path)
    if option_date:
        date, source = option_date, "option"
    if date is None:
        found = dateline_date(body)
        if found:
            date, note = found
            source = "dateline"
            if note:
                meta["published_note"] = note
    return Article(
        text=body,
        path=path,
        published=date,
        published_source=source,
        line_base=line_base,
        meta=meta,
    )


def read_article(path: str | Path, *, published: dt.date | str | None = None) -> Article:
    """An Article from a file, or from stdin when ``path`` is ``"-"``."""
    label = str(path)
    if label == "-":
        data = sys.stdin.buffer.read()
    else:
        p = Path(path)
        if p.is_dir():
            raise InputError("is a directory, not a file", path=label)
        try:
            if p.stat().st_size > MAX_BYTES:
                raise InputError(f"larger than {MAX_BYTES // 1_000_000} MB", path=label)
            data = p.read_bytes()
        except FileNotFoundError as exc:
            raise InputError("no such file", path=label) from exc
        except OSError as exc:
            raise InputError("cannot read", path=label, detail=exc.strerror) from exc
    if not data.strip():
        raise InputError("empty file", path=label)
    text, encoding = decode(data, label)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    article = read_text(text, path=label, published=published)
    if encoding != "utf-8":
        article = replace(article, meta={**article.meta, "encoding": encoding})
    return article


def apply_date_policy(article: Article, policy: str, *, today: dt.date | None = None) -> Article:
    """``infer``: leave a missing date to the pipeline; ``require``: a missing date is an
    InputError; ``today``: a missing date becomes today's (source ``today``)."""
    if article.published is not None or policy == "infer":
        return article
    if policy == "require":
        raise InputError(
            "no publication date found (date policy: require); pass --published", path=article.path
        )
    if policy == "today":
        return replace(article, published=today or dt.date.today(), published_source="today")
    raise UsageError(f"unknown date policy {policy!r}")
