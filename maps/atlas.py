"""The atlas: every map, the gallery and the donor-by-department matrix of a build.

:func:`dataset_to_files` is pure apart from reading the bundled geometry: it
returns ``{file name: bytes}``; :func:`coop.folders.write_output_folder` puts them in place atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from coop.facts import Facts, dataset_to_facts
from coop.files import slugify, unique_name
from coop.model import Dataset
from coop.vocabulary import THEMES
from geo.paths import NEIGHBOURS_FILE, REGIONS_FILE
from geo.regions import load_neighbours, load_regions
from maps.escape import to_html_attr, to_script_json
from coop.money import load_rates
from geo.gazetteer import read_aliases, read_places
from maps.budget import budget_note, dataset_to_budgets
from maps.gallery import render_gallery
from maps.i18n import Translator
from maps.mapdata import MapSpec, dataset_to_mapdata
from maps.memory import collection_paused
from maps.matrix import (dataset_to_budget_cells, dataset_to_matrix, matrix_to_csv,
                         render_budget_table, render_matrix_page)
from maps.page import render_map_bytes
from maps.subunits import NEIGHBOURS_SCALE, add_subunits, geojson_to_page
from maps.palette import funders_to_colours
from maps.period import Period, dataset_in_period
from maps.views import view_link
from maps.search import (GAZETTEER_FILE, gazetteer_to_entries, gazetteer_to_script,
                         mapdata_to_aliases)
from maps.thumbnail import data_to_thumbnail, regions_to_defs


@dataclass(frozen=True)
class BuildOptions:
    """What the command line may change."""

    tiles: bool = False
    embed: bool = False
    static: bool = False
    dpi: int = 150
    lang: str = "en"
    export: bool = False
    currency: str = "EUR"
    period: Period = Period()


def _describe(tr: Translator, key: str, count: int, apart: int, **values: object) -> str:
    text = tr.t(key, count=count, **values)
    return text + (tr.t("map.apart", count=apart) if apart else "")


def plan_maps(dataset: Dataset, facts: Facts, tr: Translator | None = None) -> list[MapSpec]:
    """The overview, one map per funder, per theme, and per department with interventions."""
    tr = tr or Translator()
    items = dataset.interventions
    unlocated = {n for n, i in enumerate(items) if i.id not in facts.locations_of}
    by_funder: dict[str, list[int]] = {}
    by_theme: dict[str, list[int]] = {}
    by_dept: dict[str, set[int]] = {}
    for n, item in enumerate(items):
        for funder in item.funders:
            by_funder.setdefault(funder, []).append(n)
        for theme in item.themes:
            by_theme.setdefault(theme, []).append(n)
        for code in facts.departments_of.get(item.id, ()):
            by_dept.setdefault(code, set()).add(n)
    specs = [MapSpec("overview.html", tr.dataset_title(dataset),
                     tr.t("map.overview_description",
                          interventions=tr.t("count.interventions", count=len(items)),
                          funders=tr.t("count.funders", count=len(by_funder))),
                     tuple(range(len(items))), "overview")]
    taken = {"overview", "index", "matrix", "report", "static"}
    for funder in sorted(by_funder, key=str.casefold):
        members = by_funder[funder]
        name = unique_name(f"funder-{slugify(funder)}", taken)
        specs.append(MapSpec(f"{name}.html", tr.t("map.funder_title", funder=funder),
                             _describe(tr, "map.funder_description", len(members),
                                       len(unlocated.intersection(members)), funder=funder),
                             tuple(members), "funder"))
    for theme in THEMES:
        members = by_theme.get(theme, [])
        if members:
            name = unique_name(f"theme-{slugify(theme)}", taken)
            word = tr.term("theme", theme)
            specs.append(MapSpec(f"{name}.html", tr.t("map.theme_title", theme=word),
                                 _describe(tr, "map.theme_description", len(members),
                                           len(unlocated.intersection(members)), theme=word),
                                 tuple(members), "theme"))
    names = facts.department_names
    for code in sorted(by_dept):
        members = tuple(sorted(by_dept[code]))
        focus = facts.units_of_department[code]
        name = unique_name(f"department-{code}-{slugify(names[code])}", taken)
        specs.append(MapSpec(f"{name}.html", tr.t("map.department_title", name=names[code]),
                             _describe(tr, "map.department_description", len(members), 0,
                                       name=names[code], code=code),
                             members, "department", focus, code))
    return specs


def period_to_specs(specs: list[MapSpec], period: Period, undated: int,
                    tr: Translator) -> list[MapSpec]:
    """Titles that say a build's fixed period, and how many undated interventions it left out."""
    if period.is_open():
        return specs
    left_out = tr.t("map.undated_left_out", count=undated) if undated else ""
    return [replace(s, title=tr.t("map.period_title", title=s.title, period=period.text()),
                    description=s.description + left_out) for s in specs]


def load_geometry() -> dict:
    """The regions (iso code and name only) and the neighbours, as GeoJSON dicts."""
    regions = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    for feature in regions["features"]:
        p = feature["properties"]
        feature["properties"] = {"iso_code": p["iso_code"], "name": p["name"]}
    neighbours = json.loads(NEIGHBOURS_FILE.read_text(encoding="utf-8"))
    # sent as integer deltas (maps/subunits.py), decoded by the page script
    return {"regions": geojson_to_page(regions), "neighbours": geojson_to_page(neighbours,
                                                                               NEIGHBOURS_SCALE)}


