"""Quotations and speakers on real Arabic news sentences.

Sentences come from the ANT multi-source corpus (BBC Arabic, Sky News Arabia, Al Arabiya,
CNN Arabic, France 24; Apache-2.0) and from the seed articles.
"""
from __future__ import annotations

import pytest

from rasd.analyze.quote_marks import find_pairs
from rasd.analyze.quotes import find_quotes
from rasd.clean import clean
from rasd.read.base import RawDocument


def analyse(text: str, title: str | None = None):
    article = clean(RawDocument(path="t.txt", doc="t.txt", text=text, title=title))
    find_quotes(article)
    return article


def only(article, fragment: str):
    found = [q for q in article.quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in article.quotes]
    return found[0]


def test_vso_speaker_with_title_name_and_recipient():
    a = analyse('وقال وزير الخارجية البريطاني، جيريمي هنت، لنظيره السعودي، عادل الجبير، إن '
                '"علاقات الصداقة بين البلدين مبنية على القيم المشتركة".')
    q = only(a, "علاقات الصداقة")
    assert q.kind == "direct"
    assert q.text == "علاقات الصداقة بين البلدين مبنية على القيم المشتركة"
    assert q.speaker.name == "جيريمي هنت"
    assert q.speaker.role == "وزير الخارجية البريطاني"
    assert q.speaker.type == "PER"


def test_implicit_subject_continues_last_speaker_of_same_gender():
    a = analyse('وقالت المتحدثة باسم البيت الأبيض سارة ساندرز إن الرئيس "يريد الوصول إلى الحقيقة".\n'
                'وقال ترامب "هذا الوضع خطير جدا بالنسبة لنا".\n'
                'وأضافت أن الإدارة ستتابع القضية عن كثب مع الحكومة التركية.')
    added = only(a, "ستتابع القضية")
    assert added.kind == "indirect"
    assert added.speaker.name == "سارة ساندرز"  # feminine verb: not the last (masculine) speaker
    assert added.speaker.resolution == "implicit"


def test_participle_takes_subject_of_its_clause_even_after_a_non_speech_verb():
    a = analyse('وانتقد مرصد الاسلاموفوبيا، التابع لدار الافتاء المصرية، هذه المطالبات، معتبرا أنها قد '
                'تكون "سببا في الهجوم والاستعداء على المسلمين في فرنسا".')
    q = only(a, "سببا في الهجوم")
    assert q.kind == "mixed"
    assert q.speaker.name == "مرصد الاسلاموفوبيا"
    assert q.cue.text == "معتبرا"


def test_relayed_statement_is_attributed_to_the_source_not_the_agency():
    a = analyse('ونقلت وكالة الأنباء العراقية الرسمية (واع) عن اللواء تحسين الخفاجي المتحدث باسم القيادة '
                'قوله "إن العلاقة بين العمليات المشتركة والتحالف الدولي مبنية على التعاون".')
    q = only(a, "العلاقة بين العمليات")
    assert q.speaker.name == "تحسين الخفاجي"
    assert q.speaker.role == "المتحدث باسم القيادة"
    assert q.cue.text == "قوله"


def test_unclosed_quote_ends_where_the_writer_meant():
    a = analyse('وتابع "إن التحالف ما يزال يعمل بمجال مكافحة عصابات داعش التي تمثل تهديدا للسلم '
                'المجتمعي، كاشفا عن وجود عمل كبير باتجاه الخلايا النائمة للتنظيم. وأوضح الوزير أن '
                'الحدود مؤمنة. واستطرد أن "التحالف الدولي زود العراق بأسلاك شائكة وأبراج".')
    first = only(a, "ما يزال يعمل")
    assert first.kind == "direct"
    assert first.text.endswith("تهديدا للسلم المجتمعي")
    assert only(a, "زود العراق").text == "التحالف الدولي زود العراق بأسلاك شائكة وأبراج"


def test_reversed_and_wrong_way_marks():
    a = analyse('وأضاف المسؤول ”ليس لدينا جدول زمني لسحب قواتنا من سوريا“.\n'
                'وقال الوزير إن “الحدود العراقية السورية مؤمنة تماما ولا خوف عليها “.')
    assert only(a, "جدول زمني").text == "ليس لدينا جدول زمني لسحب قواتنا من سوريا"
    assert only(a, "الحدود العراقية").text == "الحدود العراقية السورية مؤمنة تماما ولا خوف عليها"


def test_quoted_names_and_terms_are_not_speech():
    a = analyse('وقالت خدمة الإسعاف الإسرائيلية إن رجلا وامرأتين أصيبوا في الهجوم في منطقة "باركان" '
                'الصناعية.\nوحارب الجيش تنظيم "داعش" في الموصل.')
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.kind == "indirect"  # "باركان" is a place name, not a quoted fragment
    assert q.speaker.name == "خدمة الإسعاف الإسرائيلية"
    assert q.speaker.type == "ORG"


