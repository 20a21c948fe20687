"""Inline suppressions: a comment in a draft silences a finding on its line, with a reason.

Two spellings, for Markdown/HTML drafts and for plain text::

    <!-- factcheck: ignore value.mismatch -- figure is from the revised release -->
    [factcheck: ignore sign.surplus_deficit reason="the outlet's own convention"]

Several rule ids may be given, separated by commas; each matches by dotted prefix, as in the
configuration (``value`` covers ``value.mismatch``). A comment covers the findings whose claim
starts on the same line; a comment standing alone on its line covers the next non-blank line.

What a suppression does (decided here, documented in the README):

- a silenced finding is **kept** (an audit trail beats a vanishing act): its verdict stays, its
  severity becomes ``info`` and its message ends with ``[silenced: <reason>]``; the claim gets a
  ``silenced: <reason>`` note;
- a suppression **without a reason** silences nothing and is itself reported, as a warning with
  rule ``suppress.missing_reason``;
- a suppression that matches no finding is reported at ``info`` (rule ``suppress.unused``), so a
  stale comment does not linger unnoticed.

The reported suppression findings carry a ``Claim`` whose text is the comment itself, with
``excluded="suppression comment"`` and verdict ``not_checked``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import regex

from extractor.model import Claim, Finding, Severity

_DIRECTIVE = regex.compile(
    r"""(?:<!--|\[)\s*factcheck:\s*ignore\s+
        (?P<rules>[\w.\-]+(?:\s*,\s*[\w.\-]+)*)
        (?:\s+--\s*(?P<dash>.*?)|\s+reason\s*=\s*"(?P<quoted>[^"\n]*)")?
        \s*(?:-->|\])""",
    regex.VERBOSE | regex.IGNORECASE,
)

RULE_MISSING_REASON = "suppress.missing_reason"
RULE_UNUSED = "suppress.unused"


@dataclass(frozen=True)
class Suppression:
    """One directive: the rule prefixes it names, its reason, where it is and what line it covers."""

    rules: tuple[str, ...]
    reason: str | None
    start: int
    end: int
    text: str
    line: int  # 1-based line of ``text`` the directive covers

    def covers(self, rule_id: str) -> bool:
        for prefix in self.rules:
            p = prefix.rstrip(".")
            if rule_id == p or rule_id.startswith(p + "."):
                return True
        return False


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _target_line(text: str, m: regex.Match[str]) -> int:
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    line_end = len(text) if line_end < 0 else line_end
    alone = not text[line_start : m.start()].strip() and not text[m.end() : line_end].strip()
    line = _line_of(text, m.start())
    if not alone:
        return line
    lines = text.split("\n")
    for i in range(line, len(lines)):  # lines[i] is line i+1
        if lines[i].strip():
            return i + 1
    return line


def find_suppressions(text: str) -> list[Suppression]:
    """Every directive in ``text``, in order."""
    found: list[Suppression] = []
    for m in _DIRECTIVE.finditer(text):
        reason = m["dash"] if m["dash"] is not None else m["quoted"]
        reason = reason.strip() if reason else None
        rules = tuple(r.strip() for r in m["rules"].split(",") if r.strip())
        found.append(
            Suppression(rules, reason or None, m.start(), m.end(), m[0], _target_line(text, m))
        )
    return found


def _directive_finding(s: Suppression, rule: str, severity: Severity, message: str) -> Finding:
    claim = Claim(
        text=s.text,
        start=s.start,
        end=s.end,
        kind="level",
        excluded="suppression comment",
        notes=("factcheck directive",),
    )
    return Finding(
        claim=claim, verdict="not_checked", severity=severity, rule=rule, message=message
    )


def _silence(f: Finding, reason: str) -> Finding:
    claim = replace(f.claim, notes=(*f.claim.notes, f"silenced: {reason}"))
    return replace(f, claim=claim, severity="info", message=f"{f.message} [silenced: {reason}]")


def apply(findings: Sequence[Finding], text: str) -> tuple[Finding, ...]:
    """Apply the directives in ``text`` to ``findings`` (offsets into ``text``).

    Returns the findings in their original order (silenced ones changed as described in the module
    doc), followed by findings about the directives themselves, in text order.
    """
    directives = find_suppressions(text)
    if not directives:
        return tuple(findings)
    used: set[int] = set()
    out: list[Finding] = []
    for f in findings:
        line = _line_of(text, f.claim.start)
        match = next(
            (
                i
                for i, s in enumerate(directives)
                if s.reason and s.line == line and s.covers(f.rule)
            ),
            None,
        )
        if match is None:
            out.append(f)
        else:
            used.add(match)
            out.append(_silence(f, directives[match].reason or ""))
    for i, s in enumerate(directives):
        names = ", ".join(s.rules)
        if not s.reason:
            out.append(
                _directive_finding(
                    s,
                    RULE_MISSING_REASON,
                    "warning",
                    f"suppression of {names} has no reason and silences nothing; "
                    'add one: "-- why" or reason="why"',
                )
            )
        elif i not in used:
            out.append(
                _directive_finding(
                    s,
                    RULE_UNUSED,
                    "info",
                    f"suppression of {names} matches no finding on line {s.line}",
                )
            )
    return tuple(out)
