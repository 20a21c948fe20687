from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from sample_reports import PLANTED, assert_golden, sample_reports

from extractor.report import render
from extractor.report.htmlfmt import (
    highlighted_text,
    render_article_html,
    render_html,
    svg_bar_chart,
)


class Collector(HTMLParser):
    """Every start tag and attribute, and the text, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Collector:
    c = Collector()
    c.feed(page)
    c.close()
    return c


def test_golden_batch_page() -> None:
    assert_golden("report.html", render("html", sample_reports()))


def test_golden_single_article() -> None:
    assert_golden("article.html", render_article_html(sample_reports()[0]))


def test_planted_markup_is_inert() -> None:
    page = render_html(sample_reports())
    c = parse(page)
    tags = {t for t, _ in c.tags}
    assert "script" not in tags and "img" not in tags and "b" not in tags
    assert not any(k.startswith("on") for _, attrs in c.tags for k in attrs)
    assert not any(
        (v or "").lower().startswith("javascript:") for _, attrs in c.tags for v in attrs.values()
    )
    text = "".join(c.text)
    assert '<script>alert("x")</script>' in text  # shown as text, exactly as the article has it
    assert "<img src=x onerror=alert(1)>" in text and "<script>bad()</script>" in text
    csp = [a for t, a in c.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")


def test_no_external_resources() -> None:
    c = parse(render_html(sample_reports()))
    for tag, attrs in c.tags:
        for key in ("src", "href"):
            value = attrs.get(key)
            assert value is None or value.startswith("#"), (tag, attrs)


def test_highlights_cover_each_claim_with_its_verdict() -> None:
    r1 = sample_reports()[0]
    c = parse(highlighted_text(r1, "a1"))
    marks = [a for t, a in c.tags if t == "mark"]
    assert [m["data-verdict"] for m in marks] == [
        "contradicted",
        "wrong_direction",
        "consistent",
        "unverifiable",
    ]
    assert all(m["tabindex"] == "0" for m in marks)
    # without the tooltips, the text is the article's, unchanged
    plain = "".join(c.text)
    for f in r1.findings:
        assert f.claim.text in plain


def test_overlapping_claims_share_one_highlight() -> None:
    from dataclasses import replace

    r3 = sample_reports()[2]
    f = r3.findings[0]
    short = replace(f.claim, end=f.claim.start + 4, text=PLANTED[f.claim.start : f.claim.start + 4])
    inner = replace(f, claim=short, verdict="consistent", severity="info")
    r = replace(r3, findings=(inner, f))
    c = parse(highlighted_text(r))
    marks = [a for t, a in c.tags if t == "mark"]
    assert len(marks) == 1 and marks[0]["data-verdict"] == "contradicted"


def test_summary_links_and_chart() -> None:
    page = render_html(sample_reports())
    c = parse(page)
    links = [a["href"] for t, a in c.tags if t == "a"]
    ids = {a.get("id") for _, a in c.tags}
    assert links == ["#article-1", "#article-2", "#article-3"] and all(
        link[1:] in ids for link in links
    )
    assert (
        page.count("<svg") == 1
        and "By outlet" in page
        and "By period" in page
        and "By rule" in page
    )


def test_svg_chart_bars() -> None:
    svg = svg_bar_chart({"consistent": 2, "contradicted": 4, "not_checked": 0, "<x>": 1})
    c = parse(svg)
    rects = [a for t, a in c.tags if t == "rect"]
    assert len(rects) == 3 and "&lt;x&gt;" in svg


def test_embeddable_section() -> None:
    section = render_article_html(sample_reports()[0], standalone=False, anchor="x")
    assert section.startswith('<section class="article" id="x">') and "<html" not in section


class TextWithoutTips(HTMLParser):
    """The character data of a fragment, leaving out the tooltips."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # >0 inside a tooltip span
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth or (tag == "span" and ("class", "tip") in attrs):
            self.depth += 1 if tag in ("span", "strong") else 0

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in ("span", "strong"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth:
            self.parts.append(data)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from(list("ab <>&\"'/\n=;x¥")), min_size=1, max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=5),
)
def test_highlighting_never_changes_or_leaks_the_text(
    text: str, spans: list[tuple[int, int]]
) -> None:
    from extractor.model import Claim, Finding

    findings = []
    for start, length in spans:
        start = min(start, len(text) - 1)
        end = min(len(text), start + length)
        claim = Claim(text=text[start:end], start=start, end=end, kind="level")
        findings.append(
            Finding(claim, "contradicted", "error", "value.mismatch", f"msg {text[start:end]}")
        )
    from extractor.model import ArticleReport

    fragment = highlighted_text(ArticleReport(path="p", text=text, findings=tuple(findings)))
    p = TextWithoutTips()
    p.feed(fragment)
    p.close()
    assert "".join(p.parts) == text
    tags = {t for t, _ in parse(fragment).tags}
    assert tags <= {"mark", "span", "strong", "br", "hr"}
