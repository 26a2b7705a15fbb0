"""From a name to ranked candidate places, each with a score in [0, 1] and the reason for it.

Candidates come from four sources, tried in order of trust: the exact name key (primary names, curated
aliases, GeoNames alternate names), a region phrase ("Kherson region", "Oblast Chernihiv") matched against
first-level regions, the transliteration skeleton (Kharkov ~ Kharkiv), and fuzzy matching of skeletons for
misspellings. Each candidate's score is the quality of its match times a prior for the place (capital,
country, region, population), adjusted by the caller's hints (country, a nearby point, a kind).

``confident=True`` (what `geomap resolve` and `geomap distance` use unless asked to --guess) drops the
spelling variants and fuzzy matches whose spelling evidence is weak: "Xyzzyville" is no place, not
Kaysville. The geoparser never asks for it: a span it found in the text keeps its best reading.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from rapidfuzz import fuzz, process

from geomap.gazetteer.index import Gazetteer
from geomap.geodesy import great_circle_km
from geomap.gazetteer.normalize import name_key, skeleton
from geomap.gazetteer.sources import region_base, region_word_stem
from geomap.gcpause import paused_gc
from geomap.model import Candidate

MATCH_QUALITY = {"name": 1.0, "alias": 0.97, "alternate": 0.88, "abbreviation": 0.9, "region-base": 0.72,
                 "town-clash": 0.7}
HOW_WORDS = {"name": "name", "alias": "alias", "alternate": "GeoNames alternate name",
             "abbreviation": "abbreviation", "region-base": "region name",
             "town-clash": "other-language name, also a town's name"}
# --kind words and the index kinds they accept.
KIND_GROUPS = {
    "city": ("city",), "town": ("city",), "region": ("region",), "country": ("country",),
    "continent": ("continent",), "area": ("area", "region", "continent", "admin2", "admin3"),
    "raion": ("admin2",), "district": ("admin2",), "hromada": ("admin3",), "facility": ("facility",),
    "plant": ("plant", "dam"), "dam": ("dam", "plant"), "water": ("water", "river"), "sea": ("water",),
    "river": ("river",), "island": ("island",), "pipeline": ("pipeline",), "site": ("site",),
    "bridge": ("bridge",), "port": ("port",),
}
KINDS = tuple(sorted(KIND_GROUPS))
# What a region phrase ("Kupiansk raion", "Kherson region") may name: never a town.
AREA_KINDS = ("region", "area", "admin2", "admin3")
# Slavic regions are named with an adjective ("Donetska oblast", "Kharkovskaya oblast"); the adjective alone
# names the region in lists such as ACLED's, even where GeoNames also files it under the city.
ADJECTIVAL_ENDINGS = ("ska", "cka", "zka", "skaya", "skaja", "skaia", "ckaya", "zkaya")
ADJECTIVAL_REGION_QUALITY = 0.92
SKELETON_QUALITY = 0.78
SEAT_QUALITY = 0.85
FUZZY_QUALITY = 0.72
FUZZY_CUTOFF = 80.0
SKELETON_MIN_SIMILARITY = 0.6
FUZZY_MIN_SIMILARITY = 0.6
# The least spelling evidence, (skeleton ratio + key similarity) / 2, for a variant or fuzzy match to count
# as a confident answer; chosen on the UA variants dev set and typo / made-up name lists (see README).
CONFIDENT_MATCH = 0.86
GUESS_MARK = "guess, no confident match: "


@dataclass(frozen=True, slots=True)
class Hints:
    country: str | None = None  # ISO alpha-2
    near: tuple[float, float] | None = None  # (lat, lon)
    kind: str | None = None


def prior(importance: float) -> float:
    """How likely a bare mention of a name means a place of this importance, before any context."""
    return 0.55 + 0.45 * importance


def _strip_article(text: str) -> str:
    lowered = text.lower()
    for article in ("the ", "a "):
        if lowered.startswith(article) and len(text) > len(article) + 1:
            return text[len(article):]
    return text


def _similarity(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


@lru_cache(maxsize=200_000)
def query_parts(query: str) -> tuple[str, str, str, str]:
    """(text without a leading article, its key, the key with the article, the region-phrase base key)."""
    text = _strip_article(query.strip())
    base = region_base(text)
    key = name_key(text)
    if not base and region_word_stem(key):
        return text, key, name_key(query), key  # "Stanislavshchyna" is a region phrase on its own
    return text, key, name_key(query), name_key(base) if base else ""


_RIVER_PHRASE = re.compile(r"^(?:(.+?)\s+river|river\s+(.+))$", re.IGNORECASE)


@lru_cache(maxsize=20_000)
def river_key(query: str) -> str:
    """'Dnipro River', 'River Thames', 'the Danube river' -> the river's own name key ('' otherwise)."""
    if "river" not in query.lower():
        return ""
    match = _RIVER_PHRASE.match(_strip_article(query.strip()))
    return name_key(match.group(1) or match.group(2)) if match else ""


