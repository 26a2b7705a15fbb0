"""`geomap events`: the incidents in articles, as a table, JSONL, GeoJSON or CSV."""

from __future__ import annotations

import click

from geomap.cli.options import date_option, jobs_option, one_line_errors, paths_argument, quiet_option, warner


@click.command("events")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson", "csv"]), default="table",
              show_default=True)
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only incidents of this type (repeatable): front_line, strikes, infrastructure, civilians, "
                   "political, protests.")
@date_option
@jobs_option
@quiet_option
@one_line_errors
def events(paths, fmt, types, article_date, jobs, quiet):
    """Incidents reported in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin):
    what happened, where, when, and the sentence that says so.

    jsonl prints one object per event: {"doc","id","type","subtype","place","lat","lon","country","admin1","date",
    "date_precision","quote","actors","confidence"} then title, url, evidence and date_source.
    """
    from geomap import api
    from geomap.events.records import event_feature, event_record, events_csv
    from geomap.records import dumps, echo_feature_collection

    analysed = api.analyse_each(paths, stages=("events",), types=list(types) if types else None, date=article_date,
                                warn=warner(quiet), jobs=jobs, progress=not quiet)
    found = (event for done in analysed for event in done.events)
    if fmt == "geojson":
        echo_feature_collection((f for f in map(event_feature, found) if f is not None), click.echo)
    elif fmt == "csv":
        click.echo(events_csv([], header=True), nl=False)
        for event in found:
            click.echo(events_csv([event], header=False), nl=False)
    else:
        for event in found:
            click.echo(dumps(event_record(event)) if fmt == "jsonl" else _table_row(event))


def _table_row(event) -> str:
    place = event.place.place if event.place else None
    where = f"{place.name} ({place.kind}, {place.country or '-'})" if place else "-"
    quote = event.quote if len(event.quote) <= 100 else event.quote[:97] + "..."
    return (f"{event.doc}\t{event.type}/{event.subtype}\t{where}\t{event.date or '-'} ({event.date_precision})\t"
            f"{event.confidence:.2f}\t{quote}")
