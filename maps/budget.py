"""Budgets on the maps: each intervention's amount in the build's currency, and
legend classes that suit skewed amounts (pure).

An amount is converted at the rates of the intervention's first year (else its
last, else the table's latest; see :mod:`coop.money`). A budget located in several
departments is split evenly over them (the data holds no per-place shares: IATI
2.03 gives none for locations; a multi-country activity is already Peru's share).
Classes are quantiles (up to 5, computed as mapclassify's ``Quantiles`` does) of
the departments' amounts over the full period: each class holds about as many departments, so a
few large programmes do not push every other department into the lightest class.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from coop.model import Dataset, Intervention
from coop.money import Conversion, Rates, convert
from maps.i18n import Translator
from maps.palette import SEQUENTIAL

MISSING_COLOUR = "#d9d9d9"  # a department whose interventions state no budget


@dataclass(frozen=True)
class Budgets:
    """The build's currency and each intervention's converted budget, by id."""

    currency: str
    amounts: dict[str, Conversion]
    texts: dict[tuple[str, str], str] = field(default_factory=dict, compare=False)  # a cache

    def amount(self, item_id: str) -> float | None:
        """The converted amount, rounded to whole units, or ``None``."""
        conversion = self.amounts.get(item_id)
        return None if conversion is None else round(conversion.amount)


def dataset_to_budgets(dataset: Dataset, currency: str, rates: Rates) -> Budgets:
    """Every stated budget in ``currency``."""
    amounts = {}
    for item in dataset.interventions:
        if item.budget is None or not item.currency:
            continue
        year = item.start.year if item.start else item.end.year if item.end else None
        amounts[item.id] = convert(item.budget, item.currency, year, currency, rates)
    return Budgets(currency, amounts)


def quantile_bins(values: list[float], k: int) -> list[float]:
    """Upper bounds of ``k`` quantile classes, ties collapsed: what mapclassify's
    ``Quantiles`` computes (linear percentiles at 100/k, 200/k... 100), without
    importing it (its import takes seconds)."""
    ordered = sorted(values)
    n = len(ordered)
    bins = []
    for i in range(1, k + 1):
        position = (n - 1) * i / k
        low = math.floor(position)
        high = min(low + 1, n - 1)
        bins.append(ordered[low] + (ordered[high] - ordered[low]) * (position - low))
    return sorted(set(bins))


def amounts_to_classes(values: list[float], classes: int = len(SEQUENTIAL)) -> list[dict]:
    """Quantile classes ``{"lo", "hi", "colour"}`` of the positive amounts, bounds in
    whole units rounded outwards (so that every amount falls in a class)."""
    positive = sorted(v for v in values if v > 0)
    if not positive:
        return []
    k = min(classes, len(set(positive)))
    if k < 2:
        return [{"lo": math.floor(positive[0]), "hi": math.ceil(positive[-1]),
                 "colour": SEQUENTIAL[-1]}]
    bins = quantile_bins(positive, k)
    out, lo = [], positive[0]
    for i, hi in enumerate(bins):
        above = [v for v in positive if v > hi]
        colour = SEQUENTIAL[round(i * (len(SEQUENTIAL) - 1) / (len(bins) - 1))] if len(bins) > 1 \
            else SEQUENTIAL[-1]
        out.append({"lo": math.floor(lo), "hi": math.ceil(hi), "colour": colour})
        if not above:
            break
        lo = above[0]
    return out


def budget_text(item: Intervention, budgets: Budgets, tr: Translator) -> str:
    """``"EUR 57,000,000"``, or ``"about EUR 52,000 (USD 57,000; 2021 rates)"``; empty
    without a budget."""
    if item.budget is None:
        return ""
    key = (item.id, tr.lang)
    if key not in budgets.texts:
        budgets.texts[key] = _budget_text(item, budgets, tr)
    return budgets.texts[key]


def _budget_text(item: Intervention, budgets: Budgets, tr: Translator) -> str:
    stated = tr.money(item.budget, item.currency)
    conversion = budgets.amounts.get(item.id)
    if conversion is None or not conversion.converted:
        return stated
    return tr.t("budget.converted", amount=tr.money(conversion.amount, budgets.currency),
                stated=stated, year=str(conversion.year))


def budget_note(budgets: Budgets, tr: Translator) -> str:
    """What the legend, popups and matrix say about the rates and the split."""
    return tr.t("budget.note", currency=budgets.currency, source=tr.t("budget.source"))