def test_anonymous_source_and_title_only_mention():
    a = analyse('وقال متحدث عسكري إسرائيلي في مكالمة هاتفية مع مراسلين إن الرجل فارق الحياة.\n'
                'وقال المتحدث العسكري إن الفلسطيني الذي نفذ الهجوم ما زال طليقا.')
    first, second = a.quotes
    assert first.speaker.type == "UNNAMED"
    assert first.speaker.name == "متحدث عسكري إسرائيلي"
    assert second.speaker.name == "متحدث عسكري إسرائيلي"
    assert second.speaker.resolution == "title"


def test_spokesman_of_a_named_person_is_not_that_person():
    a = analyse('وقال المتحدث باسم رئيس الوزراء الإسرائيلي، بنيامين نتنياهو، إن التعليقات '
                '"معادية للسامية ومثيرة للشفقة".')
    q = a.quotes[0]
    assert q.speaker.name != "بنيامين نتنياهو"
    assert q.speaker.role == "المتحدث باسم رئيس الوزراء الإسرائيلي"
    assert q.kind == "mixed"


def test_quote_before_its_cue():
    a = analyse('"الأوضاع في شرق الفرات لا تنسجم مع الدستور السوري"، قال المتحدث الرسمي باسم مجلس '
                'سوريا الديمقراطية أمجد عثمان.')
    q = only(a, "شرق الفرات")
    assert q.kind == "direct"
    assert q.speaker.name == "أمجد عثمان"


def test_headline_statement_has_offsets_in_the_text():
    a = analyse("وقال الرئيس الأمريكي في البيت الأبيض إن اللقاء كان مثمرا.",
                title="ترامب يقول إنه قد يدعو كيم جونغ-أون لزيارة البيت الأبيض")
    q = only(a, "قد يدعو")
    assert q.span.start < len(a.title)
    assert q.speaker.name == "ترامب"
    assert a.text[q.span.start:q.span.end] == q.text


def test_passive_verb_is_not_a_speech_cue():
    a = analyse('وكُتب تعليق على الصورة: "من تكون الفتاة الصغيرة؟".')
    assert a.quotes == []


def test_present_tense_verb_describing_a_noun_is_not_a_cue():
    a = analyse("وظهرت على الفتاة علامات تشير إلى أنها كانت عرضة لانتهاكات مروعة.")
    assert a.quotes == []


def test_impersonal_background_is_not_attributed():
    a = analyse("ويذكر أن الحكومة أعلنت في وقت سابق خطة لإصلاح الاقتصاد.")
    assert a.quotes == []


def test_clause_ends_before_the_next_participle_and_keeps_coordinated_clauses():
    a = analyse("ولفت الخفاجي إلى أن الحكومة قدمت مقترحاتها، وإن لجنة الحوار نجحت في الوصول إلى "
                "أهدافها، مشددا على أن الانسحاب لا يؤثر على الأداء القتالي.")
    first = only(a, "الحكومة قدمت")
    assert "لجنة الحوار" in first.text
    assert "مشددا" not in first.text
    assert only(a, "الانسحاب لا يؤثر").speaker.name == "الخفاجي"


def test_quote_mark_pairing_handles_nesting_and_stray_marks():
    text = 'قال «إن عبارة “لا تراجع” ما زالت قائمة» ثم ” وحده.'
    pairs = find_pairs(text)
    assert [(text[p.open], text[p.close]) for p in pairs if p.closed] == [("«", "»")]


@pytest.mark.parametrize("sentence,cue", [
    ("وأكد الوزير أن الاتفاق سيوقع قريبا.", "وأكد"),
    ("فيما شددت الوزارة على أن الإجراءات مستمرة.", "شددت"),
    ("وتساءل الرئيس: \"هل يعقل ألا يكون لدى القنصلية نظام مراقبة؟\"", "وتساءل"),
    ("وأردفت المتحدثة بأن \"الحكومة ماضية في خطتها حتى النهاية\".", "وأردفت"),
])
def test_speech_verbs_in_their_forms(sentence, cue):
    a = analyse(sentence)
    assert len(a.quotes) == 1
    assert a.quotes[0].cue.text == cue


def test_headline_speaker_colon_statement():
    a = analyse("وقالت مية الجريبي، إن الحزب الجمهوري يعيش اليوم لحظة مفصلية.",
                title="مية الجريبي : الجمهوري عائد بقوّة")
    q = only(a, "عائد بقوّة")
    assert q.text == "الجمهوري عائد بقوّة"
    assert q.speaker.name == "مية الجريبي" and q.speaker.resolution == "headline"
    # a topic before the colon is not a speaker
    b = analyse("وقال أردوغان إن أنقرة قلقة بشأن مصير الصحافي.",
                title='اختفاء جمال خاشقجي: تركيا "لن تبقى صامتة" بشأن مصير الصحفي')
    assert [q.text for q in b.quotes] == ["أنقرة قلقة بشأن مصير الصحافي"]


def test_recipient_between_verb_and_subject_is_not_the_speaker():
    a = analyse('وقال محمد علوش إن المعارضة لن تنسحب من المفاوضات.\n'
                'وأكد لفرانس برس "نحن متمسكون بالحل السياسي حتى النهاية".\n'
                'أكد لـ«عكاظ» وكيل وزارة الصحة الدكتور عبدالعزيز الحمدان أن الوزارة جاهزة للموسم.')
    assert only(a, "متمسكون").speaker.name == "محمد علوش"
    third = only(a, "جاهزة للموسم")
    assert third.speaker.name == "عبدالعزيز الحمدان"
    assert third.speaker.role == "وكيل وزارة الصحة"


