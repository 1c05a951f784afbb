"""Where: IATI locations onto Peru's places (points joined to departments, names
geocoded), with the precision their classification gives."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from coop.iati_activities import RawLocation, is_peru_admin
from coop.iati_log import Issue
from coop.iati_numbers import format_coordinate
from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.geocoder import Geocoder, Match
from geo.names import LEVELS, name_to_query, normalize_name

COUNTRY_WORDS = {"peru", "republic of peru", "republica del peru", "national", "nationwide",
                 "nacional", "a nivel nacional", "todo el pais", "countrywide", "whole country"}
_PERU_SUFFIX = re.compile(r"[\s,;(\-–]+(rep[uú]blica del |republic of )?per[uú]\)?\s*$", re.I)
_ISO_SUBDIVISION = re.compile(r"^PE-[A-Z]{3}$")
_NAME_PARTS = re.compile(r"\s*[,;/]\s*|\s+[-–]\s+")

Pair = tuple[float, float]
PointJoin = tuple[str, "str | None"]  # ("ok" | "swapped", department code) or ("outside", None)


def location_to_precision(loc: RawLocation) -> int | None:
    """IATI GeographicalPrecision from exactness, location-class and feature-designation."""
    feature, cls = loc.feature, loc.location_class
    if feature.startswith("PCL"):
        return 6
    if feature in ("ADM1", "ADM1H"):
        return 4
    if feature.startswith("ADM"):
        return 3
    if cls == "1":
        return None  # an administrative region: the unit the name resolves to decides
    if feature.startswith("PPL") or cls == "2":
        return 2
    if cls == "4":
        return 2 if loc.exactness == "1" else 3
    if loc.exactness == "2":
        return 2
    if loc.exactness == "1":
        return 1
    return None


def location_to_level(loc: RawLocation) -> str | None:
    """The gazetteer level a location's feature-designation or class points to, if any."""
    feature = loc.feature
    if feature in ("ADM1", "ADM1H"):
        return "department"
    if feature in ("ADM2", "ADM2H"):
        return "province"
    if feature.startswith(("ADM3", "ADM4", "ADM5")):
        return "district"
    if feature.startswith("PPL") or loc.location_class == "2":
        return "populated place"
    if loc.location_class == "4":
        return "feature"
    return None


@lru_cache(maxsize=8192)
def name_without_country(name: str) -> str:
    """``"Huancabamba, Perú"`` -> ``"Huancabamba"``."""
    return _PERU_SUFFIX.sub("", name).strip(" ,;-")


@lru_cache(maxsize=8192)
def is_country_name(name: str) -> bool:
    """``"Perú"``, ``"a nivel nacional"``: the whole country, not a place in it."""
    return normalize_name(name) in COUNTRY_WORDS


def pairs_to_departments(pairs: list[Pair]) -> dict[Pair, PointJoin]:
    """Each ``(lat, lon)`` pair -> ("ok", department) when it falls in Peru as written,
    ("swapped", department) when only as ``(lon, lat)``, else ("outside", None)."""
    pairs = sorted(set(pairs))
    if not pairs:
        return {}
    from geo.regions import points_to_districts

    out: dict[Pair, PointJoin] = {}
    straight = points_to_districts([lon for _lat, lon in pairs], [lat for lat, _lon in pairs])
    misses = []
    for pair, code in zip(pairs, straight.codes):
        if code is not None:
            out[pair] = ("ok", code[:2])
        else:
            misses.append(pair)
    if misses:
        swapped = points_to_districts([lat for lat, _lon in misses],
                                      [lon for _lat, lon in misses])
        for pair, code in zip(misses, swapped.codes):
            out[pair] = ("swapped", code[:2]) if code is not None else ("outside", None)
    return out


