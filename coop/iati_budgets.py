"""How much: an IATI activity's budget, and Peru's share of a multi-country one."""

from __future__ import annotations

from coop.iati_log import Issue
from coop.iati_numbers import format_number, text_to_amount, text_to_percentage
from coop.vocabulary import CURRENCIES

PERU = "PE"
REVISED = "2"

Budget = tuple[str, str, str, str, str]  # (type, period start, period end, value, currency)


def budgets_to_items(budgets: list[Budget]) -> list[tuple[str, str]]:
    """``(value, currency)`` per budget period, a revised budget replacing the original
    of the same period; a budget with no period is a period of its own."""
    periods: dict[tuple[str, str], Budget] = {}
    for budget in budgets:
        kind, start, end = budget[0], budget[1], budget[2]
        key = (start, end) if start or end else (str(len(periods)), "")
        found = periods.get(key)
        if found is None or (kind == REVISED and found[0] != REVISED):
            periods[key] = budget
    return [(budget[3], budget[4]) for budget in periods.values()]


def recipients_to_peru_share(countries: list[tuple[str, str]],
                             regions: list[tuple[str, str]]) -> tuple[float | None, list[Issue]]:
    """Peru's percentage of the activity (``recipient-country`` percentages), or
    ``None`` with the issue when it is not known."""
    peru = [pct for code, pct in countries if code == PERU]
    if not peru:
        if countries or regions:
            return None, [("budget not split", "Peru is not among the recipient countries (kept "
                                                "for its places in Peru): budget left empty")]
        return 100.0, []
    pct = text_to_percentage(peru[0]) if peru[0] else None
    if pct is None:
        if len(countries) > 1 or regions:
            return None, [("budget not split", "several recipients and no percentage for "
                                               "Peru: budget left empty")]
        return 100.0, []
    return pct, []


def activity_to_budget(budgets: list[Budget], commitments: list[tuple[str, str]],
                       default_currency: str, countries: list[tuple[str, str]],
                       regions: list[tuple[str, str]]) -> tuple[str, str, list[str], list[Issue]]:
    """``(budget, currency, notes, issues)``: the budget periods' sum (else the
    commitments'), in one currency, times Peru's share; empty when not known."""
    items = budgets_to_items(budgets)
    what = "budget periods"
    if not items:
        items, what = commitments, "commitments"
    if not items:
        return "", "", [], []
    total, currencies = 0.0, set()
    for value, currency in items:
        amount = text_to_amount(value)
        if amount is None:
            return "", "", [], [("budget not read", f"value {value!r} is not a number")]
        total += amount
        currencies.add(currency or default_currency)
    if len(currencies) != 1 or next(iter(currencies)) not in CURRENCIES:
        return "", "", [], [("budget not read", f"{what} in currencies {sorted(currencies)}: "
                                                "budget left empty")]
    currency = currencies.pop()
    share, issues = recipients_to_peru_share(countries, regions)
    if share is None:
        return "", "", [], issues
    notes = []
    if share != 100:
        notes.append(f"budget: Peru's share, {format_number(share)}% (recipient-country "
                     f"percentage) of {currency} {total:,.0f}")
    total = total * share / 100
    if total < 0:
        return "", "", notes, [("budget not read", f"the {what} add up to a negative amount")]
    if what == "commitments":
        notes.append("budget: the sum of commitments (no budget given)")
    return format_number(total), currency, notes, []
