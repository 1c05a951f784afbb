"""Every page counts the same: departments as INEI departments (Lima once, with Lima
Metropolitana), from each location's resolved code.

The expectations are computed here from the dataset's CSV files and the regions'
GeoJSON, read with the standard library, not through the code under test; then
compared with what each page shows: the maps' embedded data, the layer control
in a browser, a department's popup, the gallery, matrix.csv, matrix.html, the
report and the per-department maps.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from test_maps import map_data

DATA = ROOT / "data"


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _split(text: str) -> list[str]:
    return [p.strip() for p in text.split(";") if p.strip()]


class Expected:
    """Counts computed straight from the tables."""

    def __init__(self) -> None:
        items = _read_csv("interventions.csv")
        self.funders_of = {r["id"]: _split(r["funders"]) for r in items}
        self.departments_of: dict[str, set[str]] = defaultdict(set)
        for r in _read_csv("locations.csv"):
            self.departments_of[r["intervention_id"]].add(r["department_code"].zfill(2))
        regions = json.loads((DATA / "regions.geojson").read_text(encoding="utf-8"))
        props = [f["properties"] for f in regions["features"]]
        self.department_of_iso = {p["iso_code"]: str(p["ubigeo"]).zfill(2) for p in props}
        self.names = {str(p["ubigeo"]).zfill(2): p["name"] for p in props
                      if p["kind"] != "municipality"}
        self.per_department: dict[str, int] = defaultdict(int)
        self.funder_departments: dict[str, set[str]] = defaultdict(set)
        self.cells: dict[tuple[str, str], int] = defaultdict(int)
        self.totals: dict[str, int] = defaultdict(int)
        for iid, funders in self.funders_of.items():
            codes = self.departments_of.get(iid, set())
            for code in codes:
                self.per_department[code] += 1
            for f in funders:
                self.totals[f] += 1
                self.funder_departments[f] |= codes
                for code in codes or {"national"}:
                    self.cells[(f, code)] += 1


@pytest.fixture(scope="module")
def expected() -> Expected:
    return Expected()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("counts") / "output"
    result = run_cli("--out", str(out), "--static", "--dpi", "40", "-q")
    assert result.returncode == 0, result.stderr
    return out


def test_the_issue_s_figures(expected: Expected) -> None:
    # the issue counted by hand: DGD in 8 departments, ACCD in 6 (Lima once)
    assert len(expected.funder_departments["DGD"]) == 8
    assert len(expected.funder_departments["ACCD"]) == 6


def test_map_data_counts_inei_departments(built: Path, expected: Expected) -> None:
    pages = ["overview.html", *(p.name for p in built.glob("funder-*.html") if ".embed." not in p.name)]
    for page in pages:
        data, _geo, _opts = map_data((built / page).read_text(encoding="utf-8"))
        for f in data["funders"]:
            assert f["departments"] == len(expected.funder_departments[f["name"]]), (page, f["name"])
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    for iso, region in data["regions"].items():
        code = expected.department_of_iso[iso]
        assert region["n"] == expected.per_department.get(code, 0), iso
        assert region["department"] == expected.names[code]
    assert data["regions"]["PE-LIM"]["n"] == data["regions"]["PE-LMA"]["n"]


def test_department_maps_are_the_departments_with_interventions(built: Path,
                                                                 expected: Expected) -> None:
    codes = {re.match(r"department-(\d\d)-", p.name).group(1)
             for p in built.glob("department-*.html") if ".embed." not in p.name}
    assert codes == {c for c, n in expected.per_department.items() if n}
    for code in codes:
        page = next(built.glob(f"department-{code}-*.html"))
        data, _geo, _opts = map_data(page.read_text(encoding="utf-8"))
        assert data["total"] == expected.per_department[code]


def test_gallery_lines(built: Path, expected: Expected) -> None:
    index = html.unescape((built / "index.html").read_text(encoding="utf-8"))
    for code, n in expected.per_department.items():
        name = expected.names[code]
        word = "intervention" if n == 1 else "interventions"
        assert f"{n:,} {word} located in {name} (INEI {code})" in index
    for funder, n in expected.totals.items():
        word = "intervention" if n == 1 else "interventions"
        assert f"{n:,} {word} funded by {funder}" in index


def test_matrix_csv(built: Path, expected: Expected) -> None:
    text = (built / "matrix.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    header, body = rows[0], rows[2:]
    codes = [re.search(r"\((\d\d)\)$", h).group(1) for h in header[2:-2]]
    assert sorted(codes) == sorted(expected.names)
    assert {r[0] for r in body} == set(expected.totals)
    for row in body:
        funder = row[0]
        for code, cell in zip(codes, row[2:-2]):
            assert int(cell) == expected.cells.get((funder, code), 0), (funder, code)
        assert int(row[-2]) == expected.cells.get((funder, "national"), 0)
        assert int(row[-1]) == expected.totals[funder]


def _html_matrix(page: str) -> dict[str, list[int]]:
    """Funder -> the numbers of its row in the page's matrix table."""
    table = page[page.index('<table class="matrix">'):]
    table = table[:table.index("</table>")]
    out = {}
    for row in re.findall(r'<tr><th scope="row">(.*?)</tr>', table, re.S):
        funder = html.unescape(re.search(r"</span>(.*?)<small>", row).group(1))
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
        out[funder] = [0 if c == "·" else int(c) for c in cells]
    return out


@pytest.mark.parametrize("page", ["matrix.html", "report.html"])
def test_matrix_tables(built: Path, expected: Expected, page: str) -> None:
    rows = _html_matrix((built / page).read_text(encoding="utf-8"))
    codes = sorted(expected.names)  # columns in INEI code order
    assert set(rows) == set(expected.totals)
    for funder, numbers in rows.items():
        want = [expected.cells.get((funder, c), 0) for c in codes]
        want += [expected.cells.get((funder, "national"), 0), expected.totals[funder]]
        assert numbers == want, funder


def test_report_places_each_intervention_in_its_departments(built: Path,
                                                            expected: Expected) -> None:
    report = html.unescape((built / "report.html").read_text(encoding="utf-8"))
    for iid, codes in expected.departments_of.items():
        row = report[report.index(f"{iid} · "):]
        row = row[:row.index("</tr>")]
        for code in codes:
            assert expected.names[code] in row, (iid, code)


def test_layer_control_and_popup_in_a_browser(browser, built: Path, expected: Expected) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
    from test_browser import click_region, open_map

    open_map(browser, built / "overview.html")
    labels = [e.get_attribute("textContent") for e in
              browser.find_elements(By.CSS_SELECTOR, ".cm-funder-option span:last-child")]
    assert len(labels) == len(expected.totals)
    for label in labels:
        funder = label.split(" · ")[0]
        n = len(expected.funder_departments[funder])
        want = "no department" if n == 0 else f"{n} department" + ("s" if n != 1 else "")
        assert label.endswith(", " + want), label
    lima = expected.per_department["15"]
    word = "intervention" if lima == 1 else "interventions"
    # Lima and Lima Metropolitana both show department 15's count
    for iso, want in (("PE-LIM", f"{lima} {word} · "), ("PE-LMA", f"Lima: {lima} {word} · ")):
        open_map(browser, built / "department-15-lima.html")
        browser.find_element(By.CSS_SELECTOR, 'input[data-layer="markers"]').click()  # uncover
        click_region(browser, iso)
        WebDriverWait(browser, 5).until(lambda d: want in "".join(
            e.text for e in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")))
