"""Words around place names: cues to a level or a feature, and the lists the
geoparser's filters use (common words, people, organisations, places abroad).

All words are normalised as :func:`geo.names.normalize_name` gives them.
"""

from __future__ import annotations

# Cue words before a name (normalised, the last words before it) -> level.
CUES_BEFORE: dict[str, str] = {}
for _level, _words in {
    "department": ["region", "region de", "regiones de", "regiones", "departamento de",
                   "departamento", "departamentos de", "departamentos", "department of",
                   "departments of", "region of", "regions of", "gobierno regional de",
                   "gore", "direccion regional de", "hospital regional de",
                   "the region", "regional government of"],
    "province": ["provincia de", "provincia", "provincias de", "province of", "provinces of",
                 "municipalidad provincial de"],
    "district": ["distrito de", "distrito", "distritos de", "district of", "districts of",
                 "municipalidad distrital de"],
    "populated place": ["ciudad de", "city of", "cities of", "town of", "towns of",
                        "village of", "pueblo de", "localidad de", "centro poblado",
                        "caserio", "caserio de", "comunidad de", "comunidad campesina de",
                        "comunidad campesina", "comunidad nativa de", "comunidad nativa",
                        "comunidades de", "comunidades campesinas de", "comunidades nativas de",
                        "caserios de", "centros poblados de",
                        "community of", "capital", "capital city", "ciudades de",
                        "locality of", "localities of", "settlement of", "settlements of",
                        "hamlet of", "hamlets of", "annex of",
                        "c c", "cc nn", "c n", "juntas vecinales de", "junta vecinal",
                        "paraje", "paraje de",
                        "populated center", "populated centre", "population center"],
}.items():
    for _w in _words:
        CUES_BEFORE[_w] = _level
CUES_AFTER: dict[str, str] = {
    "region": "department", "department": "department", "province": "province",
    "district": "district", "city": "populated place", "town": "populated place",
    "village": "populated place",
    # a list before a plural cue: "Cusco, Calca and Urubamba Provinces"
    "regions": "department", "departments": "department", "provinces": "province",
    "districts": "district",
}
CUE_MAX = max(len(k.split()) for k in CUES_BEFORE)

# Feature kinds: Spanish words before the name, English words after (or before).
FEATURE_KINDS: dict[str, tuple[list[str], list[str]]] = {
    "river": (["rio"], ["river"]),
    "valley": (["valle"], ["valley"]),
    "basin": (["cuenca"], ["basin", "river basin", "watershed"]),
    "lake": (["lago", "laguna"], ["lake", "lagoon"]),
    "canyon": (["canon"], ["canyon"]),
    "trail": (["camino"], ["trail"]),
    "road": (["carretera"], ["road", "highway"]),
    "park": (["parque nacional"], ["national park"]),
    "reserve": (["reserva nacional", "reserva comunal", "reserva paisajistica",
                 "reserva de biosfera", "coto de caza", "zona reservada"],
                ["national reserve", "natural reserve", "communal reserve", "landscape reserve",
                 "biosphere reserve", "hunting reserve", "reserved zone", "reserve"]),
    "refuge": (["refugio de vida silvestre"], ["wildlife refuge"]),
    "protection forest": (["bosque de proteccion"], ["protection forest", "protected forest"]),
    "falls": (["catarata", "cataratas"], ["falls", "waterfall"]),
    "sanctuary": (["santuario nacional", "santuario historico"],
                  ["national sanctuary", "historic sanctuary", "historical sanctuary"]),
    "mine": (["mina", "proyecto minero", "yacimiento"], ["mine", "mining project"]),
    "range": (["cordillera"], ["mountain range", "range"]),
    "desert": (["desierto"], ["desert"]),
    "bay": (["bahia"], ["bay"]),
    "island": (["isla"], ["island"]),
    "hill": (["cerro"], ["hill"]),
    "snow peak": (["nevado"], []),
    "gorge": (["quebrada"], ["gorge", "ravine"]),
    "forest": (["bosque"], ["forest", "dry forest"]),
    "aquifer": (["acuifero"], ["aquifer"]),
}
ES_LINKS = ["", "de ", "del ", "de la ", "de los ", "de las "]
EN_LINKS = ["of ", "of the "]
BARE_KINDS = {"mine", "park", "reserve", "sanctuary", "lake", "falls", "refuge",
              "protection forest"}
