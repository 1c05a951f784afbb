"""Amounts in one currency: yearly exchange rates against the US dollar (pure
apart from :func:`load_rates`).

The bundled table ``data/exchange_rates.csv`` (``year,currency,per_usd``) is made
by ``scripts/build_exchange_rates.py`` from the IMF's International Financial
Statistics (annual, END-of-year rates: see that script for the limitation). An
amount of year ``y`` converts at ``y``'s rates; a year after the table's last uses
the last year's rates, a year before its first the first year's (the
:class:`Conversion` says which year was used).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geo.errors import PeruMapsError

RATES_FILE = Path(__file__).resolve().parent.parent / "data" / "exchange_rates.csv"
RATES_SOURCE = "IMF International Financial Statistics, end-of-year rates (via codeforIATI)"
CURRENCIES = ("EUR", "USD")  # what --currency offers


class UnknownCurrencyError(PeruMapsError):
    """A currency the rates table does not hold."""


@dataclass(frozen=True)
class Rates:
    """Units of each currency per US dollar, by year."""

    per_usd: dict[tuple[int, str], float]
    first_year: int
    last_year: int
    years: dict[str, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not self.years:  # each currency's years, for the nearest-year look-up
            by_currency: dict[str, list[int]] = {}
            for year, currency in self.per_usd:
                by_currency.setdefault(currency, []).append(year)
            object.__setattr__(self, "years", {c: tuple(sorted(ys)) for c, ys in by_currency.items()})

    def currencies(self) -> set[str]:
        """Every currency the table holds."""
        return {c for _y, c in self.per_usd}

    def year_for(self, year: int | None) -> int:
        """The table's year used for an amount of ``year`` (the last when unknown)."""
        if year is None:
            return self.last_year
        return min(max(year, self.first_year), self.last_year)

    def rate(self, currency: str, year: int) -> float:
        """Units of ``currency`` per US dollar in the table's ``year`` (the nearest year
        the currency has)."""
        code = currency.strip().upper()
        if code == "USD":
            return 1.0
        years = self.years.get(code, ())
        if not years:
            msg = f"no exchange rate for currency {currency!r}"
            raise UnknownCurrencyError(msg)
        nearest = min(years, key=lambda y: (abs(y - year), -y))
        return self.per_usd[(nearest, code)]


@dataclass(frozen=True)
class Conversion:
    """An amount in the target currency, the rates' year used, and whether it was
    converted (a different currency) at all."""

    amount: float
    year: int
    converted: bool


def rows_to_rates(rows: list[dict[str, str]]) -> Rates:
    """The table's rows (``year``, ``currency``, ``per_usd``) -> :class:`Rates`."""
    per_usd = {(int(r["year"]), r["currency"].strip().upper()): float(r["per_usd"]) for r in rows}
    years = [y for y, _c in per_usd]
    return Rates(per_usd, min(years), max(years))


@lru_cache(maxsize=2)
def load_rates(path: Path = RATES_FILE) -> Rates:
    """The bundled rates table."""
    with path.open(encoding="utf-8", newline="") as f:
        return rows_to_rates(list(csv.DictReader(f)))


def convert(amount: float, currency: str, year: int | None, target: str, rates: Rates
            ) -> Conversion:
    """``amount`` of ``currency`` in ``year`` expressed in ``target``: through the US
    dollar, both at the same year's rates."""
    used = rates.year_for(year)
    if currency.strip().upper() == target.strip().upper():
        return Conversion(amount, used, False)
    usd = amount / rates.rate(currency, used)
    return Conversion(usd * rates.rate(target, used), used, True)
