"""Errors in a dataset's input files, each located as ``file:row:column``."""

from __future__ import annotations

from geo.errors import PeruMapsError


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
