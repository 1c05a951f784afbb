"""Geoparser rules, one parametrized case per rule: what is found, where, and what is not."""

from __future__ import annotations

import pytest
from conftest import department_code, found_departments

from geo.cues import ABROAD
from geo.gazetteer import load_gazetteer
from geo.geoparser import Mention, default_geoparser, parse_places
from geo.names import normalize_name
from geo.paths import COMMON_WORDS_FILE, ENGLISH_WORDS_FILE, GIVEN_NAMES_FILE

# (text, mention as written, department it must resolve to)
POSITIVES = [
    ("Trabajamos en la región Cajamarca con productores.", "Cajamarca", "Cajamarca"),
    ("The project covers the Cajamarca region.", "Cajamarca", "Cajamarca"),
    ("EL PROYECTO SE EJECUTA EN CAJAMARCA Y PUNO.", "CAJAMARCA", "Cajamarca"),
    ("EL PROYECTO SE EJECUTA EN CAJAMARCA Y PUNO.", "PUNO", "Puno"),
    ("Visitamos Junin y Apurimac sin tildes.", "Junin", "Junín"),
    ("Visitamos Junin y Apurimac sin tildes.", "Apurimac", "Apurímac"),
    ("Talleres en Cúsco y en Iquítos.", "Iquítos", "Loreto"),
    ("Tourism in Cuzco keeps growing.", "Cuzco", "Cusco"),
    ("A project with the Universidad Nacional de Trujilo.", "Trujilo", "La Libertad"),
    ("Rural microenterprise in Paicapampa.", "Paicapampa", "Piura"),
    ("Camelids in the province of Canchis-Cusco.", "Canchis", "Cusco"),
    ("Camelids in the province of Canchis-Cusco.", "Cusco", "Cusco"),
    ("Comas (Concepción) recibió semillas.", "Comas", "Junín"),
    ("El distrito de Comas, provincia de Lima, tiene un nuevo hospital.", "Comas", "Lima"),
    ("En el distrito de Santiago, provincia de Ica, se instaló un pozo.", "Santiago", "Ica"),
    ("La oficina está en Lima Metropolitana.", "Lima Metropolitana", "Lima"),
    ("The historical center of Callao was restored.", "Callao", "Callao"),
    ("Schools in Amazonas and Loreto received computers.", "Amazonas", "Amazonas"),
    ("Tourist activity in the Colca Canyon.", "Colca Canyon", "Arequipa"),
    ("Irrigation in the valley of the Chira.", "valley of the Chira", "Piura"),
    ("Proposal for the management of the inca trail.", "inca trail", "Cusco"),
    ("Convenio con el Gobierno Regional de Piura.", "Piura", "Piura"),
    ("Médicos del Hospital Regional de Loreto.", "Loreto", "Loreto"),
    ("Con la Universidad Nacional de Cajamarca.", "Cajamarca", "Cajamarca"),
    ("Researchers from UNSAAC and UNAP met.", "UNSAAC", "Cusco"),
    ("Researchers from UNSAAC and UNAP met.", "UNAP", "Loreto"),
    ("A partnership with UNALM since 2010.", "UNALM", "Lima"),
    ("Malaria research at UPCH.", "UPCH", "Lima"),
    ("The SI project with the UNT in the north.", "UNT", "La Libertad"),
    ("El Hospital de Mala atiende a pescadores de la provincia de Cañete.", "Mala", "Lima"),
    ("Las familias del distrito de Llama, provincia de Chota, mejoraron sus cultivos.", "Llama",
     "Cajamarca"),
    ("Trabajamos en la provincia de Grau, Apurímac.", "Grau", "Apurímac"),
    ("Los departamentos de Ancash, Junín y Puno.", "Puno", "Puno"),
    ("In the departments of Ancash, Arequipa, Piura and Lima.", "Lima", "Lima"),
    ("Productores de San Martín venden cacao.", "San Martín", "San Martín"),
    ("La ciudad de Iquitos y la carretera a Nauta.", "Iquitos", "Loreto"),
    ("Alpaca breeders in Puno, near Lake Titicaca.", "Lake Titicaca", "Puno"),
    ("Turismo en Machu Picchu.", "Machu Picchu", "Cusco"),
    ("En Iquitos el Amazonas creció; los ríos de Loreto se desbordan.", "Amazonas", "Loreto"),
    ("En Pucallpa, Ucayali, llueve. En Iquitos, Loreto, el río Ucayali creció.", "Ucayali",
     "Ucayali"),
    ("Our visit to the Chuicuni community, in Apurímac, and to Challhuahuacho.", "Chuicuni",
     "Apurímac"),
    ("In Tacna, families of Ayapampa Chica district planted trees.", "Ayapampa Chica",
     "Tacna"),
    ("En Tacna, el distrito de Ayapampa Chica sembró árboles.", "Ayapampa Chica", "Tacna"),
    ("Las minas de Cuajone y Toquepala contaminan el agua.", "Toquepala", "Tacna"),
    ("EL PROYECTO EN LA UNIÓN (AREQUIPA)", "LA UNIÓN", "Arequipa"),
    ("Concepción, Junín, recibió semillas.", "Concepción", "Junín"),
    ("Trabajamos en Grau, Apurímac.", "Grau", "Apurímac"),
    ("Trasvase del Rio Huancabamba al Rio Piura.", "Rio Huancabamba", "Piura"),
    ("En Tacna, la comunidad campesina de Ayapampa Chica recibió semillas.",
     "Ayapampa Chica", "Tacna"),
    ("El BAP Pastaza llegó a la región Loreto y a la comunidad de Ayapampa Chica.",
     "Ayapampa Chica", "Loreto"),
    ("Project title: Iquitos Sewerage Improvement and Expansion Project", "Iquitos", "Loreto"),
    ("The Ferreñafe Irrigation Project reached 300 farmers.", "Ferreñafe", "Lambayeque"),
    ("El jefe de la Unidad Territorial Puno de FONCODES visitó Yunguyo.", "Puno", "Puno"),
    ("El coordinador del Núcleo Ejecutor Ihuarí, ingeniero Zárate, habló.", "Ihuarí", "Lima"),
    ("Las obras del Proyecto Especial Tacna (PET) avanzan.", "Proyecto Especial Tacna",
     "Tacna"),
    ("We work in Bello Horizonte (Villa El Salvador District) and others.", "Bello Horizonte",
     "Lima"),
    ("Water Project in La Libertad\n\nCommunity Description\nThe families live there.",
     "La Libertad", "La Libertad"),
    ("Durante la visita a Huaral recorrieron las localidades de Acotama, Chipcho, Dos de Mayo, "
     "Quipatama, Añampay, Huaycho, Otec, Huachinga, Ñaupay y Quinquera.", "Dos de Mayo", "Lima"),
]


