"""Reading news articles: .txt/.md files, folders, .jsonl corpora, .html pages and stdin.

Bad input never stops a run: an unreadable, empty, binary or non-UTF-8 file, and in a JSONL corpus a line
that is not JSON or carries fields of the wrong type, gives one warning line naming the file (and the line)
and the problem, and reading goes on. The warnings go to a callback (stderr in the CLI).

Articles come out lazily and hold valid Unicode only: lone surrogates become U+FFFD. A JSONL corpus is read
a line at a time from the binary file, so its size does not matter, only its longest line; its lines are the
stretches between b"\n" bytes, so the line numbers in warnings are the ones an editor shows, whatever
U+2028, U+0085 or form feeds the texts hold.
"""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from geomap.model import Article
from geomap.surrogates import has_lone_surrogates, replace_lone_surrogates

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_DATE_HEADER = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_JSON_SPACE = " \t\r\n"
# A file that is not JSONL at all (a misnamed archive) would warn on every line; past this many bad lines a
# file gets one closing count instead.
LINE_WARNINGS = 20

Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"geomap: warning: {message}", file=sys.stderr)


def read_articles(paths: Iterable[str | Path], *, warn: Warn = _stderr, stdin=None) -> Iterator[Article]:
    """Articles from every path in order; folders give their files sorted by name; '-' reads stdin."""
    for raw in paths:
        if str(raw) == "-":
            yield from _from_stdin(stdin if stdin is not None else sys.stdin, warn)
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            for child in children:
                if child.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES:
                    yield from _from_file(child, warn)
            continue
        if not path.exists():
            warn(f"{path}: no such file")
            continue
        yield from _from_file(path, warn)


def read_some_articles(paths: Iterable[str | Path], *, warn: Warn = _stderr, stdin=None) -> list[Article]:
    """``read_articles`` for a command: when not one article could be read, an InputError that scripts can
    tell from an article without places (which is no error)."""
    from geomap.errors import InputError

    paths = list(paths)
    articles = list(read_articles(paths, warn=warn, stdin=stdin))
    if not articles:
        raise InputError(f"no readable articles in {' '.join(str(p) for p in paths)}")
    return articles


def _decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 text (a leading BOM dropped) and, when bytes had to be replaced, the problem to report."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return data.decode("utf-8-sig", errors="replace"), f"not UTF-8 (byte {exc.start}); undecodable bytes replaced"


def _from_file(path: Path, warn: Warn) -> Iterator[Article]:
    if path.suffix.lower() in JSONL_SUFFIXES:
        yield from _from_jsonl_file(path, warn)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        warn(f"{path}: cannot read ({exc.strerror or exc})")
        return
    if not data.strip():
        warn(f"{path}: empty file, skipped")
        return
    if b"\x00" in data[:8192]:
        warn(f"{path}: binary file, skipped")
        return
    text, problem = _decode(data)
    if problem:
        warn(f"{path}: {problem}")
    yield _document(text, str(path), path.suffix.lower() in HTML_SUFFIXES, warn)


def _from_jsonl_file(path: Path, warn: Warn) -> Iterator[Article]:
    # Binary lines: iterating a binary file splits at b"\n" only, and holds one line at a time. Whether a line
    # is binary junk is judged line by line, so one NUL byte costs one line, not the corpus.
    try:
        handle = path.open("rb")
    except OSError as exc:
        warn(f"{path}: cannot read ({exc.strerror or exc})")
        return
    with handle:
        try:
            yield from _from_jsonl(handle, str(path), warn)
        except OSError as exc:  # a read error half-way (EIO, a file truncated under us): keep what was read
            warn(f"{path}: cannot read further ({exc.strerror or exc})")


def _from_stdin(stream, warn: Warn) -> Iterator[Article]:
    """JSONL when the first non-blank line starts with '{', an HTML page with '<', else one text article.

    Bytes where the stream has them: a text stdin decodes invalid UTF-8 to lone surrogates
    (surrogateescape), which would crash every writer later; the bytes are decoded here like a file's.
    """
    lines = _stream_lines(getattr(stream, "buffer", stream))
    head = []
    for line in lines:
        head.append(line)
        if line.strip():
            break
    if not head or not head[-1].strip():
        warn("-: empty input, nothing read")
        return
    empty = head[0][:0]  # b"" or "": the stream's own kind
    start = empty.join(head).removeprefix(codecs.BOM_UTF8 if isinstance(empty, bytes) else "\ufeff").lstrip()[:1]
    if start in (b"{", "{"):
        yield from _from_jsonl(itertools.chain(head, lines), "-", warn)
        return
    data = empty.join(itertools.chain(head, lines))
    if isinstance(data, bytes):
        data, problem = _decode(data)
        if problem:
            warn(f"-: {problem}")
    yield _document(data, "-", start in (b"<", "<"), warn)


def _stream_lines(stream) -> Iterator[bytes | str]:
    # readline, not iteration: a text stream without a buffer (StringIO) splits at "\n" only this way too.
    line = stream.readline()
    while line:
        yield line
        line = stream.readline()