FEATURE_CUE_WORDS = {w for es, en in FEATURE_KINDS.values() for w in es + en} | {
    "rios", "rivers", "valles", "valleys", "cuencas", "lagos", "lagunas", "lakes", "lagoons"}

# Peru's main rivers that share a unit's name (ANA, Autoridad Nacional del Agua: the
# rivers of its hydrographic units): "the Marañón", "el Huallaga" with an article and no
# unit word is the river, not Marañón province (Huánuco). Not a department's name ("the
# Madre de Dios" is the region as often), nor Manu, Colca or Camisea (a park, a valley, a
# gas field are called so too), nor Pisco.
RIVER_NAMES = {"maranon", "huallaga", "napo", "putumayo", "tigre", "pastaza", "purus",
               "tambopata", "urubamba", "mantaro", "santa", "rimac", "chicama",
               "jequetepeque", "huancabamba", "majes", "ocona", "camana", "canete",
               "chancay", "huaura", "pativilca", "lurin", "locumba", "utcubamba",
               "pachitea", "palcazu", "perene", "inambari", "morona", "yavari", "nepena",
               "moche"}

# Words between a protected area's or a project's name and its kind ("Amarakaeri
# Communal Reserve", "Manu Biosphere Reserve", "Chavimochic Special Project").
AREA_QUALIFIERS = {"national", "communal", "biosphere", "historic", "historical", "landscape",
                   "mangrove", "mangroves", "wildlife", "protection", "hunting", "dry",
                   "cloud", "reserved", "regional", "private", "special", "conservation",
                   "municipal", "protected"}

# Words that join two units naming one place ("X, provincia de Y", "X-Y", "X (Y)").
LINK_WORDS = {"provincia", "province", "departamento", "department", "region", "distrito",
               "district", "de", "del", "of", "the", "la", "en", "in", "y", "and"}
CONNECTORS = {"de", "del", "la", "las", "los", "el", "y", "e", "of", "the", "and", "d"}
COMMUNITY_WORDS = {"comunidad", "comunidades", "caserio", "caserios", "poblado", "poblados",
                    "localidad", "localidades", "pueblo", "pueblos", "town", "towns",
                    "hamlet", "hamlets", "annex", "population", "populated", "locality",
                    "localities", "settlement", "settlements", "annexes",
                    "anexo", "community", "communities", "village", "villages", "sector",
                    "sectores", "asentamiento", "asentamientos", "barrio", "barrios",
                    "junta", "juntas", "paraje", "parajes"}  # "las juntas vecinales de A,
#                                                               B y C": neighbourhoods
PLURAL_CUES = {"comunidades", "caserios", "poblados", "communities", "villages", "juntas",
               "departamentos", "departments", "regiones", "regions", "provincias",
                "provinces", "distritos", "districts", "ciudades", "cities", "towns"}
NOT_NAME_WORDS = {"en", "in", "at", "from", "desde", "hacia", "para", "por", "con", "to",
                   "near", "y", "and", "e", "of", "de", "del", "la", "el", "los", "las",
                   "the", "region", "province", "provincia", "departamento", "department",
                   "distrito", "district", "ciudad", "city", "comunidad", "community",
                   "metropolitan", "greater", "sur", "norte", "south", "north", "east",
                   "west", "este", "oeste", "centro", "central", "alto", "bajo", "upper",
                   "lower", "nuevo", "nueva", "new", "old", "provincial", "regional",
                   "distrital", "municipal", "towards", "between", "entre", "via", "vía",
                   "km", "kms", "msnm"}  # "... de 17 Km. Yuracyacu – Ucrania": a sentence ends
ARTICLES = {"la", "el", "las", "los", "the", "a", "an", "una", "un", "su", "sus", "their",
             "its", "our", "nuestra", "nuestro"}
