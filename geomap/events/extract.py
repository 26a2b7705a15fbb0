"""The incident pipeline for one article: sentences -> typed candidates -> places -> dates -> events."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from collections.abc import Iterable

from geomap.errors import InputError
from geomap.events.classify import Reading, Verdict, classify, judge, may_fire, read_sentence
from geomap.events.phrases import PhraseIndex
from geomap.events.words import tokenize
from geomap.sentences import Sentence, split_sentences
from geomap.events.taxonomy import Taxonomy, load_taxonomy
from geomap.events.when import When, date_for, find_expressions, parse_iso, resolve
from geomap.events.where import PlaceFinder, Placed
from geomap.document import Document
from geomap.gazetteer.index import Gazetteer
from geomap.kinds import SETTLEMENTS
from geomap.model import Article, Event

ID_LENGTH = 12


def extract_events(articles: Iterable[Article] | Article | str, gazetteer: Gazetteer | None = None,
                   types: Iterable[str] | None = None) -> list[Event]:
    """The incidents the articles report, in article order, then sentence order, strongest first in a sentence.

    ``types`` keeps only those event types (names from ``data/events.toml``: front_line, strikes, ...).
    """
    taxonomy = load_taxonomy()
    wanted = check_types(types, taxonomy)
    if gazetteer is None:
        from geomap.gazetteer import open_default

        gazetteer = open_default()
    if isinstance(articles, (Article, str)):
        articles = [articles]
    events: list[Event] = []
    for article in articles:
        if isinstance(article, str):
            article = Article(id="-", text=article)
        events.extend(read_events(article, gazetteer, taxonomy, wanted))
    return events


def read_events(article: Article, gazetteer: Gazetteer, taxonomy: Taxonomy, wanted: set[str] | None = None,
                focus: str | None = None) -> list[Event]:
    """The incidents of one article (``focus`` as ``read_document`` takes it). The sentences are read before the
    places: an article none of whose sentences reaches a verdict reports no incident, whatever places it names,
    and is not geoparsed (most of a general news corpus, where geoparsing is most of the time spent)."""
    from geomap.document import read_document

    sentences = split_sentences(article.text)
    readings = {sentence.index: _read(article.text, sentence, taxonomy) for sentence in sentences
                if may_fire(article.text, sentence.start, sentence.end, taxonomy)}
    if not any(verdicts for _reading, verdicts in readings.values()):
        return []
    return article_events(read_document(article, gazetteer, focus, sentences), taxonomy, wanted, readings)


def _read(text: str, sentence: Sentence, taxonomy: Taxonomy) -> tuple[Reading, list[Verdict]]:
    """A sentence a cue may fire in, read (reportable verdicts only), and its verdicts."""
    reading = read_sentence(tokenize(text, sentence.start, sentence.end), text, taxonomy, reportable_only=True)
    return reading, classify(reading, taxonomy)


def check_types(types: Iterable[str] | None, taxonomy: Taxonomy) -> set[str] | None:
    """Type names as the taxonomy spells them ("Front-line" -> "front_line"); an unknown one is an input error."""
    if types is None:
        return None
    chosen = set()
    for name in types:
        key = name.strip().lower().replace("-", "_").replace(" ", "_")
        if key not in taxonomy.types:
            raise InputError(f"unknown event type '{name}'; use one of {', '.join(taxonomy.types)}")
        chosen.add(key)
    return chosen


def article_events(document: Document, taxonomy: Taxonomy, wanted: set[str] | None = None,
                   readings: dict[int, tuple[Reading, list[Verdict]]] | None = None) -> list[Event]:
    """The incidents of one geoparsed article (a ``geomap.document.Document``). ``readings`` may carry, by
    sentence index, the reading and verdicts of every sentence ``may_fire`` lets a cue fire in, made already."""
    article, sentences = document.article, document.sentences
    finder = PlaceFinder(document, taxonomy)
    article_date = parse_iso(article.date)
    future_words, plan_words = _future_words(taxonomy)
    told: list[tuple[int, list[Event]]] = []  # each sentence's index and events, in order
    # the last recent day a sentence's text gave, the kinds of incident it gave it to, how many sentences back
    lede: tuple[When, frozenset[str], int] | None = None
    for sentence in sentences:
        if finder.is_byline(sentence):
            continue
        if readings is not None:
            read = readings.get(sentence.index)
        else:
            read = _read(article.text, sentence, taxonomy) \
                if may_fire(article.text, sentence.start, sentence.end, taxonomy) else None
        if read is None:
            finder.remember_unread(sentence, None)  # no cue, no verdict: read only if a later sentence borrows
            continue
        reading, verdicts = read
        if verdicts:
            # (judged before the article was geoparsed; a facility that describes a place is known only now)
            described = finder.without_descriptions(sentence, reading)
            if described is not reading:
                reading, verdicts = described, classify(described, taxonomy)
        if not verdicts:  # most sentences: no places or time expressions to read
            finder.remember_unread(sentence, reading.tokens)
            continue
        candidates = finder.candidates(sentence, reading.tokens)
        in_sentence = find_expressions(article.text, sentence.start, sentence.end)
        future_marks = [m.first for m in future_words.find(reading.tokens)
                        if not _no_future_word(reading.tokens, m.first)]
        plans = _plan_marks(future_marks, reading.tokens, in_sentence, article_date) + \
            [m.first for m in plan_words.find(reading.tokens)]
        everything: list[tuple[str, Placed]] = []
        found: list[Event] = []
        # Every type is placed and merged, wanted or not, so that neither the places later sentences borrow nor
        # the merged incidents depend on --type.
        for verdict in verdicts:
            for placed in finder.place(sentence, reading, verdict, taxonomy.types[verdict.type], candidates):
                everything.append((verdict.type, placed))
                if _in_clause(placed.hits, plans, reading):
                    continue  # "a delegation will be in Istanbul on May 15 for talks": a plan, not news
                # A future word looks ahead only in its own clause: "shelled Kharkiv on Sunday; talks will follow".
                future = _in_clause(placed.hits, future_marks, reading)
                event = _event(article, sentence, verdict, placed, reading.military, [a.text for a in reading.actors],
                               in_sentence, article_date, future, taxonomy)
                if not _not_news(event, article_date, taxonomy):
                    found.append(event)
        finder.remember(sentence, everything, candidates)
        if found and not in_sentence and lede is not None and lede[2] < _LEDE_SENTENCES:
            # "On the morning of March 22, Russia launched a massive missile attack ... In particular, they hit the
            # Dnipro HPP": a sentence with no time of its own goes on telling of the day the one before it gave,
            # about the same kind of incident (a strike and its damage, not a capture told after a shelling)
            found = [_dated_like(e, lede[0]) if e.date_source == "article date"
                     and _kin(e.type, taxonomy) & lede[1] else e for e in found]
        lede = _lede(verdicts, in_sentence, article_date, lede, taxonomy)
        found = _identified(_without_covered_regions(found, found, taxonomy), taxonomy)
        if found and told and told[-1][0] == sentence.index - 1:
            # "drones have targeted Tatarstan. Two UAVs struck factories in Yelabuga and Nizhnekamsk"
            told[-1] = (told[-1][0], _without_covered_regions(told[-1][1], found, taxonomy))
        told.append((sentence.index, found))
    events = [event for _index, found in told for event in found]
    events = merge_incidents(events, taxonomy)
    if wanted is not None:
        events = [e for e in events if e.type in wanted or wanted & set(e.also)]
    return events


_LEDE_SENTENCES = 2  # how many sentences with no time of their own go on from a day the text gave
_LEDE_DAYS = 31  # ...when that day is this recent: a month's news, not history


def _lede(verdicts: list[Verdict], expressions, article_date, lede: tuple[When, frozenset[str], int] | None,
          taxonomy: Taxonomy) -> tuple[When, frozenset[str], int] | None:
    """The day the sentences after this one go on telling of: a recent day this sentence's text gives its
    incidents; else the one before, a sentence further back (none once a sentence has a time of its own)."""
    if expressions:
        when = date_for(expressions, [(h.start, h.end) for v in verdicts for h in v.hits], article_date)
        recent = when.precision == "day" and when.date and article_date is not None and \
            0 <= (article_date - parse_iso(when.date)).days <= _LEDE_DAYS
        kinds = frozenset(kin for v in verdicts for kin in _kin(v.type, taxonomy))
        return (when, kinds, 0) if recent and kinds and when.source != "article date" else None
    return None if lede is None else (lede[0], lede[1], lede[2] + 1)


def _kin(event_type: str, taxonomy: Taxonomy) -> frozenset[str]:
    """The types merged with this one into one incident ([merge] together), itself included."""
    return _kin_in(event_type, taxonomy.together)


@lru_cache(maxsize=64)
def _kin_in(event_type: str, together: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    # asked for every placed event of a sentence after a dated one: worked out once per type and taxonomy
    kin = {event_type}
    for group in together:
        types = {entry.split("/")[0] for entry in group}
        if event_type in types:
            kin |= types
    return frozenset(kin)




def _without_covered_regions(found: list[Event], places: list[Event], taxonomy: Taxonomy) -> list[Event]:
    """A sentence's event at a region gives way to one of the same kind at a place inside it, in the sentence
    (``places``) or the next: "attacked the Poltava region with drones, and explosions were heard in the
    Kremenchuk district" tells one incident, at Kremenchuk; the region only says where that is. Only a town
    covers it: a plant, a river or an estuary is what was hit there, and the region's event may tell what befell
    the towns around it ("towns in the Kherson region were submerged after the dam ... was destroyed")."""
    inside = {(e.place.place.country, e.place.place.admin1, kin) for e in places if e.place is not None
              and e.place.place.kind in SETTLEMENTS and e.place.place.admin1 for kin in _kin(e.type, taxonomy)}
    return [e for e in found if e.place is None or e.place.place.kind != "region"
            or (e.place.place.country, e.place.place.name, e.type) not in inside]


def _dated_like(event: Event, lede: When) -> Event:
    from dataclasses import replace

    return replace(event, date=lede.date, date_precision=lede.precision,
                   date_source=f"{lede.source}, in the sentence before")


def _not_news(event: Event, article_date, taxonomy: Taxonomy) -> bool:
    """Is this no news of the article: an incident the text dates long before it ("In 2014, Russia annexed
    Crimea") or after it ("talks in Istanbul on May 15", in a report of May 14: planned, not happened)? Without
    an article date, one dated only by a year."""
    stated = parse_iso(_stated_date(event))
    if stated is None:
        return False
    if article_date is None:
        # With no article date to measure from, a bare year is how a text dates its background ("Crimea, which
        # Russia seized in 2014"); news is told by the day, the week or the month.
        return event.date_precision == "year"
    if event.date_precision == "day" and stated > article_date:
        return True
    return taxonomy.history_days is not None and (article_date - stated).days > taxonomy.history_days


def merge_incidents(events: list[Event], taxonomy: Taxonomy) -> list[Event]:
    """One event per incident: events of one article at one place whose types the taxonomy's [merge] lists
    together (or of one type) become one, at the first one's place in the list. Reports the text dates on
    different days stay apart; a report dated only by the article joins the first report of its place."""
    # "type" or "type/subtype" -> its group: a type listed only by some subtypes merges only through those.
    family = {entry: group for group in taxonomy.together for entry in group}
    order = list(taxonomy.types)
    merged: list[list[Event]] = []
    at_place: dict[tuple, list[int]] = {}  # (family, place) -> indexes into merged
    for event in events:
        if event.place is None:
            merged.append([event])
            continue
        place = event.place.place
        together = family.get(f"{event.type}/{event.subtype}") or family.get(event.type) or event.type
        key = (together, place.name, place.kind, round(place.lat, 6), round(place.lon, 6))
        groups = at_place.setdefault(key, [])
        own = _stated_date(event)
        home = next((k for k in groups if own is None or _stated_date_of(merged[k]) in (None, own)), None)
        if home is None:
            groups.append(len(merged))
            merged.append([event])
        else:
            merged[home].append(event)
    return [group[0] if len(group) == 1 else _one_incident(group, family, order) for group in merged]


def _stated_date(event: Event) -> str | None:
    """The date the text itself gives the event; None when only the article dates it."""
    return None if event.date_source == "article date" else event.date


def _stated_date_of(group: list[Event]) -> str | None:
    return next((d for d in map(_stated_date, group) if d is not None), None)


def _one_incident(group: list[Event], family: dict[str, tuple[str, ...]], order: list[str]) -> Event:
    """The first report's id, sentence and place; the type (or type/subtype) the taxonomy lists first, as the
    earliest report of it tells it ("withdrew from Siversk", then "fighting in the Siversk area": a withdrawal);
    every report's evidence."""
    from dataclasses import replace

    def rank(event: Event) -> tuple[int, int]:
        entries = family.get(f"{event.type}/{event.subtype}") or family.get(event.type) or ()
        own = f"{event.type}/{event.subtype}"
        place = next((k for k, entry in enumerate(entries) if entry in (own, event.type)), len(entries))
        return place, order.index(event.type)

    first = group[0]
    lead = min(group, key=rank)  # the earliest of equals: min keeps the first
    also = tuple(dict.fromkeys(e.type for e in group if e.type != lead.type))
    quotes = tuple(dict.fromkeys(e.quote for e in group if e.quote != first.quote))
    evidence = tuple(dict.fromkeys(x for e in group for x in e.evidence))
    actors = tuple(dict.fromkeys(a for e in group for a in e.actors))
    dated = next((e for e in group if _stated_date(e) is not None), first)
    return replace(first, type=lead.type, subtype=lead.subtype, confidence=lead.confidence, evidence=evidence,
                   actors=actors, also=also, other_quotes=quotes, date=dated.date,
                   date_precision=dated.date_precision, date_source=dated.date_source)


_FUTURE: dict[int, tuple[Taxonomy, tuple[PhraseIndex, PhraseIndex]]] = {}


def _plan_marks(future_marks, tokens, expressions, article_date) -> list[int]:
    """The future words of a sentence that a day after the article follows: what their clause tells is planned,
    whichever of the sentence's dates lies nearest to its cues ("confirmed on Wednesday that a delegation will
    be in Istanbul on May 15 for talks")."""
    if article_date is None:
        return []
    later = [e.start for e in expressions if _after_article(e, article_date)]
    return [mark for mark in future_marks if any(start > tokens[mark].start for start in later)]


# "to protest government plans to introduce a law": "plans" after these is a noun, no future of the sentence
_NOUN_MARKERS = {"the", "its", "their", "his", "her", "our", "government", "government's", "kremlin's",
                 "moscow's", "kyiv's", "official", "these", "those", "such"}


def _no_future_word(tokens, first: int) -> bool:
    """"government plans to ...": a noun; "next to Sevastopol": a place, not the next week."""
    if tokens[first].norm == "next":
        return first + 1 < len(tokens) and tokens[first + 1].norm in ("to", "door")
    return first > 0 and tokens[first].norm in ("plans", "plan") and tokens[first - 1].norm in _NOUN_MARKERS


def _in_clause(hits, marks: list[int], reading) -> bool:
    """Is one of the words at token positions ``marks`` in the clause of one of the cues?"""
    return any(not reading.hard_breaks(h.first, mark) for h in hits for mark in marks)


def _after_article(expression, article_date) -> bool:
    when = resolve(expression, article_date, future=True)
    return when is not None and when.precision == "day" and when.date > article_date.isoformat()


def _future_words(taxonomy: Taxonomy) -> tuple[PhraseIndex, PhraseIndex]:
    """The [when] future and plans phrase indexes, built once per loaded taxonomy."""
    cached = _FUTURE.get(id(taxonomy))
    if cached is None or cached[0] is not taxonomy:
        cached = _FUTURE[id(taxonomy)] = (taxonomy, (PhraseIndex((words, None) for words in taxonomy.future),
                                                     PhraseIndex((words, None) for words in taxonomy.plans)))
    return cached[1]


def _event(article: Article, sentence: Sentence, verdict: Verdict, placed: Placed, military: bool,
           actors: list[str], expressions, article_date, future: bool, taxonomy: Taxonomy) -> Event:
    if set(placed.hits) != set(verdict.hits):  # one of several incidents of the type in this sentence
        verdict = judge(placed.hits, taxonomy.types[verdict.type], taxonomy, military) or verdict
    confidence = verdict.confidence
    if placed.source in ("context", "demonym"):
        confidence *= taxonomy.context_factor
    cue_spans = [(h.start, h.end) for h in placed.hits]
    # "travelled to Kharkiv, where he praised ... attacks last year": a relative clause dates its own events
    clauses = [(a, b) for a, b in _relative_clauses(article.text, sentence)
               if not any(cb <= a and article.text[cb:a].strip() == "" for _ca, cb in cue_spans)]  # "The strike, which"
    expressions = [e for e in expressions if not _in_a_clause_of_its_own(e, clauses, cue_spans)
                   and not _background_year(article.text, e, cue_spans)]
    when = date_for(expressions, cue_spans, article_date, future)
    evidence: list[str] = []
    for hit in sorted(placed.hits, key=lambda h: h.start):
        said = article.text[hit.start:hit.end] + (f" (after '{hit.hedge}')" if hit.hedge else "")
        if said not in evidence:
            evidence.append(said)
    return Event(id="", type=verdict.type, subtype=verdict.subtype, place=placed.mention, date=when.date,
                 date_precision=when.precision, date_source=when.source, doc=article.id, title=article.title,
                 url=article.url, quote=sentence.text, quote_start=sentence.start, quote_end=sentence.end,
                 actors=tuple(actors), confidence=round(confidence, 3), evidence=tuple(evidence))


# (an appositive that describes a place tells its past too: "Mariupol, site of one of the bloodiest battles since
# Russia invaded Ukraine last year")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:where|which|who|whose|(?:the\s+)?(?:site|scene)\s+of)\b[^,;]*")


def _relative_clauses(text: str, sentence: Sentence) -> list[tuple[int, int]]:
    """", where he praised ... last year", ", which Russia annexed in 2014,": the sentence's relative clauses, each
    up to the next comma."""
    return [m.span() for m in _RELATIVE_CLAUSE.finditer(text, sentence.start, sentence.end)]


def _in_a_clause_of_its_own(expression, clauses: list[tuple[int, int]], cue_spans: list[tuple[int, int]]) -> bool:
    """Is the time expression inside a relative clause that holds none of the cues? Such a clause dates its own
    events ("travelled to Kharkiv, where he praised ... attacks last year"; "Crimea, which Russia annexed in
    2014, was hit"); one right after a cue tells of the incident itself ("The strike, which happened late
    Friday"), and the caller leaves it out of ``clauses``."""
    return any(a <= expression.start and expression.end <= b and not any(a <= ca < b for ca, _cb in cue_spans)
               for a, b in clauses)


def _background_year(text: str, expression, cue_spans: list[tuple[int, int]]) -> bool:
    """A bare year after every cue and past a comma from each: "attacked Ukraine's southern ports ..., to cut
    off ... Crimea, the peninsula Russia seized in 2014" dates the peninsula's story, not the attack."""
    return expression.kind in ("year", "century") and \
        all(b <= expression.start and "," in text[b:expression.start] for _a, b in cue_spans)


def _identified(events: list[Event], taxonomy: Taxonomy) -> list[Event]:
    """Order a sentence's events (strongest first, then legend order, then place order) and give each a stable id:
    the hash of article, sentence span and type, with a running number for a type's second and later places."""
    from dataclasses import replace

    order = list(taxonomy.types)
    events = sorted(events, key=lambda e: (-e.confidence, order.index(e.type), e.place.start if e.place else -1))
    seen: dict[str, int] = {}
    out = []
    for event in events:
        n = seen.get(event.type, 0)
        seen[event.type] = n + 1
        key = f"{event.doc}\x1f{event.quote_start}-{event.quote_end}\x1f{event.type}" + (f"\x1f{n + 1}" if n else "")
        out.append(replace(event, id=hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_LENGTH]))
    return out
