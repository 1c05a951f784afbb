"""Peru's 26 ISO 3166-2 subdivisions and the join of points to them."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.paths import NEIGHBOURS_FILE, REGIONS_FILE

METRIC_CRS = "EPSG:32718"  # UTM 18S: Peru's central zone, metres
NEAREST_MAX_KM = 25.0


@lru_cache(maxsize=4)
def load_regions(path: Path = REGIONS_FILE) -> gpd.GeoDataFrame:
    """The regions as a GeoDataFrame: ``iso_code, name, ubigeo, kind, geometry``."""
    gdf = gpd.read_file(path)
    gdf["ubigeo"] = gdf["ubigeo"].astype(str).str.zfill(2)
    return gdf.sort_values("iso_code").reset_index(drop=True)


@lru_cache(maxsize=2)
def load_neighbours(path: Path = NEIGHBOURS_FILE) -> gpd.GeoDataFrame:
    """Neighbouring countries' outlines for the offline basemap."""
    return gpd.read_file(path)


def points_to_regions(lons: np.ndarray | list[float], lats: np.ndarray | list[float], *,
                      max_km: float = NEAREST_MAX_KM,
                      regions: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """Join points to the region that contains them.

    A point in no polygon (on the coast, an island, a border the simplified
    outline moved) takes the nearest region within ``max_km``. Returns one row
    per point, in order: ``iso_code``, ``ubigeo``, ``distance_km`` (0 inside)
    and ``method`` (``"within"``, ``"nearest"`` or ``None`` when unmatched).
    """
    regions = load_regions() if regions is None else regions
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs="EPSG:4326")
    inside = gpd.sjoin(points, regions[["iso_code", "ubigeo", "geometry"]],
                       how="left", predicate="within")
    inside = inside[~inside.index.duplicated(keep="first")]
    out = pd.DataFrame({"iso_code": inside["iso_code"], "ubigeo": inside["ubigeo"]},
                       index=points.index)
    out["distance_km"] = np.where(out["iso_code"].notna(), 0.0, np.nan)
    out["method"] = np.where(out["iso_code"].notna(), "within", None)
    missing = out.index[out["iso_code"].isna()]
    if len(missing):
        near = gpd.sjoin_nearest(points.loc[missing].to_crs(METRIC_CRS),
                                 regions[["iso_code", "ubigeo", "geometry"]].to_crs(METRIC_CRS),
                                 how="left", max_distance=max_km * 1000, distance_col="dist")
        near = near[~near.index.duplicated(keep="first")].dropna(subset=["iso_code"])
        out.loc[near.index, "iso_code"] = near["iso_code"]
        out.loc[near.index, "ubigeo"] = near["ubigeo"]
        out.loc[near.index, "distance_km"] = near["dist"] / 1000
        out.loc[near.index, "method"] = "nearest"
    return out.reset_index(drop=True)


def points_to_department_km(lons: list[float], lats: list[float], departments: list[str], *,
                            regions: gpd.GeoDataFrame | None = None) -> list[float]:
    """How far each point lies from its INEI department (0 inside), in km."""
    if not departments:
        return []
    regions = load_regions() if regions is None else regions
    shapes = regions.to_crs(METRIC_CRS).dissolve(by="ubigeo").geometry
    points = gpd.GeoSeries(gpd.points_from_xy(lons, lats), crs="EPSG:4326").to_crs(METRIC_CRS)
    return [point.distance(shapes[code]) / 1000 if code in shapes.index else float("inf")
            for point, code in zip(points, departments)]