LIST_WORDS = {"y", "and", "e", "as", "well", "or", "o"}

# First names and titles before a surname that a unit shares (Miguel Grau).
PERSON_BEFORE = {"jose", "simon", "miguel", "ramon", "antonio", "tupac", "general",
                  "mariscal", "almirante", "libertador", "presidente", "president", "don",
                  "dona", "senor", "santo", "saint", "st", "jorge", "juan", "maria",
                  "francisco", "luis", "carlos", "manuel", "pedro", "gran", "coronel",
                  "capitan", "sargento", "inca", "fray", "padre", "beato", "mr", "mrs",
                  "dr", "doctor", "ing", "lic", "prof", "hugo", "ricardo", "cesar",
                  "alberto", "victor", "andres"}
FIRST_NAMES = {"jose", "juan", "manuel", "francisco", "andres", "antonio", "luis", "carlos",
                "pedro", "miguel", "ramon", "simon", "alberto", "victor", "cesar", "jorge",
                "ricardo", "hugo", "daniel", "mariano", "felipe", "alejandro", "enrique",
                "augusto", "fernando", "gregorio", "domingo", "toribio", "hermilio",
                "tupac", "micaela", "gabriel", "rosa", "ana", "isabel", "walker", "juana"}
# Streets, buildings and organisations named directly after a unit (Avenida Grau).
ORG_BEFORE = {"avenida", "av", "jiron", "jr", "calle", "plaza", "pasaje", "malecon",
               "paseo", "colegio", "universidad", "university", "hospital", "clinica",
               "fundacion", "foundation", "consorcio", "consortium", "empresa", "compania",
               "company", "banco", "bank", "club", "escuela", "school", "instituto",
               "institute", "asociacion", "association", "cooperativa", "minera",
               "mining", "hotel", "restaurante", "ie", "iep", "liceo", "estadio",
               "stadium", "teatro", "cine", "grupo", "group", "movimiento", "partido",
               "radio", "diario", "revista", "editorial", "caja", "corporacion",
               "sociedad", "petroleos", "airlines", "airport", "aeropuerto", "mercado",
               "urbanizacion", "urb", "agraria", "catolica", "cientifica", "privada",
               "tecnologica", "nuestra", "senora", "parroquia", "iglesia", "templo",
               "proyecto", "project", "programa", "operation", "operacion", "mineria",
               "prolongacion", "alameda", "ovalo"}
# Peoples that name protected areas ("Asháninka Communal Reserve"): alone, the people or
# their organisation ("la Central Asháninka de Río Ene"), never the area.
PEOPLES = {"ashaninka", "asheninka", "machiguenga", "matsigenka", "yanesha", "yaneshas",
           "matses", "airo pai", "awajun", "wampis", "shipibo", "kukama", "yine", "harakbut",
           "kichwa", "kandozi", "achuar", "urarina", "cacataibo", "kakataibo", "shawi",
           "chayahuita", "ese eja", "candoshi", "chapra", "nomatsigenga", "kakinte",
           "cashinahua", "sharanahua", "amahuaca", "yaminahua", "aguaruna", "huambisa",
           "cocama", "tikuna", "ticuna", "secoya", "maijuna", "iskonawa",
           "mashco piro", "huitoto", "murui", "ocaina", "quechua", "quechuas", "aymara",
           "aymaras", "aimara", "aimaras", "kechwa", "quichua"}
# Words after a unit's name that make it a culture or a people, not the place.
CULTURE_AFTER = {"period", "culture", "civilization", "civilisation", "empire", "style",
                 "ceramics", "pottery", "language", "people", "peoples", "era", "times"}
ORG_AFTER = {"sa", "sac", "saa", "eirl", "srl", "ltd", "ltda", "inc", "corp", "plc",
              "consortium", "company", "group", "airlines", "fc", "club", "university",
              "street", "avenue"}

