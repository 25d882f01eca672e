"""Read-only queries over an rasd database for the web pages and the JSON API.

``Data(path)`` hands each thread its own read-only SQLite connection and keeps a
:class:`Catalog`: the people of :mod:`rasd.link.identity` and the organisations and places
of the ``entities`` table, each with its statements. Building it reads every entity and
quote once (seconds on a 70K-article database), so it is built once, in the background
at start-up, and rebuilt only when the database has changed (new articles or statements).

Ids are stable: an article's ``id``, a statement's row id, a person's or entity's folded
name (``search_key``), which does not depend on which spelling was seen first.
"""
from __future__ import annotations

import gc
import json
import re
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Iterable

from rasd.arabic import search_key
from rasd.analyze.institutions import gazetteer
from rasd.link import identity, records
from rasd.link.identity import PersonRecord
from rasd.link.records import EntityRecord
from rasd.store.searchtext import ParsedQuery, SearchError, parse_query, snippet, word_terms

# Snippet marks: private-use characters, removed from the text first, so after escaping
# they can only be our own marks.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_MARKS_RE = re.compile("[\ue000\ue001]")

ARTICLE_COLUMNS = "a.id, a.doc, a.title, a.published, a.published_how, a.source, a.url, a.ingested_at"
QUOTE_COLUMNS = (
    'q.id, q.article_id, q."start", q."end", q.text, q.kind, q.cue, q.cue_start, q.cue_end, '
    "q.speaker_name, q.speaker_role, q.speaker_type, q.speaker_start, q.speaker_end, q.resolution, "
    "q.fragments, a.doc, a.title, a.published, a.source"
)



COUNT_CAP = 10_000  # statement lists count this far; beyond it the total reads "more than"

class NotFound(LookupError):
    """An id that names nothing in the database."""


class BadRequest(ValueError):
    """A parameter the user gave that cannot be used (the message says why)."""


