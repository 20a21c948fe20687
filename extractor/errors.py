"""One family of structured errors. Only ``extractor.cli`` turns them into exit codes."""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class. ``path``, ``line`` and ``detail`` say where and what, when known."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        detail: str | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.detail = detail
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        tail = f" ({self.detail})" if self.detail else ""
        return f"{where}{self.message}{tail}"


class UsageError(ExtractorError):
    """Bad options or arguments from the user (exit code 2)."""


class InputError(ExtractorError):
    """An article that cannot be read: binary, undecodable, empty, missing."""


class PeriodError(ExtractorError, ValueError):
    """A period code or phrase that does not make sense."""


class ReferenceDataError(ExtractorError):
    """Reference data that is missing, malformed or inconsistent; imports are rejected whole."""


class ConfigError(ExtractorError):
    """A configuration file or option that is wrong."""
