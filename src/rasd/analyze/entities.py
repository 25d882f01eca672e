"""Pipeline stage: one list of people, organisations and places per article.

Three sources, most trusted first, each claiming its spans:

1. the people the quote stage resolved (titled persons and speakers, with their roles);
2. organisations and places by head noun or gazetteer (:mod:`rasd.analyze.institutions`);
3. the statistical tagger (:mod:`rasd.analyze.ner`) for the names the rules do not know.

Mentions are grouped by type and name key (hamza, ة/ه and spelling variants folded, aliases
mapped); one string keeps one type in an article; a short name contained in exactly one longer
one of the same type joins it ("القوات العراقية" → "القوات الأمنية العراقية"; a place only through
adjectives); a one-word person name joins the one full name it belongs to ("غريزمان"); an
acronym in brackets right after an organisation is its alias ("وكالة الأنباء العراقية (واع)").
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from operator import itemgetter

from rasd.analyze import ner
from rasd.analyze.institutions import Found, find_institutions, gazetteer, is_nationality, readings
from rasd.analyze.lexicon import given_names, lexicon
from rasd.analyze.people import definite_given_name
from rasd.analyze.quote_marks import text_pairs
from rasd.analyze.roles import add_roles
from rasd.arabic import Token, fold, has_tanween, is_definite_reading, name_text, search_key, strip_proclitic, text_tokens
from rasd.model import Article, Entity, Span, overlaps
from rasd.resources import table

_START = itemgetter(0)  # Token.start


_ACRONYM = re.compile(r"\s*[(（]\s*([\w.]{2,12})\s*[)）]")


def tag_entities(article: Article, tokens: Sequence[Token] | None = None) -> None:
    """Add organisations, places and untitled people to ``article.entities``."""
    text = article.text
    if tokens is None:
        tokens = text_tokens(text)
    g = gazetteer()
    tagged = _completed(_lists_split(ner.find_entities(text, tokens), text, tokens), text, tokens) \
        if ner.model_available() else []
    quoted = _quoted_names(text, tokens)
    institutions = quoted + [_as_outlet(f, text) for f in find_institutions(text, tokens)
                             if not overlaps(f.start, f.end, [(q.start, q.end) for q in quoted])]
    # a tagged name longer than a listed one inside it is the name: "ريال مدريد", "الجزيرة نت"
    institutions = [f for f in institutions if not (f.from_gazetteer and any(
        t.start <= f.start and f.end <= t.end and (t.end - t.start) > (f.end - f.start)
        and not (t.end == f.end and f.start - t.start <= 2) for t in tagged))]  # (not "و|حلف شمال الأطلسي")
    institutions = [_cut_to_tagger(f, tagged, text, tokens) for f in institutions
                    if not _person_after_head(f, tagged)]
    tagged_spans = [(t.start, t.end) for t in tagged]
    institutions = [f for f in institutions if f.needs_tagger is None or overlaps(*f.needs_tagger, tagged_spans)]
    people = _confirmed_people(article, tagged, [(f.start, f.end) for f in institutions if f.proper])
    claimed = [(m.start, m.end) for e in people for m in e.mentions]
    found = [f for f in institutions if not overlaps(f.start, f.end, claimed)]
    claimed += [(f.start, f.end) for f in found]
    standalone = {t.key for t in tokens}  # forms that occur as words of their own in the article
    speakers = _speaker_organisations(article, tokens, standalone, claimed)
    found += speakers
    found += _tagger_mentions(text, tokens, tagged, standalone, claimed)
    found = _clubs_typed(found, text, tokens)
    groups = _Groups(people, g.name_key, {(f.start, f.end) for f in speakers})
    for f in sorted(found, key=lambda f: f.start):
        span = Span(f.start, f.end, text[f.start:f.end])
        entity = groups.add(f.type, span, f.canonical or _bare_name(span.text, f), fixed=f.canonical is not None)
        if f.type == "ORG" and (m := _ACRONYM.match(text, f.end)):
            s, e = m.span(1)
            if not overlaps(s, e, [c for c in claimed if c != (s, e)]) and not m.group(1).isdigit():
                groups.alias(entity, Span(s, e, m.group(1)))
    groups.merge_contained()
    article.entities = groups.entities()
    _speakers_named_as_entities(article)
    add_roles(article, tokens)


def _speakers_named_as_entities(article: Article) -> None:
    """A speaker phrase that ran on past the name ("رجب طيب أردوغان الاتحاد الأوروبي") takes the
    name of the one person found inside it, when that name opens the phrase."""
    people = [e for e in article.entities if e.type == "PER"]
    for q in article.quotes:
        s = q.speaker
        if s is None or s.type != "PER" or not s.name or s.mention is None:
            continue
        inside = {e.name for e in people for m in e.mentions
                  if s.mention.start <= m.start and m.end <= s.mention.end}
        if len(inside) != 1:
            continue
        name = inside.pop()
        words, said = name.split(), s.name.split()
        if len(words) < len(said) and said[:len(words)] == words and _no_name_word(said[len(words)]) \
                and not _family_name_after(name, " ".join(said[len(words):])):
            s.name = name


def _no_name_word(word: str) -> bool:
    """A word that cannot go on a name: a title, or a definite word with or without a clitic
    ("مدرب توتنهام", "الاتحاد الأوروبي", "للصحفيين"); a bare word, even one opening with ب or ل
    (بوكيتينو، لاسمار), may be the family name the tagger missed."""
    key = fold(word)
    return lexicon().title(key) is not None or any(is_definite_reading(r) for r in strip_proclitic(key))


def _confirmed_people(article: Article, tagged: list[ner.NerMention],
                      facilities: list[tuple[int, int]]) -> list[Entity]:
    """The quote stage's people that are people (``_is_person``), their mentions cut to the
    tagger's name and without namesakes of facilities ("مطار الملك خالد": no mention of the king)."""
    people = []
    for e in article.entities:
        if e.type != "PER" or not _is_person(e, tagged):
            continue
        mentions = [m for m in e.mentions if not any(s <= m.start and m.end <= end for s, end in facilities)]
        cut = {m.end for m in mentions}
        mentions = [_extended(_trimmed(m, tagged, article.text), tagged, article.text) for m in mentions]
        cut -= {m.end for m in mentions}
        # a role right after a phrase cut down to its first name was the next name's: "سلمان بن عبدالعزيز
        # بإعفاء سعود القحطاني | المستشار بالديوان"
        e.roles = [r for r in e.roles if not any(0 <= r.start - end <= 2 for end in cut)]
        e.mentions = list({(m.start, m.end): m for m in mentions}.values())
        if not e.mentions:
            continue
        e.name = max((m.text for m in e.mentions if m.text.startswith(e.name + " ")), key=len, default=e.name)
        # ("هارفي" is "هارفي واينستين" once a mention is run on: _extended)
        same = next((p for p in people if _longest(p) == _longest(e)), None)
        if same is None:
            people.append(e)
            continue
        # two phrases of the quote stage cut down to one name: one person
        same.mentions = sorted({(m.start, m.end): m for m in same.mentions + e.mentions}.values(), key=lambda m: m.start)
        same.roles += [r for r in e.roles if (r.start, r.end) not in {(o.start, o.end) for o in same.roles}]
    return people


