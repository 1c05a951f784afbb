"""Reading donors' IATI activity files (standard 2.01-2.03; 1.0x as far as it goes).

:func:`read_activities` streams one file into :class:`RawActivity` records (parsing
only: no DTD, no entities, no network, each activity cleared once read);
:func:`paths_to_import` keeps the activities for Peru and maps them onto the
dataset's two tables (``docs/data.md``, section "IATI activity files") with a log of
everything skipped or partly read. The mapping tables are ``data/dac_themes.csv``
and ``data/org_groups.csv``.
"""

from __future__ import annotations

import csv
import gc
import io
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from lxml import etree

from coop.errors import DataError, DataErrors
from coop.files import bytes_to_binary_kind, display_path
from coop.model import INTERVENTION_COLUMNS, LOCATION_COLUMNS
from coop.tables import RawTable
from coop.values import PartialDate, ValueProblem, text_to_date
from coop.vocabulary import CURRENCIES, THEMES
from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.geocoder import Geocoder, Match, default_geocoder
from geo.names import LEVELS, name_to_query, normalize_name
from geo.paths import DATA_DIR

DAC_THEMES_FILE = DATA_DIR / "dac_themes.csv"
ORG_GROUPS_FILE = DATA_DIR / "org_groups.csv"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PERU = "PE"
LOG_COLUMNS = ["file", "line", "activity", "issue", "detail"]
ROLE_WORDS = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
DATE_WORDS = {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"}
COMMITMENT = {"2", "C"}  # 2.0x TransactionType 2; 1.0x "C"
STATUSES = {"1": "planned", "2": "ongoing", "3": "completed", "4": "completed", "6": "unknown"}
CANCELLED = "5"
DAC_DIGITS = {"1": 5, "DAC": 5, "2": 3, "DAC-3": 3}  # sector vocabulary -> digits of the code
FALLBACK_THEME = "government and society"
MAX_DESCRIPTION = 1000
COUNTRY_WORDS = {"peru", "republic of peru", "republica del peru", "national", "nationwide",
                 "nacional", "a nivel nacional", "todo el pais", "countrywide", "whole country"}
_PERU_SUFFIX = re.compile(r"[\s,;(\-–]+(rep[uú]blica del |republic of )?per[uú]\)?\s*$", re.I)
_ISO_SUBDIVISION = re.compile(r"^PE-[A-Z]{3}$")
_NAME_PARTS = re.compile(r"\s*[,;/]\s*|\s+[-–]\s+")
_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                       remove_comments=True, remove_pis=True)


# ---------------------------------------------------------------- parsing

@dataclass
class RawOrg:
    """A participating (or reporting) organisation as written."""

    role: str
    ref: str
    type: str
    name: str


@dataclass
class RawLocation:
    """A ``<location>`` as written."""

    name: str = ""
    pos: tuple[float, float] | None = None  # (first, second) number of pos: lat, lon
    pos_text: str = ""
    exactness: str = ""
    location_class: str = ""
    feature: str = ""
    reach: str = ""
    admin: list[tuple[str, str, str]] = field(default_factory=list)  # vocabulary, level, code
    ref: str = ""


@dataclass
class RawActivity:
    """One ``<iati-activity>``: the parts the dataset uses, as written."""

    file: str
    source: str
    line: int
    identifier: str = ""
    lang: str = ""
    default_currency: str = ""
    reporting: RawOrg | None = None
    titles: list[tuple[str, str]] = field(default_factory=list)
    descriptions: list[tuple[str, str, str]] = field(default_factory=list)  # type, lang, text
    orgs: list[RawOrg] = field(default_factory=list)
    status: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    countries: list[tuple[str, str]] = field(default_factory=list)  # code, percentage
    regions: list[tuple[str, str]] = field(default_factory=list)
    transaction_countries: set[str] = field(default_factory=set)
    locations: list[RawLocation] = field(default_factory=list)
    sectors: list[tuple[str, str, str]] = field(default_factory=list)  # vocabulary, code, %
    transaction_sectors: list[tuple[str, str, str]] = field(default_factory=list)
    budgets: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    commitments: list[tuple[str, str]] = field(default_factory=list)  # value, currency
    parent: str = ""
    partial: bool = False  # read only as far as needed to see it is not Peru's


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def _narratives(el: etree._Element, lang: str) -> list[tuple[str, str]]:
    """``(language, text)`` of an element's narratives (1.0x: its own text), as written;
    :func:`pick_text` tidies the spacing of the one it picks."""
    out = [((n.get(XML_LANG) or lang)[:2].lower(), n.text)
           for n in el.iterchildren("narrative") if n.text and not n.text.isspace()]
    if not out and el.text and not el.text.isspace():
        out.append(((el.get(XML_LANG) or lang)[:2].lower(), el.text))
    return out


def pick_text(narratives: list[tuple[str, str]], lang: str) -> str:
    """The activity's own language first, then English, Spanish, any other; a Spanish
    activity's English text comes first too, its Spanish one going to ``*_es``."""
    for wanted in ((lang, "en", "es") if lang != "es" else ("en", "es")):
        for got, text in narratives:
            if got == wanted:
                return _clean(text)
    return _clean(narratives[0][1]) if narratives else ""


