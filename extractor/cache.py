"""The user cache folder: what the package can rebuild, kept between runs so that starts are fast.

``$FACTCHECK_CACHE`` chooses the folder (``off`` turns caching off); else
``$XDG_CACHE_HOME/factcheck`` or ``~/.cache/factcheck``. An entry is named by a key made from the
files that decide its content (path, size, modification time) and a version, so a change to any
of them makes a new entry, and only the newest few of a kind are kept. Entries are written
atomically; a folder that cannot be written only makes the next start slower.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path


def cache_dir() -> Path | None:
    """Where entries are kept (None: caching is off)."""
    setting = os.environ.get("FACTCHECK_CACHE", "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "factcheck"


def cache_file(kind: str, suffix: str, version: int, sources: Iterable[Path]) -> Path | None:
    """The entry ``<kind>-<key><suffix>`` for content made from ``sources`` by code of
    ``version`` (None: caching is off)."""
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{version} {sys.version_info[:2]}".encode())
    for path in sources:
        st = path.stat()
        key.update(f"|{path.resolve()}|{st.st_size}|{st.st_mtime_ns}".encode())
    return folder / f"{kind}-{key.hexdigest()[:24]}{suffix}"


def write_entry(path: Path, data: bytes, keep: int) -> None:
    """Write the entry ``path`` atomically, then drop all but the ``keep`` newest of its kind."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    kind = path.name.split("-", 1)[0]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
        older = sorted(path.parent.glob(f"{kind}-*{path.suffix}"), key=lambda p: p.stat().st_mtime)
        for old in older[:-keep]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: the next start computes it again
    finally:
        tmp.unlink(missing_ok=True)
