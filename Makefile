# Two commands for a fresh machine with only Python 3, make and git:
#   make demo   creates .venv, installs govreport, parses the bundled sample and prints the record
#   make test   installs the test extras into .venv and runs the whole suite (README examples included)
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
SAMPLE := fixtures/seed/thach-that-conference-2022-06-21.txt

.PHONY: demo test lint browser fuzz bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes.
$(VENV)/.installed-demo: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[all]"
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e ".[all,test]"
	touch $@

demo: $(VENV)/.installed-demo
	$(VENV)/bin/govreport parse $(SAMPLE) --pretty

test: lint browser
	$(PY) -m pytest -q

# The review page is tested in a real headless Chromium (tests/test_render.py): Debian's chromium and
# chromium-driver, installed here when missing and when apt-get can run (as root); elsewhere those tests skip.
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	else echo "browser: chromium/chromedriver missing and apt-get cannot run: the browser tests will skip"; fi

# ruff (pyflakes, bugbear, isort, pyupgrade, pytest style) and mypy --strict on src/: see pyproject.toml
lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/mypy

fuzz: $(VENV)/.installed-test
	GOVREPORT_FUZZ_EXAMPLES=100000 GOVREPORT_REFERENCE_CASES=1000000 $(PY) -m pytest -q tests/test_fuzz.py tests/test_core_properties.py

bench: $(VENV)/.installed-test
	$(PY) benchmarks/bench_numbers.py
	$(PY) benchmarks/bench_parse.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info
