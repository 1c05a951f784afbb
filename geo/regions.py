"""Peru's official units (INEI 2007 limits) and the one join of points to them.

``data/regions.geojson`` (the 26 ISO 3166-2:PE units), ``data/provinces.geojson``
and ``data/districts.geojson`` are one coverage (``scripts/build_boundaries.py``):
a district lies in exactly one province, department and ISO unit. Every point in
the project (the gazetteer's, given points, IATI points) is joined to a district
by :func:`points_to_units`; departments and ISO units follow from its code.
Units created after 2007 have no polygon of their own: ``data/unit_lineage.csv``
names the 2007 polygon each lies in (:func:`unit_to_polygon`).

The point join needs shapely alone (:func:`points_to_districts`): it reads the
districts with plain ``json`` and does what ``geopandas.sjoin`` and
``sjoin_nearest`` would, call for call, so that a command that only joins points
(``build_maps.py iati``) does not import geopandas and pandas. They are imported
where a GeoDataFrame is asked for.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from geo.paths import DISTRICTS_FILE, LINEAGE_FILE, NEIGHBOURS_FILE, PROVINCES_FILE, REGIONS_FILE

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

METRIC_CRS = "EPSG:32718"  # UTM 18S: Peru's central zone, metres
NEAREST_MAX_KM = 25.0
LIMA_METROPOLITANA_PROVINCE = "1501"
LINEAGE_COLUMNS = ["ubigeo", "name", "level", "relation", "inei_2007", "source", "note"]
RENUMBERED = "renumbered"


@dataclass(frozen=True, slots=True)
class Lineage:
    """A unit with no 2007 polygon of its own (or a renumbered one), and where it lies."""

    ubigeo: str
    name: str
    level: str
    relation: str
    inei_2007: tuple[str, ...]  # the 2007 codes of the polygon(s) it lies in or is drawn from
    source: str
    note: str


@lru_cache(maxsize=4)
def load_regions(path: Path = REGIONS_FILE) -> gpd.GeoDataFrame:
    """The regions as a GeoDataFrame: ``iso_code, name, ubigeo, kind, geometry``."""
    import geopandas as gpd

    gdf = gpd.read_file(path)
    gdf["ubigeo"] = gdf["ubigeo"].astype(str).str.zfill(2)
    return gdf.sort_values("iso_code").reset_index(drop=True)


@lru_cache(maxsize=2)
def load_neighbours(path: Path = NEIGHBOURS_FILE) -> gpd.GeoDataFrame:
    """Neighbouring countries' outlines for the offline basemap."""
    import geopandas as gpd

    return gpd.read_file(path)


@lru_cache(maxsize=2)
def load_provinces(path: Path = PROVINCES_FILE) -> gpd.GeoDataFrame:
    """The provinces: ``ubigeo`` (4 characters), ``name``, ``department_code``, geometry."""
    return _read_units(path)


@lru_cache(maxsize=2)
def load_districts(path: Path = DISTRICTS_FILE) -> gpd.GeoDataFrame:
    """The districts: ``ubigeo`` (6), ``name``, ``department_code``, ``province_code``."""
    return _read_units(path)


def _read_units(path: Path) -> gpd.GeoDataFrame:
    import geopandas as gpd

    gdf = gpd.read_file(path)
    for col in ("ubigeo", "department_code", "province_code"):
        if col in gdf:
            gdf[col] = gdf[col].astype(str)
    return gdf.sort_values("ubigeo").reset_index(drop=True)


@lru_cache(maxsize=2)
def load_lineage(path: Path = LINEAGE_FILE) -> dict[str, Lineage]:
    """The reviewed lineage table, by ubigeo."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["ubigeo"]: Lineage(r["ubigeo"], r["name"], r["level"], r["relation"],
                                     tuple(r["inei_2007"].split()), r["source"], r["note"])
                for r in csv.DictReader(fh)}


@lru_cache(maxsize=4096)
def unit_to_polygon(ubigeo: str) -> str:
    """The code of the bundled polygon a unit is drawn as or lies in.

    A department or province code and a district with its own polygon map to
    themselves; a district created after 2007 to the polygon it was carved from
    (a district, or its province when the parent district is not established).
    Unknown codes map to themselves.
    """
    row = load_lineage().get(ubigeo)
    if row is None or row.relation == RENUMBERED:
        return ubigeo
    renumbered = {old: r.ubigeo for r in load_lineage().values() if r.relation == RENUMBERED
                  for old in r.inei_2007 if r.level == "district"}
    target = row.inei_2007[0]
    return renumbered.get(target, target)


@lru_cache(maxsize=1)
def _iso_by_department() -> dict[str, str]:
    """INEI department code -> ISO unit, from the regions file's properties alone."""
    with REGIONS_FILE.open(encoding="utf-8") as fh:
        rows = [f["properties"] for f in json.load(fh)["features"]]
    rows.sort(key=lambda r: r["iso_code"])
    return {str(r["ubigeo"]).zfill(2): r["iso_code"] for r in rows if r["kind"] != "municipality"}


