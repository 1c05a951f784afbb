"""One ``<iati-activity>`` element -> a :class:`RawActivity`: the parts the dataset
uses, as written (standard 2.01-2.03; 1.0x as far as it goes).

Reading is one pass over the activity's children (no XPath, no search per field);
an activity that cannot be Peru's is read no further than its identifier,
recipients and locations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from coop.iati_budgets import PERU, Budget
from coop.iati_dates import DATE_WORDS
from coop.iati_narratives import Narratives, clean_text, pick_text
from coop.iati_organisations import RawOrg
from coop.iati_sectors import Sector

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ROLE_WORDS = {"funding": "1", "accountable": "2", "extending": "3", "implementing": "4"}
BUDGET_WORDS = {"original": "1", "revised": "2"}  # 1.0x files may write the type as a word
COMMITMENT = {"2", "C"}  # 2.0x TransactionType 2; 1.0x "C"
# Peru's bounding box, generously: a point outside it (either way round) is not Peru's
LAT_RANGE, LON_RANGE = (-18.6, 0.2), (-81.6, -68.4)
_REST = frozenset(("budget", "participating-org", "activity-date", "sector", "title",
                   "description", "reporting-org", "activity-status", "related-activity"))


@dataclass(slots=True)
class RawLocation:
    """A ``<location>`` as written."""

    name: str = ""
    pos: tuple[float, float] | None = None  # (first, second) number of pos: lat, lon
    pos_text: str = ""
    exactness: str = ""
    location_class: str = ""
    feature: str = ""
    reach: str = ""
    admin: tuple[tuple[str, str, str], ...] = ()  # vocabulary, level, code
    ref: str = ""


@dataclass(slots=True)
class RawActivity:
    """One ``<iati-activity>``: the parts the dataset uses, as written."""

    file: str
    source: str
    line: int
    identifier: str = ""
    lang: str = ""
    default_currency: str = ""
    humanitarian: bool = False
    reporting: RawOrg | None = None
    titles: Narratives = field(default_factory=list)
    descriptions: list[tuple[str, str, str]] = field(default_factory=list)  # type, lang, text
    orgs: list[RawOrg] = field(default_factory=list)
    status: str = ""
    dates: dict[str, str] = field(default_factory=dict)
    countries: list[tuple[str, str]] = field(default_factory=list)  # code, percentage
    regions: list[tuple[str, str]] = field(default_factory=list)
    transaction_countries: frozenset[str] = frozenset()
    locations: list[RawLocation] = field(default_factory=list)
    sectors: list[Sector] = field(default_factory=list)
    transaction_sectors: list[Sector] = field(default_factory=list)
    budgets: list[Budget] = field(default_factory=list)
    commitments: list[tuple[str, str]] = field(default_factory=list)  # value, currency
    parent: str = ""
    partial: bool = False  # read only as far as needed to see it is not Peru's


def element_to_narratives(el: etree._Element, lang: str) -> Narratives:
    """``(language, text)`` of an element's narratives (1.0x: its own text), as written;
    :func:`pick_text` tidies the spacing of the one it picks."""
    out = []
    for n in el[:]:
        if n.tag == "narrative":
            text = n.text
            if text and not text.isspace():
                out.append(((n.get(XML_LANG) or lang)[:2].lower(), text))
    if not out:
        text = el.text
        if text and not text.isspace():
            out.append(((el.get(XML_LANG) or lang)[:2].lower(), text))
    return out


def element_to_name(el: etree._Element, lang: str) -> str:
    """``pick_text(element_to_narratives(el, lang), lang)``, without reading languages
    when there is one narrative (most names): the only one is picked whatever its
    language."""
    found = None
    for n in el[:]:
        if n.tag == "narrative":
            text = n.text
            if text and not text.isspace():
                if found is not None:  # several: the language decides
                    return pick_text(element_to_narratives(el, lang), lang)
                found = text
    if found is None:  # 1.0x: the element's own text
        found = el.text
        if not found or found.isspace():
            return ""
    return clean_text(found)


def element_to_org(el: etree._Element, lang: str) -> RawOrg:
    """A ``participating-org`` or ``reporting-org``; 1.0x roles as words."""
    get = el.get
    return _org(get("role"), get("ref"), get("type"), element_to_name(el, lang))


@lru_cache(maxsize=8192)  # publishers name the same few organisations in every activity
def _org(role: str | None, ref: str | None, org_type: str | None, name: str) -> RawOrg:
    """One (shared, immutable) :class:`RawOrg` per way of writing an organisation."""
    role = (role or "").strip()
    return RawOrg(ROLE_WORDS.get(role.lower(), role), (ref or "").strip(),
                  (org_type or "").strip(), name)


def text_to_pos(text: str) -> tuple[float, float] | None:
    """``"-13.5 -71.9"`` (or with a comma between) -> the pair as written, else ``None``."""
    parts = text.replace(",", " ").split()
    if len(parts) != 2:
        return None
    try:
        pair = (float(parts[0]), float(parts[1]))
    except ValueError:
        return None
    return pair if math.isfinite(pair[0]) and math.isfinite(pair[1]) else None


def element_to_location(el: etree._Element, lang: str) -> RawLocation:
    """A ``<location>``: name, point, classification and administrative codes."""
    loc = RawLocation(ref=(el.get("ref") or "").strip())
    for child in el[:]:
        tag = child.tag
        if tag == "name":
            loc.name = loc.name or element_to_name(child, lang)
        elif tag == "point":
            for pos in child[:]:
                if pos.tag == "pos":
                    loc.pos_text = clean_text(pos.text)
                    loc.pos = text_to_pos(loc.pos_text)
                    break
        elif tag == "coordinates":  # 1.0x
            loc.pos_text = f"{child.get('latitude', '')} {child.get('longitude', '')}".strip()
            loc.pos = text_to_pos(loc.pos_text)
        elif tag == "exactness":
            loc.exactness = child.get("code", "")
        elif tag == "location-class":
            loc.location_class = child.get("code", "")
        elif tag in ("feature-designation", "location-type"):  # location-type: 1.0x
            loc.feature = (child.get("code") or "").upper()
        elif tag == "location-reach":
            loc.reach = child.get("code", "")
        elif tag == "administrative":
            admin = [(child.get("vocabulary", ""), child.get("level", ""),
                      (child.get("code") or "").strip())]
            for attr in ("adm1", "adm2"):  # 1.0x
                if child.get(attr):
                    admin.append(("1.0x", attr[-1], child.get(attr).strip()))
            if child.get("country"):
                admin.append(("A4", "0", child.get("country").strip().upper()))
            if clean_text(child.text):
                admin.append(("1.0x", "", clean_text(child.text)))
            loc.admin += tuple(admin)
    return loc


def element_to_budget(el: etree._Element) -> Budget:
    """``(type, period start, period end, value, currency)``."""
    start = end = value = currency = ""
    for part in el:
        tag = part.tag
        if tag == "value":
            value = clean_text(part.text)
            currency = (part.get("currency") or "").strip().upper()
        elif tag == "period-start":
            start = part.get("iso-date", "")
        elif tag == "period-end":
            end = part.get("iso-date", "")
    kind = (el.get("type") or "1").strip()
    return BUDGET_WORDS.get(kind.lower(), kind), start, end, value, currency


def is_peru_admin(loc: RawLocation) -> bool:
    """A location whose ``ref`` or administrative code is Peru's (``PE-...``, A4 ``PE``)."""
    return loc.ref.upper().startswith("PE-") or any(
        (vocab == "A4" and code.upper() == PERU) or code.upper().startswith("PE-")
        for vocab, _level, code in loc.admin)


