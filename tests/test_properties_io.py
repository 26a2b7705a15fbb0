"""Properties of the readers and writers for any input (issue #12): reading never raises and hands out valid
Unicode; every writer's file parses back, with every feature, whatever the text holds.

Lone surrogates are generated on purpose (hypothesis leaves category Cs out unless told), as are the
characters that broke formats before: controls, U+2028, quotes, ']]>', '</script>', formula prefixes.
"""

import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import writers
from geomap.articles import read_articles
from geomap.surrogates import replace_lone_surrogates
from tests.conftest import features_in, text_layer, valid_unicode

READS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WRITES = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = ['"', "'", "]]>", "</script>", "<![CDATA[", "&", "&amp;", "<", "=", "+", "-", "@", "\t", "\r", "\n",
             "\r\n", "\x00", "\x07", "\x0b", "\x0c", "\x1c", "\x1e", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff",
             "\ufffe", "\uffff", ",", ";", '=HYPERLINK("http://x","y")', "-2+3+cmd|' /C calc'!A0", "\U0001f600",
             "\ud800", "\udbff", "\udc00", "\udfff", "date 2022-01-01 ", "{", "}", "[", "\\"]
ANY_CHAR = st.characters(exclude_categories=())  # every code point, lone surrogates included
hostile_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(ANY_CHAR, max_size=6)), max_size=8).map("".join)
json_value = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), hostile_text,
                       st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=2), st.integers(),
                                                                            max_size=2))


def _read(path, **kwargs) -> tuple[list, list[str]]:
    warnings = []
    articles = list(read_articles([path], warn=warnings.append, **kwargs))
    for article in articles:
        for value in (article.id, article.text, article.date, article.title, article.url, article.path):
            assert value is None or (isinstance(value, str) and valid_unicode(value))
    assert all(isinstance(w, str) and "\n" not in w for w in warnings)
    return articles, warnings


# --- readers --------------------------------------------------------------------------------------------

json_line = st.builds(lambda record, ascii: json.dumps(record, ensure_ascii=ascii).encode("utf-8", "surrogatepass"),
                      st.dictionaries(st.sampled_from(["id", "text", "title", "url", "date", "x"]), json_value,
                                      max_size=5), st.booleans())
any_line = st.one_of(json_line, st.binary(max_size=40), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass")))


@READS
@given(lines=st.lists(any_line, max_size=8), suffix=st.sampled_from([".jsonl", ".txt", ".html"]))
def test_any_bytes_in_a_file_read_without_error(lines, suffix):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(b"\n".join(lines))
        articles, _warnings = _read(path)
        if suffix == ".jsonl":
            assert len(articles) <= len(lines)


@READS
@given(lines=st.lists(any_line, max_size=8))
def test_any_bytes_or_text_on_stdin_read_without_error(lines):
    data = b"\n".join(lines)
    _read("-", stdin=io.BytesIO(data))
    _read("-", stdin=io.StringIO(data.decode("utf-8", "surrogateescape")))


def _expected_id(record: dict, where: str) -> str:
    value = record.get("id")
    if isinstance(value, str):
        return replace_lone_surrogates(json.loads(json.dumps(value)))  # JSON joins an escaped surrogate pair
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return where


article_record = st.fixed_dictionaries({"text": hostile_text},
                                       optional={"id": json_value, "title": json_value, "url": json_value})


@READS
@given(records=st.lists(article_record, min_size=1, max_size=6), raw_separators=st.booleans())
def test_every_record_with_a_text_is_one_article_named_by_its_physical_line(records, raw_separators):
    # ensure_ascii=False leaves U+2028, U+0085 raw in the line (str.splitlines would split there); a lone
    # surrogate can only be written as an escape.
    lines = [json.dumps(r, ensure_ascii=not raw_separators or not valid_unicode(json.dumps(r, ensure_ascii=False)))
             for r in records]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.jsonl"
        path.write_bytes("\n\n".join(lines).encode("utf-8"))  # blank lines between: numbers count them too
        articles, warnings = _read(path)
    assert [a.text for a in articles] == [replace_lone_surrogates(json.loads(json.dumps(r["text"]))) for r in records]
    assert [a.id for a in articles] == [_expected_id(r, f"{path}:{2 * i + 1}") for i, r in enumerate(records)]
    assert len(warnings) <= len(records)
    assert all(re.match(rf"{re.escape(str(path))}:\d*[13579]: ", w) for w in warnings)


# --- writers --------------------------------------------------------------------------------------------

FORMATS = sorted(set(writers.FORMATS.values()) - {"parquet"})
try:
    import pyarrow  # noqa: F401

    FORMATS.append("parquet")
except ImportError:
    pass
FORMULA = ("=", "+", "-", "@", "\t", "\r")
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _check_csv_cell(cell: str, text: str) -> None:
    """The cell is the text, or the text behind an apostrophe when a spreadsheet would run it as a formula."""
    text = replace_lone_surrogates(text)
    assert cell == text or (cell == "'" + text and text.startswith(FORMULA))
    if cell.startswith(FORMULA):  # what is left unguarded is a number or geomap's stdin name
        assert re.fullmatch(r"[-+]?[\d.,]+|-(:\d+-\d+)?", cell)


def _check_xml_attribute(read: str, written: str) -> None:
    """Character for character the same, but where XML 1.0 forbids a character: a space or U+FFFD there."""
    assert len(read) == len(written)
    for got, wrote in zip(read, written):
        assert got == wrote or (XML_FORBIDDEN.match(wrote) and got in " \ufffd")


@WRITES
@given(texts=st.lists(hostile_text, min_size=1, max_size=4),
       scores=st.lists(st.floats(), min_size=4, max_size=4))
def test_every_writer_writes_a_file_that_parses_back_whole(texts, scores):
    layer = text_layer(texts, ids=texts, scores=scores[:len(texts)])
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            path = Path(folder) / f"out.{fmt}"
            writers.write([layer], path)
            features = features_in(path)
            assert len(features) == len(texts), fmt
            for feature, text in zip(features, texts):
                if fmt == "csv":
                    _check_csv_cell(feature["text"], text)
                elif fmt == "kml":
                    _check_xml_attribute(feature["id"], text)
                elif fmt.startswith("geojson"):
                    assert feature["text"] == replace_lone_surrogates(text)
                else:  # GDAL and Arrow: NUL ends a C string, so it is stored as U+FFFD
                    assert feature["text"] == replace_lone_surrogates(text).replace("\x00", "\ufffd"), fmt
