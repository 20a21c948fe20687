"""``factcheck reference``: build, import, show and inspect the official-figure store."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

HELP = "Inspect and update the official MOF figures (build, import, show, stats, conflicts, fx)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", parser_class=type(parser))
    sub.required = True

    p = sub.add_parser(
        "import", help="import MOF files (press XML, d41ma.csv, tidy CSV) into the user store"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--release-date", type=_date, help="vintage date for files that carry none (d41ma.csv)"
    )
    _store_option(p)

    p = sub.add_parser(
        "show", help="a figure as known on a date, with every vintage and its source"
    )
    _series_options(p)
    p.add_argument("--period", required=True, help="2025-03, CY2024, FY2024, CY2025H1, FY2025H1")

    p = sub.add_parser(
        "history", help="one figure per period of a series (records, streaks, 'since')"
    )
    _series_options(p)
    p.add_argument("--basis", required=True, choices=("month", "CY", "FY", "CYH", "FYH"))
    p.add_argument("--since", help="first period to print (a code of the same basis)")

    for name, text in (
        ("stats", "coverage: periods x partners x flows x vintages, by source kind"),
        ("conflicts", "figures on which sources disagree"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument("--json", action="store_true", help="JSON on stdout")
        _store_option(p)

    p = sub.add_parser("fx", help="USD/JPY market rates around a date and a period's average rates")
    p.add_argument("--date", type=_date, help="market rates in the week up to this date")
    p.add_argument("--period", help="average rates for this period")
    p.add_argument("--window", type=int, default=7, help="days before --date (default 7)")
    _store_option(p)

    p = sub.add_parser("build", help="rebuild the tidy store from the raw files (developers)")
    p.add_argument("--raw", type=Path, help="raw layer (default: the bundled reference/ folder)")
    p.add_argument("--out", type=Path, help="write <out>/store/figures.csv (default: in --raw)")


def _series_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--flow", required=True, choices=("exports", "imports", "balance", "usd_jpy_rate")
    )
    p.add_argument("--partner", default="World", help="any spelling: USA, U.S., (EU), R KOREA ...")
    p.add_argument("--as-of", type=_date, help="what was known on this date (default: the latest)")
    p.add_argument("--json", action="store_true", help="JSON on stdout")
    _store_option(p)


def _store_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        type=Path,
        help="user store directory (default $FACTCHECK_HOME or ~/.local/share/factcheck)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def run(args: argparse.Namespace) -> int:
    action = {
        "import": _import,
        "show": _show,
        "history": _history,
        "stats": _stats,
        "conflicts": _conflicts,
        "fx": _fx,
        "build": _build,
    }[args.action]
    return action(args)


def _store(args: argparse.Namespace):
    from extractor.reference import load_store

    return load_store(args.store)


def _import(args: argparse.Namespace) -> int:
    from extractor.reference import clear_cache, default_store_dir, load_store
    from extractor.reference.overlay import import_files

    store_dir = args.store or default_store_dir()
    bundled = load_store(use_overlay=False)
    report = import_files(args.files, store_dir, release_date=args.release_date, existing=bundled)
    for result in report.results:
        print(f"{result.path}: {result.format}, {len(result.figures)} figures", file=sys.stderr)
        for message in result.skipped:
            print(f"  skipped {message}", file=sys.stderr)
    print(f"added {report.added} rows to {report.store_file} ({report.duplicates} already present)")
    clear_cache()
    return 0


def _show(args: argparse.Namespace) -> int:
    from extractor.errors import UsageError
    from extractor.periods import Period
    from extractor.reference import canonical_partner

    partner = canonical_partner(args.partner)
    if partner is None:
        raise UsageError(f"unknown partner {args.partner!r}")
    period = Period.parse(args.period)
    store = _store(args)
    current = store.lookup(args.flow, partner, period, args.as_of)
    vintages = store.vintages(args.flow, partner, period)
    if args.json:
        out = {
            "flow": args.flow,
            "partner": partner,
            "period": period.code,
            "as_of": args.as_of.isoformat() if args.as_of else None,
            "figure": current.to_dict() if current else None,
            "vintages": [v.to_dict() for v in vintages],
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    when = f"as known on {args.as_of}" if args.as_of else "latest"
    print(f"{args.flow} {partner} {period.code} ({when}):")
    print(f"  {_line(current)}" if current else "  no figure released by then")
    print(f"all vintages ({len(vintages)}):")
    for v in vintages:
        mark = "*" if v is current else " "
        print(f" {mark}{_line(v)}")
    return 0


def _history(args: argparse.Namespace) -> int:
    from extractor.errors import UsageError
    from extractor.periods import Period
    from extractor.reference import canonical_partner

    partner = canonical_partner(args.partner)
    if partner is None:
        raise UsageError(f"unknown partner {args.partner!r}")
    since = Period.parse(args.since) if args.since else None
    if since is not None and since.basis != args.basis:
        raise UsageError(f"--since {since.code} is not a {args.basis} period")
    figures = [
        f
        for f in _store(args).history(args.flow, partner, args.basis, args.as_of)
        if since is None or f.period >= since
    ]
    if args.json:
        json.dump([f.to_dict() for f in figures], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for f in figures:
        print(f"{f.period.code:<9} {_line(f)}")
    if not figures:
        print(f"no {args.basis} figures for {args.flow} {partner}")
    return 0


def _line(f: Any) -> str:
    value = "(yoy only)" if f.value is None else _amount(f.value, f.flow)
    yoy = (
        ""
        if f.yoy_pct is None
        else f" yoy {f.yoy_pct:+.1f}%{' (derived)' if f.yoy_basis == 'derived' else ''}"
    )
    day = f.release_date.isoformat() if f.release_date else "undated   "
    return f"{day}  {value}{yoy}  [{f.status}, {f.source_kind}]  {f.source}"


def _amount(value: float, flow: str) -> str:
    if flow == "usd_jpy_rate":
        return f"{value:.2f} yen/$"
    return f"{value / 1e9:,.1f} bn yen"


def _stats(args: argparse.Namespace) -> int:
    from extractor.reference.stats import coverage

    table = coverage(_store(args))
    if args.json:
        json.dump(table, sys.stdout, indent=2)
        print()
        return 0
    print(
        f"{'source_kind':<10} {'basis':<6} {'flows':>5} {'partners':>8} {'periods':>7} {'figures':>7} {'vintages':>8}  span"
    )
    for r in table["rows"]:
        print(
            f"{r['source_kind']:<10} {r['basis']:<6} {r['flows']:>5} {r['partners']:>8} {r['periods']:>7} "
            f"{r['figures']:>7} {r['vintages']:>8}  {r['first']}..{r['last']}"
        )
    t = table["total"]
    print(
        f"total: {t['rows']} rows, {t['figures']} figures (flow x partner x period), {t['partners']} partners"
    )
    return 0


def _conflicts(args: argparse.Namespace) -> int:
    from extractor.reference.conflicts import find_conflicts

    conflicts = find_conflicts(_store(args))
    if args.json:
        json.dump(
            [c.to_dict() for c in conflicts], sys.stdout, ensure_ascii=False, indent=2, default=str
        )
        print()
        return 0
    for c in conflicts:
        sources = " | ".join(f.source for f in c.figures)
        print(f"{c.kind}: {c.flow} {c.partner} {c.period}: {c.message} [{sources}]")
    print(f"{len(conflicts)} conflicts", file=sys.stderr)
    return 0


def _fx(args: argparse.Namespace) -> int:
    from extractor.errors import UsageError

    if not args.date and not args.period:
        raise UsageError("give --date, --period or both")
    store = _store(args)
    if args.date:
        quotes = store.fx_market(args.date, args.window)
        for day, rate in quotes:
            print(f"{day}  {rate:.2f} yen/$  (FRED DEXJPUS)")
        if not quotes:
            print(f"no market quote in the {args.window} days up to {args.date}")
    if args.period:
        for f in store.fx_average(args.period):
            print(_line(f))
    return 0


def _build(args: argparse.Namespace) -> int:
    from extractor.reference import bundled_dir, clear_cache
    from extractor.reference.build import build_store

    raw = args.raw or bundled_dir()
    path, rows, skipped = build_store(raw, args.out)
    for message in skipped:
        print(f"skipped {message}", file=sys.stderr)
    print(f"wrote {rows} rows to {path}")
    clear_cache()
    return 0
