"""Geoparser rules for unseen texts (issue #10): layout, lists, appositions, feature
heads, typos, homonyms. Small made-up sentences; the department each mention must
resolve to is looked up in the gazetteer, not taken from the parser."""

from __future__ import annotations

import pytest

from geo.gazetteer import load_gazetteer
from geo.geoparser import parse_places
from geo.names import normalize_name


def _department(name: str) -> str:
    found = [p for p in load_gazetteer().lookup(normalize_name(name)) if p.level == "department"]
    assert found, name
    return found[0].department


def _found(text: str) -> dict[str, str]:
    return {m.mention: m.department_code for m in parse_places(text)}


# (rule, text, mention as written, department it must resolve to)
POSITIVES = [
    ("caps line", "INFORME FINAL\n\nPERÚ CUSCO URUBAMBA YUCAY\n\nEl proyecto trabajó con familias.",
     "YUCAY", "Cusco"),
    ("caps line", "INFORME FINAL\n\nPERÚ CUSCO URUBAMBA YUCAY\n\nEl proyecto trabajó con familias.",
     "URUBAMBA", "Cusco"),
    ("caps line", "El proyecto en cifras.\n\nDESARROLLO INTEGRAL DE YUCAY A TRAVÉS DEL TURISMO\n",
     "YUCAY", "Cusco"),
    ("caption", "The new school near Pampachiri Many families walk two hours to it.",
     "Pampachiri", "Apurímac"),
    ("caption", "Canal restored at Pampachiri For most families water is scarce.",
     "Pampachiri", "Apurímac"),
]

# (rule, text, word that must not be reported)
NEGATIVES = [
    ("acronym in mixed case", "Las Plataformas Itinerantes (YUCAY) llegan a Loreto.", "YUCAY"),
    ("inside a longer name", "El secretario general, Walker San Miguel, habló en Lima.",
     "San Miguel"),
    ("person after a caption", "Photo: Micaela Bastidas Puyucahua in 1760.", "Micaela Bastidas"),
    ("common word in capitals", "LA UNIÓN HACE LA FUERZA EN CUSCO", "UNIÓN"),
]


@pytest.mark.parametrize(("rule", "text", "mention", "department"), POSITIVES,
                         ids=[f"{p[0]}:{p[2]}" for p in POSITIVES])
def test_finds_and_resolves(rule: str, text: str, mention: str, department: str) -> None:
    found = _found(text)
    assert mention in found, f"{rule}: {mention!r} not found in {text!r}: {found}"
    assert found[mention] == _department(department)


@pytest.mark.parametrize(("rule", "text", "word"), NEGATIVES,
                         ids=[f"{n[0]}:{n[2]}" for n in NEGATIVES])
def test_does_not_report(rule: str, text: str, word: str) -> None:
    start = text.index(word)
    spans = [(m.start, m.end, m.mention) for m in parse_places(text)]
    assert not [s for s in spans if s[0] < start + len(word) and start < s[1]], (rule, spans)
