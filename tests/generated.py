"""600 generated articles for the equality tests of the speed work, written once per test session.

The benchmark's generator (``benchmarks/corpus.py``) makes them from templates and MOF
press-release rows: 400 at a trade share of 0.5 (generated trade articles) and 200 at 0.1 (the
corpus and templates mixed, with unrelated news), each file with front matter carrying its date.
They are the texts the speed work was proved on besides ``corpus/`` and ``corpus/heldout``.
"""

from __future__ import annotations

import atexit
import dataclasses
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=1)
def generated_dir() -> Path:
    """The folder of the 600 articles (made on first use, removed when the session ends)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.corpus import iter_articles
    from benchmarks.measure import write_folder

    articles = list(iter_articles(400, trade_share=0.5, seed=7, source="generated"))
    articles += list(iter_articles(200, trade_share=0.1, seed=11, source="mixed"))
    articles = [dataclasses.replace(a, name=f"g{i:04d}") for i, a in enumerate(articles)]
    folder = Path(tempfile.mkdtemp(prefix="factcheck-generated-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    write_folder(articles, folder)
    return folder
