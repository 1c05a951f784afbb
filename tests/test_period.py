"""Periods and the search index, pure."""

from __future__ import annotations

import pytest

from coop.model import Intervention
from coop.validation import load_dataset
from coop.values import PartialDate
from maps.period import Period, dataset_in_period, dataset_years, is_active


def _item(start: int | None, end: int | None) -> Intervention:
    return Intervention("X", "t", ("F",), "G", ("health",), "ongoing", "national", "s",
                        start=PartialDate(start) if start else None,
                        end=PartialDate(end) if end else None)


@pytest.mark.parametrize(("start", "end", "period", "active"), [
    (2010, 2021, Period(2019, 2021), True),
    (2010, 2018, Period(2019, 2021), False),
    (2022, 2026, Period(2019, 2021), False),
    (2021, 2021, Period(2021, 2030), True),
    (None, 2019, Period(2019, 2021), True),   # "until 2019"
    (None, 2018, Period(2019, 2021), False),
    (2020, None, Period(2019, 2021), True),   # "from 2020", still going
    (2022, None, Period(2019, 2021), False),
    (None, None, Period(2019, 2021), False),  # undated: never "in" a period
    (2010, 2021, Period(None, 2009), False),
    (2010, 2021, Period(2015, None), True),
])
def test_is_active(start, end, period, active) -> None:
    assert is_active(_item(start, end), period) is active


def test_a_build_period_keeps_active_interventions_and_counts_undated() -> None:
    dataset = load_dataset()
    kept, undated = dataset_in_period(dataset, Period(2019, 2021))
    expected = {i.id for i in dataset.interventions if is_active(i, Period(2019, 2021))}
    assert {i.id for i in kept.interventions} == expected
    assert {"VLIR-IUC-UNALM", "EU-MIP-2021", "UNI4COOP-2017"} <= expected
    assert "IMPULSAS-2022" not in expected
    assert undated == sum(1 for i in dataset.interventions if not i.start and not i.end)
    assert {loc.intervention_id for loc in kept.locations} <= expected
    assert dataset_in_period(dataset, Period()) == (dataset, 0)
    assert dataset_years(dataset) == (2003, 2026)
    assert Period(2019, 2021).text() == "2019–2021" and Period(2020, 2020).text() == "2020"
