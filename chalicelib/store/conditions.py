"""Conditions on writes, in boto3's own vocabulary: `Attr("v").eq(3)`,
`Attr("role").ne("client") & Attr("status").is_in(["active", "invited"])`,
`Attr("owner_count").gt(1)`. Any condition DynamoDB can express can be written, and
`exists()` / `missing()` name the two that every domain needs."""
from __future__ import annotations

import functools
import operator
from typing import Any

from boto3.dynamodb.conditions import Attr, ConditionBase, ConditionExpressionBuilder

__all__ = ["Attr", "ConditionBase", "exists", "missing", "at_version", "all_of", "one_of", "compile_condition"]

IN_LIMIT = 100  # the most values DynamoDB's IN takes


def exists() -> ConditionBase:
    """The item is there (every item has a PK)."""
    return Attr("PK").exists()


def missing() -> ConditionBase:
    """No item has this key yet: creates and uniqueness claims."""
    return Attr("PK").not_exists()


def at_version(version: int) -> ConditionBase:
    """Optimistic locking: the item is still at the version the caller read (If-Match)."""
    return Attr("v").eq(version)


def all_of(*conditions: ConditionBase | None) -> ConditionBase | None:
    """The conditions given (None: no condition) joined by AND; None if none is given."""
    held = [c for c in conditions if c is not None]
    return functools.reduce(operator.and_, held) if held else None


def one_of(attribute: str, values: tuple[str, ...] | list[str]) -> ConditionBase:
    """`attribute IN values`, in pieces DynamoDB takes (at most 100 values each); with
    no values, a condition no item meets."""
    pieces = [Attr(attribute).is_in(list(values[i:i + IN_LIMIT])) for i in range(0, len(values), IN_LIMIT)]
    return functools.reduce(operator.or_, pieces) if pieces else missing()


def compile_condition(condition: ConditionBase, names: dict[str, str], values: dict[str, Any]) -> str:
    """The expression text; its placeholders are added to `names` and `values`. boto3's
    builder numbers them #n0, :v0 ..., apart from the #u/:u ones update expressions use."""
    built = ConditionExpressionBuilder().build_expression(condition)
    names.update(built.attribute_name_placeholders)
    values.update(built.attribute_value_placeholders)
    return built.condition_expression
