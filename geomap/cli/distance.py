"""`geomap distance`: the geodesic between two places or points."""

from __future__ import annotations

import click

from geomap.cli.options import guess_option, one_line_errors, warn


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--units", type=click.Choice(["km", "mi", "nmi"]), default="km", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@guess_option
@one_line_errors
def distance(a, b, units, fmt, guess):
    """Geodesic distance and initial bearing from A to B (place names or 'lat,lon') on WGS84.

    A name with no confident match is not found (exit 1) unless --guess."""
    from geomap import api
    from geomap.gazetteer.resolver import GUESS_MARK
    from geomap.records import dumps

    result = api.distance(a, b, guess=guess)
    for name, reason in ((a, result.a_reason), (b, result.b_reason)):
        if reason.startswith(GUESS_MARK):
            warn(f"'{name}' is a guess: {reason[len(GUESS_MARK):]}")
    from geomap import units as lengths

    value = lengths.from_metres(result.distance_m, units)
    if fmt == "json":
        click.echo(dumps({"from": result.a_name, "to": result.b_name, "from_latlon": list(result.a),
                          "to_latlon": list(result.b),
                          "from_reason": result.a_reason or None, "to_reason": result.b_reason or None,
                          "distance": round(value, 3), "units": units,
                          "distance_km": round(result.km, 3), "bearing": round(result.bearing_deg, 2),
                          "compass": result.compass}))
        return
    click.echo(f"{result.a_name} -> {result.b_name}: {value:,.1f} {units}, bearing {result.bearing_deg:.0f}° "
               f"({result.compass})")
