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
    ("POST", "/invitations/accept"): (5, "the invitation, its contact and login, then the clients whose "
                                         "portal counts move, then (accepting signs in) what decides the firm "
                                         "announcements that join the new user's notifications"),
    ("PATCH", "/contacts/{contact_id}"): (3, "the contact's emails before the change decide which claims move"),
    ("GET", "/clients/{client_id}/contacts"): (3, "the client and a page of its links in one Query, then the "
                                                  "people, by key"),
    ("POST", "/clients"): (3, "the firm's default professional and an existing primary contact, when the body "
                             "needs them, in one batch"),
    ("PATCH", "/clients/{client_id}"): (3, "naming a professional or a primary contact adds a ConditionCheck, so "
                                           "the write is a transaction, which returns nothing: the client is read "
                                           "first to answer with it"),
    ("POST", "/clients/{client_id}/contacts"): (3, "the client's kind sets the role and its counts move"),
    ("PUT", "/clients/{client_id}/contacts/{contact_id}"): (4, "the client and the person (its clients) before "
                                                              "they are linked"),
    ("DELETE", "/clients/{client_id}/contacts/{contact_id}"): (4, "the client and the person before the link "
                                                                 "goes"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/invite"): (9, "the client, the person, their login, "
                                                                      "the address's owner, the firm, the "
                                                                      "previous invitation and every client "
                                                                      "of the person before one transaction"),
    ("POST", "/clients/{client_id}/contacts/{contact_id}/remove"): (6, "the person, their invitation, their "
                                                                      "login and their clients before one "
                                                                      "transaction"),
    ("GET", "/reports/portal-adoption"): (4, "the counters, the recent sign-ins and their clients"),
    ("POST", "/staff/{user_id}/resend-invitation"): (3, "the colleague (still invited? to which address?) "
                                                        "before the write that records the resend"),
    ("PATCH", "/staff/{user_id}"): (3, "only when the colleague is an owner: the first write assumed not, and "
                                       "its refusal says so"),
    ("POST", "/staff/{user_id}/deactivate"): (4, "only for an owner: the refused first guess, the owner-count "
                                                 "transaction, and the read-back a transaction needs"),
    # Services, rooms, messages and notifications
    ("POST", "/rooms"): (4, "the client's partition (client and contact links), then the service, the creator, "
                            "the professional and the joining contacts in one batch, then one transaction"),
    ("POST", "/clients/{client_id}/rooms"): (4, "as POST /rooms: the client's partition, one batch, one "
                                                "transaction"),
    ("POST", "/rooms/{room_id}/members"): (3, "the room, the caller and the person joining in one batch"),
    ("GET", "/rooms"): (3, "one Query for the page and the caller's unread summary for the count on each row"),
    ("POST", "/rooms/{room_id}/threads"): (3, "the room (members: who is told) and the author in one batch"),
    ("POST", "/rooms/{room_id}/threads/{thread_id}/replies"): (3, "the room, the author and the thread in one "
                                                                  "batch"),
    ("POST", "/rooms/{room_id}/notes"): (3, "the room and the author in one batch"),
    ("PATCH", "/rooms/{room_id}/messages/{message_id}"): (3, "the room and the message (its text goes to the "
                                                             "edit history)"),
    ("DELETE", "/rooms/{room_id}/messages/{message_id}"): (3, "as PATCH: the message's text goes to the history"),
    ("POST", "/rooms/{room_id}/email-members"): (3, "the room, the firm's branding and the members' logins and "
                                                    "channels in one batch"),
    ("GET", "/me/notifications"): (3, "the page, then the read marks of the unread summary"),
    ("POST", "/me/notifications/read-all"): (7, "the counts, then one conditional write; tried up to three times "
                                                "while new notifications arrive"),
    # Documents, survey, timeline, portal options, job statuses, announcements
    ("POST", "/rooms/{room_id}/documents"): (3, "the room, the caller's name and the firm's document rules in one "
                                                "batch, then one transaction"),
    ("PUT", "/survey"): (3, "the current survey and the services its questions name in one batch, then one "
                            "transaction"),
    ("POST", "/opportunities/{opportunity_id}/reopen"): (3, "the opportunity, whose summary the pair's claim "
                                                           "copies: a dismissed one claims its pair again, in the "
                                                           "transaction that reopens it"),
    ("POST", "/opportunities/{opportunity_id}/room"): (5, "the opportunity, then room creation's reads (the "
                                                          "client's partition, one batch), then one transaction"),
    ("PUT", "/services/{service_id}/timeline"): (3, "what the definition is checked against in one batch, then "
                                                    "one transaction"),
    ("POST", "/announcements"): (3, "one read of what the announcement names, then the write"),
    ("PUT", "/clients/{client_id}/event-date"): (3, "the client and its board (which rooms carry the date) in one "
                                                    "batch, then one transaction"),
    ("POST", "/documents/{document_id}/complete"): (4, "the document, then what S3 holds decides the transaction; "
                                                       "where the malware scan already found a threat, the room "
                                                       "is read first for the staff its transaction alerts"),
    ("GET", "/documents/{document_id}/download"): (3, "the document (with the version asked for, in one batch), "
                                                      "then the recorded download"),
    ("POST", "/documents/{document_id}/versions"): (3, "the document, the caller's name and the firm's document "
                                                       "rules in one batch, then one transaction"),
    ("POST", "/documents/{document_id}/versions/{version_id}/complete"): (4, "the document and the version in one "
                                                                             "batch, then what S3 holds decides "
                                                                             "the transaction (a threat found: "
                                                                             "the room, for the staff it alerts)"),
    ("POST", "/documents/{document_id}/versions/{version_id}/cancel"): (3, "as complete: the document and the "
                                                                           "upload in one batch, then the "
                                                                           "transaction that rejects it"),
    ("POST", "/clients/{client_id}/documents"): (3, "the caller's name and the firm's document rules in one batch, "
                                                    "then one transaction"),
    ("POST", "/documents/{document_id}/restore"): (3, "the document: which room lists it goes back to depends "
                                                      "on where it lives, then one UpdateItem"),
    ("GET", "/documents/{document_id}/versions"): (3, "a later page reads the document again: which version is "
                                                      "current, and whether a portal user may still see it"),
    ("POST", "/rooms/{room_id}/done-uploading"): (3, "the room, the caller, the firm's rules and portal options in "
                                                     "one batch, then one transaction"),
    ("POST", "/rooms/{room_id}/phase"): (3, "the room and the phase in one batch, then one transaction: the new "
                                            "timeline and the answer are made of both"),
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
