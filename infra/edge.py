"""The API's public edge: a regional endpoint, stage throttling (tighter where anyone
may call without a token), JSON access logs, and a WAF web ACL on the stage."""

from __future__ import annotations

import json

from aws_cdk import Fn
from aws_cdk import aws_apigateway as apigateway
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs
from aws_cdk import aws_wafv2 as wafv2
from chalice.cdk import Chalice
from constructs import Construct

import project  # noqa: F401  (before chalicelib: puts the project on sys.path)
from settings import Settings

# Requests per second, steady and burst: the whole stage, then each unauthenticated
# route that creates logins or checks passwords (signup, sign-in, invitations).
STAGE_RATE = (100, 200)
PUBLIC_RATE = (5, 10)
TIGHT_PREFIXES = ("/signup", "/auth/", "/invitations/")
# WAF counts per client IP over a five-minute window.
REQUESTS_PER_IP = 1000
MANAGED_RULE_GROUPS = (
    "AWSManagedRulesCommonRuleSet",
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAmazonIpReputationList",
)
ACCESS_LOG_FIELDS = {
    "requestId": "$context.requestId", "ip": "$context.identity.sourceIp",
    "time": "$context.requestTime", "method": "$context.httpMethod",
    "resource": "$context.resourcePath", "status": "$context.status",
    "length": "$context.responseLength", "latencyMs": "$context.responseLatency",
    "integrationLatencyMs": "$context.integration.latency", "userAgent": "$context.identity.userAgent",
    "error": "$context.error.responseType", "authorizerError": "$context.authorizer.error",
    "firm": "$context.authorizer.firm_id", "waf": "$context.waf.status",
}


def tight_routes() -> list[tuple[str, str]]:
    """(method, path) of every route under the tight prefixes, as app.py registers them."""
    from chalicelib.core.route_table import ROUTES
    return sorted({(method, path) for method, path, _, _ in ROUTES if path.startswith(TIGHT_PREFIXES)})


def _method_setting(method: str, path: str, rate: tuple[int, int]) -> dict:
    # Stage method settings write a path's slashes as ~1 after a leading one: /~1auth~1login.
    return {"HttpMethod": method, "ResourcePath": path if path == "/*" else "/" + path.replace("/", "~1"),
            "ThrottlingRateLimit": rate[0], "ThrottlingBurstLimit": rate[1], "MetricsEnabled": True}


def method_settings() -> list[dict]:
    return [_method_setting("*", "/*", STAGE_RATE)] + [_method_setting(m, p, PUBLIC_RATE) for m, p in tight_routes()]


def access_log_group(scope: Construct, settings: Settings) -> logs.LogGroup:
    return logs.LogGroup(scope, "ApiAccessLogs", log_group_name=f"/aws/apigateway/{settings.prefix}/access",
                         retention=logs.RetentionDays[settings.log_retention])


def logging_role(scope: Construct, group: logs.LogGroup) -> apigateway.CfnAccount:
    """API Gateway writes access logs with the account's CloudWatch role (one per region)."""
    write = iam.PolicyStatement(
        actions=["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"],
        resources=[group.log_group_arn, f"{group.log_group_arn}:*"])
    role = iam.Role(scope, "ApiGatewayLogsRole", assumed_by=iam.ServicePrincipal("apigateway.amazonaws.com"),
                    description="API Gateway: writes the Atrium API's access logs",
                    inline_policies={"access-logs": iam.PolicyDocument(statements=[write])})
    return apigateway.CfnAccount(scope, "ApiGatewayAccount", cloud_watch_role_arn=role.role_arn)


def shape_stage(app: Chalice, group: logs.LogGroup, account: apigateway.CfnAccount) -> None:
    api = app.get_resource("RestAPI")
    api.add_property_override("EndpointConfiguration", {"Type": "REGIONAL"})
    api.add_property_override("MethodSettings", method_settings())
    api.add_property_override("AccessLogSetting", {
        "DestinationArn": group.log_group_arn, "Format": json.dumps(ACCESS_LOG_FIELDS, separators=(",", ":"))})
    api.add_resource_dependency(account)


def _visibility(name: str) -> dict:
    return {"cloudWatchMetricsEnabled": True, "metricName": name, "sampledRequestsEnabled": True}


def _rules() -> list[dict]:
    rate = {"name": "requests-per-ip", "priority": 0, "action": {"block": {}},
            "statement": {"rateBasedStatement": {"limit": REQUESTS_PER_IP, "aggregateKeyType": "IP"}},
            "visibilityConfig": _visibility("requests-per-ip")}
    managed = [{"name": group, "priority": i + 1, "overrideAction": {"none": {}},
                "statement": {"managedRuleGroupStatement": {"vendorName": "AWS", "name": group}},
                "visibilityConfig": _visibility(group)}
               for i, group in enumerate(MANAGED_RULE_GROUPS)]
    return [rate, *managed]


def web_acl(scope: Construct, settings: Settings) -> wafv2.CfnWebACL:
    acl = wafv2.CfnWebACL(scope, "WebAcl", scope="REGIONAL", default_action={"allow": {}},
                          name=f"{settings.prefix}-api", rules=_rules(),
                          visibility_config=_visibility(f"{settings.prefix}-api"))
    # RestAPI.Stage makes the association wait for the stage the SAM transform creates.
    stage_arn = Fn.sub("arn:aws:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/${RestAPI.Stage}")
    wafv2.CfnWebACLAssociation(scope, "WebAclAssociation", resource_arn=stage_arn, web_acl_arn=acl.attr_arn)
    return acl
