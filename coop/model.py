"""The interventions model: who funds and who implements what, when and where.

A dataset is two tables (see ``docs/data.md``): ``interventions`` (one row per
intervention) and ``locations`` (one row per intervention and place). This module
holds the columns of both and the records a reader produces; the readers
(:mod:`coop.tables`, ...) and :mod:`coop.validation` turn sources into them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coop.values import PartialDate


@dataclass(frozen=True)
class Column:
    """One column of a table: whether it must be filled, its HXL hashtag, its meaning."""

    name: str
    required: bool
    hxl: str
    meaning: str


INTERVENTION_COLUMNS = (
    Column("id", True, "#activity+id", "unique identifier, e.g. VLIR-IUC-UNALM"),
    Column("title", True, "#activity+name", "short title"),
    Column("description", False, "#activity+description", "short description"),
    Column("title_es", False, "#activity+name+i_es", "the title in Spanish, where the source gives it"),
    Column("description_es", False, "#activity+description+i_es",
           "the description in Spanish, where the source gives it"),
    Column("funders", True, "#org+funder", "funding organisations, separated by ';'"),
    Column("funder_group", True, "#org+funder+country",
           "the funders' country or group: Belgium, Spain (Catalonia), European Union"),
    Column("implementers", False, "#org+impl", "implementing organisations, ';'-separated"),
    Column("partners", False, "#org+partner", "other partners, ';'-separated"),
    Column("themes", True, "#sector", "one or more of the theme vocabulary, ';'-separated"),
    Column("status", True, "#status", "planned, ongoing, completed or unknown, as the source states it"),
    Column("start", False, "#date+start", "YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"),
    Column("end", False, "#date+end", "YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source"),
    Column("budget", False, "#value+budget", "amount stated by the source"),
    Column("currency", False, "#currency", "ISO 4217 code of the budget, e.g. EUR"),
    Column("beneficiaries", False, "#targeted", "number of people, where stated"),
    Column("beneficiaries_note", False, "#targeted+description", "who they are"),
    Column("scope", True, "#meta+scope",
           "subnational (places in locations), unspecified regions, or national"),
    Column("scope_note", False, "#meta+scope+description", "the scope as the source words it"),
    Column("part_of", False, "#activity+id+parent", "id of the programme it belongs to"),
    Column("source", True, "#meta+source", "source document file name"),
    Column("quote", False, "#meta+quote", "a short quote from the source"),
    Column("note", False, "#meta+note", "why the data reads as it does where the source is unclear"),
)
LOCATION_COLUMNS = (
    Column("intervention_id", True, "#activity+id", "the intervention's id"),
    Column("place", True, "#loc+name", "the place, as the geocoder knows it"),
    Column("level", False, "#loc+type",
           "preferred level: department, province, district, populated place, feature"),
    Column("department", False, "#adm1+name", "department hint (and resolved department)"),
    Column("department_code", False, "#adm1+code", "INEI department code (resolved)"),
    Column("ubigeo", False, "#loc+code", "INEI ubigeo of the resolved unit (resolved)"),
    Column("lat", False, "#geo+lat", "latitude, WGS84 (resolved, or given for a finer point)"),
    Column("lon", False, "#geo+lon", "longitude, WGS84 (resolved, or given for a finer point)"),
    Column("precision", False, "#geo+precision", "IATI GeographicalPrecision code 1-9"),
    Column("reach", False, "#loc+reach", "IATI location-reach: 1 activity happens here, "
                                         "2 beneficiaries live here (default 1)"),
    Column("as_written", False, "#loc+name+original", "the place as the document writes it"),
    Column("note", False, "#meta+note", "remarks on the place"),
)
TABLE_COLUMNS = {"interventions": INTERVENTION_COLUMNS, "locations": LOCATION_COLUMNS}


@dataclass(frozen=True)
class Intervention:
    """One intervention."""

    id: str
    title: str
    funders: tuple[str, ...]
    funder_group: str
    themes: tuple[str, ...]
    status: str
    scope: str
    source: str
    description: str = ""
    title_es: str = ""
    description_es: str = ""
    implementers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    start: PartialDate | None = None
    end: PartialDate | None = None
    budget: float | None = None
    currency: str = ""
    beneficiaries: int | None = None
    beneficiaries_note: str = ""
    scope_note: str = ""
    part_of: str = ""
    quote: str = ""
    note: str = ""

    def period(self) -> str:
        """``"2010–2021"``, ``"until 2019-06"``, or ``"dates not stated"``."""
        if self.start and self.end:
            return str(self.start) if self.start == self.end else f"{self.start}–{self.end}"
        if self.start:
            return f"from {self.start}"
        if self.end:
            return f"until {self.end}"
        return "dates not stated"

    def budget_text(self) -> str:
        """``"EUR 57,000,000"`` or empty."""
        if self.budget is None:
            return ""
        return f"{self.currency} {self.budget:,.0f}"


@dataclass(frozen=True)
class Location:
    """One intervention at one resolved place."""

    intervention_id: str
    place: str
    name: str
    level: str
    ubigeo: str
    department_code: str
    department: str
    lat: float
    lon: float
    precision: int
    reach: str = "1"
    as_written: str = ""
    note: str = ""


@dataclass(frozen=True)
class Source:
    """One document or file the dataset cites."""

    file: str
    title: str = ""
    publisher: str = ""
    date: str = ""
    url: str = ""

    def citation(self) -> str:
        """``"Publisher, Title (date)"``, or the file name when nothing else is known."""
        text = ", ".join(part for part in (self.publisher, self.title) if part) or self.file
        return f"{text} ({self.date})" if self.date else text


@dataclass(frozen=True)
class DatasetInfo:
    """What a dataset says about itself (``dataset.toml`` or a ``dataset`` sheet)."""

    title: str = ""
    description: str = ""
    attribution: str = ""
    title_es: str = ""  # the same in Spanish, shown by --lang es (the above is the fallback)
    description_es: str = ""
    attribution_es: str = ""
    sources: tuple[Source, ...] = ()

    def text(self, key: str, lang: str) -> str:
        """``title``, ``description`` or ``attribution`` in ``lang``; the main text as fallback."""
        return (getattr(self, f"{key}_es") if lang == "es" else "") or getattr(self, key)


@dataclass
class Dataset:
    """Interventions and their resolved locations."""

    interventions: list[Intervention]
    locations: list[Location]
    label: str = ""
    info: DatasetInfo = field(default_factory=DatasetInfo)
    _by_id: dict[str, Intervention] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {i.id: i for i in self.interventions}

    def get(self, intervention_id: str) -> Intervention:
        """The intervention with this id."""
        return self._by_id[intervention_id]

    def unlocated(self) -> list[Intervention]:
        """National interventions and those whose regions are not named."""
        placed = {loc.intervention_id for loc in self.locations}
        return [i for i in self.interventions if i.id not in placed]

    def source_count(self) -> int:
        """The documents the dataset cites: its listed sources, else the distinct
        values of the interventions' ``source`` column."""
        return len(self.info.sources) or len({i.source for i in self.interventions})

    def funders(self) -> list[str]:
        """Every funder, in order of first appearance."""
        return list(dict.fromkeys(f for i in self.interventions for f in i.funders))
