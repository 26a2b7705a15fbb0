"""geomap benchmarks: one command (`make bench`), figures printed as a Markdown table for bench/RESULTS.md.

Measures the gazetteer (cold build, warm load, one resolve from a fresh process, batch throughput, peak
memory), the geoparser (throughput on a >= 5 MB corpus made by repeating the public eval texts), how one
long article scales, the commands' wall time and peak memory on a corpus of 20,000 articles, and what
`--jobs 2` gains over `--jobs 1`, and the index built with a GeoNames country dump added. `python bench/run.py
PART [ARG ...]` runs one part alone: `scaling [MB ...]`, `corpus [ARTICLES]`, `jobs [ARTICLES]`, `events`,
`mapview [INCIDENTS]` (pan and zoom times of the 50,000-incident map in headless Chromium),
`dump [PATH]` (../shared/data/geonames/UA.zip unless given).
Targets live here, not in unit tests: timings depend on the machine.
"""

from __future__ import annotations

import filecmp
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EVAL = ROOT.parent / "shared" / "eval"
GEOMAP = str(Path(sys.executable).with_name("geomap"))
GNU_TIME = "/usr/bin/time"  # Debian package time
SCALING_MB = (1.0, 5.0)
# The shapes one long article comes in: paragraphs, everything on one line, and one line without a single
# full stop, question or exclamation mark (no sentence ends at all).
SCALING_SHAPES = ("paragraphs", "one line", "no sentence ends")
CORPUS_ARTICLES = 20_000  # the streaming-memory corpus: the GeoVirus texts cycled, about 34 MB of text
JOBS_ARTICLES = 2_000


