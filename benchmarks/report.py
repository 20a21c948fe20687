"""Print benchmark results as tables for people (the JSON file is for machines)."""

from __future__ import annotations

from typing import Any


def _fmt(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:,.{digits}f}"


def print_config(config: dict[str, Any]) -> None:
    print(
        f"\n== {config['name']}: {config['articles']:,} articles "
        f"({config['trade_articles']:,} about trade), {config['mb']:.2f} MB"
    )
    print(
        f"{'method':<22}{'articles':>9}{'articles/s':>12}{'MB/s':>9}{'items/s':>11}"
        f"{'peak RSS MB':>13}{'errors':>8}"
    )
    for method, r in config["rates"].items():
        print(
            f"{method:<22}{r['articles']:>9,}{_fmt(r['articles_per_s'], 1):>12}"
            f"{_fmt(r['mb_per_s'], 3):>9}{_fmt(r['items_per_s'], 0):>11}"
            f"{_fmt(r['peak_rss_mb'], 0):>13}{r['errors']:>8}"
        )
    for name, value in config["ratios"].items():
        print(f"  {name:<44}{_fmt(value, 3):>10}x")


def print_results(results: dict[str, Any]) -> None:
    m = results["meta"]
    print(f"factcheck benchmark  {m['when']}  commit {m['git_commit']}  python {m['python']}")
    print(f"spaCy {m['spacy']}, {m['cpus']} CPUs, load average before {m['loadavg_before']}")
    if not results["quantulum3_installed"]:
        print("quantulum3 not installed (pip install -e '.[bench]'): its baseline is skipped")
    elif not results["quantulum3_run"]:
        print("quantulum3 skipped (--skip quantulum3)")
    for config in results["configs"]:
        print_config(config)
    if "jobs" in results:
        j = results["jobs"]
        print(f"\n== check_paths on {j['jobs1']['articles']} files: jobs=1 "
              f"{_fmt(j['jobs1']['articles_per_s'], 1)}/s, jobs=2 "
              f"{_fmt(j['jobs2']['articles_per_s'], 1)}/s, ratio {_fmt(j['ratio'], 2)}x"
              f" (fastest of {len(j.get('jobs1_all_s', [0]))} alternated runs each)")  # fmt: skip
    if "rss" in results:
        r = results["rss"]
        print(f"\n== peak RSS ({r['small']['mode']}, trade share {r['share']}): "
              f"{r['small']['articles']:,} articles {_fmt(r['small']['maxrss_mb'], 0)} MB, "
              f"{r['large']['articles']:,} articles {_fmt(r['large']['maxrss_mb'], 0)} MB, "
              f"growth {_fmt(100 * r['growth'], 1)}%")  # fmt: skip
    if "cold" in results:
        c = results["cold"]
        print(f"\n== cold start (median of {c['repeat']}): factcheck check draft.md "
              f"{_fmt(c['factcheck_check_s'], 3)} s, import spacy {_fmt(c['import_spacy_s'], 3)} s, "
              f"ratio {_fmt(c['ratio'], 2)}x")  # fmt: skip
    print("\n== targets")
    for t in results["targets"].values():
        verdict = t["note"] or {True: "met", False: "MISSED", None: "not measured"}[t["met"]]
        print(
            f"  {t['what']:<62} {t['target']:>8}  measured {_fmt(t['measured'], 3):>9}  {verdict}"
        )
        if t.get("ceiling") is not None:
            print(f"  {'':<62} {'':>8}  ceiling  {_fmt(t['ceiling'], 3):>9}  (prefilter + tokenizing "
                  "what it keeps: no spaCy-based check can beat it)")  # fmt: skip
