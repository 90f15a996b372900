"""The local stack as a developer meets it: a subprocess, real HTTP on 127.0.0.1."""
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests

from tests.support import PASSWORD, ROOT

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The stack's process id, for tests that look at it from outside.
RUNNING: dict[str, int] = {}


@pytest.fixture(scope="module")
def stack():
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "ATRIUM_"))}
    proc = subprocess.Popen([sys.executable, "-m", "local.stack", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    banner = []
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        banner.append(line)
        if "Ctrl-C stops everything" in line or proc.poll() is not None:
            break
    assert proc.poll() is None, "".join(banner)
    # The stack logs every request. A pipe nobody reads fills up (64 KiB, some 120
    # requests) and then blocks the server in the middle of its next answer.
    threading.Thread(target=_drain, args=(proc.stdout,), daemon=True).start()
    RUNNING["pid"] = proc.pid
    yield f"http://127.0.0.1:{port}", "".join(banner)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=60)  # stops in about a second; a loaded 2-core machine may take far longer
    finally:
        if proc.poll() is None:
            proc.kill()


def _drain(stream) -> None:
    for _ in stream:
        pass


def test_the_stack_keeps_answering_once_its_log_outgrows_a_pipe(stack):
    """Each request line is logged: 40 long ones are more than a pipe holds."""
    url, _ = stack
    long_address = f"{url}/firms/northwind/public?note={'x' * 4000}"
    with requests.Session() as http:
        answers = [http.get(long_address, timeout=10).status_code for _ in range(40)]
    assert len(answers) == 40 and all(status < 500 for status in answers)


def test_demo_token_works(stack):
    url, banner = stack
    token = banner.split("export TOKEN=", 1)[1].split()[0]
    me = requests.get(f"{url}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.status_code == 200 and me.json()["firm"]["slug"] == "northwind"


def test_signup_login_me_invite_over_http(stack):
    url, _ = stack
    signup = requests.post(f"{url}/signup", timeout=10, json={
        "firm_name": "Harbour Law", "slug": "harbour",
        "owner": {"name": "Hana Harbour", "email": "hana@harbour.example", "password": PASSWORD}})
    assert signup.status_code == 201, signup.text
    login = requests.post(f"{url}/auth/login", timeout=10,
                          json={"slug": "harbour", "email": "hana@harbour.example", "password": PASSWORD})
    assert login.status_code == 200 and login.json()["kind"] == "tokens"
    auth = {"Authorization": f"Bearer {login.json()['access_token']}"}
    me = requests.get(f"{url}/me", headers=auth, timeout=10).json()
    assert me["firm"]["name"] == "Harbour Law" and me["role"] == "owner"
    invite = requests.post(f"{url}/staff", headers=auth, timeout=10,
                           json={"name": "Ian Intern", "email": "ian@harbour.example"})
    assert invite.status_code == 201 and invite.json()["status"] == "invited"
    listed = requests.get(f"{url}/staff", headers=auth, timeout=10).json()["items"]
    assert {"hana@harbour.example", "ian@harbour.example"} <= {s["email"] for s in listed}
    temporary = _delivered_temporary_password(banner_moto(stack), "ian@harbour.example")
    first = requests.post(f"{url}/auth/login", timeout=10,
                          json={"slug": "harbour", "email": "ian@harbour.example", "password": temporary}).json()
    assert first["kind"] == "challenge"
    done = requests.post(f"{url}/auth/challenge", timeout=10, json={
        "slug": "harbour", "email": "ian@harbour.example", "session": first["session"], "new_password": PASSWORD})
    assert done.json()["kind"] == "tokens"


def banner_moto(stack) -> str:
    return stack[1].split("Embedded AWS (moto) on ", 1)[1].split()[0]


def _delivered_temporary_password(moto_url: str, email: str) -> str:
    """The background outbox pump sends within seconds; read the mail moto recorded."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        messages = requests.get(f"{moto_url}/moto-api/data.json", timeout=10).json()["ses"]["Message"]
        for m in messages:
            if email in str(m.get("destinations")):
                return re.search(r"temporary password: ([A-Za-z0-9!]+)", m["body"]).group(1)
        time.sleep(0.5)
    raise AssertionError(f"no invitation reached {email}")


def test_errors_over_http_are_problems(stack):
    url, _ = stack
    for resp in (requests.get(f"{url}/me", timeout=10),
                 requests.get(f"{url}/me", headers={"Authorization": "Bearer junk"}, timeout=10),
                 requests.get(f"{url}/nowhere", timeout=10),
                 requests.post(f"{url}/signup", data="{oops", headers={"Content-Type": "application/json"}, timeout=10)):
        assert resp.headers["Content-Type"] == "application/problem+json"
        assert resp.status_code in (400, 401, 404)


def _owner(stack) -> dict[str, str]:
    return {"Authorization": f"Bearer {stack[1].split('export TOKEN=', 1)[1].split()[0]}"}


def test_a_burst_of_fifty_connections_is_served(stack):
    """A web page opens many connections at once; none may be dropped."""
    from concurrent.futures import ThreadPoolExecutor
    url, _ = stack

    def fetch(_):
        return requests.get(f"{url}/firms/northwind/public", timeout=30).status_code
    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(fetch, range(50)))
    assert statuses == [200] * 50


def test_an_undeclared_method_is_a_405_problem_naming_the_allowed_ones(stack):
    url, _ = stack
    for method in ("TRACE", "CONNECT", "PROPFIND"):
        resp = requests.request(method, f"{url}/me", timeout=10)
        assert resp.status_code == 405 and resp.headers["Content-Type"] == "application/problem+json", resp.text
        assert resp.json()["status"] == 405
        assert resp.headers["Allow"] == "GET, OPTIONS"
    nowhere = requests.request("TRACE", f"{url}/nowhere", timeout=10)
    assert nowhere.status_code == 404 and nowhere.json()["status"] == 404 and "Allow" not in nowhere.headers


def test_parallel_renames_leave_search_words_that_match_the_name(stack):
    """Twenty PATCHes of one client at once: the words search finds are the final name's."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.clients_support import household
    url, _ = stack
    auth = _owner(stack)
    made = requests.post(f"{url}/clients", headers=auth, timeout=10,
                         json=household(display_name="Zephyrine Quackenbush"))
    assert made.status_code == 201, made.text
    client_id = made.json()["id"]
    words = [f"zq{chr(97 + n)}{chr(97 + n)}word" for n in range(20)]

    def rename(word):
        return requests.patch(f"{url}/clients/{client_id}", headers=auth, timeout=30,
                              json={"display_name": f"Zephyrine {word}"}).status_code
    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(rename, words))
    assert set(statuses) <= {200, 412} and 200 in statuses, statuses
    final = requests.get(f"{url}/clients/{client_id}", headers=auth, timeout=10).json()["display_name"]

    def found(q):
        resp = requests.get(f"{url}/clients", params={"q": q}, headers=auth, timeout=10)
        assert resp.status_code == 200, resp.text
        return [c["id"] for c in resp.json()["items"]]
    # The words follow each change from the stream, in order: once the final name's last word
    # is found, every rename before it has been followed.
    last_word, deadline = final.split()[-1], time.monotonic() + 15
    while found(last_word) != [client_id] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert found("zephyrine") == [client_id]
    assert found("quackenbush") == []
    for word in words:
        assert found(word) == ([client_id] if final.endswith(word) else []), (word, final)


def _stack_memory_mb() -> int:
    with open(f"/proc/{RUNNING['pid']}/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


def test_refused_transactions_do_not_grow_the_stack(stack):
    """The emulator kept every copy of the table a transaction takes, every stream record
    and every shard iterator: a fuzzing run of the local stack grew it past 20 GB and the
    machine killed it. Sixty refused sign-ups (each a transaction copying the table) now
    leave its memory as it was."""
    url, _ = stack

    def taken_slug():
        return requests.post(f"{url}/signup", timeout=30, json={
            "firm_name": "Copycat", "slug": "northwind",
            "owner": {"name": "Cat", "email": f"cat{time.monotonic_ns()}@copy.example", "password": PASSWORD}})
    for _ in range(10):
        taken_slug()
    before = _stack_memory_mb()
    assert all(taken_slug().status_code == 409 for _ in range(60))
    assert _stack_memory_mb() - before < 30