def test_statement_issued_by_and_relay_on_the_tongue_of():
    a = analyse('وقال بيان صادر عن القصر الملكي في هولندا إن الملكة "كانت صدمتها كبيرة".\n'
                'ونقلت وكالة تسنيم على لسان بهرام قاسمي قوله "إن إيران لن تقبل بأي شروط جديدة".')
    assert only(a, "صدمتها").speaker.name.startswith("القصر الملكي")
    assert only(a, "لن تقبل").speaker.name == "بهرام قاسمي"


def test_negated_or_sourcing_verbs_are_not_statements():
    a = analyse("ولم تكشف الشرطة عن هوياتهم خشية أن تتسبب في إثارة الذعر.\n"
                "وقال المسؤولون، حسبما أفادت الصحيفة، إن الخطة جاهزة.")
    assert [q.text for q in a.quotes] == ["الخطة جاهزة"]
    assert a.quotes[0].speaker.name == "المسؤولون" or "المسؤول" in a.quotes[0].speaker.name


def test_abbreviation_dots_do_not_end_the_sentence():
    a = analyse('وأضافت أمبر راد لراديو هيئة الإذاعة البريطانية (بي.بي.سي) "يبدو مرجحا أن الهجوم '
                'نفذه شخص واحد".')
    q = only(a, "يبدو مرجحا")
    assert q.kind == "direct" and q.speaker.name == "أمبر راد"


def test_according_to_before_and_after_a_quotation():
    a = analyse('وقالت المحامية لورا بيشور إن موكلتها بريئة.\n'
                'وبحسب تصريحات محاميتها لورا بيشور، "لم تخرج زهراء من السجن منذ شهور".\n'
                '"من غير المرجح أن تقبل بذلك"، بحسب وزارة الخارجية التركية.')
    assert only(a, "لم تخرج").speaker.name == "لورا بيشور"
    later = only(a, "من غير المرجح")
    assert later.speaker.name == "وزارة الخارجية التركية" and later.speaker.type == "ORG"


def test_quoted_surname_after_the_verb_is_the_subject():
    a = analyse('وأوضح "القحطاني"، في تصريح للصحيفة، أن الخدمات البلدية من الأولويات.')
    q = only(a, "الخدمات البلدية")
    assert q.kind == "indirect" and q.speaker.name == "القحطاني"


def test_speech_after_a_colon_without_quote_marks():
    a = analyse("وقال مدير الدفاع المدني العقيد خالد الحربي إن الحريق محدود.\n"
                "وأضاف: بسبب قوة الضرب تضررت ثلاث سيارات في الموقع. وأوضح أن الفرق تعاملت معه.")
    q = only(a, "قوة الضرب")
    assert q.text == "بسبب قوة الضرب تضررت ثلاث سيارات في الموقع"
    assert q.kind == "direct" and q.speaker.name == "خالد الحربي"


def test_adverb_between_verb_and_subject_and_names_with_proclitic_look():
    a = analyse("كما صرح النائب منذر بالحاج علي بأن الحزب سيدعم المبادرة.\n"
                "وذكرت أيضا وكالة أنباء الشرق الأوسط أن الوفد وصل.")
    assert only(a, "سيدعم").speaker.name == "منذر بالحاج علي"
    assert only(a, "الوفد وصل").speaker.name == "وكالة أنباء الشرق الأوسط"


def test_titles_with_honorifics_party_links_and_relative_clauses():
    a = analyse("أكد القيادي عن حركة نداء تونس خميس قسيلة أن الحزب يعاني أزمة.\n"
                "حيث أوضح سمو الأمير تركي بن سعود أن المشروع سيكتمل.\n"
                'وانتقد المستشار النمساوي سيباستيان كورتز الذي صرّح الجمعة أن الحملات "غير مرحب بها" الخطوة.')
    first = only(a, "يعاني أزمة")
    assert (first.speaker.name, first.speaker.role) == ("خميس قسيلة", "القيادي عن حركة نداء تونس")
    assert only(a, "سيكتمل").speaker.name == "تركي بن سعود"
    assert only(a, "الحملات").speaker.name == "سيباستيان كورتز"


def test_topic_of_amma_speaks_through_fa():
    a = analyse('وقال الكرملين إن الحوار ممكن.\nأما الرئيس الإيراني حسن روحاني فأكد أن "إيران لن تتراجع عن حقوقها".')
    assert only(a, "لن تتراجع").speaker.name == "حسن روحاني"


def test_a_quoted_channel_name_is_part_of_the_speaker():
    a = analyse('وقالت قناة "إن.بي.سي نيوز NBC News" الأمريكية إن محققين اتحاديين يبحثون القضية.')
    q = only(a, "محققين اتحاديين")
    assert q.kind == "indirect" and "NBC News" in q.speaker.name and q.speaker.type == "ORG"


