"""Exports of the seed database: every format round-trips, with the database's row counts."""
from __future__ import annotations

import csv
import io
import json
import sqlite3

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from rasd.cli import main
from rasd.export import COLUMNS, FORMATS, WHATS, ExportError, rows, write
from rasd.link.identity import find_person, people
from rasd.store import Store


@pytest.fixture(scope="module")
def store(seed_db):
    with Store(seed_db) as s:
        yield s


def db_count(store, what: str) -> int:
    if what == "people":
        return len(people(store.connection))
    return store.connection.execute(f"SELECT count(*) FROM {what}").fetchone()[0]


def read_back(data: bytes, fmt: str, what: str) -> list[dict]:
    """Parse an export with a reader that knows nothing about rasd; nested CSV cells are JSON."""
    if fmt == "jsonl":
        return [json.loads(line) for line in data.decode("utf-8").splitlines()]
    if fmt == "csv":
        out = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
        return out
    return pq.read_table(io.BytesIO(data)).to_pylist()


@pytest.fixture(scope="module")
def exported(store):
    """Every (what, format) written once to memory: {(what, fmt): bytes}."""
    out = {}
    for what in WHATS:
        for fmt in FORMATS:
            buf = io.BytesIO()
            n = write(store, what, fmt, buf)
            assert n == db_count(store, what) > 0, (what, fmt)
            out[what, fmt] = buf.getvalue()
    return out


@pytest.mark.parametrize("what", WHATS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_round_trips_with_the_database_row_count(store, exported, what, fmt):
    back = read_back(exported[what, fmt], fmt, what)
    assert len(back) == db_count(store, what)
    assert all(tuple(r) == COLUMNS[what] for r in back)  # stable column set and order
    reference = list(rows(store, what))
    if fmt == "csv":  # cells are text: nested values JSON, numbers as digits, None as ''
        def cell(v):
            return "" if v is None else json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)
        reference = [{k: cell(v) for k, v in r.items()} for r in reference]
    assert back == reference


def test_ids_are_the_databases_ids(store, exported):
    conn = store.connection
    articles = read_back(exported["articles", "jsonl"], "jsonl", "articles")
    assert {a["id"] for a in articles} == {r[0] for r in conn.execute("SELECT id FROM articles")}
    quotes = read_back(exported["quotes", "parquet"], "parquet", "quotes")
    assert sorted(q["id"] for q in quotes) == [r[0] for r in conn.execute("SELECT id FROM quotes ORDER BY id")]
    entities = read_back(exported["entities", "csv"], "csv", "entities")
    assert sorted(int(e["id"]) for e in entities) == [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY id")]


@pytest.mark.parametrize("fmt", FORMATS)
def test_quote_offsets_in_exports_point_into_the_exported_article_text(exported, fmt):
    texts = {a["id"]: a["text"] for a in read_back(exported["articles", fmt], fmt, "articles")}
    quotes = read_back(exported["quotes", fmt], fmt, "quotes")
    assert len(quotes) > 40
    as_int = (lambda v: None if v in (None, "") else int(v))
    for q in quotes:
        text = texts[q["article_id"]]
        assert text[as_int(q["start"]):as_int(q["end"])] == q["text"]
        if q["cue"]:
            assert text[as_int(q["cue_start"]):as_int(q["cue_end"])] == q["cue"]
        fragments = json.loads(q["fragments"]) if fmt == "csv" else q["fragments"]
        for start, end in fragments:
            assert as_int(q["start"]) <= start < end <= as_int(q["end"])
    mixed = [q for q in quotes if q["kind"] == "mixed"]
    assert mixed and all(json.loads(q["fragments"]) if fmt == "csv" else q["fragments"] for q in mixed)


def test_csv_keeps_article_text_with_newlines_and_quotes_exactly(store, exported):
    back = read_back(exported["articles", "csv"], "csv", "articles")
    stored = dict(store.connection.execute("SELECT id, text FROM articles"))
    assert any("\n" in t and '"' in t for t in stored.values())
    assert {a["id"]: a["text"] for a in back} == stored


def test_excel_csv_starts_with_a_byte_order_mark(store, exported):
    buf = io.BytesIO()
    write(store, "quotes", "csv", buf, excel=True)
    data = buf.getvalue()
    assert data.startswith(b"\xef\xbb\xbf") and not exported["quotes", "csv"].startswith(b"\xef\xbb\xbf")
    assert data[3:] == exported["quotes", "csv"]


def test_people_rows_link_to_quotes_and_entities_by_person_key(store, exported):
    people_rows = read_back(exported["people", "jsonl"], "jsonl", "people")
    quotes = read_back(exported["quotes", "jsonl"], "jsonl", "quotes")
    entities = read_back(exported["entities", "jsonl"], "jsonl", "entities")
    rec = find_person(store.connection, "الخفاجى")
    khafaji = next(p for p in people_rows if p["key"] == rec.key)
    assert "الخفاجي" in khafaji["name"] and khafaji["articles"] == len(rec.sightings) >= 2
    assert set(khafaji["aliases"]) == rec.aliases
    for p in people_rows:
        assert p["quotes"] == sum(q["person_key"] == p["key"] for q in quotes)
        assert p["articles"] == len({e["article_id"] for e in entities if e["person_key"] == p["key"]})
        for role in p["roles"]:
            assert set(role) == {"role", "first_seen", "last_seen", "articles"}
            assert role["first_seen"] is None or role["first_seen"] <= role["last_seen"]
    assert khafaji["roles"] and khafaji["first_seen"] <= khafaji["last_seen"]


def test_parquet_is_written_in_row_groups(store, tmp_path):
    out = tmp_path / "q.parquet"
    n = write(store, "quotes", "parquet", out, batch_size=7)
    f = pq.ParquetFile(out)
    assert f.metadata.num_rows == n == db_count(store, "quotes")
    assert f.num_row_groups == -(-n // 7)
    assert str(f.schema_arrow.field("fragments").type) == "list<element: list<element: int64>>"


def test_unknown_what_or_format_is_refused(store):
    with pytest.raises(ExportError):
        write(store, "tweets", "jsonl", io.BytesIO())
    with pytest.raises(ExportError):
        write(store, "quotes", "xlsx", io.BytesIO())


def test_cli_export_to_stdout_and_to_a_file(seed_db, tmp_path):
    runner = CliRunner()
    res = runner.invoke(main, ["export", "--what", "quotes", "--format", "csv", "--db", str(seed_db)])
    assert res.exit_code == 0, res.output
    got = list(csv.DictReader(io.StringIO(res.stdout_bytes.decode("utf-8"), newline="")))
    with sqlite3.connect(seed_db) as conn:
        assert len(got) == conn.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert f"{len(got)} quotes exported" in res.stderr
    res = runner.invoke(main, ["export", "--what", "people", "--format", "parquet", "--db", str(seed_db)])
    assert res.exit_code == 2 and "parquet needs --output" in res.output
    out = tmp_path / "people.parquet"
    res = runner.invoke(main, ["export", "--what", "people", "--format", "parquet", "--db", str(seed_db),
                               "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert pq.read_table(out).num_rows == int(res.stderr.split()[0]) > 0
