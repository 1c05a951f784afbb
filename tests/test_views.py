"""The map pages' controls in headless Chromium: period, budget shading, search and
the view kept in the URL fragment.

Expectations are computed here from the CSV files with the standard library
(years, departments, budgets, exchange rates), not through the code under test.
The dataset is the bundled one with budgets added to a few located interventions
(in USD, PEN and EUR), written to a temporary folder.
"""

from __future__ import annotations

import csv
import shutil
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import ROOT, drain_logs, run_cli
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait
from test_maps import map_data

DATA = ROOT / "data"
READY = "return document.querySelector('[data-cm-ready]') !== null"
BUDGETS = {  # id -> (budget, currency): located interventions, three currencies
    "IMPULSAS-2022": ("2000000", "USD"),  # 2022-2026, seven departments
    "VLIR-IUC-UNALM": ("15000000", "PEN"),  # 2010-2021, Lima
    "FUNIBER-CAPACITY": ("240000", "EUR"),  # no dates, five cities
}


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def dataset_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("views-data")
    rows = _read(DATA / "interventions.csv")
    for row in rows:
        if row["id"] in BUDGETS:
            row["budget"], row["currency"] = BUDGETS[row["id"]]
    _write(folder / "interventions.csv", rows)
    shutil.copy(DATA / "locations.csv", folder / "locations.csv")
    shutil.copy(DATA / "dataset.toml", folder / "dataset.toml")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory, dataset_dir: Path) -> Path:
    out = tmp_path_factory.mktemp("views") / "output"
    result = run_cli("--data", str(dataset_dir), "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    return out


class Tables:
    """The dataset as the standard library reads it."""

    def __init__(self, folder: Path) -> None:
        self.items = {r["id"]: r for r in _read(folder / "interventions.csv")}
        self.locations = _read(folder / "locations.csv")
        self.codes: dict[str, set[str]] = defaultdict(set)
        for loc in self.locations:
            self.codes[loc["intervention_id"]].add(loc["department_code"].zfill(2))

    def years(self, iid: str) -> tuple[int | None, int | None]:
        row = self.items[iid]
        return (int(row["start"][:4]) if row["start"] else None,
                int(row["end"][:4]) if row["end"] else None)

    def status(self, iid: str, first: int, last: int) -> str:
        """counted, undated or out, for a period that filters."""
        start, end = self.years(iid)
        if start is None and end is None:
            return "undated"
        if (start is not None and start > last) or (end is not None and end < first):
            return "out"
        return "counted"


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).lower()


def open_page(browser, url: str) -> None:
    """Load the page anew (going to the same page with another fragment would not)."""
    browser.get("about:blank")
    drain_logs(browser)
    browser.get(url)
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(READY))


def dept_counts(browser) -> dict[str, int]:
    return browser.execute_script("""
        var c = coopMap.counts().dept, out = {};
        Object.keys(c).forEach(function (k) { out[k] = c[k].n; });
        return out;""")


@pytest.mark.parametrize(("first", "last"), [(2019, 2021), (2003, 2009), (2022, 2022)])
def test_period_changes_counts_and_markers(browser, built: Path, dataset_dir: Path,
                                           first: int, last: int) -> None:
    tables = Tables(dataset_dir)
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    assert data["years"] == [2003, 2026]
    open_page(browser, (built / "overview.html").as_uri())
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="from"]')).select_by_value(str(first))
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="to"]')).select_by_value(str(last))
    expected: dict[str, int] = defaultdict(int)
    shown_points = set()
    undated = 0
    for iid in tables.items:
        status = tables.status(iid, first, last)
        undated += status == "undated"
        if status == "counted":
            for code in tables.codes.get(iid, ()):
                expected[code] += 1
        if status != "out":
            for loc in tables.locations:
                if loc["intervention_id"] == iid and not (
                        loc["level"] == "department" or int(loc["precision"] or 4) >= 4):
                    shown_points.add((iid, loc["lat"], loc["lon"]))
    assert dept_counts(browser) == dict(expected)
    assert browser.execute_script("return coopMap.markers.getLayers().length") == len(shown_points)
    note = browser.find_element(By.CSS_SELECTOR, ".cm-undated").text
    assert f"{undated} interventions without dates" in note
    # the layer control's counts follow: DGD's interventions counted in the period
    dgd = sum(1 for iid, row in tables.items.items() if "DGD" in row["funders"].split(";")
              and tables.status(iid, first, last) == "counted")
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".cm-funder-option span:last-child")]
    assert any(t.startswith(f"DGD · {dgd} intervention") for t in labels), labels
    console, _ = drain_logs(browser)
    assert [c for c in console if c["level"] == "SEVERE"] == []


