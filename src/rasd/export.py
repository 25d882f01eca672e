"""Exports: articles, quotes, people and entities as JSON Lines, CSV or Parquet.

    rows(store_or_conn, what)                 -> Iterator[dict]   one dict per row, columns as below
    write(store_or_conn, what, fmt, out, ...) -> int              rows written to ``out`` (path or binary file)

Every ``what`` has a fixed column set (``COLUMNS[what]``), in that order, whatever the
data; a missing value is ``None`` (JSON ``null``, an empty CSV cell, a Parquet null).
Ids are stable: ``articles.id`` (the input's id or a content hash), ``quotes.id``,
and a person's ``key`` (their folded full name, as :mod:`rasd.link.identity` groups
them); quotes and entities carry the ``person_key`` of the person they belong to.

Nested values (``fragments``, ``aliases``, ``roles``) are JSON arrays in JSON Lines,
JSON text in CSV (``json.loads`` the cell) and native lists/structs in Parquet.

Columns
-------
articles: id, doc, title, published, published_how, source, url, path, content_hash,
    ingested_at, ingest_run, quotes (count), entities (count), text
quotes: id, article_id, start, end, text, kind, cue, cue_start, cue_end, fragments
    ([[start, end], ...] of the quoted parts of a mixed quote), speaker_name, speaker_role,
    speaker_type, speaker_start, speaker_end, resolution, person_key, published, source
    -- ``start``/``end`` and the other offsets index the article's ``text``:
    ``article.text[start:end] == text``
people: key, name, aliases, articles (count), quotes (count), first_seen, last_seen,
    roles ([{role, first_seen, last_seen, articles}], earliest first)
    -- a date is the article's publication date, else the latest date the article
    mentions (it was published no earlier), else null (see rasd.link.identity)
entities: id, article_id, type, name, aliases, roles, mentions (count), spans ([[start, end], ...]),
    person_key

Streaming: rows come from a cursor, JSON Lines and CSV are written row by row and
Parquet in row groups of ``batch_size`` rows, so memory does not grow with the
database. ``people`` (and the ``person_key`` of quotes and entities) needs the
cross-article people index, which holds every person (not every article) in memory.
"""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from typing import IO, Any

from rasd.arabic import search_key

__all__ = ["COLUMNS", "FORMATS", "WHATS", "ExportError", "rows", "write"]

FORMATS = ("jsonl", "csv", "parquet")
WHATS = ("articles", "quotes", "people", "entities")

# Column name -> type: str, int, or a nested type (JSON in CSV, native in Parquet).
_ARTICLES = {
    "id": "str", "doc": "str", "title": "str", "published": "str", "published_how": "str",
    "source": "str", "url": "str", "path": "str", "content_hash": "str", "ingested_at": "str",
    "ingest_run": "int", "quotes": "int", "entities": "int", "text": "str",
}
_QUOTES = {
    "id": "int", "article_id": "str", "start": "int", "end": "int", "text": "str", "kind": "str",
    "cue": "str", "cue_start": "int", "cue_end": "int", "fragments": "spans",
    "speaker_name": "str", "speaker_role": "str", "speaker_type": "str", "speaker_start": "int",
    "speaker_end": "int", "resolution": "str", "person_key": "str", "published": "str", "source": "str",
}
_PEOPLE = {
    "key": "str", "name": "str", "aliases": "strings", "articles": "int", "quotes": "int",
    "first_seen": "str", "last_seen": "str", "roles": "roles",
}
_ENTITIES = {
    "id": "int", "article_id": "str", "type": "str", "name": "str", "aliases": "strings",
    "roles": "strings", "mentions": "int", "spans": "spans", "person_key": "str",
}
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": tuple(_ARTICLES), "quotes": tuple(_QUOTES),
    "people": tuple(_PEOPLE), "entities": tuple(_ENTITIES),
}
_TYPES = {"articles": _ARTICLES, "quotes": _QUOTES, "people": _PEOPLE, "entities": _ENTITIES}
_NESTED = ("spans", "strings", "roles")


class ExportError(ValueError):
    """An export that cannot be made (unknown ``what`` or format, Parquet to a pipe)."""


def _conn(store_or_conn: Any) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.connection


def _check(what: str, fmt: str | None = None) -> None:
    if what not in WHATS:
        raise ExportError(f"unknown export {what!r}; one of {', '.join(WHATS)}")
    if fmt is not None and fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


# ---------------------------------------------------------------- rows

