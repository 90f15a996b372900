"""Puts the Atrium project first on sys.path. Import it before anything else.

infra/ reuses the project's own modules (the gateway-response table), and
Chalice's packager imports the module named `app`: that must be the
project's app.py, not infra/app.py, which sits on sys.path[0] whenever the
CDK CLI or synth.py runs from this directory.
"""

import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

if sys.path[0] != ROOT:
    sys.path.insert(0, ROOT)


def lambda_python() -> str:
    """The Lambda runtime, from the project's one choice of Python (.python-version).

    Chalice builds the package (binary wheels such as pydantic_core included) for the
    Python that runs it, so a synth under any other interpreter would ship code the
    runtime cannot load: refuse it rather than deploy it."""
    with open(os.path.join(ROOT, ".python-version")) as f:
        wanted = f.read().strip()
    running = "%d.%d" % sys.version_info[:2]
    if running != wanted:
        raise RuntimeError(f"the functions run on Python {wanted} (.python-version), but this synth runs on "
                           f"{running}: run it from the project's virtualenv (make synth)")
    return f"python{wanted}"