def _longest(e: Entity) -> str:
    return max((m.text for m in e.mentions), key=len)


def _speaker_organisations(article: Article, tokens: Sequence[Token], standalone: set[str],
                           claimed: list[tuple[int, int]]) -> list[Found]:
    """Organisations the quote stage met as speakers ("العراق يؤكد", "أعلنت الوزارة"), cut as the
    tagger's mentions are; the gazetteer knows better whether a name is a place. Claims their spans."""
    g = gazetteer()
    out = []
    for e in article.entities:
        if e.type == "PER":
            continue
        for m in e.mentions:
            end = _tagger_end(tokens, m.start, m.end, standalone)
            if end > m.start and not overlaps(m.start, end, claimed):
                out.append(_speaker_org(Span(m.start, end, article.text[m.start:end]), g))
                claimed.append((m.start, end))
    return out


@lru_cache(maxsize=1)
def _outlet_before() -> re.Pattern:
    """لـ or a media noun (entity_words.tsv, kind outlet_noun), then an opening quotation mark."""
    nouns = "|".join(re.escape(r["word"]) for r in table("entity_words.tsv") if r["kind"] == "outlet_noun")
    return re.compile(rf"(?:(?:^|\s)لـ?|{nouns})\s*[«\"“”']\s*$")


def _quoted_names(text: str, tokens: Sequence[Token]) -> list[Found]:
    """A name in quotation marks right after a head or media noun (or a head and one more
    word): صحيفة "واشنطن بوست"، تنظيم "عصائب أهل الحق"، وكالة أنباء "تسنيم". The head says what
    it is; the name is what the marks enclose (marks paired as the quote stage pairs them)."""
    out = []
    for pair in text_pairs(text):
        if not pair.closed:
            continue
        k = bisect_left(tokens, pair.open, key=_START)  # the opening mark
        end = bisect_left(tokens, pair.close, key=_START)  # the closing mark
        inside = tokens[k + 1:end]
        if not 0 < len(inside) <= 5 or not all(t.key[:1].isalnum() for t in inside) \
                or any(t.key in _function_words() for t in inside) or _describes(inside[-1]):
            continue  # منظمة "إرهابية"، مجلس "ختم مطاطي"، "لم يعد يتحمل": a description in scare quotes
        etype = _head_type_before(text, tokens, k)
        if etype:
            start, stop = inside[0].start, inside[-1].end
            listed = _listed(text[start:stop])
            # تنظيم "الدولة الإسلامية" is the listed داعش; صحيفة "الرياض" is a paper, not the city
            canonical = listed[1] if listed and listed[0] == etype else None
            out.append(Found(etype, start, stop, canonical))
    return out


