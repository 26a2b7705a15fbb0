"""Distance statements in an article: each length figure that says how far one thing is from another.

A figure becomes a claim only when a distance relation follows it ("from", "west of", "away", "apart",
"within ... of", "a 30-km zone around") or when the sentence frames it as one ("the distance between X
and Y is ..."). Then the reference is the phrase after the relation and the subject is, in order: the
other end of "from X to Y" / "between X and Y" / "X and Y are ... apart"; the place the figure is in
apposition to ("Z, 30 km from ..."); the subject of the clause ("X ... is about 250 miles west of Y");
the nearest place named before the figure in the same clause.

The words all this looks for (relation words, compass words, the words at which a phrase or a clause ends)
are data, in ``data/claims.toml`` (see ``vocabulary.py``); the patterns they fill stay here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from geomap import kinds as place_kinds
from geomap.claims import borders, shores
from geomap.claims import figures as figs
from geomap.claims.ends import End, EndResolver, point_like
from geomap.claims.vocabulary import Vocabulary, alternation, load_vocabulary
from geomap.document import Document
from geomap.geodesy import COMPASS_BEARINGS
from geomap.geoparse.recognize import Token
from geomap.model import Article, DistanceClaim, Mention

# Words that join a claim's two ends, matched where a phrase ends (never on a copy of the rest of the text).
_AND = re.compile(r"\s+and\s+")
_TO = re.compile(r"\s+to\s+")
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)\b")
_OF_OR_FROM = re.compile(r"\s+(?:of|from)\b", re.IGNORECASE)
_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
# Two figures of one point: "21 km from Kyiv and 5 km from Bucha", "33 km from Gaziantep about 26 km from Nurdagi".
_COORDINATION = re.compile(r"\s*(?:,|,?\s*and|,?\s*but|,?\s*or)?\s*", re.IGNORECASE)
_PHRASE_TOKEN = re.compile(r"[^\W_][\w’'.-]*|\S")
_STOP_PUNCT = set(",;:!?()[]{}—–\"“”")
APPOSITION_WORDS = 7


@dataclass(frozen=True, slots=True)
class _Patterns:
    tail: re.Pattern  # a relation after a figure: "away", "north-west of", "from", "across the river from"
    zone: re.Pattern  # "a 30-km exclusion zone around the plant": a noun a figure measures out from a place
    distance_between: re.Pattern  # "the distance between X and Y is ..." before a figure
    compass: re.Pattern  # one compass word


@lru_cache(maxsize=4)
def _patterns(vocab: Vocabulary) -> _Patterns:
    """The relation patterns with one vocabulary's relation words (data/claims.toml [relations])."""
    compass = alternation(vocab.directions)
    direction = rf"(?:{compass})(?:[- ]?(?:{compass})){{0,2}}"
    # "NE of Gilroy": capitals only, so "a" or "e" in running text is never a compass point
    abbreviated = "|".join(sorted((a.upper() for a in vocab.compass_abbreviations), key=len, reverse=True))
    direction = rf"(?:{direction}|(?-i:{abbreviated or '(?!)'}))"
    relation = alternation(vocab.prepositions | vocab.away | vocab.apart | {"between"})
    # "upstream of", "across the river from": measured from the place all the same
    via = rf"(?:{alternation(vocab.along)})\s+(?:of|from)|across\s+the\s+(?:{alternation(vocab.across)})\s+from"
    tail = re.compile(
        rf"""\s*(?:(?P<away>{alternation(vocab.away)})\s*)?
        (?:(?:(?:{alternation(vocab.direction_leads)})\s+)?(?P<direction>{direction})(?:wards?)?(?![\w-])\s*)?
        (?P<prep>{relation}|(?P<via>{via}))?(?![\w])""",
        re.IGNORECASE | re.VERBOSE)
    zone = re.compile(rf"\s*(?:[\w-]+\s+){{0,2}}?(?P<noun>{alternation(vocab.zone_nouns)})"
                      rf"\s+(?P<prep>{alternation(vocab.zone_prepositions)})(?![\w])", re.IGNORECASE)
    distance_between = re.compile(r"\bdistance\s+(?:between|from)\s+(?P<a>[^,;]+?)\s+(?:and|to)\s+(?P<b>[^,;]+?)\s+"
                                  rf"(?:{alternation(vocab.distance_verbs)})\s*$", re.IGNORECASE)
    return _Patterns(tail, zone, distance_between, re.compile(compass))


