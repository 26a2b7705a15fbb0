"""Incident typing and placing on 2022-style war reporting written for these tests (not the seeds' wording).

Each sentence names what happened and where; the expected point is where that place really is (town centres,
plants, bridges and bases from Wikipedia / GeoNames coordinates). An event of the expected type must be placed
within 10 km of it. Sentences that name places but report no incident must yield no event.
"""

from __future__ import annotations

import pytest

from geomap.events import extract_events
from geomap.model import Article
from tests.conftest import haversine_km

# (sentence, type, (lat, lon) of where it happened)
REPORTS = [
    ("Russian forces shelled the centre of Kharkiv overnight, damaging a school and several apartment blocks, "
     "the regional governor said.", "strikes", (49.993, 36.231)),
    ("Ukrainian troops recaptured the strategic town of Lyman in Donetsk region on Saturday after Russian forces "
     "withdrew.", "front_line", (48.989, 37.802)),
    ("A Russian missile struck a crowded shopping centre in Kremenchuk, killing at least 18 people.", "strikes",
     (49.066, 33.420)),
    ("Explosions rocked the Saky air base in Crimea, destroying several Russian warplanes.", "strikes",
     (45.093, 33.595)),
    ("Iranian-made Shahed drones hit energy facilities in Kyiv on Monday morning, leaving parts of the capital "
     "without power.", "strikes", (50.450, 30.524)),
    ("Iranian-made Shahed drones hit energy facilities in Kyiv on Monday morning, leaving parts of the capital "
     "without power.", "infrastructure", (50.450, 30.524)),
    ("HIMARS strikes damaged the Antonivskyi Bridge across the Dnipro near Kherson, cutting a key Russian supply "
     "route.", "infrastructure", (46.671, 32.713)),
    ("A truck bomb exploded on the Crimean Bridge on Saturday, setting fuel tanks ablaze and collapsing part of "
     "the road span.", "infrastructure", (45.306, 36.506)),
    ("Bodies of civilians with their hands tied were found in Bucha after Russian troops withdrew from the town.",
     "civilians", (50.550, 30.217)),
    ("Ukrainian investigators exhumed hundreds of bodies from a mass burial site in a forest near Izium.",
     "civilians", (49.210, 37.257)),
    ("Thousands of residents were evacuated from Mariupol through a humanitarian corridor to Zaporizhzhia.",
     "civilians", (47.097, 37.543)),
    ("Russian forces captured Severodonetsk after weeks of street fighting.", "front_line", (48.948, 38.487)),
    ("Heavy fighting continued around Bakhmut, where Wagner mercenaries have launched repeated assaults.",
     "front_line", (48.595, 38.000)),
    ("The last Ukrainian defenders of the Azovstal steel plant in Mariupol surrendered after an 82-day siege.",
     "front_line", (47.098, 37.606)),
    ("Russian troops encircled Chernihiv in March, cutting off the city's water and power supplies.", "front_line",
     (51.494, 31.294)),
    ("Russian troops encircled Chernihiv in March, cutting off the city's water and power supplies.",
     "infrastructure", (51.494, 31.294)),
    ("A drone attack on the Black Sea Fleet headquarters in Sevastopol wounded six people, the Russian-installed "
     "governor said.", "strikes", (44.617, 33.525)),
    ("Rocket fire hit residential areas of Mykolaiv, killing two civilians and wounding five.", "strikes",
     (46.975, 31.995)),
    ("Rocket fire hit residential areas of Mykolaiv, killing two civilians and wounding five.", "civilians",
     (46.975, 31.995)),
    ("The Zaporizhzhia nuclear power plant switched to emergency diesel generators after its last external power "
     "line was cut by shelling.", "infrastructure", (47.512, 34.586)),
    ("Rolling blackouts were introduced in Odesa after Russian strikes knocked out two substations.",
     "infrastructure", (46.482, 30.723)),
    ("Russian-installed officials staged a referendum on joining Russia in the occupied city of Melitopol.",
     "political", (46.849, 35.365)),
    ("European Union leaders agreed a sixth package of sanctions against Russia at a summit in Brussels.",
     "political", (50.847, 4.357)),
    ("Protesters rallied in St Petersburg against the mobilisation, and police detained dozens of people.",
     "protests", (59.939, 30.316)),
    ("Unknown attackers threw Molotov cocktails at a military enlistment office in Nizhny Novgorod overnight.",
     "protests", (56.327, 44.006)),
    ("A gunman opened fire at a military enlistment office in Ust-Ilimsk, seriously wounding the local draft "
     "commissioner.", "protests", (58.000, 102.661)),
    ("Ukrainian forces liberated Kherson on 11 November after Russian troops retreated across the Dnipro river.",
     "front_line", (46.636, 32.617)),
    ("Russia withdrew its troops from Snake Island in the Black Sea in what it called a goodwill gesture.",
     "front_line", (45.255, 30.204)),
    ("Two Russian missiles hit the railway station in Kramatorsk as civilians waited to be evacuated, killing "
     "more than 50 people.", "strikes", (48.723, 37.556)),
    ("The drama theatre in Mariupol, where hundreds of civilians were sheltering, was destroyed by a Russian air "
     "strike.", "strikes", (47.097, 37.543)),
    ("A fire broke out at an oil depot in Belgorod after two Ukrainian helicopters struck it, the regional "
     "governor said.", "strikes", (50.596, 36.588)),
    ("Russian troops seized the Chernobyl nuclear power plant on the first day of the invasion.", "front_line",
     (51.389, 30.099)),
    ("Ukraine said its forces had struck an ammunition depot in the Russian-controlled city of Nova Kakhovka with "
     "HIMARS.", "strikes", (46.755, 33.374)),
    ("Lithuania restricted rail transit of sanctioned goods to the Russian exclave of Kaliningrad.", "political",
     (54.710, 20.511)),
    ("Hundreds of anti-war protesters were detained in Moscow on Wednesday, according to OVD-Info.", "protests",
     (55.756, 37.617)),
    ("Ukrainian forces repelled a Russian assault near Avdiivka, the general staff said.", "front_line",
     (48.139, 37.743)),
    ("Retreating Russian forces blew up a bridge over the Siverskyi Donets near Izium.", "infrastructure",
     (49.210, 37.257)),
    ("Turkey hosted peace talks between Russian and Ukrainian delegations in Istanbul.", "political",
     (41.008, 28.978)),
    ("Ukrainian officials said Russian forces had deported thousands of children from Mariupol to Russia.",
     "civilians", (47.097, 37.543)),
    ("Residents who fled Melitopol described torture in basements used by Russian soldiers.", "civilians",
     (46.849, 35.365)),
    ("A Russian cruise missile struck a military airfield near Vinnytsia, destroying several aircraft.", "strikes",
     (49.233, 28.468)),
    ("Ukrainian troops crossed the Oskil river and advanced toward Kupiansk.", "front_line", (49.711, 37.615)),
    ("Kamikaze drones struck the port of Odesa hours after the grain deal was signed in Istanbul.", "strikes",
     (46.494, 30.745)),
    ("Russian shelling of Nikopol, across the reservoir from the Zaporizhzhia plant, killed three people.",
     "strikes", (47.567, 34.395)),
    ("Ukrainian police said 440 bodies had been found in a mass grave in a forest outside Izium.", "civilians",
     (49.210, 37.257)),
    ("Ukraine's military said it had pushed Russian forces back from Kharkiv toward the border.", "front_line",
     (49.993, 36.231)),
    ("The Kakhovka dam was damaged by HIMARS strikes, Russian-installed officials in Nova Kakhovka said.",
     "infrastructure", (46.778, 33.371)),
    ("A Russian strike on an apartment building in Dnipro killed dozens of residents.", "strikes",
     (48.467, 35.040)),
    ("On 5 October 2022, Russian forces shelled Nikopol city and Marhanets (Nikopol raion, Dnipropetrovsk). "
     "No casualties were reported.", "strikes", (47.628, 34.626)),  # Marhanets: a list of places, one event each
    ("Around 24 February 2022, Ukrainian forces clashed with Russian forces near Hostomel airport (Bucha raion, "
     "Kyiv).", "front_line", (50.567, 30.265)),
    ("On 30 September 2022, Russian forces struck a humanitarian convoy with missiles in Zaporizhzhia city, "
     "killing 30 civilians.", "strikes", (47.838, 35.139)),
    ("On 10 October 2022, Russian forces launched missile strikes on energy infrastructure in Lviv city, causing "
     "power outages.", "infrastructure", (49.842, 24.032)),
    ("On 25 September 2022, residents of Makhachkala (Dagestan) protested against mobilization and clashed with "
     "police.", "protests", (42.984, 47.504)),
    ("On 26 September 2022, an unidentified man set fire to a military enlistment office in Uryupinsk "
     "(Volgograd).", "protests", (50.800, 42.005)),
    ("On 8 October 2022, an explosion damaged the Kerch bridge connecting Crimea to Russia.", "infrastructure",
     (45.306, 36.506)),
    ("Russian occupation forces abducted the mayor of Melitopol, Ivan Fedorov, according to Ukrainian officials.",
     "civilians", (46.849, 35.365)),
    ("Air defences shot down 12 Iranian-made drones over Kyiv region overnight, but one struck a critical "
     "infrastructure facility in Bila Tserkva.", "strikes", (49.797, 30.116)),
    ("Hundreds of women protested in Yakutsk against the mobilisation of their husbands and sons.", "protests",
     (62.035, 129.675)),
    ("Russia and Ukraine carried out a prisoner exchange near Zaporizhzhia, returning 215 fighters.", "political",
     (47.838, 35.139)),
]

