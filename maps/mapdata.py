"""What one map shows, as plain data for the page's script (pure; no HTML here).

A map is a selection of interventions: all of them (the overview), one funder's,
one theme's, or those touching one department. Its data says which regions each
intervention touches, what each region's popup lists, which funder fills which
regions, where the markers for places finer than a department go, and which
interventions are national or not located.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import geopandas as gpd

from geo.gazetteer import PRECISION_LABELS
from coop.model import Dataset, Intervention, Location
from geo.regions import points_to_regions
from maps.i18n import Translator
from maps.palette import NONE_COLOUR, counts_to_classes

POPUP_LIST_MAX = 40  # interventions listed in a department or place popup; the rest counted
UNLOCATED_MAX = 200  # national interventions listed in the panel; the rest counted
MARKERS_MAX = 2000  # above this, markers group interventions by place and funder, then place
MARKER_LIST_MAX = 3  # interventions listed in a grouped marker's popup; the rest counted


@dataclass(frozen=True)
class MapSpec:
    """One map to write: its file, title, one-line description and the indices of
    the interventions it shows (into ``Dataset.interventions``)."""

    filename: str
    title: str
    description: str
    members: tuple[int, ...]
    kind: str = "overview"
    focus: tuple[str, ...] = ()  # region iso codes to zoom to
    department: str = ""  # INEI code, for department maps


@dataclass
class Footprint:
    """Where each intervention is, computed once per build for every map."""

    locations_of: dict[str, list[int]]  # intervention id -> indices into dataset.locations
    touched: list[list[str]]  # per location: region iso codes


def dataset_to_footprint(dataset: Dataset, regions: gpd.GeoDataFrame) -> Footprint:
    """Join every location to its regions, once."""
    locations_of: dict[str, list[int]] = defaultdict(list)
    for n, loc in enumerate(dataset.locations):
        locations_of[loc.intervention_id].append(n)
    return Footprint(dict(locations_of), locations_to_regions(dataset.locations, regions))


def locations_to_regions(locations: list[Location], regions: gpd.GeoDataFrame) -> list[list[str]]:
    """The region iso codes each location touches.

    A department-level place touches every region of its department (Lima: PE-LIM
    and PE-LMA); a finer place, the region its point lies in.
    """
    by_ubigeo: dict[str, list[str]] = defaultdict(list)
    for iso, ubigeo in zip(regions["iso_code"], regions["ubigeo"]):
        by_ubigeo[ubigeo].append(iso)
    out = [sorted(by_ubigeo[loc.department_code]) for loc in locations]
    points = sorted({(loc.lon, loc.lat) for loc in locations if not _is_department_level(loc)})
    if points:
        joined = points_to_regions([p[0] for p in points], [p[1] for p in points], regions=regions)
        iso_at = dict(zip(points, joined["iso_code"]))
        for i, loc in enumerate(locations):
            if not _is_department_level(loc):
                iso = iso_at[(loc.lon, loc.lat)]
                if isinstance(iso, str):
                    out[i] = [iso]
    return out


def _is_department_level(loc: Location) -> bool:
    return loc.level == "department" or loc.precision >= 4


def _intervention_to_dict(item: Intervention, tr: Translator) -> dict:
    """What the popups and the national panel show of an intervention, in ``tr``'s words."""
    return {"id": item.id, "title": tr.title(item), "funders": list(item.funders),
            "implementers": list(item.implementers), "period": tr.period(item),
            "status": tr.term("status", item.status), "themes": tr.terms("theme", item.themes),
            "scope": item.scope, "scope_note": item.scope_note, "source": item.source}


