"""Every function of the synthesized template, run from the built deployment package in
a fresh interpreter, against a moto server: the import works without app.py's help, and
each one does its job with the event its trigger sends."""
from __future__ import annotations

import importlib.util
import json
import zipfile
from dataclasses import dataclass
from typing import Any, Callable

import boto3
import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from moto.server import ThreadedMotoServer

from chalicelib.store import FirmStore, keys
from tests.clients_support import household
from tests.infra.evidence import granted, record
from tests.infra.package import (FUNCTION, SCHEDULED_EVENT, Package, code_asset, lambda_environment, proxy_event,
                                 queue_batch, runtime_dir, stream_records, token_event, unpack)
from tests.support import PASSWORD
from tests.tokens import claims_of

pytestmark = pytest.mark.infra

OWNER_EMAIL = "owner@package.example"
STAFF_EMAIL = "sam@package.example"
CLIENT_EMAIL = "norbert@lindqvist.example"
LONG_AGO = "2000-01-01T00:00:00Z"


@dataclass
class Deployed:
    """What each function answered, read once the whole story has run."""
    package: Package
    answers: dict[str, list[Any]]
    loaded_by_import: dict[str, list[str]]
    mail_to: set[str]
    firm_id: str


def _body(response: dict[str, Any]) -> Any:
    return json.loads(response["body"]) if response.get("body") else None


def _forged(token: str) -> str:
    """The same claims and key id, signed by a key that is not the pool's."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(claims_of(token), key, algorithm="RS256", headers={"kid": jwt.get_unverified_header(token)["kid"]})


def _start_moto() -> tuple[ThreadedMotoServer, str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    requests.post(f"{endpoint}/moto-api/reset", timeout=10)  # the in-process backends other tests used
    return server, endpoint


def _age_invitations(endpoint: str, env: dict[str, str], firm_id: str) -> None:
    """What eight days would do: the pending invitations' expiry moves into the past."""
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    found = ddb.query(TableName=env["ATRIUM_TABLE"], IndexName="GSI2", KeyConditionExpression="GSI2PK = :p",
                      ExpressionAttributeValues={":p": {"S": FirmStore.trusted(firm_id).partition(keys.PENDING_INVITATIONS)}})["Items"]
    for item in found:
        ddb.update_item(TableName=env["ATRIUM_TABLE"], Key={"PK": item["PK"], "SK": item["SK"]},
                        UpdateExpression="SET GSI2SK = :k, expires_at = :at",
                        ExpressionAttributeValues={":k": {"S": f"{LONG_AGO}#{item['id']['S']}"}, ":at": {"S": LONG_AGO}})


def _reminder_payload(endpoint: str, env: dict[str, str]) -> dict[str, Any]:
    """The Input of the one-off schedule the API created, as EventBridge Scheduler sends it."""
    scheduler = boto3.client("scheduler", endpoint_url=endpoint, region_name="us-east-1")
    group = env["ATRIUM_SCHEDULE_GROUP"]
    (summary,) = scheduler.list_schedules(GroupName=group)["Schedules"]
    return json.loads(scheduler.get_schedule(GroupName=group, Name=summary["Name"])["Target"]["Input"])


def _sent_to() -> set[str]:
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.ses.models import ses_backends
    return {to for m in ses_backends[DEFAULT_ACCOUNT_ID]["us-east-1"].sent_messages
            for to in m.destinations["ToAddresses"]}


