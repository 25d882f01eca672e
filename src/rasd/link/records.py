"""One record per organisation or place across articles.

Articles already name an organisation or place canonically where the alias table knows it
(أميركا → الولايات المتحدة, تنظيم داعش → داعش). Across articles the record key is the name key
of :mod:`rasd.analyze.institutions`: hamza, ة/ه, ى/ي and listed spelling variants folded, so
"القوات الأميركية" and "القوات الأمريكية" are one record. The key is the blocking key too:
one pass over the entities table, linear in the articles. A capital that speaks for its state
in an article ("واشنطن تعهدت", the ``when = speaker`` rows of entity_aliases.tsv) counts there
for the state's record; elsewhere it is the city.

People are linked by :mod:`rasd.link.identity`, which needs their titles and surnames.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from rasd.analyze.institutions import gazetteer
from rasd.resources import table
from rasd.link.identity import Sighting, _article_dates


@dataclass(slots=True)
class EntityRecord:
    type: str
    name: str
    key: str
    aliases: dict[str, int] = field(default_factory=dict)  # surface form -> articles using it
    sightings: dict[str, Sighting] = field(default_factory=dict)  # article id -> sighting
    names: dict[str, int] = field(default_factory=dict)  # canonical names given -> articles
    roles: dict = field(default_factory=dict)  # organisations and places hold no titles (as PersonRecord)

    def role_history(self) -> list[dict[str, Any]]:
        return []

    def to_dict(self, with_articles: bool = False) -> dict[str, Any]:
        seen = sorted(self.sightings.values(), key=lambda s: s.order)
        dated = [s.published or s.not_before for s in seen if s.published or s.not_before]
        out = {
            "type": self.type,
            "name": self.name,
            "aliases": sorted(self.aliases, key=lambda a: (-self.aliases[a], a)),
            "articles": len(self.sightings),
            "first_seen": min(dated) if dated else None,
            "last_seen": max(dated) if dated else None,
            "sources": sorted({s.source for s in seen if s.source}),
        }
        if with_articles:
            out["seen"] = [s.to_dict() for s in seen]
        return out


def entity_records(conn: sqlite3.Connection, etype: str | None = None) -> list[EntityRecord]:
    """Organisations and places (``etype`` ORG or LOC, default both), most widely seen first."""
    key_of = gazetteer().name_key
    sightings = _article_dates(conn)
    states = {key_of(r["variant"]): r["canonical"] for r in table("entity_aliases.tsv") if r["when"] == "speaker"}
    speaking = {(aid, key_of(name)) for aid, name in conn.execute(
        "SELECT DISTINCT article_id, speaker_name FROM quotes WHERE speaker_type = 'ORG'")
        if key_of(name) in states}
    records: dict[tuple[str, str], EntityRecord] = {}
    types = ("ORG", "LOC") if etype is None else (etype,)
    query = f"SELECT article_id, type, name, aliases FROM entities WHERE type IN ({','.join('?' * len(types))})"
    for aid, typ, name, aliases in conn.execute(query, types):
        seen = sightings.get(aid)
        if seen is None:
            continue
        key = key_of(name)
        if (aid, key) in speaking:  # the capital speaks for the state here
            name, key = states[key], key_of(states[key])
        rec = records.get((typ, key))
        if rec is None:
            rec = records[(typ, key)] = EntityRecord(typ, name, key)
        new_article = aid not in rec.sightings
        rec.sightings[aid] = seen
        if new_article:
            rec.names[name] = rec.names.get(name, 0) + 1
            for alias in set(json.loads(aliases or "[]")) | {name}:
                rec.aliases[alias] = rec.aliases.get(alias, 0) + 1
    for rec in records.values():
        rec.name = max(rec.names, key=lambda n: (rec.names[n], -len(n)))  # the usual canonical form
    return sorted(records.values(), key=lambda r: (-len(r.sightings), r.type, r.name))


def find_entity(conn: sqlite3.Connection, name: str, etype: str | None = None) -> EntityRecord | None:
    """The record a name (canonical or any alias, any spelling) points to."""
    key_of = gazetteer().name_key
    key = key_of(name)
    records = entity_records(conn, etype)
    for rec in records:
        if rec.key == key:
            return rec
    for rec in records:
        if any(key_of(a) == key for a in rec.aliases):
            return rec
    return None
