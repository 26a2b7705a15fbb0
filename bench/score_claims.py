"""Score `geomap check` against labelled distance statements: verdicts right and false claims.

    python bench/score_claims.py tests/data/claims_real_dev.jsonl
    python bench/score_claims.py FILE --misses      # also print each wrong verdict, missed and false claim

The gold file has one excerpt a line: `text` and `claims`, each with the stated `value`, `unit` and the
`verdict` the geodesic truth gives (an excerpt of `kind` "measure" has no claims: "a 40-mile convoy",
"a depth of 10 km"). A predicted claim matches a gold claim of its excerpt with the same value and unit (in
text order). Verdicts right: gold claims whose match has the gold verdict (a missed claim is wrong). False
claims: predicted claims that match no gold claim. False alarms: matched claims judged inconsistent that are
not. The command runs as a user would run it, `geomap check --format jsonl` on a JSONL corpus.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path


def _predicted(corpus: Path) -> dict[str, list[dict]]:
    run = subprocess.run([sys.executable, "-m", "geomap", "check", "--format", "jsonl", "--quiet", str(corpus)],
                         capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1):
        raise SystemExit(f"score_claims: geomap check failed: {run.stderr.strip()}")
    found: dict[str, list[dict]] = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        found.setdefault(record["doc"], []).append(record)
    return found


def score(gold_path: Path, misses: bool = False) -> dict:
    items = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        corpus.write_text("".join(json.dumps({"id": i["id"], "text": i["text"]}) + "\n" for i in items),
                          encoding="utf-8")
        predicted = _predicted(corpus)
    gold_total = right = false_claims = false_alarms = measures_clean = measures = 0
    for item in items:
        left = list(predicted.get(item["id"], []))
        measures += item["kind"] == "measure"
        for gold in item["claims"]:
            gold_total += 1
            match = next((p for p in left if p["value"] == gold["value"] and p["unit"] == gold["unit"]), None)
            if match is None:
                if misses:
                    print(f"MISSED  {item['id']} {gold['value']} {gold['unit']} ({gold['verdict']}): {item['text']}")
                continue
            left.remove(match)
            if match["verdict"] == gold["verdict"]:
                right += 1
            else:
                false_alarms += match["verdict"] == "inconsistent"
                if misses:
                    print(f"WRONG   {item['id']} {gold['value']} {gold['unit']}: {match['verdict']} "
                          f"({match['diagnosis']}), gold {gold['verdict']}: {item['text']}")
        false_claims += len(left)
        measures_clean += item["kind"] == "measure" and not left
        if misses:
            for p in left:
                print(f"FALSE   {item['id']} {p['value']} {p['unit']} {p['verdict']}: {item['text']}")
    return {"gold_claims": gold_total, "verdicts_right": right,
            "accuracy": round(right / gold_total, 3) if gold_total else None,
            "false_claims": false_claims, "false_alarms": false_alarms,
            "measures": measures, "measures_without_claim": measures_clean}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--misses", action="store_true", help="print each wrong, missed and false claim")
    args = parser.parse_args()
    print(json.dumps(score(args.gold, args.misses)))


if __name__ == "__main__":
    main()