def spanish_text(narratives: list[tuple[str, str]]) -> str:
    """The first Spanish narrative, or empty."""
    return _clean(next((text for got, text in narratives if got == "es"), ""))


def _org(el: etree._Element, lang: str) -> RawOrg:
    role = (el.get("role") or "").strip()
    return RawOrg(role=ROLE_WORDS.get(role.lower(), role), ref=(el.get("ref") or "").strip(),
                  type=(el.get("type") or "").strip(), name=pick_text(_narratives(el, lang), lang))


def _location(el: etree._Element, lang: str) -> RawLocation:
    loc = RawLocation(ref=(el.get("ref") or "").strip())
    for child in el:
        tag = child.tag
        if tag == "name":
            loc.name = loc.name or pick_text(_narratives(child, lang), lang)
        elif tag == "point":
            pos = child.find("pos")
            if pos is not None:
                loc.pos_text = _clean(pos.text)
                loc.pos = _pos_to_pair(loc.pos_text)
        elif tag == "coordinates":  # 1.0x
            loc.pos_text = f"{child.get('latitude', '')} {child.get('longitude', '')}".strip()
            loc.pos = _pos_to_pair(loc.pos_text)
        elif tag == "exactness":
            loc.exactness = child.get("code", "")
        elif tag == "location-class":
            loc.location_class = child.get("code", "")
        elif tag in ("feature-designation", "location-type"):  # location-type: 1.0x
            loc.feature = (child.get("code") or "").upper()
        elif tag == "location-reach":
            loc.reach = child.get("code", "")
        elif tag == "administrative":
            loc.admin.append((child.get("vocabulary", ""), child.get("level", ""),
                              (child.get("code") or "").strip()))
            for attr in ("adm1", "adm2"):  # 1.0x
                if child.get(attr):
                    loc.admin.append(("1.0x", attr[-1], child.get(attr).strip()))
            if child.get("country"):
                loc.admin.append(("A4", "0", child.get("country").strip().upper()))
            if _clean(child.text):
                loc.admin.append(("1.0x", "", _clean(child.text)))
    return loc


def _pos_to_pair(text: str) -> tuple[float, float] | None:
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        return None
    try:
        pair = (float(parts[0]), float(parts[1]))
    except ValueError:
        return None
    return pair if all(math.isfinite(v) for v in pair) else None


_FIRST_TAGS = ("iati-identifier", "recipient-country", "recipient-region", "location")
_REST_TAGS = ("budget", "participating-org", "activity-date", "sector", "title", "description",
              "reporting-org", "activity-status", "related-activity")
# Peru's bounding box, generously: a point outside it (either way round) is not Peru's
_LAT_RANGE, _LON_RANGE = (-18.6, 0.2), (-81.6, -68.4)


def _in_peru_box(pair: tuple[float, float]) -> bool:
    (lat, lon), (lat_lo, lat_hi), (lon_lo, lon_hi) = pair, _LAT_RANGE, _LON_RANGE
    return ((lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi)
            or (lat_lo <= lon <= lat_hi and lon_lo <= lat <= lon_hi))


def element_to_activity(el: etree._Element, file: str, source: str, version: str,
                        *, peru_only: bool = False, default_lang: str = "") -> RawActivity:
    """One ``<iati-activity>`` element -> :class:`RawActivity`.

    With ``peru_only``, an activity that cannot be Peru's (see :func:`may_be_peru`)
    is read no further than its identifier, recipients and locations.
    """
    lang = (el.get(XML_LANG) or default_lang).lower()[:2]
    act = RawActivity(file=file, source=source, line=el.sourceline or 0, lang=lang,
                      default_currency=(el.get("default-currency") or "").strip().upper())
    for child in el.iterchildren(*_FIRST_TAGS):
        tag = child.tag
        if tag == "location":
            act.locations.append(_location(child, lang))
        elif tag == "recipient-country":
            act.countries.append(((child.get("code") or "").strip().upper(),
                                  (child.get("percentage") or "").strip()))
        elif tag == "recipient-region":
            act.regions.append(((child.get("code") or "").strip(),
                                (child.get("percentage") or "").strip()))
        else:
            act.identifier = _clean(child.text)
    if not act.countries and not act.regions:
        for country in el.iterfind("transaction/recipient-country"):
            act.transaction_countries.add((country.get("code") or "").strip().upper())
    if peru_only and not may_be_peru(act):
        act.partial = True
        return act
    default_vocabulary = "DAC" if version.startswith("1") else "1"
    for child in el.iterchildren(*_REST_TAGS):
        tag = child.tag
        if tag == "budget":
            act.budgets.append(_budget(child))
        elif tag == "participating-org":
            act.orgs.append(_org(child, lang))
        elif tag == "activity-date":
            kind = child.get("type") or ""
            kind = DATE_WORDS.get(kind, kind)
            act.dates.setdefault(kind, (child.get("iso-date") or _clean(child.text))[:10])
        elif tag == "sector":
            act.sectors.append((child.get("vocabulary") or default_vocabulary,
                                (child.get("code") or "").strip(),
                                (child.get("percentage") or "").strip()))
        elif tag == "title":
            act.titles += _narratives(child, lang)
        elif tag == "description":
            kind = child.get("type") or "1"
            act.descriptions += [(kind, got, text) for got, text in _narratives(child, lang)]
        elif tag == "reporting-org":
            act.reporting = _org(child, lang)
        elif tag == "activity-status":
            act.status = (child.get("code") or "").strip()
        elif child.get("type") == "1":  # related-activity: the parent
            act.parent = (child.get("ref") or "").strip()
    if not act.budgets or not act.sectors:
        # transactions are read only when the activity level lacks what they give
        _read_transactions(list(el.iterchildren("transaction")), act, default_vocabulary)
    return act


