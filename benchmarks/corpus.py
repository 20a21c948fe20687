"""Build a benchmark corpus: trade articles mixed with unrelated news at a chosen share.

Trade articles come from the project's ``corpus/`` folder (its annotated articles, with front
matter, planted errors and all) and from templates below filled with official MOF figures read
from ``mof_press_by_area.csv`` (the project's ``reference/`` copy, else ``../shared/reference``):
by default the two in turn. No figure is typed here: every number of a generated trade article
is a reference row, converted exactly.

Unrelated articles (sports, weather, company results, city news) are generated procedurally with
their own numbers. Some of them mention the yen against the dollar or a company's exports, as
real business news does: those pass the prefilter and cost a full check.

``iter_articles`` streams: article ``i`` depends only on ``(seed, i)``, so memory stays flat
however many articles are drawn.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_CANDIDATES = (
    ROOT / "reference",
    ROOT / "extractor" / "refdata",
    ROOT.parent / "shared" / "reference" / "official",
)
PRESS_FILE = "mof_press_by_area.csv"
PARTNERS = {"USA": "the United States", "CHINA": "China", "(EU)": "the European Union",
            "ASIA": "Asia", "R KOREA": "South Korea", "TAIWAN": "Taiwan"}  # fmt: skip
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@dataclass(frozen=True)
class BenchArticle:
    name: str
    text: str
    published: dt.date | None
    trade: bool


@dataclass(frozen=True)
class AreaRow:
    """One area of one provisional MOF release, in millions of yen."""

    period: str
    release_date: dt.date
    area: str
    exports: int
    exports_yoy: float | None
    imports: int
    imports_yoy: float | None
    balance: int


def find_press_file() -> Path:
    for folder in REFERENCE_CANDIDATES:
        hits = sorted(folder.rglob(PRESS_FILE)) if folder.is_dir() else []
        if hits:
            return hits[0]
    raise FileNotFoundError(
        f"{PRESS_FILE} not found under {', '.join(str(c) for c in REFERENCE_CANDIDATES)}"
    )


def _pct(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


@functools.lru_cache(maxsize=2)
def load_releases(path: Path | None = None) -> tuple[tuple[AreaRow, ...], ...]:
    """Provisional releases, each a tuple of its area rows (Grand Total first)."""
    path = path or find_press_file()
    by_file: dict[str, list[AreaRow]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            if rec["status"] != "provisional":
                continue
            if rec["area"] != "Grand Total" and rec["area"] not in PARTNERS:
                continue
            row = AreaRow(
                period=rec["period"],
                release_date=dt.date.fromisoformat(rec["release_date"]),
                area=rec["area"],
                exports=int(rec["exports_myen"]),
                exports_yoy=_pct(rec["exports_yoy"]),
                imports=int(rec["imports_myen"]),
                imports_yoy=_pct(rec["imports_yoy"]),
                balance=int(rec["balance_myen"]),
            )
            by_file.setdefault(rec["release_file"], []).append(row)
    releases = []
    for rows in by_file.values():
        rows.sort(key=lambda r: r.area != "Grand Total")
        if rows and rows[0].area == "Grand Total":
            releases.append(tuple(rows))
    if not releases:
        raise ValueError(f"{path}: no provisional release with a Grand Total row")
    return tuple(releases)


# -- trade articles from templates --------------------------------------------------------------


def _bn(myen: int) -> str:
    return f"{abs(myen) / 1000:,.1f} billion yen"


def _tn(myen: int) -> str:
    return f"{abs(myen) / 1_000_000:.2f} trillion yen"


def _moved(yoy: float | None, rng: random.Random) -> str:
    if yoy is None:
        return rng.choice(["changed little", "moved"])
    verb = (
        rng.choice(["rose", "grew", "increased"])
        if yoy >= 0
        else rng.choice(["fell", "declined", "dropped"])
    )
    return f"{verb} {abs(yoy):.1f}%"


def _month(period: str) -> str:
    year, month = period.split("-")
    return f"{MONTHS[int(month) - 1]} {year}"


def _lead(total: AreaRow, rng: random.Random) -> list[str]:
    word = "surplus" if total.balance >= 0 else "deficit"
    month = _month(total.period)
    head = f"Japan logs trade {word} of {_bn(total.balance)} in {month}"
    lead = (
        f"Japan {rng.choice(['posted', 'recorded', 'logged'])} a trade {word} of "
        f"{_bn(total.balance)} in {month}, the Finance Ministry said on "
        f"{total.release_date:%A}. Exports {_moved(total.exports_yoy, rng)} from a year earlier "
        f"to {_tn(total.exports)}, while imports {_moved(total.imports_yoy, rng)} to "
        f"{_tn(total.imports)}."
    )
    return [head, lead]


def _partner(row: AreaRow, rng: random.Random) -> str:
    name = PARTNERS[row.area]
    word = "surplus" if row.balance >= 0 else "deficit"
    return (
        f"Exports to {name} {_moved(row.exports_yoy, rng)} to {_bn(row.exports)}, and imports "
        f"from {name} {_moved(row.imports_yoy, rng)} to {_bn(row.imports)}, leaving a "
        f"{word} of {_bn(row.balance)} with {name}."
    )


COMMENTS = (
    "Economists said demand for chips and cars remained the main driver of shipments abroad.",
    "Analysts pointed to energy prices as the swing factor on the import side.",
    "Officials declined to comment on the outlook for the coming months.",
    "Manufacturers have warned that tariffs could weigh on orders later in the year.",
    "A weaker yen inflates the value of exports when they are converted back into yen.",
    "Shipping costs have eased, according to logistics companies surveyed by the ministry.",
)


def trade_article(
    index: int, rng: random.Random, releases: tuple[tuple[AreaRow, ...], ...]
) -> BenchArticle:
    rows = rng.choice(releases)
    total, partners = rows[0], list(rows[1:])
    rng.shuffle(partners)
    paras = _lead(total, rng)
    for row in partners[: rng.randint(2, 4)]:
        paras.append(_partner(row, rng))
        paras.append(rng.choice(COMMENTS))
    paras.append(" ".join(rng.sample(COMMENTS, 3)))
    return BenchArticle(
        f"trade-{index:06d}.txt", "\n\n".join(paras) + "\n", total.release_date, True
    )


# -- unrelated news ------------------------------------------------------------------------------

TEAMS = ("Tigers", "Giants", "Swallows", "Carp", "Dragons", "BayStars", "Hawks", "Fighters",
         "Marines", "Eagles", "Lions", "Buffaloes", "Antlers", "Reds", "Frontale", "Gamba")  # fmt: skip
CITIES = ("Tokyo", "Osaka", "Nagoya", "Sapporo", "Fukuoka", "Sendai", "Hiroshima", "Naha",
          "Niigata", "Kanazawa", "Kobe", "Kyoto")  # fmt: skip
FIRMS = ("Kanto Electric", "Nihon Foods", "Sakura Motors", "Hoshi Pharma", "Minato Steel",
         "Aozora Retail", "Kumo Software", "Tsubasa Airlines")  # fmt: skip


def _sports(rng: random.Random) -> list[str]:
    a, b = rng.sample(TEAMS, 2)
    sa, sb = rng.randint(0, 9), rng.randint(0, 9)
    paras = [f"{a} beat {b} {max(sa, sb)}-{min(sa, sb)} before {rng.randint(8, 48) * 1000:,} fans"]
    for _ in range(rng.randint(4, 7)):
        paras.append(
            f"The {a} scored {rng.randint(1, 5)} runs in the {rng.choice(['2nd', '5th', '7th', '9th'])}"
            f" inning after {rng.randint(2, 40)} minutes of rain delay. Their starter threw "
            f"{rng.randint(80, 130)} pitches and struck out {rng.randint(3, 14)}, lowering his "
            f"earned run average to {rng.uniform(1.5, 5.5):.2f}. The {b} have now lost "
            f"{rng.randint(2, 8)} of their last {rng.randint(9, 12)} games and sit "
            f"{rng.randint(1, 15)}.{rng.randint(0, 9)} games back."
        )
    return paras


def _weather(rng: random.Random) -> list[str]:
    city = rng.choice(CITIES)
    paras = [f"Heat warning for {city} as temperatures near {rng.randint(33, 39)} degrees"]
    for other in rng.sample(CITIES, rng.randint(4, 7)):
        paras.append(
            f"In {other}, the high will be {rng.randint(18, 38)} degrees and the low "
            f"{rng.randint(8, 27)}, with a {rng.randint(0, 10) * 10}% chance of rain and winds of "
            f"{rng.randint(2, 25)} meters per second. Pressure stood at {rng.randint(985, 1030)} "
            f"hectopascals at {rng.randint(1, 11)} a.m., and {rng.randint(5, 120)} millimeters of "
            f"rain fell over the past {rng.choice([12, 24, 48])} hours."
        )
    return paras


def _results(rng: random.Random) -> list[str]:
    firm = rng.choice(FIRMS)
    paras = [f"{firm} raises forecast after quarterly profit jumps {rng.randint(5, 60)}%"]
    for _ in range(rng.randint(4, 6)):
        paras.append(
            f"{firm} said sales {rng.choice(['rose', 'fell'])} {rng.uniform(0.5, 25):.1f}% to "
            f"{rng.uniform(0.2, 9.9):.1f} trillion yen in the {rng.choice(['April-June', 'July-September', 'October-December'])}"
            f" quarter, and operating profit reached {rng.randint(12, 980)} billion yen. It now "
            f"expects net income of {rng.randint(100, 2500):,} billion yen for the year and a "
            f"dividend of {rng.randint(10, 120)} yen a share, with {rng.randint(2, 90):,} thousand employees."
        )
    if rng.random() < 0.3:  # business news often mentions the currency
        paras.append(f"The company assumed a rate of {rng.randint(135, 160)} yen to the dollar.")
    if rng.random() < 0.1:
        paras.append(f"{firm} said its exports to Europe grew strongly.")
    return paras


def _city(rng: random.Random) -> list[str]:
    city = rng.choice(CITIES)
    paras = [f"{city} to open {rng.randint(2, 12)} new libraries by {rng.randint(2027, 2031)}"]
    for _ in range(rng.randint(4, 7)):
        paras.append(
            f"The city assembly approved a budget of {rng.randint(3, 900)} billion yen on "
            f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, with {rng.randint(20, 60)} members in favor "
            f"and {rng.randint(0, 19)} against. About {rng.randint(1, 95)}% of residents answered a "
            f"survey of {rng.randint(1, 30) * 100:,} households, and {rng.randint(100, 9000):,} "
            f"people attended public hearings held over {rng.randint(2, 9)} weeks."
        )
    return paras


UNRELATED = (_sports, _weather, _results, _city)


def unrelated_article(index: int, rng: random.Random) -> BenchArticle:
    make = UNRELATED[index % len(UNRELATED)]
    paras = make(rng)
    published = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randint(0, 900))
    return BenchArticle(
        f"{make.__name__[1:]}-{index:06d}.txt", "\n\n".join(paras) + "\n", published, False
    )


# -- the corpus --------------------------------------------------------------------------------


def is_trade_slot(index: int, share: float) -> bool:
    """Spread trade articles evenly: slot i is trade when floor((i+1)s) > floor(i s)."""
    return int((index + 1) * share + 1e-9) > int(index * share + 1e-9)


def corpus_articles(folder: Path = ROOT / "corpus") -> list[BenchArticle]:
    """Trade articles of the project's corpus/ folder (empty when it holds none yet)."""
    if not folder.is_dir():
        return []
    # the articles themselves; src/ holds their annotated sources, *.gold.yaml their answers
    paths = sorted(p for p in folder.glob("*.md") if p.is_file() and not p.name.startswith("."))
    paths = [p for p in paths if p.name.upper() != "README.MD"]
    return [
        BenchArticle(str(p.relative_to(folder)), p.read_text(encoding="utf-8"), None, True)
        for p in paths
    ]