def _head_type_before(text: str, tokens: Sequence[Token], k: int) -> str | None:
    """ORG or LOC when a head noun or a media noun stands right before token k, or one word
    before it ("وكالة أنباء")."""
    g = gazetteer()
    for back in (1, 2):
        if k - back < 0 or text[tokens[k - back].end:tokens[k - back + 1].start].strip():
            return None
        for word in strip_proclitic(tokens[k - back].key):
            bare = word[2:] if word.startswith("ال") else word
            head = g.heads.get(word) or g.heads.get(bare)
            if head is not None:
                return head.type
            if bare in _media_nouns() or word in _media_nouns():
                return "ORG"
    return None


@lru_cache(maxsize=1)
def _media_nouns() -> frozenset[str]:
    return frozenset(fold(r["word"]) for r in table("entity_words.tsv") if r["kind"] == "outlet_noun")


@lru_cache(maxsize=1)
def _written_prepositions() -> frozenset[str]:
    """Prepositions as written (function_words.tsv): compared unfolded, since folding makes names
    of them (علي → على "on", إمام → أمام "before"); without ل and the forms with a pronoun, which
    end a phrase rather than open a name, and one of which is a name too (لي "to me", Li)."""
    words = [r["word"] for r in table("function_words.tsv") if r["kind"] == "preposition"]
    return frozenset(w for w in words if not w.startswith("ل") and not w.endswith(("ه", "ها", "هم", "هما", "نا")))


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    """Particles, prepositions and negations: a quoted phrase holding one is a clause, not a name."""
    lex = lexicon()
    return frozenset().union(*(lex.words(k) for k in ("particle", "preposition", "negation", "verbal_particle")))


def _describes(tok: Token) -> bool:
    """An indefinite feminine adjective or an adverb (إرهابية، حقيقية، اقتصاديا): it describes, it
    names nothing. (A final ي alone is as often a transliteration: "فراييتي", "سبورت ترينيتي".)"""
    g = gazetteer()
    return not tok.key.startswith("ال") and tok.text.endswith(("ية", "يا", "ياً")) \
        and g.name_key(tok.key) not in g.places and g.name_key(tok.key) not in g.names


def _as_outlet(f: Found, text: str) -> Found:
    """"قال لـ«الشرق الأوسط»", "صحيفة "الرياض"": a place name in quotation marks after لـ or a
    media noun is a newspaper or channel named after the place."""
    if f.type == "LOC" and f.from_gazetteer and _outlet_before().search(text, max(0, f.start - 12), f.start):
        return Found("ORG", f.start, f.end, None)
    return f


def _speaker_org(mention: Span, g) -> Found:
    etype, canonical = _listed(mention.text) or ("ORG", None)
    return Found(etype, mention.start, mention.end, canonical)


def _listed(name: str) -> tuple[str, str] | None:
    """(type, canonical name) when the gazetteer lists this exact name: "الدولة الإسلامية" → داعش."""
    g = gazetteer()
    key = g.name_key(name)
    for words, etype, canonical in g.names.get(key.split()[0] if key else "", ()):
        if " ".join(words) == key:
            return etype, canonical
    return None


def _lists_split(tagged: list[ner.NerMention], text: str, tokens: Sequence[Token]) -> list[ner.NerMention]:
    """A place or organisation the tagger ran on through "و" + a definite word after one
    undetermined word or a known name is two names: "برشلونة | والسيتي" (no name is "X والY"
    with a bare one-word X; "حزب العدالة والتنمية" has a definite one); so is one that joins two
    known names: "الأردن | ولبنان"."""
    g = gazetteer()
    out = []
    for m in tagged:
        if m.type == "PER":
            out.append(m)
            continue
        first = k = bisect_left(tokens, m.start, key=_START)
        k += 1
        while k < len(tokens) and tokens[k].end <= m.end:
            t = tokens[k]
            if t.key[:1] != "و":
                k += 1
                continue
            one_bare_word = k == first + 1 and not tokens[first].key.startswith("ال") \
                and tokens[first].key not in g.heads
            before_known = g.name_key(text[m.start:tokens[k - 1].end]) in g.names
            if t.key.startswith("وال") and len(t.key) > 4 and (one_bare_word or before_known) \
                    or before_known and g.name_key(t.key[1:]) in g.names:
                out.append(m._replace(end=tokens[k - 1].end))
                m = m._replace(start=t.start)
            k += 1
        out.append(m)
    return out