def _child(code: str, env=None) -> dict:
    """Run code in a fresh interpreter; it prints one JSON object. Peak RSS comes from the child itself."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    if out.returncode:
        raise RuntimeError(f"bench child failed ({out.returncode}): {out.stderr.strip()[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_build() -> dict:
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GEOMAP_CACHE_DIR": cache}
        return _child(
            "import json,time,resource;t=time.perf_counter();"
            "from geomap.gazetteer.index import build;p=build();"
            "print(json.dumps({'seconds':time.perf_counter()-t,'size_mb':p.stat().st_size/1e6,"
            "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))", env)


UA_DUMP = ROOT.parent / "shared" / "data" / "geonames" / "UA.zip"


def dump_build(dump: Path = UA_DUMP) -> dict | None:
    """Cold build and warm load of the index with a GeoNames country dump added (issue #15), each in a fresh
    interpreter with its own empty cache; None when the dump is absent."""
    if not dump.exists():
        print(f"bench: skipping the dump part: no GeoNames dump at {dump}", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "GEOMAP_CACHE_DIR": cache, "GEOMAP_GEONAMES_DUMPS": str(dump)}
        cold = _child(
            "import json,time,resource;t=time.perf_counter();"
            "from geomap.gazetteer.index import build,Gazetteer;p=build();"
            "k=Gazetteer(p).info()['places_by_kind'];"
            "print(json.dumps({'seconds':time.perf_counter()-t,'size_mb':p.stat().st_size/1e6,'kinds':k,"
            "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))", env)
        warm = min((_child(
            "import json,time;t=time.perf_counter();"
            "from geomap.gazetteer.index import Gazetteer;g=Gazetteer.open();g.place(0);"
            "print(json.dumps({'seconds':time.perf_counter()-t}))", env)["seconds"] for _ in range(3)))
    return {**cold, "warm_s": warm, "dump": str(dump), "dump_mb": dump.stat().st_size / 1e6}


def dump_rows(result: dict | None) -> list[tuple[str, str, str]]:
    if result is None:
        return [("gazetteer with a GeoNames dump", "skipped: no dump", "-")]
    kinds = result["kinds"]
    return [
        (f"gazetteer cold build with {Path(result['dump']).name} added ({result['dump_mb']:.1f} MB zip)",
         f"{result['seconds']:.1f} s ({result['size_mb']:.0f} MB index, peak {result['peak_mb']:.0f} MB; "
         f"{kinds.get('city', 0):,} towns and villages, {kinds.get('admin2', 0):,} raions, "
         f"{kinds.get('admin3', 0):,} hromadas)", "< 60 s, < 600 MB"),
        ("gazetteer warm load with the dump", f"{result['warm_s'] * 1000:.0f} ms (best of 3)", "< 0.5 s"),
    ]


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
    """Distinct names as news writes them (20,000 gazetteer spellings), and the eval's spelling variants
    (every one a near miss that needs the variant and fuzzy search), each in one batch."""
    variants = [json.loads(line)["query"] for line in (EVAL / "ua_variants_dev.jsonl").open(encoding="utf-8")]
    code = (
        "import json,time,resource,sys;from geomap.api import open_gazetteer as gazetteer,resolve_many;g=gazetteer();"
        "names=[r[0] for r in g.db.execute(\"SELECT name FROM places WHERE kind='city' ORDER BY population DESC,"
        " pid LIMIT 20000\")];"
        f"variants={variants!r};resolve_many(['Kyiv','Kharkov']);g.fuzzy_bucket('k');t=time.perf_counter();"
        "resolve_many(names,limit=1);dt=time.perf_counter()-t;t=time.perf_counter();"
        "resolve_many(variants,limit=1);dv=time.perf_counter()-t;"
        "print(json.dumps({'names':len(names),'per_s':len(names)/dt,'variants_per_s':len(variants)/dv,"
        "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
    return _child(code)


def eval_texts() -> list[str]:
    """The 229 GeoVirus article texts of the public eval data."""
    return [json.loads(line)["text"] for line in (EVAL / "geovirus.jsonl").open(encoding="utf-8")]


def write_corpus(folder: str, target_mb: float, date: str | None = None) -> Path:
    """A JSONL corpus of at least ``target_mb`` made by repeating the public eval texts."""
    texts = eval_texts()
    corpus = Path(folder) / "corpus.jsonl"
    size, n = 0, 0
    with corpus.open("w", encoding="utf-8") as f:
        while size < target_mb * 1e6:
            for text in texts:
                f.write(json.dumps({"id": f"d{n}", "text": text, **({"date": date} if date else {})}) + "\n")
                size += len(text.encode())
                n += 1
    return corpus


def write_articles(folder: str, n: int, date: str = "2022-06-01") -> Path:
    """A JSONL corpus of exactly ``n`` articles, the GeoVirus texts cycled, ids g00001, g00002, ..."""
    texts = eval_texts()
    corpus = Path(folder) / f"corpus{n}.jsonl"
    with corpus.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"g{i + 1:05d}", "text": texts[i % len(texts)], "date": date}) + "\n")
    return corpus


def run_geomap(args: list[str], stdout: Path | None = None) -> dict:
    """`geomap ARGS` as a child of GNU time (its stdout to ``stdout``): wall seconds, CPU seconds and peak
    resident memory. The peak is the largest single process, worker processes included, not their sum.
    Measured by `/usr/bin/time`, not by waiting here: a process started from this one reports at least this
    one's size at the start (Linux keeps the parent's high-water mark through the exec)."""
    with open(stdout or os.devnull, "wb") as out, tempfile.NamedTemporaryFile("r") as usage:
        t = time.perf_counter()
        proc = subprocess.run([GNU_TIME, "-f", "%M %U %S", "-o", usage.name, GEOMAP, *args], stdout=out,
                              stderr=subprocess.PIPE)
        seconds = time.perf_counter() - t
        if proc.returncode:
            raise RuntimeError(f"bench: geomap {' '.join(args)} failed ({proc.returncode}): "
                               f"{proc.stderr.decode(errors='replace').strip()[-2000:]}")
        kb, user, system = usage.read().split()[-3:]
    return {"seconds": seconds, "cpu_s": float(user) + float(system), "peak_mb": int(kb) / 1024}


def cannot_run(part: str) -> bool:
    """Whether the part lacks the eval texts or GNU time (it says so on stderr, and the bench goes on)."""
    for needed in (EVAL / "geovirus.jsonl", Path(GNU_TIME)):
        if not needed.exists():
            print(f"bench: {needed} is absent; the {part} part is skipped", file=sys.stderr)
            return True
    return False


def corpus_memory(n: int = CORPUS_ARTICLES) -> dict | None:
    """Streaming memory: `geomap events`, `export` (.gpkg, all three layers) and `map` on a corpus of ``n``
    articles, each in its own process; the features of each gpkg layer as a sanity figure."""
    if cannot_run("corpus"):
        return None
    import pyogrio

    with tempfile.TemporaryDirectory() as tmp:
        events, gpkg, page = (Path(tmp) / name for name in ("events.jsonl", "x.gpkg", "map/map.html"))
        corpus = write_articles(tmp, n)
        result = {"articles": n, "mb": corpus.stat().st_size / 1e6,
                  "events": run_geomap(["events", str(corpus), "--format", "jsonl", "-q"], stdout=events),
                  "export": run_geomap(["export", str(corpus), "-o", str(gpkg), "-q"]),
                  "map": run_geomap(["map", str(corpus), "-o", str(page), "-q", "--tiles", "none"])}
        with events.open("rb") as f:
            result["events"]["lines"] = sum(1 for _ in f)
        result["export"]["layers"] = {str(name): pyogrio.read_info(gpkg, layer=str(name))["features"]
                                      for name, _ in pyogrio.list_layers(gpkg)}
        result["map"]["html_mb"] = page.stat().st_size / 1e6
    return result


def corpus_rows(result: dict | None) -> list[tuple[str, str, str]]:
    if result is None:
        return []
    on = f"{result['articles']:,} articles ({result['mb']:.1f} MB JSONL)"
    layers = ", ".join(f"{name} {count:,}" for name, count in result["export"]["layers"].items())
    return [(f"`geomap {command}`, {on}", f"{run['seconds']:.1f} s, peak {run['peak_mb']:.0f} MB ({detail})",
             "< 400 MB")
            for command, run, detail in (
                ("events --format jsonl", result["events"], f"{result['events']['lines']:,} events"),
                ("export -o X.gpkg", result["export"], f"features: {layers}"),
                ("map --tiles none", result["map"], f"{result['map']['html_mb']:.1f} MB HTML"))]


def jobs_speedup(n: int = JOBS_ARTICLES) -> dict | None:
    """`geomap events` and `geomap parse --format jsonl` with --jobs 1 and --jobs 2 on ``n`` articles; the two
    outputs must be the same bytes."""
    if cannot_run("jobs"):
        return None
    result = {"articles": n}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_articles(tmp, n)
        for command in ("events", "parse"):
            outs = [Path(tmp) / f"{command}{jobs}.jsonl" for jobs in (1, 2)]
            result[command] = [run_geomap([command, str(corpus), "--format", "jsonl", "--jobs", str(jobs), "-q"],
                                          stdout=out) for jobs, out in zip((1, 2), outs)]
            if not filecmp.cmp(*outs, shallow=False):
                raise RuntimeError(f"bench: geomap {command} --jobs 2 wrote other output than --jobs 1 "
                                   f"({outs[0].stat().st_size:,} and {outs[1].stat().st_size:,} bytes)")
            result[command + "_bytes"] = outs[0].stat().st_size
    return result


def jobs_rows(result: dict | None) -> list[tuple[str, str, str]]:
    if result is None:
        return []
    rows = []
    for command in ("events", "parse"):
        one, two = result[command]
        rows.append((f"`geomap {command} --format jsonl --jobs 1` / `--jobs 2`, {result['articles']:,} articles",
                     f"{one['seconds']:.1f} s / {two['seconds']:.1f} s wall ({one['cpu_s']:.1f} / "
                     f"{two['cpu_s']:.1f} CPU s; peak {one['peak_mb']:.0f} / {two['peak_mb']:.0f} MB): "
                     f"{one['seconds'] / two['seconds']:.2f}x; output identical "
                     f"({result[command + '_bytes']:,} bytes)", "- (2 shared cores)"))
    return rows


def parse_corpus(target_mb: float = 5.0) -> dict:
    """Two passes over the corpus (the second with new article ids, so nothing is remembered per article):
    MB per wall-clock second and per CPU second of this process, which is what "per core" means on a
    machine whose other processes take turns on the same cores."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(tmp, target_mb)
        code = (
            "import json,time,resource,dataclasses;from geomap.api import open_gazetteer as gazetteer;"
            "from geomap.articles import read_articles;"
            "from geomap.geoparse import parse_article;t0=time.perf_counter();g=gazetteer();"
            "parse_article(read_articles([__import__('pathlib').Path(" + repr(str(corpus)) + ")]).__next__(),g);"
            "load=time.perf_counter()-t0;arts=list(read_articles([" + repr(str(corpus)) + "]));"
            "b=sum(len(a.text.encode()) for a in arts);runs=[]\n"
            "for n in range(2):\n"
            " batch=[dataclasses.replace(a,id=f'{a.id}#{n}') for a in arts]\n"
            " t=time.perf_counter();c=time.process_time();m=sum(len(parse_article(a,g)[0]) for a in batch)\n"
            " runs.append((time.perf_counter()-t,time.process_time()-c))\n"
            "wall=min(r[0] for r in runs);cpu=min(r[1] for r in runs)\n"
            "print(json.dumps({'mb':b/1e6,'docs':len(arts),'mentions':m,'seconds':wall,'mb_per_s':b/1e6/wall,"
            "'mb_per_cpu_s':b/1e6/cpu,'load_s':load,"
            "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
        return _child(code)


def events_throughput(target_mb: float = 1.0) -> dict:
    """Incident extraction (geoparsing included) on a >= 1 MB corpus of the eval texts."""
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(tmp, target_mb, date="2022-09-28")
        code = (
            "import json,time,resource;from geomap.api import open_gazetteer as gazetteer;from geomap.articles import read_articles;"
            "from geomap.events import extract_events;g=gazetteer();"
            f"arts=list(read_articles([{str(corpus)!r}]));extract_events(arts[:5],g);t=time.perf_counter();"
            "ev=extract_events(arts,g);dt=time.perf_counter()-t;b=sum(len(a.text.encode()) for a in arts);"
            "print(json.dumps({'events':len(ev),'seconds':dt,'per_s':len(ev)/dt,'mb_per_s':b/1e6/dt,'mb':b/1e6,"
            "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024}))")
        return _child(code)


def events_rows(events: dict) -> list[tuple[str, str, str]]:
    return [("incident extraction (geoparsing included)", f"{events['per_s']:,.0f} events/s, "
             f"{events['mb_per_s']:.2f} MB/s on {events['mb']:.1f} MB ({events['events']:,} events)", ">= 0.5 MB/s")]


def write_synthetic_map(n: int = 50_000) -> dict:
    """Write a map of n synthetic incidents spread over Ukraine (random.Random(7): the same page every run);
    returns write time, size, peak memory and the page's path (bench/map50k.tmp.html, the caller removes it)."""
    code = (
        "import json,time,random,resource;from pathlib import Path;"
        "from geomap.api import open_gazetteer as gazetteer;from geomap.model import Event,Mention,Place;"
        "from geomap.render import render_map,save_map;g=gazetteer();rnd=random.Random(7);"
        "types=['front_line','strikes','infrastructure','civilians','political','protests'];evs=[];"
        f"n={n}\n"
        "for i in range(n):\n"
        " lat,lon=rnd.uniform(44.5,52),rnd.uniform(23,40);p=Place(i,f'Place {i}','city',lat,lon,'UA')\n"
        " m=Mention('bench',0,5,'Place',p,0.9)\n"
        " evs.append(Event(f'e{i}',types[i%6],'x',m,f'2022-{1+i%12:02d}-{1+i%28:02d}','day','bench','bench',"
        "'Bench','https://example.org',f'Synthetic incident {i} <b>escaped</b>',0,5))\n"
        "t=time.perf_counter();out=Path('" + str(ROOT / "bench" / "map50k.tmp.html") + "');"
        "save_map(render_map(evs,[],[],gazetteer=g,title='bench'),out);dt=time.perf_counter()-t;"
        "print(json.dumps({'write_s':dt,'size_mb':out.stat().st_size/1e6,"
        "'peak_mb':resource.getrusage(resource.RUSAGE_SELF).ru_maxrss/1024,'path':str(out)}))")
    return _child(code)


def _chromium():
    """Playwright and Debian's chromium, or None (the bench says why on stderr and goes on)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("bench: playwright is not installed; browser figures not measured", file=sys.stderr)
        return None
    sys.path.insert(0, str(ROOT))
    from tests.browser import CHROMIUM

    if not Path(CHROMIUM).exists():  # the bench still reports the rest; .ci/run installs Debian's chromium
        print(f"bench: {CHROMIUM} is not installed; browser figures not measured", file=sys.stderr)
        return None
    return sync_playwright


def _open_offline(pw, path: str):
    from tests.browser import ARGS, CHROMIUM

    browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.route("**/*", lambda r: r.abort() if r.request.url.startswith("http") else r.continue_())
    t = time.perf_counter()
    page.goto(Path(path).as_uri(), wait_until="load", timeout=120_000)
    page.wait_for_function("window.geomapMap !== undefined", timeout=120_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return browser, page, time.perf_counter() - t


def map_of_synthetic_incidents(n: int = 50_000) -> dict:
    """Write a map of n synthetic incidents spread over Ukraine and load it in headless Chromium."""
    result = write_synthetic_map(n)
    sync_playwright = _chromium()
    result["load_s"] = None
    if sync_playwright is not None:
        with sync_playwright() as pw:
            browser, _page, result["load_s"] = _open_offline(pw, result["path"])
            browser.close()
    Path(result["path"]).unlink(missing_ok=True)
    return result


# Pan and zoom in the page: each step is one setView without animation. "handler" is the synchronous part
# (Leaflet's move and zoom events, with every listener of the page: what makes markers); "frame" runs on to
# the end of the next animation frame, where the canvas paints (it includes the wait for that frame, up to
# 16.7 ms at 60 Hz). Pans: 200-300 px steps in a fixed cycle, at the first view and at zoom 9; zooms: one
# level in or out at a time between the first view's zoom and 11, around a fixed point.
MAPVIEW_JS = """async () => {
  const map = window.geomapMap, out = {pan_first: [], pan_z9: [], zoom: []};
  const frame = () => new Promise(r => requestAnimationFrame(() => r(performance.now())));
  async function step(list, action) {
    await frame();
    const t0 = performance.now();
    action();
    const t1 = performance.now();
    const t2 = await frame();
    list.push([t1 - t0, t2 - t0]);
  }
  const steps = [[300, 0], [0, 200], [-300, 0], [0, -200], [250, 150], [-250, -150]];
  const first = map.getZoom(), centre = map.getCenter();
  for (let i = 0; i < 24; i++) {
    await step(out.pan_first, () => map.panBy(steps[i % steps.length], {animate: false}));
  }
  map.setView(centre, first, {animate: false});
  for (let z = Math.ceil(first); z <= 11; z++) {
    await step(out.zoom, () => map.setZoom(z, {animate: false}));
  }
  for (let z = 10; z >= Math.ceil(first); z--) {
    await step(out.zoom, () => map.setZoom(z, {animate: false}));
  }
  for (let z = Math.ceil(first) + 1; z <= 11; z++) {
    await step(out.zoom, () => map.setZoom(z, {animate: false}));
  }
  map.setView([48.5, 35.0], 9, {animate: false});
  for (let i = 0; i < 24; i++) {
    await step(out.pan_z9, () => map.panBy(steps[i % steps.length], {animate: false}));
  }
  out.first_zoom = first;
  return out;
}"""


def _quantiles(values: list[float]) -> dict:
    values = sorted(values)
    return {"median": values[len(values) // 2], "p95": values[min(len(values) - 1, round(0.95 * (len(values) - 1)))],
            "max": values[-1], "steps": len(values)}


def mapview(n: int = 50_000) -> dict | None:
    """The 50,000-incident map in headless Chromium: pan and zoom times (median, p95) in milliseconds."""
    sync_playwright = _chromium()
    if sync_playwright is None:
        return None
    result = {"incidents": n, **write_synthetic_map(n)}
    try:
        with sync_playwright() as pw:
            browser, page, result["load_s"] = _open_offline(pw, result["path"])
            raw = page.evaluate(MAPVIEW_JS)
            browser.close()
    finally:
        Path(result["path"]).unlink(missing_ok=True)
    result["first_zoom"] = raw.pop("first_zoom")
    for name, steps in raw.items():
        result[name] = {"handler": _quantiles([s[0] for s in steps]), "frame": _quantiles([s[1] for s in steps])}
    return result


def mapview_rows(result: dict | None) -> list[tuple[str, str, str]]:
    if result is None:
        return []
    names = {"pan_first": f"pan at the first view (zoom {result['first_zoom']:g})", "pan_z9": "pan at zoom 9",
             "zoom": "zoom one level in or out"}
    rows = [(f"map of {result['incidents']:,} incidents: write, load", f"{result['write_s']:.1f} s "
             f"({result['size_mb']:.1f} MB HTML), load {result['load_s']:.1f} s", "< 10 s, < 5 s")]
    for key, label in names.items():
        h, f = result[key]["handler"], result[key]["frame"]
        rows.append((f"map of {result['incidents']:,} incidents: {label}, {h['steps']} steps",
                     f"handler median {h['median']:.1f} ms, p95 {h['p95']:.1f} ms; to next frame median "
                     f"{f['median']:.1f} ms, p95 {f['p95']:.1f} ms", "< 50 ms median and p95"))
    return rows


def scaling_text(target_mb: float, shape: str = "paragraphs") -> str:
    """One article of at least ``target_mb``: the seed articles and the eval texts repeated, in ``shape``."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += eval_texts()
    parts, size = [], 0
    while size < target_mb * 1e6:
        text = texts[len(parts) % len(texts)]
        parts.append(text)
        size += len(text.encode()) + 2
    article = "\n\n".join(parts)
    if shape == "paragraphs":
        return article
    line = re.sub(r"\s*\n\s*", " ", article)
    return line if shape == "one line" else re.sub(r"[.!?]", "", line)


def scaling_child(path: str) -> None:
    """In a fresh interpreter: one article through parse, events and claims; seconds per stage, and the
    peak resident memory before the article (the gazetteer, warmed up) and after it."""
    import resource

    from geomap.api import open_gazetteer as gazetteer
    from geomap.claims import check_distances
    from geomap.events import extract_events
    from geomap.geoparse import parse_article
    from geomap.model import Article

    g = gazetteer()
    extract_events([Article("warm", "Shelling hit Kharkiv on Monday, 30 km from Izium.", date="2022-09-28")], g)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    article = Article("long", Path(path).read_text(encoding="utf-8"), date="2022-09-28")
    t0 = time.perf_counter()
    mentions = len(parse_article(article, g)[0])
    t1 = time.perf_counter()
    events = len(extract_events([article], g))
    t2 = time.perf_counter()
    claims = len(check_distances([article], g))
    t3 = time.perf_counter()
    print(json.dumps({"mb": len(article.text.encode()) / 1e6, "mentions": mentions, "events": events,
                      "claims": claims, "parse_s": t1 - t0, "events_s": t2 - t1, "claims_s": t3 - t2,
                      "seconds": t3 - t0, "base_mb": base,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def scaling(sizes: tuple[float, ...] = SCALING_MB, shapes: tuple[str, ...] = SCALING_SHAPES) -> list[dict]:
    """The same generated article at each size and shape, each in a fresh interpreter."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for shape in shapes:
            for mb in sizes:
                path = Path(tmp) / "article.txt"
                path.write_text(scaling_text(mb, shape), encoding="utf-8")
                code = f"import sys;sys.path.insert(0,{str(BENCH)!r});import run;run.scaling_child({str(path)!r})"
                results.append({"shape": shape, "target_mb": mb, **_child(code)})
    return results


def scaling_rows(results: list[dict]) -> list[tuple[str, str, str]]:
    """Table rows: seconds (parse / events / claims) and peak memory per size, then the ratio of the largest
    size's time to the smallest's, against the target of five times for five times the text."""
    rows = []
    for shape in dict.fromkeys(r["shape"] for r in results):
        runs = [r for r in results if r["shape"] == shape]
        for r in runs:
            rows.append((f"one article, {shape}, {r['mb']:.1f} MB: parse + events + claims",
                         f"{r['seconds']:.1f} s ({r['parse_s']:.1f} / {r['events_s']:.1f} / {r['claims_s']:.1f}; "
                         f"{r['mentions']:,} mentions, {r['events']:,} events, {r['claims']:,} claims), peak "
                         f"{r['peak_mb']:.0f} MB ({r['peak_mb'] - r['base_mb']:.0f} MB more than before the article)",
                         "-"))
        if len(runs) > 1:
            ratio = runs[-1]["seconds"] / runs[0]["seconds"]
            rows.append((f"one article, {shape}: time {runs[-1]['target_mb']:g} MB / {runs[0]['target_mb']:g} MB",
                         f"{ratio:.1f}x", f"<= {runs[-1]['target_mb'] / runs[0]['target_mb']:.0f}x (linear)"))
    return rows


def print_table(rows: list[tuple[str, str, str]]) -> None:
    print(f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| measure | result | target |\n|---|---|---|")
    for row in rows:
        print(f"| {row[0]} | {row[1]} | {row[2]} |")


def cpu_reference() -> float:
    """Seconds for ten million Python integer additions, best of three: how fast this core runs Python
    right now. Shared machines vary (this one by a factor of two within an hour); divide by it to compare."""
    return _child(
        "import json,time\nbest=9e9\nfor _ in range(3):\n t=time.perf_counter();s=0\n"
        " for i in range(10_000_000): s+=i\n best=min(best,time.perf_counter()-t)\n"
        "print(json.dumps({'seconds':best}))")["seconds"]


def main() -> None:
    rows = []
    reference = cpu_reference()
    rows.append(("CPU reference: 10 million Python additions", f"{reference:.2f} s",
                 "about 0.5 s on a current desktop core"))
    build = cold_build()
    rows.append(("gazetteer cold build", f"{build['seconds']:.1f} s ({build['size_mb']:.0f} MB index, "
                                         f"peak {build['peak_mb']:.0f} MB)", "once per source version"))
    warm = warm_load()
    rows.append(("gazetteer warm load", f"{warm['seconds'] * 1000:.0f} ms", "< 0.5 s"))
    rows.append(("`geomap resolve NAME`, fresh process", f"{fresh_resolve():.2f} s", "< 1 s"))
    batch = batch_resolve()
    rows.append(("batch resolve, 20,000 distinct names", f"{batch['per_s']:,.0f} names/s "
                 f"(peak {batch['peak_mb']:.0f} MB)", ">= 20,000 names/s, < 400 MB"))
    rows.append(("batch resolve, 592 spelling variants", f"{batch['variants_per_s']:,.0f} names/s", "-"))
    parse = parse_corpus()
    rows.append(("geoparse throughput", f"{parse['mb_per_cpu_s']:.2f} MB per CPU second, {parse['mb_per_s']:.2f} "
                 f"MB/s wall, on {parse['mb']:.1f} MB ({parse['docs']:,} docs, {parse['mentions']:,} mentions; "
                 "best of two passes)", ">= 1 MB/s per core"))
    rows.append(("geoparse load", f"{parse['load_s']:.2f} s", "reported apart"))
    rows.append(("geoparse peak memory", f"{parse['peak_mb']:.0f} MB", "< 600 MB"))
    rows.extend(events_rows(events_throughput()))
    big = map_of_synthetic_incidents()
    rows.append(("map of 50,000 incidents: write", f"{big['write_s']:.1f} s ({big['size_mb']:.1f} MB HTML, "
                                                   f"peak {big['peak_mb']:.0f} MB)", "< 10 s"))
    if big.get("load_s") is not None:
        rows.append(("map of 50,000 incidents: load in headless Chromium", f"{big['load_s']:.1f} s", "< 5 s"))
    rows.extend(mapview_rows(mapview()))
    rows.extend(scaling_rows(scaling()))
    rows.extend(corpus_rows(corpus_memory()))
    rows.extend(jobs_rows(jobs_speedup()))
    rows.extend(dump_rows(dump_build()))
    after = cpu_reference()
    rows.append(("CPU reference again, after the run", f"{after:.2f} s", "-"))
    print_table(rows)


# `python bench/run.py PART [ARG ...]`: one part alone, between two CPU references.
PARTS = {
    "scaling": lambda args: scaling_rows(scaling(tuple(float(mb) for mb in args) or SCALING_MB)),  # MB ...
    "corpus": lambda args: corpus_rows(corpus_memory(*map(int, args[:1]))),  # articles, 20,000 unless given
    "jobs": lambda args: jobs_rows(jobs_speedup(*map(int, args[:1]))),  # articles, 2,000 unless given
    "events": lambda args: events_rows(events_throughput()),
    "mapview": lambda args: mapview_rows(mapview(*map(int, args[:1]))),  # incidents, 50,000 unless given
    "dump": lambda args: dump_rows(dump_build(*(Path(a) for a in args[:1]))),  # a dump, UA.zip unless given
}


def main_part(part: str, args: list[str]) -> None:
    rows = [("CPU reference: 10 million Python additions", f"{cpu_reference():.2f} s", "-")]
    rows.extend(PARTS[part](args))
    rows.append(("CPU reference again, after the run", f"{cpu_reference():.2f} s", "-"))
    print_table(rows)


if __name__ == "__main__":
    if sys.argv[1:2] and sys.argv[1] in PARTS:
        main_part(sys.argv[1], sys.argv[2:])
    else:
        main()
