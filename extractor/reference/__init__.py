"""The official-data store: every MOF figure with every vintage, and where it comes from.

    from extractor.reference import load_store, canonical_partner
    store = load_store()
    store.lookup("balance", "United States", "FY2024", as_of=datetime.date(2025, 4, 20))

See docs/reference-data.md for the data, the columns and the vintage policy.
"""

from __future__ import annotations

import gc
import os
import pickle
from functools import lru_cache
from pathlib import Path

from extractor.cache import cache_dir, cache_file, write_entry
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
    "cache_dir",
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
    # Every checked article asks for the store: the answer is remembered per raw arguments and the
    # environment the overlay folder depends on, so only a first call resolves paths.
    key = (
        overlay_dir,
        data_dir,
        use_overlay,
        os.environ.get("FACTCHECK_HOME"),
        os.environ.get("HOME"),
    )
    store = _by_arguments.get(key)
    if store is None:
        data = Path(data_dir) if data_dir else bundled_dir()
        overlay = (
            (Path(overlay_dir) if overlay_dir else default_store_dir()) if use_overlay else None
        )
        store = _load(data.resolve(), overlay.resolve() if overlay else None)
        _by_arguments[key] = store
    return store


_by_arguments: dict[tuple[object, ...], Store] = {}


@lru_cache(maxsize=8)
def _load(data: Path, overlay: Path | None) -> Store:
    store_file = data / "store" / STORE_FILE
    if not store_file.exists():
        raise ReferenceDataError(
            "the bundled store is missing; run `factcheck reference build`", path=str(store_file)
        )
    overlay_file = overlay / STORE_FILE if overlay is not None else None
    fx_file = data / "fx" / "DEXJPUS.csv"
    sources = [store_file, fx_file] + (
        [overlay_file] if overlay_file and overlay_file.exists() else []
    )
    cache = _cache_file(sources)
    store = _read_cache(cache) if cache is not None else None
    if store is not None:
        return store
    figures = read_store_file(store_file)
    if overlay_file is not None and overlay_file.exists():
        seen = {f.identity() for f in figures}
        figures += [f for f in read_store_file(overlay_file) if f.identity() not in seen]
    store = Store(figures, FxSeries(fx_file))
    if cache is not None:
        _write_cache(cache, store)
    return store


# -- the parsed store, cached as a pickle ------------------------------------------------------
# Parsing figures.csv into Figures takes most of a cold start; the built Store is pickled in a
# user cache folder under a name made from the source files (path, size, mtime) and the code that
# defines a Figure, so an edited CSV, an import into the overlay or a new version of the code
# makes a new entry. FACTCHECK_CACHE=off turns it off; FACTCHECK_CACHE=<folder> moves it.
_CACHE_VERSION = 2  # 2: a Store pickles its rows as plain tuples
_CACHE_KEEP = 4  # parsed stores kept (bundled alone, with an overlay, ...)
_CODE = ("figure.py", "store.py", "fx.py", "../periods.py")


def _cache_file(sources: list[Path]) -> Path | None:
    here = Path(__file__).resolve().parent
    return cache_file("store", ".pickle", _CACHE_VERSION, [*sources, *(here / n for n in _CODE)])


def _read_cache(path: Path) -> Store | None:
    """The pickled store, read with the garbage collector off: unpickling creates some hundred
    thousand objects at once, which would set off collections that walk them all for nothing
    (a third of the load time)."""
    collect = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as handle:
            store = pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError):
        return None  # absent or unreadable: the CSV is parsed instead
    finally:
        if collect:
            gc.enable()
    return store if isinstance(store, Store) else None


def _write_cache(path: Path, store: Store) -> None:
    write_entry(path, pickle.dumps(store, protocol=pickle.HIGHEST_PROTOCOL), _CACHE_KEEP)


def clear_cache() -> None:
    """Forget the stores loaded so far (after an import or a rebuild)."""
    _by_arguments.clear()
    _load.cache_clear()
