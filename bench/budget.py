"""The DynamoDB call budget of every route, and the one list of routes allowed over it,
each with its reason. `make bench` prints the list; tests/api fails any request that
spends more than its route may.

Budget: a read is at most one call and a write at most one transaction or one
UpdateItem, each plus the authorizer's principal lookup (one GetItem) when signed in.
Calls are counted at the HTTP send, so retries count."""
from __future__ import annotations

from typing import Any

# (method, path): (most calls it may make, why it needs more than its budget)
OVER_BUDGET: dict[tuple[str, str], tuple[int, str]] = {
    ("POST", "/auth/login"): (5, "sign-in resolves the slug claim, then the login's email claim, then the "
                                 "user, and records the sign-in: three lookups no principal can shortcut; a "
                                 "portal user's sign-in also reads, in one batch, what decides the firm "
                                 "announcements that join their notifications (the announcements, their "
                                 "clients' options and rooms, their dismissals and unread counts), which need "
                                 "the user's clients first"),
    ("POST", "/auth/challenge"): (5, "the same path as sign-in, answering the first-login challenge"),
    ("PATCH", "/firm"): (3, "only when it names a default professional: their ConditionCheck makes the write a "
                            "transaction, which returns nothing, so the firm is read back to answer with it"),
    ("POST", "/invitations/accept"): (5, "the invitation, then its contact, login and the clients it recorded "
                                         "(whose portal counts move) in one batch, then (accepting signs in, as "
                                         "POST /auth/login) what decides the firm announcements that join the "
                                         "new user's notifications; one more read only for a client the person "
                                         "joined after the invitation was sent"),
    ("PATCH", "/contacts/{contact_id}"): (3, "only when it changes the emails: the emails before and the person's "
                                            "clients decide which claims move, in the write, so they hold"),
    ("POST", "/clients"): (3, "only for an existing primary contact: the person (their clients and emails, "
                             "claimed in the new client at write time) is read first"),
    ("PATCH", "/clients/{client_id}"): (3, "only when it names a colleague or a primary contact: their "
                                           "ConditionCheck makes the write a transaction, which returns nothing, "
                                           "so the client is read back to answer with it"),
    ("POST", "/clients/{client_id}/contacts"): (3, "only without a role in the body: the client's kind decides "
                                                   "it, so the client is read first"),
    ("PUT", "/clients/{client_id}/contacts/{contact_id}"): (3, "the client and the person in one batch: the "
                                                              "person's emails are claimed in the client, at "
                                                              "write time, and their state moves its counts"),
    ("DELETE", "/clients/{client_id}/contacts/{contact_id}"): (3, "the client and the person in one batch: their "
                                                                 "claims, clients and login's clients go with "
                                                                 "the link"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/invite"): (6, "4 calls: what the path names and the "
                                                                      "message needs (client, person, firm, "
                                                                      "wording, rooms) in one batch, then what "
                                                                      "the person names (login, previous "
                                                                      "invitation, clients, the address's claim) "
                                                                      "in a second, before one transaction; 2 "
                                                                      "more for taking over a dead request's "
                                                                      "Idempotency-Key (a read and an update "
                                                                      "beyond IDEMPOTENCY_CALLS), which "
                                                                      "test_delivery_once exercises here"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/remove"): (4, "the person, then their invitation, login "
                                                                      "and clients in one batch, before one "
                                                                      "transaction: the clients' portal counts "
                                                                      "(and the status derived from them) are "
                                                                      "written over a version, so read first"),
    ("PATCH", "/staff/{user_id}"): (3, "only when an owner changes another owner: the first write assumed a "
                                       "non-owner, and its refusal (with the item) says which write is exact; "
                                       "the owner count makes that a transaction, which returns no item, so "
                                       "the answer is the refused item plus the change"),
    ("POST", "/staff/{user_id}/deactivate"): (3, "as PATCH: another owner's deactivation follows a refused "
                                                 "first guess"),
    # Services, rooms, messages and notifications
    ("POST", "/rooms/{room_id}/members"): (3, "the room and the person in one batch: only a contact's own "
                                              "item names their login, which keys the seat and the answer, "
                                              "and the login's seat names the room's client"),
    # Documents, survey, timeline, portal options, job statuses, announcements
    ("POST", "/rooms/{room_id}/documents"): (3, "the room: its client owns the document (its area, trail and "
                                                "counters), then one transaction"),
    ("PUT", "/survey"): (3, "the current survey and the services its questions name in one batch, then one "
                            "transaction"),
    ("POST", "/opportunities/{opportunity_id}/reopen"): (3, "only a dismissed one: the first write assumed "
                                                           "contacted, and its refusal returns the opportunity "
                                                           "whose pair the claim names; then the transaction that "
                                                           "reopens it and claims the pair"),
    ("POST", "/opportunities/{opportunity_id}/room"): (3, "the opportunity (which client, service and "
                                                          "professional the room is for, at which version), "
                                                          "then one transaction"),
    ("PUT", "/services/{service_id}/timeline"): (3, "what the definition is checked against in one batch, then "
                                                    "one transaction"),
    ("POST", "/documents/{document_id}/complete"): (3, "the document and the upload, read consistently: what S3 "
                                                       "holds is checked against what they declare (the key, the "
                                                       "parts to join), then that decides the transaction"),
    ("GET", "/documents/{document_id}/download"): (3, "the document (with the version asked for, in one batch), "
                                                      "then the recorded download"),
    ("POST", "/documents/{document_id}/versions"): (3, "the document: where it lives names the new version's key "
                                                       "and the room it checks, then one transaction"),
    ("POST", "/documents/{document_id}/versions/{version_id}/complete"): (3, "as complete: the document and the "
                                                                             "version in one batch, then what S3 "
                                                                             "holds decides the transaction"),
    ("GET", "/documents/{document_id}/versions"): (3, "a later page reads the document again: which version is "
                                                      "current, and whether a portal user may still see it"),
    ("POST", "/rooms/{room_id}/phase"): (3, "the room and the phase in one batch, then one transaction: the "
                                            "new timeline (which dates stay, where an unmapped phase leaves the "
                                            "step) follows from the room's current one, and answers the move"),
}
# An Idempotency-Key costs the claim and the stored answer on top of the route's own calls.
IDEMPOTENCY_CALLS = 2

def budget(public: bool) -> int:
    return 1 if public else 2


def allowance(method: str, path: str, public: bool, idempotency_key: bool = False) -> int:
    over = OVER_BUDGET.get((method, path))
    base = max(over[0], budget(public)) if over else budget(public)
    return base + (IDEMPOTENCY_CALLS if idempotency_key else 0)


def reason(method: str, path: str) -> str | None:
    over = OVER_BUDGET.get((method, path))
    return over[1] if over else None


def listed() -> list[dict[str, Any]]:
    return [{"route": f"{m} {p}", "calls": n, "reason": why} for (m, p), (n, why) in OVER_BUDGET.items()]
