"""The `geomap` command line, in the style of fiona's `fio`: thin click commands over the Python API.

stdout carries data only; messages go to stderr. Exit codes: 0 success, 1 nothing found, 2 bad input or
usage, 3 a --strict check failed, 4 an internal error (a bug: one line, the traceback with GEOMAP_DEBUG=1),
130 interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from functools import wraps

import click

from geomap.errors import GeomapError, NoMatch
from geomap.gazetteer.resolver import KINDS


def one_line_errors(command):
    """Turn geomap's errors into one line on stderr and the error's exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GeomapError as exc:
            click.echo(f"geomap: {exc}", err=True)
            sys.exit(exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # `geomap ... | head` is not an error
            sys.exit(0)
        except OSError as exc:  # a disk full or a file vanishing under us: still one line
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            click.echo(f"geomap: {where}{exc.strerror or exc}", err=True)
            sys.exit(2)
        except sqlite3.DatabaseError as exc:  # the cached index went bad under a running command
            click.echo(f"geomap: the gazetteer index is damaged ({exc}); 'geomap gazetteer build' repairs it",
                       err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("geomap: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own ends: usage errors print themselves and exit 2
        except Exception as exc:  # a bug: scripts must tell it from "nothing found" (1) and bad input (2)
            if os.environ.get("GEOMAP_DEBUG"):
                raise
            click.echo(f"geomap: {internal_error_line(exc)}", err=True)
            sys.exit(INTERNAL_ERROR)

    return wrapper


INTERNAL_ERROR = 4


def internal_error_line(exc: BaseException) -> str:
    """One line for an unexpected exception: its type, its first line of message, and where it was raised."""
    import traceback

    message = " ".join(str(exc).split())[:300] or "no message"
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if f"{os.sep}geomap{os.sep}" in f.filename] or frames
    where = f" at {os.path.basename(own[-1].filename)}:{own[-1].lineno}" if own else ""
    return (f"internal error: {type(exc).__name__}: {message}{where} "
            f"(a bug; rerun with GEOMAP_DEBUG=1 for the traceback)")


class LazyGroup(click.Group):
    """Commands that live beside their stage (geomap/events, geomap/claims), imported only when used:
    `geomap resolve` does not pay for loading the incident and claim extractors."""

    LAZY = {"events": "geomap.events.command:events", "check": "geomap.claims.command:check"}

    def list_commands(self, ctx):
        return sorted([*super().list_commands(ctx), *self.LAZY])

    def get_command(self, ctx, name):
        if name in self.LAZY:
            import importlib

            module, _, attr = self.LAZY[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def main():
    """Places, incidents and distance claims from news articles, offline."""
    import signal

    # A killed run (SIGTERM) unwinds like Ctrl-C: atomic writers remove their temporary files on the way out.
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame):
    raise KeyboardInterrupt


# --- gazetteer ---------------------------------------------------------------------------------------------

@main.group()
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
    from geomap.api import gazetteer as open_gazetteer
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


# --- resolve and distance ----------------------------------------------------------------------------------

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


@main.command()
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
@one_line_errors
def resolve(names, country, near, kind, limit, fmt, file):
    """Resolve place NAMES to coordinates, ranked with a score and a reason.

    jsonl prints one object per input name, in input order, with null coordinates when nothing matches.
    """
    from geomap import api
    from geomap.gazetteer import resolver
    from geomap.records import candidate_record, dumps, resolve_record

    queries = _names_from(names, file)
    if not queries:
        raise GeomapError("give at least one NAME or --file")
    missing = []
    results = api.resolve_many(queries, country=country, near=near, kind=kind, limit=limit)
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
                click.echo(f"geomap: {NoMatch(query, resolver.suggestions(api.gazetteer(), query))}", err=True)
    if missing and fmt == "table":
        sys.exit(1)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--units", type=click.Choice(["km", "mi", "nmi"]), default="km", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@one_line_errors
def distance(a, b, units, fmt):
    """Geodesic distance and initial bearing from A to B (place names or 'lat,lon') on WGS84."""
    from geomap import api
    from geomap.records import dumps

    result = api.distance(a, b)
    value = result.distance_m / api.UNITS_M[units]
    if fmt == "json":
        click.echo(dumps({"from": result.a_name, "to": result.b_name, "from_latlon": list(result.a),
                          "to_latlon": list(result.b), "distance": round(value, 3), "units": units,
                          "distance_km": round(result.km, 3), "bearing": round(result.bearing_deg, 2),
                          "compass": result.compass}))
        return
    click.echo(f"{result.a_name} -> {result.b_name}: {value:,.1f} {units}, bearing {result.bearing_deg:.0f}° "
               f"({result.compass})")


# --- parse -----------------------------------------------------------------------------------------------

def _warn(message: str) -> None:
    click.echo(f"geomap: warning: {message}", err=True)


def _progress(items, quiet: bool, label: str):
    """A progress bar on a terminal; nothing when piped or --quiet."""
    import contextlib

    if quiet or not sys.stderr.isatty():
        return contextlib.nullcontext(items)
    return click.progressbar(items, label=label, file=sys.stderr)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "geojson"]), default="table",
              show_default=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress or warnings on stderr.")
