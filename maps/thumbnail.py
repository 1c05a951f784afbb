"""Small SVG thumbnails of each map for the gallery, drawn from the same data.

The region outlines are defined once in the page (``<symbol>``s) and every
thumbnail reuses them with its own fills, so thirty thumbnails cost little.
"""

from __future__ import annotations

import geopandas as gpd
import shapely

from maps.escape import to_html_attr
from maps.mapdata import region_colour

SCALE = 10  # SVG units per degree
THUMB_TOLERANCE = 0.04
THUMB_MARKERS_MAX = 60
THUMB_FUNDERS_MAX = 6


def _ring_to_path(coords) -> str:
    pts = [f"{x * SCALE:.1f},{-y * SCALE:.1f}" for x, y in coords]
    return "M" + "L".join(pts) + "Z"


def geometry_to_path(geom) -> str:
    """SVG path data (lon, -lat) for a polygon or multipolygon."""
    parts = []
    for poly in getattr(geom, "geoms", [geom]):
        parts.append(_ring_to_path(poly.exterior.coords))
        parts.extend(_ring_to_path(r.coords) for r in poly.interiors)
    return "".join(parts)


def regions_to_defs(regions: gpd.GeoDataFrame, neighbours: gpd.GeoDataFrame) -> str:
    """The shared outlines, as a hidden SVG of symbols."""
    simple = shapely.simplify(regions.geometry.values, THUMB_TOLERANCE, preserve_topology=True)
    paths = "".join(f'<path id="t-{to_html_attr(iso)}" d="{geometry_to_path(g)}"/>'
                    for iso, g in zip(regions["iso_code"], simple))
    land = shapely.simplify(neighbours.geometry.values, THUMB_TOLERANCE * 2)
    land_path = "".join(geometry_to_path(g) for g in land if not g.is_empty)
    return (f'<svg width="0" height="0" style="position:absolute" aria-hidden="true"><defs>'
            f'{paths}<path id="t-land" d="{land_path}"/></defs></svg>')


def data_to_thumbnail(data: dict, regions: gpd.GeoDataFrame, *, shading: str) -> str:
    """One thumbnail: the map's default view, 160 px wide."""
    shown = regions[regions["iso_code"].isin(data["focus"])] if data["focus"] else regions
    minx, miny, maxx, maxy = shown.total_bounds
    pad = max(maxx - minx, maxy - miny) * 0.08
    box = (f"{(minx - pad) * SCALE:.1f} {-(maxy + pad) * SCALE:.1f} "
           f"{(maxx - minx + 2 * pad) * SCALE:.1f} {(maxy - miny + 2 * pad) * SCALE:.1f}")
    stroke = max(maxx - minx, maxy - miny) * SCALE / 160
    parts = ['<rect x="-2000" y="-400" width="4000" height="800" fill="#d7e6ef"/>',
             f'<use href="#t-land" fill="#eeeeea" stroke="#b8b8b8" stroke-width="{stroke:.2f}"/>']
    for iso in regions["iso_code"]:
        parts.append(f'<use href="#t-{iso}" fill="{region_colour(data, iso, shading)}" stroke="#555" '
                     f'stroke-width="{stroke:.2f}"/>')
    if shading == "plain":
        biggest = sorted(data["funders"], key=lambda f: -f["count"])[:THUMB_FUNDERS_MAX]
        for funder in [f for f in data["funders"] if f in biggest]:
            colour = to_html_attr(funder["colour"])
            parts += [f'<use href="#t-{iso}" fill="{colour}" fill-opacity="0.35" '
                      f'stroke="{colour}" stroke-width="{stroke * 1.5:.2f}"/>'
                      for iso in funder["regions"]]
    colour_of = {f["name"]: f["colour"] for f in data["funders"]}
    for m in data["markers"][:THUMB_MARKERS_MAX]:
        parts.append(f'<circle cx="{m["lon"] * SCALE:.1f}" cy="{-m["lat"] * SCALE:.1f}" '
                     f'r="{stroke * 3:.2f}" fill="{to_html_attr(colour_of.get(m["funder"], "#333"))}" '
                     f'stroke="#fff" stroke-width="{stroke * 0.6:.2f}"/>')
    return (f'<svg class="thumb" viewBox="{box}" width="160" height="190" role="img" '
            f'aria-label="{to_html_attr(data["title"])}">' + "".join(parts) + "</svg>")
