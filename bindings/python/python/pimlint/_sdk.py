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
"""

from __future__ import annotations

import json
from typing import Any, Optional, Tuple


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
    return json.loads(writer.get_serialized_content() or b"null")


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
