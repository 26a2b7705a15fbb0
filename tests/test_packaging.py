"""The built wheel carries everything geomap reads at run time: installed outside a checkout, the commands
work on the seeds (issue #13)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEEDS


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                           "-w", str(out), str(ROOT)], capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"pip wheel failed: {proc.stderr[-2000:]}")
    return next(out.glob("geomap-*.whl"))


def test_wheel_holds_every_package_and_data_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for init in ROOT.glob("geomap/**/__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init} is missing: list it in pyproject.toml"
    for data in (ROOT / "data").rglob("*"):
        if data.is_file():
            assert f"geomap/_data/{data.relative_to(ROOT / 'data').as_posix()}" in names, data
    for static in (ROOT / "geomap" / "render" / "static").iterdir():
        assert f"geomap/render/static/{static.name}" in names


def test_installed_outside_the_checkout_the_commands_work(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    seeds = tmp_path / "articles"
    seeds.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (seeds / seed.name).write_bytes(seed.read_bytes())

    def geomap(*args):
        proc = subprocess.run([sys.executable, "-m", "geomap", *args], capture_output=True, text=True, env=env,
                              cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    where = subprocess.run([sys.executable, "-c", "import geomap.resources as r; print(r.DATA)"], capture_output=True,
                           text=True, env=env, cwd=tmp_path, check=True).stdout.strip()
    assert Path(where).is_relative_to(target)
    geomap("map", "articles", "-o", "out/map.html", "--tiles", "none", "--quiet")
    assert "geomapInit" in (tmp_path / "out" / "map.html").read_text(encoding="utf-8")
    geomap("export", "articles", "-o", "out/all.gpkg", "--quiet")
    checks = [json.loads(line) for line in geomap("check", "articles", "--format", "jsonl").splitlines()]
    assert any(c["verdict"] == "inconsistent" and c["unit"] == "mi" for c in checks)
