"""Rule data for the claim layer in English: metric words, partner names, direction words,
record and streak phrases, exclusion cues, share and basis cues.

Syntax
------
Every table is a list of rules (dicts). Common keys:

``id``        dotted rule id (``metric.exports``, ``direction.up_verb``, ``exclude.tariff`` ...);
              configuration switches rules off by prefix
``pattern``   a ``regex`` pattern, matched case-insensitively unless ``case`` is True; it is
              wrapped in word boundaries (``(?<![\\w])(?:...)(?![\\w])``) unless ``raw`` is True.
              ``{PARTNER}`` expands to the alternation of partner spellings, ``{ORD}`` to the
              ordinal words, ``{CARD}`` to the cardinal words
``match`` / ``no_match``  example strings the pattern must / must not find (tests check every
              rule has at least one ``match``)

Table-specific keys:

``METRICS``      ``metric`` (exports|imports|balance|usd_jpy_rate) and ``sign`` (surplus|deficit)
``PARTNERS``     spelling -> canonical partner; ``PARTNER_CUES_BEFORE`` / ``_AFTER`` and
                 ``PARTNER_SUBJECT`` say when a partner name is a trade partner ("exports *to*
                 China", "*US-bound*", "China supplied ..."); ``PARTNER_NOT_AFTER`` vetoes it
                 ("in *US dollar* terms"); ``ANAPHORA`` lets a sentence keep the partner of the
                 previous one ("exports *there* fell"); ``UNLISTED_PARTNER`` finds a place the
                 table does not list ("exports to *Poland*"), kept under its own name
``DIRECTIONS``   ``dir`` (+1 a rise in size, -1 a fall, 0 flat; with ``signed`` True, of the signed
                 balance: an "improvement" of a deficit is a fall in its size) and ``form``:
                 ``verb`` (may stand alone as a direction claim), ``noun`` (only with a number:
                 "a 3.9% rise", "rising 4.2%"), ``comparative`` (only after a number: "52.9%
                 smaller"),
                 ``adverb`` ("up 3.1%", "up from"), ``adjective`` ("a narrowing deficit"),
                 ``halve`` ("halved", "doubled", "quadrupled": a change of ``change`` percent)
``RECORDS``      ``extreme`` (high|low|size: size follows the sign, a record deficit is low);
                 groups ``since`` (a year), ``n`` and ``unit`` (a window)
``STREAKS``      groups ``n`` (ordinal or cardinal) and ``unit`` (month|year); ``first`` True for
                 "the first ... in N years"
``CONDITIONS``   what a streak is a streak of, read right after the phrase: ``condition``
``EXCLUSIONS``   ``reason`` (tariff, forecast, services, other_country, company, commodity,
                 stock_index, target, other_statistic) and ``scope``: ``percent`` (percentages in the clause, or in the sentence
                 with no metric word between), ``clause`` (quantities of the same clause, after
                 the cue or, if none follows, the nearest before), ``sentence`` (every claim of
                 the sentence), ``subject`` (the clause before the claim), ``qualifier`` (its
                 clause, or a figure-free clause that opens the sentence or stands next to the
                 claim's: :func:`extractor.components.exclusions.qualifies`)
``SHARES``       cues that make a percentage a share: ``side`` before|after
``BASES``        ``basis`` (yoy|mom) cues near a change, and ``series: seasonally_adjusted`` cues
                 (figures the reference data does not hold: see
                 :func:`extractor.components.exclusions.qualifies` for their scope)
``TOTALS``       cues that reset the partner to World ("total", "overall", "global")
``RANKING``      cues that make a streak a ranking ("the largest export destination")
``THRESHOLDS``   ``hedge`` given to an amount after "topped", "exceeded", "fell below"
``BACKGROUND``   cues of a background sentence (a revision, a habit, an earlier agreement, the
                 pluperfect): its periods hold for its own claims but do not become the
                 article's current period
"""

from __future__ import annotations

