"""Provinces and districts on a map: which units a page carries, and their counts.

A department page carries all its provinces and districts (``maps/static/subunits.js``
shades the provinces, and the districts when zoomed in); the overview carries only
the provinces where its interventions have places finer than a department, so it
stays small whatever the country holds. Counts are the facts'
(:func:`coop.facts.subunit_interventions`): a location at department level is
counted apart, never spread over the department's provinces.

Geometry is sent compactly, the departments' and neighbours' too
(:func:`geojson_to_page`): coordinates as integers of 1/10,000 degree (the files'
own precision; the overview's optional provinces 1/1,000), each ring's first point
absolute and the next ones as differences: ``[x0, y0, dx1, dy1, ...]``; the page
script decodes them.
"""

from __future__ import annotations

from functools import lru_cache


from coop.facts import Facts, SubunitCounts, subunit_interventions
from coop.model import Dataset
from geo.regions import district_to_iso, load_districts, load_provinces
from maps.budget import Budgets
from maps.mapdata import POPUP_LIST_MAX, MapSpec, _intervention_to_dict
from maps.i18n import Translator

SCALE = 10_000  # 1/10,000 degree: the precision of data/*.geojson
OVERVIEW_LIST_MAX = 10  # interventions an overview province's popup lists; the rest counted
NEIGHBOURS_SCALE = 100  # data/neighbours.geojson has 2 decimals
# The overview's optional provinces: 1/1,000 degree (under 0.1 km, a pixel up to zoom 10)
OVERVIEW_SCALE = 1_000


def coordinates_to_deltas(rings: list, scale: int) -> list[int]:
    """One GeoJSON ring (``[[lon, lat], ...]``, closed) as deltas at ``scale``."""
    points = [(round(x * scale), round(y * scale)) for x, y in rings[:-1]]
    out: list[int] = []
    px = py = 0
    for x, y in points:
        out += [x - px, y - py]
        px, py = x, y
    return out


def geojson_to_page(collection: dict, scale: int = SCALE) -> dict:
    """A FeatureCollection whose (multi)polygons are sent as deltas:
    ``{"type": "MultiPolygon", "d": [[ring deltas, ...], ...], "s": scale}``;
    ``subunits.js`` (``decodeGeo``) turns them back into GeoJSON."""
    features = []
    for feature in collection["features"]:
        geom = feature["geometry"]
        polygons = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        encoded = [[coordinates_to_deltas(ring, scale) for ring in polygon] for polygon in polygons]
        features.append({**feature, "geometry": {"type": "MultiPolygon", "d": encoded, "s": scale}})
    return {**collection, "features": features}


def geometry_to_deltas(geom, scale: int = SCALE) -> list[list[list[int]]]:
    """A shapely (multi)polygon as polygons of rings of deltas."""
    return [[coordinates_to_deltas(list(p.exterior.coords), scale)]
            + [coordinates_to_deltas(list(r.coords), scale) for r in p.interiors]
            for p in getattr(geom, "geoms", [geom])]


@lru_cache(maxsize=2)
def _encoded_units(scale: int = SCALE) -> dict[str, tuple[str, list]]:
    """Every province and district polygon: code -> (name, encoded geometry)."""
    out = {}
    for gdf in (load_provinces(), load_districts()):
        for code, name, geom in zip(gdf["ubigeo"], gdf["name"], gdf.geometry):
            out[code] = (name, geometry_to_deltas(geom, scale))
    return out


@lru_cache(maxsize=1)
def unit_names() -> dict[str, str]:
    """Province and district names by code (the gazetteer's, as the files carry them)."""
    from geo.gazetteer import read_places

    return {p.ubigeo: p.name for p in read_places() if p.level in ("province", "district")}


def ubigeo_to_units(ubigeo: str) -> list[str]:
    """``[district name, province name]`` of a code of 4 or 6 characters (``""`` unknown)."""
    names = unit_names()
    district = names.get(ubigeo, "") if len(ubigeo) == 6 else ""
    province = names.get(ubigeo[:4], "") if len(ubigeo) >= 4 else ""
    return [district, province]


def _marker_with_units(marker: dict) -> dict:
    """The marker with its district and province names (``units``) in place of its code."""
    out = dict(marker)
    out["units"] = _units_of(out.pop("ubigeo", ""))
    return out


