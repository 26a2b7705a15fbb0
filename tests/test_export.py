"""GIS outputs: every format read back by GDAL's ogrinfo and by geopandas; RFC 7946 rules; atomic writes."""

import json
import shutil
import subprocess

import geopandas
import pytest

import geomap
from geomap import geodesy
from geomap import writers as export
from geomap.frame import CLAIM_COLUMNS, Layer, mention_layer
from geomap.geoparse import parse_article
from tests.conftest import SEEDS

FORMATS = ["geojson", "geojsonl", "gpkg", "fgb", "csv", "kml"]


@pytest.fixture(scope="module")
def mentions_layer():
    gaz = geomap.open_gazetteer()
    mentions = []
    for article in geomap.read_articles([SEEDS]):
        mentions += parse_article(article, gaz)[0]
    return mention_layer(mentions)


@pytest.fixture(scope="module")
def polygon_layer():
    """Claims-shaped rows with a ring, a sector and a line: the shapes distance checks produce."""
    from shapely.geometry import LineString

    shapes = [geodesy.ring(47.81, 31.22, 200, 400), geodesy.ring(47.5, 34.6, 0, 10_000, start_deg=225, end_deg=315),
              LineString([(31.22, 47.81), (34.59, 47.51)])]
    rows = []
    for i, _shape in enumerate(shapes):
        row = {name: None for name, _type in CLAIM_COLUMNS}
        row.update(id=f"c{i}", doc="d", start=i, end=i + 1, quote=f"quote {i}", unit="m", value=100.0 * (i + 1),
                   verdict="unverifiable")
        rows.append(row)
    return Layer("claims", CLAIM_COLUMNS, rows, shapes)


def _ogrinfo(path):
    if not shutil.which("ogrinfo"):
        pytest.skip("ogrinfo (gdal-bin) is not installed; .ci/run installs it")
    return subprocess.run(["ogrinfo", "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_through_gdal_and_geopandas(tmp_path, mentions_layer, fmt):
    path = tmp_path / f"mentions.{fmt}"
    export.write([mentions_layer], path)
    info = _ogrinfo(path)
    assert f"Feature Count: {len(mentions_layer)}" in info
    if fmt != "csv":
        frame = geopandas.read_file(path)
        assert len(frame) == len(mentions_layer)
        assert set(frame.geometry.geom_type) == {"Point"}
    if fmt in ("geojson", "geojsonl", "gpkg", "fgb"):
        frame = geopandas.read_file(path)
        by_id = {r["id"]: r for r in mentions_layer.rows}
        for _, row in frame.iterrows():
            original = by_id[row["id"]]
            assert row["text"] == original["text"] and row["place"] == original["place"]
            assert row["lat"] == pytest.approx(original["lat"]) and row["geometry"].x == pytest.approx(original["lon"])


def test_polygons_and_lines_keep_their_types(tmp_path, polygon_layer):
    for fmt in ("geojson", "gpkg", "fgb"):
        path = tmp_path / f"claims.{fmt}"
        export.write([polygon_layer], path)
        frame = geopandas.read_file(path)
        assert list(frame.geometry.geom_type) == ["Polygon", "Polygon", "LineString"]


def test_rfc7946_rules(tmp_path, mentions_layer, polygon_layer):
    import shapely
    from shapely.geometry import shape

    for layer in (mentions_layer, polygon_layer):
        path = tmp_path / f"{layer.name}.geojson"
        export.write([layer], path)
        data = json.loads(path.read_text(encoding="utf-8"))
        assert "crs" not in data and len(data["bbox"]) == 4
        for feat in data["features"]:
            assert feat["id"] and feat["geometry"]
            geom = shape(feat["geometry"])
            minx, miny, maxx, maxy = geom.bounds
            assert -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90
            if geom.geom_type == "Polygon":
                assert shapely.is_ccw(geom.exterior)  # right-hand rule: exterior counter-clockwise
                assert all(not shapely.is_ccw(ring) for ring in geom.interiors)
    # No swapped lon/lat: the seeds' Ukrainian places have lon 22..41 and lat 44..53.
    data = json.loads((tmp_path / "mentions.geojson").read_text(encoding="utf-8"))
    ukrainian = [f for f in data["features"] if f["properties"]["country"] == "UA"]
    assert ukrainian
    for feat in ukrainian:
        lon, lat = feat["geometry"]["coordinates"]
        assert 22 <= lon <= 41 and 44 <= lat <= 53


def test_byte_identical_across_runs(tmp_path, mentions_layer):
    for fmt in ("geojson", "csv", "kml"):
        a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        export.write([mentions_layer], a)
        export.write([mentions_layer], b)
        assert a.read_bytes() == b.read_bytes()


def test_interrupted_write_leaves_earlier_file_intact(tmp_path, mentions_layer, monkeypatch):
    path = tmp_path / "out.geojson"
    export.write([mentions_layer], path)
    before = path.read_bytes()

    calls = []
    real_feature = export.feature

    def crash(*args, **kwargs):
        calls.append(1)
        if len(calls) > 2:
            raise KeyboardInterrupt  # as if the user pressed Ctrl-C half-way
        return real_feature(*args, **kwargs)

    monkeypatch.setattr(export, "feature", crash)
    with pytest.raises(KeyboardInterrupt):
        export.write([mentions_layer], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]  # no temporary file left behind


def test_interrupted_geopackage_leaves_no_temporary_file(tmp_path, mentions_layer, monkeypatch):
    from geomap import sinks

    path = tmp_path / "out.gpkg"
    export.write([mentions_layer], path)
    before = path.read_bytes()
    real = export.write_library_layer
    calls = []

    def crash(*args, **kwargs):
        calls.append(1)
        if len(calls) > 1:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(export, "write_library_layer", crash)
    monkeypatch.setattr(sinks, "CHUNK", 1)  # every batch is appended as it comes
    with pytest.raises(KeyboardInterrupt), sinks.LayerSink(path, ["mentions"]) as sink:
        sink.add(mentions_layer)  # appended
        sink.add(mentions_layer)  # the second batch fails
    assert calls == [1, 1]
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["out.gpkg"]


def test_single_layer_formats_refuse_several_layers(tmp_path, mentions_layer, polygon_layer):
    with pytest.raises(geomap.InputError, match="holds one layer"):
        export.write([mentions_layer, polygon_layer], tmp_path / "x.fgb")
    path = tmp_path / "both.gpkg"
    export.write([mentions_layer, polygon_layer], path)
    import pyogrio

    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["claims", "mentions"]


def test_unknown_extension_is_one_line_error(tmp_path, mentions_layer):
    with pytest.raises(geomap.InputError, match=r"unknown output format '\.shp'"):
        export.write([mentions_layer], tmp_path / "x.shp")


@pytest.fixture(scope="module")
def seed_layers():
    from geomap.frame import claim_layer, event_layer

    found = geomap.analyse([SEEDS])
    return {"events": event_layer(found.events), "claims": claim_layer(found.checks)}


@pytest.mark.parametrize("kind", ["events", "claims"])
@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "fgb", "csv"])
def test_events_and_claims_round_trip(tmp_path, seed_layers, kind, fmt):
    layer = seed_layers[kind]
    assert len(layer) > 0
    path = tmp_path / f"{kind}.{fmt}"
    export.write([layer], path)
    assert f"Feature Count: {len(layer)}" in _ogrinfo(path)
    if fmt == "csv":
        import csv

        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [r["id"] for r in rows] == [r["id"] for r in layer.rows]
        return
    frame = geopandas.read_file(path)
    assert list(frame["id"]) == [r["id"] for r in layer.rows]
    written = [g.geom_type if g is not None and not g.is_empty else None for g in layer.geometries]
    read = [g.geom_type if g is not None and not g.is_empty else None for g in frame.geometry]
    assert read == written
    key = "quote" if kind == "events" else "verdict"
    assert list(frame[key]) == [r[key] for r in layer.rows]


