"""IATI activity files in: mapping rules, 1.0x, multi-country shares, languages, points
and names, the command line, and hostile files refused with one line."""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, run_cli

from coop.errors import DataErrors
from coop.iati import (IatiImport, RawLocation, load_dac_themes, load_org_groups,
                       location_to_precision, org_to_group, paths_to_import, pick_text,
                       sector_to_theme)
from coop.validation import load_dataset
from coop.vocabulary import THEMES

FIXTURES = ROOT / "tests" / "fixtures" / "iati"
HOSTILE = FIXTURES / "hostile"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def imported() -> IatiImport:
    return paths_to_import([FIXTURES])


def _row(result: IatiImport, ident: str) -> dict[str, str]:
    return next(r for r in result.interventions if r["id"] == ident)


def _activity(file: str, ident: str) -> ET.Element:
    """The activity as the standard library's parser reads it (an independent reading)."""
    root = ET.parse(FIXTURES / file).getroot()
    return next(a for a in root.iter("iati-activity") if a.findtext("iati-identifier") == ident)


def _log(result: IatiImport, ident: str) -> list[str]:
    return [e["issue"] for e in result.log if e["activity"] == ident]


# ------------------------------------------------------------ the mapping tables

def test_dac_table_rows_are_dac_codes_onto_the_six_themes():
    table = load_dac_themes()
    assert table and all(len(code) in (3, 5) and code.isdigit() for code in table)
    assert set(table.values()) <= set(THEMES)
    assert set(table.values()) == set(THEMES), "every theme is reachable from some DAC code"


@pytest.mark.parametrize("code", sorted(load_dac_themes()))
def test_each_dac_row_maps_its_codes(code):
    table = load_dac_themes()
    if len(code) == 3:
        assert sector_to_theme("2", code) == table[code]
        child = code + "99"  # a 5-digit code with no row of its own falls to its category
        assert sector_to_theme("1", child) == table.get(child, table[code])
    else:
        assert sector_to_theme("1", code) == table[code]
        assert sector_to_theme("DAC", code) == table[code]  # 1.0x vocabulary name


@pytest.mark.parametrize("vocabulary, code", [("1", "311"), ("2", "31120"), ("99", "A1"),
                                              ("1", "91010"), ("1", "9981x"), ("7", "111")])
def test_codes_outside_the_table_or_vocabulary_are_not_mapped(vocabulary, code):
    assert sector_to_theme(vocabulary, code) is None


@pytest.mark.parametrize("key, group", [(k, g) for k, g in load_org_groups()
                                        if not k.startswith("TYPE:")])
def test_each_org_prefix_row_gives_its_group(key, group):
    ref = key[:-1] + "123" if key.endswith("*") else key + "-10"
    assert org_to_group(ref) == group


@pytest.mark.parametrize("ref, org_type, group", [
    ("XM-DAC-2-10", "10", "Belgium"),        # DGD
    ("XM-DAC-21", "10", "Ireland"),          # not Belgium's XM-DAC-2
    ("XM-DAC-918-3", "40", "European Union"),
    ("XM-DAC-41114", "40", "multilateral"),  # UNDP
    ("BE-BCE_KBO-0264814354", "10", "Belgium"),  # Enabel
    ("ES-DIR3-E04585801", "10", "Spain"),    # AECID
    ("XI-IATI-EC_INTPA", "15", "European Union"),
    ("44000", "40", "multilateral"),         # a bare DAC channel code
    ("ZZ-UNKNOWN-1", "40", "multilateral"),  # by organisation type
    ("ZZ-UNKNOWN-1", "10", ""),
])
def test_org_groups(ref, org_type, group):
    assert org_to_group(ref, org_type) == group


@pytest.mark.parametrize("fields, precision", [
    (dict(feature="PCLI"), 6), (dict(feature="ADM1"), 4), (dict(feature="ADM2"), 3),
    (dict(location_class="2", exactness="1"), 2), (dict(location_class="3", exactness="1"), 1),
    (dict(location_class="3", exactness="2"), 2), (dict(location_class="4", exactness="2"), 3),
    (dict(location_class="1"), None), (dict(), None),
])
def test_precision_from_exactness_class_and_feature(fields, precision):
    assert location_to_precision(RawLocation(**fields)) == precision


