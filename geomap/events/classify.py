"""From a sentence to typed incident candidates: which cues fired, how sure they make us, which subtype.

A sentence is read once: every cue of every type is found, cues overlapping a type's `ignore` phrases are dropped,
a cue inside a longer cue of the same type is dropped (so "missile strike" counts once, not three times), and a
hedge, condition or denial in the few words before a cue, in its clause, scales the cue's weight down. Each type
then adds up its own evidence; a sentence may yield several types, or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

from geomap.events.actors import Actor, find_actors
from geomap.events.phrases import GAP, NAME, NUMBER, PhraseIndex
from geomap.events.words import WORD, CueToken, word_norms
from geomap.events.taxonomy import Cue, EventType, Taxonomy

HARD_BREAK = 1.0
SOFT_BREAK = 0.5
_HARD_PUNCT = {";", ":", "—", "–", "(", ")", ".", "!", "?"}
_SOFT_PUNCT = {",", '"'}
_BREAK_WEIGHTS = {**dict.fromkeys(_SOFT_PUNCT, SOFT_BREAK), **dict.fromkeys(_HARD_PUNCT, HARD_BREAK)}
# Month names that are also common words: capitalised inside a sentence they are months, not "march" or "may".
_MONTH_WORDS = {"march", "may"}


@dataclass(frozen=True, slots=True)
class Hit:
    cue: Cue
    first: int  # token range [first, last)
    last: int
    start: int  # character span in the article
    end: int
    weight: float  # the cue's weight after any hedge
    hedge: str = ""  # the word that scaled it down


@dataclass(frozen=True, slots=True)
class Verdict:
    type: str
    subtype: str
    confidence: float
    hits: tuple[Hit, ...]


@dataclass(slots=True)
class Reading:
    """What one sentence says, before any place or date is chosen."""

    tokens: list[CueToken]
    hits: dict[str, list[Hit]]  # type -> its cues that fired, in text order
    actors: list[Actor]
    breaks: list[float]  # per token: HARD_BREAK, SOFT_BREAK or 0 where a clause may end

    @property
    def military(self) -> bool:
        return any(a.military for a in self.actors)

    def gap(self, a: int, b: int) -> float:
        """Clause breaks between token positions a and b (either order), a comma or quote counting half."""
        lo, hi = min(a, b), max(a, b)
        return sum(self.breaks[lo:hi])

    def hard_breaks(self, a: int, b: int) -> int:
        lo, hi = min(a, b), max(a, b)
        return sum(1 for value in self.breaks[lo:hi] if value >= HARD_BREAK)


@dataclass(frozen=True, slots=True)
class _Compiled:
    cues: PhraseIndex
    ignore: PhraseIndex
    negatives: PhraseIndex
    breaks: PhraseIndex
    # a word of every cue that has whole words -> the words each such cue needs, the cue, and whether it could
    # reach a verdict alone (_may_reach_verdict of it)
    needs: dict[str, list[tuple[frozenset[str], Cue, bool]]]
    stem_cues: tuple[tuple[str, Cue], ...]  # ...a stem of each cue whose words all end in "*", and the cue
    keyless: bool  # a cue of punctuation alone: any sentence may fire it


_COMPILED: dict[int, tuple[Taxonomy, _Compiled]] = {}


def _compiled(taxonomy: Taxonomy) -> _Compiled:
    cached = _COMPILED.get(id(taxonomy))
    if cached is not None and cached[0] is taxonomy:
        return cached[1]
    compiled = _Compiled(
        cues=PhraseIndex(((cue.words, cue) for cue in taxonomy.cues), taxonomy.max_gap),
        ignore=PhraseIndex(((words, (name, _literal_words(words))) for name, t in taxonomy.types.items()
                            for words in t.ignore), taxonomy.max_gap),
        negatives=PhraseIndex(((words, neg) for neg in taxonomy.negatives for words in neg.phrases)),
        breaks=PhraseIndex(((words, None) for words in taxonomy.where.clause_breaks)),
        **_key_words(taxonomy))
    _COMPILED[id(taxonomy)] = (taxonomy, compiled)
    return compiled


def _key_words(taxonomy: Taxonomy) -> dict:
    """The whole words each cue needs, under its longest word (the rarer: "sky" of "in the sky"); a stem of each
    cue that has none."""
    needs: dict[str, list[tuple[frozenset[str], Cue, bool]]] = {}
    stems, keyless = [], False
    for cue in taxonomy.cues:
        whole = [w for w in cue.words if w not in (GAP, NAME, NUMBER) and not w.endswith("*") and WORD.fullmatch(w)]
        if whole:
            key = max(reversed(whole), key=len)  # the last of the longest
            needs.setdefault(key, []).append((frozenset(whole), cue, _may_reach_verdict([cue], taxonomy)))
        elif any(w.endswith("*") and len(w) > 1 for w in cue.words):
            stems.append((next(w[:-1] for w in cue.words if w.endswith("*") and len(w) > 1), cue))
        else:
            keyless = True
    return {"needs": needs, "stem_cues": tuple(stems), "keyless": keyless}


def may_fire(text: str, start: int, end: int, taxonomy: Taxonomy) -> bool:
    """Can cues in ``text[start:end]`` reach a verdict? False when no cue has all its whole words among the words
    there (nor its stem in it), or when those that have could not reach any type's threshold all together at
    their full weights (``_may_reach_verdict``): most sentences, which then need no tokens and no reading."""
    compiled = _compiled(taxonomy)
    found = word_norms(text, start, end)
    if found is None or compiled.keyless:
        return True
    lowered, words = found
    needs = compiled.needs
    # Every cue that may match here: a superset of those reading finds, so its bound is no lower than theirs. One
    # that could reach a verdict alone settles it (most sentences of a report of incidents have one).
    present = []
    for key in needs.keys() & words:
        for needed, cue, alone in needs[key]:
            if needed <= words:
                if alone:
                    return True
                present.append(cue)
    present += [cue for stem, cue in compiled.stem_cues if stem in lowered]
    return bool(present) and _may_reach_verdict(present, taxonomy)


def with_months(tokens: list[CueToken]) -> list[CueToken]:
    """The tokens as a reading has them: "May" or "March" capitalised inside a sentence is a month ("#may")."""
    norms = [t.norm for t in tokens]
    if _MONTH_WORDS.isdisjoint(norms):
        return tokens
    return [t._replace(norm="#" + t.norm) if i and t.cap and t.norm in _MONTH_WORDS else t
            for i, t in enumerate(tokens)]


def read_sentence(tokens: list[CueToken], text: str, taxonomy: Taxonomy, reportable_only: bool = False) -> Reading:
    """What the sentence says. ``reportable_only``: a sentence none of whose types can reach a verdict, whatever
    its hedges and actors, comes back with no hits (a caller that only classifies it needs no more)."""
    compiled = _compiled(taxonomy)
    # Every sentence is read, most of them report nothing: the tokens' norms are made once for all the phrase
    # indexes, and the per-token steps are whole-list operations.
    norms = [t.norm for t in tokens]
    if not _MONTH_WORDS.isdisjoint(norms):
        tokens = with_months(tokens)
        norms = [t.norm for t in tokens]
    breaks = list(map(_BREAK_WEIGHTS.get, norms, repeat(0.0)))
    for match in compiled.breaks.find(tokens, norms):
        breaks[match.first] = max(breaks[match.first], HARD_BREAK)
    cues = compiled.cues.find(tokens, norms)
    if not cues or reportable_only and not _may_reach_verdict([match.payload for match in cues], taxonomy):
        return Reading(tokens, {}, [], breaks)  # most sentences: nothing to weigh
    ignored: dict[str, list[tuple[int, int, int]]] = {}
    for match in compiled.ignore.find(tokens, norms):
        name, literal = match.payload
        ignored.setdefault(name, []).append((match.first, match.last, literal))
    negations = compiled.negatives.find(tokens, norms)
    by_type: dict[str, list[Hit]] = {}
    for match in cues:
        cue: Cue = match.payload
        # A cue that spans a whole ignore phrase and names more words says more than it: "repelled ... attack" is
        # ground fighting, "repelling a drone attack" (the cue "repel* ... drone attack*") still a drone strike.
        if any(a < match.last and match.first < b and not (match.first <= a and b <= match.last
                                                          and _literal_words(cue.words) > literal)
               for a, b, literal in ignored.get(cue.type, [])):
            continue
        weight, hedge = _hedged(cue, match.first, tokens, breaks, negations, taxonomy)
        by_type.setdefault(cue.type, []).append(
            Hit(cue, match.first, match.last, tokens[match.first].start, tokens[match.last - 1].end, weight, hedge))
    hits = {name: _outermost(found) for name, found in by_type.items()}
    return Reading(tokens, hits, find_actors(tokens, text, taxonomy.actors, norms), breaks)


_ROUNDING = 0.001  # judge rounds confidences to three places: a bound this far below a threshold is below it


def _may_reach_verdict(cues: list[Cue], taxonomy: Taxonomy) -> bool:
    """Can some type reach its threshold with these cues, each at its full weight and with a military actor in the
    sentence? An upper bound of ``judge``: hedges, ignored phrases and cues inside longer ones only take weight
    away, and an actor's boost only adds. False for most sentences with a cue (one weak cue). (A bound within
    ``_ROUNDING`` of a threshold is far below what ``judge`` rounds up to it: the order the weights are
    multiplied in does not matter.)"""
    best: dict[str, dict[str, float]] = {}  # type -> cue phrase -> its weight
    for cue in cues:
        if not 0.0 <= cue.weight <= 1.0:
            return True  # no bound: let judge decide
        phrases = best.setdefault(cue.type, {})
        phrases[cue.phrase] = max(phrases.get(cue.phrase, 0.0), cue.weight)
    for name, phrases in best.items():
        doubt = 1.0 - min(1.0, max(0.0, taxonomy.actors.boost.get(name, 0.0)))
        for weight in phrases.values():
            doubt *= 1.0 - weight
        if 1.0 - doubt + _ROUNDING >= taxonomy.types[name].threshold:
            return True
    return False


def _literal_words(words: tuple[str, ...]) -> int:
    """The words a phrase names, without its gaps, name and number slots."""
    return sum(1 for w in words if w not in (GAP, NAME, NUMBER))


def _hedged(cue: Cue, first: int, tokens: list[CueToken], breaks: list[float], negations, taxonomy: Taxonomy
            ) -> tuple[float, str]:
    """The cue's weight after the strongest hedge in the words before it (same clause), and that hedge."""
    window_start = first
    while window_start > 0 and first - window_start < taxonomy.negation_window and not breaks[window_start - 1]:
        window_start -= 1
    weight, hedge = cue.weight, ""
    for match in negations:
        negative = match.payload
        if cue.type in negative.exempt or match.first < window_start or match.first >= first:
            continue
        if cue.weight * negative.factor < weight:
            weight = cue.weight * negative.factor
            hedge = " ".join(t.norm for t in tokens[match.first:match.last])
    return weight, hedge


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Drop cues that lie inside a longer cue of the same type; keep text order."""
    hits = sorted(hits, key=lambda h: (h.first, -h.last, -h.cue.weight))
    kept: list[Hit] = []
    for hit in hits:
        if any(k.first <= hit.first and hit.last <= k.last for k in kept):
            continue
        kept.append(hit)
    return kept


def judge(hits: list[Hit] | tuple[Hit, ...], etype: EventType, taxonomy: Taxonomy, military: bool = False
          ) -> Verdict | None:
    """The verdict for one type on these cues, or None when they do not reach its threshold or requirement."""
    hits = [h for h in hits if h.weight > 0]
    if not hits:
        return None
    groups = {h.cue.group for h in hits}
    if etype.require and not any(all(condition & groups for condition in alternative)
                                 for alternative in etype.require):
        return None
    distinct: dict[str, Hit] = {}
    for hit in hits:  # a cue said twice is still one piece of evidence
        if hit.cue.phrase not in distinct or hit.weight > distinct[hit.cue.phrase].weight:
            distinct[hit.cue.phrase] = hit
    doubt = 1.0
    for hit in distinct.values():
        doubt *= 1.0 - hit.weight
    if military:
        doubt *= 1.0 - taxonomy.actors.boost.get(etype.name, 0.0)
    confidence = round(1.0 - doubt, 3)
    if confidence < etype.threshold:
        return None
    return Verdict(etype.name, _subtype(distinct.values(), etype), confidence, tuple(hits))


def _subtype(hits, etype: EventType) -> str:
    weight: dict[str, float] = {}
    for hit in hits:
        chosen = etype.group_subtype.get(hit.cue.group)
        if chosen:
            weight[chosen] = weight.get(chosen, 0.0) + hit.weight
    if not weight:
        return etype.default_subtype
    # "attacked Lutsk with drones, causing fires": the fire is what the drone did; the weapon names the strike
    if any(s not in etype.yielding and s != etype.default_subtype for s in weight):
        weight = {s: w for s, w in weight.items() if s not in etype.yielding}
    order = list(etype.subtypes)
    return max(weight, key=lambda s: (round(weight[s], 6), -order.index(s)))


def classify(reading: Reading, taxonomy: Taxonomy, types: set[str] | None = None) -> list[Verdict]:
    """Every type the sentence reports, strongest first (ties in legend order)."""
    if not reading.hits:
        return []  # no cue fired: no type reaches a verdict (most sentences)
    verdicts = []
    for name, etype in taxonomy.types.items():
        if types is not None and name not in types or name not in reading.hits:
            continue  # (a type none of whose cues fired has no verdict)
        verdict = judge(reading.hits[name], etype, taxonomy, reading.military)
        if verdict:
            verdicts.append(verdict)
    if len(verdicts) > 1:
        # A background fact ("Russian forces in Kherson") is no incident of its own beside one the sentence reports.
        verdicts = [v for v in verdicts if not _background_only(v, taxonomy)] or verdicts
    order = list(taxonomy.types)
    verdicts.sort(key=lambda v: (-v.confidence, order.index(v.type)))
    return verdicts


def _background_only(verdict: Verdict, taxonomy: Taxonomy) -> bool:
    background = taxonomy.types[verdict.type].background
    return bool(background) and all(h.cue.group in background for h in verdict.hits if h.weight > 0)