# DIRECTIONS, RECORDS, STREAKS and CONDITIONS live in phrases_en (re-exported here)
from extractor.patterns.phrases_en import CONDITIONS as CONDITIONS
from extractor.patterns.phrases_en import DIRECTIONS as DIRECTIONS
from extractor.patterns.phrases_en import RECORDS as RECORDS
from extractor.patterns.phrases_en import STREAKS as STREAKS

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
CARDINALS: dict[str, int] = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "twenty-one": 21, "twenty-two": 22, "twenty-three": 23,
    "twenty-four": 24, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip

METRICS: list[dict] = [
    {
        "id": "metric.exports",
        "metric": "exports",
        "pattern": r"exports?|exported|shipments?|outbound\s+shipments"
        # a plain "sales" is a company's, not Japan's exports: only with a trade cue
        r"|(?<=\b(?:overseas|foreign|export|outbound|{PARTNER})\s)sales"
        r"|sales(?=\s+(?:to|abroad|overseas|there)\b)"
        r"|(?:bought|buys|purchased|took)(?=\s(?:[^.;:]|\.(?=\d)){0,40}?\bJapanese\s+(?:goods|products|exports))",
        "match": [
            "exports",
            "shipments",
            "export",
            "Sales to",
            "CHINA SALES",
            "overseas sales",
            "sales abroad",
            "bought 7.7% more Japanese goods",
        ],
        "no_match": ["exporter", "car sales", "sales rose", "Nihon Foods said sales"],
    },
    {
        "id": "metric.imports",
        "metric": "imports",
        "pattern": r"imports?|imported|inbound\s+shipments|(?<!(?:asset|bond|share|stock|dollar|yen)\s)purchases"
        r"|purchases\s+from\s+abroad|what\s+Japan\s+(?:bought|purchased)"
        r"|(?<=\bJapan\s)(?:bought|purchased)(?!\s(?:[^.;:]|\.(?=\d)){0,40}?\bJapanese)",
        "match": [
            "imports",
            "import",
            "Purchases from",
            "purchases from abroad",
            "what Japan bought",
        ],
        "no_match": ["important"],
    },
    {
        "id": "metric.surplus",
        "metric": "balance",
        "sign": "surplus",
        "pattern": r"(?:trade\s+)?surplus(?:es)?|in(?:to)?\s+the\s+black",
        "match": ["trade surplus", "surpluses", "in the black", "into the black"],
        "no_match": ["surplussed"],
    },
    {
        "id": "metric.deficit",
        "metric": "balance",
        "sign": "deficit",
        "pattern": r"(?:trade\s+)?deficits?|in(?:to)?\s+the\s+red|shortfall|imported\s+more\s+goods(?:\s+and\s+services)?\s+than",
        "match": [
            "trade deficit",
            "in the red",
            "shortfall",
            "imported more goods and services than",
        ],
        "no_match": ["red"],
    },
    {
        "id": "metric.balance",
        "metric": "balance",
        "pattern": r"(?:trade\s+)?imbalance|balance\s+of\s+trade|trade\s+balance|balance(?=\s*[|:])",
        "match": ["trade balance", "imbalance", "Balance |"],
        "no_match": ["balance sheet"],
    },
    {
        "id": "metric.gap",
        "metric": "balance",
        "weak_sign": "deficit",
        "pattern": r"trade\s+gap|(?<=\bthe\s)gap",
        "match": ["trade gap", "the gap"],
        "no_match": ["balance sheet", "a gap"],
    },
    {
        "id": "metric.fx",
        "metric": "usd_jpy_rate",
        "pattern": r"exchange\s+rate|yen\s+per\s+dollar|dollar[-/]yen|yen[-/]dollar"
        r"|(?:the\s+)?yen(?=\s+(?:depreciated|appreciated|weakened|strengthened))",
        "match": ["exchange rate", "dollar-yen", "the yen depreciated"],
        "no_match": ["yens"],
    },
]

