"""Roles around every mention of a person (rasd.analyze.roles, and the speaker phrases of
rasd.analyze.people that feed it).

Sentences are from real news in ../shared/data (ANT corpora), not from the seeds."""
from __future__ import annotations

from rasd.analyze.entities import tag_entities
from rasd.analyze.quotes import find_quotes
from rasd.model import Article


def roles(text: str) -> dict[str, list[str]]:
    """Person name -> role texts, after the quote and entity stages; every role is a span of the text."""
    article = Article(id="t", doc="t", text=text)
    find_quotes(article)
    tag_entities(article)
    out = {}
    for e in article.entities:
        if e.type == "PER":
            for r in e.roles:
                assert text[r.start:r.end] == r.text
            out[e.name] = [r.text for r in e.roles]
    return out


def test_a_role_before_a_name_the_tagger_found():
    # CNN Arabic (sport): a description set off by commas
    found = roles("علقت المديرية العامة لمكافحة المخدرات في المملكة العربية السعودية على ما قاله الإعلامي "
                  "السعودي، وليد الفراج، والذي شبه اللاعب الأرجنتيني ليونيل ميسي بالمخدرات.")
    assert "الإعلامي السعودي" in found["وليد الفراج"]
    assert "اللاعب الأرجنتيني" in found["ليونيل ميسي"]


def test_two_titles_before_a_name_and_a_role_in_apposition_after_one():
    # CNN Arabic: "العاهل السعودي | الملك | سلمان …", then "سعود القحطاني | المستشار …"
    found = roles("أمر العاهل السعودي الملك سلمان بن عبدالعزيز بإعفاء سعود القحطاني المستشار بالديوان "
                  "الملكي السعودي، وسط أوامر ملكية صدرت بشان التحقيقات في قضية الإعلامي السعودي جمال خاشقجي")
    assert {"العاهل السعودي", "الملك"} <= set(found["سلمان بن عبدالعزيز"])
    assert found["سعود القحطاني"] == ["المستشار بالديوان الملكي السعودي"]


def test_a_role_that_ran_into_the_name_is_cut_where_the_name_starts():
    # Jawhara FM: "الباجي" reads like a nisba adjective of "رئيس الجمهورية التونسية"
    found = roles("وأوضح الزامل، خلال لقاء برئيس الجمهورية التونسية الباجي قايد السبسي، أن حجم هذه "
                  "الخطط الاستثمارية يقارب 300 مليار دولار.")
    assert "رئيس الجمهورية التونسية" in found["الباجي قايد السبسي"]


def test_an_academic_title_is_a_role_and_a_role_follows_the_name():
    # Jawhara FM
    found = roles('في حين أكد الدكتور هاني الناظر، الرئيس السابق للمركز القومي للبحوث في مصر، "أنه لا '
                  'خطورة من غلي المياه مرتين".')
    assert {"الدكتور", "الرئيس السابق للمركز القومي للبحوث في مصر"} <= set(found["هاني الناظر"])


def test_a_style_of_address_belongs_to_the_title():
    # CNN Arabic
    found = roles("قدر ما عبر عنه فخامة الرئيس دونالد ترامب رئيس الولايات المتحدة الأمريكية، من تقدير لخادم "
                  "الحرمين الشريفين، لدى لقائه صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز آل سعود، "
                  "ولي العهد نائب رئيس مجلس الوزراء وزير الدفاع، في زيارته الرسمية للولايات المتحدة الأمريكية")
    person = found["محمد بن سلمان بن عبدالعزيز آل سعود"]
    assert {"صاحب السمو الملكي الأمير", "ولي العهد"} <= set(person) and "صاحب السمو الملكي" not in person


def test_a_title_governing_the_name_is_not_its_role():
    # Sky News Arabia: his mother, not him
    assert "والدة" not in sum(roles("وقد أصيبت والدة عبد الرؤوف بالهلع حين أخبرت في البداية أن ابنها "
                                    'قد "استشهد".').values(), [])
    # AlArabiya: the king's office director is Jafar Hassan, not King Abdullah
    found = roles("فيما سبق لجعفر حسان أن شغل منصب وزير التخطيط ومدير مكتب الملك عبد الله.")
    assert not any("وزير التخطيط" in r for r in found.get("عبد الله", []))


def test_a_titled_object_after_a_titled_subject_is_someone_else():
    # AlArabiya: Abbas insulted the ambassador; he is no ambassador
    found = roles("بعد شتم الرئيس الفلسطيني #محمود_عباس السفير الأميركي في إسرائيل، ندّد البيت الابيض "
                  "الاثنين بقوة بتلك التصريحات وما تضمّنته من")
    assert "السفير الأميركي في إسرائيل" not in sum(found.values(), [])


