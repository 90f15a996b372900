"""The portal's stored options: the names the store keeps are the names the API takes,
and a partial change becomes the attributes it names and nothing else."""
from typing import get_args

from chalicelib.portal.models import ClientOptionsUpdate, Options, OptionsView, Tool, Tools
from chalicelib.core.portal_item import OPTIONS, TOOLS, attributes_of, firm_options, hidden_tools, visible_tools


def test_the_api_names_every_stored_option_and_tool():
    assert tuple(Options.model_fields) == OPTIONS == tuple(OptionsView.model_fields)
    assert tuple(Tools.model_fields) == TOOLS == get_args(Tool)
    assert get_args(get_args(ClientOptionsUpdate.model_fields["options"].annotation)[0]) == OPTIONS


def test_a_change_sets_only_what_it_names():
    sets = attributes_of({"options": {"prepayment": True}, "tools": {"documents": False, "messages": True}})
    assert sets == {"option_prepayment": True, "hidden_documents": True, "hidden_messages": None}
    assert attributes_of({"lockout_days": 0}) == {"lockout_days": 0}


def test_what_is_stored_reads_back_with_defaults_for_the_rest():
    item = {"option_prepayment": True, "option_client_threads": False, "hidden_documents": True}
    assert firm_options(item) == {**firm_options(None), "prepayment": True, "client_threads": False}
    assert firm_options(None)["prepayment"] is False and firm_options(None)["done_uploading"] is True
    assert hidden_tools(item) == ("documents",)
    assert visible_tools(item) == [t for t in TOOLS if t != "documents"]