# Spellings in text (case-sensitive) -> canonical partner. Canonical names follow
# extractor.reference.partners when it is installed.
PARTNERS: dict[str, str] = {
    "United States": "United States", "U.S.A.": "United States", "U.S.": "United States",
    "USA": "United States", "US": "United States", "America": "United States",
    "the States": "United States",
    "China": "China", "mainland China": "China",
    "Asia": "Asia", "Asian region": "Asia", "Asian regions": "Asia", "Asian economies": "Asia",
    "Asian countries": "Asia", "Asian nations": "Asia", "Asian markets": "Asia",
    "European Union": "EU", "EU": "EU", "E.U.": "EU",
    "ASEAN": "ASEAN", "Southeast Asia": "ASEAN", "Southeast Asian nations": "ASEAN",
    "Middle East": "Middle East", "Mideast": "Middle East", "Western Europe": "Western Europe",
    "Hong Kong": "Hong Kong", "Taiwan": "Taiwan", "South Korea": "South Korea",
    "Korea": "South Korea", "India": "India", "Germany": "Germany", "Australia": "Australia",
    "Thailand": "Thailand", "Vietnam": "Vietnam", "Singapore": "Singapore", "Canada": "Canada",
    "Mexico": "Mexico", "Russia": "Russia", "Saudi Arabia": "Saudi Arabia",
    "United Arab Emirates": "United Arab Emirates", "UAE": "United Arab Emirates",
    "United Kingdom": "United Kingdom", "Britain": "United Kingdom", "UK": "United Kingdom",
    "U.K.": "United Kingdom", "Indonesia": "Indonesia", "Malaysia": "Malaysia",
    "Philippines": "Philippines", "Brazil": "Brazil", "France": "France", "Italy": "Italy",
    "Netherlands": "Netherlands", "Oceania": "Oceania", "Africa": "Africa",
    "Latin America": "Middle and South America", "North America": "North America",
    "Central and South America": "Middle and South America",
    "Belgium": "Belgium", "Chile": "Chile", "Iran": "Iran", "Ireland": "Ireland",
    "Kuwait": "Kuwait", "New Zealand": "New Zealand", "Oman": "Oman", "Qatar": "Qatar",
    "South Africa": "South Africa", "Spain": "Spain", "Sweden": "Sweden",
    "Switzerland": "Switzerland", "Central and Eastern Europe": "Central and Eastern Europe",
    "Viet Nam": "Vietnam", "Holland": "Netherlands",
}  # fmt: skip

# A partner name is a trade partner when one of these comes right before it ...
PARTNER_CUES_BEFORE = (
    r"(?:with|to|from|toward|towards|of|including|especially|particularly|notably|led\s+by"
    r"|there\s+(?:is|was)|as\s+for|turning\s+to)\s+(?:the\s+)?"
    r"(?P<other>(?:other|broader|wider|greater|rest\s+of(?:\s+the)?|major|key)\s+)?$"
)
# ... or one of these right after it.
PARTNER_CUES_AFTER = (
    r"^(?:-bound|\s+trade\b|\s+(?:trade\s+)?(?:surplus|deficit|exports?|imports?|shipments)\b"
    r"|\s+(?:accounted|accounts|was|remained|is)\s+(?:for|the\s+(?:largest|biggest|top))"
    r"|\s+(?:alone\s+|as\s+a\s+whole\s+)?(?:supplied|supplies|took|takes|bought|buys)\b"
    r"|\s+(?:trade\s+)?(?:gap|sales|purchases|buyers|customers)\b"
    r"|[\"”’]?\s*[?]"
    r"|\s*\((?:U\.S\.|US|EU)\)|\s*[:|]|,\s+where\b"
    r"|\s+(?:(?:about|around|roughly|nearly|almost|some|just|over|under)\s+)*(?:[$¥]|US\$|\d))"
)
# ... or it opens a line or a sentence ("- ASEAN: exports ...", "China supplied 22.7% ...").
PARTNER_SUBJECT = r"(?:^|\n|[.!?][\"”’)]?\s+)[\s\-*•|#>]*(?:the\s+)?$"
# A later sentence keeps the paragraph's partner only when it points back to it.
ANAPHORA = (
    r"\b(?:there|the\s+region|the\s+bloc|that\s+country|the\s+country|them|both|these|bilateral)\b"
    r"|^\W*(?:it|they)\b"
    r"|^\W*the\s+(?:record(?:[-\s]high)?|same|higher|lower|rising|falling)\s+(?:exports|imports|shipments|surplus|deficit)\b"
)

