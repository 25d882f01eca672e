"""The command line end to end: ingest is idempotent, bad input never stops a run."""
from __future__ import annotations

import gzip
import json
import shutil
import sqlite3

from click.testing import CliRunner

from rasd.cli import main


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(main, list(args), env=env)


def hostile_folder(tmp_path, seed_paths):
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(seed_paths[1], folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "cut.txt").write_bytes("قال الوزير إن".encode() + b"\xd8\xa7\xff\xfe\xd9" + "الخطة جاهزة".encode())
    (folder / "long.txt").write_text("كلمة " * 5_600_000, encoding="utf-8")  # 50 MB on one line
    (folder / "news.jsonl").write_text(
        '{"id": "j1", "text": "وقال الوزير إن الاتفاق سيوقع قريبا.", "published": "Tue, 20 Feb 2018 01:44:01 GMT"}\n'
        '{"id": "j2", "text": \n'
        '["not", "an", "object"]\n', encoding="utf-8")
    (folder / "crawl.warc.gz").write_bytes(gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 900\r\n\r\n<html>"))
    return folder


def test_bad_inputs_are_reported_one_line_each_and_good_articles_stored(tmp_path, seed_paths):
    folder = hostile_folder(tmp_path, seed_paths)
    db = tmp_path / "r.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("rasd: ")]
    named = {line.split(": ")[1].split("/")[-1].split(":")[0] for line in errors}
    assert named == {"empty.txt", "image.bin", "cut.txt", "long.txt", "news.jsonl", "crawl.warc.gz"}
    assert any("news.jsonl:2" in line for line in errors) and any("news.jsonl:3" in line for line in errors)
    assert any("empty file" in line for line in errors)
    assert any("long.txt: 28,000,000 characters: too long for one article" in line for line in errors)
    with sqlite3.connect(db) as conn:
        docs = sorted(r[0] for r in conn.execute("SELECT doc FROM articles"))
        assert docs == ["good.txt", "j1"]
        assert conn.execute("SELECT count(*) FROM errors").fetchone()[0] == len(errors)
        published = conn.execute("SELECT published FROM articles WHERE doc = 'j1'").fetchone()[0]
        assert published.startswith("2018-02-20")


def test_ingesting_twice_adds_nothing(tmp_path, seed_paths):
    db = tmp_path / "r.db"
    folder = seed_paths[0].parent
    first = run("ingest", str(folder), "--db", str(db))
    assert first.exit_code == 0, first.output
    second = run("ingest", str(folder), "--db", str(db))
    assert "0 new, 5 already stored" in second.stderr
    stats = json.loads(run("stats", "--db", str(db), "--json").stdout)
    assert stats["articles"] == 5 and stats["quotes"] > 40 and stats["dates"] > 10
    with sqlite3.connect(db) as conn:
        rows = dict(conn.execute("SELECT doc, published FROM articles WHERE published IS NOT NULL").fetchall())
        assert rows == {"003_026ba3426ca8b47d.txt": "2021-04-28", "004_d1a6fa11223d264a.txt": "2021-09-09"}
        assert conn.execute("SELECT value FROM dates WHERE text = '9 أيلول 2021'").fetchone() == ("2021-09-09",)


def test_search_and_quotes_over_the_database(tmp_path, seed_paths):
    db = tmp_path / "r.db"
    run("ingest", str(seed_paths[0].parent), "--db", str(db))
    hits = [json.loads(x) for x in run("search", "الانسحاب الأمريكي", "--db", str(db), "--json").stdout.splitlines()]
    assert hits and all("«" in h["snippet"] for h in hits)
    # any spelling of the speaker's name: hamza-less, ى for ي
    said = [json.loads(x) for x in run("quotes", "--speaker", "الخفاجى", "--db", str(db), "--json",
                                        "--limit", "500").stdout.splitlines()]
    assert len(said) >= 40
    assert {q["speaker_name"] for q in said} == {"تحسين الخفاجي"}
    bad = run("search", '"', "--db", str(db))
    assert bad.exit_code != 0 and "Traceback" not in bad.output and bad.output.strip()


def test_database_path_from_the_environment(tmp_path, seed_paths):
    db = tmp_path / "env.db"
    result = run("ingest", str(seed_paths[2]), env={"RASD_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert db.exists()


def test_a_dump_on_one_line_is_not_an_article(tmp_path):
    page = tmp_path / "dump.txt"
    page.write_text("قال الوزير إن الخطة جاهزة " * 12_000, encoding="utf-8")  # 312,000 characters, one line
    result = run("analyze", str(page))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"rasd: {page}: a single line of 312,000 characters: not article text (limit 200,000)"
