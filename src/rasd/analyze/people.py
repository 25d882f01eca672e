"""Speaker phrases: who a noun phrase names, in which role.

Arabic news names people with a title chain and a name, in either order:

    مدير العلاقات والاعلام في الوزارة | اللواء الطيار | تحسين الخفاجي
    (office phrase)                    (rank)          (name)
    مصطفى الكاظمي | القائد العام للقوات المسلحة
    (name)          (office phrase)

An office phrase runs on through its genitive chain and definite modifiers
(وزير الخارجية، رئيس الوزراء العراقي، المتحدث باسم قيادة العمليات، السفير
الأمريكي في العراق) and stops at the first undetermined word that is not part
of a construct chain: that word starts the name. The words themselves
(titles, ranks, organisation nouns, anonymous-source nouns) are resources.

``PeopleIndex`` keeps the people and organisations of one article so that a
later "الخفاجي", "اللواء الخفاجي" or "المتحدث باسم العمليات المشتركة" resolves to
the person first named in full.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from rasd.analyze.institutions import gazetteer, is_nationality
from rasd.analyze.lexicon import given_names, is_negated_complementizer, lexicon
from rasd.arabic import DIACRITICS, Token, fold, is_definite_reading, name_text, search_key, strip_proclitic
from rasd.model import Entity, Span
from rasd.resources import table

PARTICLES = lexicon().words("particle")  # never part of a name (function_words.tsv)
_NAME_PARTICLES = lexicon().words("name_particle")
_ADVERBS = lexicon().words("adverb")  # "يقدم اللاعب | رسميا": an adverb after a title is no name
_NAME_WORDS = lexicon().words("name_word")
FUNCTION_WORDS = frozenset().union(*lexicon().function_words.values())
_QUANTIFIERS = lexicon().words("quantifier")
_AUXILIARIES = lexicon().words("auxiliary")
_PLACE_NOUNS = frozenset(fold(r["word"]) for r in table("entity_words.tsv") if r["kind"] == "place_noun")
_ROLE_LINKS = lexicon().words("role_link")
MAX_ROLE_TOKENS = 10
MAX_NAME_TOKENS = 5  # words of a name, not counting particles ("فلاح بن جاسم بن جبر آل ثاني")


def is_word(tok: Token) -> bool:
    return tok.key[:1].isalpha()


def _nisba(tok: Token) -> bool:
    """An adjective of relation as written: عراقية، عسكري، إسرائيليون (not هيئة)."""
    bare = DIACRITICS.sub("", tok.text)
    return len(bare) >= 4 and bare.endswith(("ي", "ية", "يون", "يين")) and not bare.endswith(("ئي", "ئية"))


def _without_article(reading: str) -> str:
    """A folded reading without its article: الشيخ → شيخ (a bare word as it is)."""
    return reading[2:] if is_definite_reading(reading) else reading


def _head_noun(key: str):
    """The entity_heads.tsv entry a folded word is, clitics and article peeled (كتائب، والمجلس،
    الجمهورية), or None."""
    heads = gazetteer().heads
    return next((h for r in strip_proclitic(key) if (h := heads.get(_without_article(r))) is not None), None)


def _nisba_adjective(tok: Token) -> bool:
    """A nisba that is no head noun: عراقية but not مفوضية، الجمهورية (entity_heads.tsv)."""
    return _nisba(tok) and _head_noun(tok.key) is None


def definite(key: str) -> bool:
    """Carries the article, perhaps behind و/ف/ب/ل/ك: الوزارة، والإعلام، للقوات، بالعراق."""
    found = _DEFINITE.get(key)
    if found is None:  # (memoised: asked for nearly every token by several scanners)
        found = any(is_definite_reading(r) for r in strip_proclitic(key)) or key.startswith("لل")
        if len(_DEFINITE) < 200_000:
            _DEFINITE[key] = found
    return found


_DEFINITE: dict[str, bool] = {}


def written_definite(tok: Token) -> bool:
    """``definite`` as written: a name opening with hamza is no article ("أليكس", "إلهام")."""
    return definite(DIACRITICS.sub("", tok.text))


def _without_pronoun(key: str) -> str:
    """A folded noun without its pronoun suffix, ة restored: "ولايتها" → "ولايه"."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if key.endswith(suffix) and len(key) - len(suffix) >= 3:
            stem = key[:-len(suffix)]
            return stem[:-1] + "ه" if stem.endswith("ت") else stem
    return key


def word_start(tok: Token, listed) -> int:
    """Where the first clitic-stripped reading of the token that ``listed`` accepts starts in the
    text: after و/ب/ل ("ب|رئيس", "و|البريطاني"); at the token's start when none is accepted."""
    reading = next((r for r in strip_proclitic(tok.key) if listed(r)), tok.key)
    return tok.start + (len(tok.key) - len(reading) if tok.key.endswith(reading) else 0)


@dataclass(slots=True)
class Phrase:
    """A parsed speaker phrase; spans are offsets into the article text."""

    start: int
    end: int
    role: tuple[int, int] | None = None
    rank: tuple[int, int] | None = None
    name: tuple[int, int] | None = None
    kind: str = "unknown"  # person, org, anonymous, place, unknown
    gender: str = ""
    honorific: str = ""  # folded, without the article: "شيخ" for "الشيخ محمد بن حمودة"


def office_at(tokens: list[Token], i: int) -> tuple[int, int] | None:
    """(start offset, token index after) of an office phrase headed at token i."""
    lex = lexicon()
    head = tokens[i]
    title = lex.title(head.key)
    if not title or title.kind != "office":
        return None
    reading = next(r for r in strip_proclitic(head.key) if r in lex.titles)  # ("والدة" is no و + ال…)
    chain_open = not reading.startswith("ال") and not title.possessed  # "زوجته | ميساء غانم"
    return word_start(head, lex.titles.__contains__), noun_chain_end(tokens, i, chain_open)


