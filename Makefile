# Two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test bench install translations lint serve-setup secret-key

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed translations

translations: $(VENV)/.installed
	$(BIN)/pybabel compile --statistics -d translations

# The app refuses to start without SECRET_KEY: unless the environment gives one, a random key is
# written once to instance/secret_key (mode 600) and reused by every later run.
secret-key: install
	$(BIN)/python -c "from core import config; print('SECRET_KEY:', config.write_secret_key(str(config.ROOT / 'instance')))"

serve-setup: install secret-key
	$(FLASK) db upgrade
	$(FLASK) catalog seed
	$(FLASK) demo seed

run: serve-setup
	@echo "Serving on http://127.0.0.1:5000"
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

bench: serve-setup
	$(BIN)/python -m bench

# ruff, then the layers (import-linter's contract in pyproject.toml: app on top, core at the bottom)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

# Refresh the message catalogs after changing user-facing strings.
extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l --ignore-dirs=".venv tests bench migrations" -o translations/messages.pot .
	$(BIN)/pybabel update -i translations/messages.pot -d translations
