"""One article as the stages after the geoparser read it: made once, handed to the incident and claim readers.

A ``Document`` holds the text, its sentences (the one splitter), the geoparser's tokens, the place mentions
and the document focus, and it is the one way any stage resolves a phrase that the geoparser did not take as
a place ("the Donetsk People's Republic", "the Zaporizhzhia plant", a name that opens a sentence): the same
gazetteer, the same focus country, the same thresholds. Stages never parse the article again.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from geomap.gazetteer import resolver
from geomap.gazetteer.index import Gazetteer
from geomap.geoparse.disambiguate import top_country
from geomap.model import Article, Candidate, Mention
from geomap.sentences import Sentence, split_sentences
from geomap.spans import Spans

PHRASE_MIN_SCORE = 0.5  # a phrase resolved below this is no place
EXACT_MIN_SCORE = 0.55  # ...and by its exact spellings only (no fuzzy match), a little higher: no context helps it
SPELLING_MIN_RATIO = 90  # a phrase "spelled" as the place: this close to the spelling that matched (rapidfuzz ratio)


@dataclass(eq=False)
class Document:
    article: Article
    gazetteer: Gazetteer
    tokens: object  # geoparse.recognize.Tokens
    sentences: list[Sentence]
    mentions: list[Mention]  # resolved, in text order, not overlapping
    focus: Counter  # country code -> weight of evidence
    _spans: Spans | None = field(default=None, repr=False)

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    @cached_property
    def focus_country(self) -> str | None:
        """The country the article is most about, when any."""
        return top_country(self.focus)

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, offset: int) -> int:
        """The index of the sentence holding ``offset`` (the one before, between sentences)."""
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    @cached_property
    def mention_spans(self) -> Spans:
        return Spans([m.start for m in self.mentions], [m.end for m in self.mentions])

    def resolve_phrase(self, query: str, *, kind: str | None = None, exact: bool = False, spelled: bool = False,
                       country: str | None = "focus", limit: int = 1, min_ratio: float = SPELLING_MIN_RATIO
                       ) -> list[Candidate]:
        """Places a phrase of this article may name, best first, each above the shared threshold.

        ``exact`` looks up the phrase's own spellings only (a capitalised name the geoparser passed over);
        otherwise aliases, spelling variants and fuzzy matches count too. ``spelled`` asks instead for the
        phrase to be a spelling of the place itself, whatever its score ("southern Ukraine nuclear plant" is
        the South Ukraine plant; "Kyiv nuclear plant" is nothing). ``country`` "focus" prefers the article's
        focus country; None prefers none. ``min_ratio`` is how close a ``spelled`` phrase must be (rapidfuzz
        ratio to the spelling that matched).
        """
        if exact:
            found = resolver.cached_candidates(self.gazetteer, query, variants=False)
            ranked = resolver.rank(self.gazetteer, found, resolver.Hints(), limit)
            if kind is not None:
                kinds = resolver.KIND_GROUPS.get(kind, (kind,))
                ranked = [c for c in ranked if c.place.kind in kinds]
            return [c for c in ranked if c.score >= EXACT_MIN_SCORE]
        prefer = self.focus_country if country == "focus" else country
        ranked = resolver.resolve(self.gazetteer, query, kind=kind, country=prefer, limit=limit)
        if spelled:
            from rapidfuzz import fuzz

            return [c for c in ranked if fuzz.ratio(query.lower(), c.matched.lower()) >= min_ratio]
        return [c for c in ranked if c.score >= PHRASE_MIN_SCORE]


def read_document(article: Article, gazetteer: Gazetteer, focus: str | None = None,
                  sentences: list[Sentence] | None = None) -> Document:
    """Tokens, sentences, mentions and focus of one article: the geoparse every later stage shares. ``focus``
    is a country (ISO alpha-2) the corpus is about, weighed with what the article itself names. ``sentences``
    may carry ``split_sentences(article.text)``, made already."""
    from geomap.geoparse import geoparse
    from geomap.geoparse.recognize import tokenize

    if sentences is None:
        sentences = split_sentences(article.text)  # once: the tokens' sentence numbers come from the same split
    tokens = tokenize(article.text, sentences)
    mentions, found = geoparse(article, gazetteer, tokens, focus)
    return Document(article, gazetteer, tokens, sentences, mentions, found)