@pytest.mark.parametrize(("page", "first", "last"), [
    ("department-15-lima.html", 2022, 2022),
    ("department-15-lima.html", 2010, 2012),
    ("department-15-lima.html", 2017, 2021),
])
def test_period_changes_province_and_district_counts(browser, built: Path, dataset_dir: Path,
                                                     page: str, first: int, last: int) -> None:
    """Provinces and districts follow the period as the departments do: a location
    counts in the province and district its ubigeo names (4 or 6 characters)."""
    tables = Tables(dataset_dir)
    open_page(browser, (built / page).as_uri())
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="from"]')).select_by_value(str(first))
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="to"]')).select_by_value(str(last))
    units: dict[str, set[str]] = defaultdict(set)
    for loc in tables.locations:
        code = loc["ubigeo"]
        if len(code) >= 4 and tables.status(loc["intervention_id"], first, last) == "counted":
            units[code[:4]].add(loc["intervention_id"])
            if len(code) == 6:
                units[code].add(loc["intervention_id"])
    shown = browser.execute_script("return coopSubunits.unitCounts()")
    assert shown, "the page carries provinces"
    expected = {code: len(units.get(code, ())) for code in shown}
    assert shown == expected
    # the full period again gives the build's own counts
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="from"]')).select_by_index(0)
    last_option = browser.find_elements(By.CSS_SELECTOR, 'select[data-period="to"] option')[-1]
    Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="to"]')).select_by_value(
        last_option.get_attribute("value"))
    data, _geo, _opts = map_data((built / page).read_text(encoding="utf-8"))
    full = {u["code"]: u["n"] for u in data["subunits"]["provinces"] + data["subunits"]["districts"]}
    assert browser.execute_script("return coopSubunits.unitCounts()") == full


@pytest.mark.parametrize("page", ["department-06-cajamarca.html", "department-15-lima.html"])
def test_a_department_without_finer_places_keeps_its_own_shading(browser, built: Path,
                                                                 dataset_dir: Path, page: str) -> None:
    """Provinces take the shading only where a location is finer than the department;
    else they are outlines over the department's own shade (never a blank page)."""
    code = page.split("-")[1]
    finer = any(loc["department_code"].zfill(2) == code and len(loc["ubigeo"]) >= 4
                for loc in Tables(dataset_dir).locations)
    open_page(browser, (built / page).as_uri())
    assert browser.execute_script("return coopSubunits.shadesUnits()") is finer
    opacities = {p.get_attribute("fill-opacity") for p in
                 browser.find_elements(By.CSS_SELECTOR, "path.cm-province")}
    assert (opacities == {"0"}) is (not finer)
    legend = browser.find_element(By.CSS_SELECTOR, ".cm-legend-shading .cm-legend-title").text
    assert ("per province" in legend) is finer


def test_a_fragment_typed_in_the_address_bar_is_restored(browser, built: Path) -> None:
    open_page(browser, (built / "overview.html").as_uri())
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="count"]').is_selected()
    browser.execute_script("window.cmMark = 1; location.hash = '#shading=funders&from=2019';")
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(
        "return window.cmMark === undefined && document.querySelector('[data-cm-ready]') !== null"))
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="funders"]').is_selected()
    assert Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="from"]')).first_selected_option.text == "2019"


def test_full_period_counts_are_python_s(browser, built: Path) -> None:
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    open_page(browser, (built / "overview.html").as_uri())
    from_python = {r["code"]: r["n"] for r in data["regions"].values() if r["n"]}
    assert dept_counts(browser) == from_python


def _rates() -> dict[tuple[int, str], float]:
    return {(int(r["year"]), r["currency"]): float(r["per_usd"])
            for r in _read(DATA / "exchange_rates.csv")}


def expected_budgets(tables: Tables, target: str = "EUR", only: set[str] | None = None
                     ) -> dict[str, float]:
    """Department -> budget in ``target``: each amount converted through the USD at its
    first year's end-of-year rates (the latest year when undated), split evenly."""
    rates = _rates()
    years = sorted({y for y, _c in rates})
    out: dict[str, float] = defaultdict(float)
    for iid, row in tables.items.items():
        codes = tables.codes.get(iid)
        if not row["budget"] or not codes or (only is not None and iid not in only):
            continue
        start, end = tables.years(iid)
        year = min(max(start or end or years[-1], years[0]), years[-1])
        per_usd = 1.0 if row["currency"] == "USD" else rates[(year, row["currency"])]
        target_per_usd = 1.0 if target == "USD" else rates[(year, target)]
        amount = float(row["budget"]) if row["currency"] == target else (
            float(row["budget"]) / per_usd * target_per_usd)
        for code in codes:
            out[code] += round(amount) / len(codes)
    return dict(out)


