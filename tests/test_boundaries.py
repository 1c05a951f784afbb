"""INEI's 2007 limits: provinces and districts, one coverage with the regions; the lineage
of units the 2007 edition lacks; populated places in their district.

The checks read the GeoJSON files with ``json`` and ``shapely`` directly, not through
``geo.regions``, so they are independent of the code they check.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache

import pytest
import shapely

from geo.paths import DISTRICTS_FILE, LINEAGE_FILE, PLACES_FILE, PROVINCES_FILE, REGIONS_FILE
from geo.regions import NEAREST_MAX_KM, load_lineage, points_to_units, unit_to_polygon

SIZE_GOALS = {REGIONS_FILE: 120_000, PROVINCES_FILE: 250_000, DISTRICTS_FILE: 900_000}
OFFICIAL_AREA_KM2 = 1_285_216  # INEI's figure for Peru
KM_PER_DEGREE = 111.32


@lru_cache(maxsize=4)
def _features(path) -> list[tuple[dict, shapely.Geometry]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [(f["properties"], shapely.geometry.shape(f["geometry"])) for f in data["features"]]


@lru_cache(maxsize=1)
def _gazetteer() -> list[dict]:
    with PLACES_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _names(level: str) -> dict[str, str]:
    return {r["ubigeo"]: r["name"] for r in _gazetteer() if r["level"] == level}


@pytest.mark.parametrize("path", list(SIZE_GOALS), ids=lambda p: p.name)
def test_file_is_compact_valid_rfc7946(path) -> None:
    assert path.stat().st_size <= SIZE_GOALS[path]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert "crs" not in data
    geoms = [g for _, g in _features(path)]
    assert all(g.is_valid and not g.is_empty for g in geoms)
    oriented = shapely.orient_polygons(geoms, exterior_cw=False)
    assert all(a.equals_exact(b, 0) for a, b in zip(geoms, oriented))


@pytest.mark.parametrize(("path", "level", "width"), [(PROVINCES_FILE, "province", 4),
                                                      (DISTRICTS_FILE, "district", 6)],
                         ids=["provinces", "districts"])
def test_codes_and_names_come_from_the_gazetteer(path, level: str, width: int) -> None:
    names = _names(level)
    props = [p for p, _ in _features(path)]
    codes = [p["ubigeo"] for p in props]
    assert len(codes) == len(set(codes))
    for p in props:
        assert isinstance(p["ubigeo"], str) and len(p["ubigeo"]) == width
        assert p["name"] == names[p["ubigeo"]]  # with accents, as the gazetteer writes it
        assert p["department_code"] == p["ubigeo"][:2]
    # the misspelt rows of the source ("PUIRA", "VICTOR FAFARDO") are dissolved away
    if level == "province":
        assert {names["2001"], names["0510"]} == {"Piura", "Víctor Fajardo"}
        assert len(codes) == len(names)  # all 196, Putumayo (1608) included


@pytest.mark.parametrize("path", [DISTRICTS_FILE, PROVINCES_FILE, REGIONS_FILE],
                         ids=lambda p: p.name)
def test_no_gaps_no_overlaps(path) -> None:
    geoms = [g for _, g in _features(path)]
    assert shapely.coverage_is_valid(geoms)  # no overlaps, shared edges match exactly
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    for a, b in zip(left, right):
        if a < b:
            assert geoms[a].intersection(geoms[b]).area < 1e-9
    union = shapely.coverage_union_all(geoms)
    holes = [r for p in getattr(union, "geoms", [union]) for r in p.interiors]
    assert len(holes) == 6  # the six lakes of tests/test_regions.py, no slivers


def _same(a, b) -> bool:
    return a.symmetric_difference(b).area < 1e-9


def test_provinces_and_regions_are_unions_of_districts() -> None:
    districts = _features(DISTRICTS_FILE)
    by_province: dict[str, list] = {}
    for props, geom in districts:
        by_province.setdefault(props["ubigeo"][:4], []).append(geom)
    provinces = {p["ubigeo"]: g for p, g in _features(PROVINCES_FILE)}
    assert set(provinces) == set(by_province)
    for code, geom in provinces.items():
        assert _same(geom, shapely.union_all(by_province[code])), code
    regions = {p["iso_code"]: g for p, g in _features(REGIONS_FILE)}
    assert _same(regions["PE-LMA"], provinces["1501"])
    lima_rest = [g for c, g in provinces.items() if c[:2] == "15" and c != "1501"]
    assert _same(regions["PE-LIM"], shapely.union_all(lima_rest))
    assert _same(regions["PE-CAL"], shapely.union_all([g for c, g in provinces.items()
                                                       if c[:2] == "07"]))


def test_total_area_within_one_percent_of_inei() -> None:
    geoms = [g for _, g in _features(REGIONS_FILE)]
    from pyproj import Geod

    area = sum(abs(Geod(ellps="WGS84").geometry_area_perimeter(g)[0]) for g in geoms) / 1e6
    assert abs(area - OFFICIAL_AREA_KM2) / OFFICIAL_AREA_KM2 < 0.01


def test_every_gazetteer_unit_has_a_polygon_or_a_lineage_row() -> None:
    drawn = {p["ubigeo"] for p, _ in _features(DISTRICTS_FILE)}
    drawn |= {p["ubigeo"] for p, _ in _features(PROVINCES_FILE)}
    lineage = load_lineage()
    for level in ("province", "district"):
        for code, name in _names(level).items():
            assert code in drawn or code in lineage, (code, name)
    for code, row in lineage.items():
        if row.relation == "renumbered":  # a 2007 polygon drawn under today's code
            assert code in drawn
        else:
            assert code not in drawn
        target = unit_to_polygon(code)
        assert target in drawn, code
        assert target[:4] == code[:4] or len(target) == 4 and target == code[:4], code
        assert row.name == _names(row.level)[code] and row.source and row.note


def test_lineage_table_columns_and_counts() -> None:
    with LINEAGE_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["ubigeo", "name", "level", "relation", "inei_2007", "source",
                             "note"]
    assert all(all(r.values()) for r in rows)
    relations = {r["relation"] for r in rows}
    assert relations == {"renumbered", "carved from", "no polygon in source", "duplicate code"}
    assert unit_to_polygon("070107") == "070106"  # Mi Perú, carved from Ventanilla
    assert unit_to_polygon("160802") == "160801"  # Rosa Panduro, in 2007's Putumayo


def test_populated_places_take_the_district_that_holds_them() -> None:
    districts = _features(DISTRICTS_FILE)
    geoms = [g for _, g in districts]
    codes = [p["ubigeo"] for p, _ in districts]
    tree = shapely.STRtree(geoms)
    places = [r for r in _gazetteer() if r["level"] == "populated place"]
    points = [shapely.Point(float(r["lon"]), float(r["lat"])) for r in places]
    for row, point in zip(places, points):
        inside = [codes[i] for i in tree.query(point, predicate="within")]
        if inside:
            assert row["ubigeo"] == inside[0], row["name"]
        else:  # on the coast or a lake shore: the nearest district, within the tolerance
            nearest = tree.nearest(point)
            assert row["ubigeo"] == codes[nearest], row["name"]
            assert geoms[nearest].distance(point) * KM_PER_DEGREE < NEAREST_MAX_KM
        assert row["ubigeo"][:2] == row["department"]


def test_points_to_units_agrees_with_the_files() -> None:
    joined = points_to_units([-78.5108, -77.1345, -77.0282, -70.0], [-7.1547, -12.0516,
                                                                      -12.0432, -15.83])
    assert list(joined["iso_code"]) == ["PE-CAJ", "PE-CAL", "PE-LMA", "PE-PUN"]
    assert list(joined["district"].str[:4]) == list(joined["province"])
    assert list(joined["district"]) == ["060101", "070101", "150101", "210101"]


# -- maps below the department -----------------------------------------------------

import re  # noqa: E402
from collections import defaultdict  # noqa: E402
from pathlib import Path  # noqa: E402

from conftest import ROOT, run_cli  # noqa: E402
from test_maps import map_data  # noqa: E402

from maps.i18n import LANGUAGES, Translator  # noqa: E402
from maps.subunits import SCALE, geojson_to_page  # noqa: E402

SUBUNITS_JS = ROOT / "maps" / "static" / "subunits.js"
PAGE_GOALS = {"overview": 400_000, "department": 600_000}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("subunits") / "output"
    result = run_cli("--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _decode(rings: list[list[int]], scale: int) -> list[list[tuple[float, float]]]:
    out = []
    for deltas in rings:
        x = y = 0
        ring = []
        for dx, dy in zip(deltas[::2], deltas[1::2]):
            x, y = x + dx, y + dy
            ring.append((x / scale, y / scale))
        out.append(ring + ring[:1])
    return out


def _unit_geometry(unit: dict, scale: int):
    return shapely.MultiPolygon([shapely.Polygon(rings[0], rings[1:]) for rings in
                                 (_decode(p, scale) for p in unit["g"])])


def _expected_subunits() -> tuple[dict, dict, dict]:
    """From locations.csv alone: interventions per province and district, and those
    located in a department as a whole."""
    with (ROOT / "data" / "locations.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    provinces, districts, whole = defaultdict(set), defaultdict(set), defaultdict(set)
    for r in rows:
        if r["level"] == "department" or int(r["precision"]) >= 4 or len(r["ubigeo"]) < 4:
            whole[r["department_code"]].add(r["intervention_id"])
            continue
        provinces[r["ubigeo"][:4]].add(r["intervention_id"])
        if len(r["ubigeo"]) == 6:
            districts[unit_to_polygon(r["ubigeo"])].add(r["intervention_id"])
    return provinces, districts, whole


def test_page_geometry_round_trips() -> None:
    data = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    page = geojson_to_page(data)
    for before, after in zip(data["features"], page["features"]):
        assert after["properties"] == before["properties"]
        coords = before["geometry"]["coordinates"]
        polygons = [coords] if before["geometry"]["type"] == "Polygon" else coords
        decoded = [_decode(p, SCALE) for p in after["geometry"]["d"]]
        assert [[[tuple(c) for c in ring] for ring in p] for p in polygons] == decoded


def test_province_and_district_counts_come_from_the_locations(built: Path) -> None:
    provinces, districts, whole = _expected_subunits()
    data, _, _ = map_data((built / "overview.html").read_text(encoding="utf-8"))
    sub = data["subunits"]
    assert {u["code"]: u["n"] for u in sub["provinces"]} == {c: len(v) for c, v in provinces.items()}
    assert sub["districts"] == []  # the overview carries no district
    assert sub["apart"] == len(set().union(*whole.values()))
    for page in built.glob("department-*.html"):
        data, _, _ = map_data(page.read_text(encoding="utf-8"))
        code = re.match(r"department-(\d\d)-", page.name).group(1)
        sub = data["subunits"]
        assert sub["apart"] == len(whole.get(code, ()))  # counted apart, never spread
        assert {u["code"] for u in sub["provinces"]} == {
            p["ubigeo"] for p, _ in _features(PROVINCES_FILE) if p["department_code"] == code}
        assert {u["code"] for u in sub["districts"]} == {
            p["ubigeo"] for p, _ in _features(DISTRICTS_FILE) if p["department_code"] == code}
        for level, expected in (("provinces", provinces), ("districts", districts)):
            for u in sub[level]:
                assert u["n"] == len(expected.get(u["code"], ())), (page.name, u["code"])
                ids = {data["interventions"][k]["id"] for k in u["items"]}
                assert ids == expected.get(u["code"], set())


def test_department_pages_carry_provinces_that_tile_the_department(built: Path) -> None:
    regions = {p["iso_code"]: g for p, g in _features(REGIONS_FILE)}
    data, _, _ = map_data((built / "department-06-cajamarca.html").read_text(encoding="utf-8"))
    sub = data["subunits"]
    union = shapely.union_all([_unit_geometry(u, sub["scale"]) for u in sub["provinces"]])
    assert union.symmetric_difference(regions["PE-CAJ"]).area < 1e-9
    union = shapely.union_all([_unit_geometry(u, sub["scale"]) for u in sub["districts"]])
    assert union.symmetric_difference(regions["PE-CAJ"]).area < 1e-9
    assert {u["iso"] for u in sub["provinces"]} == {"PE-CAJ"}


def test_markers_name_their_district_and_province(built: Path) -> None:
    names = {**_names("province"), **_names("district")}
    data, _, _ = map_data((built / "department-16-loreto.html").read_text(encoding="utf-8"))
    by_place = {m["place"]: m["units"] for m in data["markers"]}
    assert by_place["Iquitos"] == [names["160101"], names["1601"]]
    assert by_place["Iquitos-Nauta road"] == ["", names["1601"]]  # a feature in a province
    for marker in data["markers"]:
        assert "ubigeo" not in marker and marker["units"][1]


def test_page_sizes(built: Path) -> None:
    assert (built / "overview.html").stat().st_size <= PAGE_GOALS["overview"]
    pages = list(built.glob("department-*.html"))
    assert pages and all(p.stat().st_size <= PAGE_GOALS["department"] for p in pages)


def test_subunits_script_words_exist_and_it_holds_no_english() -> None:
    js = SUBUNITS_JS.read_text(encoding="utf-8")
    used = set(re.findall(r'word\("(\w+)"', js)) | set(re.findall(r'plural\([^;]*?, "(\w+)"\)', js))
    assert {"subunit_province", "subunits_apart", "interventions"} <= used
    for lang in LANGUAGES:
        assert used - set(Translator(lang).script_words()) == set(), lang
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)
    code = re.sub(r"/[^/\n]*\[[^\]\n]*\][^/\n]*/g", "", code)
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    assert [s for s in literals if re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", s)] == []
    assert "innerHTML" not in js


def test_department_page_in_a_browser_at_two_zooms(browser, built: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from test_browser import assert_not_blank, open_map

    page = built / "department-06-cajamarca.html"
    data, _, _ = map_data(page.read_text(encoding="utf-8"))
    open_map(browser, page)
    visible = """return Array.prototype.filter.call(document.querySelectorAll(arguments[0]),
        function (p) { return p.getAttribute('stroke') !== 'none'; }).length"""
    assert browser.execute_script(visible, "path.cm-province") == len(data["subunits"]["provinces"])
    assert browser.execute_script(visible, "path.cm-district") == 0
    # the provinces' outer edge is the department's outline, on screen
    same = browser.execute_script("""
        var a = coopSubunits.provinces.getBounds(), b = L.latLngBounds([]);
        coopMap.regions.eachLayer(function (l) {
            if (l.feature.properties.iso_code === 'PE-CAJ') b.extend(l.getBounds()); });
        return a.equals(b, 1e-9);""")
    assert same
    png = browser.get_screenshot_as_png()
    (tmp_path / "cajamarca-provinces.png").write_bytes(png)
    assert_not_blank(png)
    browser.execute_script("coopMap.map.setView([-7.16, -78.51], CoopSubunits.DISTRICT_ZOOM + 1,"
                           " {animate: false});")
    assert browser.execute_script(visible, "path.cm-district") == len(data["subunits"]["districts"])
    png = browser.get_screenshot_as_png()
    (tmp_path / "cajamarca-districts.png").write_bytes(png)
    assert_not_blank(png)
    # zoomed in, the districts take the clicks (the provinces are outlines only)
    assert not browser.find_elements(By.CSS_SELECTOR, ".cm-marker")  # Cajamarca: no place
    point = browser.execute_script("""
        var r = coopMap.map.getContainer().getBoundingClientRect(), p = coopMap.map.getSize();
        return [r.left + p.x / 2, r.top + p.y / 2];""")
    hit = browser.execute_script("var e = document.elementFromPoint(arguments[0], arguments[1]);"
                                 " return e && e.getAttribute('class');", *point)
    assert "cm-district" in hit
