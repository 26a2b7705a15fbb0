"""`geomap gazetteer build|info|add|remove`: the offline index and the GeoNames dumps added to it."""

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
    for dump in info.get("dumps", ()):
        click.echo(f"dump         {dump['path']} ({dump['bytes']:,} bytes)")
    for label, table in (("source", info["places_by_source"]), ("kind", info["places_by_kind"]),
                         ("version", info["versions"])):
        for key, value in table.items():
            click.echo(f"{label:<12} {key:<40} {value:>10,}" if isinstance(value, int)
                       else f"{label:<12} {key:<40} {value:>10}")


def _dump_command(name: str):
    """`add` and `remove`: a dump's PATH, --no-build, --quiet, one-line errors."""
    def decorate(function):
        for option in reversed((gazetteer.command(name), click.argument("path", type=click.Path(dir_okay=False)),
                                click.option("--no-build", is_flag=True,
                                             help="Change the list only; the index is rebuilt when next used."),
                                click.option("--quiet", "-q", is_flag=True, help="No progress messages."),
                                one_line_errors)):
            function = option(function)
        return function
    return decorate


@_dump_command("add")
def gazetteer_add(path, no_build, quiet):
    """Add a GeoNames country dump (XX.zip or XX.txt from download.geonames.org/export/dump/): its populated
    places, raions (ADM2) and hromadas (ADM3) join the index, with alternate names. Kept in the cache folder's
    dumps.json ($GEOMAP_GEONAMES_DUMPS overrides that list)."""
    from geomap.gazetteer import dumps

    added, kept = dumps.add(path)
    if not quiet:
        click.echo(f"gazetteer: added {added} ({kept:,} populated places and admin units)", err=True)
    if not no_build:
        _rebuild(quiet)


@_dump_command("remove")
def gazetteer_remove(path, no_build, quiet):
    """Forget a GeoNames dump added with `geomap gazetteer add` (the file itself is left alone)."""
    from geomap.gazetteer import dumps

    removed = dumps.remove(path)
    if not quiet:
        click.echo(f"gazetteer: removed {removed}", err=True)
    if not no_build:
        _rebuild(quiet)


def _rebuild(quiet: bool) -> None:
    from geomap.gazetteer.index import build

    show = not quiet and sys.stderr.isatty()
    target = build(verify=False, progress=(lambda m: click.echo(f"gazetteer: {m}", err=True)) if show
                   else (lambda m: None))
    if not quiet:
        click.echo(f"gazetteer: index ready at {target}", err=True)