def test_verbal_noun_after_a_verb_and_its_subject_is_no_cue():
    a = analyse('ورفض ماكرون كشف تفاصيل أجواء اتصاله الهاتفي مع ترامب.\n'
                'لكنه أكد أنه "سيجري خلال القمة مناقشة مفيدة وصريحة مع الرئيس ترامب".')
    q = only(a, "مناقشة مفيدة")
    assert q.speaker.name == "ماكرون"


def test_title_genitive_chain_ends_before_the_given_name():
    """"وزيرة الصحة | سميرة مرعي فريعة": after a definite genitive, an indefinite word opens the name."""
    q = only(analyse("وقالت وزيرة الصحة سميرة مرعي فريعة إن الوضع الوبائي مستقر."), "الوضع الوبائي")
    assert q.speaker.name == "سميرة مرعي فريعة"
    assert q.speaker.role == "وزيرة الصحة"


def test_role_runs_through_its_genitives_and_prepositional_phrases():
    q = only(analyse("وقال رئيس كتلة الحرة لحركة مشروع تونس بمجلس نواب الشعب عبد الرؤوف الشريف "
                     "إن الكتلة ستصوت ضد المشروع."), "الكتلة ستصوت")
    assert q.speaker.name == "عبد الرؤوف الشريف"
    assert q.speaker.role == "رئيس كتلة الحرة لحركة مشروع تونس بمجلس نواب الشعب"


def test_nationality_before_a_name_and_office_in_commas_after_it():
    a = analyse("يرى الفرنسي آرسين فينغر، مدرب فريق آرسنال الإنجليزي، أن الحارس الجديد سيصبح نجما.\n\n"
                "وتابع المدرب الفرنسي: «إنه يمتلك مزيجا رائعا بين المهارة والمرونة».")
    first = only(a, "الحارس الجديد")
    assert first.speaker.name == "آرسين فينغر"
    assert first.speaker.role == "مدرب فريق آرسنال الإنجليزي"
    later = only(a, "مزيجا رائعا")
    assert later.speaker.name == "آرسين فينغر"  # the bare title refers back to the only coach named


def test_negated_complementizer_keeps_its_negation():
    """ألا is أن + لا: what was said is "لا تتوقف", not its opposite."""
    a = analyse('وكانت محكمة أدنى درجة قد رفضت الاتهامات في وقت سابق، لكن مصرف "باركليز" توقع '
                'في بيان ألا تتوقف متاعبه.')
    q = only(a, "تتوقف متاعبه")
    assert q.text.startswith("لا تتوقف")
    assert q.speaker.name == 'مصرف "باركليز"'
    assert q.cue.text == "توقع"


@pytest.mark.parametrize("text", [
    "أعلنت المستشارة الألمانية التوصل إلى اتفاق، في خطوة من شأنها أن تنقذ الائتلاف الحاكم.",
    "وأعلن الوزير التوصل إلى اتفاق ينقذ الائتلاف الذي كاد أن يسقط بسبب الانقسامات.",
])
def test_an_that_belongs_to_a_nearer_phrase_is_not_speech(text):
    assert analyse(text).quotes == []


def test_observation_verb_and_trailing_source_tag():
    a = analyse("ولاحظ الخبير محمود علي أن قطاع السيارات تطور كثيرا، وفق ما أوردت وكالة الأنباء الرسمية.")
    q = only(a, "قطاع السيارات")
    assert q.speaker.name == "محمود علي"
    assert q.text == "قطاع السيارات تطور كثيرا"


def test_according_to_with_fa_inna_reports_speech():
    """"وبحسب X، فإن …" reports what X said without a verb of saying; figures are no speaker."""
    a = analyse("وقع الحادث صباح اليوم في شمال البلاد.\n\n"
                "وبحسب بيان صادر عن الشرطة، فإنها دخلت منزل الضحية بعد انتهاء نوبة عملها.\n\n"
                "وبحسب الأرقام الرسمية، فإن الاقتصاد نما بنسبة 3 في المئة.")
    q = only(a, "منزل الضحية")
    assert q.speaker.name == "الشرطة"
    assert q.kind == "indirect"
    assert not [x for x in a.quotes if "الاقتصاد نما" in x.text]


def test_imperfect_verb_after_a_headline_title_is_no_name():
    """A headline "وزير الداخلية يتراجع …" names no one "يتراجع"; the body names the minister."""
    a = analyse("ألمانيا: وزير الداخلية يتراجع عن استقالته بعد التوصل لاتفاق\n\n"
                "أعلنت المستشارة أنغيلا ميركل ووزير الداخلية هورست زيهوفر التوصل إلى اتفاق.\n\n"
                'وأضاف وزير الداخلية "لدينا اتفاق واضح حول كيفية منع الهجرة غير الشرعية".')
    q = only(a, "لدينا اتفاق")
    assert q.speaker.name == "هورست زيهوفر"


def test_attache_title_with_coordinated_places_then_the_full_name():
    a = analyse("قال الملحق الصحي السعودي في الولايات المتحدة و كندا فهد بن إبراهيم التميمي، إن "
                "الملحقية الصحية أوقفت جميع برامج العلاج.")
    q = only(a, "أوقفت جميع")
    assert q.speaker.name == "فهد بن إبراهيم التميمي"
    assert q.speaker.role == "الملحق الصحي السعودي في الولايات المتحدة و كندا"


