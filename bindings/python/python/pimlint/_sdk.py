"""Models of Microsoft's Python SDKs as input, read in the JSON the SDK sends for them.

Nothing here imports an SDK: a model is recognised by its methods, and serialized the way its
own SDK serializes a request body.

- ``msgraph-sdk`` (Kiota ``Parsable``: ``serialize(writer)`` and ``get_field_deserializers()``):
  written with kiota's ``JsonSerializationWriter`` (``kiota-serialization-json``, installed with
  ``msgraph-sdk``), as ``RequestInformation.set_content_from_parsable`` does.
- ``azure-mgmt-authorization`` (msrest-style models with ``_attribute_map``): ``serialize()``,
  which gives the REST body with its camelCase keys and ``properties`` envelope; read-only
  members (``id``, ``scope``, ``effectiveRules``) are kept, as a GET returns them.

A list or tuple of models, or a Kiota collection response, is read as a list.

One exception: kiota writes a ``datetime.timedelta`` as ``str(timedelta)`` (``"8:00:00"``), which
is not the ISO 8601 duration Graph takes (msgraph-sdk-python#1262). A request keeps that form,
since it is what would be sent, and is rejected for it; in any other model (a policy or rule
read from Graph, whose durations the SDK parsed into ``timedelta``) such a duration is written
back in ISO 8601 (``"PT8H"``), as Graph returned it, so that the policy's limits are known.
"""

from __future__ import annotations

import json
import re
from typing import Any, Optional, Tuple

# str(timedelta): "8:00:00", "1 day, 2:30:00", "-1 day, 23:00:00.500000".
_TIMEDELTA = re.compile(r"^(?:(-?\d+) days?, )?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$")


def _iso_duration(text: str) -> Optional[str]:
    m = _TIMEDELTA.match(text)
    if not m or (m.group(1) or "").startswith("-"):
        return None
    days, hours, minutes, seconds = (int(g or 0) for g in m.groups()[:4])
    fraction = (m.group(5) or "").rstrip("0")
    out = f"P{days}D" if days else "P"
    time = "".join(
        f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M")) if n
    )
    if seconds or fraction:
        time += f"{seconds}.{fraction}S" if fraction else f"{seconds}S"
    if time:
        out += "T" + time
    return out if out != "P" else "PT0S"


def _durations_as_read(value: Any) -> Any:
    """Durations kiota wrote as str(timedelta), back in ISO 8601 (members named ``…uration``)."""
    if isinstance(value, dict):
        return {
            k: (_iso_duration(v) or v)
            if isinstance(v, str) and k.lower().endswith("duration")
            else _durations_as_read(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_durations_as_read(v) for v in value]
    return value


def _is_kiota(obj: Any) -> bool:
    return callable(getattr(obj, "serialize", None)) and callable(
        getattr(obj, "get_field_deserializers", None)
    )


def _is_msrest(obj: Any) -> bool:
    return callable(getattr(obj, "serialize", None)) and isinstance(
        getattr(type(obj), "_attribute_map", None), dict
    )


def _kiota(obj: Any) -> Any:
    try:
        from kiota_serialization_json.json_serialization_writer import JsonSerializationWriter
    except ImportError as e:  # pragma: no cover - msgraph-sdk always brings it
        raise TypeError(
            f"{type(obj).__name__} is a Kiota model, and reading it needs kiota-serialization-json "
            "(installed with msgraph-sdk)"
        ) from e
    writer = JsonSerializationWriter()
    writer.write_object_value(None, obj)
    value = json.loads(writer.get_serialized_content() or b"null")
    if type(obj).__name__.endswith("ScheduleRequest"):
        return value
    return _durations_as_read(value)


def _msrest(obj: Any) -> Any:
    return obj.serialize(keep_readonly=True)


def _describe(sdk: str, names: list[str], how: str) -> str:
    kinds = ", ".join(sorted(set(names)))
    return (
        f"serialized {sdk} model ({kinds}): the pointer is into the JSON {how}, "
        "not into the Python object"
    )


def wire(obj: Any) -> Optional[Tuple[Any, str]]:
    """``(value, source)`` when ``obj`` is an SDK model or a list of them: the JSON value the SDK
    sends, and a sentence that says so for findings. ``None`` for anything else."""
    items = list(obj) if isinstance(obj, (list, tuple)) else None
    candidates = items if items is not None else [obj]
    kiota = [x for x in candidates if _is_kiota(x)]
    msrest = [x for x in candidates if not _is_kiota(x) and _is_msrest(x)]
    if not kiota and not msrest:
        return None

    def one(x: Any) -> Any:
        if _is_kiota(x):
            return _kiota(x)
        if _is_msrest(x):
            return _msrest(x)
        return x

    value = [one(x) for x in items] if items is not None else one(obj)
    sources = []
    if kiota:
        sources.append(
            _describe(
                "msgraph-sdk",
                [type(x).__name__ for x in kiota],
                "msgraph-sdk sends for it (kiota's JsonSerializationWriter)",
            )
        )
    if msrest:
        sources.append(
            _describe(
                "azure-mgmt-authorization",
                [type(x).__name__ for x in msrest],
                "azure-mgmt-authorization sends for it (its serialize())",
            )
        )
    return value, "; ".join(sources)
