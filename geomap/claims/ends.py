"""The two ends of a distance claim: from a phrase of the article to the place it stands at, or near.

A phrase is a *point* end when it names a place that a single coordinate stands for ("Kyiv", "the
Zaporizhia plant", "the city of Kherson"). It is only an *anchor* when it names a part of a place or
something around it ("the reactors of the ... plant", "the border with Russia", "the coast of Crimea"), or
when the place is an area (a country, a region, a sea): a claim with such an end cannot be checked
against one coordinate, but the place still says where the text puts the incident.
The nouns and designators this reads ("plant", "the city of") are data, in ``data/claims.toml`` [ends].
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap import kinds as place_kinds
from geomap.claims.vocabulary import Vocabulary, alternation, load_vocabulary
from geomap.gazetteer import resolver
from geomap.document import Document
from geomap.geoparse import lexicon
from geomap.model import Mention

FACILITY_SEARCH_DEGREES = 0.3  # "the plant in Enerhodar" is within this of the town's point
TOWN_OVER_REGION = 0.85  # a town alternative this close to a region's score wins at a claim's end
LOOK_BACK_SENTENCES = 3  # how far back "the plant" may refer
LOOK_AHEAD_SENTENCES = 2
NAME_SENSES = 5  # the senses of a name the geoparser passed over that a claim's end weighs  # how far ahead a description ("Ukraine's second-largest nuclear power plant") may

_WORD = re.compile(r"[^\W_][\w’'-]*")
_EDGE = " \t\n,.;:"


@dataclass(frozen=True, slots=True)
class End:
    text: str  # the phrase as written, "" when the claim names no end
    start: int
    end: int
    mention: Mention | None  # the place the end is at (a point end) or near (an anchor)
    is_point: bool
    border: bool = False  # the phrase names a boundary line of the place ("the Oregon border")
    shore: str = ""  # "coast" or "river": the phrase names a line to measure to ("the coast", "the Dnipro")


@lru_cache(maxsize=4)
def _person_verb(vocab: Vocabulary) -> re.Pattern:
    return re.compile(rf"\s+(?:{alternation(vocab.person_verbs)})\b", re.IGNORECASE)


@lru_cache(maxsize=4)
def _located(vocab: Vocabulary) -> re.Pattern:
    """'the plant *in* Enerhodar', '*near the town of* Enerhodar': where a facility's town is named after it."""
    return re.compile(rf"\s+(?:{alternation(vocab.located)})\s+"
                      rf"(?:the\s+(?:{alternation(vocab.located_designators)})\s+of\s+)?")


def point_like(mention: Mention | None) -> bool:
    return mention is not None and mention.place is not None and mention.place.kind in place_kinds.POINTS


def _possessive(word: str) -> bool:
    return word.endswith(("’s", "'s"))


def _bare(text: str) -> str:
    """Without a possessive 's at either end: "Ukraine’s" -> "Ukraine", "’s city centre" -> " city centre"."""
    return re.sub(r"^[’']s\b|[’']s$", "", text)


