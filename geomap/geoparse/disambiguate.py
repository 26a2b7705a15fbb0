"""Choosing which place each span means, using the whole document.

Evidence, in the order it is applied:
1. the resolver's match quality and the place's prior (capital, country, region, population);
2. document focus: the countries the article is about (countries it names, demonyms it uses, the
   countries of its unambiguous places), and the first-level regions it keeps naming;
3. the container named right after a place ("Lysychansk in Luhansk region", "California, Pennsylvania",
   "Atlanta, Georgia", "Santa Maria, Davao del Sur", "Queens, New York" favour the senses that fit: the
   town inside the region or province, the state around the town, the city around its district);
4. the other items of a list ("Mali, Niger, and Senegal" are countries; "Utah, Washington and Wyoming" states);
5. nearness to the document's other places (a second pass once first choices are made).
One sense per name per document: every span with the same query gets the same place. A river or pipeline
is then placed on its stretch near the document's places (``nearest_on_line``).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from geomap import kinds as place_kinds
from geomap import geodesy
from geomap.gazetteer import resolver
from geomap.gazetteer.index import Gazetteer
from geomap.model import Candidate, Place

MAX_CANDIDATES = 12
# A name followed by its container ("Oleksandrivka, Kherson oblast") is looked up this deep: a common village
# name has thirty namesakes, and the one in the named region may rank far down on population alone.
CONTAINED_CANDIDATES = 80
MIN_SCORE = 0.42
RIVER_OR_TOWN_FACTOR = 0.7  # the sense of a river-or-town name that its article (or none) makes less likely
SIBLING_REGION_FACTOR = 1.2  # a town in the region of the towns listed with it
OUTSIDE_CONTAINER_FACTOR = 0.3  # "near Pershotravneve, Synkivka ... in Kharkiv Oblast" with no such village there
NATION_FACTOR = 1.5  # "the Russian city of Vladimir": that country's town, whatever the document's focus
MAX_ANCHORS = 30  # the document's first places are enough to say where it is
WIDE_KINDS = {"island", "river", "region"}  # features far larger than the point that stands for them
LOCAL_KINDS = {"city", "area"}  # inside one first-level region: towns, counties, provinces
PROVINCE_REACH_KM = 100  # a town this near a province's point, in its region, may lie in it
CITY_REACH_KM = 25  # a town this near a bigger city's point may be one of its districts
LINE_REACH_KM = 150  # a river or pipeline this near the middle of a text's places runs through them
CORPUS_REGION_FACTOR = 1.1  # a place in a region the corpus keeps naming, as a region the document names once
CONTAINER_RANK = {"city": 0, "admin3": 1, "admin2": 2, "area": 3, "region": 4, "country": 5}  # tighter first


@dataclass
class Choice:
    query: str
    candidates: list[Candidate]  # best first
    sentences: set[int]
    own_focus: tuple[str, float] | None = None  # what this choice adds to the document focus
    kind_cue: frozenset[str] = frozenset()  # kinds a following word asks for: "river" -> {"river"}
    paired: set[int] = field(default_factory=set)  # pids that fit a neighbour: "Atlanta, Georgia" -> the state
    sibling_kinds: Counter = field(default_factory=Counter)  # what the other items of its lists are
    sibling_regions: set[tuple[str, str]] = field(default_factory=set)  # where the towns listed with it are
    best_match: set[int] = field(default_factory=set)  # pids matched as well as any: a name, not an alternate
    dateline: bool = False  # a wire dateline: the filing town, judged apart from the story's places
    article: bool = False  # "the" before the name ("the Dnipro"): a river may be meant
    nation: str = ""  # the country a nationality word puts it in ("the Russian city of Vladimir" -> "RU")
    outside: bool = False  # listed with towns of a region that holds none of its senses

    @classmethod
    def of(cls, gazetteer: Gazetteer, query: str, kind_cue: frozenset[str] = frozenset(),
           dateline: bool = False, limit: int = MAX_CANDIDATES, article: bool = False, nation: str = "") -> Choice:
        ranked, best_match = _senses(gazetteer, query, limit)
        return cls(query, list(ranked), set(), kind_cue=kind_cue, dateline=dateline, article=article,
                   nation=nation, best_match=set(best_match))

    def widen(self, gazetteer: Gazetteer, outer: Choice) -> bool:
        """Look the name up deeper for a sense inside ``outer`` ("Oleksandrivka, Kherson oblast"); keep the
        senses that fit, after the first ones. True when some did."""
        deeper = Choice.of(gazetteer, self.query, self.kind_cue, self.dateline, CONTAINED_CANDIDATES, self.article,
                           self.nation)
        seen = {c.place.pid for c in self.candidates}
        fitting = [c for c in deeper.candidates if c.place.pid not in seen
                   and any(_contains(o.place, c.place) for o in outer.candidates[:MAX_CANDIDATES])]
        if not fitting:
            return False
        self.candidates = self.candidates + fitting
        self.best_match |= {c.place.pid for c in fitting if c.place.pid in deeper.best_match}
        return True


@lru_cache(maxsize=50_000)
def _senses(gazetteer: Gazetteer, query: str, limit: int) -> tuple[tuple[Candidate, ...], frozenset[int]]:
    """A name's first ``limit`` senses, ranked before any document evidence, and the pids of those matched as
    well as any: the same in every document, so worked out once per name (a corpus repeats its names)."""
    found = resolver.cached_candidates(gazetteer, query, variants=False)
    ranked = resolver.rank(gazetteer, found, resolver.Hints(), limit, region_phrase=bool(resolver.region_base(query)))
    best = max((quality for quality, _reason, _spelling in found.values()), default=0.0)
    return tuple(ranked), frozenset(c.place.pid for c in ranked if found[c.place.pid][0] >= best - 0.005)


def signature(place: Place) -> tuple[str, str]:
    """What sort of place this is, for comparing the items of a list: US states, countries, Ukrainian towns."""
    if place.kind in ("country", "continent"):
        return (place.kind, "")
    return (place.kind if place.kind in ("city", "region") else "feature", place.country)


def _broad(place: Place) -> bool:
    """Too wide for nearness: countries, seas, macro-regions. A county or province (an area inside one
    first-level region) is as local as a town."""
    return place.kind in place_kinds.BEYOND_REGION and not (place.kind == "area" and place.admin1)


def _contains(outer: Place, inner: Place) -> bool:
    if outer.kind == "admin2":  # "Kupiansk raion": the towns and hromadas an added dump files under it
        return inner.kind in ("city", "admin3") and inner.country == outer.country and inner.admin2 == outer.name
    if outer.kind == "country":
        return inner.country == outer.country and inner.kind != "country"
    if outer.kind == "area" and outer.admin1:  # "Santa Maria, Davao del Sur": no outline, so region and reach
        return inner.kind == "city" and (inner.country, inner.admin1) == (outer.country, outer.admin1) and \
            geodesy.great_circle_km((outer.lat, outer.lon), (inner.lat, inner.lon)) < PROVINCE_REACH_KM
    if outer.kind == "city":  # "Queens, New York", "Kensington, London": a district of a bigger city
        if inner.kind != "city" or inner.country != outer.country or inner.population >= outer.population:
            return False
        # "Pavlivka, Sumy", "Ivanhrad, Donetsk": a regional capital stands for its region.
        return geodesy.great_circle_km((outer.lat, outer.lon), (inner.lat, inner.lon)) < CITY_REACH_KM or (
            outer.fcode == "PPLA" and bool(inner.admin1) and inner.admin1 == outer.admin1)
    return outer.kind == "region" and inner.kind not in ("region", "facility") and (inner.country, inner.admin1) == \
        (outer.country, outer.name)


def _container_rank(place: Place) -> int:
    return CONTAINER_RANK.get(place.kind, len(CONTAINER_RANK))


def pair_containers(inner: Choice, outer: Choice, depth: int = MAX_CANDIDATES) -> bool:
    """"Atlanta, Georgia", "Lysychansk in Luhansk region": the senses of the two names that fit each other
    (the town inside the region or country) support each other. True when some senses fit."""
    fit = False
    for cand_in in inner.candidates[:depth]:
        around = [c.place for c in outer.candidates[:depth] if _contains(c.place, cand_in.place)]
        if around:
            # The tightest fit: "Queens, New York" is the city around the borough before the state.
            tightest = min(map(_container_rank, around))
            inner.paired.add(cand_in.place.pid)
            outer.paired.update(p.pid for p in around if _container_rank(p) == tightest)
            fit = True
    return fit


def note_siblings(members: list[Choice]) -> None:
    """Items of one list ("Mali, Niger, and Senegal"; "Utah, Washington and Wyoming") are the same sort of
    place: each item learns what the others' first choices are, and the towns of a list the region most of them
    can lie in together ("liberated Lyman and Novoselivka": Donetsk Oblast has both, Odesa Oblast a small Lyman
    and a Novoselivka too, but the pair scores higher in Donetsk)."""
    tops = [m.candidates[0].place if m.candidates else None for m in members]
    for k, member in enumerate(members):
        for other_k, top in enumerate(tops):
            if other_k != k and top is not None and members[other_k] is not member:
                member.sibling_kinds[signature(top)] += 1
    # (a list of towns: "Washington, Pennsylvania and California" lists states, whatever towns they name too)
    region = _list_region(members) if sum(top is not None and top.kind == "city" for top in tops) >= 2 else None
    if region is not None:
        for member in members:
            member.sibling_regions.add(region)


def _list_region(members: list[Choice]) -> tuple[str, str] | None:
    """The (country, first-level region) where the towns of a list best lie together: summed over the items,
    each item's best score among its towns there; only a region that holds a town of two items or more."""
    best: dict[tuple[str, str], dict[int, float]] = {}
    for k, member in enumerate(members):
        for cand in member.candidates:
            if cand.place.kind == "city" and cand.place.admin1:
                scores = best.setdefault((cand.place.country, cand.place.admin1), {})
                scores[k] = max(scores.get(k, 0.0), cand.score)
    shared = {region: sum(scores.values()) for region, scores in best.items() if len(scores) >= 2}
    return max(sorted(shared), key=shared.__getitem__) if shared else None


