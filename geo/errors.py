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
