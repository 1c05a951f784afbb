"""data/regions.geojson: the 26 ISO 3166-2:PE subdivisions, valid and compact."""

from __future__ import annotations

import json
from itertools import combinations

import pytest
import shapely

from geo.paths import REGIONS_FILE
from geo.regions import load_regions, points_to_regions

ISO_CODES = ["PE-AMA", "PE-ANC", "PE-APU", "PE-ARE", "PE-AYA", "PE-CAJ", "PE-CAL", "PE-CUS",
             "PE-HUC", "PE-HUV", "PE-ICA", "PE-JUN", "PE-LAL", "PE-LAM", "PE-LIM", "PE-LMA",
             "PE-LOR", "PE-MDD", "PE-MOQ", "PE-PAS", "PE-PIU", "PE-PUN", "PE-SAM", "PE-TAC",
             "PE-TUM", "PE-UCA"]
NAMES = [("PE-ANC", "Áncash", "02"), ("PE-APU", "Apurímac", "03"), ("PE-JUN", "Junín", "12"),
         ("PE-SAM", "San Martín", "22"), ("PE-HUC", "Huánuco", "10"), ("PE-CAL", "Callao", "07"),
         ("PE-LIM", "Lima", "15"), ("PE-LMA", "Lima Metropolitana", "15"),
         ("PE-CUS", "Cusco", "08"), ("PE-UCA", "Ucayali", "25")]
OFFICIAL_AREA_KM2 = 1_285_216  # INEI's figure for Peru
# The INEI 2007 district coverage leaves six lakes out of every district (Lake
# Titicaca lies on the border, outside the coverage): the union's only holes.
LAKES = {"Junín (Chinchaycocha)": (-76.11, -11.02), "Parinacochas": (-73.70, -15.29),
         "Langui Layo": (-71.20, -14.49), "Salinas": (-71.15, -16.37),
         "Lagunillas": (-70.18, -15.74), "Arapa": (-70.06, -15.16)}


def test_one_feature_per_iso_code() -> None:
    assert sorted(load_regions()["iso_code"]) == ISO_CODES


@pytest.mark.parametrize(("iso", "name", "ubigeo"), NAMES)
def test_names_and_codes(iso: str, name: str, ubigeo: str) -> None:
    row = load_regions().set_index("iso_code").loc[iso]
    assert (row["name"], row["ubigeo"]) == (name, ubigeo)


def test_ubigeo_is_text_in_the_file() -> None:
    data = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    codes = {f["properties"]["ubigeo"] for f in data["features"]}
    assert all(isinstance(c, str) and len(c) == 2 for c in codes)
    assert len(codes) == 25


def test_rfc7946_shape_of_file() -> None:
    data = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    assert "crs" not in data
    assert REGIONS_FILE.stat().st_size <= 120_000
    geoms = [shapely.geometry.shape(f["geometry"]) for f in data["features"]]
    assert all(g.is_valid for g in geoms)
    # exteriors counter-clockwise, holes clockwise
    oriented = shapely.orient_polygons(geoms, exterior_cw=False)
    assert all(a.equals_exact(b, 0) for a, b in zip(geoms, oriented))
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    assert -82 < minx < maxx < -68 and -19 < miny < maxy < 0


def test_coverage_has_no_gaps_or_overlaps() -> None:
    geoms = list(load_regions().geometry)
    assert shapely.coverage_is_valid(geoms)
    for a, b in combinations(geoms, 2):
        assert a.intersection(b).area < 1e-9
    union = shapely.union_all(geoms)
    assert len(getattr(union, "geoms", [union])) <= 30  # islands, not slivers
    holes = [shapely.Polygon(r) for p in getattr(union, "geoms", [union]) for r in p.interiors]
    assert len(holes) == len(LAKES)
    for name, (lon, lat) in LAKES.items():
        assert sum(h.distance(shapely.Point(lon, lat)) < 0.05 for h in holes) == 1, name
    # no gap narrower than ~1 km between neighbours, as a sliver would be, but where a
    # lake narrows (Lake Junín's north-west arm)
    for edge in shapely.coverage_invalid_edges(geoms, gap_width=0.01):
        assert edge.is_empty or any(h.boundary.buffer(1e-9).covers(edge) for h in holes)


def test_area_within_one_percent() -> None:
    area = load_regions().to_crs("EPSG:6933").area.sum() / 1e6
    assert abs(area - OFFICIAL_AREA_KM2) / OFFICIAL_AREA_KM2 < 0.01


JOINS = [(-77.0282, -12.0432, "PE-LMA"), (-71.967, -13.5319, "PE-CUS"),
         (-73.2529, -3.7481, "PE-LOR"), (-77.1345, -12.0516, "PE-CAL"),
         (-78.5108, -7.1547, "PE-CAJ"), (-81.30, -4.90, "PE-PIU")]


@pytest.mark.parametrize(("lon", "lat", "iso"), JOINS)
def test_point_joins(lon: float, lat: float, iso: str) -> None:
    assert points_to_regions([lon], [lat])["iso_code"][0] == iso


def test_far_point_joins_nothing() -> None:
    row = points_to_regions([-60.0], [-10.0]).iloc[0]
    assert row["method"] is None and row["iso_code"] is None
