"""The built maps, asserted on their HTML: layers, legends, popups' data, offline, stable."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_cli
from coop.folders import MANIFEST

from coop.validation import load_dataset

FUNDER_MAPS = ["funder-accd.html", "funder-belgian-state.html", "funder-dgd.html",
               "funder-european-union.html", "funder-vlir-uos.html"]
THEME_MAPS = ["theme-economy.html", "theme-education-and-institutional-strengthening.html",
              "theme-environment.html", "theme-food-security-and-agriculture.html",
              "theme-government-and-society.html", "theme-health.html"]
DEPARTMENT_MAPS = ["department-02-ancash.html", "department-04-arequipa.html",
                   "department-06-cajamarca.html", "department-07-callao.html",
                   "department-08-cusco.html", "department-09-huancavelica.html",
                   "department-12-junin.html", "department-13-la-libertad.html",
                   "department-15-lima.html", "department-16-loreto.html",
                   "department-20-piura.html", "department-21-puno.html"]
MAPS = ["overview.html", *FUNDER_MAPS, *THEME_MAPS, *DEPARTMENT_MAPS]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("build") / "output"
    result = run_cli("--out", str(out), "--embed")
    assert result.returncode == 0, result.stderr
    return out


def map_data(html: str) -> tuple[dict, dict, dict]:
    """The three JSON arguments of ``CoopMap.render(map, data, geo, options)``."""
    start = html.index("CoopMap.render(")
    pos = html.index(",", start) + 1
    decoder = json.JSONDecoder()
    values = []
    for _ in range(3):
        while html[pos] in " ,":
            pos += 1
        value, pos = decoder.raw_decode(html, pos)
        values.append(value)
    return values[0], values[1], values[2]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.local: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value:
                (self.external if re.match(r"^(https?:)?//", value) else self.local).append(value)


def test_every_map_and_table_is_written(built: Path) -> None:
    names = sorted(p.name for p in built.iterdir())
    expected = sorted(MAPS + [m.replace(".html", ".embed.html") for m in MAPS] +
                      ["index.html", "matrix.html", "matrix.csv", "search-gazetteer.js", MANIFEST])
    assert names == expected


def test_gallery_links_every_map(built: Path) -> None:
    links = _Links()
    links.feed((built / "index.html").read_text(encoding="utf-8"))
    assert set(MAPS + ["matrix.html", "matrix.csv"]) <= {link.split("#")[0] for link in links.local}
    assert links.external == []
    # each card opens its map on the view its thumbnail shows
    assert "overview.html#shading=count" in links.local
    assert "funder-dgd.html#shading=plain" in links.local


@pytest.mark.parametrize("name", MAPS + ["index.html", "matrix.html"])
def test_page_is_self_contained(built: Path, name: str) -> None:
    html = (built / name).read_text(encoding="utf-8")
    links = _Links()
    links.feed(html)
    assert links.external == []
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert not re.search(r"url\((['\"]?)(https?:|//)", html)
    assert "@import" not in html
    assert "sourceMappingURL" not in html


@pytest.mark.parametrize("name", MAPS)
def test_geometry_is_embedded_once(built: Path, name: str) -> None:
    html = (built / name).read_text(encoding="utf-8")
    assert html.count('"iso_code":"PE-CUS"') == 1
    assert html.count('"iso_a2":"BR"') == 1


def test_overview_layers_legend_and_panel(built: Path) -> None:
    data, geo, options = map_data((built / "overview.html").read_text(encoding="utf-8"))
    dataset = load_dataset()
    assert [f["name"] for f in data["funders"]] == ["Belgian State", "DGD", "VLIR-UOS",
                                                    "European Union", "ACCD"]
    assert {f["group"] for f in data["funders"]} == {"Belgium", "European Union",
                                                    "Spain (Catalonia)"}
    assert len(geo["regions"]["features"]) == 26
    from maps.i18n import Translator

    assert options == {"fundersOn": False, "shading": "count", "tiles": False,
                       "period": [0, 0], "gazetteer": "search-gazetteer.js",
                       "words": Translator("en").script_words()}
    unlocated = {data["interventions"][n]["id"] for n in data["unlocated"]}
    assert unlocated == {i.id for i in dataset.unlocated()}
    assert "EU-MIP-2021" in unlocated
    # a national programme is never a marker, nor a fill
    eu = next(f for f in data["funders"] if f["name"] == "European Union")
    assert eu["regions"] == []
    assert all(data["interventions"][k]["scope"] == "subnational"
               for m in data["markers"] for k in m["items"])
    assert all(m["precision"] <= 3 for m in data["markers"])
    assert len(data["markers"]) == 23
    assert data["shading"]["count"][-1]["hi"] == max(r["n"] for r in data["regions"].values())


def test_department_popup_lists_funders_and_interventions(built: Path) -> None:
    data, _, _ = map_data((built / "overview.html").read_text(encoding="utf-8"))
    arequipa = data["regions"]["PE-ARE"]
    assert arequipa["name"] == "Arequipa"
    assert arequipa["funders"] == ["ACCD", "DGD"]
    titles = {data["interventions"][n]["title"] for n in arequipa["items"]}
    assert "Tourist activity in the Colca Canyon" in titles
    assert "impulSAS: sustainable food systems with a rights approach" in titles
    item = data["interventions"][arequipa["items"][0]]
    assert item["period"] and item["source"].endswith(".txt")
    # Lima department: both ISO units; Lima Metropolitana holds UNALM's La Molina
    assert "VLIR-UOS" in data["regions"]["PE-LMA"]["funders"]
    assert "DGD" in data["regions"]["PE-LIM"]["funders"]


def test_marker_popup_data(built: Path) -> None:
    data, _, _ = map_data((built / "overview.html").read_text(encoding="utf-8"))
    colca = next(m for m in data["markers"] if m["place"] == "Colca Canyon")
    assert colca["precision"] == 3 and colca["department"] == "Arequipa"
    assert [data["interventions"][k]["title"] for k in colca["items"]] == [
        "Tourist activity in the Colca Canyon"]
    iquitos = [m for m in data["markers"] if m["place"] == "Iquitos"]
    assert len(iquitos) >= 4  # several interventions at one place: spiderfied by the cluster


def test_funder_colour_is_the_same_on_every_map(built: Path) -> None:
    seen: dict[str, str] = {}
    for name in MAPS:
        data, _, _ = map_data((built / name).read_text(encoding="utf-8"))
        for funder in data["funders"]:
            assert seen.setdefault(funder["name"], funder["colour"]) == funder["colour"]
    assert len(set(seen.values())) == len(seen)


@pytest.mark.parametrize("name", DEPARTMENT_MAPS)
def test_department_map_zooms_to_its_department(built: Path, name: str) -> None:
    data, _, options = map_data((built / name).read_text(encoding="utf-8"))
    code = name.split("-")[1]
    assert data["focus"]
    # its provinces are shaded by count; the funders' fills, over them, wait for a click
    assert options["shading"] == "count" and options["fundersOn"] is False
    if code == "15":
        assert data["focus"] == ["PE-LIM", "PE-LMA"]


def test_funder_map_only_has_that_funder(built: Path) -> None:
    data, _, options = map_data((built / "funder-accd.html").read_text(encoding="utf-8"))
    assert [f["name"] for f in data["funders"]] == ["ACCD"]
    assert len(data["interventions"]) == 16
    assert options["shading"] == "plain"


def test_markercluster_only_where_markers_are(built: Path) -> None:
    eu = (built / "funder-european-union.html").read_text(encoding="utf-8")
    assert "markerClusterGroup=" not in eu and "MarkerCluster" not in eu
    assert "MarkerCluster" in (built / "overview.html").read_text(encoding="utf-8")
    for name in MAPS:
        html = (built / name).read_text(encoding="utf-8")
        assert "jquery" not in html.lower() and "bootstrap" not in html.lower()


def test_accents_survive(built: Path) -> None:
    html = (built / "overview.html").read_text(encoding="utf-8")
    assert 'charset=UTF-8' in html
    data, geo, _ = map_data(html)
    names = {f["properties"]["name"] for f in geo["regions"]["features"]}
    assert {"Áncash", "Apurímac", "Junín", "San Martín", "Huánuco"} <= names
    assert "Cooperación" not in html  # sanity: no mojibake markers below
    assert "Ã" not in html


def test_matrix_csv_and_html(built: Path) -> None:
    text = (built / "matrix.csv").read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    header, tags, body = rows[0], rows[1], rows[2:]
    assert header[:2] == ["funder", "funder_group"] and tags[0] == "#org+funder"
    assert len(header) == 2 + 25 + 2
    table = {r[0]: dict(zip(header, r)) for r in body}
    assert table["ACCD"]["Arequipa (04)"] == "4"
    assert table["DGD"]["Puno (21)"] == "1"
    assert table["European Union"]["National or not named"] == "5"
    assert "Funders by department" in (built / "matrix.html").read_text(encoding="utf-8")


def test_embed_snippet(built: Path) -> None:
    snippet = (built / "overview.embed.html").read_text(encoding="utf-8")
    assert snippet.startswith('<iframe src="overview.html" title="Development cooperation in Peru"')


def test_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert run_cli("--out", str(again), "--embed").returncode == 0
    for path in built.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def test_tiles_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "tiles"
    assert run_cli("--out", str(out), "--tiles").returncode == 0
    _, _, options = map_data((out / "overview.html").read_text(encoding="utf-8"))
    assert options["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert "OpenStreetMap" in options["tiles"]["attribution"]


def test_failed_build_leaves_output_untouched(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("--out", str(out)).returncode == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "interventions.csv").write_text("id,title\nX,\n", encoding="utf-8")
    (bad / "locations.csv").write_text("intervention_id,place\n", encoding="utf-8")
    result = run_cli("--data", str(bad), "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad", "out"]


def test_gallery_shows_a_thumbnail_of_each_map(built: Path) -> None:
    index = (built / "index.html").read_text(encoding="utf-8")
    assert index.count('<svg class="thumb"') == len(MAPS)
    assert index.count('<path id="t-PE-') == 26  # outlines defined once, reused


def test_overview_stays_under_400_kb(built: Path) -> None:
    """The issue's budget for the bundled overview (period, budget, search and view
    state included; the gazetteer's search file is apart and read on first search)."""
    assert (built / "overview.html").stat().st_size <= 400 * 1024