# Common words, in Spanish or English, that are also unit names: the single-word
# names that wordfreq 3.1 ranks at Zipf >= 3.3 in Spanish or English, reviewed by
# hand (names mostly used for the place itself, as Lima or Cusco, are left out).
COMMON = {"union", "progreso", "libertad", "esperanza", "victoria", "florida", "pampas",
           "mala", "llama", "cuenca", "molino", "independencia", "providencia", "colonia",
           "santa", "trinidad", "rosario", "caja", "belen", "jesus", "maria", "tambo",
           "paz", "porvenir", "primavera", "alianza", "triunfo", "milagro", "mirador",
           "paraiso", "huaca", "quebrada", "pueblo", "chacra", "salud", "sol", "oro",
           "plata", "cruz", "carmen", "pacifico", "capital", "nueva", "vista", "encuentro",
           "central", "unidad", "amistad", "justicia", "comercio", "lucha", "fortaleza",
           "manantial", "bolsa", "colca", "lives", "toma", "constitucion", "marca", "tanta",
           "copa", "marco", "vice", "arma", "alegria", "suyo", "morales", "castilla",
           "marcas", "concepcion", "palo", "alerta", "soledad", "bolivar", "ate", "sauce",
           "salas", "toro", "tomas", "canta", "supe", "mito", "maya", "mato", "tigre",
           "navarro", "banos", "tinta", "salvacion", "maravillas", "chupa", "recta",
           "magdalena", "frias", "crucero", "pausa", "compania", "montero", "laberinto",
           "andas", "hongos", "zapatero", "roque", "ingenio", "mosca", "manta", "levanto",
           "lagunas", "lomas", "tate", "molinos", "polvora", "calzada", "mayas", "mangas",
           "caldera", "mejia", "moro", "bernal", "roble", "mara", "jardin", "concordia",
           "borja", "barranco", "circa", "chao", "coronado", "moya", "fatima", "paras",
           "canas", "vinas", "huertas", "corrales", "lares", "ascension", "pena", "punta",
           "arena", "cuesta", "pared", "banda", "pareja", "curva", "capilla", "joya",
           "matanza", "raya", "perla", "pampa", "morada", "esmeralda", "pradera", "merced",
           "sucre", "grau", "ricardo palma", "la mar", "el sol", "el oro", "la union",
           "la victoria", "la esperanza", "la cruz", "el alto", "la banda", "la punta",
           "la arena", "la pena", "el carmen", "el milagro", "el porvenir", "el rosario",
           "la primavera", "la florida", "la joya", "la perla", "la pampa", "la merced",
           "dos de mayo", "nueve de julio", "tres de diciembre", "mi peru", "nueva vida",
           "ciudad nueva", "pueblo nuevo", "buena vista", "pueblo libre", "casa grande",
           "el verde", "el prado", "el ingenio", "el descanso", "la capilla", "la cuesta"}
# World-known names abroad that Peruvian units also bear: they need a cue or their
# department nearby.
ABROAD = {"asia", "indiana", "iberia", "islandia", "ucrania", "bretana", "venecia",
           "habana", "montevideo", "granada", "salamanca", "puerto rico", "costa rica",
           "los angeles", "buenos aires", "mendoza", "cochabamba", "laredo", "shelby",
           "florida", "el alto", "canaria", "cordova", "santa fe", "nueva york", "paris",
           "roma", "londres", "berlin", "belgica", "jerusalen", "monte israel", "israel",
           "egipto", "palestina", "holanda", "america", "europa", "san salvador",
           "santo domingo", "santiago de chile", "la paz", "oruro", "potosi", "tarija",
           "guayaquil", "quito", "bogota", "caracas", "panama", "mexico", "san jose",
           "valparaiso", "santa cruz de la sierra", "sucre", "cuenca", "loja", "leticia",
           "manaus", "tabatinga", "arica", "iquique", "trinidad", "colonia", "rosario",
           "cordoba", "concepcion", "cono sur"}  # Lima Sur, and South America's Southern Cone