def direction_code(words: str) -> str:
    """'north-east' -> 'NE', 'west southwest' -> 'WSW'; '' when the words are no compass point."""
    vocab = load_vocabulary()
    if words.isupper() and words.lower() in vocab.compass_abbreviations:
        return words if words in COMPASS_BEARINGS else ""
    code = "".join(vocab.directions[w] for w in _patterns(vocab).compass.findall(words.lower()))
    return code if code in COMPASS_BEARINGS else ""


class _Sentence:
    def __init__(self, start: int, end: int, tokens: list[Token]):
        self.start, self.end, self.tokens = start, end, tokens
        self.token_ends = [t.end for t in tokens]  # in order: the tokens before a figure are found by bisection


class _Sentences:
    """The article's sentences as the one splitter cuts them (the geoparser's tokens carry its numbers). Every
    sentence's start is known; its Token objects are made only for the sentences that hold a figure: a long
    article has a million tokens and a few hundred figures."""

    def __init__(self, tokens):
        self.tokens = tokens
        numbers = self.tokens.sentences
        self.ranges: list[tuple[int, int]] = []  # the token index range of each sentence
        first = 0
        while first < len(numbers):
            last = bisect.bisect_right(numbers, numbers[first], first)
            self.ranges.append((first, last))
            first = last
        self.starts = [self._start(first, last) for first, last in self.ranges]

    def __len__(self) -> int:
        return len(self.ranges)

    def _start(self, first: int, last: int) -> int:
        # A closing quote after the full stop belongs to the sentence before, not to the quote of this one.
        texts, words = self.tokens.texts, self.tokens.words
        opener = next((k for k in range(first, last) if words[k] or texts[k][0].isdigit() or texts[k] in "“\"‘("),
                      first)
        return self.tokens.starts[opener]

    def sentence(self, index: int) -> _Sentence:
        first, last = self.ranges[index]
        return _Sentence(self.starts[index], self.tokens.ends[last - 1], self.tokens[first:last])


def extract_claims(document: Document) -> list[DistanceClaim]:
    """Every distance claim in a geoparsed article (a ``geomap.document.Document``), in text order."""
    article = document.article
    sentences = _Sentences(document.tokens)
    if not len(sentences):
        return []
    vocab = load_vocabulary()
    ends = EndResolver(document, sentences.starts, vocab)
    claims: list[DistanceClaim] = []
    read: tuple[int, _Sentence] | None = None  # the last sentence read: figures of one sentence share it
    figures = figs.find_figures(article.text)
    figure_starts = frozenset(f.start for f in figures)
    for figure in figures:
        index = ends.sentence_of(figure.start)
        if read is None or read[0] != index:
            read = index, sentences.sentence(index)
        previous = claims[-1] if claims and claims[-1].end <= figure.start else None
        claim = _Reader(article, ends, read[1], figure, previous, vocab, figure_starts).claim()
        if claim is not None:
            claims.append(claim)
    return claims