def _budget(el: etree._Element) -> tuple[str, str, str, str, str]:
    """``(type, period start, period end, value, currency)``."""
    start = end = value = currency = ""
    for part in el:
        tag = part.tag
        if tag == "value":
            value, currency = _clean(part.text), (part.get("currency") or "").strip().upper()
        elif tag == "period-start":
            start = part.get("iso-date", "")
        elif tag == "period-end":
            end = part.get("iso-date", "")
    return el.get("type") or "1", start, end, value, currency


def _read_transactions(transactions: list[etree._Element], act: RawActivity,
                       default_vocabulary: str) -> None:
    """Commitments (when no budget), and sectors given per transaction (when the
    activity gives none)."""
    for el in transactions:
        if not act.budgets:
            kind = el.find("transaction-type")
            value = el.find("value")
            if kind is not None and kind.get("code") in COMMITMENT and value is not None:
                act.commitments.append((_clean(value.text),
                                        (value.get("currency") or "").strip().upper()))
        if not act.sectors:
            for sector in el.iterchildren("sector"):
                act.transaction_sectors.append((sector.get("vocabulary") or default_vocabulary,
                                                (sector.get("code") or "").strip(), ""))


def _head_to_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[: len(head) // 2 * 2].decode("utf-16", errors="replace")
    return head.decode("utf-8", errors="replace")


def read_activities(path: Path, *, peru_only: bool = False) -> Iterator[RawActivity]:
    """Stream the activities of one file; raise :class:`DataError` (``FILE:LINE``) if bad.

    With ``peru_only``, activities that cannot be Peru's are read only in part.
    """
    label = display_path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(65536)
    except FileNotFoundError:
        raise DataError(label, None, None, "no such file") from None
    except OSError as exc:
        raise DataError(label, None, None, f"cannot be read ({exc.strerror})") from None
    if not head.strip():
        raise DataError(label, 1, None, "is empty: expected an IATI activity file (XML)")
    kind = bytes_to_binary_kind(head)
    if kind:
        raise DataError(label, 1, None, f"is not XML: it looks like {kind}")
    text = _head_to_text(head)
    found = re.search(r"<!(DOCTYPE|ENTITY)", text)
    if found:
        raise DataError(label, text[: found.start()].count("\n") + 1, None, _DOCTYPE_REFUSED)
    start = text.lstrip("\ufeff \t\r\n")
    if not start.startswith("<"):
        raise DataError(label, 1, None, f"is not XML: it begins {start[:20]!r}, not with '<'")
    version = default_lang = ""
    context = etree.iterparse(str(path), events=("end",), tag="iati-activity", **_PARSER_OPTIONS)
    try:
        for _event, el in context:
            if not version:
                tree = el.getroottree()
                if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
                    raise DataError(label, 1, None, _DOCTYPE_REFUSED)
                root = tree.getroot()
                if root.tag != "iati-activities":
                    break
                version = root.get("version") or "2"
                default_lang = root.get(XML_LANG) or ""
            yield element_to_activity(el, label, path.name, el.get("version") or version,
                                      peru_only=peru_only, default_lang=default_lang)
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        if "entit" in str(exc.msg).lower() or "DOCTYPE" in str(exc.msg):
            raise DataError(label, exc.lineno, None, _DOCTYPE_REFUSED) from None
        what = ("is cut short" if "end of data" in str(exc.msg) or "Premature" in str(exc.msg)
                else "is not well-formed XML")
        raise DataError(label, exc.lineno, None, f"{what}: {exc.msg}") from None
    root = context.root
    if root is not None and root.getroottree().docinfo.internalDTD is not None:
        raise DataError(label, 1, None, _DOCTYPE_REFUSED)
    if root is None or root.tag != "iati-activities":
        tag = "none" if root is None else f"<{root.tag}>"
        hint = (" (an IATI organisation file, not an activity file)"
                if root is not None and root.tag == "iati-organisations" else "")
        raise DataError(label, 1 if root is None else root.sourceline, None,
                        f"is not an IATI activity file: its root element is {tag}, expected "
                        f"<iati-activities>{hint}")


_DOCTYPE_REFUSED = ("has a DOCTYPE (a document type definition): refused, as IATI files have "
                    "none and one can hide entity attacks (XXE, 'billion laughs')")


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, and the ``.xml`` files of each folder (not its subfolders), sorted."""
    out, errors = [], []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".xml")
            if not found:
                errors.append(DataError(display_path(path), None, None, "has no .xml files"))
            out += found
        elif path.exists():
            out.append(path)
        else:
            errors.append(DataError(display_path(path), None, None, "no such file or folder"))
    if errors:
        raise DataErrors(errors)
    return list(dict.fromkeys(out))


def is_iati_source(path: Path) -> bool:
    """An ``.xml`` file, or a folder of them with no ``interventions.csv``."""
    if path.is_file():
        return path.suffix.lower() == ".xml"
    if path.is_dir() and not (path / "interventions.csv").exists():
        return any(p.is_file() and p.suffix.lower() == ".xml" for p in path.iterdir())
    return False


# ---------------------------------------------------------------- mapping tables

@lru_cache(maxsize=2)
def load_dac_themes(path: Path = DAC_THEMES_FILE) -> dict[str, str]:
    """DAC purpose code (3 or 5 digits) -> theme."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"].strip(): row["theme"].strip() for row in csv.DictReader(fh)}


