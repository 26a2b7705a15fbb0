"""Geoparsing: every place mention in an article, found with offsets and resolved in context."""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress
from dataclasses import replace

from geomap.gazetteer.index import Gazetteer
from geomap.gcpause import paused_gc
from geomap.geoparse import lexicon
from geomap.geoparse.disambiguate import (MIN_SCORE, Choice, document_focus, local_places, named_regions,
                                          nearest_on_line, note_siblings, pair_containers, rescore,
                                          top_country)
from geomap.geoparse.recognize import find_spans, tokenize
from geomap.model import Article, Mention


def _demonym_evidence(tokens) -> Counter:
    """Countries named by adjective ("Ukrainian officials"); not a side of a war ("Russian troops shelled ...")."""
    table, sides = lexicon.demonyms(), lexicon.side_nouns()
    texts = tokens.texts
    named = compress(range(len(texts)), map(table.__contains__, texts))  # the few tokens that are demonyms
    return Counter(code for k, code in ((k, table[texts[k]]) for k in named)
                   if code and not (k + 1 < len(texts) and texts[k + 1].lower() in sides))


def parse_article(article: Article, gazetteer: Gazetteer) -> tuple[list[Mention], Counter]:
    """The article's place mentions in text order, and the document focus (country code -> weight)."""
    return geoparse(article, gazetteer, tokenize(article.text))


# How much a corpus's declared focus (--focus UA) weighs: as much as naming the country in two sentences, so
# that a one-line report ("fire at a warehouse in Odessa") takes the focus country's town, while an article that
# names places of its own still follows them.
FOCUS_PRIOR_WEIGHT = 2.0
REGION_KINDS = frozenset({"region", "admin2", "admin3"})  # what a region cue ("X region", "regions of X") asks for


def geoparse(article: Article, gazetteer: Gazetteer, tokens, focus: str | None = None
             ) -> tuple[list[Mention], Counter]:
    """``parse_article`` on tokens already made (``geomap.document.read_document`` shares them). ``focus`` is
    a country (ISO alpha-2) the whole corpus is about."""
    with paused_gc():
        return _parse(article, gazetteer, tokens, focus)


CONTAINER_LINKS = (",", "in", ", in", "in the", "located in", ", located in", "(", ", (", "")
LIST_LINKS = (",", "and", ", and", "or", ", or", "&")


def _between(text: str, span, following) -> str:
    return text[span.end:following.start].strip().lower()


# "Lyubymivka, Khreshchenivka, Zolota Balka, Biliaivka": names the gazetteer lacks, each between commas, are items
# of the list that runs past them.
_UNKNOWN_ITEMS = re.compile(r"(?:\s*,\s*[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})+\s*(?:,|,?\s*and|,?\s*or)\s*")


def _list_link(text: str, span, following) -> bool:
    return _between(text, span, following) in LIST_LINKS or \
        _UNKNOWN_ITEMS.fullmatch(text, span.end, following.start) is not None


def _lists(text: str, spans, contained: set[int] = frozenset()) -> list[list[int]]:
    """Runs of names (their indexes) joined by commas, "and", "or" in one sentence: "Benin, Ghana, Guinea, Niger,
    and Senegal". Two names where the second holds the first ("Buffalo, New York": ``contained`` has the second's
    index) are a place and its container, not a list; "Washington, Pennsylvania and California" stays a list."""
    groups, run = [], [0] if spans else []
    for k, (span, following) in enumerate(zip(spans, spans[1:]), start=1):
        if span.sentence == following.sentence and _list_link(text, span, following):
            run.append(k)
        else:
            groups.append(run)
            run = [k]
    groups.append(run)
    return [run for run in groups if len(run) > 2 or len(run) == 2 and run[1] not in contained]


def _finds_a_region(choice: Choice) -> bool:
    """Did a region cue's query ("Canada region") find a region, scored as a mention?"""
    top = choice.candidates[0] if choice.candidates else None
    return top is not None and top.score >= MIN_SCORE and top.place.kind in REGION_KINDS


def _choice_for(gazetteer: Gazetteer, span) -> Choice:
    return Choice.of(gazetteer, span.query, span.kind_cue, span.dateline, article=span.article, nation=span.nation)


def _lies_in(gazetteer: Gazetteer, inner: Choice, outer: Choice) -> bool:
    """Does a sense of ``inner`` lie in a sense of ``outer`` (looked up deeper if its first senses do not)? The
    senses that fit are paired."""
    return pair_containers(inner, outer) or inner.widen(gazetteer, outer) and \
        pair_containers(inner, outer, len(inner.candidates))


