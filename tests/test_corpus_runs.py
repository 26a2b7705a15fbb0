"""Corpus runs: --jobs gives the same bytes as one process, progress shows on a terminal only, articles stream."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from geomap import api
from geomap.model import Article
from tests.conftest import ROOT, run_cli

GEOVIRUS = ROOT.parent / "shared" / "eval" / "geovirus.jsonl"
EXE = str(Path(sys.executable).with_name("geomap"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Sixty real news texts (GeoVirus) with the seeds' Ukrainian reporting: enough for several batches."""
    if not GEOVIRUS.exists():
        pytest.skip(f"{GEOVIRUS} is absent (shared evaluation data)")
    folder = tmp_path_factory.mktemp("corpus")
    lines = GEOVIRUS.read_text(encoding="utf-8").splitlines()[:60]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("command,fmt", [("parse", "jsonl"), ("events", "geojson"), ("check", "csv")])
def test_jobs_give_the_same_bytes(corpus, command, fmt):
    one = run_cli(command, str(corpus), "--format", fmt, "--quiet", check=True)
    two = run_cli(command, str(corpus), "--format", fmt, "--quiet", "--jobs", "2", check=True)
    assert one.stdout and one.stdout == two.stdout


def test_jobs_give_the_same_map_and_files(corpus, tmp_path):
    for jobs in ("1", "2"):
        run_cli("map", str(corpus), "-o", str(tmp_path / f"j{jobs}" / "map.html"), "--tiles", "none", "--quiet",
                "--jobs", jobs, check=True)
        run_cli("export", str(corpus), "-o", str(tmp_path / f"j{jobs}" / "all.kml"), "--quiet", "--jobs", jobs,
                check=True)
    for name in ("map.html", "map.events.geojson", "map.claims.csv", "all.kml"):
        assert (tmp_path / "j1" / name).read_bytes() == (tmp_path / "j2" / name).read_bytes(), name


def test_streamed_results_drop_the_text_and_keep_the_order(corpus):
    done = list(api.analyse_each([corpus / "news.jsonl"], stages=("mentions",)))
    assert [d.article.id for d in done] == [f"geovirus-{k:03d}" for k in range(60)]
    assert all(d.article.text == "" for d in done) and sum(len(d.mentions) for d in done) > 300


def test_articles_are_read_lazily():
    seen = []

    def source():
        for k in range(3):
            seen.append(k)
            yield Article(id=str(k), text="Shelling hit Kharkiv.", date="2022-05-01")

    stream = api.analyse_each(source(), stages=("events",))
    first = next(stream)
    assert first.article.id == "0" and seen == [0]


def _on_a_terminal(*args: str) -> tuple[bytes, bytes]:
    """Run geomap with stderr on a pseudo-terminal (80 columns): (stdout, what the terminal showed)."""
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([EXE, *args], stdout=subprocess.PIPE, stderr=terminal, cwd=ROOT)
    os.close(terminal)
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    out = proc.stdout.read()
    proc.wait()
    os.close(controller)
    assert proc.returncode == 0, shown
    return out, shown


def test_progress_shows_on_a_terminal_and_never_on_stdout(corpus):
    out, shown = _on_a_terminal("events", str(corpus), "--format", "jsonl")
    assert b"articles" in shown and b"%" in shown
    assert out and b"articles/s" not in out


def test_progress_is_quiet_when_asked_or_piped(corpus):
    _out, shown = _on_a_terminal("events", str(corpus), "--format", "jsonl", "--quiet")
    assert b"%" not in shown
    piped = run_cli("events", str(corpus), "--format", "jsonl")
    assert "%" not in piped.stderr
