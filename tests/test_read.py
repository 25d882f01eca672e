"""Input readers: encodings, formats, and the errors each bad input must give."""
from __future__ import annotations

import codecs
import io
import json
import tarfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import rasd.read as read_module
from rasd.read import RawDocument, ReadError, read_paths
from rasd.read.encoding import decode

REPO = Path(__file__).parents[1]
# the shared seed articles, or the copy kept in the repo's sample/
SEEDS = next((p for p in (REPO.parent / "shared" / "seeds", REPO / "sample" / "seeds") if p.is_dir()), REPO / "sample" / "seeds")
ANT_TARS = [
    REPO.parent / "shared" / "data" / "ant_multisource_v2.1" / "antcorpus_multisource_v2.1_xml.tar.xz",
    REPO.parent / "shared" / "data" / "ant_corpus_v1.1" / "antcorpus_v1.1_xml.tar.xz",
]

# A short article used where the seeds are not needed.
ARTICLE = (
    "قال وزير الخارجية في مؤتمر صحفي عقده في بغداد يوم الاثنين إن المفاوضات مع الجانب التركي "
    "مستمرة وإن الحكومة تأمل في التوصل إلى اتفاق قريبا بشأن المياه.\n"
    "وأضاف الوزير أن الحوار هو الطريق الوحيد لحل الخلافات بين البلدين الجارين."
)


