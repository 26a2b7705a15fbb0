"""`geomap parse`: every place mention in the articles, with offsets, resolved in context."""

from __future__ import annotations

import click

from geomap.cli.options import jobs_option, one_line_errors, paths_argument, quiet_option, warner


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table",
              show_default=True)
@jobs_option
@quiet_option
@one_line_errors
def parse(paths, fmt, jobs, quiet):
    """Every place mention in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin)."""
    from geomap import api
    from geomap.records import dumps, echo_feature_collection, mention_feature, mention_record

    analysed = api.analyse_each(paths, stages=("mentions",), warn=warner(quiet), jobs=jobs, progress=not quiet)
    mentions = (mention for done in analysed for mention in done.mentions)
    if fmt == "geojson":
        echo_feature_collection(map(mention_feature, mentions), click.echo)
        return
    for mention in mentions:
        if fmt == "jsonl":
            click.echo(dumps(mention_record(mention)))
        else:
            p = mention.place
            click.echo(f"{mention.doc}\t{mention.start}-{mention.end}\t{mention.text}\t{p.name}\t{p.kind}\t"
                       f"{p.country}\t{p.lat:.4f},{p.lon:.4f}\t{mention.score:.2f}")
