"""Names a text gives as places by how it writes them, whether a gazetteer holds them or not.

Four shapes, read from the text alone (no gazetteer here):

- a list after a settlement cue, in the same sentence: "Las comunidades nativas
  incluidas en esta intervención son: A, B (Pangoa); C y D (Mazamari)", "en las
  localidades de X y Y", "the villages of A, B and C";
- a list a settlement cue follows: "Concepción Cangallo y Timpocc, centros poblados
  rurales del distrito de Vinchos", "the Pamparomas and Huanchay communities";
- a name with its parent unit in parentheses, after a locative word or in a list: "en
  Boca del Kiatari (Pangoa)", "Chonta (Cajamarca), Cunas (Junin)";
- a name with its parent unit as an apposition, after a locative word: "In Chillihua,
  province of Melgar (Puno)", "in Choquecca, Tambobamba district", "en Huaylla,
  distrito de Cochas"; in a list ("; y Ccactus Urcco, distrito de Vinchos"); or opening
  a line with two units after it ("Iribamba, district of Luricocha, province of Huanta").

Each name found is a :class:`Listed`: its span, the parent unit's name as written
(or ``""``), and whether a cue introduced it. Which department it is in is for the
geoparser to decide, from the parent, the list's known items, or the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geo.cues import (AREA_QUALIFIERS, COMMON, COUNTRY_NAMES, DISCOURSE_WORDS, FEATURE_CUE_WORDS,
                      FIRST_NAMES, MONTHS, NOT_LIST_ITEMS, NOT_UNLISTED, ORG_BEFORE, PEOPLES,
                      PERSON_BEFORE, UNIT_WORDS, UNLISTED_AFTER_CUES)
from geo.names import name_to_key, normalize_name
from geo.paths import ABROAD_NAMES_FILE, COMMON_WORDS_FILE, ENGLISH_WORDS_FILE, GIVEN_NAMES_FILE

UPPER = "A-ZÁÉÍÓÚÑÜ"
_WORD = rf"[{UPPER}][\w'’-]+"
_LINK = r"(?:de[ \t]+(?:la|las|los)|de|del|la|las|los|el)"  # "Quebrada de las Damas"
_NAME = rf"{_WORD}(?:[ \t]+(?:{_LINK}[ \t]+)?{_WORD})*"
NAME = _NAME  # a capitalised name, its words joined by "de", "de los", "del"...
# the shortest name that its kind word, if any, and the bracket close: "(Pangoa)",
# "(distrito Huaura)", "(in Tumbes region)", "(Villa El Salvador District)"
_PARENT = (rf"[ \t]*\([ \t]*(?:(?:in|en)[ \t]+(?:the[ \t]+|la[ \t]+)?)?"
           rf"(?:(?:distrito|provincia|regi[oó]n|district|province|region)[ \t]+(?:de[ \t]+)?)?"
           rf"({_WORD}(?:[ \t]+(?:{_LINK}[ \t]+)?{_WORD})*?)"
           rf"(?:[ \t]+(?i:region|province|district))?[ \t]*\)")
_SEPARATOR = (r"[ \t]*(?:[,;][ \t]*(?:(?:y|e|and)[ \t]+)?|[ \t]+(?:y|e|and)[ \t]+"
              r"|[ \t]+[–—][ \t]+)")  # "Pampahuasi – Ccasapata, Huayllapampa – Huychaorumi"
# "C.C. Pallata" (comunidad campesina), "C.N." (nativa), "CC.NN. A y B" (the plural)
ABBREVIATED_CUE = (r"C\.[ \t]?[CNP]\.|CC\.[ \t]?(?:CC|NN)\.|CCNN\b"  # "C.P.", "CC.PP":
                   r"|CC\.[ \t]?PP\b\.?|A\.[ \t]?H\.|AA\.[ \t]?HH\b\.?")  # centro
#                  poblado; "A.H.", "AA.HH.": asentamiento humano
PLURAL_ABBREVIATED_CUE = r"CC\.[ \t]?(?:CC|NN)\.|CCNN\b"
_SETTLEMENTS = (r"(?:comunidades|localidades|caser[ií]os|centros[ \t]+poblados|anexos|pueblos"
                r"|juntas[ \t]+vecinales"
                r"|sectores|barrios"
                r"|poblados|asentamientos|villages|communities|hamlets|settlements|towns"
                r"|localities)")
_KINDS = (r"(?:nativas|campesinas|ind[ií]genas|rurales|altoandinas|amaz[oó]nicas|asháninkas?"
          r"|beneficiarias|vecinas|aledañas|cercanas|intervenidas|native|indigenous|rural"
          r"|farming|peasant|neighbouring|neighboring|nearby|beneficiary|remote|small)")
# the cue, then either words saying what kind ("nativas", "farming") and "de"/"of", or
# up to six lowercase words and a colon ("nativas incluidas en esta intervención son:"),
# or up to twelve and "como" or a verb ("comunidades que no contaron con agua como A, B
# y C", "los caseríos y comunidades nativas beneficiarios fueron A, B y C")
# or the unit they are in and a colon ("los caseríos del distrito de Huarmaca: A, B y C")
_INCLUDING = r"(?:tales[ \t]+como|como|such[ \t]+as|including|incluyendo)"
_CUED_LIST = re.compile(
    rf"(?<!\w){_SETTLEMENTS}(?:(?:[ \t]+{_KINDS}){{0,2}}[ \t]+(?:de|of)"
    rf"|(?:[ \t]+{_KINDS}){{0,2}}[ \t]+(?:del[ \t]+distrito|de[ \t]+la[ \t]+provincia"
    rf"|of[ \t]+the[ \t]+(?:district|province))[ \t]+(?:de|of)[ \t]+(?-i:({_NAME}))[ \t]*:"
    rf"|(?:[ \t]+[a-záéíóúñü]+){{0,6}}[ \t]*:"
    rf"|(?:[ \t]+[a-záéíóúñü]+){{0,12}}?,?[ \t]+(?:{_INCLUDING}"
    r"|son|fueron|ser[aá]n|are|were|include|includes|incluyen)"
    rf"|(?P<bare>)(?:[ \t]+{_KINDS}){{0,2}}(?=[ \t]+(?-i:[{UPPER}])))[ \t]+"
    rf"(?=[{UPPER}])"
    # areas, then what they include: "en diversas zonas, incluyendo A, B y C"
    r"|(?<!\w)(?:zonas|[aá]reas|zones|neighbou?rhoods)(?:[ \t]+[a-záéíóúñü]+){0,6}?,?[ \t]+"
    rf"{_INCLUDING}[ \t]+(?=[{UPPER}])",
    re.IGNORECASE)
# the unit a list's items are in, after its last item ("... y C de la provincia de Satipo")
_LIST_PARENT = re.compile(
    r"[ \t,]+(?:(?:de|en)[ \t]+(?:la[ \t]+provincia|el[ \t]+distrito)|del[ \t]+distrito)"
    rf"(?:[ \t]+de)?[ \t]+({_NAME})"
    rf"|[ \t,]+(?:in|from)[ \t]+(?:the[ \t]+(?:province|district)[ \t]+of[ \t]+({_NAME})"
    rf"|(?:the[ \t]+)?({_NAME})[ \t]+(?i:province|district)\b)")
# an item's parent in parentheses, or a remark the list goes on after ("Buenos Aires
# (195 familias) y Pataccollo")
REMARK = r"[ \t]*\([^()\n]{1,60}\)"
# villages named after a date, in a list: "Bella Flor, 23 de Diciembre, Santa Clara"
_DATE_NAME = (r"\d{1,2}[ \t]+de[ \t]+(?:Enero|Febrero|Marzo|Abril|Mayo|Junio|Julio|Agosto"
              r"|Setiembre|Septiembre|Octubre|Noviembre|Diciembre)(?![\w'’-])")
_DATE_NAME_RE = re.compile(_DATE_NAME)
_ITEM = re.compile(rf"({_NAME}|{_DATE_NAME})(?:{_PARENT}|{REMARK})?")
_NEXT_ITEM = re.compile(rf"{_SEPARATOR}({_NAME}|{_DATE_NAME})(?:{_PARENT}|{REMARK})?")
_LOCATIVE_WORDS = r"[Ee]n|[Ii]n|[Aa]t|[Nn]ear"
_LOCATIVE = rf"(?<!\w)(?:{_LOCATIVE_WORDS}|[Cc]erca[ \t]+de)[ \t]+"
_LOCATIVE_RE = re.compile(_LOCATIVE)
# "a town called Guayacondo", "a neighborhood outside of town, called ‘El Bosque’"
_AREA_WORDS = (r"(?:area|zone|region|place|site|zona|[aá]rea|regi[oó]n|lugar|paraje|town"
               r"|village|community|city|hamlet|settlement|pueblo|caser[ií]o|comunidad"
               r"|localidad|ciudad|poblado|anexo|neighbou?rhood|barrio|shanty[ \t]?town)")
_AREA_WORD = re.compile(rf"(?<!\w){_AREA_WORDS}(?!\w)", re.IGNORECASE)
# "en Boca del Kiatari (Pangoa)", "el centro turístico de Tierras Blancas (Chongoyape)"
_PARENT_OPENER = (rf"(?:{_LOCATIVE}|(?<!\w)(?:de|del|of|–|-|and|y|e|are|include|includes"
                  r"|incluye|incluyen|son)[ \t]+|[,;:][ \t]*)")  # "..., Chonta (Cajamarca)"
_PARENT_OPENER_RE = re.compile(_PARENT_OPENER)
_PARENT_RE = re.compile(_PARENT)
_PARENTHESISED = re.compile(rf"{_PARENT_OPENER}({_NAME}){_PARENT}")
_UNIT = (rf"(?:(?:in|en)[ \t]+(?:the[ \t]+|el[ \t]+)?)?(?:"  # "district of X", "X district"
         rf"(?:the[ \t]+)?(?:province|district)[ \t]+of[ \t]+({_NAME})"
         rf"|({_NAME})[ \t]+(?:province|district)\b"
         rf"|(?:distrito|provincia)[ \t]+de[ \t]+({_NAME}))")
_APPOSITION = re.compile(rf"{_LOCATIVE}({_NAME}),[ \t]+{_UNIT}")
# without a locative word: in a list ("; y X, distrito de Y"), or opening a line with two
# units after it ("Iribamba, district of Luricocha, province of Huanta")
_LISTED_OPENER = re.compile(r"(?:[;,][ \t]*|(?<!\w))(?:y|e|and)[ \t]+|;[ \t]*")
_LISTED_APPOSITION = re.compile(rf"(?:[;,][ \t]*)?(?:(?:y|e|and)[ \t]+)?({_NAME}),[ \t]+{_UNIT}")
_LINE_OPENER = re.compile(r"^[ \t]*", re.MULTILINE)
_PAIR_BEFORE = re.compile(rf"(?:^|(?<=[;:])[ \t]*)({_NAME})[ \t]+(?:y|e|and)[ \t]+$",
                          re.MULTILINE)
_LINE_APPOSITION = re.compile(
    rf"[ \t]*({_NAME}),[ \t]+{_UNIT},[ \t]+"
    r"(?:(?:in|en)[ \t]+)?(?:(?:the[ \t]+)?(?:province|provincia)[ \t]+(?:of|de)[ \t]+"
    rf"{_NAME}|{_NAME}[ \t]+province\b)")


_AREA_NAMED = re.compile(  # "the illegal mining zone known as La Pampa"
    rf"(?<!\w)(?i:{_AREA_WORDS}"
    r",?[ \t]+(?:(?:is|was|es|era|fue)[ \t]+)?(?:known|called|named|conocid[oa]|llamad[oa]"
    rf"|denominad[oa])(?:[ \t]+(?:as|como))?)[ \t]+[\"“«‘']?({_NAME})")


_KIND_NAMED = re.compile(  # "La Pampa is a district in ...", "Cancas es un caserío de ..."
    rf"({_NAME}),?[ \t]+(?:(?:is|was)[ \t]+(?:a|an|the)|es[ \t]+(?:un|una|el|la))"
    r"[ \t]+(?:[a-záéíóúñ]+[ \t]+){0,2}"
    r"(?:district|town|village|city|community|settlement|port|province|hamlet"
    r"|distrito|pueblo|ciudad|comunidad|caser[ií]o|provincia|localidad|centro[ \t]+poblado)"
    r"(?=[ \t]*(?:[,.;:()\n]|$|(?:in|of|on|near|located|situated|that|which|where|with|de|del"
    r"|en|ubicad[oa]|situad[oa]|que|donde|con)\b))")  # not "a community organisation"
_NAME_START = re.compile(rf"(?<![\w'’-])[{UPPER}]")
_KIND_ANCHORS = (" is a ", " is an ", " is the ", " was a ", " was the ", " es un ", " es una ",
                 " es el ", " es la ")

@dataclass(frozen=True)
class Listed:
    """A name the text gives as a place: its span and its parent unit as written."""

    start: int
    end: int
    parent: str = ""
    cued: bool = False
    group: int = -1  # the list it belongs to (its first item's start), -1 alone
    named: bool = False  # "the zone known as X": X names a place, whatever else it is


def lowercase(text: str) -> str:
    """``text`` in lower case, offset for offset (``İ`` lowercases to two characters)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@lru_cache(maxsize=1)
