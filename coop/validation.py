"""Checking a dataset's tables and resolving every place through the geocoder.

:func:`load_dataset` reads the tables (:mod:`coop.tables`), checks them here and
returns a :class:`~coop.model.Dataset`, or raises :class:`~coop.errors.DataErrors`
listing every problem as ``file:row:column``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coop.errors import DataError, DataErrors
from coop.files import display_path
from coop.iati import is_iati_source, paths_to_import
from coop.model import (INTERVENTION_COLUMNS, LOCATION_COLUMNS, TABLE_COLUMNS, Column, Dataset,
                        DatasetInfo, Intervention, Location)
from coop.info import check_sources
from coop.tables import RawTable, read_info, read_tables
from coop.values import (ValueProblem, text_to_code, text_to_coordinate, text_to_date,
                         text_to_excel_error, text_to_int, text_to_list, text_to_number)
from coop.vocabulary import CURRENCIES, REACH, SCOPES, STATUSES, THEMES
from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.geocoder import Geocoder, Match, default_geocoder
from geo.names import LEVELS
from geo.paths import DATA_DIR

DEFAULT_DATA = DATA_DIR
# A given point may lie this far outside its place's department: the bundled boundaries are
# coarse (INEI's own district capitals lie up to 13.9 km outside theirs, e.g. Ventanilla).
POINT_TOLERANCE_KM = 15.0


def load_dataset(path: Path = DEFAULT_DATA, *, geocoder: Geocoder | None = None,
                 progress: Callable[[str], None] | None = None) -> Dataset:
    """Read, check and resolve a dataset; raise :class:`DataErrors` with every problem.

    ``path`` is a folder of the two CSV tables, an ``.xlsx`` workbook, or IATI
    activity files (an ``.xml`` file or a folder of them, read by :mod:`coop.iati`).
    """
    if progress:
        progress(f"reading {display_path(path)}")
    geocoder = geocoder or default_geocoder()
    iati = is_iati_source(path)
    if iati:
        tables = paths_to_import([path], geocoder).to_tables(display_path(path))
    else:
        tables = read_tables(path)
    try:
        info = read_info(path) if path.is_dir() or not iati else DatasetInfo()
    except DataError as exc:
        raise DataErrors([exc]) from None
    dataset, errors = tables_to_dataset(tables, geocoder, progress)
    interventions = tables["interventions"]
    errors += check_sources(info, [(row, rec.get("source", "")) for row, rec in
                                   interventions.records()
                                   if not text_to_excel_error(rec.get("source", ""))],
                            interventions.label)
    if errors:
        raise DataErrors(errors)
    dataset.label = display_path(path)
    dataset.info = info
    return dataset


def tables_to_dataset(tables: dict[str, RawTable], geocoder: Geocoder,
                      progress: Callable[[str], None] | None = None,
                      ) -> tuple[Dataset, list[DataError]]:
    """Check both tables and build the dataset; pure apart from the geocoder."""
    errors: list[DataError] = []
    for name, table in tables.items():
        errors += check_columns(table, TABLE_COLUMNS[name])
    if errors:
        return Dataset([], []), errors
    excel: list[DataError] = []
    tables = {name: _blank_excel_errors(table, excel) for name, table in tables.items()}
    dataset, errors = _tables_to_dataset(tables, geocoder, progress)
    # a cell holding an Excel error is reported once, as that, not again as empty or bad
    flagged = {(e.file, e.row, e.column) for e in excel}
    errors = excel + [e for e in errors if (e.file, e.row, e.column) not in flagged]
    errors.sort(key=lambda e: (e.file != tables["interventions"].label, e.file, e.row or 0))
    return dataset, errors


def _blank_excel_errors(table: RawTable, errors: list[DataError]) -> RawTable:
    """The table with cells holding an Excel error (``#N/A``...) emptied, each reported."""
    rows = []
    for number, row in enumerate(table.rows, start=2):
        cells = list(row)
        for col, cell in enumerate(cells):
            # every Excel error starts with "#" (leading spaces aside): most cells need no look
            problem = text_to_excel_error(cell) if "#" in cell else None
            if problem:
                errors.append(DataError(
                    table.label, number, table.header[col],
                    f"the cell holds the spreadsheet error {problem} (a formula that failed): "
                    "type the value, or leave the cell empty"))
                cells[col] = ""
        rows.append(cells)
    return RawTable(table.label, table.header, rows, table.decimal_comma)


def _tables_to_dataset(tables: dict[str, RawTable], geocoder: Geocoder,
                       progress: Callable[[str], None] | None = None,
                       ) -> tuple[Dataset, list[DataError]]:
    errors: list[DataError] = []
    if not tables["interventions"].records():
        label = tables["interventions"].label
        return Dataset([], []), [DataError(label, 2, None,
                                           "has a header but no rows: add one intervention per row")]
    interventions, errs = rows_to_interventions(tables["interventions"])
    errors += errs
    ids = {i.id for i in interventions}
    locations, errs = rows_to_locations(tables["locations"], ids, geocoder, progress)
    errors += errs
    mentioned = {rec.get("intervention_id", "") for _row, rec in tables["locations"].records()}
    errors += check_links(tables["interventions"], interventions, mentioned)
    errors.sort(key=lambda e: (e.file != tables["interventions"].label, e.file, e.row or 0))
    return Dataset(interventions, locations), errors


def check_columns(table: RawTable, columns: tuple[Column, ...]) -> list[DataError]:
    """Missing, unknown and repeated columns, with the closest valid names."""
    known = [c.name for c in columns]
    errors = []
    seen = set()
    for header in table.header:
        if header in seen:
            errors.append(DataError(table.label, 1, header, f"column {header!r} appears twice"))
        seen.add(header)
        if header not in known:
            close = difflib.get_close_matches(header.lower(), known, n=2, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else (
                f"; known columns: {', '.join(known)}")
            errors.append(DataError(table.label, 1, header, f"unknown column {header!r}{hint}"))
    for col in columns:
        if col.required and col.name not in table.header:
            errors.append(DataError(table.label, 1, None, f"missing column {col.name!r}"))
    return errors


def _closest(value: str, options: tuple[str, ...] | list[str]) -> str:
    """The options most like ``value``, by the whole text or one of its words."""
    def score(option: str) -> float:
        parts = [option, *option.split()]
        return max(difflib.SequenceMatcher(None, value.lower(), p).ratio() for p in parts)
    ranked = sorted(options, key=lambda o: -score(o))
    close = [o for o in ranked[:2] if score(o) >= 0.6]
    return f"; closest: {', '.join(close)}" if close else f"; valid: {', '.join(options)}"


def rows_to_interventions(table: RawTable) -> tuple[list[Intervention], list[DataError]]:
    """Parse and check each intervention row."""
    errors: list[DataError] = []
    out: list[Intervention] = []
    first_row: dict[str, int] = {}
    for row_no, rec in table.records():
        err = _error_maker(table.label, row_no, errors)
        for col in INTERVENTION_COLUMNS:
            if col.required and not rec.get(col.name, "").strip():
                err(col.name, f"{col.name} is empty")
        ident = rec["id"]
        if ident and ident in first_row:
            err("id", f"duplicate id {ident!r} (first at row {first_row[ident]})")
        first_row.setdefault(ident, row_no)
        themes = text_to_list(rec["themes"])
        for theme in themes:
            if theme not in THEMES:
                err("themes", f"theme {theme!r} is not in the vocabulary{_closest(theme, THEMES)}")
        for col, vocab in (("status", STATUSES), ("scope", SCOPES)):
            if rec[col] and rec[col] not in vocab:
                err(col, f"{col} {rec[col]!r} is not one of {', '.join(vocab)}{_closest(rec[col], vocab)}")
        start = _parse(rec.get("start", ""), text_to_date, "start", err)
        end = _parse(rec.get("end", ""), text_to_date, "end", err)
        if start and end and end.latest() < start.earliest():
            err("end", f"end {end} is before start {start}")
        budget = _parse(rec.get("budget", ""), lambda t: text_to_number(
            t, decimal_comma=table.decimal_comma), "budget", err)
        if budget is not None and budget < 0:
            err("budget", f"budget {rec['budget']} is negative")
        currency = rec.get("currency", "").strip().upper()
        if currency and currency not in CURRENCIES:
            err("currency", f"currency {rec['currency']!r} is not an ISO 4217 code (e.g. EUR, USD, PEN)")
        if budget is not None and not currency:
            err("currency", "a budget needs its currency (ISO 4217, e.g. EUR)")
        beneficiaries = _parse(rec.get("beneficiaries", ""), text_to_int, "beneficiaries", err)
        if beneficiaries is not None and beneficiaries < 0:
            err("beneficiaries", "beneficiaries is negative")
        out.append(Intervention(
            id=ident, title=rec["title"], funders=tuple(text_to_list(rec["funders"])),
            funder_group=rec["funder_group"], themes=tuple(themes), status=rec["status"],
            scope=rec["scope"], source=rec["source"], description=rec.get("description", ""),
            title_es=rec.get("title_es", ""), description_es=rec.get("description_es", ""),
            implementers=tuple(text_to_list(rec.get("implementers", ""))),
            partners=tuple(text_to_list(rec.get("partners", ""))), start=start, end=end,
            budget=budget, currency=currency, beneficiaries=beneficiaries,
            beneficiaries_note=rec.get("beneficiaries_note", ""),
            scope_note=rec.get("scope_note", ""), part_of=rec.get("part_of", ""),
            quote=rec.get("quote", ""), note=rec.get("note", "")))
    return out, errors


def rows_to_locations(table: RawTable, ids: set[str], geocoder: Geocoder,
                      progress: Callable[[str], None] | None = None,
                      ) -> tuple[list[Location], list[DataError]]:
    """Parse each location row and resolve its place."""
    errors: list[DataError] = []
    pending: list[_Pending] = []
    resolved: dict[tuple, Match | Exception] = {}  # one geocoding per distinct place
    records = table.records()
    for done, (row_no, rec) in enumerate(records):
        if progress and done % 10_000 == 0:
            progress(f"checking places: {done:,} of {len(records):,}")
        err = _error_maker(table.label, row_no, errors)
        for col in LOCATION_COLUMNS:
            if col.required and not rec.get(col.name, "").strip():
                err(col.name, f"{col.name} is empty")
        iid = rec["intervention_id"]
        if iid and iid not in ids:
            close = difflib.get_close_matches(iid, sorted(ids), n=2, cutoff=0.6)
            hint = f"; closest ids: {', '.join(close)}" if close else ""
            err("intervention_id", f"intervention {iid!r} is not in the interventions table{hint}")
        level = rec.get("level", "").strip() or None
        if level and level not in LEVELS:
            err("level", f"level {level!r} is not one of {', '.join(LEVELS)}")
            level = None
        reach = rec.get("reach", "").strip() or "1"
        if reach not in REACH:
            err("reach", f"reach {reach!r} must be 1 (activity happens here) or 2 (beneficiaries live here)")
        precision = _parse(rec.get("precision", ""), text_to_int, "precision", err)
        if precision is not None and not 1 <= precision <= 9:
            err("precision", f"precision {precision} is not an IATI code 1-9")
        lat = _parse(rec.get("lat", ""), text_to_coordinate, "lat", err)
        lon = _parse(rec.get("lon", ""), text_to_coordinate, "lon", err)
        if (lat is None) != (lon is None):
            unreadable = any(v is None and rec.get(c, "").strip()
                             for c, v in (("lat", lat), ("lon", lon)))
            if not unreadable:  # an unreadable cell is reported already
                err("lat" if lat is None else "lon", "give both lat and lon, or neither")
            lat = lon = None
        if not rec["place"].strip():
            continue
        hint = rec.get("department", "").strip()
        if hint.isdigit() and len(hint) == 1:  # an INEI code that lost its zero
            hint = "0" + hint
        key = (rec["place"], hint or None, level)
        if key not in resolved:
            try:
                resolved[key] = geocoder.geocode(*key)
            except (UnknownPlaceError, UnknownDepartmentError) as exc:
                resolved[key] = exc
        match = resolved[key]
        if isinstance(match, UnknownPlaceError):
            err("place", str(match))
            continue
        if isinstance(match, UnknownDepartmentError):
            err("department", str(match))
            continue
        ubigeo = _parse(rec.get("ubigeo", ""), text_to_code, "ubigeo", err)
        if ubigeo and ubigeo != match.ubigeo:
            err("ubigeo", f"ubigeo {rec['ubigeo']!r} does not match {rec['place']!r}, "
                          f"which the gazetteer gives as {match.ubigeo} ({match.name}, {match.level})")
        code = _parse(rec.get("department_code", ""), text_to_code, "department_code", err)
        if code and code != match.department_code:
            err("department_code", f"department_code {rec['department_code']!r} does not match "
                                   f"{rec['place']!r} in {match.department} "
                                   f"({match.department_code})")
        pending.append(_Pending(row_no, rec, match, lat, lon, precision, reach))
    errors += _check_points(table.label, pending, geocoder)
    locations = [Location(
        intervention_id=p.rec["intervention_id"], place=p.rec["place"], name=p.match.name,
        level=p.match.level, ubigeo=p.match.ubigeo, department_code=p.match.department_code,
        department=p.match.department,
        lat=p.match.lat if p.lat is None else p.lat, lon=p.match.lon if p.lon is None else p.lon,
        precision=p.precision or p.match.precision, reach=p.reach,
        as_written=p.rec.get("as_written", ""), note=p.rec.get("note", "")) for p in pending]
    return locations, errors


@dataclass(frozen=True)
class _Pending:
    """A location row, parsed and geocoded, before its point is checked."""

    row: int
    rec: dict[str, str]
    match: Match
    lat: float | None
    lon: float | None
    precision: int | None
    reach: str


def _check_points(label: str, pending: list[_Pending], geocoder: Geocoder) -> list[DataError]:
    """Given points must lie in Peru, in the department of their place."""
    given = [p for p in pending if p.lat is not None]
    if not given:
        return []
    from geo.regions import points_to_department_km, points_to_regions

    joined = points_to_regions([p.lon for p in given], [p.lat for p in given])["ubigeo"]
    wrong = [(p, dept) for p, dept in zip(given, joined) if dept != p.match.department_code]
    near = points_to_department_km([p.lon for p, _ in wrong], [p.lat for p, _ in wrong],
                                   [p.match.department_code for p, _ in wrong])
    wrong = [(p, dept) for (p, dept), km in zip(wrong, near) if km > POINT_TOLERANCE_KM]
    # only the points that miss are tried the other way round
    swapped = points_to_regions([p.lat for p, _ in wrong], [p.lon for p, _ in wrong])["ubigeo"]
    names = geocoder.departments
    errors = []
    for (p, dept), swap in zip(wrong, swapped):
        if isinstance(dept, str):
            msg = (f"point ({p.lat}, {p.lon}) lies in {names[dept]}, but {p.rec['place']!r} is "
                   f"in {p.match.department}, more than {POINT_TOLERANCE_KM:g} km away")
        elif isinstance(swap, str):
            msg = (f"lat {p.lat} and lon {p.lon} look swapped: ({p.lon}, {p.lat}) would lie in "
                   f"{names[swap]}")
        else:
            msg = f"point ({p.lat}, {p.lon}) lies outside Peru"
        errors.append(DataError(label, p.row, "lat", msg))
    return errors


def check_links(table: RawTable, interventions: list[Intervention],
                placed: set[str]) -> list[DataError]:
    """Programme links, and subnational interventions no location row names."""
    errors: list[DataError] = []
    ids = {i.id for i in interventions}
    rows = {rec["id"]: row for row, rec in table.records()}
    for item in interventions:
        row = rows.get(item.id)
        if item.part_of and item.part_of not in ids:
            errors.append(DataError(table.label, row, "part_of",
                                    f"part_of {item.part_of!r} is not an intervention id"))
        if item.scope == "subnational" and item.id not in placed:
            errors.append(DataError(table.label, row, "scope",
                                    "scope is subnational but no location names its places; "
                                    "add rows to locations or set scope to national or "
                                    "unspecified regions"))
    return errors


def _error_maker(label: str, row: int, errors: list[DataError]) -> Callable[[str, str], None]:
    def err(column: str, message: str) -> None:
        errors.append(DataError(label, row, column, message))
    return err


def _parse(text: str, parser: Callable, column: str, err: Callable | None):
    """Parse a cell; an empty cell is ``None``; a bad one is reported and ``None``."""
    if not text or not text.strip():
        return None
    try:
        return parser(text)
    except ValueProblem as exc:
        if err is not None:
            err(column, f"{column}: {exc}")
        return None
