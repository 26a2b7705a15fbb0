"""The incident taxonomy: event types, their cues and weights, and the rules for places and dates.

Everything an analyst may want to tune lives in ``data/events.toml``; this module only reads it, checks it and
turns it into lookup structures. A broken file is reported in one line that names it.
"""

from __future__ import annotations

import re

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from geomap.errors import InputError
from geomap.events.words import phrase_words
from geomap.resources import DATA, load_toml

DEFAULT_PATH = DATA / "events.toml"
_FALLBACKS = ("context", "demonym")


class TaxonomyError(InputError):
    """The taxonomy file is missing or malformed."""


@dataclass(frozen=True, slots=True)
class Cue:
    phrase: str  # as written in the file
    words: tuple[str, ...]
    weight: float
    type: str
    group: str


@dataclass(frozen=True, slots=True)
class EventType:
    name: str
    label: str
    order: int
    acled: str
    threshold: float
    default_subtype: str
    subtypes: dict[str, str]  # name -> label
    group_subtype: dict[str, str | None]  # cue group -> the subtype it chooses (None: shared evidence)
    require: tuple[tuple[frozenset[str], ...], ...]  # alternatives; each a list of any-of group sets
    ignore: tuple[tuple[str, ...], ...]
    fallback: tuple[str, ...]  # where a placeless incident looks: "context", "demonym"
    background: frozenset[str] = frozenset()  # cue groups that stand only when the sentence reports nothing else
    origin: tuple[tuple[str, ...], ...] = ()  # phrases before a place that make it where the act came from, not
    # its target ("from", "launch areas")
    country_level: bool = True  # may an incident of this type be placed at a whole country?
    at_sea: bool = False  # ...or at a sea? ("Ship Hit by Missile in Red Sea" is no place to map; sailors killed are)
    yielding: frozenset[str] = frozenset()  # subtypes chosen only when the cues name no other ("explosion")


@dataclass(frozen=True, slots=True)
class Negative:
    name: str
    factor: float
    exempt: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class ActorRules:
    sides: tuple[tuple[str, ...], ...]
    military: frozenset[str]
    civil: frozenset[str]
    named: tuple[tuple[str, ...], ...]
    named_military: tuple[tuple[str, ...], ...]  # named groups that fight ("the Russians shelled", "Hamas")
    boost: dict[str, float]
    max_between: int


@dataclass(frozen=True, slots=True)
class MapSide:
    """A side an incident's actors can be on, for the map's colours: its first actor that starts with one of
    ``actors`` (whole words, any case) puts it there."""

    key: str
    label: str
    color: str  # #rgb or #rrggbb
    actors: tuple[str, ...]

    def takes(self, actor: str) -> bool:
        text = " ".join(actor.lower().split())
        return any(text == a or text.startswith(a + " ") for a in self.actors)


def side_of(actors, sides: tuple[MapSide, ...]) -> MapSide | None:
    """The side of the first actor that one of ``sides`` takes, or None."""
    for actor in actors:
        for side in sides:
            if side.takes(actor):
                return side
    return None


@dataclass(frozen=True, slots=True)
class WhereRules:
    specificity: dict[str, float]
    locative: tuple[tuple[str, ...], ...]
    filler: frozenset[str]
    geo_nouns: frozenset[str]
    speech: tuple[tuple[str, ...], ...]
    actor_before: tuple[tuple[str, ...], ...]
    actor_after: tuple[tuple[str, ...], ...]
    demonym_not_place: frozenset[str]
    campaign_nouns: frozenset[str]
    byline: tuple[str, ...]  # lower-case substrings
    institutions: dict[tuple[str, ...], str]  # suffix words -> kind
    sites: dict[tuple[str, ...], str]  # site words -> site kind
    site_lookup: dict[str, tuple[str, ...]]
    site_max_km: float
    coordination: frozenset[str]
    list_nouns: frozenset[str]
    clause_breaks: tuple[tuple[str, ...], ...]
    district_words: frozenset[str] = frozenset()
    organisation_words: frozenset[str] = frozenset()
    parallel_locatives: frozenset[str] = frozenset()
    reference_words: tuple[tuple[str, ...], ...] = ()  # "near", "south of": a second place locating the first
    reference_filler: frozenset[str] = frozenset()
    destination_verbs: frozenset[str] = frozenset()  # "taken to Mykolaiv": a destination, not an incident place
    office_titles: frozenset[str] = frozenset()  # "Kharkiv Mayor Ihor Terekhov": the speaker's town
    direction_words: tuple[tuple[str, ...], ...] = ()  # "a drone heading towards Belbek": where it was going


