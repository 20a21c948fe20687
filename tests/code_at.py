"""The package's code as it was at an earlier commit, for tests that prove a faster version equal
to the one it replaced. Every loader skips the test when git or the commit is not available."""

from __future__ import annotations

import importlib
import subprocess
import sys
import zlib
from pathlib import Path
from types import ModuleType

import pytest
import regex

ROOT = Path(__file__).resolve().parent.parent


def source_at(commit: str, path: str) -> str:
    """The text of ``path`` (relative to the repository) at ``commit``."""
    try:
        shown = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{commit}:{path}"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"{path} at {commit} is not in this checkout")
    return shown.stdout


def module_at(commit: str, path: str, name: str) -> ModuleType:
    """``path`` at ``commit`` as a module of its own named ``name`` (its imports: today's)."""
    module = ModuleType(name)
    sys.modules[name] = module  # dataclasses look their module up
    exec(compile(source_at(commit, path), f"{name}.py", "exec"), module.__dict__)
    return module


def components_at(commit: str, names: tuple[str, ...], root: Path, entry: str) -> ModuleType:
    """Module ``entry`` of a package written under ``root`` holding the modules ``names`` of
    extractor/components as at ``commit``, importing one another (every other module: today's)."""
    package = f"components_{commit}_{zlib.crc32('|'.join(names).encode()):08x}"
    (root / package).mkdir()
    (root / package / "__init__.py").write_text("")
    pattern = rf"extractor\.components\.({'|'.join(names)})\b"
    for name in names:
        source = source_at(commit, f"extractor/components/{name}.py")
        (root / package / f"{name}.py").write_text(regex.sub(pattern, rf"{package}.\1", source))
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(f"{package}.{entry}")
    finally:
        sys.path.remove(str(root))
