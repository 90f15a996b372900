# Two commands matter: `make run` (the whole stack on this machine) and `make test`.
# Both create the virtualenv and install what they need first.
# .python-version names the one Python the project runs on, which is also the Lambda
# runtime the deployment package is built for (pyenv and uv read the same file).
PY_VERSION := $(shell cat .python-version)
PYTHON ?= $(shell command -v python$(PY_VERSION))
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(PY_VERSION)-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
STAGE  ?= dev
CHECKOV_VENV  := .venv-checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-$(shell cksum < requirements-checkov.txt | cut -d' ' -f1)

.PHONY: venv web chromium run test test-all e2e bench fuzz probe synth deploy clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -n "$(PYTHON)" || (echo 'Python $(PY_VERSION) is required (see .python-version): put python$(PY_VERSION) on PATH or set PYTHON=' >&2; exit 2)
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; sys.exit(0 if v == "$(PY_VERSION)" else f"$(PYTHON) is Python {v}; the project runs on $(PY_VERSION)")'
	@# A virtualenv left by another Python is rebuilt rather than reused.
	test "$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = "$(PY_VERSION)" || rm -rf $(VENV)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip<26.3"
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

venv: $(STAMP)

$(CHECKOV_STAMP): requirements-checkov.txt tests/infra/checkov_tables.py
	test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet -r requirements-checkov.txt
	$(CHECKOV_VENV)/bin/python tests/infra/checkov_tables.py
	rm -f $(CHECKOV_VENV)/.installed-* && touch $(CHECKOV_STAMP)

# The web portal: npm ci when its lock file changes, then a build whose API types are
# generated from this checkout's /openapi.json (so a changed route fails here).
WEB_STAMP := web/node_modules/.installed-$(shell cksum < web/package-lock.json | cut -d' ' -f1)
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	touch $(WEB_STAMP)

web: venv $(WEB_STAMP)
	cd web && ATRIUM_PYTHON=$(abspath $(BIN))/python npm run --silent build

# The browser tests drive Debian's Chromium (a browser download cannot work here).
chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

run: venv web
	$(BIN)/python -m local.stack

test: venv $(CHECKOV_STAMP) web chromium
	$(BIN)/python -m pytest -q -n 2

e2e: venv web chromium
	$(BIN)/python -m pytest -q tests/e2e tests/browser

bench: venv
	$(BIN)/python -m bench

fuzz: venv
	ATRIUM_FUZZ=heavy $(BIN)/python -m pytest -q -n 2 tests/security/test_fuzz.py tests/security/test_fuzz_targeted.py

# schemathesis's CLI with every check, from outside, against the local stack; options
# pass through, e.g. make probe PROBE="--max-examples 50 --seed 7" (local/probe.py).
probe: venv web
	$(BIN)/python -m local.probe $(PROBE)

synth: venv web
	cd infra && ../$(BIN)/python synth.py --stage $(STAGE) --out cdk.out $(CDK_CONTEXT)

# Deploys exactly the assembly `make synth` wrote; the pinned CLI still asks before it widens IAM.
# Prod alarms must reach a person: no alarm address, no deploy.
deploy:
	@if [ "$(STAGE)" = prod ] && ! echo "$(CDK_CONTEXT)" | grep -q 'alarm_email=[^ ]*@'; then \
		echo 'make deploy STAGE=prod needs CDK_CONTEXT="-c alarm_email=ops@your-firm.example ..."' >&2; exit 2; fi
	$(MAKE) synth
	cd infra && npx --yes aws-cdk@2.1148.1 deploy --app cdk.out $(STAGE)

clean:
	rm -rf $(VENV) $(CHECKOV_VENV) .pytest_cache infra/cdk.out web/node_modules web/dist tests/browser/artifacts