# ... unless one of these follows it ("US dollar terms", "US President", "U.S.-Japan talks").
PARTNER_NOT_AFTER = (
    r"^(?:\s+(?:dollars?|president|administration|government|officials?|tariffs?|treasury"
    r"|economy|consumers|talks|negotiators?|customs|census|data|statistics)\b|-(?!bound)\w)"
)

# A place the partner table does not list, named where a trade flow needs a partner ("exports to
# Poland", "trade with Turkey"): the claim is about that place, never about Japan's total trade.
# Group ``name`` is one to three capitalised words; the pattern is case-sensitive except for the
# cue, so "exports to the rest of the world" names nothing. A known spelling is left to PARTNERS.
UNLISTED_PARTNER = (
    r"(?<=(?i:\b(?:exports?|exported|imports?|imported|shipments?|shipped|trade|traded"
    r"|surplus(?:es)?|deficits?|sales)\s+(?:to|from|with)\s+(?:the\s+)?))"  # looked behind: 2x faster
    r"(?P<name>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\b(?![-'’])"
)
# ... but not a word of these, which are no places ("exports from April", "trade with Japan") ...
UNLISTED_NOT_NAMES = (
    "Japan", "Tokyo", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday", "The", "This", "That", "Its", "Their",
)  # fmt: skip
# ... nor an adjective before a noun ("exports to Chinese customers", "European markets").
UNLISTED_NOT_AFTER = (
    r"\s+(?:markets?|buyers?|customers?|consumers?|clients?|firms?|compan(?:y|ies)|producers?"
    r"|suppliers?|manufacturers?|makers?|automakers?|carmakers?|nations?|countr(?:y|ies)"
    r"|econom(?:y|ies)|ports?|destinations?|partners?|factor(?:y|ies)|plants?|importers?"
    r"|exporters?|retailers?|users?|subsidiar(?:y|ies)|affiliates?|units?|regions?|states"
    r"|counterparts?|officials?|government|authorities|side|group|port)\b"
)


