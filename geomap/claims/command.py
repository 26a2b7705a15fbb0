"""`geomap check`: every distance claim in the articles, checked, as a table, JSON lines, CSV or GeoJSON.

The command is wired into the `geomap` group by cli.py; the helpers it shares with the other commands are
imported when it runs, so either module may be imported first.
"""

from __future__ import annotations

import sys
from functools import wraps

import click

from geomap.claims import units

FORMATS = ["table", "jsonl", "csv", "geojson"]
QUOTE_WIDTH = 64
QUOTE_LEAD = 20  # characters of the sentence shown before the distance phrase
STRICT_EXIT = 3  # cli.py's code for a failed --strict check


def _one_line_errors(command):
    @wraps(command)
    def wrapper(*args, **kwargs):
        from geomap.cli import one_line_errors

        return one_line_errors(command)(*args, **kwargs)

    return wrapper


@click.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option("--strict", is_flag=True, help=f"Exit {STRICT_EXIT} when any claim is inconsistent.")
@click.option("--quiet", "-q", is_flag=True, help="No progress or warnings on stderr.")
@_one_line_errors
def check(paths, fmt, strict, quiet):
    """Check every stated distance in the articles at PATHS against the geodesic between its ends.

    PATHS are files, folders, .jsonl corpora, .html pages or '-' for stdin. Each claim gets a verdict:
    consistent, inconsistent (with a diagnosis: unit confusion, wrong direction, wrong magnitude) or
    unverifiable (an end is not a place point).
    """
    from geomap import api
    from geomap.articles import read_some_articles
    from geomap.claims import claims_of
    from geomap.claims.check import INCONSISTENT, check_claims
    from geomap.cli import _progress, _warn

    gaz = api.gazetteer()
    articles = read_some_articles(paths, warn=(lambda m: None) if quiet else _warn)
    claims = []
    with _progress(articles, quiet, "checking") as bar:
        for article in bar:
            claims.extend(claims_of(article, gaz))
    checks = check_claims(claims)
    if fmt == "table":
        _table(checks, {a.id: a.text for a in articles})
    else:
        {"jsonl": _jsonl, "csv": _csv, "geojson": _geojson}[fmt](checks)
    if strict and any(c.verdict == INCONSISTENT for c in checks):
        sys.exit(STRICT_EXIT)


def _jsonl(checks) -> None:
    from geomap.claims import claim_record
    from geomap.records import dumps

    for c in checks:
        click.echo(dumps(claim_record(c)))


def _csv(checks) -> None:
    from geomap.claims import RECORD_FIELDS, claim_record
    from geomap.writers import csv_table

    rows = (claim_record(c) for c in checks)
    click.echo(csv_table(list(RECORD_FIELDS), ([row[k] for k in RECORD_FIELDS] for row in rows)), nl=False)


def _geojson(checks) -> None:
    from geomap.claims import claim_feature
    from geomap.records import dumps

    click.echo(dumps({"type": "FeatureCollection", "features": [claim_feature(c) for c in checks]}))


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


def _table(checks, texts: dict[str, str]) -> None:
    if not checks:
        click.echo("geomap: no distance claims found", err=True)
        return
    click.echo(f"{'quote':<{QUOTE_WIDTH}}  {'stated':<22} {'computed':<22} {'verdict':<12} diagnosis")
    for c in checks:
        phrase = texts.get(c.claim.doc, "")[c.claim.start:c.claim.end]
        quote = shortened(c.claim.quote, phrase)
        click.echo(f"{quote:<{QUOTE_WIDTH}}  {stated(c.claim):<22} {computed(c):<22} {c.verdict:<12} "
                   f"{c.diagnosis}".rstrip())


def _number(value: float) -> str:
    return f"{value:g}" if value < 1e6 else f"{value:,.0f}"