class _Reader:
    """Reads one figure's sentence for the relation and the two ends."""

    def __init__(self, article: Article, ends: EndResolver, sentence: _Sentence, figure: figs.Figure,
                 previous: DistanceClaim | None, vocab: Vocabulary, figure_starts: frozenset[int] = frozenset()):
        self.article, self.text, self.ends = article, article.text, ends
        self.figure_starts = figure_starts  # a phrase after a relation ends where another figure starts
        self.vocab, self.patterns = vocab, _patterns(vocab)
        self.sentence, self.figure = sentence, figure
        self.before = sentence.tokens[:bisect.bisect_right(sentence.token_ends, figure.start)]
        self.previous = previous  # the claim just before, for "X, 21 km from A and 5 km from B"

    def claim(self) -> DistanceClaim | None:
        relation = self._relation()
        if relation is None:
            return None
        prep, direction, tail_end, zone_end = relation
        figure = self.figure
        reference = subject = None
        span_end = tail_end
        if zone_end is not None:  # "a 30-km exclusion zone around X": the zone is the subject, not a place
            subject = End(self.text[figure.start:zone_end], figure.start, zone_end, None, False)
        if prep == "between":
            first_end = self._phrase_end(tail_end)
            reference = self.ends.resolve(tail_end, first_end)
            and_match = _AND.match(self.text, first_end)
            if and_match:
                span_end = self._phrase_end(and_match.end())
                subject = self.ends.resolve(and_match.end(), span_end)
        elif prep in ("apart", "distance"):
            subject, reference = self._pair()
        elif prep == "separate":  # "50 km separate Bakhmut from Kramatorsk"
            subject_end = self._phrase_end(tail_end)
            subject = self.ends.resolve(tail_end, subject_end)
            from_match = _FROM.match(self.text, subject_end)
            span_end = subject_end
            if from_match:
                span_end = self._phrase_end(from_match.end())
                reference = self.ends.resolve(from_match.end(), span_end, reference=True)
        elif prep == "inland":  # "the town lies 30 km inland": from the coast
            reference = End(self.text[figure.end:tail_end].strip(), figure.end, tail_end, None, False, shore="coast")
        elif prep:
            span_end = self._phrase_end(tail_end)
            reference = self.ends.resolve(tail_end, span_end, locative=bool(direction), reference=True)
            if prep in self.vocab.edge:
                reference = End(reference.text, reference.start, reference.end, reference.mention, False)
            to_match = _TO.match(self.text, span_end)
            if prep == "from" and to_match:
                to_end = self._phrase_end(to_match.end())
                subject = self.ends.resolve(to_match.end(), to_end)
                span_end = to_end
        else:
            reference = self._leading_from()
        if subject is None:
            subject = self._subject(reference)
        subject, reference = self._no_person(subject), self._no_person(reference)
        if subject is not None and reference is not None and subject.mention and reference.mention \
                and subject.mention.place == reference.mention.place:
            subject = End(subject.text, subject.start, subject.end, None, False)
        if not prep and not direction and self._a_reach(subject, reference):
            return None
        self._direction = direction
        line = self._line(subject, reference)
        return DistanceClaim(
            doc=self.article.id, start=figure.start, end=max(span_end, figure.end),
            phrase=self.text[figure.start:max(span_end, figure.end)],
            quote=self.text[self.sentence.start:self.sentence.end], value=figure.value, value_max=figure.value_max,
            unit=figure.unit, hedge=figure.hedge, direction=direction,
            subject=subject.mention if subject else None, reference=reference.mention if reference else None,
            subject_text=subject.text if subject else "", reference_text=reference.text if reference else "",
            quantity=figure.quantity, subject_is_point=bool(subject and subject.is_point),
            reference_is_point=bool(reference and reference.is_point),
            reference_line=line.wkt if line else "", reference_line_slack_m=line.slack_m if line else 0.0,
            reference_line_label=line.label if line else "")

    def _line(self, subject: End | None, reference: End | None) -> borders.BorderLine | None:
        """The line a border, coast or river end names, seen from the subject: the Oregon border from a
        Californian town is the Oregon-California line; the coast, the stretch of coast nearest the town."""
        if reference is None or subject is None or not point_like(subject.mention):
            return None
        other = subject.mention.place
        if reference.shore == "coast":
            sea = reference.mention.place if reference.mention is not None else None
            toward = COMPASS_BEARINGS[self._direction] if self._direction else None
            return shores.coast_line(self.ends.gazetteer, other.lat, other.lon, sea, toward)
        if reference.shore == "river":
            return shores.river_line(reference.mention.place)
        if not reference.border:
            return None
        named = reference.mention.place
        if named.kind == "region":
            if named.name == other.admin1:  # "the Colorado-Nebraska state line" seen from Nebraska
                named = next((m.place for m in self.ends.inside(reference.start, reference.end)
                              if m.place is not None and m.place.kind == "region" and m.place.name != other.admin1),
                             named)
            return borders.region_line(named.name, other.admin1) if other.admin1 else None
        home = self.ends.country_place(other.country) if other.country else None
        return borders.country_line(named, home) if home is not None else None

    # --- the relation ------------------------------------------------------------------------------------

    def _relation(self) -> tuple[str, str, int, int | None] | None:
        """(preposition or '' or 'apart' or 'distance', compass code, where the reference phrase starts,
        where a measured-out zone's noun ends)."""
        figure = self.figure
        zone = self.patterns.zone.match(self.text, figure.end)
        if zone and zone.end() <= self.sentence.end:
            return zone.group("prep").lower(), "", zone.end(), zone.end("noun")
        if figure.adjective:
            return None  # "a 40-mile convoy", "a 300-yard stretch": a length, not a distance between ends
        tail = self.patterns.tail.match(self.text, figure.end)
        comma = re.compile(r"\s*,").match(self.text, figure.end)
        if comma and not (tail.group("prep") or tail.group("direction") or tail.group("away")):
            tail = self.patterns.tail.match(self.text, comma.end()) or tail  # "roughly 100 km, south of Donetsk"
        prep = " ".join((tail.group("prep") or "").lower().split())
        direction = direction_code(tail.group("direction") or "")
        if tail.group("direction") and not direction:
            return None
        if prep in self.vocab.away:
            prep = ""
        elif tail.group("via"):
            prep = "from"  # "upstream of", "across the river from": measured from the place all the same
        if prep == "of" and not (direction or "upper bound" in figs.hedge_class(figure.hedge)):
            return None  # "30 km of road", "hundreds of metres of trenches"
        if prep in self.vocab.apart:
            return "apart", "", tail.end(), None
        word = _WORD_AFTER.match(self.text, figure.end)
        if word and not prep and not direction and not tail.group("away"):
            lowered = word.group(1).lower()
            if lowered in self.vocab.separate:
                return "separate", "", word.end(), None
            if lowered in self.vocab.inland and not _OF_OR_FROM.match(self.text, word.end()):
                return "inland", "", word.end(), None
        if prep or direction or tail.group("away"):
            return prep, direction, tail.end(), None
        if self.patterns.distance_between.search(self.text, self.sentence.start, figure.start):
            return "distance", "", figure.end, None
        return None

    # --- phrases -----------------------------------------------------------------------------------------

    def _phrase_end(self, start: int, max_words: int = 10) -> int:
        """Where the noun phrase starting at ``start`` ends: at punctuation, a clause word or a preposition,
        but never inside a place name ("Bosnia and Herzegovina")."""
        end = start
        words = 0
        for match in _PHRASE_TOKEN.finditer(self.text, start, self.sentence.end):
            token = match.group()
            lowered = token.lower().rstrip(".")
            if match.start() in self.figure_starts:
                break
            if token in _STOP_PUNCT or lowered in self.vocab.phrase_stops or lowered in self.vocab.verbs:
                break
            if token == "." and words:
                break
            words += 1
            end = match.end()
            if words >= max_words:
                break
        return self._named_after_comma(start, self.ends.past_mention(end))

    def _named_after_comma(self, start: int, end: int) -> int:
        """'the capital, Kyiv': a designator and the name that follows it after a comma are one phrase."""
        words = self.text[start:end].lower().split()
        comma = re.compile(r"\s*,\s*").match(self.text, end)
        if not words or words[-1] not in self.vocab.named_after_comma or not comma:
            return end
        for mention in self.ends.inside(comma.end(), self.sentence.end):
            return mention.end if mention.start == comma.end() else end
        return end

    def _clause_start(self) -> int:
        """Index into ``self.before`` of the first token of the figure's clause. A relative clause closed by
        a comma before the figure is an aside, not the figure's clause: "The plant, which is Europe's
        largest, is about ..."."""
        closed = False
        for i in range(len(self.before) - 1, -1, -1):
            token = self.before[i]
            if token.text == ",":
                closed = True
            if token.lower in self.vocab.relatives and closed and i > 0 and self.before[i - 1].text == ",":
                closed = False
                continue
            if token.text in (";", ":", "—", "–", "(") or token.lower in self.vocab.clause_starts:
                return i + 1
        return 0

    def _leading(self) -> tuple[int, tuple[int, int] | None]:
        """Skip a clause's opening words and prepositional phrase ("In Moscow, ...", "From Kyiv, ...").
        Returns the index of the subject's first token and the span of a leading "from X" phrase."""
        tokens, i = self.before, self._clause_start()
        while i < len(tokens) and (tokens[i].lower in self.vocab.leading_words or tokens[i].text == ","):
            i += 1
        if i < len(tokens) and tokens[i].lower in self.vocab.leading_preps:
            for j in range(i + 1, min(i + 10, len(tokens))):
                if tokens[j].text == ",":
                    from_span = (tokens[i + 1].start, tokens[j - 1].end) if tokens[i].lower == "from" else None
                    return j + 1, from_span
        return i, None

    def _leading_from(self) -> End | None:
        _, from_span = self._leading()
        return self.ends.resolve(*from_span) if from_span else None

    def _noun_phrase(self) -> tuple[int, int] | None:
        tokens = self.before
        first, _ = self._leading()
        last = None
        for i in range(first, len(tokens)):
            token = tokens[i]
            lowered = token.lower
            if not token.word and token.text not in "“”\"'’-":
                break
            if lowered in self.vocab.verbs or lowered in self.vocab.np_stops \
                    or (token.text.islower() and lowered.endswith("ly") and len(lowered) > 4):
                break
            last = i
        if last is None:
            return None
        return tokens[first].start, tokens[last].end

    # --- the subject -------------------------------------------------------------------------------------

    def _pair(self) -> tuple[End | None, End | None]:
        """The two ends of "X and Y are 50 km apart" and "the distance between X and Y is 50 km"."""
        between = self.patterns.distance_between.search(self.text, self.sentence.start, self.figure.start)
        if between:
            return (self.ends.resolve(between.start("b"), between.end("b")),
                    self.ends.resolve(between.start("a"), between.end("a")))
        phrase = self._noun_phrase()
        if phrase is None:
            return None, None
        text = self.text[phrase[0]:phrase[1]]
        split = re.search(r"\s+and\s+", text)
        if not split:
            return self.ends.resolve(*phrase), None
        return (self.ends.resolve(phrase[0], phrase[0] + split.start()),
                self.ends.resolve(phrase[0] + split.end(), phrase[1]))

    def _subject(self, reference: End | None) -> End | None:
        shared = self._shared_subject()
        if shared is not None:
            return shared
        apposed, after_preposition = self._apposition()
        if apposed is not None and not after_preposition:
            return apposed
        phrase = self._noun_phrase()
        found = self.ends.resolve(*phrase) if phrase else None
        if found is not None and found.mention is not None:
            return found
        if apposed is not None:  # "hit targets in Lviv, 70 km from ...": Lviv, as the clause names no place
            return apposed
        nearest = self._nearest_mention(reference)
        if nearest is not None:
            return self._end_at(nearest)
        if phrase is None:
            return self._main_clause_place() or found
        return found

    def _a_reach(self, subject: End | None, reference: End | None) -> bool:
        """'The missile can target locations up to 300 km away': no place at either end and a word of
        capability in the clause make the figure a weapon's reach."""
        if any(end is not None and end.mention is not None for end in (subject, reference)):
            return False
        return any(t.lower in self.vocab.capability for t in self.before[self._clause_start():])

    def _no_person(self, end: End | None) -> End | None:
        if end is not None and self.ends.is_person(end.mention):
            return End(end.text, end.start, end.end, None, False)
        return end

    def _main_clause_place(self) -> End | None:
        """For a figure that opens its sentence ("About 20 km south of Bakhmut, Russian forces captured
        Klishchiivka"), the first place the rest of the sentence names."""
        comma = self.text.find(",", self.figure.end, self.sentence.end)
        if comma < 0:
            return None
        for mention in self.ends.inside(comma, self.sentence.end):
            mention = self.ends.town_for_region(mention)
            if mention.place.kind not in place_kinds.NOT_POINTS:
                return self._end_at(mention)
        return None

    def _shared_subject(self) -> End | None:
        """The subject of the claim this one is coordinated with: '21 km from Kyiv and 5 km from Bucha'."""
        previous = self.previous
        if previous is None or previous.start < self.sentence.start:
            return None
        if not _COORDINATION.fullmatch(self.text, previous.end, self.figure.start):
            return None
        mention = previous.subject
        return End(previous.subject_text, mention.start if mention else 0, mention.end if mention else 0, mention,
                   previous.subject_is_point)

    def _end_at(self, mention: Mention) -> End:
        mention = self.ends.town_for_region(mention)
        return End(mention.text, mention.start, mention.end, mention, point_like(mention))

    def _apposition(self) -> tuple[End | None, bool]:
        """'Z, 30 km from ...', 'Z, a town some 30 km from ...', 'Z, which lies 30 km ...', 'Z 30 km south of';
        and whether Z follows a preposition ("lies on the Dnipro, 60 miles from ..."), which makes it more
        likely a place the subject is at than the subject itself."""
        tokens = self.before
        if not tokens:
            return None, False
        adjacent = self._mention_ending_at(tokens[-1].end)
        if adjacent is not None:
            return self._end_at(adjacent), self._after_preposition(adjacent)
        for back, token in enumerate(reversed(tokens)):
            if token.text == ",":
                found = self._name_ending_at(len(tokens) - back - 2)
                return found, found is not None and self._after_preposition(found)
            if back >= APPOSITION_WORDS or not token.word or self._mention_ending_at(token.end):
                break
            vocab = self.vocab
            if (token.lower in vocab.verbs or token.lower in vocab.clause_starts) and token.lower not in vocab.linking:
                break
        return None, False

    def _after_preposition(self, named) -> bool:
        words = [t for t in self.before if t.end <= named.start][-3:]
        words = [t for t in words if t.lower not in self.vocab.place_fillers]
        return bool(words) and words[-1].lower in self.vocab.place_prepositions

    def _mention_ending_at(self, end: int) -> Mention | None:
        for mention in self.ends.inside(self.sentence.start, end + 1):
            if mention.end == end and mention.place.kind not in place_kinds.NOT_POINTS:
                return mention
        return None

    def _name_ending_at(self, index: int) -> End | None:
        """The place named by the mention or the run of capitalised words ending at token ``index``."""
        if index < 0:
            return None
        tokens = self.before
        mention = self._mention_ending_at(tokens[index].end)
        if mention is not None:
            return self._end_at(mention)
        first = index
        while first > 0 and index - first < 3 and tokens[first - 1].cap:
            first -= 1
        if not tokens[index].cap:
            return self._town_ending_at(index)
        found = self.ends.resolve(tokens[first].start, tokens[index].end)
        return found if found.mention is not None and found.mention.place.kind not in place_kinds.NOT_POINTS else None

    def _town_ending_at(self, index: int) -> End | None:
        """'The town, which lies 6 miles north of Bakhmut': "the town" is the town named just before."""
        tokens = self.before
        if index < 1 or tokens[index].lower not in self.vocab.town_nouns \
                or tokens[index - 1].lower not in self.vocab.determiners:
            return None
        found = self.ends.resolve(tokens[index - 1].start, tokens[index].end)
        return found if found.mention is not None else None

    def _nearest_mention(self, reference: End | None) -> Mention | None:
        first, _from_span = self._leading()
        if first >= len(self.before):
            return None
        clause_start = self.before[first].start
        for mention in reversed(self.ends.inside(clause_start, self.figure.start)):
            mention = self.ends.town_for_region(mention)
            if mention.place.kind in place_kinds.NOT_POINTS or self.ends.is_person(mention):
                continue
            if reference is not None and reference.mention is not None \
                    and mention.place == reference.mention.place:
                continue
            return mention
        return None
