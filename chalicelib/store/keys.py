"""Every key Atrium writes, in one place, relative to a firm: no builder here takes a firm
id. A `FirmStore` prefixes `F#<firm_id>#` to each partition key (PK, GSI1PK, GSI2PK), so
domain code cannot name another firm's items. Platform keys (`P#...`) are in
`platform_keys`, reached only through the `Platform` handle.
ACCESS_PATTERNS.md explains who reads each one."""
from __future__ import annotations

Key = dict[str, str]


def firm() -> Key:
    return {"PK": "FIRM", "SK": "FIRM"}


# --- logins -------------------------------------------------------------------------

def user(user_id: str) -> Key:
    return {"PK": f"USER#{user_id}", "SK": "USER"}


def login_email(email: str) -> Key:
    return {"PK": f"EMAIL#{email.lower()}", "SK": "EMAIL"}


STAFF = "STAFF"


def staff_index(user_id: str) -> Key:
    """GSI1 entry that lists a firm's staff in joining order."""
    return {"GSI1PK": STAFF, "GSI1SK": user_id}


PORTAL_SEEN = "PORTALSEEN"


def portal_seen(user_id: str, at: str) -> Key:
    """GSI2 entry on a portal user's record, ordered by last sign-in."""
    return {"GSI2PK": PORTAL_SEEN, "GSI2SK": f"{at}#{user_id}"}


def outbox(message_id: str) -> Key:
    return {"PK": f"OUTBOX#{message_id}", "SK": "OUTBOX"}


def idempotency(digest: str) -> Key:
    return {"PK": f"IDEM#{digest}", "SK": "IDEM"}


# --- clients, contacts and portal invitations ------------------------------------------

def client(client_id: str) -> Key:
    return {"PK": client_partition(client_id), "SK": "CLIENT"}


def client_partition(client_id: str) -> str:
    """One client's item collection: the client, its search words, contact links, email claims."""
    return f"CLIENT#{client_id}"


CLIENTS = "CLIENTS"


def client_index(client_id: str, sort_name: str) -> Key:
    """GSI1 lists a firm's clients by name, GSI2 by creation (ids sort by time)."""
    return {"GSI1PK": CLIENTS, "GSI1SK": f"{sort_name}#{client_id}", "GSI2PK": CLIENTS, "GSI2SK": client_id}


def client_word(client_id: str, word: str) -> Key:
    return {"PK": client_partition(client_id), "SK": f"WORD#{word}",
            "GSI1PK": client_word_partition(word), "GSI1SK": f"{word}#{client_id}"}


def client_word_partition(word: str) -> str:
    """Search words are bucketed by their first two letters, so a prefix query of two
    letters or more reads one partition and never the whole firm."""
    return f"CLIENTWORD#{word[:2]}"


def client_contact(client_id: str, contact_id: str) -> Key:
    return {"PK": client_partition(client_id), "SK": f"CONTACT#{contact_id}"}


def client_email(client_id: str, email: str) -> Key:
    """Claims an email address for one person within one client."""
    return {"PK": client_partition(client_id), "SK": f"EMAIL#{email.lower()}"}


def contact(contact_id: str) -> Key:
    return {"PK": f"CONTACT#{contact_id}", "SK": "CONTACT"}


def invitation(invite_id: str) -> Key:
    return {"PK": f"INVITE#{invite_id}", "SK": "INVITE"}


PENDING_INVITATIONS = "INVITES#pending"


def pending_invitation_index(invite_id: str, expires_at: str) -> Key:
    """GSI2 entry, present only while an invitation is pending, ordered by expiry."""
    return {"GSI2PK": PENDING_INVITATIONS, "GSI2SK": f"{expires_at}#{invite_id}"}


ADOPTION = "ADOPTION"


def adoption(professional_id: str) -> Key:
    return {"PK": ADOPTION, "SK": f"PRO#{professional_id}"}


NO_PROFESSIONAL = "-"  # the adoption counter of the clients no professional looks after


def adoption_activity(client_id: str) -> Key:
    """A client's latest portal sign-ins, beside the counters: the report reads one partition."""
    return {"PK": ADOPTION, "SK": f"SEEN#{client_id}"}


# --- services, rooms, their feeds and members --------------------------------------------

SERVICES = "SERVICES"


def service(service_id: str) -> Key:
    """A firm's services (room types) share one small partition: a list is one Query."""
    return {"PK": SERVICES, "SK": f"SERVICE#{service_id}"}


def room_partition(room_id: str) -> str:
    """One room's item collection: the room, its members, list entries, words and feed."""
    return f"ROOM#{room_id}"


def room(room_id: str) -> Key:
    return {"PK": room_partition(room_id), "SK": "ROOM"}


def room_member(room_id: str, user_id: str) -> Key:
    return {"PK": room_partition(room_id), "SK": f"MEMBER#{user_id}"}


def room_entry(room_id: str, facet: str) -> Key:
    """A copy of the room's summary that one list index reads (all, by client, ...)."""
    return {"PK": room_partition(room_id), "SK": f"LIST#{facet}"}