def read_all(*paths) -> list[RawDocument | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def only_error(items) -> ReadError:
    assert len(items) == 1 and isinstance(items[0], ReadError), items
    return items[0]


def seed_texts() -> list[str]:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not found")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if not texts:
        pytest.skip("seed articles not found")
    return texts


# --- encodings -------------------------------------------------------------

def _first_encodable(texts: list[str], encoding: str) -> str:
    for text in texts:
        try:
            text.encode(encoding)
            return text
        except UnicodeEncodeError:
            pass
    pytest.skip(f"no seed article encodes in {encoding}")


@pytest.mark.parametrize(
    "encoding, encode",
    [
        ("cp1256", lambda t: t.encode("cp1256")),
        ("iso8859_6", lambda t: t.encode("iso8859_6")),
        ("utf-16-le with BOM", lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le")),
        ("utf-16-be with BOM", lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be")),
        ("utf-16-le without BOM", lambda t: t.encode("utf-16-le")),
        ("utf-16-be without BOM", lambda t: t.encode("utf-16-be")),
        ("utf-8 with BOM", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ],
)
def test_seed_in_any_encoding_decodes_to_the_utf8_text(encoding, encode, tmp_path):
    original = _first_encodable(seed_texts(), encoding.split()[0])
    data = encode(original)
    assert data != original.encode("utf-8") or encoding == "utf-8"
    assert decode(data, "seed") == original
    # and through the whole reader, which also turns CRLF into LF
    path = tmp_path / "seed.txt"
    path.write_bytes(data)
    [doc] = read_all(path)
    assert doc.text == original.replace("\r\n", "\n")
    assert (doc.doc, doc.has_title_line) == ("seed.txt", True)


def test_every_seed_survives_cp1256_and_utf16(tmp_path):
    for original in seed_texts():
        assert decode(original.encode("cp1256"), "s") == original
        assert decode(codecs.BOM_UTF16_LE + original.encode("utf-16-le"), "s") == original


def test_cp1256_and_iso8859_6_told_apart_on_a_short_line():
    line = "أعلنت الحكومة العراقية اليوم عن خطة جديدة لإعادة الإعمار"
    assert decode(line.encode("cp1256"), "x") == line
    assert decode(line.encode("iso8859_6"), "x") == line


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert str(only_error(read_all(path))) == f"{path}: empty file"
    with pytest.raises(ReadError, match="^x: empty file$"):
        decode(b"", "x")


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    error = only_error(read_all(path))
    assert str(error) == f"{path}: binary file, not text"
    assert (error.path, error.reason) == (str(path), "binary file, not text")


def test_control_characters_without_nul_are_binary():
    with pytest.raises(ReadError, match="binary file, not text"):
        decode(bytes(range(1, 32)) * 20, "x")


def test_utf8_cut_inside_the_last_character_drops_it(tmp_path):
    data = ARTICLE.encode("utf-8")
    assert data.endswith("ن.".encode())
    cut = data[:-2]  # "." and half of "ن"
    assert decode(cut, "x") == ARTICLE[:-2]
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    [doc] = read_all(path)
    assert doc.text == ARTICLE[:-2]


def test_invalid_utf8_inside_utf8_text(tmp_path):
    data = ARTICLE.encode("utf-8")
    broken = data[:40] + b"\xff\xfe" + data[40:]
    path = tmp_path / "broken.txt"
    path.write_bytes(broken)
    assert str(only_error(read_all(path))) == f"{path}: invalid UTF-8 at byte 40"
    # with a BOM the offset counts the BOM too
    with pytest.raises(ReadError, match="invalid UTF-8 at byte 43$"):
        decode(codecs.BOM_UTF8 + broken, "x")


def test_decoded_text_never_holds_nul():
    with pytest.raises(ReadError, match="binary file, not text"):
        decode(codecs.BOM_UTF16_LE + "نص\x00\x00عربي".encode("utf-16-le"), "x")


def test_fifty_megabyte_single_line(tmp_path):
    path = tmp_path / "one_line.txt"
    line = ("كلمة " * 10_000_000).encode("utf-8")[: 50 * 2**20]
    path.write_bytes(line)
    start = time.perf_counter()
    [doc] = read_all(path)
    elapsed = time.perf_counter() - start
    assert elapsed < 10, elapsed
    assert doc.text == line.decode("utf-8", "ignore")
    assert "\n" not in doc.text and doc.text.startswith("كلمة كلمة")


def test_file_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(201 * 2**20)  # sparse: no real disk use
    error = only_error(read_all(path))
    assert error.path == str(path)
    assert error.reason.startswith("file too large (201 MB")


def test_size_limit_spares_streamed_formats(tmp_path, monkeypatch):
    monkeypatch.setattr(read_module, "MAX_FILE_BYTES", 100)
    lines = tmp_path / "big.jsonl"
    lines.write_text("".join(json.dumps({"text": f"خبر رقم {n}"}, ensure_ascii=False) + "\n" for n in range(10)), encoding="utf-8")
    text = tmp_path / "big.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    assert [d.text for d in read_all(lines)] == [f"خبر رقم {n}" for n in range(10)]
    assert only_error(read_all(text)).reason == "file too large (0 MB; the limit is 0 MB)"


def test_missing_path():
    assert str(only_error(read_all("/no/such/file.txt"))) == "/no/such/file.txt: no such file or directory"


def test_unexpected_exception_becomes_one_read_error(tmp_path, monkeypatch):
    def broken_reader(path, data):
        yield RawDocument(path=path, doc="first", text="نص")
        raise ValueError("boom\nsecond line")

    monkeypatch.setitem(read_module._WHOLE_FILE_READERS, "html", broken_reader)
    (tmp_path / "a.html").write_text("<html><body>x</body></html>", encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE, encoding="utf-8")
    first, error, last = read_all(tmp_path)
    assert first.doc == "first"
    assert str(error) == f"{tmp_path / 'a.html'}: unexpected error: ValueError: boom second line"
    assert "\n" not in str(error)
    assert last.text == ARTICLE


# --- JSON Lines and JSON ---------------------------------------------------

def test_jsonl_dates_ids_and_bad_lines(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": ARTICLE, "title": "المفاوضات مستمرة", "published": "2017-01-25T14:36:00+01:00",
                    "source": "الرافدين", "url": "https://example.com/a1"}, ensure_ascii=False),
        '{"text": "نص مقطوع',
        json.dumps({"text": "أكد المتحدث أن الوفد سيزور أنقرة.", "published": "Mon, 26 Feb 2018 02:20:10 GMT"}, ensure_ascii=False),
        "[1, 2]",
        json.dumps({"title": "بلا نص"}, ensure_ascii=False),
        "",
        json.dumps({"id": 7, "text": "   "}),
        json.dumps({"text": "نص", "published": "17/11/1436ه"}, ensure_ascii=False),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == [
        "RawDocument", "ReadError", "RawDocument", "ReadError", "ReadError", "ReadError", "RawDocument"]
    first, bad_json, second, not_object, no_text, empty_text, hijri = items
    assert (first.doc, first.id, first.title, first.published, first.source, first.url, first.path) == (
        "a1", "a1", "المفاوضات مستمرة", "2017-01-25T14:36:00+01:00", "الرافدين", "https://example.com/a1", f"{path}:1")
    assert first.text == ARTICLE
    assert (second.doc, second.published, second.id) == ("news.jsonl:3", "2018-02-26T02:20:10+00:00", None)
    assert str(bad_json).startswith(f"{path}:2: malformed JSON: ")
    assert str(not_object) == f"{path}:4: expected a JSON object, got list"
    assert str(no_text) == f"{path}:5: missing 'text'"
    assert str(empty_text) == f"{path}:7: empty 'text'"
    assert (hijri.doc, hijri.published) == ("news.jsonl:8", None)  # unparseable date: None, not a guess


def test_json_array_of_saudinewsnet_records(tmp_path):
    records = [
        {"source": "aawsat", "url": "http://aawsat.com/1", "date_extracted": "2015-07-21 10:32:01",
         "title": "وزير يعلن", "author": "", "content": "أعلن الوزير اليوم عن مشروع جديد."},
        {"source": "okaz", "url": "http://okaz.com/2", "date_extracted": "2015-07-22 08:00:00",
         "title": "بلا محتوى", "author": "", "content": ""},
    ]
    path = tmp_path / "2015-07-21.json"
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    doc, error = read_all(path)
    assert (doc.path, doc.doc, doc.source, doc.url, doc.published, doc.title, doc.text) == (
        f"{path}#1", "2015-07-21.json#1", "aawsat", "http://aawsat.com/1", "2015-07-21T10:32:01",
        "وزير يعلن", "أعلن الوزير اليوم عن مشروع جديد.")
    assert str(error) == f"{path}#2: empty 'text'"


def test_jsonl_content_in_a_json_file_is_read_as_lines(tmp_path):
    path = tmp_path / "mixed.json"
    path.write_text('{"text": "سطر أول"}\n{"text": "سطر ثان"}\n', encoding="utf-8")
    assert [d.text for d in read_all(path)] == ["سطر أول", "سطر ثان"]


# --- TREC (ANT corpus) -----------------------------------------------------

TREC_SAMPLE = """<DOC>
<DOCNO>JA-culture-56-20160701</DOCNO>
<URL>http://www.jawharafm.net/ar/article/95/60654</URL>
<SRC>Jawhara FM</SRC>
<CAT>culture</CAT>
<TITLE>مهرجان قرطاج الدولي : أماكن وأوقات بيع التذاكر</TITLE>
<TIME>01/07/2016</TIME>
<AUTHOR/>
<ABSTRACT>
</ABSTRACT>
<TEXT>
أعلنت إدارة مهرجان قرطاج الدولي في بلاغ لها أن بيع التذاكر سيبدأ يوم 5 جويلية.
وقال المدير إن "الأسعار لن تتغير" & الإقبال كبير.
</TEXT>
</DOC>
<DOC>
<DOCNO>BB-culture-37-20180220</DOCNO>
<URL>http://www.bbc.co.uk/arabic/art-and-culture-43116616</URL>
<SRC>BBC</SRC>
<TITLE>معرض كنوز الفرعون الصغير يثير خلافا</TITLE>
<TIME>Tue, 20 Feb 2018 01:44:01 GMT</TIME>
<TEXT>
احتدم الخلاف في الحقل الأثري المصري.
</TEXT>
</DOC>
<DOC>
<DOCNO>JA-culture-1-20170125</DOCNO>
<TIME>2017-01-25T14:36:00+01:00</TIME>
<TEXT>

</TEXT>
</DOC>
"""


def test_trec_inline_sample(tmp_path):
    path = tmp_path / "sample.txt"  # the ANT files are .txt: content decides
    path.write_text(TREC_SAMPLE, encoding="utf-8")
    first, second, empty = read_all(path)
    assert (first.path, first.doc, first.id, first.source, first.url, first.title, first.published) == (
        f"{path}#1", "JA-culture-56-20160701", "JA-culture-56-20160701", "Jawhara FM",
        "http://www.jawharafm.net/ar/article/95/60654", "مهرجان قرطاج الدولي : أماكن وأوقات بيع التذاكر", "2016-07-01")
    assert first.text == (
        "أعلنت إدارة مهرجان قرطاج الدولي في بلاغ لها أن بيع التذاكر سيبدأ يوم 5 جويلية.\n"
        'وقال المدير إن "الأسعار لن تتغير" & الإقبال كبير.')
    assert (second.doc, second.published, second.text) == (
        "BB-culture-37-20180220", "2018-02-20T01:44:01+00:00", "احتدم الخلاف في الحقل الأثري المصري.")
    assert str(empty) == f"{path}#3: no article text in <TEXT>"


def test_trec_file_from_the_ant_corpus(tmp_path):
    tar_path = next((p for p in ANT_TARS if p.is_file()), None)
    if tar_path is None:
        pytest.skip("ANT corpus not found")
    with tarfile.open(tar_path, "r:xz") as archive:
        member = next(m for m in archive if m.isfile() and m.name.endswith(".txt"))
        raw = archive.extractfile(member).read()
    path = tmp_path / Path(member.name).name
    path.write_bytes(raw)
    [doc] = read_all(path)
    source = raw.decode("utf-8")

    def field(name):
        return source.split(f"<{name}>", 1)[1].split(f"</{name}>", 1)[0].strip()

    assert (doc.path, doc.doc, doc.url, doc.source, doc.title, doc.text) == (
        str(path), path.stem, field("URL"), field("SRC"), field("TITLE"), field("TEXT"))
    assert doc.published is not None and doc.published[:4] == path.stem[-8:-4]  # year from DOCNO


# --- RSS and Atom ----------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>أخبار الرافدين</title>
<link>https://example.com/</link>
<item>
<title>وزير الخارجية: المفاوضات مستمرة</title>
<link>https://example.com/news/1</link>
<guid>https://example.com/news/1</guid>
<pubDate>Mon, 26 Feb 2018 02:20:10 GMT</pubDate>
<description>ملخص قصير</description>
<content:encoded><![CDATA[<p>قال وزير الخارجية إن المفاوضات <b>مستمرة</b>.</p><p>وأضاف أن &quot;الحوار هو الطريق&quot;.</p><script>alert(1)</script>]]></content:encoded>
</item>
<item>
<title>خبر ثان</title>
<link>https://example.com/news/2</link>
<description>&lt;p&gt;أعلنت الوزارة عن خطة جديدة.&lt;/p&gt;</description>
</item>
<item><title>بلا نص</title><link>https://example.com/news/3</link></item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>وكالة الأنباء</title>
<id>urn:uuid:feed</id>
<updated>2018-02-26T10:00:00Z</updated>
<entry>
<title>رئيس الوزراء يستقبل وفدا</title>
<link href="https://example.org/a/1"/>
<id>urn:uuid:entry-1</id>
<published>2017-01-25T14:36:00+01:00</published>
<updated>2017-01-26T09:00:00+01:00</updated>
<content type="html">&lt;p&gt;استقبل رئيس الوزراء اليوم وفدا برلمانيا.&lt;/p&gt;&lt;p&gt;وقال إن "التعاون ضروري".&lt;/p&gt;</content>
</entry>
<entry>
<title>تحديث</title>
<link href="https://example.org/a/2"/>
<id>urn:uuid:entry-2</id>
<updated>2017-01-27T08:00:00Z</updated>
<summary type="text">نص الملخص فقط.</summary>
</entry>
</feed>
"""


def test_rss_feed(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(RSS, encoding="utf-8")
    first, second, no_text = read_all(path)
    assert (first.path, first.doc, first.url, first.title, first.published, first.source) == (
        f"{path}#1", "https://example.com/news/1", "https://example.com/news/1",
        "وزير الخارجية: المفاوضات مستمرة", "2018-02-26T02:20:10+00:00", "أخبار الرافدين")
    assert first.text == 'قال وزير الخارجية إن المفاوضات مستمرة.\nوأضاف أن "الحوار هو الطريق".'
    assert (second.text, second.published) == ("أعلنت الوزارة عن خطة جديدة.", None)
    assert str(no_text) == f"{path}#3: feed entry has no text"


def test_atom_feed(tmp_path):
    path = tmp_path / "feed.atom"
    path.write_text(ATOM, encoding="utf-8")
    first, second = read_all(path)
    assert (first.doc, first.id, first.url, first.title, first.published, first.source, first.text) == (
        "urn:uuid:entry-1", "urn:uuid:entry-1", "https://example.org/a/1", "رئيس الوزراء يستقبل وفدا",
        "2017-01-25T14:36:00+01:00", "وكالة الأنباء", 'استقبل رئيس الوزراء اليوم وفدا برلمانيا.\nوقال إن "التعاون ضروري".')
    # Atom makes <published> optional; <updated> stands in
    assert (second.published, second.text) == ("2017-01-27T08:00:00+00:00", "نص الملخص فقط.")


def test_broken_feed(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("الخلاصة غير متاحة <<<", encoding="utf-8")
    assert str(only_error(read_all(path))).startswith(f"{path}: not a readable feed: ")


# --- HTML ------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<title>وزير الخارجية: المفاوضات مستمرة | أخبار الرافدين</title>
<meta property="og:title" content="وزير الخارجية: المفاوضات مستمرة">
<meta property="og:site_name" content="أخبار الرافدين">
<meta property="article:published_time" content="2018-02-26T02:20:10+00:00">
<link rel="canonical" href="https://example.com/news/123">
</head>
<body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/politics">سياسة</a></li><li><a href="/sport">رياضة</a></li></ul></nav>
<article>
<h1>وزير الخارجية: المفاوضات مستمرة</h1>
<p>%s</p>
<p>من جانبه، أكد المتحدث باسم الوزارة أن الوفد العراقي سيزور أنقرة خلال الشهر الجاري.</p>
</article>
<footer><p>جميع الحقوق محفوظة © أخبار الرافدين 2018</p><a href="/contact">اتصل بنا</a></footer>
</body>
</html>
""" % ARTICLE.replace("\n", " ")


def test_html_page_keeps_the_article_and_drops_the_furniture(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    [doc] = read_all(path)
    assert (doc.doc, doc.title, doc.published, doc.source, doc.url) == (
        "page.html", "وزير الخارجية: المفاوضات مستمرة", "2018-02-26", "أخبار الرافدين", "https://example.com/news/123")
    assert ARTICLE.replace("\n", " ") in doc.text
    assert "أكد المتحدث باسم الوزارة أن الوفد العراقي سيزور أنقرة" in doc.text
    for furniture in ("الرئيسية", "رياضة", "جميع الحقوق محفوظة", "اتصل بنا"):
        assert furniture not in doc.text


def test_html_in_cp1256_without_extension(tmp_path):
    path = tmp_path / "page"
    path.write_bytes(PAGE.replace('charset="utf-8"', 'charset="windows-1256"').replace("©", "").encode("cp1256"))
    [doc] = read_all(path)
    assert ARTICLE.replace("\n", " ") in doc.text


def test_html_without_article_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title>x</title><script>var a = 1;</script></head><body><img src='a.png'></body></html>",
                    encoding="utf-8")
    assert str(only_error(read_all(path))) == f"{path}: no article text found in HTML"


# --- WARC ------------------------------------------------------------------

def _page(body: str) -> bytes:
    return f"<html><head><title>خبر</title></head><body><article><p>{body}</p></article></body></html>".encode("utf-8")


def write_warc(gz: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "rasd tests"}))

    def response(url, body: bytes, content_type):
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))

    response("https://example.com/1", _page(ARTICLE.replace("\n", " ")), "text/html; charset=utf-8")
    response("https://example.com/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    request = StatusAndHeaders("GET /2 HTTP/1.1", [("Host", "example.com")], is_http_request=True)
    writer.write_record(writer.create_warc_record("https://example.com/2", "request", payload=io.BytesIO(b""), http_headers=request))
    response("https://example.com/2", _page("أكد المتحدث باسم الوزارة أن الوفد سيزور أنقرة خلال الشهر الجاري. " * 5).replace(b"utf-8", b"x"),
             "text/html")
    response("https://example.com/3.txt", "بيان صحفي\nأعلنت الوزارة اليوم عن خطة جديدة.".encode("cp1256"), "text/plain")
    return buffer.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(write_warc(gz))
    first, second, third = read_all(path)
    assert (first.path, first.doc, first.url) == (f"{path}#2", "https://example.com/1", "https://example.com/1")
    assert ARTICLE.replace("\n", " ") in first.text
    assert (second.path, second.doc) == (f"{path}#5", "https://example.com/2")
    assert "أكد المتحدث باسم الوزارة أن الوفد سيزور أنقرة" in second.text
    # plain text with no charset declared: detected as Windows-1256
    assert (third.path, third.doc, third.text) == (f"{path}#6", "https://example.com/3.txt", "بيان صحفي\nأعلنت الوزارة اليوم عن خطة جديدة.")


def test_gzipped_warc_is_sniffed_without_extension(tmp_path):
    path = tmp_path / "crawl.bin"
    path.write_bytes(write_warc(True))
    assert [d.doc for d in read_all(path)] == ["https://example.com/1", "https://example.com/2", "https://example.com/3.txt"]


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_the_records_before(tmp_path, gz):
    data = write_warc(gz)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[: len(data) - 60])  # inside the last record
    *docs, error = read_all(path)
    assert [d.doc for d in docs] == ["https://example.com/1", "https://example.com/2"]
    assert isinstance(error, ReadError) and error.path == str(path)
    assert "WARC" in error.reason and "record 6" in error.reason


