"""Words and formats of one language: the catalogues in ``maps/locales/*.toml``
and Babel's locale data (CLDR) for numbers, money, dates and plural rules.

Every word a build writes goes through a :class:`Translator`; the code holds keys,
the catalogues hold the words, one reviewed file per language.
"""

from __future__ import annotations

import datetime
import tomllib
from functools import lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, get_group_symbol, parse_pattern

from coop.model import Dataset, Intervention
from coop.values import PartialDate

LOCALES = Path(__file__).resolve().parent / "locales"
LANGUAGES = ("en", "es")


@lru_cache(maxsize=4)
@lru_cache(maxsize=1)
def _english_territories() -> dict[str, str]:
    """CLDR's English country names (casefolded) -> territory code, with the short
    names funder groups use."""
    names = {name.casefold(): code for code, name in Locale("en").territories.items()
             if code.isalpha()}
    return {**names, "korea": "KR", "usa": "US", "uk": "GB"}


def load_catalogue(lang: str) -> dict:
    """One language's catalogue, as the TOML file holds it."""
    if lang not in LANGUAGES:
        raise ValueError(f"no catalogue for language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    with (LOCALES / f"{lang}.toml").open("rb") as f:
        return tomllib.load(f)


def catalogue_to_keys(catalogue: dict) -> set[str]:
    """Every ``section.key`` of a catalogue (plural tables count as one key)."""
    return {f"{section}.{key}" for section, entries in catalogue.items() for key in entries}


class Translator:
    """The words and number/date formats of one language (``en`` or ``es``)."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.catalogue = load_catalogue(lang)
        self.locale = Locale.parse(self.catalogue["locale"]["babel"])
        self.html_lang = self.catalogue["locale"]["html"]
        self._dates: dict[PartialDate, str] = {}  # a build formats the same years again and again
        self._money_pattern = parse_pattern(self.locale.currency_formats["standard"])
        self._money_pattern.frac_prec = (0, 0)

    def t(self, key: str, count: int | None = None, **values: object) -> str:
        """The text of ``section.key``, with ``{name}``s filled in; whole numbers are
        formatted for the locale, and ``count`` chooses a plural form."""
        section, _, name = key.partition(".")
        entry = self.catalogue[section][name]
        if isinstance(entry, dict):
            if count is None:
                raise ValueError(f"{key} needs a count")
            entry = entry.get(self.locale.plural_form(count), entry["other"])
        if count is not None:
            values["count"] = count
        filled = {k: self.number(v) if isinstance(v, int) and not isinstance(v, bool) else v
                  for k, v in values.items()}
        return entry.format(**filled) if filled or "{" in entry else entry

    def group(self, name: str) -> str:
        """A funder group as the data writes it, an English country name perhaps with a
        note ("Spain (Catalonia)"), in the page's language by CLDR's territory names;
        any other name as written."""
        head, sep, rest = name.partition(" (")
        code = _english_territories().get(head.strip().casefold())
        if code is None or self.locale.language == "en":
            return name
        return self.locale.territories.get(code, head) + (sep + rest if sep else "")

    def term(self, section: str, value: str) -> str:
        """A vocabulary word (theme, status, scope, level, precision, reach); a value
        the catalogue does not hold is shown as the data has it."""
        return self.catalogue[section].get(str(value), str(value))

    def number(self, value: float) -> str:
        """``1234`` -> ``"1,234"`` as the locale groups digits."""
        return format_decimal(value, locale=self.locale)

    def money(self, amount: float, currency: str) -> str:
        """An amount in whole units with its currency, in the locale's currency pattern
        (without a currency: the number alone)."""
        if not currency:
            return self.number(round(amount))
        return self._money_pattern.apply(round(amount), self.locale, currency=currency,
                                         currency_digits=False)

    def date(self, value: PartialDate) -> str:
        """A year, a month or a day, as precise as the source, in the locale's words."""
        text = self._dates.get(value)
        if text is None:
            text = self._dates[value] = self._format_date(value)
        return text

    def _format_date(self, value: PartialDate) -> str:
        day = datetime.date(value.year, value.month or 1, value.day or 1)
        if value.day:
            return format_date(day, "medium", locale=self.locale)
        if value.month:
            return format_skeleton("yMMM", day, locale=self.locale)
        return format_skeleton("y", day, locale=self.locale)

    def period(self, item: Intervention) -> str:
        """``"2010–2021"``, ``"until Jun 2019"``, or ``"dates not stated"``."""
        if item.start and item.end:
            if item.start == item.end:
                return self.date(item.start)
            return self.t("period.range", start=self.date(item.start), end=self.date(item.end))
        if item.start:
            return self.t("period.from", start=self.date(item.start))
        if item.end:
            return self.t("period.until", end=self.date(item.end))
        return self.t("period.none")

    def dataset_title(self, dataset: Dataset) -> str:
        """The dataset's own title (``dataset.toml``), else the tool's, in this language."""
        return dataset.info.text("title", self.lang) or self.t("map.overview_title")

    def sources(self, dataset: Dataset) -> str:
        """``"5 source documents"``: the sources the dataset cites, counted."""
        return self.t("data.sources", count=dataset.source_count())

    def attribution(self, dataset: Dataset) -> str:
        """The maps' credit line: the geography's sources, then the data's own credit
        (the dataset's attribution, else its count of sources)."""
        data = dataset.info.text("attribution", self.lang) or self.t("data.attribution", sources=self.sources(dataset))
        return self.t("map.attribution", data=data)

    def intro(self, section: str, dataset: Dataset) -> str:
        """The opening line of the gallery or the report (``section``): how many
        interventions, funders and sources, and how many are not located."""
        return self.t(f"{section}.intro",
                      interventions=self.t("count.interventions", count=len(dataset.interventions)),
                      funders=self.t("count.funders", count=len(dataset.funders())),
                      sources=self.sources(dataset),
                      unlocated=self.t(f"{section}.unlocated", count=len(dataset.unlocated())))

    def title(self, item: Intervention) -> str:
        """The intervention's title in this language, the main title as the fallback."""
        return (item.title_es or item.title) if self.lang == "es" else item.title

    def description(self, item: Intervention) -> str:
        """The description in this language, the main description as the fallback."""
        return (item.description_es or item.description) if self.lang == "es" else item.description

    def terms(self, section: str, values: tuple[str, ...] | list[str]) -> list[str]:
        """Several vocabulary words."""
        return [self.term(section, v) for v in values]

    def script_words(self) -> dict:
        """What the page script needs: its words, and how to group digits."""
        grouped = format_decimal(1000, locale=self.locale) != "1000"
        reach = {f"reach_{k}": v for k, v in self.catalogue["reach"].items()}
        return {**self.catalogue["script"], **reach, "group": get_group_symbol(self.locale),
                "group_min": 1000 if grouped else 10000}
