"""Errors the library raises; the CLI turns them into one clear line each."""

from __future__ import annotations


class PeruMapsError(Exception):
    """Base class for every error meant for the user, not for a traceback."""


class UnknownPlaceError(PeruMapsError):
    """A place name the gazetteer does not hold."""

    def __init__(self, query: str, suggestions: list[str], hint: str | None = None) -> None:
        self.query = query
        self.suggestions = suggestions
        self.hint = hint
        where = f" in {hint}" if hint else ""
        msg = f"unknown place {query!r}{where}"
        if suggestions:
            msg += "; closest known names: " + ", ".join(suggestions)
        super().__init__(msg)


class UnknownDepartmentError(PeruMapsError):
    """A department hint that names no department."""

    def __init__(self, hint: str, suggestions: list[str]) -> None:
        self.hint = hint
        self.suggestions = suggestions
        msg = f"unknown department {hint!r}"
        if suggestions:
            msg += "; closest departments: " + ", ".join(suggestions)
        super().__init__(msg)


class DataError(PeruMapsError):
    """One problem in an input file, located as file:row:column."""

    def __init__(self, file: str, row: int | None, column: str | None, message: str) -> None:
        self.file = file
        self.row = row
        self.column = column
        self.message = message
        super().__init__(self.location() + ": " + message)

    def location(self) -> str:
        """``file:row:column`` with the parts that are known."""
        parts = [self.file]
        if self.row is not None:
            parts.append(str(self.row))
            if self.column:
                parts.append(self.column)
        return ":".join(parts)


class DataErrors(PeruMapsError):
    """Every problem found in a dataset, in file and row order."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
