"""An article's tokens and quotations, and the sentence bookkeeping the quote rules share.

Quote marks are paired in ``quote_marks``; here each pair becomes a ``Region`` (an unclosed
one ends where the writer's voice resumes), short quoted names and terms are told from
speech, and sentence boundaries are found outside quotations.
"""
from __future__ import annotations

from dataclasses import dataclass

from rasd.analyze.lexicon import lexicon
from rasd.analyze.people import PARTICLES, PeopleIndex, with_preposition
from rasd.analyze.quote_marks import QUOTE_MARKS, text_pairs
from rasd.arabic import Token, fold, is_definite_reading, search_key, strip_proclitic, text_tokens, tokenize

SENTENCE_END = frozenset(".!?؟")
_DASHES = frozenset("-–—ـ")
_DATELINE_TOKENS = 14  # a dateline's place, places, agency and dashes fit in this many tokens
CLAUSE_PUNCT = frozenset("،,؛;")
# Function words, from resources/function_words.tsv.
PREPOSITIONS = lexicon().words("preposition")
VERBAL_PARTICLES = lexicon().words("verbal_particle")
LINKERS = lexicon().words("linker")
ADVERSATIVE = lexicon().words("adversative")
CLAUSE_OPENERS = lexicon().words("clause_opener")
OPENING_WORDS = lexicon().words("opening")


@dataclass(slots=True)
class Region:
    """The inside of one quotation."""

    open: int  # offset of the opening mark
    start: int  # content start
    end: int  # content end (exclusive)
    outer_end: int  # after the closing mark, or == end when never closed
    words: int
    used: bool = False


class QuotedText:
    """An article's tokens and quotations, with the bookkeeping the passes share."""

    def __init__(self, text: str):
        self.text = text
        self.tokens = text_tokens(text)
        self.lex = lexicon()
        self.regions = self._regions()
        self.region_at_open: dict[int, Region] = {r.open: r for r in self.regions}
        starts = [t.start for t in self.tokens]
        self.in_quote = [False] * len(self.tokens)
        for r in self.regions:
            for k in range(bisect_left(starts, r.start), len(self.tokens)):
                if self.tokens[k].start >= r.end:
                    break
                self.in_quote[k] = True
        self.newline_before = [i > 0 and "\n" in text[self.tokens[i - 1].end:t.start]
                               for i, t in enumerate(self.tokens)]
        self.index_of_start = {t.start: i for i, t in enumerate(self.tokens)}
        self.after_dateline = self._datelines()

    # -- quotations --------------------------------------------------------------
    def _regions(self) -> list[Region]:
        out = []
        for pair in text_pairs(self.text):
            start = pair.content_start
            end = pair.close if pair.closed else self.recover_end(start, pair.line_end)
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

    def recover_end(self, start: int, line_end: int) -> int:
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
        k = self.index_of_start.get(r.open)
        if r.words <= 5 and k and self.lex.is_("name_intro", self.tokens[k - 1].key):
            return True  # قناة "إن.بي.سي نيوز NBC News"
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
            and prev.key[:1].isalpha() and not definite_word(prev.key) \
            and prev.key not in PREPOSITIONS and prev.key not in PARTICLES \
            and not self.lex.is_("copula", prev.key) and not self.lex.cue(prev.key) \
            and not self.lex.is_("complementizer", prev.key) and first not in PARTICLES

    # -- sentences ---------------------------------------------------------------
    def _datelines(self) -> set[int]:
        """Token indices right after a paragraph's dateline: a place, maybe more places and the
        agency in brackets, then a dash ("دبي، الإمارات العربية المتحدة (CNN)-- وصف …", "بيروت -
        أ ف ب - قال"). The report's first sentence starts there, so its verb opens it."""
        toks, out = self.tokens, set()
        places = self.lex.places
        for p, tok in enumerate(toks):
            if not (p == 0 or self.newline_before[p]) or search_key(tok.text) not in places:
                continue
            last = None
            for k in range(p + 1, min(p + _DATELINE_TOKENS, len(toks))):
                if self.newline_before[k] or toks[k].text in SENTENCE_END or self.lex.cue(toks[k].key):
                    break
                if toks[k].text and all(c in _DASHES for c in toks[k].text):
                    last = k
            if last is not None and last + 1 < len(toks) and not self.newline_before[last + 1]:
                out.add(last + 1)
        return out

    def boundary_before(self, i: int) -> bool:
        """Whether a sentence ends between token i-1 and token i."""
        if i <= 0:
            return True
        if self.newline_before[i] or i in self.after_dateline:
            return True
        prev = self.tokens[i - 1]
        if prev.text == "." and prev.end < len(self.text) and self.text[prev.end].isalnum() \
                and i >= 2 and len(self.tokens[i - 2].key) <= 2:
            return False  # the dots of an abbreviation: "بي.بي.سي" (not "شعبا عظيم.كما تعهد")
        return prev.text in SENTENCE_END and not self.in_quote[i - 1]

    def sentence_start(self, i: int) -> int:
        while i > 0 and not self.boundary_before(i):
            i -= 1
        return i

    def skip_region(self, j: int, region: Region) -> int:
        """Token index after a quotation whose opening mark is token j."""
        toks = self.tokens
        j += 1
        while j < len(toks) and toks[j].start < region.outer_end:
            j += 1
        return j


def possessed(tok: Token, people: PeopleIndex) -> bool:
    """A noun with a pronoun suffix ("أمنيته", "رفضه") is the verb's object, never its subject,
    unless it names a relative ("وأكدت زوجته ميساء غانم")."""
    bare = tok.text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
    if len(bare) <= 4 or not bare.endswith(("ه", "ها", "هم", "هما")) or people.find(tok.text):
        return False
    title = lexicon().title(tok.key)
    return not (title and title.possessed)

def agrees(a: str, b: str) -> bool:
    return not a or not b or a == b or "p" in (a, b)

def passive(word: str) -> bool:
    """A past-tense verb written with a damma on its first letter: كُتب، أُعلن، وُصفت."""
    bare = word[1:] if len(word) > 2 and word[0] in "وف" else word
    return bare[:1] not in "يتن" and "\u064f" in bare[:4]  # كُتب، أُعلن، اعتُبرت

def definite_word(key: str) -> bool:
    return any(is_definite_reading(r) for r in strip_proclitic(key))

def bisect_left(starts: list[int], x: int) -> int:
    lo, hi = 0, len(starts)
    while lo < hi:
        mid = (lo + hi) // 2
        if starts[mid] < x:
            lo = mid + 1
        else:
            hi = mid
    return lo