# Places, but no incident.
QUIET = [
    "Kharkiv is Ukraine's second-largest city, about 30 km from the Russian border.",
    # disease and disaster deaths are no incidents of the conflict
    "Cholera killed 60 people in Kisumu, the health ministry said.",
    "Floods killed 12 people in Karachi on Tuesday.",
    "Before the war, Ukraine had four nuclear power plants in operation.",
    "Journalists' access to the front line near Bakhmut is limited.",
    "The governor of Odesa region gave an interview to local television.",
    "Lviv's old town is a Unesco world heritage site popular with tourists.",
    "Energy prices in Germany hit a record high as gas flows from Russia fell.",
    "Kyiv's mayor, Vitali Klitschko, is a former heavyweight boxing champion.",
    "The Dnipro river divides Ukraine into east and west.",
    "Russian stocks rallied in Moscow after the central bank cut interest rates.",
    "The draft resolution will be put to a vote in New York next month.",
    "Ukrainian refugees in Poland have found work in Warsaw and Krakow.",
]


def _events(text, gaz):
    return extract_events([Article(id="report", text=text, date="2022-10-10")], gaz)


@pytest.mark.parametrize("text,type_,where", REPORTS, ids=[f"{i:02d}-{r[1]}" for i, r in enumerate(REPORTS)])
def test_report_yields_its_incident_at_its_place(gaz, text, type_, where):
    events = _events(text, gaz)
    typed = [e for e in events if type_ in (e.type, *e.also)]
    assert typed, f"no {type_} event; got {[(e.type, e.place.place.name) for e in events]}"
    distances = [haversine_km((e.place.place.lat, e.place.place.lon), where) for e in typed]
    assert min(distances) <= 10.0, [(e.place.place.name, round(d)) for e, d in zip(typed, distances)]


