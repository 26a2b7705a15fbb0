"""Issue #12, "survive every bad input": one regression test per fuzz finding in the readers and writers.

Article text is untrusted: whatever a corpus holds, a run reads what can be read, says in one line per
problem what it skipped, and writes files that parse.
"""

import io
import json
import os
import re
import threading
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner

from geomap.articles import read_articles


def _read(path, **kwargs):
    warnings = []
    return list(read_articles([path], warn=warnings.append, **kwargs)), warnings


def _jsonl(tmp_path, lines: list[bytes], name="corpus.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


# JSON escapes of the control characters other than line breaks and tabs; exporters also write them raw.
_CONTROL_ESCAPE = re.compile(rb"\\u00(0[0-8bcef]|1[0-9a-f])|\\[bf]")


def _raw_control(match: re.Match) -> bytes:
    return {b"\\b": b"\b", b"\\f": b"\f"}.get(match.group()) or bytes([int(match.group(1), 16)])


def _record(*, escaped: bool = False, **fields) -> bytes:
    """A JSONL line with control characters raw (the test texts hold no backslashes that could confuse the
    un-escaping); ``escaped`` writes non-ASCII as \\u escapes, the only way JSON can spell a lone surrogate."""
    return _CONTROL_ESCAPE.sub(_raw_control, json.dumps(fields, ensure_ascii=escaped).encode("utf-8"))


# --- readers --------------------------------------------------------------------------------------------

LINE_BREAKS_IN_TEXT = ["\u2028", "\u2029", "\u0085", "\x1c", "\x1d", "\x1e", "\x0b", "\x0c"]


def test_jsonl_lines_end_at_newline_only_and_warnings_name_the_physical_line(tmp_path):
    texts = [f"Kyiv{sep}Lviv" for sep in LINE_BREAKS_IN_TEXT]
    lines = [_record(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    assert all(sep.encode("utf-8") in line for sep, line in zip(LINE_BREAKS_IN_TEXT, lines))  # raw, not escaped
    path = _jsonl(tmp_path, [*lines, b"not json"])
    articles, warnings = _read(path)
    assert [a.text for a in articles] == texts
    assert warnings == [f"{path}:{len(texts) + 1}: not valid JSON (Expecting value), line skipped"]


def test_a_nul_byte_costs_its_line_not_the_corpus(tmp_path):
    path = _jsonl(tmp_path, [_record(id="a", text="Kyiv"), b"\x00\x01\x02 binary junk", _record(id="b", text="Lviv")])
    articles, warnings = _read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert len(warnings) == 1 and warnings[0].startswith(f"{path}:2: not valid JSON")


@pytest.mark.parametrize("line, article_id, problem", [
    (b'{"id": "a", "title": ["x"], "text": "t"}', "a", '"title" is an array, not a string, ignored'),
    (b'{"id": "a", "url": 5, "text": "t"}', "a", '"url" is a number, not a string, ignored'),
    (b'{"id": {"k": 1}, "text": "t"}', "{path}:2", '"id" is an object, not a string, so the article is named {path}:2'),
    (b'{"id": 1e999, "text": "t"}', "{path}:2", '"id" is a number, not a string, so the article is named {path}:2'),
    (b'{"id": ' + b"7" * 4400 + b', "text": "t"}', "{path}:2",
     '"id" is a number, not a string, so the article is named {path}:2'),
    (b'{"id": "a", "n": ' + b"7" * 4400 + b', "text": "t"}', "a", None),  # a field geomap does not read
    (b'{"id": 12, "text": "t"}', "12", None),
    (b'{"id": true, "text": "t"}', "{path}:2", '"id" is a boolean, not a string, so the article is named {path}:2'),
    (b"[" * 100_000 + b"]" * 100_000, None, "not valid JSON (nested too deeply), line skipped"),
    (b'{"id": "a", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None,
     "not valid JSON (nested too deeply), line skipped"),
    (b'{"id": "a", "text": 5}', None, 'no "text" string, line skipped'),
], ids=["title-array", "url-number", "id-object", "id-huge-float", "id-4400-digits", "unread-4400-digits", "id-int",
        "id-bool", "nested-100000", "text-nested-100000", "text-number"])
def test_one_bad_line_gives_one_warning_and_the_run_goes_on(tmp_path, line, article_id, problem):
    path = _jsonl(tmp_path, [_record(id="first", text="Kyiv"), line, _record(id="last", text="Lviv")])
    articles, warnings = _read(path)
    expected_ids = ["first", *([article_id.format(path=path)] if article_id else []), "last"]
    assert [a.id for a in articles] == expected_ids
    assert all(a.title is None and a.url is None for a in articles)
    assert warnings == ([f"{path}:2: {problem.format(path=path)}"] if problem else [])


def test_lone_surrogate_escapes_become_replacement_characters_with_one_warning(tmp_path):
    path = _jsonl(tmp_path, [b'{"id": "a\\udc00", "title": "\\ud800", "text": "Kyiv \\ud800 and \\udfff"}',
                             b'{"id": "b", "text": "\\ud83d\\ude00 a pair is one character"}'])
    articles, warnings = _read(path)
    assert [(a.id, a.title, a.text) for a in articles] == [
        ("a\ufffd", "\ufffd", "Kyiv \ufffd and \ufffd"), ("b", None, "\U0001f600 a pair is one character")]
    assert warnings == [f"{path}:1: lone surrogates replaced with U+FFFD"]


def test_stdin_is_read_as_bytes_and_decoded_like_a_file():
    raw = b"Kyiv \xff\xfe was shelled.\n"
    # sys.stdin in a C locale: a text stream that turns bad bytes into lone surrogates; its buffer is used.
    as_sys_stdin = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8", errors="surrogateescape")
    for stream in (as_sys_stdin, io.BytesIO(raw)):
        [article], warnings = _read("-", stdin=stream)
        assert article.text == "Kyiv \ufffd\ufffd was shelled.\n"
        assert warnings == ["-: not UTF-8 (byte 5); undecodable bytes replaced"]
    [article], warnings = _read("-", stdin=io.StringIO("Kyiv \udcff"))  # a text stream with no bytes behind it
    assert article.text == "Kyiv \ufffd" and warnings == ["-: lone surrogates replaced with U+FFFD"]


def test_invalid_utf8_on_stdin_reaches_the_writers_as_valid_text(gaz):
    from geomap.cli import main

    raw = "Shelling hit Kharkiv \udcff\udcfe overnight.".encode("utf-8", "surrogateescape")
    result = CliRunner().invoke(main, ["parse", "-", "--format", "jsonl"], input=raw)
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["name"] == "Kharkiv" and "-: not UTF-8 (byte 21)" in result.stderr


def test_stdin_jsonl_numbers_its_lines_too():
    stream = io.BytesIO(b'\n{"id": "a", "text": "Kyiv\xe2\x80\xa8Lviv"}\n{"id": [1], "text": "Odesa"}\n')
    articles, warnings = _read("-", stdin=stream)
    assert [(a.id, a.text) for a in articles] == [("a", "Kyiv\u2028Lviv"), ("-:3", "Odesa")]
    assert warnings == ['-:3: "id" is an array, not a string, so the article is named -:3']


def test_control_characters_stay_in_the_text(tmp_path):
    text = "Kyiv\tLviv\nOdesa\x0cpage two\x1eend\x07"
    path = _jsonl(tmp_path, [_record(id="a", text=text)])
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    assert [a.text for a in read_articles([path, tmp_path / "a.txt"])] == [text, text]


def test_a_corpus_is_read_line_by_line(tmp_path):
    """Articles come while the file is still being written: the reader never waits for the end of it."""
    path = tmp_path / "live.jsonl"
    os.mkfifo(path)
    first_read = threading.Event()

    def writer():
        with path.open("wb") as pipe:
            pipe.write(_record(id="a", text="Kyiv") + b"\n")
            pipe.flush()
            first_read.wait(timeout=10)
            pipe.write(_record(id="b", text="Lviv") + b"\n")

    thread = threading.Thread(target=writer)
    thread.start()
    articles = read_articles([path])
    first = next(articles)
    waited_for_the_end = not thread.is_alive()  # the writer is still waiting unless the reader waited for EOF
    first_read.set()
    rest = list(articles)
    thread.join()
    assert first.id == "a" and [a.id for a in rest] == ["b"] and not waited_for_the_end


def test_reading_a_corpus_holds_one_line_in_memory(tmp_path):
    line = _record(id="x", text="Kyiv was shelled. " * 200)
    path = _jsonl(tmp_path, [line] * 3000)  # about 11 MB
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_articles([path]))
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000 and peak < 2_000_000


def test_many_bad_lines_are_counted_after_the_first_twenty(tmp_path):
    path = _jsonl(tmp_path, [b"\x00junk"] * 50 + [_record(text="Kyiv")])
    articles, warnings = _read(path)
    assert [a.text for a in articles] == ["Kyiv"]
    assert len(warnings) == 21 and warnings[-1] == f"{path}: 30 more lines with problems, not reported one by one"
