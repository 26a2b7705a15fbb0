"""Distance statements as news reports word them, each with what it states and whether it is true.

Places are checked against their published coordinates (Wikipedia infoboxes), not against the gazetteer.
Verdicts follow from the true great-circle distances and bearings, noted beside each row (km, and the
bearing from the reference to the subject): Kyiv-Lviv 467 km, Lviv lies at 264° from Kyiv, and so on.
"""

import pytest

from geomap.claims import check_distances
from tests.conftest import haversine_km

WHERE = {
    "Kyiv": (50.450, 30.524), "Lviv": (49.842, 24.032), "Kharkiv": (49.993, 36.231), "Odesa": (46.482, 30.723),
    "Bucha": (50.549, 30.221), "Irpin": (50.522, 30.251), "Brovary": (50.511, 30.790),
    "Belgorod": (50.600, 36.588), "Mykolaiv": (46.975, 31.995), "Kherson": (46.636, 32.617),
    "Sloviansk": (48.850, 37.620), "Kramatorsk": (48.738, 37.584), "Donetsk": (48.015, 37.803),
    "Mariupol": (47.096, 37.543), "Zaporizhzhia": (47.838, 35.140), "Enerhodar": (47.499, 34.656),
    "Chernihiv": (51.494, 31.294), "Moscow": (55.756, 37.617), "St Petersburg": (59.939, 30.316),
    "Minsk": (53.900, 27.567), "Warsaw": (52.230, 21.011), "Berlin": (52.520, 13.405),
    "Pokrovsk": (48.282, 37.176), "Avdiivka": (48.139, 37.743), "Vuhledar": (47.781, 37.249),
    "Poltava": (49.589, 34.551), "Dnipro": (48.467, 35.040), "Chornobyl": (51.270, 30.222),
    "Sumy": (50.907, 34.798), "Kursk": (51.730, 36.193), "Sevastopol": (44.617, 33.525),
    "Snake Island": (45.255, 30.204), "Zaporizhzhia NPP": (47.512, 34.586), "Melitopol": (46.849, 35.365),
    "Uzhhorod": (48.621, 22.288), "London": (51.507, -0.128), "Paris": (48.857, 2.352),
    "Rzeszow": (50.041, 21.999), "Horlivka": (48.300, 38.050), "Bakhmut": (48.595, 38.000), "Mexico City": (19.433, -99.133), "Acapulco": (16.863, -99.882),
}
C, I, U = "consistent", "inconsistent", "unverifiable"


def row(sentence, value, unit, verdict, subject=None, reference=None, *, hedge="", direction="", value_max=None,
        diagnosis="", quantity=""):
    return pytest.param(sentence, dict(value=value, unit=unit, verdict=verdict, subject=subject, reference=reference,
                                       hedge=hedge, direction=direction, value_max=value_max, diagnosis=diagnosis,
                                       quantity=quantity), id=sentence[:60])


