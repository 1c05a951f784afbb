"""Reading text files as spreadsheets write them: UTF-8 with or without BOM, or Latin-1."""

from __future__ import annotations

from pathlib import Path

from geo.errors import DataError


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (a BOM is dropped), else Windows-1252/Latin-1."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError(str(path), None, None, "no such file") from None
    except IsADirectoryError:
        raise DataError(str(path), None, None, "is a folder, not a file") from None
    except OSError as exc:
        raise DataError(str(path), None, None, f"cannot be read ({exc.strerror})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
