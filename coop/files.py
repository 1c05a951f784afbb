"""Reading text files as spreadsheets write them: UTF-8 with or without BOM, or Latin-1."""

from __future__ import annotations

import re
import unicodedata
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
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
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


_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (an Excel .xls or Word .doc workbook) renamed"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
)


def bytes_to_binary_kind(head: bytes) -> str | None:
    """What a file's first bytes look like when they are not text, else ``None``.

    ``"an Excel workbook (.xlsx) renamed"``, ``"a PDF document"``, ``"binary data"``...
    A UTF-16 byte order mark means text.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    if head.startswith(b"PK\x03\x04"):
        if b"xl/" in head or (b"[Content_Types].xml" in head and b"word/" not in head):
            return "an Excel workbook (.xlsx) renamed"
        if b"word/" in head:
            return "a Word document (.docx) renamed"
        return "a zip archive"
    for magic, kind in _SIGNATURES:
        if head.startswith(magic):
            return kind
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 13, 12))
    if b"\x00" in head or controls > max(4, len(head) // 100):
        return "binary data"
    return None


def slugify(text: str) -> str:
    """``"San Martín"`` -> ``"san-martin"``: a file name or id from any text."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-") or "map"


def unique_name(name: str, taken: set[str]) -> str:
    """``name``, or ``name-2``, ``name-3``... the first not in ``taken`` (which it joins)."""
    candidate, n = name, 2
    while candidate in taken:
        candidate, n = f"{name}-{n}", n + 1
    taken.add(candidate)
    return candidate


FORMULA_STARTS = frozenset("=+-@\t\r")  # what a spreadsheet reads as the start of a formula
_GUARDED = FORMULA_STARTS | {"'"}  # first characters that may need a guard
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def text_to_csv_cell(value: object) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP's rule: a leading apostrophe).

    A text starting with ``= + - @``, a tab or a carriage return (after any
    apostrophes) gets one more apostrophe in front; a plain number (``-12.5``,
    ``-3e-05``) is left as it is. :func:`csv_cell_to_text` undoes it exactly.
    """
    text = value if isinstance(value, str) else str(value)
    first = text[:1]
    if first == "'":
        first = text.lstrip("'")[:1]
    elif first not in FORMULA_STARTS:
        return text
    if first in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell_to_text(cell: str) -> str:
    """A cell as :func:`text_to_csv_cell` wrote it -> the text it was given."""
    if cell[:1] == "'" and cell.lstrip("'")[:1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def rows_to_csv_text(rows: list[dict[str, str]], columns: list[str]) -> str:
    """CSV with a header, ``\\n`` line ends, as the csv module writes it (a field
    quoted when it holds a comma, a quote or a line break, a carriage return
    included); missing cells are empty; every cell (text) guarded by
    :func:`text_to_csv_cell`."""
    from operator import itemgetter

    lines = [_csv_line([text_to_csv_cell(c) for c in columns])]
    cells = itemgetter(*columns) if len(columns) > 1 else (lambda row: (row[columns[0]],))
    width = len(columns) - 1
    for row in rows:
        try:
            values = cells(row)
        except KeyError:
            values = [row.get(c, "") for c in columns]
        values = [text_to_csv_cell(v) if v[:1] in _GUARDED else v for v in values]
        line = ",".join(values)
        if (not line or line.count(",") != width or '"' in line or "\n" in line
                or "\r" in line):
            line = _csv_line(values)
        lines.append(line)
    lines.append("")
    return "\n".join(lines)


def _csv_line(values: list[str]) -> str:
    if len(values) == 1 and not values[0]:
        return '""'
    return ",".join('"' + v.replace('"', '""') + '"'
                    if '"' in v or "," in v or "\n" in v or "\r" in v else v for v in values)


def rows_to_csv_bytes(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    """:func:`rows_to_csv_text` as UTF-8."""
    return rows_to_csv_text(rows, columns).encode("utf-8")
