"""A self-contained HTML report: no script, no CDN, no external request.

``render_html(reports)`` gives one page: a batch summary (counts by verdict, rule, outlet and
period, an inline SVG bar chart of verdicts, a table linking to each article) followed by every
article, its text with each claim highlighted by verdict; hovering, focusing or clicking a claim
shows the verdict, the explanation, the official figure and the suggestion (pure CSS: a claim is
focusable). ``render_article_html(report)`` gives one article alone (a full page, or with
``standalone=False`` the ``<section>`` to embed in another page; then the page needs :data:`CSS`).

Every piece of article text, path, meta value and message is escaped with ``html.escape``, and the
page also carries a Content-Security-Policy forbidding scripts, so planted markup stays inert.
Overlapping claims share one highlight, coloured by the worst of them; every finding is also
listed in the table under the article.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from extractor.model import ArticleReport, Finding
from extractor.report.common import (
    RenderOptions,
    display_path,
    format_value,
    position,
    rank,
    summary,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
VERDICT_COLOURS = {
    "consistent": "#c8e6c9",
    "contradicted": "#ffcdd2",
    "wrong_sign": "#ffcdd2",
    "wrong_direction": "#ffcdd2",
    "false_record": "#ffcdd2",
    "wrong_streak": "#ffcdd2",
    "wrong_period": "#ffe0b2",
    "unverifiable": "#fff9c4",
    "not_checked": "#e0e0e0",
}
CSS = (
    "body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:.2em .5em;"
    "text-align:left;vertical-align:top}.text{white-space:pre-wrap;border:1px solid #ddd;padding:1em;"
    "background:#fafafa}mark.claim{position:relative;cursor:pointer;border-radius:2px;padding:0 1px}"
    "mark.claim:focus{outline:2px solid #1565c0}.tip{display:none;position:absolute;left:0;top:1.6em;"
    "z-index:10;width:28em;background:#fff;border:1px solid #888;padding:.5em;white-space:normal;"
    "box-shadow:0 2px 6px rgba(0,0,0,.2);font-size:13px}mark.claim:hover .tip,mark.claim:focus .tip"
    "{display:block}.meta{color:#555}.error{color:#b71c1c;font-weight:bold}"
    ".counts{display:flex;flex-wrap:wrap;gap:0 2.5em}.wide{overflow-x:auto}td{overflow-wrap:anywhere}"
    + "".join(
        f"mark.v-{v},tr.v-{v} td.verdict{{background:{c}}}" for v, c in VERDICT_COLOURS.items()
    )
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _worst(findings: Sequence[Finding]) -> Finding:
    return max(findings, key=lambda f: (rank(f.severity), f.flagged))


def _tip(f: Finding) -> str:
    parts = [f"<strong>{_e(f.verdict)}</strong> ({_e(f.severity)}, {_e(f.rule)}): {_e(f.message)}"]
    if f.official:
        o = f.official
        parts.append(
            f"official: {_e(format_value(o.value, o.unit))}, {_e(o.period)}, {_e(o.partner)}, "
            f"{_e(o.status)}, {_e(o.source)}"
        )
    if f.suggestion:
        parts.append(f"suggestion: {_e(f.suggestion)}")
    return "<br>".join(parts)


def _clusters(report: ArticleReport) -> list[tuple[int, int, list[Finding]]]:
    """Overlapping claim spans merged into (start, end, findings), in text order."""
    n = len(report.text)
    spans = sorted(
        (f for f in report.findings if 0 <= f.claim.start < f.claim.end <= n),
        key=lambda f: (f.claim.start, -f.claim.end),
    )
    out: list[tuple[int, int, list[Finding]]] = []
    for f in spans:
        if out and f.claim.start < out[-1][1]:
            start, end, group = out[-1]
            out[-1] = (start, max(end, f.claim.end), [*group, f])
        else:
            out.append((f.claim.start, f.claim.end, [f]))
    return out


def highlighted_text(report: ArticleReport, anchor: str = "a") -> str:
    """The article text, escaped, with each claim (or cluster of overlapping claims) marked."""
    text, pieces, cursor = report.text, [], 0
    for i, (start, end, group) in enumerate(_clusters(report), start=1):
        worst = _worst(group)
        pieces.append(_e(text[cursor:start]))
        tips = "<hr>".join(_tip(f) for f in group)
        pieces.append(
            f'<mark class="claim v-{_e(worst.verdict)} s-{_e(worst.severity)}" tabindex="0" '
            f'id="{_e(anchor)}-c{i}" data-verdict="{_e(worst.verdict)}">{_e(text[start:end])}'
            f'<span class="tip" role="tooltip">{tips}</span></mark>'
        )
        cursor = end
    pieces.append(_e(text[cursor:]))
    return "".join(pieces)


def _findings_table(report: ArticleReport) -> str:
    rows = []
    for f in sorted(report.findings, key=lambda f: f.claim.start):
        line, col = position(report, f)
        o = f.official
        official = f"{format_value(o.value, o.unit)} ({o.period})" if o else ""
        rows.append(
            f'<tr class="v-{_e(f.verdict)}"><td>{line}:{col}</td><td>{_e(f.claim.text)}</td>'
            f'<td class="verdict">{_e(f.verdict)}</td><td>{_e(f.severity)}</td><td>{_e(f.rule)}</td>'
            f"<td>{_e(f.message)}</td><td>{_e(official)}</td><td>{_e(f.suggestion or '')}</td></tr>"
        )
    if not rows:
        return "<p>No claims found.</p>"
    head = "".join(
        f"<th>{h}</th>"
        for h in (
            "where",
            "claim",
            "verdict",
            "severity",
            "rule",
            "message",
            "official",
            "suggestion",
        )
    )
    return f'<div class="wide"><table class="findings"><tr>{head}</tr>{"".join(rows)}</table></div>'


def article_section(report: ArticleReport, anchor: str = "article-1") -> str:
    """One article as a ``<section id=anchor>``: heading, meta, highlighted text, findings."""
    meta = []
    for key in ("title", "outlet"):
        if report.meta.get(key):
            meta.append(f"{key}: {_e(report.meta[key])}")
    published = report.published.isoformat() if report.published else "unknown"
    source = f" ({_e(report.published_source)})" if report.published_source else ""
    meta.append(f"published: {_e(published)}{source}")
    body = (
        f'<p class="error">Could not be checked: {_e(report.error)}</p>'
        if report.error
        else f'<div class="text">{highlighted_text(report, anchor)}</div>{_findings_table(report)}'
    )
    return (
        f'<section class="article" id="{_e(anchor)}"><h2>{_e(display_path(report))}</h2>'
        f'<p class="meta">{" · ".join(meta)}</p>{body}</section>'
    )


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head>\n<body>{body}</body></html>\n"
    )


def render_article_html(
    report: ArticleReport, *, standalone: bool = True, anchor: str = "article-1"
) -> str:
    """One article: a full self-contained page, or (``standalone=False``) its section only."""
    section = article_section(report, anchor)
    return _page(display_path(report), section) if standalone else section


def svg_bar_chart(counts: dict[str, int], *, width: int = 480, bar: int = 18) -> str:
    """A horizontal bar chart of non-zero ``counts`` as inline SVG."""
    items = [(k, v) for k, v in counts.items() if v]
    top = max((v for _, v in items), default=1)
    label_w, gap = 130, 6
    height = max(1, len(items)) * (bar + gap)
    rows = []
    for i, (label, value) in enumerate(items):
        y = i * (bar + gap)
        w = max(1, round((width - label_w - 40) * value / top))
        colour = VERDICT_COLOURS.get(label, "#90caf9")
        rows.append(
            f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end">{_e(label)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar}" fill="{colour}" stroke="#666"/>'
            f'<text x="{label_w + w + 4}" y="{y + bar - 5}">{value}</text>'
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="claims by verdict" font-size="12">{"".join(rows)}</svg>'
    )


def _count_table(title: str, counts: dict[str, int]) -> str:
    rows = "".join(f"<tr><td>{_e(k)}</td><td>{v}</td></tr>" for k, v in counts.items() if v)
    return f"<div><h3>{_e(title)}</h3><table>{rows or '<tr><td>none</td></tr>'}</table></div>"


def summary_section(reports: Sequence[ArticleReport]) -> str:
    s = summary(reports)
    rows = []
    for i, r in enumerate(reports, start=1):
        status = (
            f'<span class="error">{_e(r.error)}</span>' if r.error else f"{len(r.flagged)} flagged"
        )
        rows.append(
            f'<tr><td><a href="#article-{i}">{_e(display_path(r))}</a></td>'
            f"<td>{_e(r.meta.get('outlet') or '')}</td>"
            f"<td>{_e(r.published.isoformat() if r.published else '')}</td>"
            f"<td>{len(r.findings)}</td><td>{status}</td></tr>"
        )
    articles = (
        "<table><tr><th>article</th><th>outlet</th><th>published</th><th>claims</th><th>status</th></tr>"
        + "".join(rows)
        + "</table>"
    )
    return (
        f'<section id="summary"><p>{s["articles"]} article(s), {s["claims"]} claim(s), '
        f"{s['flagged']} flagged, {s['errors']} could not be checked.</p>"
        f'{svg_bar_chart(s["by_verdict"])}<div class="counts">'
        f"{_count_table('By verdict', s['by_verdict'])}{_count_table('By rule', s['by_rule'])}"
        f"{_count_table('By outlet', s['by_outlet'])}{_count_table('By period', s['by_period'])}"
        f'</div><h3>Articles</h3><div class="wide">{articles}</div></section>'
    )


def render_html(reports: Sequence[ArticleReport], *, title: str = "factcheck report") -> str:
    """The batch page: summary, chart, links, then every article."""
    sections = "".join(article_section(r, f"article-{i}") for i, r in enumerate(reports, start=1))
    return _page(title, f"<h1>{_e(title)}</h1>{summary_section(reports)}{sections}")


def render(reports: Sequence[ArticleReport], opts: RenderOptions) -> str:
    return render_html(reports, title=opts.title)
