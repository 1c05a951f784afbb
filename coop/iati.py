"""Reading donors' IATI activity files (standard 2.01-2.03; 1.0x as far as it goes).

:func:`paths_to_import` streams the files (:mod:`coop.iati_files`), reads each
activity (:mod:`coop.iati_activities`), keeps those for Peru and maps them onto the
dataset's two tables (``docs/data.md``, section "IATI activity files") with a log of
everything skipped or partly read (:mod:`coop.iati_log`). Each part of the mapping
is a module of pure functions: :mod:`coop.iati_narratives` (titles, descriptions),
:mod:`coop.iati_organisations` (roles, names, funder groups),
:mod:`coop.iati_sectors` (themes), :mod:`coop.iati_dates` (status, dates),
:mod:`coop.iati_budgets` (budget, Peru's share) and :mod:`coop.iati_locations`
(points and names onto places). The mapping tables are ``data/dac_themes.csv``
and ``data/org_groups.csv``.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

from coop.errors import DataError, DataErrors
from coop.files import display_path, rows_to_csv_bytes
from coop.iati_activities import PERU, RawActivity, RawLocation, element_to_activity, may_be_peru
from coop.iati_budgets import activity_to_budget
from coop.iati_dates import CANCELLED, dates_to_span, status_to_text
from coop.iati_files import expand_paths, is_iati_source, read_activities
from coop.iati_locations import Locator, location_to_level, location_to_precision
from coop.iati_log import LOG_COLUMNS, Issue, issue_to_entry
from coop.iati_narratives import narratives_to_texts, pick_text, spanish_text
from coop.iati_organisations import (OrgNames, RawOrg, Roles, load_org_groups, org_to_group,
                                     orgs_to_roles)
from coop.iati_sectors import load_dac_themes, sector_to_theme, sectors_to_themes
from coop.model import INTERVENTION_COLUMNS, LOCATION_COLUMNS
from coop.tables import RawTable
from geo.geocoder import Geocoder, default_geocoder

__all__ = ["IatiImport", "RawActivity", "RawLocation", "RawOrg", "element_to_activity",
           "expand_paths", "is_iati_source", "load_dac_themes", "load_org_groups",
           "location_to_level", "location_to_precision", "may_be_peru", "org_to_group",
           "paths_to_import", "pick_text", "read_activities", "sector_to_theme",
           "spanish_text"]

HUMANITARIAN_NOTE = "humanitarian (IATI humanitarian flag)"
INTERVENTION_NAMES = [c.name for c in INTERVENTION_COLUMNS]


@dataclass
class IatiImport:
    """The two tables (as text rows), the log and the counts of one import."""

    interventions: list[dict[str, str]]
    locations: list[dict[str, str]]
    log: list[dict[str, str]]
    files: int = 0
    read: int = 0
    kept: int = 0
    located: int = 0
    national: int = 0

    def summary(self) -> str:
        """The one line the ``iati`` command prints."""
        return (f"{self.files} files, {self.read} activities read, {self.kept} kept for Peru, "
                f"{self.located} located, {self.national} national; {len(self.log)} entries "
                f"in iati-log.csv")

    def to_tables(self, label: str) -> dict[str, RawTable]:
        """The tables as :mod:`coop.validation` reads them."""
        out = {}
        for name, rows, columns in (("interventions", self.interventions, INTERVENTION_COLUMNS),
                                    ("locations", self.locations, LOCATION_COLUMNS)):
            header = [c.name for c in columns]
            out[name] = RawTable(f"{label}[{name}]", header,
                                 [[row.get(h, "") for h in header] for row in rows])
        return out

    def to_files(self) -> dict[str, bytes]:
        """``interventions.csv``, ``locations.csv`` and ``iati-log.csv``."""
        return {
            "interventions.csv": rows_to_csv_bytes(self.interventions,
                                                   [c.name for c in INTERVENTION_COLUMNS]),
            "locations.csv": rows_to_csv_bytes(self.locations, [c.name for c in LOCATION_COLUMNS]),
            "iati-log.csv": rows_to_csv_bytes(self.log, LOG_COLUMNS),
        }


@dataclass(slots=True)
class _Mapped:
    """An activity mapped but for its places and organisation names: its row and what
    placing it needs (not the whole :class:`RawActivity`, which is let go once read)."""

    file: str
    line: int
    identifier: str
    status: str
    countries: list[tuple[str, str]]
    regions: list[tuple[str, str]]
    transaction_countries: frozenset[str]
    locations: list[RawLocation]
    row: dict[str, str]
    notes: list[str]
    issues: list[Issue]
    roles: Roles


def paths_to_import(paths: list[Path], geocoder: Geocoder | None = None) -> IatiImport:
    """Read IATI files and folders; keep the activities for Peru; map them onto the tables.

    Raises :class:`DataErrors` with one line per bad file; then nothing is produced.
    """
    files = expand_paths(paths)
    collecting = gc.isenabled()
    gc.disable()  # many small, acyclic records: the cyclic collector would only rescan them
    try:
        return _import(files, Locator(geocoder or default_geocoder()))
    finally:
        if collecting:
            gc.enable()


def _import(files: list[Path], locator: Locator) -> IatiImport:
    """Read every file (all or nothing), then keep and locate the activities."""
    errors: list[DataError] = []
    mapped: list[_Mapped] = []
    log: list[dict[str, str]] = []
    names = OrgNames()
    read = 0
    for path in files:
        try:
            for act in read_activities(path, peru_only=True):
                read += 1
                if act.partial:
                    log.append(_entry(act, ("skipped: not Peru", _countries_text(act))))
                    continue
                names.count(act.orgs)
                if act.reporting is not None:
                    names.count([act.reporting])
                mapped.append(activity_to_mapped(act))
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise DataErrors(errors)
    locator.join_points([loc for item in mapped for loc in item.locations])
    interventions: list[dict[str, str]] = []
    locations: list[dict[str, str]] = []
    seen: set[str] = set()
    located = national = 0
    for item in mapped:
        rows = _keep(item, seen, locator, names, log)
        if rows is None:
            continue
        interventions.append(item.row)
        locations += rows
        if item.row["scope"] == "subnational":
            located += 1
        elif item.row["scope"] == "national":
            national += 1
    order = {label: i for i, label in enumerate(display_path(f) for f in files)}
    log.sort(key=lambda e: (order.get(e["file"], len(order)), int(e["line"])))
    kept = {row["id"] for row in interventions}
    for row in interventions:
        if row["part_of"] and row["part_of"] not in kept:
            row["part_of"] = ""
    return IatiImport(interventions, locations, log, files=len(files), read=read,
                      kept=len(interventions), located=located, national=national)


def _entry(act: RawActivity | _Mapped, issue: Issue) -> dict[str, str]:
    return issue_to_entry(act.file, act.line, act.identifier, issue)


def activity_to_mapped(act: RawActivity) -> _Mapped:
    """Map all but the places and organisation names, keeping only what the rest needs
    (the issues wait until the activity is kept)."""
    row = dict.fromkeys(INTERVENTION_NAMES, "")  # every column: rows are written whole
    row["id"], row["source"], row["part_of"] = act.identifier, act.source, act.parent
    texts, issues = narratives_to_texts(act.titles, act.descriptions, act.lang, act.identifier)
    row.update(texts)
    roles, notes, found = orgs_to_roles(act.orgs, act.reporting)
    issues += found
    if not roles.funders:
        row["funders"] = "not stated"
    row["funder_group"] = roles.funder_group
    row["themes"], more, found = sectors_to_themes(act.sectors or act.transaction_sectors)
    notes += more
    issues += found
    row["status"], more, found = status_to_text(act.status)
    notes += more
    issues += found
    row["start"], row["end"], found = dates_to_span(act.dates)
    issues += found
    row["budget"], row["currency"], more, found = activity_to_budget(
        act.budgets, act.commitments, act.default_currency, act.countries, act.regions)
    notes += more
    issues += found
    if act.humanitarian:
        notes.append(HUMANITARIAN_NOTE)
    return _Mapped(act.file, act.line, act.identifier, act.status, act.countries, act.regions,
                   act.transaction_countries, act.locations, row, notes, issues, roles)


def _keep(item: _Mapped, seen: set[str], locator: Locator, names: OrgNames,
          log: list[dict[str, str]]) -> list[dict[str, str]] | None:
    """The activity's location rows if it is kept (its row completed), else ``None``;
    its log entries go to ``log``."""
    act, row = item, item.row
    if not act.identifier:
        log.append(_entry(act, ("skipped: no iati-identifier", "")))
        return None
    if act.identifier in seen:
        log.append(_entry(act, ("skipped: duplicate", "the same iati-identifier was read "
                                                      "before; the first one is kept")))
        return None
    if act.status == CANCELLED:
        log.append(_entry(act, ("skipped: cancelled", "activity-status 5 (cancelled)")))
        return None
    recipient = any(code == PERU for code, _ in act.countries) or (
        not act.countries and PERU in act.transaction_countries)
    rows, issues = locator.locations_to_rows(act.locations, recipient)
    if not recipient and not rows:
        log.append(_entry(act, ("skipped: not Peru", _countries_text(act)
                                + "; no location in Peru")))
        return None
    seen.add(act.identifier)
    log += [_entry(act, issue) for issue in item.issues + issues]
    roles = item.roles
    row["funders"] = names.names(roles.funders) or row["funders"]
    row["implementers"] = names.names(roles.implementers)
    row["partners"] = names.names(roles.partners)
    others = [c for c, _ in act.countries if c != PERU]
    if rows:
        row["scope"] = "subnational"
    elif recipient and not others and not act.regions:
        row["scope"], row["scope_note"] = "national", "recipient country Peru; no location given"
    else:
        row["scope"] = "unspecified regions"
        row["scope_note"] = ("several recipient countries or regions; places in Peru not "
                             "given" if others or act.regions else "places in Peru not given")
    row["note"] = "; ".join(item.notes)
    for loc_row in rows:
        loc_row["intervention_id"] = act.identifier
    return rows


def _countries_text(act: RawActivity | _Mapped) -> str:
    codes = [c for c, _ in act.countries] or sorted(act.transaction_countries)
    return ("recipient countries: " + ", ".join(codes)) if codes else "no recipient country"
