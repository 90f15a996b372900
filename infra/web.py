"""The web portal on S3 behind CloudFront, in a nested stack of its own.

One HTTPS address serves both halves: /portal/* comes from a private bucket (read only
by CloudFront, through Origin Access Control) and everything else goes to the API's
stage. The app therefore calls the API with relative paths, its Content-Security-Policy
says connect-src 'self', and the API's address is wired in at deploy time as
CloudFront's origin. The security headers are web/security-headers.json, the same file
the local stack serves them from.

Invitation mail links to `<public_url>/portal/...`: deploy with `-c public_url=` set to
this distribution's address (the `PortalUrl` output, or `https://<web_domain>` when a
custom domain and its us-east-1 certificate are given with `-c web_domain=` and
`-c web_certificate_arn=`).
"""

from __future__ import annotations

import json
import os

from aws_cdk import Aws, CfnOutput, Duration, NestedStack, RemovalPolicy, Stack
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from chalice.cdk import Chalice
from constructs import Construct

from project import ROOT
from settings import Settings

DIST = os.path.join(ROOT, "web", "dist")
HEADERS_FILE = os.path.join(ROOT, "web", "security-headers.json")
PREFIX = "portal"
API_STAGE_PATH = "/api"

# App routes (/portal/<slug>/invitations/<token>, whose token holds dots) name no file:
# everything but the fingerprinted build output gets index.html.
APP_ROUTES = """function handler(event) {
  var request = event.request;
  if (request.uri.indexOf('/portal/assets/') !== 0) {
    request.uri = '/portal/index.html';
  }
  return request;
}"""


def security_headers() -> dict[str, str]:
    with open(HEADERS_FILE) as f:
        return json.load(f)


def _max_age(hsts: str) -> Duration:
    return Duration.seconds(int(hsts.split("max-age=", 1)[1].split(";", 1)[0]))


def headers_policy(scope: Construct, name: str) -> cloudfront.ResponseHeadersPolicy:
    h = security_headers()
    hsts = h["Strict-Transport-Security"]
    custom = {k: v for k, v in h.items() if k in ("Permissions-Policy", "Cross-Origin-Opener-Policy")}
    return cloudfront.ResponseHeadersPolicy(
        scope, "SecurityHeaders", response_headers_policy_name=f"{name}-portal",
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=h["Content-Security-Policy"], override=True),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=_max_age(hsts), include_subdomains="includeSubDomains" in hsts,
                override=True)),
        custom_headers_behavior=cloudfront.ResponseCustomHeadersBehavior(custom_headers=[
            cloudfront.ResponseCustomHeader(header=k, value=v, override=True) for k, v in custom.items()]),
    )


class WebPortal(NestedStack):
    def __init__(self, scope: Construct, settings: Settings, api_domain: str) -> None:
        super().__init__(scope, "WebPortal", description=f"Atrium web portal ({settings.stage})")
        if not os.path.isfile(os.path.join(DIST, "index.html")):
            raise FileNotFoundError(f"{DIST} is not built: run `make web` first")
        self.bucket = s3.Bucket(
            self, "Files", block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED, enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            removal_policy=RemovalPolicy.DESTROY, auto_delete_objects=False)
        self.distribution = self._distribution(settings, api_domain)
        s3deploy.BucketDeployment(
            self, "Upload", sources=[s3deploy.Source.asset(DIST)], destination_bucket=self.bucket,
            destination_key_prefix=f"{PREFIX}/", distribution=self.distribution,
            distribution_paths=[f"/{PREFIX}/*"], memory_limit=256)

    def _distribution(self, settings: Settings, api_domain: str) -> cloudfront.Distribution:
        portal = cloudfront.BehaviorOptions(
            origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
            cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
            response_headers_policy=headers_policy(self, settings.prefix),
            function_associations=[cloudfront.FunctionAssociation(
                event_type=cloudfront.FunctionEventType.VIEWER_REQUEST,
                function=cloudfront.Function(self, "AppRoutes", runtime=cloudfront.FunctionRuntime.JS_2_0,
                                             code=cloudfront.FunctionCode.from_inline(APP_ROUTES)))])
        api = cloudfront.BehaviorOptions(
            origin=origins.HttpOrigin(api_domain, origin_path=API_STAGE_PATH,
                                      protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY),
            viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
            allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
            cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
            origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER)
        domain, certificate = _custom_domain(self, settings)
        return cloudfront.Distribution(
            self, "Distribution", comment=f"{settings.prefix} portal and API",
            default_behavior=api, additional_behaviors={f"/{PREFIX}": portal, f"/{PREFIX}/*": portal},
            domain_names=[domain] if domain else None, certificate=certificate,
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3, price_class=cloudfront.PriceClass.PRICE_CLASS_100)


def _custom_domain(scope: Construct, settings: Settings) -> tuple[str | None, acm.ICertificate | None]:
    node = scope.node
    domain, arn = node.try_get_context("web_domain"), node.try_get_context("web_certificate_arn")
    if not domain:
        return None, None
    if not arn:
        raise ValueError("web_domain needs web_certificate_arn (an ACM certificate in us-east-1)")
    if settings.public_url != f"https://{domain}":
        raise ValueError(f"public_url must be https://{domain} so invitation links open the portal")
    return domain, acm.Certificate.from_certificate_arn(scope, "Certificate", arn)


def portal(stack: Stack, settings: Settings, app: Chalice) -> WebPortal:
    """Adds the portal to the stage, in front of the Chalice app's REST API."""
    api_domain = f"{app.get_resource('RestAPI').ref}.execute-api.{Aws.REGION}.{Aws.URL_SUFFIX}"
    web = WebPortal(stack, settings, api_domain)
    CfnOutput(stack, "PortalUrl", value=f"https://{web.distribution.distribution_domain_name}/{PREFIX}/",
              description="The web portal; set -c public_url to its origin so invitation links open it")
    return web