def test_an_age_is_no_role():
    # Sky News Arabia (sport)
    found = roles('وكان فيلايني صاحب الـ 30 عاما، رفض عرضين سابقين لتجديد تعاقده مع "الشياطين الحمر".')
    assert not any(r.startswith("صاحب") for r in sum(found.values(), []))


def test_the_title_of_the_next_name_and_a_foreign_name_written_with_waw():
    # BBC Arabic: "واينستين" opens with و and is no conjunction; the producer is Weinstein
    found = roles("بعد أن اتهمت أرجينتو المنتج الهوليودي السابق هارفي واينستين بإغتصابها.")
    assert found["هارفي واينستين"] == ["المنتج الهوليودي السابق"]
    assert not found.get("أرجينتو")


def test_a_coordinated_phrase_after_a_role_is_no_name():
    # France 24: "ومهندس الاتفاق" goes on with the role, it names nobody else
    found = roles("قال جون كيري، وزير الخارجية الأمريكي الأسبق ومهندس الاتفاق النووي مع إيران، إن انسحاب "
                  "الرئيس الأمريكي، دونالد ترامب، يعتبر أمرا خطيرا.")
    assert "وزير الخارجية الأمريكي الأسبق" in found["جون كيري"]


def test_a_name_opening_with_hamza_is_no_article():
    # BBC Arabic and Sky News Arabia: "إلين", "أليكس" fold to a form that reads as ال + noun
    article = Article(id="t", doc="t", text='قالت المديرة إلين إنفانتي، "من العبث الادعاء بأننا نغسل أدمغة '
                                          'التلاميذ هنا. إن ثورتنا ثورة انسانية."')
    find_quotes(article)
    assert (article.quotes[0].speaker.name, article.quotes[0].speaker.role) == ("إلين إنفانتي", "المديرة")
    found = roles("وذكر بيان لممثل الشبكات الإعلامية أن السيدة الأولى ووزير الصحة والخدمات الإنسانية أليكس "
                  "أزار وآخرين على متن الرحلة نقلوا إلى طائرة ثانية")
    assert found["أليكس أزار"] == ["وزير الصحة والخدمات الإنسانية"]


def test_a_nationality_standing_for_the_person_and_a_title_that_is_an_adjective():
    # AlArabiya (sport): "البرازيلي" stands for the player
    found = roles("وعند الدقيقة 20 نجح البرازيلي برونو أوفيني مدافع النصر بافتتاح التسجيل لفريقه بعدما حول "
                  "عرضية زميله عبدالرحمن العبيد برأسه في شباك الحارس فواز القرني")
    assert "البرازيلي" in found["برونو أوفيني"]
    # France 24 (sport): "القاضية" after "ضربة صلاح" is "decisive", no judge
    found = roles("قاد المصري محمد صلاح ناديه ليفربول إلى نصف نهائي دوري أبطال أوروبا لكرة القدم بعد تغلبه "
                  "مجددا على مانشستر سيتي 2-1 الثلاثاء\nضربة صلاح القاضية!\n")
    assert "المصري" in found["محمد صلاح"] and "القاضية" not in found["محمد صلاح"]


def test_a_protocol_list_gives_each_person_the_role_after_their_name():
    # AlArabiya (economy): "NAME ROLE، وNAME ROLE، والمهندس NAME ROLE، …"; a و before the next
    # name or title ends the role before it, and a title after it is not the earlier person's
    found = roles("ومن المتحدثين في المؤتمر محمد الجدعان وزير المالية السعودي، ومحمد القويز رئيس هيئة السوق "
                  "المالية، والمهندس إبراهيم العمر محافظ الهيئة العامة للاستثمار، والمهندس صالح الرشيد محافظ "
                  "الهيئة العامة للمنشآت الصغيرة والمتوسطة، وفهد السيف رئيس مكتب إدارة الدين العام بوزارة "
                  "المالية، والدكتور فهد الشثري وكيل المحافظ للأبحاث والشؤون الدولية بمؤسسة النقد العربي "
                  "السعودي، وعبد العزيز الرشيد وكيل وزارة الاقتصاد والتخطيط للشؤون الاقتصادية")
    assert found["محمد الجدعان"] == ["وزير المالية السعودي"]
    assert found["محمد القويز"] == ["رئيس هيئة السوق المالية"]
    assert found["إبراهيم العمر"] == ["المهندس", "محافظ الهيئة العامة للاستثمار"]
    assert found["صالح الرشيد"] == ["المهندس", "محافظ الهيئة العامة للمنشآت الصغيرة والمتوسطة"]
    assert found["فهد الشثري"] == ["الدكتور", "وكيل المحافظ للأبحاث والشؤون الدولية بمؤسسة النقد العربي السعودي"]
    assert found["عبد العزيز الرشيد"] == ["وكيل وزارة الاقتصاد والتخطيط للشؤون الاقتصادية"]