def _no_name_after(tokens: list[Token], j: int) -> bool:
    """Whether what follows token j can be neither a name nor a rank's modifier: the end, a mark,
    a function word or a determined word ("مدرب الفريق | من", "مدرب الفريق | السابق")."""
    if j + 1 >= len(tokens) or not is_word(tokens[j + 1]):
        return True
    nxt = tokens[j + 1].key
    t = lexicon().title(nxt)
    return not (t and t.kind == "modifier") and (nxt in FUNCTION_WORDS or definite(nxt))


def noun_chain_end(tokens: list[Token], i: int, chain_open: bool) -> int:
    """Token index after a noun phrase headed at token i: its genitive chain, definite
    modifiers and attached phrases (باسم ...، في الوزارة). ``chain_open`` when the head is
    undetermined and so takes a genitive (وزير الخارجية، هيئة تنظيم الإعلانات)."""
    lex = lexicon()
    j = i + 1
    last_definite = definite(tokens[i].key)
    while j < len(tokens) and j - i < MAX_ROLE_TOKENS:
        tok = tokens[j]
        if not is_word(tok):
            inner = _quoted_name_end(tokens, j)
            if inner is None:
                break
            j = inner  # a quoted or bracketed name: مؤسس شركة "كوديد"، صحيفة (التايمز)
            chain_open, last_definite = False, True
            continue
        t = lex.title(tok.key)
        if t and t.kind in ("rank", "honorific") and not (chain_open and t.kind == "rank" and _no_name_after(tokens, j)):
            break  # (a rank word as a genitive with no name after it is a noun: "مدرب الفريق | السابق")
        if tok.key == "باسم" and j + 1 < len(tokens) and (t2 := lex.title(tokens[j + 1].key)) \
                and t2.kind in ("honorific", "rank"):
            # "متحدث باسم الشيخ دريان": the person spoken for belongs to the role
            return max(name_at(tokens, j + 2), j + 2)
        if tok.key in _ROLE_LINKS and j + 1 < len(tokens) and is_word(tokens[j + 1]) \
                and not lex.is_("statement_noun", tokens[j + 1].key):
            j += 1
            # "في بريطانيا" ends the phrase; "في وزارة ..." goes on into its genitive
            nxt = tokens[j]
            place = search_key(nxt.text) in lex.places
            if not (place or definite(nxt.key) or lex.speaker_noun(nxt.key) or tok.key == "باسم"):
                return j - 1  # "وزارة الخارجية في رسالتين": the phrase ends before في
            j += 1
            chain_open = not place and not definite(nxt.key)
            continue
        if not chain_open and tok.key.startswith("ل") and not tok.key.startswith("لل") and len(tok.key) > 3 \
                and not lex.is_("recipient", tok.key) and not lex.is_("statement_noun", tok.key) \
                and not lex.cue(tok.key) and tok.key not in PARTICLES \
                and (any(definite(t2.key) or search_key(t2.text) in lex.places
                         for t2 in tokens[j + 1:j + 3] if is_word(t2))
                     or _institution_head(tok.key[1:]) and j + 1 < len(tokens) and _quoted_name_end(tokens, j + 1)):
            # "الأمين العام لحلف شمال الأطلسي", "رئيس كتلة الحرة لحركة مشروع تونس", الرئيس
            # التنفيذي لشركة "أوبر": ل + a genitive goes on with the role
            j += 1
            chain_open = True
            continue
        if not chain_open and tok.key[:1] == "ب" and _institution_head(tok.key[1:]):
            j += 1  # "رئيس الكتلة بمجلس نواب الشعب": ب + an institution is where the office is
            chain_open = True
            continue
        if chain_open and tok.key not in PARTICLES and not lex.cue(tok.key) and not (
                tok.key[:1] == "و" and tok.text.endswith(("ه", "ها", "هم")) and len(tok.key) > 4
                and not lex.is_("waw_noun", _without_pronoun(tok.key))):  # "مهاجم ليفربول | ورصيده"
            # a genitive closes the chain when determined, as does a place name ("حركة نداء
            # تونس خميس قسيلة": the name follows) or an indefinite nisba adjective ("مصادر
            # عراقية"), after which no determined word can agree with it
            place = search_key(tok.text) in lex.places
            chain_open = not definite(tok.key) and not _nisba_adjective(tok) and not place
            last_definite = definite(tok.key) or place  # a proper name is determined
            j += 1
            continue
        if t and t.kind == "role_modifier":
            j += 1  # "رئيس أوروغواي السابق", "الوزير المكلف"
            continue
        if tok.key[:1] == "و" and any(search_key(" ".join(t.text for t in tokens[j - w:j])) in lex.places
                                      for w in (1, 2, 3) if j - w > i):
            # "في الولايات المتحدة و كندا" / "وكندا": places coordinate
            if tok.key == "و" and j + 1 < len(tokens) and search_key(tokens[j + 1].text) in lex.places:
                j += 2
                continue
            if search_key(tok.text[1:]) in lex.places:
                j += 1
                continue
        if not chain_open and not last_definite and not definite(tok.key) \
                and _nisba(tok) and not lex.cue(tok.key):
            j += 1  # another indefinite nisba adjective: "متحدث عسكري إسرائيلي"
            continue
        if last_definite and not chain_open and not definite(tok.key) and tok.text.endswith(("ها", "ه", "هم")) \
                and j > i + 1 and definite(tokens[j - 1].key) and len(tok.key) > 4 \
                and (tok.key[:1] != "و" or lex.is_("waw_noun", _without_pronoun(tok.key))) \
                and not is_nationality(tokens[j - 1].key):
            j += 1  # "الأمينة العامة المنتهية ولايتها" (but و + a noun with a pronoun is another item:
            continue  # "مهاجم ليفربول | ورصيده", "رئيس الأركان السابق | وغيرهم")
        if tok.key.startswith("وال") and _coordinated_name(tokens, j):
            break  # "وزير الفلاحة والصيد البحري | والمهدي بن غربية الوزير …": the next person of a list
        if definite_given_name(tok.key) and not is_nationality(tok.key) and _name_word_after(tokens, j):
            break  # "الزعيم | الحبيب بورقيبة": a given name with the article opens the name
        # a determined plural goes on with a role behind ل ("المدير الطبي للعيادات") or as a coordinated
        # genitive ("إدارة الدراسات والعلاقات العامة", "غرفة جدة للمعارض والمؤتمرات")
        plural_ok = tok.key.startswith("لل") and not lex.is_("recipient", tok.key) \
            or tok.key.startswith("وال") and j > i + 1 and definite(tokens[j - 1].key)
        if written_definite(tok) and last_definite and (plural_ok or not tok.key.endswith("ات")) and not lex.cue(tok.key) \
                and not lex.is_("time_word", tok.key) \
                and not lex.is_("relative", tok.key) and not (t and t.kind == "office" and j > i + 1
                                                                and not tok.key.startswith("و")):
            j += 1
            continue
        break
    return j


