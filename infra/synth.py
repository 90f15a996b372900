"""Synthesize one Atrium stage into a directory, without the CDK CLI.

    python infra/synth.py --stage prod --out build/cdk.out [-c mail_from=...]

Reads the same context as the CLI would (cdk.json, then -c overrides) and
prints the path of the CloudFormation template it wrote.
"""

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Node 20 runs jsii fine; its end-of-life banner would bury synth's output.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

import aws_cdk as cdk  # noqa: E402  (after the environment above)

from atrium_stack import build  # noqa: E402
from settings import STAGES  # noqa: E402


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage", default="dev", choices=STAGES)
    parser.add_argument("--out", required=True, help="cloud assembly directory")
    parser.add_argument("-c", "--context", action="append", default=[], metavar="KEY=VALUE")
    return parser.parse_args(argv)


def _context(args: argparse.Namespace) -> dict:
    with open(os.path.join(HERE, "cdk.json")) as f:
        context = json.load(f)["context"]
    for pair in args.context:
        key, _, value = pair.partition("=")
        context[key] = value
    context["stage"] = args.stage
    # What the CDK CLI passes unless --debug; recording a stack trace for every
    # construct triples the synth time.
    context.setdefault("aws:cdk:disable-stack-trace", True)
    return context


def synth(argv: list[str]) -> str:
    args = _arguments(argv)
    app = cdk.App(outdir=os.path.abspath(args.out), context=_context(args))
    stack = build(app)
    assembly = app.synth()
    return os.path.join(assembly.directory, stack.template_file)


if __name__ == "__main__":
    print(synth(sys.argv[1:]))
