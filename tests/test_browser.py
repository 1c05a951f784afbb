"""Every generated map in headless Chromium, with the network blocked."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from conftest import drain_logs, leaving_requests, run_cli
from PIL import Image
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from test_maps import MAPS, map_data

from coop.validation import load_dataset
from maps.i18n import Translator, load_catalogue

READY = "return document.querySelector('[data-cm-ready]') !== null"


@pytest.fixture(scope="module", params=["en", "es"])
def lang(request) -> str:
    """Every browser test runs on an English and on a Spanish build."""
    return request.param


@pytest.fixture(scope="module")
def built(tmp_path_factory, lang: str) -> Path:
    out = tmp_path_factory.mktemp(f"browser-{lang}") / "output"
    result = run_cli("--out", str(out), "--lang", lang)
    assert result.returncode == 0, result.stderr
    return out


def open_map(browser, path: Path, size: tuple[int, int] = (1280, 900)) -> None:
    browser.set_window_size(*size)
    drain_logs(browser)
    browser.get(path.as_uri())
    WebDriverWait(browser, 20).until(lambda d: d.execute_script(READY))


def assert_not_blank(png: bytes) -> None:
    """A real map has many colours, and its middle is not one flat colour."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20)
    assert colours is not None and len(colours) > 50
    w, h = image.size
    middle = image.crop((w // 4, h // 4, 3 * w // 4, 3 * h // 4))
    assert len(middle.getcolors(maxcolors=1 << 20)) > 10


def visible_marker_total(browser) -> int:
    """Markers drawn on their own plus those counted inside cluster icons."""
    return browser.execute_script("""
        var single = document.querySelectorAll('path.cm-marker').length;
        var clustered = 0;
        document.querySelectorAll('.marker-cluster span').forEach(function (s) {
            clustered += parseInt(s.textContent, 10);
        });
        return single + clustered;""")


@pytest.mark.parametrize("name", MAPS)
def test_map_loads_offline_and_draws_everything(browser, built: Path, name: str,
                                                tmp_path: Path) -> None:
    path = built / name
    data, _, _ = map_data(path.read_text(encoding="utf-8"))
    open_map(browser, path)
    console, urls = drain_logs(browser)
    assert [c for c in console if c["level"] in ("SEVERE", "WARNING")] == []
    assert leaving_requests(urls) == []
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.cm-region")) == 26
    assert browser.execute_script("return coopMap.markers.getLayers().length") == len(
        data["markers"])
    title = browser.find_element(By.CSS_SELECTOR, ".cm-title h1").text
    assert title == data["title"]
    # a department map outlines its department (Lima: both ISO units)
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.cm-focus")) == len(data["focus"])
    png = browser.get_screenshot_as_png()  # the view a user opens on
    (tmp_path / f"{name}.png").write_bytes(png)
    assert_not_blank(png)
    # a department map may hold places outside its view: show all of Peru to count them
    browser.execute_script(
        "coopMap.map.fitBounds(coopMap.regions.getBounds(), {animate: false});")
    WebDriverWait(browser, 5).until(lambda d: visible_marker_total(d) == len(data["markers"]))


def test_funder_layer_and_its_legend_switch_together(browser, built: Path) -> None:
    path = built / "overview.html"
    data, _, _ = map_data(path.read_text(encoding="utf-8"))
    open_map(browser, path)
    k = next(i for i, f in enumerate(data["funders"]) if f["name"] == "ACCD")
    box = browser.find_element(By.CSS_SELECTOR, f'input[data-funder="{k}"]')
    legend = browser.find_element(By.CSS_SELECTOR, f'.cm-legend-funder[data-funder="{k}"]')
    fills = f"path.cm-funder-{k}"
    assert browser.find_elements(By.CSS_SELECTOR, fills) == [] and not legend.is_displayed()
    box.click()
    assert len(browser.find_elements(By.CSS_SELECTOR, fills)) == len(data["funders"][k]["regions"])
    assert legend.is_displayed()
    box.click()
    assert browser.find_elements(By.CSS_SELECTOR, fills) == [] and not legend.is_displayed()


def test_places_layer_and_its_legend_switch_together(browser, built: Path) -> None:
    open_map(browser, built / "overview.html")
    box = browser.find_element(By.CSS_SELECTOR, 'input[data-layer="markers"]')
    legend = browser.find_element(By.CSS_SELECTOR, ".cm-legend-markers")
    assert legend.is_displayed() and visible_marker_total(browser) > 0
    box.click()
    assert not legend.is_displayed() and visible_marker_total(browser) == 0
    box.click()
    assert legend.is_displayed() and visible_marker_total(browser) > 0


def click_region(browser, iso: str) -> None:
    """Click with the mouse on a point of the region that nothing else covers."""
    point = browser.execute_script("""
        var iso = arguments[0], found = null;
        coopMap.regions.eachLayer(function (layer) {
            if (found || layer.feature.properties.iso_code !== iso) return;
            var b = layer.getBounds(), map = coopMap.map;
            for (var i = 1; i < 12 && !found; i++) for (var j = 1; j < 12 && !found; j++) {
                var ll = L.latLng(b.getSouth() + (b.getNorth() - b.getSouth()) * i / 12,
                                  b.getWest() + (b.getEast() - b.getWest()) * j / 12);
                var p = map.latLngToContainerPoint(ll);
                var r = map.getContainer().getBoundingClientRect();
                var hit = document.elementFromPoint(r.left + p.x, r.top + p.y);
                if (hit && hit.classList && hit.classList.contains('cm-iso-' + iso))
                    found = [r.left + p.x, r.top + p.y];
            }
        });
        return found;""", iso)
    assert point, f"no uncovered point in {iso}"
    body = browser.find_element(By.TAG_NAME, "body")
    rect = body.rect
    ActionChains(browser).move_to_element_with_offset(
        body, int(point[0] - rect["width"] / 2), int(point[1] - rect["height"] / 2)).click().perform()


@pytest.mark.parametrize(("name", "iso", "expected", "ids"), [
    ("overview.html", "PE-ARE", ["Arequipa", "ACCD", "DGD"], ["FUNIBER-COLCA"]),
    ("overview.html", "PE-CAJ", ["Cajamarca", "VLIR-UOS", "DGD"], ["VLIR-TEAM-CAJAMARCA"]),
    ("department-16-loreto.html", "PE-LOR", ["Loreto", "ACCD", "VLIR-UOS"], []),
])
def test_clicking_a_department_opens_its_popup(browser, built: Path, lang: str, name: str,
                                               iso: str, expected: list[str],
                                               ids: list[str]) -> None:
    dataset = load_dataset()
    expected = expected + [Translator(lang).title(dataset.get(i)) for i in ids]
    open_map(browser, built / name)
    click_region(browser, iso)
    WebDriverWait(browser, 5).until(lambda d: expected[0] in "".join(
        e.text for e in d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content")))
    popup = browser.find_element(By.CSS_SELECTOR, ".leaflet-popup-content")
    for text in expected:
        assert text in popup.text


def test_map_in_a_600_by_400_iframe(browser, built: Path, tmp_path: Path) -> None:
    host = built / "host-iframe.html"
    host.write_text('<!DOCTYPE html><html><body style="margin:0">'
                    '<iframe id="f" src="overview.html" width="600" height="400" '
                    'style="border:0"></iframe></body></html>', encoding="utf-8")
    try:
        browser.set_window_size(1000, 700)
        drain_logs(browser)
        browser.get(host.as_uri())
        frame = browser.find_element(By.ID, "f")
        browser.switch_to.frame(frame)
        WebDriverWait(browser, 20).until(lambda d: d.execute_script(READY))
        size = browser.execute_script(
            "var c = coopMap.map.getContainer(); return [c.clientWidth, c.clientHeight];")
        assert size == [600, 400]
        assert len(browser.find_elements(By.CSS_SELECTOR, "path.cm-region")) == 26
        # small frame: panels start folded so the map stays visible
        assert browser.execute_script(
            "return document.querySelector('.cm-layers .cm-body').style.display") == "none"
        browser.switch_to.default_content()
        console, urls = drain_logs(browser)
        assert [c for c in console if c["level"] == "SEVERE"] == []
        assert leaving_requests(urls) == []
        png = frame.screenshot_as_png
        (tmp_path / "iframe.png").write_bytes(png)
        assert_not_blank(png)
    finally:
        browser.switch_to.default_content()
        host.unlink()


def test_map_fills_the_full_window(browser, built: Path) -> None:
    open_map(browser, built / "overview.html", (1400, 1000))
    size = browser.execute_script(
        "var c = coopMap.map.getContainer();"
        "return [c.clientWidth, c.clientHeight, window.innerWidth, window.innerHeight];")
    assert size[:2] == size[2:]
    assert browser.execute_script(
        "return document.querySelector('.cm-layers .cm-body').style.display") == ""


def _words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+", text)}


def _catalogue_words(lang: str) -> set[str]:
    words: set[str] = set()
    for section in load_catalogue(lang).values():
        for value in section.values():
            for text in (value.values() if isinstance(value, dict) else [value]):
                words |= _words(re.sub(r"\{\w+\}", " ", text))
    return words


def _data_words() -> set[str]:
    """Words of the data a page shows as the source wrote them (names, notes, sources)."""
    dataset = load_dataset()
    words: set[str] = set()
    for item in dataset.interventions:
        for text in (*item.funders, item.funder_group, *item.implementers, item.scope_note,
                     item.source, item.title_es or item.title):
            words |= _words(text)
    for loc in dataset.locations:
        words |= _words(f"{loc.name} {loc.as_written} {loc.place} {loc.department}")
    for source in dataset.info.sources:  # the cited documents' own titles
        words |= _words(source.citation())
    return words


@pytest.mark.parametrize("lang", ["es"], indirect=True)
def test_a_spanish_page_shows_no_english_word(browser, built: Path, lang: str) -> None:
    """The visible text of the Spanish overview (panels, every funder's legend, both
    shadings, a department's and a place's popup and tooltip), gallery and matrix
    holds no word of the English catalogue that Spanish does not share."""
    english = _catalogue_words("en") - _catalogue_words("es") - _data_words()
    assert {"legend", "funders", "interventions", "shading"} <= english
    seen = []
    open_map(browser, built / "overview.html")
    for box in browser.find_elements(By.CSS_SELECTOR, "input[data-funder]"):
        box.click()
    seen.append(browser.execute_script("return document.body.innerText"))
    browser.find_element(By.CSS_SELECTOR, 'input[name="cm-shading"][value="funders"]').click()
    seen.append(browser.execute_script("return document.body.innerText"))
    click_region(browser, "PE-ARE")
    WebDriverWait(browser, 5).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, ".leaflet-popup-content"))
    seen.append(browser.execute_script("return document.body.innerText"))
    for k in range(len(map_data((built / "overview.html").read_text(encoding="utf-8"))[0]["markers"])):
        seen.append(browser.execute_script("""
            window.cmAll = window.cmAll || coopMap.markers.getLayers();
            var m = window.cmAll[arguments[0]];
            coopMap.markers.removeLayer(m); m.addTo(coopMap.map); m.openPopup(); m.openTooltip();
            var text = document.body.innerText; m.closePopup(); return text;""", k))
    seen.append(browser.execute_script("""
        var r = coopMap.regions.getLayers()[0]; r.openTooltip(r.getBounds().getCenter());
        return document.body.innerText;"""))
    for page in ("index.html", "matrix.html"):
        browser.get((built / page).as_uri())
        seen.append(browser.execute_script("return document.body.innerText"))
    shown = set().union(*(_words(text) for text in seen))
    assert len(shown) > 100
    assert sorted(shown & english) == [], sorted(shown & english)
