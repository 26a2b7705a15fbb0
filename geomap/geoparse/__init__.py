"""Geoparsing: every place mention in an article, found with offsets and resolved in context."""

from __future__ import annotations

from collections import Counter

from geomap.gazetteer.index import Gazetteer
from geomap.gcpause import paused_gc
from geomap.geoparse import lexicon
from geomap.geoparse.disambiguate import (MIN_SCORE, Choice, document_focus, local_places, named_regions,
                                          nearest_on_line, note_siblings, pair_containers, rescore)
from geomap.geoparse.recognize import find_spans, tokenize
from geomap.model import Article, Mention


def _demonym_evidence(tokens) -> Counter:
    table = lexicon.demonyms()
    return Counter(code for code in map(table.get, tokens.texts) if code)


def parse_article(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], Counter]:
    """The article's place mentions in text order, and the document focus (country code -> weight)."""
    return geoparse(article, gazetteer, tokenize(article.text))


# How much a corpus's declared focus (--focus UA) weighs: as much as naming the country in two sentences, so
# that a one-line report ("fire at a warehouse in Odessa") takes the focus country's town, while an article that
# names places of its own still follows them.
FOCUS_PRIOR_WEIGHT = 2.0


def geoparse(article: Article, gazetteer: Gazetteer, tokens, focus: str | None = None
             ) -> tuple[list[Mention], Counter]:
    """``parse_article`` on tokens already made (``geomap.document.read_document`` shares them). ``focus`` is
    a country (ISO alpha-2) the whole corpus is about."""
    with paused_gc():
        return _parse(article, gazetteer, tokens, focus)


CONTAINER_LINKS = (",", "in", ", in", "in the", "located in", ", located in")
LIST_LINKS = (",", "and", ", and", "or", ", or", "&")


def _between(text: str, span, following) -> str:
    return text[span.end:following.start].strip().lower()


def _lists(text: str, spans, contained: set[int] = frozenset()) -> list[list]:
    """Runs of names joined by commas, "and", "or" in one sentence: "Benin, Ghana, Guinea, Niger, and Senegal".
    Two names where the second holds the first ("Buffalo, New York": ``contained`` has the second's index)
    are a place and its container, not a list; "Washington, Pennsylvania and California" stays a list."""
    groups, run = [], [0] if spans else []
    for k, (span, following) in enumerate(zip(spans, spans[1:]), start=1):
        if span.sentence == following.sentence and _between(text, span, following) in LIST_LINKS:
            run.append(k)
        else:
            groups.append(run)
            run = [k]
    groups.append(run)
    return [[spans[k] for k in run] for run in groups
            if len(run) > 2 or len(run) == 2 and run[1] not in contained]


def _parse(article: Article, gazetteer: Gazetteer, tokens, prior: str | None = None
           ) -> tuple[list[Mention], Counter]:
    spans = find_spans(article.text, gazetteer, tokens)
    choices: dict[tuple[str, frozenset], Choice] = {}  # one sense per name (and kind cue) per document
    for span in spans:
        choice = choices.get((span.query, span.kind_cue))
        if choice is None:
            choice = choices[(span.query, span.kind_cue)] = Choice.of(gazetteer, span.query, span.kind_cue,
                                                                      span.dateline)
        choice.sentences.add(span.sentence)
    focus = document_focus(list(choices.values()), _demonym_evidence(tokens))
    if prior:
        focus[prior] += FOCUS_PRIOR_WEIGHT
    def choice_of(span):
        return choices[(span.query, span.kind_cue)]

    # The container named right after a place: "Lysychansk in Luhansk region", "Pandi, Bulacan".
    containers = set()
    for k, (span, following) in enumerate(zip(spans, spans[1:]), start=1):
        if _between(article.text, span, following) not in CONTAINER_LINKS:
            continue
        inner, outer = choice_of(span), choice_of(following)
        if pair_containers(inner, outer) or inner.widen(gazetteer, outer) and pair_containers(inner, outer,
                                                                                               len(inner.candidates)):
            containers.add(k)
    for group in _lists(article.text, spans, containers):
        note_siblings([choice_of(span) for span in group])
    rescore(list(choices.values()), focus, named_regions(list(choices.values())))
    local = local_places(list(choices.values()))
    mentions = []
    for span in spans:
        ranked = choices[(span.query, span.kind_cue)].candidates
        if not ranked or ranked[0].score < MIN_SCORE:
            continue
        best = ranked[0]
        place = nearest_on_line(best.place, local) if best.place.wkt else best.place
        mentions.append(Mention(doc=article.id, start=span.start, end=span.end, text=span.text, place=place,
                                score=best.score, reason=best.reason, alternatives=tuple(ranked[1:4])))
    return mentions, focus


def parse(article: Article | str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Place mentions of one article (an Article or plain text), resolved in context."""
    from geomap.gazetteer import open_default as default_gazetteer

    if isinstance(article, str):
        article = Article(id="-", text=article)
    return parse_article(article, gazetteer or default_gazetteer())[0]


def focus(article: Article | str, gazetteer: Gazetteer | None = None, limit: int = 5) -> list[tuple[str, float]]:
    """The countries an article is about, as (ISO alpha-2, share of the evidence), strongest first."""
    from geomap.gazetteer import open_default as default_gazetteer

    if isinstance(article, str):
        article = Article(id="-", text=article)
    weights = parse_article(article, gazetteer or default_gazetteer())[1]
    total = sum(weights.values()) or 1.0
    return [(code, round(w / total, 3)) for code, w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))][:limit]
