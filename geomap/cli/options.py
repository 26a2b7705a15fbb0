"""What every `geomap` command shares: one-line errors and exit codes, warnings, --quiet, --jobs, PATHS.

Exit codes scripts can trust: 0 success, 1 nothing found, 2 bad input or usage, 3 a --strict check failed,
4 an internal error (a bug: one line; the traceback with GEOMAP_DEBUG=1), 130 interrupted.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from functools import wraps

import click

from geomap.errors import GeomapError

INTERNAL_ERROR = 4
INTERRUPTED = 130


def one_line_errors(command):
    """Turn every failure into one line on stderr and an exit code, never a traceback."""

    @wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except GeomapError as exc:
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            sys.stderr.close()  # `geomap ... | head` is not an error
            sys.exit(0)
        except OSError as exc:  # a disk full or a file vanishing under us: still one line
            where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
            _fail(f"{where}{exc.strerror or exc}", 2)
        except sqlite3.DatabaseError as exc:  # the cached index went bad under a running command
            _fail(f"the gazetteer index is damaged ({exc}); 'geomap gazetteer build' repairs it", 2)
        except KeyboardInterrupt:
            _fail("interrupted", INTERRUPTED)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own ends: usage errors print themselves and exit 2
        except Exception as exc:  # a bug: scripts must tell it from "nothing found" (1) and bad input (2)
            if os.environ.get("GEOMAP_DEBUG"):
                raise
            _fail(internal_error_line(exc), INTERNAL_ERROR)

    return wrapper


def _fail(message: str, code: int):
    click.echo(f"geomap: {' '.join(message.split())}", err=True)
    sys.exit(code)


def internal_error_line(exc: BaseException) -> str:
    """One line for an unexpected exception: its type, its message, and where in geomap it was raised."""
    import traceback

    message = " ".join(str(exc).split())[:300] or "no message"
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if f"{os.sep}geomap{os.sep}" in f.filename] or frames
    where = f" at {os.path.basename(own[-1].filename)}:{own[-1].lineno}" if own else ""
    return (f"internal error: {type(exc).__name__}: {message}{where} "
            f"(a bug; rerun with GEOMAP_DEBUG=1 for the traceback)")


def write_stdout(text: str) -> None:
    """Data to stdout as it is (no newline added)."""
    click.echo(text, nl=False)


rs_option = click.option(
    "--rs", is_flag=True,
    help="With --format geojson: a GeoJSON text sequence (RFC 8142), one feature per line after an RS "
         "character, written as each article is done.")


def layer_to_stdout(fmt: str, name: str, rs: bool = False):
    """A LayerSink writing one layer to stdout in ``fmt``: GeoJSON and CSV go through the same writers as
    `geomap export`, so a layer has one schema in every command's output."""
    from geomap.sinks import LayerSink

    return LayerSink("-", [name], stdout=write_stdout, fmt="geojsons" if rs and fmt == "geojson" else fmt)


def warn(message: str) -> None:
    click.echo(f"geomap: warning: {' '.join(message.split())}", err=True)


def warner(quiet: bool):
    """The warning callback for the readers: stderr, or nothing with --quiet."""
    return (lambda message: None) if quiet else warn


# --- options several commands take ---------------------------------------------------------------------------

paths_argument = click.argument("paths", nargs=-1, required=True)

quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress or warnings on stderr.")

focus_option = click.option(
    "--focus", metavar="CC|auto|none", default="auto", show_default=True,
    help="The country the articles are about (ISO code, e.g. UA): a short report naming only an ambiguous town "
         "('Odessa') takes that country's town, and institutions named after its towns ('Chuhuiv Airbase') are "
         "mapped at the town. 'auto': learned from a corpus of several documents (the country at least half of "
         "their places are in; a first pass reads them all), none for a single document. 'none': no focus.")

jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(0, 256), default=1, show_default=True,
    help="Worker processes sharing the articles (0: one per core); the output is the same as with 1.")


def article_date(ctx, param, value):
    """A --date option's value as an ISO date, or a usage error."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date YYYY-MM-DD") from None


guess_option = click.option(
    "--guess", is_flag=True,
    help="Take the nearest spelling for a name with no confident match (its reason says it is a guess); "
         "without it such a name is not found.")

date_option = click.option(
    "--date", "article_date", callback=article_date, metavar="YYYY-MM-DD",
    help="The date of articles that carry none; relative dates ('on Monday') resolve against it.")
