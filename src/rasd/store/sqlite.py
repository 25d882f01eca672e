"""SQLite store: one file, WAL, versioned schema, Arabic full-text search.

``Store(path)`` opens (creating and migrating as needed) a database holding
articles, their quotes and entities, ingest errors, and ``articles_fts``: an FTS5
index over the *normalised* title and text (see :mod:`rasd.store.searchtext`).
``articles_fts.rowid`` is ``articles.rid``, an INTEGER PRIMARY KEY, so it survives
VACUUM and FTS hits join straight back to their article.
"""
from __future__ import annotations

import json
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from rasd.arabic import search_key
from rasd.model import Article, Quote

from .searchtext import SearchError, index_text, parse_query, snippet

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SearchError",
    "SearchHit",
    "Store",
    "StoreError",
    "default_db_path",
]


# Migration N (1-based) brings a database from user_version N-1 to N. Append only:
# never edit a released step, add a new one.
MIGRATIONS: list[str] = [
    # 1: initial schema
    """
    CREATE TABLE articles (
        rid          INTEGER PRIMARY KEY,      -- = articles_fts.rowid
        id           TEXT NOT NULL UNIQUE,
        doc          TEXT NOT NULL,
        path         TEXT,
        url          TEXT,
        title        TEXT,
        published    TEXT,
        source       TEXT,
        content_hash TEXT NOT NULL UNIQUE,
        text         TEXT NOT NULL,
        ingested_at  TEXT NOT NULL
    );
    CREATE INDEX articles_published ON articles(published);
    CREATE INDEX articles_source ON articles(source);

    CREATE TABLE quotes (
        id            INTEGER PRIMARY KEY,
        article_id    TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start"       INTEGER NOT NULL,
        "end"         INTEGER NOT NULL,
        text          TEXT NOT NULL,
        kind          TEXT NOT NULL,
        cue           TEXT,
        cue_start     INTEGER,
        cue_end       INTEGER,
        speaker_name  TEXT,
        speaker_role  TEXT,
        speaker_type  TEXT,
        speaker_start INTEGER,
        speaker_end   INTEGER,
        resolution    TEXT,
        fragments     TEXT,                    -- JSON [[start, end], ...] or NULL
        speaker_key   TEXT NOT NULL DEFAULT '' -- folded name, newline, folded role; no spaces
    );
    CREATE INDEX quotes_article ON quotes(article_id);

    CREATE TABLE entities (
        id         INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        type       TEXT NOT NULL,
        name       TEXT NOT NULL,
        roles      TEXT NOT NULL DEFAULT '[]', -- JSON list of role texts
        mentions   INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX entities_article ON entities(article_id);
    CREATE INDEX entities_name ON entities(name);

    CREATE TABLE errors (
        id     INTEGER PRIMARY KEY,
        path   TEXT,
        reason TEXT NOT NULL,
        at     TEXT NOT NULL
    );

    -- Normalised (folded + stemmed) title and text; rowid = articles.rid.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text, tokenize = 'unicode61 remove_diacritics 2'
    );
    """,
    # 2: temporal expressions, and how the publication date was found
    """
    ALTER TABLE articles ADD COLUMN published_how TEXT;
    CREATE TABLE dates (
        id         INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        "start"    INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        text       TEXT NOT NULL,
        value      TEXT,
        kind       TEXT,
        anchor     TEXT,
        calendar   TEXT
    );
    CREATE INDEX dates_article ON dates(article_id);
    CREATE INDEX dates_value ON dates(value);
    """,
    # 3: every name an entity goes by in its article
    """
    ALTER TABLE entities ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: ingest runs (what each run added) and watchlists (saved queries, rasd.watch);
    # articles stored before runs were recorded form one backfilled run.
    """
    CREATE TABLE ingest_runs (
        id             INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at     TEXT NOT NULL,
        finished_at    TEXT,                   -- NULL while running (or if the run died)
        articles_added INTEGER NOT NULL DEFAULT 0
    );
    ALTER TABLE articles ADD COLUMN ingest_run INTEGER REFERENCES ingest_runs(id);
    INSERT INTO ingest_runs (started_at, finished_at, articles_added)
        SELECT min(ingested_at), max(ingested_at), count(*) FROM articles HAVING count(*) > 0;
    UPDATE articles SET ingest_run = (SELECT max(id) FROM ingest_runs);
    CREATE INDEX articles_ingest_run ON articles(ingest_run);

    CREATE TABLE watchlists (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        name       TEXT NOT NULL,
        person     TEXT,
        term       TEXT,
        entity     TEXT,
        created_at TEXT NOT NULL,
        after_run  INTEGER NOT NULL DEFAULT 0, -- latest finished ingest run when created
        CHECK (coalesce(person, term, entity) IS NOT NULL)
    );
    """,
    # 5: where each entity mention and role stands in the article text (JSON [[start, end], ...],
    # text[start:end]); statements filtered by cue verb or kind
    """
    ALTER TABLE entities ADD COLUMN spans TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE entities ADD COLUMN role_spans TEXT NOT NULL DEFAULT '[]';
    CREATE INDEX quotes_cue ON quotes(cue);
    CREATE INDEX quotes_kind ON quotes(kind);
    """,
    # 6: statements filtered by cue verb and publication date are counted from indexes alone
    # (the cue index carries the article id; the article id index carries the date)
    """
    DROP INDEX quotes_cue;
    CREATE INDEX quotes_cue ON quotes(cue, article_id);
    CREATE INDEX articles_id_published ON articles(id, published);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

# bm25 column weights: a title match counts more than a body match.
_BM25 = "bm25(articles_fts, 3.0, 1.0)"

_INSERT_ARTICLE = """
    INSERT INTO articles (id, doc, path, url, title, published, source, content_hash, text, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING
"""
_INSERT_FTS = "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)"
_INSERT_QUOTE = """
    INSERT INTO quotes (article_id, "start", "end", text, kind, cue, cue_start, cue_end,
        speaker_name, speaker_role, speaker_type, speaker_start, speaker_end, resolution,
        fragments, speaker_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_DATE = ('INSERT INTO dates (article_id, "start", "end", text, value, kind, anchor, calendar) '
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_ENTITY = ("INSERT INTO entities (article_id, type, name, roles, mentions, aliases, spans, role_spans) "
                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
_QUOTE_COLUMNS = (
    'q.id, q.article_id, q."start", q."end", q.text, q.kind, q.cue, q.cue_start, q.cue_end, '
    "q.speaker_name, q.speaker_role, q.speaker_type, q.speaker_start, q.speaker_end, "
    "q.resolution, a.doc, a.title, a.published, a.source, a.url"
)


class StoreError(RuntimeError):
    """The database cannot be used (e.g. written by a newer rasd)."""


@dataclass(slots=True)
class SearchHit:
    id: str
    doc: str
    title: str | None
    published: str | None
    source: str | None
    url: str | None
    score: float  # bm25 relevance, higher is better (SQLite's bm25() negated)
    snippet: str  # original text around the matches, matched words in marks

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def default_db_path() -> Path:
    """``$RASD_DB`` when set, else ``./rasd.db``."""
    env = os.environ.get("RASD_DB")
    return Path(env) if env else Path("rasd.db")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _statements(script: str) -> Iterator[str]:
    """Split an SQL script into complete statements."""
    buf = ""
    for piece in script.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                yield buf
            buf = ""
    if buf.strip(" \t\r\n;"):
        yield buf


class Store:
    """An rasd database. ``Store(path)``; use as a context manager or call ``close()``."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, marks: tuple[str, str] = ("[", "]")):
        path = default_db_path() if path is None else path
        self.path = os.fspath(path)
        self.marks = marks
        if self.path != ":memory:" and not self.path.startswith("file:"):
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT/SAVEPOINT ourselves.
        self._conn = sqlite3.connect(self.path, isolation_level=None, timeout=30.0)
        self._depth = 0  # open batch() levels
        try:
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA temp_store=MEMORY")
            self._conn.execute("PRAGMA cache_size=-65536")  # 64 MiB
            self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        conn = self._conn
        if self.schema_version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {self.schema_version} is newer than this rasd "
                f"supports ({SCHEMA_VERSION}); upgrade rasd"
            )
        while self.schema_version < SCHEMA_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                version = self.schema_version  # re-read under the write lock
                if version < SCHEMA_VERSION:
                    for stmt in _statements(MIGRATIONS[version]):
                        conn.execute(stmt)
                    conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @property
    def connection(self) -> sqlite3.Connection:
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ writing

    @contextmanager
    def batch(self) -> Iterator["Store"]:
        """One transaction around many ``add()`` calls; rolled back if the block raises.

        Nested ``batch()`` blocks join the outermost transaction.
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        self._depth = 0
        self._conn.execute("COMMIT")

    @contextmanager
    def _atomic(self) -> Iterator[None]:
        # A savepoint is its own transaction outside batch() and a nested one inside,
        # so a failing add() leaves neither half an article nor a broken batch.
        conn = self._conn
        conn.execute("SAVEPOINT rasd_add")
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK TO rasd_add")
            conn.execute("RELEASE rasd_add")
            raise
        conn.execute("RELEASE rasd_add")

    def add(self, article: Article) -> bool:
        """Store an article with its quotes and entities.

        Returns False (and changes nothing) when an article with the same content
        hash is already stored. An article whose ``id`` is stored with different
        content replaces it.
        """
        a = article
        h = a.content_hash
        row = (a.id, a.doc, a.path, a.url, a.title, a.published, a.source, h, a.text, _now())
        conn = self._conn
        with self._atomic():
            cur = conn.execute(_INSERT_ARTICLE, row)
            if cur.rowcount == 0:
                if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (h,)).fetchone():
                    return False
                self._delete(a.id)  # same id, new content: the new version wins
                cur = conn.execute(_INSERT_ARTICLE, row)
            conn.execute(_INSERT_FTS, (cur.lastrowid, index_text(a.title), index_text(a.text)))
            if a.quotes:
                conn.executemany(_INSERT_QUOTE, [_quote_row(a.id, q) for q in a.quotes])
            if a.dates:
                conn.executemany(_INSERT_DATE, [(a.id, d.span.start, d.span.end, d.span.text, d.value, d.kind,
                                                 d.anchor, d.calendar) for d in a.dates])
            if a.published_how:
                conn.execute("UPDATE articles SET published_how = ? WHERE id = ?", (a.published_how, a.id))
            if a.entities:
                conn.executemany(
                    _INSERT_ENTITY,
                    [
                        (a.id, e.type, e.name, json.dumps([r.text for r in e.roles], ensure_ascii=False),
                         len(e.mentions), json.dumps(sorted({m.text for m in e.mentions}), ensure_ascii=False),
                         json.dumps([[m.start, m.end] for m in e.mentions]),
                         json.dumps([[r.start, r.end] for r in e.roles]))
                        for e in a.entities
                    ],
                )
        return True

    def add_many(self, articles: Iterable[Article], batch_size: int = 500) -> int:
        """``add()`` each article, committing every ``batch_size``; returns how many were new.

        Each call is one ingest run (table ``ingest_runs``); when it ends, the articles
        it stored (and any stored by a bare ``add()`` since the last run) get its id.
        """
        conn = self._conn
        run = conn.execute("INSERT INTO ingest_runs (started_at) VALUES (?)", (_now(),)).lastrowid
        try:
            return self._add_batches(articles, batch_size)
        finally:
            with self.batch():
                n = conn.execute("UPDATE articles SET ingest_run = ? WHERE ingest_run IS NULL", (run,)).rowcount
                conn.execute("UPDATE ingest_runs SET finished_at = ?, articles_added = ? WHERE id = ?",
                             (_now(), n, run))

    def _add_batches(self, articles: Iterable[Article], batch_size: int) -> int:
        added = 0
        it = iter(articles)
        while True:
            n = 0
            with self.batch():
                for a in it:
                    added += self.add(a)
                    n += 1
                    if n >= batch_size:
                        break
            if n < batch_size:
                return added

    def _delete(self, article_id: str) -> None:
        row = self._conn.execute("SELECT rid FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row:
            self._conn.execute("DELETE FROM articles_fts WHERE rowid = ?", (row[0],))
            self._conn.execute("DELETE FROM articles WHERE rid = ?", (row[0],))  # cascades

    def delete(self, article_id: str) -> bool:
        """Remove an article with its quotes, entities and index entry."""
        with self._atomic():
            found = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone()
            self._delete(article_id)
        return found is not None

    def add_error(self, path: str, reason: str) -> None:
        self._conn.execute(
            "INSERT INTO errors (path, reason, at) VALUES (?, ?, ?)", (os.fspath(path), reason, _now())
        )

    def reindex(self) -> int:
        """Rebuild ``articles_fts`` from the stored articles (after a normalisation change)."""
        conn = self._conn
        with self.batch():
            conn.execute("DELETE FROM articles_fts")
            rows = conn.execute("SELECT rid, title, text FROM articles").fetchall()
            conn.executemany(_INSERT_FTS, ((rid, index_text(t), index_text(x)) for rid, t, x in rows))
        return len(rows)

    def optimize(self) -> None:
        """Merge the FTS index segments and refresh planner statistics (after a big ingest)."""
        self._conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('optimize')")
        self._conn.execute("PRAGMA optimize")

    # ------------------------------------------------------------ reading

    def count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def error_count(self) -> int:
        return self._conn.execute("SELECT count(*) FROM errors").fetchone()[0]

    def errors(self, limit: int = 100) -> list[dict[str, Any]]:
        rows = self._conn.execute(
            "SELECT id, path, reason, at FROM errors ORDER BY id LIMIT ?", (limit,)
        ).fetchall()
        return [dict(zip(("id", "path", "reason", "at"), r)) for r in rows]

    def ingest_runs(self, limit: int = 10) -> list[dict[str, Any]]:
        """The latest ingest runs, newest first: id, started_at, finished_at, articles_added."""
        cur = self._conn.execute(
            "SELECT id, started_at, finished_at, articles_added FROM ingest_runs ORDER BY id DESC LIMIT ?",
            (limit,))
        return [dict(zip(("id", "started_at", "finished_at", "articles_added"), r)) for r in cur]

    def search(
        self, query: str, limit: int = 20, *, marks: tuple[str, str] | None = None, words: int = 30
    ) -> list[SearchHit]:
        """Articles matching ``query``, best first.

        The query is plain words (all required), ``"quoted phrases"`` and ``OR``; each
        word is folded and stemmed like the index. Raises ``SearchError`` for a query
        without words; never ``sqlite3`` errors.
        """
        parsed = parse_query(query)
        try:
            rows = self._conn.execute(
                f"""
                SELECT a.id, a.doc, a.title, a.published, a.source, a.url, a.text, {_BM25} AS rank
                FROM articles_fts JOIN articles a ON a.rid = articles_fts.rowid
                WHERE articles_fts MATCH ?
                ORDER BY rank, a.rid
                LIMIT ?
                """,
                (parsed.fts, max(0, int(limit))),
            ).fetchall()
        except sqlite3.OperationalError as e:  # should not happen: every term is quoted
            raise SearchError(f"cannot search for {query!r}: {e}") from None
        m = marks or self.marks
        return [
            SearchHit(id, doc, title, published, source, url, -rank,
                      snippet(text, parsed.terms, marks=m, words=words))
            for id, doc, title, published, source, url, text, rank in rows
        ]

    def quotes(
        self, speaker: str | None = None, limit: int | None = 100, *, article: str | None = None
    ) -> list[dict[str, Any]]:
        """Stored quotes, newest article first.

        ``speaker`` keeps quotes whose speaker name or role contains it, compared folded
        and without spaces (so عبدالله finds عبد الله); ``article`` keeps one article's.
        """
        where, params = [], []
        key = _speaker_key(speaker)
        if key:
            where.append("instr(q.speaker_key, ?) > 0")
            params.append(key)
        if article is not None:
            where.append("q.article_id = ?")
            params.append(article)
        sql = f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += ' ORDER BY a.published DESC, q.article_id, q."start"'
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        cur = self._conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self._conn.execute(sql).fetchone()[0]  # noqa: E731
        sources = self._conn.execute(
            "SELECT coalesce(source, ''), count(*) AS n FROM articles GROUP BY 1 ORDER BY n DESC, 1"
        ).fetchall()
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "dates": one("SELECT count(*) FROM dates"),
            "entities": one("SELECT count(*) FROM entities"),
            "errors": one("SELECT count(*) FROM errors"),
            "sources": dict(sources),
            "schema_version": self.schema_version,
        }


def _speaker_key(text: str | None) -> str:
    return search_key(text).replace(" ", "") if text else ""


def _quote_row(article_id: str, q: Quote) -> tuple:
    sp = q.speaker
    cue = q.cue
    mention = sp.mention if sp else None
    name = sp.name if sp else None
    role = sp.role if sp else None
    return (
        article_id, q.span.start, q.span.end, q.span.text, q.kind,
        cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
        name, role, sp.type if sp else None,
        mention.start if mention else None, mention.end if mention else None,
        sp.resolution if sp else None,
        json.dumps([[f.start, f.end] for f in q.fragments]) if q.fragments else None,
        _speaker_key(name) + "\n" + _speaker_key(role),
    )
