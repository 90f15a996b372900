"""`make run`: the whole of Atrium on one machine, in one process.

moto's server on 127.0.0.1 stands in for AWS; the bootstrap creates every resource;
the demo firm is seeded; Chalice's local server (as `chalice local --no-autoreload`
would run it, with the gateway responses of infra/) serves the API; a background
thread does what AWS would do by itself (stream -> outbox queue -> sender, sweeps).
Ctrl-C or SIGTERM stops all of it."""
from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
import sys
import threading
from pathlib import Path

from local import web

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_is_free(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _fake_aws_environment(endpoint: str) -> None:
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "local")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "local")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ["AWS_ACCOUNT_ID_ENDPOINT_MODE"] = "disabled"
    os.environ["AWS_ENDPOINT_URL"] = endpoint


def _start_moto(port: int):
    from moto.server import ThreadedMotoServer
    # moto's own request log would bury the API's: keep only its errors.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    from local.moto_lock import serialise_table_writes, stop_tracking_table_models
    from local.moto_sns import endpoints_report_user_data
    serialise_table_writes()
    endpoints_report_user_data()
    stop_tracking_table_models()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    return server


class Background(threading.Thread):
    """Runs the outbox pump twice a second (what follows a change from the stream shows
    as soon as it would in AWS) and the sweeps every minute, until stopped."""

    def __init__(self, pump, sweeps) -> None:
        super().__init__(daemon=True, name="atrium-background")
        self.pump, self.sweeps = pump, sweeps
        self.stopping = threading.Event()

    def run(self) -> None:
        ticks = 0
        while not self.stopping.wait(0.5):
            ticks += 1
            self._safely(self.pump.run_once)
            if ticks % 120 == 0:
                for sweep in self.sweeps:
                    self._safely(sweep)

    @staticmethod
    def _safely(job) -> None:
        try:
            job()
        except Exception as exc:  # noqa: BLE001 - keep the stack alive; the next tick retries
            print(f"background job failed: {exc!r}", file=sys.stderr)


def _print_welcome(host: str, port: int, demo, token: str) -> None:
    url = f"http://{host}:{port}"
    print(f"\nAtrium is running on {url}  (docs: {url}/docs)")
    print(f"Web portal: {web.url(url)}northwind/sign-in")
    print(f"Embedded AWS (moto) on {os.environ['AWS_ENDPOINT_URL']}  (sent mail: /moto-api/data.json)\n")
    print("Demo firm: Northwind Advisory (slug: northwind)")
    for role, email, password in demo.logins:
        print(f"  {role:<7} {email:<34} {password}")
    print(f"\nA ready bearer token for the owner (valid one hour):\n  export TOKEN={token}")
    print(f"  curl -H \"Authorization: Bearer $TOKEN\" {url}/me\n")
    print("Ctrl-C stops everything.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run Atrium locally against an embedded AWS.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--moto-port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)
    if not _port_is_free(args.host, args.port):
        print(f"Port {args.port} is in use: stop the other server or pass --port.", file=sys.stderr)
        return 2
    moto_port = args.moto_port or _free_port()
    _fake_aws_environment(f"http://127.0.0.1:{moto_port}")
    moto = _start_moto(moto_port)
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    return _serve(args, moto)


def _serve(args, moto) -> int:
    from local.bootstrap import bootstrap
    env = bootstrap(endpoint=os.environ["AWS_ENDPOINT_URL"])
    os.environ.update(env)
    os.environ.setdefault("ATRIUM_PUBLIC_URL", f"http://{args.host}:{args.port}")
    # The portal is served from this origin; a front-end dev server (Vite) from its own.
    os.environ.setdefault("ATRIUM_ALLOWED_ORIGINS", f"http://{args.host}:{args.port},http://localhost:5173")

    from chalice.cli.factory import CLIFactory
    from chalice.local import LocalDevServer

    from app import app
    from local.gateway import BurstServer, ProblemRequestHandler
    from local.pump import OutboxPump
    from chalicelib.jobs import sweeps
    from chalicelib.jobstatus import idle
    from local.schedules import run_due_schedules
    from local.seed import bearer_token, seed_demo

    demo = seed_demo()
    pump = OutboxPump(env["ATRIUM_TABLE_STREAM_ARN"], env["ATRIUM_OUTBOX_QUEUE_URL"], forget_read=True)
    background = Background(pump, [run_due_schedules, sweeps.run, idle.run])
    background.start()
    config = CLIFactory(str(ROOT)).create_config_obj(chalice_stage_name="dev")
    server = LocalDevServer(app, config, args.host, args.port, handler_cls=web.with_portal(ProblemRequestHandler),
                            server_cls=BurstServer)
    _print_welcome(args.host, args.port, demo, bearer_token(*demo.logins[0][1:]))

    def stop(signum, frame):
        threading.Thread(target=server.shutdown, daemon=True).start()
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        server.server.serve_forever()
    finally:
        background.stopping.set()
        server.server.server_close()
        moto.stop()
        print("Atrium stopped.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
