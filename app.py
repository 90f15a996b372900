"""Builds the Chalice app: logging, middleware, the authorizer, every route (each domain
imported on its first request, chalicelib/routing.py) and the event handlers, which
import their job on their first event: a cold start pays for what it serves."""
import gc

# Importing builds some hundred thousand objects (models, routes, AWS service shapes) that
# live as long as the function. Collecting while they are built finds nothing to free and
# costs a fifth of the cold start; they are frozen out of later collections at the end.
gc.disable()

from chalicelib.core.observability import http_middleware, logger  # before Chalice: one log line each

from chalice import Chalice

from chalicelib import routing
from chalicelib.auth.authorizer import authorizer_blueprint, jwt_auth
from chalicelib.core.cors import cors_middleware

app = Chalice(app_name="atrium")
app.log = logger
app.register_middleware(http_middleware, "http")
app.register_middleware(cors_middleware(app.routes), "http")  # inside the logging: preflights are logged too
app.register_blueprint(authorizer_blueprint)


def wire() -> None:
    """What the views need from above core, handed over before the first routes module loads."""
    from chalicelib.accounts.users import use_on_sign_in
    from chalicelib.contacts.records import remember_sign_in
    from chalicelib.core.api import use_idempotency, use_request
    from chalicelib.portal.signin import announce_at_sign_in
    from chalicelib.store import idempotency
    use_request(lambda: app.current_request)
    use_idempotency(idempotency)
    use_on_sign_in(announce_at_sign_in)
    use_on_sign_in(remember_sign_in)


routing.register(app, jwt_auth, wire)


@app.lambda_function(name="outbox_dispatch")
def outbox_dispatch(event, context):
    from chalicelib.jobs import stream
    return stream.on_stream(event)


@app.lambda_function(name="outbox_send")
def outbox_send(event, context):
    from chalicelib.jobs import outbox as outbox_jobs
    return outbox_jobs.on_queue(event)


@app.schedule("rate(15 minutes)", name="sweep")
def sweep(event):
    from chalicelib.jobs import sweeps
    return sweeps.run()


@app.schedule("rate(1 day)", name="idle_rooms")
def idle_rooms(event):
    from chalicelib.jobstatus import idle as idle_rooms_rule
    return idle_rooms_rule.run()


@app.lambda_function(name="scheduled_reminder")
def scheduled_reminder(event, context):
    from chalicelib.jobs import reminders
    return reminders.on_reminder(event)


@app.schedule("cron(0 7 ? * MON *)", name="opportunity_digest")
def opportunity_digest(event):
    from chalicelib.opportunities import digest as opportunity_digests
    return opportunity_digests.run()


@app.lambda_function(name="document_stored")
def document_stored(event, context):
    from chalicelib.documents import events as document_events
    return document_events.on_object_event(event)


gc.freeze()
gc.enable()