_CLOSING_MARKS = frozenset(")»\"”")


def _coordinated_name(tokens: list[Token], j: int) -> bool:
    """Whether token j, و + ال + a given name, opens the next name of a list: an undetermined
    name word follows ("والمهدي بن غربية"), not a modifier ("والأمين العام")."""
    return conjoined_name(tokens[j].key) and _name_word_after(tokens, j)


def _name_word_after(tokens: list[Token], j: int) -> bool:
    """Whether the word after token j can go on a name: undetermined, no title, no function
    word but a name particle (بن غربية، بورقيبة; not العام، في)."""
    if j + 1 >= len(tokens) or not is_word(tokens[j + 1]):
        return False
    nxt = tokens[j + 1].key
    return not definite(nxt) and (nxt in _NAME_PARTICLES or nxt not in FUNCTION_WORDS) and lexicon().title(nxt) is None


def closes_phrase(tok: Token) -> bool:
    """A last word after which a role is complete: a determined word (الشريفين، للأمم، اليابان),
    a role modifier (السابق) or a closing mark; not a head awaiting its genitive ("مستشار")."""
    lex = lexicon()
    t = lex.title(tok.key)
    if t is not None and t.kind == "office" and tok.key in lex.titles and not tok.key.startswith("ال"):
        return False  # a bare title, even one that reads as و + ال…: "والدة"
    return definite(tok.key) or search_key(tok.text) in lex.places or tok.text in _CLOSING_MARKS \
        or (t is not None and t.kind == "role_modifier")


def office_phrase_at(tokens: list[Token], k: int) -> bool:
    """Whether an office phrase, not a name, starts at token k: a bare title (or the bare
    form of one listed with the article: أمير) whose phrase has more than one word and ends in a
    determined word ("أمير منطقة مكة المكرمة")."""
    titles = lexicon().titles
    if k >= len(tokens) or "office" not in (getattr(titles.get(tokens[k].key), "kind", ""),
                                            getattr(titles.get("ال" + tokens[k].key), "kind", "")):
        return False
    end = noun_chain_end(tokens, k, not definite(tokens[k].key))
    return end > k + 1 and closes_phrase(tokens[end - 1])


_NAME_MARKS = {"(": ")", "«": "»", "\"": "\"", "“": "”", "”": "“"}  # opener -> closer around a short name
_OPENER_OF = {close: open_ for open_, close in _NAME_MARKS.items()}


def _closes_mark(tokens: list[Token], i: int, k: int) -> bool:
    """Whether token k is a mark closing one opened in tokens[i:k]."""
    opener = _OPENER_OF.get(tokens[k].text)
    if opener is None:
        return False
    inside = [t.text for t in tokens[i:k]]
    if opener == tokens[k].text:
        return inside.count(opener) % 2 == 1
    return opener in inside


def _verb_and_object(tokens: list[Token], k: int, j: int) -> bool:
    """"لاعب البرتغال | يفاجئ الجماهير": an imperfect verb and its definite object, not a name
    (a name in ي- that is a known given name goes on: يحيى السنوار)."""
    key = tokens[k].key
    return key[:1] == "ي" and len(key) >= 4 and key not in given_names() and k + 1 < j \
        and definite(tokens[k + 1].key)


def _names_a_place(tokens: list[Token], k: int, j: int) -> bool:
    """"مملكة البحرين", "حكومة العراق": a feminine noun before a known place names the place or
    its institution, not a person (given names in -ة are not followed by a place)."""
    return tokens[k].text.endswith("ة") and k + 1 < j and (_gazetteer_prefix(tokens, k + 1, j) or ("",))[0] == "place"


def _is_nationality(tok: Token) -> bool:
    return definite(tok.key) and is_nationality(tok.key)


def nationality_alone(tokens: Sequence[Token], i: int) -> bool:
    """A determined masculine nationality standing for the person it precedes, not an adjective
    of the noun before it ("الحكومة الماليزية | نجيب رزاق", "الدراما السعودية | …", "ريال مدريد
    الإسباني | كريستيانو رونالدو")."""
    key = tokens[i].key if i >= 0 else ""
    if not definite(key) or key.endswith("ه") or not is_nationality(key):  # (the cheap tests first: every token asks)
        return False
    if i == 0 or not is_word(tokens[i - 1]):
        return True
    return not written_definite(tokens[i - 1]) and _gazetteer_prefix(tokens, i - 1, i) is None


def _nationality_person(tokens: list[Token], i: int, known: "PeopleIndex") -> Phrase | None:
    """A nationality standing for the person named after it: "على البريطاني، أنور ميا،",
    "وقال الأمريكي جون بولتون: …" (a full name: a given name, or two words set off by commas)."""
    if not nationality_alone(tokens, i):
        return None
    k = i + 2 if i + 1 < len(tokens) and tokens[i + 1].text in "،," else i + 1
    if k >= len(tokens) or not (tokens[k].key in given_names() or k == i + 2 and _apposed_name(tokens, k)):
        return None
    end = name_at(tokens, k, known)
    if end - k < 2:
        return None
    if k == i + 1 and end < len(tokens) and is_word(tokens[end]) and not lexicon().title(tokens[end].key) \
            and not lexicon().cue(tokens[end].key):
        return None  # with no comma, only a name that plainly ends: "قاد المصري محمد صلاح ناديه ليفربول"
    return Phrase(tokens[i].start, tokens[end - 1].end, role=(word_start(tokens[i], is_nationality), tokens[i].end),
                  name=(tokens[k].start, tokens[end - 1].end), kind="person", gender="m")


