"""The search index of the map pages (pure): names a user may type, each with what
to show for it.

An entry is ``[name, kind, lat, lon, target, also]``: kind ``d`` department, ``p``
province, ``t`` district, ``c`` town (GeoNames), ``x`` a place of this map, ``i`` an
intervention, ``f`` a funder; target an ISO code (open that region's popup), ``m<n>``
(the map's n-th marker), ``f<k>`` (the k-th funder's layer), or empty (zoom to the
point); ``also`` tells homonyms apart (the department, or the name an alias stands
for). Each page makes its own entries from its data (departments, its places,
interventions, funders) and holds the reviewed aliases of those; the provinces,
districts and towns of the gazetteer, the same for every page, go once into a file
beside the pages (:func:`gazetteer_to_script`), which a page uses when it is there.
"""

from __future__ import annotations

from functools import lru_cache

from geo.gazetteer import Alias, Place
from geo.names import name_to_key as _name_to_key
from maps.escape import to_script_json

GAZETTEER_FILE = "search-gazetteer.js"
name_to_key = lru_cache(maxsize=1 << 16)(_name_to_key)  # the same names recur on every page
SHARED_LEVELS = {"province": "p", "district": "t", "populated place": "c"}


def _point(place: Place) -> tuple[float, float]:
    return round(place.lat, 3), round(place.lon, 3)


def _alias_entries(aliases: list[Alias], entries: list[list]) -> list[list]:
    """Entries for the aliases whose target is among ``entries`` (same name, and the
    alias's department when it names one)."""
    by_key: dict[str, list[list]] = {}
    for entry in entries:
        by_key.setdefault(name_to_key(entry[0]), []).append(entry)
    out = []
    for alias in aliases:
        for entry in by_key.get(name_to_key(alias.name), []):
            if alias.department and entry[6] != alias.department:
                continue
            out.append([alias.alias, entry[1], entry[2], entry[3], entry[4],
                        entry[0] + (f", {entry[5]}" if entry[5] else ""), entry[6]])
    return out


def _finish(entries: list[list]) -> list[list]:
    """Drop the department code kept for matching aliases; sort; no duplicates."""
    seen, out = set(), []
    for entry in sorted(entries, key=lambda e: (name_to_key(e[0]), e[1], e[5], e[4], e[2], e[3])):
        row = entry[:6]
        key = repr(row)
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def gazetteer_to_entries(places: list[Place], aliases: list[Alias],
                         department_names: dict[str, str]) -> list[list]:
    """The districts and towns of the gazetteer, and their aliases."""
    entries = []
    for place in places:
        kind = SHARED_LEVELS.get(place.level)
        if kind:
            lat, lon = _point(place)
            entries.append([place.name, kind, lat, lon, "",
                            department_names.get(place.department, ""), place.department])
    return _finish(entries + _alias_entries(aliases, entries))


def gazetteer_to_script(entries: list[list]) -> str:
    """The shared file: one assignment the pages read."""
    return f"window.CoopMapGazetteer={to_script_json(entries)};\n"


def mapdata_to_entries(data: dict, aliases: list[Alias]) -> list[list]:
    """One map's own entries: its departments, places, the interventions its popups
    list, its funders, and the aliases of these names. The page script makes all but
    the aliases from the map's data itself (:func:`mapdata_to_aliases`); this is
    the same list, for tests and other tools."""
    entries = _map_entries(data)
    return _finish(entries + _alias_entries(aliases, entries))


def mapdata_to_aliases(data: dict, aliases: list[Alias]) -> list[list]:
    """The entries a page adds to those its script makes: the reviewed aliases of its
    departments and places (aliases are other spellings of places)."""
    targets = {name_to_key(alias.name) for alias in aliases}  # the others match no alias
    return _finish(_alias_entries(aliases, _map_entries(data, places_only=True, keys=targets)))


def _map_entries(data: dict, places_only: bool = False,
                 keys: set[str] | None = None) -> list[list]:
    """The map's entries (with places only, its departments and places), those named
    with one of ``keys`` (:func:`name_to_key`) only when ``keys`` is given."""
    entries: list[list] = []
    for iso, region in sorted(data["regions"].items()):
        if keys is None or name_to_key(region["name"]) in keys:
            also = region["department"] if region["department"] != region["name"] else ""
            entries.append([region["name"], "d", 0, 0, iso, also, region["code"]])
    code_of = {r["department"]: r["code"] for r in data["regions"].values()}
    first_marker: dict[int, str] = {}
    for n, marker in enumerate(data["markers"]):
        for name in dict.fromkeys([marker["place"], marker["written"]]):
            if name and len(name) <= 60 and (keys is None or name_to_key(name) in keys):
                entries.append([name, "x", marker["lat"], marker["lon"], f"m{n}",
                                marker["department"], code_of.get(marker["department"], "")])
        if not places_only:
            for i in marker["items"]:
                first_marker.setdefault(i, f"m{n}")
    if places_only:
        return entries
    first_region: dict[int, str] = {}
    for iso, region in sorted(data["regions"].items()):
        for i in region["items"]:
            first_region.setdefault(i, iso)
    for i, item in enumerate(data["interventions"]):
        target = first_marker.get(i) or first_region.get(i, "")
        entries.append([item["title"], "i", -9.19, -75.02, target, ", ".join(item["funders"]), ""])
    for k, funder in enumerate(data["funders"]):
        entries.append([funder["name"], "f", 0, 0, f"f{k}", funder["group"], ""])
    return entries
