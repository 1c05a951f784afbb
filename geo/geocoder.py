"""Geocoding: a place name as documents write it -> a unit, a point and a precision.

Rule without a department hint: the candidates are ranked by admin level
(department, province, district, populated place, feature), then by population,
then by ubigeo code; the first wins. A result whose candidates lie in more than
one department has status ``ambiguous`` and lists the other departments.
Words such as "Región", "provincia de" or "city of" select that level when a
candidate of that level exists (unless the whole text is itself a name, as
"Ciudad Nueva" is). A name ending in a department
("Canchis-Cusco", "Barranca, Lima") uses it as the hint.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.gazetteer import Gazetteer, Place, load_gazetteer
from geo.names import name_to_key, name_to_query, normalize_name
from geo.paths import REGIONS_FILE

RESULT_COLUMNS = ["query", "hint", "name", "level", "ubigeo", "department", "lat", "lon",
                  "precision", "status"]


@dataclass(frozen=True)
class Match:
    """The answer for one name."""

    query: str
    hint: str
    name: str
    level: str
    ubigeo: str
    department: str
    lat: float
    lon: float
    precision: int
    status: str
    department_code: str = ""
    alternatives: list[str] = field(default_factory=list)
    note: str = ""

    def to_record(self) -> dict:
        """The CSV columns, in order."""
        data = asdict(self)
        return {k: data[k] for k in RESULT_COLUMNS}

    def to_json(self) -> str:
        """One JSON object: the CSV columns, then department_code, alternatives, note."""
        return json.dumps(asdict(self), ensure_ascii=False)


@lru_cache(maxsize=1)
def _iso_to_ubigeo() -> dict[str, str]:
    data = json.loads(REGIONS_FILE.read_text(encoding="utf-8"))
    return {f["properties"]["iso_code"]: f["properties"]["ubigeo"] for f in data["features"]}


class Geocoder:
    """Resolve place names against a :class:`Gazetteer`."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.departments = {p.ubigeo: p.name for p in self.gazetteer.places
                            if p.level == "department"}
        self._keys = sorted(self.gazetteer.by_name)

    def department_code(self, hint: str) -> str:
        """A department hint (name, INEI code or ISO code) -> INEI code ``"08"``."""
        text = str(hint).strip()
        if text.isdigit() and text.zfill(2) in self.departments:
            return text.zfill(2)
        iso = _iso_to_ubigeo().get(text.upper())
        if iso:
            return iso
        core, _ = name_to_query(text)
        found = self.gazetteer.lookup(core)
        depts = [p for p in found if p.level == "department"]
        if depts:
            return depts[0].department
        if found and len({p.department for p in found}) == 1 and found[0].level == "province":
            return found[0].department
        close = difflib.get_close_matches(normalize_name(text), [normalize_name(n) for n in
                                          self.departments.values()], n=3, cutoff=0.6)
        names = {normalize_name(n): n for n in self.departments.values()}
        raise UnknownDepartmentError(text, [names[c] for c in close])

    def geocode(self, query: str, department: str | None = None,
                level: str | None = None) -> Match:
        """Resolve one name; raise :class:`UnknownPlaceError` when nothing matches.

        ``level`` prefers candidates of that level, as a level word in the name does.
        """
        hint = (department or "").strip()
        code = self.department_code(hint) if hint else None
        core, word_level = normalize_name(query), None
        candidates = self.gazetteer.lookup(core)
        if not candidates:  # "Región Cusco", "city of Iquitos"; but "Ciudad Nueva" is a name
            core, word_level = name_to_query(query)
            candidates = self.gazetteer.lookup(core)
        level = level or word_level
        if not candidates and code is None:
            core, code = self._split_department(core)
            candidates = self.gazetteer.lookup(core)
        if code is not None:
            candidates = [p for p in candidates if p.department == code]
        if level and any(p.level == level for p in candidates):
            candidates = [p for p in candidates if p.level == level]
        if not candidates:
            where = self.departments.get(code) if code else None
            raise UnknownPlaceError(query, self.suggest(core, code), where)
        return self._to_match(query, hint, candidates)

    def _split_department(self, core: str) -> tuple[str, str | None]:
        """``"canchis cusco"`` -> ``("canchis", "08")`` when both parts are known."""
        words = core.split()
        for cut in range(len(words) - 1, 0, -1):
            head, tail = " ".join(words[:cut]), " ".join(words[cut:])
            depts = [p for p in self.gazetteer.lookup(tail) if p.level == "department"]
            if depts and self.gazetteer.lookup(head):
                return head, depts[0].department
        return core, None

    def _to_match(self, query: str, hint: str, candidates: list[Place]) -> Match:
        best = candidates[0]
        others = sorted({p.department for p in candidates} - {best.department})
        return Match(query=query, hint=hint, name=best.name, level=best.level,
                     ubigeo=best.ubigeo, department=self.departments[best.department],
                     lat=best.lat, lon=best.lon, precision=best.precision,
                     status="ambiguous" if others else "ok",
                     department_code=best.department,
                     alternatives=[self.departments[d] for d in others], note=best.note)

    def suggest(self, core: str, code: str | None = None, n: int = 5) -> list[str]:
        """The closest known names, as ``Name (Department)``."""
        keys = self._keys
        if code is not None:
            keys = [k for k in keys if any(p.department == code for p in self.gazetteer.by_name[k])]
        out = []
        for key in difflib.get_close_matches(name_to_key(core), keys, n=n, cutoff=0.6):
            places = [p for p in self.gazetteer.by_name[key]
                      if code is None or p.department == code]
            label = f"{places[0].name} ({self.departments[places[0].department]})"
            if label not in out:
                out.append(label)
        return out


@lru_cache(maxsize=1)
def default_geocoder() -> Geocoder:
    """A geocoder over the bundled gazetteer (cached)."""
    return Geocoder()


def geocode(query: str, department: str | None = None, level: str | None = None) -> Match:
    """Resolve one name with the bundled gazetteer."""
    return default_geocoder().geocode(query, department, level)