class Locator:
    """Locations -> rows of ``locations.csv``, with one geocoding per distinct name and
    hint, and the points' departments joined once for all activities."""

    def __init__(self, geocoder: Geocoder) -> None:
        self.geocoder = geocoder
        self.points: dict[Pair, PointJoin] = {}
        self._geocoded: dict[tuple[str, str, str], Match | Exception] = {}
        self._nearest: dict[str, tuple] = {}
        self._known: dict[tuple[str, str], bool] = {}
        self._hints: dict[tuple, str | None] = {}

    def join_points(self, locations: list[RawLocation]) -> None:
        """Join every distinct point of these locations to its department, at once."""
        self.points.update(pairs_to_departments(
            [loc.pos for loc in locations if loc.pos is not None and loc.pos != (0.0, 0.0)]))

    def locations_to_rows(self, locations: list[RawLocation],
                          recipient: bool) -> tuple[list[dict[str, str]], list[Issue]]:
        """The distinct places of an activity's locations in Peru, and the issues met.

        ``recipient``: Peru is a recipient country (else only points in Peru and
        Peruvian codes count; names are not looked up)."""
        rows: dict[tuple, dict[str, str]] = {}
        issues: list[Issue] = []
        for loc in locations:
            row = self.location_to_row(loc, recipient, issues)
            if row is not None:
                rows.setdefault((row["place"], row["ubigeo"], row["lat"], row["lon"]), row)
        return list(rows.values()), issues

    def location_to_row(self, loc: RawLocation, recipient: bool,
                        issues: list[Issue]) -> dict[str, str] | None:
        """One location's row (without ``intervention_id``), or ``None``; appends issues."""
        name = name_without_country(loc.name)
        precision = location_to_precision(loc)
        pos, note = loc.pos, ""
        label = loc.name or loc.ref
        if pos == (0.0, 0.0):
            issues.append(("point not used", f"point '0 0' of {label!r} is no place"))
            pos = None
        elif pos is None and loc.pos_text:
            issues.append(("point not used", f"point {loc.pos_text!r} is not 'LAT LON'"))
        department = None
        if pos is not None:
            how, department = self.points[pos]
            if how == "outside":
                issues.append(("point outside Peru", f"{label!r} at {loc.pos_text} (read as "
                                                     "LAT LON)"))
                return None
            if how == "swapped":
                pos = (pos[1], pos[0])
                note = f"the publisher wrote the point as {loc.pos_text!r} (LON LAT): swapped"
                issues.append(("point swapped", f"{label!r}: {loc.pos_text!r} lies in Peru only "
                                                "as LON LAT"))
        written = loc.name or (f"point {loc.pos_text}" if loc.pos_text else "")
        level = location_to_level(loc) or ("populated place" if pos is not None else None)
        if pos is None and not name and precision != 6:
            # no name, no point: the department its administrative codes name, if any
            code = self.admin_hint(loc)
            if code is not None:
                name, level = self.geocoder.departments[code], "department"
                written = "administrative " + ", ".join(
                    c for c in [loc.ref] + [c for _v, _l, c in loc.admin] if c)
        if pos is None and (precision == 6 or is_country_name(name) or (
                not name and is_peru_admin(loc))):
            return None  # the whole country: the activity is national, not a place
        if pos is None and not name:
            return None
        if pos is None and not recipient and not is_peru_admin(loc):
            return None  # a name in another country's activity is not looked up in Peru
        hint = department or self.admin_hint(loc)
        match = None
        if name and (department is None or self.known_in(name, department)):
            match = self.geocode(name, hint, level)
        if isinstance(match, Exception) and pos is None:
            match = self.geocode_parts(name, hint, level) or match
        if isinstance(match, Exception):
            if pos is None:
                issues.append(("location name not known", str(match)))
                return None
            match = None
        if match is None:  # a point whose name the gazetteer lacks: the nearest known place
            match = self.nearest_place(pos, department)
            note = "; ".join(filter(None, [note, f"the point's nearest known place is {match.name}"
                                                 + (f"; {name!r} is not in the gazetteer" if name
                                                    else "")]))
        if pos is not None:
            precision = precision or (match.precision if loc.location_class == "1" else 2)
            lat, lon = format_coordinate(pos[0]), format_coordinate(pos[1])
        else:
            precision = max(precision or 0, match.precision)
            lat = lon = ""
        if precision == 6:
            return None
        return {"place": name if name and match.query == name else match.name,
                "level": match.level, "department": match.department,
                "department_code": match.department_code, "ubigeo": match.ubigeo,
                "lat": lat, "lon": lon, "precision": str(precision),
                "reach": loc.reach if loc.reach in ("1", "2") else "1",
                "as_written": written,
                "note": note}

    def admin_hint(self, loc: RawLocation) -> str | None:
        """A department from the location's administrative codes or names, if any."""
        key = (loc.ref, tuple(loc.admin))
        if key not in self._hints:
            self._hints[key] = self._admin_hint(loc)
        return self._hints[key]

    def _admin_hint(self, loc: RawLocation) -> str | None:
        candidates = [loc.ref] + [code for _v, level, code in loc.admin if level in ("1", "", "2")]
        for text in candidates:
            text = text.strip()
            if not text or text.isdigit():
                continue
            if text.upper().startswith("PE-") and not _ISO_SUBDIVISION.match(text.upper()):
                continue
            try:
                return self.geocoder.department_code(text)
            except (UnknownDepartmentError, UnknownPlaceError):
                continue
        return None

    def geocode_parts(self, name: str, hint: str | None, level: str | None) -> Match | None:
        """``"Loreto - Iquitos"``: one part a department, the other a place in it."""
        parts = [p for p in _NAME_PARTS.split(name) if p.strip()]
        if len(parts) != 2 or hint:
            return None
        found = []
        for place, department in (parts[::-1], parts):
            try:
                code = self.geocoder.department_code(department)
            except (UnknownDepartmentError, UnknownPlaceError):
                continue
            match = self.geocode(place, code, level)
            if not isinstance(match, Exception):
                found.append(match)
        # "Piura - Sullana": Sullana in Piura, not Piura in the department of Sullana
        return max(found, key=lambda m: LEVELS.index(m.level), default=None)

    def known_in(self, name: str, department: str) -> bool:
        """Whether the gazetteer has ``name`` in ``department`` (as the geocoder reads
        names), so that a point's name is not geocoded only to fail."""
        key = (name, department)
        if key not in self._known:
            gazetteer = self.geocoder.gazetteer
            found = gazetteer.lookup(normalize_name(name)) or gazetteer.lookup(
                name_to_query(name)[0])
            self._known[key] = any(p.department == department for p in found)
        return self._known[key]

    def geocode(self, name: str, hint: str | None, level: str | None = None) -> Match | Exception:
        """One geocoding per distinct name, hint and level."""
        key = (name, hint or "", level or "")
        if key not in self._geocoded:
            try:
                self._geocoded[key] = self.geocoder.geocode(name, hint, level)
            except (UnknownPlaceError, UnknownDepartmentError) as exc:
                self._geocoded[key] = exc
        return self._geocoded[key]

    def nearest_place(self, pos: Pair, department: str) -> Match:
        """The district or town of ``department`` nearest the point, as the geocoder gives it."""
        import numpy as np

        if department not in self._nearest:
            places = [p for p in self.geocoder.gazetteer.places
                      if p.department == department and p.level in ("district", "populated place")]
            places.sort(key=lambda p: p.sort_key())
            self._nearest[department] = (places, np.array([[p.lat, p.lon] for p in places]))
        places, coords = self._nearest[department]
        scale = math.cos(math.radians(pos[0]))
        d2 = (coords[:, 0] - pos[0]) ** 2 + ((coords[:, 1] - pos[1]) * scale) ** 2
        best = places[int(np.argmin(d2))]
        match = self.geocode(best.name, department, best.level)
        if isinstance(match, Exception):  # cannot happen: the name is in the gazetteer
            raise match
        return match
