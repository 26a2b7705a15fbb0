"""geomap benchmarks: one command (`make bench`), figures printed as a Markdown table for bench/RESULTS.md.

Measures the gazetteer (cold build, warm load, one resolve from a fresh process, batch throughput, peak
memory) and the geoparser (throughput on a >= 5 MB corpus made by repeating the public eval texts).
Targets live here, not in unit tests: timings depend on the machine.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
GEOMAP = str(Path(sys.executable).with_name("geomap"))


def _child(code: str, env=None) -> dict:
    """Run code in a fresh interpreter; it prints one JSON object. Peak RSS comes from the child itself."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_build() -> dict:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GEOMAP_CACHE_DIR": cache}
        return _child(
            "import json,time,resource;t=time.perf_counter();"
            "from geomap.gazetteer.index import build;p=build();"
            "print(json.dumps({'seconds':time.perf_counter()-t,'size_mb':p.stat().st_size/1e6,"
            "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))", env)


def warm_load() -> dict:
    return _child(
        "import json,time,resource;t=time.perf_counter();"
        "from geomap.gazetteer.index import Gazetteer;g=Gazetteer.open();g.place(0);"
        "print(json.dumps({'seconds':time.perf_counter()-t}))")


def fresh_resolve() -> float:
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([GEOMAP, "resolve", "Lysychansk"], capture_output=True, check=True)
        best = min(best, time.perf_counter() - t)
    return best


def batch_resolve() -> dict:
    names = [json.loads(line)["query"] for line in (EVAL / "ua_variants_dev.jsonl").open(encoding="utf-8")]
    code = (
        "import json,time,resource,sys;from geomap.api import gazetteer,resolve,resolve_many;g=gazetteer();"
        f"names={names!r}*40;resolve('Kyiv');t=time.perf_counter();"
        "resolve_many(names,limit=1);dt=time.perf_counter()-t;"
        "print(json.dumps({'names':len(names),'per_s':len(names)/dt,"
        "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
    return _child(code)


def parse_corpus(target_mb: float = 5.0) -> dict:
    texts = [json.loads(line)["text"] for line in (EVAL / "geovirus.jsonl").open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        size, n = 0, 0
        with corpus.open("w", encoding="utf-8") as f:
            while size < target_mb * 1e6:
                for text in texts:
                    f.write(json.dumps({"id": f"d{n}", "text": text}) + "\n")
                    size += len(text.encode())
                    n += 1
        code = (
            "import json,time,resource;from geomap.api import gazetteer;from geomap.articles import read_articles;"
            "from geomap.geoparse import parse_article;t0=time.perf_counter();g=gazetteer();"
            "parse_article(read_articles([__import__('pathlib').Path(" + repr(str(corpus)) + ")]).__next__(),g);"
            "load=time.perf_counter()-t0;arts=list(read_articles([" + repr(str(corpus)) + "]));"
            "t=time.perf_counter();m=sum(len(parse_article(a,g)[0]) for a in arts);dt=time.perf_counter()-t;"
            "b=sum(len(a.text.encode()) for a in arts);"
            "print(json.dumps({'mb':b/1e6,'docs':len(arts),'mentions':m,'seconds':dt,'mb_per_s':b/1e6/dt,"
            "'load_s':load,'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
        return _child(code)


def main() -> None:
    rows = []
    build = cold_build()
    rows.append(("gazetteer cold build", f"{build['seconds']:.1f} s ({build['size_mb']:.0f} MB index, "
                                         f"peak {build['peak_mb']:.0f} MB)", "once per source version"))
    warm = warm_load()
    rows.append(("gazetteer warm load", f"{warm['seconds'] * 1000:.0f} ms", "< 0.5 s"))
    rows.append(("`geomap resolve NAME`, fresh process", f"{fresh_resolve():.2f} s", "< 1 s"))
    batch = batch_resolve()
    rows.append(("batch resolve", f"{batch['per_s']:,.0f} names/s (peak {batch['peak_mb']:.0f} MB)",
                 ">= 20,000 names/s, < 400 MB"))
    parse = parse_corpus()
    rows.append(("geoparse throughput", f"{parse['mb_per_s']:.2f} MB/s on {parse['mb']:.1f} MB "
                                        f"({parse['docs']:,} docs, {parse['mentions']:,} mentions)",
                 ">= 1 MB/s per core"))
    rows.append(("geoparse load", f"{parse['load_s']:.2f} s", "reported apart"))
    rows.append(("geoparse peak memory", f"{parse['peak_mb']:.0f} MB", "< 600 MB"))
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


if __name__ == "__main__":
    main()
