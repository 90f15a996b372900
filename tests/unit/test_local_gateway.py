"""The local server serves requests on threads; each must see its own request, as in
Lambda, where one process serves one request at a time."""
import json
import sys
import threading

from chalice import Chalice
from chalice.cli.factory import CLIFactory

from local.gateway import ProblemGateway
from tests.support import ROOT


def _echo_app() -> Chalice:
    app = Chalice("echo")

    # As the app's views do (chalicelib/core/api.py), the request is read from the app.
    @app.route("/echo", methods=["POST"])
    def echo():
        return {"body": app.current_request.raw_body.decode()}

    @app.route("/ping", methods=["GET"])
    def ping():
        return {}

    return app


def test_each_thread_reads_its_own_request_body():
    app = _echo_app()
    config = CLIFactory(str(ROOT)).create_config_obj(chalice_stage_name="dev")
    misread: list[str] = []

    def post(n: int) -> None:
        gateway = ProblemGateway(app, config)
        for i in range(n):
            sent = json.dumps({"i": i, "thread": threading.get_ident()})
            answer = gateway.handle_request(method="POST", path="/echo", headers={"content-type": "application/json"},
                                            body=sent.encode())
            if json.loads(answer["body"])["body"] != sent:
                misread.append(sent)

    def get(n: int) -> None:
        gateway = ProblemGateway(app, config)
        for _ in range(n):
            gateway.handle_request(method="GET", path="/ping", headers={}, body=b"")

    switch = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads take turns as often as they can: a shared request shows at once
    try:
        threads = [threading.Thread(target=post, args=(150,)) for _ in range(2)]
        threads += [threading.Thread(target=get, args=(300,)) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(switch)
    assert misread == []