def _story(dev, package: Package, endpoint: str, env: dict[str, str]) -> Deployed:
    answers: dict[str, list[Any]] = {}
    loaded: dict[str, list[str]] = {}

    def run(logical_id: str, *events: Any) -> list[Any]:
        invocation = package.invoke(dev, logical_id, list(events))
        loaded[logical_id] = sorted({*loaded.get(logical_id, []), *invocation.loaded_by_import})
        values = [invocation.value(i) if r["ok"] else r for i, r in enumerate(invocation.results)]
        answers.setdefault(logical_id, []).extend(values)
        return values

    signup = {"firm_name": "Package Firm", "slug": "package",
              "owner": {"name": "Olive Owner", "email": OWNER_EMAIL, "password": PASSWORD}}
    made, signed_in = run("APIHandler", proxy_event("POST", "/signup", signup),
                          proxy_event("POST", "/auth/login", {"slug": "package", "email": OWNER_EMAIL,
                                                              "password": PASSWORD}))
    firm_id, token = _body(made)["firm"]["id"], _body(signed_in)["access_token"]
    allowed, _ = run("JwtAuth", token_event(token), token_event(_forged(token)))
    assert "context" in allowed, f"the authorizer refused a valid token: {allowed.get('error')}"
    context = allowed["context"]
    _, client, colleague = run("APIHandler", proxy_event("GET", "/me", authorizer=context),
                               proxy_event("POST", "/clients", household(), authorizer=context),
                               proxy_event("POST", "/staff", {"name": "Sam Staff", "email": STAFF_EMAIL,
                                                              "role": "staff"}, authorizer=context))
    client, sam = _body(client), _body(colleague)["id"]
    run("APIHandler", proxy_event("PATCH", f"/staff/{sam}", {"name": "Samuel Staff"}, resource="/staff/{user_id}",
                                  path_parameters={"user_id": sam}, authorizer=context))
    path = {"client_id": client["id"], "contact_id": client["primary_contact_id"]}
    run("APIHandler", proxy_event("POST", f"/clients/{path['client_id']}/contacts/{path['contact_id']}/invite",
                                  {"method": "email", "to": CLIENT_EMAIL}, path_parameters=path, authorizer=context,
                                  resource="/clients/{client_id}/contacts/{contact_id}/invite"))
    run("APIHandler", proxy_event("PATCH", "/firm", {"name": "Package Partners"}, authorizer=context))
    run("OutboxDispatch", {"Records": stream_records(env["ATRIUM_TABLE_STREAM_ARN"], endpoint)})
    # The contact's invitation was followed into its message; the message's own record
    # comes with the next batch, as Lambda would hand it over (the rest is followed once).
    run("OutboxDispatch", {"Records": stream_records(env["ATRIUM_TABLE_STREAM_ARN"], endpoint)})
    run("APIHandler", proxy_event("GET", "/firms/package/public", path_parameters={"slug": "package"},
                                  resource="/firms/{slug}/public"))
    run("OutboxSend", {"Records": queue_batch(env["ATRIUM_OUTBOX_QUEUE_URL"], endpoint)})
    mail_to = _sent_to()
    _age_invitations(endpoint, env, firm_id)
    run("Sweep", SCHEDULED_EVENT)
    run("ScheduledReminder", _reminder_payload(endpoint, env))
    room = _room_with_an_upload(run, context, client["id"])
    # The new room is furnished from the stream (its list entries: what the idle rule reads).
    run("OutboxDispatch", {"Records": stream_records(env["ATRIUM_TABLE_STREAM_ARN"], endpoint)})
    run("DocumentStored", _object_created(env["ATRIUM_BUCKET"], room["upload_key"]))
    _scanned_clean(endpoint, env["ATRIUM_BUCKET"], room["upload_key"])
    run("DocumentStored", _object_created(env["ATRIUM_BUCKET"], room["upload_key"], "Object Tags Added"))
    _make_idle(run, lambda: run("JwtAuth", token_event(token))[0]["context"], endpoint, env, firm_id, room["id"])
    run("IdleRooms", SCHEDULED_EVENT)
    run("OpportunityDigest", SCHEDULED_EVENT)
    return Deployed(package, answers, loaded, mail_to, firm_id)


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def _room_with_an_upload(run, context: dict[str, Any], client_id: str) -> dict[str, Any]:
    """A room for the client, and a PDF sent to S3 with the presigned POST the API signed."""
    service, = run("APIHandler", proxy_event("POST", "/services", {"name": "Tax return"}, authorizer=context))
    made, = run("APIHandler", proxy_event("POST", "/rooms", {"client_id": client_id, "service_id": _body(service)["id"],
                                                             "name": "2025 return"}, authorizer=context))
    room_id = _body(made)["id"]
    started, = run("APIHandler", proxy_event(
        "POST", f"/rooms/{room_id}/documents", {"file_name": "letter.pdf", "content_type": "application/pdf",
                                                "size": len(PDF)},
        resource="/rooms/{room_id}/documents", path_parameters={"room_id": room_id}, authorizer=context))
    upload = _body(started)
    sent = requests.post(upload["upload"]["url"], data=upload["upload"]["fields"], files={"file": ("letter.pdf", PDF)},
                         timeout=10)
    assert sent.status_code < 300, sent.text
    return {"id": room_id, "upload_key": upload["document"]["key"], "document_id": upload["document"]["id"]}