_DAY = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def check_date(value: str | None, name: str) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty means no bound."""
    if not value:
        return None
    value = value.strip()
    if not _DAY.fullmatch(value):
        raise BadRequest(f"{name}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


def rows(cur: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def speaker_key(text: str | None) -> str:
    """The folded, space-free form ``quotes.speaker_key`` holds (see rasd.store.sqlite)."""
    return search_key(text).replace(" ", "") if text else ""


# ---------------------------------------------------------------- catalog

@dataclass(slots=True)
class Named:
    """A person, organisation or place across articles, with its statements."""

    type: str  # PER, ORG, LOC, ...
    record: PersonRecord | EntityRecord
    quote_ids: list[int] = field(default_factory=list)  # in time order (undated last)
    months: Counter = field(default_factory=Counter)  # "YYYY-MM" -> statements
    undated: int = 0

    @property
    def key(self) -> str:
        return self.record.key

    @property
    def name(self) -> str:
        return self.record.name

    def summary(self) -> dict[str, Any]:
        r = self.record
        return {"id": r.key, "type": self.type, "name": r.name, "aliases": sorted(r.aliases),
                "articles": len(r.sightings), "quotes": len(self.quote_ids)}


class Catalog:
    """Everyone and everything named across the database, with who said which statement."""

    def __init__(self, conn: sqlite3.Connection):
        t0 = time.perf_counter()
        self.people: dict[str, Named] = {r.key: Named("PER", r) for r in identity.people(conn)}
        # organisations and places as `rasd entities` groups them (name keys, aliases, capitals
        # speaking for their state)
        self.entities: dict[tuple[str, str], Named] = {(r.type, r.key): Named(r.type, r)
                                                        for r in records.entity_records(conn)}
        # (article id, folded name) -> who; a person wins over an entity of the same name
        everyone = [*self.entities.values(), *self.people.values()]
        self._named_of = {id(n.record): n for n in everyone}
        self._owners = identity.OwnerIndex(n.record for n in everyone)
        self.quote_owner: dict[int, Named] = {}
        self.by_speaker_key: dict[str, list[int]] = {}  # quotes.speaker_key -> statement ids
        for qid, aid, speaker, published, skey in conn.execute(
                "SELECT q.id, q.article_id, q.speaker_name, a.published, q.speaker_key FROM articles a "
                'CROSS JOIN quotes q ON q.article_id = a.id '
                'ORDER BY a.published IS NULL, a.published, a.rid, q."start"'):
            self.by_speaker_key.setdefault(skey, []).append(qid)
            if speaker is None:
                continue
            named = self._owner(aid, speaker)
            if named is not None:
                named.quote_ids.append(qid)
                if published:
                    named.months[published[:7]] += 1
                else:
                    named.undated += 1
                self.quote_owner[qid] = named
        rank = lambda n: (-len(n.quote_ids), -len(n.record.sightings), n.name)  # noqa: E731
        self.people_ranked = sorted(self.people.values(), key=rank)
        self.entities_ranked = sorted(self.entities.values(), key=rank)
        self.seconds = time.perf_counter() - t0

    def speaker_quotes(self, key: str) -> list[int]:
        """Statements whose speaker key (folded name and role, no spaces) contains ``key``."""
        return [qid for skey, ids in self.by_speaker_key.items() if key in skey for qid in ids]

    def who(self, article_id: str, name: str | None) -> Named | None:
        return self._owner(article_id, name) if name else None

    def _owner(self, article_id: str, name: str) -> Named | None:
        rec = self._owners.get((article_id, search_key(name)))
        return self._named_of[id(rec)] if rec is not None else None

    def person(self, key: str) -> Named:
        named = self.people.get(key) or self.people.get(search_key(key))
        if named is None:
            raise NotFound(f"no person with id {key!r}")
        return named

    def entity(self, type_: str, key: str) -> Named:
        if type_ == "PER":
            return self.person(key)
        named = self.entities.get((type_, key)) or self.entities.get((type_, gazetteer().name_key(key)))
        if named is None:
            raise NotFound(f"no {type_} entity with id {key!r}")
        return named


def filter_named(found: list[Named], q: str | None) -> list[Named]:
    """Those with a name or alias containing ``q`` (folded: any spelling of hamza, ة/ه, ى/ي)."""
    if not q:
        return found
    key = search_key(q)
    return [n for n in found if any(key in search_key(a) for a in (*n.record.aliases, n.name))]


# ---------------------------------------------------------------- data access

class Data:
    """Read access to one database file, safe to share between request threads."""

    def __init__(self, path: str):
        self.path = path
        self._local = threading.local()
        self._lock = threading.Lock()
        self._catalog: Catalog | None = None
        self._catalog_stamp: tuple | None = None
        self._checked = 0.0
        self._stamp_value: tuple | None = None
        self._building = False
        self._cache: dict[str, Any] = {}
        self._cache_stamp: tuple | None = None

    # connections ------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30.0, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA cache_size = -32768")
            self._local.conn = conn
        return conn

    def all(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        return rows(self.conn.execute(sql, tuple(params)))

    def one(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, tuple(params)).fetchone()
        return row[0] if row else None

    # catalog ----------------------------------------------------------
    def _stamp(self) -> tuple:
        return self.conn.execute(
            "SELECT (SELECT max(rid) FROM articles), (SELECT count(*) FROM articles), "
            "(SELECT max(id) FROM quotes), (SELECT max(id) FROM entities)").fetchone()

    def stamp(self) -> tuple:
        """What the database holds, cheaply (re-read at most once a second)."""
        now = time.monotonic()
        if self._stamp_value is None or now - self._checked >= 1.0:
            self._stamp_value, self._checked = self._stamp(), now
        return self._stamp_value

    def cached(self, name: str, compute) -> Any:
        """``compute()``, remembered until the database changes."""
        stamp = self.stamp()
        if stamp != self._cache_stamp:
            self._cache, self._cache_stamp = {}, stamp
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    @property
    def catalog(self) -> Catalog:
        """The catalog of the database. After a change, the old one serves while a new one is built."""
        stamp = self.stamp()
        if self._catalog is not None and self._catalog_stamp != stamp and not self._building:
            self._building = True
            threading.Thread(target=self._build, args=(stamp,), daemon=True).start()
        if self._catalog is None:
            self._build(stamp)
        return self._catalog  # type: ignore[return-value]

    def _build(self, stamp: tuple) -> None:
        with self._lock:
            try:
                if self._catalog is None or self._catalog_stamp != stamp:
                    self._catalog, self._catalog_stamp = Catalog(self.conn), stamp
                    # Millions of long-lived objects: keep them out of the collector's full
                    # passes, which would otherwise stall requests for hundreds of ms.
                    gc.collect()
                    gc.freeze()
            finally:
                self._building = False

    def warm(self) -> threading.Thread:
        """Build the catalog in a background thread (start-up)."""
        t = threading.Thread(target=self._build, args=(self.stamp(),), name="rasd-catalog", daemon=True)
        t.start()
        return t

    # status -----------------------------------------------------------
    def status(self) -> dict[str, Any]:
        return self.cached("status", self._status)

    def _status(self) -> dict[str, Any]:
        one = self.one
        last = self.conn.execute("SELECT ingested_at FROM articles ORDER BY rid DESC LIMIT 1").fetchone()
        out = {
            "articles": one("SELECT count(*) FROM articles"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "entities": one("SELECT count(*) FROM entities"),
            "dates": one("SELECT count(*) FROM dates"),
            "errors": one("SELECT count(*) FROM errors"),
            "sources": one("SELECT count(DISTINCT source) FROM articles"),
            "last_ingest": last[0] if last else None,
            "schema_version": one("PRAGMA user_version"),
        }
        return out

    def recent_errors(self, limit: int = 5) -> list[dict[str, Any]]:
        return self.all("SELECT id, path, reason, at FROM errors ORDER BY id DESC LIMIT ?", (limit,))

    def sources(self, limit: int = 50) -> list[dict[str, Any]]:
        return self.cached(f"sources{limit}", lambda: self.all("SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL "
                        "GROUP BY source ORDER BY n DESC, source LIMIT ?", (limit,)))

    def cues(self, limit: int = 60) -> list[dict[str, Any]]:
        return self.cached(f"cues{limit}", lambda: self.all("SELECT cue, count(*) AS n FROM quotes WHERE cue IS NOT NULL "
                        "GROUP BY cue ORDER BY n DESC, cue LIMIT ?", (limit,)))

    # articles ---------------------------------------------------------
    def articles(self, *, limit: int, offset: int = 0, source: str | None = None,
                 since: str | None = None, until: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        where, params = _article_filters(source, since, until)
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        total = self.one(f"SELECT count(*) FROM articles a{clause}", params)
        items = self.all(
            f"SELECT {ARTICLE_COLUMNS} FROM articles a{clause} "
            "ORDER BY a.published DESC, a.rid DESC LIMIT ? OFFSET ?",
            [*params, limit, offset])
        return total, items

    def article(self, article_id: str) -> dict[str, Any]:
        found = self.all(f"SELECT {ARTICLE_COLUMNS}, a.text, a.path FROM articles a WHERE a.id = ?",
                         (article_id,))
        if not found:
            raise NotFound(f"no article with id {article_id!r}")
        art = found[0]
        aid = art["id"]
        art["quotes"] = [_quote(r) for r in self.all(
            f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
            'WHERE q.article_id = ? ORDER BY q."start", q.id', (aid,))]
        art["dates"] = self.all('SELECT id, "start", "end", text, value, kind, anchor, calendar FROM dates '
                                'WHERE article_id = ? ORDER BY "start", id', (aid,))
        art["entities"] = [{**e, "roles": json.loads(e["roles"] or "[]"), "aliases": json.loads(e["aliases"] or "[]"),
                            "spans": json.loads(e["spans"] or "[]")}
                           for e in self.all("SELECT id, type, name, roles, mentions, aliases, spans FROM entities "
                                             "WHERE article_id = ? ORDER BY id", (aid,))]
        art["published_evidence"] = _evidence(art)
        return art

    # statements -------------------------------------------------------
    def quotes(self, *, limit: int, offset: int = 0, speaker: str | None = None, cue: str | None = None,
               kind: str | None = None, source: str | None = None, since: str | None = None,
               until: str | None = None, article: str | None = None) -> tuple[int, list[dict[str, Any]]]:
        key = speaker_key(speaker)
        where, params = _where(
            *_article_conditions(source, since, until),
            # a speaker: the statements whose speaker key contains it, from the catalog's index
            (key and json.dumps(self.catalog.speaker_quotes(key)), "q.id IN (SELECT value FROM json_each(?))"),
            (cue, "q.cue = ?"), (kind, "q.kind = ?"), (article, "q.article_id = ?"))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        article_level = bool(source or since or until)
        # counted up to COUNT_CAP: an exact count of 100,000 "وقال" statements costs more than the page
        total = self.one("SELECT count(*) FROM (SELECT 1 FROM quotes q"
                         + (" JOIN articles a ON a.id = q.article_id" if article_level else "") + clause
                         + f" LIMIT {COUNT_CAP + 1})", params)
        # Many matches: walk the articles newest first (their index) and stop at the page,
        # after about (offset + limit) / share-of-matches statements. Few: sort the matches.
        # (a speaker bounds the statements already; a capped count means many)
        walk = not key and ((offset + limit) * 10 < total or total > COUNT_CAP)
        # (INDEXED BY: with a cue or kind filter SQLite would otherwise scan that index once per article)
        join = ("FROM articles a CROSS JOIN quotes q INDEXED BY quotes_article ON q.article_id = a.id" if walk
                else "FROM quotes q JOIN articles a ON a.id = q.article_id")
        items = self.all(f"SELECT {QUOTE_COLUMNS} {join}{clause} "
                         'ORDER BY a.published DESC, a.rid DESC, q."start" LIMIT ? OFFSET ?',
                         [*params, limit, offset])
        return total, [_quote(r) for r in items]

    def quote(self, quote_id: int) -> dict[str, Any]:
        found = self.all(f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
                         "WHERE q.id = ?", (quote_id,))
        if not found:
            raise NotFound(f"no statement with id {quote_id}")
        return _quote(found[0])

    def quotes_by_id(self, ids: list[int]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out += self.all(f"SELECT {QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
                            f"WHERE q.id IN ({','.join('?' * len(chunk))})", chunk)
        return [_quote(r) for r in out]

    def with_speakers(self, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add ``speaker_id`` / ``speaker_entity_type``: the person or entity page of each speaker."""
        cat = self.catalog
        for q in quotes:
            named = cat.quote_owner.get(q["id"])
            q["speaker_id"] = named.key if named else None
            q["speaker_entity_type"] = named.type if named else None
        return quotes

    # people and entities ---------------------------------------------
    def profile(self, named: Named, *, limit: int = 100, offset: int = 0) -> dict[str, Any]:
        """Everything the person / entity page shows; statements in time order, one page of them."""
        rec = named.record
        said = self.quotes_by_id(named.quote_ids[offset:offset + limit])
        order = {qid: i for i, qid in enumerate(named.quote_ids)}
        said.sort(key=lambda q: order[q["id"]])
        by_outlet: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for q in said:
            by_outlet.setdefault(q["source"] or "", {}).setdefault(q["article_id"], []).append(q)
        return {
            **named.summary(),
            "roles": rec.role_history(),
            "seen": [s.to_dict() for s in sorted(rec.sightings.values(), key=lambda s: s.order)],
            "months": sorted(named.months.items()),
            "undated": named.undated,
            "statements": said,
            "limit": limit,
            "offset": offset,
            "by_outlet": by_outlet,
        }

    # search -----------------------------------------------------------
    def _ranked(self, parsed: ParsedQuery, filters: dict[str, Any], limit: int,
                offset: int = 0) -> tuple[int, list[tuple[str, float]]]:
        """How many articles match, and (id, score) of ``limit`` of them from ``offset``, best first."""
        where, params = _where(
            *_article_conditions(filters.get("source"), filters.get("since"), filters.get("until")),
            (speaker_key(filters.get("speaker")),
             "EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND instr(q.speaker_key, ?) > 0)"),
            (filters.get("entity"), "EXISTS (SELECT 1 FROM entities e WHERE e.article_id = a.id AND e.name = ?)"))
        # The index first, always (CROSS JOIN): SQLite would otherwise walk e.g. a whole outlet
        # and probe the index once per article.
        base = ("FROM articles_fts f CROSS JOIN articles a ON a.rid = f.rowid WHERE articles_fts MATCH ?"
                + "".join(" AND " + w for w in where))
        args = [parsed.fts, *params]
        try:
            if where:  # every match has to be looked at anyway: one pass, sorted here
                hits = self.conn.execute(f"SELECT a.id, -bm25(articles_fts, 3.0, 1.0), a.rid {base}", args).fetchall()
                hits.sort(key=lambda h: (-h[1], h[2]))
                return len(hits), [(aid, score) for aid, score, _ in hits[offset:offset + limit]]
            total = self.one("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", args)
            ranked = self.conn.execute(f"SELECT a.id, -bm25(articles_fts, 3.0, 1.0) AS score {base} "
                                       "ORDER BY score DESC, a.rid LIMIT ? OFFSET ?",
                                       [*args, limit, offset]).fetchall()
        except sqlite3.OperationalError as e:  # should not happen: parse_query quotes every term
            raise SearchError(f"cannot search: {e}") from None
        return total, ranked

    def search(self, query: str, *, limit: int, offset: int = 0, facet_window: int = 500,
               **filters: Any) -> dict[str, Any]:
        """Articles matching ``query`` (the store's folding and stemming), best first, with facets.

        ``filters``: source, speaker, entity, since, until. Facet counts are over the
        ``facet_window`` best matches (all of them when fewer). Raises ``SearchError``
        for a query without words.
        """
        parsed = parse_query(query)
        total, ranked = self._ranked(parsed, filters, max(facet_window, offset + limit))
        page = ranked[offset:offset + limit]
        if offset + limit > len(ranked) and offset < total:  # past the window: rank that page alone
            page = self._ranked(parsed, filters, limit, offset)[1]
        score = dict(page)
        hits = self._articles_by_id([aid for aid, _ in page])
        for h in hits:
            text = _MARKS_RE.sub("", h.pop("text"))
            h["score"] = score[h["id"]]
            h["snippet"] = snippet(text, parsed.terms, marks=(MARK_OPEN, MARK_CLOSE), words=30)
        return {"query": query, "total": total, "items": hits, "facets": self._facets([i for i, _ in ranked]),
                "facet_window": min(total, facet_window), "parsed": parsed}

    def _articles_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        """Articles (with text) in the order of ``ids``."""
        if not ids:
            return []
        found = {r["id"]: r for r in self.all(f"SELECT {ARTICLE_COLUMNS}, a.text FROM articles a "
                                              f"WHERE a.id IN ({','.join('?' * len(ids))})", ids)}
        return [found[i] for i in ids if i in found]

    def _facets(self, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
        if not ids:
            return {"source": [], "speaker": [], "entity": [], "month": []}
        hits = "(SELECT value AS id FROM json_each(?)) h"
        args = (json.dumps(ids),)
        out = {
            "source": self.all(f"SELECT a.source AS value, count(*) AS n FROM {hits} "
                               "JOIN articles a ON a.id = h.id WHERE a.source IS NOT NULL "
                               "GROUP BY a.source ORDER BY n DESC, value LIMIT 15", args),
            "speaker": self.all(f"SELECT q.speaker_name AS value, count(DISTINCT q.article_id) AS n "
                                f"FROM {hits} JOIN quotes q ON q.article_id = h.id "
                                "WHERE q.speaker_name IS NOT NULL AND q.speaker_type != 'UNNAMED' "
                                "GROUP BY q.speaker_name ORDER BY n DESC, value LIMIT 15", args),
            "entity": self.all(f"SELECT e.name AS value, e.type AS type, count(DISTINCT e.article_id) AS n "
                               f"FROM {hits} JOIN entities e ON e.article_id = h.id "
                               "GROUP BY e.name, e.type ORDER BY n DESC, value LIMIT 15", args),
            "month": self.all(f"SELECT substr(a.published, 1, 7) AS value, count(*) AS n FROM {hits} "
                              "JOIN articles a ON a.id = h.id WHERE a.published IS NOT NULL "
                              "GROUP BY 1 ORDER BY 1 DESC LIMIT 24", args),
        }
        return out

    def search_statements(self, query: str, *, limit: int, offset: int = 0, window: int = 200,
                          **filters: Any) -> dict[str, Any]:
        """Statements whose own text matches ``query``, in the ``window`` best-matching articles."""
        parsed = parse_query(query)
        articles_total, ranked = self._ranked(parsed, filters, window)
        ids = [aid for aid, _ in ranked]
        match = QueryMatcher(parsed.fts)
        key = speaker_key(filters.get("speaker"))
        order = {aid: i for i, aid in enumerate(ids)}
        items: list[dict[str, Any]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            for q in self.all(f"SELECT {QUOTE_COLUMNS}, q.speaker_key AS _key FROM quotes q "
                              f"JOIN articles a ON a.id = q.article_id "
                              f"WHERE q.article_id IN ({','.join('?' * len(chunk))})", chunk):
                if (not key or key in q.pop("_key")) and match(q["text"]):
                    q.pop("_key", None)
                    items.append(q)
        items.sort(key=lambda q: (order[q["article_id"]], q["start"]))
        page = [_quote(q) for q in items[offset:offset + limit]]
        for q in page:
            q["snippet"] = snippet(_MARKS_RE.sub("", q["text"]), parsed.terms, marks=(MARK_OPEN, MARK_CLOSE),
                                   words=40)
        return {"query": query, "total": len(items), "items": page, "facets": self._facets([i for i, _ in ranked]),
                "facet_window": len(ranked), "articles_searched": len(ids), "articles_total": articles_total}


class QueryMatcher:
    """Does a text match an FTS expression made by ``parse_query``? (OR of ANDs of phrases.)"""

    _PHRASE = re.compile(r'"((?:[^"]|"")*)"')

    def __init__(self, fts: str):
        self.groups = [[tuple(p.replace('""', '"').split()) for p in self._PHRASE.findall(group)]
                       for group in re.split(r"\)\s+OR\s+\(", fts)]

    def __call__(self, text: str) -> bool:
        terms = word_terms(text)
        joined = " " + " ".join(terms) + " "
        return any(all(" " + " ".join(p) + " " in joined for p in group) for group in self.groups if group)


def _where(*conditions: tuple[Any, str]) -> tuple[list[str], list[Any]]:
    """SQL conditions with their parameters, for the values given (an empty value skips one)."""
    where = [sql for value, sql in conditions if value]
    return where, [value for value, _ in conditions if value]


def _article_conditions(source: str | None, since: str | None, until: str | None) -> list[tuple[Any, str]]:
    return [(source, "a.source = ?"), (since, "a.published >= ?"),
            (until and _next_day(until), "a.published < ?")]


def _article_filters(source: str | None, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    return _where(*_article_conditions(source, since, until))


def _next_day(until: str) -> str:
    """``published < this`` keeps everything on ``until`` (a date, month or year)."""
    return until + "\uffff"


def _quote(r: dict[str, Any]) -> dict[str, Any]:
    r = dict(r)
    frags = r.get("fragments")
    r["fragments"] = json.loads(frags) if isinstance(frags, str) else (frags or [])
    return r


def _evidence(art: dict[str, Any]) -> dict[str, Any] | None:
    """How the publication date was found, and (when the text states it) where."""
    if not art.get("published"):
        return None
    how = art.get("published_how")
    span = None
    day = art["published"][:10]
    if how and how != "metadata":
        for d in art["dates"]:
            if d["value"] == day:
                span = {"start": d["start"], "end": d["end"], "text": d["text"]}
                break
    return {"how": how, "span": span}


def check_query(query: str) -> None:
    """Raise ``SearchError`` for a query that cannot run (before any database work)."""
    parse_query(query)