def test_a_list_without_commas_splits_at_the_next_given_name():
    # Jawhara FM (Tunisia): no commas; "والمهدي" and "ومحمد" open the next people, not the role
    # before them nor the name of the title before them
    found = roles("وكان رئيس الحكومة مرفوقا خلال هذه الزيارة بكل من سمير بالطيب وزير الفلاحة والموارد المائية "
                  "والصيد البحري والمهدي بن غربية الوزير المكلف بالعلاقة مع الهيئات الدستورية والمجتمع المدني "
                  "وحقوق الانسان وعبد الله الرابحي كاتب الدولة للموارد المائية ومحمد قويدر والي الجهة وثلة من "
                  "الاطارات المركزية")
    assert found["سمير بالطيب"] == ["وزير الفلاحة والموارد المائية والصيد البحري"]
    assert "المهدي بن غربية" in found and "محمد قويدر" in found
    assert not any("الموارد المائية" in r for r in found["المهدي بن غربية"] + found["محمد قويدر"])


def test_any_country_closes_a_role_phrase_before_the_name():
    # Sky News Arabia (sport): "كرواتيا" is a country (pycountry), so the role ends there and the
    # name after it is the goalkeeper's, not a genitive of the role
    found = roles("وكرر شمايكل تألقه مرة أخرى خلال ركلات الترجيح وأنقذ مرماه من تسديدتين لميلان باديلي وجوسيب "
                  "بيفاريتش، إلا أن حارس مرمى كرواتيا دانيل سوباسيتش تصدى لـ3 ركلات دنماركية لكريستيان إريكسن "
                  "ولاسي شوني ونيكولاي يورغنسن.")
    assert found["دانيل سوباسيتش"] == ["حارس مرمى كرواتيا"]
    assert not any(found[name] for name in found if "إريكسن" in name)


def test_the_post_a_person_is_appointed_to_is_a_role():
    # Sky News Arabia: an office in the accusative with the ل of its post, right after the name
    found = roles("وعين العاهل السعودي الأمير بدر بن عبد الله بن محمد بن فرحان وزيرا للثقافة بينما حل أحمد بن "
                  "سليمان بن عبد العزيز الراجحي وزيرا للعمل والتنمية الاجتماعية محل علي بن ناصر الغفيص الذي أعفي "
                  "من منصبه.")
    assert "وزيرا للثقافة" in found["بدر بن عبد الله بن محمد بن فرحان"]
    assert found["أحمد بن سليمان بن عبد العزيز الراجحي"] == ["وزيرا للعمل والتنمية الاجتماعية"]


def test_a_preposition_on_a_given_name_starts_the_next_person():
    # BBC Arabic: "replaces McMaster with (ب) John Bolton": two people, each with his own role
    found = roles("ترامب يستبدل ماكماستر ببولتون مستشارا للأمن القومي\nترامب يستبدل مستشار الأمن القومي هربرت "
                  "ماكماستر بجون بولتون، السفير السابق في الأمم المتحدة إبان حكم الرئيس جورج دبليو بوش، والمصنف "
                  "ضمن صقور الجمهوريين.")
    assert found["هربرت ماكماستر"] == ["مستشار الأمن القومي"]
    assert "السفير السابق في الأمم المتحدة" in found["جون بولتون"]


def test_a_rank_word_used_as_a_noun_does_not_swallow_the_name_before_it():
    # BBC Arabic (sport): "الفريق" is "the team" here, no rank of a name after it; "قيادة الفريق" is
    # the object of تولي, not the end of the coach's name
    found = roles("كما يدخل شبيبة القبائل المباراة بثقة كبيرة بعد النتائج الجيدة التي حققها في الآونة الأخيرة "
                  "في الدوري والكأس المحلليين، بعد تولي المدير الفني يوسف بوزيدي قيادة الفريق.")
    assert found["يوسف بوزيدي"] == ["المدير الفني"]


def test_a_title_word_after_a_name_particle_is_part_of_the_family_name():
    # AlArabiya (sport): "آل الشيخ" is a family, "الشيخ" no honorific here
    found = roles('معالي رئيس الهيئة العامة للرياضة تركي آل الشيخ في حواره مع الزميل بتال القوس في صحيفة '
                  'الرياضية، قال: "عندي تحفظ كبير على مستوى محمد السهلاوي"')
    assert found["تركي آل الشيخ"] == ["رئيس الهيئة العامة للرياضة"]


def test_an_adverb_after_a_title_or_a_role_is_no_name():
    # BBC Arabic, 1 May 2018 (ANT): the role in apposition closes before رسميا
    assert roles("وسوف يتولى سير بريان لانغستاف، قاضي المحكمة العليا، رسميا التحقيقات التي من المتوقع أن "
                 "تبدا مطلع الشهر المقبل على الأرجح.") == {"بريان لانغستاف": ["قاضي المحكمة العليا"]}
