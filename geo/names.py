"""Place-name normalisation: what a match ignores and what a prefix tells."""

from __future__ import annotations

import re
import unicodedata

LEVELS = ("department", "province", "district", "populated place", "feature")

# Words before or after a name that say which kind of unit it is, as users write
# them in Spanish and English. Normalised form; tried longest first.
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    "department": ("gobierno regional de", "departamento de", "department of",
                   "region of", "region de", "departamento", "department", "region"),
    "province": ("provincia de", "province of", "provincia", "province"),
    "district": ("distrito de", "district of", "distrito", "district"),
    "populated place": ("ciudad de", "city of", "town of", "pueblo de", "ciudad",
                        "city", "town"),
}
_PREFIXES = sorted(((w + " ", lvl) for lvl, ws in _LEVEL_WORDS.items() for w in ws),
                   key=lambda p: -len(p[0]))
_SUFFIXES = sorted(((" " + w, lvl) for lvl, ws in _LEVEL_WORDS.items() for w in ws
                    if " " not in w), key=lambda p: -len(p[0]))
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_name(text: str) -> str:
    """Fold case, accents, punctuation and spacing: ``"  Áncash-Región"`` -> ``"ancash region"``."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = stripped.casefold()
    # casefold may expand characters (e.g. 'ß' -> 'ss'); decompose once more.
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _NON_ALNUM.sub(" ", folded).strip()


def name_to_key(text: str) -> str:
    """The gazetteer's index key: the normalised name without spaces.

    Spacing is ignored, so ``"Machu Picchu"`` and ``"Machupicchu"`` share the key
    ``"machupicchu"``. Idempotent, and applicable to an already normalised name.
    """
    return normalize_name(text).replace(" ", "")


def name_to_query(text: str) -> tuple[str, str | None]:
    """Split a written name into its normalised core and the level its words imply.

    ``"provincia de Barranca"`` -> ``("barranca", "province")``;
    ``"Cajamarca region"`` -> ``("cajamarca", "department")``; a name with no
    such words returns level ``None``.
    """
    core = normalize_name(text)
    if core.startswith("the "):
        core = core[4:]
    for prefix, level in _PREFIXES:
        if core.startswith(prefix) and len(core) > len(prefix):
            rest = core[len(prefix):]
            return (rest[4:] if rest.startswith("the ") else rest), level
    for suffix, level in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            return core[: -len(suffix)], level
    return core, None