def _completed(tagged: list[ner.NerMention], text: str, tokens: Sequence[Token]) -> list[ner.NerMention]:
    """Tagger mentions cut short made whole: a name goes on through a word that only ends names
    ("داود | أوغلو"), and two one-word places or people side by side are one name ("بوينس | آيرس")."""
    g = gazetteer()
    prepositions = _written_prepositions()
    out: list[ner.NerMention] = []
    for m in tagged:
        first = bisect_left(tokens, m.start, key=_START)
        if first + 1 < len(tokens) and tokens[first].start == m.start and tokens[first].text in prepositions \
                and tokens[first + 1].start < m.end:
            m = m._replace(start=tokens[first + 1].start)  # "عاد إلى | تشيلسي": no preposition opens a name
        k = bisect_left(tokens, m.end, key=_START)  # the token after the mention
        if k < len(tokens) and text[m.end:tokens[k].start] == " " and tokens[k].key in g.name_tails:
            m = m._replace(end=tokens[k].end)
        prev = out[-1] if out else None
        if m.type == "LOC" and first > 0 and tokens[first].start == m.start and text[tokens[first - 1].end:m.start] == " " \
                and _given_name(tokens[first - 1].key) and not (prev and prev.end > tokens[first - 1].start) \
                and not tokens[first].key.startswith("ال") and search_key(text[m.start:m.end]) not in lexicon().places:
            # "الحبيب | بورقيبة": a person, not a place (but "محمد | مصر", "رياض | الأندلس")
            m = ner.NerMention("PER", tokens[first - 1].start, m.end)
        if prev and prev.type == m.type and m.type in ("PER", "LOC") and text[prev.end:m.start] == " " \
                and " " not in text[prev.start:prev.end] and " " not in text[m.start:m.end] \
                and text[m.start] not in "وبلف" and not (g.name_key(text[prev.start:prev.end]) in g.places
                                                     and g.name_key(text[m.start:m.end]) in g.places):
            # (two listed places are two names: "سعت فنزويلا | دوما", "روما | اسبانيا")
            out[-1] = prev._replace(end=m.end)
            continue
        out.append(m)
    return out


def _given_name(key: str) -> bool:
    """A folded word that is a given name, written with the article or a clitic or not
    (حبيب، الحبيب، بالحبيب، ومحمد)."""
    given = given_names()
    return any(r in given or definite_given_name(r) for r in strip_proclitic(key))


def _clubs_typed(found: list[Found], text: str, tokens: Sequence[Token]) -> list[Found]:
    """City names that name a sports club in this article, typed ORG at every mention. A club is
    named after a club noun ("نادي ليفربول") or takes a masculine nationality adjective where a
    city takes a feminine one ("تشلسي الإنجليزي" but "لندن البريطانية"); countries are left alone."""
    g = gazetteer()
    clubs = set()
    for f in found:
        words = text[f.start:f.end].split()
        if f.type == "ORG" and len(words) > 1 and strip_proclitic(fold(words[0]))[-1] in g.club_nouns:
            clubs.add(g.name_key(" ".join(words[1:])))
        elif f.type == "LOC":
            k = bisect_left(tokens, f.end, key=_START)
            if k < len(tokens) and text[f.end:tokens[k].start] == " " and tokens[k].key.startswith("ال") \
                    and tokens[k].text.endswith("ي") and tokens[k].key[2:-1] not in g.heads \
                    and is_nationality(tokens[k].key):  # (الشرقي is a direction: ريف حلب الشرقي)
                clubs.add(g.name_key(text[f.start:f.end]))
    clubs -= g.countries
    if not clubs:
        return found
    return [replace(f, type="ORG", canonical=None) if f.type == "LOC"
            and g.name_key(_bare_name(text[f.start:f.end], f)) in clubs else f for f in found]


def _person_after_head(f: Found, tagged: list[ner.NerMention]) -> bool:
    """An organisation head before a person's name ("حكومة تيريزا ماي"): the rules stopped inside
    the name (ماي is also a month), the tagger has the whole person; the person is the name."""
    return f.type == "ORG" and f.canonical is None and not f.from_gazetteer and any(
        t.type == "PER" and f.start < t.start < f.end < t.end for t in tagged)


def _cut_to_tagger(f: Found, tagged: list[ner.NerMention], text: str, tokens: Sequence[Token]) -> Found:
    """A place name after a label head ends where the tagger ends it: after "بمدينة", "بلدة" the
    rules take indefinite words as one name ("سان فرانسيسكو"), so a verb or an adjective may run
    on ("بمدينة هانوفر | يضم", "بلدة هويان | المدرجة")."""
    if f.type != "LOC" or f.from_gazetteer or f.canonical is not None:
        return f
    ends = {t.start: t.end for t in tagged if t.type == "LOC" and f.start <= t.start and t.end <= f.end}
    if f.start not in ends:
        return f
    end = ends[f.start]
    while end + 1 in ends and text[end] == " ":  # the tagger's pieces side by side: "ديار | بكر"
        end = ends[end + 1]
    k = bisect_left(tokens, f.end, key=_START)  # the word after the name
    after = tokens[k].key if k < len(tokens) else ""
    if end >= f.end or text[end:end + 1] != " " or any(end < t.end and t.start < f.end for t in tagged) \
            or after.startswith("ال") and is_nationality(after):
        # (words the tagger takes for another name stay, and so does a name that a nationality
        # closes: "مدينة كيرارا هاما ياماجوتشي | اليابانية")
        return f
    return replace(f, end=end)