def test_to_geodataframe_schema_is_the_documented_one(seed_layers):
    from geomap.frame import CLAIM_COLUMNS, EVENT_COLUMNS

    events = geomap.to_geodataframe(seed_layers["events"])
    assert list(events.columns) == [name for name, _type in EVENT_COLUMNS] + ["geometry"]
    assert events.crs.to_epsg() == 4326
    claims = geomap.to_geodataframe(seed_layers["claims"])
    assert list(claims.columns) == [name for name, _type in CLAIM_COLUMNS] + ["geometry"]


def test_geoparquet_written_when_pyarrow_is_there(tmp_path, mentions_layer):
    path = tmp_path / "mentions.parquet"
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        with pytest.raises(geomap.InputError, match="GeoParquet needs pyarrow"):
            export.write([mentions_layer], path)
        assert not path.exists()
        return
    export.write([mentions_layer], path)
    frame = geopandas.read_parquet(path)
    assert len(frame) == len(mentions_layer) and list(frame["id"]) == [r["id"] for r in mentions_layer.rows]


@pytest.mark.parametrize("fmt", ["geojson", "geojsonl", "geojsons", "csv", "kml", "gpkg"])
def test_rows_in_batches_give_what_one_write_gives(tmp_path, mentions_layer, polygon_layer, monkeypatch, fmt):
    """A corpus arrives article by article: the file must not depend on how its rows were batched."""
    import dataclasses

    import pyogrio

    from geomap import sinks

    names = ["mentions", "claims"] if fmt in ("kml", "gpkg") else ["mentions"]
    whole = {"mentions": mentions_layer, "claims": polygon_layer}
    once = tmp_path / f"once.{fmt}"
    export.write([whole[n] for n in names], once)
    monkeypatch.setattr(sinks, "CHUNK", 3)
    batched = tmp_path / f"batched.{fmt}"
    with sinks.LayerSink(batched, names) as sink:
        for name in names:
            layer = whole[name]
            for k in range(0, len(layer), 2):
                sink.add(dataclasses.replace(layer, rows=layer.rows[k:k + 2], geometries=layer.geometries[k:k + 2]))
    if fmt != "gpkg":
        assert batched.read_bytes() == once.read_bytes()
        return
    assert [n for n, _ in pyogrio.list_layers(batched)] == names
    for name in names:
        a = pyogrio.read_dataframe(once, layer=name)
        b = pyogrio.read_dataframe(batched, layer=name)
        assert a.drop(columns="geometry").equals(b.drop(columns="geometry"))
        assert list(a.geometry.to_wkb()) == list(b.geometry.to_wkb())
