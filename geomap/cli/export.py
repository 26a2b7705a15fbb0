"""`geomap export`: incidents, place mentions and distance claims in the formats GIS tools read."""

from __future__ import annotations

import click

from geomap.cli.options import focus_option, jobs_option, one_line_errors, paths_argument, warner, write_stdout


@click.command("export")
@paths_argument
@click.option("-o", "--output", required=True,
              help="File to write; the extension picks the format (.geojson .geojsonl .geojsons .gpkg .fgb .csv "
                   ".kml .parquet); '-' writes GeoJSON to stdout.")
@click.option("--layer", type=click.Choice(["events", "mentions", "claims", "located", "all"]), default=None,
              help="What to write (default: all layers for .gpkg and .kml, events otherwise).")
@focus_option
@jobs_option
@click.option("--quiet", "-q", is_flag=True, help="No progress or messages on stderr.")
@one_line_errors
def export_command(paths, output, layer, focus, jobs, quiet):
    """Export incidents, place mentions and distance claims for QGIS, Google Earth and scripts."""
    from geomap import api

    fmt = api.export(paths, output, layer=layer, warn=warner(quiet), stdout=write_stdout, jobs=jobs,
                     progress=not quiet, focus=focus)
    if not quiet and output != "-":
        click.echo(f"geomap: wrote {output} ({fmt})", err=True)
