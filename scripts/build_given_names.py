"""Regenerate ``data/given_names.txt``: people's first names that name no Peruvian place.

Source: ``faker`` (MIT), its person providers' first names for Spain, Mexico,
Colombia, Argentina, Chile (the Spanish first names Peru shares) and the United States
(English texts' authors and visitors): Elsa, Edson, Zoraida, Josué, Mariela. A name
that ``data/places.csv``, ``small_places.csv``, ``features.csv`` or ``aliases.csv``
holds as a place (Santiago, Victoria, Belén, Mercedes, Concepción) is left out, so the
list never hides a place. Each line is a name as ``geo.names.name_to_key`` folds it,
sorted.

The geoparser uses it to read a known name right after a capitalised first name as a
surname ("Elsa Huanca", "Josué Ángel Ríos Calizaya") and to keep people out of
lists of villages ("Huaura – Sayán, Zoraida Sáenz Marín").

Not part of the build: run it by hand when faker changes.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.gazetteer import load_gazetteer, read_small_places  # noqa: E402
from geo.names import name_to_key  # noqa: E402
from geo.paths import GIVEN_NAMES_FILE  # noqa: E402

LOCALES = ("es_ES", "es_MX", "es_CO", "es_AR", "es_CL", "en_US")
ATTRIBUTES = ("first_names", "first_names_male", "first_names_female")


def faker_first_names(locale: str) -> set[str]:
    """The first names a faker locale's person provider holds (lists or weighted dicts)."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names: set[str] = set()
    for attribute in ATTRIBUTES:
        value = provider.__dict__.get(attribute)
        if isinstance(value, (list, tuple, dict)):
            names.update(value)
    return names


def given_names() -> list[str]:
    """Folded first names of every locale, less those Peru's gazetteer holds as places."""
    places = set(load_gazetteer().by_name) | {name_to_key(p.name) for p in read_small_places()}
    folded = {name_to_key(name) for locale in LOCALES for name in faker_first_names(locale)}
    return sorted(key for key in folded if key and key not in places)


def main() -> None:
    names = given_names()
    GIVEN_NAMES_FILE.write_text("\n".join(names) + "\n", encoding="utf-8")
    print(f"{GIVEN_NAMES_FILE}: {len(names)} names")


if __name__ == "__main__":
    main()
