import io

from geomap.articles import read_articles


def test_text_with_date_header_keeps_offsets(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2022-09-28 Kyiv was quiet.\nMore text.", encoding="utf-8")
    [article] = read_articles([path])
    assert article.date == "2022-09-28"
    assert article.text[article.text.index("Kyiv"):][:4] == "Kyiv"
    assert len(article.text) == len(path.read_text(encoding="utf-8"))


def test_folder_sorted_jsonl_html_and_warnings(tmp_path):
    (tmp_path / "b.txt").write_text("Second", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text('{"id": "x1", "text": "Kyiv", "date": "2022-01-02"}\nnot json\n{"id": 3}\n',
                                      encoding="utf-8")
    (tmp_path / "d.html").write_text("<html><head><title>T</title><script>var Kyiv=1;</script></head>"
                                     "<body><p>Lviv &amp; Odesa</p><style>p{}</style></body></html>",
                                     encoding="utf-8")
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "f.txt").write_bytes(b"caf\xe9 in Kyiv")
    warnings = []
    articles = list(read_articles([tmp_path], warn=warnings.append))
    assert [a.text.strip()[:6] for a in articles] == ["First", "Second", "Kyiv", "Lviv &", "caf\ufffd i"]
    assert articles[2].id == "x1" and articles[2].date == "2022-01-02"
    assert "Kyiv=1" not in articles[3].text and articles[3].title == "T"
    assert any("c.jsonl:2" in w for w in warnings) and any("c.jsonl:3" in w for w in warnings)
    assert any("e.txt: empty" in w for w in warnings)
    assert any("f.txt: not UTF-8" in w for w in warnings)
    assert all("\n" not in w for w in warnings)


def test_stdin_jsonl():
    articles = list(read_articles(["-"], stdin=io.StringIO('{"id":"a","text":"Riga"}\n')))
    assert articles[0].id == "a"