def room_word(room_id: str, word: str) -> Key:
    return {"PK": room_partition(room_id), "SK": f"WORD#{word}"}


def rooms_list(status: str, facet: str = "", value: str = "") -> str:
    """GSI1 partitions of the room lists: `ROOMS#active`, `ROOMS#active#CLIENT#<id>`..."""
    return f"ROOMS#{status}" + (f"#{facet}#{value}" if facet else "")


def room_word_list(status: str, word: str) -> str:
    """Name words bucketed by their first two letters, like client search words."""
    return f"ROOMWORD#{status}#{word[:2]}"


def member_rooms(user_id: str, status: str) -> str:
    """GSI1 partition of one person's rooms (their member items)."""
    return f"MEMBERROOMS#{user_id}#{status}"


FEED = "FEED#"


def feed_item(room_id: str, item_id: str) -> Key:
    return {"PK": room_partition(room_id), "SK": f"{FEED}{item_id}"}


def client_feed(room_id: str) -> str:
    """GSI1 partition holding only the client-visible items of a room's feed."""
    return f"CLIENTFEED#{room_id}"


def thread(thread_id: str) -> str:
    """GSI2 partition of one thread's replies, in order."""
    return f"THREAD#{thread_id}"


# --- notifications ------------------------------------------------------------------------

def notifications(user_id: str) -> str:
    return f"NOTES#{user_id}"


def notification(user_id: str, note_id: str) -> Key:
    return {"PK": notifications(user_id), "SK": note_id}


def unread(user_id: str) -> Key:
    """One person's unread counts per room and read marks: the summary is one GetItem."""
    return {"PK": f"USER#{user_id}", "SK": "UNREAD"}


def notify_settings(user_id: str) -> Key:
    return {"PK": f"USER#{user_id}", "SK": "NOTIFY"}


def device(user_id: str, device_id: str) -> Key:
    return {"PK": f"USER#{user_id}", "SK": f"DEVICE#{device_id}"}


# --- documents ----------------------------------------------------------------------------

def document_partition(document_id: str) -> str:
    """One document's item collection: the document and its access records."""
    return f"DOC#{document_id}"


def document(document_id: str) -> Key:
    return {"PK": document_partition(document_id), "SK": "DOC"}


ACCESS = "ACCESS#"


def document_access(document_id: str, access_id: str) -> Key:
    return {"PK": document_partition(document_id), "SK": f"{ACCESS}{access_id}"}


# The document item's SK sits between its access records and its versions, so either
# list is one Query of a range that begins (or ends) with the document itself.
ACCESS_RANGE = (ACCESS, "DOC")
VERSION = "VER#"
VERSION_RANGE = ("DOC", f"{VERSION}~")


def document_area_entry(document_id: str) -> Key:
    """The copy of a document its client's document area lists (its SK sorts after the
    versions, outside both ranges above)."""
    return {"PK": document_partition(document_id), "SK": "VIEW#AREA"}


def document_version(document_id: str, version_id: str) -> Key:
    """One upload of a document's bytes: the first (whose id is the document's) and every
    later version, each under its own S3 key."""
    return {"PK": document_partition(document_id), "SK": f"{VERSION}{version_id}"}


def room_documents(room_id: str) -> str:
    """GSI1 partition of every document of a room (staff), newest first by id."""
    return f"ROOMDOCS#{room_id}"


def client_room_documents(room_id: str) -> str:
    """GSI2 partition of the client-visible documents of a room: a portal user's list
    never even reads an internal one."""
    return f"CLIENTROOMDOCS#{room_id}"


DOCUMENT_TRASH = "DOCTRASH"


def document_trash_index(document_id: str, purge_at: str) -> Key:
    """GSI1 entry of a trashed document (instead of its room list's), by when it is
    purged: the trash list and the purge sweep read one range of it."""
    return {"GSI1PK": DOCUMENT_TRASH, "GSI1SK": f"{purge_at}#{document_id}"}


def client_documents(client_id: str) -> str:
    """GSI1 partition of a client's document area (staff: internal ones too)."""
    return f"CLIENTDOCS#{client_id}"


def client_area(client_id: str) -> str:
    """GSI2 partition of what a client's portal users see of their document area."""
    return f"CLIENTAREA#{client_id}"


def document_trail(client_id: str) -> str:
    """GSI2 partition of every access record of a client's documents, newest first."""
    return f"DOCTRAIL#{client_id}"


LIST_HEAD = "~"  # sorts after every id and time: first in a newest-first list


def client_lists_head(client_id: str) -> Key:
    """Written with the client: the head of its document area (GSI1) and its document
    trail (GSI2). Newest first, a list's first item is its head, so a staff page proves
    the client exists without reading it (see `Handle.headed_page`)."""
    return {"PK": client_partition(client_id), "SK": "LISTHEAD",
            "GSI1PK": client_documents(client_id), "GSI1SK": LIST_HEAD,
            "GSI2PK": document_trail(client_id), "GSI2SK": LIST_HEAD}


