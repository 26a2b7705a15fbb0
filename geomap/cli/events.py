"""`geomap events`: the incidents in articles, as a table, JSONL, GeoJSON or CSV."""

from __future__ import annotations

import click

from geomap.cli.options import (date_option, focus_option, jobs_option, layer_to_stdout, one_line_errors,
                                paths_argument, quiet_option, rs_option, warner)


@click.command("events")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson", "csv"]), default="table",
              show_default=True)
@click.option("--type", "types", multiple=True, metavar="TYPE",
              help="Only incidents of this type (repeatable): front_line, strikes, infrastructure, civilians, "
                   "political, protests.")
@date_option
@rs_option
@focus_option
@jobs_option
@quiet_option
@one_line_errors
def events(paths, fmt, types, article_date, rs, focus, jobs, quiet):
    """Incidents reported in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin):
    what happened, where, when, and the sentence that says so.

    jsonl prints one object per event: {"doc","id","type","subtype","place","lat","lon","country","admin1","date",
    "date_precision","quote","actors","confidence"} then title, url, evidence and date_source.
    """
    from geomap import api
    from geomap.events.records import event_record
    from geomap.frame import event_layer
    from geomap.records import dumps

    analysed = api.analyse_each(paths, stages=("events",), types=list(types) if types else None, date=article_date,
                                warn=warner(quiet), jobs=jobs, progress=not quiet, focus=focus)
    if fmt in ("geojson", "csv"):
        with layer_to_stdout(fmt, "events", rs) as sink:
            for done in analysed:
                sink.add(event_layer(done.events))
        return
    for event in (event for done in analysed for event in done.events):
        click.echo(dumps(event_record(event)) if fmt == "jsonl" else _table_row(event))


def _table_row(event) -> str:
    place = event.place.place if event.place else None
    where = f"{place.name} ({place.kind}, {place.country or '-'})" if place else "-"
    quote = event.quote if len(event.quote) <= 100 else event.quote[:97] + "..."
    return (f"{event.doc}\t{event.type}/{event.subtype}\t{where}\t{event.date or '-'} ({event.date_precision})\t"
            f"{event.confidence:.2f}\t{quote}")