@pytest.mark.parametrize("lang, expected", [("fr", "F"), ("en", "E"), ("es", "E"), ("de", "E")])
def test_own_language_then_english(lang, expected):
    assert pick_text([("es", "S"), ("en", "E"), ("fr", "F")], lang) == expected


# ------------------------------------------------------------ each rule on the fixtures

def test_output_passes_validation_and_ids_are_iati_identifiers(imported, tmp_path):
    files = imported.to_files()
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    dataset = load_dataset(tmp_path)
    ids = set()
    for path in sorted(FIXTURES.glob("*.xml")):
        ids |= {a.findtext("iati-identifier") for a in ET.parse(path).getroot().iter("iati-activity")}
    assert {i.id for i in dataset.interventions} < ids


@pytest.mark.parametrize("file, ident", [
    ("standard-203-peru.xml", "AA-AAA-123456789-ABC123"),
    ("legacy-105.xml", "BB-BBB-123456789-ABC123"),
    ("eu-multicountry.xml", "XI-IATI-EC_DEVCO-2019/40001/0"),
])
def test_titles_own_language_first_spanish_kept_apart(imported, file, ident):
    act = _activity(file, ident)
    lang = act.get(XML_LANG)
    titles = [(t.get(XML_LANG) or lang, " ".join((t.text or "").split()))
              for title in act.iter("title") for t in (list(title.iter("narrative")) or [title])]
    row = _row(imported, ident)
    assert row["title"] == next(text for got, text in titles if got == lang)
    assert row["title_es"] == next(text for got, text in titles if got == "es")


def test_spanish_only_narratives_fill_both_columns(imported):
    act = _activity("aecid-es.xml", "XM-DAC-50-10-2019-PE-001")
    title = act.find("title/narrative").text
    row = _row(imported, "XM-DAC-50-10-2019-PE-001")
    assert row["title"] == row["title_es"] == title
    assert row["description"] == row["description_es"] == act.find("description/narrative").text


def _org_names() -> dict[str, str]:
    """Each org ref's most used name across the fixtures, the first seen on ties."""
    from collections import Counter

    counts: dict[str, Counter] = {}
    for path in sorted(FIXTURES.glob("*.xml")):
        for org in ET.parse(path).getroot().iter():
            if org.tag not in ("participating-org", "reporting-org"):
                continue
            own = org.find("narrative")
            name = (own.text if own is not None else org.text or "").strip()
            if org.get("ref") and name:
                counts.setdefault(org.get("ref"), Counter())[name] += 1
    return {ref: c.most_common(1)[0][0] for ref, c in counts.items()}


def test_roles_funders_implementers_partners(imported):
    act = _activity("standard-203-peru.xml", "AA-AAA-123456789-ABC123")
    names = _org_names()
    by_role = {}
    for org in act.iter("participating-org"):
        by_role.setdefault(org.get("role"), []).append(names[org.get("ref")])
    row = _row(imported, "AA-AAA-123456789-ABC123")
    assert row["funders"].split("; ") == by_role["1"]
    assert row["implementers"].split("; ") == by_role["4"]
    assert row["partners"].split("; ") == by_role["2"] + by_role["3"]
    assert row["funder_group"] == org_to_group(act.find("participating-org[@role='1']").get("ref"))


def test_one_name_per_org_ref_across_activities(imported):
    names = [_row(imported, i)["funders"] for i in ("XM-DAC-50-10-2019-PE-001",
                                                    "XM-DAC-50-10-2022-PE-003")]
    assert names[0] == names[1]
    assert ";" not in _row(imported, "XM-DAC-50-10-2019-PE-001")["implementers"].replace("; ", "")


