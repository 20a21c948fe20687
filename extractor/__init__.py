"""factcheck: check numeric claims about Japan's trade statistics against official MOF figures.

The public API::

    from extractor import check_text, check_paths
    report = check_text("Japan posted a trade deficit of 5.2 trillion yen in fiscal 2024.",
                        published="2025-04-17")
    for finding in report.findings:
        print(finding.verdict, finding.claim.text, finding.message)

Names are imported lazily so that ``import extractor`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleReport",
    "Claim",
    "ExtractorError",
    "Finding",
    "Official",
    "Period",
    "Report",
    "check_paths",
    "check_text",
]

_LAZY = {
    "check_text": "extractor.pipeline",
    "check_paths": "extractor.batch",
    "Article": "extractor.model",
    "ArticleReport": "extractor.model",
    "Report": "extractor.model",
    "Claim": "extractor.model",
    "Finding": "extractor.model",
    "Official": "extractor.model",
    "Period": "extractor.periods",
    "ExtractorError": "extractor.errors",
}

if TYPE_CHECKING:  # pragma: no cover
    from extractor.batch import check_paths
    from extractor.errors import ExtractorError
    from extractor.model import Article, ArticleReport, Claim, Finding, Official
    from extractor.model import ArticleReport as Report
    from extractor.periods import Period
    from extractor.pipeline import check_text


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    import importlib

    attr = "ArticleReport" if name == "Report" else name
    return getattr(importlib.import_module(module), attr)