def district_to_iso(code: str) -> str:
    """The ISO 3166-2 unit of an INEI code of 4 or 6 characters (Lima split at 1501)."""
    if code.startswith(LIMA_METROPOLITANA_PROVINCE):
        return "PE-LMA"
    return _iso_by_department()[code[:2]]


@dataclass(frozen=True, slots=True)
class PointJoin:
    """Points joined to polygons, one entry per point in order: the polygon's code (a
    district's 6 characters) or ``None``, the distance in km (0 inside, NaN when none)
    and how (``"within"``, ``"nearest"`` or ``None``)."""

    codes: list[str | None]
    distance_km: np.ndarray
    methods: list[str | None]


@lru_cache(maxsize=1)
def _district_shapes() -> tuple[tuple[str, ...], np.ndarray]:
    """The district codes and polygons, sorted by code as :func:`load_districts` has them,
    read with ``json`` and shapely (no geopandas)."""
    text = DISTRICTS_FILE.read_bytes()
    codes = [str(f["properties"]["ubigeo"]) for f in json.loads(text)["features"]]
    shapes = shapely.get_parts(shapely.from_geojson(text))
    if len(shapes) != len(codes):
        msg = f"{DISTRICTS_FILE}: {len(codes)} features but {len(shapes)} geometries"
        raise ValueError(msg)
    order = sorted(range(len(codes)), key=codes.__getitem__)
    return tuple(codes[i] for i in order), shapes[order]


