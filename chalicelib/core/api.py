"""Route registration: one decorator that parses, authorises, calls the use case and
renders, and records each operation for the OpenAPI document and the security matrix."""
from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from chalice import Blueprint, Response
from chalice.app import Request
from pydantic import BaseModel

from chalicelib.core.authorizer import jwt_auth
from chalicelib.core.errors import BadRequest, NotFound, Problem, WriteDeclined, from_problem, problem_response
from chalicelib.core.http import if_match_version, parse_body, parse_query, render
from chalicelib.core.principal import ALL_ROLES, Principal, require_role


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str
    tag: str
    roles: tuple[str, ...]
    public: bool
    status: int
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    response: Any
    errors: tuple[int, ...]
    name: str
    idempotent: bool = False
    client_response: Any = None

    def view_for(self, principal: Principal | None) -> Any:
        """The model a response is rendered through: a portal user gets the client view,
        everyone else the staff view (the route's `response`)."""
        if principal is not None and not principal.is_staff and self.client_response is not None:
            return self.client_response
        return self.staff_response

    @property
    def staff_response(self) -> Any:
        args = getattr(self.response, "__args__", ())
        return args[0] if self.client_response is not None and args else self.response


log = logging.getLogger(__name__)
OPERATIONS: list[Operation] = []
_IDEMPOTENCY: dict[str, Any] = {}


def use_idempotency(records: Any) -> None:
    """app.py hands over the Idempotency-Key records (store/idempotency.py): core sits
    below the store and must not import it."""
    _IDEMPOTENCY["records"] = records


@dataclass
class Call:
    """What a view receives: the caller, the parsed input and the raw request."""
    request: Request
    principal: Principal | None
    body: Any = None
    query: Any = None
    if_match: int | None = None
    path: dict[str, str] = field(default_factory=dict)

    @property
    def me(self) -> Principal:
        assert self.principal is not None
        return self.principal


class Api:
    """A domain's routes: a Chalice blueprint plus the documentation of each route."""

    def __init__(self, import_name: str, tag: str) -> None:
        self.blueprint = Blueprint(import_name)
        self.tag = tag

    def route(self, method: str, path: str, *, summary: str, roles: tuple[str, ...] = ALL_ROLES,
              public: bool = False, body: type[BaseModel] | None = None,
              query: type[BaseModel] | None = None, response: Any = None, status: int = 200,
              errors: tuple[int, ...] = (), idempotent: bool = False, client_response: Any = None) -> Callable:
        """`idempotent` honours an Idempotency-Key header: a retry replays the first answer.
        `response` is what staff (and public callers) receive; `client_response`, what a
        portal user receives: every response is rendered through the model for its
        audience, so a field that model lacks never leaves, whatever the service returned."""
        def register(fn: Callable[..., Any]) -> Callable:
            documented = Union[response, client_response] if client_response is not None else response
            op = Operation(method, path, summary, self.tag, () if public else roles, public,
                           status, body, query, documented, errors, f"{self.tag.lower()}_{fn.__name__}",
                           idempotent and not public, client_response)
            OPERATIONS.append(op)
            view = self._view(fn, op)
            self.blueprint.route(path, methods=[method], authorizer=None if public else jwt_auth,
                                 content_types=["application/json"])(view)
            return fn
        return register

    def _view(self, fn: Callable[..., Any], op: Operation) -> Callable:
        blueprint = self.blueprint

        @functools.wraps(fn)
        def view(**path: str) -> Any:
            # Chalice turns any exception a view raises into a bare 500, so problems are
            # rendered here, where they are still known.
            try:
                return _once(op, blueprint.current_request, lambda: run(**path))
            except Problem as exc:
                return from_problem(exc)
            except WriteDeclined:
                return problem_response(409, "The change collided with another one; reload and try again.")
            except Exception:
                log.exception("unhandled error in %s %s", op.method, op.path)
                return problem_response(500, "Something went wrong on our side; it has been logged.")

        def run(**path: str) -> Any:
            request = blueprint.current_request
            _check_path(path)
            principal = None
            if not op.public:
                principal = Principal.from_context(request.context.get("authorizer"))
                require_role(principal, op.roles)
            call = Call(request=request, principal=principal, path=path,
                        if_match=if_match_version(request.headers))
            if op.body is not None:
                call.body = parse_body(request.raw_body, op.body)
            if op.query is not None:
                call.query = parse_query(request.query_params, op.query)
            return render(fn(call, **path), op.status, op.view_for(principal))
        return view


def _check_path(path: dict[str, str]) -> None:
    """Ids are short and never hold the key separator; anything else names nothing."""
    for value in path.values():
        if not value or len(value) > 100 or "#" in value:
            raise NotFound("No such resource.")


def _once(op: Operation, request: Any, respond: Callable[[], Response]) -> Response:
    idem_key = (request.headers or {}).get("idempotency-key") if op.idempotent else None
    if not idem_key:
        return respond()
    if len(idem_key) > 255:
        raise BadRequest("Idempotency-Key may be at most 255 characters.")
    idempotency = _IDEMPOTENCY["records"]
    principal = Principal.from_context(request.context.get("authorizer"))
    claim = idempotency.claim(principal.firm_id, principal.user_id, f"{op.method} {op.path} {sorted((request.uri_params or {}).items())}",
                              idem_key, request.raw_body or b"")
    if claim.replay is not None:
        stored = claim.replay
        return Response(body=stored["body"], status_code=stored["status"],
                        headers={**stored["headers"], "Idempotent-Replayed": "true"})
    try:
        response = respond()
    except Exception:
        idempotency.release(claim)
        raise
    if 200 <= response.status_code < 300:
        idempotency.complete(claim, response.status_code, response.body, dict(response.headers or {}))
    else:
        idempotency.release(claim)
    return response
