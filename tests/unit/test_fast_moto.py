"""The suite's cheaper moto behaves as moto does. Its transaction backup undoes a refused
TransactWriteItems as moto's whole-table copy does: the items it wrote, updated or
deleted, and the stream records it added, are as they were; a transaction that passes
keeps every write. Its direct serialization of item answers writes what moto's own
serializer writes, for every attribute type."""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError

from tests import fast_moto
from tests.moto_stack import moto_stack


def _state(db, table: str, stream_arn: str) -> tuple[list, int]:
    items = sorted(db.scan(TableName=table)["Items"], key=lambda i: (i["PK"]["S"], i["SK"]["S"]))
    streams = boto3.client("dynamodbstreams")
    shard = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard,
                                          ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    return items, len(streams.get_records(ShardIterator=iterator, Limit=1000)["Records"])


def _put(table: str, pk: str, sk: str, **extra) -> dict:
    return {"Put": {"TableName": table, "Item": {"PK": {"S": pk}, "SK": {"S": sk}, **extra}}}


def test_a_refused_transaction_changes_nothing_and_a_passing_one_keeps_all():
    with moto_stack() as env:
        db, table = boto3.client("dynamodb"), env["ATRIUM_TABLE"]
        db.transact_write_items(TransactItems=[_put(table, "T#1", "A", n={"N": "1"}), _put(table, "T#1", "B"),
                                               _put(table, "T#2", "C")])
        before = _state(db, table, env["ATRIUM_TABLE_STREAM_ARN"])
        refused = [
            _put(table, "T#3", "NEW"),  # a new partition
            _put(table, "T#1", "B2"),  # a new item in a partition that exists
            {"Update": {"TableName": table, "Key": {"PK": {"S": "T#1"}, "SK": {"S": "A"}},
                        "UpdateExpression": "SET n = n + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": table, "Key": {"PK": {"S": "T#1"}, "SK": {"S": "B"}}}},
            {"ConditionCheck": {"TableName": table, "Key": {"PK": {"S": "T#2"}, "SK": {"S": "C"}},
                                "ConditionExpression": "attribute_not_exists(PK)"}},
        ]
        with pytest.raises(ClientError) as failed:
            db.transact_write_items(TransactItems=refused)
        assert failed.value.response["Error"]["Code"] == "TransactionCanceledException"
        assert _state(db, table, env["ATRIUM_TABLE_STREAM_ARN"]) == before
        db.transact_write_items(TransactItems=refused[:4])
        items, records = _state(db, table, env["ATRIUM_TABLE_STREAM_ARN"])
        assert {(i["PK"]["S"], i["SK"]["S"]) for i in items} == {("T#1", "A"), ("T#1", "B2"), ("T#2", "C"), ("T#3", "NEW")}
        assert next(i for i in items if i["SK"]["S"] == "A")["n"] == {"N": "2"}
        assert records == before[1] + 4


EVERY_TYPE = {"s": {"S": "é\u202e"}, "n": {"N": "-12.50"}, "b": {"B": b"\x00\xffbytes"}, "t": {"BOOL": True},
              "z": {"NULL": True}, "ss": {"SS": ["a", "b"]}, "ns": {"NS": ["1", "2.5"]}, "bs": {"BS": [b"\x01", b"\x02"]},
              "l": {"L": [{"S": "x"}, {"N": "3"}, {"M": {"k": {"B": b"\x03"}}}]}, "m": {"M": {"deep": {"L": []}}}}


def test_item_answers_are_written_as_moto_writes_them(monkeypatch):
    monkeypatch.setattr(fast_moto.VERIFY, "on", True)
    monkeypatch.setattr(fast_moto.VERIFY, "compared", 0)
    with moto_stack() as env:
        db, table = boto3.client("dynamodb"), env["ATRIUM_TABLE"]
        key = {"PK": {"S": "T#1"}, "SK": {"S": "A"}}
        db.put_item(TableName=table, Item={**key, **EVERY_TYPE})
        assert db.get_item(TableName=table, Key=key)["Item"]["b"] == {"B": b"\x00\xffbytes"}
        db.update_item(TableName=table, Key=key, UpdateExpression="SET n = n + :one",
                       ExpressionAttributeValues={":one": {"N": "1"}}, ReturnValues="ALL_OLD")
        db.query(TableName=table, KeyConditionExpression="PK = :pk", ExpressionAttributeValues={":pk": {"S": "T#1"}},
                 ReturnConsumedCapacity="TOTAL")
        db.batch_get_item(RequestItems={table: {"Keys": [key, {"PK": {"S": "T#9"}, "SK": {"S": "none"}}]}})
        db.transact_get_items(TransactItems=[{"Get": {"TableName": table, "Key": key}}])
        db.transact_write_items(TransactItems=[_put(table, "T#2", "B", **EVERY_TYPE)])
        db.scan(TableName=table, Limit=1)
        db.delete_item(TableName=table, Key=key, ReturnValues="ALL_OLD")
        _state(db, table, env["ATRIUM_TABLE_STREAM_ARN"])  # the stream's records, with their times
    assert fast_moto.VERIFY.compared == 11