def test_no_funding_org_means_the_reporting_org(imported):
    act = _activity("legacy-105.xml", "US-GOV-1-527-OLD-1")
    row = _row(imported, "US-GOV-1-527-OLD-1")
    assert row["funders"] == act.find("reporting-org").text
    assert row["funder_group"] == "United States"
    assert "no funding org" in _log(imported, "US-GOV-1-527-OLD-1")


@pytest.mark.parametrize("file, ident", [
    ("standard-203-peru.xml", "AA-AAA-123456789-ABC123"),
    ("legacy-105.xml", "BB-BBB-123456789-ABC123"),
    ("aecid-es.xml", "XM-DAC-50-10-2019-PE-001"),
])
def test_themes_from_dac_sectors_by_weight(imported, file, ident):
    act = _activity(file, ident)
    weights: dict[str, float] = {}
    for sector in act.iter("sector"):
        theme = sector_to_theme(sector.get("vocabulary") or "1", sector.get("code"))
        if theme:
            weights[theme] = weights.get(theme, 0) + float(sector.get("percentage") or 0)
    expected = sorted(weights, key=lambda t: (-weights[t], THEMES.index(t)))
    assert _row(imported, ident)["themes"].split("; ") == expected


def test_other_sector_vocabularies_are_logged(imported):
    assert "sector vocabulary not DAC" in _log(imported, "AA-AAA-123456789-ABC123")


@pytest.mark.parametrize("file, ident, status", [
    ("standard-203-peru.xml", "AA-AAA-123456789-ABC123", "ongoing"),     # 2
    ("eu-multicountry.xml", "XI-IATI-EC_DEVCO-2019/40001/0", "completed"),  # 3
    ("legacy-105.xml", "BB-BBB-123456789-ABC123", "completed"),          # 4
    ("aecid-es.xml", "XM-DAC-50-10-2022-PE-003", "planned"),             # 1
    ("aecid-es.xml", "XM-DAC-50-10-2019-PE-001", "unknown"),             # 6 suspended
])
def test_status(imported, file, ident, status):
    assert _activity(file, ident).find("activity-status") is not None
    assert _row(imported, ident)["status"] == status


def test_cancelled_activities_are_skipped_and_logged(imported):
    assert _activity("aecid-es.xml", "XM-DAC-50-10-2021-PE-002").find(
        "activity-status").get("code") == "5"
    assert all(r["id"] != "XM-DAC-50-10-2021-PE-002" for r in imported.interventions)
    assert _log(imported, "XM-DAC-50-10-2021-PE-002") == ["skipped: cancelled"]


@pytest.mark.parametrize("file, ident", [
    ("standard-203-peru.xml", "AA-AAA-123456789-ABC123"),
    ("legacy-105.xml", "BB-BBB-123456789-ABC123"),
    ("eu-multicountry.xml", "XI-IATI-EC_DEVCO-2019/40001/0"),
])
def test_dates_actual_over_planned(imported, file, ident):
    words = {"start-planned": "1", "start-actual": "2", "end-planned": "3", "end-actual": "4"}
    dates = {words.get(d.get("type"), d.get("type")): d.get("iso-date")
             for d in _activity(file, ident).iter("activity-date")}
    row = _row(imported, ident)
    assert row["start"] == dates.get("2", dates.get("1"))
    assert row["end"] == dates.get("4", dates.get("3", ""))


def _budget_sum(act: ET.Element) -> float:
    periods: dict[tuple, tuple[str, float]] = {}
    for b in act.iter("budget"):
        key = (b.find("period-start").get("iso-date"), b.find("period-end").get("iso-date"))
        kind, value = b.get("type", "1"), float(b.find("value").text)
        if key not in periods or kind == "2":
            periods[key] = (kind, value)
    return sum(v for _k, v in periods.values())


