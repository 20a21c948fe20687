"""Rule data for claims made by words in English: direction words, record and streak phrases
and what a streak is a streak of. Re-exported by :mod:`extractor.patterns.claims_en`, whose
docstring gives the syntax of every table (``DIRECTIONS``, ``RECORDS``, ``STREAKS``,
``CONDITIONS``); ``{ORD}`` and ``{CARD}`` expand to the ordinal and cardinal words there.
"""

from __future__ import annotations

DIRECTIONS: list[dict] = [
    {
        "id": "direction.up_verb",
        "dir": 1,
        "form": "verb",
        "pattern": r"rose|risen|increased|grew|grown|grows|climbed|climbs|jumped"
        r"|jumps|surged|surges|soared|soars|expanded|expands|gained|widened|widens|ballooned"
        r"|swelled|swells|picked\s+up|edged\s+up|went\s+up|advanced"
        r"|(?:rises?|increases?|grows?|climbs?|jumps?|surges?|soars?|expands?|widens?|swells?)"
        r"(?=\s+(?:(?:to|by|for)\b|[$¥]|US\$|\d))",
        "match": ["rose", "surged", "widened", "rise to", "SURGE 9%", "swelled"],
        "no_match": ["rising", "arose", "increases"],
    },
    {
        "id": "direction.down_verb",
        "dir": -1,
        "form": "verb",
        "pattern": r"fell(?!\s+short)|fallen(?!\s+short)|decreased|declined|dropped|slipped"
        r"|slips|slid|shrank|shrunk|shrinks|contracted|contracts|narrowed|narrows|plunged|plunges"
        r"|plummeted|tumbled|sank|slumped|edged\s+down|went\s+down"
        r"|dipped|dips|eased|sagged|retreated|collapsed|collapses|trimmed|trimming|trims|slumps|tumbles|sinks"
        r"|(?:falls?|decreases?|declines?|drops?|shrinks?|contracts?|narrows?|sink|slips?|slides?"
        r"|dip|plunges?|tumble|slump|trim|collapse|sag|slip)(?=\s+(?:(?:to|by|for)\b|[$¥]|US\$|\d))",
        "match": [
            "fell",
            "narrowed",
            "contracted",
            "decreased",
            "SINK 11.4%",
            "collapsed",
            "trimming",
        ],
        "no_match": ["falling", "fell short"],
    },
    {
        "id": "direction.flat",
        "dir": 0,
        "form": "verb",
        "pattern": r"(?:remained|was|were|held|stayed)\s+(?:flat|unchanged|steady)|little\s+changed",
        "match": ["remained flat", "little changed"],
        "no_match": ["flat"],
    },
    {
        "id": "direction.up_noun",
        "dir": 1,
        "form": "noun",
        "pattern": r"increases?|rises?|growth|gains?|jump|surge|climb|expansion|upturn",
        "match": ["increase", "rise", "growth"],
        "no_match": ["increased"],
    },
    {
        "id": "direction.down_noun",
        "dir": -1,
        "form": "noun",
        "pattern": r"declines?|decreases?|drops?|falls?|reductions?|contraction|slump|dip|plunge|cut(?=\s+of\b)",
        "match": ["decline", "reduction"],
        "no_match": ["declined"],
    },
    {
        "id": "direction.adverb",
        "dir": 1,
        "form": "adverb",
        "raw": True,
        "pattern": r"(?<![\w-])(?<!\b(?:make|makes|made|making|take|takes|took|taken|taking)\s+)"
        r"(?P<up>up)(?=\s+(?:from|by|for|nearly|about|almost|around|roughly|some|over|more|just|[-+$¥]|US\$|\d))"
        r"|(?<![\w-])(?P<down>down)(?=\s+(?:from|by|for|nearly|about|almost|around|roughly|some|over|more|just|[-+$¥]|US\$|\d))",
        "match": ["up 3.1%", "down 7.1%", "up from 349.9"],
        "no_match": ["pushed up exports", "make up about a fifth"],
    },
    {
        "id": "direction.adjective",
        "dir": 1,
        "form": "adjective",
        "pattern": r"(?:widening|growing|ballooning|rising|expanding|swelling|mounting)"
        r"(?=\s+(?:trade\s+)?(?:surplus|deficit|gap|imbalance))",
        "match": ["ballooning surplus", "widening deficit"],
        "no_match": ["growing exports"],
    },
    {
        "id": "direction.adjective_down",
        "dir": -1,
        "form": "adjective",
        "pattern": r"(?:narrowing|shrinking|falling|declining|diminishing)"
        r"(?=\s+(?:trade\s+)?(?:surplus|deficit|gap|imbalance))",
        "match": ["narrowing deficit", "shrinking surplus"],
        "no_match": ["narrowing"],
    },
    {
        "id": "direction.gerund_up",
        "dir": 1,
        "form": "noun",
        "pattern": r"rising|increasing|growing|climbing|jumping|surging|gaining|expanding|widening|soaring|swelling",
        "match": ["rising 4.2%"],
        "no_match": ["rise"],
    },
    {
        "id": "direction.gerund_down",
        "dir": -1,
        "form": "noun",
        "pattern": r"falling|slipping|sliding|dropping|declining|decreasing|shrinking|narrowing|contracting|plunging|dipping",
        "match": ["slipping 0.5%"],
        "no_match": ["slip"],
    },
    {
        "id": "direction.comparative_down",
        "dir": -1,
        "form": "comparative",
        "pattern": r"smaller|narrower|lower|less|weaker|fewer",
        "match": ["52.9% smaller"],
        "no_match": ["small"],
    },
    {
        "id": "direction.comparative_up",
        "dir": 1,
        "form": "comparative",
        "pattern": r"larger|bigger|wider|higher|greater|stronger",
        "match": ["10% higher"],
        "no_match": ["high"],
    },
    {
        "id": "direction.improvement",
        "dir": 1,
        "form": "noun",
        "signed": True,
        "pattern": r"improvements?|improved",
        "match": ["an 81.3% improvement"],
        "no_match": ["improve"],
    },
    {
        "id": "direction.deterioration",
        "dir": -1,
        "form": "noun",
        "signed": True,
        "pattern": r"deteriorations?|deteriorated|worsening",
        "match": ["deterioration"],
        "no_match": ["worse"],
    },
    {
        "id": "direction.halve",
        "dir": -1,
        "form": "halve",
        "change": -50.0,
        "pattern": r"(?:nearly\s+|almost\s+|roughly\s+|about\s+)?(?:halved|halves|halving)",
        "match": ["nearly halved", "halves"],
        "no_match": ["half"],
    },
    {
        "id": "direction.double",
        "dir": 1,
        "form": "halve",
        "change": 100.0,
        "pattern": r"(?:nearly\s+|almost\s+|roughly\s+|about\s+|more\s+than\s+)?(?:doubled|doubles|doubling)",
        "match": ["doubled", "nearly doubled"],
        "no_match": ["double"],
    },
    {
        "id": "direction.triple",
        "dir": 1,
        "form": "halve",
        "change": 200.0,
        "pattern": r"(?:nearly\s+|almost\s+|roughly\s+|about\s+|more\s+than\s+)?(?:tripled|triples|tripling)",
        "match": ["tripled", "nearly tripled"],
        "no_match": ["triple"],
    },
    {
        "id": "direction.quadruple",
        "dir": 1,
        "form": "halve",
        "change": 300.0,
        "pattern": r"(?:nearly\s+|almost\s+|roughly\s+|about\s+|more\s+than\s+)?(?:quadrupled|quadruples|quadrupling)",
        "match": ["quadrupled", "nearly quadrupled"],
        "no_match": ["quadruple"],
    },
]