# Abbreviated first words, written out: "St. Petersburg" names what "Saint Petersburg" names.
_ABBREVIATED_WORDS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}


def expanded_key(key: str) -> str:
    """'st petersburg' -> 'saint petersburg'; '' when the key opens with no abbreviated word."""
    first, _, rest = key.partition(" ")
    return f"{_ABBREVIATED_WORDS[first]} {rest}" if rest and first in _ABBREVIATED_WORDS else ""


def lookup_keys(query: str) -> list[str]:
    """The name keys a query needs from the index: its own, its written-out form, and its base when it is a
    region or river phrase."""
    _text, key, full_key, base_key = query_parts(query)
    return [k for k in (full_key, key, expanded_key(key), base_key, river_key(query)) if k]


def _confident(ratio: float, similarity: float) -> bool:
    """Whether a variant or fuzzy match is spelling evidence enough (both measures in [0, 1])."""
    return (ratio + similarity) / 2.0 >= CONFIDENT_MATCH


def candidates_for(gazetteer: Gazetteer, query: str,
                   exact: dict[str, list[tuple[int, str, str]]] | None = None,
                   variants: bool = True, confident: bool = False) -> dict[int, tuple[float, str, str]]:
    """{pid: (match quality, reason, matched spelling)} before priors and hints.

    ``exact`` may carry the index rows for ``lookup_keys(query)`` fetched ahead for a whole batch.
    ``variants`` False keeps to exact names: the geoparser found the span by its exact key already.
    ``confident`` True drops variants and fuzzy matches below ``CONFIDENT_MATCH``.
    """
    text, key, full_key, base_key = query_parts(query)
    if not key:
        return {}
    found: dict[int, tuple[float, str, str]] = {}

    def offer(pid: int, quality: float, reason: str, spelling: str) -> None:
        if pid not in found or quality > found[pid][0]:
            found[pid] = (quality, reason, spelling)

    if exact is None:
        exact = gazetteer.by_keys(lookup_keys(query))
    if full_key != key:  # "The Hague", "The Gambia": the article belongs to the name
        for pid, spelling, how in exact.get(full_key, ()):
            offer(pid, MATCH_QUALITY[how], f"{HOW_WORDS[how]} '{spelling}'", spelling)
    for pid, spelling, how in exact.get(key, ()):
        # The same letters, apostrophes included (a headline's capitals aside), are better evidence than the same
        # normalised key.
        literal = 0.02 if spelling.casefold() == text.casefold() and how != "name" else 0.0
        quality = MATCH_QUALITY[how]
        if how == "region-base" and key.endswith(ADJECTIVAL_ENDINGS):
            quality = ADJECTIVAL_REGION_QUALITY  # "Donetska", "Kharkivska": the oblast's own word, not the city
        offer(pid, quality + literal, f"{HOW_WORDS[how]} '{spelling}'", spelling)
    for pid, spelling, how in exact.get(expanded_key(key), ()):
        offer(pid, MATCH_QUALITY["abbreviation"] * MATCH_QUALITY[how], f"{HOW_WORDS[how]} '{spelling}'", spelling)
    if base_key:
        # "Kyiv region" is a curated spelling of Kyiv Oblast: the city-region named Kyiv comes after it
        spelled_out = any(q >= MATCH_QUALITY["alias"] and gazetteer.row(pid)[Gazetteer.KIND] in AREA_KINDS
                          for pid, (q, _r, _s) in found.items())
        base_rows = exact.get(base_key, ())
        # "Leningrad region": the region whose own name or alias is Leningrad, well before the one that only
        # lists it among its other names (St Petersburg's)
        named_so = any(how in ("name", "alias", "abbreviation") and gazetteer.row(pid)[Gazetteer.KIND] in AREA_KINDS
                       for pid, _spelling, how in base_rows)
        for pid, spelling, how in base_rows:
            if gazetteer.row(pid)[Gazetteer.KIND] in AREA_KINDS:
                # "Washington state": the state named Washington, over the district also called so
                quality = 0.97 if how in ("name", "alias", "abbreviation") else 0.86 if named_so else 0.92
                if spelled_out and pid not in found:
                    quality = 0.9
                offer(pid, quality, f"region phrase '{text}' ({HOW_WORDS[how]} '{spelling}')", spelling)
            elif how in ("name", "alias"):  # "the Houston region": the city and its surroundings
                offer(pid, 0.8 * MATCH_QUALITY[how], f"the area around {HOW_WORDS[how]} '{spelling}'", spelling)
    # "Dnipro River", "River Thames": the river of that name (its curated names seldom carry the word)
    river = river_key(query)
    for pid, spelling, how in exact.get(river, ()) if river and river != key else ():
        if gazetteer.row(pid)[Gazetteer.KIND] == "river":
            offer(pid, 0.97 * MATCH_QUALITY[how], f"river '{text}' ({HOW_WORDS[how]} '{spelling}')", spelling)
    # "Stanislav oblast": a region word after the name of a region's main town that the region is not
    # named after (seats are kept only for countries whose regions are named so: not "Houston region").
    if base_key and \
            not any(gazetteer.row(pid)[Gazetteer.KIND] in AREA_KINDS for pid in found):
        bases = {base_key, *region_word_stem(base_key)}
        for pid in gazetteer.regions_seated_at(bases):
            offer(pid, SEAT_QUALITY, f"region phrase '{text}' (the region of its largest town)", text)
    if not variants or any(q >= 0.97 for q, _, _ in found.values()):
        return found  # a primary name or curated alias: variants of other names cannot beat it

    skels = [skeleton(key)] + ([skeleton(base_key)] if base_key else [])
    for skel_key, rows in gazetteer.by_skeletons(skels).items():
        is_base = bool(base_key) and skel_key == skels[-1] and skel_key != skels[0]
        for pid, spelling, how, spelling_key in rows:
            similarity = _similarity(base_key if is_base else key, spelling_key)
            if is_base and similarity >= SKELETON_MIN_SIMILARITY and gazetteer.place(pid).kind != "region":
                continue
            if similarity < SKELETON_MIN_SIMILARITY or (confident and not _confident(1.0, similarity)):
                continue  # the frames agree but the spellings do not: a coincidence, not a variant
            quality = SKELETON_QUALITY * (0.2 + 0.8 * similarity) * (0.9 if how == "region-base" else 1.0)
            if gazetteer.place(pid).kind == "country":
                quality *= 0.8  # transliteration varies local names; a country's exonym is spelled one way
            offer(pid, quality, f"spelling variant of '{spelling}' (similarity {similarity:.2f})", spelling)
    if found:
        return found

    choices, pids, keys = gazetteer.fuzzy_bucket(skels[0])
    for _choice, ratio, index in process.extract(skels[0], choices, scorer=fuzz.ratio, limit=25,
                                                 score_cutoff=FUZZY_CUTOFF):
        place = gazetteer.place(pids[index])
        similarity = _similarity(key, keys[index])
        if similarity < FUZZY_MIN_SIMILARITY or (confident and not _confident(ratio / 100.0, similarity)):
            continue
        quality = FUZZY_QUALITY * (0.5 * ratio / 100.0 + 0.5 * similarity)
        offer(pids[index], quality, f"fuzzy match {similarity:.2f} for '{place.name}'", keys[index])
    return found


