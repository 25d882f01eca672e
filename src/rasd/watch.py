"""Watchlists: saved queries over the store, and an Atom feed of what is new for each.

A watchlist names a ``person``, a ``term``, an ``entity``, or several of them; every
condition given must hold (AND):

* ``person``: statements (quotes) the person made. The name goes through the
  cross-article people index (:mod:`rasd.link.identity`), so any alias and any spelling
  of hamza, ة/ه, ى/ي finds the same person ("الخفاجى" finds al-Khafaji's statements,
  also in articles that name him by surname only). A name the index does not know
  (an organisation, say) matches speakers whose folded name contains it as words.
* ``term``: articles matching the full-text query, with the same Arabic folding and
  stemming as ``rasd search`` (plain words ANDed, ``"phrases"``, ``OR``).
* ``entity``: articles with a person or organisation (``entities``) whose name or an
  alias contains the given words, folded ("الكاظمي" finds "مصطفى الكاظمي").

With a ``person`` the matches are that person's statements in articles meeting the
other conditions; without one they are the articles.

"New" means stored by an ingest run (``ingest_runs``) that finished after the watchlist
was created: ``Watchlist.after_run`` is the latest run at creation, and
``matches(..., since=wl.after_run)`` / the Atom feed list only later runs' items,
newest run first.

    add(store, name, *, person=None, term=None, entity=None) -> Watchlist
    list_all(store) -> list[Watchlist]
    get(store, id) -> Watchlist                 (WatchlistNotFound for an unknown id)
    delete(store, id) -> None                   (WatchlistNotFound for an unknown id)
    matches(store, wl, *, since=None, limit=100) -> list[dict]
    new_matches(store, wl, *, limit=100) -> list[dict]   (= matches(since=wl.after_run))
    atom(store, wl, base_url, *, limit=100, article_url=None) -> str
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import quote as urlquote

from rasd.arabic import search_key
from rasd.store.searchtext import SearchError, parse_query, snippet

__all__ = [
    "TAG",
    "Watchlist",
    "WatchlistError",
    "WatchlistNotFound",
    "add",
    "atom",
    "delete",
    "get",
    "list_all",
    "matches",
    "new_matches",
]

# Entry and feed ids: tag URIs (RFC 4151) that do not depend on where the UI is served.
TAG = "tag:rasd.invalid,2026:"
_COLUMNS = ("id", "name", "person", "term", "entity", "created_at", "after_run")


class WatchlistError(ValueError):
    """A watchlist that cannot be saved (no condition, a query without words...)."""


class WatchlistNotFound(LookupError):
    """No watchlist with that id."""

    def __init__(self, wid: object):
        super().__init__(f"no watchlist with id {wid!r}")
        self.id = wid

    def __str__(self) -> str:  # LookupError would show the repr of the message
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Watchlist:
    id: int
    name: str
    person: str | None
    term: str | None
    entity: str | None
    created_at: str  # ISO 8601, UTC
    after_run: int  # latest finished ingest run when created; later runs' items are new

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def describe(self) -> str:
        parts = [f"{k}={v}" for k, v in (("person", self.person), ("term", self.term),
                                          ("entity", self.entity)) if v]
        return " AND ".join(parts)


def _conn(store_or_conn: Any) -> sqlite3.Connection:
    return store_or_conn if isinstance(store_or_conn, sqlite3.Connection) else store_or_conn.connection


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


# ---------------------------------------------------------------- CRUD

def add(store: Any, name: str, *, person: str | None = None, term: str | None = None,
        entity: str | None = None) -> Watchlist:
    """Save a watchlist; at least one of ``person``, ``term``, ``entity`` is required."""
    name, person, term, entity = _clean(name), _clean(person), _clean(term), _clean(entity)
    if not name:
        raise WatchlistError("a watchlist needs a name")
    if not (person or term or entity):
        raise WatchlistError("a watchlist needs a person, a term or an entity")
    for label, value in (("person", person), ("entity", entity)):
        if value and not search_key(value):
            raise WatchlistError(f"{label} {value!r} has no letters or digits")
    if term:
        try:
            parse_query(term)
        except SearchError as exc:
            raise WatchlistError(f"term {term!r}: {exc}") from None
    conn = _conn(store)
    after = conn.execute("SELECT coalesce(max(id), 0) FROM ingest_runs WHERE finished_at IS NOT NULL").fetchone()[0]
    cur = conn.execute(
        "INSERT INTO watchlists (name, person, term, entity, created_at, after_run) VALUES (?, ?, ?, ?, ?, ?)",
        (name, person, term, entity, _now(), after))
    return get(conn, cur.lastrowid)


def list_all(store: Any) -> list[Watchlist]:
    cur = _conn(store).execute(f"SELECT {', '.join(_COLUMNS)} FROM watchlists ORDER BY id")
    return [Watchlist(*r) for r in cur]


def _id(wid: object) -> int:
    try:
        return int(wid)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WatchlistNotFound(wid) from None


def get(store: Any, wid: int) -> Watchlist:
    row = _conn(store).execute(f"SELECT {', '.join(_COLUMNS)} FROM watchlists WHERE id = ?",
                               (_id(wid),)).fetchone()
    if row is None:
        raise WatchlistNotFound(wid)
    return Watchlist(*row)


def delete(store: Any, wid: int) -> None:
    if _conn(store).execute("DELETE FROM watchlists WHERE id = ?", (_id(wid),)).rowcount == 0:
        raise WatchlistNotFound(wid)


# ---------------------------------------------------------------- matching

@lru_cache(maxsize=100_000)
def _key(text: str) -> str:
    return search_key(text)


_CACHE: dict[tuple, Any] = {}


def _cached(conn: sqlite3.Connection, what: str, build: Callable[[sqlite3.Connection], Any]) -> Any:
    """``build(conn)``, rebuilt only when the database has changed (a web server asks often)."""
    stamp = conn.execute("SELECT (SELECT coalesce(max(id), 0) FROM ingest_runs), (SELECT count(*) FROM articles), "
                         "(SELECT coalesce(max(rid), 0) FROM articles), (SELECT count(*) FROM entities)").fetchone()
    db = conn.execute("PRAGMA database_list").fetchone()[2] or str(id(conn))
    key = (what, db, *stamp)
    if key not in _CACHE:
        for old in [k for k in _CACHE if k[0] == what]:
            del _CACHE[old]
        _CACHE[key] = build(conn)
    return _CACHE[key]


def _people(conn: sqlite3.Connection) -> list:
    from rasd.link.identity import people

    return _cached(conn, "people", people)


def _person(conn: sqlite3.Connection, name: str) -> tuple[set[str], set[str] | None]:
    """Folded names the person goes by, and the articles they were seen in (None: any)."""
    key = _key(name)
    for rec in _people(conn):
        names = {_key(a) for a in rec.aliases} | {rec.key}
        if key == rec.key or key in names:
            return names, set(rec.sightings)
    return {key}, None


def _has_words(folded: str, key: str) -> bool:
    """``key``'s words appear in ``folded`` as a run of whole words (both folded)."""
    return f" {key} " in f" {folded} "


