"""The exceptions pimlint raises. Findings are never exceptions: only input that cannot be read
and configuration that cannot be used raise."""

from __future__ import annotations

from typing import Optional


class PimlintError(Exception):
    """Base class of every error pimlint raises."""


class InputError(PimlintError, ValueError):
    """The input is not JSON, or holds a document pimlint cannot read as a PIM document.

    ``pointer`` is the JSON pointer of the fault (``""`` for the whole input), ``line`` and
    ``column`` (1-based) are set when the input was text, ``index`` is the position of the
    document in the iterable given to ``lint_many``.
    """

    pointer: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    index: Optional[int] = None

    def __init__(
        self,
        message: str,
        pointer: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        index: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.pointer = pointer
        self.line = line
        self.column = column
        self.index = index


class ConfigError(PimlintError, ValueError):
    """A configuration that cannot be used: bad TOML, an unknown key or rule code (the message
    suggests the nearest valid one), a value of the wrong type. ``path``, ``line`` and
    ``column`` say where, when known."""

    path: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None

    def __init__(
        self,
        message: str,
        path: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
