"""The incidents the two seed articles report, with their type, where they happened and (for the dated seed) when.

Places are checked against where they really are (public references: Wikipedia, GeoNames): towns and plants
within 10 km, regions and seas by a box drawn inside the feature's published extent.
"""

from __future__ import annotations

import pytest

from geomap.articles import read_articles
from geomap.events import extract_events
from tests.conftest import SEEDS, haversine_km
from tests.world import BALTIC_SEA, IZYUM, KHERSON_REGION, LYSYCHANSK, SLOVYANSK, VYSOKOPILLYA

UNDATED = "000_7202151efde119fe.txt"
DATED = "004_cbda2e52ccdf2df0.txt"  # "date 2022-09-28" header

# (lat, lon) of towns and sites; (south, north, west, east) boxes inside regions and seas.
SOUTH_UKRAINE_NPP = (47.812, 31.220)
ZAPORIZHZHIA_NPP = (47.512, 34.586)
KHARKIV_REGION = (48.6, 50.3, 35.1, 38.0)
LUHANSK_REGION = (47.9, 50.0, 38.0, 40.1)
DONETSK_REGION = (46.9, 49.2, 36.6, 38.7)
BYLINE_PLACES = {"Washington", "Riga", "Latvia"}


def _events(name, gaz):
    article = next(a for a in read_articles([SEEDS]) if a.id.endswith(name))
    return article, extract_events([article], gaz)


@pytest.fixture(scope="module")
def undated(gaz):
    return _events(UNDATED, gaz)


@pytest.fixture(scope="module")
def dated(gaz):
    return _events(DATED, gaz)


def _point(event):
    return event.place.place.lat, event.place.place.lon


def _near(event, where, km=10.0):
    return haversine_km(_point(event), where) <= km


def _inside(event, box):
    lat, lon = _point(event)
    south, north, west, east = box
    return south <= lat <= north and west <= lon <= east


def _find(events, type_, quote_has, where=None, box=None):
    """The events of a type from the sentence containing ``quote_has``, at the expected place."""
    found = [e for e in events if type_ in (e.type, *e.also) and any(quote_has in q for q in (e.quote,
                                                                                         *e.other_quotes))]
    assert found, f"no {type_} event in the sentence with {quote_has!r}"
    if where is not None:
        found = [e for e in found if _near(e, where)]
    if box is not None:
        found = [e for e in found if _inside(e, box)]
    assert found, f"{type_} event for {quote_has!r} is not at the expected place: " \
                  f"{[(e.place.place.name, _point(e)) for e in events if quote_has in e.quote]}"
    return found


# --- the undated seed ------------------------------------------------------------------------------------

def test_ukrainian_troops_pushing_into_lysychansk(undated):
    found = _find(undated[1], "front_line", "pushed into the city of Lysychansk", where=LYSYCHANSK)
    assert found[0].subtype == "advance"
    assert "Ukrainian troops" in found[0].actors


def test_fighting_around_slovyansk_is_its_own_front_line_event(undated):
    found = _find(undated[1], "front_line", "fighting around the city of Slovyansk", where=SLOVYANSK)
    assert found[0].subtype == "battle"
    lysychansk = _find(undated[1], "front_line", "fighting around the city of Slovyansk", where=LYSYCHANSK)
    assert found[0].id != lysychansk[0].id  # one sentence, two incidents, two ids


def test_russian_troops_pushed_out_of_most_of_kharkiv_region(undated):
    found = _find(undated[1], "front_line", "pushed Russian troops out of most", box=KHARKIV_REGION)
    assert found[0].place.place.kind == "region"


def test_missile_strike_near_the_south_ukraine_plant_is_a_strike_and_hits_infrastructure(undated):
    sentence = "disabling three high-voltage power lines"
    strike = _find(undated[1], "strikes", sentence, where=SOUTH_UKRAINE_NPP, )
    # One incident: the damage leads, the missile strike that caused it is kept with its cue words.
    assert strike[0].subtype == "missile" if strike[0].type == "strikes" else \
        any("missile" in word for word in strike[0].evidence)
    damage = _find(undated[1], "infrastructure", sentence, where=SOUTH_UKRAINE_NPP)
    assert damage[0].place.place.kind == "plant"  # the plant, not Yuzhnoukrainsk
    explosion = _find(undated[1], "strikes", "occurred about 300 yards from the reactors", where=SOUTH_UKRAINE_NPP)
    assert explosion[0].place.place.kind == "plant"


