"""Regenerate ``data/regions.geojson``, ``data/provinces.geojson`` and
``data/districts.geojson`` from INEI's 2007 limits.

Source: the public repository ``juaneladio/peru-geojson`` (MPL-2.0), pinned at
commit :data:`COMMIT`: INEI's 2007 department, province and district limits as
published by MINAM's Geoservidor. Not part of the build: run it by hand::

    python scripts/build_boundaries.py                    # downloads the pinned files
    python scripts/build_boundaries.py --git-dir /path/to/peru-geojson/.git
    python scripts/build_boundaries.py --folder /path/with/the/three/files

All three outputs come from ONE coverage, the district file, so provinces and
departments nest exactly in it (the province and department files of the source are
separate, coarser drawings that do not line up with the districts):

1. districts with a geometry (8 of the 1,834 rows have none), repaired, renumbered
   where ``data/unit_lineage.csv`` says a 2007 polygon carries a newer code
   (Putumayo province, 2014);
2. coverage-simplified (``shapely.coverage_simplify``: each shared edge is simplified
   once, so neighbours keep one border), snapped to :data:`DECIMALS` decimals;
3. dissolved by code into provinces and departments; the 26 ISO regions are the
   departments with Lima split into PE-LMA (province 1501) and PE-LIM (the rest).

Names come from the gazetteer ``data/places.csv`` (the source's names are upper case
without accents, and two provinces are split into rows with misspelt names).
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
import shapely  # noqa: E402

REPO = "juaneladio/peru-geojson"
COMMIT = "3213eeb1bbe537f88dead45a2aadaa276fa9451d"
DISTRICT_FILE = "peru_distrital_simple.geojson"
RAW_URL = "https://raw.githubusercontent.com/{repo}/{commit}/{name}"
TOLERANCE_DEG = 0.005   # coverage simplification; the source has ~15 vertices a district
DECIMALS = 4            # ~11 m: finer than the source's own detail
EQUAL_AREA = "EPSG:6933"
LIMA_METRO = "1501"

# ISO 3166-2:PE codes by INEI department code; Lima (15) is split below.
ISO_BY_DEPARTMENT = {
    "01": "PE-AMA", "02": "PE-ANC", "03": "PE-APU", "04": "PE-ARE", "05": "PE-AYA",
    "06": "PE-CAJ", "07": "PE-CAL", "08": "PE-CUS", "09": "PE-HUV", "10": "PE-HUC",
    "11": "PE-ICA", "12": "PE-JUN", "13": "PE-LAL", "14": "PE-LAM", "15": "PE-LIM",
    "16": "PE-LOR", "17": "PE-MDD", "18": "PE-MOQ", "19": "PE-PAS", "20": "PE-PIU",
    "21": "PE-PUN", "22": "PE-SAM", "23": "PE-TAC", "24": "PE-TUM", "25": "PE-UCA",
}


def read_source(name: str, *, git_dir: Path | None = None, folder: Path | None = None) -> bytes:
    """One source file: from a local git dir, a folder, or the pinned commit online."""
    if git_dir is not None:
        return subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{COMMIT}:{name}"],
                              check=True, capture_output=True).stdout
    if folder is not None:
        return (folder / name).read_bytes()
    url = RAW_URL.format(repo=REPO, commit=COMMIT, name=name)
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (fixed https URL)
        return response.read()


def read_lineage(path: Path = ROOT / "data" / "unit_lineage.csv") -> list[dict]:
    """The reviewed lineage table."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def read_names(path: Path = ROOT / "data" / "places.csv") -> dict[str, str]:
    """Gazetteer names of departments, provinces and districts by ubigeo."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {r["ubigeo"]: r["name"] for r in csv.DictReader(fh)
                if r["level"] in ("department", "province", "district")}


def _polygonal(geom):
    """Keep the polygons of a geometry that ``make_valid`` may have split."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def source_districts(raw: bytes, lineage: list[dict]) -> gpd.GeoDataFrame:
    """The 2007 districts that have a geometry, with today's codes: ``ubigeo, geometry``."""
    gdf = gpd.read_file(raw)
    gdf = gdf[gdf.geometry.notna()]
    renumber = {r["inei_2007"]: r["ubigeo"] for r in lineage
                if r["level"] == "district" and r["relation"] == "renumbered"}
    codes = [renumber.get(c, c) for c in gdf["IDDIST"].astype(str)]
    geoms = [_polygonal(g) for g in shapely.make_valid(gdf.geometry.values)]
    out = gpd.GeoDataFrame({"ubigeo": codes}, geometry=geoms, crs="EPSG:4326")
    if out["ubigeo"].duplicated().any():
        msg = f"duplicate district codes: {sorted(out.loc[out.ubigeo.duplicated(), 'ubigeo'])}"
        raise SystemExit(msg)
    return out.sort_values("ubigeo").reset_index(drop=True)


