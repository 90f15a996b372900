"""Route registration: one decorator that parses, authorises, calls the use case and
renders, and records each operation for the OpenAPI document and the security matrix."""
from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass, field
from typing import Any, Callable, Union

from chalice import Response
from chalice.app import Request
from pydantic import BaseModel

from chalicelib.core.errors import Forbidden, NotFound, Problem, WriteDeclined, from_problem, problem_response
from chalicelib.core.http import idempotency_key, if_match_version, parse_body, parse_query, render
from chalicelib.core.principal import ALL_ROLES, Principal, require_role
from chalicelib.core.route_table import ROUTES


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
    mfa_setup: bool = False  # answers a caller whose firm still waits for their two-step set-up
    optional_body: bool = False  # no body at all reads as `{}` (a body added to a route that had none)
    versioned: bool = False  # honours If-Match: a stale version is a 412
    module: str = ""  # the routes module that declares it (chalicelib/core/route_table.py names it)

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
# The longest id a path may carry: an opportunity's names four ids (104 characters).
MAX_PATH_PARAM = 120
APIS: list["Api"] = []
_WIRING: dict[str, Any] = {}


def use_request(current: Callable[[], Request]) -> None:
    """app.py hands over how to read the request being served (the Chalice app's current
    request): the views are not registered on the app themselves (chalicelib/routing.py)."""
    _WIRING["request"] = current


def use_idempotency(records: Any) -> None:
    """app.py hands over the Idempotency-Key records (store/idempotency.py): core sits
    below the store and must not import it."""
    _WIRING["records"] = records


def every_operation() -> list[Operation]:
    """Every operation, each domain's routes module imported if no request has loaded it
    yet (the OpenAPI document describes them all), in the route table's order: the
    document's order does not depend on which domain happened to serve the first request."""
    for module in dict.fromkeys(module for _, _, module, _ in ROUTES):
        importlib.import_module(module)
    order = {(method, path): i for i, (method, path, _, _) in enumerate(ROUTES)}
    return sorted(OPERATIONS, key=lambda op: order.get((op.method, op.path), len(order)))


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
    """A domain's routes: each view, by method and path, with the documentation of each.
    The Chalice app serves them through chalicelib/routing.py, which imports a routes
    module on its first request."""

    def __init__(self, import_name: str, tag: str) -> None:
        self.module = import_name
        self.tag = tag
        self.views: dict[tuple[str, str], Callable[..., Any]] = {}
        APIS.append(self)

    def route(self, method: str, path: str, *, summary: str, roles: tuple[str, ...] = ALL_ROLES,
              public: bool = False, body: type[BaseModel] | None = None,
              query: type[BaseModel] | None = None, response: Any = None, status: int = 200,
              errors: tuple[int, ...] = (), idempotent: bool = False, client_response: Any = None,
              mfa_setup: bool = False, optional_body: bool = False) -> Callable:
        """`idempotent` honours an Idempotency-Key header: a retry replays the first answer.
        `response` is what staff (and public callers) receive; `client_response`, what a
        portal user receives: every response is rendered through the model for its
        audience, so a field that model lacks never leaves, whatever the service returned."""
        def register(fn: Callable[..., Any]) -> Callable:
            documented = Union[response, client_response] if client_response is not None else response
            op = Operation(method, path, summary, self.tag, () if public else roles, public,
                           status, body, query, documented, errors, f"{self.tag.lower()}_{fn.__name__}",
                           idempotent and not public, client_response, mfa_setup, optional_body,
                           _reads_if_match(fn), self.module)
            OPERATIONS.append(op)
            self.views[(method, path)] = self._view(fn, op)
            return fn
        return register

    def _view(self, fn: Callable[..., Any], op: Operation) -> Callable:
        @functools.wraps(fn)
        def view(**path: str) -> Any:
            # Chalice turns any exception a view raises into a bare 500, so problems are
            # rendered here, where they are still known.
            try:
                return _once(op, _WIRING["request"](), lambda: run(**path))
            except Problem as exc:
                return from_problem(exc)
            except WriteDeclined:
                return problem_response(409, "The change collided with another one; reload and try again.")
            except Exception:
                log.exception("unhandled error in %s %s", op.method, op.path)
                return problem_response(500, "Something went wrong on our side; it has been logged.")

        def run(**path: str) -> Any:
            request = _WIRING["request"]()
            _check_path(path)
            principal = None
            if not op.public:
                principal = Principal.from_context(request.context.get("authorizer"))
                require_role(principal, op.roles)
                if principal.mfa_pending and not op.mfa_setup:
                    raise Forbidden("This firm requires two-step sign-in: set it up first "
                                    "(POST /me/mfa/setup, then POST /me/mfa/enable with a code from the app).")
            call = Call(request=request, principal=principal, path=path,
                        if_match=if_match_version(request.headers))
            if op.body is not None:
                raw = request.raw_body
                call.body = parse_body(b"{}" if op.optional_body and not (raw or b"").strip() else raw, op.body)
            if op.query is not None:
                call.query = parse_query(request.query_params, op.query)
            return render(fn(call, **path), op.status, op.view_for(principal))
        return view


def _reads_if_match(fn: Callable[..., Any]) -> bool:
    """Whether the view passes the caller's If-Match on (`call.if_match`): the document
    offers the header exactly where the code honours it, so the two cannot drift."""
    return "if_match" in fn.__code__.co_names


def _check_path(path: dict[str, str]) -> None:
    """Ids are short (`MAX_PATH_PARAM`) and never hold the key separator; anything else
    names nothing. An `*_id` is one Atrium minted (letters and digits): it may become part
    of an attribute name (a per-room counter), where a dot or a bracket would be read as a
    path."""
    for name, value in path.items():
        if not value or len(value) > MAX_PATH_PARAM or "#" in value:
            raise NotFound("No such resource.")
        if name.endswith("_id") and not (value.isascii() and value.isalnum()):
            raise NotFound("No such resource.")


def _once(op: Operation, request: Any, respond: Callable[[], Response]) -> Response:
    idem_key = idempotency_key(request.headers) if op.idempotent else None
    if not idem_key:
        return respond()
    idempotency = _WIRING["records"]
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