@one_line_errors
def parse(paths, fmt, quiet):
    """Every place mention in the articles at PATHS (files, folders, .jsonl corpora, .html, '-' for stdin)."""
    from geomap import api
    from geomap.articles import read_some_articles
    from geomap.geoparse import parse_article
    from geomap.records import dumps, mention_record

    gaz = api.gazetteer()
    articles = read_some_articles(paths, warn=(lambda m: None) if quiet else _warn)
    features = []
    with _progress(articles, quiet, "parsing") as bar:
        for article in bar:
            mentions, _focus = parse_article(article, gaz)
            for mention in mentions:
                if fmt == "jsonl":
                    click.echo(dumps(mention_record(mention)))
                elif fmt == "table":
                    p = mention.place
                    click.echo(f"{article.id}\t{mention.start}-{mention.end}\t{mention.text}\t{p.name}\t{p.kind}\t"
                               f"{p.country}\t{p.lat:.4f},{p.lon:.4f}\t{mention.score:.2f}")
                else:
                    features.append(mention)
    if fmt == "geojson":
        from geomap.records import mention_feature_collection

        click.echo(dumps(mention_feature_collection(features)))


# --- map and export --------------------------------------------------------------------------------------

_ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


@main.command("map")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default="output/map.html", show_default=True, help="The HTML page to write.")
@click.option("--title", default=None, help="Title shown on the map and in the browser tab.")
@click.option("--tiles", type=click.Choice(["osm", "none"]), default="osm", show_default=True,
              help="Online OpenStreetMap tiles over the offline country outlines, or outlines only.")
@click.option("--date-from", type=_ISO_DATE, default=None, help="Only incidents on or after this date.")
@click.option("--date-to", type=_ISO_DATE, default=None, help="Only incidents on or before this date.")
@click.option("--quiet", "-q", is_flag=True, help="No messages on stderr.")
@one_line_errors
def map_command(paths, output, title, tiles, date_from, date_to, quiet):
    """Write the incident map of the articles at PATHS, with its data beside it: for map.html, map.events.geojson
    and map.claims.csv (all three replaced together)."""
    from geomap import api

    written = api.write_map(paths, output, title=title, tiles=tiles,
                            date_from=date_from.date().isoformat() if date_from else None,
                            date_to=date_to.date().isoformat() if date_to else None,
                            warn=(lambda m: None) if quiet else _warn)
    if not quiet:
        click.echo(f"geomap: wrote {', '.join(str(p) for p in written)}", err=True)


@main.command("export")
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", required=True,
              help="File to write; the extension picks the format (.geojson .geojsonl .geojsons .gpkg .fgb .csv "
                   ".kml .parquet); '-' writes GeoJSON to stdout.")
@click.option("--layer", type=click.Choice(["events", "mentions", "claims", "all"]), default=None,
              help="What to write (default: all layers for .gpkg and .kml, events otherwise).")
@click.option("--quiet", "-q", is_flag=True, help="No messages on stderr.")
@one_line_errors
def export_command(paths, output, layer, quiet):
    """Export incidents, place mentions and distance claims for QGIS, Google Earth and scripts."""
    from geomap import api

    fmt = api.export(paths, output, layer=layer, warn=(lambda m: None) if quiet else _warn, stdout=click.echo)
    if not quiet and output != "-":
        click.echo(f"geomap: wrote {output} ({fmt})", err=True)


if __name__ == "__main__":
    main()
