"""Reading the two tables of a dataset: a folder of CSV files or one .xlsx workbook.

Only I/O lives here; every cell comes back as text, with its spreadsheet row
number (the header is row 1), for the checks in :mod:`coop.validation`.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from coop.errors import DataError
from coop.files import bytes_to_binary_kind, csv_cell_to_text, display_path, read_text
from coop.info import INFO_FILE, INFO_SHEET, read_info_file, rows_to_info
from coop.model import DatasetInfo

TABLE_NAMES = ("interventions", "locations")


@dataclass
class RawTable:
    """A table as text: its label for messages, header and rows."""

    label: str
    header: list[str]
    rows: list[list[str]]
    decimal_comma: bool = False

    def records(self) -> list[tuple[int, dict[str, str]]]:
        """``(spreadsheet row number, {column: text})`` for each data row."""
        return [(i + 2, dict(zip(self.header, row))) for i, row in enumerate(self.rows)
                if any(row)]


def read_tables(path: Path) -> dict[str, RawTable]:
    """Both tables from a folder holding ``interventions.csv`` and ``locations.csv``,
    or from an ``.xlsx`` workbook with sheets of those names."""
    if path.is_dir():
        return {name: read_csv_table(path / f"{name}.csv") for name in TABLE_NAMES}
    if path.suffix.lower() == ".xlsx":
        return read_xlsx_tables(path)
    if not path.exists():
        raise DataError(display_path(path), None, None, "no such file or folder")
    msg = "expected a folder with interventions.csv and locations.csv, or an .xlsx file"
    raise DataError(display_path(path), None, None, msg)


def read_info(path: Path) -> DatasetInfo:
    """What the dataset says about itself: ``dataset.toml`` beside the CSV files, or
    the workbook's ``dataset`` sheet; empty when there is none."""
    if path.is_dir():
        return read_info_file(path / INFO_FILE)
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    sheets = {name.strip().lower(): name for name in book.sheetnames}
    if INFO_SHEET not in sheets:
        book.close()
        return DatasetInfo()
    grid = [[_cell_to_text(v) for v in row]
            for row in book[sheets[INFO_SHEET]].iter_rows(values_only=True)]
    book.close()
    return rows_to_info(f"{display_path(path)}[{INFO_SHEET}]", grid)


def read_csv_table(path: Path) -> RawTable:
    """One CSV file; comma, semicolon (Excel in a Spanish locale) or tab separated."""
    text = read_text(path)
    with path.open("rb") as fh:
        kind = bytes_to_binary_kind(fh.read(4096))
    if kind:
        hint = ("; give the .xlsx file itself to --data" if "xlsx" in kind else
                "; save the table as CSV (UTF-8)")
        raise DataError(display_path(path), None, None,
                        f"is not a text table: it looks like {kind}{hint}")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise DataError(str(path), None, None, "is empty: expected a header row")
    delimiter = max((",", ";", "\t"), key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        grid = [row for row in reader]
    except csv.Error as exc:
        raise DataError(display_path(path), reader.line_num, None,
                        f"cannot be read as CSV ({exc})") from None
    return _grid_to_table(display_path(path), grid, decimal_comma=delimiter == ";")


def read_xlsx_tables(path: Path) -> dict[str, RawTable]:
    """Both sheets of a workbook, every cell as text."""
    from openpyxl import load_workbook

    label = display_path(path)
    if not path.exists():
        raise DataError(label, None, None, "no such file")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        reason = "the file is empty" if path.stat().st_size == 0 else type(exc).__name__
        raise DataError(label, None, None, f"cannot be read as an .xlsx workbook ({reason})") from None
    sheets = {name.strip().lower(): name for name in book.sheetnames}
    out = {}
    for table in TABLE_NAMES:
        if table not in sheets:
            msg = f"has no sheet named {table!r}; its sheets: {', '.join(book.sheetnames)}"
            raise DataError(label, None, None, msg)
        grid = [[_cell_to_text(v) for v in row]
                for row in book[sheets[table]].iter_rows(values_only=True)]
        out[table] = _grid_to_table(f"{label}[{table}]", grid)
    book.close()
    return out


def _cell_to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


def _grid_to_table(label: str, grid: list[list[str]], *, decimal_comma: bool = False) -> RawTable:
    """Drop blank rows and trailing empty cells; check row widths."""
    while grid and not any(c.strip() for c in grid[-1]):
        grid.pop()
    if not grid or not any(c.strip() for c in grid[0]):
        raise DataError(label, None, None, "is empty: expected a header row")
    header = [c.strip() for c in grid[0]]
    while header and not header[-1]:
        header.pop()
    rows = []
    for number, row in enumerate(grid[1:], start=2):
        cells = [csv_cell_to_text(c.strip()) for c in row]  # undo the formula guard
        if len(cells) > len(header) and any(cells[len(header):]):
            msg = f"has {len(cells)} cells but the header has {len(header)} columns"
            raise DataError(label, number, None, msg)
        cells = (cells + [""] * len(header))[: len(header)]
        rows.append(cells)
    return RawTable(label, header, rows, decimal_comma)
