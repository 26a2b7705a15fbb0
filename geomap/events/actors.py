"""Who acted, when the sentence says so: "Russian forces", "Ukrainian troops", "pro-Kremlin puppet authorities"."""

from __future__ import annotations

from dataclasses import dataclass

from geomap.events.phrases import PhraseIndex
from geomap.events.words import CueToken
from geomap.events.taxonomy import ActorRules


@dataclass(frozen=True, slots=True)
class Actor:
    first: int  # token range
    last: int
    text: str
    military: bool


_COMPILED: dict[int, tuple[ActorRules, tuple[PhraseIndex, PhraseIndex, PhraseIndex]]] = {}


def _indexes(rules: ActorRules) -> tuple[PhraseIndex, PhraseIndex, PhraseIndex]:
    """The rules' phrase indexes, built once per loaded taxonomy (the rules hold dicts, so no lru_cache)."""
    cached = _COMPILED.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    sides = PhraseIndex((words, None) for words in rules.sides)
    units = PhraseIndex([(tuple(u.split()), True) for u in rules.military]
                        + [(tuple(u.split()), False) for u in rules.civil])
    named = PhraseIndex([(words, False) for words in rules.named] + [(words, True) for words in rules.named_military])
    _COMPILED[id(rules)] = (rules, (sides, units, named))
    return sides, units, named


def find_actors(tokens: list[CueToken], text: str, rules: ActorRules, norms: list[str] | None = None
                ) -> list[Actor]:
    """Actors in token order, each named once (the first time). ``norms``: the tokens' norms, when made already."""
    sides, units, named = _indexes(rules)
    if norms is None:
        norms = [t.norm for t in tokens]
    unit_at: dict[int, list] = {}
    for match in units.find(tokens, norms):
        unit_at.setdefault(match.first, []).append(match)
    found: list[Actor] = []
    for side in sides.find(tokens, norms):
        best = None
        for start in range(side.last, min(len(tokens), side.last + rules.max_between + 1)):
            if any(not t.word for t in tokens[side.last:start + 1]):
                break
            for unit in unit_at.get(start, []):
                if best is None or unit.last > best.last:
                    best = unit
            if best is not None:
                break
        if best is not None:
            found.append(Actor(side.first, best.last, text[tokens[side.first].start:tokens[best.last - 1].end],
                               bool(best.payload)))
    for match in named.find(tokens, norms):
        found.append(Actor(match.first, match.last, text[tokens[match.first].start:tokens[match.last - 1].end],
                           match.payload))
    found.sort(key=lambda a: (a.first, -a.last))
    out, seen, covered = [], set(), -1
    for actor in found:
        if actor.first < covered:  # inside a longer actor already taken ("Ukraine's" in "Ukraine's armed forces")
            continue
        covered = actor.last
        key = actor.text.lower()
        if key not in seen:
            seen.add(key)
            out.append(actor)
    return out
