"""SQLite store: idempotent ingest, WAL, migrations, errors, Arabic search, quotes."""
from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.model import Article, Entity, Quote, Span, Speaker
from rasd.store import SCHEMA_VERSION, SearchError, Store, StoreError, default_db_path
from rasd.store import sqlite as store_sqlite
from rasd.store.searchtext import index_text, parse_query, snippet, term

UAE_TEXT = (
    "افتتحت دولة الإمارات العربية المتحدة أمس مدرسة جديدة في دبي تتسع لألف طالب. "
    "وقال وزير التربية والتعليم أحمد بن عبد الله إن «المدرسة ستكون نموذجاً للتعليم الحديث». "
    "وأضاف أن الحكومة ستفتتح مدارس أخرى العام المقبل."
)
TALKS_TEXT = (
    "استؤنفت المفاوضات بين الطرفين في جنيف صباح اليوم بعد توقف دام أسبوعين. "
    "وأكدت المتحدثة باسم الأمم المتحدة أن الانسحاب من المدينة سيبدأ الشهر المقبل. "
    "وقال رئيس الوفد المفاوض إن «الاتفاق بات قريباً»."
)
OIL_TEXT = "ارتفعت أسعار النفط في الأسواق العالمية اليوم بسبب تراجع المخزونات الأمريكية."


def span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def uae_article(id: str = "uae-1") -> Article:
    t = UAE_TEXT
    speaker = Speaker(
        name="أحمد بن عبد الله", type="PER", role="وزير التربية والتعليم",
        mention=span(t, "أحمد بن عبد الله"), role_span=span(t, "وزير التربية والتعليم"),
    )
    quote = Quote(span(t, "المدرسة ستكون نموذجاً للتعليم الحديث"), "direct", span(t, "وقال"), speaker)
    ent = Entity("LOC", "الإمارات العربية المتحدة", [span(t, "الإمارات العربية المتحدة")])
    minister = Entity("PER", "أحمد بن عبد الله", [span(t, "أحمد بن عبد الله")],
                      [span(t, "وزير التربية والتعليم")])
    return Article(
        id=id, doc=f"{id}.txt", text=t, title="الإمارات تفتتح مدرسة جديدة في دبي",
        published="2024-03-01", source="وام", url="https://example.org/uae", path=f"/in/{id}.txt",
        quotes=[quote], entities=[ent, minister],
    )


def talks_article() -> Article:
    t = TALKS_TEXT
    un = Speaker(name=None, type="UNNAMED", role="المتحدثة باسم الأمم المتحدة",
                 role_span=span(t, "المتحدثة باسم الأمم المتحدة"), resolution="title")
    head = Speaker(name=None, type="UNNAMED", role="رئيس الوفد المفاوض",
                   role_span=span(t, "رئيس الوفد المفاوض"), resolution="title")
    quotes = [
        Quote(span(t, "الانسحاب من المدينة سيبدأ الشهر المقبل"), "indirect", span(t, "وأكدت"), un),
        Quote(span(t, "الاتفاق بات قريباً"), "direct", span(t, "وقال"), head),
    ]
    return Article(id="talks-1", doc="talks-1.txt", text=t, title="استئناف المفاوضات في جنيف",
                   published="2024-03-05", source="رويترز", quotes=quotes)


def oil_article() -> Article:
    return Article(id="oil-1", doc="oil-1.txt", text=OIL_TEXT, title="النفط يرتفع",
                   published="2024-02-20", source="رويترز")


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "rasd.db") as s:
        for a in (uae_article(), talks_article(), oil_article()):
            assert s.add(a) is True
        yield s


def ids(hits) -> list[str]:
    return [h.id for h in hits]


# ------------------------------------------------------------------ ingest


def test_add_is_idempotent(tmp_path):
    with Store(tmp_path / "x.db") as s:
        assert s.add(uae_article()) is True
        assert s.add(uae_article()) is False
        assert s.add(uae_article(id="same-content-other-id")) is False
        assert s.count() == 1
        assert s.stats()["quotes"] == 1
        assert s.stats()["entities"] == 2
        assert len(s.search("دبي")) == 1