@dataclass(frozen=True, slots=True)
class Taxonomy:
    path: Path
    threshold: float
    max_gap: int
    negation_window: int
    context_factor: float
    context_sentences: int
    types: dict[str, EventType]  # in legend order
    cues: tuple[Cue, ...]
    negatives: tuple[Negative, ...]
    actors: ActorRules
    where: WhereRules
    future: tuple[tuple[str, ...], ...]
    plans: tuple[tuple[str, ...], ...]  # phrases that make their clause a plan, dated or not
    history_days: int | None = None  # an incident the text dates this long before the article is background
    labels: dict[str, str] = field(default_factory=dict)  # type -> legend label
    map_sides: tuple[MapSide, ...] = ()  # [actors.map_side.*]: the map's "colour by side" setting
    together: tuple[tuple[str, ...], ...] = ()  # types one incident may be reported as, most telling first


def load_taxonomy(path: str | Path | None = None) -> Taxonomy:
    """The taxonomy in ``path`` (default ``data/events.toml``), read once per path."""
    return _load(Path(path) if path else DEFAULT_PATH)


@lru_cache(maxsize=8)
def _load(path: Path) -> Taxonomy:
    return load_toml(path, "the event taxonomy", TaxonomyError, lambda data: _build(path, data))


def _table(data: dict, key: str, where: str) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise ValueError(f"[{where}] must be a table")
    return value


def _words_list(value, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where} must be a list of non-empty strings")
    return value


def _phrases(value, where: str) -> tuple[tuple[str, ...], ...]:
    out = []
    for entry in _words_list(value, where):
        words = phrase_words(entry)
        if not words or words[0] in ("...", "^") or words[-1] == "..." or words == ("#",):
            raise ValueError(f"{where}: {entry!r} has no words to match")
        out.append(words)
    return tuple(out)


