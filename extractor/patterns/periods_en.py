"""Rule data for period phrases in English news text ("March 2025", "fiscal 2024", "the year to
March", "the same month last year").

Syntax
------
``MONTHS``   spelling (case-insensitive, a trailing "." allowed) -> month number.
``RULES``    ordered rules; each is a dict with

  ``id``        dotted rule id (``period.<name>``); config switches rules off by prefix
  ``pattern``   a ``regex`` pattern (compiled with IGNORECASE unless ``case`` is True).
                ``{MONTH}`` expands to an alternation of the month spellings; named groups carry
                what the resolver needs: ``month``, ``m1``/``m2`` (a range), ``year``, ``yy``
                (two-digit year), ``half`` (first|second|1|2), ``same``
  ``kind``      how :mod:`extractor.components.periods_text` resolves the match:
                ``date`` (a calendar day: consumed, never a period), ``month``, ``month_year``,
                ``month_range``, ``fiscal_year``, ``fiscal_ending``, ``fiscal_half``, ``half_bare``,
                ``month_last_year``, ``full_year``,
                ``calendar_half``, ``fiscal_bare``, ``fiscal_definition``, ``year``,
                ``last_year``, ``last_month`` (the month before publication),
                ``year_earlier`` (relative to the current period),
                ``month_earlier``, ``month_span`` ("from April to June": a half or a year only
                after "between", else no period) and ``quarter`` (never a period: MOF prints
                months, halves and years; the claim is reported unverifiable)
  ``match``     example strings the rule must match in full
  ``no_match``  example strings it must not match in full

Overlaps between rules are resolved by the longest match (then the earlier rule).
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Full month names; the short forms only with a dot or before a year (see MONTH below).
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_SHORT = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\."
MONTH = rf"(?:{_FULL}|{_SHORT})"

RULES: list[dict] = [
    {
        "id": "period.date",
        "kind": "date",
        "pattern": r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
        r"(?:(?P<month>{MONTH})\s+\d{1,2}(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>\d{4}))?"
        r"|\d{1,2}\s+(?P<month>{MONTH})(?:,?\s+(?P<year>\d{4}))?)",
        "match": ["April 17", "Thursday, April 17, 2025", "January 22, 2026", "17 April 2025"],
        "no_match": ["March 2025", "April"],
    },
    {
        "id": "period.point_in_time",
        "kind": "date",
        "pattern": r"(?:at\s+the\s+(?:end|start|beginning|turn)\s+of|(?:in\s+)?(?:early|mid|late)[-\s])\s*"
        r"(?P<month>{MONTH})(?!\s*[-–—]\s*{MONTH})(?:,?\s+(?P<year>\d{4}))?",
        "match": ["at the end of July", "in mid-July", "late March 2025", "early April"],
        "no_match": ["July", "the end of the year"],
    },
    {
        "id": "period.fiscal_definition",
        "kind": "fiscal_definition",
        "pattern": r"(?P<m1>{MONTH})\s*(?:[-–—/]|-to-|\s+(?:to|through)\s+)\s*(?P<m2>{MONTH})\s+"
        r"(?:(?P<half>first|second)\s+)?fiscal[-\s]+(?P<unit>year|period|half)"
        r"|(?P<m1>{MONTH})\s*(?:[-–—/]|-to-|\s+(?:to|through)\s+)\s*(?P<m2>{MONTH})\s+"
        r"(?P<half>first|second)\s+(?P<unit>half)\s+of\s+(?:the\s+)?fiscal\s+year",
        "match": [
            "March-April fiscal period",
            "March-April fiscal year",
            "July-December fiscal half",
            "January-to-June first fiscal half",
            "April-September first fiscal half",
            "January-June first half of the fiscal year",
        ],
        "no_match": ["April-March", "fiscal year"],
    },
    {
        "id": "period.fiscal_ending",
        "kind": "fiscal_ending",
        "pattern": r"(?:the\s+)?(?:(?:fiscal|financial|business)\s+)?year\s+"
        r"(?:ending|ended|through|thru|to|until|that\s+ended)\s+(?:in\s+)?(?:the\s+end\s+of\s+)?"
        r"(?P<month>{MONTH})(?:,?\s+(?P<year>\d{4}))?"
        r"|by\s+(?:end[-\s]+(?P<month>March)|(?P<month>March)[-\s]+end|the\s+end\s+of\s+(?P<month>March))"
        r"(?:,?\s+(?P<year>\d{4}))?",
        "match": [
            "the fiscal year ending March 2025",
            "fiscal year through March",
            "the year to March",
            "the fiscal year ending in March",
            "the year ended March 2025",
            "by March end",
        ],
        "no_match": ["fiscal 2024", "March 2025"],
    },
    {
        "id": "period.fiscal_half",
        "kind": "fiscal_half",
        "pattern": r"(?:the\s+)?(?P<half>first|second)\s+half\s+of\s+(?:the\s+)?"
        r"(?:fiscal(?:\s+year)?|FY)\s*(?P<year>\d{4})"
        r"|(?:FY|fiscal\s+)(?P<year>\d{4})\s*H(?P<half>[12])"
        r"|(?:the\s+)?(?P<m1>April|October)\s*[-–]\s*(?P<m2>September|March)\s+half\s+of\s+"
        r"(?:the\s+)?(?:fiscal(?:\s+year)?|FY)\s*(?P<year>\d{4})",
        "match": [
            "the first half of fiscal 2025",
            "FY2025 H1",
            "second half of FY2024",
            "the April-September half of fiscal 2025",
            "October-March half of FY2024",
        ],
        "no_match": ["first half of 2025"],
    },
    {
        "id": "period.fiscal_year",
        "kind": "fiscal_year",
        "pattern": r"(?:fiscal(?:\s+year)?|FY)\s*(?P<year>\d{4})(?:\s*[/-]\s*\d{2,4})?(?!\d)"
        r"|FY\s*'?(?P<yy>\d{2})(?![\d/])",
        "match": ["fiscal 2024", "FY2024", "FY 2024", "fiscal year 2024", "FY2024/25", "FY24"],
        "no_match": ["fiscal year", "2024"],
    },
    {
        "id": "period.calendar_half",
        "kind": "calendar_half",
        "pattern": r"(?:the\s+)?(?P<half>first|second)\s+half\s+(?:of\s+)?(?:(?:the\s+)?(?:calendar\s+)?year\s+)?(?P<year>\d{4})"
        r"|H(?P<half>[12])\s+(?P<year>\d{4})|(?P<year>\d{4})\s*H(?P<half>[12])",
        "match": [
            "the first half of 2025",
            "H1 2025",
            "2025 H2",
            "second half of calendar year 2024",
        ],
        "no_match": ["first half", "2025"],
    },
    {
        "id": "period.month_range",
        "kind": "month_range",
        "pattern": r"(?P<m1>{MONTH})\s+(?P<y1>\d{4})\s*(?:[-–—]|\s+(?:through|to)\s+)\s*(?P<m2>{MONTH})\s+(?P<year>\d{4})"
        r"|(?<!\bfrom\s+)(?P<m1>{MONTH})\s*(?:[-–—]|\s+(?:through|to)\s+)\s*(?P<m2>{MONTH})(?:,?\s+(?P<year>\d{4}))?",
        "match": [
            "January-June",
            "January-June 2025",
            "April–September",
            "October through March",
            "April to September",
            "April 2021 to March 2022",
        ],
        "no_match": ["January", "from January to June"],
    },
    {
        "id": "period.month_range_from",
        "kind": "month_range",
        "pattern": r"(?<![\d%]\s+)(?<!(?:yen|dollars|billion|trillion|million|bn|tn)\s+)from\s+"
        r"(?:(?P<m1>January)\s+(?:to|through|until)\s+(?P<m2>June|December)"
        r"|(?P<m1>July)\s+(?:to|through|until)\s+(?P<m2>December)"
        r"|(?P<m1>April)\s+(?:to|through|until)\s+(?P<m2>September|March)"
        r"|(?P<m1>October)\s+(?:to|through|until)\s+(?P<m2>March))(?:,?\s+(?P<year>\d{4}))?",
        "match": [
            "From July to December",
            "from April through September",
            "from January to June 2025",
        ],
        "no_match": ["from March to April", "rose 5% from January to June"],
    },
    {
        # any other "from April to June", "between April and June": a span MOF prints no figure
        # for (a quarter, or a change between two months), unless "between" names a half or a
        # year ("between January and June 2025"); after month_range_from, which wins ties
        "id": "period.month_span",
        "kind": "month_span",
        "pattern": r"(?:from|between)\s+(?P<m1>{MONTH})\s+(?:to|through|until|and)\s+(?P<m2>{MONTH})"
        r"(?:,?\s+(?P<year>\d{4}))?",
        "match": ["from April to June 2025", "between April and June", "from March to April"],
        "no_match": ["from April", "between 2024 and 2025"],
    },
    {
        # a quarter: MOF publishes months, halves and years only, so a quarter is never read as
        # the year or the month it names ("the April-June quarter of 2025", "Q2 2025")
        "id": "period.quarter",
        "kind": "quarter",
        "pattern": r"(?:the\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+"
        r"(?:(?:calendar|fiscal|financial)\s+)?quarter(?:\s+(?:of\s+)?(?:(?:the\s+)?(?:fiscal\s+"
        r"|calendar\s+)?year\s+)?(?:fiscal\s+|FY\s*)?\d{4})?"
        r"|Q[1-4]\s*(?:FY\s*)?\d{4}|\d{4}\s*Q[1-4]"
        r"|(?:the\s+)?{MONTH}\s*[-–—]\s*{MONTH}\s+quarter(?:,?\s+(?:of\s+)?\d{4})?"
        r"|(?:the\s+)?(?:three|3)\s+months\s+(?:to|through|ending|ended)\s+"
        r"(?:(?:the\s+)?end[-\s]+of\s+)?{MONTH}(?:,?\s+\d{4})?",
        "match": [
            "the April-June quarter of 2025",
            "the second quarter of 2025",
            "the fourth quarter",
            "Q2 2025",
            "the three months to June 2025",
            "the third fiscal quarter",
        ],
        "no_match": ["a quarter", "three months"],
    },
    {
        "id": "period.months_to",
        "kind": "month_range",
        "pattern": r"(?:the\s+)?(?P<n>six|6|twelve|12)\s+months\s+(?:to|through|ending|ended)\s+"
        r"(?:(?:the\s+)?end[-\s]+of\s+)?(?P<m2>{MONTH})(?:,?\s+(?P<year>\d{4}))?",
        "match": [
            "the six months to September",
            "six months through March 2025",
            "12 months to March",
        ],
        "no_match": ["six months"],
    },
    {
        "id": "period.month_last_year",
        "kind": "month_last_year",
        "pattern": r"(?P<month>{MONTH})\s+(?:of\s+)?last\s+year",
        "match": ["March last year", "March of last year"],
        "no_match": ["March 2024"],
    },
    {
        "id": "period.full_year",
        "kind": "full_year",
        "pattern": r"(?:the\s+)?(?:full|whole|entire)\s+(?P<unit>calendar\s+|fiscal\s+)?year"
        r"|(?<=\bfor\s)the\s+(?P<unit>fiscal\s+)?year(?![-\s]+(?:before|earlier|ago|to|through|ending|ended|on|over))"
        r"|the\s+year\s+as\s+a\s+whole",
        "match": [
            "the full calendar year",
            "the whole year",
            "the full fiscal year",
            "the year as a whole",
        ],
        "no_match": ["the year"],
    },
    {
        "id": "period.month_year",
        "kind": "month_year",
        "pattern": r"(?P<month>{MONTH}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?,?\s+(?:of\s+)?(?P<year>\d{4})",
        "match": ["March 2025", "Mar 2025", "March of 2025", "May 2025"],
        "no_match": ["March", "2025"],
    },
    {
        "id": "period.same_month_last_year",
        "kind": "year_earlier",
        "pattern": r"(?:the\s+)?same\s+(?:month|period|time|quarter)\s+(?:of\s+|in\s+)?"
        r"(?:last\s+year|a\s+year\s+(?:earlier|ago|before)|the\s+(?:previous|prior|preceding)\s+year)",
        "match": [
            "the same month last year",
            "same period a year earlier",
            "the same period last year",
        ],
        "no_match": ["last year", "the same month"],
    },
    {
        "id": "period.year_earlier",
        "kind": "year_earlier",
        "pattern": r"(?:a|the)\s+year\s+(?:earlier|ago|before)|(?:the\s+)?(?:previous|prior|preceding)\s+(?:fiscal\s+|calendar\s+)?year(?:['’]s)?",
        "match": [
            "a year earlier",
            "the previous year",
            "the previous year's",
            "the previous fiscal year's",
            "a year ago",
            "the year before",
        ],
        "no_match": ["last year", "previous month"],
    },
    {
        "id": "period.last_year",
        "kind": "last_year",
        "pattern": r"last\s+year(?:['’]s)?",
        "match": ["last year", "last year's"],
        "no_match": ["a year earlier"],
    },
    {
        "id": "period.last_month",
        "kind": "last_month",
        "pattern": r"last\s+month(?:['’]s)?",
        "match": ["last month", "last month's"],
        "no_match": ["a month earlier"],
    },
    {
        "id": "period.month_earlier",
        "kind": "month_earlier",
        "pattern": r"(?:the\s+)?(?:previous|prior|preceding)\s+month|a\s+month\s+(?:earlier|ago|before)",
        "match": ["the previous month", "a month earlier"],
        "no_match": ["the previous year"],
    },
    {
        "id": "period.half_bare",
        "kind": "half_bare",
        "pattern": r"(?:the\s+)?(?P<half>first|second)\s+half(?:\s+of\s+(?:the|this|last)\s+(?P<fy>fiscal\s+)?year)?(?:['’]s)?(?!\s+of\s+(?:fiscal|FY|\d))"
        r"|(?:the\s+)?(?P<half>first|last|final|second)\s+six\s+months(?:\s+of\s+(?:the|this)\s+(?P<fy>fiscal\s+)?year)?"
        r"|halfway\s+through\s+(?:the|this)\s+(?P<fy>fiscal\s+)year",
        "match": [
            "the first six months of the year",
            "Halfway through the fiscal year",
            "the first half of the year",
            "the first half's",
            "second half",
            "the first half of the fiscal year",
        ],
        "no_match": ["first half of 2025"],
    },
    {
        "id": "period.fiscal_bare",
        "kind": "fiscal_bare",
        "pattern": r"(?:the\s+)?(?P<same>same\s+)?fiscal[-\s]year(?!\s*(?:ending|ended|through|to|\d))",
        "match": ["the same fiscal year", "fiscal year", "the fiscal year", "fiscal-year"],
        "no_match": ["fiscal 2024"],
    },
    {
        "id": "period.month",
        "kind": "month",
        "case": True,
        "pattern": r"(?P<month>January|February|March|April|June|July|August|September|October|November|December)"
        r"(?!\s*\d)(?![-\w])"
        r"|(?<=\b(?:[Ii]n|of|[Ff]or|[Dd]uring|[Ss]ince|[Ff]rom|[Uu]ntil|[Tt]hrough|to|[Bb]y|the|The)\s+)"
        r"(?P<month>May)(?!\s*\d)\b"
        r"|(?P<month>May)(?=['’]s\b|\s+(?:exports|imports|shipments|trade|figures|data)\b)",
        "match": ["March", "February"],
        "no_match": ["March 2025", "May", "May rise", "May exports"],
    },
    {
        "id": "period.year",
        "kind": "year",
        "pattern": r"(?<![\d$¥.,/-])(?<!\b(?:since|by|until|till|before)\s+)"
        r"(?P<year>19[5-9]\d|20\d\d)(?![\d%,.]\d)(?![\d%])(?!\s*[-–](?:\d|year))",
        "match": ["2024", "2025"],
        "no_match": ["20255", "1849"],
    },
]
