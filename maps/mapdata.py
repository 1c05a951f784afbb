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
from dataclasses import dataclass, field

from coop.facts import Facts
from coop.model import Dataset, Intervention, Location
from geo.gazetteer import PRECISION_LABELS
from coop.files import slugify
from maps.budget import MISSING_COLOUR, Budgets, amounts_to_classes, budget_note, budget_text
from maps.i18n import Translator
from maps.palette import NONE_COLOUR, counts_to_classes
from maps.period import years_of

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


def _is_department_level(loc: Location) -> bool:
    return loc.level == "department" or loc.precision >= 4


_SHOWN: list = []  # (translator, budgets, {id: dict}): one build's texts, made once for its maps


def _intervention_to_dict(item: Intervention, tr: Translator, k: int,
                          budgets: Budgets | None) -> dict:
    """What the popups and the national panel show of an intervention, in ``tr``'s words;
    ``k`` is its row in the map's live table. The texts are made once per build (an
    intervention shows on several maps)."""
    if not (_SHOWN and _SHOWN[0][0] is tr and _SHOWN[0][1] is budgets):
        _SHOWN[:] = [(tr, budgets, {})]
    texts = _SHOWN[0][2]
    if item.id not in texts:
        extra = {"budget": budget_text(item, budgets, tr)} if budgets and item.budget is not None else {}
        texts[item.id] = {
            "id": item.id, **extra, "title": tr.title(item), "funders": list(item.funders),
            "implementers": list(item.implementers), "period": tr.period(item),
            "status": tr.term("status", item.status), "themes": tr.terms("theme", item.themes),
            "scope": item.scope, "scope_note": item.scope_note, "source": item.source}
    return {**texts[item.id], "k": k}


def dataset_to_mapdata(dataset: Dataset, spec: MapSpec, facts: Facts,
                       colours: dict[str, str], attribution: str | None = None,
                       tr: Translator | None = None, budgets: Budgets | None = None) -> dict:
    """The data one map's script draws, in ``tr``'s language; its size is bounded
    whatever the dataset's.

    Counts are the facts' (INEI departments: a region's popup and shade are its
    department's, so PE-LIM and PE-LMA both show Lima's); fills and markers are
    drawn where the locations' codes say.
    """
    tr = tr or Translator()
    if attribution is None:
        attribution = tr.attribution(dataset)
    chosen = [dataset.interventions[n] for n in spec.members]
    parts = build_parts(dataset, facts)
    places: list[tuple[int, int]] = []  # (location index, index in chosen)
    located: set[int] = set()
    drawn: dict[str, set[str]] = defaultdict(set)  # funder -> ISO units its locations fill
    for k, item in enumerate(chosen):
        units = parts.units_of.get(item.id)
        if units is None:
            continue
        located.add(k)
        for funder in item.funders:
            drawn[funder].update(units)
        places += [(n, k) for n in parts.places_of[item.id]]
    shown: dict[int, int] = {}  # index in chosen -> index in the map's list

    def show(ks: list[int]) -> list[int]:
        return [shown.setdefault(k, len(shown)) for k in ks]

    funders_of = [item.funders for item in chosen]
    by_department = facts.department_interventions(chosen)
    department_data = {}
    for code in sorted(facts.units_of_department):
        items = by_department.get(code, [])
        funders = sorted({f for k in items for f in funders_of[k]}, key=str.casefold)
        department_data[code] = {"n": len(items), "funders": funders,
                                 "items": show(items[:POPUP_LIST_MAX]),
                                 "more": max(0, len(items) - POPUP_LIST_MAX)}
    region_data = {}
    for iso, name in sorted(facts.unit_names.items()):
        code = facts.department_of_unit[iso]
        region_data[iso] = {"name": name, "department": facts.department_names.get(code, name),
                            "code": code, **department_data[code]}
    markers = _places_to_markers(places, chosen, show, tr, dataset.locations, parts)
    unlocated = [k for k in range(len(chosen)) if k not in located]
    counts: dict[str, int] = defaultdict(int)
    group_of: dict[str, str] = {}
    for item in chosen:
        for f in item.funders:
            counts[f] += 1
            group_of.setdefault(f, item.funder_group)
    departments_of_funder = facts.funder_departments(chosen)
    funders_used = sorted(counts, key=lambda f: (group_of[f].casefold(), f.casefold()))
    max_n = max((d["n"] for d in department_data.values()), default=0)
    max_f = max((len(d["funders"]) for d in department_data.values()), default=0)
    unlocated_shown = show(unlocated[:UNLOCATED_MAX])
    listed = sorted(shown, key=shown.get)
    out = {
        "title": spec.title,
        "description": spec.description,
        "kind": spec.kind,
        "total": len(chosen),
        "interventions": [_intervention_to_dict(chosen[k], tr, k, budgets) for k in listed],
        "regions": region_data,
        "funders": [{"name": f, "slug": slugify(f), "group": tr.group(group_of[f]), "colour": colours[f],
                     "regions": sorted(drawn.get(f, ())), "count": counts[f],
                     "departments": len(departments_of_funder.get(f, ()))}
                    for f in funders_used],
        "markers": markers,
        "unlocated": unlocated_shown,
        "unlocated_more": max(0, len(unlocated) - UNLOCATED_MAX),
        "shading": {"count": counts_to_classes(max_n), "funders": counts_to_classes(max_f),
                    "none": NONE_COLOUR},
        "focus": list(spec.focus),
        "attribution": attribution,
        "precision_labels": {str(k): tr.term("precision", k) for k in PRECISION_LABELS},
        **_live_data(chosen, parts, funders_used, budgets),
        **_budget_data(chosen, facts, region_data, budgets, tr),
    }
    if "budget_classes" in out:
        out["shading"]["budget"] = out.pop("budget_classes")
    return out