def test_narration_after_a_comma_ends_an_indirect_quote():
    a = analyse("ونقلت الوكالة عن شهود أنهم رأوا أعمدة دخان، وقد هرعت فرق الإنقاذ إلى المكان.\n\n"
                "وقال الطبيب إن الإنفلونزا أشد على الرضع، وقد يسببان الوفاة للأطفال حديثي الولادة.")
    assert only(a, "أعمدة دخان").text == "رأوا أعمدة دخان"
    assert only(a, "الإنفلونزا").text.endswith("حديثي الولادة")  # "وقد" + imperfect is "may"


def test_quotation_opening_its_sentence_with_wa_continues_the_speaker():
    a = analyse("ويقول سيباستيان ستريكر الشريك المؤسس للمبادرة إن نحو 40 في المائة من الأطفال يعانون "
                "من سوء تغذية مزمن. و«يوجد نحو 50 ألف تلميذ في ليسوتو يحتاجون مساعدات غذائية».")
    q = only(a, "50 ألف تلميذ")
    assert q.kind == "direct"
    assert q.speaker.name == "سيباستيان ستريكر"


def test_according_to_with_fa_inna_and_no_comma():
    a = analyse("وقع الحادث أمس.\n\nووفقًا للناطق الإعلامي لشرطة منطقة القصيم الرائد بدر السحيباني "
                "فإن شرطة المنطقة باشرت التحقيق.")
    q = only(a, "باشرت التحقيق")
    assert q.speaker.name == "بدر السحيباني"


def test_office_after_a_name_and_a_journal_title_in_quote_marks():
    a = analyse("ونقلت الوكالة عن وانغ عضو مجلس الدولة قوله إن الصين ستواصل الإصلاح.\n\n"
                'وقال فريق الدراسة في دورية "حوليات الحساسية والربو والمناعة" إن المرء يصاب بالحساسية في أي عمر.')
    q = only(a, "ستواصل الإصلاح")
    assert (q.speaker.name, q.speaker.role) == ("وانغ", "عضو مجلس الدولة")
    assert only(a, "يصاب بالحساسية").kind == "indirect"
    assert not [x for x in a.quotes if "حوليات" in x.text]  # a journal's name, not speech


def test_verb_inside_an_an_clause_is_no_new_speech_act():
    """A verb describing a noun (معلومات وردت) or a predicate after a name in commas (، يعتبر
    أمرا) belongs to the clause; a verb with its own subject after a comma starts a new one."""
    a = analyse("وقالت الشرطة أن معلومات وردت على الجهات الأمنية مفادها قيام شاب بالاعتداء على والدته.\n\n"
                "وقال الوزير إن انسحاب الرئيس الأمريكي، دونالد ترامب، يعتبر أمرا خطيرا على المنطقة.\n\n"
                "وقال المتحدث إن العمليات مستمرة في سيناء، كشفت السلطات المصرية عن صواريخ متطورة.")
    assert only(a, "معلومات").text.endswith("على والدته")
    assert only(a, "انسحاب").text.endswith("خطيرا على المنطقة")
    assert only(a, "العمليات مستمرة").text == "العمليات مستمرة في سيناء"


def test_negated_verb_governs_the_clause_after_it():
    """"… لكنه لم يخلص إلى أن": what was not concluded is not what "وكشف" revealed."""
    a = analyse("وكشف القاضي عن تفاصيل التحقيق في الحادث وأسبابه المحتملة لكنه لم يخلص إلى أن "
                "الإهمال تسبب في وفاة الضحايا.\n\n"
                "وأضاف بيزولي الذي لم يشارك في الدراسة، أن تدخين المرأة الحامل قد يضر بنمو الجنين.")
    assert not [q for q in a.quotes if "الإهمال" in q.text]
    assert only(a, "تدخين المرأة").speaker.name == "بيزولي"


def test_sports_roles_are_titles_and_a_verb_with_its_object_is_no_name():
    a = analyse("لاعب البرتغال يفاجئ الجماهير: هدفنا عبور الدور الأول\n\n"
                "وقال المدافع الهولندي فيرجيل فان دايك إن الفريق جاهز للمباراة.")
    q = only(a, "جاهز للمباراة")
    assert (q.speaker.name, q.speaker.role) == ("فيرجيل فان دايك", "المدافع الهولندي")
    assert all(p.name != "يفاجئ الجماهير" for p in a.entities)


def test_one_of_a_group_is_an_unnamed_source():
    # France 24, Sky News Arabia: "أحد" + a plural is no person's name
    for text, who in (("وقال أحد السكان إن هناك انتشارا كثيفا لمسلحين حوثيين في المدينة.", "أحد السكان"),
                      ("وقال أحد شهود العيان إن الرجل كان يلوح بمسدس.", "أحد شهود العيان")):
        q = analyse(text).quotes[0]
        assert (q.speaker.name, q.speaker.type) == (who, "UNNAMED")