def _to_metric(geoms: np.ndarray) -> np.ndarray:
    """Geometries in lon/lat -> :data:`METRIC_CRS`, as ``GeoSeries.to_crs`` does it."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:4326", METRIC_CRS, always_xy=True)
    coords = shapely.get_coordinates(geoms)
    x, y = transformer.transform(coords[:, 0], coords[:, 1])
    return shapely.set_coordinates(geoms.copy(), np.array((x, y)).T)


@lru_cache(maxsize=1)
def _metric_district_tree() -> shapely.STRtree:
    """The districts in metres, indexed as ``sjoin_nearest`` indexes them."""
    return shapely.STRtree(_to_metric(_district_shapes()[1]))


def points_to_districts(lons: np.ndarray | list[float], lats: np.ndarray | list[float], *,
                        max_km: float = NEAREST_MAX_KM) -> PointJoin:
    """Join points to the district that contains them: the project's one point join.

    A point in no polygon (on the coast, an island, a lake shore) takes the nearest
    district within ``max_km`` (measured in :data:`METRIC_CRS`). Where two polygons
    hold a point or lie equally near, the first by code wins, as with
    ``geopandas.sjoin``.
    """
    codes, shapes = _district_shapes()
    return _points_to_polygons(codes, shapes, _metric_district_tree, lons, lats, max_km)


def _points_to_polygons(codes: tuple[str, ...], shapes: np.ndarray,
                        metric_tree: Callable[[], shapely.STRtree],
                        lons: np.ndarray | list[float], lats: np.ndarray | list[float],
                        max_km: float) -> PointJoin:
    """Each point's polygon code: within, else the nearest within ``max_km`` (the tree
    of the polygons in metres is only built when a point is outside them all); ties go
    to the first polygon, as with ``geopandas.sjoin`` and ``sjoin_nearest``."""
    points = shapely.points(np.asarray(lons, dtype="float64"), np.asarray(lats, dtype="float64"))
    found = np.full(len(points), -1, dtype=np.intp)
    distance = np.full(len(points), np.nan)
    methods: list[str | None] = [None] * len(points)
    # within: as sjoin does it, the points indexed and each polygon asked what it contains
    shape_idx, point_idx = shapely.STRtree(points).query(shapes, predicate="contains")
    order = np.lexsort((shape_idx, point_idx))  # by point, then the first polygon
    point_idx, shape_idx = point_idx[order], shape_idx[order]
    first = np.ones(len(point_idx), dtype=bool)
    first[1:] = point_idx[1:] != point_idx[:-1]
    found[point_idx[first]] = shape_idx[first]
    distance[point_idx[first]] = 0.0
    for i in point_idx[first].tolist():
        methods[i] = "within"
    missing = np.flatnonzero(found < 0)
    if len(missing) and max_km > 0:
        (input_idx, tree_idx), metres = metric_tree().query_nearest(
            _to_metric(points[missing]), max_distance=max_km * 1000, return_distance=True,
            all_matches=True, exclusive=False)
        first = np.ones(len(input_idx), dtype=bool)
        first[1:] = input_idx[1:] != input_idx[:-1]
        near = missing[input_idx[first]]
        found[near] = tree_idx[first]
        distance[near] = metres[first] / 1000
        for i in near.tolist():
            methods[i] = "nearest"
    return PointJoin([codes[k] if k >= 0 else None for k in found.tolist()], distance,
                        methods)


def points_to_units(lons: np.ndarray | list[float], lats: np.ndarray | list[float], *,
                    max_km: float = NEAREST_MAX_KM) -> pd.DataFrame:
    """Join points to the district that contains them (:func:`points_to_districts`).

    A point in no polygon (on the coast, an island, a lake shore) takes the nearest
    district within ``max_km``. Returns one row per point, in order: ``district``
    (6 characters), ``province`` (4), ``ubigeo`` (the department, 2), ``iso_code``,
    ``distance_km`` (0 inside) and ``method`` (``"within"``, ``"nearest"`` or
    ``None``; the codes are then ``None`` too).
    """
    import pandas as pd

    joined = points_to_districts(lons, lats, max_km=max_km)
    codes = joined.codes
    return pd.DataFrame({
        "district": codes,
        "province": [c[:4] if c else None for c in codes],
        "ubigeo": [c[:2] if c else None for c in codes],
        "iso_code": [district_to_iso(c) if c else None for c in codes],
        "distance_km": joined.distance_km,
        "method": joined.methods,
    })


def points_to_regions(lons: np.ndarray | list[float], lats: np.ndarray | list[float], *,
                      max_km: float = NEAREST_MAX_KM,
                      regions: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Join points to their ISO unit and INEI department.

    Returns one row per point: ``iso_code``, ``ubigeo`` (department), ``distance_km``,
    ``method``. Without ``regions`` this is :func:`points_to_units` (the bundled
    districts); other ``regions`` (``iso_code, ubigeo, geometry``), e.g. another
    edition's outlines to compare, are joined the same way.
    """
    if regions is None:
        units = points_to_units(lons, lats, max_km=max_km)
        return units[["iso_code", "ubigeo", "distance_km", "method"]]
    import pandas as pd

    codes = tuple(regions["iso_code"])
    outlines = regions.geometry if regions.crs is None else regions.geometry.to_crs("EPSG:4326")
    shapes = np.asarray(outlines.values, dtype=object)
    joined = _points_to_polygons(codes, shapes, lambda: shapely.STRtree(_to_metric(shapes)),
                                 lons, lats, max_km)
    by_iso = dict(zip(regions["iso_code"], regions["ubigeo"]))
    return pd.DataFrame({"iso_code": joined.codes,
                         "ubigeo": [by_iso[c] if c else None for c in joined.codes],
                         "distance_km": joined.distance_km, "method": joined.methods})


def points_to_department_km(lons: list[float], lats: list[float], departments: list[str], *,
                            regions: gpd.GeoDataFrame | None = None) -> list[float]:
    """How far each point lies from its INEI department (0 inside), in km."""
    if not departments:
        return []
    import geopandas as gpd

    regions = load_regions() if regions is None else regions
    shapes = regions.to_crs(METRIC_CRS).dissolve(by="ubigeo").geometry
    points = gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs="EPSG:4326").to_crs(METRIC_CRS)
    return [point.distance(shapes[code]) / 1000 if code in shapes.index else float("inf")
            for point, code in zip(points, departments)]
