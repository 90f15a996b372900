"""Each bug the fuzzer found, as a small deterministic reproducer kept as a regression
test. While a bug is open its test carries a strict xfail: the fix turns it into an
unexpected pass, and the marker goes."""
from __future__ import annotations

import pytest

# A host-only URL of exactly 2083 characters: valid as sent, one character too long once
# pydantic adds the trailing "/" it normalises URLs with.
LONGEST_LOGO = "https://" + ".".join(["a" * 63] * 32) + "." + "a" * 27


@pytest.fixture(scope="module")
def world(worlds):
    return worlds.get(None)


def test_a_logo_url_that_grows_when_normalised_is_refused_or_kept_readable(world):
    assert len(LONGEST_LOGO) == 2083
    resp = world.api.patch("/firm", {"branding": {"logo_url": LONGEST_LOGO}}, token=world.firm.token)
    after = world.api.get("/firm", token=world.firm.token)
    public = world.api.get(f"/firms/{world.firm.slug}/public")
    assert resp.status in (200, 400), resp.text[:300]
    assert after.status == 200 and public.status == 200, (after.text[:200], public.text[:200])


def test_the_client_list_is_documented_as_a_list(world):
    spec = world.api.get("/openapi.json").json
    ok = spec["paths"]["/clients"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    variants = ok.get("anyOf") or ok.get("oneOf") or [ok]
    names = [v.get("$ref", "").rsplit("/", 1)[-1] for v in variants]
    assert all(name.startswith("ListOf") for name in names), names


def test_patch_firm_documents_the_refusal_of_an_unknown_default_professional(world):
    resp = world.api.patch("/firm", {"settings": {"default_professional_id": "0" * 39}}, token=world.firm.token)
    documented = world.api.get("/openapi.json").json["paths"]["/firm"]["patch"]["responses"]
    assert str(resp.status) in documented, (resp.status, sorted(documented), resp.text[:200])
