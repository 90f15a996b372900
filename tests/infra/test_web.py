"""The web portal's nested stack: a private bucket read only through CloudFront, HTTPS,
the security headers of web/security-headers.json on every portal answer, app routes
answered with index.html, and the API behind the same address."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from cfnlint.api import lint_file

pytestmark = pytest.mark.infra

ROOT = Path(__file__).resolve().parents[2]
# Rule id -> why a finding of it is accepted.
ACCEPTED = {"W3005": "CDK's BucketDeployment function names its role in DependsOn and in a GetAtt: redundant, harmless"}
HEADERS = json.loads((ROOT / "web" / "security-headers.json").read_text())


def _nested(stage_template: Path) -> Path:
    out = stage_template.with_name(stage_template.name.replace(".template.json", ".out"))
    (found,) = out.glob("*WebPortal*.nested.template.json")
    return found


@pytest.fixture(scope="module")
def portal(dev) -> tuple[Path, dict]:
    path = _nested(dev.path)
    return path, json.loads(path.read_text())


def _of_type(template: dict, type_: str) -> list[dict]:
    return [r["Properties"] for r in template["Resources"].values() if r["Type"] == type_]


def _distribution(template: dict) -> dict:
    (distribution,) = _of_type(template, "AWS::CloudFront::Distribution")
    return distribution["DistributionConfig"]


def test_the_stage_nests_the_portal_and_names_its_address(dev):
    (nested,) = [r for r in dev.resources.values() if r["Type"] == "AWS::CloudFormation::Stack"]
    assert list(nested["Properties"]["Parameters"].values()) == [{"Ref": "RestAPI"}]
    assert "PortalUrl" in dev.json["Outputs"]


def test_the_bucket_is_private_and_read_only_by_the_distribution(portal):
    _, template = portal
    (bucket,) = _of_type(template, "AWS::S3::Bucket")
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    (policy,) = _of_type(template, "AWS::S3::BucketPolicy")
    readers = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert readers and all(s["Principal"] == {"Service": "cloudfront.amazonaws.com"} for s in readers)
    assert all("AWS:SourceArn" in json.dumps(s["Condition"]) for s in readers)
    denied = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} for s in denied)


def test_portal_answers_are_https_with_the_strict_headers(portal):
    _, template = portal
    config = _distribution(template)
    behaviours = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert set(behaviours) == {"/portal", "/portal/*"}
    assert {b["ViewerProtocolPolicy"] for b in behaviours.values()} == {"redirect-to-https"}
    assert config["DefaultCacheBehavior"]["ViewerProtocolPolicy"] == "https-only"
    (policy,) = _of_type(template, "AWS::CloudFront::ResponseHeadersPolicy")
    security = policy["ResponseHeadersPolicyConfig"]["SecurityHeadersConfig"]
    csp = security["ContentSecurityPolicy"]["ContentSecurityPolicy"]
    assert csp == HEADERS["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe" not in csp and "frame-ancestors 'none'" in csp
    assert security["StrictTransportSecurity"]["AccessControlMaxAgeSec"] >= 31536000
    assert security["FrameOptions"]["FrameOption"] == "DENY"
    assert security["ReferrerPolicy"]["ReferrerPolicy"] == "no-referrer"
    assert security["ContentTypeOptions"]["Override"] is True


def test_everything_else_goes_uncached_to_the_api_stage(portal):
    _, template = portal
    config = _distribution(template)
    default = config["DefaultCacheBehavior"]
    api = next(o for o in config["Origins"] if o["Id"] == default["TargetOriginId"])
    assert api["OriginPath"] == "/api" and api["CustomOriginConfig"]["OriginProtocolPolicy"] == "https-only"
    assert ".execute-api." in json.dumps(api["DomainName"])
    assert {"POST", "PATCH", "DELETE", "PUT"} <= set(default["AllowedMethods"])
    assert default["CachePolicyId"] == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # CachingDisabled


def _route(code: str, uri: str) -> str:
    script = f"{code}\nconsole.log(handler({{request: {{uri: {json.dumps(uri)}}}}}).uri);"
    return subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout.strip()


def test_app_routes_get_index_html_and_assets_pass(portal):
    _, template = portal
    (function,) = _of_type(template, "AWS::CloudFront::Function")
    code = function["FunctionCode"]
    assert _route(code, "/portal/northwind/invitations/01ABC.01DEF.tok-en") == "/portal/index.html"
    assert _route(code, "/portal/northwind/clients") == "/portal/index.html"
    assert _route(code, "/portal") == "/portal/index.html"
    assert _route(code, "/portal/assets/index-abc123.js") == "/portal/assets/index-abc123.js"


def test_the_built_portal_is_uploaded_under_portal(portal):
    _, template = portal
    (upload,) = _of_type(template, "Custom::CDKBucketDeployment")
    assert upload["DestinationBucketKeyPrefix"] == "portal/"
    assert upload["DistributionPaths"] == ["/portal/*"]


def test_the_portal_template_has_no_lint_errors(portal):
    path, _ = portal
    serious = [m for m in lint_file(path) if m.rule.severity in ("error", "warning") and m.rule.id not in ACCEPTED]
    assert serious == [], "\n".join(f"{m.rule.id}: {m.message}" for m in serious)
