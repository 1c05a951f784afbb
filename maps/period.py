"""Periods: which interventions were active between two years (pure).

An intervention is active in ``from..to`` when its years overlap the period: it
starts no later than ``to`` and ends no earlier than ``from``. A missing start
reads as "since ever", a missing end as "still going". An intervention with no
date at all cannot be placed in time: a page keeps it visible and counts it apart;
a build for a fixed period (``--from``/``--to``) leaves it out and says how many.
"""

from __future__ import annotations

from dataclasses import dataclass

from coop.model import Dataset, Intervention


@dataclass(frozen=True)
class Period:
    """Whole years, both included; ``None`` is open."""

    start: int | None = None
    end: int | None = None

    def is_open(self) -> bool:
        """True when the period filters nothing."""
        return self.start is None and self.end is None

    def text(self) -> str:
        """``"2019–2021"``, ``"2019–"``, ``"–2021"``, or empty."""
        if self.is_open():
            return ""
        if self.start == self.end:
            return str(self.start)
        return f"{self.start or ''}–{self.end or ''}"


def years_of(item: Intervention) -> tuple[int | None, int | None]:
    """The first and last year of an intervention, ``None`` where not stated."""
    return (item.start.year if item.start else None, item.end.year if item.end else None)


def is_dated(item: Intervention) -> bool:
    """True when the intervention states a start or an end."""
    return item.start is not None or item.end is not None


def is_active(item: Intervention, period: Period) -> bool:
    """True when a dated intervention overlaps the period (undated: False)."""
    if not is_dated(item):
        return False
    first, last = years_of(item)
    if period.end is not None and first is not None and first > period.end:
        return False
    return not (period.start is not None and last is not None and last < period.start)


def dataset_in_period(dataset: Dataset, period: Period) -> tuple[Dataset, int]:
    """The dataset restricted to the interventions active in ``period``, and how
    many were left out for having no date."""
    if period.is_open():
        return dataset, 0
    kept = [i for i in dataset.interventions if is_active(i, period)]
    ids = {i.id for i in kept}
    undated = sum(1 for i in dataset.interventions if not is_dated(i))
    locations = [loc for loc in dataset.locations if loc.intervention_id in ids]
    return Dataset(kept, locations, dataset.label, dataset.info), undated


def dataset_years(dataset: Dataset) -> tuple[int, int] | None:
    """The first and last year any intervention states, or ``None``."""
    years = [y for i in dataset.interventions for y in years_of(i) if y is not None]
    return (min(years), max(years)) if years else None
