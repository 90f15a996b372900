from chalicelib.core.principal import Principal
from local.seed_clients import seed_clients
from local.seed_documents import ENGAGEMENT_LETTER, seed_documents
from local.seed_rooms import seed_rooms
from tests.documents_support import fetch
from tests.support import login


def test_demo_room_holds_a_finalised_pdf_the_portal_user_can_download(api, firm):
    me = api.get("/me", token=firm.token).json
    owner = Principal(firm_id=firm.id, user_id=me["user"]["id"], role="owner")
    email, password = seed_clients(owner, me["user"]["id"])
    room_id = seed_rooms(owner, me["user"]["id"])
    seed_documents(owner, room_id)
    token = login(api, firm.slug, email, password)["access_token"]
    docs = api.get(f"/rooms/{room_id}/documents", token=token).json["items"]
    assert [(d["file_name"], d["status"]) for d in docs] == [("Engagement letter 2025.pdf", "available")]
    link = api.get(f"/documents/{docs[0]['id']}/download", token=token)
    assert fetch(link.json["url"]).content == ENGAGEMENT_LETTER
