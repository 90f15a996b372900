"""What a portal user must never receive: the staff-only fields of Atrium's models.

INTERNAL_FIELDS is checked by key name anywhere in a client-visible JSON body (by the
matrix, on every route), so it lists names that carry staff-only data wherever they
appear. Record metadata that both audiences see (ids, times, versions) is not in it.
test_client_exposure checks that every field a staff variant of a response has beyond
the portal user's variant is listed here or is such metadata, so a new staff-only field
cannot slip past this list, and that every writable one gets a canary below."""
from __future__ import annotations

INTERNAL_FIELDS = frozenset({
    "tags", "notes", "internal_notes",
    "assigned_professional_id", "created_by",
    "portal_status", "portal_pending", "portal_accepted",
    "primary_contact_id",
    "visibility", "edits",
    "phase_id", "phase_name",
})

SHARED_METADATA = frozenset({"created_at", "updated_at", "version"})

# Staff-only fields whose names are too common to search every client body for (a
# presigned form's own `key` field, a room's `client_id`): each model's client variant
# leaves them out, which test_client_exposure checks model by model.
STAFF_ONLY_BY_MODEL = {
    "ClientStaffView": frozenset({"storage_bytes", "document_count"}),
    "DocumentStaffView": frozenset({"client_id", "internal", "key", "trashed_at", "trashed_by", "purge_at",
                                    "purged_at"}),
    "TimelineStaffView": frozenset({"sealed"}),  # the room's move state, for staff's next move
}

# Writes that plant recognisable staff-only values on every client of the matrix worlds,
# so a leak under another key name is caught too.
CANARIES = {
    ("PATCH", "/clients/{client_id}"): {"tags": ["zz-canary-tag"], "notes": "zz-canary-internal-note"},
}
CANARY_VALUES = ("zz-canary-tag", "zz-canary-internal-note")
