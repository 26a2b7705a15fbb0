"""`geomap distance`: the geodesic between two places or points."""

from __future__ import annotations

import click

from geomap.cli.options import one_line_errors


@click.command()
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
    from geomap import units as lengths

    value = lengths.from_metres(result.distance_m, units)
    if fmt == "json":
        click.echo(dumps({"from": result.a_name, "to": result.b_name, "from_latlon": list(result.a),
                          "to_latlon": list(result.b), "distance": round(value, 3), "units": units,
                          "distance_km": round(result.km, 3), "bearing": round(result.bearing_deg, 2),
                          "compass": result.compass}))
        return
    click.echo(f"{result.a_name} -> {result.b_name}: {value:,.1f} {units}, bearing {result.bearing_deg:.0f}° "
               f"({result.compass})")