def test_budget_shading_matches_python(browser, built: Path, dataset_dir: Path) -> None:
    tables = Tables(dataset_dir)
    expected = expected_budgets(tables)
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    assert data["budget"]["currency"] == "EUR" and data["budget"]["any"]
    for iso, region in data["regions"].items():
        if region["code"] in expected:
            assert region["budget"] == pytest.approx(expected[region["code"]], abs=0.01), iso
        else:
            assert "budget" not in region
    open_page(browser, (built / "overview.html").as_uri())
    browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="budget"]').click()
    shown = browser.execute_script("""
        var c = coopMap.counts().dept, out = {};
        Object.keys(c).forEach(function (k) { if (c[k].budgeted) out[k] = c[k].budget; });
        return out;""")
    assert shown.keys() == expected.keys()
    for code, amount in expected.items():
        assert shown[code] == pytest.approx(amount, abs=0.01), code
    classes = data["shading"]["budget"]
    fills = browser.execute_script("""
        var out = {};
        coopMap.regions.eachLayer(function (l) { out[l.feature.properties.iso_code] = l.options.fillColor; });
        return out;""")
    for iso, region in data["regions"].items():
        amount = expected.get(region["code"])
        if amount is not None:
            colour = next(c["colour"] for c in classes if c["lo"] <= round(amount, 2) <= c["hi"])
        elif region["n"]:
            colour = data["budget"]["missing_colour"]
        else:
            colour = data["shading"]["none"]
        assert fills[iso] == colour, iso
    legend = browser.find_element(By.CSS_SELECTOR, ".cm-legend-shading").text
    assert "EUR" in legend and "split evenly" in legend and "end-of-year" in legend


@pytest.mark.parametrize(("query", "popup"), [
    ("cuzco", "Cusco"), ("CAJAMARCA", "Cajamarca"), ("junin", "Junín"),
    ("Paicapampa", "Paicapampa")])
def test_search_finds_and_opens(browser, built: Path, query: str, popup: str) -> None:
    open_page(browser, (built / "overview.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, ".cm-search-input")
    box.send_keys(query)
    WebDriverWait(browser, 5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".cm-search-item"))
    first = browser.find_elements(By.CSS_SELECTOR, ".cm-search-item")[0]
    assert _fold(first.text).startswith(_fold(query)), first.text
    first.click()
    WebDriverWait(browser, 5).until(lambda d: popup in "".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")))


def test_search_reads_the_shared_gazetteer(browser, built: Path) -> None:
    open_page(browser, (built / "department-08-cusco.html").as_uri())
    box = browser.find_element(By.CSS_SELECTOR, ".cm-search-input")
    box.click()  # the first focus reads search-gazetteer.js beside the page
    WebDriverWait(browser, 5).until(lambda d: d.execute_script("return !!window.CoopMapGazetteer"))
    box.send_keys("chachapoyas")
    WebDriverWait(browser, 5).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cm-search-item")) >= 2)
    kinds = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".cm-search-item")]
    assert any("province" in k for k in kinds) and any("district" in k for k in kinds), kinds


def test_fragment_restores_a_view(browser, built: Path) -> None:
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    dgd = next(k for k, f in enumerate(data["funders"]) if f["name"] == "DGD")
    url = (built / "overview.html").as_uri() + "#shading=funders&from=2019&to=2021&funders=dgd&popup=PE-ARE"
    open_page(browser, url)
    assert browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="funders"]').is_selected()
    assert Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="from"]')).first_selected_option.text == "2019"
    assert Select(browser.find_element(By.CSS_SELECTOR, 'select[data-period="to"]')).first_selected_option.text == "2021"
    assert browser.find_element(By.CSS_SELECTOR, f'input[data-funder="{dgd}"]').is_selected()
    assert browser.find_elements(By.CSS_SELECTOR, f"path.cm-funder-{dgd}")
    assert "Arequipa" in browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content").text
    # changing the view rewrites the fragment, without reloading the page
    browser.execute_script("window.cmMark = 1;")
    browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="plain"]').click()
    hash_ = browser.execute_script("return location.hash")
    assert "shading=plain" in hash_ and "from=2019" in hash_ and "funders=dgd" in hash_
    assert browser.execute_script("return window.cmMark") == 1
    # the map view itself round-trips
    browser.execute_script("coopMap.map.setView([-13.5, -72.0], 7, {animate: false});")
    hash_ = browser.execute_script("return location.hash")
    assert "view=-13.500,-72.000,7" in hash_
    open_page(browser, (built / "overview.html").as_uri() + hash_)
    centre = browser.execute_script("var c = coopMap.map.getCenter(); return [c.lat, c.lng, coopMap.map.getZoom()];")
    assert centre == pytest.approx([-13.5, -72.0, 7], abs=1e-3)