# Surnames of heroes that name units: a bare one needs a cue or its department nearby.
PERSON_NAMES = {"condorcanqui", "micaela bastidas", "grau", "bolivar", "castilla", "sucre",
                "tupac amaru", "bolognesi",
                 "cáceres", "caceres", "mariscal caceres", "ugarte", "pardo", "prado",
                 "leguia", "raimondi", "olaya", "quinones", "san roman", "vallejo",
                 "mariategui", "arguedas", "basadre", "palma", "heredia", "ramon castilla",
                 "sanchez cerro", "awajun",
                 "mariscal ramon castilla", "mariscal caceres", "almirante grau"}
# Peruvian names that are better known abroad: dropped near a foreign country.
FOREIGN_HOMONYMS = {"la paz", "cochabamba", "santiago", "concepcion", "santa cruz",
                     "sucre", "potosi", "oruro", "tarija", "valparaiso", "cuenca", "loja",
                     "leticia", "arica", "trinidad", "cordoba", "mendoza", "rosario",
                     "san juan", "florida", "victoria", "santa fe", "san jose", "colonia",
                     "belen", "san pedro", "independencia", "guadalupe", "bolivar",
                     "san antonio", "paris", "roma", "huacho"}
FOREIGN = {"bolivia", "bolivian", "boliviano", "boliviana", "chile", "chilean", "chileno",
            "chilena", "ecuador", "ecuadorian", "ecuatoriano", "ecuatoriana", "colombia",
            "colombian", "colombiano", "colombiana", "brasil", "brazil", "brazilian",
            "brasileno", "brasilena", "argentina", "argentine", "argentino", "paraguay",
            "uruguay", "venezuela", "mexico", "espana", "spain", "usa", "eeuu",
            "cuba", "honduras", "guatemala", "panama", "costa rica", "nicaragua",
            "el salvador", "filipinas", "philippines", "texas", "california",
            "united states", "estados unidos", "belgium", "belgica", "france", "francia",
            "italia", "italy", "portugal"}
# Phrases that contain unit names but never name a place in Peru.
PERSON_UNITS = ["san martin", "bolivar", "grau", "castilla", "sucre", "tupac amaru"]
NOT_PLACES = ["jose de san martin", "don jose de san martin", "simon bolivar",
               "jose francisco de san martin", "general san martin", "libertador san martin",
               "general jose de san martin", "libertador simon bolivar", "almirante miguel grau",
               "presidente castilla", "general sucre",
               "miguel grau", "almirante grau", "ramon castilla", "mariscal ramon castilla",
               "antonio jose de sucre", "mariscal sucre", "jose galvez", "francisco bolognesi",
               "tupac amaru ii", "santiago de chile", "la paz bolivia", "santa cruz de la sierra",
               "concepcion chile", "san jose de costa rica", "san juan de puerto rico",
               "peruvian amazon", "amazonia peruana", "selva central", "sur andino",
               "high andes", "northern coast", "costa norte", "southern andes", "andes sur",
               "sierra central", "sierra sur", "sierra norte", "amazon basin",
               "amazon river", "rio amazonas", "cuenca amazonica", "cuenca del amazonas",
               "amazonas river", "amazonas basin", "leticia pact", "pacto de leticia",
               "universidad de san martin de porres", "universidad san martin de porres",
               "san martin de porres university", "grupo de lima", "lima group",
               "lima declaration", "declaracion de lima", "lima agreement", "lima call",
               "conferencia de lima", "cop20 lima", "lima convention", "lima syndrome",
               "lima bean", "lima beans", "mala praxis", "florida state",
               "victoria university", "lake victoria", "santa claus", "santa sede",
               "jesus maria y jose", "virgen maria", "maria auxiliadora",
               "san martin de tours", "santa rosa de lima", "ley de la libertad",
               "la libertad de expresion", "libertad de expresion", "la union europea",
               "union europea", "european union", "libertad de prensa",
               "la libertad de prensa", "libertad de culto", "libertad de reunion",
               "libertad de pensamiento", "libertad sindical", "la esperanza de vida",
               "esperanza de vida", "mala calidad", "la mala", "cuenca alta",
               "cuenca baja", "cuenca media", "tres cuencas",
               # regions abroad written with an article that Peru's units lack
               "la rioja"]