def dataset_to_mapdata(dataset: Dataset, spec: MapSpec, footprint: Footprint,
                       regions: gpd.GeoDataFrame, colours: dict[str, str],
                       tr: Translator | None = None) -> dict:
    """The data one map's script draws, in ``tr``'s language; its size is bounded
    whatever the dataset's."""
    tr = tr or Translator()
    chosen = [dataset.interventions[n] for n in spec.members]
    region_items: dict[str, list[int]] = defaultdict(list)
    places: list[tuple[Location, int]] = []
    located: set[int] = set()
    for k, item in enumerate(chosen):
        for n in footprint.locations_of.get(item.id, ()):
            located.add(k)
            for iso in footprint.touched[n]:
                region_items[iso].append(k)
            loc = dataset.locations[n]
            if not _is_department_level(loc):
                places.append((loc, k))
    names = dict(zip(regions["iso_code"], regions["name"]))
    shown: dict[int, int] = {}  # index in chosen -> index in the map's list

    def show(ks: list[int]) -> list[int]:
        return [shown.setdefault(k, len(shown)) for k in ks]

    region_data = {}
    fills: dict[str, list[str]] = defaultdict(list)
    funders_of = [item.funders for item in chosen]
    for iso in sorted(names):
        items = sorted(set(region_items.get(iso, ())))
        funders = sorted({f for k in items for f in funders_of[k]}, key=str.casefold)
        region_data[iso] = {"name": names[iso], "n": len(items), "funders": funders,
                            "items": show(items[:POPUP_LIST_MAX]),
                            "more": max(0, len(items) - POPUP_LIST_MAX)}
        for funder in funders:
            fills[funder].append(iso)
    markers = _places_to_markers(places, chosen, show, tr)
    unlocated = [k for k in range(len(chosen)) if k not in located]
    counts: dict[str, int] = defaultdict(int)
    group_of: dict[str, str] = {}
    for item in chosen:
        for f in item.funders:
            counts[f] += 1
            group_of.setdefault(f, item.funder_group)
    funders_used = sorted(counts, key=lambda f: (group_of[f].casefold(), f.casefold()))
    max_n = max((r["n"] for r in region_data.values()), default=0)
    max_f = max((len(r["funders"]) for r in region_data.values()), default=0)
    unlocated_shown = show(unlocated[:UNLOCATED_MAX])
    listed = sorted(shown, key=shown.get)
    return {
        "title": spec.title,
        "description": spec.description,
        "kind": spec.kind,
        "total": len(chosen),
        "interventions": [_intervention_to_dict(chosen[k], tr) for k in listed],
        "regions": region_data,
        "funders": [{"name": f, "group": group_of[f], "colour": colours[f],
                     "regions": fills.get(f, []), "count": counts[f]}
                    for f in funders_used],
        "markers": markers,
        "unlocated": unlocated_shown,
        "unlocated_more": max(0, len(unlocated) - UNLOCATED_MAX),
        "shading": {"count": counts_to_classes(max_n), "funders": counts_to_classes(max_f),
                    "none": NONE_COLOUR},
        "focus": list(spec.focus),
        "attribution": tr.t("map.attribution"),
        "precision_labels": {str(k): tr.term("precision", k) for k in PRECISION_LABELS},
    }


def _places_to_markers(places: list[tuple[Location, int]], chosen: list[Intervention],
                       show: Callable[[list[int]], list[int]], tr: Translator) -> list[dict]:
    """One marker per intervention and place; when there are too many, one per place
    and funder, then one per place, each listing its interventions."""
    keys = (lambda loc, k: (loc.lat, loc.lon, loc.name, k),
            lambda loc, k: (loc.lat, loc.lon, loc.name, chosen[k].funders[0]),
            lambda loc, k: (loc.lat, loc.lon, loc.name))
    for tier, key in enumerate(keys):
        if tier < len(keys) - 1 and len({key(loc, k) for loc, k in places}) > MARKERS_MAX:
            continue
        groups: dict[tuple, list[tuple[Location, int]]] = defaultdict(list)
        for loc, k in places:
            groups[key(loc, k)].append((loc, k))
        break
    limit = 1 if tier == 0 else MARKER_LIST_MAX
    if not places:
        return []
    markers = []
    for group_key in sorted(groups, key=lambda g: (g[0], g[1], g[2], str(g[3:]))):
        members = groups[group_key]
        loc = members[0][0]
        ks = sorted({k for _loc, k in members})
        markers.append({
            "lat": round(loc.lat, 5), "lon": round(loc.lon, 5), "place": loc.name,
            "written": loc.as_written or loc.place, "level": tr.term("level", loc.level),
            "department": loc.department, "precision": loc.precision,
            "reach": loc.reach,
            "funder": chosen[ks[0]].funders[0], "items": show(ks[:limit]),
            "more": max(0, len(ks) - limit)})
    return markers


def region_colour(data: dict, iso: str, shading: str, plain: str = "#fbfbf8") -> str:
    """A region's fill for a shading mode: ``count``, ``funders`` or ``plain``."""
    if shading == "plain":
        return plain
    region = data["regions"][iso]
    value = region["n"] if shading == "count" else len(region["funders"])
    for c in data["shading"][shading]:
        if c["lo"] <= value <= c["hi"]:
            return c["colour"]
    return data["shading"]["none"]
