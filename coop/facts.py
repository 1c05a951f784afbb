"""Facts about a dataset, computed once, that every page reads.

A location's department is its resolved unit's INEI code
(:attr:`~coop.model.Location.department_code`), never its point re-joined to
the (coarse) boundaries: the point is for drawing. Departments are counted as
INEI departments: Lima (15) once, with Lima Metropolitana.

The ISO 3166-2 units a location is drawn in follow from its codes alone: a
department's every unit (15 Lima: PE-LIM and PE-LMA), except that in Lima a
unit in province 1501 is in PE-LMA and a unit in another province in PE-LIM.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from coop.model import Dataset, Intervention, Location

LIMA = "15"
LIMA_METROPOLITANA_PROVINCE = "1501"  # Lima Province, ISO 3166-2 PE-LMA
NATIONAL = ""  # the "department" of an intervention no location places


@dataclass(frozen=True)
class RegionUnit:
    """One ISO 3166-2:PE subdivision: its code, name, INEI department and kind."""

    iso_code: str
    name: str
    department_code: str
    kind: str


@dataclass(frozen=True)
class Facts:
    """Where each intervention counts and is drawn, and the counts every page shows."""

    department_names: dict[str, str]  # INEI code -> department name, in code order
    units_of_department: dict[str, tuple[str, ...]]  # INEI code -> ISO codes
    department_of_unit: dict[str, str]  # ISO code -> INEI code
    unit_names: dict[str, str]  # ISO code -> name
    locations_of: dict[str, tuple[int, ...]]  # intervention id -> indices into locations
    location_units: tuple[tuple[str, ...], ...]  # per location: ISO codes it is drawn in
    departments_of: dict[str, tuple[str, ...]]  # intervention id -> INEI codes (sorted)
    # what is computed from these once, when first asked (see _subunits_of)
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    def funder_departments(self, interventions: Iterable[Intervention]) -> dict[str, set[str]]:
        """For each funder of these interventions, the INEI departments they are located in."""
        out: dict[str, set[str]] = {}
        for item in interventions:
            codes = self.departments_of.get(item.id, ())
            for funder in item.funders:
                out.setdefault(funder, set()).update(codes)
        return out

    def department_interventions(self, interventions: Iterable[Intervention]
                                 ) -> dict[str, list[int]]:
        """INEI code -> positions (in the given order) of the interventions located there."""
        out: dict[str, list[int]] = defaultdict(list)
        for k, item in enumerate(interventions):
            for code in self.departments_of.get(item.id, ()):
                out[code].append(k)
        return dict(out)

    def department_budgets(self, interventions: Iterable[Intervention],
                           amounts: dict[str, float]) -> dict[str, float]:
        """INEI code -> the budgets located there: each intervention's amount (by id,
        those without one left out) split evenly over the departments it is located in."""
        out: dict[str, float] = defaultdict(float)
        for item in interventions:
            codes = self.departments_of.get(item.id, ())
            if item.id in amounts and codes:
                for code in codes:
                    out[code] += amounts[item.id] / len(codes)
        return dict(out)

    def funder_counts(self, interventions: Iterable[Intervention]) -> dict[tuple[str, str], int]:
        """``(funder, INEI code)`` -> interventions; :data:`NATIONAL` for those not located."""
        cells: dict[tuple[str, str], int] = defaultdict(int)
        for item in interventions:
            for funder in item.funders:
                for code in self.departments_of.get(item.id, (NATIONAL,)):
                    cells[(funder, code)] += 1
        return dict(cells)


def location_to_units(loc: Location, units_of_department: dict[str, tuple[str, ...]]
                      ) -> tuple[str, ...]:
    """The ISO units a location is drawn in, from its INEI codes alone."""
    units = units_of_department.get(loc.department_code, ())
    if loc.department_code == LIMA and len(loc.ubigeo) >= 4:
        metropolitana = loc.ubigeo.startswith(LIMA_METROPOLITANA_PROVINCE)
        lima = [u for u in units if (u == "PE-LMA") == metropolitana]
        return tuple(lima) or units
    return units


def dataset_to_facts(dataset: Dataset, units: list[RegionUnit] | None = None) -> Facts:
    """Compute the facts of a dataset once; ``units`` default to the bundled regions."""
    units = region_units() if units is None else units
    units_of_department: dict[str, list[str]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: u.iso_code):
        units_of_department[unit.department_code].append(unit.iso_code)
    frozen = {code: tuple(isos) for code, isos in sorted(units_of_department.items())}
    names = {u.department_code: u.name for u in sorted(units, key=lambda u: u.department_code)
             if u.kind != "municipality"}
    locations_of: dict[str, list[int]] = defaultdict(list)
    departments: dict[str, set[str]] = defaultdict(set)
    for n, loc in enumerate(dataset.locations):
        locations_of[loc.intervention_id].append(n)
        departments[loc.intervention_id].add(loc.department_code)
    return Facts(
        department_names=names,
        units_of_department=frozen,
        department_of_unit={u.iso_code: u.department_code for u in units},
        unit_names={u.iso_code: u.name for u in sorted(units, key=lambda u: u.iso_code)},
        locations_of={k: tuple(v) for k, v in locations_of.items()},
        location_units=tuple(location_to_units(loc, frozen) for loc in dataset.locations),
        departments_of={k: tuple(sorted(v)) for k, v in departments.items()},
    )


def region_units() -> list[RegionUnit]:
    """The bundled ISO 3166-2:PE units."""
    from geo.regions import load_regions

    regions = load_regions()
    return [RegionUnit(iso, name, code, kind) for iso, name, code, kind in
            zip(regions["iso_code"], regions["name"], regions["ubigeo"], regions["kind"])]


# -- below the department: provinces and districts ---------------------------------


def is_department_level(loc: Location) -> bool:
    """Whether a location says no more than its department (drawn as the department)."""
    return loc.level == "department" or loc.precision >= 4 or len(loc.ubigeo) < 4


def location_to_subunits(loc: Location) -> tuple[str, str]:
    """The province and district polygon codes a location counts in below its department.

    ``("", "")`` for a location at department level: it is counted apart, never
    spread over the department's provinces. A district created after 2007 counts in
    the 2007 polygon it lies in (``data/unit_lineage.csv``), or only in its province
    when that polygon is the province.
    """
    if is_department_level(loc):
        return "", ""
    return _code_to_subunits(loc.ubigeo)


@lru_cache(maxsize=None)
def _code_to_subunits(ubigeo: str) -> tuple[str, str]:
    """The province and district polygon codes of a code of 4 or 6 characters."""
    if len(ubigeo) == 4:
        return ubigeo, ""
    from geo.regions import unit_to_polygon

    polygon = unit_to_polygon(ubigeo)
    return ubigeo[:4], polygon if len(polygon) == 6 else ""


@dataclass(frozen=True)
class SubunitCounts:
    """Positions (in the given order) of the interventions located in each unit."""

    provinces: dict[str, list[int]]  # province code -> interventions with a place in it
    districts: dict[str, list[int]]  # district polygon code -> interventions with a place in it
    department_level: dict[str, list[int]]  # INEI code -> interventions located there as a whole


def subunit_interventions(dataset: Dataset, facts: Facts,
                          interventions: Iterable[Intervention]) -> SubunitCounts:
    """Where below the department each of these interventions is located, from its codes."""
    where = _subunits_of(dataset, facts)
    provinces: dict[str, list[int]] = defaultdict(list)
    districts: dict[str, list[int]] = defaultdict(list)
    whole: dict[str, list[int]] = defaultdict(list)
    for k, item in enumerate(interventions):  # k ascends: every list is sorted, no repeats
        units = where.get(item.id)
        if units is None:
            continue
        for code in units[0]:
            provinces[code].append(k)
        for code in units[1]:
            districts[code].append(k)
        for code in units[2]:
            whole[code].append(k)
    done = lambda d: dict(sorted(d.items()))  # noqa: E731
    return SubunitCounts(done(provinces), done(districts), done(whole))


_Subunits = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _subunits_of(dataset: Dataset, facts: Facts) -> dict[str, _Subunits]:
    """Intervention id -> its provinces, district polygons and departments it is
    located in as a whole (:func:`location_to_subunits`), each without repeats;
    computed once per dataset and facts (every page of a build asks)."""
    cached = facts.memo.get("subunits")
    if cached is not None and cached[0] is dataset:
        return cached[1]
    out: dict[str, _Subunits] = {}
    for item_id, ns in facts.locations_of.items():
        provinces: dict[str, None] = {}
        districts: dict[str, None] = {}
        whole: dict[str, None] = {}
        for n in ns:
            loc = dataset.locations[n]
            province, district = location_to_subunits(loc)
            if not province:
                whole[loc.department_code] = None
                continue
            provinces[province] = None
            if district:
                districts[district] = None
        out[item_id] = (tuple(provinces), tuple(districts), tuple(whole))
    facts.memo["subunits"] = (dataset, out)
    return out