def _articles(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    cur = conn.execute(
        "SELECT a.id, a.doc, a.title, a.published, a.published_how, a.source, a.url, a.path, "
        "a.content_hash, a.ingested_at, a.ingest_run, "
        "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id), "
        "(SELECT count(*) FROM entities e WHERE e.article_id = a.id), a.text "
        "FROM articles a ORDER BY a.rid")
    names = COLUMNS["articles"]
    for r in cur:
        yield dict(zip(names, r))


class _Owners:
    """(article id, folded name) -> person key, from the cross-article people index."""

    def __init__(self, conn: sqlite3.Connection):
        from rasd.link.identity import OwnerIndex, people

        self.records = people(conn)
        self.owner = OwnerIndex(self.records)

    def key(self, article_id: str, name: str | None) -> str | None:
        rec = self.owner.get((article_id, search_key(name))) if name else None
        return rec.key if rec else None


def _quotes(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    owners = _Owners(conn)
    cur = conn.execute(
        'SELECT q.id, q.article_id, q."start", q."end", q.text, q.kind, q.cue, q.cue_start, q.cue_end, '
        "q.fragments, q.speaker_name, q.speaker_role, q.speaker_type, q.speaker_start, q.speaker_end, "
        "q.resolution, a.published, a.source "
        'FROM quotes q JOIN articles a ON a.id = q.article_id ORDER BY a.rid, q."start", q.id')
    for (qid, aid, start, end, text, kind, cue, cs, ce, frags, name, role, stype, ss, se, res,
         published, source) in cur:
        yield {
            "id": qid, "article_id": aid, "start": start, "end": end, "text": text, "kind": kind,
            "cue": cue, "cue_start": cs, "cue_end": ce, "fragments": json.loads(frags) if frags else [],
            "speaker_name": name, "speaker_role": role, "speaker_type": stype, "speaker_start": ss,
            "speaker_end": se, "resolution": res,
            "person_key": owners.key(aid, name) if stype == "PER" else None,
            "published": published, "source": source,
        }


def _when(seen: dict[str, Any]) -> str | None:
    return seen["published"] or seen["not_before"]


def _people(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    for rec in _Owners(conn).records:
        d = rec.to_dict()
        dated = [w for w in map(_when, d["seen"]) if w]
        yield {
            "key": rec.key, "name": d["name"], "aliases": d["aliases"], "articles": d["articles"],
            "quotes": d["quotes"],
            "first_seen": dated[0] if dated else None, "last_seen": max(dated) if dated else None,
            "roles": [_role(r) for r in d["roles"]],
        }


def _role(row: dict[str, Any]) -> dict[str, Any]:
    dated = [w for w in map(_when, row["seen"]) if w]
    return {"role": row["role"], "first_seen": dated[0] if dated else None,
            "last_seen": max(dated) if dated else None, "articles": len(row["seen"])}


def _entities(conn: sqlite3.Connection) -> Iterator[dict[str, Any]]:
    owners = _Owners(conn)
    cur = conn.execute("SELECT id, article_id, type, name, aliases, roles, mentions, spans FROM entities ORDER BY id")
    for eid, aid, etype, name, aliases, roles, mentions, spans in cur:
        yield {
            "id": eid, "article_id": aid, "type": etype, "name": name,
            "aliases": json.loads(aliases or "[]"), "roles": json.loads(roles or "[]"), "mentions": mentions,
            "spans": json.loads(spans or "[]"),
            "person_key": owners.key(aid, name) if etype == "PER" else None,
        }


_ROWS: dict[str, Callable[[sqlite3.Connection], Iterator[dict[str, Any]]]] = {
    "articles": _articles, "quotes": _quotes, "people": _people, "entities": _entities,
}


def rows(store_or_conn: Any, what: str) -> Iterator[dict[str, Any]]:
    """Every row of ``what`` (one of ``WHATS``) as a dict with the keys ``COLUMNS[what]``.

    ``store_or_conn`` is a :class:`rasd.store.Store` or its ``sqlite3.Connection``.
    Nested values are Python lists/dicts. Rows are streamed from the database.
    """
    _check(what)
    return _ROWS[what](_conn(store_or_conn))


# ---------------------------------------------------------------- writers

def _jsonl(it: Iterator[dict[str, Any]], out: IO[str], what: str) -> int:
    n = 0
    for row in it:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _csv(it: Iterator[dict[str, Any]], out: IO[str], what: str) -> int:
    nested = [c for c, t in _TYPES[what].items() if t in _NESTED]
    w = csv.DictWriter(out, fieldnames=COLUMNS[what], lineterminator="\r\n")
    w.writeheader()
    n = 0
    for row in it:
        for c in nested:
            row[c] = json.dumps(row[c], ensure_ascii=False)
        w.writerow(row)
        n += 1
    return n


def _arrow_schema(what: str):
    import pyarrow as pa

    kinds = {
        "str": pa.string(), "int": pa.int64(), "strings": pa.list_(pa.string()),
        "spans": pa.list_(pa.list_(pa.int64())),
        "roles": pa.list_(pa.struct([("role", pa.string()), ("first_seen", pa.string()),
                                     ("last_seen", pa.string()), ("articles", pa.int64())])),
    }
    return pa.schema([(c, kinds[t]) for c, t in _TYPES[what].items()])


def _parquet(it: Iterator[dict[str, Any]], out: Any, what: str, batch_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _arrow_schema(what)
    n = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in it:
            batch.append(row)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n += len(batch)
                batch = []
        if batch or not n:  # an empty export still has its schema
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
    return n


def write(store_or_conn: Any, what: str, fmt: str, out: str | os.PathLike[str] | IO[bytes], *,
          excel: bool = False, batch_size: int | None = None) -> int:
    """Write every row of ``what`` to ``out`` in ``fmt``; returns the number of rows.

    ``out`` is a path or a binary file object (left open). ``excel=True`` starts a CSV
    with a UTF-8 byte-order mark, so Excel opens Arabic text correctly. Parquet is
    written in row groups of ``batch_size`` rows (default 2,000 articles, 20,000 others).
    """
    _check(what, fmt)
    if isinstance(out, (str, os.PathLike)):
        with open(out, "wb") as f:
            return write(store_or_conn, what, fmt, f, excel=excel, batch_size=batch_size)
    it = rows(store_or_conn, what)
    if fmt == "parquet":
        return _parquet(it, out, what, batch_size or (2_000 if what == "articles" else 20_000))
    text = io.TextIOWrapper(out, encoding="utf-8-sig" if excel and fmt == "csv" else "utf-8",
                            newline="", write_through=False)
    try:
        return (_csv if fmt == "csv" else _jsonl)(it, text, what)
    finally:
        text.flush()
        text.detach()  # the caller's file stays open
