"""`geomap resolve`: names to ranked places, with a score and the reason."""

from __future__ import annotations

import sys

import click

from geomap.cli.options import guess_option, one_line_errors
from geomap.errors import GeomapError, NoMatch
from geomap.gazetteer.resolver import KINDS


def _names_from(names, file):
    if file is None:
        return list(names)
    handle = sys.stdin if file == "-" else None
    try:
        if handle is None:
            with open(file, encoding="utf-8") as f:
                lines = f.read().splitlines()
        else:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise GeomapError(f"{file}: cannot read names ({exc})") from exc
    return list(names) + [line.strip() for line in lines]


@click.command()
@click.argument("names", nargs=-1)
@click.option("--country", help="Prefer places in this country (ISO alpha-2, e.g. UA, US).")
@click.option("--near", help="Prefer places near this place name or 'lat,lon'.")
@click.option("--kind", type=click.Choice(KINDS),
              help="Only places of this kind.")
@click.option("--limit", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Candidates per name (table and json formats).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True)
@click.option("--file", "file", type=str, default=None, help="Read names from a file, one a line ('-' for stdin).")
@guess_option
@one_line_errors
def resolve(names, country, near, kind, limit, fmt, file, guess):
    """Resolve place NAMES to coordinates, ranked with a score and a reason.

    jsonl prints one object per input name, in input order, with null coordinates when nothing matches.
    A name matched only by a weak spelling likeness matches nothing unless --guess. Exits 1 when not one
    name was found.
    """
    from geomap import api
    from geomap.gazetteer import resolver
    from geomap.records import candidate_record, dumps, resolve_record

    queries = _names_from(names, file)
    if not queries:
        raise GeomapError("give at least one NAME or --file")
    missing = []
    results = api.resolve_many(queries, country=country, near=near, kind=kind, limit=limit, guess=guess)
    for query, found in zip(queries, results):
        if fmt == "jsonl":
            click.echo(dumps(resolve_record(query, found)))
        elif fmt == "json":
            click.echo(dumps({"query": query, "candidates": [candidate_record(c) for c in found]}))
        elif found:
            click.echo(f"{query}")
            for rank, c in enumerate(found, 1):
                p = c.place
                where = ", ".join(x for x in (p.admin1, p.country) if x)
                click.echo(f"  {rank}. {p.name:<32} {p.kind:<9} {where:<34} {p.lat:>9.4f} {p.lon:>10.4f}  "
                           f"{c.score:.2f}  {c.reason}")
        if not found and query:
            missing.append(query)
            if fmt == "table":
                click.echo(f"geomap: {NoMatch(query, resolver.suggestions(api.open_gazetteer(), query))}", err=True)
    if missing and not any(results):  # 1 is "nothing found": some names found is a success
        sys.exit(1)