def test_zaporizhzhia_reactors_shut_down_and_plant_reconnected_to_the_grid(undated):
    _find(undated[1], "infrastructure", "all six reactors have now been shut down", where=ZAPORIZHZHIA_NPP)
    _find(undated[1], "infrastructure", "disconnected the Zaporizhzhia plant", where=ZAPORIZHZHIA_NPP)
    _find(undated[1], "infrastructure", "reconnected to the national power grid", where=ZAPORIZHZHIA_NPP)


def test_mass_graves_in_izyum(undated):
    found = _find(undated[1], "civilians", "unmarked graves", where=IZYUM)
    assert found[0].subtype == "mass_grave"


def test_calls_for_referendums_in_luhansk_and_donetsk(undated):
    events = undated[1]
    luhansk = [e for e in events if e.type == "political" and _inside(e, LUHANSK_REGION)]
    donetsk = [e for e in events if e.type == "political" and _inside(e, DONETSK_REGION)]
    assert any("referendum" in e.quote for e in luhansk)
    assert any("referendum" in e.quote for e in donetsk)


def test_statement_origins_and_bylines_are_not_incident_places(undated):
    article, events = undated
    moscow_sentence = [e for e in events if e.quote.startswith("In Moscow, some pro-war propagandists")]
    assert all(e.place.place.name != "Moscow" for e in moscow_sentence)
    assert not [e for e in events if "contributed to this report" in e.quote]
    assert not [e for e in events if e.place.place.name in BYLINE_PLACES]


def test_no_date_is_invented_for_an_undated_article(undated):
    article, events = undated
    assert article.date is None
    for event in events:
        # only a year the article states ("which Russia seized in 2014") may date an event
        assert event.date is None and event.date_precision == "unknown" or event.date_precision == "year"


# --- the dated seed ---------------------------------------------------------------------------------------

def test_flag_over_liberated_vysokopillya(dated):
    found = _find(dated[1], "front_line", "recently liberated village of Vysokopillya", where=VYSOKOPILLYA)
    assert found[0].subtype == "liberation"
    assert (found[0].date, found[0].date_precision) == ("2022-09-28", "day")


def test_annexation_appeals_from_luhansk_and_kherson(dated):
    sentence = "formally asked President Vladimir Putin to annex"
    _find(dated[1], "political", sentence, box=LUHANSK_REGION)
    _find(dated[1], "political", sentence, box=KHERSON_REGION)
    _find(dated[1], "political", "made the appeal to Mr Putin", box=LUHANSK_REGION)
    _find(dated[1], "political", "similar appeal from the Moscow-installed leader", box=KHERSON_REGION)


def test_nord_stream_leaks_in_the_baltic(dated):
    found = _find(dated[1], "infrastructure", "leaks in two Nord Stream gas pipelines", box=BALTIC_SEA)
    assert found[0].subtype == "pipeline"


def test_fires_at_recruitment_centres_somewhere_in_russia_locate_nothing(dated):
    # "17 fires started at recruitment centres" names no town: a marker at Russia's centre would say nothing true.
    article, events = dated
    assert "17 fires started at recruitment centres" in article.text
    assert not [e for e in events if any("17 fires" in q for q in (e.quote, *e.other_quotes))]
    assert all(e.place.place.kind != "country" for e in events if e.type in ("protests", "political"))


def test_events_are_dated_by_the_article_or_relative_to_it(dated):
    article, events = dated
    assert article.date == "2022-09-28"
    for event in events:
        assert event.date is not None, event.quote
        assert event.date == "2022-09-28" or "2022-09-28" in event.date_source, (event.date, event.date_source)
    by_quote = {e.quote: e for e in events}
    victory = next(e for q, e in by_quote.items() if "claimed victory on Tuesday" in q)
    assert (victory.date, victory.date_precision) == ("2022-09-27", "day")


def test_photo_credit_and_agency_byline_yield_nothing(dated):
    events = dated[1]
    assert not [e for e in events if "Getty Images" in e.quote or "Agencies" in e.quote]


def test_seed_events_are_reproducible(gaz, dated):
    again = _events(DATED, gaz)[1]
    assert [(e.id, e.type, e.place.place.name, e.date) for e in again] == \
           [(e.id, e.type, e.place.place.name, e.date) for e in dated[1]]
    assert len({e.id for e in again}) == len(again)