RECORDS: list[dict] = [
    {
        "id": "record.high",
        "extreme": "high",
        "pattern": r"record[-\s]+highs?(?:\s+since\s+(?P<since>\d{4}))?|all[-\s]time\s+(?:highs?|peaks?)"
        r"|highest\s+(?:level\s+)?(?:ever|on\s+record)",
        "match": ["record high", "record highs", "all-time peak", "record high since 1979"],
        "no_match": ["high"],
    },
    {
        "id": "record.low",
        "extreme": "low",
        "pattern": r"record[-\s]+lows?|all[-\s]time\s+lows?|lowest\s+(?:level\s+)?(?:ever|on\s+record)",
        "match": ["record low", "all-time low"],
        "no_match": ["low"],
    },
    {
        "id": "record.since",
        "extreme": "word",
        "pattern": r"(?P<word>highest|lowest|biggest|largest|smallest|strongest|weakest)"
        r"\s+(?:level\s+|figure\s+)?since\s+(?P<since>\d{4})",
        "match": ["highest since 1979", "largest since 2014"],
        "no_match": ["since 1979"],
    },
    {
        "id": "record.window",
        "extreme": "word",
        "pattern": r"(?P<n>{CARD}|\d+)[-\s](?P<unit>month|year)\s+(?P<word>high|low|peak)"
        r"|(?P<word>highest|lowest|biggest|largest|smallest)\s+(?:level\s+)?in\s+(?P<n>{CARD}|\d+)\s+(?P<unit>month|year)s?",
        "match": ["three-month high", "10-year low", "highest in five years"],
        "no_match": ["month high"],
    },
    {
        "id": "record.on_record",
        "extreme": "word",
        "pattern": r"(?P<word>largest|biggest|highest|lowest|smallest)\s+(?:[a-z]+\s+){0,2}?on\s+record",
        "match": ["largest on record", "highest monthly value on record"],
        "no_match": ["on record"],
    },
    {
        "id": "record.bare",
        "extreme": "size",
        "pattern": r"(?<!\bon\s)records?(?=\s*(?:[,.;:)]|$|of\s|at\s|in\s(?!\w+\s+(?:tourism|numbers))))",
        "match": ["a record, up", "a record of almost", "set records in July", "to a record."],
        "no_match": ["on record", "record tourism"],
    },
    {
        "id": "record.adjective",
        "extreme": "size",
        "pattern": r"record(?=\s+(?:[$¥]|US\$|\d|(?:\w+\s+){0,2}(?:surplus|deficit|exports|imports|shipments)))",
        "match": ["record $63B", "record exports", "record trade surplus"],
        "no_match": ["on record"],
    },
]

