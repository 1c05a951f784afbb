"""The catalogues: the same keys in every language, every key the code uses exists,
the page script holds no words, and a Spanish build writes Spanish."""

from __future__ import annotations

import csv
import io
import re
import string
from pathlib import Path

import pytest
from babel import Locale
from conftest import ROOT, run_cli

from coop.model import Intervention
from coop.validation import load_dataset
from coop.values import PartialDate
from coop.vocabulary import REACH, SCOPES, STATUSES, THEMES
from geo.gazetteer import PRECISION_LABELS
from geo.names import LEVELS
from maps.gallery import SECTIONS
from maps.i18n import LANGUAGES, Translator, catalogue_to_keys, load_catalogue

CODE = [*sorted((ROOT / "maps").glob("*.py")), ROOT / "build_maps.py"]
SCRIPT = ROOT / "maps" / "static" / "coopmap.js"
VOCABULARIES = {"theme": THEMES, "status": STATUSES, "scope": SCOPES, "level": LEVELS,
                "precision": [str(k) for k in PRECISION_LABELS], "reach": list(REACH)}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _entries(lang: str) -> dict[str, object]:
    return {f"{s}.{k}": v for s, entries in load_catalogue(lang).items() for k, v in entries.items()}


@pytest.mark.parametrize(("lang", "other"), [("en", "es"), ("es", "en")])
def test_no_key_is_missing_in_a_language(lang: str, other: str) -> None:
    missing = catalogue_to_keys(load_catalogue(other)) - catalogue_to_keys(load_catalogue(lang))
    assert missing == set(), f"{lang}.toml lacks {sorted(missing)}"


@pytest.mark.parametrize("key", sorted(_entries("en")))
def test_every_key_has_the_same_shape_and_fields_in_both(key: str) -> None:
    en, es = _entries("en")[key], _entries("es")[key]
    assert type(en) is type(es)
    if isinstance(en, dict):
        assert set(en) == set(es) == {"one", "other"}
        pairs = [(en[f], es[f]) for f in en]
    else:
        pairs = [(en, es)]
    for a, b in pairs:
        assert _fields(a) == _fields(b), key
        assert b.strip() and a.strip()


def _keys_in_code() -> set[str]:
    keys = set()
    for path in CODE:
        keys |= set(re.findall(r"""\.t\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""", path.read_text()))
        keys |= set(re.findall(r"""tr\.t\(\s*\n?\s*["']([a-z_]+\.[a-z_0-9]+)["']""",
                               path.read_text()))
    return keys


def test_the_code_uses_catalogue_keys() -> None:
    keys = _keys_in_code()
    assert len(keys) > 40  # the scan finds the keys (it would pass empty otherwise)
    for lang in LANGUAGES:
        assert keys - catalogue_to_keys(load_catalogue(lang)) == set()
    for kind in SECTIONS:  # gallery headings are looked up as gallery.KIND
        assert f"gallery.{kind}" in catalogue_to_keys(load_catalogue("en"))


@pytest.mark.parametrize("section", sorted(VOCABULARIES))
def test_every_vocabulary_word_is_in_every_catalogue(section: str) -> None:
    for lang in LANGUAGES:
        assert set(load_catalogue(lang)[section]) == set(VOCABULARIES[section]), (lang, section)


def test_every_word_the_page_script_asks_for_exists() -> None:
    js = SCRIPT.read_text(encoding="utf-8")
    used = set(re.findall(r'word\("(\w+)"', js)) | set(re.findall(r'plural\([^;]*?, "(\w+)"\)', js))
    assert {"legend", "layers", "interventions", "more"} <= used
    for lang in LANGUAGES:
        assert used - set(Translator(lang).script_words()) == set(), lang


def test_the_page_script_holds_no_english_text() -> None:
    js = SCRIPT.read_text(encoding="utf-8")
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", js, flags=re.S)
    code = re.sub(r"/\[[^\]\n]*\]/g", "", code)  # a regex's character class may hold a quote
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', code)
    words = {v for k, v in _entries("en").items() if k.startswith("script.") and isinstance(v, str)}
    words |= {w for k, v in _entries("en").items() if isinstance(v, dict) for w in v.values()}
    codes = {*SCOPES, "none"}  # compared with data, or a CSS value: not shown
    assert [s for s in literals
            if s not in codes and (s in words or re.search(r"[A-Za-z]+ [a-z]+ [a-z]+", s))] == []


@pytest.mark.parametrize(("lang", "babel"), [("en", "en"), ("es", "es_PE")])
def test_numbers_money_and_dates_follow_the_locale(lang: str, babel: str) -> None:
    tr = Translator(lang)
    locale = Locale.parse(babel)
    group = locale.number_symbols["latn"]["group"] if "latn" in locale.number_symbols else (
        locale.number_symbols["group"])
    assert tr.number(1234567) == f"1{group}234{group}567"
    june = locale.months["format"]["abbreviated"][6]
    assert june in tr.date(PartialDate(2019, 6)) and "2019" in tr.date(PartialDate(2019, 6))
    assert tr.date(PartialDate(2019)) == "2019"
    money = tr.money(57_000_000, "EUR")
    assert f"57{group}000{group}000" in money and ("€" in money or "EUR" in money)
    assert "." not in money.replace(group, "") or group == "."
    assert tr.money(1500, "") == tr.number(1500)


def test_plurals_and_fallbacks() -> None:
    en, es = Translator("en"), Translator("es")
    assert en.t("count.interventions", count=1) == "1 intervention"
    assert es.t("count.interventions", count=1) != es.t("count.interventions", count=2)
    item = Intervention("X", "Main title", ("F",), "G", ("health",), "ongoing", "national", "s",
                        description="About", title_es="Título", start=PartialDate(2010))
    bare = Intervention("Y", "Only title", ("F",), "G", ("health",), "ongoing", "national", "s",
                        description="About")
    assert (en.title(item), es.title(item), es.title(bare)) == ("Main title", "Título", "Only title")
    assert es.description(item) == "About"
    assert en.period(item).endswith("2010") and es.period(item).endswith("2010")
    assert en.period(item) != es.period(item)
    assert es.term("theme", "health") != "health" and es.term("theme", "not a theme") == "not a theme"


def test_every_bundled_intervention_has_a_spanish_title() -> None:
    dataset = load_dataset()
    assert all(i.title_es and i.title_es != i.title for i in dataset.interventions)


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("es") / "output"
    result = run_cli("--out", str(out), "--lang", "es")
    assert result.returncode == 0, result.stderr
    return out


def test_a_spanish_build_is_spanish(spanish: Path) -> None:
    pages = sorted(spanish.glob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert '<html lang="es">' in page.read_text(encoding="utf-8"), page.name
    header = next(csv.reader(io.StringIO((spanish / "matrix.csv").read_bytes().decode("utf-8-sig"))))
    es = load_catalogue("es")["matrix"]
    assert header[:2] == [es["csv_funder"], es["csv_funder_group"]]
    assert header[-2:] == [es["national"], es["csv_interventions"]]
    gallery = (spanish / "index.html").read_text(encoding="utf-8")
    title = load_dataset().info.title_es
    assert title and load_catalogue("es")["gallery"]["heading"].format(title=title) in gallery
    for item in load_dataset().interventions[:3]:
        assert item.title_es in (spanish / "overview.html").read_text(encoding="utf-8")