def _bare_name(surface: str, f: Found) -> str:
    """The name without a ل clitic glued to its article: للقوات الأمريكية → القوات الأمريكية."""
    if surface.startswith("لل") and f.canonical is None:
        # للجنة الطوارئ is ل + لجنة; للقوات الأمريكية is ل + القوات
        if fold(surface[1:].split()[0]) in gazetteer().heads:
            return surface[1:]
        return "ال" + surface[2:]
    return surface


def _trimmed(mention: Span, tagged: list[ner.NerMention], text: str) -> Span:
    """A person mention cut to the one name the tagger finds inside it: the speaker phrase
    "الفلسطيني محمود عباس حدوث" is wider than the name "محمود عباس"."""
    inside = [t for t in tagged if t.type == "PER" and mention.start <= t.start and t.end <= mention.end]
    if len(inside) > 1 and inside[0].start == mention.start and text[inside[0].end:inside[1].start].strip():
        # two names with words between: the phrase ran on through a verb ("ستورمي دانييلز | تقاضي ترامب")
        return Span(mention.start, inside[0].end, text[mention.start:inside[0].end])
    if len(inside) == 1 and (inside[0].start, inside[0].end) != (mention.start, mention.end) \
            and not _family_name_after(text[inside[0].start:inside[0].end], text[inside[0].end:mention.end]):
        # a name set off by commas is whole ("، عبدربه منصور هادي،" though the tagger stops at
        # منصور); a speaker phrase running on into the sentence ends with the tagger's name
        apposed = text[:mention.start].rstrip()[-1:] in ("،", ",") and text[mention.end:mention.end + 1] in "،,"
        end = mention.end if apposed else inside[0].end
        return Span(inside[0].start, end, text[inside[0].start:end])
    return mention


def _family_name_after(name: str, rest: str) -> bool:
    """Whether ``rest`` is the family name of a lone given name: "يوسف | الشاهد", "خالد | الفيصل"
    (a definite word that is no title, nationality or entity head; a person is seldom named by
    a given name alone right before such a word)."""
    words = rest.split()
    if " " in name.strip() or fold(name.strip()) not in given_names() or len(words) != 1:
        return False
    key = fold(words[0])
    return key.startswith("ال") and len(key) > 4 and not lexicon().title(key) and not is_nationality(key) \
        and key[2:] not in gazetteer().heads and not lexicon().cue(key)


def _extended(mention: Span, tagged: list[ner.NerMention], text: str) -> Span:
    """A person mention run on to the tagger's name when the rules stopped at a word opening
    with و that is no conjunction: a foreign name written with و for W, followed by ا، ي or و
    ("هارفي | واينستين", "كاني | ويست"); not "جو بايدن | ورئيس الوزراء", "ويليام | وكيت", "والليدي"."""
    longer = [t for t in tagged if t.type == "PER" and t.start == mention.start and t.end > mention.end]
    if len(longer) != 1:
        return mention
    rest = text[mention.end:longer[0].end]
    words = rest.split()
    key = fold(words[0]) if len(words) == 1 else ""
    if not rest.startswith(" ") or key[:1] != "و" or key[1:2] not in ("ا", "ي", "و") or is_definite_reading(key[1:]):
        return mention
    lex = lexicon()
    if any(lex.title(r) or lex.cue(r) or r in given_names() or r in _function_words() for r in (key, key[1:])):
        return mention
    return Span(mention.start, longer[0].end, text[mention.start:longer[0].end])


def _is_person(entity: Entity, tagged: list[ner.NerMention]) -> bool:
    """A speaker is a person when the tagger agrees, or when a title stands before a name that
    opens with a known given name (a speaker phrase can be any noun: "ارتفاع حصيلة القتلى")."""
    tagger_agrees = any(t.type == "PER" and t.start < m.end and m.start < t.end
                        for m in entity.mentions for t in tagged)
    if tagger_agrees or not ner.model_available():
        return True
    # After a title, a name of two words or more is one even if the tagger missed it when it
    # opens with a given name or a name prefix, عبد/أبو ("الرئيس الأمريكي جو بايدن"). Any other words after a
    # title are far more often the sentence going on ("الرئيس الحالي | دفع ثمن فضائح الفساد",
    # "رئيس الإقليم | بوقف القصف"): on 400 ANT articles 69 of 78 such "names" were not names.
    words = entity.name.split()
    if not entity.roles or len(words) < 2:
        return False
    first = fold(words[0])
    return (first in given_names() or any(first.startswith(p) for p in lexicon().words("name_prefix"))) \
        and not lexicon().is_("complementizer", first)