_STREAK_UNIT = (
    r"(?:(?P<adj>monthly|annual|yearly|fiscal|calendar)[-\s]+)?"
    r"(?P<unit>months?|years?|increases?|rises?|gains?|declines?|decreases?|falls?|drops?"
    r"|deficits?|surplus(?:es)?|shortfalls?)"
    r"(?:(?<=year)\s+(?P<cond>deficit|surplus)(?!\w))?"  # "fiscal-year deficit"
)
STREAKS: list[dict] = [
    {
        "id": "streak.ordinal",
        "pattern": r"(?P<n>{ORD}|\d+(?:st|nd|rd|th))\s+(?:consecutive|straight|successive|continuous|running)\s+"
        + _STREAK_UNIT
        + r"(?:\s+in\s+a\s+row)?",
        "match": [
            "fourth consecutive year",
            "sixth straight month",
            "5th consecutive month",
            "fourth consecutive fiscal year",
            "seventh consecutive monthly increase",
            "fifth consecutive annual deficit",
            "third consecutive fiscal-year deficit",
        ],
        "no_match": ["consecutive year"],
    },
    {
        "id": "streak.cardinal",
        "pattern": r"(?P<n>{CARD}|\d+)\s+(?:consecutive|straight|successive)\s+(?:(?P<adj>monthly|annual|fiscal)[-\s]+)?"
        r"(?P<unit>months|years|increases|rises|gains|declines|decreases|falls|drops|deficits|surpluses)",
        "match": ["two consecutive years", "five consecutive years"],
        "no_match": ["a consecutive year"],
    },
    {
        "id": "streak.in_a_row",
        "pattern": r"(?P<n>{ORD}|{CARD}|\d+(?:st|nd|rd|th)?)\s+"
        + _STREAK_UNIT
        + r"\s+(?:in\s+a\s+row|running)",
        "match": [
            "fourth year in a row",
            "seven months in a row",
            "third monthly surplus in a row",
            "two months running",
        ],
        "no_match": ["year in a row"],
    },
    {
        "id": "streak.run",
        "pattern": r"(?P<n>{CARD}|\d+)[-\s](?P<unit>month|year)\s+(?:streak|run|stretch|losing\s+streak|winning\s+streak)",
        "match": ["Five-Year Streak", "six-month run"],
        "no_match": ["year streak"],
    },
    {
        "id": "streak.first_in",
        "first": True,
        "pattern": r"(?:the\s+)?first\s+(?:time\s+)?(?P<what>(?:[a-z]+\s+){0,2}?)in\s+(?P<n>{CARD}|\d+)\s+(?P<unit>month|year)s?",
        "match": ["the first time in five years", "first deficit in 23 months"],
        "no_match": ["first half"],
    },
]

CONDITIONS: list[dict] = [
    {
        "id": "streak.condition.deficit",
        "condition": "deficit",
        "pattern": r"deficits?|in\s+the\s+red|shortfalls?|imported\s+more",
        "match": ["deficits"],
        "no_match": ["surplus"],
    },
    {
        "id": "streak.condition.surplus",
        "condition": "surplus",
        "pattern": r"surplus(?:es)?|in\s+the\s+black",
        "match": ["surplus"],
        "no_match": ["deficit"],
    },
    {
        "id": "streak.condition.up",
        "condition": "up",
        "pattern": r"growth|increases?|gains?|rises?|expansion|increased|rose|grew|grown|up",
        "match": ["growth", "grown"],
        "no_match": ["decline"],
    },
    {
        "id": "streak.condition.down",
        "condition": "down",
        "pattern": r"declines?|decreases?|falls?|contraction|drops?|declined|fell|decreased|dropped|down",
        "match": ["declines"],
        "no_match": ["growth"],
    },
    {
        "id": "streak.condition.above",
        "condition": "above",
        "pattern": r"exceeded|exceeds?|topped|tops?|surpassed|above|over|more\s+than",
        "match": ["exceeded", "top"],
        "no_match": ["below"],
    },
    {
        "id": "streak.condition.below",
        "condition": "below",
        "pattern": r"below|under|less\s+than",
        "match": ["below"],
        "no_match": ["above"],
    },
]