class EndResolver:
    """Resolves phrases of one article, using its place mentions and its sentences."""

    def __init__(self, document: Document, sentence_starts: list[int], vocab: Vocabulary | None = None):
        self.vocab = vocab or load_vocabulary()
        self._located = _located(self.vocab)
        self._after_name = self.vocab.town_nouns | self.vocab.centre_nouns
        self.document = document
        self.doc = document.id
        self.text = document.text
        self.mentions = document.mentions
        self._starts = [m.start for m in self.mentions]
        self.sentence_starts = sentence_starts
        self.gazetteer = document.gazetteer
        self._surname_cache: frozenset[str] | None = None
        self._locative = False
        self._reference = False

    def is_person(self, mention: Mention | None) -> bool:
        """Whether the name at a claim's end is a person's: a person is never an end ("a 2008 Ford F-250 Berry
        was driving ... two miles south of Holliday" says where the truck was, not how far Berry is)."""
        if mention is None or not mention.text[:1].isupper():
            return False
        if _person_verb(self.vocab).match(self.text, mention.end):
            return True
        before = self.text[max(0, mention.start - 20):mention.start].split()
        if before and before[-1].lower().rstrip(".") in self.vocab.person_titles:
            return True
        return mention.text in self._surnames

    @property
    def _surnames(self) -> frozenset[str]:
        """Words the article writes after a given name ("Jeremy Berry"), found once per article."""
        if self._surname_cache is None:
            given = lexicon.given_names()
            self._surname_cache = frozenset(
                m.group(2) for m in re.finditer(r"\b([A-Z][a-z]+)\s+([A-Z][\w'’-]+)", self.text) if m.group(1) in given)
        return self._surname_cache

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def inside(self, start: int, end: int) -> list[Mention]:
        first, last = bisect.bisect_left(self._starts, start), bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[first:last] if m.end <= end]

    def past_mention(self, offset: int) -> int:
        """``offset``, or the end of the mention it falls inside: a phrase never ends within a place name.
        The geoparser's mentions do not overlap, so only the last one starting before ``offset`` can hold it."""
        k = bisect.bisect_left(self._starts, offset) - 1
        return self.mentions[k].end if k >= 0 and offset < self.mentions[k].end else offset

    def _near(self, sentence: int, back: int, ahead: int) -> list[Mention]:
        """The mentions that start from ``back`` sentences before ``sentence`` to ``ahead`` sentences after it."""
        starts = self.sentence_starts
        lo = starts[sentence - back] if sentence - back > 0 else 0
        hi = starts[sentence + ahead + 1] if sentence + ahead + 1 < len(starts) else len(self.text) + 1
        return self.mentions[bisect.bisect_left(self._starts, lo):bisect.bisect_left(self._starts, hi)]

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """The phrase without surrounding spaces, quotes, punctuation and a leading determiner."""
        while start < end and not self.text[start].isalnum():
            start += 1
        while end > start and not self.text[end - 1].isalnum():
            end -= 1
        first = _WORD.match(self.text, start)
        if first and first.group().lower() in self.vocab.determiners and first.end() < end:
            return self.trim(first.end(), end)
        return start, end

    def resolve(self, start: int, end: int, locative: bool = False, reference: bool = False) -> End:
        """The end a phrase names; its text is the phrase as written, determiners and quotes kept. ``locative``:
        the phrase follows a compass relation ("186 miles southeast of Alliance"), where a capitalised word is
        a place even when the geoparser passes it over as a common word or an organisation's. ``reference``: the
        phrase is the far end of a distance ("30 km from *the coast*"), which may be a coast or a river line."""
        written = self.text[start:end]
        lead = len(written) - len(written.lstrip(_EDGE))
        shown = written.strip(_EDGE)
        self._locative, self._reference = locative, reference
        try:
            found = self._resolve(start, end)
        finally:
            self._locative = self._reference = False
        return End(shown, start + lead, start + lead + len(shown), found.mention, found.is_point, found.border,
                   found.shore)

    def _resolve(self, start: int, end: int) -> End:
        start, end = self.trim(start, end)
        text = self.text[start:end]
        if not text:
            return End("", start, end, None, False)
        border = self._border(start, end, text)
        if border is not None:
            return border
        shore = self._shore(start, end, text) if self._reference else None
        if shore is not None:
            return shore
        whole = self._whole(start, end)
        if whole is not None:
            whole = self.town_for_region(whole)
            return End(text, start, end, whole, point_like(whole))
        named = self._proper_name(start, end, text)
        if named is not None:
            return End(text, start, end, named, point_like(named))
        of = re.search(r"\s+of\s+", text)
        if of:
            head = text[:of.start()].lower().split()[-1]
            inner = self._resolve(start + of.end(), end)
            keeps_point = head in self.vocab.designators and inner.is_point
            return End(text, start, end, inner.mention, keeps_point)
        words = text.split()
        head = words[-1].lower().strip("’'")
        if head in self.vocab.feature_nouns:
            found = self._feature(start, end, text, self.vocab.feature_nouns[head])
            if found is not None:
                return End(text, start, end, found, point_like(found))
        if head in self.vocab.part_nouns:
            found = self._antecedent(start, end, self.vocab.part_nouns[head], self._subtype(text), ahead=False)
            return End(text, start, end, found, False)
        if head in self.vocab.town_nouns and len(words) == 1:
            found = self._antecedent(start, end, "city", "", ahead=False)
            return End(text, start, end, found, point_like(found))
        inside = self.inside(start, end)
        return End(text, start, end, inside[-1] if inside else None, False)

    def _border(self, start: int, end: int, text: str) -> End | None:
        """'the Oregon border', 'the Russian border', 'the border with Belarus': a line of the region or country
        named in the phrase (by a mention or a demonym)."""
        words = [w.strip("’'").lower() for w in text.split()]
        if not set(words) & self.vocab.border_nouns and not self._border_phrase(words):
            return None
        for mention in reversed(self.inside(start, end)):
            if mention.place is not None and mention.place.kind in ("region", "country"):
                return End(text, start, end, mention, False, border=True)
        demonyms = lexicon.demonyms()
        for word in text.split():
            code = demonyms.get(_bare(word))
            place = self.country_place(code) if code else None
            if place is not None:
                return End(text, start, end, Mention(self.doc, start, end, text, place, 1.0,
                                                     reason=f"demonym '{word}'"), False, border=True)
        return None

    def _border_phrase(self, words: list[str]) -> bool:
        joined = f" {' '.join(words)} "
        return any(f" {phrase} " in joined for phrase in self.vocab.border_phrases)

    def _shore(self, start: int, end: int, text: str) -> End | None:
        """'the coast', 'the Black Sea coast', 'the Sea of Azov': the coast (of the sea named, if any);
        'the Dnieper River', 'the Dnipro' (a river of that name, written with "the", whatever the geoparser
        read), 'the river' (the river named last): the river's line."""
        words = [_bare(w).lower() for w in text.split()]
        of = words.index("of") if "of" in words else len(words)
        head = words[of - 1] if of > 0 else ""
        inside = self.inside(start, end)
        if head in self.vocab.coast_nouns:
            sea = next((m for m in reversed(inside) if m.place is not None and m.place.kind == "water"), None)
            return End(text, start, end, sea, False, shore="coast")
        river = next((m for m in reversed(inside) if m.place is not None and m.place.kind == "river"), None)
        if river is not None and (head in self.vocab.river_nouns or river.end == end):
            return End(text, start, end, river, False, shore="river")
        written = self.text[max(0, start - 4):start].lower()
        if written.endswith("the ") and len(words) <= 3 and text[:1].isupper():
            named = self._river_named(start, end, text)
            if named is not None:
                return End(text, start, end, named, False, shore="river")
        if len(words) == 1 and head in self.vocab.river_nouns:
            found = self._antecedent(start, end, "river", "", ahead=False)
            if found is not None:
                return End(text, start, end, found, False, shore="river")
        return None

    def _river_named(self, start: int, end: int, text: str) -> Mention | None:
        """The river a name spells exactly ("the Dnipro" is the river, not the city, at a distance's far end)."""
        for candidate in self.document.resolve_phrase(text, kind="river", country=None, limit=3):
            spelling = (candidate.matched or candidate.place.name).lower()
            if candidate.place.kind == "river" and spelling == text.lower() and candidate.place.wkt:
                return Mention(self.doc, start, end, text, candidate.place, candidate.score,
                               reason=f"a river at a distance's far end ({candidate.reason})")
        return None

    def country_place(self, code: str):
        """The gazetteer's country for an ISO code."""
        from geomap.gazetteer import country_field

        name = country_field(code, "name")
        found = self.document.resolve_phrase(name, kind="country", country=None) if name else []
        return next((c.place for c in found if c.place.country == code), None)

    def town_for_region(self, mention: Mention) -> Mention:
        """The town rather than the region of the same name ("Kyiv" the city, not Kyiv the city-region)
        when the geoparser found them about equally likely: a distance is measured from a town."""
        if mention.place.kind != "region" or set(mention.text.lower().split()) & lexicon.REGION_FOLLOWERS:
            return mention
        for alternative in mention.alternatives:
            if alternative.place.kind == "city" and alternative.score >= TOWN_OVER_REGION * mention.score:
                return Mention(mention.doc, mention.start, mention.end, mention.text, alternative.place,
                               alternative.score, reason=f"the town, not the region: {alternative.reason}")
        return mention

    def _proper_name(self, start: int, end: int, text: str) -> Mention | None:
        """A capitalised name the geoparser left out (a sentence opener such as "Mykolaiv is 60 km ..."),
        looked up by its exact spellings only: in a distance statement's end a name is most likely a place."""
        words = text.split()
        if len(words) > 1 and words[-1].lower() in self.vocab.town_nouns:  # "Zaporizhzhia city"
            words = words[:-1]
            text = " ".join(words)
        if self.inside(start, end) or len(words) > 4 or len(text) < 4 or not all(w[:1].isupper() for w in words):
            return None
        if text in lexicon.demonyms() or text in lexicon.given_names():
            return None
        if text in lexicon.not_places() and not (self._locative and len(words) == 1):
            return None
        candidates = [c for c in self.document.resolve_phrase(text, exact=True, limit=NAME_SENSES)
                      if c.place.kind in place_kinds.POINTS]
        if not candidates:
            return None
        chosen = self._in_named_region(candidates)
        return Mention(self.doc, start, end, text, chosen.place, chosen.score,
                       reason=f"name at a claim's end ({chosen.reason})",
                       alternatives=tuple(c for c in candidates if c is not chosen)[:3])

    def _in_named_region(self, candidates: list) -> object:
        """The best sense that lies in a region the article names ("Alliance" in a story that names Nebraska),
        else the best sense."""
        named = {m.place.name for m in self.mentions if m.place is not None and m.place.kind == "region"}
        return next((c for c in candidates if c.place.admin1 and c.place.admin1 in named), candidates[0])

    def _whole(self, start: int, end: int) -> Mention | None:
        """The mention the phrase consists of, allowing qualifiers before it ("occupied", "Ukraine's
        capital") and a designator after it ("Kherson city")."""
        inside = self.inside(start, end)
        if not inside:
            return None
        last = inside[-1]
        after = _bare(self.text[last.end:end].strip()).strip().lower()
        if after and after not in self._after_name:
            return None
        before = self.text[start:last.start].split()
        if len(before) > 4 or any(w.lower() == "of" for w in before):
            return None
        demonyms = lexicon.demonyms()
        for word in before:
            if not (word[:1].islower() or _possessive(word) or word in demonyms or word.endswith(",")):
                return None
        return last

    def _feature(self, start: int, end: int, text: str, kind: str) -> Mention | None:
        subtype = self._subtype(text)
        for mention in reversed(self.inside(start, end)):
            if _fits(mention, kind, subtype):
                return mention
        named = [w for w in text.split() if w[:1].isupper()]
        if named:
            for candidate in self.document.resolve_phrase(text, kind=kind, country=None, limit=3):
                spelling = (candidate.matched or candidate.place.name).lower()
                shares_a_name = any(_bare(w).lower()[:4] in spelling for w in named)
                if shares_a_name and _subtype_ok(candidate.place, subtype):
                    return Mention(self.doc, start, end, text, candidate.place, candidate.score,
                                   reason=f"phrase resolved ({candidate.reason})")
        located = self._facility_at_town(start, end, text, kind, subtype)
        if located is not None:
            return located
        return self._antecedent(start, end, kind, subtype, ahead=True)

    def _facility_at_town(self, start: int, end: int, text: str, kind: str, subtype: str) -> Mention | None:
        """'the nuclear plant in Enerhodar': the nearest facility of the kind to the town named next."""
        where = self._located.match(self.text, end)
        if not where:
            return None
        town = next((m for m in self.inside(where.end(), where.end() + 60)
                     if m.start == where.end() and m.place.kind == "city"), None)
        if town is None:
            return None
        kinds = resolver.KIND_GROUPS.get(kind, (kind,))
        nearby = [p for p in self.gazetteer.places_near(town.place.lat, town.place.lon, FACILITY_SEARCH_DEGREES, kinds)
                  if _subtype_ok(p, subtype)]
        if not nearby:
            return None
        place = min(nearby, key=lambda p: ((p.lat - town.place.lat) ** 2 + (p.lon - town.place.lon) ** 2, p.pid))
        return Mention(self.doc, start, end, text, place, town.score, reason=f"the {kind} at '{town.text}'")

    def _subtype(self, text: str) -> str:
        for word in text.lower().split():
            if word in self.vocab.subtypes:
                return self.vocab.subtypes[word]
        return ""

    def _antecedent(self, start: int, end: int, kind: str, subtype: str, ahead: bool) -> Mention | None:
        """The nearest earlier mention of a place of this kind within a few sentences, else (for a
        description, ``ahead``) the nearest later one: news often describes a place before naming it."""
        here = self.sentence_of(start)
        kinds = resolver.KIND_GROUPS.get(kind, (kind,))
        fits = [m for m in self._near(here, LOOK_BACK_SENTENCES, LOOK_AHEAD_SENTENCES)
                if m.place.kind in kinds and _subtype_ok(m.place, subtype)]
        earlier = [m for m in fits if m.end <= start and here - self.sentence_of(m.start) <= LOOK_BACK_SENTENCES]
        found = earlier[-1] if earlier else None
        if found is None and ahead:
            later = [m for m in fits if m.start >= end and self.sentence_of(m.start) - here <= LOOK_AHEAD_SENTENCES]
            found = later[0] if later else None
        if found is None:
            return None
        return Mention(self.doc, start, end, self.text[start:end], found.place, found.score,
                       reason=f"refers to '{found.text}' at {found.start}")


def _subtype_ok(place, subtype: str) -> bool:
    return not subtype or place.kind != "plant" or place.fcode == subtype


def _fits(mention: Mention, kind: str, subtype: str) -> bool:
    kinds = resolver.KIND_GROUPS.get(kind, (kind,))
    return mention.place is not None and mention.place.kind in kinds and _subtype_ok(mention.place, subtype)