def _scanned_clean(endpoint: str, bucket: str, key: str) -> None:
    """What GuardDuty Malware Protection does to a clean object: its verdict tag."""
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").put_object_tagging(
        Bucket=bucket, Key=key, Tagging={"TagSet": [{"Key": "GuardDutyMalwareScanStatus", "Value": "NO_THREATS_FOUND"}]})


def _object_created(bucket: str, key: str, kind: str = "Object Created") -> dict[str, Any]:
    """The EventBridge event S3 sends for a new object (or its new tags), as the rule delivers it."""
    return {"version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": kind,
            "source": "aws.s3", "account": "123456789012", "time": "2026-11-25T12:00:00Z", "region": "us-east-1",
            "resources": [f"arn:aws:s3:::{bucket}"],
            "detail": {"version": "0", "bucket": {"name": bucket},
                       "object": {"key": key, "size": len(PDF)}, "reason": "PutObject"}}


def _make_idle(run, authorize: Callable[[], dict[str, Any]], endpoint: str, env: dict[str, str], firm_id: str,
               room_id: str) -> None:
    """The firm's idle rule (5 days), and the room's last activity moved a year back. Each
    request is authorized afresh, as API Gateway does: the principal carries the firm's job
    statuses, which the first request changes."""
    named, = run("APIHandler", proxy_event("PUT", "/job-statuses", {"statuses": [{"name": "Waiting for you"}]},
                                           authorizer=authorize()))
    statuses = _body(named)["statuses"]
    rules = {"idle_days": 5, "on_idle": statuses[0]["id"]}
    run("APIHandler", proxy_event("PUT", "/job-statuses", {"statuses": [{"id": s["id"], "name": s["name"]}
                                                                       for s in statuses], "rules": rules},
                                  authorizer=authorize()))
    ddb = boto3.client("dynamodb", endpoint_url=endpoint, region_name="us-east-1")
    key = FirmStore.trusted(firm_id).place(keys.room(room_id))
    ddb.update_item(TableName=env["ATRIUM_TABLE"], Key={k: {"S": v} for k, v in key.items()},
                    UpdateExpression="SET last_activity_at = :at, created_at = :at",
                    ExpressionAttributeValues={":at": {"S": LONG_AGO}})


@pytest.fixture(scope="module")
def deployed(dev, tmp_path_factory) -> Deployed:
    import local.bootstrap
    root = tmp_path_factory.mktemp("package")
    server, endpoint = _start_moto()
    try:
        local_env = local.bootstrap.bootstrap(endpoint=endpoint)
        env = lambda_environment(dev, local_env, endpoint)
        package = Package(unpack(dev, root / "code"), runtime_dir(root / "runtime"), env, root)
        story = _story(dev, package, endpoint, {**local_env, **env})
    finally:
        server.stop()
    for function, actions in package.evidence.items():
        record(function, actions)
    return story


def test_every_function_in_the_template_ran_from_the_package(dev, deployed):
    assert set(deployed.answers) == set(dev.of_type(FUNCTION))


def test_authorizer_allows_a_valid_token_with_the_principal(deployed):
    allowed = deployed.answers["JwtAuth"][0]
    (statement,) = allowed["policyDocument"]["Statement"]
    assert statement["Effect"] == "Allow"
    assert allowed["context"]["firm_id"] == deployed.firm_id
    assert allowed["context"]["role"] == "owner"


def test_authorizer_refuses_a_forged_token(deployed):
    refused = deployed.answers["JwtAuth"][1]
    assert refused["ok"] is False and refused["error"] == "AuthorizerRejected: Unauthorized"


