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


# CNN Arabic, 1 Sep 2018 (ANT corpus, CN-economy-238): the report, then five leads of other
# stories run on as plain paragraphs. One opens with a root و (وافقت), one with its own dateline.
CNN_REPORT = [
    "محاكم السعودية تتلقى طلبات لاسترداد 4.5 مليار دولار في شهر",
    "دبي، الإمارات العربية المتحدة (CNN)-- كشفت وزارة العدل السعودية، السبت، عن تلقي دوائر ومحاكم "
    "التنفيذ بالمملكة، أكثر من 72 ألف طلب تنفيذ أحكام استرداد حقوق مالية، (من 13 يوليو/تموز 2018 إلى "
    "11 أغسطس/آب من نفس العام)، بزيادة نسبتها 32%، عن عدد الطلبات الواردة خلال نفس الفترة قبل عام.",
    "وتراوح العدد اليومي لطلبات التنفيذ الواردة بين 2804 و5041 طلبًا، كما تراوح عدد طلبات التنفيذ "
    "الشهرية خلال 12 شهرًا بين 22 ألفا و72 ألف طلب تنفيذ.",
    "يذكر أن وزارة العدل، أتاحت على بوابتها الإلكترونية خدمة الاستعلام عن جميع تفاصيل طلبات التنفيذ "
    "المقدمة إلى المحاكم، حيث يتمكن أطراف التنفيذ من خلال إدخال رقم الهوية الوطنية، من الاطلاع على "
    "تفاصيل الطلبات مباشرة.",
]
CNN_TEASERS = [
    "تسعى الصين، بخطى حثيثة نحو تعزيز تجارتها مع طهران، والتوسع في الاستثمار بقطاع النفط الإيراني، "
    "متجاهلة تماما العقوبات المفروضة من الولايات المتحدة على إيران.",
    "وافقت اللجنة الحكومية الروسية للرقابة على الاستثمارات الأجنبية، على بيع حصة تبلغ 14.16% من أسهم "
    "شركة روس نفط الروسية العملاقة، لصندوق قطر السيادي \"جهاز قطر للاستثمار\"، بحسب مصدر في الحكومة الروسية.",
    "قال الرئيس التركي، رجب طيب أردوغان، إن الغرب لن يتمكن مما وصفه بـ\"تركيع\" الشعب التركي عبر الدولار، "
    "وذلك في إشارة إلى تأثير الأزمة بين أنقرة وواشنطن على سعر صرف الليرة التركية.",
    "دبي، الإمارات العربية المتحدة (CNN)- تراهن شركة المشروبات العالمية \"كوكاكولا\" على أن المقاهي "
    "ستجعلها أقرب للسيطرة الكاملة على سوق المشروبات.",
    "طالب صندوق النقد الدولي، الجمعة، تونس، بالعمل على خفض فاتورة الواردات، من خلال الحد مما أسماه، "
    "\"الطلب المفرط\" على الاستيراد، داعيا السلطات التونسية، إلى العمل على متابعة إصلاح دعم الطاقة.",
]


def test_leads_of_other_stories_at_the_foot_are_dropped():
    article = clean(raw("\n".join(CNN_REPORT + CNN_TEASERS)))
    assert article.text == "\n\n".join(CNN_REPORT)
    assert article.removed[-5:] == CNN_TEASERS


def test_a_report_keeps_its_closing_paragraphs():
    # The report's own paragraphs continue it (و، يذكر أن) or share its words; and two unrelated
    # closing paragraphs with no day or dateline of a lead are background, not teasers
    # (France 24, 9 Apr 2018, FR-middleEast-236).
    assert clean(raw("\n".join(CNN_REPORT))).text == "\n\n".join(CNN_REPORT)
    report = [
        "الذكرى 15 لسقوط بغداد ونظام صدام حسين في العراق على يد القوات الأمريكية",
        "يصادف التاسع من نيسان/أبريل الذكرى 15 لسقوط بغداد ومعها نظام الرئيس العراقي الأسبق صدام حسين، "
        "بعد ثلاثة أسابع من قصف جوي أمريكي بدأت فصوله في 20 آذار/مارس 2003، إثر مزاعم بتطوير العراق "
        "آنذاك لأسلحة دمار شامل كيميائية أو نووية أو بيولوجية إلا أنه لم يتم العثور على أي منها.",
        "في اليومين التاليين، سقطت كركوك والموصل دون مقاومة كبيرة بيد الأكراد الذين انسحبوا لاحقا أمام "
        "الأمريكيين. أما تكريت (180 كلم شمال بغداد)، معقل صدام حسين فقد سقطت في 14 نيسان/أبريل.",
        "اعتقل الأمريكيون صدام حسين في كانون الأول/ديسمبر قرب تكريت قبل إعدامه أواخر عام 2006.",
        "خسرت الولايات المتحدة 139 جنديا وبريطانيا 33 جنديا خلال العملية، وفقا لوزارتي الدفاع في البلدين. "
        "كما قتل أكثر من 7300 مدني عراقي خلال هذه الفترة، وفقا لمنظمة \"إيراكبادي كاونت\"غير الحكومية.",
    ]
    assert clean(raw("\n".join(report))).text == "\n\n".join(report)
