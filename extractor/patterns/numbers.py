"""Rule data for quantity recognition: scale words, currency tokens, percent and rate spellings,
hedge words, number words and ordinals.

Syntax
------
Every table maps a *spelling* (matched case-insensitively unless the table says otherwise,
whitespace in a spelling matches any run of whitespace) to what it means:

``SCALE_WORDS``          spelling -> canonical scale word of ``extractor.units`` (``trillion``)
``SHORT_SCALES``         case-sensitive one-letter scales, accepted only after a currency sign
                         (``$63B``, ``¥9T``, ``US$5m``)
``CURRENCY_PREFIXES``    spelling written before the number -> ``JPY`` | ``USD`` | ``unknown``
``CURRENCY_SUFFIXES``    spelling written after the number (and scale) -> ``JPY`` | ``USD`` | ``unknown``
``PERCENT_SUFFIXES``     spellings of percent (``%``, ``per cent``, ``pct``)
``PERCENT_POINT_SUFFIXES``  spellings of a percentage-point change (``percentage points``)
``TIMES_SUFFIXES``       spellings of a multiple (``2.9 times``, ``3-fold``, ``2x``)
``RATE_SUFFIXES``        what turns a yen figure into yen per dollar (``per dollar``, ``/$``)
``HEDGES``               words that qualify a figure when written right before it -> canonical hedge
``NUMBER_WORDS``         cardinal words -> value (``twenty-three`` is composed from the tens and ones)
``ORDINAL_WORDS``        ordinal words -> value (``twenty-first`` is composed likewise)
``PRONOUN_ONE_AFTER``    words after which "one" is a pronoun, not a number ("which one")
``MONTHS``               month names and abbreviations, to tell dates ("April 17") from amounts
``JAPANESE_SCALES``      Japanese scale characters -> factor (``兆`` = 1e12), for ``5兆2217億円``

Spellings are data: add a spelling here, not a branch in the recogniser. ``unknown`` currencies
(euro, yuan ...) are recognised so that their amounts are never mistaken for yen or dollars.
"""

from __future__ import annotations

SCALE_WORDS: dict[str, str] = {
    "trillion": "trillion",
    "tril": "trillion",
    "trn": "trillion",
    "tln": "trillion",
    "tn": "trillion",
    "billion": "billion",
    "bln": "billion",
    "bn": "billion",
    "million": "million",
    "mln": "million",
    "mn": "million",
    "thousand": "thousand",
}

SHORT_SCALES: dict[str, str] = {
    "T": "trillion",
    "B": "billion",
    "b": "billion",
    "M": "million",
    "m": "million",
    "K": "thousand",
    "k": "thousand",
}

CURRENCY_PREFIXES: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "USD": "USD",
    "$": "USD",
    "¥": "JPY",
    "￥": "JPY",
    "JPY": "JPY",
    "JP¥": "JPY",
    "C$": "unknown",
    "A$": "unknown",
    "HK$": "unknown",
    "NT$": "unknown",
    "S$": "unknown",
    "NZ$": "unknown",
    "€": "unknown",
    "£": "unknown",
    "₩": "unknown",
    "EUR": "unknown",
    "GBP": "unknown",
    "CNY": "unknown",
    "RMB": "unknown",
}

CURRENCY_SUFFIXES: dict[str, str] = {
    "yen": "JPY",
    "JPY": "JPY",
    "U.S. dollars": "USD",
    "U.S. dollar": "USD",
    "US dollars": "USD",
    "US dollar": "USD",
    "American dollars": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "USD": "USD",
    "euros": "unknown",
    "euro": "unknown",
    "yuan": "unknown",
    "renminbi": "unknown",
    "won": "unknown",
    "pounds": "unknown",
    "rupees": "unknown",
    "Canadian dollars": "unknown",
    "Australian dollars": "unknown",
    "Hong Kong dollars": "unknown",
    "Taiwan dollars": "unknown",
    "Singapore dollars": "unknown",
}

# A change of a rate or a share ("the share rose 1.2 percentage points"), not a percent change:
# canonical unit ``percentage_point``, never compared with a percent change.
PERCENT_POINT_SUFFIXES: tuple[str, ...] = (
    "percentage points",
    "percentage point",
    "pct points",
    "pct point",
)

PERCENT_SUFFIXES: tuple[str, ...] = (
    "per cent",
    "percent",
    "pct",
    "%",
    "％",
)

TIMES_SUFFIXES: tuple[str, ...] = ("times", "-fold", "fold", "x")

RATE_SUFFIXES: tuple[str, ...] = (
    "per U.S. dollar",
    "per US dollar",
    "per dollar",
    "to the U.S. dollar",
    "to the US dollar",
    "to the dollar",
    "against the U.S. dollar",
    "against the US dollar",
    "against the dollar",
    "a dollar",
    "/US$",
    "/$",
    "/USD",
    "/dollar",
)

HEDGES: dict[str, str] = {
    "just over": "just over",
    "just under": "just under",
    "more than": "more than",
    "less than": "less than",
    "close to": "close to",
    "at least": "at least",
    "up to": "up to",
    "nearly": "nearly",
    "almost": "almost",
    "about": "about",
    "around": "around",
    "roughly": "roughly",
    "approximately": "approximately",
    "approx.": "approximately",
    "some": "some",
    "over": "over",
    "under": "under",
}

_ONES = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen",
]  # fmt: skip
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ONES_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"]
_TEENS_ORD = [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth",
]  # fmt: skip
_TENS_ORD = [
    "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth",
    "ninetieth",
]  # fmt: skip


def _compose(ones: list[str], teens: list[str], tens: list[str]) -> dict[str, int]:
    """``ones``/``teens``/``tens`` words, and ``twenty-one`` style compounds (cardinal tens +
    the given ones: ``twenty-first`` for ordinals)."""
    words = {w: i + 1 for i, w in enumerate(ones)}
    words.update({w: i + 10 for i, w in enumerate(teens)})
    for i, ten in enumerate(_TENS):
        words[tens[i]] = (i + 2) * 10
        for j, one in enumerate(ones):
            words[f"{ten}-{one}"] = (i + 2) * 10 + j + 1
    return words


NUMBER_WORDS: dict[str, int] = _compose(_ONES, _TEENS, _TENS)
ORDINAL_WORDS: dict[str, int] = _compose(_ONES_ORD, _TEENS_ORD, _TENS_ORD)

# "one" right after these words is a pronoun ("which one", "the one"), not a count.
PRONOUN_ONE_AFTER: tuple[str, ...] = (
    "the", "this", "that", "which", "each", "every", "any", "no", "another",
)  # fmt: skip

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
    "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip

JAPANESE_SCALES: dict[str, int] = {"兆": 10**12, "億": 10**8, "万": 10**4}
JAPANESE_CURRENCIES: dict[str, str] = {"円": "JPY", "ドル": "USD"}