def room_lists_head(room_id: str) -> Key:
    """Written with the room: the head of its staff document list (GSI1), so a staff page
    proves the room exists without reading it (see `Handle.headed_page`)."""
    return {"PK": room_partition(room_id), "SK": "LISTHEAD", "GSI1PK": room_documents(room_id), "GSI1SK": LIST_HEAD}


def done_uploading(room_id: str) -> Key:
    """A portal user said they are done uploading to this room; their next upload removes it."""
    return {"PK": room_partition(room_id), "SK": "DONEUPLOADING"}


# --- client survey and opportunities ------------------------------------------------------

def survey() -> Key:
    """The firm's published survey: its questions, version and re-ask policy."""
    return {"PK": "SURVEY", "SK": "CURRENT"}


def survey_version(version: int) -> Key:
    """A published version as it was asked: what the stream reads to file an answer to it."""
    return {"PK": "SURVEY", "SK": f"VERSION#{version}"}


def client_survey(client_id: str) -> Key:
    """When a client last answered or skipped the survey, and which version."""
    return {"PK": client_partition(client_id), "SK": "SURVEY"}


def survey_answers(client_id: str, answer_id: str) -> Key:
    """One submission, with the questions as they were asked. Listed by the range
    ANSWERS#..CLIENT, so no other SK of the client's partition may sort between them."""
    return {"PK": client_partition(client_id), "SK": f"ANSWERS#{answer_id}"}


def client_service(client_id: str, service_id: str) -> Key:
    """One (client, service) pair: its active-room count (kept by rooms) and the pair's
    live opportunity (kept by opportunities), so the board can hide one cheaply."""
    return {"PK": client_partition(client_id), "SK": f"SERVICE#{service_id}"}


def opportunity(opportunity_id: str) -> Key:
    return {"PK": f"OPP#{opportunity_id}", "SK": "OPP"}


def opportunities(service_id: str) -> str:
    """GSI1 partition of a service's opportunities, every status (ids sort by time)."""
    return f"OPPS#{service_id}"


def live_opportunities(service_id: str) -> str:
    """GSI1 partition of the pair items of a service that hold an open or contacted opportunity."""
    return f"OPPLIVE#{service_id}"


def opportunity_count(service_id: str) -> Key:
    """Open opportunities of a service; beside the services, so the board is one Query."""
    return {"PK": SERVICES, "SK": f"OPPCOUNT#{service_id}"}


# --- phases, timeline, portal options, announcements -------------------------------------

def service_timeline(service_id: str) -> Key:
    """A service's phases and client-facing steps (the definition staff edit)."""
    return {"PK": SERVICES, "SK": f"TIMELINE#{service_id}"}


def phase(phase_id: str) -> Key:
    """One phase with a copy of its service's steps: a move reads it with the room."""
    return {"PK": SERVICES, "SK": f"PHASE#{phase_id}"}


def portal_options() -> Key:
    """The firm's portal options, tool visibility and lock-out days (read at sign-in)."""
    return {"PK": "FIRM", "SK": "PORTAL"}


def client_portal(client_id: str) -> Key:
    """One client's overrides of the firm's portal options."""
    return {"PK": client_partition(client_id), "SK": "PORTAL"}


def client_board(client_id: str) -> Key:
    """What the client's home shows of each room (step, job status, event date): one item.
    Its SK sorts after CLIENT: the survey answers' range (ANSWERS#..CLIENT) holds nothing else."""
    return {"PK": client_partition(client_id), "SK": "HOME"}


def job_statuses() -> Key:
    return {"PK": "FIRM", "SK": "JOBSTATUSES"}


STATUS = "STATUS#"


def status_change(room_id: str, change_id: str) -> Key:
    return {"PK": room_partition(room_id), "SK": f"{STATUS}{change_id}"}


def room_and_status_changes() -> tuple[str, str]:
    """The sort-key range holding a room's own item and then its status changes: no other
    item of the room sorts between "ROOM" and "STATUS#", so one Query answers both "does
    the room exist" and "what changed" (tests/unit/test_keys.py keeps it so)."""
    return "ROOM", f"{STATUS}\uffff"


IDLE_ROOMS = "IDLEROOMS"


def idle_index(room_id: str, last_activity_at: str) -> Key:
    """GSI2 entry of a room that idle-status automation watches, by last activity."""
    return {"GSI2PK": IDLE_ROOMS, "GSI2SK": f"{last_activity_at}#{room_id}"}


def announcements() -> Key:
    """The firm's live announcements, few and bounded: the home reads them in its batch."""
    return {"PK": "FIRM", "SK": "ANNOUNCEMENTS"}


def dismissed(user_id: str) -> Key:
    return {"PK": f"USER#{user_id}", "SK": "DISMISSED"}


def wording() -> Key:
    return {"PK": "FIRM", "SK": "WORDING"}
