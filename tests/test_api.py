"""The public API: one meaning for each kind of input, and names that say what they are."""

from __future__ import annotations

from pathlib import Path

import geomap
from tests.conftest import SEEDS


def test_a_str_is_text_and_a_path_is_a_file_everywhere():
    text = "Russian forces shelled Kharkiv on Monday. Lviv lies about 470 km west of Kyiv."
    assert [m.text for m in geomap.parse(text)] == ["Kharkiv", "Lviv", "Kyiv"]
    assert [(e.type, e.place.place.name) for e in geomap.extract_events(text)] == [("strikes", "Kharkiv")]
    assert [c.verdict for c in geomap.check_distances(text)] == ["consistent"]
    from_files = geomap.extract_events(Path(SEEDS))
    assert {e.doc for e in from_files} == {str(p) for p in sorted(Path(SEEDS).glob("*.txt"))}


def test_several_texts_keep_their_own_ids():
    events = geomap.extract_events(["Shelling hit Kharkiv.", "A missile hit Odesa."])
    assert [(e.doc, e.place.place.name) for e in events] == [("-", "Kharkiv"), ("-:1", "Odesa")]


def test_the_gazetteer_package_is_not_hidden_by_a_function():
    import geomap.gazetteer

    assert hasattr(geomap.gazetteer, "open_default") and callable(geomap.open_gazetteer)
    assert geomap.open_gazetteer() is geomap.gazetteer.open_default()


def test_no_module_below_the_api_imports_it_or_the_cli():
    root = Path(geomap.__file__).parent
    for module in root.rglob("*.py"):
        relative = module.relative_to(root).as_posix()
        if relative in ("api.py", "__init__.py", "__main__.py") or relative.startswith("cli/"):
            continue
        source = module.read_text(encoding="utf-8")
        assert "geomap.api" not in source and "geomap.cli" not in source and "from geomap import api" not in source, \
            relative
