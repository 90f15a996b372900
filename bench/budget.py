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
    ("POST", "/invitations/accept"): (4, "the invitation, then its contact and login in one batch (its clients' "
                                         "portal counts are ADDs), then (accepting signs in, as POST /auth/login) "
                                         "what decides the firm announcements that join the new user's "
                                         "notifications"),
    ("PATCH", "/contacts/{contact_id}"): (3, "only when it changes the emails without the person `sealed` as "
                                            "answered (or sealed before a later change): the emails before and "
                                            "the person's clients decide which claims move in the write, so they "
                                            "hold; no request names them, so the person is read first (or the "
                                            "refused write returns them)"),
    ("POST", "/clients"): (3, "only for an existing primary contact named without their `sealed` answer (or "
                             "sealed before a later change): the person (their clients and emails, claimed in "
                             "the new client at write time, and their login, which gains it) is read first (or "
                             "returned by the refused write)"),
    ("POST", "/clients/{client_id}/contacts"): (3, "only without a role for an entity client: the first write "
                                                   "assumes an individual's co-owner, and the client's refusal, "
                                                   "which returns it, decides the second write"),
    ("PUT", "/clients/{client_id}/contacts/{contact_id}"): (3, "only without the person `sealed` as answered, or "
                                                              "without a role, or when the sealed person says they "
                                                              "cannot join: the client and the person are read in "
                                                              "one batch, as the person's emails are claimed in the "
                                                              "client at write time and their login gains it, and "
                                                              "the client's kind decides the role; or sealed before "
                                                              "a later change (the refused write returns them)"),
    ("DELETE", "/clients/{client_id}/contacts/{contact_id}"): (3, "only without the person `sealed` as answered "
                                                                 "(or sealed as not this client's): the person is "
                                                                 "read, as their login loses the client in the same "
                                                                 "write (its access ends at once) and their claims "
                                                                 "and portal weight go with the link; or sealed "
                                                                 "before a later change (the refused write returns "
                                                                 "them)"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/invite"): (5, "only without the person `sealed` as "
                                                                      "answered (or sealed before a later change): "
                                                                      "the person, whose login and portal state the "
                                                                      "write moves, is read first (or returned by the "
                                                                      "refused write); one more read for an SMS "
                                                                      "invitation naming no login_email, whose first "
                                                                      "free address only the claims can say, and for "
                                                                      "a firm stored before its portal item copied "
                                                                      "invitation_days (until the upgrade backfill); "
                                                                      "2 more for taking over a dead request's "
                                                                      "Idempotency-Key (a read and an update beyond "
                                                                      "IDEMPOTENCY_CALLS), which test_delivery_once "
                                                                      "exercises here"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/remove"): (3, "only without the person `sealed` as "
                                                                      "answered, or sealed with nothing to remove: "
                                                                      "the person is read, as their portal state "
                                                                      "names the invitation and the login the write "
                                                                      "closes; or sealed before a later change (the "
                                                                      "refused write returns them)"),
    # Services, rooms, messages and notifications
    ("POST", "/rooms/{room_id}/members"): (3, "only for a contact named without their `sealed` answer (or "
                                              "sealed before a later change, or who could not sit as sealed, or "
                                              "of several clients and the room not their first's): only the "
                                              "contact's item names their login, which keys the seat and the "
                                              "answer, and the login's seat names the room's client, so the "
                                              "room and the person are read in one batch (or the refused write "
                                              "returns them); a colleague, and a contact given back sealed, "
                                              "are one transaction"),
    # Documents, survey, timeline, portal options, job statuses, announcements
    ("POST", "/rooms/{room_id}/documents"): (3, "only staff who name no client_id (older callers): the room is "
                                                "read for its client, who owns the document (its area, trail and "
                                                "counters); staff who name it, and portal users (their seat names "
                                                "it), fit: the room's condition checks the name"),
    ("POST", "/opportunities/{opportunity_id}/reopen"): (3, "only a dismissed one without its sealed answer (or "
                                                           "whose seal is outdated): the pair's claim (one live "
                                                           "opportunity per client and service) commits with it in "
                                                           "a transaction, which returns no item, yet the answer is "
                                                           "the opportunity as stored and the claim copies its "
                                                           "summary and version onto the pair; so the first write, "
                                                           "assumed contacted (or pinned to the outdated seal), is "
                                                           "refused with it (ALL_OLD); then one transaction at its "
                                                           "version, answered from that item. With the sealed "
                                                           "opportunity (opportunities/as_read.py) it is that one "
                                                           "transaction"),
    ("POST", "/opportunities/{opportunity_id}/room"): (3, "only an opportunity stored before its id named its "
                                                          "client, service and professional (opportunities/ids.py), "
                                                          "which the room's ConditionChecks (an active client, an "
                                                          "offered service, a colleague) name, given without its "
                                                          "sealed answer (or with an outdated one): such an id is "
                                                          "a key and cannot be renamed by a backfill, so it is read "
                                                          "first (or the refused write returns it), then one "
                                                          "transaction; these leave as their opportunities close"),
    ("POST", "/documents/{document_id}/complete"): (3, "only without the start's ticket (older callers), or when "
                                                       "what it carries changed meanwhile (a repeat, S3's event "
                                                       "first, a rename while pending): the document and the upload "
                                                       "are read, or the refused write's old document is written on "
                                                       "again; with the ticket, S3 is checked against it and one "
                                                       "transaction pinned to it settles the upload"),
    ("POST", "/documents/{document_id}/versions"): (3, "only without the document's sealed answer (older "
                                                       "callers, or a portal user's seal of their client's own "
                                                       "area, which leaves out the client, staff-only in a "
                                                       "document's answer, that no seat then names), or when the "
                                                       "document changed since it was sealed: the document is read (where it lives places the "
                                                       "new version's key and names the room the transaction "
                                                       "checks), or the refused write's old document is written "
                                                       "on again; with the seal, one transaction pinned to its "
                                                       "version"),
    ("POST", "/documents/{document_id}/versions/{version_id}/complete"): (3, "as complete: only without the "
                                                                             "start's ticket, or when what it "
                                                                             "carries changed meanwhile"),
    ("POST", "/rooms/{room_id}/phase"): (3, "only without the room's and the phase's sealed answers (older "
                                            "callers; the room's timeline and the service's definition seal "
                                            "them), or when one changed since it was sealed: what was not "
                                            "given is read in one batch (only the phase item says its "
                                            "service, name, step and the service's steps, and the new "
                                            "timeline follows from the room's current one), or the refused "
                                            "transaction's room or phase is moved from once more; with both "
                                            "seals, one transaction pinned to them"),
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