@pytest.mark.parametrize("gz", [False, True])
def test_warc_cut_anywhere_gives_a_prefix_and_at_most_one_error(tmp_path, gz):
    data = write_warc(gz)
    expected = ["https://example.com/1", "https://example.com/2", "https://example.com/3.txt"]
    path = tmp_path / "cut.warc"
    errors = 0
    for cut in range(1, len(data), 23):
        path.write_bytes(data[:cut])
        items = read_all(path)
        docs = [i.doc for i in items if isinstance(i, RawDocument)]
        assert docs == expected[: len(docs)], cut
        failures = [i for i in items if isinstance(i, ReadError)]
        assert len(failures) <= 1 and (not failures or items[-1] is failures[0]), cut
        errors += len(failures)
    # only cuts that fall exactly between records can pass unnoticed
    assert errors >= 0.9 * len(range(1, len(data), 23))


def test_warc_with_garbage_inside(tmp_path):
    data = write_warc(True)
    # Record offsets from warcio itself: searching for the gzip magic bytes is flaky, since
    # they can also occur inside compressed data (which changes with WARC-Date).
    it = ArchiveIterator(io.BytesIO(data))
    offsets = [it.get_record_offset() for _ in it]
    cut = offsets[2]  # start of the third record
    path = tmp_path / "garbage.warc.gz"
    path.write_bytes(data[:cut] + b"this is not a WARC record\r\n" + data[cut:])
    *docs, error = read_all(path)
    assert [d.doc for d in docs] == ["https://example.com/1"]
    assert error.path == str(path) and error.reason.startswith("corrupt WARC after record 2")
    assert "\n" not in str(error)