def simplify_districts(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Coverage-simplify, snap to the grid, repair, orient counter-clockwise."""
    geoms = shapely.coverage_simplify(districts.geometry.values, TOLERANCE_DEG)
    geoms = shapely.set_precision(geoms, 10 ** -DECIMALS)
    geoms = np.array([_polygonal(g) for g in shapely.make_valid(geoms)])
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    return districts.assign(geometry=geoms)


def dissolve(districts: gpd.GeoDataFrame, key: list[str]) -> list:
    """Union each group of a coverage (exact: shared edges cancel)."""
    groups: dict[str, list] = {}
    for k, geom in zip(key, districts.geometry):
        groups.setdefault(k, []).append(geom)
    return {k: shapely.orient_polygons(shapely.coverage_union_all(v), exterior_cw=False)
            for k, v in sorted(groups.items())}


def to_layers(districts: gpd.GeoDataFrame, names: dict[str, str]
              ) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Districts, provinces and the 26 ISO regions, named from the gazetteer."""
    missing = sorted(set(districts.ubigeo) - set(names))
    if missing:
        raise SystemExit(f"district codes unknown to data/places.csv: {missing}")
    codes = list(districts.ubigeo)
    dist = gpd.GeoDataFrame({"ubigeo": codes, "name": [names[c] for c in codes],
                             "department_code": [c[:2] for c in codes],
                             "province_code": [c[:4] for c in codes]},
                            geometry=list(districts.geometry), crs="EPSG:4326")
    provs = dissolve(districts, [c[:4] for c in codes])
    prov = gpd.GeoDataFrame({"ubigeo": list(provs), "name": [names[c] for c in provs],
                             "department_code": [c[:2] for c in provs]},
                            geometry=list(provs.values()), crs="EPSG:4326")
    region_key = ["LMA" if c[:4] == LIMA_METRO else c[:2] for c in codes]
    parts = dissolve(districts, region_key)
    rows = []
    for key, geom in parts.items():
        if key == "LMA":
            row = {"iso_code": "PE-LMA", "name": "Lima Metropolitana", "ubigeo": "15",
                   "kind": "municipality"}
        else:
            row = {"iso_code": ISO_BY_DEPARTMENT[key], "name": names[key], "ubigeo": key,
                   "kind": "constitutional province" if key == "07" else "department"}
        rows.append({**row, "geometry": geom})
    regions = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    return dist, prov, regions.sort_values("iso_code").reset_index(drop=True)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path) -> None:
    """Compact RFC 7946 GeoJSON, coordinates rounded to :data:`DECIMALS`."""
    data = json.loads(gdf.to_json(drop_id=True, to_wgs84=True, ensure_ascii=False))
    data.pop("crs", None)
    for feat in data["features"]:
        feat["geometry"]["coordinates"] = _round(feat["geometry"]["coordinates"])
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def _round(coords):
    if isinstance(coords[0], (int, float)):
        return [round(c, DECIMALS) for c in coords]
    return [_round(c) for c in coords]


def area_km2(gdf: gpd.GeoDataFrame) -> float:
    """Total area in an equal-area projection."""
    return float(gdf.to_crs(EQUAL_AREA).area.sum() / 1e6)


def report(raw: gpd.GeoDataFrame, layers: dict[str, tuple[gpd.GeoDataFrame, Path]]) -> None:
    """Print the figures that show the result is faithful."""
    vertices = lambda g: int(shapely.get_num_coordinates(g.geometry.values).sum())  # noqa: E731
    print(f"source districts with geometry: {len(raw)}, vertices {vertices(raw):,}, "
          f"area {area_km2(raw):,.0f} km2")
    for label, (gdf, path) in layers.items():
        print(f"{path.relative_to(ROOT)}: {len(gdf)} features, vertices {vertices(gdf):,}, "
              f"area {area_km2(gdf):,.0f} km2, valid {bool(gdf.is_valid.all())}, "
              f"coverage valid {bool(shapely.coverage_is_valid(gdf.geometry.values))}, "
              f"{path.stat().st_size:,} bytes")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--git-dir", type=Path, help="a local git dir of peru-geojson")
    where.add_argument("--folder", type=Path, help="a folder holding the three source files")
    args = parser.parse_args(argv)
    lineage = read_lineage()
    raw = source_districts(read_source(DISTRICT_FILE, git_dir=args.git_dir, folder=args.folder),
                           lineage)
    dist, prov, regions = to_layers(simplify_districts(raw), read_names())
    layers = {"districts": (dist, ROOT / "data" / "districts.geojson"),
              "provinces": (prov, ROOT / "data" / "provinces.geojson"),
              "regions": (regions, ROOT / "data" / "regions.geojson")}
    for gdf, path in layers.values():
        write_geojson(gdf, path)
    report(raw, layers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
