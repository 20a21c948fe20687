"""One article through the whole chain: extract claims -> verify each -> ArticleReport.

``check_text`` and ``check_article`` are the library's front door (the CLI, the batch runner and
the web page all call them). Bad article content never raises: the report carries ``error``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from extractor.errors import ExtractorError
from extractor.model import Article, ArticleReport, Claim, Finding

if TYPE_CHECKING:
    from extractor.verify import VerifyContext

_DISABLED_NOTE = "switched off by configuration"
SKIPPED_NOTE = "no trade vocabulary"  # meta["skipped"] of an article the prefilter rejects


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise ExtractorError(f"not a date: {value!r} (use YYYY-MM-DD)") from exc


def check_text(
    text: str,
    *,
    published: dt.date | str | None = None,
    path: str | None = None,
    config: Any | None = None,
) -> ArticleReport:
    """Check a piece of text (plain text, Markdown with front matter, or HTML)."""
    from extractor.ingest import read_text

    day = _as_date(published)
    try:
        article = read_text(text, path=path, published=day)
    except ExtractorError as exc:
        return ArticleReport(path=path, text=text, error=str(exc), published=day)
    return check_article(article, config=config)


def check_article(article: Article, *, config: Any | None = None, store: Any | None = None) -> ArticleReport:
    """Extract and verify every claim of one article."""
    try:
        return _check(article, config, store)
    except ExtractorError as exc:
        return _failed(article, str(exc))
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop a batch
        return _failed(article, f"internal error: {exc!r}")


def _failed(article: Article, error: str) -> ArticleReport:
    return ArticleReport(path=article.path, text=article.text, published=article.published,
                         published_source=article.published_source, language=article.language,
                         error=error, line_base=article.line_base, meta=dict(article.meta))


def _check(article: Article, config: Any | None, store: Any | None) -> ArticleReport:
    from extractor.extract import claims_on, extract_doc
    from extractor.prefilter import might_have_claims
    from extractor.reference import load_store
    from extractor.verify import verify_claim

    if not might_have_claims(article.text):
        return _skipped(article)
    published, source = article.published, article.published_source
    doc = extract_doc(article.text, published) if article.text.strip() else None
    claims = list(doc._.claims or []) if doc is not None else []
    if claims and store is None:
        store = load_store()  # only an article with claims needs the reference data
    if published is None and doc is not None:
        inferred = infer_published(claims, store)
        if inferred is not None:
            published, source = inferred
            claims = claims_on(doc, published)  # same Doc; only the claim layer runs again
    ctx = verify_context(claims, store, published, config)
    findings = tuple(_configured(verify_claim(c, ctx), config) for c in claims)
    findings = _suppressed(findings, article.text)
    return ArticleReport(
        path=article.path, text=article.text, published=published, published_source=source,
        language=article.language, findings=findings, line_base=article.line_base,
        meta=dict(article.meta),
    )


def verify_context(
    claims: list[Claim], store: Any, published: dt.date | None, config: Any | None = None
) -> VerifyContext:
    """What every claim of one article is verified against: the store, the publication date,
    the rates the article states, and the periods and partners it mentions (second opinions)."""
    from extractor.verify import VerifyContext

    rates = tuple(
        c.normalized.value
        for c in claims
        if c.kind == "rate" and c.normalized is not None and not c.excluded
    )
    return VerifyContext(
        store=store,
        published=published,
        stated_rates=rates,
        tolerance=float(getattr(config, "tolerance", 0.0) or 0.0),
        periods=tuple(dict.fromkeys(c.period for c in claims if c.period)),
        partners=tuple(dict.fromkeys(c.partner for c in claims)),
    )


def _skipped(article: Article) -> ArticleReport:
    """The report of an article the prefilter rejects: no findings, and ``meta`` says why."""
    return ArticleReport(
        path=article.path, text=article.text, published=article.published,
        published_source=article.published_source, language=article.language,
        line_base=article.line_base, meta={**article.meta, "skipped": SKIPPED_NOTE},
    )


def infer_published(claims: list[Claim], store: Any) -> tuple[dt.date, str] | None:
    """The first release date of the latest period the article cites, when no date was given."""
    best: tuple[dt.date, str] | None = None
    for claim in claims:
        if claim.period is None or claim.metric not in ("exports", "imports", "balance") or claim.excluded:
            continue
        vintages = store.vintages(claim.metric, claim.partner, claim.period)
        dates = [v.release_date for v in vintages if v.release_date is not None]
        if dates and (best is None or min(dates) > best[0]):
            best = (min(dates), f"inferred: first release of {claim.period} ({min(dates).isoformat()})")
    return best


def _configured(f: Finding, config: Any | None) -> Finding:
    """A finding whose rule is switched off becomes 'not_checked' (said, never dropped)."""
    if config is None or not hasattr(config, "rule_enabled") or config.rule_enabled(f.rule):
        return f
    from dataclasses import replace

    return replace(f, verdict="not_checked", severity="info",
                   message=f"{f.rule} {_DISABLED_NOTE}: {f.message}")


def _suppressed(findings: tuple[Finding, ...], text: str) -> tuple[Finding, ...]:
    from extractor.suppress import apply

    return tuple(apply(findings, text))
