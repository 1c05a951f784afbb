"""Fill the resolved columns of a locations table through the geocoder.

    python scripts/resolve_locations.py [data/locations.csv]

For each row, the place (with its level and department hints) is geocoded and
``level, department, department_code, ubigeo, lat, lon, precision`` are written;
a point or precision already given is kept (a finer point a user entered).
Rewrites the file in place, in the column order of the data dictionary.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.geocoder import default_geocoder  # noqa: E402
from coop.model import LOCATION_COLUMNS  # noqa: E402


def resolve_rows(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """The rows with their resolved columns filled."""
    geocoder = default_geocoder()
    out = []
    for row in rows:
        m = geocoder.geocode(row["place"], row.get("department") or None, row.get("level") or None)
        filled = dict(row)
        filled.update(level=m.level, department=m.department, department_code=m.department_code,
                      ubigeo=m.ubigeo)
        if not row.get("lat"):
            filled.update(lat=f"{m.lat:.5f}", lon=f"{m.lon:.5f}")
        if not row.get("precision"):
            filled["precision"] = str(m.precision)
        out.append(filled)
    return out


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else ROOT / "data" / "locations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    columns = [c.name for c in LOCATION_COLUMNS]
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows({c: r.get(c, "") for c in columns} for r in resolve_rows(rows))
    print(f"{path}: {len(rows)} rows resolved")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