@lru_cache(maxsize=None)
def _units_of(ubigeo: str) -> tuple[str, str]:
    return tuple(ubigeo_to_units(ubigeo))  # type: ignore[return-value]


def _listed(ks: list[int], limit: int, already: set[int]) -> list[int]:
    """Up to ``limit`` of ``ks`` (ascending): those the page lists anyway first, so
    that a popup adds few interventions to the page."""
    shown = [k for k in ks if k in already][:limit]
    if len(shown) < limit:
        shown += [k for k in ks if k not in already][:limit - len(shown)]
    return sorted(shown)


def _units(codes: list[str], positions: dict[str, list[int]], index: dict[int, int],
           funders_of: list[tuple[str, ...]], limit: int, already: set[int],
           funder_index: dict[str, int], scale: int) -> list[dict]:
    units = _encoded_units(scale)
    out = []
    for code in codes:
        ks = positions.get(code, [])
        funders = sorted({funder_index[f] for k in ks for f in funders_of[k]})
        shown = _listed(ks, limit, already)
        out.append({"code": code, "name": units[code][0], "iso": district_to_iso(code),
                    "n": len(ks), "funders": funders, "items": [index[k] for k in shown],
                    "ks": sorted(ks),
                    "more": len(ks) - len(shown), "g": units[code][1]})
    return out


def _department_units(code: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A department's province and district codes, sorted."""
    return _units_by_department().get(code, ((), ()))


@lru_cache(maxsize=1)
def _units_by_department() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    """Every department's province and district codes, sorted (one pass over each table)."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for level, gdf in enumerate((load_provinces(), load_districts())):
        for department, code in zip(gdf["department_code"], gdf["ubigeo"]):
            found.setdefault(department, ([], []))[level].append(code)
    return {d: (tuple(sorted(p)), tuple(sorted(t))) for d, (p, t) in found.items()}


def spec_to_units(spec: MapSpec, counts: SubunitCounts) -> tuple[list[str], list[str]]:
    """The province and district codes a page carries."""
    if spec.kind == "department":
        provinces, districts = _department_units(spec.department)
        return list(provinces), list(districts)
    if spec.kind == "overview":
        return sorted(counts.provinces), []
    return [], []


def add_subunits(data: dict, dataset: Dataset, spec: MapSpec, facts: Facts,
                 tr: Translator | None = None, budgets: Budgets | None = None) -> dict:
    """The map's data with ``subunits`` (the units it carries, their counts, their
    funders as positions in ``data["funders"]``, and geometry) and each marker's
    district and province named (``units``)."""
    tr = tr or Translator()
    markers = [_marker_with_units(m) for m in data["markers"]]
    if spec.kind not in ("overview", "department"):  # no provinces: nothing to count
        return {**data, "interventions": list(data["interventions"]), "markers": markers,
                "subunits": None}
    chosen = [dataset.interventions[n] for n in spec.members]
    counts = subunit_interventions(dataset, facts, chosen)
    provinces, districts = spec_to_units(spec, counts)
    limit = POPUP_LIST_MAX if spec.kind == "department" else OVERVIEW_LIST_MAX
    scale = SCALE if spec.kind == "department" else OVERVIEW_SCALE
    listed = list(data["interventions"])
    index_of_id = {item["id"]: i for i, item in enumerate(listed)}
    index = {k: index_of_id[item.id] for k, item in enumerate(chosen) if item.id in index_of_id}
    already = set(index)
    needed = {k for d in (counts.provinces, counts.districts) for code in provinces + districts
              for k in _listed(d.get(code, []), limit, already)}
    for k in sorted(needed - already):
        index[k] = len(listed)
        listed.append(_intervention_to_dict(chosen[k], tr, k, budgets))
    funders_of = [item.funders for item in chosen]
    funder_index = {f["name"]: i for i, f in enumerate(data["funders"])}  # in the legend's order
    apart = (counts.department_level.get(spec.department, []) if spec.kind == "department"
             else sorted({k for ks in counts.department_level.values() for k in ks}))
    subunits = {
        "kind": spec.kind,
        "scale": scale,
        "provinces": _units(provinces, counts.provinces, index, funders_of, limit, already,
                            funder_index, scale),
        "districts": _units(districts, counts.districts, index, funders_of, limit, already,
                            funder_index, scale),
        "apart": len(apart),
    } if provinces else None
    return {**data, "interventions": listed, "markers": markers, "subunits": subunits}