# The sectors of Peru's executive, named after their ministries (PCM's list of sectors):
# "el sector Vivienda", "the Health sector" are no neighbourhoods.
GOVERNMENT_SECTORS = {"vivienda", "salud", "educacion", "agricultura", "agrario", "transportes",
                      "comunicaciones", "energia", "mineria", "produccion", "trabajo",
                      "turismo", "comercio", "ambiente", "cultura", "justicia", "interior",
                      "defensa", "economia", "mujer", "inclusion", "desarrollo",
                      "relaciones", "saneamiento", "agua", "pesca", "pesquero", "privado",
                      "publico", "health", "education", "agriculture", "housing",
                      "transport", "energy", "mining", "water", "sanitation", "private",
                      "public"}

UNLISTED_CUES = {"comunidad", "comunidades", "paraje", "parajes", "caserio", "caserios",
                  "private", "regional", "municipal", "concesion",  # conservation areas
                  "acuifero",
                  "centro", "centros",
                  "localidad", "localidades", "pueblo", "pueblos", "town", "towns", "hamlet",
                  "hamlets", "locality", "localities", "settlement", "settlements", "annex",
                  "annexes",
                  "urbanizacion", "urbanizaciones", "urbanization", "urbanizations", "sectors",
                  "anexo", "anexos", "sector", "sectores", "community", "communities",
                  "village", "villages", "rio", "rios", "laguna", "lagunas", "quebrada",
                  "quebradas", "nevado", "nevados", "valle", "valles", "distrito", "provincia",
                  "cerro", "cerros", "isla", "islas", "bahia", "lago", "lagos", "volcan",
                  "reserva", "parque", "santuario", "bosque", "refugio", "coto", "zona",
                  "asentamiento", "asentamientos", "barrio", "barrios", "canal", "reservorio",
                  "represa", "bocatoma", "embalse", "presa", "represas", "reservorios",
                  "embalses", "canales", "bocatomas", "presas", "sistema", "proyecto", "hacienda",
                  "haciendas", "reservas", "puente", "puentes", "rivers", "microcuenca",
                  "microcuencas", "subcuenca", "subcuencas"}
UNLISTED_AFTER_CUES = {"community", "village", "river", "valley", "district", "province",
                        "town", "sector", "basin", "watershed", "canyon", "desert", "bay",
                        "island", "volcano",
                        "lagoon", "hill", "forest", "reserve", "sanctuary", "refuge", "park",
                        "area", "conservancy",  # "the X Regional Conservation Area"
                        "aquifer",
                        "project", "dam", "reservoir", "annex", "hamlet", "intake", "bridge",
                        "population", "populated"}  # "the Chanca Population Center"
# Cues that introduce a named feature (a river, a hill), not a settlement.
FEATURE_UNLISTED = {"rio", "rios", "laguna", "lagunas", "quebrada", "quebradas", "nevado",
                     "nevados", "valle", "valles", "cerro", "cerros", "isla", "islas", "bahia",
                     "lago", "lagos", "river", "valley", "basin", "watershed", "canyon",
                     "desert", "bay", "island", "lagoon", "hill", "forest", "bridge", "rivers",
                     "puente", "microcuenca", "microcuencas", "subcuenca", "subcuencas",
                     "area", "conservancy", "aquifer", "acuifero"}
