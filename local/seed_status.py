"""Demo of what clients see of the work: the demo room's service (Tax return) gets internal
phases mapped to client-facing steps, the room moves into a phase, the firm's job
statuses with a rule, an announcement and a 7-day lock-out counted back from the client's
event date four months ahead, which the client's home announces (give the room an event
date within a week to see it bite)."""
from __future__ import annotations

from datetime import timedelta

from chalicelib.accounts.users import load_principal
from chalicelib.announcements import service as announcements
from chalicelib.announcements.models import AnnouncementCreate
from chalicelib.aws.identity import username
from chalicelib.core import clock
from chalicelib.core.principal import Principal
from chalicelib.jobstatus import service as jobstatus
from chalicelib.jobstatus.models import JobStatusesUpdate, JobStatusSet
from chalicelib.phases import service as phases
from chalicelib.phases.copies import follow_definition
from chalicelib.phases.models import PhaseMove, TimelineDefinition
from chalicelib.portal import events, service as portal
from chalicelib.portal.events import EventDate
from chalicelib.portal.models import PortalOptionsUpdate
from chalicelib.rooms import service as rooms
from chalicelib.store import FirmStore, keys

STEPS = ["Gathering documents", "Preparing your return", "Review and signature", "Filed"]
PHASES = [("Intake", 0), ("Chasing documents", 0), ("Preparation", 1), ("Quality check", None),
          ("Partner review", 2), ("E-filed", 3)]
STATUSES = ["Waiting for your documents", "In preparation", "Ready to sign"]


def _as_authorized(owner: Principal) -> Principal:
    """The owner as the authorizer would find them now: a request that uses the job
    statuses (or names its caller) works from what its principal carries."""
    return load_principal(username(owner.firm_id, owner.user_id)) or owner


def _phases_now(owner: Principal, service_id: str) -> None:
    """What the stream would bring a moment later, now: the rule and the move that follow
    name the phase items, which follow the definition."""
    db = FirmStore.of(owner)
    work = db.work()
    follow_definition(None, db.get(keys.service_timeline(service_id)), work)
    work.commit()


def seed_status(owner: Principal, room_id: str) -> str:
    """Returns the demo room's id."""
    service_id = rooms.read(owner, room_id).service_id
    definition = phases.put_definition(owner, service_id, TimelineDefinition.model_validate({
        "steps": [{"name": s} for s in STEPS], "phases": [{"name": p, "step": s} for p, s in PHASES]}), None)
    _phases_now(owner, service_id)
    phase = {p.name: p.id for p in definition.phases}
    statuses = jobstatus.put_statuses(owner, JobStatusesUpdate.model_validate({
        "statuses": [{"name": s} for s in STATUSES]}), None)
    status = {s.name: s.id for s in statuses.statuses}
    jobstatus.put_statuses(_as_authorized(owner), JobStatusesUpdate.model_validate({
        "statuses": [{"id": status[s], "name": s} for s in STATUSES],
        "rules": {"on_phase": {phase["Preparation"]: status["In preparation"]},
                  "on_done_uploading": status["In preparation"]}}), 1)
    phases.move(_as_authorized(owner), room_id, PhaseMove(phase_id=phase["Chasing documents"]))
    jobstatus.set_room_status(_as_authorized(owner), room_id,
                              JobStatusSet(status_id=status["Waiting for your documents"]))
    now = clock.now()
    announcements.create(owner, AnnouncementCreate(
        title="Tax season hours", body="From March we are open on Saturdays, 9:00 to 13:00.",
        starts_at=now - timedelta(hours=1), ends_at=now + timedelta(days=60)))
    portal.update_options(owner, PortalOptionsUpdate(lockout_days=7))
    client_id = rooms.read(owner, room_id).client_id
    events.set_client_event_date(owner, client_id, EventDate(event_date=(now + timedelta(days=120)).date()))
    return room_id

