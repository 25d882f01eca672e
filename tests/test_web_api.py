"""The web app without a browser: JSON API shape and pagination, errors, escaping, offsets."""
from __future__ import annotations

import html
import re
import warnings

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import XSS_SPEAKER, XSS_TITLE
from rasd.web import create_app
from rasd.web.app import person_url
from rasd.web.highlight import Mark, render

SPOKESMAN = "تحسين الخفاجي"
PESHMERGA_ARTICLE = "8b4265abd783e2b0"  # 001: الخفاجي يؤكد وجود مساع لتشكيل قوات مشتركة … والبيشمركة


@pytest.fixture(scope="module")
def client(web_db):
    app = create_app(str(web_db), warm=False)
    with TestClient(app) as c:
        yield c


def page_text(markup: str) -> str:
    """The text a browser shows for an HTML fragment (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def test_articles_are_listed_with_totals_and_stable_pages(client):
    first = client.get("/api/articles", params={"limit": 4}).json()
    second = client.get("/api/articles", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 6
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) == 6 and PESHMERGA_ARTICLE in ids
    assert first["items"][0]["published"] >= first["items"][1]["published"]  # newest first
    again = client.get("/api/articles", params={"limit": 4}).json()
    assert [a["id"] for a in again["items"]] == [a["id"] for a in first["items"]]
    dated = client.get("/api/articles", params={"since": "2021-09", "until": "2021-09-30"}).json()
    assert [a["published"][:7] for a in dated["items"]] == ["2021-09"]


def test_an_article_carries_every_fact_with_offsets_into_its_text(client):
    art = client.get(f"/api/articles/{PESHMERGA_ARTICLE}").json()
    text = art["text"]
    assert art["quotes"] and art["entities"]
    for q in art["quotes"]:
        assert text[q["start"]:q["end"]] == q["text"]
        if q["cue_start"] is not None:
            assert text[q["cue_start"]:q["cue_end"]] == q["cue"]
    for d in art["dates"]:
        assert text[d["start"]:d["end"]] == d["text"]
    spokesman = [q for q in art["quotes"] if q["speaker_name"] == SPOKESMAN]
    assert spokesman and all(q["speaker_id"] == SPOKESMAN for q in spokesman)


def test_people_quotes_and_entities(client):
    people = client.get("/api/people").json()
    top = people["items"][0]
    assert top["name"] == SPOKESMAN and top["quotes"] >= 40 and top["articles"] == 5
    person = client.get(f"/api/people/{top['id']}").json()
    assert sum(n for _, n in person["months"]) + person["undated"] == top["quotes"] == person["quotes"]
    assert len(person["statements"]) == 20  # one page (limit 20)
    rest = client.get(f"/api/people/{top['id']}", params={"offset": 20, "limit": 100}).json()["statements"]
    assert len(rest) == top["quotes"] - 20 and not {q["id"] for q in rest} & {q["id"] for q in person["statements"]}
    assert {"المتحدث باسم القيادة", "مدير الإعلام والتوجيه المعنوي في الوزارة"} <= {r["role"] for r in person["roles"]}
    # any spelling of the name finds the same record
    assert client.get("/api/people/تحسين الخفاجى").json()["id"] == top["id"]
    direct = client.get("/api/quotes", params={"speaker": "الخفاجى", "kind": "direct", "limit": 100}).json()
    everything = client.get("/api/quotes", params={"limit": 1}).json()
    assert 0 < direct["total"] < everything["total"]
    assert all(q["kind"] == "direct" and "الخفاجي" in q["speaker_name"] for q in direct["items"])
    one = client.get(f"/api/quotes/{direct['items'][0]['id']}").json()
    assert one == direct["items"][0]
    orgs = client.get("/api/entities", params={"type": "ORG"}).json()
    assert orgs["total"] > 0 and all(e["type"] == "ORG" for e in orgs["items"])
    org = orgs["items"][0]
    assert client.get(f"/api/entities/ORG/{org['id']}").json()["name"] == org["name"]


def test_search_folds_arabic_spelling_and_gives_facets(client):
    for query in ("البيشمركة", "البيشمركه", "بيشمركة"):
        found = client.get("/api/search", params={"q": query}).json()
        assert PESHMERGA_ARTICLE in [h["id"] for h in found["items"]], query
    found = client.get("/api/search", params={"q": "الخفاجي", "limit": 2}).json()
    assert found["total"] == 5 and len(found["items"]) == 2
    assert all("<mark>" in h["snippet_html"] and "<mark>" not in h["snippet"] for h in found["items"])
    assert {f["value"] for f in found["facets"]["source"]} >= {"شينخوا", "زاكروس عربية"}
    only = client.get("/api/search", params={"q": "الخفاجي", "source": "شينخوا"}).json()
    assert only["total"] == 1 and only["items"][0]["source"] == "شينخوا"
    said = client.get("/api/search/statements", params={"q": "البيشمركة"}).json()
    assert said["total"] > 0 and all("البيشمركة" in q["text"] for q in said["items"])


@pytest.mark.parametrize("url, status", [
    ("/api/articles/no-such-id", 404),
    ("/api/people/nobody-at-all", 404),
    ("/api/quotes/999999", 404),
    ("/api/entities/ORG/nothing", 404),
    ("/api/search?q=%22%22", 400),
    ("/api/search?q=OR", 400),
    ("/api/search", 400),
    ("/api/articles?limit=0", 400),
    ("/api/articles?limit=abc", 400),
    ("/api/articles?since=yesterday", 400),
    ("/api/quotes?kind=shouted", 400),
    ("/api/nothing-here", 404),
])
def test_api_errors_are_json_with_a_reason(client, url, status):
    r = client.get(url)
    assert r.status_code == status
    body = r.json()
    assert body["error"]["status"] == status and body["error"]["message"]
    assert "Traceback" not in r.text


@pytest.mark.parametrize("url, status", [
    ("/article/no-such-id", 404),
    ("/person/nobody-at-all", 404),
    ("/entity/ORG/nothing", 404),
    ("/search?q=", 400),
    ("/search?q=%22%20%22", 400),
    ("/search?q=x&since=2021-13-45x", 400),
    ("/statements?kind=shouted", 400),
    ("/statements?page=0", 400),
    ("/no/such/page", 404),
])
def test_page_errors_are_friendly_pages(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in r.text and f'data-status="{status}"' in r.text and 'href="/"' in r.text
    assert "Traceback" not in r.text


def test_an_unexpected_failure_is_a_plain_500_page(web_db, monkeypatch):
    app = create_app(str(web_db), warm=False)

    def broken(*a, **k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.state.data, "status", broken)
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/")
        assert r.status_code == 500 and 'data-status="500"' in r.text
        assert "secret internals" not in r.text and "Traceback" not in r.text
        monkeypatch.setattr(app.state.data, "status", broken)
        r = c.get("/api/status")
        assert r.status_code == 500 and r.json()["error"]["message"] == "internal error"


def test_pages_render_and_the_article_text_is_exactly_the_stored_text(client):
    for url in ["/", "/search?q=الخفاجي", "/search?q=الخفاجي&scope=statements", "/statements",
                "/statements?speaker=الخفاجي&kind=direct", "/people", "/entities", f"/person/{SPOKESMAN}",
                "/docs"]:
        r = client.get(url)
        assert r.status_code == 200, url
        assert "Content-Security-Policy" in r.headers and "script-src 'self'" in r.headers["Content-Security-Policy"]
    art = client.get(f"/api/articles/{PESHMERGA_ARTICLE}").json()
    page = client.get(f"/article/{PESHMERGA_ARTICLE}").text
    body = re.search(r'<div class="text" id="text"[^>]*>(.*?)</div>', page, re.S).group(1)
    assert page_text(body) == art["text"]
    for q in art["quotes"]:
        assert f'id="q{q["id"]}"' in body
        assert re.search(rf'data-start="{q["start"]}" data-end="{q["end"]}"[^>]*id="q{q["id"]}"', body)
    assert f'href="{person_url(SPOKESMAN)}"' in body


def test_hostile_text_is_escaped_everywhere(client):
    pages = [client.get(u).text for u in (
        "/article/xss-article", "/search?q=الوضع", "/search?q=الوضع&scope=statements", "/statements",
        "/", "/people")]
    for page in pages:
        assert "<script>window" not in page and "<img src=x" not in page and 'href="javascript:' not in page
        assert not re.search(r"<(img|svg|b)\b[^>]*on\w+=", page)
    article = pages[0]
    assert html.escape(XSS_TITLE, quote=False)[:40] in article.replace("&#34;", '"').replace("&#39;", "'")
    person = client.get("/api/people", params={"q": "script"}).json()["items"][0]
    assert person["name"] == XSS_SPEAKER
    page = client.get(f"/person/{person['id']}").text
    assert "<script>window" not in page and "&lt;script&gt;window" in page


def test_language_switch_is_remembered(client):
    r = client.get("/", params={"lang": "en"})
    assert '<html lang="en" dir="ltr">' in r.text and "Most quoted" in r.text
    assert client.get("/statements").text.count("Statements") >= 1  # the cookie keeps English
    r = client.get("/", params={"lang": "ar"})
    assert '<html lang="ar" dir="rtl">' in r.text and "الأكثر تصريحا" in r.text


def test_openapi_and_offline_docs(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/people",
                 "/api/people/{person_id}", "/api/entities", "/api/search"):
        assert path in schema["paths"]
    docs = client.get("/docs").text
    assert "/api/search" in docs and "cdn" not in docs.lower() and "<script" not in docs


def test_highlights_nest_cut_and_escape():
    text = "قال <b>أحمد</b> إن الأمر & غيره"
    marks = [Mark(0, 30, "quote", {"id": "q1"}), Mark(4, 15, "speaker", href="/person/x"),
             Mark(10, 20, "date"), Mark(25, 31, "entity")]
    out = render(text, marks)
    assert page_text(out) == text and "<b>" not in out and "&lt;b&gt;" in out
    # the date crosses the speaker's end: cut into two pieces, each with its own offsets
    assert 'data-start="10" data-end="15" data-part="10-20"' in out
    assert 'data-start="15" data-end="20" data-part="10-20"' in out
    assert 'data-start="25" data-end="30" data-part="25-31"' in out and out.count('id="q1"') == 1
    with pytest.raises(ValueError):
        render(text, [Mark(0, 3, "speaker", href="javascript:alert(1)")])
    with pytest.raises(ValueError):
        render(text, [Mark(0, 3, "speaker", href="//evil.example/")])


def test_downloads_are_the_exports(client):
    total = client.get("/api/quotes", params={"limit": 1}).json()["total"]
    r = client.get("/export/quotes.jsonl")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
    assert 'filename="rasd-quotes.jsonl"' in r.headers["content-disposition"]
    lines = r.text.splitlines()
    assert len(lines) == total and '"article_id"' in lines[0]
    r = client.get("/export/people.csv")
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf") and SPOKESMAN in r.text
    assert client.get("/export/articles.parquet").content[:4] == b"PAR1"
    assert client.get("/export/secrets.txt").status_code == 404
    assert 'href="/export/quotes.csv"' in client.get("/").text


def test_watchlists_are_made_shown_fed_and_deleted(client):
    r = client.post("/watchlists", content="name=spokesman&person=%D8%A7%D9%84%D8%AE%D9%81%D8%A7%D8%AC%D9%89",
                    headers={"content-type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert r.status_code == 303
    page = r.headers["location"]
    wid = page.rsplit("/", 1)[1]
    assert client.get("/watchlists").status_code == 200 and page in client.get("/watchlists").text
    everything = client.get(page, params={"all": 1}).text
    assert everything.count('data-type="quote"') >= 40  # al-Khafaji's statements, any spelling
    assert client.get(f"/api/watchlists/{wid}").json()["matches"] == []  # nothing ingested since
    feed = client.get(f"{page}/feed.atom")
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/atom+xml")
    assert "<feed" in feed.text
    hostile = client.post("/watchlists", content="name=x&term=y", headers={
        "content-type": "application/x-www-form-urlencoded", "origin": "http://evil.example"})
    assert hostile.status_code == 403
    assert client.post("/watchlists", content="name=empty",
                       headers={"content-type": "application/x-www-form-urlencoded"}).status_code == 400
    assert client.post(f"{page}/delete", follow_redirects=False).status_code == 303
    assert client.get(page).status_code == 404 and client.get(f"/api/watchlists/{wid}").status_code == 404


def test_statement_counts_stop_at_the_cap(monkeypatch, client):
    from rasd.web import queries

    monkeypatch.setattr(queries, "COUNT_CAP", 3)
    body = client.get("/api/quotes?limit=2").json()
    assert body["total"] == 4 and body["total_is_lower_bound"] is True  # counted up to cap + 1
    assert len(body["items"]) == 2
    assert client.get("/api/articles?limit=2").json()["total_is_lower_bound"] is False