# Capitalised words before "district", "province"... that are not a place's name.
NOT_UNLISTED = {"federal", "capital", "school", "health", "central", "northern", "southern",
                 "eastern", "western", "electoral", "judicial", "fiscal", "police", "military",
                 "business", "financial", "historic", "metropolitan", "congressional",
                 "this", "that", "each", "every", "which", "whole", "same", "other", "rural",
                 "urban", "new", "old", "mining", "coastal", "border", "amazon", "andean",
                 "peruvian", "highland", "lowland", "jungle", "upper", "lower", "world",
                 # features abroad or vague, before a feature's word (Atacama Desert)
                 "pacific", "atlantic", "caribbean", "atacama", "sahara", "galapagos",
                 "easter", "grand", "black", "capitol", "tropical", "amazonian", "cloud",
                 "rain", "dry", "great", "sacred", "royal", "national", "protected",
                 # what kind of community, not its name ("the Indigenous community")
                 "indigenous", "native", "peasant", "farming", "local", "campesina",
                 "nativa", "indigena", "quechua", "aymara", "ashaninka", "awajun",
                 "shipibo", "machiguenga", "matsigenka", "kichwa", "kukama", "small",
                 "remote", "poor", "beneficiary", "partner", "host", "target", "pilot"}
# The country itself and the words for it: never a place the text names in Peru.
COUNTRY_NAMES = {"peru", "el peru", "republica del peru", "republic of peru", "peruvian",
                  "peruana", "peruano", "southern peru", "northern peru", "central peru"}
# Titles of nobility before "de X": the Marqués de Oropesa is a man.
TITLES = {"marques", "marquesa", "conde", "condesa", "duque", "duquesa", "vizconde",
          "baron", "baronesa", "marquis", "count", "duke",
          # saints' and virgins' titles: the Virgen de Guadalupe is no place
          "virgen", "senora", "santisima", "santisimo", "virgin", "lady"}
# Capitalised words that open a sentence and never continue a place's name: a caption
# without a full stop ("... near Pampachiri Many of the lessons ...") ends before them.
SENTENCE_OPENERS = {"many", "most", "some", "for", "this", "these", "those", "there", "they",
                     "we", "our", "it", "its", "he", "she", "his", "her", "after", "before",
                     "during", "when", "while", "since", "however", "also", "one", "both",
                     "each", "all", "with", "here", "today", "then", "is", "was", "are",
                     "were", "has", "have", "had", "se", "para", "por", "con", "durante",
                     "cuando", "muchos", "muchas", "segun", "estos", "estas", "ademas",
                     "tambien", "hoy", "aqui", "es", "fue", "son", "han", "ha"}
# Words that open a sentence or a clause, never a place's name ("Yesterday, in X district").
DISCOURSE_WORDS = SENTENCE_OPENERS | {
    "yesterday", "today", "tomorrow", "meanwhile", "finally", "additionally", "moreover",
    "furthermore", "likewise", "however", "therefore", "thus", "besides", "recently",
    "currently", "similarly", "later", "earlier", "first", "second", "third", "next",
    "instead", "nevertheless", "nonetheless", "overall", "now", "previously", "subsequently",
    "ayer", "manana", "asimismo", "finalmente", "igualmente", "posteriormente",
    "actualmente", "recientemente", "luego", "entonces", "despues", "antes", "primero",
    "segundo", "tercero", "mientras", "sin", "no", "si", "asi", "ahora", "anteriormente",
    "adicionalmente", "paralelamente", "seguidamente", "inicialmente", "the", "el", "la",
    "los", "las", "en", "in", "a", "an", "y", "and"}
MONTHS = {"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "setiembre", "octubre", "noviembre", "diciembre", "january",
           "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december", "lunes", "martes", "miercoles", "jueves",
           "viernes", "sabado", "domingo", "monday", "tuesday", "wednesday", "thursday",
           "friday", "saturday", "sunday"}
# First words of capitalised phrases in a list that are not a place's name.
# The words for a unit, alone or abbreviated, that a list may hold where a unit's name
# should be: "Distrito de Parcona, Provincia y Dpto. de Ica" names Parcona and Ica only.
UNIT_WORDS = {"provincia", "province", "prov", "departamento", "department", "dpto", "dep",
              "depto", "distrito", "district", "dist", "region", "regiones", "regions",
              "provincias", "provinces", "distritos", "districts", "departamentos",
              "departments"}
