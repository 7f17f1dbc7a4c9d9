"""Dataclasses of `newsdesk.types` to JSON documents and back, driven by their type hints.

Rows keep nested values (a page's sections, a link's evidence, a source's rules) as JSON. One
generic codec, rather than a hand-written function per type, means a field added to a type
later is stored without touching the store; a stored document that lacks a newer field gets
that field's default, and a key the type no longer has is ignored.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types as pytypes
import typing
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]

T = TypeVar("T")


def to_json(value: object) -> JsonValue:
    """A JSON-compatible value: dataclasses become objects, tuples lists, datetimes ISO 8601."""
    if value is None or isinstance(value, bool | int | float | str):
        if isinstance(value, Enum):
            return value.value  # StrEnum is a str; store its plain value
        return value
    if isinstance(value, Enum):
        return to_json(value.value)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value.isoformat()} cannot be stored")
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    raise TypeError(f"cannot store a {type(value).__name__} as JSON")


def from_json(cls: type[T], data: JsonValue) -> T:
    """The inverse of `to_json` for the type `cls` (a dataclass or any annotation it uses)."""
    return typing.cast(T, _decode(cls, data))


def canonical_hash(value: JsonValue) -> str:
    """sha256 of the canonical JSON text of `value` (sorted keys, no spaces)."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(tp: Any, data: Any) -> Any:
    if tp is Any:
        return data
    origin = typing.get_origin(tp)
    if origin in (Union, pytypes.UnionType):
        args = typing.get_args(tp)
        if data is None and type(None) in args:
            return None
        errors = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _decode(arg, data)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{data!r} matches none of {tp}: {'; '.join(errors)}")
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, list):
            raise TypeError(f"expected a list for {tp}, got {type(data).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in data)
        if len(args) != len(data):
            raise ValueError(f"expected {len(args)} values for {tp}, got {len(data)}")
        return tuple(_decode(a, v) for a, v in zip(args, data, strict=True))
    if origin is list:
        (arg,) = typing.get_args(tp)
        return [_decode(arg, v) for v in data]
    if origin is dict:
        _, arg = typing.get_args(tp)
        return {k: _decode(arg, v) for k, v in data.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            if not isinstance(data, dict):
                raise TypeError(f"expected an object for {tp.__name__}, got {type(data).__name__}")
            hints = _hints(tp)
            kwargs = {
                f.name: _decode(hints[f.name], data[f.name])
                for f in dataclasses.fields(tp)
                if f.init and f.name in data
            }
            return tp(**kwargs)
        if issubclass(tp, Enum):
            return tp(data)
        if tp is datetime:
            if not isinstance(data, str):
                raise TypeError(f"expected an ISO 8601 string, got {type(data).__name__}")
            value = datetime.fromisoformat(data)
            if value.tzinfo is None:
                raise ValueError(f"stored datetime {data!r} has no time zone")
            return value
        if tp is float and isinstance(data, int | float) and not isinstance(data, bool):
            return float(data)
        if tp in (str, int, bool) and type(data) is tp:
            return data
        if tp is type(None) and data is None:
            return None
        raise TypeError(f"expected {tp.__name__}, got {type(data).__name__}")
    raise TypeError(f"unsupported annotation {tp!r}")
