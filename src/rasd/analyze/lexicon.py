"""The resource files, loaded once into folded lookup tables for the analysers."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic import DIACRITICS, fold, search_key, strip_proclitic
from rasd.resources import pycountry_names, table, word_list


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    pos: str  # verb, participle, noun, relay
    gender: str  # m, f, p or ''
    prep: str  # folded preposition the cue takes, or ''
    ambiguous: bool
    no_quote: bool = False  # never followed straight by a quotation (بين "between")


@dataclass(frozen=True, slots=True)
class Title:
    kind: str  # office, rank, modifier, honorific, role_modifier, pronoun
    gender: str
    is_role: bool = False  # an honorific that is a title held: "الدكتور", not "السيد"
    possessed: bool = False  # written with a possessive pronoun ("زوجته"): takes no genitive


@dataclass(frozen=True, slots=True)
class Lexicon:
    cues: dict[str, Cue]
    impersonal: frozenset[str]
    titles: dict[str, Title]
    styles: frozenset[str]  # folded forms of address before a title: "صاحب السمو الملكي"
    speaker_nouns: dict[str, tuple[str, str]]  # folded noun -> (kind, gender)
    organisations: frozenset[str]  # search keys
    places: frozenset[str]  # search keys
    context: dict[str, frozenset[str]]  # kind -> folded words or phrases
    month_words: frozenset[str]
    function_words: dict[str, frozenset[str]]  # kind -> folded words (function_words.tsv)

    def words(self, kind: str) -> frozenset[str]:
        """Folded function words of one kind: particle, preposition, linker, opening …"""
        return self.function_words[kind]

    def cue(self, key: str) -> Cue | None:
        """The cue a folded token is, with و/ف peeled off if needed (nouns list their ب/ل:
        بالتأكيد; a verb carries none, so باقر is not أقر, except ل before an imperfect: ليضيف)."""
        found = _CUE_OF.get(key, _UNSEEN)
        if found is _UNSEEN:  # (memoised per word: asked for every token)
            found = self._cue(key)
            if len(_CUE_OF) < 200_000:
                _CUE_OF[key] = found
        return found

    def _cue(self, key: str) -> Cue | None:
        if key not in self.cues and key[1:] not in self.cues and key[2:] not in self.cues:
            return None  # the common case, answered without peeling clitics
        found = _lookup(self.cues, key)
        if found is None or found.pos == "noun":
            return found
        bare = key[1:] if key[:1] in "وف" and key[1:] in self.cues else key
        if bare[:1] == "ل" and bare[1:2] in "يت" and bare[1:] in self.cues:
            return found  # لام التعليل + an imperfect verb: "ليضيف", "لتؤكد" (he went on to add)
        return found if bare in self.cues else None

    def title(self, key: str) -> Title | None:
        """The title a folded token is (وزير، اللواء، الدكتور …), clitics peeled off if needed."""
        found = _TITLE_OF.get(key, _UNSEEN)
        if found is _UNSEEN:  # (memoised per word: every scanner asks for every token)
            t = self.titles
            found = None if key not in t and key[1:] not in t and key[2:] not in t \
                and ("ا" + key[1:]) not in t and ("ا" + key[2:]) not in t else _lookup(t, key)
            if len(_TITLE_OF) < 200_000:
                _TITLE_OF[key] = found
        return found

    def speaker_noun(self, key: str) -> tuple[str, str] | None:
        """('org'|'anonymous', gender) for a folded noun, article and clitics peeled off."""
        for reading in strip_proclitic(key):
            bare = reading[2:] if reading.startswith("ال") and len(reading) > 3 else reading
            found = self.speaker_nouns.get(bare) or self.speaker_nouns.get(reading)
            if found:
                return found
        return None

    def is_(self, kind: str, key: str) -> bool:
        """Whether a folded word (clitics peeled off) belongs to a quote_context.tsv kind."""
        cache = _IS_CACHE.setdefault(kind, {})
        found = cache.get(key)
        if found is None:
            words = self.context[kind]
            found = cache[key] = any(r in words for r in strip_proclitic(key))
        return found


def _lookup(entries: dict, key: str):
    """The entry for a folded word, or for it with its clitics peeled off (memoised per table)."""
    cache = _LOOKUPS.setdefault(id(entries), {})
    if key in cache:
        return cache[key]
    found = None
    for reading in strip_proclitic(key):
        found = entries.get(reading)
        if found:
            break
    cache[key] = found
    return found


_LOOKUPS: dict[int, dict] = {}
_TITLE_OF: dict[str, Title | None] = {}
_CUE_OF: dict[str, Cue | None] = {}
_UNSEEN = object()
_IS_CACHE: dict[str, dict[str, bool]] = {}


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cues = {}
    for row in table("speech_verbs.tsv"):
        cues[fold(row["form"])] = Cue(row["lemma"], row["pos"], row["gender"], fold(row["prep"]),
                                      row["ambiguous"] != "", row["ambiguous"] == "noquote")
    titles = {fold(r["title"]): Title(r["kind"], r["gender"], r["role"] == "yes",
                                     r["title"].endswith(("ه", "ها")))
              for r in table("titles.tsv") if r["kind"] != "style"}
    styles = frozenset(fold(r["title"]) for r in table("titles.tsv") if r["kind"] == "style")
    nouns = {fold(r["noun"]): (r["kind"], r["gender"]) for r in table("speaker_nouns.tsv")}
    context: dict[str, set[str]] = {}
    for row in table("quote_context.tsv"):
        context.setdefault(row["kind"], set()).add(fold(row["word"]))
    function_words: dict[str, set[str]] = {}
    for row in table("function_words.tsv"):
        function_words.setdefault(row["kind"], set()).add(fold(row["word"]))
    months = set()
    for row in table("months.tsv"):
        months.update(fold(w) for w in row["name"].split())
    return Lexicon(
        cues=cues,
        impersonal=frozenset(fold(w) for w in word_list("impersonal_cues.txt")),
        titles=titles,
        styles=styles,
        speaker_nouns=nouns,
        organisations=frozenset(search_key(w) for w in word_list("organisations.txt")),
        places=_places(),
        context={k: frozenset(v) for k, v in context.items()},
        month_words=frozenset(months),
        function_words={k: frozenset(v) for k, v in function_words.items()},
    )


@lru_cache(maxsize=1)
def _negated_complementizers() -> frozenset[str]:
    return frozenset(DIACRITICS.sub("", r["word"]) for r in table("quote_context.tsv")
                     if r["kind"] == "negated_complementizer")


def is_negated_complementizer(written: str) -> bool:
    """أن + لا as one word (ألا، بألا: quote_context.tsv), judged as written (shadda ignored): the
    hamza tells it from إلا ("except"), and the folded key drops hamza."""
    forms = _negated_complementizers()
    return written in forms or written[:1] in "أب" and len(written) <= 6 and DIACRITICS.sub("", written) in forms


def _places() -> frozenset[str]:
    """Search keys of places.tsv and of pycountry's Arabic country names, without those that
    are also common words (entity_words.tsv ambiguous: مالي "financial") or carry a gloss in
    brackets: "نائب رئيس وزراء أستراليا" ends at the country as at any place."""
    ambiguous = {search_key(r["word"]) for r in table("entity_words.tsv") if r["kind"] == "ambiguous"}
    countries = {search_key(n) for n in pycountry_names() if "(" not in n} - ambiguous
    return frozenset(search_key(r["name"]) for r in table("places.tsv")) | countries


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names (given_names.txt, built from corpora, and given_names_common.txt, by
    hand): a name's first word, as opposed to a noun or a verb. A corpus entry that is a clitic
    on another name or on a name particle (وعبد، لابن، ونواف) is the corpus's tokenisation, not
    a name, unless the hand-made list vouches for it (وسام); the NER model, trained with the file
    as it is, still reads it whole."""
    common = frozenset(fold(w) for w in word_list("given_names_common.txt"))
    corpus = frozenset(fold(w) for w in word_list("given_names.txt"))
    names = corpus | common
    particles = lexicon().words("name_particle")

    def clitic_on_name(w: str) -> bool:
        rest = w[1:]
        return rest in names or rest in particles or rest.startswith("ال") and rest[2:] in names

    return common | {w for w in corpus if not (w[:1] in "وفلبك" and clitic_on_name(w))}