NOT_LIST_ITEMS = {"afluentes", "ministerio", "ministry", "gobierno", "government", "municipalidad",
                   "municipality", "direccion", "programa", "proyecto", "fondo", "fund",
                   "oficina", "office", "agencia", "agency", "red", "centro", "center",
                   "centre", "puesto", "posta", "hospital", "colegio", "institucion",
                   "federacion", "federation", "organizacion", "organization", "comite",
                   "committee", "mesa", "plan", "ley", "law", "senor", "sr", "sra", "dr",
                   "ing", "lic", "mr", "mrs", "ms", "apu", "don", "dona",
                   "mas", "muy", "mayor", "menor", "mejor",  # "RESERVORIO MÁS GRANDE"
                   "galeria", "galerias", "plataforma", "plataformas", "planta", "plantas",
                   "obra", "obras", "sistema", "sistemas",  # works, not the place they are in
                   # a project page's headings: "Community Description", "Project Location"
                   "description", "location", "background", "overview", "summary", "profile"}
# Words one edit away from a unit name (geo.typos) that are no misspelling of it: places
# abroad, people, regions. Found among wordfreq 3.1's 100,000 most frequent Spanish and
# English words, reviewed by hand; common words are kept out by needing a capital, a
# position inside a sentence, and the unit's department nearby.
NOT_TYPOS = {"managua", "catamarca", "caracas", "maracay", "antalya", "jamaica", "sichuan",
              "caritas", "ucrania", "bolivia", "polonia", "bolonia", "londres", "curacao", "tarija",
              "guayana", "haryana", "cordoba", "talamanca", "kuantan", "parthia", "pachuca",
              "barinas", "manacor", "lepanto", "chagall", "saramago", "romario", "marconi",
              "santayana", "cochran", "corcoran", "jumanji", "slimani", "pichai", "chipman",
              "maryann", "mariano", "amazonia", "amazona", "amazons", "amazon s",
              "conception", "constitution", "chinchon", "jumilla", "massena", "olaechea",
              "oropeza", "raimondo", "villarrica", "rionegro", "samarra", "florian",
              "florinda", "natalya", "juliana", "luciana", "honorio", "colonial", "imperials",
              "canarias", "bolognese", "santamaria", "santacruz", "sanjuan", "sanmartin",
              "santodomingo", "casagrande", "eldorado", "galleria", "attache", "caraballo",
              "santillan", "cantillana", "antillana", "maturana", "monteiro", "montejo",
              "mancera", "marcano", "sabatino", "sabino", "amancio", "cubillo", "chirino",
              "cuervo", "corales", "moraes", "madalena", "maddalena", "magdalen",
              "magdalene", "magdaleno", "catania", "caruana", "canaima", "sanchis",
              "cabanellas", "campanella", "gandara", "quechuas", "chavin", "chibcha",
              "chukchi", "huayna", "chiquita", "cantuta", "antartica"}

# Spanish adjectives of a department's people ("la provincia loretana de Alto Amazonas",
# "comunidades ayacuchanas"): evidence of that department in their sentence and paragraph.
DEMONYMS: dict[str, str] = {}
for _department, _stems in {
    "Amazonas": ["amazonense"], "Áncash": ["ancashin"], "Apurímac": ["apurimen"],
    "Arequipa": ["arequipen"], "Ayacucho": ["ayacuchan"], "Cajamarca": ["cajamarquin"],
    "Callao": ["chalac"], "Cusco": ["cusquen", "cuzquen"], "Huancavelica": ["huancavelican"],
    "Huánuco": ["huanuquen"], "Ica": ["iquen"], "La Libertad": ["liberten"],
    "Lambayeque": ["lambayecan"], "Lima": ["limen"], "Loreto": ["loretan"],
    "Madre de Dios": ["madrediosense"], "Moquegua": ["moqueguan"], "Pasco": ["pasquen"],
    "Piura": ["piuran"], "Puno": ["punen"], "San Martín": ["sanmartinense"],
    "Tacna": ["tacnen"], "Tumbes": ["tumbesin"], "Ucayali": ["ucayalin"],
}.items():
    for _stem in _stems:
        for _ending in (["", "s"] if _stem.endswith("e") else ["o", "a", "os", "as"]):
            DEMONYMS[_stem + _ending] = _department