EXCLUSIONS: list[dict] = [
    {
        "id": "exclude.tariff",
        "reason": "tariff",
        "scope": "percent",
        "pattern": r"tariffs?|levy|levies|duty|duties|taxes|tax\s+rate|rates\s+as\s+high\s+as",
        "match": ["tariff", "levy", "taxes"],
        "no_match": ["taxi"],
    },
    {
        "id": "exclude.forecast",
        "reason": "forecast",
        "scope": "clause",
        # not after "than": "a larger-than-expected 5.5% fall", "more than economists had
        # expected" describe the actual figure (but "than the 4.5% economists expected" does not)
        "pattern": r"(?<!\bthan[-\s]+(?:[\w'’]+\s+){0,3})"
        r"(?:expect(?:ed|ations?|s)?|forecasts?|forecasted|projected|projections?|anticipated"
        r"|predicted|consensus|estimates?|poll(?:ed)?|could\s+reach|would\s+reach|outlook"
        r"|assum(?:e|es|ed|ing|ptions?))",  # a company's assumed rate: "assumes 145 yen to the dollar"
        "match": ["expected", "economists had forecast", "projected", "anticipated", "assumes"],
        "no_match": ["respected"],
    },
    {
        "id": "exclude.target",
        "reason": "target",
        "scope": "clause",
        "pattern": r"goals?|targets?|targeted|aims?\s+to|ambition|by\s+20[3-9]\d",
        "match": ["goal", "target", "by 2030"],
        "no_match": ["by 2020"],
    },
    {
        "id": "exclude.stock_index",
        "reason": "stock_index",
        "scope": "clause",
        "pattern": r"Nikkei|Topix|S&P\s*500|Dow\s+Jones|Nasdaq|stock\s+(?:index|market|average|prices?)|share\s+prices?"
        r"|benchmark\s+index|(?:Tokyo\s+)?(?:shares|stocks)\s+(?:inched|rose|fell|closed|ended|gained|slipped|climbed)",
        "match": ["Nikkei", "stock index", "the benchmark index", "Tokyo shares inched"],
        "no_match": ["market share"],
    },
    {
        "id": "exclude.services",
        "reason": "services",
        "scope": "sentence",
        "pattern": r"digital\s+(?:deficit|trade|services|payments)|(?<!goods\s+and\s+)services?(?!\s+than)"
        r"|current[-\s]account|cloud\s+services|primary\s+income|travel\s+(?:balance|receipts)",
        "match": ["digital deficit", "cloud services", "current account"],
        "no_match": ["goods and services than"],
    },
    {
        "id": "exclude.other_country",
        "reason": "other_country",
        "scope": "sentence",
        "pattern": r"(?:imports|purchases)\s+from\s+Japan|(?:exports|shipments)\s+to\s+Japan"
        r"|(?:U\.S\.|US|American|Chinese|Korean|German)\s+(?:customs|Census|Commerce\s+Department|government)\s+(?:data|figures)",
        "match": ["imports from Japan", "U.S. Census data"],
        "no_match": ["imports from China"],
    },
    {
        # a partner's own trade ("China's exports", "the U.S.'s deficit"); the cue is the flow word
        "id": "exclude.other_country_own",
        "reason": "other_country",
        "scope": "sentence",
        "case": True,
        "pattern": r"(?<=(?<![\w.])(?:{PARTNER})['’]s\s+(?:own\s+)?(?:total\s+)?)"
        r"(?:[Tt]rade|[Ee]xports|[Ii]mports|[Ss]urplus|[Dd]eficit)",
        "match": [
            "China's exports",
            "the U.S.'s deficit",
            "Vietnam's exports",
            "South Korea's own trade",
        ],
        "no_match": ["Japan's exports", "March's exports"],
    },
    {
        # a company's own exports ("Toyota's exports to the US fell 5%"): not Japan's trade. The
        # possessive is a capitalised name that is not Japan, a month, a weekday or a partner.
        "id": "exclude.company",
        "reason": "company",
        "scope": "subject",
        "case": True,
        "pattern": r"(?<=(?:(?<![\w.])(?!(?:Japan|Japanese|Tokyo|{MONTHS}|Monday|Tuesday|Wednesday"
        r"|Thursday|Friday|Saturday|Sunday|Ministry|MOF|Customs|Government|{PARTNER})['’]s)"
        r"[A-Z][\w&.-]*"
        r"|\b(?:[Cc]ompany|[Ff]irm|[Gg]roup|[Aa]utomaker|[Cc]armaker|[Cc]hipmaker|[Mm]aker"
        r"|[Mm]anufacturer|[Ee]xporter))['’]s\s+(?:own\s+|overseas\s+|global\s+)?)"
        r"(?:[Ee]xports|[Ss]hipments|[Oo]verseas\s+[Ss]ales)",
        "match": ["Toyota's exports", "Japan Tobacco's exports", "company's overseas sales"],
        "no_match": [
            "Japan's exports",
            "March's exports",
            "China's exports",
            "While Japan's exports",
            "Toyota's profit",
            "the Finance Ministry's exports",
        ],
    },
    {
        # other statistics next to the trade figures: prices, volumes, interest rates, output
        "id": "exclude.other_statistic",
        "reason": "other_statistic",
        "scope": "subject",
        "pattern": r"(?:core\s+)?consumer\s+prices?|(?:core\s+)?CPI|inflation|interest\s+rates?"
        r"|policy\s+rate|(?:export|import|wholesale|producer)\s+prices?|price\s+index"
        r"|(?:export|import|shipment)\s+volumes?|GDP|gross\s+domestic\s+product|wages"
        r"|(?:industrial|factory)\s+(?:output|production)|retail\s+sales|household\s+spending"
        r"|(?:unemployment|jobless)\s+rate",
        "match": ["core consumer prices", "interest rates", "export prices", "export volumes", "GDP"],
        "no_match": ["exports", "price"],
    },
    {
        # a measure of the trade figures that is not MOF's yen value: "In volume terms, exports
        # fell 1.4%", "exports rose 3% in dollar terms"
        "id": "exclude.other_measure",
        "reason": "other_statistic",
        "scope": "qualifier",
        "pattern": r"(?:in|by)\s+(?:volume|quantity|real)(?:\s+terms)?",
        "match": ["in volume terms", "by volume", "in real terms"],
        "no_match": ["in value terms", "in yen terms"],
    },
    {
        # a change in dollar terms is not the change in yen; a dollar amount is converted
        "id": "exclude.dollar_change",
        "reason": "other_statistic",
        "scope": "qualifier",
        "percent_only": True,
        "pattern": r"(?:in|by)\s+(?:U\.?S\.?\s+)?dollar(?:\s+terms)?",
        "match": ["in dollar terms", "in U.S. dollar terms"],
        "no_match": ["in yen terms"],
    },
    {
        "id": "exclude.commodity",
        "reason": "commodity",
        "scope": "subject",
        "pattern": r"auto(?:mobile)?s?|auto\s+parts|cars?|vehicles?|automotive|automakers?|semiconductors?|chips?"
        r"|electronic\s+(?:components?|parts)|machinery|steel|aluminum|aluminium|rice|food|agricultural"
        r"|beef|crude(?:\s+oil)?|oil|LNG|natural\s+gas|coal|fossil\s+fuels?|smartphones?|computers?"
        r"|medicines?|pharmaceuticals?|equipment|aircraft|ships|copper|iron\s+ore|wheat|soybeans?"
        r"|textiles?|seafood|whisky|sake|wagyu",
        "match": ["auto exports", "crude oil", "semiconductor"],
        "no_match": ["autumn"],
    },
]

