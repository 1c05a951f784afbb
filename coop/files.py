"""Reading text files as spreadsheets write them: UTF-8 with or without BOM, or Latin-1."""

from __future__ import annotations

from pathlib import Path

from coop.errors import DataError


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252/Latin-1."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(display_path(path), None, None, "no such file") from None
    except IsADirectoryError:
        raise DataError(display_path(path), None, None, "is a folder, not a file") from None
    except OSError as exc:
        raise DataError(display_path(path), None, None, f"cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