@lru_cache(maxsize=100_000)
def _cached(gazetteer: Gazetteer, query: str, variants: bool,
            confident: bool = False) -> tuple[tuple[int, tuple[float, str, str]], ...]:
    return tuple(candidates_for(gazetteer, query, variants=variants, confident=confident).items())


def cached_candidates(gazetteer: Gazetteer, query: str, variants: bool = True,
                      confident: bool = False) -> dict[int, tuple[float, str, str]]:
    """``candidates_for`` remembered per query: news repeats its names, a corpus repeats them more."""
    return dict(_cached(gazetteer, query, variants, confident))


def _scores(gazetteer: Gazetteer, found: dict[int, tuple[float, str, str]], hints: Hints,
            region_phrase: bool = False) -> list[tuple[float, int, int]]:
    """(score, population, -pid) per candidate, best first; read from raw rows, no Place objects."""
    allowed = KIND_GROUPS.get(hints.kind or "", None)
    country = hints.country.upper() if hints.country else None
    g = Gazetteer
    scored = []
    for pid, (quality, _reason, _spelling) in found.items():
        row = gazetteer.row(pid)
        kind, place_country = row[g.KIND], row[g.COUNTRY]
        if allowed and kind not in allowed:
            continue
        score = quality * prior(row[g.IMPORTANCE])
        if region_phrase and kind not in AREA_KINDS:
            score *= 0.6
        if country and place_country and place_country != country:
            score *= 0.35
        if hints.near:
            score *= 0.5 + 0.5 * math.exp(-great_circle_km(hints.near, (row[g.LAT], row[g.LON])) / 300.0)
        scored.append((round(min(1.0, score), 4), row[g.POPULATION], -pid))
    scored.sort(reverse=True)
    return scored


