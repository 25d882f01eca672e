"""JSON Lines (one article object per line) and JSON files holding an array of them.

Field names: ``text`` (required; SaudiNewsNet calls it ``content``), and optionally
``id`` (or ``doc_id``), ``title``, ``published`` (or ``date``, or SaudiNewsNet's
``date_extracted``), ``source`` and ``url``.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

from .base import RawDocument, ReadError
from .dates import to_iso
from .encoding import decode

_TEXT_KEYS = ("text", "content")
_ID_KEYS = ("id", "doc_id")
_DATE_KEYS = ("published", "date", "date_extracted")


def read_jsonl(path: str) -> Iterator[RawDocument | ReadError]:
    """One RawDocument per good line, one ReadError per bad line ("path:lineno").

    The file is streamed line by line, so its size does not matter. JSON Lines is
    UTF-8 by definition; a UTF-8 BOM at the start is tolerated.
    """
    base = os.path.basename(path)
    with open(path, "rb") as lines:
        for lineno, raw in enumerate(lines, 1):
            if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue  # blank lines, e.g. a trailing one, are not records
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as err:
                yield ReadError(where, f"invalid UTF-8 at byte {err.start} of the line")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield ReadError(where, f"malformed JSON: {err.msg} at column {err.colno}")
                continue
            yield record_document(record, where, f"{base}:{lineno}")


def read_json(path: str, data: bytes) -> Iterator[RawDocument | ReadError]:
    """A JSON file: an array of article objects ("path#n"), or a single object."""
    text = decode(data, path)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise ReadError(path, f"malformed JSON: {err.msg} at line {err.lineno} column {err.colno}") from None
    if isinstance(value, dict):
        yield record_document(value, path, os.path.basename(path))
        return
    if not isinstance(value, list):
        raise ReadError(path, "JSON holds neither an array of articles nor an article object")
    base = os.path.basename(path)
    for number, record in enumerate(value, 1):
        yield record_document(record, f"{path}#{number}", f"{base}#{number}")


def record_document(record: Any, where: str, default_doc: str) -> RawDocument | ReadError:
    """The RawDocument for one article object, or the ReadError saying what is wrong."""
    if not isinstance(record, dict):
        return ReadError(where, f"expected a JSON object, got {type(record).__name__}")
    text = _first(record, _TEXT_KEYS)
    if text is None:
        return ReadError(where, "missing 'text'")
    if not isinstance(text, str):
        return ReadError(where, f"'text' is {type(text).__name__}, not a string")
    if not text.strip():
        return ReadError(where, "empty 'text'")
    if "\x00" in text:
        return ReadError(where, "'text' holds NUL characters: binary data, not an article")
    ident = _string(_first(record, _ID_KEYS))
    return RawDocument(
        path=where,
        doc=ident or default_doc,
        text=text,
        title=_string(record.get("title")),
        published=to_iso(_first(record, _DATE_KEYS)),
        source=_string(record.get("source")),
        url=_string(record.get("url")),
        id=ident,
    )


def _first(record: dict, keys: tuple[str, ...]) -> Any:
    """Value of the first of ``keys`` present and not null."""
    for key in keys:
        if record.get(key) is not None:
            return record[key]
    return None


def _string(value: Any) -> str | None:
    """Optional metadata as a non-empty string; numbers (ids) are accepted too."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
