"""Project configuration: ``[tool.factcheck]`` in ``pyproject.toml`` or a ``.factcheck.toml``.

Example (``.factcheck.toml`` holds the same keys at its top level)::

    [tool.factcheck]
    disable = ["period.fiscal_definition", "record"]  # rule ids switched off by dotted prefix
    tolerance = 0.005        # extra relative tolerance for value comparisons (0.5%)
    fail-on = "warning"      # error | warning | info: the lowest severity that fails a run
    date-policy = "infer"    # infer | require | today: what to do when no publication date is found
    format = "text"          # default output format of ``factcheck check``
    glob = ["*.md", "*.txt"] # default file globs for folders

Keys may be written with ``-`` or ``_``. An unknown key or a bad value is a :class:`ConfigError`
naming the file and the key. Command-line options override the file.

``load_config(start_dir)`` looks in ``start_dir`` and then each parent: the first folder holding a
``.factcheck.toml`` or a ``pyproject.toml`` with a ``[tool.factcheck]`` table wins (the
``.factcheck.toml`` first when a folder has both). No file: the defaults.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from extractor.errors import ConfigError
from extractor.model import SEVERITIES

DatePolicy = Literal["infer", "require", "today"]
DATE_POLICIES: tuple[str, ...] = ("infer", "require", "today")
FORMATS: tuple[str, ...] = ("text", "json", "jsonl", "csv", "markdown", "sarif", "html")
CONFIG_NAME = ".factcheck.toml"


@dataclass(frozen=True)
class Config:
    """Settings of a run. ``source`` is the file they came from (None: the defaults)."""

    disable: tuple[str, ...] = ()
    tolerance: float = 0.0
    fail_on: str = "error"
    date_policy: str = "infer"
    format: str = "text"
    glob: tuple[str, ...] = ()
    source: str | None = None

    def __post_init__(self) -> None:
        _check_values(self)

    def rule_enabled(self, rule_id: str) -> bool:
        """False when a disabled prefix covers ``rule_id`` on a dot boundary:
        ``"value"`` and ``"value."`` switch off ``value.mismatch``; ``"val"`` does not."""
        for prefix in self.disable:
            p = prefix.rstrip(".")
            if rule_id == p or rule_id.startswith(p + "."):
                return False
        return True


def _check_values(c: Config) -> None:
    where = c.source
    if c.fail_on not in SEVERITIES:
        raise ConfigError(
            f"fail-on must be one of {', '.join(SEVERITIES)}, not {c.fail_on!r}", path=where
        )
    if c.date_policy not in DATE_POLICIES:
        raise ConfigError(
            f"date-policy must be one of {', '.join(DATE_POLICIES)}, not {c.date_policy!r}",
            path=where,
        )
    if c.format not in FORMATS:
        raise ConfigError(
            f"format must be one of {', '.join(FORMATS)}, not {c.format!r}", path=where
        )
    if isinstance(c.tolerance, bool) or not isinstance(c.tolerance, int | float):
        raise ConfigError(f"tolerance must be a number, not {c.tolerance!r}", path=where)
    if not 0 <= c.tolerance < 1:
        raise ConfigError(
            f"tolerance is a relative fraction in [0, 1), not {c.tolerance!r}", path=where
        )
    for name, seq in (("disable", c.disable), ("glob", c.glob)):
        if not all(isinstance(s, str) and s for s in seq):
            raise ConfigError(f"{name} must be a list of non-empty strings", path=where)


_KEYS = {
    "disable": "disable",
    "tolerance": "tolerance",
    "fail-on": "fail_on",
    "date-policy": "date_policy",
    "format": "format",
    "glob": "glob",
}


def config_from_mapping(table: dict[str, Any], *, source: str | None = None) -> Config:
    """Build a Config from a TOML table; unknown keys and bad values raise ConfigError."""
    kwargs: dict[str, Any] = {}
    for key, value in table.items():
        field_name = _KEYS.get(key.replace("_", "-"))
        if field_name is None:
            raise ConfigError(
                f"unknown key {key!r} in the factcheck configuration",
                path=source,
                detail=f"known keys: {', '.join(_KEYS)}",
            )
        if field_name in ("disable", "glob"):
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list):
                raise ConfigError(f"{key} must be a list of strings, not {value!r}", path=source)
            value = tuple(value)
        kwargs[field_name] = value
    return Config(**kwargs, source=source)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as exc:
        raise ConfigError(
            "cannot read the configuration file", path=str(path), detail=exc.strerror
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError("not valid TOML", path=str(path), detail=str(exc)) from exc


def load_config_file(path: str | Path) -> Config:
    """Read one file: a ``pyproject.toml`` (its ``[tool.factcheck]`` table) or a
    ``.factcheck.toml``-style file (keys at the top level)."""
    path = Path(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("factcheck")
        if table is None:
            raise ConfigError("no [tool.factcheck] table", path=str(path))
    else:
        table = data
    if not isinstance(table, dict):
        raise ConfigError("[tool.factcheck] must be a table", path=str(path))
    return config_from_mapping(table, source=str(path))


def find_config(start_dir: str | Path) -> Path | None:
    """The configuration file that applies to ``start_dir``, or None."""
    start = Path(start_dir).resolve()
    for folder in (start, *start.parents):
        dotfile = folder / CONFIG_NAME
        if dotfile.is_file():
            return dotfile
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "factcheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(start_dir: str | Path = ".") -> Config:
    """The configuration for ``start_dir`` (see the module doc), or the defaults."""
    path = find_config(start_dir)
    return load_config_file(path) if path else Config()