PHRASINGS = [
    # Kyiv-Lviv 467 km, Lviv at 264° from Kyiv: both orders, every framing.
    row("Lviv, which lies about 470 km west of Kyiv, has become a refuge for the displaced.", 470, "km", C,
        "Lviv", "Kyiv", hedge="about", direction="W"),
    row("Kyiv is some 470 kilometres east of Lviv.", 470, "km", C, "Kyiv", "Lviv", hedge="some", direction="E"),
    row("From Kyiv, Lviv is 468 km to the west.", 468, "km", C, "Lviv", "Kyiv", direction="W"),
    row("It is 468 km from Kyiv to Lviv by air.", 468, "km", C, "Lviv", "Kyiv"),
    row("The distance between Kyiv and Lviv is about 470 km.", 470, "km", C, "Lviv", "Kyiv", hedge="about"),
    row("Kyiv and Lviv are roughly 470 km apart.", 470, "km", C, "Kyiv", "Lviv", hedge="roughly"),
    row("Lviv is about 470 miles west of Kyiv.", 470, "mi", I, "Lviv", "Kyiv", hedge="about", direction="W",
        diagnosis="unit confusion (fits km)"),
    row("Lviv is about 470 km east of Kyiv.", 470, "km", I, "Lviv", "Kyiv", hedge="about", direction="E",
        diagnosis="wrong direction (stated E, computed W)"),
    row("Kyiv is more than 700 km from Lviv.", 700, "km", I, "Kyiv", "Lviv", hedge="more than",
        diagnosis="wrong magnitude"),
    # Kyiv's suburbs: Bucha 24 km at 297°, Irpin 21 km at 293°, Brovary 20 km at 70°.
    row("Bucha, a commuter town 25 km northwest of Kyiv, was occupied for a month.", 25, "km", C, "Bucha", "Kyiv",
        direction="NW"),
    row("Bucha lies about fifteen miles northwest of Kyiv.", 15, "mi", C, "Bucha", "Kyiv", hedge="about",
        direction="NW"),
    row("Irpin lies just 20 kilometers from the capital, Kyiv.", 20, "km", C, "Irpin", "Kyiv", hedge="just"),
    row("Irpin is twenty-one kilometres from Kyiv.", 21, "km", C, "Irpin", "Kyiv"),
    row("Irpin is nearly 25 km from Kyiv.", 25, "km", C, "Irpin", "Kyiv", hedge="nearly"),
    row("Brovary, 20 km east of Kyiv, was shelled overnight.", 20, "km", C, "Brovary", "Kyiv", direction="E"),
    row("Russian forces came within 30 km of Kyiv.", 30, "km", U, None, "Kyiv", hedge="within"),
    # Kyiv-Kharkiv 409 km (Kharkiv at 95°), Kyiv-Odesa 442 km (Odesa at 178°), Kyiv-Dnipro 394 km (122°).
    row("Kharkiv is about 400 km east of Kyiv.", 400, "km", C, "Kharkiv", "Kyiv", hedge="about", direction="E"),
    row("Kyiv is about 400 km west of Kharkiv.", 400, "km", C, "Kyiv", "Kharkiv", hedge="about", direction="W"),
    row("Kharkiv lies less than 100 km from Kyiv.", 100, "km", I, "Kharkiv", "Kyiv", hedge="less than",
        diagnosis="wrong magnitude"),
    row("Odesa is more than 400 km south of Kyiv.", 400, "km", C, "Odesa", "Kyiv", hedge="more than",
        direction="S"),
    row("Odesa is about 440 km north of Kyiv.", 440, "km", I, "Odesa", "Kyiv", hedge="about", direction="N",
        diagnosis="wrong direction (stated N, computed S)"),
    row("Kyiv is between 400 and 500 km from Odesa.", 400, "km", C, "Kyiv", "Odesa", value_max=500),
    row("Kyiv is 430-450 km north of Odesa.", 430, "km", C, "Kyiv", "Odesa", value_max=450, direction="N"),
    row("Dnipro is about 390 km southeast of Kyiv.", 390, "km", C, "Dnipro", "Kyiv", hedge="about", direction="SE"),
    # The north: Chernihiv 128 km at 25°, Chornobyl 94 km at 347°, Minsk 433 km at 333°.
    row("Chernihiv is some 80 miles north-east of Kyiv.", 80, "mi", C, "Chernihiv", "Kyiv", hedge="some",
        direction="NE"),
    row("The town of Chornobyl lies about 100 km north of Kyiv.", 100, "km", C, "Chornobyl", "Kyiv",
        hedge="about", direction="N"),
    row("Minsk is some 430 km north of Kyiv.", 430, "km", C, "Minsk", "Kyiv", hedge="some", direction="N"),
    # The north-east: Belgorod 72 km from Kharkiv at 20°, Poltava 129 km at 250°, Kursk 133 km from Sumy.
    row("Belgorod lies roughly 70 km north of Kharkiv.", 70, "km", C, "Belgorod", "Kharkiv", hedge="roughly",
        direction="N"),
    row("Poltava is about 80 miles west of Kharkiv.", 80, "mi", C, "Poltava", "Kharkiv", hedge="about",
        direction="W"),
    row("Sumy is 130 miles from Kursk.", 130, "mi", I, "Sumy", "Kursk", diagnosis="unit confusion (fits km)"),
    # Kharkiv is about 30 km from the nearest point of the Russian border; the 1:110m outline puts it at 36 km
    row("Kharkiv is just 40 km from the Russian border.", 40, "km", C, "Kharkiv", None, hedge="just"),
    # Donbas: Sloviansk-Kramatorsk 13 km, Mariupol-Donetsk 104 km, Pokrovsk 55 km, Avdiivka 14.5 km,
    # Vuhledar 49 km from Donetsk.
    row("Kramatorsk, a city 13 km south of Sloviansk, was struck.", 13, "km", C, "Kramatorsk", "Sloviansk",
        direction="S"),
    row("Sloviansk, which the Russians shelled on Monday, is 13 km north of Kramatorsk.", 13, "km", C, "Sloviansk",
        "Kramatorsk", direction="N"),
    row("About 30 km south of Bakhmut, Russian forces shelled Horlivka.", 30, "km", C, "Horlivka", "Bakhmut",
        hedge="about", direction="S"),  # Horlivka lies 33 km from Bakhmut at 172°
    row("Sloviansk lies 12 miles north of Kramatorsk.", 12, "mi", I, "Sloviansk", "Kramatorsk", direction="N",
        diagnosis="unit confusion (fits km)"),
    row("Donetsk is 100 km north of Mariupol.", 100, "km", C, "Donetsk", "Mariupol", direction="N"),
    row("Mariupol is about 60 miles south of Donetsk.", 60, "mi", C, "Mariupol", "Donetsk", hedge="about",
        direction="S"),
    row("The town of Pokrovsk is about 60 km northwest of Donetsk.", 60, "km", C, "Pokrovsk", "Donetsk",
        hedge="about", direction="NW"),
    row("Avdiivka, just 15 km north of Donetsk, fell in February.", 15, "km", C, "Avdiivka", "Donetsk",
        hedge="just", direction="N"),
    row("Vuhledar lies some 50 km southwest of Donetsk.", 50, "km", C, "Vuhledar", "Donetsk", hedge="some",
        direction="SW"),
    row("Shells fell between 5 and 10 miles north of Mariupol.", 5, "mi", U, None, "Mariupol", value_max=10,
        direction="N"),
    # The south: Kherson-Mykolaiv 60 km (Mykolaiv at 309°), Kherson-Sevastopol 235 km, Snake Island 77 nmi
    # from Odesa at 197°, Enerhodar 52 km from Zaporizhzhia at 224°, Melitopol 94 km from the plant at 141°.
    row("Mykolaiv is just over 60 km northwest of Kherson.", 60, "km", C, "Mykolaiv", "Kherson",
        hedge="just over", direction="NW"),
    row("Kherson lies on the Dnipro, about 60 km south-east of Mykolaiv.", 60, "km", C, "Kherson", "Mykolaiv",
        hedge="about", direction="SE"),
    row("The Zaporizhzhia plant, which Russian troops seized in March, is about 125 miles from Kyiv.", 125, "mi", I,
        "Zaporizhzhia NPP", "Kyiv", hedge="about", diagnosis="wrong magnitude"),  # 440 km, 273 miles
    row("Kherson lies dozens of kilometres from Mykolaiv.", 24, "km", C, "Kherson", "Mykolaiv", value_max=99,
        quantity="dozens of"),
    row("Sevastopol is 80 km from Kherson.", 80, "km", I, "Sevastopol", "Kherson", diagnosis="wrong magnitude"),
    row("Snake Island lies about 75 nautical miles south of Odesa.", 75, "nmi", C, "Snake Island", "Odesa",
        hedge="about", direction="S"),
    row("The Zaporizhzhia nuclear power plant is in Enerhodar, about 50 km southwest of the city of Zaporizhzhia.",
        50, "km", C, "Enerhodar", "Zaporizhzhia", hedge="about", direction="SW"),
    row("Enerhodar is roughly 30 miles south-west of Zaporizhzhia.", 30, "mi", C, "Enerhodar", "Zaporizhzhia",
        hedge="roughly", direction="SW"),
    row("Melitopol, 60 miles (97 km) southeast of the Zaporizhzhia plant, is occupied.", 60, "mi", C, "Melitopol",
        "Zaporizhzhia NPP", direction="SE"),
    row("A shell landed about 300 metres from the Zaporizhzhia nuclear power plant.", 300, "m", U, None,
        "Zaporizhzhia NPP", hedge="about"),
    row("Russian soldiers dug trenches 500 feet from the reactors of the Zaporizhzhia nuclear power plant.", 500,
        "ft", U, None, "Zaporizhzhia NPP"),
    row("Officials want a 30-km exclusion zone around the Zaporizhzhia plant.", 30, "km", U, None,
        "Zaporizhzhia NPP"),
    # Further afield: Moscow-St Petersburg 634 km (394 mi, Moscow at 134°), Warsaw-Berlin 517 km,
    # Kyiv-Warsaw 689 km, Lviv-Uzhhorod 186 km at 224°, Paris-London 344 km at 330°,
    # Mexico City-Acapulco 300 km, which a wire story once gave as "300 miles (483 km)".
    row("Moscow is about 400 miles from St Petersburg.", 400, "mi", C, "Moscow", "St Petersburg", hedge="about"),
    row("Moscow is roughly 640 km south-east of St Petersburg.", 640, "km", C, "Moscow", "St Petersburg",
        hedge="roughly", direction="SE"),
    row("Warsaw and Berlin are about 520 km apart.", 520, "km", C, "Warsaw", "Berlin", hedge="about"),
    row("Kyiv is about 690 km from Warsaw.", 690, "km", C, "Kyiv", "Warsaw", hedge="about"),
    row("Uzhhorod, some 185 km southwest of Lviv, is near the Slovak border.", 185, "km", C, "Uzhhorod", "Lviv",
        hedge="some", direction="SW"),
    row("London is about 340 km north-west of Paris.", 340, "km", C, "London", "Paris", hedge="about",
        direction="NW"),
    row("Acapulco is a city on the Pacific coast of Mexico, 300 miles (483 km) southwest from Mexico City.", 300, "mi",
        I, None, "Mexico City", direction="SW", diagnosis="unit confusion (fits km)"),
    row("The missile landed 3 miles (5 km) from Rzeszow.", 3, "mi", U, None, "Rzeszow"),
    row("Lviv, hundreds of miles from the front line, was hit by missiles.", 100, "mi", U, "Lviv", None,
        value_max=999, quantity="hundreds of"),
    row("Hostomel is within a few kilometres of Bucha.", 2, "km", C, None, "Bucha", hedge="within", value_max=9,
        quantity="a few"),
]


