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