def _tagger_mentions(text: str, tokens: Sequence[Token], tagged: list[ner.NerMention], standalone: set[str],
                     claimed: list[tuple[int, int]]) -> list[Found]:
    """The tagger's mentions outside claimed spans, with conjunctions and prepositions peeled
    off their first word when what remains is a name in its own right (a place, a word the
    article uses alone, or a given name that the whole word is not: "ومحمود | قشطة", "وعبد | العزيز")."""
    g = gazetteer()
    given = given_names()
    particles = lexicon().words("name_particle")  # "وعبد العزيز": و + عبد
    out = []
    starts = {t.start: t for t in tokens}
    in_list = _list_members(text, tagged)
    for m in tagged:
        if overlaps(m.start, m.end, claimed):
            m = _second_person(tokens, m, claimed, given)
            if m is None:
                continue
        first = starts.get(m.start)
        if first is not None and first.end == m.end and (cue := lexicon().cue(first.key)) and cue.pos == "verb":
            continue  # "وروى | شقيق الفقيد": a speech verb, whatever name it looks like
        start = m.start
        if first is not None and first.key[:1] == "و" and len(first.key) > 3 and m.start in in_list:
            start = m.start + 1  # "أثينا وبروكسل وكولونيا وميلان": a list, the و joins names
        elif first is not None:
            for reading, offset in readings(first)[1:]:
                if offset > 0 and (reading.startswith("ال") or reading in standalone or reading in g.heads
                                   or g.name_key(reading) in g.names
                                   or m.type == "PER" and first.key not in given
                                   and (reading in given or reading in particles and first.key[0] == "و")
                                   and (first.key[0] == "و" or first.key[0] in "بلك" and (len(reading) > 3 or first.end < m.end))):
                    # (a ف is left on: فلوران is no ف + لوران; a short name only before a family
                    # name: "بجون | بولتون")
                    start = m.start + offset
        end = _tagger_end(tokens, start, m.end, standalone, m.type == "PER")
        if start < end and not has_tanween(text[start:end].split()[-1]) \
                and not _common_word_here(text, tokens, start, end):  # دبلوماسياً، دوماً: adverbs
            out.append(Found(m.type, start, end, None))
    return out


def _second_person(tokens: Sequence[Token], m: ner.NerMention, claimed: list[tuple[int, int]],
                   given: frozenset[str]) -> ner.NerMention | None:
    """The part of a tagged person that runs on past a claimed name into another person joined
    by a preposition: "هربرت ماكماستر | بجون بولتون" ("replaces McMaster with John Bolton")."""
    if m.type != "PER":
        return None
    end = max(e for s, e in claimed if s < m.end and m.start < e)
    k = bisect_left(tokens, end, key=_START)
    if k >= len(tokens) - 1 or tokens[k].end >= m.end:
        return None
    key = tokens[k].key
    if key[:1] in "بل" and key[1:] in given and key not in given and not overlaps(tokens[k].start, m.end, claimed):
        return ner.NerMention(m.type, tokens[k].start, m.end)
    return None


def _list_members(text: str, tagged: list[ner.NerMention]) -> set[int]:
    """Starts of the mentions that continue a list of three or more names joined by "و" and a
    space ("أثينا وبروكسل وكولونيا وميلان"); two names side by side may be one ("واشنطن ويزاردز",
    "هيفاء وهبي"), so they are left alone."""
    out: set[int] = set()
    run: list[ner.NerMention] = []
    for m in [*tagged, None]:
        if m is not None and run and text[run[-1].end:m.start] == " " and text[m.start] == "و":
            run.append(m)
            continue
        if len(run) >= 3:
            out.update(x.start for x in run[1:])
        run = [m] if m is not None else []
    return out


def _common_word_here(text: str, tokens: Sequence[Token], start: int, end: int) -> bool:
    """A tagged place that is a common word in this context: a name that is also a common word
    (مالي "financial", الجديدة "new"; entity_words.tsv ambiguous) with no preposition or head
    before it ("عرض مالي" but "في مالي"), or a name in an idiom ("مسقط رأس")."""
    g = gazetteer()
    k = bisect_right(tokens, start, key=_START) - 1  # the token the name starts in
    if k < 0:
        return False
    after = bisect_left(tokens, end, key=_START)
    if after < len(tokens) and (g.name_key(text[start:end]).split()[-1], tokens[after].key) in g.idioms:
        return True
    if " " in text[start:end] or search_key(text[start:end]) not in g.ambiguous:
        return False
    attached = tokens[k].start < start  # "بمالي", "ومالي": a clitic before the name
    prev = tokens[k - 1].key if k > 0 else ""
    return not (attached or prev in lexicon().words("preposition") or prev in g.heads
                or prev[:1] == "و" and prev[1:] in g.heads)


