"""The ``rasd`` command: thin wrappers that call the pipeline and the store.

    rasd analyze PATH...            one JSON object per article on stdout
    rasd ingest PATH... [--db FILE] store articles (idempotent), with a progress bar
    rasd search QUERY [--json]      ranked hits with highlighted snippets
    rasd quotes [--speaker NAME]    stored statements, by speaker
    rasd stats                      what the database holds

Bad input never stops a run: each rejected input gets one line on stderr
naming the file and the reason, and the exit status is 1 when any input failed.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator

import click

from rasd import __version__
from rasd.model import Article
from rasd.pipeline import analyze_paths
from rasd.read import ReadError

DB_HELP = "SQLite database file (default: $RASD_DB, else ./rasd.db)."


def _db_option(func):
    return click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
                        envvar="RASD_DB", help=DB_HELP)(func)


def _open_store(db: str | None):
    from rasd.store import Store, default_db_path
    try:
        return Store(db or default_db_path())
    except Exception as exc:  # a locked, corrupt or unwritable database file
        raise click.ClickException(f"{db or default_db_path()}: cannot open database: {exc}") from None


def _report(error: ReadError) -> None:
    click.echo(f"rasd: {error}", err=True)


def _found(record, missing: str):
    """The record a name lookup found, or a one-line error saying what is missing."""
    if record is None:
        raise click.ClickException(missing)
    return record


def _when(seen: dict) -> str:
    """A sighting's date: published, a lower bound ("≥ 2025-11-06"), or undated."""
    return seen["published"] or (f"≥ {seen['not_before']}" if seen["not_before"] else "undated")