def test_same_id_with_new_content_replaces(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.add(uae_article())
        changed = uae_article()
        changed.text = changed.text.replace("دبي", "أبوظبي")
        changed.quotes = []
        assert s.add(changed) is True
        assert s.count() == 1
        assert s.stats()["quotes"] == 0
        assert ids(s.search("أبوظبي")) == ["uae-1"]
        assert s.search("دبي")[0].id == "uae-1"  # still in the title
        assert s.search('"دبي تتسع"') == []  # the old text's phrase is gone
        assert s.search('"ابوظبي تتسع"')[0].id == "uae-1"


def test_quotes_and_entities_stored(store):
    rows = store.quotes(article="uae-1")
    assert len(rows) == 1
    q = rows[0]
    assert q["text"] == "المدرسة ستكون نموذجاً للتعليم الحديث"
    assert UAE_TEXT[q["start"]:q["end"]] == q["text"]
    assert UAE_TEXT[q["speaker_start"]:q["speaker_end"]] == "أحمد بن عبد الله"
    assert (q["kind"], q["cue"], q["speaker_type"], q["resolution"]) == ("direct", "وقال", "PER", "explicit")
    assert q["title"] == "الإمارات تفتتح مدرسة جديدة في دبي"
    roles = store.connection.execute(
        "SELECT roles FROM entities WHERE article_id = 'uae-1' AND type = 'PER'"
    ).fetchone()[0]
    assert "وزير التربية والتعليم" in roles


def test_batch_commits_and_rolls_back(tmp_path):
    with Store(tmp_path / "x.db") as s:
        with s.batch():
            s.add(uae_article())
            s.add(talks_article())
            with s.batch():  # nested joins the outer transaction
                s.add(oil_article())
        assert s.count() == 3
        with pytest.raises(RuntimeError):
            with s.batch():
                s.add(uae_article("new-id-same-content"))
                s.add(Article(id="doomed", doc="doomed", text="نص آخر تماما"))
                raise RuntimeError("boom")
        assert s.count() == 3
        assert not s.search("تماما")


def test_failed_add_inside_batch_leaves_no_half_article(tmp_path):
    bad = oil_article()
    bad.quotes = [Quote(Span(0, 5, None), "direct", None, None)]  # text NULL violates NOT NULL
    with Store(tmp_path / "x.db") as s:
        with s.batch():
            s.add(uae_article())
            with pytest.raises(sqlite3.IntegrityError):
                s.add(bad)
            s.add(talks_article())
        assert s.count() == 2
        assert not s.search("النفط")


def test_add_many(tmp_path):
    arts = [Article(id=f"a{i}", doc=f"a{i}", text=f"خبر رقم {i} عن الاقتصاد") for i in range(23)]
    with Store(tmp_path / "x.db") as s:
        assert s.add_many(arts, batch_size=5) == 23
        assert s.add_many(arts, batch_size=5) == 0
        assert s.count() == 23


def test_errors_table(tmp_path):
    with Store(tmp_path / "x.db") as s:
        s.add_error("/in/broken.html", "cannot decode: invalid start byte")
        with s.batch():
            s.add_error("/in/empty.txt", "empty text")
        assert s.error_count() == 2
        assert s.stats()["errors"] == 2
        errs = s.errors()
        assert [e["path"] for e in errs] == ["/in/broken.html", "/in/empty.txt"]
        assert errs[0]["reason"].startswith("cannot decode") and errs[0]["at"]


def test_stats(store):
    st_ = store.stats()
    assert st_["articles"] == 3
    assert st_["quotes"] == 3
    assert st_["sources"] == {"رويترز": 2, "وام": 1}
    assert st_["schema_version"] == SCHEMA_VERSION


# ------------------------------------------------------------------ file, WAL, migrations


def test_wal_and_pragmas(tmp_path):
    with Store(tmp_path / "x.db") as s:
        c = s.connection
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert c.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_migrates_empty_v0_file_and_reopens(tmp_path):
    path = tmp_path / "old.db"
    path.write_bytes(b"")  # an empty file is a version-0 database
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        tables = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_master")}
        assert {"articles", "quotes", "entities", "errors", "articles_fts"} <= tables
        s.add(uae_article())
    with Store(path) as s:  # re-open: nothing to migrate, data kept
        assert s.schema_version == SCHEMA_VERSION
        assert s.count() == 1
        assert ids(s.search("مدرسه")) == ["uae-1"]


def test_opening_older_database_upgrades_it(tmp_path, monkeypatch):
    path = tmp_path / "v1.db"
    with Store(path) as s:
        s.add(uae_article())
    step = "ALTER TABLE articles ADD COLUMN lang TEXT; UPDATE articles SET lang = 'ar';"
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", store_sqlite.MIGRATIONS + [step])
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION + 1
        assert s.connection.execute("SELECT lang FROM articles").fetchall() == [("ar",)]
        assert s.count() == 1


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    path = tmp_path / "v1.db"
    Store(path).close()
    step = "CREATE TABLE extra (x); INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(store_sqlite, "MIGRATIONS", store_sqlite.MIGRATIONS + [step])
    monkeypatch.setattr(store_sqlite, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Store(path)
    monkeypatch.undo()
    with Store(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        names = {r[0] for r in s.connection.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in names


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "future.db"
    c = sqlite3.connect(path)
    c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    c.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_default_db_path(monkeypatch, tmp_path):
    monkeypatch.delenv("RASD_DB", raising=False)
    assert str(default_db_path()) == "rasd.db"
    monkeypatch.setenv("RASD_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"


# ------------------------------------------------------------------ search


@pytest.mark.parametrize("query", [
    "الامارات",  # text has الإمارات
    "الأمارات",
    "مدرسه",  # text has مدرسة
    "مَدْرَسَةٌ",  # diacritised
    "الإِمَارَاتُ",
    "الإمـــارات",  # tatweel
    "امارات",  # no article
    "والإمارات",  # conjunction
])
def test_search_folds_hamza_ta_marbuta_diacritics(store, query):
    assert ids(store.search(query)) == ["uae-1"]


@pytest.mark.parametrize("query", ["مفاوضات", "والمفاوضات", "بالمفاوضات", "انسحاب", "بالانسحاب", "الإنسحاب"])
def test_search_matches_other_inflections(store, query):
    assert ids(store.search(query)) == ["talks-1"]


def test_search_words_are_anded_or_and_phrases(store):
    assert ids(store.search("المفاوضات دبي")) == []
    assert sorted(ids(store.search("المفاوضات OR دبي"))) == ["talks-1", "uae-1"]
    assert ids(store.search('"الامم المتحده"')) == ["talks-1"]
    assert ids(store.search('"المتحده الامم"')) == []
    assert sorted(ids(store.search("المتحده"))) == ["talks-1", "uae-1"]


def test_search_hit_fields_and_ranking(store):
    hits = store.search("مدرسة")
    h = hits[0]
    assert (h.id, h.doc, h.title, h.published, h.source) == (
        "uae-1", "uae-1.txt", "الإمارات تفتتح مدرسة جديدة في دبي", "2024-03-01", "وام")
    assert h.score > 0
    assert store.search("الأسعار", limit=0) == []
    assert len(store.search("في", limit=2)) == 2


def test_snippet_shows_original_words_marked(store):
    h = store.search("الامارات")[0]
    assert "[الإمارات]" in h.snippet  # original hamza spelling, not the folded index form
    h = store.search("مدرسه")[0]
    assert "[مدرسة]" in h.snippet and "[المدرسة]" in h.snippet
    h = store.search("مفاوضات", marks=("<b>", "</b>"))[0]
    assert "<b>المفاوضات</b>" in h.snippet and "[" not in h.snippet


def test_snippet_window_and_ellipsis():
    text = " ".join(["كلمة"] * 50) + " المفاوضات " + " ".join(["أخرى"] * 50)
    s = snippet(text, parse_query("مفاوضات").terms, words=10)
    assert "[المفاوضات]" in s
    assert s.startswith("…") and s.endswith("…")
    assert len(s.split()) <= 13
    assert snippet("نص قصير", frozenset(), words=10) == "نص قصير"


def test_marks_configurable_per_store(tmp_path):
    with Store(tmp_path / "x.db", marks=("«", "»")) as s:
        s.add(talks_article())
        assert "«الانسحاب»" in s.search("انسحاب")[0].snippet


@pytest.mark.parametrize("query", ["", "   ", "*", "!!!", "؟،.", '""', "«»", "OR", "AND OR", "-"])
def test_empty_queries_raise_search_error(store, query):
    with pytest.raises(SearchError, match="empty query"):
        store.search(query)


@pytest.mark.parametrize("query", [
    '"unbalanced', 'المفاوضات "الأمم', "NEAR(a b)", "title:النفط", "^النفط", "النفط*",
    "(النفط", "النفط)", "NOT النفط", "النفط AND", "OR النفط OR", "a'b", "{title}: x", "-النفط",
])
def test_malformed_queries_never_raise_sqlite_errors(store, query):
    fts = parse_query(query).fts  # these all contain a word: no SearchError either
    store.connection.execute(  # valid FTS5 syntax, not just an error caught by search()
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,)).fetchone()
    assert isinstance(store.search(query), list)


def test_operators_in_user_text_are_words(store):
    assert ids(store.search("title:النفط")) == []  # "title" is a word, not a column filter
    assert ids(store.search("النفط*")) == ["oil-1"]
    assert ids(store.search('"unbalanced')) == []
    assert ids(store.search('المفاوضات "جنيف')) == ["talks-1"]


@pytest.fixture(scope="module")
def memory_store():
    with Store(":memory:") as s:
        s.add(oil_article())
        s.add(talks_article())
        yield s


@settings(max_examples=150, deadline=None)
@given(query=st.text(alphabet=st.sampled_from(list('ab "*():^-+ORANDNEA{}اأإةهىيـًٌ«»\'')), max_size=20))
def test_any_query_gives_results_or_search_error(memory_store, query):
    try:
        fts = parse_query(query).fts
    except SearchError:
        return
    # the generated expression is valid FTS5, and search() runs it
    memory_store.connection.execute(
        "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (fts,)).fetchone()
    memory_store.search(query)


def test_terms_agree_across_clitics_and_spelling():
    groups = [
        ["المدرسة", "مدرسة", "مدرسه", "المدرسه", "والمدرسة", "بالمدرسة", "للمدرسة"],
        ["المفاوضات", "مفاوضات", "والمفاوضات", "بالمفاوضات"],
        ["الإمارات", "الامارات", "إمارات", "والإمارات"],
        ["الحكومة", "حكومة", "للحكومة", "والحكومة", "فالحكومة"],
    ]
    for g in groups:
        assert len({index_text(w) for w in g}) == 1, g
    assert term("trump") == "trump"
    assert index_text("COVID-19 ٢٠٢٤") == "covid 19 2024"


# ------------------------------------------------------------------ quotes


def test_quotes_filter_by_speaker(store):
    assert len(store.quotes()) == 3
    for name in ("أحمد بن عبد الله", "احمد", "احمد بن عبدالله", "عبدالله"):  # hamza, spacing
        assert [q["article_id"] for q in store.quotes(speaker=name)] == ["uae-1"], name
    by_role = store.quotes(speaker="وزير التربيه")
    assert [q["text"] for q in by_role] == ["المدرسة ستكون نموذجاً للتعليم الحديث"]
    un = store.quotes(speaker="الأمم المتحدة")
    assert [q["text"] for q in un] == ["الانسحاب من المدينة سيبدأ الشهر المقبل"]
    assert store.quotes(speaker="رئيس")[0]["speaker_role"] == "رئيس الوفد المفاوض"
    assert store.quotes(speaker="ترامب") == []
    assert len(store.quotes(speaker=None, limit=2)) == 2
    # newest article first
    assert store.quotes()[0]["article_id"] == "talks-1"