def _tagger_end(tokens: Sequence[Token], start: int, end: int, standalone: set, person: bool = False) -> int:
    """Where a tagged name really ends: before a trailing nationality or descriptive adjective
    ("فورونيغ الروسية"; for a ``person`` only a definite one), and before a word with ل/ب whose
    rest stands alone elsewhere in the article ("غريزمان | لبرشلونة")."""
    g = gazetteer()
    inside = []
    k = bisect_left(tokens, start, key=_START)
    while k < len(tokens) and tokens[k].start < end:
        if tokens[k].end <= end:
            inside.append(tokens[k])
        k += 1
    for k, t in enumerate(inside[1:], 1):
        if t.key[:1] in "لب" and len(t.key) > 3 and (t.key[1:] in standalone or t.key[1:] in g.heads) \
                or t.key[:1] in "وبلف" and t.key[1:] in g.stops or any(c.isdigit() for c in t.key):
            # "غريزمان | لبرشلونة", "القوات الدولية | بقيادة", "جندوبة | بكل", "إيسكوفيه | في1912"
            inside = inside[:k]
            break
    first = inside[0].key if inside else ""
    if len(inside) > 1 and first.startswith("ال") and first[2:] in g.heads:
        return start  # a definite head + adjective the rules did not take as a name describes
    lex = lexicon()
    particles = lex.words("name_particle")
    # a word after بن/آل/عبد is a name ("آل ثاني", "عبد المهدي"), and an adjective of a
    # person is definite like his name ("ميسي الأرجنتيني"; "أشرف غاني" is a family name)
    while len(inside) > 1 and inside[-2].key not in particles and (
            is_nationality(inside[-1].key) and (not person or inside[-1].key.startswith("ال"))
            or inside[-1].key in g.stops and not (person and inside[-1].key in lex.month_words)):
        # (a month that ends a tagged person is a name: "تيريزا ماي")
        inside.pop()
    return inside[-1].end if inside else end


class _Groups:
    """Entities of one article keyed by (type, name key)."""

    def __init__(self, existing: list[Entity], key, speakers: set[tuple[int, int]] = frozenset()):
        self.key = key
        self.speakers = speakers  # spans of organisations met only as speakers ("وأضافت الشركة")
        self.order: list[Entity] = list(existing)
        self.fixed: dict[int, str] = {}  # entity id -> canonical name from the gazetteer or alias table
        self.by_key: dict[tuple[str, str], Entity] = {}
        for e in existing:  # (a family name alone joins its full name later: _join_person_part)
            for name in {e.name, *(m.text for m in e.mentions)}:
                self.by_key.setdefault((e.type, key(name)), e)

    def add(self, etype: str, span: Span, name: str, fixed: bool = False) -> Entity:
        entity = self.by_key.get((etype, self.key(name))) or self.by_key.get((etype, self.key(span.text)))
        if entity is None:
            entity = Entity(etype, name)
            self.order.append(entity)
            self.by_key[(etype, self.key(name))] = entity
        if fixed:
            self.fixed[id(entity)] = name
        self.by_key.setdefault((etype, self.key(span.text)), entity)
        if all(m.start != span.start for m in entity.mentions):
            entity.mentions.append(span)
        return entity

    def alias(self, entity: Entity, span: Span) -> None:
        self.by_key.setdefault((entity.type, self.key(span.text)), entity)
        entity.mentions.append(span)

    def merge_contained(self) -> None:
        """One string, one type in an article ("برشلونة" is not a club here and a city there:
        a titled person wins, else the type used more); names with the same words (قوات الأمن
        العراقية ~ القوات الأمنية العراقية) are one; then a name whose words all occur in exactly
        one longer name of its type joins it."""
        self._one_type_per_name()
        stems = {id(e): _stems(self.key(e.name)) for e in self.order}
        for e in list(self.order):
            if e.type == "PER":
                continue  # people are resolved by the people index, with their titles
            mine = stems[id(e)]
            same = [o for o in self.order if o is not e and o.type == e.type and stems[id(o)] == mine]
            if same:
                self._join(e, same[0])
        for e in list(self.order):
            if e.type == "PER" or self._family_name(e):
                self._join_person_part(e)
                self._join_short_name(e)
                continue
            mine = stems[id(e)]
            hosts = [o for o in self.order if o is not e and o.type == e.type
                     and len(stems[id(o)]) > len(mine) and mine <= stems[id(o)]
                     and (e.type == "ORG" or _adjectives_only(self.key(o.name), self.key(e.name)))]
            if len(hosts) == 1:
                self._join(e, hosts[0])

    def _one_type_per_name(self) -> None:
        by_name: dict[str, list[Entity]] = {}
        for e in self.order:
            by_name.setdefault(self.key(e.name), []).append(e)
        for same in by_name.values():
            if len({e.type for e in same}) < 2:
                continue
            host = max(same, key=lambda e: (bool(e.roles), len(e.mentions), -self.order.index(e)))
            for e in same:
                if e is not host and e.type != host.type:
                    self._join(e, host)

    def _join_person_part(self, e: Entity) -> None:
        """"غريزمان", "أنطوان" or "بارزاني" alone joins "أنطوان غريزمان" / "مسعود البارزاني" when no
        other full name in the article has the word; so does the word with a clitic the tagger
        kept on it ("للبشير" → "عمر البشير")."""
        key = self.key(e.name)
        if " " in key or e not in self.order or len(key) < 3:
            return
        for reading in dict.fromkeys(map(_bare, strip_proclitic(key))):
            hosts = [o for o in self.order if o is not e and o.type == "PER" and " " in self.key(o.name)
                     and reading in map(_bare, self.key(o.name).split())]
            if len(hosts) == 1:
                self._join_person(e, hosts[0])
                return

    def _family_name(self, e: Entity) -> bool:
        """A one-word place or organisation the tagger found that is no known name but the family
        name of a person named in full ("المحامي الخاص لترامب" after "دونالد ترامب") is that person."""
        key = self.key(e.name)
        g = gazetteer()
        words = {_bare(r) for r in strip_proclitic(key)}
        if " " in key or id(e) in self.fixed or key in g.names or words & g.heads.keys():
            return False  # (a head noun, "الحكومة", is nobody's family name)
        return any(o.type == "PER" and " " in o.name and _bare(self.key(o.name).split()[-1]) in words
                   for o in self.order)

    def _join_short_name(self, e: Entity) -> None:
        """A name joins the one longer name that opens and ends with its words and has all of them
        in order: "عمر البشير" is "عمر حسن أحمد البشير". Not when it has a name particle (بن،
        أبو، عبد …): "محمد بن سلمان" names his father, and a longer chain names someone else."""
        words = self.key(e.name).split()
        particles = lexicon().words("name_particle")
        if len(words) < 2 or e not in self.order or any(w in particles for w in words):
            return
        hosts = [o for o in self.order if o is not e and o.type == "PER"
                 and _opens_and_ends(self.key(o.name).split(), words)]
        if len(hosts) == 1:
            self._join_person(e, hosts[0])

    def _join_person(self, e: Entity, host: Entity) -> None:
        host.roles.extend(r for r in e.roles if all(r.text != x.text for x in host.roles))
        self._join(e, host)

    def _join(self, e: Entity, host: Entity) -> None:
        taken = {m.start for m in host.mentions}
        host.mentions.extend(m for m in e.mentions if m.start not in taken)
        self.order.remove(e)

    def entities(self) -> list[Entity]:
        self.order = [e for e in self.order if not (all((m.start, m.end) in self.speakers for m in e.mentions)
                                                    and _bare_head(e, self.key))]
        for e in self.order:
            e.mentions.sort(key=lambda m: m.start)
            if e.type != "PER":
                e.name = self.fixed.get(id(e)) or _usual_name(e)
            elif e.mentions and all(self.key(_bare_name(m.text, Found(e.type, m.start, m.end, None)))
                                    != self.key(e.name) for m in e.mentions):
                # the speaker phrase was wider than the name ("بشار الأسد أصدر"): name it as mentioned
                e.name = max((m.text for m in e.mentions), key=lambda t: (len(t.split()), len(t)))
            e.name = name_text(e.name)
        return self.order


