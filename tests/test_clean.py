"""Cleaning scraped pages: furniture out, every article line in, headline found."""
from __future__ import annotations

from rasd.clean import clean
from rasd.clean.furniture import keep_lines, looks_like_furniture
from rasd.clean.source import from_byline, from_dateline, from_self_reference
from rasd.clean.unicode import tidy
from rasd.read.base import RawDocument


def raw(text: str, **kw) -> RawDocument:
    return RawDocument(path="page.txt", doc="page.txt", text=text, has_title_line=True, **kw)


PAGE = """Erbil 7°C السبت 23 تشرين\u00a0الثاني 07:13

الحكومة تؤكد استمرار الحوار مع الفصائل

  • 4/28/2021
  • 00:00
  • 3
news-picture

زاكروس عربية – أربيل

أكدت الحكومة، اليوم الخميس، أن الحوار مع الفصائل مستمر وأن اللجان تعمل بلا توقف منذ أسابيع.

"لن نتراجع"

وقال المتحدث باسم الحكومة إن "الأبواب مفتوحة أمام الجميع دون استثناء".

العراق

التعليقات (0)

لا توجد تعليقات حتى الآن

الرد كضيف

هل ترغب في تلقي إشعارات؟
ابق على اطلاع بآخر أخبارنا وأحداثنا.
Related Posts
مشاركة :
"""


def test_furniture_removed_and_article_lines_kept():
    a = clean(raw(PAGE))
    lines = a.text.split("\n\n")
    assert lines == [
        "الحكومة تؤكد استمرار الحوار مع الفصائل",
        "• 4/28/2021",  # the page's own date line stays: it says when the article appeared
        "زاكروس عربية – أربيل",
        "أكدت الحكومة، اليوم الخميس، أن الحوار مع الفصائل مستمر وأن اللجان تعمل بلا توقف منذ أسابيع.",
        '"لن نتراجع"',  # a short quoted line of the article stays
        'وقال المتحدث باسم الحكومة إن "الأبواب مفتوحة أمام الجميع دون استثناء".',
    ]
    assert a.title == "الحكومة تؤكد استمرار الحوار مع الفصائل"
    assert a.title_span.start == 0 and a.text[: a.title_span.end] == a.title
    assert a.source == "زاكروس عربية"
    assert "العراق" in a.removed and "الرد كضيف" in a.removed


def test_long_first_line_is_not_a_headline():
    a = clean(raw("وقال مدير الإعلام في الوزارة إن القوات أنهت انتشارها على الحدود الغربية بالكامل.\n"
                  "وأضاف أن العمل مستمر."))
    assert a.title is None


def test_unicode_hygiene_keeps_letters_as_written():
    text = "قال\u00a0الوزير\u200f إن الإمارات\u200b تدعم «السلام»\r\nوأضاف: نعم\u202fبالتأكيد"
    assert tidy(text) == "قال الوزير إن الإمارات تدعم «السلام»\nوأضاف: نعم بالتأكيد"
    # hamza, ta marbuta and diacritics are never folded in stored text
    assert tidy("مُدرسة الإمارات") == "مُدرسة الإمارات"


def test_furniture_cues_come_from_the_resource_file():
    assert looks_like_furniture("اقرأ أيضاً")
    assert looks_like_furniture("عدد المشاهدات: 245")
    assert looks_like_furniture("السبت 23 تشرين الثاني 07:13")
    assert not looks_like_furniture("قال الوزير إن المشاهدات كثيرة")
    assert keep_lines(["نص المقال الطويل الذي يتحدث عن السياسة والاقتصاد في البلاد منذ سنوات طويلة",
                       "تونس"]) == [True, False]


def test_source_conventions():
    assert from_byline("زاكروس عربية – أربيل") == "زاكروس عربية"
    assert from_dateline("بغداد 27 أبريل 2021 (شينخوا) أكدت قيادة العمليات") == "شينخوا"
    assert from_dateline("أكدت القيادة اليوم (الثلاثاء) أن") is None
    assert from_self_reference("وقالت اللجنة في بيان تلقته وكالة نون الخبرية، إنه") == "وكالة نون الخبرية"


def test_given_title_is_prepended_once():
    a = clean(RawDocument(path="x", doc="x", text="قال الوزير إن الخطة جاهزة.", title="الخطة جاهزة"))
    assert a.text.startswith("الخطة جاهزة\n\n")
    b = clean(RawDocument(path="x", doc="x", text="الخطة جاهزة\nقال الوزير إن الخطة جاهزة.", title="الخطة جاهزة"))
    assert b.text.count("الخطة جاهزة\n") == 1


def test_section_label_above_the_headline_is_furniture():
    a = clean(raw("سياسة\nالحكومة تؤكد استمرار الحوار مع الفصائل\n"
                  "أكدت الحكومة، اليوم الخميس، أن الحوار مع الفصائل مستمر وأن اللجان تعمل بلا توقف منذ أسابيع.\n"
                  "اقرأ أيضاً: الخفاجي يؤكد وجود مساع لتشكيل قوات مشتركة\nمنذ 3 ساعات"))
    assert a.title == "الحكومة تؤكد استمرار الحوار مع الفصائل"
    assert a.removed == ["اقرأ أيضاً: الخفاجي يؤكد وجود مساع لتشكيل قوات مشتركة", "منذ 3 ساعات", "سياسة"]
    # a short first line followed by the body is a headline, not a label
    b = clean(raw("انسحاب القوات\nأكدت الحكومة، اليوم الخميس، أن الحوار مع الفصائل مستمر وأن اللجان تعمل بلا توقف."))
    assert b.title == "انسحاب القوات"


def test_credit_and_disclaimer_lines_are_furniture():
    for line in ("فرانس24/ أ ف ب", "*نقلاً عن اليوم السعودية",
                 "** جميع المقالات المنشورة تمثل رأي كتابها فقط.",
                 'اقرأ: البيت الأبيض يربط بين بناء جدار المكسيك وبرنامج "حالمون"'):  # CNN's related link
        assert looks_like_furniture(line), line
    for line in ("نقلا عن مصادر مطلعة أن الحكومة ستعلن قرارها بشأن الموازنة الأسبوع المقبل.",
                 "وقالت فرانس برس إن الوفد وصل إلى بغداد مساء الأحد.",
                 "دمشق/ أكدت وزارة الخارجية السورية أن المفاوضات متواصلة."):
        assert not looks_like_furniture(line), line
