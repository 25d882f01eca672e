"""One record per person across articles, with the roles they were seen under, in time order.

Within an article, people are already resolved (rasd.analyze.people: "الخفاجي" and a
title-only mention point to the full name). Across articles the evidence is the name:

* mentions with the same full name (two words or more, folded: hamza, ة/ه, ى/ي) are one
  person; the full name is the blocking key, so linking stays linear in the articles;
* an article that names someone by one word only ("الخفاجي") joins the record whose full
  name ends with it, but only when exactly one such record exists: two different people
  sharing a surname are never merged on the surname alone.

When an article was seen is its publication date, or, when it states none, a lower bound:
the latest date it mentions ("cannot be older than"). An article with neither stays undated.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Any

from rasd.arabic import search_key


@dataclass(slots=True)
class Sighting:
    """One article a person was seen in, and when that article was published or not before."""

    article: str
    doc: str
    source: str | None
    published: str | None
    not_before: str | None

    @property
    def order(self) -> tuple[int, str]:
        """Sort key: dated articles by date, then lower bounds, then undated ones."""
        if self.published:
            return (0, self.published)
        if self.not_before:
            return (1, self.not_before)
        return (2, self.doc)

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "doc": self.doc, "source": self.source,
                "published": self.published, "not_before": self.not_before}


@dataclass(slots=True)
class PersonRecord:
    name: str
    key: str
    aliases: set[str] = field(default_factory=set)
    roles: dict[str, list[Sighting]] = field(default_factory=dict)
    sightings: dict[str, Sighting] = field(default_factory=dict)  # article id -> sighting
    quotes: int = 0

    def role_history(self) -> list[dict[str, Any]]:
        """Roles ordered by the earliest evidence of each, with every sighting in order."""
        rows = []
        for role, seen in self.roles.items():
            seen = sorted(seen, key=lambda s: s.order)
            rows.append({"role": role, "first": seen[0].order, "seen": [s.to_dict() for s in seen]})
        rows.sort(key=lambda r: r["first"])
        for r in rows:
            del r["first"]
        return rows

    def to_dict(self, statements: list[dict] | None = None) -> dict[str, Any]:
        out = {
            "name": self.name,
            "aliases": sorted(self.aliases),
            "articles": len(self.sightings),
            "quotes": self.quotes,
            "roles": self.role_history(),
            "seen": [s.to_dict() for s in sorted(self.sightings.values(), key=lambda s: s.order)],
        }
        if statements is not None:
            out["statements"] = statements
        return out


def _article_dates(conn: sqlite3.Connection) -> dict[str, Sighting]:
    rows = conn.execute(
        "SELECT a.id, a.doc, a.source, a.published, "
        "(SELECT max(d.value) FROM dates d WHERE d.article_id = a.id AND d.value IS NOT NULL) "
        "FROM articles a").fetchall()
    return {aid: Sighting(aid, doc, source, published[:10] if published else None,
                          None if published else latest)
            for aid, doc, source, published, latest in rows}


def people(conn: sqlite3.Connection) -> list[PersonRecord]:
    """Every person in the database as one record, most quoted first."""
    sightings = _article_dates(conn)
    records: dict[str, PersonRecord] = {}
    single: list[tuple] = []
    for aid, name, roles, aliases in conn.execute(
            "SELECT article_id, name, roles, aliases FROM entities WHERE type = 'PER' ORDER BY id"):
        key = search_key(name)
        row = (aid, name, json.loads(roles or "[]"), json.loads(aliases or "[]"))
        if len(key.split()) < 2:
            single.append((key, row))
            continue
        _add(records.setdefault(key, PersonRecord(name, key)), row, sightings)
    by_surname: dict[str, list[PersonRecord]] = {}
    for rec in records.values():
        by_surname.setdefault(rec.key.split()[-1], []).append(rec)
    for key, row in single:
        owners = by_surname.get(key, [])
        if len(owners) == 1:  # unambiguous: one full name ends with this word
            _add(owners[0], row, sightings)
        else:
            _add(records.setdefault(key, PersonRecord(row[1], key)), row, sightings)
    _count_quotes(conn, records)
    return sorted(records.values(), key=lambda r: (-r.quotes, -len(r.sightings), r.name))


def _add(rec: PersonRecord, row: tuple, sightings: dict[str, Sighting]) -> None:
    aid, name, roles, aliases = row
    seen = sightings.get(aid)
    if seen is None:
        return
    rec.sightings[aid] = seen
    rec.aliases.update([name, *aliases])
    if len(name) > len(rec.name):
        rec.name = name
    for role in roles:
        bucket = rec.roles.setdefault(role, [])
        if all(s.article != aid for s in bucket):
            bucket.append(seen)


def _names_of(rec: PersonRecord) -> set[str]:
    return {search_key(a) for a in rec.aliases} | {rec.key}


class OwnerIndex:
    """Who a name points to in an article: ``index.get((article id, folded name))`` is the record
    (person, organisation or place: anything with ``key``, ``aliases`` and ``sightings``) seen in
    that article under that name; a later record wins a shared name. Look speakers up with
    ``search_key(name)``. Built from the names alone (not names × articles: the United States
    alone is seen in thousands of articles under dozens of names)."""

    def __init__(self, records: Iterable):
        self.by_name: dict[str, list[Any]] = {}
        for rec in records:
            for n in _names_of(rec):
                self.by_name.setdefault(n, []).append(rec)

    def get(self, key: tuple[str, str], default: Any = None) -> Any:
        aid, name = key
        for rec in reversed(self.by_name.get(name, ())):
            if aid in rec.sightings:
                return rec
        return default


def _count_quotes(conn: sqlite3.Connection, records: dict[str, PersonRecord]) -> None:
    owner = OwnerIndex(records.values())
    for aid, speaker in conn.execute("SELECT article_id, speaker_name FROM quotes WHERE speaker_name IS NOT NULL"):
        rec = owner.get((aid, search_key(speaker)))
        if rec is not None:
            rec.quotes += 1


def find_person(conn: sqlite3.Connection, name: str) -> PersonRecord | None:
    """The record a name (full name or any alias, any spelling) points to."""
    key = search_key(name)
    found = [r for r in people(conn) if key == r.key or key in _names_of(r)]
    return found[0] if found else None


def statements(conn: sqlite3.Connection, rec: PersonRecord) -> list[dict[str, Any]]:
    """The person's quotes from every article they were seen in, in time order."""
    names = _names_of(rec)
    out = []
    for row in conn.execute(
            'SELECT q.article_id, q.text, q.kind, q.cue, q.speaker_name, q.speaker_role, q."start", q."end" '
            'FROM quotes q ORDER BY q.article_id, q."start"'):
        aid, text, kind, cue, speaker, role, start, end = row
        if aid in rec.sightings and speaker and search_key(speaker) in names:
            seen = rec.sightings[aid]
            out.append({**seen.to_dict(), "text": text, "kind": kind, "cue": cue, "role": role,
                        "start": start, "end": end, "_order": seen.order})
    out.sort(key=lambda r: r.pop("_order"))
    return out
