"""`geomap gazetteer build|info`: the offline index."""

from __future__ import annotations

import sys

import click

from geomap.cli.options import one_line_errors


@click.group()
def gazetteer():
    """Build and inspect the offline gazetteer index."""


@gazetteer.command("build")
@click.option("--min-population", type=click.Choice(["500", "1000", "5000", "15000"]), default=None,
              help="Smallest populated place to include (default 1000, or $GEOMAP_MIN_POPULATION).")
@click.option("--force", is_flag=True, help="Rebuild even when the cached index is current.")
@click.option("--quiet", "-q", is_flag=True, help="No progress messages.")
@one_line_errors
def gazetteer_build(min_population, force, quiet):
    """Build the index from the installed sources (once; later runs reuse the cache)."""
    from geomap.gazetteer.index import build

    show = not quiet and sys.stderr.isatty()
    path = build(int(min_population) if min_population else None, force=force, verify=True,
                 progress=(lambda m: click.echo(f"gazetteer: {m}", err=True)) if show else (lambda m: None))
    if not quiet:
        click.echo(f"gazetteer: index ready at {path}", err=True)


@gazetteer.command("info")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@one_line_errors
def gazetteer_info(fmt):
    """Counts per source and kind, source versions and the cache location."""
    from geomap.api import open_gazetteer
    from geomap.records import dumps

    info = open_gazetteer().info()
    if fmt == "json":
        click.echo(dumps(info))
        return
    click.echo(f"index        {info['path']} ({info['size_mb']} MB, built {info['built']} in "
               f"{info['build_seconds']} s)")
    click.echo(f"population   >= {info['min_population']}")
    click.echo(f"names        {info['names']:,}")
    for label, table in (("source", info["places_by_source"]), ("kind", info["places_by_kind"]),
                         ("version", info["versions"])):
        for key, value in table.items():
            click.echo(f"{label:<12} {key:<40} {value:>10,}" if isinstance(value, int)
                       else f"{label:<12} {key:<40} {value:>10}")