@pytest.mark.parametrize("file, ident", [
    ("standard-203-peru.xml", "AA-AAA-123456789-ABC123"),  # 50% Peru, revised over original
    ("legacy-105.xml", "BB-BBB-123456789-ABC123"),         # 1.05, revised over original
    ("eu-multicountry.xml", "XI-IATI-EC_DEVCO-2019/40001/0"),  # 30% of three countries
    ("eu-multicountry.xml", "XI-IATI-EC_DEVCO-2021/42002/1"),  # Peru alone
])
def test_budget_revised_over_original_times_peru_share(imported, file, ident):
    act = _activity(file, ident)
    share = float(act.find("recipient-country[@code='PE']").get("percentage")) / 100
    row = _row(imported, ident)
    assert float(row["budget"]) == pytest.approx(_budget_sum(act) * share)
    assert row["currency"] == act.find("budget/value").get("currency")
    assert ("Peru's share" in row["note"]) == (share != 1)


def test_commitments_when_no_budget(imported):
    act = _activity("aecid-es.xml", "XM-DAC-50-10-2019-PE-001")
    total = sum(float(t.find("value").text) for t in act.iter("transaction")
                if t.find("transaction-type").get("code") == "2")
    row = _row(imported, "XM-DAC-50-10-2019-PE-001")
    assert float(row["budget"]) == pytest.approx(total)
    assert row["currency"] == act.get("default-currency")


def test_budget_in_two_currencies_is_left_empty_and_logged(imported):
    assert _row(imported, "XM-DAC-50-10-2022-PE-003")["budget"] == ""
    assert "budget not read" in _log(imported, "XM-DAC-50-10-2022-PE-003")


def test_not_peru_is_skipped_and_a_location_in_peru_keeps_one(imported):
    assert "skipped: not Peru" in _log(imported, "XI-IATI-EC_DEVCO-2020/41000/0")
    row = _row(imported, "XI-IATI-EC_DEVCO-2022/43000/0")  # a region, a point in Puno
    assert row["scope"] == "subnational" and row["budget"] == ""
    assert "budget not split" in _log(imported, "XI-IATI-EC_DEVCO-2022/43000/0")


@pytest.mark.parametrize("ident, scope", [
    ("XI-IATI-EC_DEVCO-2021/42002/1", "national"),  # Peru alone, the location is the country
    ("XI-IATI-EC_DEVCO-2019/40001/0", "unspecified regions"),  # three countries, no places
    ("AA-AAA-123456789-ABC123", "subnational"),
])
def test_scope(imported, ident, scope):
    assert _row(imported, ident)["scope"] == scope


def _locations(result: IatiImport, ident: str) -> list[dict[str, str]]:
    return [r for r in result.locations if r["intervention_id"] == ident]


def test_points_give_the_department_and_swapped_pairs_are_swapped(imported):
    from geo.regions import points_to_regions

    act = _activity("standard-203-peru.xml", "AA-AAA-123456789-ABC123")
    rows = {r["as_written"]: r for r in _locations(imported, "AA-AAA-123456789-ABC123")}
    for loc in act.iter("location"):
        name = loc.find("name/narrative").text
        lat, lon = map(float, loc.find("point/pos").text.split())
        straight = points_to_regions([lon], [lat])["ubigeo"][0]
        swapped = points_to_regions([lat], [lon])["ubigeo"][0]
        if isinstance(straight, str):
            assert rows[name]["department_code"] == straight
            assert (float(rows[name]["lat"]), float(rows[name]["lon"])) == (lat, lon)
        elif isinstance(swapped, str):
            assert rows[name]["department_code"] == swapped
            assert (float(rows[name]["lat"]), float(rows[name]["lon"])) == (lon, lat)
            assert "swapped" in rows[name]["note"]
        else:
            assert name not in rows
    issues = _log(imported, "AA-AAA-123456789-ABC123")
    assert "point swapped" in issues and "point outside Peru" in issues


