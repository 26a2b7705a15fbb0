# Two entry points for a fresh machine: `make demo` and `make test`. Both create .venv when missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench gazetteer eval screenshot clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

gazetteer: $(STAMP)
	$(BIN)/geomap gazetteer build

demo: gazetteer
	$(BIN)/geomap map seeds/ -o output/map.html --title "geomap: seed articles"
	$(BIN)/geomap check seeds/ --format table
	$(BIN)/geomap distance "South Ukraine nuclear power plant" "Zaporizhzhia nuclear power plant" --units mi

screenshot: demo
	$(BIN)/python scripts/screenshot.py output/map.html output/map.png
	$(BIN)/python scripts/screenshot.py output/map.html output/map_donbas.png --view 48.3,38.0,10

test: gazetteer
	$(BIN)/python -m pytest

bench: gazetteer
	$(BIN)/python bench/run.py

eval: gazetteer
	$(BIN)/python ../shared/eval/score.py resolve ../shared/eval/ua_variants_dev.jsonl -- $(BIN)/geomap resolve --format jsonl --file {input} | tail -1
	$(BIN)/python ../shared/eval/score.py parse ../shared/eval/geovirus.jsonl -- $(BIN)/geomap parse --format jsonl {input} | tail -1
	$(BIN)/python bench/score_incidents.py ../shared/eval/cir_incidents_dev.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev2.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev3.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev4.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev5.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev6.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev7.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev8.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev9.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev10.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev11.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev12.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev13.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev14.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev15.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev16.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev17.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev18.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev19.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev20.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev21.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev22.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev23.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev24.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev25.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev26.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev27.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev28.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev29.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev30.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev31.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev32.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev33.jsonl
	$(BIN)/python bench/score_incidents.py tests/data/incidents_real_dev34.jsonl

clean:
	rm -rf $(VENV) output/*.html output/*.geojson output/*.csv
