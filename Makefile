# goalbook — two commands are all a fresh machine needs:
#   make demo   set up, then build the example book in content/ to output/ (HTML and PDF)
#   make test   set up, then run every test
# `make lock` refreshes the lock files after a change to pyproject.toml's dependencies.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
GOALBOOK := $(VENV)/bin/goalbook
# The example book is written as of this day; pinning it keeps the demo's output stable.
DEMO_TODAY ?= 2026-11-22
TOOLS  := .tools
VNU    := $(TOOLS)/node_modules/vnu-jar/build/dist/vnu.jar
# The editors' YAML language server, for the schema agreement tests.
YAML_LS := $(TOOLS)/node_modules/.bin/yaml-language-server
# The older PyYAML that goalbook's own YAML limits are also tested with.
COMPAT_YAML := $(TOOLS)/pyyaml-6.0.3
UV_VERSION := 0.13.9
LOCK_FLAGS := --generate-hashes --universal --python-version 3.10 --quiet
# Every package comes from the lock, with its hash. pip reads no config file here, so
# that a machine-wide pip.conf naming local mirrors that aren't there prints no warnings.
PIP := PIP_CONFIG_FILE=/dev/null $(PY) -m pip --disable-pip-version-check

.PHONY: setup system-deps demo check test lint-imports bench lock readme clean translations

setup: $(VENV)/.installed

# Exact versions with hashes from the committed lock; goalbook itself is installed
# editable on top, with no dependency resolution and no unpinned download.
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes --no-deps -r requirements.lock
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(COMPAT_YAML)/.installed: requirements-compat.lock | setup
	rm -rf $(COMPAT_YAML)
	$(PIP) install --quiet --require-hashes --no-deps \
	  --target $(COMPAT_YAML) -r requirements-compat.lock
	touch $@

# Debian packages the PDF and the browser tests need (Pango for WeasyPrint,
# poppler to read PDFs back, Chromium for browser tests, a JRE and npm for the
# HTML checker, faketime to run the suite with the clock moved, git for the
# history and --staged tests). Installed when missing and we are root; otherwise listed.
SYSTEM_PACKAGES := chromium poppler-utils fonts-dejavu-core libpango-1.0-0 libpangoft2-1.0-0 \
  default-jre-headless npm faketime git
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    command -v java >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -v default-jre-headless); \
	    command -v npm >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -vx npm); \
	    command -v git >/dev/null && missing=$$(echo $$missing | tr ' ' '\n' | grep -vx git); \
	    if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	  else echo "Please install these Debian packages: $$missing" >&2; exit 1; fi; \
	fi
	@test -f $(VNU) || npm install --silent --no-audit --no-fund --prefix $(TOOLS) vnu-jar
	@test -x $(YAML_LS) || npm install --silent --no-audit --no-fund --prefix $(TOOLS) yaml-language-server@1.25.0

demo: setup
	$(GOALBOOK) check --today $(DEMO_TODAY)
	$(GOALBOOK) build --today $(DEMO_TODAY)
	@echo "Open output/index.html in a browser, and output/report.pdf."

lint-imports: setup
	$(VENV)/bin/lint-imports --no-cache

test: setup system-deps $(COMPAT_YAML)/.installed lint-imports
	GOALBOOK_VNU=$(abspath $(VNU)) GOALBOOK_COMPAT_YAML=$(abspath $(COMPAT_YAML)) $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PIP) install --quiet --require-hashes --no-deps -r requirements-bench.lock
	$(PY) bench/run.py

# Refresh the locks: after changing dependencies in pyproject.toml, or to take
# newer releases (then run make test before committing the new locks).
lock: setup
	$(PIP) install --quiet "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip compile pyproject.toml requirements-build.in --extra test $(LOCK_FLAGS) -o requirements.lock
	$(VENV)/bin/uv pip compile pyproject.toml requirements-build.in --extra test --extra bench $(LOCK_FLAGS) -o requirements-bench.lock
	$(VENV)/bin/uv pip compile requirements-compat.in $(LOCK_FLAGS) -o requirements-compat.lock

# The README's table of rule codes is generated from the rule catalogue.
readme: setup
	$(PY) -m goalbook.rules.catalogue README.md

clean:
	rm -rf output build dist *.egg-info .pytest_cache bench/.work

# The site's, the report's and the PDF's words (docs/languages.md): extract the
# English messages to the template, merge them into every language's catalog, and
# compile the catalogs to the .mo files goalbook reads (committed, so an install
# needs no build step; tests/test_i18n.py checks they match the .po files).
LOCALES := goalbook/locale
translations: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k N_ -k ngettext_marker:1,2 --add-location=file \
	  --sort-output --project goalbook --copyright-holder goalbook -o $(LOCALES)/goalbook.pot .
	$(VENV)/bin/pybabel update -D goalbook -i $(LOCALES)/goalbook.pot -d $(LOCALES) --width 100 --no-fuzzy-matching
	$(VENV)/bin/pybabel compile -D goalbook -d $(LOCALES) --statistics