def test_names_are_geocoded_with_the_administrative_hint(imported):
    from geo.geocoder import default_geocoder

    rows = {r["as_written"]: r for r in _locations(imported, "XM-DAC-50-10-2019-PE-001")}
    expected = default_geocoder().geocode("Ayabaca", "PE-PIU", "province")
    assert (rows["Ayabaca"]["ubigeo"], rows["Ayabaca"]["precision"]) == (expected.ubigeo, "3")
    assert rows["Huancabamba, Perú"]["place"] == "Huancabamba"
    sullana = default_geocoder().geocode("Sullana", "Piura")  # written department first
    assert (rows["Piura - Sullana"]["place"], rows["Piura - Sullana"]["ubigeo"]) == (
        "Sullana", sullana.ubigeo)
    assert "location name not known" in _log(imported, "XM-DAC-50-10-2019-PE-001")
    assert not any(r["as_written"].startswith("Comunidad") for r in imported.locations)


def test_legacy_coordinates_and_words(imported):
    rows = _locations(imported, "US-GOV-1-527-OLD-1")
    act = _activity("legacy-105.xml", "US-GOV-1-527-OLD-1")
    coords = act.find("location/coordinates")
    assert [(float(r["lat"]), float(r["lon"])) for r in rows] == [
        (float(coords.get("latitude")), float(coords.get("longitude")))]
    assert _row(imported, "US-GOV-1-527-OLD-1")["implementers"] == "Chemonics"


def test_utf16_with_bom_reads_as_utf8(tmp_path):
    text = (FIXTURES / "standard-203-peru.xml").read_text(encoding="utf-8")
    (tmp_path / "a.xml").write_bytes(text.replace("encoding='UTF-8'", "encoding='UTF-16'")
                                     .encode("utf-16"))
    (tmp_path / "b").mkdir()
    shutil.copy(FIXTURES / "standard-203-peru.xml", tmp_path / "b" / "a.xml")
    one, two = paths_to_import([tmp_path / "a.xml"]), paths_to_import([tmp_path / "b"])
    assert one.interventions == two.interventions and one.locations == two.locations


def test_output_is_byte_identical_across_runs(imported):
    assert paths_to_import([FIXTURES]).to_files() == imported.to_files()


# ------------------------------------------------------------ hostile files

HOSTILE_CASES = [
    ("xxe.xml", "DOCTYPE"), ("billion-laughs.xml", "DOCTYPE"), ("truncated.xml", "cut short"),
    ("empty.xml", "is empty"), ("not-xml.xml", "is not XML"), ("not-iati.xml", "<rss>"),
    ("organisation.xml", "organisation file"),
]


@pytest.mark.parametrize("name, words", HOSTILE_CASES)
def test_hostile_files_are_refused_in_one_line(name, words):
    with pytest.raises(DataErrors) as caught:
        paths_to_import([HOSTILE / name])
    (error,) = caught.value.errors
    assert words in error.message and error.row is not None
    assert "\n" not in str(error)


@pytest.mark.parametrize("content, words", [
    (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml xl/workbook.xml", "Excel workbook"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (bytes(range(256)), "binary"),
])
def test_binary_files_are_named(tmp_path, content, words):
    path = tmp_path / "activities.xml"
    path.write_bytes(content)
    with pytest.raises(DataErrors, match=words):
        paths_to_import([path])


def test_doctype_beyond_the_first_bytes_is_refused(tmp_path):
    path = tmp_path / "late.xml"
    path.write_text("<?xml version='1.0'?>\n" + "<!-- padding -->\n" * 5000
                    + (HOSTILE / "billion-laughs.xml").read_text().split("?>", 1)[1])
    with pytest.raises(DataErrors, match="DOCTYPE"):
        paths_to_import([path])


def test_cli_hostile_file_exit_2_one_line_nothing_written(tmp_path):
    out = tmp_path / "out"
    done = run_cli("iati", str(FIXTURES), str(HOSTILE / "xxe.xml"), "--out", str(out))
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    shown = (HOSTILE / "xxe.xml").relative_to(ROOT)  # run_cli works in the checkout
    assert lines[0].startswith(f"{shown}:2: ") and "Traceback" not in done.stderr
    assert len(lines) == 2 and not out.exists()


# ------------------------------------------------------------ command line

def test_cli_writes_the_dataset_that_validates_and_builds(tmp_path):
    out = tmp_path / "imported"
    done = run_cli("iati", str(FIXTURES / "standard-203-peru.xml"), str(FIXTURES), "--out",
                   str(out), "--country", "PE")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 1
    for word in ("files", "activities read", "kept for Peru", "located", "national"):
        assert word in done.stdout
    assert {p.name for p in out.iterdir()} >= {"interventions.csv", "locations.csv",
                                               "iati-log.csv"}
    log = list(csv.DictReader(io.StringIO((out / "iati-log.csv").read_text())))
    assert log and all(e["file"] and e["issue"] for e in log)
    assert run_cli("validate", "--data", str(out)).returncode == 0
    built = run_cli("--data", str(FIXTURES), "--out", str(tmp_path / "maps"), "-q")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "maps" / "index.html").exists()


