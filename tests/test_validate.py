"""Validation of a dataset: each problem as file:row:column, exit 2; xlsx too."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import run_cli

from coop.errors import DataErrors
from coop.validation import load_dataset

INTERVENTIONS = [
    {"id": "A-1", "title": "Water in Cajamarca", "funders": "VLIR-UOS", "funder_group": "Belgium",
     "themes": "environment", "status": "ongoing", "start": "2019", "end": "2022",
     "budget": "1000", "currency": "EUR", "scope": "subnational", "source": "doc.txt"},
    {"id": "B-2", "title": "National plan", "funders": "European Union",
     "funder_group": "European Union", "themes": "health; economy", "status": "completed",
     "start": "", "end": "", "budget": "", "currency": "", "scope": "national",
     "source": "doc.txt"},
]
LOCATIONS = [
    {"intervention_id": "A-1", "place": "Cajamarca", "level": "", "department": "", "lat": "",
     "lon": "", "reach": "1"},
]


def write_dataset(folder: Path, interventions: list[dict], locations: list[dict],
                  delimiter: str = ",") -> Path:
    """Write the two CSV files and return the folder."""
    for name, rows in (("interventions", interventions), ("locations", locations)):
        columns = list(dict.fromkeys(k for row in rows for k in row)) or list(LOCATIONS[0])
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=columns, delimiter=delimiter)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def _edit(rows: list[dict], index: int, **changes: str | None) -> list[dict]:
    out = [dict(r) for r in rows]
    for key, value in changes.items():
        if value is None:
            out[index].pop(key, None)
        else:
            out[index][key] = value
    return out


# (name, interventions, locations, expected "file:row[:column]: start of message")
CASES = [
    ("missing column", [{k: v for k, v in r.items() if k != "funders"} for r in INTERVENTIONS],
     LOCATIONS, "interventions.csv:1: missing column 'funders'"),
    ("unknown column", [dict(r, fundrs="x") for r in INTERVENTIONS], LOCATIONS,
     "interventions.csv:1:fundrs: unknown column 'fundrs'; did you mean 'funders'"),
    ("empty required cell", _edit(INTERVENTIONS, 1, title=""), LOCATIONS,
     "interventions.csv:3:title: title is empty"),
    ("duplicate id", _edit(INTERVENTIONS, 1, id="A-1"), LOCATIONS,
     "interventions.csv:3:id: duplicate id 'A-1' (first at row 2)"),
    ("dangling location", INTERVENTIONS, LOCATIONS + [dict(LOCATIONS[0], intervention_id="A-2")],
     "locations.csv:3:intervention_id: intervention 'A-2' is not in the interventions table; "
     "closest ids: "),
    ("end before start", _edit(INTERVENTIONS, 0, start="2021-05", end="2021-04"), LOCATIONS,
     "interventions.csv:2:end: end 2021-04 is before start 2021-05"),
    ("bad date", _edit(INTERVENTIONS, 0, start="May 2021"), LOCATIONS,
     "interventions.csv:2:start: start: 'May 2021' is not a date"),
    ("currency not ISO 4217", _edit(INTERVENTIONS, 0, currency="EURO"), LOCATIONS,
     "interventions.csv:2:currency: currency 'EURO' is not an ISO 4217 code"),
    ("budget without currency", _edit(INTERVENTIONS, 0, currency=""), LOCATIONS,
     "interventions.csv:2:currency: a budget needs its currency"),
    ("theme outside vocabulary", _edit(INTERVENTIONS, 1, themes="health; educaton"), LOCATIONS,
     "interventions.csv:3:themes: theme 'educaton' is not in the vocabulary; closest: "
     "education and institutional strengthening"),
    ("bad status", _edit(INTERVENTIONS, 1, status="finished"), LOCATIONS,
     "interventions.csv:3:status: status 'finished' is not one of"),
    ("unknown place", INTERVENTIONS, _edit(LOCATIONS, 0, place="Cajamarka"),
     "locations.csv:2:place: unknown place 'Cajamarka'; closest known names: Cajamarca (Cajamarca)"),
    ("unknown department hint", INTERVENTIONS, _edit(LOCATIONS, 0, department="Cajamrca"),
     "locations.csv:2:department: unknown department 'Cajamrca'; closest departments: Cajamarca"),
    ("subnational without places", INTERVENTIONS, [],
     "interventions.csv:2:scope: scope is subnational but no location names its places"),
    ("swapped coordinates", INTERVENTIONS, _edit(LOCATIONS, 0, lat="-78.5", lon="-7.15"),
     "locations.csv:2:lat: lat -78.5 and lon -7.15 look swapped"),
    ("point outside Peru", INTERVENTIONS, _edit(LOCATIONS, 0, lat="40.4", lon="-3.7"),
     "locations.csv:2:lat: point (40.4, -3.7) lies outside Peru"),
    ("point in another department", INTERVENTIONS, _edit(LOCATIONS, 0, lat="-13.5", lon="-71.97"),
     "locations.csv:2:lat: point (-13.5, -71.97) lies in Cusco, but 'Cajamarca' is in Cajamarca, "
     "more than 15 km away"),
    ("wrong type", _edit(INTERVENTIONS, 0, budget="a lot"), LOCATIONS,
     "interventions.csv:2:budget: budget: 'a lot' is not a number"),
    ("ambiguous number", _edit(INTERVENTIONS, 0, budget="1.500"), LOCATIONS,
     "interventions.csv:2:budget: budget: '1.500' is ambiguous: write 1500 or 1.5"),
    ("bad reach", INTERVENTIONS, _edit(LOCATIONS, 0, reach="3"),
     "locations.csv:2:reach: reach '3' must be 1"),
    ("ubigeo mismatch", INTERVENTIONS, _edit(LOCATIONS, 0, ubigeo="08"),
     "locations.csv:2:ubigeo: ubigeo '08' does not match 'Cajamarca'"),
    ("part_of unknown", _edit(INTERVENTIONS, 1, part_of="Z-9"), LOCATIONS,
     "interventions.csv:3:part_of: part_of 'Z-9' is not an intervention id"),
]


@pytest.mark.parametrize(("name", "interventions", "locations", "expected"), CASES,
                         ids=[c[0] for c in CASES])
def test_each_problem_is_reported(tmp_path, name, interventions, locations, expected) -> None:
    folder = write_dataset(tmp_path, interventions, locations)
    with pytest.raises(DataErrors) as err:
        load_dataset(folder)
    lines = [str(e) for e in err.value.errors]
    assert any(line.startswith(f"{folder}/{expected}") for line in lines), lines


def test_small_dataset_is_sound(tmp_path) -> None:
    data = load_dataset(write_dataset(tmp_path, INTERVENTIONS, LOCATIONS))
    assert [i.id for i in data.unlocated()] == ["B-2"]
    assert data.locations[0].ubigeo == "06"


def test_spanish_excel_csv_is_accepted(tmp_path) -> None:
    """Semicolons, decimal commas, thousands dots and a BOM, as Excel in Spanish writes."""
    rows = _edit(INTERVENTIONS, 0, budget="1.234.567,50")
    locs = _edit(LOCATIONS, 0, lat="-7,16", lon="-78,51")
    folder = write_dataset(tmp_path, rows, locs, delimiter=";")
    for name in ("interventions.csv", "locations.csv"):
        path = folder / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    data = load_dataset(folder)
    assert data.interventions[0].budget == 1234567.5
    assert (data.locations[0].lat, data.locations[0].lon) == (-7.16, -78.51)


def test_latin1_file_is_read(tmp_path) -> None:
    rows = _edit(INTERVENTIONS, 0, title="Agua en Cajamarca: cuenca del Jequetepeque, niñez")
    folder = write_dataset(tmp_path, rows, LOCATIONS)
    path = folder / "interventions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert load_dataset(folder).interventions[0].title.endswith("niñez")


def test_xlsx_workbook_loads(tmp_path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    for index, (name, rows) in enumerate((("interventions", INTERVENTIONS),
                                          ("locations", LOCATIONS))):
        sheet = book.active if index == 0 else book.create_sheet()
        sheet.title = name
        columns = list(rows[0])
        sheet.append(columns)
        for row in rows:
            sheet.append([int(row[c]) if row[c].isdigit() else row[c] for c in columns])
    path = tmp_path / "data.xlsx"
    book.save(path)
    data = load_dataset(path)
    assert data.interventions[0].start is not None and str(data.interventions[0].start) == "2019"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "cannot be read as an .xlsx workbook (the file is empty)"),
    (b"PK\x03\x04 not really a zip", "cannot be read as an .xlsx workbook"),
])
def test_broken_xlsx_is_one_line(tmp_path, content: bytes, message: str) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    out = run_cli("validate", "--data", str(path))
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize(("text", "message"), [
    ("", "interventions.csv: is empty: expected a header row"),
    ("id,title\n", "interventions.csv:1: missing column 'funders'"),
])
def test_empty_and_header_only(tmp_path, text: str, message: str) -> None:
    write_dataset(tmp_path, INTERVENTIONS, LOCATIONS)
    (tmp_path / "interventions.csv").write_text(text, encoding="utf-8")
    out = run_cli("validate", "--data", str(tmp_path))
    assert out.returncode == 2
    assert message in out.stderr, out.stderr


def test_cli_lists_every_problem_and_exits_2(tmp_path) -> None:
    rows = _edit(_edit(INTERVENTIONS, 1, id="A-1"), 0, currency="EURO")
    folder = write_dataset(tmp_path, rows, _edit(LOCATIONS, 0, place="Cajamarka"))
    out = run_cli("validate", "--data", str(folder))
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 4  # three problems and the closing count
    assert "Traceback" not in out.stderr


def test_bundled_data_validates() -> None:
    out = run_cli("validate")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("data: OK: ")
    assert len(out.stdout.strip().splitlines()) == 1


def _points_across_the_border() -> list[tuple[float, float, float, bool]]:
    """Points on the way from Cajamarca's capital towards Trujillo (La Libertad): for
    each, its distance to department 06 in km and whether another department's
    polygon holds it, computed here with shapely from the GeoJSON."""
    import json

    import geopandas as gpd
    from shapely.geometry import Point, shape
    from shapely.ops import unary_union

    from conftest import ROOT

    features = json.loads((ROOT / "data" / "regions.geojson").read_text())["features"]
    own = unary_union([shape(f["geometry"]) for f in features
                       if str(f["properties"]["ubigeo"]).zfill(2) == "06"])
    own_m = gpd.GeoSeries([own], crs="EPSG:4326").to_crs("EPSG:32718").iloc[0]
    others = [shape(f["geometry"]) for f in features
              if str(f["properties"]["ubigeo"]).zfill(2) != "06"]
    start, end = (-78.51083, -7.15472), (-79.02998, -8.11599)
    out = []
    for k in range(1, 200):
        lon = start[0] + (end[0] - start[0]) * k / 200
        lat = start[1] + (end[1] - start[1]) * k / 200
        point_m = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs("EPSG:32718").iloc[0]
        inside_other = any(o.contains(Point(lon, lat)) for o in others)
        out.append((round(lat, 4), round(lon, 4), point_m.distance(own_m) / 1000, inside_other))
    return out


def test_a_point_just_across_a_coarse_border_is_accepted_far_beyond_is_not(tmp_path) -> None:
    from coop.validation import POINT_TOLERANCE_KM

    points = [p for p in _points_across_the_border() if p[3]]
    near = next(p for p in points if 1 < p[2] < POINT_TOLERANCE_KM - 1)
    far = next(p for p in points if p[2] > POINT_TOLERANCE_KM + 1)
    for lat, lon, km, _inside in (near, far):
        folder = tmp_path / f"p{km:.0f}"
        folder.mkdir()
        write_dataset(folder, INTERVENTIONS, _edit(LOCATIONS, 0, lat=str(lat), lon=str(lon)))
        result = run_cli("validate", "--data", str(folder))
        if km <= POINT_TOLERANCE_KM:
            assert result.returncode == 0, (km, result.stderr)
        else:
            assert result.returncode == 2
            assert "lies in La Libertad, but 'Cajamarca' is in Cajamarca" in result.stderr