def _institution_head(key: str) -> bool:
    """A folded noun that heads an organisation's name (مجلس، وزارة، جامعة: entity_heads.tsv)."""
    head = gazetteer().heads.get(key)
    return head is not None and head.type == "ORG"


def _quoted_name_end(tokens: list[Token], j: int) -> int | None:
    """Token index after a short name in quote marks or brackets opening at token j."""
    close = _NAME_MARKS.get(tokens[j].text)
    if close is None:
        return None
    for k in range(j + 1, min(j + 12, len(tokens))):
        if tokens[k].text == close:
            return k + 1 if k > j + 1 else None
        if not is_word(tokens[k]) and tokens[k].text not in ".-&":
            return None  # "إن.بي.سي نيوز NBC News" keeps its dots
    return None


def with_preposition(key: str, lex, kinds: tuple[str, ...]) -> bool:
    """A word carrying ل/ب whose rest is one of these kinds: للصحفيين، لوكالة (not بيان)."""
    if key[:1] not in "لب" or len(key) < 4:
        return False
    rest = "ا" + key[1:] if key.startswith("لل") else key[1:]
    return any(lex.is_(kind, rest) for kind in kinds)


def _prepositional_masdar(key: str, written: str) -> bool:
    """ب/ل + a verbal noun of the patterns تفعيل، مفاعلة، إفعال: the action a name's verb
    governs, never a name word ("الرئيس السوري بشار الأسد | بمحاسبة", "صورة الرئيس | لتأكيد")."""
    if key[:1] not in "بل" or len(key) < 6:
        return False
    rest = key[1:]
    return rest[0] == "ت" and rest[3] == "ي" or rest[0] == "م" and rest[-1] == "ه" and len(rest) == 6 \
        or written[1:2] == "إ" and rest[-2] == "ا"  # (إفعال only with its hamza: "لاسمار" is a name)


def name_at(tokens: list[Token], i: int, known: "PeopleIndex | None" = None) -> int:
    """Token index after a personal name starting at token i (== i when there is none)."""
    lex = lexicon()
    j = i
    words = 0
    while j < len(tokens) and words < MAX_NAME_TOKENS:
        tok = tokens[j]
        key = tok.key
        title = lex.titles.get(key) or (lex.titles.get(key[1:]) if key[:1] == "و" else None) \
            or (lex.titles.get("ا" + key[1:]) if key.startswith("لل") else None)  # "للأمير بندر"
        # (no ب/ل peeled off inside a name: "منذر بالحاج علي" is a name, not "بـ + الحاج")
        # an undetermined office word inside a name ("قايد السبسي") unless it opens a role
        # phrase ("آرني شينبوم رئيس المكتب الاتحادي")
        opens_role = title is not None and j + 1 < len(tokens) and (
            definite(tokens[j + 1].key) and not _nisba_adjective(tokens[j + 1])
            or _institution_head(tokens[j + 1].key)  # "وانغ | عضو مجلس الدولة"
            or words >= 2 or words and tok.text.endswith("ة"))
        # (after a full name, "محمد صلاح | مهاجم ليفربول", or a feminine title after a given name,
        # "أمل | محامية حقوق الإنسان"; but "الباجي قايد السبسي")
        particle = any(r in PARTICLES or r in _QUANTIFIERS or r in _AUXILIARIES for r in strip_proclitic(key)) \
            and tok.text != "علي"  # the name Ali
        in_family = j > i and tokens[j - 1].key in _NAME_PARTICLES and definite(key)  # "تركي آل | الشيخ"
        if not is_word(tok) or particle or lex.cue(key) \
                or (title and not in_family and (j == i or title.kind != "office" or definite(key) or opens_role)) \
                or lex.is_("adjunct", key) or "\u064b" in tok.text \
                or lex.is_("complementizer", key) or is_negated_complementizer(tok.text) or lex.is_("time_word", key) \
                or lex.is_("relative", key) or key.isdigit() or tok.text.endswith("\u0640") \
                or with_preposition(key, lex, ("recipient", "statement_noun")) or _prepositional_masdar(key, tok.text):
            break  # (a clitic written apart with a tatweel, "لـ"العربية.نت"", is no name word; nor is
            # "لصحيفة", "ببيان": "ميساء غانم | لصحيفة الوطن")
        if j > i and key.startswith("و") and key not in _NAME_PARTICLES:
            break  # "جو بايدن ورئيس الوزراء": a conjunction ends the name
        if words >= 2 and key[:1] in "بل" and key[1:] in given_names() and key not in given_names():
            break  # "استبدال هربرت ماكماستر | بجون بولتون": a preposition on the next person's given name
            # (after one word it is often a name of its own: "محمد لسعد عبيد", "سهيل بنور")
        if j > i and key.startswith(("بال", "لل")) and _institution_head(key[3:] if key[0] == "ب" else key[2:]):
            break  # "القاضية باربره جافي | بالمحكمة العليا": where the person serves
        if j - i >= 2 and _institution_head(key) and j + 1 < len(tokens) and definite(tokens[j + 1].key):
            break  # "يوسف بوزيدي | قيادة الفريق": a head noun with its genitive is the verb's object
        if j > i and definite(key) and key.endswith(("ين", "ون", "ات")) and key not in _NAME_WORDS:
            break  # "أردوغان العاملين": a plural noun is the verb's object, not a family name
        if j - i >= 2 and key.startswith(("الت", "الاست", "الان")) and not key.endswith("ي") \
                and tokens[j - 1].key[:1] not in "بلك":  # (but "بقطاع التصدير" is one genitive)
            break  # "هورست زيهوفر التوصل": a verbal noun (تفعّل، استفعال، انفعال) is the object
        if j > i and key.endswith(("ها", "هم", "هما")) and len(key) > 4:
            break  # "بنيامين نتنياهو توقيعها": a noun with a pronoun suffix is an object
        if j - i >= 2 and key.endswith("ا") and key not in _NAME_PARTICLES \
                and tokens[j - 1].key not in _NAME_PARTICLES \
                and not (j + 1 < len(tokens) and tokens[j + 1].text in "،,"):  # ("لولا دا سيلفا"; "بيريرا،")
            break  # "مصطفى الكاظمي اتفقا": a third word in -ا is a verb or an accusative, not a name
        if j == i and lex.speaker_noun(key):
            break
        if key in lex.month_words and j + 1 < len(tokens) and tokens[j + 1].key.isdigit():
            break  # "أيار 2018" is a date; "رجب طيب أردوغان" a name
        words += key not in _NAME_PARTICLES
        j += 1
    return j


