"""The one custom authorizer. It proves the token, then asks Atrium's own records who
the caller is, so a deactivated or removed login is refused on its next request.

Rejection raises an exception whose message is exactly "Unauthorized": API Gateway turns
that into a 401 (its gateway responses, set in infra, give it a problem+json body; the
local gateway mirrors them)."""
from __future__ import annotations

from typing import Callable

from chalice import AuthResponse, Blueprint
from chalice.app import AuthRequest

from chalicelib.core.principal import Principal
from chalicelib.core.tokens import InvalidToken, bearer, verify_access_token

authorizer_blueprint = Blueprint(__name__)

PrincipalLoader = Callable[[str], "Principal | None"]
_loader: dict[str, PrincipalLoader] = {}


class AuthorizerRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__("Unauthorized")
        self.reason = reason


def use_principal_loader(loader: PrincipalLoader) -> None:
    """The accounts domain supplies the lookup; core must not depend on it."""
    _loader["load"] = loader


def authenticate(authorization: str | None) -> Principal:
    try:
        claims = verify_access_token(bearer(authorization))
    except InvalidToken as exc:
        raise AuthorizerRejected(str(exc))
    principal = _loader["load"](claims.get("username", ""))
    if principal is None:
        raise AuthorizerRejected("login is not active")
    return principal


@authorizer_blueprint.authorizer(name="jwt_auth", ttl_seconds=0)
def jwt_auth(auth_request: AuthRequest) -> AuthResponse:
    principal = authenticate(auth_request.token)
    return AuthResponse(routes=["*"], principal_id=principal.user_id, context=principal.to_context())