@dataclass(frozen=True)
class BuildParts:
    """What every map of one build reads about each intervention and location,
    computed once per dataset and facts (:func:`build_parts`)."""

    units: list[str]  # every ISO unit, sorted: what the live table's unit indices index
    units_of: dict[str, frozenset[str]]  # intervention id -> ISO units its locations fill
    unit_indices: dict[str, list[int]]  # intervention id -> those units, as sorted indices
    places_of: dict[str, tuple[int, ...]]  # intervention id -> its locations finer than a department
    place_ranks: list[int]  # per location: its (lat, lon, name)'s rank among the dataset's
    years: dict[str, tuple[int | None, int | None]]  # intervention id -> first and last year
    markers: dict[tuple[int, int], dict] = field(default_factory=dict, compare=False)  # a cache


_PARTS: list = []  # (dataset, facts, parts): one build's, computed once for its maps


def build_parts(dataset: Dataset, facts: Facts) -> BuildParts:
    """The parts of a build's maps that do not depend on the map (made once per
    dataset and facts, then read by every map)."""
    if _PARTS and _PARTS[0][0] is dataset and _PARTS[0][1] is facts:
        return _PARTS[0][2]
    units = sorted(facts.unit_names)
    unit_index = {iso: n for n, iso in enumerate(units)}
    units_of = {item_id: frozenset(iso for n in ns for iso in facts.location_units[n])
                for item_id, ns in facts.locations_of.items()}
    locations = dataset.locations
    parts = BuildParts(
        units=units, units_of=units_of,
        unit_indices={item_id: sorted(unit_index[iso] for iso in isos)
                      for item_id, isos in units_of.items()},
        places_of={item_id: tuple(n for n in ns if not _is_department_level(locations[n]))
                   for item_id, ns in facts.locations_of.items()},
        place_ranks=_place_ranks(locations),
        years={item.id: years_of(item) for item in dataset.interventions})
    _PARTS[:] = [(dataset, facts, parts)]
    return parts


def _place_ranks(locations: list[Location]) -> list[int]:
    """Per location, the rank of its point and name among the distinct ones: markers
    are grouped by place and sorted by (lat, lon, name) as integers."""
    keys = [(loc.lat, loc.lon, loc.name) for loc in locations]
    rank = {key: r for r, key in enumerate(sorted(set(keys)))}
    return [rank[key] for key in keys]


def _marker_base(n: int, loc: Location, tr: Translator, parts: BuildParts) -> dict:
    """What a marker at location ``n`` says of its place (made once per build and language)."""
    key = (n, tr.lang)
    base = parts.markers.get(key)
    if base is None:
        base = parts.markers[key] = {
            "lat": round(loc.lat, 5), "lon": round(loc.lon, 5), "place": loc.name,
            "written": loc.as_written or loc.place, "level": tr.term("level", loc.level),
            "department": loc.department, "ubigeo": loc.ubigeo, "precision": loc.precision,
            "reach": loc.reach}
    return base