def top_country(focus: Counter) -> str | None:
    """The country with the most weight; ties go to the first code in alphabetical order."""
    return max(sorted(focus), key=lambda code: focus[code]) if focus else None


def document_focus(choices: list[Choice], demonym_codes: Counter) -> Counter:
    """Countries the document is about, weighted by how often and how surely they are named."""
    focus: Counter = Counter()
    for code, n in demonym_codes.items():
        if code:
            focus[code] += 0.5 * n
    for choice in choices:
        if not choice.candidates:
            continue
        top = choice.candidates[0]
        runner = choice.candidates[1].score if len(choice.candidates) > 1 else 0.0
        weight = len(choice.sentences) * (1.0 if top.place.kind == "country" else 0.5)
        if top.score - runner > 0.1 and top.place.country:
            focus[top.place.country] += weight
            choice.own_focus = (top.place.country, weight)
    return focus


def named_regions(choices: list[Choice]) -> Counter:
    """First-level regions the document names surely ("an outbreak in southern Indiana"), by how many
    sentences name them: a town in one of them is likelier than its namesakes elsewhere."""
    regions: Counter = Counter()
    for choice in choices:
        if choice.candidates and choice.candidates[0].place.kind == "region":
            top = choice.candidates[0]
            runner = choice.candidates[1].score if len(choice.candidates) > 1 else 0.0
            if top.score - runner > 0.1:
                regions[(top.place.country, top.place.name)] += len(choice.sentences)
    return regions


