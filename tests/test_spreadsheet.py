"""Workbooks as Excel saves them: codes typed as numbers, nan, inf and error cells.

Each workbook is a real .xlsx written by openpyxl from the bundled CSV files,
with the code, coordinate and number columns stored as numeric cells.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from coop.validation import load_dataset
from coop.values import ValueProblem, text_to_code

NUMERIC = {"ubigeo": int, "department_code": int, "lat": float, "lon": float, "precision": int,
           "budget": float, "beneficiaries": int, "start": int, "end": int}


def _rows(name: str) -> tuple[list[str], list[list[str]]]:
    with (ROOT / "data" / f"{name}.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def _numeric(column: str, text: str):
    """The cell as Excel keeps a number typed into it (``06`` becomes 6)."""
    kind = NUMERIC.get(column)
    try:
        return kind(text) if kind else (text or None)
    except ValueError:  # 2019-06 stays text
        return text or None


def write_book(path: Path, edits: dict[tuple[str, int, str], object] | None = None) -> Path:
    """The bundled dataset as a workbook; ``edits`` put a value at (sheet, row, column)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name in ("interventions", "locations"):
        header, rows = _rows(name)
        sheet = book.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([_numeric(col, cell) for col, cell in zip(header, row)])
        for (table, row_no, column), value in (edits or {}).items():
            if table == name:
                sheet.cell(row=row_no, column=header.index(column) + 1, value=value)
    book.save(path)
    return path


@pytest.mark.parametrize(("text", "code"), [
    ("6", "06"), ("06", "06"), ("15", "15"), ("801", "0801"), ("0801", "0801"),
    ("80101", "080101"), ("150114", "150114"), ("6.0", "06"), (" 80101 ", "080101")])
def test_codes_get_their_leading_zero_back(text: str, code: str) -> None:
    assert text_to_code(text) == code


@pytest.mark.parametrize("text", ["", "1234567", "6a", "-6", "6.5", "Cusco"])
def test_what_is_not_a_code(text: str) -> None:
    with pytest.raises(ValueProblem):
        text_to_code(text)


def test_workbook_with_numeric_codes_loads_as_the_csv_does(tmp_path: Path) -> None:
    book = write_book(tmp_path / "book.xlsx")
    from openpyxl import load_workbook

    cells = load_workbook(book)["locations"]
    header = [c.value for c in cells[1]]
    stored = [row[header.index("ubigeo")] for row in cells.iter_rows(min_row=2, values_only=True)]
    assert any(isinstance(v, int) for v in stored)  # the zeros really are lost in the file
    from_book = load_dataset(book)
    from_csv = load_dataset(ROOT / "data")
    assert [(loc.ubigeo, loc.department_code) for loc in from_book.locations] == \
           [(loc.ubigeo, loc.department_code) for loc in from_csv.locations]
    _header, rows = _rows("locations")
    assert [loc.ubigeo for loc in from_book.locations] == [r[_header.index("ubigeo")] for r in rows]


BAD_CELLS = [
    # openpyxl and pandas write a float NaN as an empty cell; "nan" arrives as text
    # (a column converted with astype(str)), as do "inf" and "-inf"
    ("locations", 3, "lat", "NaN", "not a number"),
    ("locations", 3, "lon", "inf", "not a number"),
    ("locations", 4, "lat", "nan", "not a number"),
    ("interventions", 3, "budget", "nan", "not a number"),
    ("interventions", 3, "budget", "-inf", "not a number"),
    ("interventions", 4, "beneficiaries", "nan", "not a number"),
    ("locations", 2, "lat", "#N/A", "#N/A"),
    ("locations", 5, "ubigeo", "#VALUE!", "#VALUE!"),
    ("interventions", 2, "title", "#REF!", "#REF!"),
    ("interventions", 5, "start", "#DIV/0!", "#DIV/0!"),
]


@pytest.mark.parametrize(("sheet", "row", "column", "value", "says"), BAD_CELLS)
def test_bad_cells_are_one_line_each(tmp_path: Path, sheet: str, row: int, column: str,
                                     value: object, says: str) -> None:
    book = write_book(tmp_path / "book.xlsx", {(sheet, row, column): value})
    result = run_cli("validate", "--data", str(book))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    problems = result.stderr.strip().splitlines()[:-1]
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{book}[{sheet}]:{row}:{column}: "), problems[0]
    assert says in problems[0]


def test_error_cells_are_stored_as_errors(tmp_path: Path) -> None:
    """openpyxl writes ``#N/A`` as an error cell (type e), as Excel does."""
    from openpyxl import load_workbook

    book = write_book(tmp_path / "book.xlsx", {("locations", 2, "lat"): "#N/A"})
    header, _rows_ = _rows("locations")
    cell = load_workbook(book)["locations"].cell(row=2, column=header.index("lat") + 1)
    assert cell.data_type == "e"


def test_nan_is_not_a_number_anywhere() -> None:
    from coop.values import text_to_coordinate, text_to_int, text_to_number

    for parse in (text_to_coordinate, text_to_int, text_to_number):
        for text in ("nan", "NaN", "inf", "-inf", "Infinity"):
            with pytest.raises(ValueProblem):
                parse(text)
    assert not math.isnan(text_to_coordinate("-12.05"))