def _at(mention, name):
    place = mention.place if mention is not None else None
    return place is not None and haversine_km((place.lat, place.lon), WHERE[name]) < 15


@pytest.mark.parametrize("sentence, expected", PHRASINGS)
def test_phrasing(gaz, sentence, expected):
    checks = check_distances([sentence], gaz)
    assert len(checks) == 1, [c.claim for c in checks]
    check = checks[0]
    claim = check.claim
    assert claim.value == expected["value"] and claim.value_max == expected["value_max"]
    assert claim.unit == expected["unit"]
    assert claim.hedge == expected["hedge"]
    assert claim.direction == expected["direction"]
    assert claim.quantity == expected["quantity"]
    if expected["subject"]:
        assert _at(claim.subject, expected["subject"]), claim.subject
    if expected["reference"]:
        assert _at(claim.reference, expected["reference"]), claim.reference
    elif expected["verdict"] == U and not claim.reference_line:
        assert claim.reference is None
    assert check.verdict == expected["verdict"], check.diagnosis
    assert check.diagnosis.startswith(expected["diagnosis"]) if expected["diagnosis"] else True
    if check.verdict == C:
        assert check.diagnosis == ""


def test_there_are_at_least_forty_phrasings():
    assert len(PHRASINGS) >= 40


@pytest.mark.parametrize("sentence", [
    "An estimated 250,000 men have left the country to avoid the draft.",
    "The burial ground held 445 unmarked graves.",
    "She has 3.4 million followers on Instagram.",
    "Officials tracked 17 fires started at recruitment centres.",
    "Alla Pugacheva, 73, spoke out against the war.",
    "The front line is more than 1,000 km long.",
    "A 40-mile convoy was seen north of Kyiv.",
    "The HIMARS system has a range of about 80 km.",
    "The drone flew at 5,000 feet over Kyiv.",
    "The EU pledged £30m from its budget.",
    "Prices rose 10 per cent from last year.",
    "The convoy was travelling at 60 km/h towards Kyiv.",
    "The occupied area covers 100,000 sq km.",
    "Waves reached 10 metres high near Odesa.",
])
def test_not_a_distance_claim(gaz, sentence):
    assert check_distances([sentence], gaz) == []


def test_a_figure_given_twice_is_one_claim(gaz):
    checks = check_distances(["Lviv is 290 miles (467 km) west of Kyiv, and Kharkiv is 409 km (254 miles) east."],
                             gaz)
    assert [(c.claim.value, c.claim.unit) for c in checks] == [(290, "mi"), (409, "km")]


def test_several_claims_in_one_sentence_share_the_subject(gaz):
    checks = check_distances(["The strike hit Irpin, 21 km from Kyiv and 5 km from Bucha."], gaz)
    assert [c.claim.value for c in checks] == [21, 5]
    assert all(_at(c.claim.subject, "Irpin") for c in checks)
    assert _at(checks[1].claim.reference, "Bucha")


@pytest.mark.parametrize("hedge", ["approx.", "about", "approximately", "some"])
def test_an_abbreviated_hedge_does_not_cut_the_sentence(gaz, hedge):
    """One sentence splitter for every stage: "approx." ends no sentence, so the claim keeps both ends."""
    checks = check_distances([f"Kherson lies {hedge} 60 km from Mykolaiv."], gaz)
    assert [c.verdict for c in checks] == ["consistent"]
    assert checks[0].computed_km == pytest.approx(60.6, abs=2)