def test_a_title_names_only_a_holder_of_the_same_country():
    # AlArabiya: the Iranian minister named earlier is not "وزير الخارجية الروسي"
    a = analyse("أعلن المسؤول الروسي أن وزير الخارجية الإيراني، محمد جواد ظريف، سيزور موسكو.\n"
                "واعتبر وزير الخارجية الروسي أن ردة فعل إيران \"معقولة\".")
    assert only(a, "ردة فعل").speaker.name != "محمد جواد ظريف"


def test_a_role_no_list_has_before_a_given_name():
    # SaudiNewsNet (al-Madina, 2015): "البائع" and "المساعدة للشؤون التعليمية" are roles
    a = analyse("وأوضح البائع بسام العامري أن مرتادي المهرجان يحرصون على اقتناء أنواع متعددة من العقيق.\n"
                "وقالت المساعدة للشؤون التعليمية آمنة الغامدي: \"وزارة التعليم حددت العام الدراسي بدايةً لتطبيق الزي\".")
    assert [(q.speaker.name, q.speaker.role) for q in a.quotes] == [
        ("بسام العامري", "البائع"), ("آمنة الغامدي", "المساعدة للشؤون التعليمية")]


def test_a_name_after_a_relative_clause_or_a_quoted_company_is_the_speaker():
    # BBC Arabic (health) and CNN Arabic (technology)
    a = analyse("ويقول اختصاصي السمع، الذي لم يشارك في الدراسة، كريستوفر سبانكوفيتش: \"الصحة الغذائية مهمة لصحة سمعنا\".")
    assert (a.quotes[0].speaker.name, a.quotes[0].speaker.role) == ("كريستوفر سبانكوفيتش", "اختصاصي السمع")
    a = analyse('وقال الرئيس التنفيذي لشركة "أوبر"، دارا خسروشاهي، في بيان، الجمعة، إنه كان من المفترض '
                'على الشركة الإشراف على الاستحواذ.')
    assert (a.quotes[0].speaker.name, a.quotes[0].speaker.role) == ("دارا خسروشاهي", 'الرئيس التنفيذي لشركة "أوبر"')


def test_an_honorific_alone_and_lam_before_a_speech_verb():
    # Jawhara FM: "وتابع الشيخ" is the sheikh named before
    a = analyse("قال الشيخ محمد بن حمّودة، معلقا على الموسم، إنه منذ القدم يتعايش اليهود مع المسلمين. "
                "وتابع الشيخ أن الدين الإسلامي دين عمل.")
    assert [q.speaker.name for q in a.quotes] == ["محمد بن حمّودة", "محمد بن حمّودة"]
    a = analyse("وقال المدير التنفيذي للشركة إن الأرباح ارتفعت هذا العام، ليضيف أن الشركة ستوسع أعمالها في المنطقة.")
    assert [q.span.text for q in a.quotes] == ["الأرباح ارتفعت هذا العام", "الشركة ستوسع أعمالها في المنطقة"]


@pytest.mark.parametrize("text, fragment, speaker", [
    # a conjunction opening the clause is no subject: the subject follows the verb
    ("بعدما اتهمت المحامية أنيتا هيل المرشح لرئاسة المحكمة العليا الأمريكية في ذلك الوقت بأنه تحرش بها "
     "جنسيا عام 1991، استلمت 25,000 رسالة من نساء عبرن عن دعمهن لها.", "تحرش بها", "أنيتا هيل"),
    ("بيد أن مارين لوبن أكدت أن حزبها حتى وإن غير اسمه، فهو سيحافظ على رمزه التاريخي وهو الشعلة.",
     "حزبها حتى", "مارين لوبن"),
    # an adversative opening the sentence is skipped to reach the subject before the verb
    ("ولكن المدعي العام الماليزي قال إنه لم يثبت ارتكابه أي مخالفة جنائية.", "لم يثبت", "المدعي العام الماليزي"),
    # a year after the verb is no subject; وزارة is no و + زارة
    ("وكانت وزارة العمل أعلنت عام2013  أن نحو 95 ألف عامل وافد من مختلف الجنسيات مخالفين لشروط العمل.",
     "95 ألف عامل", "وزارة العمل"),
    # عدة + plural noun is an unnamed group of sources
    ("وقال عدة محتجزين إن \"الصبية كانوا يعودون غير قادرين على الجلوس، وكانوا يبكون أحيانا\".",
     "الصبية كانوا", "عدة محتجزين"),
])
def test_subject_is_found_past_openers_adverbs_and_dates(text, fragment, speaker):
    assert only(analyse(text), fragment).speaker.name == speaker


def test_manner_adverb_after_the_verb_is_no_speaker():
    a = analyse("تقول جوزيفا بياتريز، ابنة مارتن، والحزن ما زال باديا على محياها، \"أقول لنفسي بين الفينة "
                "والأخرى، يا ترى ما الذي كان سيحصل لو كان والدي قد انضم الى فيدل.\"\n\n"
                "وقالت بحب وهي تتلمس صورة والدها، \"لم ينل والدي أي تعليم، ولكنه كان يماثلهما - فيدل "
                "وراؤول - في الذكاء.\"")
    assert only(a, "لم ينل والدي").speaker.name == "جوزيفا بياتريز"


