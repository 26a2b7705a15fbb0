"""Articles through every stage, one article at a time: streamed, on one process or spread over several.

A corpus is never held whole: articles are read lazily, analysed in order and handed on, and only a bounded
window of them is in flight. With ``jobs`` > 1 the articles go to worker processes in small batches and the
results come back in input order, so the output is byte for byte the output of one process.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from geomap.gazetteer.index import Gazetteer
from geomap.model import Article, ClaimCheck, Event, Mention

STAGES = ("mentions", "events", "checks")
BATCH_ARTICLES = 32  # articles per task sent to a worker: short reports are cheap, so send several at once
BATCH_CHARS = 400_000  # ...but a batch of long articles stays small
WINDOW_PER_JOB = 4  # batches in flight per worker: enough to keep each busy, few enough to bound memory


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the stages read from one article. The article keeps its id, date, title and url; its text is
    dropped once analysed (a corpus's texts would otherwise all stay in memory behind the results)."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    checks: tuple[ClaimCheck, ...] = ()


class Stages:
    """The stages to run on each article, set up once per process (the event taxonomy and the distance-claim
    vocabulary are read once, before the first article: a broken file stops the run before any output)."""

    def __init__(self, gazetteer: Gazetteer, stages: Iterable[str] = STAGES, types: Iterable[str] | None = None,
                 focus: str | None = None):
        self.gazetteer = gazetteer
        self.focus = focus
        self.stages = tuple(stages)
        unknown = set(self.stages) - set(STAGES)
        if unknown:
            raise ValueError(f"unknown stages {sorted(unknown)}; use {STAGES}")
        self.types = tuple(types) if types is not None else None
        self._taxonomy = self._wanted = None
        if "events" in self.stages:
            from geomap.events.extract import check_types
            from geomap.events.taxonomy import load_taxonomy

            self._taxonomy = load_taxonomy()
            self._wanted = check_types(self.types, self._taxonomy)
        if "checks" in self.stages:
            from geomap.claims.vocabulary import load_vocabulary

            load_vocabulary()

    def __call__(self, article: Article) -> Analysed:
        from geomap.document import read_document

        if self.stages == ("events",):
            from geomap.events.extract import read_events

            # Incidents alone: an article no cue can fire in is not geoparsed at all.
            events = tuple(read_events(article, self.gazetteer, self._taxonomy, self._wanted, self.focus))
            return Analysed(replace(article, text=""), events=events)
        # The article is geoparsed once; incidents and claims read the same Document.
        document = read_document(article, self.gazetteer, self.focus)
        events = checks = ()
        if "events" in self.stages:
            from geomap.events.extract import article_events

            events = tuple(article_events(document, self._taxonomy, self._wanted))
        if "checks" in self.stages:
            from geomap.claims import check_claims, extract_claims

            checks = tuple(check_claims(extract_claims(document)))
        mentions = tuple(document.mentions) if "mentions" in self.stages else ()
        return Analysed(replace(article, text=""), mentions, events, checks)


def analyse_stream(articles: Iterable[Article], gazetteer: Gazetteer, *, stages: Iterable[str] = STAGES,
                   types: Iterable[str] | None = None, jobs: int = 1, focus: str | None = None
                   ) -> Iterator[Analysed]:
    """Each article's analysis, in input order. ``jobs`` worker processes (0: one per core) share the work;
    ``focus`` is the country the corpus is about."""
    run = Stages(gazetteer, stages, types, focus)
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    if jobs <= 1:
        yield from map(run, articles)
        return
    yield from _in_workers(articles, run, jobs)


def _batches(articles: Iterable[Article]) -> Iterator[list[Article]]:
    batch, size = [], 0
    for article in articles:
        batch.append(article)
        size += len(article.text)
        if len(batch) >= BATCH_ARTICLES or size >= BATCH_CHARS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _in_workers(articles: Iterable[Article], run: Stages, jobs: int) -> Iterator[Analysed]:
    import multiprocessing

    # spawn, not fork: a forked child would inherit the parent's open SQLite handle and its locks.
    context = multiprocessing.get_context("spawn")
    settings = (str(run.gazetteer.path), run.stages, run.types, run.focus)
    with context.Pool(jobs, initializer=_start_worker, initargs=settings) as pool:
        pending: deque = deque()
        for batch in _batches(articles):
            pending.append(pool.apply_async(_work, (batch,)))
            if len(pending) >= jobs * WINDOW_PER_JOB:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


_WORKER: dict = {}


def _start_worker(gazetteer_path: str, stages: tuple[str, ...], types: tuple[str, ...] | None,
                  focus: str | None) -> None:
    from pathlib import Path

    _WORKER["run"] = Stages(Gazetteer(Path(gazetteer_path)), stages, types, focus)


def _work(batch: list[Article]) -> list[Analysed]:
    return [_WORKER["run"](article) for article in batch]
