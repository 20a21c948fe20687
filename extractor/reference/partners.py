"""Canonical partner names and the spellings that map to them.

MOF's English press releases abbreviate country names to seven letters (``SNGAPOR``, ``U ARB E``)
and mark groupings with parentheses (``(EU)``, ``(ASEAN)``); news articles write ``U.S.`` or
``the European Union``. :func:`canonical_partner` maps all of them to one English name.

Syntax of ``_ALIASES``: canonical name -> spellings. Matching ignores case, dots, parentheses,
a leading "the", "Japan's trade with" style prefixes are NOT handled here (that is the
extractor's job), and runs of whitespace.
"""

from __future__ import annotations

import regex

_ALIASES: dict[str, tuple[str, ...]] = {
    "World": ("Grand Total", "Total", "world", "global", "overall", "all countries"),
    "Asia": ("ASIA",),
    "China": ("CHINA", "PRC", "People's Republic of China", "mainland China"),
    "Hong Kong": ("HG KONG", "HK", "Hongkong"),
    "Taiwan": ("TAIWAN",),
    "South Korea": ("R KOREA", "Korea", "Republic of Korea", "ROK", "S. Korea", "S Korea"),
    "Singapore": ("SNGAPOR",),
    "Thailand": ("THAILND",),
    "Malaysia": ("MALYSIA",),
    "Indonesia": ("INDNSIA",),
    "Philippines": ("PHILPIN", "the Philippines"),
    "Vietnam": ("VIETNAM", "Viet Nam"),
    "India": ("INDIA",),
    "ASEAN": ("(ASEAN)", "Association of Southeast Asian Nations", "Southeast Asia"),
    "Oceania": ("OCEANIA",),
    "Australia": ("AUSTRAL",),
    "New Zealand": ("NEWZELD", "NZ"),
    "North America": ("NORTH AMERICA",),
    "United States": (
        "USA",
        "US",
        "U.S.",
        "U.S.A.",
        "United States of America",
        "America",
        "the States",
    ),
    "Canada": ("CANADA",),
    "Middle and South America": (
        "MIDDLE SOUTH AMERICA",
        "Central and South America",
        "Latin America",
        "Middle South America",
    ),
    "Mexico": ("MEXICO",),
    "Brazil": ("BRAZIL",),
    "Chile": ("CHILE",),
    "Western Europe": ("WESTERN EUROPE", "W Europe"),
    "Belgium": ("BELGIUM",),
    "France": ("FRANCE",),
    "Germany": ("GERMANY",),
    "Ireland": ("IRELAND",),
    "Italy": ("ITALY",),
    "Netherlands": ("NETHLDS", "the Netherlands", "Holland"),
    "Spain": ("SPAIN",),
    "Sweden": ("SWEDEN",),
    "Switzerland": ("SWITZLD",),
    "United Kingdom": ("U KING", "UK", "U.K.", "Britain", "Great Britain"),
    "Central and Eastern Europe": (
        "C&E EURO",
        "C&amp;E EURO",
        "Central & Eastern Europe",
        "Eastern Europe",
    ),
    "Russia": ("RUSSIA", "Russian Federation"),
    "EU": ("(EU)", "European Union", "E.U."),
    "Middle East": ("MIDDLE EAST", "Mideast"),
    "Iran": ("IRAN",),
    "Kuwait": ("KUWAIT",),
    "Oman": ("OMAN",),
    "Qatar": ("QATAR",),
    "Saudi Arabia": ("SU ARAB", "Saudi"),
    "United Arab Emirates": ("U ARB E", "UAE", "U.A.E.", "Emirates"),
    "Africa": ("AFRICA",),
    "South Africa": ("S AFRCA",),
}

_SPACES = regex.compile(r"\s+")


def _key(name: str) -> str:
    k = name.casefold().replace("&amp;", "&")
    k = regex.sub(r"[.()’']", "", k)
    k = _SPACES.sub(" ", k).strip()
    if k.startswith("the "):
        k = k[4:]
    return k


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, spellings in _ALIASES.items():
        for spelling in (canonical, *spellings):
            key = _key(spelling)
            if index.get(key, canonical) != canonical:
                raise AssertionError(f"alias {spelling!r} maps to two partners")
            index[key] = canonical
    return index


_INDEX = _build_index()

PARTNERS: tuple[str, ...] = tuple(_ALIASES)


def canonical_partner(name: str) -> str | None:
    """The canonical English name for ``name`` (MOF spelling, news spelling or canonical),
    or None when it is not a partner we know.

    >>> canonical_partner("U.S."), canonical_partner("(EU)"), canonical_partner("R KOREA")
    ('United States', 'EU', 'South Korea')
    """
    if not name or not name.strip():
        return None
    return _INDEX.get(_key(name))