def _dumps(obj: object, pretty: bool = False) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2 if pretty else None)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="rasd")
def main() -> None:
    """rasd: who said what, in which role, when, in Arabic news."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--pretty", is_flag=True, help="Indent the JSON (one object per article still).")
def analyze(paths: tuple[str, ...], pretty: bool) -> None:
    """Analyse files or folders and print one JSON object per article (JSON Lines)."""
    failed = 0
    out = sys.stdout
    for item in analyze_paths(paths):
        if isinstance(item, ReadError):
            _report(item)
            failed += 1
            continue
        out.write(_dumps(item.to_dict(), pretty) + "\n")
    out.flush()
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@_db_option
@click.option("--batch-size", default=500, show_default=True, help="Articles per transaction.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on a terminal).")
def ingest(paths: tuple[str, ...], db: str | None, batch_size: int, progress: bool | None) -> None:
    """Analyse files or folders and store the articles; re-ingesting adds nothing."""
    from tqdm import tqdm

    store = _open_store(db)
    counts = {"read": 0, "new": 0, "failed": 0}

    def articles() -> Iterator[Article]:
        bar = tqdm(analyze_paths(paths), unit=" docs", disable=(not sys.stderr.isatty()) if progress is None
                   else not progress, file=sys.stderr)
        for item in bar:
            if isinstance(item, ReadError):
                bar.clear()
                _report(item)
                store.add_error(item.path, item.reason)
                counts["failed"] += 1
                continue
            counts["read"] += 1
            yield item

    with store:
        counts["new"] = store.add_many(articles(), batch_size=batch_size)
        total = store.count()
    click.echo(f"{counts['read']} articles read, {counts['new']} new, "
               f"{counts['read'] - counts['new']} already stored, {counts['failed']} inputs failed; "
               f"{total} articles in {store.path}", err=True)
    sys.exit(1 if counts["failed"] else 0)


@main.command()
@click.argument("query")
@_db_option
@click.option("--limit", default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per hit.")
def search(query: str, db: str | None, limit: int, as_json: bool) -> None:
    """Full-text search (hamza, ة/ه, ى/ي and diacritics folded; Arabic stemming)."""
    from rasd.store import SearchError

    with _open_store(db) as store:
        try:
            hits = store.search(query, limit=limit, marks=("«", "»") if as_json else ("\x1b[1m", "\x1b[0m")
                                if sys.stdout.isatty() else ("[", "]"))
        except SearchError as exc:
            raise click.ClickException(str(exc)) from None
    if as_json:
        for hit in hits:
            click.echo(_dumps(hit.to_dict()))
        return
    if not hits:
        click.echo("no matches", err=True)
    for n, hit in enumerate(hits, 1):
        meta = " · ".join(x for x in (hit.source, hit.published, hit.doc) if x)
        click.echo(f"{n}. {hit.title or '(no title)'}  [{meta}]")
        click.echo(f"   {hit.snippet}")


@main.command()
@_db_option
@click.option("--speaker", default=None, help="Name or role (any spelling of hamza, ة/ه).")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per statement.")
def quotes(db: str | None, speaker: str | None, limit: int, as_json: bool) -> None:
    """Stored statements: who said what, in which role, in which article."""
    with _open_store(db) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        for row in rows:
            click.echo(_dumps(row))
        return
    if not rows:
        click.echo("no statements", err=True)
    for row in rows:
        who = row.get("speaker_name") or "?"
        if row.get("speaker_role"):
            who += f" ({row['speaker_role']})"
        meta = " · ".join(str(x) for x in (row.get("source"), row.get("published"), row.get("doc")) if x)
        click.echo(f"{who} [{row.get('kind')}] — {meta}")
        click.echo(f"   «{row.get('text')}»")


@main.command()
@_db_option
@click.option("--limit", default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per person.")
def people(db: str | None, limit: int, as_json: bool) -> None:
    """People across all articles: aliases, roles and how often they are quoted."""
    from rasd.link.identity import people as all_people

    with _open_store(db) as store:
        records = all_people(store.connection)[:limit]
    for rec in records:
        if as_json:
            click.echo(_dumps(rec.to_dict()))
        else:
            roles = "، ".join(r["role"] for r in rec.role_history()[:3])
            click.echo(f"{rec.name} — {rec.quotes} statements, {len(rec.sightings)} articles"
                       + (f" — {roles}" if roles else ""))


@main.command()
@click.argument("name")
@_db_option
@click.option("--json", "as_json", is_flag=True)
def person(name: str, db: str | None, as_json: bool) -> None:
    """One person: roles over time (with the articles and dates they were seen under) and statements."""
    from rasd.link.identity import find_person, statements

    with _open_store(db) as store:
        rec = _found(find_person(store.connection, name), f"no person called {name!r} in {store.path}")
        said = statements(store.connection, rec)
    if as_json:
        click.echo(_dumps(rec.to_dict(said), pretty=True))
        return
    click.echo(f"{rec.name} ({'، '.join(sorted(rec.aliases - {rec.name}))})")
    for row in rec.role_history():
        click.echo(f"  {row['role']}: {', '.join(map(_when, row['seen']))}")
    for q in said:
        click.echo(f"  «{q['text']}» — {q['doc']} {q['published'] or ''}")


@main.command()
@_db_option
@click.option("--type", "etype", type=click.Choice(["ORG", "LOC"]), default=None, help="Only organisations or places.")
@click.option("--limit", default=30, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per organisation or place.")
def entities(db: str | None, etype: str | None, limit: int, as_json: bool) -> None:
    """Organisations and places across articles: one record each, with aliases and first/last seen."""
    from rasd.link.records import entity_records

    with _open_store(db) as store:
        records = entity_records(store.connection, etype)[:limit]
    for rec in records:
        d = rec.to_dict()
        if as_json:
            click.echo(_dumps(d))
            continue
        others = [a for a in d["aliases"] if a != d["name"]][:4]
        span = f"{d['first_seen'] or '?'} … {d['last_seen'] or '?'}"
        click.echo(f"{d['articles']:5d}  {d['type']}  {d['name']}" + (f" ({'، '.join(others)})" if others else "")
                   + f"  {span}")


@main.command()
@click.argument("name")
@_db_option
@click.option("--json", "as_json", is_flag=True)
def entity(name: str, db: str | None, as_json: bool) -> None:
    """One organisation or place: its aliases and every article it was seen in, in time order."""
    from rasd.link.records import find_entity

    with _open_store(db) as store:
        rec = _found(find_entity(store.connection, name), f"no organisation or place called {name!r} in {store.path}")
    d = rec.to_dict(with_articles=True)
    if as_json:
        click.echo(_dumps(d, pretty=True))
        return
    click.echo(f"{d['type']} {d['name']} ({'، '.join(a for a in d['aliases'] if a != d['name'])})")
    for s in d["seen"]:
        click.echo(f"  {_when(s)}  {s['source'] or ''}  {s['doc']}")


@main.command()
@_db_option
@click.option("--json", "as_json", is_flag=True)
def stats(db: str | None, as_json: bool) -> None:
    """What the database holds: articles, statements, entities, rejected inputs."""
    with _open_store(db) as store:
        info = store.stats()
    if as_json:
        click.echo(_dumps(info))
        return
    click.echo(f"{info['articles']} articles, {info['quotes']} statements, {info.get('dates', 0)} dates, "
               f"{info['entities']} entities, "
               f"{info['errors']} rejected inputs (schema v{info['schema_version']})")
    for source, n in list(info["sources"].items())[:15]:
        click.echo(f"  {n:6d}  {source or '(unknown source)'}")


@main.command(name="export")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "parquet"]), default="jsonl",
              show_default=True)
@click.option("--what", type=click.Choice(["articles", "quotes", "people", "entities"]), required=True)
@_db_option
@click.option("--output", "-o", default="-", show_default=True,
              help="File to write; '-' is stdout (not for parquet).")
@click.option("--excel", is_flag=True, help="CSV with a UTF-8 byte-order mark, for Excel.")
def export_(fmt: str, what: str, db: str | None, output: str, excel: bool) -> None:
    """Export articles, quotes, people or entities as JSON Lines, CSV or Parquet (see rasd.export)."""
    from rasd.export import write

    if fmt == "parquet" and output == "-":
        raise click.UsageError("parquet needs --output FILE")
    with _open_store(db) as store:
        if output == "-":
            n = write(store, what, fmt, sys.stdout.buffer, excel=excel)
            sys.stdout.buffer.flush()
        else:
            n = write(store, what, fmt, output, excel=excel)
    click.echo(f"{n} {what} exported" + ("" if output == "-" else f" to {output}"), err=True)


@main.group()
def watch() -> None:
    """Watchlists: saved queries (person, term, entity; all must match) and their Atom feeds."""


def _watchlist(store, wid: int):
    from rasd.watch import WatchlistNotFound, get

    try:
        return get(store, wid)
    except WatchlistNotFound as exc:
        raise click.ClickException(str(exc)) from None


@watch.command(name="add")
@click.argument("name")
@click.option("--person", default=None, help="Statements by this person (any alias or spelling).")
@click.option("--term", default=None, help="Articles matching this search query.")
@click.option("--entity", default=None, help="Articles naming this person or organisation.")
@_db_option
def watch_add(name: str, person: str | None, term: str | None, entity: str | None, db: str | None) -> None:
    """Save a watchlist; what is ingested from now on and matches shows in its feed."""
    from rasd.watch import WatchlistError, add

    with _open_store(db) as store:
        try:
            wl = add(store, name, person=person, term=term, entity=entity)
        except WatchlistError as exc:
            raise click.ClickException(str(exc)) from None
    click.echo(f"{wl.id}\t{wl.name}\t{wl.describe()}")


@watch.command(name="list")
@_db_option
@click.option("--json", "as_json", is_flag=True)
def watch_list(db: str | None, as_json: bool) -> None:
    """The saved watchlists."""
    from rasd.watch import list_all

    with _open_store(db) as store:
        lists = list_all(store)
    for wl in lists:
        click.echo(_dumps(wl.to_dict()) if as_json else f"{wl.id}\t{wl.name}\t{wl.describe()}")


@watch.command(name="show")
@click.argument("wid", type=int)
@_db_option
@click.option("--all", "everything", is_flag=True, help="Every match, not only those ingested since creation.")
@click.option("--limit", default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per match.")
def watch_show(wid: int, db: str | None, everything: bool, limit: int, as_json: bool) -> None:
    """Matches from ingest runs after the watchlist was created (newest first)."""
    from rasd.watch import matches

    with _open_store(db) as store:
        wl = _watchlist(store, wid)
        items = matches(store, wl, since=None if everything else wl.after_run, limit=limit)
    if not items and not as_json:
        click.echo("no new matches" if not everything else "no matches", err=True)
    for it in items:
        if as_json:
            click.echo(_dumps(it))
            continue
        meta = " · ".join(str(x) for x in (it["source"], it["published"], it["doc"]) if x)
        head = it["speaker_name"] or "?" if it["type"] == "quote" else it["title"] or "(no title)"
        click.echo(f"{head} — {meta}")
        click.echo(f"   «{it['text']}»" if it["type"] == "quote" else f"   {it['text']}")


@watch.command(name="feed")
@click.argument("wid", type=int)
@_db_option
@click.option("--base-url", default="http://127.0.0.1:8000", show_default=True, help="Where the UI is served.")
@click.option("--limit", default=100, show_default=True)
def watch_feed(wid: int, db: str | None, base_url: str, limit: int) -> None:
    """The watchlist's Atom feed on stdout."""
    from rasd.watch import atom

    with _open_store(db) as store:
        xml = atom(store, _watchlist(store, wid), base_url, limit=limit)
    click.echo(xml, nl=False)


@watch.command(name="rm")
@click.argument("wid", type=int)
@_db_option
def watch_rm(wid: int, db: str | None) -> None:
    """Delete a watchlist."""
    from rasd.watch import WatchlistNotFound, delete

    with _open_store(db) as store:
        try:
            delete(store, wid)
        except WatchlistNotFound as exc:
            raise click.ClickException(str(exc)) from None


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (localhost only by default).")
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db: str | None, host: str, port: int) -> None:
    """The web workbench and JSON API over the database (search, articles, people, statements)."""
    import uvicorn

    from rasd.store import default_db_path
    from rasd.web import create_app

    path = db or str(default_db_path())
    try:
        app = create_app(path)
    except Exception as exc:  # a locked, corrupt or newer database
        raise click.ClickException(f"{path}: cannot open database: {exc}") from None
    click.echo(f"rasd: serving {path} on http://{host}:{port}/ (Ctrl-C stops)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


if __name__ == "__main__":
    main()
