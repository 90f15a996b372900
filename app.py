"""Builds the Chalice app: logging, middleware, blueprints and event handlers."""
from chalicelib.core.observability import http_middleware, logger  # before Chalice: one log line each

from chalice import Chalice

from chalicelib.accounts.routes import api as accounts_api
from chalicelib.accounts.users import load_principal
from chalicelib.clients.routes import api as clients_api, contacts_api as client_contacts_api
from chalicelib.contacts.routes import api as contacts_api
from chalicelib.core.api import use_idempotency
from chalicelib.core.authorizer import authorizer_blueprint, use_principal_loader
from chalicelib.docs.routes import api as docs_api
from chalicelib.documents import events as document_events
from chalicelib.documents.routes import api as documents_api
from chalicelib.invitations.routes import api as invitations_api
from chalicelib.messages.routes import api as messages_api
from chalicelib.notifications.routes import api as notifications_api
from chalicelib.reports.routes import api as reports_api
from chalicelib.rooms.routes import api as rooms_api
from chalicelib.services.routes import api as services_api
from chalicelib.firms.routes import api as firms_api
from chalicelib.jobs import outbox as outbox_jobs
from chalicelib.jobs import reminders
from chalicelib.jobs import sweeps
from chalicelib.staff.routes import api as staff_api
from chalicelib.store import idempotency

app = Chalice(app_name="atrium")
app.log = logger
app.register_middleware(http_middleware, "http")
use_principal_loader(load_principal)
use_idempotency(idempotency)

app.register_blueprint(authorizer_blueprint)
for domain in (firms_api, accounts_api, staff_api, clients_api, client_contacts_api, contacts_api, invitations_api,
               reports_api, docs_api, services_api, rooms_api, messages_api, notifications_api,
               documents_api):
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


@app.lambda_function(name="scheduled_reminder")
def scheduled_reminder(event, context):
    return reminders.on_reminder(event)


@app.lambda_function(name="document_stored")
def document_stored(event, context):
    return document_events.on_object_event(event)
