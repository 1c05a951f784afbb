"""Cell values as spreadsheets write them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coop.values import (PartialDate, ValueProblem, text_to_coordinate, text_to_date,
                        text_to_int, text_to_list, text_to_number)

NUMBERS = [("57000000", False, 57_000_000), ("9.911.420", False, 9_911_420),
           ("9,911,420", False, 9_911_420), ("1.234,5", True, 1234.5), ("1,234.5", False, 1234.5),
           ("12,05", True, 12.05), ("1.500", True, 1500), ("€ 2.310.785", False, 2_310_785),
           ("2 990", False, 2990)]


@pytest.mark.parametrize(("text", "decimal_comma", "value"), NUMBERS)
def test_numbers(text: str, decimal_comma: bool, value: float) -> None:
    assert text_to_number(text, decimal_comma=decimal_comma) == value


@pytest.mark.parametrize("text", ["1.500", "a lot", "1,2,3", ""])
def test_bad_or_ambiguous_numbers(text: str) -> None:
    with pytest.raises(ValueProblem):
        text_to_number(text)


@pytest.mark.parametrize(("text", "date"), [("2022", PartialDate(2022)),
                                            ("2022-01", PartialDate(2022, 1)),
                                            ("2019-06-30", PartialDate(2019, 6, 30)),
                                            ("2022-01-01 00:00:00", PartialDate(2022, 1, 1)),
                                            ("2010.0", PartialDate(2010))])
def test_dates(text: str, date: PartialDate) -> None:
    assert text_to_date(text) == date


@pytest.mark.parametrize("text", ["May 2021", "21", "2021-13", "1850", "2021-02-40"])
def test_bad_dates(text: str) -> None:
    with pytest.raises(ValueProblem):
        text_to_date(text)


def test_lists_and_coordinates() -> None:
    assert text_to_list(" Eclosio;Louvain Coopération ; ") == ["Eclosio", "Louvain Coopération"]
    assert text_to_coordinate("-77,03") == -77.03
    assert text_to_int("5.704") == 5704


@given(st.text(max_size=30), st.booleans())
def test_number_parsing_never_crashes(text: str, decimal_comma: bool) -> None:
    try:
        text_to_number(text, decimal_comma=decimal_comma)
    except ValueProblem:
        pass


@given(st.integers(min_value=0, max_value=10**12))
def test_grouped_integers_round_trip(n: int) -> None:
    assert text_to_number(f"{n:,}") == n
    assert text_to_number(f"{n:,}".replace(",", "."), decimal_comma=True) == n


@given(st.text(max_size=20))
def test_date_parsing_never_crashes(text: str) -> None:
    try:
        text_to_date(text)
    except ValueProblem:
        pass
