"""CSV files the tool writes cannot make a spreadsheet run a formula, and the tool's own
readers read them back to the same values (OWASP CSV injection rule)."""

from __future__ import annotations

import csv
import io

import pytest
from conftest import run_cli

from coop.files import FORMULA_STARTS, csv_cell_to_text, rows_to_csv_text, text_to_csv_cell
from coop.validation import load_dataset

PAYLOADS = ['=HYPERLINK("http://example.com/x","click")', "@SUM(1)", "+1", "-2+3",
            "=1+1", "\t=cmd", "\r=cmd", "'=already quoted", "''@twice", "-", "="]
NUMBERS = ["-12.5", "-71.9675", "12", "0", "-3e-05", "1250000.5"]
PLAIN = ["", "Cusco", "'quoted text'", "a=b", "50%", "'"]


def _runs_as_formula(cell: str) -> bool:
    """How a spreadsheet reads a cell: a formula when it starts with one of these, but
    for a negative number."""
    if cell[:1] == "-":
        try:
            float(cell)
        except ValueError:
            return True
        return False
    return cell[:1] in FORMULA_STARTS


@pytest.mark.parametrize("text", PAYLOADS)
def test_payloads_are_guarded_and_read_back(text):
    cell = text_to_csv_cell(text)
    assert not _runs_as_formula(cell) and cell == "'" + text
    assert csv_cell_to_text(cell) == text


@pytest.mark.parametrize("text", NUMBERS + PLAIN)
def test_numbers_and_plain_text_are_left_alone(text):
    assert text_to_csv_cell(text) == text
    assert csv_cell_to_text(text_to_csv_cell(text)) == text


def test_rows_to_csv_text_guards_every_cell_and_parses_back():
    rows = [{"a": p, "b": n} for p, n in zip(PAYLOADS, NUMBERS * 2)]
    text = rows_to_csv_text(rows, ["a", "b"])
    read = list(csv.reader(io.StringIO(text, newline="")))
    assert read[0] == ["a", "b"]
    for row, got in zip(rows, read[1:]):
        assert not any(_runs_as_formula(cell) for cell in got)
        assert got[1] == row["b"]  # negative numbers stay numbers
        assert [csv_cell_to_text(c) for c in got] == [row["a"], row["b"]]


ACTIVITY = """<?xml version="1.0" encoding="UTF-8"?>
<iati-activities version="2.03">
 <iati-activity xml:lang="en" default-currency="EUR">
  <iati-identifier>XM-DAC-2-10-FORMULA-{k}</iati-identifier>
  <reporting-org ref="XM-DAC-2-10" type="10"><narrative>DGD</narrative></reporting-org>
  <title><narrative>{title}</narrative></title>
  <description><narrative>{title}</narrative></description>
  <participating-org ref="XX-FORMULA-{k}" role="1" type="10"><narrative>{title}</narrative>
  </participating-org>
  <activity-status code="2"/>
  <recipient-country code="PE" percentage="100"/>
  <location><name><narrative>Cusco</narrative></name>
   <point><pos>-13.5319 -71.9675</pos></point><location-class code="2"/></location>
  <sector vocabulary="1" code="12220" percentage="100"/>
 </iati-activity>
</iati-activities>
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    from xml.sax.saxutils import escape

    folder = tmp_path_factory.mktemp("formulas")
    for k, title in enumerate(PAYLOADS[:5]):  # those a narrative keeps as written
        (folder / f"a{k}.xml").write_text(ACTIVITY.format(k=k, title=escape(title)),
                                          encoding="utf-8")
    out = folder / "out"
    done = run_cli("iati", str(folder), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def test_iati_output_has_no_formula_cells(imported):
    for name in ("interventions.csv", "locations.csv", "iati-log.csv"):
        rows = list(csv.reader(io.StringIO((imported / name).read_text(encoding="utf-8"))))
        assert rows and not any(_runs_as_formula(c) for row in rows for c in row), name
    locations = list(csv.DictReader(io.StringIO((imported / "locations.csv").read_text())))
    assert {r["lat"] for r in locations} == {"-13.5319"}  # numeric columns stay numbers


def test_iati_output_reads_back_to_the_same_titles_and_builds(imported, tmp_path):
    assert run_cli("validate", "--data", str(imported)).returncode == 0
    dataset = load_dataset(imported)
    titles = {i.id: i.title for i in dataset.interventions}
    funders = {i.id: i.funders for i in dataset.interventions}
    for k, title in enumerate(PAYLOADS[:5]):
        assert titles[f"XM-DAC-2-10-FORMULA-{k}"] == title
        assert funders[f"XM-DAC-2-10-FORMULA-{k}"] == (title,)
    built = run_cli("--data", str(imported), "--out", str(tmp_path / "maps"), "-q")
    assert built.returncode == 0, built.stderr
    matrix = (tmp_path / "maps" / "matrix.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(matrix)))
    assert not any(_runs_as_formula(c) for row in rows for c in row)
    assert {csv_cell_to_text(row[0]) for row in rows[2:]} == set(PAYLOADS[:5])


def test_extract_drafts_guard_their_cells():
    from coop.drafts import MENTION_COLUMNS, rows_to_csv

    row = dict.fromkeys(MENTION_COLUMNS, "")
    row.update(document="=cmd|' /C calc'!A0", mention="@SUM(1)", lat="-12.05", lon="-77.04")
    read = next(csv.DictReader(io.StringIO(rows_to_csv([row], MENTION_COLUMNS))))
    assert read["document"] == "'" + row["document"] and read["mention"] == "'@SUM(1)"
    assert (read["lat"], read["lon"]) == ("-12.05", "-77.04")


def test_rows_are_written_as_the_csv_module_writes_them():
    import random

    rng = random.Random(7)
    alphabet = ['a', 'é', ' ', ',', '"', '\n', ';', '1', "'", '']
    rows = [{c: "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for c in "xyz"}
            for _ in range(500)] + [{"x": "", "y": "", "z": ""}]
    expected = io.StringIO()
    writer = csv.writer(expected, lineterminator="\n")
    writer.writerow(["x", "y", "z"])
    writer.writerows([[text_to_csv_cell(r[c]) for c in "xyz"] for r in rows])
    assert rows_to_csv_text(rows, ["x", "y", "z"]) == expected.getvalue()
    one = io.StringIO()
    csv.writer(one, lineterminator="\n").writerows([["x"], [""], ["a,b"]])
    assert rows_to_csv_text([{"x": ""}, {"x": "a,b"}], ["x"]) == one.getvalue()
    assert list(csv.reader(io.StringIO(rows_to_csv_text([{"x": "a\rb", "y": "c"}], ["x", "y"]),
                                       newline="")))[1] == ["a\rb", "c"]