# --- directories and dispatch ----------------------------------------------

def test_directory_walk_is_recursive_sorted_and_skips_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text("مخفي", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("مخفي", encoding="utf-8")
    (tmp_path / "z.txt").write_text("عنوان\nنص الخبر", encoding="utf-8")
    (tmp_path / "b" / "news.jsonl").write_text('{"id": "j1", "text": "خبر من ملف أسطر"}\n', encoding="utf-8")
    (tmp_path / "a" / "deep" / "ant.txt").write_text(TREC_SAMPLE.split("</DOC>")[0] + "</DOC>", encoding="utf-8")
    (tmp_path / "a" / "page.htm").write_text(PAGE, encoding="utf-8")
    items = read_all(tmp_path)
    assert [i.doc for i in items] == ["JA-culture-56-20160701", "page.htm", "j1", "z.txt"]
    assert items[-1].text == "عنوان\nنص الخبر" and items[-1].has_title_line
    assert items[0].path == str(tmp_path / "a" / "deep" / "ant.txt")


def test_several_paths_keep_going_after_errors(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    items = read_all(tmp_path / "missing", empty, good)
    assert [str(i) if isinstance(i, ReadError) else i.text for i in items] == [
        f"{tmp_path / 'missing'}: no such file or directory", f"{empty}: empty file", ARTICLE]


@pytest.mark.parametrize(
    "name, head, kind",
    [
        ("a.txt", "<DOC>\n<DOCNO>x</DOCNO>", "trec"),
        ("a.html", "<DOC>\n<DOCNO>x</DOCNO>", "trec"),
        ("a.xml", '<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        ("a.txt", '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        ("a", "\ufeff<!DOCTYPE html><html>", "html"),
        ("a.txt", "  <html lang='ar'>", "html"),
        ("a.htm", "نص عادي", "html"),
        ("a", '{"text": "خبر"}\n{"text": "آخر"}\n', "jsonl"),
        ("a.json", '{\n  "text": "خبر"\n}\n', "json"),
        ("a", '[{"text": "خبر"}]', "json"),
        ("a.txt", "[عاجل] خبر", "text"),
        ("a.ndjson", "", "jsonl"),
        ("a.warc", "", "warc"),
        ("a", "WARC/1.0\r\n", "warc"),
        ("a.dat", "قال الوزير", "text"),
    ],
)
def test_sniff(name, head, kind):
    assert read_module.sniff(name, head.encode("utf-8")) == kind


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(min_size=1, max_size=600), name=st.sampled_from(["a.txt", "a.html", "a.jsonl", "a.json", "a.xml", "a.warc", "a"]))
def test_any_bytes_give_documents_or_read_errors_never_exceptions(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    for item in read_paths([str(path)]):
        assert isinstance(item, (RawDocument, ReadError))
        if isinstance(item, RawDocument):
            assert "\x00" not in item.text and item.text.strip()
        else:
            assert "\n" not in str(item) and str(item).startswith(str(path))
            assert not item.reason.startswith("unexpected error"), item


def test_sniff_utf16_markup():
    assert read_module.sniff("a", "<!DOCTYPE html><html>".encode("utf-16-le")) == "html"
    assert read_module.sniff("a", codecs.BOM_UTF16_BE + "<DOC>".encode("utf-16-be")) == "trec"
