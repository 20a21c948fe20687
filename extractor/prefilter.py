"""A cheap prefilter: could this text hold a claim about Japan's trade?

Most articles of a news archive never mention trade. :func:`might_have_claims` lets the pipeline
skip them before spaCy sees them, with one compiled regular expression and no other work.

The rule: a text is kept when it holds *trade vocabulary* (export, import, trade, surplus,
deficit, shortfall, shipments, customs, balance of trade, current account, the Finance Ministry,
an exchange-rate phrase, or the Japanese 輸出 / 輸入 / 貿易 / 黒字 / 赤字 / 収支 / 財務省 / 為替 /
円安 / 円高). A text without any of these is skipped, whatever numbers it holds: every claim the
extractor makes is tied to exports, imports, the balance or the yen-dollar rate, and each of those
needs one of these words (or a rate phrase) somewhere in the text. Matching is on the lower-cased
text, so "EXPORTS" and "Exports" count.

Why not "skip only when there is neither a number nor trade vocabulary"? Nearly every news
article holds a number (a score, a temperature, a date), so that rule would skip almost nothing.
Why not also require a number? Direction and record claims ("exports fell", "a record
deficit") need no digit, so a trade text without digits is kept too.

The filter errs on the side of keeping: "traded", "a two-goal deficit" or "import duties" keep a
text that holds no claim; that costs time, never a claim. ``tests/test_prefilter.py`` checks that
it never skips a text the extractor finds claims in.
"""

from __future__ import annotations

import re

__all__ = ["TRADE_VOCABULARY", "might_have_claims"]

# The authority: one compiled regex over the lower-cased text. Each alternative is a word
# family; \b keeps "important" and "tradition" out. Every alternative contains one of _STEMS.
TRADE_VOCABULARY: re.Pattern[str] = re.compile(
    r"""
    \b(?:
        export(?:s|ed|ing|er|ers)?
      | re-?export(?:s|ed)?
      | import(?:s|ed|ing|er|ers)?
      | trad(?:e|es|ed|ing)
      | surplus(?:es)?
      | deficits?
      | shortfalls?
      | shipments?
      | customs
      | current[ -]account
      | balance\ of\ (?:trade|payments)
      | finance\ ministry | ministry\ of\ finance | mof
      | exchange[ -]rates?
      | (?:per|to\ the|against\ the|versus\ the|vs\.?\ the)\ (?:u\.?s\.?\ )?dollar
      | dollar[-/](?:yen|jpy) | yen[-/]dollar | usd/?jpy
    )\b
    | 輸出 | 輸入 | 貿易 | 黒字 | 赤字 | 収支 | 財務省 | 為替 | 円安 | 円高
    """,
    re.VERBOSE,
)

# A necessary condition, checked first: a regex match always contains one of these substrings.
# ``stem in text`` runs at memchr speed (about 100 MB/s for all of them on this machine, against
# 10-18 MB/s for the regex alone, whose alternation is tried at every position), so the text
# that holds none of them, most of an archive, costs a few substring scans.
_STEMS: tuple[str, ...] = (
    "export", "import", "trad", "surplus", "deficit", "shortfall", "shipment", "customs",
    "current", "balance of", "ministry", "mof", "exchange", "dollar", "usd",
    "輸出", "輸入", "貿易", "黒字", "赤字", "収支", "財務省", "為替", "円安", "円高",
)  # fmt: skip


# A match holds a stem at most _LEAD characters after its start ("against the u.s. dollar") and
# ends at most _TAIL characters after the start of that stem.
_LEAD, _TAIL = 20, 40


def might_have_claims(text: str) -> bool:
    """True when ``text`` could hold a trade claim; False means the extractor can skip it.

    Pure and cheap: a substring scan per stem; on a hit, the regex runs on a small window
    around it, and only when no window holds a trade word does it scan the text from just
    before the first stem. Same answer as ``TRADE_VOCABULARY.search(text.lower())``.
    """
    low = text.lower()
    first = -1
    for stem in _STEMS:
        at = low.find(stem)
        if at < 0:
            continue
        end = at + _TAIL
        m = TRADE_VOCABULARY.search(low, max(0, at - _LEAD), end)
        if m is not None and (m.end() < end or end >= len(low)):  # not cut short by the window
            return True
        if first < 0 or at < first:
            first = at
    return first >= 0 and TRADE_VOCABULARY.search(low, max(0, first - _LEAD)) is not None