def _abroad_keys() -> frozenset[str]:
    """The folded names of countries and large cities abroad (``data/abroad_names.txt``)."""
    return frozenset(ABROAD_NAMES_FILE.read_text(encoding="utf-8").split())


_LINKS = frozenset({"de", "del", "la", "las", "los", "el", "y"})
TITLE_LINKS = frozenset({"and", "of", "the", "for", "&"})  # inside an English title


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """People's first names that name no Peruvian place, folded (``data/given_names.txt``):
    "Elsa", "Zoraida", not "Santiago" or "Belén"."""
    return frozenset(GIVEN_NAMES_FILE.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Frequent Spanish and English words that name no place, folded
    (``data/common_words.txt``): "educación", "cultura", "health"."""
    return frozenset(COMMON_WORDS_FILE.read_text(encoding="utf-8").split())


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """The frequent words that are English ones (``data/english_words.txt``): "water",
    "sanitation", "unit"; not "social" or "canal"."""
    return frozenset(ENGLISH_WORDS_FILE.read_text(encoding="utf-8").split())


@lru_cache(maxsize=65536)
def is_english_title(name: str) -> bool:
    """Whether a capitalised phrase is made of frequent words, one English at least:
    a title ("Sanitation Project", "Local Educational Management Unit"), no place's name
    ("Buenos Aires", "Nueva Vida" are Spanish words; "Pucunucho" no word)."""
    words = [w for w in normalize_name(name).split() if w not in _LINKS | TITLE_LINKS]
    return bool(words) and all(w in common_words() for w in words) and any(
        w in _english_words() for w in words)


@lru_cache(maxsize=65536)
def is_common_word(name: str) -> bool:
    """Whether a name as written is one frequent word: one that names no place
    ("Educación", "Health") or a unit's name that is a word first ("Salud", "Progreso")."""
    key = normalize_name(name)
    return " " not in key and (key in common_words() or key in COMMON)


def is_abroad(name: str) -> bool:
    """Whether a name as written names a country or a city of 100,000 abroad
    ("Ginebra", "Oslo", "Nueva York"); only asked of names Peru's gazetteer lacks."""
    return name_to_key(name) in _abroad_keys()


@lru_cache(maxsize=65536)
def is_name_like(name: str) -> bool:
    """Whether a capitalised phrase may be a place's name: not an acronym, a month, an
    organisation's or a person's first word, a unit's word alone ("Provincia", "Dpto"),
    nor a word that never names a place."""
    key = normalize_name(name)
    words = key.split()
    if not words or name.isupper() and len(name) <= 6 or key in COUNTRY_NAMES:
        return False
    if len(words) > 1 and words[0] in given_names() and not _LINKS.intersection(words):
        return False  # a person: "Zoraida Sáenz Marín" (not "Flor del Imiria")
    return not (words[0] in FIRST_NAMES or words[0] in PERSON_BEFORE or words[0] in ORG_BEFORE
                or words[0] in MONTHS or len(words) == 1 and (words[0] in DISCOURSE_WORDS
                                                              or words[0] in UNIT_WORDS)
                or words[0] in NOT_LIST_ITEMS or words[-1] in MONTHS or words[0] in PEOPLES
                or " ".join(words[:2]) in PEOPLES)


_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_LINE_START = re.compile(r"(?:^|\n|[.:] )[ \t]*(?:\d+[.-]+[ \t]*)?(?:[\w ]+[.:][ \t]*)?$")


def _sentence_end(text: str, start: int) -> int:
    """Where the sentence going on at ``start`` ends."""
    found = _SENTENCE_END.search(text, start)
    return found.start() if found else len(text)


_CUE_WORDS = ("comunidades", "localidades", "caserios", "caseríos", "centros", "anexos", "juntas",
              "sectores", "barrios",
              "pueblos", "poblados", "asentamientos", "villages", "communities", "hamlets",
              "settlements", "towns", "localities", "zonas", "areas", "áreas", "zones",
              "neighborhoods", "neighbourhoods")
_APPOSITION_WORDS = ("province", "district", "distrito", "provincia")


def find_words(lowered: str, words: tuple[str, ...]) -> list[int]:
    """Where the words occur in a lowercased text (str.find: far faster than a regex
    alternation tried at every position)."""
    at = []
    for word in words:
        i = lowered.find(word)
        while i >= 0:
            at.append(i)
            i = lowered.find(word, i + 1)
    return sorted(at)


def _near(pattern: re.Pattern, opener: re.Pattern, text: str, anchors: list[int],
          back: int) -> list[re.Match]:
    """The pattern's matches that start where ``opener`` matches, at most ``back``
    characters before an anchor, and reach past it; each once, the longest first."""
    seen, out = set(), []
    covered = -1  # the end of the last match: anchors inside it need no new search
    tried: dict[int, re.Match | None] = {}  # windows overlap: each start matched once
    for at in anchors:
        if at < covered:
            continue
        for start in opener.finditer(text, max(0, at - back), at):
            m = tried.get(start.start(), False)
            if m is False:
                m = tried[start.start()] = pattern.match(text, start.start())
            if m and m.end() > at and m.start() not in seen:
                seen.add(m.start())
                out.append(m)
                covered = max(covered, m.end())
                break
    return out


def cued_lists(text: str, lowered: str | None = None) -> list[Listed]:
    """The items of lists a settlement cue introduces, each with the parent unit its
    group names in parentheses ("A, B (Pangoa); C (Mazamari)": A and B in Pangoa), else
    the one the whole list names, before it ("los caseríos del distrito de Huarmaca: A,
    B y C") or after it ("las localidades de A y B de la provincia de Satipo")."""
    out: list[Listed] = []
    lowered = lowercase(text) if lowered is None else lowered
    cues = (_CUED_LIST.match(text, at) for at in find_words(lowered, _CUE_WORDS))
    for cue in [c for c in cues if c and not (  # "las comunidades Chacapampa y Ccollpa",
            c.group("bare") is not None and text[c.start()].isupper()  # not a title, but
            and (text[c.start() + 1].isupper()  # a label: "Localidades A, B y C"
                 or not _LINE_START.search(text, max(0, c.start() - 40), c.start())))]:
        limit = _sentence_end(text, cue.end())
        items: list[tuple[int, int, str]] = []
        item = _ITEM.match(text, cue.end())
        while item and item.end() <= limit:
            items.append((*item.span(1), item.group(2) or ""))
            item = _NEXT_ITEM.match(text, item.end())
        after = _LIST_PARENT.match(text, items[-1][1]) if items else None
        shared = cue.group(1) or (after and next(filter(None, after.groups()))) or ""
        parent = shared
        for start, end, own in reversed(items):  # a group's parent follows its last item
            if own:
                parent = own
            if is_name_like(text[start:end]) or _DATE_NAME_RE.fullmatch(text, start, end):
                out.append(Listed(start, end, parent, True, items[0][0]))
            if text[max(0, start - 8):start].rstrip().endswith(";"):
                parent = shared
    for label in _LABEL_LIST.finditer(text):  # "Cities & Towns\n\nA, B, C"
        limit = text.find("\n", label.end())
        limit = len(text) if limit < 0 else limit
        items = []
        item = _ITEM.match(text, label.end())
        while item and item.end() <= limit:
            items.append(item)
            item = _NEXT_ITEM.match(text, item.end())
        if len(items) >= 2 and _NEXT_ITEM.match(text, items[-1].end()) is None:
            out.extend(Listed(*item.span(1), item.group(2) or "", True, items[0].start(1))
                       for item in items if is_name_like(item.group(1)))
    return sorted(out, key=lambda x: x.start)


# a line that labels the list on the next: "Cities & Towns\n\nAlto Yurinaqui, Palomar, La
# Merced", "Comunidades:\nA, B y C"
_LABEL_WORD = (r"(?:Cities|Ciudades|Towns|Villages|Communities|Comunidades|Localidades"
               r"|Caser[ií]os|Centros[ \t]+[Pp]oblados|Anexos|Sectores|Hamlets|Localities"
               r"|Settlements|Districts|Distritos)")
_LABEL_LIST = re.compile(
    rf"(?m)^[ \t]*{_LABEL_WORD}(?:[ \t]*(?:&|and|y|/|,)[ \t]*{_LABEL_WORD})?[ \t]*:?[ \t]*\n"
    rf"(?:[ \t]*\n)*[ \t]*(?=[{UPPER}])")


# a settlement cue after a list: "Concepción Cangallo y Timpocc, centros poblados rurales
# del distrito de Vinchos", "Timpocc, caserío de Vinchos", "the Pamparomas and Huanchay
# communities"; its unit, if it names one
_TRAILING_ES = re.compile(
    r",[ \t]+(?:(?:los|las|el|la)[ \t]+)?(?:comunidad(?:es)?|localidad(?:es)?|caser[ií]os?"
    r"|centros?[ \t]+poblados?|anexos?)"
    rf"(?:[ \t]+{_KINDS}){{0,2}}(?!\w)"
    r"(?:[ \t]+(?:del[ \t]+distrito|de[ \t]+la[ \t]+provincia)(?:[ \t]+de)?"
    rf"[ \t]+(?-i:({_NAME})))?", re.IGNORECASE)
_TRAILING_EN = re.compile(r"[ \t]+(?:communities|villages|hamlets)(?!\w)")
_TRAILING_WORDS = (", comunidad", ", localidad", ", caser", ", centro", ", anexo", ", los ",
                   ", las ", ", el ", ", la ", " communities", " villages", " hamlets")
_LIST_BEFORE = re.compile(rf"({_NAME})(?:{_SEPARATOR}{_NAME})*")
_OPENING_WORDS = {"en", "in", "y", "e", "and", "the", "los", "las", "el", "la", "de", "del",
                  "at", "from", "desde", "to", "a", "of", "for", "para", "con", "with"}


# Works named by the places they join: "Camino vecinal Huancash-Tarapampa", "canal de
# irrigación Jaracocha-Ichic Gallan-Shucsha", "sistema de riego de 22 km Oguro-Mesapata",
# "the Iquitos-Nauta road": each place a village (or a known unit)
_CHAIN_WORD = rf"[{UPPER}][\w'’]+"
_CHAIN_ITEM = rf"{_CHAIN_WORD}(?:[ \t]+(?:{_LINK}[ \t]+)?{_CHAIN_WORD})*"  # no hyphen inside
DASH = r"[ \t]*[-\u2010-\u2014][ \t]*"  # a hyphen or a dash, spaced or not
_DASHES = ("-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014")
_CHAIN = re.compile(rf"{_CHAIN_ITEM}(?:{DASH}{_CHAIN_ITEM})+")
_CHAIN_PART = re.compile(rf"({_CHAIN_ITEM})(?:{DASH}|$)")
_WORKS = (r"camino(?:s)?(?:[ \t]+(?:vecinal(?:es)?|de[ \t]+herradura))?|carreteras?|trochas?"
          r"(?:[ \t]+carrozables?)?|v[ií]a|canal(?:es)?|sistemas?[ \t]+de[ \t]+riego"
          r"|irrigaci[oó]n|l[ií]nea[ \t]+de[ \t]+conducci[oó]n|tramos?|road|highway|route"
          r"|trail")
_CHAIN_CUE_BEFORE = re.compile(  # the cue and up to four lowercase words or numbers ("de 22 km")
    rf"(?i:(?<!\w)(?:{_WORKS}))(?:[ \t]+(?:[a-záéíóúñ]+|\d+(?:[.,]\d+)?)){{0,4}}[ \t]+$")
_CHAIN_CUE_AFTER = re.compile(r"[ \t]+(?:road|highway|canal|trail|route)s?\b")
_CHAIN_OPENING = re.compile(r"(?:The|An?|En|In|Desde|From|Hacia|Entre|Between|Por|Para|Con"
                            r"|With)[ \t]+")
_CHAIN_CUE_HEAD = re.compile(rf"(?i:{_WORKS})[ \t]+")  # "Carretera Huancayo-Huancavelica"


def work_chains(text: str) -> list[Listed]:
    """The places a road, a trail or a canal is named by, joined by dashes: "camino
    vecinal Huancash-Tarapampa-Puente Tarapampa", "the Iquitos-Nauta road"."""
    dashes = [at for at in find_words(text, _DASHES)
              if at > 0 and (text[at - 1].isalpha() or text[at - 1] == " ")]
    out = []
    for m in _near(_CHAIN, _NAME_START, text, dashes, 80):
        opening = _CHAIN_OPENING.match(text, m.start(), m.end())  # "The Iquitos-Nauta road"
        start = opening.end() if opening else m.start()
        head = _CHAIN_CUE_HEAD.match(text, start, m.end())
        if head and _CHAIN.fullmatch(text, head.end(), m.end()):
            start = head.end()  # the cue written with a capital, inside the first item
        elif not (_CHAIN_CUE_BEFORE.search(text, max(0, start - 60), start)
                  or _CHAIN_CUE_AFTER.match(text, m.end())):
            continue
        parts = []
        part = _CHAIN_PART.match(text, start, m.end())
        while part:
            parts.append(part.span(1))
            part = _CHAIN_PART.match(text, part.end(), m.end()) if part.end() < m.end() else None
        if len(parts) >= 2:
            out.extend(Listed(a, b, cued=True, group=start) for a, b in parts
                       if is_name_like(text[a:b]))
    return out


def trailing_lists(text: str, lowered: str | None = None) -> list[Listed]:
    """The items of a list a settlement cue follows: "Concepción Cangallo y Timpocc,
    centros poblados rurales del distrito de Vinchos" (each with that unit), "the
    Pamparomas and Huanchay communities" (two names at least, in English)."""
    lowered = lowercase(text) if lowered is None else lowered
    out: list[Listed] = []
    for at in find_words(lowered, _TRAILING_WORDS):
        spanish = text[at] == ","
        cue = (_TRAILING_ES if spanish else _TRAILING_EN).match(text, at)
        if not cue:
            continue
        start = max(0, at - 200)
        for stop in _SENTENCE_END.finditer(text, start, at):  # the list's sentence only
            start = stop.end()
        items = _list_ending_at(text, start, at)
        if len(items) < (1 if spanish else 2):
            continue
        parent = cue.group(1) or "" if spanish else ""
        out += [Listed(a, b, parent, True, items[0][0]) for a, b in items
                if is_name_like(text[a:b])]
    return out


def _list_ending_at(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names of the longest list of names that ends at ``end`` and begins at or after
    ``start``, without its opening words ("En", "the")."""
    for m in _NAME_START.finditer(text, start, end):
        word = _WORD_AT.match(text, m.start())
        if word is None or normalize_name(word.group()) in _OPENING_WORDS:
            continue
        found = _LIST_BEFORE.match(text, m.start(), end)
        if found and found.end() == end:
            items, item = [], _ITEM.match(text, m.start(), end)
            while item:
                items.append(item.span(1))
                item = _NEXT_ITEM.match(text, item.end(), end)
            return items
    return []


_WORD_AT = re.compile(r"[\w'’-]+")


_LIST_OPENER = (rf"(?:(?<!\w)(?:{_LOCATIVE_WORDS}|de|of|to|from|v[ií]a|como|such[ \t]+as"
                r"|including|incluyendo|incluye|incluyen|includes?|est[aá]n|son|are|were)[ \t]+"
                r"|^[ \t]*[-•*·][ \t]+"  # or a bullet: "- Allpamarca, Chagragoto, ..."
                r"|(?<=\w):[ \t]+)")  # or a colon: "the influence zone: Rica Playa, ..."
_LIST_OPENER_RE = re.compile(_LIST_OPENER, re.MULTILINE)
_LOCATIVE_OPENER = re.compile(rf"{_LOCATIVE_WORDS}|de|from")  # not "such as", "son"
_COMMA_NAME = re.compile(rf",[ \t]*[{UPPER}]")
_LOCATED_LIST = re.compile(  # "se aprecian en A, B, C y D": two separators at least
    rf"{_LIST_OPENER}{_NAME}(?:{_SEPARATOR}{_NAME}){{2,}}", re.MULTILINE)


ORG_WORDS = (ORG_BEFORE | NOT_LIST_ITEMS) - {"senor", "senora", "nuestra", "don", "dona",
                                              "sr", "sra", "mas", "mayor", "menor", "mejor"}


def located_lists(text: str) -> list[Listed]:
    """The items of a list of three or more names after a locative word ("en Cochas,
    Putacca, Pampanhuaylla y Allpacorral"), whatever they are: the geoparser keeps
    those of a list whose known items are small places, or that a parent unit follows
    ("from Trinki, Marampaqui and Huacaticgo from the Ocongate district")."""
    out = []
    commas = [m.start() for m in _COMMA_NAME.finditer(text)]  # a list has a comma
    for m in _near(_LOCATED_LIST, _LIST_OPENER_RE, text, commas, 160):
        opener = _LIST_OPENER_RE.match(text, m.start())
        after = (_LIST_PARENT.match(text, m.end())  # "in A, B and C in the X district"
                 if _LOCATIVE_OPENER.fullmatch(opener.group().strip()) else None)
        parent = next(filter(None, after.groups())) if after else ""
        items = []
        item = _ITEM.match(text, opener.end())
        while item and item.end() <= m.end():
            items.append(item)
            item = _NEXT_ITEM.match(text, item.end())
        if 2 * sum(is_common_word(item.group(1)) for item in items) >= len(items):
            continue  # a list of themes: "en Salud, Educación, Santa Rosa y Cultura"
        out.extend(Listed(*item.span(1), parent, False, m.start())
                   for item in items if is_name_like(item.group(1))
                   and ORG_WORDS.isdisjoint(normalize_name(item.group(1)).split()))
    return out


# Endings of Quechua and Aymara place names, as Spanish spelling writes them: pampa and
# bamba 'plain', marca 'town, land', cocha 'lake', huasi 'house', yacu 'water', pata
# 'terrace, bank', rumi 'stone', cancha 'enclosure', chaca 'bridge', puquio 'spring',
# tambo 'inn', llacta 'town', jirca 'mountain', orcco 'hill', punco 'gate', huayco
# 'ravine', machay 'cave', cucho 'corner', pucro 'hollow', mayo 'river'. INEI's districts
# alone hold 66 names on -bamba, 38 on -marca, 35 on -pampa, 23 on -pata.
TOPONYM_ENDINGS = ("pampa", "bamba", "marca", "cocha", "qocha", "huasi", "wasi", "yacu",
                   "yaku", "pata", "rumi", "cancha", "chaca", "puquio", "tambo", "llacta",
                   "jirca", "jirka", "orcco", "urcco", "punco", "huayco", "huaico", "machay",
                   "cucho", "pucro", "mayo")
_FOLDED_ENDINGS = tuple(sorted(set(TOPONYM_ENDINGS)))
_TOPONYM = re.compile(rf"[{UPPER}][a-záéíóúñü]+(?=$|[^\w'’-])")
_NAME_GOES_ON = re.compile(rf"[ \t]+({_WORD})")


def is_toponym_like(word: str) -> bool:
    """Whether a capitalised word ends as Andean place names do ("Huayllapampa",
    "Uchubamba", "Yuragmarca"), three letters at least before the ending ("Zapata" and
    "Mayo" do not)."""
    key = normalize_name(word)
    return any(key.endswith(e) and len(key) - len(e) >= 3 for e in _FOLDED_ENDINGS)


def toponyms(text: str, lowered: str | None = None) -> list[Listed]:
    """Names that read as Andean place names whatever surrounds them ("the coffee
    growers in Sícchezpampa"), with a qualifier after them ("Huayllapampa Alta"). Not
    when a longer capitalised name goes on ("Cusichaca Trust", "Cusichaca Rural
    Development Projects"): an organisation's or a project's, unless the word after is
    a unit's or a feature's ("Patacancha Valley", "Huayllapampa District")."""
    lowered = lowercase(text) if lowered is None else lowered
    out = []
    seen = -1
    for at in find_words(lowered, _FOLDED_ENDINGS):
        start = at
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
            start -= 1
        if start <= seen:
            continue
        word = _TOPONYM.match(text, start)
        if not word or not is_toponym_like(word.group()) or not is_name_like(word.group()):
            continue
        seen = end = word.end()
        more = _NAME_GOES_ON.match(text, end)
        while more and normalize_name(more.group(1)) in _QUALIFIERS:
            seen = end = more.end()
            more = _NAME_GOES_ON.match(text, end)
        if goes_on(text, end):
            continue  # part of a longer name, an organisation's or a project's
        if not is_abroad(text[start:end]):
            out.append(Listed(start, end))
    return out


def goes_on(text: str, end: int) -> bool:
    """Whether a longer capitalised name goes on after a place's name at ``end``
    ("Cusichaca Trust"), other than its kind ("Patacancha Valley")."""
    more = _NAME_GOES_ON.match(text, end)
    return bool(more) and normalize_name(more.group(1)) not in _KIND_AFTER | _QUALIFIERS


# Words after a place's name that are still the name ("Huayllapampa Alta"), and those
# that say what kind of place it is ("Patacancha Valley")
_QUALIFIERS = {"alto", "alta", "bajo", "baja", "grande", "chico", "chica", "nuevo", "nueva",
               "viejo", "vieja", "norte", "sur", "este", "oeste", "central", "i", "ii", "iii"}
_KIND_AFTER = UNLISTED_AFTER_CUES | FEATURE_CUE_WORDS | AREA_QUALIFIERS | {
    "region", "department", "annex", "peru", "native", "indigenous", "peasant"}


def appositions(text: str, lowered: str | None = None) -> list[Listed]:
    """Names followed by their parent unit: "en Boca del Kiatari (Pangoa)", "In
    Chillihua, province of Melgar", "in Choquecca, Tambobamba district"."""
    out = []
    parentheses = [at for at in find_words(text, ("(",)) if _PARENT_RE.match(text, at)]
    for m in _near(_PARENTHESISED, _PARENT_OPENER_RE, text, parentheses, 120):
        if is_name_like(m.group(1)) and not (m.group(2).isupper() and not m.group(1).isupper()):
            #                               "Plataformas de Acción Social (PIAS)": an acronym
            out.append(Listed(*m.span(1), m.group(2)))
    lowered = lowercase(text) if lowered is None else lowered
    anchors = find_words(lowered, _APPOSITION_WORDS)
    seen = set()
    for pattern, opener in ((_APPOSITION, _LOCATIVE_RE), (_LINE_APPOSITION, _LINE_OPENER),
                            (_LISTED_APPOSITION, _LISTED_OPENER)):
        for m in _near(pattern, opener, text, anchors, 150):
            if is_name_like(m.group(1)) and m.start(1) not in seen:
                seen.add(m.start(1))
                parent = m.group(2) or m.group(3) or m.group(4)
                out.append(Listed(*m.span(1), parent))
                pair = _PAIR_BEFORE.search(text, max(0, m.start(1) - 80), m.start(1))
                if pair and is_name_like(pair.group(1)) and pair.start(1) not in seen:
                    seen.add(pair.start(1))  # "; Ahijadero y Chuncana, distrito de San Juan"
                    out.append(Listed(*pair.span(1), parent))
    return sorted(out, key=lambda x: x.start)


_IN_PERU = re.compile(rf"({_NAME}),[ \t]+(?:Per[uú]|PER[UÚ])(?![\w'’-])")


def _ordinary_words(name: str) -> bool:
    """Whether a name is an English title once its region adjectives are set aside: "a
    Central Andean Village, Peru" names no village ("Nueva Esperanza" does)."""
    return is_english_title(" ".join(w for w in normalize_name(name).split()
                                     if w not in NOT_UNLISTED))


def in_peru(text: str) -> list[Listed]:
    """Names the text places in Peru by an apposition: "Access to Water in Guayacondo,
    Peru", "Huasta, Perú"."""
    out = []
    for at in find_words(text, (", Per", ", PER")):
        start = text.rfind("\n", max(0, at - 60), at) + 1 or max(0, at - 60)
        for m in _NAME_START.finditer(text, start, at):
            found = _IN_PERU.match(text, m.start())
            if found and found.end(1) == at:
                if (is_name_like(found.group(1)) and not is_abroad(found.group(1))
                        and not _ordinary_words(found.group(1))):
                    out.append(Listed(*found.span(1)))
                break
    return out


def named_areas(text: str, lowered: str | None = None) -> list[Listed]:
    """Areas the text names as such: "the zone known as La Pampa", "una zona conocida
    como X", "the area, known as X", and names the text says are a place: "La Pampa is
    a district in the province of Corongo", "Cancas es un caserío de Tumbes"."""
    lowered = lowercase(text) if lowered is None else lowered
    anchors = find_words(lowered, ("known", "called", "named", "conocid", "llamad", "denominad"))
    out = []
    for m in _near(_AREA_NAMED, _AREA_WORD, text, anchors, 40):
        start, end = m.span(1)
        if text[start - 1] in "‘'" and text[end - 1] in "’'":
            end -= 1  # "called ‘El Bosque’": the quote closes, the name has ended
        if is_name_like(text[start:end]):
            out.append(Listed(start, end, named=True))
    for at in find_words(lowered, _KIND_ANCHORS):
        start = text.rfind("\n", max(0, at - 80), at) + 1 or max(0, at - 80)
        for m in _NAME_START.finditer(text, start, at + 1):
            found = _KIND_NAMED.match(text, m.start())
            if found and is_name_like(found.group(1)):
                out.append(Listed(*found.span(1), named=True))
                break
    return sorted(set(out), key=lambda x: x.start)
