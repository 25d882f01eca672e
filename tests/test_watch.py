"""Watchlists on the seed database: person, term and entity matching, "new since", the Atom feed."""
from __future__ import annotations

import shutil
import sqlite3
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from rasd import watch
from rasd.cli import main
from rasd.link.identity import find_person, statements
from rasd.store import MIGRATIONS, Store

ATOM = "{http://www.w3.org/2005/Atom}"

HOSTILE = """الخفاجي: الحدود مؤمنة بالكامل

بغداد 10 أيار 2022 (شينخوا) قال المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجى إن "<script>alert('x')</script> الحدود العراقية السورية مؤمنة بالكامل & لا خوف من التسلل".

وأضاف أن القوات الأمنية مستعدة لكل الاحتمالات على الحدود.
"""
LATER = """العمليات المشتركة: القوات جاهزة

بغداد 12 أيار 2022 (شينخوا) قال المتحدث باسم قيادة العمليات المشتركة اللواء تحسين الخفاجي إن "القوات جاهزة لحماية الحدود".
"""
UNRELATED = """افتتاح معرض الكتاب

افتتح وزير الثقافة اليوم معرض الكتاب الدولي بمشاركة مئات دور النشر من عشرين دولة عربية وأجنبية.
"""


@pytest.fixture
def db(seed_db, tmp_path):
    path = tmp_path / "w.db"
    shutil.copy(seed_db, path)
    return path


@pytest.fixture
def store(db):
    with Store(db) as s:
        yield s


def ingest(db, tmp_path, name: str, text: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    res = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db)])
    assert res.exit_code == 0 and "1 new" in res.stderr, res.output


def spans(items):
    return {(it["article_id"], it["start"], it["end"]) for it in items}


def test_person_watch_finds_his_statements_in_any_spelling(store):
    conn = store.connection
    rec = find_person(conn, "الخفاجي")
    expected = {(s["article"], s["start"], s["end"]) for s in statements(conn, rec)}
    assert len(expected) > 20
    texts = dict(conn.execute("SELECT id, text FROM articles"))
    for spelling in ("الخفاجى", "الخفاجي", "تحسين الخفاجي", "تَحسين الخفاجى"):
        wl = watch.add(store, spelling, person=spelling)
        found = watch.matches(store, wl, limit=1000)
        assert spans(found) == expected, spelling
        assert all(it["type"] == "quote" and texts[it["article_id"]][it["start"]:it["end"]] == it["text"]
                   for it in found)
    assert len(watch.matches(store, wl, limit=5)) == 5
    nobody = watch.add(store, "nobody", person="فلان الفلاني")
    assert watch.matches(store, nobody) == []


def test_term_watch_matches_through_fts_with_arabic_folding(store):
    hits = {h.id for h in store.search("الأمريكية", limit=100)}
    assert 0 < len(hits) < store.count()
    for spelling in ("الامريكية", "الأمريكيّة", "الأمريكيه"):
        wl = watch.add(store, "us", term=spelling)
        found = watch.matches(store, wl)
        assert {it["article_id"] for it in found} == hits, spelling
        assert all(it["type"] == "article" and it["quote_id"] is None for it in found)


def test_conditions_are_anded(store):
    conn = store.connection
    person = watch.matches(store, watch.add(store, "p", person="الخفاجى"), limit=1000)
    term_articles = {h.id for h in store.search("الانسحاب", limit=100)}
    both = watch.matches(store, watch.add(store, "pt", person="الخفاجى", term="الانسحاب"), limit=1000)
    assert both and spans(both) == {s for s in spans(person) if s[0] in term_articles} != spans(person)
    kazimi = {r[0] for r in conn.execute("SELECT article_id FROM entities WHERE name LIKE '%الكاظمي%'")}
    assert 0 < len(kazimi) < store.count()
    for spelling in ("مصطفى الكاظمى", "الكاظمي"):
        found = watch.matches(store, watch.add(store, "e", entity=spelling))
        assert {it["article_id"] for it in found} == kazimi
    pe = watch.matches(store, watch.add(store, "pe", person="الخفاجي", entity="الكاظمي"), limit=1000)
    assert spans(pe) == {s for s in spans(person) if s[0] in kazimi}


def test_a_new_watchlist_shows_nothing_until_an_ingest_adds_a_match(db, store, tmp_path):
    wl = watch.add(store, "khafaji", person="الخفاجى")
    assert watch.matches(store, wl, limit=1000)  # the seeds match...
    assert watch.new_matches(store, wl) == []  # ...but none is new
    assert ET.fromstring(watch.atom(store, wl, "http://localhost:8000")).findall(f"{ATOM}entry") == []

    ingest(db, tmp_path, "unrelated", UNRELATED)
    assert watch.new_matches(store, wl) == []
    ingest(db, tmp_path, "hostile", HOSTILE)
    new = watch.new_matches(store, wl)
    run = store.ingest_runs(1)[0]
    assert run["articles_added"] == 1 and run["finished_at"]
    assert len(new) == 3 and {it["ingest_run"] for it in new} == {run["id"]}
    assert any("<script>" in it["text"] for it in new)
    assert {it["speaker_name"] for it in new} == {"تحسين الخفاجى"}

    other = watch.add(store, "after", person="الخفاجي")
    assert watch.new_matches(store, other) == []
    assert len(watch.new_matches(store, wl)) == 3