SHARES: list[dict] = [
    {
        "id": "share.of_total",
        "side": "after",
        "raw": True,
        "pattern": r"^\s+of\s+(?:Japan['’]s\s+)?(?:total\s+|overall\s+|all\s+)?(?P<metric>exports|imports|shipments|trade)"
        r"|^\s+of\s+(?:everything|all\s+(?:that|what))\s+Japan\s+(?:(?P<imports>bought|imported)|(?P<exports>sold|exported|shipped))",
        "match": [" of Japan's total exports", " of total imports"],
        "no_match": [" of growth"],
    },
    {
        "id": "share.accounted",
        "side": "before",
        "raw": True,
        "pattern": r"(?:accounted\s+for|accounting\s+for|accounts\s+for|share\s+of|made\s+up|makes\s+up|represented"
        r"|took|takes|supplied|supplies|share\s+(?:rose|fell|climbed|slipped|was|stood)\s+(?:to|at)?)\s+$",
        "match": ["accounted for ", "supplied ", "share rose to "],
        "no_match": ["rose "],
    },
]

BASES: list[dict] = [
    {
        "id": "basis.mom",
        "basis": "mom",
        "pattern": r"month[-\s]on[-\s]month|m/m|from\s+(?:the\s+)?(?:previous|prior|preceding)\s+month|from\s+a\s+month\s+(?:earlier|ago)",
        "match": ["month-on-month", "from the previous month"],
        "no_match": ["year-on-year"],
    },
    {
        "id": "basis.yoy",
        "basis": "yoy",
        "pattern": r"year[-\s]on[-\s]year|y/y|yoy|from\s+a\s+year\s+(?:earlier|ago)|year[-\s]over[-\s]year",
        "match": ["year-on-year", "yoy"],
        "no_match": ["month-on-month"],
    },
    {
        "id": "basis.seasonally_adjusted",
        "series": "seasonally_adjusted",
        "pattern": r"(?<!\bnon[-\s]?|\bnot\s+)seasonally[-\s]+adjusted"
        r"|(?<!\b(?:before|without|excluding)\s+)seasonal\s+adjustments?"
        r"|adjusted\s+for\s+season(?:al(?:ity)?|s)(?:\s+(?:factors|variations?|swings|patterns|effects))?"
        r"|on\s+an?\s+adjusted\s+basis",
        "match": [
            "seasonally adjusted", "seasonally-adjusted", "seasonal adjustment",
            "adjusted for seasonal factors", "on an adjusted basis",
        ],
        "no_match": ["unadjusted", "adjusted"],
    },
]

