"""`geomap events`: the incidents in articles, as a table, JSONL, GeoJSON or CSV.

geomap/cli.py loads this command lazily (LazyGroup), so `geomap resolve` never imports the incident extractor.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import click

from geomap.cli import _progress, _warn, one_line_errors


def _article_date(ctx, param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date YYYY-MM-DD") from None


@click.command("events")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson", "csv"]), default="table",
              show_default=True)
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only incidents of this type (repeatable): front_line, strikes, infrastructure, civilians, "
                   "political, protests.")
@click.option("--date", "article_date", callback=_article_date, metavar="YYYY-MM-DD",
              help="The date of articles that carry none; relative dates ('on Monday') resolve against it.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or warnings on stderr.")
@one_line_errors
def events(paths, fmt, types, article_date, quiet):
    """Incidents reported in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin):
    what happened, where, when, and the sentence that says so.

    jsonl prints one object per event: {"doc","id","type","subtype","place","lat","lon","country","admin1","date",
    "date_precision","quote","actors","confidence"} then title, url, evidence and date_source.
    """
    from geomap import api
    from geomap.articles import read_some_articles
    from geomap.events.extract import article_events, check_types
    from geomap.events.records import event_feature_collection, event_record, events_csv
    from geomap.events.taxonomy import load_taxonomy
    from geomap.records import dumps

    taxonomy = load_taxonomy()
    wanted = check_types(types, taxonomy) if types else None
    gaz = api.gazetteer()
    articles = read_some_articles(paths, warn=(lambda m: None) if quiet else _warn)
    if article_date:
        articles = [a if a.date else replace(a, date=article_date) for a in articles]
    found = []
    with _progress(articles, quiet, "events") as bar:
        for article in bar:
            for event in article_events(article, gaz, taxonomy, wanted):
                if fmt == "jsonl":
                    click.echo(dumps(event_record(event)))
                elif fmt == "table":
                    click.echo(_table_row(event))
                else:
                    found.append(event)
    if fmt == "geojson":
        click.echo(dumps(event_feature_collection(found)))
    elif fmt == "csv":
        click.echo(events_csv(found), nl=False)


def _table_row(event) -> str:
    place = event.place.place if event.place else None
    where = f"{place.name} ({place.kind}, {place.country or '-'})" if place else "-"
    quote = event.quote if len(event.quote) <= 100 else event.quote[:97] + "..."
    return (f"{event.doc}\t{event.type}/{event.subtype}\t{where}\t{event.date or '-'} ({event.date_precision})\t"
            f"{event.confidence:.2f}\t{quote}")