@lru_cache(maxsize=2)
def load_org_groups(path: Path = ORG_GROUPS_FILE) -> list[tuple[str, str]]:
    """``(key, group)``, longest key first; ``*`` ends an open prefix, ``type:N`` an org type."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [(row["key"].strip().upper(), row["group"].strip()) for row in csv.DictReader(fh)]
    return sorted(rows, key=lambda r: -len(r[0].rstrip("*")))


@lru_cache(maxsize=4096)
def org_to_group(ref: str, org_type: str = "") -> str:
    """The funder group of an organisation identifier, or empty when the table has none."""
    ref = ref.strip().upper()
    for key, group in load_org_groups():
        if key.startswith("TYPE:"):
            continue
        if key.endswith("*"):
            if ref.startswith(key[:-1]):
                return group
        elif ref == key or ref.startswith((key + "-", key + "_")):
            return group
    for key, group in load_org_groups():
        if key == f"TYPE:{org_type.strip()}":
            return group
    return ""


def sector_to_theme(vocabulary: str, code: str) -> str | None:
    """A DAC purpose code's theme: the 5-digit row, else its 3-digit category's row."""
    digits = DAC_DIGITS.get(vocabulary.strip().upper())
    code = code.strip()
    if digits is None or len(code) != digits or not code.isdigit():
        return None
    table = load_dac_themes()
    return table.get(code) or table.get(code[:3])


def location_to_precision(loc: RawLocation) -> int | None:
    """IATI GeographicalPrecision from exactness, location-class and feature-designation."""
    feature, cls = loc.feature, loc.location_class
    if feature.startswith("PCL"):
        return 6
    if feature in ("ADM1", "ADM1H"):
        return 4
    if feature.startswith("ADM"):
        return 3
    if cls == "1":
        return None  # an administrative region: the unit the name resolves to decides
    if feature.startswith("PPL") or cls == "2":
        return 2
    if cls == "4":
        return 2 if loc.exactness == "1" else 3
    if loc.exactness == "2":
        return 2
    if loc.exactness == "1":
        return 1
    return None


def location_to_level(loc: RawLocation) -> str | None:
    """The gazetteer level a location's feature-designation or class points to, if any."""
    feature = loc.feature
    if feature in ("ADM1", "ADM1H"):
        return "department"
    if feature in ("ADM2", "ADM2H"):
        return "province"
    if feature.startswith(("ADM3", "ADM4", "ADM5")):
        return "district"
    if feature.startswith("PPL") or loc.location_class == "2":
        return "populated place"
    if loc.location_class == "4":
        return "feature"
    return None


# ---------------------------------------------------------------- mapping

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
            "interventions.csv": rows_to_csv(self.interventions, [c.name for c in INTERVENTION_COLUMNS]),
            "locations.csv": rows_to_csv(self.locations, [c.name for c in LOCATION_COLUMNS]),
            "iati-log.csv": rows_to_csv(self.log, LOG_COLUMNS),
        }