def test_speaker_phrase_running_past_the_name_takes_the_entity_name():
    from rasd.analyze.entities import tag_entities
    a = analyse("وفي وقت سابق، انتقد الرئيس التركي رجب طيب أردوغان الاتحاد الأوروبي، قائلا إنه لم يمنح أنقرة "
                "سوى مليار دولار من أصل 6 جرى التعهد بها في محاولة لوقف الهجرة غير الشرعية.")
    tag_entities(a)
    q = only(a, "لم يمنح أنقرة")
    assert (q.speaker.name, q.speaker.role) == ("رجب طيب أردوغان", "الرئيس التركي")


def test_circumstantial_pronoun_clause_is_said_by_the_person_named_before():
    # BBC: "وهو يقول" is a حال clause, not a verb describing the noun before it
    a = analyse("وكانت قوات كردية قد ألقت القبض على البريطاني، أنور ميا، من مدينة برمنغهام، في محافظة دير "
                "الزور الشرقية قبل نحو شهر.\n\nوانتشر مقطع فيديو لعملية اعتقال ميا عبر موقع التواصل الاجتماعي "
                "تويتر، يظهر فيه ميا وهو يقول إنه يعيش في سوريا منذ نحو أربع سنوات.\n\nويظهر ميا في الفيديو، "
                "معصوب العينين مؤكدا أنه كان صيدلاني في المناطق الخاضعة للتنظيم طوال السنوات الأربع الماضية.")
    q = only(a, "يعيش في سوريا")
    assert (q.cue.text, q.speaker.name, q.speaker.role) == ("يقول", "أنور ميا", "البريطاني")
    assert only(a, "كان صيدلاني").speaker.name == "أنور ميا"  # the nationality named him for later mentions


def test_relative_written_with_a_pronoun_introduces_the_name_after_it():
    a = analyse('وكتب جوشوا هولت، وهو مواطن أميركي ومبشر من طائفة المورمون،على صفحته على فيسبوك يقول '
                '"هيليكويد.. السجن الذي أنا به سقط". وأكدت والدته لوري هولت أن ابنها هو الذي كتب هذه الكلمات')
    q = only(a, "ابنها هو الذي")
    assert (q.speaker.name, q.speaker.role, q.speaker.gender) == ("لوري هولت", "والدته", "f")


def test_name_after_a_title_stops_at_a_recipient_or_a_verbal_noun():
    from rasd.analyze.entities import tag_entities
    a = analyse('وقال وزير العمل اللبناني محمد كبارة لصحيفة "النهار" إن "تشريع زراعة الحشيش لأغراض صحية '
                'ينفع المجتمع". وطالب الرئيس الأمريكي دونالد ترامب بمحاسبة المسؤولين عن الحادث.')
    tag_entities(a)
    people = sorted((e.name, [r.text for r in e.roles]) for e in a.entities if e.type == "PER")
    assert people == [("دونالد ترامب", ["الرئيس الأمريكي"]), ("محمد كبارة", ["وزير العمل اللبناني"])]


def test_sentence_opening_with_a_statement_to_someone_names_the_speaker():
    # France 24: "وفي حديث لـX … قال" — the one interviewed speaks, and goes on speaking
    a = analyse('وفي حديث لديميتروف الذي تقدم في المجموعة الأولى 3-صفر، وفي الثانية 4-صفر، على المباراة قال: '
                '"لقد أجريت تدريبات إحماء، وقال لي مدربي لننتظر ونر ما إذا كان هناك منافس آخر"، في إشارة إلى '
                'انسحاب ترويسكي. وتابع "لم أكن أتوقع ذلك".')
    assert [q.speaker.name for q in a.quotes] == ["ديميتروف", "ديميتروف"]
    assert a.quotes[0].speaker.mention.text == "ديميتروف"


def test_name_ends_before_the_court_the_person_serves_in():
    a = analyse("وحكم القاضي جيمس دوناتو بالمحكمة الاتحادية في سان فرانسيسكو بأن الدعوى الجماعية هي الوسيلة "
                "الأكثر فاعلية لحل النزاع بخصوص استخدام خاصية التعرف على الوجه.")
    judge = [e for e in a.entities if e.type == "PER"]  # the people the quote stage met
    assert [(e.name, [r.text for r in e.roles]) for e in judge] == [("جيمس دوناتو", ["القاضي"])]


def test_a_day_between_the_verb_and_its_subject():
    # France24: AFP puts the day right after the verb ("أكد الاثنين الرئيس …")
    a = analyse("أكد الاثنين الرئيس الإيراني حسن روحاني أن الولايات المتحدة \"ستندم\" إذا انتهكت الاتفاق النووي "
                "الدولي، مشيرا إلى أن طهران سترد في \"أقل من أسبوع\" إذا حدث ذلك.")
    assert {q.speaker.name for q in a.quotes} == {"حسن روحاني"}
    assert only(a, "ستندم").speaker.role == "الرئيس الإيراني"