def _fraction(value, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= float(value) <= 1.0:
        raise ValueError(f"{where} must be a number from 0 to 1, not {value!r}")
    return float(value)


def _build(path: Path, data: dict) -> Taxonomy:
    scoring = _table(data, "scoring", "scoring")
    tiers = {name: _fraction(w, f"[scoring] tiers.{name}")
             for name, w in _table(scoring, "tiers", "scoring.tiers").items()}
    threshold = _fraction(scoring.get("threshold", 0.6), "[scoring] threshold")
    types: dict[str, EventType] = {}
    cues: list[Cue] = []
    raw_types = _table(data, "types", "types")
    if not raw_types:
        raise ValueError("[types] defines no event types")
    for name, raw in raw_types.items():
        where = f"types.{name}"
        if not isinstance(raw, dict):
            raise ValueError(f"[{where}] must be a table")
        subtypes = raw.get("subtypes")
        if not isinstance(subtypes, dict) or not subtypes or not all(isinstance(v, str) for v in subtypes.values()):
            raise ValueError(f"[{where}] subtypes must be a table of subtype = \"label\"")
        default = raw.get("default_subtype")
        if default not in subtypes:
            raise ValueError(f"[{where}] default_subtype {default!r} is not one of its subtypes")
        group_subtype: dict[str, str | None] = {}
        background: set[str] = set()
        for group, body in _table(raw, "cues", f"{where}.cues").items():
            gwhere = f"{where}.cues.{group}"
            if not isinstance(body, dict):
                raise ValueError(f"[{gwhere}] must be a table")
            chosen = body.get("subtype", group if group in subtypes else None)
            if chosen is not None and chosen not in subtypes:
                raise ValueError(f"[{gwhere}] subtype {chosen!r} is not one of [{where}] subtypes")
            group_subtype[group] = chosen
            if not isinstance(body.get("background", False), bool):
                raise ValueError(f"[{gwhere}] background must be true or false")
            if body.get("background"):
                background.add(group)
            for tier, phrases in body.items():
                if tier in ("subtype", "background"):
                    continue
                if tier not in tiers:
                    raise ValueError(f"[{gwhere}] {tier!r} is not a tier; use one of {', '.join(tiers)}")
                for phrase, words in zip(_words_list(phrases, f"[{gwhere}] {tier}"),
                                         _phrases(phrases, f"[{gwhere}] {tier}")):
                    cues.append(Cue(phrase, words, tiers[tier], name, group))
        require = []
        for alternative in raw.get("require", []):
            conditions = [alternative] if isinstance(alternative, str) else alternative
            if not isinstance(conditions, list) or not conditions or not all(isinstance(c, str) for c in conditions):
                raise ValueError(f"[{where}] require entries must be group names or lists of them")
            sets = []
            for condition in conditions:
                groups = frozenset(g.strip() for g in condition.split("|"))
                unknown = sorted(groups - set(group_subtype))
                if unknown:
                    raise ValueError(f"[{where}] require names unknown cue group {unknown[0]!r}")
                sets.append(groups)
            require.append(tuple(sets))
        fallback = tuple(raw.get("place_fallback", ["context", "demonym"]))
        if not set(fallback) <= set(_FALLBACKS):
            raise ValueError(f"[{where}] place_fallback may only list {', '.join(_FALLBACKS)}")
        yielding = frozenset(_words_list(raw.get("yielding_subtypes", []), f"[{where}] yielding_subtypes"))
        if not yielding <= set(subtypes):
            raise ValueError(f"[{where}] yielding_subtypes names an unknown subtype")
        types[name] = EventType(
            name=name, label=str(raw.get("label") or name), order=int(raw.get("order", len(types) + 1)),
            acled=str(raw.get("acled", "")),
            threshold=_fraction(raw.get("threshold", threshold), f"[{where}] threshold"),
            default_subtype=default, subtypes=dict(subtypes), group_subtype=group_subtype, require=tuple(require),
            ignore=_phrases(raw.get("ignore", []), f"[{where}] ignore"), fallback=fallback,
            background=frozenset(background), country_level=_flag(raw.get("country_level", True),
                                                                  f"[{where}] country_level"),
            at_sea=_flag(raw.get("at_sea", False), f"[{where}] at_sea"),
            origin=tuple(_phrases(raw.get("origin_words", []), f"[{where}] origin_words")), yielding=yielding)
    types = dict(sorted(types.items(), key=lambda kv: (kv[1].order, kv[0])))
    negatives = []
    for name, raw in _table(data, "negative", "negative").items():
        exempt = frozenset(raw.get("exempt", []))
        if not exempt <= set(types):
            raise ValueError(f"[negative.{name}] exempt names an unknown type")
        negatives.append(Negative(name, _fraction(raw.get("factor"), f"[negative.{name}] factor"), exempt,
                                  _phrases(raw.get("words"), f"[negative.{name}] words")))
    return Taxonomy(
        path=path, threshold=threshold, max_gap=int(scoring.get("max_gap", 3)),
        negation_window=int(scoring.get("negation_window", 6)),
        context_factor=_fraction(scoring.get("context_factor", 0.8), "[scoring] context_factor"),
        context_sentences=int(scoring.get("context_sentences", 2)), types=types, cues=tuple(cues),
        negatives=tuple(negatives), actors=_actors(_table(data, "actors", "actors"), types),
        where=_where(_table(data, "where", "where")),
        future=_phrases(data.get("when", {}).get("future", []), "[when] future"),
        plans=_phrases(data.get("when", {}).get("plans", []), "[when] plans"),
        history_days=_days(data.get("when", {}).get("history_days"), "[when] history_days"),
        labels={name: t.label for name, t in types.items()}, together=_together(data.get("merge", {}), types),
        map_sides=_map_sides(_table(data, "actors", "actors").get("map_side", {})))


_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def _map_sides(raw) -> tuple[MapSide, ...]:
    if not isinstance(raw, dict):
        raise ValueError("[actors.map_side] must be tables of label, color and actors")
    sides = []
    for key, table in raw.items():
        where = f"[actors.map_side.{key}]"
        if not isinstance(table, dict) or not isinstance(table.get("label", key), str):
            raise ValueError(f"{where} must have a label, a color and actors")
        color = table.get("color")
        if not isinstance(color, str) or not _HEX.fullmatch(color):
            raise ValueError(f"{where} color must be #rgb or #rrggbb, not {color!r}")
        actors = table.get("actors")
        if not isinstance(actors, list) or not actors or not all(isinstance(a, str) and a.strip() for a in actors):
            raise ValueError(f"{where} actors must be a list of actor names")
        sides.append(MapSide(str(key), table.get("label", key), color.lower(),
                             tuple(" ".join(a.lower().split()) for a in actors)))
    return tuple(sides)


def _flag(value, where: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{where} must be true or false, not {value!r}")
    return value


def _days(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where} must be a whole number of days, not {value!r}")
    return value


def _together(raw: dict, types: dict[str, EventType]) -> tuple[tuple[str, ...], ...]:
    groups = raw.get("together", [])
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise ValueError("[merge] together must be a list of lists of type names")
    seen: set[str] = set()
    for group in groups:
        for entry in group:
            name, _, subtype = str(entry).partition("/")
            if name not in types or subtype and subtype not in types[name].subtypes:
                raise ValueError(f"[merge] together names unknown type or subtype {entry!r}")
        named = {str(entry) for entry in group}
        if seen & named:
            raise ValueError("[merge] together lists a type or subtype in two groups")
        seen |= named
    return tuple(tuple(g) for g in groups)


def _single_words(value, where: str) -> frozenset[str]:
    return frozenset(w for phrase in _phrases(value, where) for w in phrase)


def _actors(raw: dict, types: dict[str, EventType]) -> ActorRules:
    boost = {k: _fraction(v, f"[actors] boost.{k}") for k, v in raw.get("boost", {}).items()}
    if not set(boost) <= set(types):
        raise ValueError("[actors] boost names an unknown type")
    return ActorRules(
        sides=_phrases(raw["sides"], "[actors] sides"),
        military=frozenset(" ".join(p) for p in _phrases(raw["military"], "[actors] military")),
        civil=frozenset(" ".join(p) for p in _phrases(raw["civil"], "[actors] civil")),
        named=_phrases(raw.get("named", []), "[actors] named"),
        named_military=_phrases(raw.get("named_military", []), "[actors] named_military"), boost=boost,
        max_between=int(raw.get("max_between", 2)))


def _where(raw: dict) -> WhereRules:
    specificity = raw["specificity"]
    if not isinstance(specificity, dict) or not all(isinstance(v, (int, float)) for v in specificity.values()):
        raise ValueError("[where] specificity must map place kinds to numbers")
    sites = {phrase_words(k): v for k, v in raw.get("sites", {}).items()}
    lookup = {k: tuple(_words_list(v, f"[where] site_lookup.{k}")) for k, v in raw.get("site_lookup", {}).items()}
    if not set(sites.values()) <= set(lookup):
        raise ValueError("[where] sites names a site kind that site_lookup lacks")
    return WhereRules(
        specificity={k: float(v) for k, v in specificity.items()},
        locative=_phrases(raw["locative"], "[where] locative"),
        filler=_single_words(raw["filler"], "[where] filler"),
        geo_nouns=_single_words(raw["geo_nouns"], "[where] geo_nouns"),
        speech=_phrases(raw["speech"], "[where] speech"),
        actor_before=_phrases(raw.get("actor_before", []), "[where] actor_before"),
        actor_after=_phrases(raw.get("actor_after", []), "[where] actor_after"),
        demonym_not_place=frozenset(" ".join(p) for p in _phrases(raw.get("demonym_not_place", []),
                                                                  "[where] demonym_not_place")),
        campaign_nouns=_single_words(raw.get("campaign_nouns", []), "[where] campaign_nouns"),
        byline=tuple(b.lower() for b in _words_list(raw["byline"], "[where] byline")),
        institutions={phrase_words(k): str(v) for k, v in raw.get("institutions", {}).items()},
        sites=sites, site_lookup=lookup, site_max_km=float(raw.get("site_max_km", 100)),
        coordination=frozenset(" ".join(phrase_words(c)) for c in _words_list(raw["coordination"],
                                                                              "[where] coordination")),
        list_nouns=_single_words(raw.get("list_nouns", []), "[where] list_nouns"),
        clause_breaks=_phrases(raw["clause_breaks"], "[where] clause_breaks"),
        district_words=_single_words(raw.get("district_words", []), "[where] district_words"),
        organisation_words=_single_words(raw.get("organisation_words", []), "[where] organisation_words"),
        parallel_locatives=_single_words(raw.get("parallel_locatives", []), "[where] parallel_locatives"),
        reference_words=_phrases(raw.get("reference_words", []), "[where] reference_words"),
        reference_filler=_single_words(raw.get("reference_filler", []), "[where] reference_filler"),
        destination_verbs=_single_words(raw.get("destination_verbs", []), "[where] destination_verbs"),
        office_titles=_single_words(raw.get("office_titles", []), "[where] office_titles"),
        direction_words=_phrases(raw.get("direction_words", []), "[where] direction_words"))
