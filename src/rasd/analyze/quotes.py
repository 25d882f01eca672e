"""Who said what: quotations, reported speech and their speakers.

The stage works on one article in four passes:

1. pair the quotation marks (``quote_marks``) and recover unclosed quotes;
2. find speech cues (``resources/speech_verbs.tsv``) outside quotations;
3. for each cue, find what was said — a quotation, or an أن/إن clause that may
   hold quoted fragments — and who said it: the phrase after the verb (VSO),
   the phrase before it (SVO), the source relayed by نقل ... عن, or, when the
   verb stands alone, the last speaker of matching gender;
4. attach quotations with no cue before them: a cue after the closing mark
   ("…»، قال الوزير") or a paragraph that is a bare quotation continuing the
   last speaker.
"""
from __future__ import annotations

from dataclasses import dataclass

from rasd.analyze.lexicon import Cue, lexicon
from rasd.analyze.people import PARTICLES, PeopleIndex, Person, parse_phrase, scan_titled_people
from rasd.analyze.quote_marks import QUOTE_MARKS, find_pairs
from rasd.arabic import Token, fold, search_key, strip_proclitic, tokenize
from rasd.model import Article, Quote, Span, Speaker

SENTENCE_END = frozenset(".!?؟")
CLAUSE_PUNCT = frozenset("،,؛;")
CUE_WINDOW = 45  # tokens between a cue and the start of its content
# Function words, from resources/function_words.tsv.
PREPOSITIONS = lexicon().words("preposition")
_VERBAL_PARTICLES = lexicon().words("verbal_particle")
_LINKERS = lexicon().words("linker")
_OPENING_WORDS = lexicon().words("opening")


@dataclass(slots=True)
class Region:
    """The inside of one quotation."""

    open: int  # offset of the opening mark
    start: int  # content start
    end: int  # content end (exclusive)
    outer_end: int  # after the closing mark, or == end when never closed
    words: int
    used: bool = False

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class _Doc:
    """An article's tokens with the bookkeeping the passes share."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = tokenize(text)
        self.lex = lexicon()
        self.regions = self._regions()
        self.region_at_open: dict[int, Region] = {r.open: r for r in self.regions}
        starts = [t.start for t in self.tokens]
        self.in_quote = [False] * len(self.tokens)
        for r in self.regions:
            for k in range(_bisect(starts, r.start), len(self.tokens)):
                if self.tokens[k].start >= r.end:
                    break
                self.in_quote[k] = True
        self.newline_before = [i > 0 and "\n" in text[self.tokens[i - 1].end:t.start]
                               for i, t in enumerate(self.tokens)]
        self.index_of_start = {t.start: i for i, t in enumerate(self.tokens)}

    # -- quotations --------------------------------------------------------------
    def _regions(self) -> list[Region]:
        out = []
        for pair in find_pairs(self.text):
            start = pair.content_start
            end = pair.close if pair.closed else self._recover_end(start, pair.line_end)
            while end > start and self.text[end - 1].isspace():
                end -= 1
            while start < end and self.text[start].isspace():
                start += 1
            content = self.text[start:end]
            if not any(ch.isalpha() for ch in content):
                continue
            outer = pair.close + 1 if pair.closed else end
            out.append(Region(pair.open, start, end, outer, len(content.split())))
        return out

    def _recover_end(self, start: int, line_end: int) -> int:
        """Where an unclosed quotation ends: sentence end, ', <participle cue>', or next mark."""
        lex = lexicon()
        toks = tokenize(self.text, start, line_end)
        for k, tok in enumerate(toks):
            if tok.text in QUOTE_MARKS:
                return tok.start
            if tok.text in SENTENCE_END and (k + 1 >= len(toks) or (
                    (cue := lex.cue(toks[k + 1].key)) and cue.pos in ("verb", "relay"))):
                return tok.end  # the writer's voice again: "... . وأوضح الخفاجي أن"
            if tok.text in CLAUSE_PUNCT and k + 1 < len(toks):
                cue = lex.cue(toks[k + 1].key)
                if cue and cue.pos in ("participle", "noun"):
                    return tok.start
        return line_end

    def is_scare(self, r: Region) -> bool:
        """A quoted name or term ("داعش", "الحوار الاستراتيجي"), not speech."""
        if r.words > 3:
            return False
        key = search_key(self.text[r.start:r.end])
        if key in self.lex.organisations or key in self.lex.places:
            return True
        k = self.index_of_start.get(r.open)
        if k is None or k == 0:
            return False
        prev = self.tokens[k - 1]
        if self.lex.is_("name_intro", prev.key) or prev.key.endswith("ـ") and \
                self.lex.is_("name_intro", prev.key.rstrip("ـ")):
            return True
        if r.words == 1 and prev.text not in (":", "ـ") and not prev.text.endswith("ـ") \
                and not self.lex.cue(prev.key) and not self.lex.is_("complementizer", prev.key) \
                and not self.lex.is_("copula", prev.key) and not (len(prev.key) == 1 and prev.key in "بل"):
            return True  # "لدى «تداول»", "أن «سابك» لن تدخل": one quoted word names something
        first = fold(self.text[r.start:r.end].split()[0])
        # A noun in construct with a quoted name: منطقة "باركان", مجمع "باركان" (not كانت "مضللة").
        return r.words <= 2 and len(prev.key) > 2 and not prev.text.endswith("ـ") \
            and prev.key[:1].isalpha() and not _definite_word(prev.key) \
            and prev.key not in PREPOSITIONS and prev.key not in PARTICLES \
            and not self.lex.is_("copula", prev.key) and not self.lex.cue(prev.key) \
            and not self.lex.is_("complementizer", prev.key) and first not in PARTICLES

    # -- sentences ---------------------------------------------------------------
    def boundary_before(self, i: int) -> bool:
        """Whether a sentence ends between token i-1 and token i."""
        if i <= 0:
            return True
        if self.newline_before[i]:
            return True
        prev = self.tokens[i - 1]
        if prev.text == "." and prev.end < len(self.text) and self.text[prev.end].isalnum():
            return False  # the dots of an abbreviation: "بي.بي.سي"
        return prev.text in SENTENCE_END and not self.in_quote[i - 1]

    def sentence_start(self, i: int) -> int:
        while i > 0 and not self.boundary_before(i):
            i -= 1
        return i


def _possessed(tok: Token, people: PeopleIndex) -> bool:
    """A noun with a pronoun suffix ("أمنيته", "رفضه") is the verb's object, never its subject."""
    bare = tok.text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    return len(bare) > 4 and bare.endswith(("ه", "ها", "هم", "هما")) and not people.find(tok.text)