@pytest.mark.parametrize(("text", "mention", "department"), POSITIVES)
def test_finds_and_resolves(text: str, mention: str, department: str) -> None:
    found = found_departments(text)
    assert mention in found, f"{mention!r} not found in {text!r}: {found}"
    assert found[mention] == department_code(department)


# (text, words that must not be reported as a place)
NEGATIVES = [
    ("José de San Martín proclamó la independencia.", "San Martín"),
    ("The statue of Simón Bolívar stands in the square.", "Bolívar"),
    ("El almirante Miguel Grau murió en Angamos.", "Grau"),
    ("Our office is on Avenida Grau, near the market.", "Grau"),
    ("Ramón Castilla abolished slavery.", "Castilla"),
    ("Estudiantes de la Universidad San Martín de Porres.", "San Martín de Porres"),
    ("La unión de las comunidades hace la fuerza.", "unión"),
    ("El progreso de las familias es notable.", "progreso"),
    ("La esperanza de vida aumentó en la sierra.", "esperanza"),
    ("Una llama y dos alpacas por familia.", "llama"),
    ("La cuenca alta del río tiene pocas lluvias.", "cuenca"),
    ("A mala gestión, malos resultados.", "mala"),
    ("Cuenca del Mantaro y otras cuencas.", "Cuenca"),
    ("Independencia. Ese fue el lema de la marcha.", "Independencia"),
    ("Our partners in La Paz and Cochabamba, Bolivia, joined.", "Cochabamba"),
    ("The meeting took place in Santiago, Chile.", "Santiago"),
    ("Visitamos Concepción, en Chile, y Mendoza, en Argentina.", "Concepción"),
    ("The high Andes and the Peruvian Amazon are vulnerable.", "Amazon"),
    ("Trabajamos en la selva central y el sur andino.", "selva central"),
    ("Fishing on the Amazon river near the border.", "Amazon"),
    ("Navegamos por el río Amazonas hasta el amanecer.", "Amazonas"),
    ("José de San Martín llegó en 1820. San Martín proclamó la independencia.",
     "San Martín p"),
    ("Peru is a country with huge inequalities.", "Peru"),
    ("The Leticia Pact for the Amazon was signed.", "Leticia"),
    ("Minera Yanacocha S.A. anunció despidos.", "Yanacocha"),
    ("La florida tarde del domingo.", "florida"),
    ("La obra va de la Av. Tacna al Jr. Las Balsas, en Huancayo.", "Tacna"),
    ("La obra va de la Av. Tacna al Jr. Las Balsas, en Huancayo.", "Balsas"),
    ("El secretario general, Walker San Miguel, habló en Lima.", "San Miguel"),
    ("El BAP Pastaza atendió a la región Loreto.", "Pastaza"),
    ("Las Plataformas Itinerantes (PIAS) llegan a Loreto.", "PIAS"),
    ("The Marañón valley between Chachapoyas and Celendín, Amazonas.", "Marañón"),
    ("Túpac Amaru was defeated in 1781 and executed.", "Túpac Amaru"),
    ("Se casó con Micaela Bastidas Puyucahua en 1760.", "Micaela Bastidas"),
    ("Llama la atención la cifra.", "Llama"),
    ("Pidió el título de Marqués de Oropesa en 1770.", "Oropesa"),
    ("LA UNIÓN HACE LA FUERZA", "UNIÓN"),
    ("In Tacna, the Federal District of Mexico sent doctors.", "Federal District"),
    ("Gobierno de Chile: la provincia de Ayapampa Chica recibió ayuda.", "Ayapampa Chica"),
    ("Food Security And Agriculture In The Florida Keys", "Florida"),
    ("PERUAP (Peru Apurimac Project) Supporting community projects in Peru", "Supporting"),
    ("They work with indigenous Quechua and Aymara communities in Puno.", "Quechua"),
    ("They work with indigenous Quechua and Aymara communities in Puno.", "Aymara"),
    ("The Apurímac, Ene and Mantaro Rivers Valley lies in Cusco, Apurímac and Junín.",
     "Apurímac"),
    ('"We sell scarves in Puno." Elsa Huanca\n\nIn 2008, 15 women met.', "Huanca"),
    ("Los presidentes de Huanuara, Josué Ángel Ríos Calizaya; y de Quilahuani, en Tacna.",
     "Calizaya"),
    ("Defensas en el valle de Huaura – Sayán, Zoraida Sáenz Marín, presidenta, habló.",
     "Zoraida Sáenz Marín"),
    ("La coordinadora del proyecto de Cáritas del Perú habló en Tumbes.", "Cáritas"),
    ("Loggers enter the ancestral territories of the Kechwa-Lamas in San Martín.", "Lamas"),
    ("Project Name: Peru P163023 Integrated Forest Landscape Management Project in Atalaya",
     "Integrated"),
    ("Water and Sanitation Project – Peru\n\nLocation\nSector Laguna, Chiclin, La Libertad, "
     "Peru\n\nCommunity Description\nSector Laguna is a marginalized sector.", "Description"),
    ("Water and Sanitation Project – Peru\n\nLocation\nSector Laguna, Chiclin, La Libertad, "
     "Peru\n\nCommunity Description\nSector Laguna is a marginalized sector.", "Peru"),
]


