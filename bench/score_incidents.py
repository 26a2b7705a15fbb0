"""Score `geomap events` against labelled incidents: type and place within 20 km, recall and precision, events per
matched incident, and dates.

    python bench/score_incidents.py tests/data/incidents_real_dev.jsonl
    python bench/score_incidents.py ../shared/eval/cir_incidents_dev.jsonl
    python bench/score_incidents.py FILE --misses 30      # also print what was missed and what was wrong

Two gold formats are read:
- our real-reports set (`tests/data/incidents_real_dev.jsonl`): `text`, `published`, and `incidents`, each with
  `type` (plus `also`: other types that count), `lat`, `lon`, `date` (null when the text does not date it);
- CIR's Eyes on Russia reports (`../shared/eval/cir_incidents_dev.jsonl`): `text`, `date`, `event_group` and one
  annotated `toponyms` point; the group is mapped to the types that fit it (GROUP_TYPES, from the eval README;
  the groups it leaves out are mapped the way an analyst would file them).

An event matches an incident of its own document when its type fits and it lies within 20 km (pyproj's WGS84
geodesic). Recall: incidents with a matching event. Precision: events that match an incident (an event in a
document without incidents is wrong). Events per matched incident: how many events each matched incident got.
Dates: among matched incidents whose text dates them, the share whose best event carries that date.
The command runs as a user would run it, `geomap events --format jsonl` on a JSONL corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from pyproj import Geod

MATCH_KM = 20.0
_GEOD = Geod(ellps="WGS84")
GROUP_TYPES = [  # CIR event group prefix -> the geomap types that fit it
    ("Civilian Infrastructure Damage", {"infrastructure", "strikes", "civilians"}),
    ("Bombing or Explosion", {"strikes", "infrastructure"}),
    ("Russian Military Presence", {"front_line"}),
    ("Ground Battle", {"front_line"}),
    ("Civilian Casualty", {"civilians"}),
    ("Mass grave", {"civilians"}),
    ("Munitions", {"strikes", "front_line"}),
    # Not in the README's list: losses and firing positions are combat, damage to a military site is a strike.
    ("Russian Military Losses", {"front_line", "strikes"}),
    ("Ukrainian Military Losses", {"front_line", "strikes"}),
    ("Russian Allies Presence", {"front_line", "strikes"}),
    ("Russian Firing Positions", {"front_line", "strikes"}),
    ("Military Infrastructure Damage", {"strikes", "infrastructure"}),
    ("Detentions or Arrests", {"civilians", "protests"}),
    ("Other", None),  # any type
]


def gold_incidents(row: dict) -> list[dict]:
    if "incidents" in row:
        return [{"types": {i["type"], *i.get("also", [])}, "lat": i["lat"], "lon": i["lon"], "date": i.get("date"),
                 "place": i.get("place")} for i in row["incidents"]]
    types = next((t for prefix, t in GROUP_TYPES if row["event_group"].startswith(prefix)), None)
    return [{"types": types, "lat": t["lat"], "lon": t["lon"], "date": None, "place": t["name"]}
            for t in row["toponyms"]]


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return _GEOD.inv(a[1], a[0], b[1], b[0])[2] / 1000.0


def fits(event: dict, incident: dict) -> bool:
    if event.get("lat") is None:
        return False
    if incident["types"] is not None and event["type"] not in incident["types"]:
        return False
    return km((event["lat"], event["lon"]), (incident["lat"], incident["lon"])) <= MATCH_KM


def run_events(rows: list[dict], command: list[str]) -> dict[str, list[dict]]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as corpus:
        for row in rows:
            corpus.write(json.dumps({"id": row["id"], "text": row["text"],
                                     "date": row.get("published") or row.get("date")}) + "\n")
    try:
        done = subprocess.run(command + [corpus.name], capture_output=True, text=True)
    finally:
        Path(corpus.name).unlink()
    if done.returncode not in (0, 1):
        sys.exit(f"score_incidents: {' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    events: dict[str, list[dict]] = {}
    for line in done.stdout.splitlines():
        if line.strip():
            event = json.loads(line)
            events.setdefault(event["doc"], []).append(event)
    return events


def score(rows: list[dict], events: dict[str, list[dict]], misses: int = 0) -> dict:
    incidents = matched = predicted = right = dated = dated_right = 0
    per_incident: list[int] = []
    shown_missed, shown_wrong = [], []
    for row in rows:
        gold = gold_incidents(row)
        found = events.get(row["id"], [])
        incidents += len(gold)
        predicted += len(found)
        for event in found:
            if any(fits(event, incident) for incident in gold):
                right += 1
            elif len(shown_wrong) < misses:
                shown_wrong.append(f"  {row['id']}: {event['type']} @ {event['place']} | {row['text'][:140]}")
        for incident in gold:
            hits = [e for e in found if fits(e, incident)]
            if hits:
                matched += 1
                per_incident.append(len(hits))
                if incident["date"]:
                    dated += 1
                    best = max(hits, key=lambda e: e.get("confidence") or 0)
                    dated_right += best.get("date") == incident["date"]
            elif len(shown_missed) < misses:
                got = "; ".join(f"{e['type']}@{e['place']}" for e in found) or "nothing"
                shown_missed.append(f"  {row['id']}: want {sorted(incident['types'] or ['any'])} @ "
                                    f"{incident['place']} got {got} | {row['text'][:140]}")
    if misses:
        print("missed:", *shown_missed, "wrong:", *shown_wrong, sep="\n", file=sys.stderr)
    return {"documents": len(rows), "incidents": incidents, "events": predicted,
            "recall": round(matched / incidents, 4) if incidents else None,
            "precision": round(right / predicted, 4) if predicted else None,
            "events_per_incident": round(sum(per_incident) / len(per_incident), 3) if per_incident else None,
            "dated": dated, "date_right": round(dated_right / dated, 4) if dated else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--misses", type=int, default=0, help="print up to N misses and N wrong events")
    parser.add_argument("--command", default=str(Path(sys.executable).with_name("geomap")) + " events --format jsonl",
                        help="the events command; the corpus path is appended")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    result = score(rows, run_events(rows, args.command.split()), args.misses)
    print(json.dumps({"gold": args.gold.name, **result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