def _given_name_after_noun(tokens: list[Token], i: int, j: int) -> int | None:
    """Where a given name starts right after a definite noun phrase of up to three words
    ("وأوضح البائع بسام العامري", "وقالت المساعدة للشؤون التعليمية آمنة الغامدي"): the phrase is
    that person's role even when no title list has it."""
    lex = lexicon()
    given = given_names()
    if not definite(tokens[i].key) or tokens[i].key.startswith(("لل", "وال", "بال")):
        return None
    for g in range(i + 1, min(i + 4, j)):
        tok = tokens[g]
        if tok.key in given and not definite(tok.key):
            return g
        if not is_word(tok) or tok.key in FUNCTION_WORDS or lex.cue(tok.key) or lex.is_("time_word", tok.key) \
                or lex.is_("relative", tok.key) or not (definite(tok.key) or tok.key.startswith("لل")):
            return None
    return None


def _name_after_clause(tokens: list[Token], k: int) -> tuple[int, int] | None:
    """(start, end) token indices of a name set off by commas after a relative clause that
    follows a role at token k: "، الذي لم يشارك في الدراسة، كريستوفر سبانكوفيتش"."""
    if k + 1 >= len(tokens) or tokens[k].text not in "،," or not lexicon().is_("relative", tokens[k + 1].key):
        return None
    for c in range(k + 2, min(k + 16, len(tokens))):
        if tokens[c].text in "،,":
            return (c + 1, name_at(tokens, c + 1)) if _apposed_name(tokens, c + 1) else None
        if not is_word(tokens[c]):
            return None
    return None


def _inner_title(tokens: list[Token], i: int, j: int) -> bool:
    """Whether an office or rank stands in tokens[i:j]: then a name after the comma is that
    title's holder ("المتحدث باسم رئيس الوزراء الإسرائيلي، بنيامين نتنياهو"), not the speaker's."""
    lex = lexicon()
    return any((t := lex.title(tok.key)) is not None and t.kind in ("office", "rank") for tok in tokens[i:j])


def _apposed_name(tokens: list[Token], k: int) -> bool:
    """Whether a name set off by commas after a title starts at token k: one that opens with a
    given name ("، عمر البشير"), or two or three undetermined words closed by a comma
    ("، دونالد ترامب،"); not an adverbial ("، في بيان،", "، اليوم،", "، خلال لقائه،")."""
    if k >= len(tokens) or not is_word(tokens[k]):
        return False
    lex = lexicon()
    end = name_at(tokens, k)
    if end == k or any(lex.is_(kind, tokens[k].key) for kind in ("time_word", "adjunct")):
        return False
    if tokens[k].key in given_names():
        return True
    closed = end < len(tokens) and tokens[end].text in "،,"
    words = tokens[k:end]
    return closed and 2 <= len(words) <= 3 and not any(
        definite(t.key) and not t.key.endswith("ي") or t.key in FUNCTION_WORDS or t.key.endswith(("ها", "هم"))
        for t in words)


def _gazetteer_prefix(tokens: Sequence[Token], i: int, j: int) -> tuple[str, int] | None:
    """('place'|'org', token index after) when tokens[i:] open with a known place or organisation."""
    lex = lexicon()
    for width in (4, 3, 2, 1):
        if i + width > j:
            continue
        key = search_key(" ".join(t.text for t in tokens[i:i + width]))
        if key in lex.places:
            return "place", i + width
        if key in lex.organisations:
            return "org", i + width
    return None


def _not_a_name(tokens: list[Token], k: int) -> bool:
    """Whether token k opens no personal name: the head of a place or institution name
    ("مقاطعة أوكسفوردشير", "منطقة بن قردان"); و + a feminine or plural noun ("وإدانة موقف");
    a noun with a possessive ه before a ب/ل phrase ("تعازيه لأهالي", "أمجاده بتأهل"; not the
    ة of a name, nor عبدالله, nor "أرييه درعي")."""
    tok = tokens[k]
    given = given_names()
    if tok.key in given:
        return False
    if tok.key in gazetteer().heads or tok.key in _PLACE_NOUNS or tok.key in _ADVERBS:
        return True
    if conjoined_name(tok.key):
        return True  # the next item of a list: "كاتب الدولة للموارد المائية | ومحمد قويدر"
    if tok.key[:1] == "و" and len(tok.key) > 4 and tok.key[1:] not in given and tok.text.endswith(("ة", "ات")):
        return True
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    possessed = tok.text.endswith("ه") and not tok.text.endswith("الله") and len(tok.key) >= 5
    return possessed and nxt is not None and nxt.key[:1] in "بل" and len(nxt.key) > 4 and nxt.key not in given


def conjoined_name(key: str) -> bool:
    """Whether a word is و + the first word of a name (ومحمد، والمهدي، وعبد): a list goes on
    with another person. Names that open with و themselves (وليد، وائل) are given names."""
    if key[:1] != "و" or key in given_names():
        return False
    rest = key[1:]
    return rest in given_names() or rest in _NAME_PARTICLES or definite_given_name(rest)


def conjoined_title(key: str) -> bool:
    """Whether a word is و + a title (والمهندس، ووزير): in a list it opens the next person."""
    lex = lexicon()
    return key[:1] == "و" and key not in lex.titles and lex.title(key) is not None


def definite_given_name(key: str) -> bool:
    """Whether a folded word is a given name with the article (الوليد، الحبيب، المهدي). Where a
    nationality may stand, callers rule it out: التركي reads as one (تركي is also a name)."""
    return key.startswith("ال") and key[2:] in given_names()