def test_atom_feed_is_valid_newest_first_and_escapes_hostile_text(db, store, tmp_path):
    wl = watch.add(store, "khafaji <b>", person="الخفاجي")
    ingest(db, tmp_path, "hostile", HOSTILE)
    ingest(db, tmp_path, "later", LATER)
    xml = watch.atom(store, wl, "http://localhost:8000/")
    root = ET.fromstring(xml)  # well-formed XML
    assert root.tag == f"{ATOM}feed" and root.find(f"{ATOM}title").text == "rasd: khafaji <b>"
    assert not [el for el in root.iter() if el.tag.split("}")[-1] not in {
        "feed", "id", "title", "subtitle", "updated", "published", "author", "name", "link", "generator",
        "entry", "content"}]  # no <script>, <b> or other smuggled element
    assert "<script>" not in xml and "&lt;script&gt;" in xml
    entries = root.findall(f"{ATOM}entry")
    runs = store.ingest_runs(2)
    assert len(entries) == 4  # three statements from the first article, one from the later one
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == 4 and all(i.startswith("tag:rasd.invalid,2026:quote/") for i in ids)
    assert [e.find(f"{ATOM}updated").text for e in entries] == [runs[0]["finished_at"]] + [runs[1]["finished_at"]] * 3
    assert [e.find(f"{ATOM}published").text[:10] for e in entries] == ["2022-05-12"] + ["2022-05-10"] * 3
    hostile = [e for e in entries if "<script>" in e.find(f"{ATOM}content").text]
    assert len(hostile) == 1 and "alert('x')" in hostile[0].find(f"{ATOM}title").text
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://localhost:8000/articles/") for e in entries)
    assert watch.atom(store, wl, "http://localhost:8000/").split("<updated>")[2:] == xml.split("<updated>")[2:]


def test_unknown_ids_and_empty_watchlists_are_refused(store):
    with pytest.raises(watch.WatchlistError):
        watch.add(store, "empty")
    with pytest.raises(watch.WatchlistError):
        watch.add(store, "punct", term="!!! ؟")
    wl = watch.add(store, "x", term="الحدود")
    assert watch.get(store, wl.id) == wl and watch.list_all(store) == [wl]
    watch.delete(store, wl.id)
    assert watch.list_all(store) == []
    for bad in (wl.id, 999, "abc"):
        with pytest.raises(LookupError, match="no watchlist"):
            watch.get(store, bad)
    with pytest.raises(watch.WatchlistNotFound):
        watch.delete(store, wl.id)
    assert watch.add(store, "y", term="الحدود").id == wl.id + 1  # ids are never reused


def test_cli_watch_commands(db, tmp_path):
    def run(*args):
        return CliRunner().invoke(main, [*args, "--db", str(db)])

    res = run("watch", "add", "خفاجي", "--person", "الخفاجى")
    assert res.exit_code == 0 and res.stdout.startswith("1\t"), res.output
    assert run("watch", "list").stdout.splitlines() == ["1\tخفاجي\tperson=الخفاجى"]
    assert run("watch", "show", "1").stdout == ""
    assert "الخفاجي" in run("watch", "show", "1", "--all").stdout
    ingest(db, tmp_path, "hostile", HOSTILE)
    shown = run("watch", "show", "1").stdout
    assert "<script>alert('x')</script>" in shown and shown.count("تحسين الخفاجى") == 3
    feed = run("watch", "feed", "1")
    assert feed.exit_code == 0 and len(ET.fromstring(feed.stdout).findall(f"{ATOM}entry")) == 3
    for args in (("watch", "show", "7"), ("watch", "feed", "7"), ("watch", "rm", "7")):
        res = run(*args)
        assert res.exit_code == 1 and "no watchlist with id 7" in res.stderr and "Traceback" not in res.output
    assert run("watch", "add", "none").exit_code == 1
    assert run("watch", "rm", "1").exit_code == 0 and run("watch", "list").stdout == ""


def test_migration_records_existing_articles_as_one_ingest_run(tmp_path):
    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:3]:
        conn.executescript(script)
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO articles (id, doc, content_hash, text, ingested_at) "
                 "VALUES ('a1', 'd', 'h', 'نص', '2021-01-01T00:00:00+00:00')")
    conn.commit()
    conn.close()
    with Store(path) as s:
        assert s.schema_version == len(MIGRATIONS) >= 4
        assert s.ingest_runs() == [{"id": 1, "started_at": "2021-01-01T00:00:00+00:00",
                                    "finished_at": "2021-01-01T00:00:00+00:00", "articles_added": 1}]
        assert s.connection.execute("SELECT ingest_run FROM articles").fetchall() == [(1,)]
        assert watch.add(s, "t", term="نص").after_run == 1
    with Store(tmp_path / "new.db") as s:
        assert s.ingest_runs() == [] and watch.add(s, "t", term="نص").after_run == 0
