"""The `geomap` command line, in the style of fiona's `fio`: thin click commands over the Python API, one
module per command, the options they share in ``options.py``.

stdout carries data only; messages go to stderr. Exit codes are listed in ``options.py``. Each command's
module is imported only when that command runs, so `geomap resolve` does not load the incident extractor.
"""

from __future__ import annotations

import importlib

import click

from geomap.cli.options import INTERNAL_ERROR, one_line_errors  # noqa: F401 - part of the CLI's interface

COMMANDS = {
    "gazetteer": "geomap.cli.gazetteer:gazetteer",
    "resolve": "geomap.cli.resolve:resolve",
    "distance": "geomap.cli.distance:distance",
    "parse": "geomap.cli.parse:parse",
    "events": "geomap.cli.events:events",
    "check": "geomap.cli.check:check",
    "map": "geomap.cli.map:map_command",
    "export": "geomap.cli.export:export_command",
}


class LazyGroup(click.Group):
    """Commands imported when used."""

    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        if name not in COMMANDS:
            return None
        module, _, attr = COMMANDS[name].partition(":")
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="geomap")
def main():
    """Places, incidents and distance claims from news articles, offline."""
    import signal

    # A killed run (SIGTERM) unwinds like Ctrl-C: atomic writers remove their temporary files on the way out.
    signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum, frame):
    raise KeyboardInterrupt


if __name__ == "__main__":
    main()