def _parse(article: Article, gazetteer: Gazetteer, tokens, prior: str | None = None
           ) -> tuple[list[Mention], Counter]:
    spans = find_spans(article.text, gazetteer, tokens)
    if not prior:  # facilities are mapped only in a corpus about their country: without one, names as before
        spans = [s.fallback if s.facility else s for s in spans if s.fallback or not s.facility]
    choices: dict[tuple[str, frozenset, bool, bool, str], Choice] = {}  # one sense per name (and kind cue) per document
    for k, span in enumerate(spans):
        choice = choices.get(_choice_key(span))
        if choice is None:
            choice = _choice_for(gazetteer, span)
            if span.region_cue and span.query != span.text and not _finds_a_region(choice):
                # "its Americas, Eastern Mediterranean, and European regions", "nine provinces of Canada": no region
                # of that name, so the name
                spans[k] = span = replace(span, query=span.text, region_cue=False)
                choice = choices.get(_choice_key(span)) or _choice_for(gazetteer, span)
            choices[_choice_key(span)] = choice
        choice.sentences.add(span.sentence)
    # A facility's town ("Kharkiv National University") says nothing of what the document is about, nor does a
    # state or its capital that only speaks ("Russia says its forces captured a village near Pokrovsk").
    placed = {_choice_key(span) for span in spans if not span.speaker}
    focus = document_focus([c for key, c in choices.items() if not key[2] and (key in placed or not _a_state(c))],
                           _demonym_evidence(tokens))
    if prior:
        focus[prior] += FOCUS_PRIOR_WEIGHT

    def choice_of(span):
        return choices[_choice_key(span)]

    # The container named right after a place: "Lysychansk in Luhansk region", "Pandi, Bulacan".
    containers = set()
    for k, (span, following) in enumerate(zip(spans, spans[1:]), start=1):
        if _between(article.text, span, following) not in CONTAINER_LINKS:
            continue
        inner, outer = choice_of(span), choice_of(following)
        if _lies_in(gazetteer, inner, outer):
            containers.add(k)
    for run in _lists(article.text, spans, containers):
        note_siblings([choice_of(spans[k]) for k in run])
        if run[-1] + 1 in containers:
            # "near Pershotravneve, Synkivka, and Petropavlivka in Kharkiv Oblast": the container holds them all
            outer = choice_of(spans[run[-1] + 1])
            for k in run[:-1]:
                if k in containers:
                    continue  # "Nikopol in Dnipropetrovsk Oblast and Orikhiv in ...": the region closes Nikopol
                inner = choice_of(spans[k])
                if not _lies_in(gazetteer, inner, outer):
                    inner.outside = True  # no sense of the name lies there: the gazetteer lacks the right one
    rescore(list(choices.values()), focus, named_regions(list(choices.values())),
            frozenset(getattr(prior, "regions", ())), FOCUS_PRIOR_WEIGHT if prior else 0.0)
    local = local_places(list(choices.values()))
    mentions = []
    about = top_country(focus)
    for span in spans:
        ranked = choice_of(span).candidates
        if not ranked or ranked[0].score < MIN_SCORE:
            continue
        best = ranked[0]
        place, reason = nearest_on_line(best.place, local) if best.place.wkt else best.place, best.reason
        if span.facility:
            # "Chuhuiv Airbase": at the town, when the corpus and the document are about the town's country;
            # otherwise a name of something else ("Auckland Zoo" in a world news corpus), as "Washington Post" is.
            if not (prior and best.place.kind == "city" and best.place.country == prior == about):
                continue
            place = replace(place, kind="facility", name=span.text, fcode="FACILITY")
            reason = f"{span.facility} named after its town ({reason})"
        mentions.append(Mention(doc=article.id, start=span.start, end=span.end, text=span.text, place=place,
                                score=best.score, reason=reason, alternatives=tuple(ranked[1:4])))
    return mentions, focus


def _a_state(choice: Choice) -> bool:
    """Is the name's first sense a country or a capital, which may stand for its government?"""
    top = choice.candidates[0].place if choice.candidates else None
    return top is not None and (top.kind == "country" or top.fcode.startswith("PPLC"))


def _choice_key(span) -> tuple[str, frozenset, bool, bool, str]:
    return span.query, span.kind_cue, bool(span.facility), span.article, span.nation


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


# --focus auto: a corpus is about a country when this share of its documents' place mentions is there (each
# document weighs one, spread over its mentions' countries), and it has at least this many documents.
AUTO_FOCUS_SHARE = 0.5
AUTO_FOCUS_MIN_DOCUMENTS = 2


class CorpusFocus(str):
    """A learned corpus focus: the country code, with ``regions``, the first-level regions of that country
    that the corpus keeps naming ((country, region name) pairs, each holding at least
    ``AUTO_REGION_SHARE`` of the country's local mentions). A village named in a one-line report
    ("Destroyed bridge in Pavlivka") leans to its namesake in those regions, as a document's own named
    regions make it lean."""

    regions: tuple[tuple[str, str], ...] = ()

    def __new__(cls, code: str, regions=()):
        made = super().__new__(cls, code)
        made.regions = tuple(regions)
        return made

    def __reduce__(self):  # to worker processes with its regions
        return CorpusFocus, (str(self), self.regions)


AUTO_REGION_SHARE = 0.1


def corpus_focus(articles, gazetteer: Gazetteer) -> str | None:
    """The country a multi-document corpus is about (ISO alpha-2), learned from a first geoparse of every
    document without a focus: the country with the largest share of mentions, each document weighing one,
    when that share is at least ``AUTO_FOCUS_SHARE``. None for a single document or a corpus with no clear
    majority (a world news corpus)."""
    votes: Counter = Counter()
    regions: Counter = Counter()
    documents = 0
    for article in articles:
        documents += 1
        mentions = geoparse(article, gazetteer, tokenize(article.text))[0]
        countries = [m.place.country for m in mentions if m.place.country]
        for code, n in Counter(countries).items():
            votes[code] += n / len(countries)
        local = [(m.place.country, m.place.admin1) for m in mentions if m.place.admin1 and m.place.kind == "city"]
        for region, n in Counter(local).items():
            regions[region] += n / len(local)
    if documents < AUTO_FOCUS_MIN_DOCUMENTS or not votes:
        return None
    code, weight = min(votes.items(), key=lambda kv: (-kv[1], kv[0]))
    if weight < AUTO_FOCUS_SHARE * sum(votes.values()):
        return None
    own = {region: w for region, w in regions.items() if region[0] == code}
    total = sum(own.values())
    return CorpusFocus(code, sorted(r for r, w in own.items() if w >= AUTO_REGION_SHARE * total))
