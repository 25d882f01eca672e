"""The pages in a real browser: headless Debian Chromium driven by Playwright.

One browser and one server (uvicorn on a free localhost port, over the seeds plus a hostile
article) for the whole module. Chromium must be installed (``make test`` installs it):
without it these tests fail, they do not skip. They also write the README's screenshots to
docs/screenshots/.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
import uvicorn

from conftest import ROOT, XSS_SPEAKER
from rasd.web import create_app

CHROMIUM = os.environ.get("RASD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "docs" / "screenshots"
SPOKESMAN = "تحسين الخفاجي"
XINHUA_ARTICLE = "308b077216c68a2f"  # 003: العراق يؤكد أن علاقته مع التحالف الدولي … (شينخوا)
PESHMERGA_ARTICLE = "8b4265abd783e2b0"


@pytest.fixture(scope="module")
def server(web_db):
    app = create_app(str(web_db))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="ar")
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def api(page, server, path):
    r = page.request.get(server + path)
    assert r.ok, (path, r.status)
    return r.json()


def test_article_page_is_rtl_with_quotes_highlighted_at_their_offsets(page, server):
    art = api(page, server, f"/api/articles/{XINHUA_ARTICLE}")
    page.goto(f"{server}/article/{XINHUA_ARTICLE}")
    assert page.get_attribute("html", "dir") == "rtl" and page.get_attribute("html", "lang") == "ar"
    text = art["text"]
    # the shown text is the stored text, character for character, so offsets mean the same
    assert page.locator("#text").text_content() == text
    shown = page.eval_on_selector_all(
        "#text .hl-quote:not([data-part])",
        "els => els.map(e => [e.id, +e.dataset.start, +e.dataset.end, e.textContent])")
    assert len(shown) == len(art["quotes"]) > 0
    by_id = {f"q{q['id']}": q for q in art["quotes"]}
    for el_id, start, end, content in shown:
        q = by_id[el_id]
        assert (start, end) == (q["start"], q["end"]) and content == text[start:end] == q["text"]
    for kind in ("speaker", "cue", "date", "entity"):
        spans = page.eval_on_selector_all(
            f"#text .hl-{kind}", "els => els.map(e => [+e.dataset.start, +e.dataset.end, e.textContent])")
        assert spans, kind
        assert all(content == text[s:e] for s, e, content in spans), kind
    # speakers link to their person page; the publication date's evidence is marked
    hrefs = page.eval_on_selector_all(
        "#text a.hl-speaker", "els => els.filter(e => e.textContent.includes('الخفاجي')).map(e => e.getAttribute('href'))")
    assert hrefs and set(hrefs) == {"/person/" + quote(SPOKESMAN, safe="")}
    assert page.locator("#published").text_content() == "4/28/2021"
    assert "شينخوا" in page.locator("dl.facts").text_content()
    page.locator(f"#q{art['quotes'][1]['id']}").scroll_into_view_if_needed()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(f"{server}/article/{XINHUA_ARTICLE}")
    page.screenshot(path=str(SHOTS / "article.png"))


def test_person_page_has_a_chart_of_statements_per_month(page, server):
    person = api(page, server, "/api/people/" + quote(SPOKESMAN))
    page.goto(f"{server}/person/{quote(SPOKESMAN)}")
    assert page.get_attribute("html", "dir") == "rtl"
    bars = page.eval_on_selector_all(
        "#month-chart rect.bar",
        "els => els.map(e => [e.dataset.month, +e.dataset.count, e.getBBox().height])")
    assert {m: n for m, n, _ in bars if n} == dict(person["months"])
    assert set(dict(person["months"])) == {"2021-04", "2021-09"}  # the two dated seed articles
    assert len(bars) == 6  # every month from 2021-04 to 2021-09, empty ones too
    assert all(h > 0 for _, n, h in bars if n) and all(h == 0 for _, n, h in bars if not n)
    tallest = max(bars, key=lambda b: b[1])
    assert tallest[2] == max(h for _, _, h in bars)
    assert page.locator("ol.roles > li").count() == len(person["roles"])
    # every statement links to its evidence: the article, anchored at the quote
    link = page.locator("li.statement a.evidence").first
    target = link.get_attribute("href")
    assert target.startswith("/article/") and "#q" in target
    page.screenshot(path=str(SHOTS / "person.png"))
    link.click()
    page.wait_for_url("**/article/**")
    anchor = target.split("#")[1]
    assert page.locator(f"#{anchor}").evaluate("e => e.matches(':target')")


def test_search_form_finds_the_seed_article_in_any_spelling(page, server):
    page.goto(server + "/")
    page.fill("main input[name=q]", "البيشمركه")  # ة written as ه
    page.press("main input[name=q]", "Enter")
    page.wait_for_url("**/search?*")
    ids = page.eval_on_selector_all("li.hit", "els => els.map(e => e.dataset.id)")
    assert PESHMERGA_ARTICLE in ids
    marks = page.eval_on_selector_all("li.hit mark", "els => els.map(e => e.textContent)")
    assert marks and all("البيشمرك" in m for m in marks)
    # a facet narrows the results
    page.click("section.facet[data-facet=source] a >> nth=0")
    assert int(page.text_content("#total")) <= len(ids)


def test_hostile_article_renders_as_text_and_runs_nothing(page, server):
    pages = ["/article/xss-article", "/search?q=" + quote("الوضع"), "/search?q=" + quote("الوضع") + "&scope=statements",
             "/statements", "/people", "/"]
    person = api(page, server, "/api/people?q=script")["items"][0]
    pages.append("/person/" + quote(person["id"], safe=""))
    for path in pages:
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert page.evaluate("document.scripts.length") == 0, path
        assert page.locator("main img").count() == 0, path
        assert page.locator("a[href^='javascript:' i]").count() == 0, path
        external = page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href')).filter(h => !h.startsWith('/') && !h.startsWith('?') && !h.startsWith('#'))")
        assert external == [], (path, external)
    assert page.dialogs == []
    page.goto(server + "/article/xss-article")
    body = page.locator("#text").text_content()
    assert XSS_SPEAKER in body and "<img src=x onerror=window.__xss=1>" in body
    assert page.locator("h1").first.text_content().startswith("عنوان <script>")
    assert page.locator("#text .hl-speaker").first.text_content() == XSS_SPEAKER
    page.hover("dl.facts")  # the source's onmouseover is text too
    assert page.evaluate("typeof window.__xss") == "undefined" and page.dialogs == []


def test_english_labels_and_a_phone_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    pg = context.new_page()
    try:
        pg.goto(f"{server}/article/{XINHUA_ARTICLE}")
        width = pg.evaluate("document.documentElement.clientWidth")
        assert pg.evaluate("document.documentElement.scrollWidth") <= width + 1  # nothing overflows sideways
        pg.click("#lang-switch")
        pg.wait_for_load_state("load")
        assert pg.get_attribute("html", "lang") == "en" and pg.get_attribute("html", "dir") == "ltr"
        assert pg.locator("#text").get_attribute("dir") == "rtl"  # the article itself stays Arabic
        pg.goto(server + "/")
        assert "Most quoted" in pg.text_content("main")
    finally:
        context.close()
