"""Issue #12, "survive every bad input": one regression test per fuzz finding in the readers and writers.

Article text is untrusted: whatever a corpus holds, a run reads what can be read, says in one line per
problem what it skipped, and writes files that parse.
"""

import csv
import errno
import io
import json
import os
import re
import shutil
import stat
import subprocess
import threading
import time
import tracemalloc
from pathlib import Path

import pyogrio
import pytest
from click.testing import CliRunner

from geomap import writers
from geomap.articles import read_articles
from geomap.claims import check_distances
from geomap.claims.figures import find_figures
from geomap.errors import OutputError
from geomap.records import dumps
from tests.conftest import features_in, text_layer

HUGE = "1" + "0" * 400  # parses to float Infinity


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


# --- writers --------------------------------------------------------------------------------------------

NASTY = ['quote " and \' both', "form\x0cfeed", "nul\x00byte", "bell\x07", "non\ufffechar\uffff", "lone \ud800",
         "]]> </script> <![CDATA[ &amp;", "crlf\r\nand\rcr"]


def _ogrinfo_count(path) -> int:
    if not shutil.which("ogrinfo"):
        pytest.skip("ogrinfo (gdal-bin) is not installed; .ci/run installs it")
    info = subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True,
                          check=True).stdout
    return int(info.split("Feature Count: ")[1].split()[0])


def test_kml_escapes_attributes_and_drops_what_xml_forbids(tmp_path):
    layer = text_layer(NASTY, ids=NASTY)
    path = tmp_path / "nasty.kml"
    writers.write([layer], path)
    marks = features_in(path)
    assert [m["id"] for m in marks] == ['quote " and \' both', "form feed", "nul\ufffdbyte", "bell\ufffd",
                                        "non\ufffdchar\ufffd", "lone \ufffd", "]]> </script> <![CDATA[ &amp;",
                                        "crlf\r\nand\rcr"]
    assert marks[6]["name"] == NASTY[6]  # escaped, not interpreted
    assert _ogrinfo_count(path) == len(NASTY)


def test_csv_guards_text_cells_against_spreadsheet_formulas(tmp_path):
    texts = ["=HYPERLINK(\"http://x\",\"y\")", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
             "\tindented", "\rreturn", "-12.5", "+44", "-", "Kyiv = Lviv"]
    path = tmp_path / "guarded.csv"
    writers.write([text_layer(texts, ids=["-:0-4"] * len(texts), scores=[-1.5] * len(texts))], path)
    rows = features_in(path)
    assert [r["text"] for r in rows] == ["'" + t for t in texts[:6]] + texts[6:]
    assert {r["id"] for r in rows} == {"-:0-4"}  # geomap's own name for stdin, left alone
    assert {r["score"] for r in rows} == {"-1.5"}  # numeric columns stay numbers


def test_check_and_events_csv_share_the_guard(gaz):
    from geomap.cli.check import check
    from geomap.cli.events import events

    doc = '=HYPERLINK("http://x","y")'  # a JSONL id is the doc column of every row
    for command, text in ((check, "Lviv lies about 470 km west of Kyiv."),
                          (events, "Russian missiles struck Odesa on Monday.")):
        result = CliRunner().invoke(command, ["-", "--format", "csv"], input=json.dumps({"id": doc, "text": text}))
        assert result.exit_code == 0, result.output
        [row] = list(csv.DictReader(io.StringIO(result.output)))
        assert row["doc"] == "'" + doc


def test_a_figure_beyond_any_distance_on_earth_is_no_claim():
    assert find_figures(f"It lies {HUGE} km away.") == []
    assert find_figures("It lies 20,000,000 km away.") == []
    assert [f.value for f in find_figures("It lies 999,999 nautical miles away.")] == [999_999]
    for text in (f"Lviv lies about {HUGE} km west of Kyiv.", f"A shell fell {HUGE} metres from the "
                 "Zaporizhzhia nuclear power plant.", f"Lviv lies between 10 and {HUGE} km from Kyiv."):
        assert check_distances(text) == []


def test_json_writers_never_emit_nan_or_infinity(tmp_path):
    layer = text_layer(["a", "b", "c"], scores=[float("inf"), float("nan"), float("-inf")])
    for fmt in ("geojson", "geojsonl", "geojsons"):
        path = tmp_path / f"inf.{fmt}"
        writers.write([layer], path)
        assert [f["score"] for f in features_in(path)] == [None, None, None]
    assert dumps({"value": float("inf"), "nested": [float("nan"), 1.5]}) == '{"value": null, "nested": [null, 1.5]}'
    writers.write([layer], tmp_path / "inf.csv")
    assert [r["score"] for r in features_in(tmp_path / "inf.csv")] == ["", "", ""]


def test_a_geometry_with_infinite_coordinates_is_written_as_none(tmp_path):
    from shapely.geometry import LineString

    layer = text_layer(["a", "b"])
    layer.geometries[1] = LineString([(30, 50), (float("inf"), 50)])
    path = tmp_path / "inf.geojson"
    writers.write([layer], path)
    data = json.loads(path.read_text(encoding="utf-8"), parse_constant=lambda c: pytest.fail(c))
    assert [f["geometry"] is None for f in data["features"]] == [False, True]
    assert data["bbox"] == [30.0, 50.0, 30.0, 50.0]
    writers.write([layer], tmp_path / "inf.kml")
    assert len(features_in(tmp_path / "inf.kml")) == 1


