"""``factcheck eval CORPUS``: run the checker over an annotated corpus and score it.

Reads every ``*.gold.yaml`` in CORPUS (format: docs/annotation.md), checks the article each one
annotates, and prints claim-extraction precision/recall/F1 (overall and by kind), verdict
accuracy with a confusion matrix, the error-detection recall and the false-alarm rate.
With ``--floor FILE`` (e.g. accuracy/floor.json) it also says which scores broke the ratchet,
and exits 1 when any did.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractor.errors import InputError, UsageError

if TYPE_CHECKING:
    from extractor.evaluate import GoldArticle, Scores
    from extractor.model import ArticleReport

HELP = "Score the checker against an annotated corpus (gold claims and verdicts)."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus", metavar="CORPUS", help="folder of articles and *.gold.yaml")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--output", metavar="FILE", help="write the report here, not stdout")
    parser.add_argument("--force", action="store_true", help="overwrite --output if it exists")
    parser.add_argument("--floor", metavar="FILE", help="ratchet floors (accuracy/floor.json)")
    parser.add_argument("--misses", type=int, default=30, help="list at most N misses (text)")


# -- the corpus on disk ------------------------------------------------------------------------
def split_front_matter(raw: str) -> tuple[dict[str, Any], str]:
    """(front matter, body) of a corpus article: the body is everything after the closing
    ``---`` line. An article without front matter is all body."""
    import yaml

    if not raw.startswith("---\n"):
        return {}, raw
    end = raw.find("\n---\n", 3)
    if end < 0:
        raise InputError("front matter is not closed by a '---' line")
    meta = yaml.safe_load(raw[4 : end + 1]) or {}
    if not isinstance(meta, dict):
        raise InputError("front matter is not a mapping")
    return meta, raw[end + 5 :]


def load_gold(path: str | Path) -> GoldArticle:
    """Read one gold YAML file; InputError when it cannot be read or is misshapen."""
    import yaml

    from extractor.evaluate import gold_from_data

    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InputError("cannot read gold file", path=str(p), detail=str(exc)) from exc
    return gold_from_data(data, str(p))


def gold_files(corpus: str | Path) -> list[Path]:
    """The gold files of a corpus folder, sorted; dotfiles skipped."""
    root = Path(corpus)
    if not root.is_dir():
        raise InputError("not a corpus folder", path=str(root))
    return sorted(p for p in root.glob("*.gold.yaml") if not p.name.startswith("."))


def load_corpus(corpus: str | Path) -> list[tuple[GoldArticle, Path, str]]:
    """(gold, article path, article body) for every gold file. InputError when any gold file
    is malformed or does not fit its article; the message lists the problems."""
    from extractor.evaluate import validate_gold

    out, problems = [], []
    for gp in gold_files(corpus):
        gold = load_gold(gp)
        ap = gp.parent / gold.article
        try:
            _, body = split_front_matter(ap.read_text(encoding="utf-8"))
        except (OSError, InputError) as exc:
            problems.append(f"{gp.name}: cannot read {gold.article} ({exc})")
            continue
        problems += [f"{gp.name}: {p}" for p in validate_gold(gold, body)]
        out.append((gold, ap, body))
    if problems:
        raise InputError(f"{len(problems)} gold problem(s)", detail="; ".join(problems[:20]))
    return out


# -- running the checker -----------------------------------------------------------------------
def default_checker() -> Callable[[Path], ArticleReport]:
    """The real checker: ingest the file, then run the pipeline on it."""
    from extractor.ingest import read_article
    from extractor.pipeline import check_article

    return lambda path: check_article(read_article(path))


def evaluate_corpus(
    corpus: str | Path, checker: Callable[[Path], ArticleReport] | None = None
) -> Scores:
    """Check every annotated article of ``corpus`` and score the result. An article the checker
    fails on counts as one with no predicted claims (and is named on stderr)."""
    from extractor.evaluate import align_claims, claim_from_finding, score

    check = checker or default_checker()
    triples = []
    for gold, path, body in load_corpus(corpus):
        report = check(path)
        if report.error:
            print(f"factcheck eval: {path}: {report.error}", file=sys.stderr)
        text = report.text or body
        pred = [claim_from_finding(f) for f in report.findings]
        triples.append((path.name, align_claims(gold.claims, text), pred))
    if not triples:
        print(f"factcheck eval: warning: no *.gold.yaml in {corpus}", file=sys.stderr)
    return score(triples)


# -- output ------------------------------------------------------------------------------------
def format_text(s: Scores, broken: list[str], max_misses: int = 30) -> str:
    e = s.extraction
    lines = [
        f"articles: {s.articles}",
        f"extraction: P {e.precision:.3f}  R {e.recall:.3f}  F1 {e.f1:.3f}"
        f"  (matched {e.tp}, gold {e.n_gold}, predicted {e.n_pred})",
    ]
    for kind, k in sorted(s.by_kind.items()):
        lines.append(
            f"  {kind:<10} P {k.precision:.3f}  R {k.recall:.3f}  F1 {k.f1:.3f}"
            f"  (matched {k.tp}, gold {k.n_gold}, predicted {k.n_pred})"
        )
    lines.append(f"verdict accuracy: {s.verdict_accuracy:.3f} ({s.verdict_correct}/{e.tp})")
    lines.append("confusion (gold -> predicted: count):")
    for (g, p), n in sorted(s.confusion.items()):
        lines.append(f"  {g} -> {p}: {n}{'' if g == p else '  *'}")
    lines.append(
        f"error recall: {s.error_recall:.3f} ({s.planted_flagged}/{s.planted} planted errors flagged)"
    )
    lines.append(
        f"false alarms: {s.false_alarm_rate:.3f} ({s.false_alarms}/{s.correct_claims} correct"
        f" claims flagged; {s.unmatched_flags} flags on no gold claim)"
    )
    if s.misses and max_misses:
        lines.append(f"misses (first {min(max_misses, len(s.misses))} of {len(s.misses)}):")
        for m in s.misses[:max_misses]:
            got = m.got or "not extracted"
            lines.append(f"  {m.article}:{m.start}: {m.text!r} expected {m.expected}, got {got}")
    lines += [f"RATCHET: {b}" for b in broken]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from extractor.evaluate import below_floor

    if args.output and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} exists; use --force to overwrite it")
    scores = evaluate_corpus(args.corpus)
    broken: list[str] = []
    if args.floor:
        try:
            floor = json.loads(Path(args.floor).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"cannot read floor file {args.floor}: {exc}") from exc
        broken = below_floor(scores.headline(), floor)
    if args.format == "json":
        out = json.dumps({**scores.to_dict(), "ratchet": broken}, indent=2) + "\n"
    else:
        out = format_text(scores, broken, args.misses)
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 1 if broken else 0
