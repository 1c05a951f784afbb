"""Themes from IATI sectors: OECD DAC purpose codes through ``data/dac_themes.csv``."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from coop.iati_log import Issue
from coop.iati_numbers import text_to_percentage
from coop.vocabulary import THEMES
from geo.paths import DATA_DIR

DAC_THEMES_FILE = DATA_DIR / "dac_themes.csv"
DAC_DIGITS = {"1": 5, "DAC": 5, "2": 3, "DAC-3": 3}  # sector vocabulary -> digits of the code
FALLBACK_THEME = "government and society"

Sector = tuple[str, str, str]  # (vocabulary, code, percentage) as written


@lru_cache(maxsize=2)
def load_dac_themes(path: Path = DAC_THEMES_FILE) -> dict[str, str]:
    """DAC purpose code (3 or 5 digits) -> theme."""
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["code"].strip(): row["theme"].strip() for row in csv.DictReader(fh)}


@lru_cache(maxsize=4096)
def sector_to_theme(vocabulary: str, code: str) -> str | None:
    """A DAC purpose code's theme: the 5-digit row, else its 3-digit category's row."""
    digits = DAC_DIGITS.get(vocabulary.strip().upper())
    code = code.strip()
    if digits is None or len(code) != digits or not code.isdigit():
        return None
    table = load_dac_themes()
    return table.get(code) or table.get(code[:3])


def sectors_to_themes(sectors: list[Sector]) -> tuple[str, tuple[str, ...], tuple[Issue, ...]]:
    """``"health; environment"``: the themes by their total percentage, largest first
    (sectors without a percentage share equally); notes for the row; issues."""
    return _sectors_to_themes(tuple(sectors))


@lru_cache(maxsize=4096)  # publishers repeat the same few sector lists
def _sectors_to_themes(sectors: tuple[Sector, ...]) -> tuple[str, tuple[str, ...],
                                                             tuple[Issue, ...]]:
    weights: dict[str, float] = {}
    issues: list[Issue] = []
    share = 100 / len(sectors) if sectors else 0
    for vocabulary, code, percentage in sectors:
        if vocabulary.strip().upper() not in DAC_DIGITS:
            issues.append(("sector vocabulary not DAC",
                           f"sector {code!r} of vocabulary {vocabulary!r} is not mapped"))
            continue
        theme = sector_to_theme(vocabulary, code)
        if theme is None:
            issues.append(("sector not mapped", f"DAC code {code!r} (vocabulary {vocabulary})"))
            continue
        weight = text_to_percentage(percentage) if percentage else None
        weights[theme] = weights.get(theme, 0.0) + (share if weight is None else weight)
    notes: list[str] = []
    if not weights:
        weights[FALLBACK_THEME] = 1
        notes.append(f"no DAC sector to give a theme: {FALLBACK_THEME!r} by default")
        issues.append(("no theme", f"no DAC sector mapped: theme {FALLBACK_THEME!r} by default"))
    themes = "; ".join(sorted(weights, key=lambda t: (-weights[t], THEMES.index(t))))
    return themes, tuple(notes), tuple(issues)