def test_cli_refuses_another_country(tmp_path):
    done = run_cli("iati", str(FIXTURES), "--out", str(tmp_path / "o"), "--country", "BO")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
    assert "PE" in done.stderr and not (tmp_path / "o").exists()


def test_cli_keeps_a_users_folder_and_file(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_bytes(b"my thesis")
    (tmp_path / "notes.txt").write_text("keep me")
    for out in (folder, tmp_path / "notes.txt"):
        done = run_cli("iati", str(FIXTURES), "--out", str(out))
        assert done.returncode == 2 and "Traceback" not in done.stderr
    assert (folder / "thesis.docx").read_bytes() == b"my thesis"
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]
    assert (tmp_path / "notes.txt").read_text() == "keep me"


def test_validate_reads_iati_directly():
    done = run_cli("validate", "--data", str(FIXTURES))
    assert done.returncode == 0 and "OK" in done.stdout


def test_binary_table_named_in_one_line(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.save(tmp_path / "interventions.csv")
    (tmp_path / "locations.csv").write_text("intervention_id,place\n")
    done = run_cli("validate", "--data", str(tmp_path))
    assert done.returncode == 2
    first = done.stderr.splitlines()[0]
    assert "not a text table" in first and "Excel workbook (.xlsx)" in first
    assert first.isprintable() and len(done.stderr.splitlines()) == 1


@pytest.mark.parametrize("text", [
    "1,500,000.50", "1 500 000.50", "\u00a01500", "1\u00a0500", "1_000", " 12 ", "\t7\n", "1e3",
    "-5", "+5", "0012", "\u0661\u0662\u0663", "nan", "inf", "-Infinity", "1,5", "abc", "", " ",
    "1__0", "1_000,5", ".5", "5.", "1.5e", "\u2003 42 \u2003"])
def test_amount_read_as_thousands_grouped(text):
    """text_to_amount reads a plain number directly and a grouped one without its commas
    and spaces: the same value as removing them first, for any text."""
    from coop.iati_numbers import text_to_amount
    import math

    try:
        expected = float(text.replace(",", "").replace("\u00a0", "").replace(" ", ""))
        expected = expected if math.isfinite(expected) else None
    except ValueError:
        expected = None
    assert text_to_amount(text) == expected


@pytest.mark.parametrize("xml", [
    '<o><narrative>Enabel</narrative></o>',
    '<o><narrative xml:lang="es">  Agencia   belga </narrative></o>',
    '<o><narrative xml:lang="fr">F</narrative><narrative>E</narrative></o>',
    '<o><narrative xml:lang="es">S</narrative><narrative xml:lang="en">E</narrative></o>',
    '<o><narrative> </narrative><narrative xml:lang="es">S</narrative></o>',
    '<o xml:lang="es">  Old\n style </o>', '<o> </o>', '<o/>', '<o><narrative/></o>',
    '<o>own<narrative>child</narrative></o>'])
@pytest.mark.parametrize("lang", ["en", "es", "fr"])
def test_name_is_the_picked_narrative(xml, lang):
    """element_to_name (which skips languages for a lone narrative) picks what
    pick_text picks from all the narratives."""
    from lxml import etree

    from coop.iati_activities import element_to_name, element_to_narratives

    el = etree.fromstring(xml)
    assert element_to_name(el, lang) == pick_text(element_to_narratives(el, lang), lang)