def _entity_names(conn: sqlite3.Connection) -> dict[str, set[str]]:
    """Folded entity name or alias -> the articles naming an entity by it."""
    index: dict[str, set[str]] = {}
    for aid, name, aliases in conn.execute("SELECT article_id, name, aliases FROM entities"):
        for n in {name, *json.loads(aliases or "[]")}:
            index.setdefault(search_key(n), set()).add(aid)
    return index


def _entity_articles(conn: sqlite3.Connection, entity: str) -> list[str]:
    key = _key(entity)
    found: set[str] = set()
    for name, articles in _cached(conn, "entities", _entity_names).items():
        if _has_words(name, key):
            found |= articles
    return sorted(found)


_ITEM = (
    "a.id, a.doc, a.title, a.published, a.source, a.url, a.ingest_run, "
    "coalesce(r.finished_at, a.ingested_at)"
)
_ORDER = "a.ingest_run DESC, a.published DESC, a.rid DESC"


def _article_filter(conn: sqlite3.Connection, wl: Watchlist, since: int | None) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("a.ingest_run > ?")
        params.append(int(since))
    if wl.term:
        where.append("a.rid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(parse_query(wl.term).fts)
    if wl.entity:
        where.append("a.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(_entity_articles(conn, wl.entity), ensure_ascii=False))
    return where, params


def _item(item_type: str, meta: tuple, **rest: Any) -> dict[str, Any]:
    aid, doc, title, published, source, url, run, ingested = meta
    return {"type": item_type, "article_id": aid, "doc": doc, "title": title, "published": published,
            "source": source, "url": url, "ingest_run": run, "ingested_at": ingested, **rest}


def matches(store: Any, watchlist: Watchlist, *, since: int | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Items matching the watchlist, newest ingest run first, then newest article.

    ``since`` is an ingest run id: only items stored by later runs (``None``: all).
    Each item is a dict with ``type`` ("quote" or "article"), ``article_id``, ``doc``,
    ``title``, ``published``, ``source``, ``url``, ``ingest_run``, ``ingested_at`` (when
    that run finished), ``text`` (the statement, or a snippet of the article), and for
    quotes ``quote_id``, ``start``/``end`` (offsets into the article text), ``kind``,
    ``cue``, ``speaker_name``, ``speaker_role`` (``None`` for articles).
    """
    conn = _conn(store)
    wl = watchlist
    limit = max(0, int(limit))
    where, params = _article_filter(conn, wl, since)
    base = "FROM articles a LEFT JOIN ingest_runs r ON r.id = a.ingest_run"
    out: list[dict[str, Any]] = []
    if not limit:
        return out
    if wl.person:
        names, articles = _person(conn, wl.person)
        compact = sorted({n.replace(" ", "") for n in names if n})
        where.append("(" + " OR ".join(["instr(q.speaker_key, ?) > 0"] * len(compact)) + ")")
        params.extend(compact)
        cur = conn.execute(
            f'SELECT {_ITEM}, q.id, q."start", q."end", q.text, q.kind, q.cue, q.speaker_name, q.speaker_role '
            f"{base} JOIN quotes q ON q.article_id = a.id WHERE {' AND '.join(where)} "
            f'ORDER BY {_ORDER}, q."start"', params)
        for row in cur:
            qid, start, end, text, kind, cue, speaker, role = row[8:]
            spoken = _key(speaker or "")
            if articles is not None:
                if row[0] not in articles or spoken not in names:
                    continue
            elif not _has_words(spoken, next(iter(names))):
                continue
            out.append(_item("quote", row[:8], quote_id=qid, start=start, end=end, text=text, kind=kind,
                             cue=cue, speaker_name=speaker, speaker_role=role))
            if len(out) >= limit:
                break
        return out
    terms = parse_query(wl.term).terms if wl.term else frozenset()
    cur = conn.execute(f"SELECT {_ITEM}, a.text {base} WHERE {' AND '.join(where)} ORDER BY {_ORDER} LIMIT ?",
                       (*params, limit))
    for row in cur:
        out.append(_item("article", row[:8], quote_id=None, start=None, end=None,
                         text=snippet(row[8], terms, marks=("", ""), words=40), kind=None, cue=None,
                         speaker_name=None, speaker_role=None))
    return out


def new_matches(store: Any, watchlist: Watchlist, *, limit: int = 100) -> list[dict[str, Any]]:
    """Matches stored by ingest runs that finished after the watchlist was created."""
    return matches(store, watchlist, since=watchlist.after_run, limit=limit)


# ---------------------------------------------------------------- Atom

# Characters XML 1.0 cannot carry at all (escaping cannot help): dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _x(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    return dt if dt.tzinfo else dt.replace(tzinfo=timezone.utc)


def entry_id(item: dict[str, Any]) -> str:
    """Stable tag URI of a feed item: per article id, and per quote by its offsets in the article."""
    aid = urlquote(item["article_id"], safe="")
    if item["type"] == "quote":
        return f"{TAG}quote/{aid}/{item['start']}-{item['end']}"
    return f"{TAG}article/{aid}"


def atom(store: Any, watchlist: Watchlist, base_url: str, *, limit: int = 100,
         article_url: Callable[[dict[str, Any]], str] | None = None) -> str:
    """An Atom 1.0 feed (XML text) of the watchlist's new matches, newest first.

    Entry ``id``: a tag URI per quote/article; ``updated``: when the ingest run that
    stored it finished; ``published``: the article's publication date when known.
    Links point to ``article_url(item)`` (default ``{base_url}/articles/{id}``, with
    ``#quote-{quote_id}`` for statements). All text is escaped by the XML library.
    """
    from feedgen.feed import FeedGenerator

    wl = watchlist
    base = base_url.rstrip("/")
    link = article_url or (lambda it: f"{base}/articles/{urlquote(it['article_id'], safe='')}"
                           + (f"#quote-{it['quote_id']}" if it["type"] == "quote" else ""))
    items = new_matches(store, wl, limit=limit)
    fg = FeedGenerator()
    fg.id(f"{TAG}watchlist/{wl.id}")
    fg.title(_x(f"rasd: {wl.name}"))
    fg.subtitle(_x(wl.describe()))
    fg.author({"name": "rasd"})
    fg.link(href=f"{base}/watchlists/{wl.id}", rel="alternate")
    fg.link(href=f"{base}/watchlists/{wl.id}/feed.atom", rel="self", type="application/atom+xml")
    fg.language("ar")
    fg.generator("rasd")
    stamps = [_dt(it["ingested_at"]) for it in items]
    fg.updated(max([s for s in stamps if s], default=None) or _dt(wl.created_at))
    for it, stamp in zip(reversed(items), reversed(stamps)):  # feedgen prepends: add oldest first
        e = fg.add_entry()
        e.id(entry_id(it))
        if it["type"] == "quote":
            who = it["speaker_name"] or "?"
            if it["speaker_role"]:
                who += f" ({it['speaker_role']})"
            e.title(_x(f"{who}: «{_clip(it['text'])}»"))
            e.author({"name": _x(it["speaker_name"] or "?")})
        else:
            e.title(_x(it["title"] or _clip(it["text"])))
        e.link(href=link(it), rel="alternate")
        e.updated(stamp or _dt(wl.created_at))
        published = _dt(it["published"])
        if published:
            e.published(published)
        meta = " · ".join(x for x in (it["source"], it["published"], it["title"] if it["type"] == "quote" else None)
                          if x)
        e.content(_x(it["text"] + (f"\n\n— {meta}" if meta else "")), type="text")
    return fg.atom_str(pretty=True).decode("utf-8")


def _clip(text: str, n: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"