def _typical_distances(places: list[Place], owners: list[int], anchors: list[Place], anchor_owners: list[int]
                       ) -> list[float]:
    """For each place, the median distance to the nearer half of the anchors, in km; the anchor its own name
    put there is left out ("Kherson" the oblast is not near because "Kherson" the city is an anchor).

    One array computation per document: every candidate of every name against the document's anchors.
    """
    import numpy as np

    km = geodesy.great_circle_matrix_km([p.lat for p in places], [p.lon for p in places],
                                        [a.lat for a in anchors], [a.lon for a in anchors])
    itself = np.array(owners)[:, None] == np.array(anchor_owners)[None, :]
    km[itself] = np.inf
    km.sort(axis=1)
    valid = len(anchors) - itself.sum(axis=1)
    nearest = np.maximum(1, valid // 2)
    typical = km[np.arange(len(places)), nearest // 2]
    return [float(t) if v > 0 else math.nan for t, v in zip(typical, valid)]


def _remoteness_weight(place: Place) -> float:
    """How much distance from the document's other places counts against a place: much for a village (news
    names one only where things happen), little for a capital, which is named from anywhere."""
    if not place.population and place.kind in WIDE_KINDS:
        return 0.15  # "northern Luzon", "Buffalo, New York": an island, a river, a state reach far from one point
    if not place.population and place.kind == "area":
        return 0.25  # a county or province: wider than a town, named from its own region
    size = min(1.0, math.log10(place.population + 1) / 7.0) if place.population else 0.0
    return 0.1 + 0.4 * (1.0 - size)


def rescore(choices: list[Choice], focus: Counter, regions: Counter | None = None,
            corpus_regions: frozenset[tuple[str, str]] = frozenset(), prior_weight: float = 0.0) -> None:
    """Re-rank every choice's candidates with focus, containers and nearness (in place). ``corpus_regions``:
    the (country, region) pairs a whole corpus keeps naming (``--focus auto``); a town or village there is
    a little likelier than its namesakes elsewhere, whichever of its spellings matched.

    A choice's own contribution to the focus is left out when it is judged: "Georgia" must not vote for
    Georgia the country and then win because the document seems to be about Georgia. ``prior_weight``: how much
    of the focus is the corpus's rather than the document's; a prior alone favours its country's places but
    does not count against the others ("set on fire in Kaluga" in a corpus about Ukraine is still Kaluga,
    not the Ukrainian village GeoNames also spells so).
    """
    anchored = [(k, c.candidates[0].place) for k, c in enumerate(choices)
                if c.candidates and not c.dateline and not _broad(c.candidates[0].place)
                and not c.candidates[0].place.fcode.startswith("PPLC")][:MAX_ANCHORS]
    near = [(k, cand.place) for k, choice in enumerate(choices) for cand in choice.candidates
            if not _broad(cand.place)]
    typical_km = dict(zip((id(p) for _k, p in near), _typical_distances(
        [p for _k, p in near], [k for k, _p in near], [a for _k, a in anchored], [k for k, _a in anchored]))) \
        if len(anchored) > 1 and near else {}
    for choice in choices:
        rescored = []
        others = focus  # read only; copied (as a plain dict: copying a Counter is slow) to take this choice's part out
        if choice.own_focus:
            code, weight = choice.own_focus
            others = dict(focus)
            others[code] = others.get(code, 0) - weight
        total = sum(v for v in others.values() if v > 0)
        sibling_sig = None  # the sort of place the other items of its lists mostly are
        if choice.sibling_kinds:
            sig, votes = choice.sibling_kinds.most_common(1)[0]
            # Two agreeing items, or one country: "New York City and Florida" mixes a city and a state.
            if (votes >= 2 or sig[0] == "country") and 2 * votes >= sum(choice.sibling_kinds.values()):
                sibling_sig = sig
        river_too = not choice.kind_cue and any(c.place.kind == "river" for c in choice.candidates) and \
            any(c.place.kind == "city" for c in choice.candidates)
        for cand in choice.candidates:
            place = cand.place
            factor = 1.0
            if choice.dateline:
                pass  # a bureau city: neither the story's countries nor its places say which one
            elif total > 0 and place.country:
                share = max(others.get(place.country, 0.0), 0.0) / total
                factor *= 0.8 + 0.4 * share if total > prior_weight else 1.0 + 0.2 * share
            if place.pid in choice.paired:
                factor *= 1.3
            if choice.outside:
                factor *= OUTSIDE_CONTAINER_FACTOR
            if choice.nation and place.country == choice.nation:
                # (no penalty for the others: Russian media call occupied Donetsk "the Russian city of Donetsk")
                factor *= NATION_FACTOR
            if sibling_sig is not None and signature(place) == sibling_sig:
                factor *= 1.25
            if place.kind == "city" and (place.country, place.admin1) in choice.sibling_regions:
                factor *= SIBLING_REGION_FACTOR  # "near Torske and Terny": the Terny in Torske's oblast
            named = regions.get((place.country, place.admin1), 0) if regions and place.admin1 \
                and place.kind in LOCAL_KINDS else 0
            if named and place.pid in choice.best_match and place.admin1.casefold() != choice.query.casefold():
                # "an outbreak in southern Indiana. Austin, ...": the Austin in Indiana, the more so the more
                # often Indiana is named. Not a town matched only by an alternate name (Pittsburg, California
                # is "Pittsburgh" in GeoNames too), nor "New York" in a text about New York state.
                factor *= 1.0 + 0.1 * min(named, 3)
            if corpus_regions and place.kind in LOCAL_KINDS and (place.country, place.admin1) in corpus_regions:
                factor *= CORPUS_REGION_FACTOR
            typical = math.nan if choice.dateline else typical_km.get(id(place), math.nan)
            if not math.isnan(typical):
                factor *= 1.0 - _remoteness_weight(place) * (1.0 - math.exp(-typical / 400.0))
            if choice.kind_cue and place.kind in choice.kind_cue:
                factor *= 1.4  # "the Dnipro river" is the river, "Zaporizhzhia plant" the plant
            elif river_too and place.kind == ("city" if choice.article else "river"):
                # A river and a town share the name: English names the river with "the" ("crossed the
                # Dnipro"), the town without ("explosions in Dnipro").
                factor *= RIVER_OR_TOWN_FACTOR
            # Sort on the uncapped score: two candidates both pushed past 1.0 must still be told apart.
            rescored.append((cand.score * factor, place.population, -place.pid, cand))
        rescored.sort(key=lambda item: item[:3], reverse=True)
        choice.candidates = [Candidate(c.place, round(min(1.0, raw), 4), c.reason, c.matched)
                             for raw, _pop, _pid, c in rescored]


def local_places(choices: list[Choice]) -> list[Place]:
    """The document's chosen places that are not countries, seas or macro-regions."""
    return [c.candidates[0].place for c in choices
            if c.candidates and c.candidates[0].score >= MIN_SCORE and not _broad(c.candidates[0].place)]


def nearest_on_line(place: Place, anchors: list[Place]) -> Place:
    """A river or pipeline named in a text about Kherson is the stretch near Kherson: its point moves to
    the spot on the line nearest the middle of the document's local places (their median position), when
    the line passes near it. The line itself is kept for maps; the point is where incidents at "the
    Dnipro" are drawn."""
    if not place.wkt.startswith(("LINESTRING", "MULTILINESTRING")):
        return place
    local = [a for a in anchors if a.pid != place.pid and not a.wkt]
    if not local:
        return place
    from shapely import Point, wkt

    lats, lons = sorted(a.lat for a in local), sorted(a.lon for a in local)
    middle = Point(lons[len(lons) // 2], lats[len(lats) // 2])
    line = wkt.loads(place.wkt)
    spot = line.interpolate(line.project(middle))
    if geodesy.great_circle_km((spot.y, spot.x), (middle.y, middle.x)) > LINE_REACH_KM:
        return place  # the text's places are elsewhere: the nearest end of the line would mean nothing
    return replace(place, lat=round(spot.y, 5), lon=round(spot.x, 5))