def _budget_data(chosen: list[Intervention], facts: Facts, region_data: dict,
                 budgets: Budgets | None, tr: Translator) -> dict:
    """The budget shading: each region's department total (full period, split evenly;
    absent where no intervention there states a budget), quantile classes, and the
    words on rates and split. Only when a located intervention has a budget."""
    if budgets is None:
        return {}
    amounts = {}
    for item in chosen:
        amount = budgets.amount(item.id)
        if amount is not None:
            amounts[item.id] = amount
    totals = facts.department_budgets(chosen, amounts)
    for region in region_data.values():
        if region["code"] in totals:
            region["budget"] = round(totals[region["code"]], 2)
    located = any(i.id in amounts and i.id in facts.locations_of for i in chosen)
    return {"budget": {"currency": budgets.currency, "any": located,
                       "missing_colour": MISSING_COLOUR, "note": budget_note(budgets, tr)},
            "budget_classes": amounts_to_classes(list(totals.values())) if located else []}


def _live_data(chosen: list[Intervention], parts: BuildParts, funders: list[str],
               budgets: Budgets | None = None) -> dict:
    """What the page needs to recount for a period: per intervention (row ``k``)
    ``[first year, last year, unit indices, funder indices, amount]`` (0 for a year not
    stated; units index ``units``, the ISO codes it is drawn in; funders index the
    map's ``funders``), and the years the map spans."""
    funder_index = {f: n for n, f in enumerate(funders)}
    rows = []
    years: list[int] = []
    no_units: list[int] = []
    for item in chosen:
        first, last = parts.years[item.id]
        if first is not None:
            years.append(first)
        if last is not None:
            years.append(last)
        row = [first or 0, last or 0, parts.unit_indices.get(item.id, no_units),
               [funder_index[f] for f in item.funders]]
        if budgets is not None:
            row.append(budgets.amount(item.id))
        rows.append(row)
    return {"units": parts.units, "live": rows, "years": [min(years), max(years)] if years else []}


def _places_to_markers(places: list[tuple[int, int]], chosen: list[Intervention],
                       show: Callable[[list[int]], list[int]], tr: Translator,
                       locations: list[Location], parts: BuildParts) -> list[dict]:
    """One marker per intervention and place (``places``: location index, index in
    ``chosen``); when there are too many, one per place and funder, then one per
    place, each listing its interventions."""
    if not places:
        return []
    place_of = parts.place_ranks  # the same place: the same (lat, lon, name)
    tiers = (lambda: [(place_of[n], k) for n, k in places],
             lambda: [(place_of[n], chosen[k].funders[0]) for n, k in places],
             lambda: [place_of[n] for n, _k in places])
    for tier, tier_keys in enumerate(tiers):
        keys = tier_keys()
        if tier < len(tiers) - 1 and len(places) > MARKERS_MAX and len(set(keys)) > MARKERS_MAX:
            continue
        groups: dict = defaultdict(list)
        for key, member in zip(keys, places):
            groups[key].append(member)
        break
    limit = 1 if tier == 0 else MARKER_LIST_MAX
    markers = []
    # by place, then by the text of the intervention's position or of the funder
    order = sorted(groups) if tier == len(tiers) - 1 else sorted(groups, key=lambda g: (g[0], str(g[1:])))
    bases = parts.markers
    for group_key in order:
        members = groups[group_key]
        n = members[0][0]
        ks = [members[0][1]] if len(members) == 1 else sorted({k for _n, k in members})
        base = bases.get((n, tr.lang)) or _marker_base(n, locations[n], tr, parts)
        markers.append({
            **base, "funder": chosen[ks[0]].funders[0], "items": show(ks[:limit]), "ks": ks,
            "more": len(ks) - limit if len(ks) > limit else 0})
    return markers


def region_colour(data: dict, iso: str, shading: str, plain: str = "#fbfbf8") -> str:
    """A region's fill for a shading mode: ``count``, ``funders``, ``budget`` or ``plain``."""
    if shading == "plain":
        return plain
    region = data["regions"][iso]
    if shading == "budget":
        if "budget" not in region:
            return data["budget"]["missing_colour"] if region["n"] else data["shading"]["none"]
        value = region["budget"]
    else:
        value = region["n"] if shading == "count" else len(region["funders"])
    for c in data["shading"][shading]:
        if c["lo"] <= value <= c["hi"]:
            return c["colour"]
    return data["shading"]["none"]
