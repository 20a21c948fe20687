"""The official-data store: every MOF figure with every vintage, and where it comes from.

    from extractor.reference import load_store, canonical_partner
    store = load_store()
    store.lookup("balance", "United States", "FY2024", as_of=datetime.date(2025, 4, 20))

See docs/reference-data.md for the data, the columns and the vintage policy.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractor.errors import ReferenceDataError
from extractor.reference.figure import COLUMNS, Figure
from extractor.reference.fx import FxSeries
from extractor.reference.partners import PARTNERS, canonical_partner
from extractor.reference.store import (
    STORE_FILE,
    Store,
    bundled_dir,
    default_store_dir,
    read_store_file,
)

__all__ = [
    "COLUMNS",
    "PARTNERS",
    "Figure",
    "ReferenceDataError",
    "Store",
    "bundled_dir",
    "canonical_partner",
    "clear_cache",
    "default_store_dir",
    "load_store",
]


def load_store(
    overlay_dir: Path | str | None = None,
    *,
    data_dir: Path | str | None = None,
    use_overlay: bool = True,
) -> Store:
    """The bundled figures plus the user overlay (``overlay_dir``, default ``$FACTCHECK_HOME`` or
    ``~/.local/share/factcheck``). Cached per process for each combination of arguments;
    :func:`clear_cache` forgets it (after an import)."""
    data = Path(data_dir) if data_dir else bundled_dir()
    overlay = (Path(overlay_dir) if overlay_dir else default_store_dir()) if use_overlay else None
    return _load(data.resolve(), overlay.resolve() if overlay else None)


@lru_cache(maxsize=8)
def _load(data: Path, overlay: Path | None) -> Store:
    store_file = data / "store" / STORE_FILE
    if not store_file.exists():
        raise ReferenceDataError(
            "the bundled store is missing; run `factcheck reference build`", path=str(store_file)
        )
    figures = read_store_file(store_file)
    if overlay is not None and (overlay / STORE_FILE).exists():
        seen = {f.identity() for f in figures}
        figures += [f for f in read_store_file(overlay / STORE_FILE) if f.identity() not in seen]
    return Store(figures, FxSeries(data / "fx" / "DEXJPUS.csv"))


def clear_cache() -> None:
    """Forget the stores loaded so far (after an import or a rebuild)."""
    _load.cache_clear()
