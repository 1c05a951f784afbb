"""Texts about the data come from the data: dataset.toml or a workbook's dataset sheet."""

from __future__ import annotations

import csv
import html
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from test_maps import map_data
from test_spreadsheet import write_book

from coop.validation import load_dataset

DATA = ROOT / "data"


def _sources_in_table() -> set[str]:
    with (DATA / "interventions.csv").open(encoding="utf-8-sig", newline="") as f:
        return {row["source"] for row in csv.DictReader(f)}


def _copy_tables(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("interventions.csv", "locations.csv"):
        shutil.copy(DATA / name, folder / name)
    return folder


def _pages(out: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html")))


def test_bundled_info_names_every_source_the_table_cites() -> None:
    listed = tomllib.loads((DATA / "dataset.toml").read_text(encoding="utf-8"))["sources"]
    assert {s["file"] for s in listed} == _sources_in_table()
    info = load_dataset().info
    assert [s.file for s in info.sources] == [s["file"] for s in listed]


def test_without_info_the_pages_say_only_what_the_tables_show(tmp_path: Path) -> None:
    data = _copy_tables(tmp_path / "data")
    out = tmp_path / "out"
    result = run_cli("--data", str(data), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    pages = _pages(out)
    assert "five documents" not in pages and "five source" not in pages
    assert f"from {len(_sources_in_table())} source documents" in pages
    data_, _geo, _opts = map_data((out / "overview.html").read_text(encoding="utf-8"))
    assert data_["attribution"].endswith(f"Data: the dataset's {len(_sources_in_table())} "
                                         "source documents")


def test_a_dataset_s_own_title_attribution_and_sources(tmp_path: Path) -> None:
    data = _copy_tables(tmp_path / "data")
    files = sorted(_sources_in_table())
    entries = "\n".join(f'[[sources]]\nfile = "{f}"\npublisher = "Pub <{n}>"\ntitle = "Doc {n}"\n'
                        for n, f in enumerate(files))
    (data / "dataset.toml").write_text(
        'title = "Cooperación <i>en</i> el Perú"\n'
        'attribution = "Ministerio & socios <script>x</script>"\n' + entries, encoding="utf-8")
    out = tmp_path / "out"
    result = run_cli("--data", str(data), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h1>Cooperación &lt;i&gt;en&lt;/i&gt; el Perú</h1>" in index
    assert "<script>x" not in index and "Ministerio &amp; socios &lt;script&gt;" in index
    for n, f in enumerate(files):
        assert f"Pub &lt;{n}&gt;, Doc {n}" in index and html.escape(f) in index
    data_, _geo, _opts = map_data((out / "overview.html").read_text(encoding="utf-8"))
    assert data_["title"] == "Cooperación <i>en</i> el Perú"
    assert data_["attribution"].endswith("Data: Ministerio & socios <script>x</script>")


@pytest.mark.parametrize(("toml", "line"), [
    ('title = "unterminated\n', "dataset.toml:1: is not valid TOML"),
    ('tittle = "x"\n', "dataset.toml: unknown key 'tittle'; did you mean 'title' or 'title_es'?"),
    ('title = 3\n', "dataset.toml: title must be text in quotes"),
    ('[[sources]]\ntitle = "no file"\n', "dataset.toml: a source needs its file"),
    ('[[sources]]\nfile = "elsewhere.txt"\n',
     "interventions.csv:2:source: source '000_6bb2aa460a428235.txt' is not among the sources"),
])
def test_bad_info_is_one_line(tmp_path: Path, toml: str, line: str) -> None:
    data = _copy_tables(tmp_path / "data")
    (data / "dataset.toml").write_text(toml, encoding="utf-8")
    result = run_cli("validate", "--data", str(data), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"data/{line.split(':')[0]}")
    assert line.split(": ", 1)[1] in first or line in f"data/{first}", first


def test_workbook_dataset_sheet(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = write_book(tmp_path / "book.xlsx")
    wb = load_workbook(book)
    sheet = wb.create_sheet("dataset")
    sheet.append(["key", "value", "title", "publisher"])
    sheet.append(["title", "Un título"])
    sheet.append(["attribution", "Quien lo hizo"])
    for f in sorted(_sources_in_table()):
        sheet.append(["source", f, "Doc", "Pub"])
    wb.save(book)
    info = load_dataset(book).info
    assert info.title == "Un título" and info.attribution == "Quien lo hizo"
    assert [s.file for s in info.sources] == sorted(_sources_in_table())
    assert info.sources[0].citation() == "Pub, Doc"
    sheet.append(["colour", "blue"])
    wb.save(book)
    result = run_cli("validate", "--data", str(book))
    assert result.returncode == 2
    rows = len(_sources_in_table()) + 4
    assert f"book.xlsx[dataset]:{rows}:key: unknown key 'colour'" in result.stderr
