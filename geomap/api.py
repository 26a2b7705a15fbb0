"""The public Python API. Every CLI command is one of these functions first."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geomap.errors import InputError, NoMatch
from geomap.gazetteer import open_default
from geomap.gazetteer.index import Gazetteer
from geomap.gazetteer import resolver
from geomap.model import Article, Candidate, Geodesic, Mention

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*[, ]\s*(-?\d+(?:\.\d+)?)\s*$")


def open_gazetteer(min_population: int | None = None) -> Gazetteer:
    """The process's shared gazetteer (built on first use, then opened from the cache)."""
    return open_default(min_population)


def parse_latlon(text: str) -> tuple[float, float] | None:
    """'47.5,34.6' -> (47.5, 34.6); None when the text is not a coordinate pair."""
    match = _LATLON.match(text)
    if not match:
        return None
    return checked_latlon((float(match.group(1)), float(match.group(2))), text)


def checked_latlon(point, text: str | None = None) -> tuple[float, float]:
    """A (lat, lon) pair of finite numbers on the globe, else an InputError (NaN compares false to every
    bound, so it is refused too)."""
    try:
        lat, lon = (float(v) for v in point)
    except (TypeError, ValueError):
        raise InputError(f"{point!r} is not a coordinate pair (lat, lon)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        shown = text if text is not None else f"{lat},{lon}"
        raise InputError(f"'{shown}' is not a coordinate pair: latitude must be -90..90 and longitude -180..180")
    return lat, lon


def resolve(name: str, *, country: str | None = None, near: str | tuple[float, float] | None = None,
            kind: str | None = None, limit: int = 5, gazetteer: Gazetteer | None = None,
            guess: bool = False) -> list[Candidate]:
    """Ranked candidate places for a name, best first; [] when nothing matches.

    A name matched only by a weak spelling likeness ("Xyzzyville" ~ Kaysville) matches nothing unless
    ``guess``: then the nearest spellings are returned as before, their ``reason`` saying they are a guess.
    ``near`` is a (lat, lon) pair, a "lat,lon" string or a place name (its best match is used).
    """
    gaz, near_point = _setting(gazetteer, kind, near, guess)
    found = resolver.resolve(gaz, name, country=country, near=near_point, kind=kind, limit=limit,
                             confident=not guess)
    return resolver.mark_guesses(gaz, name, found) if guess else found


def resolve_many(names: list[str], *, country: str | None = None, near: str | tuple[float, float] | None = None,
                 kind: str | None = None, limit: int = 5, gazetteer: Gazetteer | None = None,
                 guess: bool = False) -> list[list[Candidate]]:
    """``resolve`` for many names at once, in order (faster: the index is queried in batches)."""
    gaz, near_point = _setting(gazetteer, kind, near, guess)
    out: list[list[Candidate]] = []
    for start in range(0, len(names), 50_000):  # bounded memory for a very long --file
        batch = names[start:start + 50_000]
        found = resolver.resolve_many(gaz, batch, country=country, near=near_point, kind=kind, limit=limit,
                                      confident=not guess)
        out.extend(resolver.mark_guesses(gaz, q, c) if guess else c for q, c in zip(batch, found))
    return out


def _setting(gazetteer: Gazetteer | None, kind: str | None, near, guess: bool
             ) -> tuple[Gazetteer, tuple[float, float] | None]:
    """The gazetteer and the ``near`` point of a resolve, after checking its ``kind``."""
    gaz = gazetteer or open_gazetteer()
    if kind is not None and kind not in resolver.KIND_GROUPS:
        raise InputError(f"unknown kind '{kind}'; use one of {', '.join(resolver.KINDS)}")
    return gaz, _point(near, gaz, guess)[0] if near is not None else None


def _point(where: str | tuple[float, float], gaz: Gazetteer, guess: bool = False
           ) -> tuple[tuple[float, float], Candidate | None]:
    """The point ``where`` names, and the candidate it resolved to (None for coordinates)."""
    if not isinstance(where, str):
        return checked_latlon(where), None
    latlon = parse_latlon(where)
    if latlon:
        return latlon, None
    found = resolve(where, limit=1, gazetteer=gaz, guess=guess)
    if not found:
        raise NoMatch(where, resolver.suggestions(gaz, where))
    return (found[0].place.lat, found[0].place.lon), found[0]


def distance(a: str | tuple[float, float], b: str | tuple[float, float], *,
             gazetteer: Gazetteer | None = None, guess: bool = False) -> Geodesic:
    """Geodesic distance and initial bearing from ``a`` to ``b`` (names or lat/lon) on WGS84.

    A name with no confident match raises NoMatch unless ``guess`` (see ``resolve``)."""
    from geomap import geodesy

    gaz = gazetteer or open_gazetteer()
    (pa, ca), (pb, cb) = _point(a, gaz, guess), _point(b, gaz, guess)
    metres, bearing = geodesy.inverse(pa[0], pa[1], pb[0], pb[1])
    bearing_deg = float(bearing)
    names = [c.place.name if c else f"{p[0]:.5f},{p[1]:.5f}" for p, c in ((pa, ca), (pb, cb))]
    return Geodesic(float(metres), bearing_deg, geodesy.compass(bearing_deg), pa, pb, names[0], names[1],
                    ca.reason if ca else "", cb.reason if cb else "")


# --- whole-article pipeline: mentions, events, claims -------------------------------------------------------

@dataclass
class Analysis:
    """Everything geomap reads from a set of articles, each stage computed once."""

    articles: list[Article]
    mentions: list[Mention] = field(default_factory=list)
    events: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    mention_counts: dict[int, int] = field(default_factory=dict)  # place pid -> times named, over all mentions


def articles_of(source, *, warn=None, date: str | None = None) -> Iterator[Article]:
    """Articles, lazily, from paths (files, folders, corpora, '-'), Article objects or one Article; ``date``
    for those that carry none. Raises InputError at the end when paths gave not one readable article."""
    from dataclasses import replace

    from geomap.articles import read_articles
    from geomap.errors import InputError

    if isinstance(source, (Article, str, Path)):
        source = [source]
    count = 0
    paths = []
    for item in source:
        if isinstance(item, Article):
            found = [item]
        else:
            paths.append(item)
            found = read_articles([item], **({"warn": warn} if warn else {}))
        for article in found:
            count += 1
            yield article if article.date or not date else replace(article, date=date)
    if paths and not count:
        raise InputError(f"no readable articles in {' '.join(str(p) for p in paths)}")


def texts_or_articles(source) -> Iterator[Article]:
    """What ``parse``, ``extract_events`` and ``check_distances`` take: an Article, article text (a str), a
    file or folder (a ``Path``), or a list of those. A str is always text here; name a path with ``Path``."""
    if isinstance(source, (Article, str, Path)):
        source = [source]
    for k, item in enumerate(source):
        if isinstance(item, str):
            yield Article(id="-" if k == 0 else f"-:{k}", text=item)
        else:
            yield from articles_of([item])


def extract_events(source, gazetteer: Gazetteer | None = None, types: list[str] | None = None) -> list:
    """Typed, dated incidents from articles (see ``texts_or_articles`` for what ``source`` may be)."""
    gaz = gazetteer or open_gazetteer()
    return [e for done in analyse_each(texts_or_articles(source), stages=("events",), types=types, gazetteer=gaz)
            for e in done.events]


def check_distances(source, gazetteer: Gazetteer | None = None) -> list:
    """Stated distances checked against geodesic truth (see ``texts_or_articles`` for ``source``)."""
    gaz = gazetteer or open_gazetteer()
    return [c for done in analyse_each(texts_or_articles(source), stages=("checks",), gazetteer=gaz)
            for c in done.checks]


AUTO_FOCUS = "auto"


def country_code(value: str | None) -> str | None:
    """"ua", "UA" -> "UA"; "auto" stays; None and "none" are None; anything that is no country's ISO alpha-2
    code is an input error."""
    if value is None or value.strip().lower() == "none":
        return None
    if value.strip().lower() == AUTO_FOCUS:
        return AUTO_FOCUS
    from geomap.gazetteer.sources import geonames_countries

    code = value.strip().upper()
    if code not in geonames_countries():
        raise InputError(f"--focus must be a country's two-letter ISO code (UA, RU, US...), 'auto' or 'none', "
                         f"not '{value}'")
    return code



def _rereadable(source) -> bool:
    """Paths other than stdin can be read a second time."""
    items = [source] if isinstance(source, (Article, str, Path)) else source
    return isinstance(items, (list, tuple)) and all(isinstance(i, (str, Path)) and str(i) != "-" for i in items)


def analyse_each(source, *, stages=("mentions", "events", "checks"), types: list[str] | None = None,
                 date: str | None = None, warn=None, jobs: int = 1, progress: bool = False,
                 gazetteer: Gazetteer | None = None, focus: str | None = None) -> Iterator["Analysed"]:  # noqa: F821
    """Each article's mentions, events and distance checks, streamed in input order (see ``analyse``).

    ``jobs`` processes share the work (0: one per core) with the same output as one; ``progress`` shows a bar
    on a terminal's stderr; ``focus`` (an ISO country code, "UA") is the country the corpus is about, which a
    short report that names only an ambiguous town ("Odessa") follows.
    """
    from geomap.pipeline import analyse_stream
    from geomap import progress as bars

    gaz = gazetteer or open_gazetteer()
    articles = articles_of(source, warn=warn, date=date)
    focus = country_code(focus)
    if focus == AUTO_FOCUS:
        from geomap.geoparse import corpus_focus

        if _rereadable(source):  # read twice rather than hold a large corpus in memory
            focus = corpus_focus(articles, gaz)
            articles = articles_of(source, warn=warn, date=date)
        else:
            articles = list(articles)
            focus = corpus_focus(articles, gaz)
    results = analyse_stream(articles, gaz, stages=stages, types=types, jobs=jobs, focus=focus)
    if progress and bars.shown():
        paths = [source] if isinstance(source, (str, Path)) else source
        total = None if isinstance(source, Article) or any(isinstance(p, Article) for p in paths) \
            else bars.count_articles(paths)
        results = bars.bar(results, label="articles", total=total)
    return results


def analyse(source, *, types: list[str] | None = None, date: str | None = None, warn=None, jobs: int = 1,
            progress: bool = False, first_mention_only: bool = False,
            gazetteer: Gazetteer | None = None, focus: str | None = None) -> Analysis:
    """Read articles (paths, Articles or one Article) and run every stage: mentions, events, distance checks.

    ``date`` is the article date to assume for articles that carry none. The articles in the result keep
    their id, date, title and url, not their text. ``first_mention_only`` keeps one mention per place (with
    ``mention_counts`` for all): what a map needs of a corpus's hundreds of thousands of mentions.
    """
    result = Analysis([])
    counts = result.mention_counts
    for done in analyse_each(source, types=types, date=date, warn=warn, jobs=jobs, progress=progress,
                             gazetteer=gazetteer, focus=focus):
        result.articles.append(done.article)
        for mention in done.mentions:
            pid = mention.place.pid
            if not first_mention_only or pid not in counts:
                result.mentions.append(mention)
            counts[pid] = counts.get(pid, 0) + 1
        result.events.extend(done.events)
        result.checks.extend(done.checks)
    return result


def _in_range(event, date_from: str | None, date_to: str | None) -> bool:
    if not (date_from or date_to):
        return True
    if not event.date:
        return False  # a date range asks for dated incidents
    return (not date_from or event.date >= date_from) and (not date_to or event.date <= date_to)


def build_map(source, *, title: str | None = None, tiles: str = "osm", date_from: str | None = None,
              date_to: str | None = None, analysis: Analysis | None = None, warn=None, jobs: int = 1,
              progress: bool = False, gazetteer: Gazetteer | None = None, overlays=None):
    """The incident map of the articles as a folium Map (see ``write_map`` to save it with its data).

    ``overlays``: paths of GeoJSON or GeoPackage files (control areas, front lines; optionally dated) drawn
    as layers of their own; a file that is neither raises InputError."""
    from geomap.render import render_map
    from geomap.render.overlays import read_overlays

    if tiles not in ("osm", "none"):
        raise InputError(f"tiles must be 'osm' or 'none', not '{tiles}'")
    layers = read_overlays(overlays)  # before the articles: a bad overlay file fails fast
    gaz = gazetteer or open_gazetteer()
    found = analysis or analyse(source, warn=warn, jobs=jobs, progress=progress, first_mention_only=True,
                                gazetteer=gaz)
    events = [e for e in found.events if _in_range(e, date_from, date_to)]
    from geomap.events.taxonomy import load_taxonomy

    # The layer names are the labels analysts give the types in data/events.toml.
    taxonomy = load_taxonomy()
    return render_map(events, found.checks, found.mentions, gazetteer=gaz, title=title, tiles=tiles,
                      type_labels=taxonomy.labels, mention_counts=found.mention_counts, overlays=layers,
                      sides=taxonomy.map_sides)


def write_map(source, output: str | Path = "output/map.html", **options) -> list[Path]:
    """Write the map page and its data beside it: for ``map.html``, ``map.events.geojson`` and
    ``map.claims.csv``. The three are replaced together, once all are written. Returns the paths."""
    from geomap import writers
    from geomap.frame import claim_layer, event_layer
    from geomap.render import save_map

    from geomap.render.overlays import read_overlays

    options["overlays"] = read_overlays(options.get("overlays"))  # before the articles: fail fast
    gaz = options.pop("gazetteer", None) or open_gazetteer()
    found = options.pop("analysis", None) or analyse(source, warn=options.pop("warn", None),
                                                     jobs=options.pop("jobs", 1),
                                                     progress=options.pop("progress", False),
                                                     first_mention_only=True, gazetteer=gaz,
                                                     focus=options.pop("focus", None))
    page = Path(output)
    fmap = build_map(None, analysis=found, gazetteer=gaz, **options)
    return writers.replace_together({
        page.with_name(f"{page.stem}.events.geojson"): lambda path: writers.write([event_layer(found.events)], path),
        page.with_name(f"{page.stem}.claims.csv"): lambda path: writers.write([claim_layer(found.checks)], path),
        page: lambda path: save_map(fmap, path),
    })


def export(source, output: str | Path, *, layer: str | None = None, analysis: Analysis | None = None, warn=None,
           stdout=None, jobs: int = 1, progress: bool = False, gazetteer: Gazetteer | None = None,
           focus: str | None = None) -> str:
    """Write events, mentions and/or claims to ``output`` in the format its extension names ('-': GeoJSON).

    ``layer`` None means every layer where the format holds several (GeoPackage, KML), else the events.
    Articles stream through: each one's rows are written (or spooled) before the next is read.
    """
    from geomap import writers
    from geomap.frame import claim_layer, event_layer, located_layer, mention_layer
    from geomap.sinks import LayerSink

    if layer is None:
        layer = "events" if writers.format_of(output) in writers.SINGLE_LAYER else "all"
    if layer not in ("events", "mentions", "claims", "located", "all"):
        raise InputError(f"layer must be events, mentions, claims, located or all, not '{layer}'")
    names = ["events", "mentions", "claims", "located"] if layer == "all" else [layer]
    stages = {"events": "events", "mentions": "mentions", "claims": "checks", "located": "checks"}
    make = {"events": lambda found: event_layer(found.events), "mentions": lambda found: mention_layer(found.mentions),
            "claims": lambda found: claim_layer(found.checks), "located": lambda found: located_layer(found.checks)}
    with LayerSink(output, names, stdout=stdout) as sink:
        results = [analysis] if analysis is not None else analyse_each(
            source, stages=tuple(dict.fromkeys(stages[n] for n in names)), warn=warn, jobs=jobs, progress=progress,
            gazetteer=gazetteer, focus=focus)
        for found in results:
            for name in names:
                sink.add(make[name](found))
    return sink.fmt
