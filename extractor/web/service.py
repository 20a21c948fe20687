"""What the web app does, as plain functions with no web framework in them.

``decode_upload`` turns uploaded bytes into text (or a clear ``InputError``);
``check_report`` checks one draft; ``cli_document`` / ``page_document`` / ``render_html`` shape
the answer; ``answer`` does both, in a worker process;
``reference_answer`` answers a series / vintage question from the reference store.
The routes in :mod:`extractor.web.app` only parse requests and call these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import PurePath
from typing import Any

from extractor.errors import InputError, UsageError
from extractor.model import ArticleReport

UPLOAD_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm")

Checker = Callable[..., ArticleReport]


def safe_filename(filename: str | None) -> str | None:
    """The base name of an uploaded file (no directories), or None; refuse unknown kinds."""
    if not filename:
        return None
    name = PurePath(filename.replace("\\", "/")).name.strip()
    name = "".join(ch for ch in name if ch.isprintable())
    if not name:
        return None
    if PurePath(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise UsageError(
            f"cannot check {name!r}: upload a .txt, .md or .html file",
            detail=f"accepted: {', '.join(UPLOAD_SUFFIXES)}",
        )
    return name


def download_name(filename: str | None, suffix: str) -> str:
    """An ASCII file name for a Content-Disposition header: ``"Q1 report.md"`` ->
    ``"Q1_report.factcheck.html"``."""
    stem = PurePath(filename).stem if filename else "draft"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._") or "draft"
    return f"{stem[:80]}{suffix}"


WARM_UP_TEXT = "Japan's exports rose 1% in March 2025 from a year earlier."


def warm_up(config: Any = None, checker: Checker | None = None) -> None:
    """Check a one-line draft so the first editor does not wait for spaCy and the store to load.
    Failures are left to the first real check, which reports them."""
    try:
        check_report(WARM_UP_TEXT, config=config, checker=checker)
    except Exception:  # noqa: BLE001, S110 - a real check will say what is wrong
        pass


def decode_upload(data: bytes, filename: str | None = None) -> str:
    """Uploaded bytes as text, decoded by the same rules as files given to the CLI (UTF-8 with
    or without a BOM, UTF-16 with a BOM, Japanese cp932); empty or binary is an ``InputError``."""
    from extractor.ingest import decode

    if not data.strip():
        raise InputError("the file is empty", path=filename)
    return decode(data, filename)[0]


def parse_date(value: str | None, field: str = "published") -> dt.date | None:
    """``'2025-04-17'`` -> a date; ``''`` or None -> None; anything else -> ``UsageError``."""
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{field} must be a date like 2025-04-17, not {value!r}") from None


def default_checker(
    text: str,
    *,
    published: dt.date | None = None,
    path: str | None = None,
    config: Any = None,
) -> ArticleReport:
    """Read the draft as the CLI reads a file (front matter, HTML, dateline), apply the
    configured date policy, then check it. Unreadable input raises ``InputError``."""
    from extractor.config import Config
    from extractor.ingest import apply_date_policy, read_text
    from extractor.pipeline import check_article

    cfg = config if config is not None else Config()
    article = apply_date_policy(read_text(text, path=path, published=published), cfg.date_policy)
    return check_article(article, config=cfg)


def check_report(
    text: str,
    *,
    published: dt.date | None = None,
    filename: str | None = None,
    config: Any = None,
    checker: Checker | None = None,
) -> ArticleReport:
    """Check one draft (an empty one is an ``InputError``)."""
    if not text.strip():
        raise InputError("the draft is empty: paste an article or upload a file")
    check = checker or default_checker
    return check(text, published=published, path=filename, config=config)


def answer(
    fmt: str,
    text: str,
    published: dt.date | None,
    filename: str | None,
    config: Any,
    checker: Checker | None,
) -> Any:
    """Check one draft and render it as ``fmt`` asks: ``"html"`` the HTML report (a str),
    ``"page"`` :func:`page_document`, else :func:`cli_document`. This is what a web worker
    process runs for ``POST /api/check`` (rendering is part of the time limit)."""
    report = check_report(
        text, published=published, filename=filename, config=config, checker=checker
    )
    if fmt == "html":
        return render_html(report)
    if fmt == "page":
        return page_document([report])
    return cli_document([report])


def cli_document(reports: list[ArticleReport]) -> dict[str, Any]:
    """Exactly what ``factcheck check --format json`` prints (docs/schema.json), parsed."""
    import json

    from extractor.report import render

    doc = json.loads(render("json", reports))
    if not isinstance(doc, dict) or not isinstance(doc.get("articles"), list):
        raise TypeError("the JSON renderer did not return an object with 'articles'")
    return doc


def page_document(reports: list[ArticleReport]) -> dict[str, Any]:
    """What the page needs: the CLI document untouched, and beside it the text each article's
    offsets point into (after front matter / HTML were stripped), which the schema leaves out."""
    return {"document": cli_document(reports), "texts": [r.text for r in reports]}


def render_html(report: ArticleReport) -> str:
    """The self-contained HTML report of ``factcheck check --format html``, every claim shown."""
    from extractor.report import RenderOptions, render

    return render("html", [report], RenderOptions(show_all=True, title=report.path or "draft"))


BASES: tuple[str, ...] = ("month", "CY", "FY", "CYH", "FYH")


def reference_answer(
    store: Any,
    *,
    flow: str,
    partner: str = "World",
    period: str | None = None,
    as_of: dt.date | None = None,
    basis: str | None = None,
) -> dict[str, Any]:
    """What the store knows about one series: with ``period``, the figure current on ``as_of``
    (None: the latest) and every vintage of that period; with ``basis`` instead, the history of
    the series (one figure per period, as known on ``as_of``)."""
    from extractor.periods import Period
    from extractor.reference.figure import FLOWS
    from extractor.reference.partners import canonical_partner

    if flow not in FLOWS:
        raise UsageError(f"unknown flow {flow!r}", detail=f"one of {', '.join(FLOWS)}")
    name = canonical_partner(partner)
    if name is None:
        raise UsageError(f"unknown partner {partner!r}", detail="e.g. World, United States, China")
    answer: dict[str, Any] = {
        "flow": flow,
        "partner": name,
        "as_of": as_of.isoformat() if as_of else None,
    }
    if period is not None:
        p = Period.parse(period)
        current = store.lookup(flow, name, p, as_of)
        answer["period"] = p.code
        answer["figure"] = _figure(current) if current is not None else None
        answer["vintages"] = [_figure(f) for f in store.vintages(flow, name, p)]
        return answer
    if basis not in BASES:
        raise UsageError(
            "give a period (e.g. FY2024) or a basis for the whole series",
            detail=f"basis is one of {', '.join(BASES)}",
        )
    answer["basis"] = basis
    answer["history"] = [_figure(f) for f in store.history(flow, name, basis, as_of)]
    return answer


def _figure(fig: Any) -> dict[str, Any]:
    d = dict(fig.to_dict())
    d["unit"] = fig.unit
    return d
