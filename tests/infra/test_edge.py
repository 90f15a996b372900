"""The API's public edge as synthesized: endpoint, throttling, access logs, WAF."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.infra


def _api(synth) -> dict:
    return synth.resources["RestAPI"]["Properties"]


def test_the_api_is_regional(dev):
    assert _api(dev)["EndpointConfiguration"] == {"Type": "REGIONAL"}


def test_the_stage_is_throttled_and_unauthenticated_routes_more_tightly(dev):
    settings = {(s["HttpMethod"], s["ResourcePath"]): s for s in _api(dev)["MethodSettings"]}
    stage = settings.pop(("*", "/*"))
    assert {("POST", "/~1signup"), ("POST", "/~1auth~1login"), ("POST", "/~1invitations~1accept"),
            ("GET", "/~1invitations~1{token}")} <= set(settings)
    assert all(path.startswith(("/~1signup", "/~1auth~1", "/~1invitations~1")) for _, path in settings)
    for tight in settings.values():
        assert tight["ThrottlingRateLimit"] < stage["ThrottlingRateLimit"]
        assert tight["ThrottlingBurstLimit"] < stage["ThrottlingBurstLimit"]


def test_access_logs_are_json_in_their_own_group(dev):
    setting = _api(dev)["AccessLogSetting"]
    fields = json.loads(setting["Format"])
    assert {"requestId", "ip", "status", "resource", "authorizerError"} <= set(fields)
    group_id = setting["DestinationArn"]["Fn::GetAtt"][0]
    assert dev.resources[group_id]["Properties"]["LogGroupName"] == "/aws/apigateway/atrium-dev/access"
    account = dev.one("AWS::ApiGateway::Account")
    assert account["CloudWatchRoleArn"]["Fn::GetAtt"][0] in dev.of_type("AWS::IAM::Role")


def test_prod_stage_sits_behind_a_web_acl_with_a_per_ip_rate_and_managed_rules(prod):
    acl = prod.one("AWS::WAFv2::WebACL")
    assert acl["Scope"] == "REGIONAL" and acl["DefaultAction"] == {"Allow": {}}
    rules = {r["Name"]: r for r in acl["Rules"]}
    assert rules["requests-per-ip"]["Statement"]["RateBasedStatement"]["AggregateKeyType"] == "IP"
    assert rules["requests-per-ip"]["Action"] == {"Block": {}}
    managed = {r["Statement"]["ManagedRuleGroupStatement"]["Name"] for r in rules.values()
               if "ManagedRuleGroupStatement" in r["Statement"]}
    assert {"AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"} <= managed
    association = prod.one("AWS::WAFv2::WebACLAssociation")
    assert "${RestAPI.Stage}" in association["ResourceArn"]["Fn::Sub"]


def test_dev_leaves_the_web_acl_to_a_setting(dev):
    # `-c waf=true` turns it on (infra/settings.py); cdk.json keeps dev without the monthly fee.
    assert dev.of_type("AWS::WAFv2::WebACL") == {}


def test_every_gateway_response_lets_the_portal_read_it(dev, prod):
    for synth, origin in ((dev, "http://localhost:5173"), (prod, "https://portal.atrium.example")):
        responses = synth.resources["RestAPI"]["Properties"]["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]
        for response in responses.values():
            assert response["responseParameters"]["gatewayresponse.header.Access-Control-Allow-Origin"] == f"'{origin}'"
