"""Colours: one colour-blind-safe categorical palette, and sequential classes."""

from __future__ import annotations

# Okabe & Ito (2008), safe for the common colour-vision deficiencies; black last.
# Then Paul Tol's "muted" colours for datasets with more funders.
CATEGORICAL = ("#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7",
               "#F0E442", "#000000", "#332288", "#88CCEE", "#44AA99", "#117733",
               "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499")
# ColorBrewer PuBu (colour-blind safe, prints in grey scale), its lightest step
# left out so that "one" never looks like "none".
SEQUENTIAL = ("#d0d1e6", "#a6bddb", "#74a9cf", "#2b8cbe", "#045a8d")
NONE_COLOUR = "#ffffff"
EXTRA_COLOUR = "#777777"


def funders_to_colours(funders: list[str]) -> dict[str, str]:
    """Each funder's colour, by the funder's position in a sorted list, so that a
    funder keeps its colour on every map of one build."""
    ordered = sorted(set(funders), key=str.casefold)
    return {f: CATEGORICAL[i] if i < len(CATEGORICAL) else EXTRA_COLOUR
            for i, f in enumerate(ordered)}


def counts_to_breaks(maximum: int, classes: int = len(SEQUENTIAL)) -> list[int]:
    """Lower bounds of up to ``classes`` classes covering 1..maximum, whole numbers.

    ``counts_to_breaks(3)`` -> ``[1, 2, 3]``; ``counts_to_breaks(100)`` ->
    ``[1, 21, 41, 61, 81]``.
    """
    if maximum < 1:
        return []
    if maximum <= classes:
        return list(range(1, maximum + 1))
    step = -(-maximum // classes)
    return [1 + i * step for i in range(classes) if 1 + i * step <= maximum]


def counts_to_classes(maximum: int) -> list[dict]:
    """Classes for a count from 1 to ``maximum``: ``{"lo", "hi", "colour"}`` each,
    colours spread over :data:`SEQUENTIAL` from light to dark."""
    breaks = counts_to_breaks(maximum)
    n = len(breaks)
    out = []
    for i, lo in enumerate(breaks):
        hi = breaks[i + 1] - 1 if i + 1 < n else maximum
        k = round(i * (len(SEQUENTIAL) - 1) / (n - 1)) if n > 1 else len(SEQUENTIAL) - 1
        out.append({"lo": lo, "hi": hi, "colour": SEQUENTIAL[k]})
    return out