def iter_articles(
    n: int, *, trade_share: float = 1.0, seed: int = 0, source: str = "mixed"
) -> Iterator[BenchArticle]:
    """Stream ``n`` articles, ``trade_share`` of them about trade, deterministically.

    ``source`` of the trade articles: "generated" (templates + reference figures), "corpus"
    (the corpus/ folder, cycled) or "mixed" (the two in turn; generated only while corpus/ is
    empty).
    """
    if not 0.0 <= trade_share <= 1.0:
        raise ValueError(f"trade_share must be within 0..1, not {trade_share}")
    if source not in {"generated", "corpus", "mixed"}:
        raise ValueError(f"unknown source {source!r}")
    fixed = corpus_articles() if source != "generated" else []
    if source == "corpus" and not fixed:
        raise FileNotFoundError(f"no articles in {ROOT / 'corpus'}")
    releases = load_releases() if source != "corpus" and trade_share > 0 else ()
    trade_seen = 0
    for i in range(n):
        rng = random.Random(seed * 1_000_003 + i)
        if not is_trade_slot(i, trade_share):
            yield unrelated_article(i, rng)
            continue
        use_corpus = fixed and (source == "corpus" or trade_seen % 2 == 1)
        if use_corpus:
            yield fixed[(trade_seen // (1 if source == "corpus" else 2)) % len(fixed)]
        else:
            yield trade_article(i, rng, releases)
        trade_seen += 1
