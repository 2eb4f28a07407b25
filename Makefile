# Front Door: the two commands are `make run` and `make test`; `make serve` runs it in production (README).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PEOPLE ?= 400

.PHONY: run serve test setup venv static system-pdf system-browser migrate reference demo lint clean

# Development: DEBUG on (for this target and the ones it runs), Django's development server.
run: export DJANGO_DEBUG = true
run: setup system-pdf migrate reference demo
	@$(PY) manage.py demo_logins
	@echo "Starting the background worker and the web server on http://$(HOST):$(PORT)"
	@$(PY) manage.py worker --interval 2 >var/worker.log 2>&1 & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# Production: DEBUG off, gunicorn (deploy/gunicorn.conf.py) with WhiteNoise serving the collected static
# files, and the background worker beside it. No demo data. See the README's Production section.
serve: export DJANGO_DEBUG = false
serve: setup system-pdf migrate
	$(PY) manage.py collectstatic --noinput --verbosity 0
	@# Any deployment warning stops a live start; trying it over plain http (FRONTDOOR_HTTPS=false) only shows them.
	$(PY) manage.py check --deploy --fail-level $$(if [ "$$FRONTDOOR_HTTPS" = false ]; then echo ERROR; else echo WARNING; fi)
	@echo "Starting the background worker and gunicorn on $(HOST):$(PORT)"
	@$(PY) manage.py worker --interval 2 & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  HOST=$(HOST) PORT=$(PORT) $(VENV)/bin/gunicorn --config deploy/gunicorn.conf.py

test: setup system-pdf system-browser lint
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --dist loadgroup --durations=15

setup: venv static

venv: $(VENV)/.installed
$(VENV)/.installed: requirements.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

static: var/static-build/.built
var/static-build/.built: package.json package-lock.json scripts/build-static.sh
	npm ci --no-audit --no-fund --loglevel=error
	sh scripts/build-static.sh
	touch $@

system-pdf:
	@sh scripts/ensure-system-packages.sh pdf

system-browser:
	@sh scripts/ensure-system-packages.sh browser

migrate:
	$(PY) manage.py migrate --noinput

reference:
	$(PY) manage.py load_reference

demo:
	$(PY) manage.py seed_demo --people $(DEMO_PEOPLE) --if-empty

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) node_modules var/static-build