def _candidates(gazetteer: Gazetteer, found: dict[int, tuple[float, str, str]],
                scored: list[tuple[float, int, int]], limit: int) -> list[Candidate]:
    return [Candidate(gazetteer.place(-neg), score, found[-neg][1], found[-neg][2])
            for score, _population, neg in scored[:limit]]


def rank(gazetteer: Gazetteer, found: dict[int, tuple[float, str, str]], hints: Hints, limit: int,
         region_phrase: bool = False) -> list[Candidate]:
    """The best ``limit`` candidates with their scores (match quality x prior x hints), best first."""
    scored = _scores(gazetteer, found, hints, region_phrase)
    gazetteer.prefetch(-neg for _score, _population, neg in scored[:limit])  # their Places in one query
    return _candidates(gazetteer, found, scored, limit)


def resolve(gazetteer: Gazetteer, query: str, *, country: str | None = None,
            near: tuple[float, float] | None = None, kind: str | None = None, limit: int = 5,
            confident: bool = False) -> list[Candidate]:
    """Ranked candidates for ``query``; an empty list when nothing matches (``confident``: see the module)."""
    hints = Hints(country=country, near=near, kind=kind)
    found = cached_candidates(gazetteer, query, confident=confident)
    return rank(gazetteer, found, hints, limit, region_phrase=bool(query_parts(query)[3]))


def resolve_many(gazetteer: Gazetteer, queries: list[str], *, country: str | None = None,
                 near: tuple[float, float] | None = None, kind: str | None = None, limit: int = 5,
                 confident: bool = False) -> list[list[Candidate]]:
    """``resolve`` for a batch: the exact-name rows of every query come from the index in a few queries."""
    with paused_gc():
        return _resolve_batch(gazetteer, queries, Hints(country=country, near=near, kind=kind), limit, confident)


def _resolve_batch(gazetteer: Gazetteer, queries: list[str], hints: Hints, limit: int,
                   confident: bool) -> list[list[Candidate]]:
    exact = gazetteer.by_keys(k for q in set(queries) for k in lookup_keys(q))
    scored: dict[str, tuple[dict, list]] = {}  # a batch repeats names: rank each once
    for query in queries:
        if query not in scored:
            found = candidates_for(gazetteer, query, exact, confident=confident)
            scored[query] = (found, _scores(gazetteer, found, hints, region_phrase=bool(query_parts(query)[3])))
    gazetteer.prefetch(-neg for _found, order in scored.values() for _s, _p, neg in order[:limit])
    ranked = {q: _candidates(gazetteer, found, order, limit) for q, (found, order) in scored.items()}
    return [ranked[q] for q in queries]


def mark_guesses(gazetteer: Gazetteer, query: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` of a resolve without ``confident``, each one a confident resolve would have dropped
    with its reason saying it is a guess."""
    sure = cached_candidates(gazetteer, query, confident=True)
    return [c if c.place.pid in sure else replace(c, reason=GUESS_MARK + c.reason) for c in candidates]


def suggestions(gazetteer: Gazetteer, query: str, limit: int = 3) -> list[str]:
    """Names of notable places whose spelling is nearest to ``query``, for a 'no match' message."""
    key = name_key(query)
    if not key:
        return []
    choices, pids, _keys = gazetteer.fuzzy_choices()
    names: list[str] = []
    for _choice, _ratio, index in process.extract(skeleton(key), choices, scorer=fuzz.ratio, limit=30):
        place = gazetteer.place(pids[index])
        label = f"{place.name} ({place.country})" if place.country else place.name
        if label not in names:
            names.append(label)
        if len(names) == limit:
            break
    return names