def embed_snippet(filename: str, title: str) -> str:
    """An iframe that shows a map in a report or a web page."""
    return (f'<iframe src="{to_html_attr(filename)}" title="{to_html_attr(title)}" '
            f'width="100%" height="520" style="border:0;max-width:100%" loading="lazy">'
            f"</iframe>\n")


def dataset_to_files(dataset: Dataset, options: BuildOptions = BuildOptions(),
                     progress: Callable[[str], None] | None = None) -> dict[str, bytes]:
    """Every output file of a build, by name."""
    tr = Translator(options.lang)
    regions = load_regions()
    geo_json = to_script_json(load_geometry())
    colours = funders_to_colours(dataset.funders())
    dataset, undated = dataset_in_period(dataset, options.period)
    facts = dataset_to_facts(dataset)
    budgets = dataset_to_budgets(dataset, options.currency, load_rates())
    specs = period_to_specs(plan_maps(dataset, facts, tr), options.period, undated, tr)
    attribution = tr.attribution(dataset)
    places, aliases = read_places(), read_aliases()
    files: dict[str, bytes] = {}
    files[GAZETTEER_FILE] = gazetteer_to_script(
        gazetteer_to_entries(places, aliases, facts.department_names)).encode("utf-8")
    thumbs: dict[str, str] = {}
    links: dict[str, str] = {}
    pictures: list[tuple[MapSpec, dict, str]] = []
    # the page data is millions of small objects: no collector walking them (maps/memory.py)
    with collection_paused():
        for n, spec in enumerate(specs, start=1):
            if progress:
                progress(f"map {n}/{len(specs)}: {spec.filename}")
            data = add_subunits(dataset_to_mapdata(dataset, spec, facts, colours, attribution, tr,
                                                   budgets), dataset, spec, facts, tr, budgets)
            data["search"] = mapdata_to_aliases(data, aliases)
            shading = "count" if spec.kind in ("overview", "department") else "plain"
            period = (options.period.start, options.period.end)
            files[spec.filename] = render_map_bytes(
                data, geo_json, tiles=options.tiles,
                funders_on=spec.kind not in ("overview", "department"), shading=shading, tr=tr,
                period=period, gazetteer=GAZETTEER_FILE)
            thumbs[spec.filename] = data_to_thumbnail(data, regions, shading=shading)
            links[spec.filename] = view_link(spec.filename, shading, options.period)
            if options.embed:
                files[spec.filename.replace(".html", ".embed.html")] = embed_snippet(
                    spec.filename, spec.title).encode("utf-8")
            if options.static and spec.kind in ("overview", "funder", "theme"):
                pictures.append((spec, data, shading))
    matrix = dataset_to_matrix(dataset, facts)
    files["matrix.csv"] = matrix_to_csv(matrix, tr).encode("utf-8-sig")
    amounts = {i: budgets.amount(i) for i in budgets.amounts}
    budget_table = render_budget_table(matrix, dataset_to_budget_cells(dataset, facts, amounts),
                                       budgets.currency,
                                       budget_note(budgets, tr) + " " + tr.t("matrix.budget_funders"), tr)
    files["matrix.html"] = render_matrix_page(matrix, colours, tr, budget_table).encode("utf-8")
    if options.static:
        files.update(pictures_to_files(pictures, dataset, facts, matrix, colours, options,
                                       progress, tr, links.get("overview.html", "")))
    if options.export:
        from maps.geopackage import dataset_to_geopackage

        if progress:
            progress("writing cooperation.gpkg")
        files["cooperation.gpkg"] = dataset_to_geopackage(dataset, facts, regions)
    defs = regions_to_defs(regions, load_neighbours())
    files["index.html"] = render_gallery(specs, dataset, thumbs, defs, embed=options.embed,
                                         static=options.static, tr=tr,
                                         export=options.export, links=links).encode("utf-8")
    return files


def pictures_to_files(pictures: list[tuple[MapSpec, dict, str]], dataset: Dataset, facts: Facts,
                      matrix, colours: dict[str, str], options: BuildOptions,
                      progress: Callable[[str], None] | None,
                      tr: Translator | None = None, overview_link: str = "") -> dict[str, bytes]:
    """PNG and SVG of the overview, funder and theme maps; the report and its PDF."""
    from maps.picture import data_to_figure, figure_to_bytes
    from maps.report import html_to_pdf, render_report

    tr = tr or Translator()
    regions, neighbours = load_regions(), load_neighbours()
    files: dict[str, bytes] = {}
    overview_png = b""
    for n, (spec, data, shading) in enumerate(pictures, start=1):
        if progress:
            progress(f"picture {n}/{len(pictures)}: {spec.filename}")
        stem = "static/" + spec.filename.removesuffix(".html")
        fig = data_to_figure(data, regions, neighbours, shading=shading, tr=tr)
        for fmt, content in figure_to_bytes(fig, ("png", "svg"), options.dpi).items():
            files[f"{stem}.{fmt}"] = content
        if spec.kind == "overview":
            overview_png = files[f"{stem}.png"]
    report = render_report(dataset, facts, matrix, colours, overview_png, tr,
                           overview_link=overview_link,
                           period=options.period.text()).encode("utf-8")
    files["report.html"] = report
    if progress:
        progress("printing report.pdf")
    # The printed report has no link to the interactive view: Chromium would write it
    # as the absolute address of the folder it prints in, a temporary one.
    printed = report if not overview_link else render_report(
        dataset, facts, matrix, colours, overview_png, tr,
        period=options.period.text()).encode("utf-8")
    files["report.pdf"] = html_to_pdf(printed)
    return files
