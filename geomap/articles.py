"""Reading news articles: .txt/.md files, folders, .jsonl corpora, .html pages and stdin.

Bad input never stops a run: an unreadable, empty, binary or non-UTF-8 file gives one warning line naming
the file and the problem, and reading goes on. The warnings go to a callback (stderr in the CLI).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from geomap.model import Article

TEXT_SUFFIXES = {".txt", ".md", ".text", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_DATE_HEADER = re.compile(r"^\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")

Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"geomap: warning: {message}", file=sys.stderr)


def read_articles(paths: Iterable[str | Path], *, warn: Warn = _stderr, stdin=None) -> Iterator[Article]:
    """Articles from every path in order; folders give their files sorted by name; '-' reads stdin."""
    for raw in paths:
        if str(raw) == "-":
            stream = stdin if stdin is not None else sys.stdin
            yield from _from_text_or_jsonl(stream.read(), "-", warn)
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


def _decode(path: Path, data: bytes, warn: Warn) -> str | None:
    if not data.strip():
        warn(f"{path}: empty file, skipped")
        return None
    if b"\x00" in data[:8192]:
        warn(f"{path}: binary file, skipped")
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        warn(f"{path}: not UTF-8 (byte {exc.start}); undecodable bytes replaced")
        return data.decode("utf-8", errors="replace")


def _from_file(path: Path, warn: Warn) -> Iterator[Article]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        warn(f"{path}: cannot read ({exc.strerror or exc})")
        return
    text = _decode(path, data, warn)
    if text is None:
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(text, str(path), warn)
    elif suffix in HTML_SUFFIXES:
        yield html_article(text, str(path))
    else:
        yield text_article(text, str(path))


def _from_text_or_jsonl(text: str, name: str, warn: Warn) -> Iterator[Article]:
    first = text.lstrip()[:1]
    if first == "{":
        yield from _from_jsonl(text, name, warn)
    elif first == "<":
        yield html_article(text, name)
    elif text.strip():
        yield text_article(text, name)
    else:
        warn(f"{name}: empty input, nothing read")


def text_article(text: str, doc_id: str) -> Article:
    """A plain-text article; an optional leading 'date YYYY-MM-DD' sets its date.

    The header is blanked with spaces rather than cut, so character offsets stay offsets into the file.
    """
    match = _DATE_HEADER.match(text)
    if match:
        return Article(id=doc_id, text=" " * match.end() + text[match.end():], date=match.group(1), path=doc_id)
    return Article(id=doc_id, text=text, path=doc_id)


def _from_jsonl(text: str, name: str, warn: Warn) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{name}:{number}: not valid JSON ({exc.msg}), line skipped")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            warn(f"{name}:{number}: no \"text\" string, line skipped")
            continue
        date = record.get("date")
        if date is not None and not (isinstance(date, str) and _ISO_DATE.match(date)):
            warn(f"{name}:{number}: date {date!r} is not YYYY-MM-DD, ignored")
            date = None
        yield Article(id=str(record.get("id", f"{name}:{number}")), text=record["text"],
                      date=date[:10] if date else None, title=record.get("title"), url=record.get("url"), path=name)


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
