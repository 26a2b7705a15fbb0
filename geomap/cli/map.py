"""`geomap map`: the incident map page, with its data beside it."""

from __future__ import annotations

import click

from geomap.cli.options import focus_option, jobs_option, one_line_errors, paths_argument, warner

_ISO_DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("map")
@paths_argument
@click.option("-o", "--output", default="output/map.html", show_default=True, help="The HTML page to write.")
@click.option("--title", default=None, help="Title shown on the map and in the browser tab.")
@click.option("--tiles", type=click.Choice(["osm", "none"]), default="osm", show_default=True,
              help="Online OpenStreetMap tiles over the offline base map (its names show when the tiles "
                   "fail), or the offline base map only.")
@click.option("--date-from", type=_ISO_DATE, default=None, help="Only incidents on or after this date.")
@click.option("--date-to", type=_ISO_DATE, default=None, help="Only incidents on or before this date.")
@click.option("--overlay", "overlays", multiple=True, metavar="FILE",
              help="A GeoJSON or GeoPackage file (control areas, front lines; a 'date' property makes dated "
                   "snapshots) drawn as a layer of its own. Repeatable.")
@focus_option
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="No progress or messages on stderr.")
@one_line_errors
def map_command(paths, output, title, tiles, date_from, date_to, overlays, focus, jobs, quiet):
    """Write the incident map of the articles at PATHS, with its data beside it: for map.html, map.events.geojson
    and map.claims.csv (all three replaced together)."""
    from geomap import api

    written = api.write_map(paths, output, title=title, tiles=tiles,
                            date_from=date_from.date().isoformat() if date_from else None,
                            date_to=date_to.date().isoformat() if date_to else None,
                            warn=warner(quiet), jobs=jobs, progress=not quiet, focus=focus,
                            overlays=list(overlays))
    if not quiet:
        click.echo(f"geomap: wrote {', '.join(str(p) for p in written)}", err=True)