def _document(text: str, name: str, html: bool, warn: Warn) -> Article:
    article = html_article(text, name) if html else text_article(text, name)
    valid = _without_surrogates(article)
    if valid is None:
        return article
    warn(f"{name}: lone surrogates replaced with U+FFFD")
    return valid


def _without_surrogates(article: Article) -> Article | None:
    """The article with lone surrogates replaced by U+FFFD in every field; None when it had none."""
    bad = {f.name: replace_lone_surrogates(value) for f in dataclasses.fields(article)
           if isinstance(value := getattr(article, f.name), str) and has_lone_surrogates(value)}
    return dataclasses.replace(article, **bad) if bad else None


def text_article(text: str, doc_id: str) -> Article:
    """A plain-text article; an optional leading 'date YYYY-MM-DD' sets its date.

    The header is blanked with spaces rather than cut, so character offsets stay offsets into the file.
    """
    match = _DATE_HEADER.match(text)
    if match:
        return Article(id=doc_id, text=" " * match.end() + text[match.end():], date=match.group(1), path=doc_id)
    return Article(id=doc_id, text=text, path=doc_id)


def _from_jsonl(lines: Iterable[bytes | str], name: str, warn: Warn) -> Iterator[Article]:
    """An article per JSON object line; every other line is skipped with one warning naming name:line."""
    bad = 0
    read = False
    for number, raw in enumerate(lines, start=1):
        if isinstance(raw, bytes):
            line, problem = _decode(raw)  # utf-8-sig drops a file's BOM, also one inside files joined by cat
        else:
            line, problem = raw.removeprefix("\ufeff"), None
        if not line.strip(_JSON_SPACE):
            continue
        read = True
        problems = [problem] if problem else []
        article = _jsonl_article(line, f"{name}:{number}", name, problems)
        if problems:
            bad += 1
            if bad <= LINE_WARNINGS:
                warn(f"{name}:{number}: {'; '.join(problems)}")
        if article is not None:
            yield article
    if not read:
        warn(f"{name}: empty file, skipped")
    elif bad > LINE_WARNINGS:
        warn(f"{name}: {bad - LINE_WARNINGS} more lines with problems, not reported one by one")


def _jsonl_article(line: str, where: str, name: str, problems: list[str]) -> Article | None:
    """The article of one JSONL line, or None; what was wrong with the line is added to ``problems``."""
    try:
        # strict=False: raw control characters inside strings (a form feed, \x1c) are the article's text,
        # not a reason to lose it. _json_int: no digit-count limit can turn a number into a lost line.
        record = json.loads(line, strict=False, parse_int=_json_int)
    except RecursionError:
        problems.append("not valid JSON (nested too deeply), line skipped")
        return None
    except ValueError as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc).splitlines()[0]
        problems.append(f"not valid JSON ({reason}), line skipped")
        return None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        problems.append('no "text" string, line skipped')
        return None
    date = record.get("date")
    if date is not None and not (isinstance(date, str) and _ISO_DATE.match(date)):
        problems.append(f"date {_shown(date)} is not YYYY-MM-DD, ignored")
        date = None
    article = Article(id=_doc_id(record.get("id"), where, problems), text=record["text"],
                      date=date[:10] if date else None, title=_optional_str(record, "title", problems),
                      url=_optional_str(record, "url", problems), path=name)
    valid = _without_surrogates(article)
    if valid is None:
        return article
    problems.append("lone surrogates replaced with U+FFFD")
    return valid


def _json_int(digits: str) -> int | float:
    # Python refuses to turn more than 4,300 digits into an int (a ValueError for the whole line); no field
    # geomap reads is such a number, so an out-of-range float stands in and the field is judged as one.
    try:
        return int(digits)
    except ValueError:
        return float(digits)


def _json_kind(value) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    return {dict: "an object", list: "an array", type(None): "null"}.get(type(value), type(value).__name__)


def _shown(value) -> str:
    """A field's value for a warning: short, on one line."""
    text = repr(value) if isinstance(value, str) else _json_kind(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _optional_str(record: dict, key: str, problems: list[str]) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    problems.append(f'"{key}" is {_json_kind(value)}, not a string, ignored')
    return None


def _doc_id(value, where: str, problems: list[str]) -> str:
    """The article id: a string as is, an integer as its digits, else the line's own file:line."""
    if value is None:
        return where
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    problems.append(f'"id" is {_json_kind(value)}, not a string, so the article is named {where}')
    return where


class _TextExtractor(HTMLParser):
    """Visible text of a page: scripts, styles and other non-content elements dropped, blocks on new lines."""

    SKIP = {"script", "style", "noscript", "template", "svg", "head", "nav", "footer", "iframe"}
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote",
              "figcaption", "header"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self.skipping:
            self.parts.append(data)


def html_article(html: str, doc_id: str) -> Article:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n+", "\n\n", text).strip()
    return Article(id=doc_id, text=text, title=parser.title.strip() or None, path=doc_id)
