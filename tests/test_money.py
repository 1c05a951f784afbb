"""Conversions against hand-computed values, the rates table against its source,
budget classes and splits."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest
from conftest import ROOT

from coop.money import Rates, UnknownCurrencyError, convert, load_rates, rows_to_rates
from maps.budget import amounts_to_classes

TABLE = Rates({(2019, "EUR"): 0.9, (2019, "PEN"): 3.3, (2020, "EUR"): 0.8,
               (2020, "PEN"): 3.6, (2021, "PEN"): 4.0}, 2019, 2021)


@pytest.mark.parametrize(("amount", "currency", "year", "target", "expected", "used"), [
    (1000, "EUR", 2019, "USD", 1000 / 0.9, 2019),          # 1,111.11 USD
    (3300, "PEN", 2019, "EUR", 3300 / 3.3 * 0.9, 2019),    # 900 EUR
    (3600, "PEN", 2020, "EUR", 3600 / 3.6 * 0.8, 2020),    # 800 EUR
    (4000, "PEN", 2030, "USD", 4000 / 4.0, 2021),          # after the table: its last year
    (3300, "PEN", 1990, "USD", 3300 / 3.3, 2019),          # before it: its first year
    (100, "usd", None, "EUR", 100 * 0.8, 2021),            # undated: the latest year; EUR's
    (500, "EUR", 2020, "EUR", 500, 2020),                  # nearest year (2020) for 2021
])
def test_convert_by_hand(amount, currency, year, target, expected, used) -> None:
    result = convert(amount, currency, year, target, TABLE)
    assert result.amount == pytest.approx(expected)
    assert result.year == used
    assert result.converted == (currency.upper() != target)


def test_unknown_currency_is_an_error() -> None:
    with pytest.raises(UnknownCurrencyError, match="XYZ"):
        convert(1, "XYZ", 2019, "EUR", TABLE)


def test_bundled_table_covers_the_currencies_aid_uses() -> None:
    rates = load_rates()
    assert rates.first_year == 2000 and rates.last_year >= 2024
    wanted = {"EUR", "USD", "PEN", "GBP", "CHF", "CAD", "SEK", "NOK", "DKK", "JPY", "AUD", "KRW"}
    assert wanted <= rates.currencies()
    for year in range(2000, rates.last_year + 1):
        assert (year, "PEN") in rates.per_usd and (year, "EUR") in rates.per_usd
    # IMF IFS, end of 2019: 3.3373 soles and 0.8933 euros per dollar
    assert rates.per_usd[(2019, "PEN")] == pytest.approx(3.3373, abs=1e-4)
    assert rates.per_usd[(2019, "EUR")] == pytest.approx(0.8933, abs=1e-4)


def test_the_script_rebuilds_the_table_from_the_imf_rows(tmp_path) -> None:
    source = tmp_path / "imf.csv"
    with source.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Rate", "Currency", "Frequency", "Source", "Country code", "Country"])
        w.writerow(["2019-12-31", "0.89", "EUR", "A", "IMF", "U2", "Euro area"])
        w.writerow(["2019-12-31", "0.95", "EUR", "A", "IMF", "ME", "Montenegro"])  # not the issuer
        w.writerow(["1999-12-31", "3.5", "PEN", "A", "IMF", "PE", "Peru"])  # before 2000
        w.writerow(["2019-12-31", "3.34", "PEN", "A", "IMF", "PE", "Peru"])
    out = tmp_path / "rates.csv"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_exchange_rates.py"),
                             str(source), "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8") == "year,currency,per_usd\n2019,EUR,0.89\n2019,PEN,3.34\n"
    rates = rows_to_rates(list(csv.DictReader(out.open(encoding="utf-8"))))
    assert rates.rate("PEN", 2019) == 3.34


def test_classes_are_quantiles_that_hold_every_amount() -> None:
    values = [1_000, 2_000, 3_000, 5_000, 8_000, 13_000, 21_000, 34_000, 55_000, 4_000_000.5]
    classes = amounts_to_classes(values)
    assert len(classes) == 5
    for v in values:  # each amount in exactly the first class that holds it
        assert any(c["lo"] <= v <= c["hi"] for c in classes)
    # quantiles: two departments a class, so one large programme does not flatten the rest
    per_class = [sum(1 for v in values if c["lo"] <= v <= c["hi"]) for c in classes]
    assert per_class == [2, 2, 2, 2, 2]
    assert classes[-1]["hi"] == 4_000_001 and classes[0]["lo"] == 1_000
    assert amounts_to_classes([]) == [] and amounts_to_classes([0.0]) == []
    assert amounts_to_classes([7.5, 7.5]) == [{"lo": 7, "hi": 8, "colour": classes[-1]["colour"]}]


@pytest.mark.parametrize("values", [
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], [5.0, 5.0, 5.0, 9.0, 120.5, 3000.0],
    [float(v * v) for v in range(1, 40)], [2.0, 2.0, 2.0, 2.0, 7.0]])
def test_quantile_bins_are_mapclassify_s(values) -> None:
    import warnings

    mapclassify = pytest.importorskip("mapclassify")
    from maps.budget import quantile_bins

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        expected = [float(b) for b in mapclassify.Quantiles(values, k=5).bins]
    assert quantile_bins(values, 5) == pytest.approx(expected)


def test_budgets_split_evenly_over_departments() -> None:
    from coop.facts import dataset_to_facts
    from coop.validation import load_dataset

    dataset = load_dataset()
    facts = dataset_to_facts(dataset)
    impulsas = dataset.get("IMPULSAS-2022")
    codes = facts.departments_of[impulsas.id]
    totals = facts.department_budgets([impulsas], {impulsas.id: 700.0})
    assert totals == {code: 700.0 / len(codes) for code in codes}
    assert sum(totals.values()) == pytest.approx(700.0)
    national = dataset.get("EU-MIP-2021")  # no department: not in any department's sum
    assert facts.department_budgets([national], {national.id: 5.0}) == {}
