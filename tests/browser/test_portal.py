"""The web portal in headless Chromium against the local stack (tests/browser/portal.mjs
drives it). `make test` builds the portal and installs Chromium first; nothing here is
skipped: a missing piece is a failure that says what to run."""
import json
import os
import shutil
import subprocess

import pytest

from tests.e2e.test_local_stack import banner_moto, stack  # noqa: F401 - the same subprocess stack
from tests.support import ROOT

pytestmark = pytest.mark.e2e

SCRIPT = ROOT / "tests" / "browser" / "portal.mjs"
ARTIFACTS = ROOT / "tests" / "browser" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def _prerequisites() -> None:
    assert (ROOT / "web" / "dist" / "index.html").is_file(), "the portal is not built: run `make web`"
    assert (ROOT / "web" / "node_modules" / "playwright-core").is_dir(), "web dependencies missing: run `make web`"
    assert shutil.which("node"), "Node.js 20+ is required"
    assert os.access(CHROMIUM, os.X_OK), f"no Chromium at {CHROMIUM}: run `make chromium`"


def test_portal_end_to_end_in_chromium(stack):  # noqa: F811
    _prerequisites()
    url, _ = stack
    env = {**os.environ, "PORTAL_API": url, "PORTAL_MOTO": banner_moto(stack),
           "PORTAL_ARTIFACTS": str(ARTIFACTS), "CHROMIUM": CHROMIUM}
    run = subprocess.run(["node", str(SCRIPT)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-5000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    pages = {p["name"] for p in report["pages"]}
    assert {"staff-sign-in", "staff-clients", "staff-client", "staff-adoption", "staff-settings", "staff-list",
            "staff-new-password", "client-invitation", "client-home", "phone-sign-in", "phone-client-home",
            "phone-client-survey", "phone-client-room", "staff-rooms", "staff-room", "staff-opportunities",
            "staff-document", "staff-document-trash", "staff-client-documents", "staff-document-trail",
            "phone-client-documents", "client-documents-hidden"} <= pages
    assert all(os.path.getsize(shot) > 5000 for shot in report["screenshots"])
    for checked in ("the mailed link opens the local portal", "the new-password challenge signs a colleague in",
                    "a refused access token is refreshed silently and the page loads",
                    "a refused refresh signs out to the sign-in page", "nothing is wider than a phone screen",
                    "the API's message for branding.colour sits under Colour",
                    "the client answers the demo room's conversation", "the client uploads a file straight to S3",
                    "the client downloads the file it uploaded", "staff see the client's reply",
                    "staff download the client's file", "a client never sees an internal note",
                    "the document's versions name who uploaded each", "a new version becomes the current one",
                    "the first version still downloads", "staff rename a document and move it to a folder",
                    "a stale rename or move (412) is refused with a plain message",
                    "staff move a document to the trash", "staff restore a document from the trash",
                    "the access history says who did what", "staff search a client's document area by file name",
                    "the document trail shows where each action came from",
                    "the client uploads into a folder of their document area",
                    "searching by file name finds the receipt alone",
                    "the client downloads the file back from the document area",
                    "the document area fits a phone screen", "a hidden documents tool is not offered at home",
                    "the document area's address says documents are not shared when the tool is hidden",
                    "a room shows no documents when the tool is hidden"):
        assert checked in report["checks"]
