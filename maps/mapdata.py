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
from geo.interventions import Dataset, Intervention, Location
from geo.regions import points_to_regions
from maps.palette import NONE_COLOUR, counts_to_classes

ATTRIBUTION = ("Boundaries: Natural Earth (public domain) · Places: GeoNames (CC-BY 4.0) · "
               "Codes: INEI · Data: the five source documents")
POPUP_LIST_MAX = 40  # interventions listed in a department popup; the rest are counted


@dataclass(frozen=True)
class MapSpec:
    """One map to write: its file, title, one-line description and selection."""

    filename: str
    title: str
    description: str
    keep: Callable[[Intervention], bool]
    kind: str = "overview"
    focus: tuple[str, ...] = ()  # region iso codes to zoom to
    department: str = ""  # INEI code, for department maps


def locations_to_regions(locations: list[Location], regions: gpd.GeoDataFrame) -> list[list[str]]:
    """The region iso codes each location touches.

    A department-level place touches every region of its department (Lima: PE-LIM
    and PE-LMA); a finer place, the region its point lies in.
    """
    by_ubigeo: dict[str, list[str]] = defaultdict(list)
    for iso, ubigeo in zip(regions["iso_code"], regions["ubigeo"]):
        by_ubigeo[ubigeo].append(iso)
    fine = [i for i, loc in enumerate(locations) if not _is_department_level(loc)]
    joined = points_to_regions([locations[i].lon for i in fine], [locations[i].lat for i in fine],
                               regions=regions) if fine else None
    out = [sorted(by_ubigeo[loc.department_code]) for loc in locations]
    for row, i in enumerate(fine):
        iso = joined["iso_code"].iloc[row]
        if isinstance(iso, str):
            out[i] = [iso]
    return out


def _is_department_level(loc: Location) -> bool:
    return loc.level == "department" or loc.precision >= 4


def _intervention_to_dict(item: Intervention) -> dict:
    return {"id": item.id, "title": item.title, "funders": list(item.funders),
            "implementers": list(item.implementers), "partners": list(item.partners),
            "period": item.period(), "status": item.status, "themes": list(item.themes),
            "scope": item.scope, "scope_note": item.scope_note, "budget": item.budget_text(),
            "source": item.source, "quote": item.quote, "group": item.funder_group}


def dataset_to_mapdata(dataset: Dataset, spec: MapSpec, touched: list[list[str]],
                       regions: gpd.GeoDataFrame, colours: dict[str, str]) -> dict:
    """The data one map's script draws."""
    chosen = [i for i in dataset.interventions if spec.keep(i)]
    index = {item.id: n for n, item in enumerate(chosen)}
    region_items: dict[str, set[int]] = defaultdict(set)
    markers = []
    located: set[int] = set()
    for loc, isos in zip(dataset.locations, touched):
        n = index.get(loc.intervention_id)
        if n is None:
            continue
        located.add(n)
        for iso in isos:
            region_items[iso].add(n)
        if not _is_department_level(loc):
            markers.append({"lat": round(loc.lat, 5), "lon": round(loc.lon, 5), "i": n,
                            "place": loc.name, "written": loc.as_written or loc.place,
                            "level": loc.level, "department": loc.department,
                            "precision": loc.precision,
                            "precision_label": PRECISION_LABELS.get(loc.precision, ""),
                            "reach": loc.reach, "funder": chosen[n].funders[0]})
    names = dict(zip(regions["iso_code"], regions["name"]))
    region_data = {}
    fills: dict[str, list[str]] = defaultdict(list)
    for iso in sorted(names):
        items = sorted(region_items.get(iso, ()))
        funders = sorted({f for n in items for f in chosen[n].funders}, key=str.casefold)
        region_data[iso] = {"name": names[iso], "n": len(items), "funders": funders,
                            "items": items[:POPUP_LIST_MAX],
                            "more": max(0, len(items) - POPUP_LIST_MAX)}
        for funder in funders:
            fills[funder].append(iso)
    funders_used = sorted({f for item in chosen for f in item.funders},
                          key=lambda f: (_group_of(chosen, f).casefold(), f.casefold()))
    max_n = max((r["n"] for r in region_data.values()), default=0)
    max_f = max((len(r["funders"]) for r in region_data.values()), default=0)
    return {
        "title": spec.title,
        "description": spec.description,
        "kind": spec.kind,
        "interventions": [_intervention_to_dict(item) for item in chosen],
        "regions": region_data,
        "funders": [{"name": f, "group": _group_of(chosen, f), "colour": colours[f],
                     "regions": fills.get(f, []),
                     "count": sum(1 for item in chosen if f in item.funders)}
                    for f in funders_used],
        "markers": sorted(markers, key=lambda m: (m["lat"], m["lon"], m["i"])),
        "unlocated": [n for n in range(len(chosen)) if n not in located],
        "shading": {"count": counts_to_classes(max_n), "funders": counts_to_classes(max_f),
                    "none": NONE_COLOUR},
        "focus": list(spec.focus),
        "attribution": ATTRIBUTION,
    }


def _group_of(chosen: list[Intervention], funder: str) -> str:
    for item in chosen:
        if funder in item.funders:
            return item.funder_group
    return ""


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