def test_fragment_opens_a_marker_popup(browser, built: Path) -> None:
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    n = next(i for i, m in enumerate(data["markers"]) if m["written"] == "Paicapampa")
    open_page(browser, (built / "overview.html").as_uri() + f"#popup=m{n}")
    WebDriverWait(browser, 5).until(lambda d: "Paicapampa" in "".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")))


def test_fragment_in_the_embed_iframe(browser, built: Path) -> None:
    host = built / "host-views.html"
    host.write_text('<!DOCTYPE html><html><body style="margin:0"><iframe id="f" '
                    'src="overview.html#from=2020&amp;shading=funders" width="600" height="400" '
                    'style="border:0"></iframe></body></html>', encoding="utf-8")
    try:
        browser.get(host.as_uri())
        browser.switch_to.frame(browser.find_element(By.ID, "f"))
        WebDriverWait(browser, 20).until(lambda d: d.execute_script(READY))
        assert browser.execute_script("return coopMap.view.from") == 2020
        assert browser.execute_script("return coopMap.view.mode") == "funders"
    finally:
        browser.switch_to.default_content()
        host.unlink()


@pytest.mark.parametrize("fragment", [
    "#from=<script>window.__pwned=1</script>",
    "#shading=<img src=x onerror=window.__pwned=1>&to=javascript:alert(1)",
    "#%E0%A4%A&&==&view=1e999,NaN,99&popup=</script>&funders=../../x",
    "#" + "a=b&" * 3000,
    "#from=2030&to=1990&view=-13,-72",
])
def test_a_bad_fragment_does_nothing(browser, built: Path, fragment: str) -> None:
    data, _geo, _opts = map_data((built / "overview.html").read_text(encoding="utf-8"))
    open_page(browser, (built / "overview.html").as_uri() + fragment)
    view = browser.execute_script("return coopMap.view")
    assert view["mode"] == "count"
    assert [view["from"], view["to"]] == data["years"]
    assert not any(view["funders"])
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content") == []
    console, _ = drain_logs(browser)
    assert [c for c in console if c["level"] == "SEVERE"] == []


def test_scale_is_metric_and_close_label_follows_the_language(browser, built: Path,
                                                              tmp_path: Path) -> None:
    open_page(browser, (built / "overview.html").as_uri() + "#popup=PE-ARE")
    scales = browser.find_elements(By.CSS_SELECTOR, ".leaflet-control-scale-line")
    assert len(scales) == 1
    assert scales[0].text.endswith((" km", " m")), scales[0].text
    close = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Close popup"
    out = tmp_path / "es"
    result = run_cli("--lang", "es", "--out", str(out), "-q")
    assert result.returncode == 0, result.stderr
    open_page(browser, (out / "overview.html").as_uri() + "#popup=PE-ARE")
    close = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-close-button")
    assert close.get_attribute("aria-label") == "Cerrar ventana"


def test_a_period_build_says_its_period(tmp_path: Path, dataset_dir: Path) -> None:
    out = tmp_path / "out"
    result = run_cli("--data", str(dataset_dir), "--out", str(out), "--from", "2019", "--to",
                     "2021", "--currency", "USD", "-q")
    assert result.returncode == 0, result.stderr
    tables = Tables(dataset_dir)
    data, _geo, options = map_data((out / "overview.html").read_text(encoding="utf-8"))
    assert data["title"].endswith(", 2019–2021") and options["period"] == [2019, 2021]
    kept = {iid for iid in tables.items if tables.status(iid, 2019, 2021) == "counted"}
    undated = sum(1 for iid in tables.items if tables.status(iid, 2019, 2021) == "undated")
    assert data["total"] == len(kept)
    assert f"{undated} interventions without dates left out" in data["description"]
    assert data["budget"]["currency"] == "USD"
    expected = expected_budgets(tables, "USD", only=kept)  # IMPULSAS (2022-) is out
    shown = {r["code"]: r["budget"] for r in data["regions"].values() if "budget" in r}
    assert shown.keys() == expected.keys() == {"15"}
    assert shown["15"] == pytest.approx(expected["15"], abs=0.01)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="overview.html#shading=count&amp;from=2019&amp;to=2021"' in index
    matrix = (out / "matrix.html").read_text(encoding="utf-8")
    assert "Budgets by funder and department (USD, about)" in matrix and "split evenly" in matrix


@pytest.mark.parametrize(("args", "message"), [
    (["--from", "2022", "--to", "2019"], "--from 2022 is after --to 2019"),
    (["--from", "19"], "--from takes a year from 1900 to 2100"),
    (["--to", "soon"], "--to: invalid int value"),
    (["--currency", "PEN"], "--currency: invalid choice"),
])
def test_bad_period_or_currency_is_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    result = run_cli("--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