def _bare_head(entity: Entity, key) -> bool:
    """An organisation named only by a definite head noun that joined no fuller name (as a
    speaker: "وأضافت الشركة"): which company the article must say ("الوزارة" joins "وزارة
    الدفاع" when there is one). Heads that name the country's own institution alone (الحكومة،
    البرلمان) stay, and so do listed names that look like a head (الجزيرة)."""
    if entity.type == "PER":
        return False
    g = gazetteer()
    for m in entity.mentions:
        words = key(m.text).split()
        reading = strip_proclitic(words[0])[-1]
        head = g.heads.get(_bare(reading)) if len(words) == 1 else None
        if head is None or head.needs == "alone" or not reading.startswith("ال") \
                or any(len(c[0]) == 1 for c in g.names.get(reading, ())):  # (الجزيرة is a channel)
            return False
    return bool(entity.mentions)


def _opens_and_ends(longer: list[str], shorter: list[str]) -> bool:
    """Whether ``longer`` has more words, the same first and last word as ``shorter``, and all of
    its words in order."""
    if len(longer) <= len(shorter) or longer[0] != shorter[0] or longer[-1] != shorter[-1]:
        return False
    rest = iter(longer)
    return all(w in rest for w in shorter)


def _adjectives_only(longer: str, shorter: str) -> bool:
    """A place joins a longer name only when the rest are adjectives: "قاعدة عين الأسد" joins
    "قاعدة عين الأسد الجوية", but "سوريا" is not "شمال غرب سوريا" nor "الرياض" "مطار الرياض"."""
    rest = [w for w in longer.split() if w not in shorter.split()]
    return all(w.startswith("ال") for w in rest)


def _usual_name(entity: Entity) -> str:
    """The fullest form the article uses ("الحكومة العراقية" over a bare "الحكومة" that joined
    it), the more frequent on a tie; a form with a ل glued to its article (للقوات) is read
    without it."""
    counts: dict[str, int] = {}
    for m in entity.mentions:
        name = _bare_name(m.text, Found(entity.type, m.start, m.end, None))
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: (len(n.split()), counts[n], len(n))) if counts else entity.name


def _bare(word: str) -> str:
    """A folded word without its article: البارزاني → بارزاني."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _stems(key: str) -> frozenset[str]:
    """Words of a name key without the article or a nisba ending: الأمنية ~ الأمن, القوات ~ قوات."""
    out = set()
    for w in map(_bare, key.split()):
        for ending in ("يه", "ي", "ه"):
            if w.endswith(ending) and len(w) - len(ending) >= 2:
                w = w[: -len(ending)]
                break
        out.add(w)
    return frozenset(out)