def test_a_feminine_verb_never_falls_back_to_a_man():
    # SkyNews: "وقالت" continues the former aide, who is no speaker rasd has named; Trump is wrong
    a = analyse("وكتب ترامب على \"تويتر\": \"عندما تعطي امرأة مسعورة منحطة باكية فرصة وتعطيها وظيفة في البيت "
                "الأبيض، أعتقد أن ذلك لا ينفع. أحسنت يا جنرال كيلي لإقالة هذه الكلبة بسرعة\".\n\n"
                "ويمثل تسجيل أوماروسا (44 عاما) التي كانت من أشد حلفاء ترامب، انتهاكا للثقة الرئاسية.\n\n"
                "والثلاثاء أوضحت المسؤولة السابقة لشبكة \"سي بي أس نيوز\" سبب التسجيل، وقالت: \"أنا من الأشخاص "
                "الذي يحمون أنفسهم. في عالم ترامب الكل يكذب\".")
    assert only(a, "أحسنت يا جنرال").speaker.name == "ترامب"
    said = only(a, "يحمون أنفسهم").speaker
    assert said is None or said.name != "ترامب"


def test_a_dateline_does_not_hide_the_verb_that_opens_the_first_sentence():
    # CNN Arabic: every report opens "PLACE، COUNTRY (CNN)-- VERB SUBJECT …"; the sentence starts
    # after the dashes, so the minister, not the dateline's country, is the subject
    a = analyse('دبي، الإمارات العربية المتحدة (CNN)-- وصف وزير الخارجية السعودي عادل الجبير، الجمعة، دولة قطر '
                'والأزمة معها بأنها "صغيرة جدا"، واعتبر أن إيران هي "الخطر الأكبر على المنطقة وربما العالم"، '
                'مؤكدا أن المملكة ستواصل محاربة الإرهاب والتطرف.')
    for fragment in ("صغيرة جدا", "الخطر الأكبر", "ستواصل محاربة"):
        assert only(a, fragment).speaker.name == "عادل الجبير"


def test_subject_before_qad_and_its_verb():
    # "وكان X قد أعلن": the pluperfect of background; the subject stands before قد, not the verb.
    # France 24, 14 Apr and 8 May 2018 (ANT).
    a = analyse("وكانت وزارة الدفاع الفرنسية قد أعلنت أن الجيش الفرنسي أطلق 12 صاروخا على سوريا.")
    assert only(a, "الجيش الفرنسي أطلق").speaker.name == "وزارة الدفاع الفرنسية"
    a = analyse("وكان الجيش قد أعلن سابقا أن موعد إطلاق السراح سيكون في العاشر من أيار/مايو الحالي لكن وسائل "
                "الإعلام الإسرائيلية أوردت أن الموعد تم تقريبه ليتمكن عزريا من حضور زفاف شقيقه.")
    assert only(a, "موعد إطلاق السراح").speaker.name == "الجيش"
    # لكن opens a clause with its own subject, comma or not
    assert only(a, "الموعد تم تقريبه").speaker.name == "وسائل الإعلام الإسرائيلية"


def test_an_airport_speaks_for_its_operator():
    # Sky News Arabia, 4 Apr 2018 (ANT): an airport announcing on Twitter
    a = analyse('وأعلن مطار بروكسل على موقع التواصل الاجتماعي "تويتر" أن المغادرات تقتصر على 10 رحلات في '
                'الساعة بسبب المشكلة.')
    assert only(a, "المغادرات تقتصر").speaker.name == "مطار بروكسل"


def test_a_source_quoted_inside_a_report_is_not_whom_waadafat_continues():
    # Jawhara FM, 3 Jul 2016 (ANT v1.1): the organisations of the relative clause are cited inside the
    # organisation's own words; "وأضافت" goes on with المنظمة, and the antecedent of التي is the
    # last conjunct after its preposition, not "يعد انطلاقة مشجعة".
    a = analyse('ورجحت المنظمة في تفسيرها هذا الأمر "ببداية تطبيق القانون الجديد المتعلق بحضور المحامي أمام '
                'الباحث الابتدائي" معتبرة أن ذلك يعد انطلاقة مشجعة وتأكيدا لموقف المنظمات الحقوقية التي أشارت '
                'الى أنه وتيرة الانتهاكات ستتقلص مع تطبيق القانون الجديد. وأضافت أن السجون التونسية، ومن خلال '
                'بعض الحالات المسجلة، لا تزال تعاني من آفة الإهمال الطبي للمساجين والموقوفين وعدم توفير '
                'الإمكانيات اللوجستية والبشرية اللازمة مع عدم التفاعل الكافي من طرف إدارات السجون في علاقة '
                'بمطالب العائلات بإخراج أبنائها لعيادة الأطباء الذين يعالجونهم وخاصة في حالات الأمراض المزمنة.')
    assert [q.text for q in a.quotes if q.text.startswith("وتيرة")][0] == "وتيرة الانتهاكات ستتقلص مع تطبيق القانون الجديد"
    assert [q.speaker.name for q in a.quotes if q.text.startswith("وتيرة")] == ["المنظمات الحقوقية"]
    assert only(a, "السجون التونسية").speaker.name == "المنظمة"
