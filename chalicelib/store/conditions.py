"""Conditions on writes, in boto3's own vocabulary: `Attr("v").eq(3)`,
`Attr("role").ne("client") & Attr("status").is_in(["active", "invited"])`,
`Attr("owner_count").gt(1)`. Any condition DynamoDB can express can be written, and
`exists()` / `missing()` name the two that every domain needs."""
from __future__ import annotations

from typing import Any

from boto3.dynamodb.conditions import Attr, ConditionBase, ConditionExpressionBuilder

__all__ = ["Attr", "ConditionBase", "exists", "missing", "at_version", "compile_condition"]


def exists() -> ConditionBase:
    """The item is there (every item has a PK)."""
    return Attr("PK").exists()


def missing() -> ConditionBase:
    """No item has this key yet: creates and uniqueness claims."""
    return Attr("PK").not_exists()


def at_version(version: int) -> ConditionBase:
    """Optimistic locking: the item is still at the version the caller read (If-Match)."""
    return Attr("v").eq(version)


def compile_condition(condition: ConditionBase, names: dict[str, str], values: dict[str, Any]) -> str:
    """The expression text; its placeholders are added to `names` and `values`. boto3's
    builder numbers them #n0, :v0 ..., apart from the #u/:u ones update expressions use."""
    built = ConditionExpressionBuilder().build_expression(condition)
    names.update(built.attribute_name_placeholders)
    values.update(built.attribute_value_placeholders)
    return built.condition_expression