def _plausible_name_start(tokens: list[Token], k: int, known: "PeopleIndex | None") -> bool:
    """A name may open with an undetermined word (تحسين، مايك), or with a known or nisba surname."""
    tok = tokens[k]
    if tok.key.endswith(("ها", "هم", "هما")) and len(tok.key) > 4:
        return False  # a pronoun suffix: "المنتهية ولايتها"
    if tok.key.endswith("ات") and len(tok.key) > 4:
        return False  # a plural noun is an object: "وصف وزير الخارجية اتهامات …"
    if tok.key.startswith("لل") or tok.key == "و" or _not_a_name(tokens, k):
        return False
    if tok.key.startswith(("يت", "يست", "تت", "تست")) and len(tok.key) >= 5 and tok.key not in given_names():
        return False  # an imperfect verb (يتراجع، يستعد), not a name: "وزير الداخلية يتراجع"
    if not written_definite(tok):
        return True
    if definite_given_name(tok.key) and not is_nationality(tok.key):
        return True
    if known is not None and known.find(tok.text):
        return True
    return tok.key.endswith("ي") and len(tok.key) >= 5  # nisba family names: الخفاجي، الكاظمي


def _kin_name(tokens: list[Token], k: int, j: int, known: "PeopleIndex | None") -> bool:
    """Whether a name starts at token k after a relative written with a pronoun ("والدته | لوري
    هولت"): a given name, a known person or family, or two words that are not a preposition and
    an outlet ("والدها | لبي بي سي")."""
    if tokens[k].key in given_names():
        return True
    end = min(name_at(tokens, k), j)
    if known is not None and any(known.find(tokens[m].text) for m in range(k, end)):
        return True
    return end - k >= 2 and tokens[k].key[:1] not in "لب"


def parse_phrase(tokens: list[Token], i: int, j: int, known: "PeopleIndex | None" = None) -> Phrase | None:
    """Read tokens[i:j] as a speaker phrase: office, rank, name, organisation or source."""
    lex = lexicon()
    while i < j and not is_word(tokens[i]):
        i += 1
    while j > i and (not is_word(tokens[j - 1]) or (tokens[j - 1].key in PARTICLES
                                                      and tokens[j - 1].text != "علي")):  # the name Ali
        if _closes_mark(tokens, i, j - 1):
            break  # مصرف "باركليز" keeps its closing mark
        j -= 1
    if i >= j:
        return None
    phrase = Phrase(tokens[i].start, tokens[j - 1].end)
    kin = False  # the role is a relative written with a pronoun (زوجته)
    gazetteer = _gazetteer_prefix(tokens, i, j)
    if gazetteer:
        phrase.kind, k = gazetteer
        phrase.end = tokens[k - 1].end
        phrase.gender = "f" if phrase.kind == "place" else ""
        return phrase
    k = i
    if known is not None:  # a person already named in full wins over a title-like word: "قايد السبسي"
        for width in range(min(4, j - i), 0, -1):
            person = known.find(" ".join(t.text for t in tokens[i:i + width]))
            if person is not None and person.type == "PER":
                phrase.name = (tokens[i].start, tokens[i + width - 1].end)
                phrase.kind = "person"
                office = office_at(tokens, i + width) if i + width < j else None
                if office:  # "مصطفى الكاظمي القائد العام للقوات المسلحة"
                    phrase.role = (office[0], tokens[min(office[1], j) - 1].end)
                phrase.end = phrase.role[1] if phrase.role else phrase.name[1]
                return phrase
    while k < j:
        title = lex.title(tokens[k].key)
        if k > i and conjoined_title(tokens[k].key):
            break  # "رئيس هيئة السوق المالية، | والمهندس إبراهيم العمر": the next person of a list
        if title and title.kind == "honorific":
            phrase.honorific = phrase.honorific or _without_article(strip_proclitic(tokens[k].key)[-1])
            k += 1
        elif title and title.kind == "rank":
            r0 = k
            k += 1
            while k < j and (t := lex.title(tokens[k].key)) and t.kind == "modifier":
                k += 1
            phrase.rank = (tokens[r0].start, tokens[k - 1].end)
        elif title and title.kind == "office" and phrase.role is None and phrase.name is None:
            start, k2 = office_at(tokens, k)
            k = min(k2, j)
            phrase.role = (start, tokens[k - 1].end)
            phrase.gender = title.gender
            kin = title.possessed
            if k + 1 < j and tokens[k].text in "،,":  # apposition: "المتحدث باسم ...، اللواء ..."
                k += 1
        elif title and title.kind == "office" and phrase.role is not None and phrase.name is None \
                and tokens[k - 1].end == phrase.role[1] and definite(tokens[k].key) and tokens[k].key[:1] != "و":
            k = min(office_at(tokens, k)[1], j)  # a second title: "العاهل المغربي | الملك | محمد السادس"
            # (the speaker's role stays the first; the entity stage records the second: rasd.analyze.roles)
        else:
            break
    if k == i and (g := _given_name_after_noun(tokens, i, j)) is not None:
        phrase.role = (tokens[i].start, tokens[g - 1].end)  # "البائع | بسام العامري": a role no list has
        k = g
    if phrase.role and k < j:
        later = next((h for h in range(k, j) if (t := lex.titles.get(tokens[h].key)) and t.kind in (
            "honorific", "rank")), None)
        honoured = (t := lex.title(tokens[k - 1].key)) is not None and t.kind == "honorific"
        if later is not None and later > k and later - k <= 6 and not honoured and not _no_name_after(tokens, later):
            # (not past a name that an honorific opens, nor to a rank word with no name after it,
            # a noun: "نائب رئيس نادي الفتح المهندس سعد العفالق على سير معسكر | الفريق")
            phrase.role = (phrase.role[0], tokens[later - 1].end)
            k = later
            while k < j and (t := lex.title(tokens[k].key)) and t.kind in ("honorific", "rank", "modifier"):
                if t.kind == "rank":
                    phrase.rank = (tokens[k].start, tokens[k].end)
                k += 1
    after_title = k > i and (t := lex.title(tokens[k - 1].key)) is not None and t.kind in (
        "honorific", "rank", "modifier")
    if k + 1 < j and _is_nationality(tokens[k]) and not definite(tokens[k + 1].key) and is_word(tokens[k + 1]):
        k += 1  # "الفرنسي آرسين فينغر": a nationality before a name describes, it is no family name
    if k < j and (after_title and not _not_a_name(tokens, k) or _plausible_name_start(tokens, k, known)) \
            and not lex.speaker_noun(tokens[k].key) and not (phrase.role and office_phrase_at(tokens, k)) \
            and not _names_a_place(tokens, k, j) and not _verb_and_object(tokens, k, j) \
            and not (kin and not _kin_name(tokens, k, j, known)):
        n_end = min(name_at(tokens, k), j)
        if known is not None:
            for width in range(n_end - k, 0, -1):  # "ترمب مبدأ المدارس": the known "ترمب" only
                if known.find(" ".join(t.text for t in tokens[k:k + width])):
                    n_end = k + width
                    break
        if (phrase.role or phrase.rank) and n_end == k + 1 and tokens[k].text.endswith("ة") \
                and tokens[k].key not in given_names():
            n_end = k  # "النائب العام مباشرة": one word in -ة after a title is a noun or adverb, not a name
        if n_end > k:
            phrase.name = (tokens[k].start, tokens[n_end - 1].end)
            if phrase.role is None and n_end < j:  # name, then its office in apposition
                after = n_end + 1 if tokens[n_end].text in "،," and n_end + 1 < j else n_end
                office = office_at(tokens, after)  # ("آرسين فينغر، مدرب فريق آرسنال،" too)
                if office and office[1] < j and tokens[office[1]].key in given_names():
                    office = None  # the title of the name after it: "أرجينتو | المنتج السابق هارفي واينستين"
                if office:
                    phrase.role = (office[0], tokens[min(office[1], j) - 1].end)
            phrase.end = max(phrase.name[1], phrase.role[1] if phrase.role else 0)
    noun = lex.speaker_noun(tokens[i].key)
    if not phrase.name and (phrase.role or phrase.rank):
        phrase.end = max(x[1] for x in (phrase.role, phrase.rank) if x)  # not "… اتهامات الولايات المتحدة"
    if phrase.name:
        phrase.kind = "person"
    elif noun and noun[0] == "anonymous" and (not definite(tokens[i].key) or noun[1] == "p"):
        phrase.kind, phrase.gender = "anonymous", noun[1]  # "مسؤول كبير", "مصادر مطلعة", "المسؤولون"
        if not phrase.role:
            end = min(noun_chain_end(tokens, i, not definite(tokens[i].key)), j)
            phrase.end = tokens[end - 1].end  # "البعض" in "وكتب البعض تكريسا لدور …"
    elif phrase.role or phrase.rank:
        phrase.kind = "person"  # named by title only: "المتحدث باسم العمليات المشتركة"
    elif noun and noun[0] == "org" or getattr(_head_noun(tokens[i].key), "type", None) == "ORG":
        # a listed speaker noun, or the head of an organisation's name ("كتائب القسام", "نادي الشباب")
        phrase.kind, phrase.gender = "org", noun[1] if noun else ""
        end = min(noun_chain_end(tokens, i, not definite(tokens[i].key)), j)
        if end < j and (inner := _quoted_name_end(tokens, end)) is not None and inner <= j:
            end = inner  # تنظيم "داعش"
        phrase.end = tokens[end - 1].end  # "هيئة تنظيم الإعلانات في بريطانيا" (not "دفوع أمازون")
    return phrase


