"""IAM from evidence: every AWS call the suite makes is recorded against the function it
runs in, and the roles in the synthesized template are checked against the record.

Loaded as a pytest plugin (pytest.ini). Each process records; at the end of the run
the process that reports (the xdist controller, or the only one) fails the run when
- a function called an action its role does not grant (it would fail in AWS), or
- after the whole suite ran green, a role grants a data-service action that no
  recorded call used (a grant nothing needs).
Nobody writes down which actions a function needs: the calls are the evidence. The
package test (test_package.py) adds what each handler called from the built package.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

# Where a call runs, told by the frames on its stack: the innermost match names the
# function. Tests call the jobs directly; API requests go through Chalice's dispatch.
FRAMES = (
    ("chalicelib/auth/authorizer.py", None, "JwtAuth"),
    ("chalicelib/jobs/stream.py", "on_stream", "OutboxDispatch"),
    ("chalicelib/jobs/outbox.py", "on_queue", "OutboxSend"),
    ("chalicelib/jobs/sweeps.py", None, "Sweep"),
    ("chalicelib/jobs/reminders.py", None, "ScheduledReminder"),
    ("chalicelib/opportunities/digest.py", None, "OpportunityDigest"),
    ("chalicelib/jobstatus/idle.py", None, "IdleRooms"),
    ("chalicelib/documents/events.py", "on_object_event", "DocumentStored"),
    ("chalice/app.py", "_get_view_function_response", "APIHandler"),
)
# Services that hold or move Atrium's data: a grant on them must be earned by a call.
# (Logs and X-Ray are written by the Lambda runtime, not by Atrium's code.)
DATA_SERVICES = ("dynamodb", "s3", "cognito-idp", "ses", "sns", "sqs", "scheduler", "events",
                 "secretsmanager", "iam")
# What Lambda itself does with a function's role to feed it (its event source mappings).
POLLER = {
    "dynamodb": {"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator",
                 "dynamodb:ListStreams"},
    "sqs": {"sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"},
}
FEEDERS = ("AWS::Lambda::EventSourceMapping", "AWS::Lambda::EventInvokeConfig")
ON_FAILURE = {"sqs": {"sqs:SendMessage"}, "sns": {"sns:Publish"}}
TEMPLATE = "atrium-dev.template.json"  # written by tests/infra/conftest.py

RECORDED: dict[str, set[str]] = {}


def _function_of(frame: Any) -> str | None:
    while frame is not None:
        path = frame.f_code.co_filename.replace(os.sep, "/")
        for suffix, name, function in FRAMES:
            if path.endswith(suffix) and name in (None, frame.f_code.co_name):
                return function
        frame = frame.f_back
    return None


def record(function: str, actions: set[str]) -> None:
    RECORDED.setdefault(function, set()).update(actions)


def _install_recorder() -> None:
    from tests.infra.lambda_runner import install_recorder

    def add(actions: set[str]) -> None:
        # Frame 0 is this function, 1 the recording wrapper; the caller is further out.
        function = _function_of(sys._getframe(2))
        if function:
            record(function, actions)
    install_recorder(add)


# --- what the template grants -------------------------------------------------------

def _as_list(value: Any) -> list:
    return value if isinstance(value, list) else [value]


def functions(template: dict) -> list[str]:
    return [k for k, v in template["Resources"].items() if v["Type"] == "AWS::Serverless::Function"]


def granted(template: dict, function: str) -> set[str]:
    role = template["Resources"][function]["Properties"]["Role"]["Fn::GetAtt"][0]
    policies = template["Resources"][role]["Properties"].get("Policies", [])
    return {a for p in policies for s in p["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"
            for a in _as_list(s["Action"])}


def _service_of(arn: Any, template: dict) -> str:
    """'dynamodb' or 'sqs' for an event source or destination ARN in the template."""
    text = json.dumps(arn)
    for logical_id, resource in template["Resources"].items():
        if f'"{logical_id}"' in text:
            return resource["Type"].split("::")[1].lower()
    return ""


def used_by_lambda(template: dict, function: str) -> set[str]:
    """What Lambda needs from the function's role: its pollers read the source, and a
    batch or an asynchronous event that keeps failing goes to the on-failure destination."""
    needed: set[str] = set()
    for resource in template["Resources"].values():
        props = resource["Properties"]
        kind = resource["Type"]
        if kind not in FEEDERS or props["FunctionName"] != {"Ref": function}:
            continue
        if kind == "AWS::Lambda::EventSourceMapping":
            needed |= POLLER.get(_service_of(props["EventSourceArn"], template), set())
        destination = props.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
        if destination:
            needed |= ON_FAILURE.get(_service_of(destination, template), set())
    return needed


def findings(template: dict, recorded: dict[str, set[str]], complete: bool) -> list[str]:
    """What is wrong, one line each: calls the role refuses and, when the record covers the
    whole suite, data-service grants no call used."""
    found = []
    for function in functions(template):
        grants, calls = granted(template, function), recorded.get(function, set())
        found += [f"{function} calls {a}, which its role does not grant" for a in sorted(calls - grants)]
        if complete:
            used = calls | used_by_lambda(template, function)
            unused = {a for a in grants - used if a.split(":")[0] in DATA_SERVICES}
            found += [f"{function}'s role grants {a}, which no recorded call uses" for a in sorted(unused)]
    return found


# --- pytest plugin ------------------------------------------------------------------

def _shared_dir(config: pytest.Config) -> Path:
    base = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def pytest_configure(config: pytest.Config) -> None:
    _install_recorder()


def _whole_suite(session: pytest.Session) -> bool:
    option = session.config.option
    return (not session.config.args or session.config.args == [str(session.config.rootpath / "tests")]
            or session.config.args == ["tests"]) and not option.keyword and not option.markexpr \
        and session.testsfailed == 0 and not option.maxfail


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    shared = _shared_dir(session.config)
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    (shared / f"iam-evidence-{worker}.json").write_text(json.dumps({k: sorted(v) for k, v in RECORDED.items()}))
    if worker != "main" or not (shared / TEMPLATE).exists():
        return  # a worker, or a run without the infra tests: nothing to check against
    recorded: dict[str, set[str]] = {}
    for path in shared.glob("**/iam-evidence-*.json"):
        for function, actions in json.loads(path.read_text()).items():
            recorded.setdefault(function, set()).update(actions)
    problems = findings(json.loads((shared / TEMPLATE).read_text()), recorded, _whole_suite(session))
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        reporter.write_sep("=", "IAM does not match the calls the suite recorded", red=True)
        for line in problems:
            reporter.write_line(line)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
