"""The point join without geopandas (geo.regions.points_to_districts) gives exactly what
geopandas' sjoin (within) and sjoin_nearest (25 km in UTM 18S) give on the same files.

The reference below is computed here with geopandas alone, from the districts file
read by GDAL, not with anything the module under test builds.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely

from geo.paths import DISTRICTS_FILE, PLACES_FILE, REGIONS_FILE
from geo.regions import METRIC_CRS, NEAREST_MAX_KM, points_to_districts, points_to_units

ROOT = DISTRICTS_FILE.parent.parent


def _reference(lons: list[float], lats: list[float], max_km: float = NEAREST_MAX_KM
               ) -> dict[str, list]:
    """district, ISO unit, distance and method per point, computed with geopandas."""
    districts = gpd.read_file(DISTRICTS_FILE).sort_values("ubigeo").reset_index(drop=True)
    regions = gpd.read_file(REGIONS_FILE).sort_values("iso_code")
    iso = {str(u).zfill(2): i for u, i, k in zip(regions["ubigeo"], regions["iso_code"],
                                                 regions["kind"]) if k != "municipality"}
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    inside = gpd.sjoin(points, districts[["ubigeo", "geometry"]], how="left", predicate="within")
    inside = inside[~inside.index.duplicated(keep="first")]
    code = inside["ubigeo"].astype(object).where(inside["ubigeo"].notna(), None).tolist()
    distance = [0.0 if c else np.nan for c in code]
    method = ["within" if c else None for c in code]
    missing = [i for i, c in enumerate(code) if c is None]
    if missing and max_km > 0:
        near = gpd.sjoin_nearest(points.iloc[missing].to_crs(METRIC_CRS),
                                 districts[["ubigeo", "geometry"]].to_crs(METRIC_CRS), how="left",
                                 max_distance=max_km * 1000, distance_col="dist")
        near = near[~near.index.duplicated(keep="first")].dropna(subset=["ubigeo"])
        for i, c, d in zip(near.index, near["ubigeo"], near["dist"]):
            code[i], distance[i], method[i] = c, d / 1000, "nearest"
    return {"district": code, "iso_code": [
        ("PE-LMA" if c.startswith("1501") else iso[c[:2]]) if c else None for c in code],
        "distance_km": distance, "method": method}


def _check(lons: list[float], lats: list[float], max_km: float = NEAREST_MAX_KM
           ) -> dict[str, list]:
    expected = _reference(lons, lats, max_km)
    joined = points_to_districts(lons, lats, max_km=max_km)
    assert joined.codes == expected["district"]
    assert joined.methods == expected["method"]
    np.testing.assert_array_equal(joined.distance_km, np.array(expected["distance_km"]))
    units = points_to_units(lons, lats, max_km=max_km)
    assert [c if isinstance(c, str) else None for c in units["iso_code"]] == expected["iso_code"]
    assert [c if isinstance(c, str) else None for c in units["ubigeo"]] == [
        c[:2] if c else None for c in expected["district"]]
    return expected


def test_every_gazetteer_place_joins_as_with_geopandas() -> None:
    with PLACES_FILE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    lons, lats = [float(r["lon"]) for r in rows], [float(r["lat"]) for r in rows]
    expected = _check(lons, lats)
    assert len(rows) > 4000 and expected["method"].count("nearest") > 0
    # ... and read the other way round (as a swapped IATI pair would be)
    _check(lats, lons)


def test_random_points_inland_coastal_offshore_and_abroad() -> None:
    rng = np.random.default_rng(11)
    lons = rng.uniform(-82.5, -67.5, 6000).tolist()
    lats = rng.uniform(-19.5, 1.0, 6000).tolist()
    # near the coast: district outlines' vertices pushed out to sea by up to ~40 km
    districts = gpd.read_file(DISTRICTS_FILE)
    coast = shapely.get_coordinates(districts.geometry.union_all().boundary)
    picks = coast[rng.integers(0, len(coast), 3000)]
    offsets = rng.normal(0, 0.15, (3000, 2))
    lons += (picks[:, 0] + offsets[:, 0]).tolist()
    lats += (picks[:, 1] + offsets[:, 1]).tolist()
    expected = _check(lons, lats)
    methods = expected["method"]
    assert methods.count("within") > 1000 and methods.count("nearest") > 100
    assert methods.count(None) > 100


def test_points_on_borders_vertices_and_in_lakes() -> None:
    """Vertices and edge midpoints lie in no polygon's interior: the nearest rule (a tie
    at distance 0) decides, and the first district by code must win as in geopandas."""
    districts = gpd.read_file(DISTRICTS_FILE)
    coords = shapely.get_coordinates(districts.geometry.to_numpy()[::7])
    mids = (coords[:-1] + coords[1:]) / 2
    pts = np.vstack([coords[::3], mids[::5]])
    lakes = [(-76.11, -11.02), (-73.70, -15.29), (-70.06, -15.16), (-69.4, -15.8)]
    lons = pts[:, 0].tolist() + [x for x, _ in lakes]
    lats = pts[:, 1].tolist() + [y for _, y in lakes]
    expected = _check(lons, lats)
    assert expected["method"].count("nearest") > 1000


@pytest.mark.parametrize("max_km", [0.0, 1.0, 100.0])
def test_other_tolerances(max_km: float) -> None:
    rng = np.random.default_rng(3)
    _check(rng.uniform(-82.5, -67.5, 1500).tolist(), rng.uniform(-19.5, 1.0, 1500).tolist(),
           max_km)


def test_no_points_and_one_point() -> None:
    assert points_to_districts([], []).codes == []
    assert len(points_to_units([], [])) == 0
    joined = points_to_districts([-77.03], [-12.05])
    assert (joined.codes, joined.methods, joined.distance_km.tolist()) == (
        ["150101"], ["within"], [0.0])


def test_iati_import_needs_no_geopandas_nor_pandas() -> None:
    code = ("import sys; from coop.iati_locations import pairs_to_departments as p; "
            "print(p([(-12.05, -77.03), (-77.03, -12.05), (10.0, 10.0)])); "
            "print(sorted(m for m in ('geopandas', 'pandas') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert run.stdout.splitlines() == [
        "{(-12.05, -77.03): ('ok', '15'), (-77.03, -12.05): ('swapped', '15'), "
        "(10.0, 10.0): ('outside', None)}", "[]"]