def rows_to_csv(rows: list[dict[str, str]], columns: list[str]) -> bytes:
    """UTF-8 CSV, ``\\n`` line ends."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def paths_to_import(paths: list[Path], geocoder: Geocoder | None = None) -> IatiImport:
    """Read IATI files and folders; keep the activities for Peru; map them onto the tables.

    Raises :class:`DataErrors` with one line per bad file; then nothing is produced.
    """
    files = expand_paths(paths)
    run = _Run(geocoder or default_geocoder())
    collecting = gc.isenabled()
    gc.disable()  # many small, acyclic records: the cyclic collector would only rescan them
    try:
        return _import(files, run)
    finally:
        if collecting:
            gc.enable()


def _import(files: list[Path], run: _Run) -> IatiImport:
    errors: list[DataError] = []
    prepared: list[_Prepared] = []
    for path in files:
        try:
            for act in read_activities(path, peru_only=True):
                run.read += 1
                if act.partial:
                    run.note(act, "skipped: not Peru", _countries_text(act))
                    continue
                run.count_names(act)
                prepared.append(run.prepare(act))
        except DataError as exc:
            errors.append(exc)
    if errors:
        raise DataErrors(errors)
    run.join_points([p.act for p in prepared])
    seen: set[str] = set()
    for item in prepared:
        run.add(item, seen)
    order = {label: i for i, label in enumerate(display_path(f) for f in files)}
    run.log.sort(key=lambda e: (order.get(e["file"], len(order)), int(e["line"])))
    kept = {row["id"] for row in run.interventions}
    for row in run.interventions:
        if row["part_of"] and row["part_of"] not in kept:
            row["part_of"] = ""
    return IatiImport(run.interventions, run.locations, run.log, files=len(files), read=run.read,
                      kept=len(run.interventions), located=run.located, national=run.national)


def _countries_text(act: RawActivity) -> str:
    codes = [c for c, _ in act.countries] or sorted(act.transaction_countries)
    return ("recipient countries: " + ", ".join(codes)) if codes else "no recipient country"


def _is_peru_admin(loc: RawLocation) -> bool:
    return loc.ref.upper().startswith("PE-") or any(
        (vocab == "A4" and code.upper() == PERU) or code.upper().startswith("PE-")
        for vocab, _level, code in loc.admin)


def may_be_peru(act: RawActivity) -> bool:
    """Recipient Peru, or a location that may be in Peru (a point in Peru's bounding box
    either way round, a Peruvian code)."""
    if any(code == PERU for code, _ in act.countries) or PERU in act.transaction_countries:
        return True
    return any((loc.pos is not None and _in_peru_box(loc.pos)) or _is_peru_admin(loc)
               for loc in act.locations)


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _format_number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _format_coordinate(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")


@dataclass
class _Prepared:
    """An activity mapped but for its places and organisation names."""

    act: RawActivity
    row: dict[str, str]
    notes: list[str]
    entries: list[dict[str, str]]
    roles: tuple[list[RawOrg], ...]


class _Run:
    """The state of one import: geocoder, caches, rows and log."""

    def __init__(self, geocoder: Geocoder) -> None:
        self.geocoder = geocoder
        self.read = self.located = self.national = 0
        self.names: dict[str, Counter] = defaultdict(Counter)
        self.points: dict[tuple[float, float], tuple[str, str | None]] = {}
        self.geocoded: dict[tuple[str, str, str], Match | Exception] = {}
        self.interventions: list[dict[str, str]] = []
        self.locations: list[dict[str, str]] = []
        self.log: list[dict[str, str]] = []
        self._target = self.log  # where notes go: the log, or an activity's pending entries
        self._nearest: dict[str, tuple] = {}
        self._known: dict[tuple[str, str], bool] = {}

    def note(self, act: RawActivity, issue: str, detail: str = "") -> None:
        self._target.append({"file": act.file, "line": str(act.line), "activity": act.identifier,
                         "issue": issue, "detail": detail})

    def count_names(self, act: RawActivity) -> None:
        for org in act.orgs + ([act.reporting] if act.reporting else []):
            if org.ref and org.name:
                self.names[org.ref][org.name] += 1

    def org_name(self, org: RawOrg) -> str:
        """One name per ``ref`` across all files: the most used, the first seen on ties."""
        counts = self.names.get(org.ref)
        name = counts.most_common(1)[0][0] if counts else (org.name or org.ref)
        return name.replace(";", ",").strip()

    # -- points

    def join_points(self, acts: list[RawActivity]) -> None:
        """Each distinct point -> ("ok"|"swapped", department code) or ("outside", None)."""
        pairs = sorted({loc.pos for act in acts for loc in act.locations
                        if loc.pos is not None and loc.pos != (0.0, 0.0)})
        if not pairs:
            return
        from geo.regions import points_to_regions

        straight = points_to_regions([lon for _lat, lon in pairs], [lat for lat, _lon in pairs])
        misses = [p for p, code in zip(pairs, straight["ubigeo"]) if not isinstance(code, str)]
        for pair, code in zip(pairs, straight["ubigeo"]):
            if isinstance(code, str):
                self.points[pair] = ("ok", code)
        if misses:
            swapped = points_to_regions([lat for lat, _lon in misses], [lon for _lat, lon in misses])
            for pair, code in zip(misses, swapped["ubigeo"]):
                self.points[pair] = ("swapped", code) if isinstance(code, str) else ("outside", None)

    # -- one activity

    def prepare(self, act: RawActivity) -> _Prepared:
        """Map all but the places and organisation names, then drop what the rest
        does not need (the log entries wait until the activity is kept)."""
        entries: list[dict[str, str]] = []
        self._target = entries
        row = {"id": act.identifier, "source": act.source, "part_of": act.parent}
        notes: list[str] = []
        self.texts(act, row)
        roles = self.organisations(act, row, notes)
        self.themes(act, row, notes)
        self.status_and_dates(act, row, notes)
        self.budget(act, row, notes)
        self._target = self.log
        act.titles, act.descriptions, act.budgets, act.commitments = [], [], [], []
        act.sectors, act.transaction_sectors, act.dates, act.orgs = [], [], {}, []
        return _Prepared(act, row, notes, entries, roles)

    def add(self, item: _Prepared, seen: set[str]) -> None:
        """Keep a prepared activity if it is Peru's, with its places and names."""
        act, row, notes = item.act, item.row, item.notes
        if not act.identifier:
            self.note(act, "skipped: no iati-identifier")
            return
        if act.identifier in seen:
            self.note(act, "skipped: duplicate", "the same iati-identifier was read before; "
                                                 "the first one is kept")
            return
        if act.status == CANCELLED:
            self.note(act, "skipped: cancelled", "activity-status 5 (cancelled)")
            return
        recipient = any(code == PERU for code, _ in act.countries) or (
            not act.countries and PERU in act.transaction_countries)
        entries: list[dict[str, str]] = []
        self._target = entries
        rows = self.locations_of(act, recipient)
        self._target = self.log
        if not recipient and not rows:
            self.note(act, "skipped: not Peru", _countries_text(act) + "; no location in Peru")
            return
        seen.add(act.identifier)
        self.log += item.entries + entries
        for column, orgs in zip(("funders", "implementers", "partners"), item.roles):
            row[column] = "; ".join(dict.fromkeys(self.org_name(o) for o in orgs)) or row.get(column, "")
        others = [c for c, _ in act.countries if c != PERU]
        if rows:
            row["scope"] = "subnational"
            self.located += 1
        elif recipient and not others and not act.regions:
            row["scope"], row["scope_note"] = "national", "recipient country Peru; no location given"
            self.national += 1
        else:
            row["scope"] = "unspecified regions"
            row["scope_note"] = ("several recipient countries or regions; places in Peru not "
                                 "given" if others or act.regions else "places in Peru not given")
        row["note"] = "; ".join(notes)
        self.interventions.append(row)
        for loc_row in rows:
            loc_row["intervention_id"] = act.identifier
        self.locations += rows

    def texts(self, act: RawActivity, row: dict[str, str]) -> None:
        lang = act.lang
        row["title_es"] = spanish_text(act.titles)
        row["title"] = pick_text(act.titles, lang) or row["title_es"] or act.identifier
        general = [(got, text) for kind, got, text in act.descriptions if kind == "1"] or [
            (got, text) for _kind, got, text in act.descriptions]
        row["description"] = _shorten(pick_text(general, lang))
        row["description_es"] = _shorten(spanish_text(general))
        if not act.titles:
            self.note(act, "no title", "the iati-identifier stands for the title")

    def organisations(self, act: RawActivity, row: dict[str, str],
                      notes: list[str]) -> tuple[list[RawOrg], ...]:
        """Funders, implementers and partners (named later, one name per ref), and the
        funder group."""
        def with_role(roles: tuple[str, ...]) -> list[RawOrg]:
            return [o for o in act.orgs if o.role in roles and (o.name or o.ref)]

        funders = with_role(("1",))
        if not funders and act.reporting and (act.reporting.name or act.reporting.ref):
            funders = [act.reporting]
            notes.append("no funding organisation stated: the reporting organisation is the funder")
            self.note(act, "no funding org", "the reporting-org is the funder")
        if not funders:
            row["funders"] = "not stated"
            self.note(act, "no funding org", "neither a funding nor a reporting organisation")
        group = ""
        for org in funders[:1] + ([act.reporting] if act.reporting else []):
            group = org_to_group(org.ref, org.type)
            if group:
                break
        if not group:
            group = "not stated"
            first = funders[0] if funders else None
            self.note(act, "funder group not known",
                      f"no row of data/org_groups.csv for {first.ref or first.name!r}" if first
                      else "no funder")
        row["funder_group"] = group
        return funders, with_role(("4",)), with_role(("2", "3"))

    def themes(self, act: RawActivity, row: dict[str, str], notes: list[str]) -> None:
        sectors = act.sectors or act.transaction_sectors
        weights: dict[str, float] = defaultdict(float)
        share = 100 / len(sectors) if sectors else 0
        for vocabulary, code, percentage in sectors:
            if vocabulary.strip().upper() not in DAC_DIGITS:
                self.note(act, "sector vocabulary not DAC",
                          f"sector {code!r} of vocabulary {vocabulary!r} is not mapped")
                continue
            theme = sector_to_theme(vocabulary, code)
            if theme is None:
                self.note(act, "sector not mapped", f"DAC code {code!r} (vocabulary {vocabulary})")
                continue
            weight = _number(percentage) if percentage else None
            weights[theme] += share if weight is None else weight
        if not weights:
            weights[FALLBACK_THEME] = 1
            notes.append(f"no DAC sector to give a theme: {FALLBACK_THEME!r} by default")
            self.note(act, "no theme", f"no DAC sector mapped: theme {FALLBACK_THEME!r} by default")
        row["themes"] = "; ".join(sorted(weights, key=lambda t: (-weights[t], THEMES.index(t))))

    def status_and_dates(self, act: RawActivity, row: dict[str, str], notes: list[str]) -> None:
        row["status"] = STATUSES.get(act.status, "unknown")
        if act.status == "6":
            notes.append("suspended (IATI activity-status 6)")
        elif act.status not in STATUSES:
            self.note(act, "status not known", f"activity-status {act.status!r}")
        dates = {}
        for kind, value in act.dates.items():
            try:
                dates[kind] = _text_to_date(value)
            except ValueProblem as exc:
                self.note(act, "date not read", f"activity-date type {kind}: {exc}")
        start = dates.get("2") or dates.get("1")
        end = dates.get("4") or dates.get("3")
        if start and end and end.latest() < start.earliest():
            self.note(act, "date not read", f"end {end} is before start {start}: end left empty")
            end = None
        row["start"], row["end"] = (str(start) if start else ""), (str(end) if end else "")

    def budget(self, act: RawActivity, row: dict[str, str], notes: list[str]) -> None:
        row["budget"] = row["currency"] = ""
        periods: dict[tuple[str, str], tuple[str, str, str]] = {}
        for kind, start, end, value, currency in act.budgets:
            key = (start, end) if start or end else (str(len(periods)), "")  # no period: its own
            if key not in periods or (kind == "2" and periods[key][0] != "2"):
                periods[key] = (kind, value, currency)
        if periods:
            items, what = [(v, c) for _k, v, c in periods.values()], "budget periods"
        else:
            items, what = act.commitments, "commitments"
        if not items:
            return
        total, currencies = 0.0, set()
        for value, currency in items:
            amount = _number(value)
            if amount is None:
                self.note(act, "budget not read", f"value {value!r} is not a number")
                return
            total += amount
            currencies.add(currency or act.default_currency)
        if len(currencies) != 1 or next(iter(currencies)) not in CURRENCIES:
            self.note(act, "budget not read", f"{what} in currencies {sorted(currencies)}: "
                                              "budget left empty")
            return
        currency = currencies.pop()
        share = self.peru_share(act)
        if share is None:
            return
        if share != 100:
            notes.append(f"budget: Peru's share, {_format_number(share)}% (recipient-country "
                         f"percentage) of {currency} {total:,.0f}")
        total = total * share / 100
        if total < 0:
            self.note(act, "budget not read", f"the {what} add up to a negative amount")
            return
        row["budget"], row["currency"] = _format_number(total), currency
        if what == "commitments":
            notes.append("budget: the sum of commitments (no budget given)")

    def peru_share(self, act: RawActivity) -> float | None:
        """Peru's percentage of the activity, or ``None`` (logged) when not known."""
        peru = [pct for code, pct in act.countries if code == PERU]
        if not peru:
            if act.countries or act.regions:
                self.note(act, "budget not split", "Peru is not among the recipient countries (kept for "
                                                   "its places in Peru): budget left empty")
                return None
            return 100.0
        pct = _number(peru[0]) if peru[0] else None
        if pct is None:
            if len(act.countries) > 1 or act.regions:
                self.note(act, "budget not split", "several recipients and no percentage for "
                                                   "Peru: budget left empty")
                return None
            return 100.0
        return pct

    # -- locations

    def locations_of(self, act: RawActivity, recipient: bool) -> list[dict[str, str]]:
        rows: dict[tuple, dict[str, str]] = {}
        for loc in act.locations:
            row = self.location_row(act, loc, recipient)
            if row is not None:
                rows.setdefault((row["place"], row["ubigeo"], row["lat"], row["lon"]), row)
        return list(rows.values())

    def location_row(self, act: RawActivity, loc: RawLocation,
                     recipient: bool) -> dict[str, str] | None:
        name = _PERU_SUFFIX.sub("", loc.name).strip(" ,;-")
        precision = location_to_precision(loc)
        pos, note = loc.pos, ""
        if pos == (0.0, 0.0):
            self.note(act, "point not used", f"point '0 0' of {loc.name or loc.ref!r} is no place")
            pos = None
        elif pos is None and loc.pos_text:
            self.note(act, "point not used", f"point {loc.pos_text!r} is not 'LAT LON'")
        department = None
        if pos is not None:
            how, department = self.points[pos]
            if how == "outside":
                self.note(act, "point outside Peru",
                          f"{loc.name or loc.ref!r} at {loc.pos_text} (read as LAT LON)")
                return None
            if how == "swapped":
                pos = (pos[1], pos[0])
                note = f"the publisher wrote the point as {loc.pos_text!r} (LON LAT): swapped"
                self.note(act, "point swapped", f"{loc.name or loc.ref!r}: {loc.pos_text!r} lies "
                                                f"in Peru only as LON LAT")
        if pos is None and (precision == 6 or normalize_name(name) in COUNTRY_WORDS or (
                not name and _is_peru_admin(loc))):
            return None  # the whole country: the activity is national, not a place
        if pos is None and not name:
            return None
        if pos is None and not recipient and not _is_peru_admin(loc):
            return None  # a name in another country's activity is not looked up in Peru
        hint = department or self.admin_hint(loc)
        level = location_to_level(loc) or ("populated place" if pos is not None else None)
        match = None
        if name and (department is None or self.known_in(name, department)):
            match = self.geocode(name, hint, level)
        if isinstance(match, Exception) and pos is None:
            match = self.geocode_parts(name, hint, level) or match
        if isinstance(match, Exception):
            if pos is None:
                self.note(act, "location name not known", str(match))
                return None
            match = None
        if match is None:  # a point whose name the gazetteer lacks: the nearest known place
            match = self.nearest_place(pos, department)
            note = "; ".join(filter(None, [note, f"the point's nearest known place is {match.name}"
                                                 + (f"; {name!r} is not in the gazetteer" if name
                                                    else "")]))
        if pos is not None:
            precision = precision or (match.precision if loc.location_class == "1" else 2)
            lat, lon = _format_coordinate(pos[0]), _format_coordinate(pos[1])
        else:
            precision = max(precision or 0, match.precision)
            lat = lon = ""
        if precision == 6:
            return None
        return {"place": name if name and match.query == name else match.name,
                "level": match.level, "department": match.department,
                "department_code": match.department_code, "ubigeo": match.ubigeo,
                "lat": lat, "lon": lon, "precision": str(precision),
                "reach": loc.reach if loc.reach in ("1", "2") else "1",
                "as_written": loc.name or (f"point {loc.pos_text}" if loc.pos_text else ""),
                "note": note}

    def admin_hint(self, loc: RawLocation) -> str | None:
        """A department from the location's administrative codes or names, if any."""
        candidates = [loc.ref] + [code for _v, level, code in loc.admin if level in ("1", "", "2")]
        for text in candidates:
            text = text.strip()
            if not text or text.isdigit():
                continue
            if text.upper().startswith("PE-") and not _ISO_SUBDIVISION.match(text.upper()):
                continue
            try:
                return self.geocoder.department_code(text)
            except (UnknownDepartmentError, UnknownPlaceError):
                continue
        return None

    def geocode_parts(self, name: str, hint: str | None, level: str | None) -> Match | None:
        """``"Loreto - Iquitos"``: one part a department, the other a place in it."""
        parts = [p for p in _NAME_PARTS.split(name) if p.strip()]
        if len(parts) != 2:
            return None
        if hint:
            return None
        found = []
        for place, department in (parts[::-1], parts):
            try:
                code = self.geocoder.department_code(department)
            except (UnknownDepartmentError, UnknownPlaceError):
                continue
            match = self.geocode(place, code, level)
            if not isinstance(match, Exception):
                found.append(match)
        # "Piura - Sullana": Sullana in Piura, not Piura in the department of Sullana
        return max(found, key=lambda m: LEVELS.index(m.level), default=None)

    def known_in(self, name: str, department: str) -> bool:
        """Whether the gazetteer has ``name`` in ``department`` (as the geocoder reads
        names), so that a point's name is not geocoded only to fail."""
        key = (name, department)
        if key not in self._known:
            gazetteer = self.geocoder.gazetteer
            found = gazetteer.lookup(normalize_name(name)) or gazetteer.lookup(
                name_to_query(name)[0])
            self._known[key] = any(p.department == department for p in found)
        return self._known[key]

    def geocode(self, name: str, hint: str | None, level: str | None = None) -> Match | Exception:
        """One geocoding per distinct name and hint."""
        key = (name, hint or "", level or "")
        if key not in self.geocoded:
            try:
                self.geocoded[key] = self.geocoder.geocode(name, hint, level)
            except (UnknownPlaceError, UnknownDepartmentError) as exc:
                self.geocoded[key] = exc
        return self.geocoded[key]

    def nearest_place(self, pos: tuple[float, float], department: str) -> Match:
        """The district or town of ``department`` nearest the point, as the geocoder gives it."""
        import numpy as np

        if department not in self._nearest:
            places = [p for p in self.geocoder.gazetteer.places
                      if p.department == department and p.level in ("district", "populated place")]
            places.sort(key=lambda p: p.sort_key())
            self._nearest[department] = (places, np.array([[p.lat, p.lon] for p in places]))
        places, coords = self._nearest[department]
        scale = math.cos(math.radians(pos[0]))
        d2 = (coords[:, 0] - pos[0]) ** 2 + ((coords[:, 1] - pos[1]) * scale) ** 2
        best = places[int(np.argmin(d2))]
        match = self.geocode(best.name, department, best.level)
        if isinstance(match, Exception):  # cannot happen: the name is in the gazetteer
            raise match
        return match


@lru_cache(maxsize=8192)
def _text_to_date(text: str) -> PartialDate:
    return text_to_date(text)


def _shorten(text: str) -> str:
    if len(text) <= MAX_DESCRIPTION:
        return text
    return text[: MAX_DESCRIPTION - 1].rsplit(" ", 1)[0] + "…"