def in_peru_box(pair: tuple[float, float]) -> bool:
    """Whether a pair falls in Peru's bounding box, read either way round."""
    (lat, lon), (lat_lo, lat_hi), (lon_lo, lon_hi) = pair, LAT_RANGE, LON_RANGE
    return ((lat_lo <= lat <= lat_hi and lon_lo <= lon <= lon_hi)
            or (lat_lo <= lon <= lat_hi and lon_lo <= lat <= lon_hi))


def may_be_peru(act: RawActivity) -> bool:
    """Recipient Peru, or a location that may be in Peru (a point in Peru's bounding box
    either way round, a Peruvian code)."""
    if any(code == PERU for code, _ in act.countries) or PERU in act.transaction_countries:
        return True
    return any((loc.pos is not None and in_peru_box(loc.pos)) or is_peru_admin(loc)
               for loc in act.locations)


def element_to_activity(el: etree._Element, file: str, source: str, version: str,
                        *, peru_only: bool = False, default_lang: str = "") -> RawActivity:
    """One ``<iati-activity>`` element -> :class:`RawActivity`.

    With ``peru_only``, an activity that cannot be Peru's (see :func:`may_be_peru`)
    is read no further than its identifier, recipients and locations.
    """
    get = el.get
    lang = (get(XML_LANG) or default_lang).lower()[:2]
    act = RawActivity(file, source, el.sourceline or 0, lang=lang,
                      default_currency=(get("default-currency") or "").strip().upper(),
                      humanitarian=(get("humanitarian") or "").strip().lower() in ("1", "true"))
    rest = []  # read once the activity may be Peru's
    transactions = False
    for child in el[:]:  # one pass; a list of children is cheaper than an iterator
        tag = child.tag
        if tag == "transaction":
            transactions = True
        elif tag in _REST:
            rest.append((tag, child))
        elif tag == "location":
            act.locations.append(element_to_location(child, lang))
        elif tag == "recipient-country":
            act.countries.append(((child.get("code") or "").strip().upper(),
                                  (child.get("percentage") or "").strip()))
        elif tag == "recipient-region":
            act.regions.append(((child.get("code") or "").strip(),
                                (child.get("percentage") or "").strip()))
        elif tag == "iati-identifier":
            act.identifier = clean_text(child.text)
    if transactions and not act.countries and not act.regions:
        act.transaction_countries = frozenset(
            (country.get("code") or "").strip().upper()
            for country in el.iterfind("transaction/recipient-country"))
    if peru_only and not may_be_peru(act):
        act.partial = True
        return act
    default_vocabulary = "DAC" if version.startswith("1") else "1"
    budgets, orgs, dates, sectors = act.budgets, act.orgs, act.dates, act.sectors
    for tag, child in rest:
        if tag == "budget":
            budgets.append(element_to_budget(child))
        elif tag == "participating-org":
            orgs.append(element_to_org(child, lang))
        elif tag == "activity-date":
            kind = child.get("type") or ""
            kind = DATE_WORDS.get(kind, kind)
            if kind not in dates:
                dates[kind] = (child.get("iso-date") or clean_text(child.text))[:10]
        elif tag == "sector":
            sectors.append((child.get("vocabulary") or default_vocabulary,
                            (child.get("code") or "").strip(),
                            (child.get("percentage") or "").strip()))
        elif tag == "title":
            act.titles += element_to_narratives(child, lang)
        elif tag == "description":
            kind = child.get("type") or "1"
            act.descriptions += [(kind, got, text)
                                 for got, text in element_to_narratives(child, lang)]
        elif tag == "reporting-org":
            act.reporting = element_to_org(child, lang)
        elif tag == "activity-status":
            act.status = (child.get("code") or "").strip()
        elif child.get("type") == "1":  # related-activity: the parent
            act.parent = (child.get("ref") or "").strip()
    if transactions and (not budgets or not sectors):
        # transactions are read only when the activity level lacks what they give
        _read_transactions(el, act, default_vocabulary)
    return act


def _read_transactions(el: etree._Element, act: RawActivity, default_vocabulary: str) -> None:
    """Commitments (when no budget), and sectors given per transaction (when the
    activity gives none)."""
    want_commitments, want_sectors = not act.budgets, not act.sectors
    for transaction in el.iterchildren("transaction"):
        if want_commitments:
            kind = transaction.find("transaction-type")
            value = transaction.find("value")
            if kind is not None and kind.get("code") in COMMITMENT and value is not None:
                act.commitments.append((clean_text(value.text),
                                        (value.get("currency") or "").strip().upper()))
        if want_sectors:
            for sector in transaction.iterchildren("sector"):
                act.transaction_sectors.append((sector.get("vocabulary") or default_vocabulary,
                                                (sector.get("code") or "").strip(), ""))
