"""The DynamoDB client, the table's name, and items between Python and the wire format.
Atrium stores integers only, so numbers come back as int, and string sets as sorted lists."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from boto3.dynamodb.types import TypeDeserializer, TypeSerializer

from chalicelib.aws.clients import client
from chalicelib.core.config import settings

_ser = TypeSerializer()
_de = TypeDeserializer()


def to_ddb(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _ser.serialize(v) for k, v in item.items() if v is not None}


def from_ddb(item: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(_de.deserialize(v)) for k, v in item.items()}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, set):
        return sorted(_plain(v) for v in value)
    return value


def ddb() -> Any:
    return client("dynamodb")


def table_name() -> str:
    return settings().table