def test_api_answers_me_for_the_authorized_principal(deployed):
    signup, login, me, client, staff, invite = deployed.answers["APIHandler"][:6]
    assert [r["statusCode"] for r in (signup, login, me, client, staff, invite)] == [201, 200, 200, 201, 201, 200]
    assert _body(me)["firm"]["id"] == deployed.firm_id


def test_every_module_ships_with_bytecode_lambda_can_use(dev):
    """Lambda's code directory is read-only: a module without bytecode in the package is
    compiled again on every cold start. Each .py has an unchecked hash-based .pyc
    (flags 0b01) for this Python, made from exactly that source."""
    with zipfile.ZipFile(code_asset(dev)) as archive:
        names = set(archive.namelist())
        sources = sorted(n for n in names if n.endswith(".py") and n.startswith(("app.py", "chalicelib/", "pydantic/")))
        assert "app.py" in sources and "chalicelib/routing.py" in sources and len(sources) > 150
        stale = []
        for name in sources:
            pyc = archive.read(importlib.util.cache_from_source(name))
            flags, source_hash = int.from_bytes(pyc[4:8], "little"), pyc[8:16]
            if pyc[:4] != importlib.util.MAGIC_NUMBER or flags != 0b01 or \
                    source_hash != importlib.util.source_hash(archive.read(name)):
                stale.append(name)
    assert stale == []


def test_the_api_function_never_loads_the_token_crypto(deployed):
    # Only the authorizer verifies tokens; it loads PyJWT and cryptography when it does.
    # The API function, across every request of the story (sign-up, sign-in, /me, ...),
    # loads neither; the authorizer does (so the check can see them).
    assert deployed.loaded_by_import["APIHandler"] == []
    assert deployed.loaded_by_import["JwtAuth"] == ["cryptography", "jwt"]


def test_outbox_dispatches_and_sends_the_mail(deployed):
    # The colleague's mail is written with its change; the contact's invitation is followed
    # into its message, which the next batch (handing over every record again) queues.
    assert [a["queued"] for a in deployed.answers["OutboxDispatch"][:2]] == [1, 2]
    assert deployed.answers["OutboxSend"] == [{"batchItemFailures": []}]
    assert {CLIENT_EMAIL, STAFF_EMAIL} <= deployed.mail_to


def test_the_stream_function_follows_the_firms_change_onto_its_public_page(deployed):
    assert deployed.answers["OutboxDispatch"][0]["followed"] >= 1
    bodies = [_body(a) for a in deployed.answers["APIHandler"]]
    public = [b for b in bodies if isinstance(b, dict) and set(b) == {"name", "slug", "branding"}]
    assert public == [{"name": "Package Partners", "slug": "package", "branding": {"colour": None, "logo_url": None}}]


def test_sweep_expires_the_overdue_invitation(deployed):
    assert deployed.answers["Sweep"] == [{"expired": 1, "purged": 0, "abandoned": 0}]


def test_scheduled_reminder_acts_on_the_schedule_the_api_made(deployed):
    assert deployed.answers["ScheduledReminder"] == [{"sent": True}]


def test_each_function_calls_only_what_its_role_grants(dev, deployed):
    refused = {function: sorted(actions - granted(dev.json, function))
               for function, actions in deployed.package.evidence.items()}
    assert {f: a for f, a in refused.items() if a} == {}, deployed.package.evidence


def test_an_uploaded_object_is_finalised_by_the_s3_event_and_its_scan_verdict(deployed):
    # The suite's stage scans for malware: the object waits for GuardDuty's clean tag.
    assert [a["status"] for a in deployed.answers["DocumentStored"]] == ["scanning", "available"]


def test_the_idle_rule_marks_the_quiet_room(deployed):
    assert deployed.answers["IdleRooms"] == [{"marked": 1}]


def test_the_weekly_digest_runs_on_its_schedule(deployed):
    # No open opportunity in this story: the run pages the firms and sends nothing.
    assert deployed.answers["OpportunityDigest"] == [{"digests": 0}]

