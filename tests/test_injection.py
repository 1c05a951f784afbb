"""Hostile text: every free-text cell of the bundled data filled with payloads, every
output built, and every page checked in Chromium: nothing runs, nothing is
injected, and the text still shows as written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import drain_logs, run_cli
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from geo.paths import DATA_DIR

PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2" id="pwn-img">',
    "'><svg onload=window.__pwned=3 id=pwn-svg></svg>",
    "javascript:window.__pwned=4",
    "</script><script>window.__pwned=5</script>",
    "`${window.__pwned=6}`",
    "${window.__pwned=7} {{ 7*7 }} {% if 1 %}x{% endif %}",
    '<!-- <b id="pwn-b">comment</b>',
    "' \" ` ´ ‘quoted’ “quoted” «quoted»",
    "</style><style>body{display:none}</style>",
    '<a href="javascript:window.__pwned=8" id="pwn-a">click</a>',
    '<iframe src="javascript:parent.__pwned=9" id="pwn-iframe"></iframe>',
    "$x^2$ and a lone $ sign",
    '=HYPERLINK("http://127.0.0.1/x","x")',
    "\u2028line\u2029separators &amp; &lt;entities&gt;",
    "مرحبا بالعالم שלום עולם",
    "🌎🇵🇪 cooperación 👩🏽‍🌾 Áncash",
    "L" + "o" * 3000 + "ng",
]
# Free text; vocabularies (themes, status, scope, level, reach) and places stay valid.
INTERVENTION_TEXT = ["id", "title", "description", "title_es", "description_es", "funders",
                     "funder_group", "implementers", "partners", "beneficiaries_note",
                     "scope_note", "source", "quote", "note"]
LOCATION_TEXT = ["as_written", "note"]


def hostile_dataset(folder: Path) -> dict[str, str]:
    """The bundled data with payloads in every free-text cell; old id -> new id."""
    with (DATA_DIR / "interventions.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with (DATA_DIR / "locations.csv").open(encoding="utf-8", newline="") as fh:
        locations = list(csv.DictReader(fh))
    ids = {row["id"]: f"{PAYLOADS[n % len(PAYLOADS)][:60]} #{n}" for n, row in enumerate(rows)}
    for n, row in enumerate(rows):
        for k, column in enumerate(INTERVENTION_TEXT):
            row[column] = ids[row["id"]] if column == "id" else PAYLOADS[(n + k) % len(PAYLOADS)]
        row["part_of"] = ids.get(row["part_of"], "")
    for n, row in enumerate(locations):
        row["intervention_id"] = ids[row["intervention_id"]]
        for k, column in enumerate(LOCATION_TEXT):
            row[column] = PAYLOADS[(n + k + 3) % len(PAYLOADS)]
    folder.mkdir()
    for name, table in (("interventions", rows), ("locations", locations)):
        with (folder / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(table[0]))
            writer.writeheader()
            writer.writerows(table)
    return ids


@pytest.fixture(scope="module", params=["en", "es"])
def hostile_build(tmp_path_factory, request) -> Path:
    """Built in English and in Spanish (which shows title_es and description_es)."""
    root = tmp_path_factory.mktemp(f"hostile-{request.param}")
    hostile_dataset(root / "data")
    out = root / "output"
    result = run_cli("--data", str(root / "data"), "--out", str(out), "--static", "--embed",
                     "--dpi", "40", "--lang", request.param)
    assert result.returncode == 0, result.stderr
    return out


def _pages(out: Path) -> list[str]:
    return sorted(p.name for p in out.glob("*.html"))


def assert_nothing_ran(browser) -> None:
    try:
        alert = browser.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"a dialog opened: {text!r}")
    except NoAlertPresentException:
        pass
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    injected = browser.execute_script(
        "return Array.from(document.querySelectorAll('[id^=pwn], img, iframe, svg[onload]'))"
        ".map(function (e) { return e.outerHTML.slice(0, 80); })")
    assert injected == []
    assert browser.execute_script("return getComputedStyle(document.body).display") != "none"


def test_every_page_is_inert(browser, hostile_build: Path) -> None:
    pages = _pages(hostile_build)
    assert len(pages) > 40
    for name in pages:
        drain_logs(browser)
        browser.get((hostile_build / name).as_uri())
        if not name.endswith(".embed.html") and name not in ("index.html", "matrix.html",
                                                            "report.html"):
            WebDriverWait(browser, 20).until(
                lambda d: d.execute_script("return document.querySelector('[data-cm-ready]')"))
            # build every lazy popup and tooltip, so that their text reaches the page
            browser.execute_script("""
                var box = document.createElement('div');
                document.body.appendChild(box);
                function build(layer) {
                    [layer.getPopup(), layer.getTooltip()].forEach(function (p) {
                        if (!p) return;
                        var c = p._content;
                        if (typeof c === 'function') c = c(layer);
                        if (c instanceof Node) box.appendChild(c);
                    });
                }
                coopMap.regions.eachLayer(build);
                coopMap.markers.eachLayer(build);
                coopMap.regions.eachLayer(function (l) { l.openPopup(); });""")
        if name in ("index.html", "report.html"):  # images only as data URIs
            imgs = browser.execute_script(
                "return Array.from(document.images).map(function (i) { return i.src.slice(0, 22); })")
            assert all(src.startswith("data:image/png;base64") for src in imgs), name
            browser.execute_script("Array.from(document.images).forEach(function (i) { i.remove(); })")
        if name.endswith(".embed.html"):
            browser.execute_script("document.querySelectorAll('iframe').forEach(function (f) {"
                                   " if (f.getAttribute('src').indexOf('.html') > 0) f.remove(); })")
        console, _ = drain_logs(browser)
        assert [c for c in console if c["level"] == "SEVERE"] == [], name
        assert_nothing_ran(browser)


def test_text_shows_as_written(browser, hostile_build: Path) -> None:
    browser.get((hostile_build / "overview.html").as_uri())
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.querySelector('[data-cm-ready]')"))
    panel = browser.find_element(By.CSS_SELECTOR, ".cm-national").get_attribute("textContent")
    layers = browser.find_element(By.CSS_SELECTOR, ".cm-layers").get_attribute("textContent")
    shown = panel + layers
    for payload in PAYLOADS[:12]:
        assert payload.strip() in shown, payload
    assert_nothing_ran(browser)


def test_gallery_and_report_keep_the_text(hostile_build: Path) -> None:
    import html

    report = (hostile_build / "report.html").read_text(encoding="utf-8")
    for payload in PAYLOADS:  # cells are read with surrounding white space trimmed
        assert html.escape(payload.strip(), quote=False) in report
    assert "<script>window.__pwned" not in report


def test_csv_cells_are_not_formulas(hostile_build: Path) -> None:
    text = (hostile_build / "matrix.csv").read_bytes().decode("utf-8-sig")
    for row in list(csv.reader(io.StringIO(text)))[2:]:
        assert not row[0].startswith(("=", "+", "-", "@"))
    assert "'=HYPERLINK(" in text


def test_static_pictures_were_drawn(hostile_build: Path) -> None:
    pictures = list((hostile_build / "static").glob("*.svg"))
    assert len(pictures) >= 7
    assert (hostile_build / "report.pdf").read_bytes().startswith(b"%PDF-")
