from __future__ import annotations

from extractor.model import Claim, Finding
from extractor.suppress import RULE_MISSING_REASON, RULE_UNUSED, apply, find_suppressions


def finding(
    text: str, surface: str, rule: str = "value.mismatch", severity: str = "error"
) -> Finding:
    start = text.index(surface)
    claim = Claim(text=surface, start=start, end=start + len(surface), kind="change")
    return Finding(
        claim=claim, verdict="contradicted", severity=severity, rule=rule, message="wrong"
    )  # type: ignore[arg-type]


def test_html_comment_with_reason_silences_finding_on_its_line() -> None:
    text = "Exports rose 3.9%. <!-- factcheck: ignore value.mismatch -- figure is from the revised release -->\nNext."
    f = finding(text, "rose 3.9%")
    (out,) = apply([f], text)
    assert out.verdict == "contradicted"  # the verdict is kept
    assert out.severity == "info"
    assert out.message.endswith("[silenced: figure is from the revised release]")
    assert "silenced: figure is from the revised release" in out.claim.notes
    assert text[out.claim.start : out.claim.end] == out.claim.text


def test_bracket_form_with_quoted_reason_and_prefix() -> None:
    text = 'The surplus [factcheck: ignore sign reason="outlet convention"] surged.'
    f = finding(text, "surged", rule="sign.surplus_deficit")
    (out,) = apply([f], text)
    assert out.severity == "info" and "outlet convention" in out.message


def test_only_the_same_line_and_matching_rule() -> None:
    text = "A rose 3.9%.\nB fell 2%. <!-- factcheck: ignore value.mismatch -- ok -->\nC rose 9%."
    a, b, c = finding(text, "rose 3.9%"), finding(text, "fell 2%"), finding(text, "rose 9%")
    other = finding(text, "B fell", rule="direction.mismatch")
    out = apply([a, b, c, other], text)
    assert [f.severity for f in out] == ["error", "info", "error", "error"]


def test_comment_alone_on_a_line_covers_the_next_non_blank_line() -> None:
    text = "<!-- factcheck: ignore value -- checked by the desk -->\n\nExports rose 3.9%."
    (out,) = apply([finding(text, "rose 3.9%")], text)
    assert out.severity == "info"


def test_missing_reason_silences_nothing_and_is_reported() -> None:
    text = "Exports rose 3.9%. <!-- factcheck: ignore value.mismatch -->"
    f = finding(text, "rose 3.9%")
    out = apply([f], text)
    assert out[0] == f
    warning = out[1]
    assert (warning.rule, warning.severity, warning.verdict) == (
        RULE_MISSING_REASON,
        "warning",
        "not_checked",
    )
    assert text[warning.claim.start : warning.claim.end] == warning.claim.text
    assert warning.claim.text.startswith("<!--")


def test_empty_reason_counts_as_missing() -> None:
    text = 'Exports rose 3.9%. [factcheck: ignore value reason=""]'
    out = apply([finding(text, "rose 3.9%")], text)
    assert out[0].severity == "error" and out[1].rule == RULE_MISSING_REASON


def test_unused_suppression_is_reported_at_info() -> None:
    text = "Nothing here. <!-- factcheck: ignore value.mismatch -- stale -->"
    (out,) = apply([], text)
    assert (out.rule, out.severity) == (RULE_UNUSED, "info")


def test_no_directives_returns_findings_unchanged() -> None:
    text = "Exports rose 3.9%."
    f = finding(text, "rose 3.9%")
    assert apply([f], text) == (f,)


def test_several_rules_in_one_directive() -> None:
    (s,) = find_suppressions("x <!-- factcheck: ignore value.mismatch, sign -- both known -->")
    assert s.rules == ("value.mismatch", "sign") and s.reason == "both known"
    assert s.covers("sign.surplus_deficit") and not s.covers("signal.x")
