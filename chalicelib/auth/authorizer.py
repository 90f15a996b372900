"""The one custom authorizer. It proves the token, then asks Atrium's own records who
the caller is, so a deactivated or removed login is refused on its next request.

Rejection raises an exception whose message is exactly "Unauthorized": API Gateway turns
that into a 401 (its gateway responses, set in infra, give it a problem+json body; the
local gateway mirrors them).

Lambda runs this module as the authorizer function's handler and never imports app.py,
so everything the check needs is imported here, not registered from outside. It is
imported inside `authenticate`: app.py names this authorizer on every protected route,
and the API function, which never runs it (API Gateway calls the authorizer function),
should not pay for importing the token check and the user records."""
from __future__ import annotations

from typing import TYPE_CHECKING

from chalice import AuthResponse, Blueprint
from chalice.app import AuthRequest

if TYPE_CHECKING:
    from chalicelib.core.principal import Principal

authorizer_blueprint = Blueprint(__name__)


class AuthorizerRejected(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__("Unauthorized")
        self.reason = reason


def authenticate(authorization: str | None) -> Principal:
    from chalicelib.accounts.users import load_principal
    from chalicelib.core.tokens import InvalidToken, bearer, verify_access_token
    try:
        claims = verify_access_token(bearer(authorization))
    except InvalidToken as exc:
        raise AuthorizerRejected(str(exc))
    principal = load_principal(claims.get("username", ""))
    if principal is None:
        raise AuthorizerRejected("login is not active")
    return principal


@authorizer_blueprint.authorizer(name="jwt_auth", ttl_seconds=0)
def jwt_auth(auth_request: AuthRequest) -> AuthResponse:
    principal = authenticate(auth_request.token)
    return AuthResponse(routes=["*"], principal_id=principal.user_id, context=principal.to_context())