@pytest.mark.parametrize("fmt", ["geojson", "geojsonl", "csv", "kml"])
def test_disk_full_is_one_line_naming_the_file(tmp_path, fmt, monkeypatch):
    if not os.path.exists("/dev/full") or not stat.S_ISCHR(os.stat("/dev/full").st_mode):
        pytest.skip("no /dev/full device here")
    path = tmp_path / f"out.{fmt}"
    path.symlink_to("/dev/full")
    real_replace = os.replace

    def replace(src, dst):  # a rename over the link would hide the bug and must never reach /dev
        assert Path(dst) != path, "renamed over a device"
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError) as caught:
        writers.write([text_layer(["Kyiv"])], path)
    assert str(caught.value) == f"{path}: cannot write (No space left on device)"
    assert path.is_symlink() and stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_named_pipe_is_written_in_place(tmp_path):
    path = tmp_path / "out.geojson"
    os.mkfifo(path)
    received = []
    reader = threading.Thread(target=lambda: received.append(path.read_bytes()))
    reader.start()
    writers.write([text_layer(["Kyiv"])], path)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(path).st_mode)
    assert len(json.loads(received[0])["features"]) == 1


@pytest.mark.parametrize("fmt", ["gpkg", "fgb"])
@pytest.mark.parametrize("error", [pyogrio.errors.DataSourceError("sqlite3_exec failed: database or disk is full"),
                                   OSError(errno.ENOSPC, "No space left on device")])
def test_gdal_failures_are_one_line_naming_the_file(tmp_path, monkeypatch, fmt, error):
    import geopandas

    def fail(*_args, **_kwargs):
        raise error

    monkeypatch.setattr(geopandas.GeoDataFrame, "to_file", fail)
    path = tmp_path / f"out.{fmt}"
    with pytest.raises(OutputError) as caught:
        writers.write([text_layer(["Kyiv"])], path)
    reason = error.strerror if isinstance(error, OSError) else str(error)
    assert str(caught.value) == f"{path}: cannot write ({reason})"
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_gdal_formats_refuse_a_device_rather_than_replace_it(tmp_path):
    path = tmp_path / "out.gpkg"
    path.symlink_to("/dev/null")
    with pytest.raises(OutputError, match="not a regular file"):
        writers.write([text_layer(["Kyiv"])], path)
    assert path.is_symlink()


def test_arrow_failures_are_one_line_naming_the_file(tmp_path, monkeypatch):
    pyarrow = pytest.importorskip("pyarrow")
    import geopandas

    def fail(*_args, **_kwargs):
        raise pyarrow.ArrowIOError("disk full")

    monkeypatch.setattr(geopandas.GeoDataFrame, "to_parquet", fail)
    with pytest.raises(OutputError, match=r"out\.parquet: cannot write \(disk full\)$"):
        writers.write([text_layer(["Kyiv"])], tmp_path / "out.parquet")


def test_every_format_is_byte_identical_across_runs(tmp_path):
    formats = ["gpkg", "fgb", "geojson", "geojsonl", "geojsons", "csv", "kml"]
    try:
        import pyarrow  # noqa: F401

        formats.append("parquet")
    except ImportError:
        pass
    layer = text_layer(NASTY)
    for run in ("a", "b"):
        (tmp_path / run).mkdir()
        for fmt in formats:
            writers.write([layer], tmp_path / run / f"out.{fmt}")
        if run == "a":
            time.sleep(1.1)  # GeoPackage stamps the second (and millisecond) it was written
    for fmt in formats:
        assert (tmp_path / "a" / f"out.{fmt}").read_bytes() == (tmp_path / "b" / f"out.{fmt}").read_bytes(), fmt
    assert pyogrio.get_gdal_config_option("OGR_CURRENT_DATE") is None  # the process's setting is back


def test_a_hostile_corpus_exports_to_every_format(tmp_path, gaz):
    from geomap.cli import main

    lines = [_record(id='x"1', title="=cmd", text="Shelling hit Kharkiv\x0c overnight; \ud800 Kyiv was quiet.",
                     escaped=True),
             b"\x00" * 10,
             b'{"id": {"a": 1}, "url": 3, "text": "Russian missiles struck Odesa \x1e on Monday."}',
             _record(id="far", text=f"Lviv lies about {HUGE} km west of Kyiv.")]
    corpus = _jsonl(tmp_path, lines)
    counts = {}
    for fmt in ("kml", "csv", "geojson", "gpkg"):
        out = tmp_path / f"all.{fmt}"
        result = CliRunner().invoke(main, ["export", str(corpus), "-o", str(out), "--layer",
                                           "all" if fmt in ("kml", "gpkg") else "mentions"])
        assert result.exit_code == 0, result.output
        counts[fmt] = len(features_in(out, layer="mentions" if fmt == "gpkg" else None))
    # Kharkiv, Kyiv, Odesa, Lviv and Kyiv again: the articles around the bad lines all made it.
    assert counts["csv"] == counts["geojson"] == counts["gpkg"] >= 5 and counts["kml"] >= counts["csv"]
