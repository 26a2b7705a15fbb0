"""Word lists the recogniser reads: what is not a place, who is a person, what makes a region.

The long lists live in ``data/geoparse/*.txt`` (one entry a line, ``#`` comments) so analysts can read and
extend them; the short closed classes (prepositions, titles, region words) are here.
"""

from __future__ import annotations

from functools import lru_cache
from geomap.resources import DATA as RESOURCES

DATA = RESOURCES / "geoparse"

# Words that turn the name before them into a first-level region: "Kherson region", "Donetsk Oblast".
REGION_FOLLOWERS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "governorate", "krai", "kray",
                    "state", "oblast’", "oblast'", "prefecture", "voivodeship", "republic", "republics"}
# Lower-case words after a name that make it a second-level unit ("Kupiansk raion"), matched only where an added
# GeoNames dump gave the index such units.
UNIT_FOLLOWERS = {"raion", "rayon", "district", "hromada"}
# Verbs after a name that make it a state speaking or acting ("Russia says", "Moscow launches missiles on ..."),
# which tells nothing of where the events are. Only active forms: "Kharkiv shelled", "Kyiv hit by" are places.
STATE_VERBS = {"says", "said", "claims", "claimed", "accuses", "accused", "denies", "denied", "warns", "warned",
               "announces", "announced", "insists", "insisted", "confirms", "confirmed", "tells", "told", "reports",
               "threatens", "demands", "vows", "urges", "blames", "launches", "strikes", "attacks", "shells",
               "pounds", "bombs", "fires", "captures", "seizes", "takes", "sends", "deploys"}
# Past forms that are a state acting only with an object after them: "Ukraine attacked Novorossiysk", but
# "Kharkiv attacked by drones" is a place.
STATE_PAST_VERBS = {"attacked", "struck", "shelled", "bombed", "launched", "captured", "seized"}
# Nouns after a state's name that make it the state acting through its people ("U.S. President Donald Trump's
# special envoy", "US officials", "the head of U.S. diplomacy"): no sign of where the events are, as a state's verb
# is none. The side nouns of data/geoparse/side_nouns.txt count too ("US troops").
STATE_ROLE_NOUNS = {"president", "president's", "vice", "officials", "official", "envoy", "envoys", "diplomacy",
                    "diplomat", "diplomats", "secretary", "ambassador", "embassy", "government", "government's",
                    "administration", "senator", "senators", "lawmakers", "congress", "intelligence", "leader",
                    "leaders", "prime", "foreign", "delegation", "negotiators", "special", "authorities"}
# Compass adjectives that may stand before the names of a list ("Rivne and Lutsk, western Khmelnytskyi, and
# southern Kirovohrad oblasts").
COMPASS_ADJECTIVES = frozenset({"northern", "southern", "eastern", "western", "central", "northeastern",
                                "northwestern", "southeastern", "southwestern", "north-eastern", "north-western",
                                "south-eastern", "south-western"})
# Words after a unit's adjective ("Bilopilska hromada", "Olkhovatsky districts"): the unit is its centre town's.
UNIT_WORDS = {"raion", "raions", "rayon", "district", "districts", "hromada", "hromadas", "community", "communities"}
# ...and the ones before it: "the region of Kharkiv", "the province of Quebec".
REGION_LEADERS = {"region", "province", "oblast", "governorate", "state", "prefecture", "county"}
# Words after a possessive name that make it a saint's building ("St. Michael's Cathedral"), no place; a town's
# hospital or school stays the town's ("Kharkiv's Hospital No. 4").
NAMED_BUILDING_WORDS = {"cathedral", "church", "monastery", "basilica", "chapel", "abbey"}
# A name before these is a street, square or park named after the place, even in a Title Case caption
# ("Shelling of Gorky Park, Kharkiv": the park in Kharkiv, not Gorky, now Nizhny Novgorod).
STREET_WORDS = {"park", "square", "street", "st", "avenue", "boulevard", "prospekt", "prospect", "lane"}
# Words after a name that make it a longer proper name but leave it a place reference.
ALLOWED_FOLLOWERS = {"mayor", "governor", "gov", "president", "premier", "prime", "minister", "ministers",
                     "officials", "authorities", "residents", "people", "people’s", "people's", "peoples", "oblast",
                     "region", "province", "state", "city", "town", "village", "district", "area", "valley", "county",
                     "island", "islands", "river", "sea", "bay", "lake", "mountains", "coast", "peninsula", "strait",
                     "airport", "port", "harbour", "harbor", "plant", "dam", "bridge",
                     # the place's own public bodies: "California Department of Public Health", "Kyiv Police"
                     "department", "ministry", "government", "police", "legislature", "senate", "assembly",
                     "parliament", "council", "attorney", "health", "emergency", "emergencies", "administration",
                     "military",
                     # a caption's date: "Protests occurring at polling stations in Minsk Feb. 27"
                     "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
                     "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december",
                     # a date after the name: "in Balintawak, Quezon City Wednesday evening", "Kyiv Monday"
                     "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
# Lower-case words after a name that make it the name of something else: "Marburg virus".
NAMED_AFTER_PLACE = {"virus", "ebolavirus", "fever", "flu", "syndrome", "disease", "strain", "variant",
                     "hemorrhagic", "haemorrhagic"}
# Words right before a name that make it a ship's name: "the flagship Moskva", "the frigate Admiral Makarov".
VESSELS = {"flagship", "cruiser", "warship", "frigate", "corvette", "destroyer", "submarine", "ship", "vessel",
           "tanker", "freighter", "icebreaker", "trawler"}
# Capitalised words before "of" that make "of X" part of an organisation's name, not a place mention.
ORGANISATION_OF = {"corporation", "corp", "company", "co", "bank", "voice", "inc"}
# Words before a name that say a person's name follows ("President Putin", "Mr Saldo").
TITLES = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "president", "minister", "senator", "sen",
          "rep", "gen", "general", "colonel", "col", "captain", "capt", "sgt", "lt", "major", "king", "queen",
          "prince", "princess", "pope", "father", "rev", "reverend", "judge", "justice", "chancellor", "commander",
          "spokesman", "spokeswoman", "spokesperson", "professor", "prof", "mayor", "governor", "deputy", "chief",
          "secretary", "ambassador", "bishop", "sheikh", "emir", "ayatollah", "patriarch", "coach", "striker",
          "midfielder", "defender", "goalkeeper", "journalist", "correspondent", "editor", "author", "actor",
          "actress", "singer", "director", "premier", "chairman", "chairwoman", "head", "leader"}