@pytest.mark.parametrize(("text", "word"), NEGATIVES)
def test_does_not_report(text: str, word: str) -> None:
    start = text.index(word)
    spans = [(m.start, m.end, m.mention) for m in parse_places(text)]
    assert not [s for s in spans if s[0] < start + len(word) and start < s[1]], spans


TEXTS = [p[0] for p in POSITIVES] + [n[0] for n in NEGATIVES] + [
    "Proyecto en ÁNCASH, Huánuco y\n\nLa  Libertad; también en Lima-Callao.",
    "Universidad Nacional de la Amazonía Peruana (UNAP) en Iquitos.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_exact_ordered_and_disjoint(text: str) -> None:
    mentions = parse_places(text)
    end = -1
    for m in mentions:
        assert text[m.start:m.end] == m.mention
        assert m.start >= end
        end = m.end
        assert 0 < m.confidence <= 1


def test_decomposed_accents_keep_offsets() -> None:
    import unicodedata
    text = unicodedata.normalize("NFD", "Talleres en Junín y Apurímac.")
    found = parse_places(text)
    assert [m.department_code for m in found] == [department_code("Junín"), department_code("Apurímac")]
    assert all(text[m.start:m.end] == m.mention for m in found)


def test_line_breaks_inside_a_name_keep_offsets() -> None:
    text = "Proyecto en La\n\nLibertad y Madre de  Dios."
    found = parse_places(text)
    assert [m.mention for m in found] == ["La\n\nLibertad", "Madre de  Dios"]
    assert [m.department_code for m in found] == [department_code("La Libertad"),
                                                  department_code("Madre de Dios")]


@pytest.mark.parametrize(("text", "level", "ubigeo"), [
    ("Vivimos en Lima, la capital.", "province", "1501"),
    ("A head count of Lima households.", "province", "1501"),
    ("La oficina está en Lima Metropolitana.", "province", "1501"),
    ("Intervenimos en el departamento de Lima.", "department", "15"),
    ("Training in the province of Barranca.", "province", None),
    ("Talleres en la provincia de Caylloma.", "province", None),
    ("Ayacucho Region\n\nLima", "province", "1501"),
    ("Proyecto en la región de Puno.", "department", None),
])
def test_level_from_cue(text: str, level: str, ubigeo: str | None) -> None:
    found = [m for m in parse_places(text)]
    assert found and found[-1].level == level
    if ubigeo:
        assert found[-1].ubigeo == ubigeo


def test_confidence_orders_evidence() -> None:
    unambiguous = _found_one("Trabajamos en Huancavelica.", "Huancavelica")
    linked = _found_one("El distrito de Comas, provincia de Concepción.", "Comas")
    default = _found_one("Trabajamos en Comas.", "Comas")
    assert unambiguous.confidence > linked.confidence > default.confidence


def _found_one(text: str, mention: str) -> Mention:
    found = [m for m in parse_places(text) if m.mention == mention]
    assert len(found) == 1, parse_places(text)
    return found[0]


def test_mention_fields_as_the_geocoder_gives_them() -> None:
    from geo.geocoder import geocode
    m = _found_one("Talleres en Huancavelica.", "Huancavelica")
    g = geocode("Huancavelica")
    assert (m.name, m.level, m.ubigeo, m.department, m.department_code, m.lat, m.lon,
            m.precision) == (g.name, g.level, g.ubigeo, g.department, g.department_code,
                             g.lat, g.lon, g.precision)


def test_default_geoparser_is_built_once() -> None:
    assert default_geoparser() is default_geoparser()


def test_empty_and_placeless_text() -> None:
    assert parse_places("") == []
    assert parse_places("Nothing to see here, only words.") == []


def test_a_lone_district_far_from_the_documents_departments_is_dropped() -> None:
    text = ("El programa trabaja en Junín: Huancayo, Concepción y Jauja, provincias de Junín. "
            "También en Tarma, Junín. Se compró maquinaria en Cojata.")
    assert "Cojata" not in found_departments(text)
    assert found_departments("Se compró maquinaria en Cojata.")["Cojata"] == department_code("Puno")
    assert found_departments(text)["Tarma"] == department_code("Junín")


def test_every_institution_has_a_seat_and_a_source() -> None:
    from geo.geoparser import read_institutions
    parser = default_geoparser()
    rows = read_institutions()
    names = [normalize_name(r["name"]) for r in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert row["source"].startswith("https://"), row
        seat = parser._seat(row)
        assert seat is not None and seat.department == row["department"], row


@pytest.mark.parametrize("row", __import__("geo.geoparser", fromlist=["x"]).read_institutions(),
                         ids=lambda r: r["name"])
def test_an_institution_is_found_as_its_seat(row: dict[str, str]) -> None:
    text = f"Un convenio con {row['name']} se firmó ayer."
    found = parse_places(text)
    assert [m.department_code for m in found] == [row["department"]]


FEATURES = sorted({(p.name, p.department) for p in load_gazetteer().places
                   if p.level == "feature"})
MULTI_DEPARTMENT = {name for name, _ in FEATURES if sum(n == name for n, _ in FEATURES) > 1}
HOMONYMS = {name for name, _ in FEATURES  # "Cono Norte": Lima's, and a village of Arequipa
            if len({p.department for p in load_gazetteer().places if p.name == name}) > 1}


@pytest.mark.parametrize(("name", "department"), FEATURES, ids=[f"{n}:{d}" for n, d in FEATURES])
def test_a_reviewed_feature_is_found_in_its_department(name: str, department: str) -> None:
    found = parse_places(f"Trabajamos cerca de {name} desde 2019.")
    if normalize_name(name) in ABROAD or name in HOMONYMS:
        # "Cono Sur" (Lima Sur, and South America's), a road through several departments
        # ("Interoceanic Highway"): only beside its department
        if name not in HOMONYMS - MULTI_DEPARTMENT:  # a place's homonym: the default rule
            assert not found, found
        written = default_geoparser().geocoder.departments[department]
        found = parse_places(f"Trabajamos cerca de {name}, en {written}, desde 2019.")[:1]
    assert [m.department_code for m in found] == [department], found


# Names no gazetteer holds, introduced by a cue that opens a list (or listed after a
# locative word, their parent unit after them): every item is reported at the department
# its sentence names (made-up village names, so no table can hold them).
UNLISTED_LISTS = [
    ("Trabajamos con las comunidades de Qorimarka, Tullpuni y Hatun Wasi, en Puno.",
     ["Qorimarka", "Tullpuni", "Hatun Wasi"], "Puno"),
    ("Villages of Chaqllani, Urpimayo and Kusiwasi in the department of Cusco joined.",
     ["Chaqllani", "Urpimayo", "Kusiwasi"], "Cusco"),
    ("Los caseríos Pukakancha y Sumaqpata, en la región Cajamarca, recibieron semillas.",
     ["Pukakancha", "Sumaqpata"], "Cajamarca"),
    ("In Pisco we work in a neighborhood outside of town called ‘Ayrampu Loma’.",
     ["Ayrampu Loma"], "Ica"),
    ("Breeders from Ayrampu, Kantu and Ichhu Loma from the Ocongate district joined.",
     ["Ayrampu", "Kantu", "Ichhu Loma"], "Cusco"),
    ("Trabajamos en Ayrampu, Kantu y Ichhu Loma, en el distrito de Pomacanchi.",
     ["Ayrampu", "Kantu", "Ichhu Loma"], "Cusco"),
]


@pytest.mark.parametrize(("text", "names", "department"), UNLISTED_LISTS)
def test_a_list_after_a_plural_cue_is_read_to_its_end(text: str, names: list[str],
                                                      department: str) -> None:
    found = found_departments(text)
    for name in names:
        assert found.get(name) == department_code(department), (name, found)


def test_a_list_stops_at_a_lowercase_word() -> None:
    found = found_departments("Las comunidades de Qorimarka y Tullpuni, en Puno, y Ministerio de Salud.")
    assert "Ministerio de Salud" not in found and "Ministerio" not in found


def _small_places() -> list[dict[str, str]]:
    import csv

    from geo.paths import SMALL_PLACES_FILE
    with SMALL_PLACES_FILE.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_small_places_are_new_names_in_their_district() -> None:
    rows = _small_places()
    assert rows
    gazetteer = load_gazetteer()
    districts = {p.ubigeo: p for p in gazetteer.places if p.level == "district"}
    for row in rows:
        assert not gazetteer.lookup(row["name"]), row["name"]  # not already a place
        assert row["ubigeo"] in districts and row["department"] == row["ubigeo"][:2]
        assert row["source"] and row["note"]


def test_given_names_are_folded_sorted_and_name_no_place() -> None:
    names = GIVEN_NAMES_FILE.read_text(encoding="utf-8").split()
    assert len(names) > 1000 and names == sorted(set(names))
    gazetteer = load_gazetteer()
    small = {normalize_name(row["name"]).replace(" ", "") for row in _small_places()}
    for name in names:
        assert name == normalize_name(name).replace(" ", ""), name
        assert not gazetteer.lookup(name) and name not in small, name
    assert {"elsa", "zoraida", "josue"} <= set(names)
    assert not {"santiago", "belen", "concepcion"} & set(names)


def test_common_words_are_folded_sorted_and_name_no_place() -> None:
    words = COMMON_WORDS_FILE.read_text(encoding="utf-8").split()
    assert len(words) > 10000 and words == sorted(set(words))
    gazetteer = load_gazetteer()
    small = {normalize_name(row["name"]).replace(" ", "") for row in _small_places()}
    given = set(GIVEN_NAMES_FILE.read_text(encoding="utf-8").split())
    for word in words:
        assert word == normalize_name(word).replace(" ", ""), word
        assert not gazetteer.lookup(word) and word not in small and word not in given, word
    assert {"educacion", "cultura", "health", "agriculture"} <= set(words)
    assert not {"progreso", "esperanza", "lima", "ginebra"} & set(words)
    english = ENGLISH_WORDS_FILE.read_text(encoding="utf-8").split()
    assert english == sorted(set(english)) and set(english) <= set(words)
    assert {"water", "sanitation", "development", "unit"} <= set(english)
    assert not {"social", "local", "canal", "santa", "buenos"} & set(english)


@pytest.mark.parametrize("row", _small_places()[::7], ids=lambda r: r["name"])
def test_a_small_place_needs_its_department_nearby(row: dict[str, str]) -> None:
    district = next(p for p in load_gazetteer().places
                    if p.level == "district" and p.ubigeo == row["ubigeo"])
    department = next(p.name for p in load_gazetteer().places
                      if p.level == "department" and p.department == row["department"])
    alone = found_departments(f"Una visita a {row['name']} en abril.")
    assert row["name"] not in alone
    near = found_departments(f"Una visita a {row['name']}, en el distrito de {district.name}, "
                  f"departamento de {department}.")
    assert near.get(row["name"]) == row["department"]


def test_a_known_name_in_a_list_of_villages_takes_the_sentences_department() -> None:
    # "San Andrés" is a district of Ica; here it is a community listed in Loreto
    text = "Las brigadas atendieron a las comunidades de Sargento Lores y San Andrés, en Loreto."
    found = found_departments(text)
    assert found["San Andrés"] == found["Sargento Lores"] == department_code("Loreto")


@pytest.mark.parametrize(("text", "street", "place"), [
    ("Obras en los jirones Arica, Jorge Chávez y Huamachuco, distrito de Pilcomayo, Junín.",
     "Huamachuco", "Pilcomayo"),
    ("Las calles Lima y Cusco, en Juliaca, fueron asfaltadas.", "Cusco", "Juliaca"),
])
def test_a_list_of_streets_names_no_place(text: str, street: str, place: str) -> None:
    found = found_departments(text)
    assert street not in found and place in found


def test_streets_of_a_town_are_the_town() -> None:
    assert "Puno" in found_departments("Las calles de Puno y Juliaca se inundaron.")


def test_a_lake_in_a_text_about_abroad_is_not_reported() -> None:
    assert not found_departments("Bolivia purifica la cuenca del lago Titicaca para Huatajata.")
    assert "lago Titicaca" in found_departments("El lago Titicaca, en Puno, es compartido con Bolivia.")


def test_a_quoted_name_after_or_before_its_cue() -> None:
    text = "Sus tierras están en el sector de “Wayra Pampa”, en el “Ccollpa” sector, Puno."
    found = found_departments(text)
    assert found.get("Wayra Pampa") == found.get("Ccollpa") == department_code("Puno")


def test_a_full_stop_ends_a_proper_name() -> None:
    # "Arequipa. Trujillo" is two sentences, not one name; "Av. Grau" is a street
    assert {"Arequipa", "Trujillo"} <= set(found_departments("Visitamos Arequipa. Trujillo es grande."))
    assert "Grau" not in found_departments("Vive en la Av. Grau, en Lima.")


def test_freedom_of_the_press_is_no_department() -> None:
    assert "La Libertad" not in found_departments("La Libertad de prensa fue tema en Arequipa.")
