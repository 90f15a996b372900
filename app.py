"""Builds the Chalice app: logging, middleware, blueprints and event handlers."""
from chalicelib.core.observability import http_middleware, logger  # before Chalice: one log line each

from chalice import Chalice

from chalicelib.accounts.routes import api as accounts_api
from chalicelib.accounts.users import use_on_sign_in
from chalicelib.auth.authorizer import authorizer_blueprint, jwt_auth
from chalicelib.clients.routes import api as clients_api, contacts_api as client_contacts_api
from chalicelib.contacts.routes import api as contacts_api
from chalicelib.core.api import use_authorizer, use_idempotency
from chalicelib.core.cors import cors_middleware
from chalicelib.docs.routes import api as docs_api
from chalicelib.documents import events as document_events
from chalicelib.documents.routes import api as documents_api
from chalicelib.invitations.routes import api as invitations_api
from chalicelib.opportunities.routes import api as opportunities_api
from chalicelib.messages.routes import api as messages_api
from chalicelib.notifications.routes import api as notifications_api
from chalicelib.reports.routes import api as reports_api
from chalicelib.rooms.routes import api as rooms_api
from chalicelib.phases.routes import api as phases_api
from chalicelib.portal.routes import api as portal_api
from chalicelib.portal.signin import announce_at_sign_in
from chalicelib.announcements.routes import api as announcements_api
from chalicelib.jobstatus.routes import api as jobstatus_api
from chalicelib.wording.routes import api as wording_api
from chalicelib.services.routes import api as services_api
from chalicelib.firms.routes import api as firms_api
from chalicelib.jobs import outbox as outbox_jobs
from chalicelib.jobs import reminders
from chalicelib.jobs import sweeps
from chalicelib.jobstatus import idle as idle_rooms_rule
from chalicelib.opportunities import digest as opportunity_digests
from chalicelib.staff.routes import api as staff_api
from chalicelib.store import idempotency
from chalicelib.surveys.routes import api as surveys_api

app = Chalice(app_name="atrium")
app.log = logger
app.register_middleware(http_middleware, "http")
app.register_middleware(cors_middleware(app.routes), "http")  # inside the logging: preflights are logged too
use_authorizer(jwt_auth)
use_idempotency(idempotency)
use_on_sign_in(announce_at_sign_in)

app.register_blueprint(authorizer_blueprint)
for domain in (firms_api, accounts_api, staff_api, clients_api, client_contacts_api, contacts_api, invitations_api,
               reports_api, docs_api, services_api, rooms_api, documents_api,
               surveys_api, opportunities_api, phases_api, portal_api, announcements_api, jobstatus_api,
               wording_api, messages_api, notifications_api):
    app.register_blueprint(domain.blueprint)


@app.lambda_function(name="outbox_dispatch")
def outbox_dispatch(event, context):
    return outbox_jobs.on_stream(event)


@app.lambda_function(name="outbox_send")
def outbox_send(event, context):
    return outbox_jobs.on_queue(event)


@app.schedule("rate(15 minutes)", name="sweep")
def sweep(event):
    return sweeps.run()


@app.schedule("rate(1 day)", name="idle_rooms")
def idle_rooms(event):
    return idle_rooms_rule.run()


@app.lambda_function(name="scheduled_reminder")
def scheduled_reminder(event, context):
    return reminders.on_reminder(event)


@app.schedule("cron(0 7 ? * MON *)", name="opportunity_digest")
def opportunity_digest(event):
    return opportunity_digests.run()


@app.lambda_function(name="document_stored")
def document_stored(event, context):
    return document_events.on_object_event(event)
