"""`geomap check`: every distance claim in the articles, checked, as a table, JSON lines, CSV or GeoJSON."""

from __future__ import annotations

import sys

import click

from geomap import units
from geomap.cli.options import (focus_option, jobs_option, layer_to_stdout, one_line_errors, paths_argument,
                                quiet_option, rs_option, warner)

FORMATS = ["table", "jsonl", "csv", "geojson"]
QUOTE_WIDTH = 64
QUOTE_LEAD = 20  # characters of the sentence shown before the distance phrase
STRICT_EXIT = 3  # the exit code of a failed --strict check


@click.command("check")
@paths_argument
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--strict", is_flag=True, help=f"Exit {STRICT_EXIT} when any claim is inconsistent.")
@click.option("--layer", type=click.Choice(["claims", "located"]), default="claims", show_default=True,
              help="With --format csv/geojson: the claims, or the unnamed points several claims locate together.")
@rs_option
@focus_option
@jobs_option
@quiet_option
@one_line_errors
def check(paths, fmt, strict, layer, rs, focus, jobs, quiet):
    """Check every stated distance in the articles at PATHS against the geodesic between its ends.

    PATHS are files, folders, .jsonl corpora, .html pages or '-' for stdin. Each claim gets a verdict:
    consistent, inconsistent (with a diagnosis: unit confusion, wrong direction, wrong magnitude) or
    unverifiable (an end is not a place point).
    """
    from geomap import api
    from geomap.claims.check import INCONSISTENT

    analysed = api.analyse_each(paths, stages=("checks",), warn=warner(quiet), jobs=jobs, progress=not quiet,
                                focus=focus)
    checks = (c for done in analysed for c in done.checks)
    inconsistent = False

    def noted(stream):
        nonlocal inconsistent
        for c in stream:
            inconsistent = inconsistent or c.verdict == INCONSISTENT
            yield c

    {"table": _table, "jsonl": _jsonl, "csv": _layer("csv", layer=layer),
     "geojson": _layer("geojson", rs, layer)}[fmt](noted(checks))
    if strict and inconsistent:
        sys.exit(STRICT_EXIT)


def _jsonl(checks) -> None:
    from geomap.claims import claim_record
    from geomap.records import dumps

    for c in checks:
        click.echo(dumps(claim_record(c)))


def _layer(fmt: str, rs: bool = False, layer: str = "claims"):
    def write(checks) -> None:
        from geomap.frame import claim_layer, located_layer

        with layer_to_stdout(fmt, layer, rs) as sink:
            if layer == "located":  # a point is complete once its sentence's claims are all read
                sink.add(located_layer(c for c in checks if c.located is not None))
                return
            for check in checks:
                sink.add(claim_layer([check]))

    return write


def stated(claim) -> str:
    """'about 250 mi W', '10-15 km', 'just hundreds of m'."""
    figure = _number(claim.value) if claim.value_max is None else f"{_number(claim.value)}-{_number(claim.value_max)}"
    if claim.quantity:
        figure = claim.quantity
    words = [claim.hedge, figure, claim.unit, claim.direction]
    return " ".join(w for w in words if w)


def computed(check) -> str:
    """'158.6 mi / 255.3 km', or '-' when the ends do not both resolve."""
    if check.computed_km is None:
        return "-"
    km = check.computed_km
    if check.claim.unit == "km":
        return f"{km:,.1f} km"
    in_unit = units.from_metres(km * 1000.0, check.claim.unit)
    return f"{in_unit:,.1f} {check.claim.unit} / {km:,.1f} km"


def shortened(sentence: str, phrase: str, width: int = QUOTE_WIDTH) -> str:
    """The sentence on one line, cut to ``width`` with the distance phrase kept in view."""
    text, phrase = " ".join(sentence.split()), " ".join(phrase.split())
    if len(text) <= width:
        return text
    at = max(text.find(phrase), 0)
    start = max(0, min(at - QUOTE_LEAD, len(text) - width + 1))
    cut = text[start:start + width - 2]
    return ("…" if start else "") + cut + ("…" if start + len(cut) < len(text) else "")


def _table(checks) -> None:
    shown = 0
    for c in checks:
        if not shown:
            click.echo(f"{'quote':<{QUOTE_WIDTH}}  {'stated':<22} {'computed':<22} {'verdict':<12} diagnosis")
        shown += 1
        quote = shortened(c.claim.quote, c.claim.phrase)
        click.echo(f"{quote:<{QUOTE_WIDTH}}  {stated(c.claim):<22} {computed(c):<22} {c.verdict:<12} "
                   f"{c.diagnosis}".rstrip())
    if not shown:
        click.echo("geomap: no distance claims found", err=True)


def _number(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"
