"""``build_maps.py extract``: place mentions as CSV, the --out folder (mentions.csv, a
locations.csv draft, review.html), unreadable files, and hostile document text.

Most tests inject a stand-in parser (``conftest.NameParser``: whole-word names resolved
by the project's geocoder) so that they test what surrounds the geoparser; the
end-to-end tests at the end run the real one once ``geo.geoparser`` exists.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from conftest import NameParser, docx_paragraphs, run_cli, text_pdf

import build_maps
import coop.drafts
from coop.folders import MANIFEST
from coop.model import LOCATION_COLUMNS

COLUMNS = ["document", "start", "end", "mention", "name", "level", "ubigeo", "department",
           "lat", "lon", "precision", "confidence"]
NAMES = ["Cusco", "Puno", "Iquitos", "Arequipa", "Trujilo", "La Molina", "Piura"]
TEXTS = {  # file name -> the text as it will be read
    "informe.txt": "Proyecto en Cusco y Puno.\nEn Cusco trabajamos con la universidad; "
                   "luego Iquitos.\n",
    "report.md": "# Report\r\n\r\nFarmers near Arequipa and students of the Universidad "
                 "Nacional de Trujilo (La Molina too). Arequipa again.",
    "vacío.txt": "No place at all in this one.",
}
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2" id="pwn-img">',
    "</script><script>window.__pwned=5</script>",
    "`${window.__pwned=6}`",
    "${window.__pwned=7} {{ 7*7 }}",
    '=HYPERLINK("http://127.0.0.1/x","x")',
    '<a href="javascript:window.__pwned=8" id="pwn-a">click</a>',
    "</style><style>body{display:none}</style>",
    "\u2028line\u2029 &amp; &lt;b&gt;",
    "🌎🇵🇪 👩🏽‍🌾 Áncash",
]
HOSTILE = "\n".join(f"{p} Cusco{p}Puno {p}" for p in PAYLOADS) + "\nIquitos at the end."


@pytest.fixture
def parser(monkeypatch) -> NameParser:
    stand_in = NameParser(NAMES)
    monkeypatch.setattr(coop.drafts, "default_parser", lambda: stand_in)
    return stand_in


def _documents(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return {str(folder / name): text for name, text in TEXTS.items()}


def _extract(capsys, *args: str) -> tuple[int, str, str]:
    status = build_maps.main(["extract", *args])
    out, err = capsys.readouterr()
    return status, out, err


def _expected_rows(documents: dict[str, str]) -> list[tuple[str, int, int, str]]:
    """Every whole-word occurrence of the names, found here independently."""
    rows = []
    for name, text in documents.items():
        hits = []
        for place in NAMES:
            hits += [(m.start(), m.end(), m.group())
                     for m in re.finditer(rf"\b{re.escape(place)}\b", text)]
        rows += [(name, s, e, w) for s, e, w in sorted(hits)]
    return rows


def test_stdout_has_one_row_per_mention(tmp_path: Path, capsys, parser) -> None:
    documents = _documents(tmp_path / "docs")
    status, out, err = _extract(capsys, *documents)
    assert (status, err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == ",".join(COLUMNS)
    assert [(r["document"], int(r["start"]), int(r["end"]), r["mention"]) for r in rows] == \
        _expected_rows(documents)
    for row in rows:
        assert documents[row["document"]][int(row["start"]):int(row["end"])] == row["mention"]
        match = parser.geocoder.geocode(row["mention"])
        assert (row["name"], row["level"], row["ubigeo"], row["department"]) == \
            (match.name, match.level, match.ubigeo, match.department)
        assert 0 <= float(row["confidence"]) <= 1


def test_a_folder_and_every_format(tmp_path: Path, capsys, parser) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.pdf").write_bytes(text_pdf([["Taller en Puno."], ["Visita a Cusco."]]))
    (folder / "b.docx").write_bytes(docx_paragraphs(["Oficina en Piura", "y en Iquitos"]))
    (folder / "c.html").write_bytes(b"<p>Cusco &amp; <b>Arequipa</b></p><script>Puno</script>")
    status, out, err = _extract(capsys, str(folder))
    assert (status, err) == (0, "")
    found = [(Path(r["document"]).name, r["mention"]) for r in csv.DictReader(io.StringIO(out))]
    assert found == [("a.pdf", "Puno"), ("a.pdf", "Cusco"), ("b.docx", "Piura"),
                     ("b.docx", "Iquitos"), ("c.html", "Cusco"), ("c.html", "Arequipa")]
    assert all(r["document"].startswith(str(folder)) for r in csv.DictReader(io.StringIO(out)))


def test_unreadable_files_one_line_each_and_exit_2(tmp_path: Path, capsys, parser) -> None:
    documents = _documents(tmp_path / "docs")
    bad = {"broken.pdf": b"%PDF-1.7\nnot really", "fake.docx": b"PK\x03\x04 not a zip",
           "binary.txt": bytes(range(256)), "empty.md": b""}
    for name, content in bad.items():
        (tmp_path / name).write_bytes(content)
    missing = str(tmp_path / "missing.txt")
    args = [str(tmp_path / n) for n in bad] + list(documents) + [missing]
    status, out, err = _extract(capsys, *args)
    assert status == 2
    lines = err.splitlines()
    assert sorted(line.split(": ")[0] for line in lines) == sorted(
        [str(tmp_path / n) for n in bad] + [missing])
    assert "Traceback" not in err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(_expected_rows(documents))


def test_out_writes_mentions_draft_and_review(tmp_path: Path, capsys, parser) -> None:
    documents = _documents(tmp_path / "docs")
    out_dir = tmp_path / "draft"
    status, out, err = _extract(capsys, *documents, "--out", str(out_dir))
    assert (status, err) == (0, "")
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        [MANIFEST, "mentions.csv", "locations.csv", "review.html"])
    assert (out_dir / "mentions.csv").read_bytes().decode("utf-8-sig") == out
    draft = list(csv.DictReader(io.StringIO(
        (out_dir / "locations.csv").read_bytes().decode("utf-8-sig"))))
    assert list(draft[0]) == [c.name for c in LOCATION_COLUMNS]
    # one row per distinct place per document, in order of first mention
    expected = []
    for name, text in documents.items():
        slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.replace("í", "i").lower()).strip("-")
        seen: dict[str, list[str]] = {}
        for _doc, _s, _e, written in _expected_rows({name: text}):
            place = parser.geocoder.geocode(written).name
            seen.setdefault(place, []).append(written)
        for place, mentions in seen.items():
            confidences = [0.55 if parser.geocoder.geocode(m).status == "ambiguous" else 0.95
                           for m in mentions]
            count = f"{len(mentions)} mention{'s' if len(mentions) > 1 else ''}"
            word = "lowest confidence" if len(mentions) > 1 else "confidence"
            expected.append((slug, place, mentions[0], f"{count}; {word} {min(confidences):g}"))
    assert [(r["intervention_id"], r["place"], r["as_written"], r["note"]) for r in draft] == \
        expected


def test_the_draft_loads_as_a_dataset(tmp_path: Path, capsys, parser) -> None:
    from coop.validation import load_dataset
    from coop.vocabulary import THEMES

    documents = _documents(tmp_path / "docs")
    out_dir = tmp_path / "draft"
    assert _extract(capsys, *documents, "--out", str(out_dir))[0] == 0
    data = tmp_path / "data"
    data.mkdir()
    (data / "locations.csv").write_bytes((out_dir / "locations.csv").read_bytes())
    slugs = sorted({r["intervention_id"] for r in csv.DictReader(
        io.StringIO((out_dir / "locations.csv").read_text(encoding="utf-8-sig")))})
    with (data / "interventions.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "title", "funders", "funder_group", "themes", "status", "scope",
                         "source"])
        for slug in slugs:
            writer.writerow([slug, slug, "Someone", "Belgium", THEMES[0], "ongoing",
                             "subnational", slug])
    dataset = load_dataset(data)
    draft_rows = (out_dir / "locations.csv").read_text(encoding="utf-8-sig").count("\n") - 1
    assert len(dataset.locations) == draft_rows


def test_same_input_same_bytes(tmp_path: Path, capsys, parser) -> None:
    documents = _documents(tmp_path / "docs")
    for run in ("one", "two"):
        assert _extract(capsys, *documents, "--out", str(tmp_path / run))[0] == 0
    for name in ("mentions.csv", "locations.csv", "review.html", MANIFEST):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_documents_with_the_same_name_get_distinct_ids(tmp_path: Path, capsys, parser) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Informe final.txt").write_text("Cusco", encoding="utf-8")
    status, _out, _err = _extract(capsys, str(tmp_path / "a"), str(tmp_path / "b"), "--out",
                                  str(tmp_path / "out"))
    assert status == 0
    ids = [r["intervention_id"] for r in csv.DictReader(io.StringIO(
        (tmp_path / "out" / "locations.csv").read_text(encoding="utf-8-sig")))]
    assert ids == ["informe-final", "informe-final-2"]


def test_refuses_a_users_file_or_folder(tmp_path: Path, capsys, parser) -> None:
    documents = _documents(tmp_path / "docs")
    user_file = tmp_path / "notes.txt"
    user_file.write_text("mine", encoding="utf-8")
    user_folder = tmp_path / "mine"
    user_folder.mkdir()
    (user_folder / "thesis.docx").write_bytes(b"precious")
    for target in (user_file, user_folder, tmp_path / "docs"):
        status, out, err = _extract(capsys, *documents, "--out", str(target))
        assert status == 2
        assert len(err.splitlines()) == 1 and "--out" in err
        assert out == ""
    assert user_file.read_text(encoding="utf-8") == "mine"
    assert (user_folder / "thesis.docx").read_bytes() == b"precious"
    assert sorted(p.name for p in user_folder.iterdir()) == ["thesis.docx"]
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == sorted(TEXTS)
    # an earlier output is replaced
    out_dir = tmp_path / "draft"
    assert _extract(capsys, *documents, "--out", str(out_dir))[0] == 0
    assert _extract(capsys, list(documents)[0], "--out", str(out_dir))[0] == 0
    assert list(documents)[1] not in (out_dir / "mentions.csv").read_text(encoding="utf-8-sig")


def test_nothing_readable_writes_nothing(tmp_path: Path, capsys, parser) -> None:
    (tmp_path / "a.pdf").write_bytes(b"%PDF-1.4 broken")
    status, out, err = _extract(capsys, str(tmp_path / "a.pdf"), "--out", str(tmp_path / "o"))
    assert status == 2
    assert out.splitlines() == [",".join(COLUMNS)]
    assert not (tmp_path / "o").exists()
    assert err.splitlines()[0].startswith(f"{tmp_path / 'a.pdf'}: ")


@pytest.mark.parametrize(("name", "slug"), [
    ("Informe final.txt", "informe-final"), ("reports/São Martín – 2023.PDF", "sao-martin-2023"),
    (".md", "md"), ("<script>.docx", "script"),
    ("000_6bb2aa460a428235.txt", "000-6bb2aa460a428235"), ("ÁÉÍ.html", "aei"),
    ("x" * 80 + ".txt", "x" * 60), ("¿?.txt", "map")])
def test_document_ids_are_file_name_slugs(name: str, slug: str) -> None:
    from coop.drafts import document_to_slug

    assert document_to_slug(name) == slug


# --- review.html in Chromium ---------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_review(tmp_path_factory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("review")
    doc = root / "<img src=x onerror=alert(1)> ${x}.txt"
    doc.write_text(HOSTILE, encoding="utf-8")
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 <script>window.__pwned=9</script>")
    with pytest.MonkeyPatch.context() as mp:
        stand_in = NameParser(NAMES)
        mp.setattr(coop.drafts, "default_parser", lambda: stand_in)
        status = build_maps.main(["extract", str(doc), str(root / "broken.pdf"), "--out",
                                  str(root / "out")])
    assert status == 2
    return root / "out" / "review.html", HOSTILE


def test_review_html_carries_no_markup_from_the_text(hostile_review) -> None:
    page = hostile_review[0].read_text(encoding="utf-8")
    for payload in ("<script>window.__pwned", "<img src=x", "</script><script>",
                    '<a href="javascript', "<img src=x onerror=alert"):
        assert payload not in page


def test_review_page_is_inert_and_shows_the_text(browser, hostile_review) -> None:
    from conftest import drain_logs
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    path, text = hostile_review
    drain_logs(browser)
    browser.get(path.as_uri())
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.body.getAttribute('data-rv-ready')"))
    try:
        alert = browser.switch_to.alert
        pytest.fail(f"a dialog opened: {alert.text!r}")
    except NoAlertPresentException:
        pass
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script(
        "return document.querySelectorAll('[id^=pwn], img, svg, a, iframe:not(.rv-map)').length") == 0
    assert browser.execute_script("return getComputedStyle(document.body).display") != "none"
    shown = browser.find_element(By.CSS_SELECTOR, ".rv-text").get_attribute("textContent")
    assert shown == text
    marks = browser.execute_script(
        "return Array.from(document.querySelectorAll('mark.rv-m')).map(m => m.textContent)")
    assert marks == [m.group() for m in re.finditer(
        r"(?<!\w)(?:Cusco|Puno|Iquitos)(?!\w)", text)]
    title = browser.execute_script("return document.querySelector('mark.rv-m').title")
    assert "Cusco" in title and "department" in title and "confidence" in title
    failed = browser.find_element(By.CSS_SELECTOR, ".rv-failed").get_attribute("textContent")
    assert "broken.pdf" in failed
    heading = browser.find_element(By.CSS_SELECTOR, ".rv-doc h2").text
    assert "<img src=x onerror=alert(1)> ${x}.txt" in heading
    # a place in the side list jumps to its mentions, one after the other
    puno = [b for b in browser.find_elements(By.CSS_SELECTOR, ".rv-place-main")
            if "Puno" in b.text][0]
    for expected in (0, 1):
        puno.click()
        focused = browser.execute_script("return document.activeElement.textContent")
        index = browser.execute_script(
            "var all = Array.from(document.querySelectorAll('mark.rv-m'))"
            ".filter(m => m.textContent === 'Puno'); return all.indexOf(document.activeElement)")
        assert (focused, index) == ("Puno", expected)
    # the map is the project's map page, drawn offline inside the sandboxed frame
    browser.switch_to.frame(browser.find_element(By.CSS_SELECTOR, "iframe.rv-map"))
    WebDriverWait(browser, 20).until(
        lambda d: d.execute_script("return document.querySelector('[data-cm-ready]')"))
    assert browser.execute_script("return document.querySelectorAll('.cm-layers input').length") >= 1
    size = browser.execute_script("var s = coopMap.map.getSize(); return [s.x, s.y]")
    assert min(size) > 100  # drawn once its frame was laid out, so Peru fits in it
    assert browser.execute_script("return typeof window.__pwned") == "undefined"
    assert browser.execute_script(
        "return document.querySelectorAll('[id^=pwn], [onerror], img[src=x]').length") == 0
    labels = browser.find_element(By.CSS_SELECTOR, ".cm-layers").get_attribute("textContent")
    assert "<img src=x onerror=alert(1)> ${x}.txt" in labels
    browser.switch_to.default_content()
    console, urls = drain_logs(browser)
    assert [c for c in console if c["level"] == "SEVERE"] == []
    assert [u for u in urls if u.startswith(("http:", "https:"))] == []


@pytest.mark.parametrize("text", [HOSTILE, "Cusco", "🇵🇪Cusco🌎 Puno\r\nPuno", "sin lugares"])
def test_review_cuts_the_text_at_the_mentions(text: str) -> None:
    from maps.review import text_to_segments

    mentions = tuple(NameParser(NAMES).parse(text))
    segments = text_to_segments(text, mentions)
    assert "".join(s for s, _i in segments) == text
    assert [(s, i) for s, i in segments if i >= 0] == [(m.mention, n)
                                                       for n, m in enumerate(mentions)]


def test_departments_on_one_page_differ_in_colour() -> None:
    from maps.review import departments_to_colours

    codes = [f"{n:02d}" for n in range(1, 26)]
    for size in range(1, 13):
        fills = [c["fill"] for c in departments_to_colours(codes[:size]).values()]
        assert len(set(fills)) == size


def test_review_script_builds_no_markup_from_text() -> None:
    script = (Path(build_maps.__file__).parent / "maps" / "static" / "review.js").read_text(
        encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "new Function"):
        assert sink not in script, sink
    assert script.count(".srcdoc =") == 1  # the map page, built and escaped by maps.page


# --- end to end, with the project's geoparser ------------------------------------------------

SEEDS = Path("/work/shared/seeds")


def test_cli_on_documents_with_the_real_geoparser(tmp_path: Path) -> None:
    pytest.importorskip("geo.geoparser")
    doc = tmp_path / "nota.txt"
    text = ("El proyecto trabaja en la región Cusco y en la ciudad de Iquitos (Loreto). "
            "Peru is a country; La Paz is in Bolivia.\n")
    doc.write_text(text, encoding="utf-8")
    result = run_cli("extract", str(doc), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0] == ",".join(COLUMNS)
    for row in rows:
        assert text[int(row["start"]):int(row["end"])] == row["mention"]
        assert row["mention"] not in ("Peru", "La Paz")
    departments = {r["department"] for r in rows}
    assert {"Cusco", "Loreto"} <= departments
    assert (tmp_path / "out" / "review.html").exists()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are not on this machine")
def test_cli_on_the_seed_documents(tmp_path: Path) -> None:
    pytest.importorskip("geo.geoparser")
    result = run_cli("extract", str(SEEDS), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    texts = {str(p): p.read_bytes().decode("utf-8-sig") for p in SEEDS.glob("*.txt")}
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    for row in rows:
        assert texts[row["document"]][int(row["start"]):int(row["end"])] == row["mention"]
