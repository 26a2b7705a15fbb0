"""`geomap parse`: every place mention in the articles, with offsets, resolved in context."""

from __future__ import annotations

import click

from geomap.cli.options import (focus_option, jobs_option, layer_to_stdout, one_line_errors, paths_argument,
                                quiet_option, rs_option, warner)


@click.command()
@paths_argument
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table",
              show_default=True)
@rs_option
@focus_option
@jobs_option
@quiet_option
@one_line_errors
def parse(paths, fmt, rs, focus, jobs, quiet):
    """Every place mention in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin)."""
    from geomap import api
    from geomap.frame import mention_layer
    from geomap.records import dumps, mention_record

    analysed = api.analyse_each(paths, stages=("mentions",), warn=warner(quiet), jobs=jobs, progress=not quiet,
                                focus=focus)
    if fmt == "geojson":
        with layer_to_stdout("geojson", "mentions", rs) as sink:
            for done in analysed:
                sink.add(mention_layer(done.mentions))
        return
    for mention in (mention for done in analysed for mention in done.mentions):
        if fmt == "jsonl":
            click.echo(dumps(mention_record(mention)))
        else:
            p = mention.place
            click.echo(f"{mention.doc}\t{mention.start}-{mention.end}\t{mention.text}\t{p.name}\t{p.kind}\t"
                       f"{p.country}\t{p.lat:.4f},{p.lon:.4f}\t{mention.score:.2f}")
