"""The one error root of crisismap.

Every error a user can act on is a :class:`CrisismapError`. It names the file, row and field where
it can, and the command line turns it into one line on stderr and exit status 2 (no traceback).
"""

from __future__ import annotations

__all__ = ["CrisismapError", "InputError", "GazetteerFileError", "UsageError", "StoreError", "OutputError"]


class CrisismapError(Exception):
    """Base of every user-facing error: ``file``, ``row`` (1-based data row) and ``field`` when known."""

    def __init__(self, file: str = "", reason: str = "", row: int | None = None, field: str | None = None):
        if not reason:  # CrisismapError("plain message")
            file, reason = "", file
        self.file, self.row, self.field, self.reason = file, row, field, reason
        where = file or ""
        if row is not None:
            where += f"{', ' if where else ''}row {row}"
        if field:
            where += f"{', ' if where else ''}field {field!r}"
        super().__init__(f"{where}: {reason}" if where else reason)


class InputError(CrisismapError, ValueError):
    """Bad input that stops a whole file or argument: the message names file, row and field."""


class GazetteerFileError(InputError):
    """A GeoNames-format file could not be read; the message names file, line and field."""


class UsageError(CrisismapError):
    """A command was called with words it cannot act on (bad option values, missing files)."""


class StoreError(CrisismapError):
    """The event store cannot be opened, read or written; ``file`` is the store's path or URL."""


class OutputError(CrisismapError):
    """An output file cannot be written; ``file`` is its path."""
