# goalbook — two commands are all a fresh machine needs:
#   make demo   set up, then build the example book in content/ to output/ (HTML and PDF)
#   make test   set up, then run every test
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
GOALBOOK := $(VENV)/bin/goalbook
# The example book is written as of this day; pinning it keeps the demo's output stable.
DEMO_TODAY ?= 2026-11-22
TOOLS  := .tools
VNU    := $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar

.PHONY: setup system-deps demo check test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

# Debian packages the PDF and the browser tests need (Pango for WeasyPrint,
# poppler to read PDFs back, Chromium for browser tests, a JRE and npm for the
# HTML checker). Installed when missing and we are root; otherwise listed.
SYSTEM_PACKAGES := chromium poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 default-jre-headless npm
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    command -v java >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -v default-jre-headless); \
	    command -v npm >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -vx npm); \
	    if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	  else echo "Please install these Debian packages: $$missing" >&2; exit 1; fi; \
	fi
	@test -f $(VNU) || npm install --silent --no-audit --no-fund --prefix $(TOOLS) vnu-jar

demo: setup
	$(GOALBOOK) check --today $(DEMO_TODAY)
	$(GOALBOOK) build --today $(DEMO_TODAY)
	@echo "Open output/index.html in a browser, and output/report.pdf."

test: setup system-deps
	GOALBOOK_VNU=$(abspath $(VNU)) $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/run.py

clean:
	rm -rf output build dist *.egg-info .pytest_cache bench/.work
