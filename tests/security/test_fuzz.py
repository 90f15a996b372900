"""Fuzzing against /openapi.json, in-process through the API Gateway stand-in: no 5xx,
and every response matches what the document promises (status, content type, body).

Each generated request goes out anonymously and as one of the owner, a staff member and
a portal user, in turn; an operation with path parameters is then sent once more with the world's
real ids in them, so the fuzzed bodies reach the code behind the 404.

Randomised: each run draws a fresh seed (printed in the session header; ATRIUM_FUZZ_SEED
replays it). Quick by default (inside `make test`); ATRIUM_FUZZ=heavy (`make fuzz`) runs far
more examples (ATRIUM_FUZZ_EXAMPLES overrides the number per operation).

Boundaries: schemathesis' coverage phase sends each field at its limits (the longest and
shortest strings, the edges of every range, each enum value, each required field left out).
Those cases are built while pytest collects, in every xdist worker, and all of them are some
6,000 cases, so `make test` sends the boundaries of a sample of operations that the seed
picks (a different sample each run; ATRIUM_FUZZ_BOUNDARIES=all takes every one) and
`make fuzz` sends all of them. tests/security/test_fuzz_targeted.py keeps the boundaries
that found bugs."""
from __future__ import annotations

import itertools
import os
import random

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.specs.openapi.checks import (content_type_conformance, ignored_auth, response_headers_conformance,
                                               response_schema_conformance, status_code_conformance)

from app import app
from tests.security.wsgi import GatewayWSGI
from tests.support import ApiClient

HEAVY = os.environ.get("ATRIUM_FUZZ") == "heavy"
# Heavy: a dozen times the quick run, which on two cores ends in well under an hour;
# ATRIUM_FUZZ_EXAMPLES sets any other number.
EXAMPLES = int(os.environ.get("ATRIUM_FUZZ_EXAMPLES", 50 if HEAVY else 4))
SEED = int(os.environ["ATRIUM_FUZZ_SEED"])
# Each case goes out anonymously and as one signed-in persona in turn, so all are covered
# at a quarter of the cost of sending every case four times.
PERSONAS = itertools.cycle(("owner", "staff", "client_member"))
# What the document promises about responses, and that a protected route refuses a
# missing or bad token. Left out: positive_data_acceptance and negative_data_rejection,
# which judge how exactly the document describes *inputs* (an email's shape, a password's
# rules, a zone name); those validators live in the models, and 400 is documented.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance, ignored_auth]
# Bugs reported and not yet fixed: the operation still runs, and is marked xfail at its
# first failure. Remove the entry with the fix.
KNOWN = {
}

# Operations whose longest strings take 15 to 75 s each to draw (a password pattern of
# look-aheads, a file-name class of thousands of ranges): only `make fuzz` builds them.
COSTLY_BOUNDARIES = {"POST /auth/challenge", "POST /invitations/accept", "POST /rooms/{room_id}/documents",
                     "PATCH /documents/{document_id}", "POST /documents/{document_id}/versions"}
BOUNDARY_SAMPLE = os.environ.get("ATRIUM_FUZZ_BOUNDARIES", "all" if HEAVY else "12")


def _schema(**phases: bool):
    """Loaded at import: serving /openapi.json needs no AWS. (schemathesis' from_fixture
    loader does not work under pytest 9.)"""
    config = SchemathesisConfig.from_dict({"seed": SEED, "phases": {p: {"enabled": on} for p, on in phases.items()}})
    return schemathesis.openapi.from_wsgi("/openapi.json", GatewayWSGI(ApiClient(app).gateway), config=config)


def _boundary_sample(labels: list[str]) -> list[str]:
    """The same sample in every xdist worker: drawn from the sorted labels with the seed."""
    if BOUNDARY_SAMPLE == "all":
        return labels if HEAVY else [label for label in labels if label not in COSTLY_BOUNDARIES]
    cheap = [label for label in sorted(labels) if label not in COSTLY_BOUNDARIES]
    return random.Random(SEED).sample(cheap, min(int(BOUNDARY_SAMPLE), len(cheap)))


schema = _schema(coverage=False)
_LABELS = [result.ok().label for result in schema.get_all_operations()]
boundaries = _schema(examples=False, coverage=True, fuzzing=False, stateful=False).include(
    name=_boundary_sample(_LABELS))


@pytest.fixture(scope="module")
def fuzz_world(worlds):
    return worlds.get(None)


def _send(case, token: str | None) -> None:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        case.call_and_validate(headers=headers, checks=CHECKS)
    except FailureGroup as failure:
        if case.operation.label in KNOWN:
            pytest.xfail(KNOWN[case.operation.label])
        raise AssertionError(f"replay with ATRIUM_FUZZ_SEED={SEED}") from failure


@schema.parametrize()
@seed(SEED)
# Each example is several requests through the whole stack: slow by Hypothesis' measure.
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fuzz(case, fuzz_world):
    _send(case, None)
    _send(case, fuzz_world.token(next(PERSONAS)))
    names = set(case.path_parameters or {})
    if names and names <= set(fuzz_world.ids):
        case.path_parameters = {name: fuzz_world.ids[name] for name in names}
        _send(case, fuzz_world.firm.token)


@boundaries.parametrize()
@seed(SEED)
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_boundaries(case, fuzz_world):
    """Each case once, as a signed-in persona; with the world's real ids where it has
    path parameters (a boundary in a body behind a 404 would be left untested)."""
    names = set(case.path_parameters or {})
    if names and names <= set(fuzz_world.ids):
        case.path_parameters = {name: fuzz_world.ids[name] for name in names}
        _send(case, fuzz_world.firm.token)
    else:
        _send(case, fuzz_world.token(next(PERSONAS)))
