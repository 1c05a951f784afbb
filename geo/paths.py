"""Where the bundled data lives."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
REGIONS_FILE = DATA_DIR / "regions.geojson"
NEIGHBOURS_FILE = DATA_DIR / "neighbours.geojson"
PROVINCES_FILE = DATA_DIR / "provinces.geojson"
DISTRICTS_FILE = DATA_DIR / "districts.geojson"
LINEAGE_FILE = DATA_DIR / "unit_lineage.csv"
PLACES_FILE = DATA_DIR / "places.csv"
ALIASES_FILE = DATA_DIR / "aliases.csv"
FEATURES_FILE = DATA_DIR / "features.csv"
POINT_EXCEPTIONS_FILE = DATA_DIR / "point_exceptions.csv"
SMALL_PLACES_FILE = DATA_DIR / "small_places.csv"
ABROAD_NAMES_FILE = DATA_DIR / "abroad_names.txt"
GIVEN_NAMES_FILE = DATA_DIR / "given_names.txt"
COMMON_WORDS_FILE = DATA_DIR / "common_words.txt"
ENGLISH_WORDS_FILE = DATA_DIR / "english_words.txt"
