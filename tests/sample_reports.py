"""Hand-built ArticleReports and a tiny fake checker, for the report, batch and CLI tests.

The figures here are invented test values, not official statistics: nothing is checked against
them, they only exercise the renderers.
"""

from __future__ import annotations

import datetime as dt

import regex

from extractor import suppress
from extractor.config import Config
from extractor.model import Article, ArticleReport, Claim, Finding, Normalized, Official
from extractor.periods import Period

PLANTED = (
    'Exports <script>alert("x")</script> rose 3.9% & <b onmouseover="evil()">imports</b> fell.'
)


def _claim(text: str, surface: str, **kw: object) -> Claim:
    start = text.index(surface)
    return Claim(text=surface, start=start, end=start + len(surface), **kw)  # type: ignore[arg-type]


def sample_reports() -> list[ArticleReport]:
    """Three articles: one with findings of several verdicts, one that failed, one with markup."""
    text1 = (
        "Japan's exports rose 3.9% in March 2025.\nThe surplus surged to 9 trillion yen, a record."
    )
    official = Official(
        value=5.0,
        unit="percent",
        period="2025-03",
        partner="World",
        flow="exports",
        status="preliminary",
        release_date=dt.date(2025, 4, 17),
        source="test table",
    )
    march = Period.month(2025, 3)
    f1 = Finding(
        claim=_claim(
            text1,
            "rose 3.9%",
            kind="change",
            metric="exports",
            period=march,
            value="3.9",
            unit="%",
            normalized=Normalized(3.9, "percent"),
            precision=0.05,
            direction="up",
        ),
        verdict="contradicted",
        severity="error",
        rule="value.mismatch",
        message="exports rose 5% in March 2025 (test table), not 3.9%",
        official=official,
        suggestion="rose 5%",
    )
    f2 = Finding(
        claim=_claim(text1, "surged", kind="direction", metric="balance", direction="up"),
        verdict="wrong_direction",
        severity="warning",
        rule="direction.mismatch",
        message="the surplus fell",
        suggestion="fell",
    )
    f3 = Finding(
        claim=_claim(
            text1,
            "9 trillion yen",
            kind="level",
            metric="balance",
            value="9",
            unit="trillion yen",
            normalized=Normalized(9e12, "JPY"),
        ),
        verdict="consistent",
        severity="info",
        rule="value.match",
        message="matches 9.0 trillion yen",
    )
    f4 = Finding(
        claim=_claim(text1, "a record", kind="record", metric="balance"),
        verdict="unverifiable",
        severity="info",
        rule="record.unverifiable",
        message="no history",
    )
    r1 = ArticleReport(
        path="news/a.md",
        text=text1,
        published=dt.date(2025, 4, 17),
        published_source="front_matter",
        findings=(f1, f2, f3, f4),
        line_base=4,
        meta={"title": "Trade | March", "outlet": "Test Wire"},
    )
    r2 = ArticleReport(
        path="news/broken.txt", text="", error="binary file (NUL bytes), not an article"
    )
    f5 = Finding(
        claim=_claim(PLANTED, "rose 3.9%", kind="change", metric="exports", value="3.9", unit="%"),
        verdict="contradicted",
        severity="error",
        rule="value.mismatch",
        message='official is <i>5%</i> "quoted" & more',
        suggestion="<script>bad()</script>",
    )
    r3 = ArticleReport(
        path="news/<evil>.html",
        text=PLANTED,
        published=None,
        findings=(f5,),
        meta={"outlet": "<script>x</script>", "title": "<img src=x onerror=alert(1)>"},
    )
    return [r1, r2, r3]


_PERCENT = regex.compile(r"(?:rose|fell) (\d+(?:\.\d+)?)%")


def fake_checker(article: Article, *, config: Config | None = None) -> ArticleReport:
    """A stand-in for the pipeline: each "rose/fell N%" is a change claim, consistent when N is
    below 10 and contradicted otherwise; suppressions and disabled rules are honoured."""
    config = config or Config()
    findings = []
    for m in _PERCENT.finditer(article.text):
        bad = float(m[1]) >= 10
        findings.append(
            Finding(
                claim=Claim(
                    text=m[0], start=m.start(), end=m.end(), kind="change", value=m[1], unit="%"
                ),
                verdict="contradicted" if bad else "consistent",
                severity="error" if bad else "info",
                rule="value.mismatch" if bad else "value.match",
                message=f"fake verdict on {m[1]}%",
            )
        )
    kept = [f for f in suppress.apply(findings, article.text) if config.rule_enabled(f.rule)]
    return ArticleReport(
        path=article.path,
        text=article.text,
        published=article.published,
        published_source=article.published_source,
        findings=tuple(kept),
        line_base=article.line_base,
        meta=dict(article.meta),
    )


def crashing_checker(article: Article, *, config: Config | None = None) -> ArticleReport:
    """A checker with a bug on articles mentioning "boom"."""
    if "boom" in article.text:
        raise RuntimeError("boom")
    return fake_checker(article, config=config)


GOLDEN = __import__("pathlib").Path(__file__).parent / "golden"


def assert_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/<name>; FACTCHECK_UPDATE_GOLDEN=1 rewrites the file instead."""
    import os

    path = GOLDEN / name
    if os.environ.get("FACTCHECK_UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as fh:
            fh.write(actual)
    assert path.exists(), f"no golden file {path}; run with FACTCHECK_UPDATE_GOLDEN=1"
    with path.open(encoding="utf-8", newline="") as fh:
        expected = fh.read()
    assert actual == expected, f"output differs from {path} (FACTCHECK_UPDATE_GOLDEN=1 to accept)"