@dataclass(slots=True)
class Person:
    name: str
    type: str = "PER"
    gender: str = "m"
    mentions: list[Span] = field(default_factory=list)
    roles: list[Span] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)  # "شيخ": named "الشيخ …" somewhere

    def add_name(self, span: Span) -> None:
        self.mentions.append(span)
        words = fold(name_text(span.text)).split()
        self.keys.add(" ".join(words))
        if self.type == "PER" and len(words) >= 2:
            self.keys.add(words[-1])  # the family name alone: "الخفاجي"
        if self.type == "PER" and len(words) >= 3:
            self.keys.add(" ".join(words[-2:]))  # "قايد السبسي" for "الباجي قايد السبسي"
        if self.type == "PER" and len(words) >= 2 and definite_given_name(words[0]):
            self.keys.add(words[0])  # a given name with the article names him alone: "وقال الوليد"
        if len(span.text) > len(self.name):
            self.name = span.text


def _nationalities(text: str) -> set[str]:
    """The nationality adjectives of a role phrase, folded: {"الروسي"}."""
    return {w for w in fold(text).split() if definite(w) and is_nationality(w)}


def _bare_words(text: str) -> list[str]:
    """Folded words without the article: comparison form for role phrases."""
    return [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in fold(text).split()]


class PeopleIndex:
    """People and organisations of one article, for resolving later mentions."""

    def __init__(self) -> None:
        self.people: list[Person] = []

    def find(self, text: str) -> Person | None:
        key = " ".join(fold(name_text(text)).split())
        for p in reversed(self.people):
            if key in p.keys:  # the full name, or the family name alone ("الخفاجي")
                return p
        return None

    def by_role(self, role: str) -> Person | None:
        """The person who holds a role like this one (same head word, most words shared), or
        failing that the only person in the article whose role has that head word: "المدرب
        الفرنسي" is the "مدرب فريق آرسنال" named before when no other coach was named."""
        words = _bare_words(role)
        country = _nationalities(role)
        best, best_score = None, 0.0
        for p in self.people:
            for r in p.roles:
                other = _bare_words(r.text)
                if not other or not words or other[0] != words[0]:
                    continue
                if country and (theirs := _nationalities(r.text)) and theirs != country:
                    continue  # "وزير الخارجية الروسي" is not "وزير الخارجية الإيراني"
                if len(words) == 1:  # "الوزير", "المسؤول": the latest holder of such a title
                    best, best_score = p, 1.0
                    continue
                common = len(set(words) & set(other))
                score = 2 * common / (len(words) + len(other))
                if score > best_score and score >= 0.6:
                    best, best_score = p, score
        written = role.split()
        if best is None and words and written[0].startswith("ال") and len(written) <= 2 \
                and all(w.startswith("ال") and w.endswith(("ي", "ية")) for w in written[1:]):
            # a bare title, or one with a nisba adjective: its only holder in the article
            holders = {id(p): p for p in self.people for r in p.roles if _bare_words(r.text)[:1] == words[:1]}
            if len(holders) == 1:
                best = next(iter(holders.values()))
        return best

    def by_honorific(self, honorific: str) -> Person | None:
        """The only person the article named with this honorific ("وتابع الشيخ" after "قال
        الشيخ محمد بن حمودة")."""
        holders = [p for p in self.people if honorific in p.honorifics]
        return holders[0] if len(holders) == 1 else None

    def by_head(self, noun_key: str, type_: str | None = None) -> Person | None:
        """The latest organisation or unnamed source whose phrase starts with this noun."""
        bare = noun_key[2:] if noun_key.startswith("ال") else noun_key
        for p in reversed(self.people):
            if type_ and p.type != type_:
                continue
            head = fold(p.name).split()[0]
            head = head[2:] if head.startswith("ال") else head
            if head == bare:
                return p
        return None

    def add(self, text: str, phrase: Phrase) -> Person | None:
        """Record a parsed phrase; returns the person or organisation it names."""
        kind_type = {"person": "PER", "org": "ORG", "place": "ORG", "anonymous": "UNNAMED"}
        if phrase.kind == "unknown":
            return None
        type_ = kind_type[phrase.kind]
        person = None
        if phrase.name:
            name_span = Span.of(text, *phrase.name)
            person = self.find(name_span.text)
            if person is None:
                person = Person(name_span.text, type_, phrase.gender or "m")
                self.people.append(person)
            person.add_name(name_span)
        elif phrase.role and type_ == "PER":
            person = self.by_role(text[phrase.role[0]:phrase.role[1]])
            if person is None:
                return None
        else:
            whole = Span.of(text, phrase.start, phrase.end)
            person = self.find(whole.text)
            if person is None:
                person = Person(whole.text, type_, phrase.gender or "m")
                self.people.append(person)
            person.add_name(whole)
        if phrase.honorific and phrase.name:
            person.honorifics.add(phrase.honorific)
        for part in (phrase.role, phrase.rank):
            if part:
                span = Span.of(text, *part)
                if all(r.text != span.text for r in person.roles):
                    person.roles.append(span)
        return person

    def entities(self) -> list[Entity]:
        out = []
        for p in self.people:
            if p.type == "UNNAMED":
                continue
            out.append(Entity("PER" if p.type == "PER" else "ORG", name_text(p.name), list(p.mentions), list(p.roles)))
        return out