def _agrees(a: str, b: str) -> bool:
    return not a or not b or a == b or "p" in (a, b)


def _with_preposition(key: str, lex, kinds: tuple[str, ...]) -> bool:
    """A word carrying ل/ب whose rest is one of these kinds: للصحفيين، لوكالة (not بيان)."""
    if key[:1] not in "لب" or len(key) < 4:
        return False
    rest = "ا" + key[1:] if key.startswith("لل") else key[1:]
    return any(lex.is_(kind, rest) for kind in kinds)


def _passive(word: str) -> bool:
    """A past-tense verb written with a damma on its first letter: كُتب، أُعلن، وُصفت."""
    bare = word[1:] if len(word) > 2 and word[0] in "وف" else word
    return bare[:1] not in "يتن" and "\u064f" in bare[:4]  # كُتب، أُعلن، اعتُبرت


def _again(s: Speaker, resolution: str, gender: str | None = None) -> Speaker:
    """The same speaker, met again and resolved another way."""
    return Speaker(s.name, s.type, s.role, s.mention, s.role_span, resolution,
                   s.gender if gender is None else gender)


def _definite_word(key: str) -> bool:
    return any(r.startswith("ال") for r in strip_proclitic(key))


def _bisect(starts: list[int], x: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo


@dataclass(slots=True)
class _Said:
    """What a cue introduces."""

    kind: str  # direct, indirect, mixed
    start: int
    end: int
    content_index: int  # token index where the content (or complementizer) begins
    fragments: list[Region]


class QuoteFinder:
    """Runs the passes over one article."""

    def __init__(self, article: Article):
        self.article = article
        self.doc = _Doc(article.text)
        self.people = PeopleIndex()
        scan_titled_people(article.text, self.doc.tokens, self.people)
        self.last: list[tuple[Speaker, Person | None, str]] = []  # (speaker, person, gender)
        self.quotes: list[Quote] = []
        self.consumed: set[int] = set()  # complementizer token indices already used
        self.timeline: list[tuple[int, Speaker]] = []  # (offset, speaker) in text order
        self._cues: dict[int, Cue | None] = {}

    # -- cues --------------------------------------------------------------------
    def cue_at(self, i: int) -> Cue | None:
        """The speech cue token i is, if it is one here (memoised: asked many times)."""
        if i in self._cues:
            return self._cues[i]
        cue = self._cue_at(i)
        self._cues[i] = cue
        return cue

    def _cue_at(self, i: int) -> Cue | None:
        doc, tok = self.doc, self.doc.tokens[i]
        if doc.in_quote[i] or not tok.key[:1].isalpha():
            return None
        cue = doc.lex.cue(tok.key)
        if cue is None:
            return None
        if self.is_impersonal(i) and i + 1 < len(doc.tokens) and (
                self.is_complementizer(i + 1) or doc.tokens[i + 1].key == cue.prep):
            return None  # "يذكر أن", "يشار إلى أن", "يتوقع أن": no speaker
        if i > 0 and self.is_impersonal(i - 1):
            return None  # "تجدر الإشارة", "عدم كشف"
        if cue.pos in ("verb", "participle") and i > 0 and doc.tokens[i - 1].key in PREPOSITIONS \
                and doc.tokens[i - 1].key not in doc.lex.words("clause_preposition"):
            return None  # "في كشف اسمه": a verbal noun after a preposition, not a verb
        if cue.pos == "participle" and i > 0 and doc.lex.is_("copula", doc.tokens[i - 1].key):
            return None  # "مما كان متوقعا": an adjective, not a speaker's participle
        if cue.pos == "verb" and tok.key[:1] in "يت" and i > 0 and doc.lex.is_("relative", doc.tokens[i - 1].key):
            return None  # "التوقعات التي تشير إلى": a thing, not a speaker
        if i > 0 and (doc.tokens[i - 1].key in doc.lex.words("negation")
                      or doc.tokens[i - 1].key in doc.lex.words("attribution_link")):
            return None  # "لم تكشف عن": not said; "حسبما أفادت الصحيفة": a source, not a statement
        if cue.ambiguous and not self._ambiguous_ok(i, cue):
            return None
        if cue.pos == "verb" and _passive(tok.text):
            return None  # "وكُتب", "وأُعلن": passive voice, no speaker
        return cue

    def _ambiguous_ok(self, i: int, cue: Cue) -> bool:
        doc, tok = self.doc, self.doc.tokens[i]
        if tok.key[0] in "وف" and tok.key[1:] in doc.lex.cues:
            # "وبين "العري"": a quote straight after it means "and between"
            return not (cue.no_quote and i + 1 < len(doc.tokens) and doc.tokens[i + 1].text in QUOTE_MARKS)
        if "\u0651" in tok.text:  # a shadda marks the verb: بيّن, not بين
            return True
        if doc.boundary_before(i):
            return True
        prev = doc.tokens[i - 1].text
        if prev in CLAUSE_PUNCT or prev == ":" or fold(prev) in _LINKERS or fold(prev) in _OPENING_WORDS:
            return True
        j = i + 1
        if j < len(doc.tokens) and cue.prep and doc.tokens[j].key == cue.prep:
            j += 1
        if j < len(doc.tokens) and doc.tokens[j].key in PREPOSITIONS and len(doc.tokens[j].key) > 2:
            j += 1  # "كتب فيها:"
        while j < len(doc.tokens) and doc.tokens[j].text in CLAUSE_PUNCT | {":"}:
            j += 1
        return j < len(doc.tokens) and (doc.lex.is_("complementizer", doc.tokens[j].key)
                                        or doc.tokens[j - 1].text == ":")

    def is_impersonal(self, i: int) -> bool:
        return any(r in self.doc.lex.impersonal for r in strip_proclitic(self.doc.tokens[i].key))

    def is_complementizer(self, i: int) -> bool:
        doc = self.doc
        key = doc.tokens[i].key
        if key not in doc.lex.context["complementizer"]:
            return False
        return not (i > 0 and doc.lex.is_("not_after", doc.tokens[i - 1].key))

    # -- content -----------------------------------------------------------------
    def find_content(self, i: int, cue: Cue) -> tuple[_Said | None, int]:
        """What cue i introduces, and the token index where its speaker phrase ends."""
        doc = self.doc
        toks = doc.tokens
        j = i + 1
        limit = min(len(toks), i + CUE_WINDOW)
        after_prep = False
        if j < len(toks) and cue.prep and toks[j].key == cue.prep:
            j += 1
            after_prep = True
        phrase_end = None
        first = j
        in_relative = False
        object_phrase = False  # past "دعا … إلى <noun>": the content ends with this clause
        provisional = self.speaker_phrase(i, limit)
        after_speaker = provisional[1] if provisional else i + 1
        while j < limit:
            if doc.boundary_before(j) and j > i + 1:
                break
            tok = toks[j]
            if doc.lex.is_("relative", tok.key):
                in_relative = True
            elif tok.text in CLAUSE_PUNCT:
                in_relative = False
                if object_phrase:
                    break
            if cue.prep and tok.key == cue.prep and j + 1 < limit and not self.is_complementizer(j + 1) \
                    and toks[j + 1].start not in doc.region_at_open:
                object_phrase = True
            region = doc.region_at_open.get(tok.start)
            if region is not None:
                usable = not region.used and not in_relative and not doc.is_scare(region)
                if usable and cue.pos in ("participle", "noun") and after_prep and j > first:
                    # "مع الإشارة إلى احتمال ... "يمكن طلبه"": a noun phrase with a quote inside.
                    return _Said("mixed", toks[first].start, region.outer_end, first, [region]), i + 1
                if usable and (region.words >= 5 or self._right_after_cue(i, j, after_speaker)):
                    if phrase_end is None:
                        phrase_end = j
                    return _Said("direct", region.start, region.end, j, [region]), phrase_end
                j = self._skip_region(j, region)
                continue
            if doc.in_quote[j]:
                j += 1
                continue
            if self.is_complementizer(j) and j not in self.consumed:
                if phrase_end is None:
                    phrase_end = j
                said = self.clause(j)
                return said, phrase_end
            if j > i + 1 and (self.cue_at(j) or self.is_impersonal(j)):
                break
            if tok.text == ":" and phrase_end is None:
                phrase_end = j
            j += 1
        return None, phrase_end if phrase_end is not None else j

    def _right_after_cue(self, i: int, j: int, after_speaker: int) -> bool:
        """Nothing but punctuation between the cue (or its speaker phrase, or أن) and token j."""
        toks = self.doc.tokens
        k = j - 1
        while k > i and toks[k].text in CLAUSE_PUNCT | {":"}:
            k -= 1
        if k == i or self.is_complementizer(k):
            return True
        # Right after the speaker phrase, but not as the object of a preposition ends it.
        return k == after_speaker - 1 and toks[k].key not in PREPOSITIONS

    def _skip_region(self, j: int, region: Region) -> int:
        toks = self.doc.tokens
        j += 1
        while j < len(toks) and toks[j].start < region.outer_end:
            j += 1
        return j

    def clause(self, c: int) -> _Said | None:
        """The أن/إن clause opened by complementizer token c."""
        doc = self.doc
        toks = doc.tokens
        self.consumed.add(c)
        j = c + 1
        while j < len(toks) and toks[j].text in CLAUSE_PUNCT | {":"}:
            j += 1
        if j >= len(toks) or doc.boundary_before(j):
            return None
        start_index = j
        end_index = self.clause_end(j)
        if end_index <= start_index:
            return None
        start, end = toks[start_index].start, toks[end_index - 1].end
        first = doc.region_at_open.get(toks[start_index].start)
        if first is not None and not doc.is_scare(first) and first.outer_end >= end:
            return _Said("direct", first.start, first.end, start_index, [first])
        # A short quotation opening the clause and followed by more words names something:
        # 'أن «سابك» لن تدخل …', 'أن "مفاوضات ماراثونية" تجري …'.
        fragments = [r for r in doc.regions if start <= r.open and r.outer_end <= end + 1
                     and not doc.is_scare(r) and not (r is first and r.words <= 2)]
        if fragments:
            return _Said("mixed", start, fragments[-1].outer_end, start_index, fragments)
        return _Said("indirect", start, end, start_index, [])

    def clause_end(self, j: int) -> int:
        """Token index after the last token of a clause that starts at token j."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        k = j
        while k < len(toks):
            if k > j and doc.boundary_before(k):
                break
            tok = toks[k]
            region = doc.region_at_open.get(tok.start)
            if region is not None:
                k = self._skip_region(k, region)
                continue
            if tok.text in CLAUSE_PUNCT and k + 1 < len(toks):
                nxt = k + 1
                if toks[nxt].key in _LINKERS and nxt + 1 < len(toks):
                    nxt += 1  # "، لكنها أضافت أن", "، مع الإشارة إلى"
                if self.cue_at(nxt) or lex.is_("clause_break", toks[nxt].key) \
                        or self._attribution_tag(nxt) or self._new_speaker_after(nxt):
                    break
            elif k > j and (cue := self.cue_at(k)) and cue.pos == "participle" and k + 1 < len(toks) \
                    and (self.is_complementizer(k + 1) or toks[k + 1].key == cue.prep):
                break  # "حقوقهم مؤكدا أن": a participle cue with no comma before it
            elif tok.key[:1] == "و" and tok.key[1:] in lex.cues and lex.cues[tok.key[1:]].pos == "verb" \
                    and self.cue_at(k):
                break
            k += 1
        while k > j and toks[k - 1].text in CLAUSE_PUNCT | SENTENCE_END | {":", "-", "–"}:
            k -= 1
        return k

    def _new_speaker_after(self, k: int) -> bool:
        """"، ولكن العفو الدولية تقول إن": a short subject and a finite cue after a comma."""
        toks = self.doc.tokens
        for m in range(k + 1, min(k + 6, len(toks))):
            if not toks[m].key[:1].isalpha() or self.doc.boundary_before(m):
                return False
            cue = self.cue_at(m)
            if cue is not None:
                return cue.pos == "verb" and m + 1 < len(toks) and (
                    self.is_complementizer(m + 1) or toks[m + 1].start in self.doc.region_at_open)
        return False

    def _attribution_tag(self, k: int) -> bool:
        toks = self.doc.tokens
        for width in (3, 2):
            if k + width <= len(toks):
                words = " ".join(t.key for t in toks[k:k + width])
                if words in self.doc.lex.context["attribution_tag"]:
                    return True
        return False

    # -- speakers ----------------------------------------------------------------
    def speaker_phrase(self, i: int, end: int) -> tuple[int, int] | None:
        """Token range of the speaker phrase after cue i, cut at the first boundary."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        j = i + 1
        cue = lex.cue(toks[i].key)
        if j < end and cue and cue.lemma == "جاء" and toks[j].key == cue.prep and j + 1 < end:
            j += 1  # "وجاء في البيان:": what a document says
        elif j < end and cue and cue.prep and toks[j].key == cue.prep:
            return None
        # A short prepositional phrase may come between verb and subject: "تعهدت فيها واشنطن".
        if j < end and toks[j].key in PREPOSITIONS and len(toks[j].key) > 2 and j + 1 < end \
                and toks[j].key.endswith(("ها", "ه")):
            j += 1
        if j + 1 < end and toks[j].text in CLAUSE_PUNCT and toks[j + 1].key[:1].isalpha():
            j += 1  # "رفض، جوناثان غرينبلات، المدير التنفيذي ..."
        j = self._past_recipient(j, end)
        if j >= end:
            return None
        start = j
        while j < end:
            tok = toks[j]
            if len(tok.key) == 1 and tok.key in "لب":
                break  # a proclitic written apart before a quoted name: ل"الرياض"
            region = doc.region_at_open.get(tok.start)
            if region is not None and (doc.is_scare(region) or (j == start and region.words <= 2)):
                j = self._skip_region(j, region)  # a quoted name: صحيفة "سبق" السعودية، يقول "البنتاغون"
                continue
            if tok.text in QUOTE_MARKS or (not tok.key[:1].isalnum() and tok.text not in "()"):
                break
            if j == start and (tok.key in PREPOSITIONS or tok.key in PARTICLES or lex.is_("time_word", tok.key)
                               or tok.key.startswith("لل") or _possessed(tok, self.people)
                               or lex.is_("adjunct", tok.key)
                               or _with_preposition(tok.key, lex, ("recipient",))):
                return None
            if lex.is_("adjunct", tok.key):
                break
            if tok.key in PREPOSITIONS and j + 1 < end and (
                    lex.is_("statement_noun", toks[j + 1].key) or lex.is_("time_word", toks[j + 1].key)):
                break
            if _with_preposition(tok.key, lex, ("recipient", "statement_noun")):
                break  # "للصحفيين", "لوكالة", "ببيان"
            if tok.key in lex.words("recipient_link") and j + 1 < end and lex.is_("recipient", toks[j + 1].key):
                break
            if tok.key in lex.words("phrase_break"):
                break
            if lex.is_("time_word", tok.key) or lex.is_("relative", tok.key) or self.is_complementizer(j):
                break
            if j > start and self.cue_at(j):
                break
            if tok.key.isdigit() or (j > start and tok.key in _VERBAL_PARTICLES):
                break  # "مسؤول حكومي آخر لم يرغب في كشف اسمه": a relative clause begins
            if j > start and cue and cue.prep and (tok.key == cue.prep or (
                    len(cue.prep) == 1 and tok.key.startswith(cue.prep) and len(tok.key) > 4)):
                break
            j += 1
        return self.with_apposition(start, j, end) if j > start else None

    def _past_recipient(self, j: int, end: int) -> int:
        """Skip "لفرانس برس", "لـ«عكاظ»", "لراديو بي بي سي" between a verb and its subject."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        if j >= end or not toks[j].key.startswith("ل") or self._names_someone(toks[j]):
            return j
        k = j + 1
        while k < end and not doc.boundary_before(k):
            tok = toks[k]
            region = doc.region_at_open.get(tok.start)
            if region is not None and region.words <= 3:
                k = self._skip_region(k, region)
                continue
            if tok.text in CLAUSE_PUNCT or tok.text in QUOTE_MARKS or tok.text == ":" or lex.title(tok.key) \
                    or self.is_complementizer(k) or self.cue_at(k):
                break
            k += 1
        while k < end and toks[k].text in CLAUSE_PUNCT:
            k += 1
        return k

    def _names_someone(self, tok: Token) -> bool:
        """A word that itself names a speaker though it starts with ل: لجنة، لبنان، لؤي (a known name)."""
        lex = self.doc.lex
        return bool(lex.speaker_nouns.get(tok.key) or search_key(tok.text) in lex.places
                    or self.people.find(tok.text) or lex.titles.get(tok.key))

    def with_apposition(self, start: int, j: int, end: int) -> tuple[int, int]:
        """Extend a title-only phrase over a name in commas: "المتحدث باسم ...، اللواء تحسين الخفاجي،"."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        if j < end and toks[j].text in CLAUSE_PUNCT and j > start:
            k = j + 1
            m = k
            while m < end and m - k < 6 and toks[m].key[:1].isalpha() and not self.is_complementizer(m):
                m += 1
            if m > k and (m == end or toks[m].text in CLAUSE_PUNCT or self.is_complementizer(m)):
                first = parse_phrase(toks, start, j)
                second = parse_phrase(toks, k, m)
                links = [x for x in range(start + 1, j) if toks[x].key in lex.words("recipient_link") | {"باسم"}]
                inner_office = bool(links) and any((t := lex.title(toks[x].key)) and t.kind == "office"
                                                   for x in range(links[0] + 1, j))
                ranked = (t := lex.title(toks[k].key)) is not None and t.kind in ("rank", "honorific")
                if first and first.role and not first.name and second and second.kind == "person" \
                        and second.name and not second.role and (ranked or not inner_office):
                    return start, m
        return start, j

    def subject_before(self, i: int) -> tuple[int, int] | None:
        """SVO: the phrase opening the sentence before a verb that has no و (العراق يؤكد أن)."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        if toks[i].key[:1] in "وف" and toks[i].key[1:] in lex.cues:
            return None
        s = doc.sentence_start(i)
        # Skip background openers: "يذكر أن", "وكان", "ثم".
        k = s
        while k < i:
            key = toks[k].key
            if key in _OPENING_WORDS or any(r in lex.impersonal for r in strip_proclitic(key)) \
                    or (k > s and self.is_complementizer(k) and k - s <= 2):
                k += 1
                continue
            break
        if k >= i or toks[k].key in PREPOSITIONS:
            return None
        first = toks[k].key
        if first[:1] in "وف" and not any(r.startswith("ال") for r in strip_proclitic(first)) \
                and not self.people.find(toks[k].text[1:]):
            return None  # a sentence opening with و/ف + word opens with a verb: no SVO subject
        end = k
        while end < i and toks[end].key[:1].isalnum() and not lex.is_("relative", toks[end].key) \
                and not lex.is_("time_word", toks[end].key) and toks[end].key not in _VERBAL_PARTICLES:
            end += 1
        if end == k or any(self.cue_at(m) for m in range(k, end)):
            return None
        if end - k > 14:
            return None
        return self.with_apposition(k, end, i)

    def _issued_by(self, i: int, j: int) -> tuple[int, int] | None:
        """"بيان صادر عن القصر الملكي": the range of the issuer, when a statement names one."""
        toks = self.doc.tokens
        for k in range(i + 1, min(j - 1, i + 4)):
            if toks[k].key in self.doc.lex.words("issued_by") and toks[k + 1].key == "عن" \
                    and self.doc.lex.is_("statement_noun", toks[i].key):
                return (k + 2, j) if k + 2 < j else None
        return None

    def _definite_chain(self, i: int, j: int) -> Span | None:
        """A definite noun and its definite modifiers: "الأزهر" in "الأزهر رفضه التام ..."."""
        toks = self.doc.tokens
        k = i
        while k < j and k - i < 4 and toks[k].key.startswith(("ال", "لل")) and not self.doc.lex.cue(toks[k].key):
            k += 1
        return Span.of(self.article.text, toks[i].start, toks[k - 1].end) if k > i else None

    def clause_subject_before(self, i: int) -> tuple[int, int] | None:
        """SVO inside a reported clause: the noun phrase between أن/إن (or a comma) and the verb."""
        doc = self.doc
        toks = doc.tokens
        if i == 0 or toks[i].key[:1] in "وف" or not toks[i - 1].key[:1].isalpha() or doc.boundary_before(i):
            return None
        k = i - 1
        while k > 0 and i - k < 8 and toks[k - 1].key[:1].isalpha() and not self.is_complementizer(k - 1) \
                and not doc.boundary_before(k):
            k -= 1
        if not (k > 0 and self.is_complementizer(k - 1)):
            return None
        if any(doc.lex.is_("relative", toks[m].key) or toks[m].key in PARTICLES for m in range(k, i)):
            return None
        return k, i

    def make_speaker(self, rng: tuple[int, int], resolution: str,
                     confident_only: bool = False) -> tuple[Speaker, Person | None, str] | None:
        """Who a speaker phrase names: (speaker, the person record, gender), or None."""
        title = self.doc.lex.title(self.doc.tokens[rng[0]].key)
        if title and title.kind == "pronoun":  # "وأضاف سموه": the person named before
            found = self.last_speaker(title.gender)
            return (_again(found[0], "anaphor"), found[1], found[2]) if found else None
        found = self._make_speaker(rng, resolution, confident_only)
        if found is not None:
            found[0].gender = found[0].gender or found[2]
        return found

    def _make_speaker(self, rng: tuple[int, int], resolution: str,
                      confident_only: bool = False) -> tuple[Speaker, Person | None, str] | None:
        doc = self.doc
        text = self.article.text
        issuer = self._issued_by(*rng)
        if issuer is not None:
            rng = issuer
        phrase = parse_phrase(doc.tokens, *rng, known=self.people)
        if phrase is None:
            return None
        mention = Span.of(text, phrase.start, phrase.end)
        if phrase.kind == "unknown":
            known = self.people.find(mention.text)
            if known:
                return self._speaker_of(known, mention, None, resolution), known, known.gender
            head = doc.tokens[rng[0]].key
            # A definite noun naming an earlier source: "المسؤول", "اللجنة", "البيان".
            earlier = self.people.by_head(head)
            if earlier:
                return self._speaker_of(earlier, mention, None, "anaphor"), earlier, earlier.gender
            if not confident_only:
                chain = self._definite_chain(rng[0], rng[1])
                if chain:
                    return Speaker(chain.text, "ORG", None, chain, None, "explicit"), None, ""
            return None
        if phrase.kind in ("org", "anonymous"):
            head = doc.tokens[rng[0]].key
            words = len(mention.text.split())
            earlier = self.people.by_head(head) if words <= 2 and head.startswith("ال") else None
            if earlier:
                return self._speaker_of(earlier, mention, None, "anaphor"), earlier, earlier.gender
        if phrase.kind == "person" and phrase.role and not phrase.name:
            role = Span.of(text, *phrase.role)
            holder = self.people.by_role(role.text)
            if holder:
                return self._speaker_of(holder, mention, role, "title"), holder, holder.gender
        person = self.people.add(text, phrase)
        role = Span.of(text, *phrase.role) if phrase.role else None
        if person is None:
            name = mention.text
            type_ = {"person": "PER", "anonymous": "UNNAMED"}.get(phrase.kind, "ORG")
            return Speaker(name, type_, role.text if role else None, mention, role, resolution), None, phrase.gender
        return self._speaker_of(person, mention, role, resolution), person, person.gender

    def _speaker_of(self, person: Person, mention: Span, role: Span | None, resolution: str) -> Speaker:
        if role is None and person.roles:
            role = next((r for r in person.roles if not self.doc.lex.title(fold(r.text.split()[0])) or
                         self.doc.lex.title(fold(r.text.split()[0])).kind == "office"), person.roles[0])
        return Speaker(person.name, person.type, role.text if role else None, mention, role, resolution)

    def last_speaker(self, gender: str) -> tuple[Speaker, Person | None, str] | None:
        for speaker, person, g in reversed(self.last):
            if not gender or not g or g == gender or (gender == "p" and person and person.type != "PER"):
                return speaker, person, g
        return self.last[-1] if self.last else None

    def speaker_before(self, offset: int, resolution: str) -> Speaker | None:
        """The latest speaker named before ``offset``."""
        before = [sp for at, sp in self.timeline if at < offset]
        if not before:
            return None
        return _again(before[-1], resolution)

    def implicit(self, gender: str, resolution: str) -> Speaker | None:
        found = self.last_speaker(gender)
        if not found:
            return None
        return _again(found[0], resolution, found[2])

    # -- the passes --------------------------------------------------------------
    def run(self) -> list[Quote]:
        doc = self.doc
        toks = doc.tokens
        sentence_speaker: dict[int, Speaker] = {}
        for i in range(len(toks)):
            cue = self.cue_at(i)
            if cue is None:
                continue
            said, phrase_end = self.find_content(i, cue)
            if said is not None and said.kind != "direct" and self._relative_clause_verb(i, cue):
                continue  # "علامات تشير إلى أن": the subject is the noun before, not a speaker
            cue_span = Span.of(self.article.text, toks[i].start, toks[i].end)
            s_start = doc.sentence_start(i)
            speaker = None
            if cue.pos == "relay":
                speaker, cue_span, said = self.relay(i, cue_span, said)
            elif cue.pos == "verb":
                svo = self.subject_before(i) or self.clause_subject_before(i)
                found = self.make_speaker(svo, "explicit", True) if svo and svo[1] == i else None
                if found is None:
                    rng = self.speaker_phrase(i, phrase_end)
                    # after دعا/طالب/حث … the noun phrase is often the object: only a sure speaker counts
                    found = self.make_speaker(rng, "explicit", said is None or bool(cue.prep)) if rng else None
                if found is None and svo and (svo[1] == i or doc.lex.is_("relative", toks[svo[1]].key)
                                              or doc.lex.is_("time_word", toks[svo[1]].key)):
                    found = self.make_speaker(svo, "explicit", said is None)
                if found:
                    found = self._agree(found, cue)
                    speaker = found[0]
                    self.last.append(found)
                elif said is not None:
                    speaker = self.sentence_subject(i, s_start, cue.gender) or self.implicit(cue.gender, "implicit")
            else:
                speaker = sentence_speaker.get(s_start) or self.opening_verb_subject(s_start, i)
                if speaker is not None and not _agrees(speaker.gender, cue.gender):
                    speaker = None  # "وطلبت العفو، مؤكدة أنها": not the man quoted before
                if speaker is not None:
                    speaker = _again(speaker, "participle")
                else:
                    speaker = self.implicit(cue.gender, "participle")
            if speaker is not None:
                sentence_speaker[s_start] = speaker
                self.timeline.append((toks[i].start, speaker))
            if said is None:
                continue
            for r in said.fragments:
                r.used = True
            span = Span.of(self.article.text, said.start, said.end)
            fragments = [Span.of(self.article.text, r.start, r.end) for r in said.fragments]
            self.quotes.append(Quote(span, said.kind, cue_span, speaker, fragments if said.kind == "mixed" else []))
        self.orphans()
        self.headline_statement()
        self.quotes.sort(key=lambda q: q.span.start)
        return self.quotes

    def _agree(self, found: tuple[Speaker, Person | None, str], cue: Cue) -> tuple[Speaker, Person | None, str]:
        """The verb's gender is its subject's: a feminine verb before a bare 'name' marks an organisation."""
        speaker, person, gender = found
        if cue.gender not in ("m", "f"):
            return found
        if cue.gender == "f" and speaker.type == "PER" and not speaker.role and speaker.name \
                and fold(speaker.name).split()[0].endswith("ه") and len(speaker.name.split()) >= 2:
            speaker = Speaker(speaker.name, "ORG", None, speaker.mention, None, speaker.resolution)
            if person is not None:
                person.type = "ORG"
        if person is not None:
            person.gender = cue.gender
        speaker.gender = cue.gender
        return speaker, person, cue.gender

    def _relative_clause_verb(self, i: int, cue: Cue) -> bool:
        """A present-tense verb right after an indefinite noun describes that noun."""
        doc = self.doc
        tok = doc.tokens[i]
        if cue.pos != "verb" or tok.key[:1] not in "يت" or i == 0 or doc.boundary_before(i):
            return False
        prev = doc.tokens[i - 1]
        if not prev.key[:1].isalpha() or _definite_word(prev.key) or self.people.find(prev.text) \
                or prev.key in PREPOSITIONS or doc.lex.title(prev.key) or prev.key in PARTICLES \
                or prev.key in _LINKERS or prev.key in _OPENING_WORDS or doc.lex.is_("clause_break", prev.key):
            return False
        # "ترامب يقول إنه ...": a short subject opening the sentence, not a noun being described.
        svo = self.subject_before(i)
        return not (svo and svo[1] == i and i - doc.sentence_start(i) <= 4)

    def sentence_subject(self, i: int, s_start: int, gender: str) -> Speaker | None:
        """For a verb with no subject of its own, the subject already given in its sentence:
        "تعهدت فيها واشنطن ...، وأكدت أنها", "وحددت قوات الأمن ...، وقالت إن"."""
        if i == s_start:
            return None
        start = self.doc.tokens[s_start].start
        for at, sp in reversed(self.timeline):
            if at < start:
                break
            if sp.resolution in ("explicit", "title", "anaphor", "relay") and _agrees(sp.gender, gender):
                return _again(sp, "implicit")
        found = self.opening_verb_subject(s_start, i)
        if found is None:
            return None
        return _again(found, "implicit") if _agrees(found.gender, gender) else None

    def opening_verb_subject(self, s_start: int, i: int) -> Speaker | None:
        """The subject after a sentence's opening verb: "وانتقد مرصد ...، ..., معتبرا أن"."""
        toks = self.doc.tokens
        while s_start < i - 1 and toks[s_start].key in _OPENING_WORDS:
            s_start += 1  # "كما اعتذر موخيكا ..., قائلا"
        first = toks[s_start].key
        if self.is_impersonal(s_start) and s_start + 1 < i and self.is_complementizer(s_start + 1):
            # "يذكر أن مايك بومبيو، اجتمع … وقال إن": the subject of the background clause
            k = end = s_start + 2
            while end < i and toks[end].key[:1].isalnum() and toks[end].key not in _VERBAL_PARTICLES \
                    and not self.doc.lex.is_("relative", toks[end].key) and end - k < 8:
                end += 1
            found = self.make_speaker(self.with_apposition(k, end, i), "explicit", True) if end > k else None
            return found[0] if found else None
        # Any undetermined word may be a verb ("أغلقت الولايات المتحدة …، محذرة"): the subject
        # after it must then parse as a confident speaker.
        verb_like = len(first) >= 3 and first not in _OPENING_WORDS
        if s_start >= i - 1 or not verb_like or _definite_word(first) \
                or any(r in PARTICLES or r in PREPOSITIONS for r in strip_proclitic(first)) \
                or self.doc.lex.title(first) or self.people.find(toks[s_start].text):
            return None
        rng = self.speaker_phrase(s_start, i)
        found = self.make_speaker(rng, "explicit", confident_only=True) if rng else None
        if found:
            self.last.append(found)
            return found[0]
        return None

    def relay(self, i: int, cue_span: Span, said: _Said | None):
        """نقلت وكالة ... عن اللواء ... قوله "...": the speaker is the one after عن."""
        doc = self.doc
        toks = doc.tokens
        j = i + 1
        links = doc.lex.words("relay_link")
        while j < len(toks) and j - i < 15 and toks[j].key not in links and not doc.boundary_before(j) \
                and not (j > i + 1 and self.cue_at(j)):
            j += 1
        if j >= len(toks) or toks[j].key not in links:
            return None, cue_span, None
        end = j + 1
        while end < len(toks) and end - j < 20 and not doc.boundary_before(end) \
                and not (doc.lex.cue(toks[end].key) and doc.lex.cue(toks[end].key).pos == "noun") \
                and not self.is_complementizer(end) and toks[end].start not in doc.region_at_open:
            end += 1
        rng = self.speaker_phrase(j, end)
        found = self.make_speaker(rng, "relay") if rng else None
        if found:
            self.last.append(found)
        if end < len(toks) and doc.lex.cue(toks[end].key):
            cue_span = Span.of(self.article.text, toks[end].start, toks[end].end)
        return (found[0] if found else None), cue_span, said

    def headline_statement(self) -> None:
        """"مية الجريبي : الجمهوري عائد بقوّة": a headline giving a speaker of the article, a colon,
        and what they said."""
        title = self.article.title_span
        if title is None or ":" not in title.text:
            return
        colon = title.start + title.text.index(":")
        toks = [k for k, t in enumerate(self.doc.tokens) if title.start <= t.start < colon]
        if not toks or len(toks) > 6 or any(q.span.start < title.end for q in self.quotes):
            return
        end = toks[0]
        while end <= toks[-1] and not _with_preposition(self.doc.tokens[end].key, self.doc.lex, ("recipient",)) \
                and not self.doc.tokens[end].key.startswith("لل"):
            end += 1  # "عماد الدايمي للمنجي الرحوي :" — the speaker, not the one spoken to
        name = self.article.text[self.doc.tokens[toks[0]].start:self.doc.tokens[end - 1].end] if end > toks[0] else ""
        person = self.people.find(name) if name else None
        if person is None:
            return  # only a speaker the article itself quotes: "اختفاء خاشقجي:" is a topic, not a speaker
        text = self.article.text
        start, stop = colon + 1, title.end
        while start < stop and text[start] == " ":
            start += 1
        if text[start:start + 1] in QUOTE_MARKS and text[stop - 1:stop] in QUOTE_MARKS:
            start, stop = start + 1, stop - 1  # the whole statement in quote marks
        while stop > start and text[stop - 1] in " .":
            stop -= 1
        if stop - start < 3:
            return
        mention = Span.of(self.article.text, self.doc.tokens[toks[0]].start, self.doc.tokens[end - 1].end)
        role = next((r for r in person.roles), None)
        speaker = Speaker(person.name, person.type, role.text if role else None, mention, role, "headline",
                          person.gender)
        self.quotes.append(Quote(Span.of(self.article.text, start, stop), "direct", None, speaker))

    def _according_to(self, k: int, m: int) -> Speaker | None:
        """The source of "بحسب X، «…»" (before the quotation at token k) or "«…»، وفق X" (at m)."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        ranges = []
        s = doc.sentence_start(k)
        if k - 1 > s and toks[k - 1].text in CLAUSE_PUNCT and toks[s].key in lex.words("according_to") | {
                "و" + w for w in lex.words("according_to")}:
            ranges.append((s + 1, k - 1))
        if m < len(toks) and toks[m].key in lex.words("according_to") and not self._attribution_tag(m):
            end = m + 1
            while end < len(toks) and end - m < 10 and toks[end].key[:1].isalnum() and not doc.boundary_before(end):
                end += 1
            ranges.append((m + 1, end))
        for a, b in ranges:
            first = a
            while a < b and (lex.is_("statement_noun", toks[a].key) or _possessed(toks[a], self.people)):
                a += 1  # "تصريحات محاميتها لورا بيشور" → "لورا بيشور"
            found = self.make_speaker((a, b), "explicit", True) if a < b else None
            if found:
                return found[0]
            if a > first:  # "بحسب تعليقات محاميتها": someone already speaking in the article
                return self.speaker_before(toks[k].start, "implicit")
        return None

    def orphans(self) -> None:
        """Quotations with no cue before them: a cue after, or a bare quoted paragraph."""
        doc = self.doc
        toks = doc.tokens
        for r in doc.regions:
            if r.used or doc.is_scare(r) or r.words < 3:
                continue
            k = doc.index_of_start.get(r.open)
            if k is None:
                continue
            after = next((m for m in range(k, len(toks)) if toks[m].start >= r.outer_end), len(toks))
            m = after
            while m < len(toks) and toks[m].text in CLAUSE_PUNCT:
                m += 1
            speaker = None
            cue_span = None
            opens_sentence = doc.boundary_before(k) or (k > 0 and toks[k - 1].text == ":")
            if opens_sentence and m < len(toks) and not doc.boundary_before(m) \
                    and (cue := self.cue_at(m)) and cue.pos == "verb":
                end = m + 1
                while end < len(toks) and end - m < 12 and toks[end].key[:1].isalnum():
                    end += 1
                rng = self.speaker_phrase(m, end)
                found = self.make_speaker(rng, "explicit") if rng else None
                speaker = found[0] if found else self.implicit(cue.gender, "implicit")
                cue_span = Span.of(self.article.text, toks[m].start, toks[m].end)
            elif (source := self._according_to(k, m)) is not None:
                speaker = source  # 'وبحسب تصريحات محاميتها لورا بيشور، "…"', '"…"، بحسب الوزارة'
            elif self._attribution_tag(m):
                # "أبدى سعادته "…"، حسب تعبيره": the quote is the sentence subject's
                s_start = doc.sentence_start(k)
                speaker = self.sentence_subject(k, s_start, "") if k > s_start else None
                speaker = speaker or self.speaker_before(r.open, "implicit")
            elif doc.boundary_before(k) and r.words >= 4:
                speaker = self.speaker_before(r.open, "continuation")
            else:
                continue
            if speaker is None:
                continue
            r.used = True
            self.quotes.append(Quote(Span.of(self.article.text, r.start, r.end), "direct", cue_span, speaker))


def find_quotes(article: Article) -> None:
    """Pipeline stage: add the ``quotes`` layer (and titled people as entities)."""
    finder = QuoteFinder(article)
    article.quotes = finder.run()
    article.entities = finder.people.entities()