TOTALS: list[dict] = [
    {
        "id": "partner.total",
        "pattern": r"total|overall|global|worldwide|all\s+countries",
        "match": ["overall", "total"],
        "no_match": ["totaling"],
    },
]

RANKING: list[dict] = [
    {
        "id": "streak.ranking",
        "pattern": r"(?:largest|biggest|top|leading|second[-\s]largest)\s+(?:\w+\s+)?(?:destination|partner|market|supplier|source)",
        "match": ["the largest export destination", "top trading partner"],
        "no_match": ["largest"],
    },
]

# A threshold verb right before an amount makes it a bound, not a level ("topped 100 trillion yen"):
# the amount keeps its claim, with this hedge.
THRESHOLDS: list[dict] = [
    {
        "id": "hedge.above",
        "hedge": "more than",
        "raw": True,
        "pattern": r"(?<![\w])(?:exceeded|exceeds?|topped|tops?|surpassed|surpasses|broke\s+through|crossed)\s+$",
        "match": ["topped ", "exceeded "],
        "no_match": ["rose "],
    },
    {
        "id": "hedge.below",
        "hedge": "less than",
        "raw": True,
        "pattern": r"(?<![\w])(?:fell|dropped|slipped|stayed|remained)\s+below\s+$",
        "match": ["fell below "],
        "no_match": ["fell "],
    },
]

# Words that end a clause inside a sentence (for the clause-scoped rules).
CLAUSE_BREAK = r"[,;:—–]|\s-\s|\b(?:while|whereas|but|although|though)\b"

# A sentence with one of these is background: its period is not carried to the next sentences.
BACKGROUND: list[dict] = [
    {
        "id": "background.revision",
        "pattern": r"revised|revisions?|restated|(?:preliminary|provisional|final)\s+(?:figures?|data)\s+for",
        "match": ["revised figure", "The June figures, revised at the end of July"],
        "no_match": ["revise"],
    },
    {
        "id": "background.habit",
        "pattern": r"every\s+(?:year|month|spring|autumn|{MONTHS})|each\s+(?:year|month|{MONTHS})"
        r"|usually|typically|traditionally|tends?\s+to|often",
        "match": ["every April", "each year", "typically"],
        "no_match": ["every"],
    },
    {
        "id": "background.history",
        "pattern": r"had\s+(?:been|run|shown|stood|fallen|risen|grown|swollen|shrunk|\w+ed)"
        r"|under\s+(?:last\s+year['’]s|the\s+\d{4}|an?\s+(?:earlier|previous))|back\s+in|for\s+comparison"
        r"|by\s+comparison|(?:a\s+bit\s+of|some)\s+history|in\s+perspective|some\s+context|for\s+context",
        "match": [
            "had been",
            "had swelled",
            "under last year's agreement",
            "back in",
            "for comparison",
            "Some history puts this in perspective",
        ],
        "no_match": ["has been"],
    },
]