def test_the_table_covers_every_layer():
    assert {t for _, t, _ in REPORTS} == {"front_line", "strikes", "infrastructure", "civilians", "political",
                                          "protests"}
    assert len({text for text, _, _ in REPORTS}) >= 30


@pytest.mark.parametrize("text", QUIET)
def test_places_without_an_incident_yield_nothing(gaz, text):
    assert _events(text, gaz) == []


def test_hypothetical_and_denied_strikes_are_not_strikes(gaz):
    for text in ("If Russia strikes the Zaporizhzhia plant, the consequences would be catastrophic.",
                 "Analysts in London say Russia could try to encircle Kramatorsk later this year.",
                 "The Kremlin denied that its forces had shelled the Zaporizhzhia plant."):
        assert not [e for e in _events(text, gaz) if e.type in ("strikes", "front_line")], text


def test_one_incident_told_as_several_types_is_one_event(gaz):
    events = _events("Rocket fire hit residential areas of Mykolaiv, killing two civilians and wounding five.", gaz)
    assert len(events) == 1
    # The harm to people leads; the strike that caused it stays on the event.
    assert events[0].type == "civilians" and "strikes" in events[0].also


def test_one_sentence_several_incidents_of_different_kinds(gaz):
    events = _events("Russian forces captured Lyman on Saturday, while a missile strike hit Odesa.", gaz)
    assert {"front_line", "strikes"} <= {e.type for e in events}
    assert len({e.id for e in events}) == len(events)


def test_actors_when_stated(gaz):
    events = _events("Ukrainian troops recaptured the strategic town of Lyman after Russian forces withdrew.", gaz)
    assert events and {"Ukrainian troops", "Russian forces"} <= set(events[0].actors)


def test_a_list_of_places_gives_one_event_each(gaz):
    events = _events("Russian forces shelled Nikopol and Marhanets overnight.", gaz)
    strikes = [e for e in events if e.type == "strikes"]
    assert sorted(e.place.place.name for e in strikes) == ["Marhanets", "Nikopol"]
    assert len({e.id for e in strikes}) == 2


def test_stated_absolute_date_wins_over_the_article_date(gaz):
    text = "On 5 October 2022, Russian forces shelled Nikopol."
    event = next(e for e in _events(text, gaz) if e.type == "strikes")
    assert (event.date, event.date_precision) == ("2022-10-05", "day")
    assert "5 October 2022" in event.date_source


def test_evidence_names_the_cues_that_fired(gaz):
    event = next(e for e in _events("Russian forces shelled Kharkiv.", gaz) if e.type == "strikes")
    assert "shelled" in event.evidence
    assert 0.6 <= event.confidence <= 1.0


def test_what_was_reported_in_a_place_happened_there(gaz):
    events = _events("Explosions were also reported in Lviv, Dnipro and Zaporizhzhia on Monday morning.", gaz)
    assert sorted(e.place.place.name for e in events if e.type == "strikes") == ["Dnipro", "Lviv", "Zaporizhzhya"]
    # Someone reporting from a place is no incident there.
    said = _events("Officials reported in Kyiv that Russian shelling hit Kharkiv.", gaz)
    assert [e.place.place.name for e in said if e.type == "strikes"] == ["Kharkiv"]
