"""Geoparsing: every place mention in an article, found with offsets and resolved in context."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from geomap.gazetteer.index import Gazetteer
from geomap.geoparse import lexicon
from geomap.geoparse.disambiguate import MIN_SCORE, Choice, candidates, document_focus, rescore
from geomap.geoparse.recognize import find_spans, tokenize
from geomap.model import Article, Mention


def _demonym_evidence(tokens) -> Counter:
    table = lexicon.demonyms()
    counts: Counter = Counter()
    for token in tokens:
        code = table.get(token.text)
        if code:
            counts[code] += 1
    return counts


def parse_article(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], Counter]:
    """The article's place mentions in text order, and the document focus (country code -> weight).

    The last few articles' results are remembered: mentions, incidents and distance checks each read the
    same article, and `geomap map` asks for all three.
    """
    mentions, focus_ = _parse_remembered(article, gazetteer)
    return list(mentions), Counter(dict(focus_))


@lru_cache(maxsize=64)
def _parse_remembered(article: Article, gazetteer: Gazetteer) -> tuple[tuple[Mention, ...], tuple]:
    mentions, focus_ = _parse(article, gazetteer)
    return tuple(mentions), tuple(focus_.items())


def _parse(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], Counter]:
    tokens = tokenize(article.text)
    spans = find_spans(article.text, gazetteer, tokens)
    choices: dict[tuple[str, frozenset], Choice] = {}  # one sense per name (and kind cue) per document
    for span in spans:
        choice = choices.get((span.query, span.kind_cue))
        if choice is None:
            choice = choices[(span.query, span.kind_cue)] = Choice(span.query, candidates(gazetteer, span.query),
                                                                   set(), kind_cue=span.kind_cue)
        choice.sentences.add(span.sentence)
    focus = document_focus(list(choices.values()), _demonym_evidence(tokens))
    # The container named right after a place: "Lysychansk in Luhansk region", "Pandi, Bulacan".
    for span, following in zip(spans, spans[1:]):
        between = article.text[span.end:following.start].strip().lower()
        top = choices[(following.query, following.kind_cue)].candidates[:1]
        if between in (",", "in", ", in", "in the") and top and top[0].place.kind in ("region", "country"):
            region = top[0].place.name if top[0].place.kind == "region" else ""
            choices[(span.query, span.kind_cue)].containers.add((top[0].place.country, region))
    rescore(list(choices.values()), focus)
    mentions = []
    for span in spans:
        ranked = choices[(span.query, span.kind_cue)].candidates
        if not ranked or ranked[0].score < MIN_SCORE:
            continue
        best = ranked[0]
        mentions.append(Mention(doc=article.id, start=span.start, end=span.end, text=span.text, place=best.place,
                                score=best.score, reason=best.reason, alternatives=tuple(ranked[1:4])))
    return mentions, focus


def parse(article: Article | str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of one article (an Article or plain text), resolved in context."""
    from geomap.api import gazetteer as default_gazetteer

    if isinstance(article, str):
        article = Article(id="-", text=article)
    return parse_article(article, gazetteer or default_gazetteer())[0]


def focus(article: Article | str, gazetteer: Gazetteer | None = None, limit: int = 5) -> list[tuple[str, float]]:
    """The countries an article is about, as (ISO alpha-2, share of the evidence), strongest first."""
    from geomap.api import gazetteer as default_gazetteer

    if isinstance(article, str):
        article = Article(id="-", text=article)
    weights = parse_article(article, gazetteer or default_gazetteer())[1]
    total = sum(weights.values()) or 1.0
    return [(code, round(w / total, 3)) for code, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]
