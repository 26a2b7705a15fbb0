"""Errors that reach the user as one line: what went wrong and where, never a traceback."""


class GeomapError(Exception):
    """Base class. ``str(error)`` is the whole message the CLI prints."""

    exit_code = 2


class GazetteerError(GeomapError):
    """The gazetteer cannot be built or read."""


class InputError(GeomapError):
    """An input file or argument is unusable."""


class OutputError(GeomapError):
    """An output file cannot be written."""


class NoMatch(GeomapError):
    """A name resolves to nothing."""

    exit_code = 1

    def __init__(self, query: str, suggestions: list[str]):
        self.query = query
        self.suggestions = suggestions
        hint = f"; nearest: {', '.join(suggestions)}" if suggestions else ""
        super().__init__(f"no match for '{query}'{hint}")