def scan_titled_people(text: str, tokens: list[Token], index: PeopleIndex,
                       skip: list[bool] | None = None) -> None:
    """Find every 'title + name' and 'name + title' mention in the article (``skip``: tokens
    inside quotations, where a speaker's own words name people loosely)."""
    lex = lexicon()
    i = 0
    while i < len(tokens):
        if skip is not None and skip[i]:
            i += 1
            continue
        title = lex.title(tokens[i].key)
        if not title or title.kind not in ("office", "rank"):
            if (phrase := _nationality_person(tokens, i, index)) is not None:
                index.add(text, phrase)
            i += 1
            continue
        j = i
        while j < len(tokens) and j - i < MAX_ROLE_TOKENS + MAX_NAME_TOKENS + 3:
            if not is_word(tokens[j]):
                if (inner := _quoted_name_end(tokens, j)) is not None:
                    j = inner  # a quoted name inside the role: الرئيس التنفيذي لشركة "أوبر"، دارا خسروشاهي
                    continue
                # one comma of apposition before a rank ("المتحدث باسم ...، اللواء ...") or a name
                # ("الرئيس السوداني، عمر البشير،")
                nxt = lex.title(tokens[j + 1].key) if j + 1 < len(tokens) else None
                if not (tokens[j].text in "،," and (nxt and nxt.kind == "rank" or _apposed_name(tokens, j + 1)
                                                    and not _inner_title(tokens, i + 1, j))):
                    break
            j += 1
        phrase = parse_phrase(tokens, i, j, known=index)
        if phrase and phrase.kind == "person" and phrase.name:
            index.add(text, phrase)
            i = next((k for k in range(i, j) if tokens[k].start >= phrase.end), j)  # (past an office after the name too)
            continue
        if phrase and phrase.role and not phrase.name and phrase.kind == "person" \
                and (named := _name_after_clause(tokens, next((k for k in range(i, len(tokens))
                                                              if tokens[k].start >= phrase.role[1]), len(tokens)))):
            # "اختصاصي السمع، الذي لم يشارك في الدراسة، كريستوفر سبانكوفيتش"
            phrase.name = (tokens[named[0]].start, tokens[named[1] - 1].end)
            index.add(text, phrase)
            i = named[1]
            continue
        if phrase and phrase.role and not phrase.name and i >= 1 and tokens[i].key in lex.titles:
            # A name just before the title: "مصطفى الكاظمي القائد العام للقوات المسلحة", or
            # before a comma of apposition: "آرسين فينغر، مدرب فريق آرسنال" (a title written
            # with و or a preposition is no apposition: "جو بايدن | ووزير الخارجية")
            last = i - 2 if tokens[i - 1].text in "،," else i - 1
            if last == i - 1 and phrase.role[1] <= tokens[i].end:
                i += 1
                continue  # one word after a name with no comma: an adjective ("ضربة صلاح | القاضية!")
            for width in (3, 2, 1):
                if last - width + 1 < 0:
                    continue
                name_start = tokens[last - width + 1].start
                person = index.find(text[name_start:tokens[last].end])
                if person and person.type == "PER":
                    if last == i - 1 and tokens[i].key.startswith("ال") \
                            and any(text[r.end:name_start].strip(" #") in ("", "،", ",") for r in person.roles):
                        break  # titled just before, a determined title after: the verb's object
                        # ("شتم الرئيس الفلسطيني محمود عباس | السفير الأميركي")
                    role = Span.of(text, *phrase.role)
                    if all(r.text != role.text for r in person.roles):
                        person.roles.append(role)
                    break
        i += 1
