"""Documents. The world's document is a PDF the owner uploaded (and finalised) into the
world's room, which the member is in and the outsider is not. Completing is for the
uploader alone: to anyone else the upload does not exist."""
from __future__ import annotations

from tests.documents_support import PDF, new_version, upload
from tests.security.world import World

ORDER = 70  # after rooms: the document lives in the world's room

ANON = 401
ROOM_READ = {"anonymous": ANON, "other_owner": 404, "client_outsider": 404, "client_member": 200,
             "staff": 200, "admin": 200, "owner": 200}
STAFF_READ = {**ROOM_READ, "client_outsider": 403, "client_member": 403}
EVERY_FIRM = {**STAFF_READ, "other_owner": 200}
UPLOADER_ONLY = {**ROOM_READ, "client_member": 404, "staff": 404, "admin": 404}

EXPECTED = {
    ("POST", "/rooms/{room_id}/documents"): {**ROOM_READ, "client_member": 201, "staff": 201, "admin": 201,
                                             "owner": 201},
    ("POST", "/documents/{document_id}/complete"): dict(UPLOADER_ONLY),
    ("GET", "/documents/{document_id}"): dict(ROOM_READ),
    ("GET", "/documents/{document_id}/download"): dict(ROOM_READ),
    ("GET", "/documents/{document_id}/access"): dict(STAFF_READ),
    ("GET", "/rooms/{room_id}/documents"): dict(ROOM_READ),
    ("GET", "/firm/document-settings"): dict(EVERY_FIRM),
    ("PUT", "/firm/document-settings"): {**EVERY_FIRM, "staff": 403},
    ("POST", "/rooms/{room_id}/done-uploading"): {**ROOM_READ, "staff": 403, "admin": 403, "owner": 403,
                                                  "other_owner": 403},
    ("GET", "/rooms/{room_id}/done-uploading"): dict(ROOM_READ),
    ("POST", "/documents/{document_id}/versions"): {**ROOM_READ, "client_member": 201, "staff": 201, "admin": 201,
                                                    "owner": 201},
    ("POST", "/documents/{document_id}/versions/{version_id}/complete"): dict(UPLOADER_ONLY),
    ("GET", "/documents/{document_id}/versions"): dict(ROOM_READ),
    ("GET", "/documents/{document_id}/versions/{version_id}/parts"): dict(UPLOADER_ONLY),
    ("POST", "/documents/{document_id}/versions/{version_id}/cancel"): dict(UPLOADER_ONLY),
    ("PATCH", "/documents/{document_id}"): dict(STAFF_READ),
    ("DELETE", "/documents/{document_id}"): dict(STAFF_READ),
    ("POST", "/documents/{document_id}/restore"): dict(STAFF_READ),
    ("GET", "/firm/document-trash"): dict(EVERY_FIRM),
    ("GET", "/clients/{client_id}/document-trail"): dict(STAFF_READ),
    ("GET", "/clients/{client_id}/documents"): dict(ROOM_READ),
    ("POST", "/clients/{client_id}/documents"): {**ROOM_READ, "client_member": 201, "staff": 201, "admin": 201,
                                                 "owner": 201},
    ("GET", "/firm/storage"): dict(EVERY_FIRM),
}


CANCEL = ("POST", "/documents/{document_id}/versions/{version_id}/cancel")  # needs an upload still pending
DONE_UPLOADING = ("POST", "/rooms/{room_id}/done-uploading")  # said once already in its world
OWN_WORLDS = (CANCEL, DONE_UPLOADING)


def setup(api, world: World) -> None:
    doc = upload(api, world.firm.token, world.ids["room_id"], PDF, name="Matrix letter.pdf")
    world.ids["document_id"] = doc["id"]
    world.ids["version_id"] = new_version(api, world.firm.token, doc["id"], PDF, name="Matrix letter v2.pdf")["id"]
    if world.route in (None, CANCEL):
        world.ids["version_id"] = _pending_in_parts(api, world, doc["id"])
    if world.route in (None, DONE_UPLOADING):
        said = api.post(f"/rooms/{world.ids['room_id']}/done-uploading", token=world.token("client_member"))
        assert said.status == 200, said.text


def _pending_in_parts(api, world: World, document_id: str) -> str:
    """A version the owner started in parts and never sent: what the parts and cancel
    routes act on (the reads' world has no other use for a version id in a path)."""
    started = api.post(f"/documents/{document_id}/versions", {"file_name": "Matrix archive.pdf", "multipart": True,
                                                              "content_type": "application/pdf", "size": 6 << 20},
                       token=world.firm.token)
    assert started.status == 201, started.text
    return started.json["version"]["id"]


def prepare(world: World, method: str, path: str) -> None:
    """Each persona trashes or restores the world's document as it was before the last one."""
    url = f"/documents/{world.ids['document_id']}"
    if (method, path) == ("DELETE", "/documents/{document_id}"):
        world.api.post(f"{url}/restore", token=world.firm.token)  # 409 when it is not in the trash
    if (method, path) == ("POST", "/documents/{document_id}/restore"):
        world.api.request("DELETE", url, token=world.firm.token)  # 409 when it already is


def body(world: World, method: str, path: str):
    if (method, path) in (("POST", "/rooms/{room_id}/documents"), ("POST", "/clients/{client_id}/documents")):
        return {"file_name": world.unique("Scan ") + ".pdf", "content_type": "application/pdf", "size": 1024}
    if (method, path) == ("POST", "/documents/{document_id}/versions"):
        return {"file_name": world.unique("Letter v") + ".pdf", "content_type": "application/pdf", "size": 2048}
    if (method, path) == ("PATCH", "/documents/{document_id}"):
        return {"folder": world.unique("Folder ")}
    if (method, path) == ("PUT", "/firm/document-settings"):
        return {"max_size": 50 * 1024 * 1024}
    return None