# Capitalised words before a name that qualify it and keep it a place ("Southern California", "Central Luzon").
QUALIFIERS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "upper",
              "lower", "greater", "inner", "outer", "northeastern", "northwestern", "southeastern", "southwestern",
              "north-eastern", "north-western", "south-eastern", "south-western", "mid", "new", "old", "occupied",
              "liberated", "downtown", "metropolitan", "rural", "coastal", "suburban", "ukrainian-held",
              "russian-held", "russian-occupied"}
# Lower-case words that may stand inside a multi-word name ("Sea of Azov", "Bosnia and Herzegovina").
CONNECTORS = {"of", "and", "de", "del", "la", "le", "les", "du", "da", "do", "dos", "das", "di", "upon", "on",
              "am", "an", "im", "sur", "en", "al", "el", "es", "ul", "ar", "bin", "ibn", "van", "von", "der", "den",
              "y", "i", "the"}
# Abbreviated first words of place names, written with a full stop: "St. Louis", "Mt. Vernon", "Ft. Worth".
ABBREVIATED_NAME_WORDS = {"st", "ste", "mt", "ft", "pt"}
# Words before a name that make it a place ("the city of X", "near X", "outskirts of X").
PLACE_CUES = {"in", "near", "at", "from", "to", "into", "outside", "around", "across", "towards", "toward",
              "through", "via", "of", "outskirts", "city", "town", "village", "capital", "port", "province",
              "region", "between", "north", "south", "east", "west", "northeast", "northwest", "southeast",
              "southwest", "inside", "within", "throughout", "visited", "visit", "entered", "liberated", "captured",
              "shelled", "struck", "hit", "attacked", "occupied"}


def _read_list(name: str) -> frozenset[str]:
    path = DATA / name
    if not path.exists():
        return frozenset()
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return frozenset(entries)


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Capitalised words that are not places on their own, though a town somewhere bears the name."""
    return _read_list("not_places.txt")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Given names that are also town names: 'Vladimir' before 'Putin' is a person."""
    return _read_list("given_names.txt")


@lru_cache(maxsize=1)
def side_nouns() -> frozenset[str]:
    """'troops', 'missiles': after a demonym they name a side of a war ("Russian troops"), not a country."""
    return _read_list("side_nouns.txt")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """'Ukrainian' -> 'UA': adjectives of nationality, evidence of what a document is about, never mentions."""
    from geomap.gazetteer.sources import country_demonyms

    table = dict(country_demonyms())
    for line in _read_list("demonyms.txt"):
        word, _, code = line.partition(",")
        if word:
            table[word.strip()] = code.strip()
    return table


@lru_cache(maxsize=1)
def facilities() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Facility phrases by their first word, lower case, longest first: 'university' -> (('university',),);
    'national' -> (('national', 'university'),). From ``data/geoparse/facilities.csv``."""
    import csv

    path = DATA / "facilities.csv"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(line for line in handle if not line.startswith("#"))][1:]
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for row in rows:
        words = tuple(row[0].lower().split()) if row and row[0].strip() else ()
        if words:
            phrases.setdefault(words[0], []).append(words)
    return {first: tuple(sorted(set(found), key=lambda w: (-len(w), w))) for first, found in phrases.items()}
