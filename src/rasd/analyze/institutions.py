"""Organisations and places named the way news names them: by a head noun and its complement
("وزارة الدفاع", "قاعدة عين الأسد الجوية", "القوات الأمنية العراقية") or by a gazetteer name
("داعش", "الكويت", "قوات سوريا الديمقراطية").

The statistical tagger follows ANERcorp, where ministries, armed forces and commands are not
names; analysts follow them all the same, so this rule layer finds them. The grammar:

* an indefinite head in construct state takes a genitive chain: definite words, or a proper
  name followed by definite adjectives ("قوات سوريا الديمقراطية", "جهاز مكافحة الإرهاب");
  two indefinite words in a row end the name unless the second is a known place
  ("وزارة خارجية روسيا" but "محافظة أربيل | شمالي العراق");
* a definite head ("القوات", "اللجنة") takes definite adjectives only, and needs a nationality
  or naming adjective, or two ("القوات الأمريكية", "اللجنة العسكرية العليا"; not "القوات
  العسكرية"); a nationality closes the name ("قوات الأمن العراقية | المواقع");
* time words, descriptive adjectives (الجديدة، السابقة), function words and a ل-purpose clause
  ("لإنهاء مهمة …") end a name;
* a word with a proclitic (و، ب، ل) starts a new phrase, except where an institution's name
  coordinates ("حزب العدالة والتنمية") or ends in a ل-genitive ("المرصد السوري لحقوق الإنسان");
* a dual head names two: "وزارتي الدفاع والداخلية"; a facility keeps its namesake: "مطار الملك
  خالد الدولي".

Heads, stop words, aliases and spelling variants are resource files.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rasd.analyze.lexicon import lexicon
from rasd.arabic import Token, fold, has_tanween, search_key, strip_proclitic
from rasd.resources import pycountry_names, table, word_list

MAX_COMPLEMENT = 6  # words after the head; longer "names" are clauses
_COMPLEMENTIZERS = lexicon().context["complementizer"]


@dataclass(frozen=True, slots=True)
class Found:
    """One organisation or place mention: the span of its name, and its canonical name."""

    type: str
    start: int
    end: int
    canonical: str | None  # from the gazetteer or alias table, else None
    proper: bool = False  # a facility named after someone (مطار الملك خالد): no mention of the namesake
    from_gazetteer: bool = False  # a listed name; a longer tagged name around it wins ("ريال مدريد")
    # a one-word indefinite complement no list knows: a name ("نادي ليفربول") only when the
    # statistical tagger also tags that word, else a description ("منطقة تبادل", "حكومة ائتلاف")
    needs_tagger: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Head:
    type: str  # ORG or LOC
    needs: str  # name, place, alone or proper (entity_heads.tsv)
    definite: bool  # "القوات الأمريكية": the definite head with an adjective is a name
    whole: bool  # the head is part of the name (محافظة الأنبار), not only a label (مدينة كركوك)
    coordinates: bool  # its name may join two genitives with و: "حزب العدالة والتنمية"
    generic: bool = False  # often followed by a common noun: an unknown one-word complement needs the tagger


@dataclass(frozen=True, slots=True)
class Gazetteer:
    heads: dict[str, Head]  # folded head -> what it opens
    stops: frozenset[str]  # folded words that end a name
    naming: frozenset[str]  # folded adjectives that make a definite head a name
    names: dict[str, list[tuple[tuple[str, ...], str, str]]]  # first word -> [(words, type, canonical)]
    places: frozenset[str]  # search keys of single-word places
    place_prefixes: frozenset[str]  # every beginning (3+ letters, no article) of those words
    ambiguous: frozenset[str]  # names that are also common words: only after a head
    not_heads: frozenset[str]  # folded words that look like a head but are an idiom (بقيادة)
    label_heads: frozenset[str]  # heads that say what kind of group a known name is (تنظيم، حركة)
    idioms: frozenset[tuple[str, str]]  # a name's last word + the next word: no name (مسقط رأسه)
    aliases: dict[str, str]  # name key -> canonical name
    variants: tuple[tuple[str, str], ...]  # folded spelling variant -> standard
    name_tails: frozenset[str] = frozenset()  # folded words that only end a person's name (أوغلو)
    countries: frozenset[str] = frozenset()  # name keys of countries (places.tsv, pycountry)
    club_nouns: frozenset[str] = frozenset()  # folded nouns that name a sports club: "نادي ليفربول"

    def name_key(self, name: str) -> str:
        """The key two spellings of one name share (hamza, ة/ه, أميركية/أمريكية)."""
        key = _NAME_KEYS.get(name)
        if key is None:
            key = self._name_key(name)
            if len(_NAME_KEYS) < 200_000:
                _NAME_KEYS[name] = key
        return key

    def _name_key(self, name: str) -> str:
        words = []
        for w in search_key(name).split():
            for variant, standard in self.variants:
                for prefix in ("", "ال"):
                    if w.startswith(prefix + variant):
                        w = prefix + standard + w[len(prefix + variant):]
            words.append(w)
        return " ".join(words)


_NAME_KEYS: dict[str, str] = {}


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every resource the finder reads, folded once."""
    heads = {fold(r["head"]): Head(r["type"], r["needs"], r["definite"] == "yes", r["span"] == "whole",
                                   r["coordinates"] == "yes", r["generic"] == "yes")
             for r in table("entity_heads.tsv")}
    words = table("entity_words.tsv")

    def kind(*kinds: str, key=fold) -> frozenset:
        return frozenset(key(r["word"]) for r in words if r["kind"] in kinds)

    lex = lexicon()
    stops = set(kind("time", "descriptive", "pronoun")) | {fold(r["name"]) for r in table("weekdays.tsv")}
    stops |= lex.month_words
    for fw in ("particle", "preposition", "verbal_particle", "linker", "opening", "clause_preposition", "negation"):
        stops |= lex.words(fw)
    variants = tuple((fold(r["variant"]), fold(r["standard"])) for r in table("spelling_variants.tsv"))
    empty = Gazetteer(heads, frozenset(stops), kind("naming"), {}, frozenset(), frozenset(), frozenset(),
                      frozenset(), frozenset(), frozenset(), {}, variants)
    names, places, aliases = _listed_names(empty.name_key)
    # (both with and without a leading ال: "ألمانيا" folds to المانيا, whose adjective is الماني)
    bare = [p[2:] if p.startswith("ال") else p for p in places] + [p for p in places if p.startswith("ال")]
    prefixes = frozenset(w[:n] for w in bare for n in range(3, len(w) + 1)) | kind("nationality_stem")
    return Gazetteer(heads, frozenset(stops), kind("naming"), names, places, prefixes,
                     kind("ambiguous", key=search_key),
                     kind("not_head"), kind("label_head"),
                     frozenset(tuple(search_key(r["word"]).split()[:2]) for r in words if r["kind"] == "idiom"),
                     aliases, variants, kind("name_tail"),
                     frozenset(empty.name_key(r["name"]) for r in table("places.tsv") if r["type"] == "country")
                     | {empty.name_key(n) for n in pycountry_names()},
                     kind("club_noun"))


def _listed_names(key_of) -> tuple[dict[str, list], frozenset[str], dict[str, str]]:
    """Gazetteer names by first word (longest first), the words that end a place name, and the
    alias table (name key -> canonical name): places.tsv, pycountry, organisations.txt,
    entity_aliases.tsv."""
    entries: list[tuple[str, str, str]] = []  # (name, type, canonical)
    entries += [(r["name"], "LOC", r["name"]) for r in table("places.tsv") if r["type"] != "water"]
    # seas and rivers are names, but their last words (الأحمر، الجنوبي، المتوسط) make no adjectives
    water = [(r["name"], "LOC", r["name"]) for r in table("places.tsv") if r["type"] == "water"]
    entries += [(name, "LOC", name) for name in pycountry_names()]
    entries += [(name, "ORG", name) for name in word_list("organisations.txt")]
    aliases = {}
    for r in table("entity_aliases.tsv"):
        if r["when"]:
            continue  # "speaker": for the cross-article records only (rasd.link.records)
        entries += [(r["variant"], r["type"], r["canonical"]), (r["canonical"], r["type"], r["canonical"])]
        aliases[key_of(r["variant"])] = r["canonical"]
    names: dict[str, list] = {}
    seen, places = set(), set()
    for name, etype, canonical in entries:
        words = tuple(key_of(name).split())
        if not words or words in seen:
            continue
        seen.add(words)
        names.setdefault(words[0], []).append((words, etype, aliases.get(" ".join(words), canonical)))
        if etype == "LOC":
            places.add(words[-1])
    for name, etype, canonical in water:
        words = tuple(key_of(name).split())
        if words not in seen:
            seen.add(words)
            names.setdefault(words[0], []).append((words, etype, canonical))
    for cands in names.values():
        cands.sort(key=lambda c: -len(c[0]))
    return names, frozenset(places), aliases


@lru_cache(maxsize=65536)
def is_nationality(key: str) -> bool:
    """A folded definite adjective made from a known place: العراقيه (العراق), الامريكيه (امريكا)."""
    g = gazetteer()
    word = g.name_key(key)
    if word.startswith("ال"):
        word = word[2:]
    for ending in ("ييه", "يين", "يون", "يه", "ي"):
        if word.endswith(ending):
            stem = word[: -len(ending)]
            break
    else:
        return False
    if len(stem) < 3:
        return False
    return stem in g.place_prefixes


def _is_word(tok: Token) -> bool:
    return tok.key[:1].isalpha()


def readings(tok: Token) -> tuple[tuple[str, int], ...]:
    """(folded reading, characters of the token before it) for the token with and without its
    proclitics; the offset is -1 when the reading is not a suffix of the token (لل → ال)."""
    out = []
    for r in strip_proclitic(tok.key):
        if len(tok.key) == len(tok.text) and tok.key.endswith(r):
            out.append((r, len(tok.key) - len(r)))
        else:
            out.append((r, 0 if r == tok.key else -1))
    return tuple(out)


_WORTH: dict[str, tuple[tuple[str, int], ...]] = {}  # token text -> readings worth trying


class InstitutionFinder:
    """Scans one article's tokens for organisation and place names."""

    def __init__(self, text: str, tokens: Sequence[Token]):
        self.text = text
        self.tokens = tokens
        self.g = gazetteer()
        # where the article writes ة, a word written with ه ends in a pronoun: "بلده" is "his
        # country", not the head بلدة "town" (fold writes both بلده)
        self.pronoun_ha = "ة" in text

    def find(self) -> list[Found]:
        out: list[Found] = []
        toks = self.tokens
        i, n = 0, len(toks)
        while i < n:
            tok = toks[i]
            worth = _WORTH.get(tok.text)  # most tokens: an empty tuple, cached
            if worth is None:
                worth = self._worth_trying(tok)
            if not worth:
                i += 1
                continue
            best = None
            for reading, offset in worth:
                for cand in (self._gazetteer_at(i, reading, offset), self._head_at(i, reading, offset)):
                    if cand and (best is None or cand[1] > best[1]):
                        best = cand
            if best is None:
                i += 1
                continue
            found, i = best
            out.append(found)
            if second := self.coordinated(found, i):
                out.append(second)
                i += 1
        return out

    def _worth_trying(self, tok: Token) -> tuple[tuple[str, int], ...]:
        """The token's readings that start a gazetteer name or are a head (most are neither)."""
        cache_key = tok.text
        found = _WORTH.get(cache_key)
        if found is None:
            g = self.g
            found = () if not _is_word(tok) or has_tanween(tok.text) else tuple(
                (r, o) for r, o in readings(tok)
                if g.name_key(r) in g.names or r in g.heads or r.startswith("ال") and r[2:] in g.heads)
            if len(_WORTH) < 200_000:
                _WORTH[cache_key] = found
        return found

    def _start(self, tok: Token, offset: int) -> int:
        return tok.start + max(offset, 0)

    def _word_key(self, j: int) -> str | None:
        tok = self.tokens[j]
        if not _is_word(tok) or has_tanween(tok.text):
            return None
        return self.g.name_key(tok.text)

    def _gazetteer_at(self, i: int, reading: str, offset: int, ambiguous_ok: bool = False):
        first = self.g.name_key(reading)
        for words, etype, canonical in self.g.names.get(first, ()):
            if len(words) == 1 and first in self.g.ambiguous and not ambiguous_ok:
                continue
            j = i + 1
            ok = True
            for w in words[1:]:
                if j >= len(self.tokens) or self._word_key(j) != w:
                    ok = False
                    break
                j += 1
            if ok and not (j < len(self.tokens) and (words[-1], self._word_key(j)) in self.g.idioms):
                tok = self.tokens[i]
                return Found(etype, self._start(tok, offset), self.tokens[j - 1].end, canonical,
                             from_gazetteer=True), j
        return None

    def _head_at(self, i: int, reading: str, offset: int):
        heads = self.g.heads
        if self.tokens[i].key in self.g.not_heads:
            return None
        definite = False
        head = heads.get(reading)
        if head is None and reading.startswith("ال") and len(reading) > 3:
            head = heads.get(reading[2:])
            definite = head is not None
        if head is None:
            return None
        if self.pronoun_ha and self.tokens[i].text.endswith("ه"):
            return None
        if definite and not head.definite:
            return None  # "الصحيفة البريطانية" describes a paper, it does not name one
        words = self._complement(i + 1, definite, head.whole, org=head.type == "ORG",
                                 proper=head.needs == "proper", coordinates=head.coordinates)
        tok = self.tokens[i]
        if not words:
            if definite and head.needs == "alone" and offset >= 0:
                return Found(head.type, self._start(tok, offset), tok.end, None), i + 1
            return None
        if head.type == "LOC" and not head.whole:
            # "بمدينة دوسلدورف | الألمانية", "ولاية ميشيغان | الأمريكية": after a label head the
            # name is the place alone; a nationality or a descriptive adjective only describes it
            while len(words) > 1 and (is_nationality(self.tokens[words[-1]].key)
                                      or self.tokens[words[-1]].key in self.g.stops):
                words.pop()
        keys = [self.tokens[j].key for j in words if _is_word(self.tokens[j])]
        if head.needs == "place" and not (keys[0] in self.g.heads and self.g.heads[keys[0]].needs == "place"
                                          and any(self.g.name_key(k) in self.g.places for k in keys)):
            return None  # "شمال شرق سوريا" is a region; "شمال بغداد" is a direction from Baghdad
        adjectives = [k for k in keys if k.startswith("ال")]
        if definite and not (len(adjectives) >= 2 or keys[0] in self.g.naming or is_nationality(keys[0])):
            return None  # القوات العسكرية, التنظيم المتطرف: descriptions
        if not definite and not self._names_something(words):
            return None
        end = self.tokens[words[-1]].end
        start = self._start(tok, offset)
        canonical = self.g.aliases.get(self.g.name_key(self.text[start:end]))
        if canonical is None and not definite:
            # "حركة حماس", "قيادة القاعدة": a known organisation after the head is that organisation
            known = self._gazetteer_at(words[0], keys[0], 0, ambiguous_ok=True)
            if known and known[1] == words[-1] + 1 and known[0].type == "ORG":
                if reading in self.g.label_heads:  # "تنظيم القاعدة", "حركة فتح": the kind, then the name
                    return Found("ORG", start, end, known[0].canonical), known[1]
                return known[0], known[1]
        if not head.whole:
            start = self.tokens[words[0]].start
        unknown = None
        if head.generic and not definite and canonical is None and len(keys) == 1 and self._unknown_word(words[0]):
            unknown = (self.tokens[words[0]].start, end)
        return Found(head.type, start, end, canonical, head.needs == "proper", needs_tagger=unknown), words[-1] + 1

    def _unknown_word(self, j: int) -> bool:
        """An Arabic-script word that is neither definite nor a listed place or name."""
        tok = self.tokens[j]
        key = tok.key
        return not key.isascii() and not key.startswith("ال") and self.g.name_key(key) not in self.g.places \
            and self.g.name_key(key) not in self.g.names

    def coordinated(self, found: Found, next_index: int) -> Found | None:
        """The second complement of a dual head: "وزارتي الدفاع | والداخلية" → وزارة الداخلية."""
        toks = self.tokens
        first = self.text[found.start:found.end].split()
        if len(first) != 2 or next_index >= len(toks):
            return None
        head = fold(first[0])
        if not (head.endswith(("تي", "تا")) and head in self.g.heads):
            return None
        tok = toks[next_index]
        key = tok.key
        if not (key.startswith("وال") and len(key) > 4 and len(key) == len(tok.text)) or key[1:] in self.g.stops:
            return None
        singular = first[0][:-2] + "ة"
        return Found(found.type, tok.start + 1, tok.end, f"{singular} {tok.text[1:]}")

    def _names_something(self, words: list[int]) -> bool:
        """An indefinite complement of one adjective only describes: قوات عراقية، قاعدة عسكرية
        (judged on the written word: نينوى ends in ى, not in the nisba ي)."""
        keys = [self.tokens[j].key for j in words if _is_word(self.tokens[j])]
        if any(k.startswith("ال") for k in keys):
            return True
        last = self.g.name_key(keys[-1])
        if last in self.g.places or last in self.g.names:
            return True
        written = self.tokens[words[-1]].text
        return not (len(keys) == 1 and written.endswith(("ي", "ية", "يون", "يين", "ة")))

    def _complement(self, j: int, definite: bool, whole: bool = True, org: bool = False,
                    proper: bool = False, coordinates: bool = False) -> list[int]:
        """Token indexes of the name after a head, by the construct-chain grammar above
        (after a label head, "مدينة سان فرانسيسكو", and a facility head, "مستشفى فرحات حشاد",
        indefinite words may follow each other; a facility may be named after a titled person,
        "مطار الملك خالد الدولي"). An organisation's name may coordinate its genitives
        ("حزب العدالة والتنمية") and end in a ل-complement ("اللجنة السورية لحقوق الإنسان")."""
        toks, g = self.tokens, self.g
        state = "def" if definite else None
        words: list[int] = []
        while j < len(toks) and len(words) < MAX_COMPLEMENT:
            tok = toks[j]
            if tok.text == "-" and state == "def" and j + 1 < len(toks) and is_nationality(toks[j + 1].key):
                words.append(j)  # "اللجنة العراقية - الأميركية المشتركة"
                j += 1
                continue
            if not _is_word(tok) or self.text[toks[j - 1].end:tok.start] != " ":
                break  # punctuation, a number, or a line break between words
            key = tok.key
            if self.pronoun_ha and tok.text.endswith("ته") and self.g.name_key(key) not in self.g.places:
                break  # "ناحية | بداياته": a noun with a pronoun names nothing
            if words and (key in _COMPLEMENTIZERS or key[:1] == "و" and key[1:] in _COMPLEMENTIZERS):
                break  # "منتخب مصر | إن الفريق جاهز" (but "شبكة إن بي سي" opens with it)
            # (a title in the form of a nisba after a determined word is an adjective: "والشؤون الإعلامية")
            nisba_adjective = state == "def" and words and key.startswith("ال") and key.endswith(("ي", "يه"))
            if key in g.stops or not proper and not nisba_adjective and lexicon().title(key) is not None \
                    or words and key in g.heads and g.heads[key].needs == "place" \
                    or words and j + 1 < len(toks) and (key, toks[j + 1].key) in g.idioms:
                break  # a time word, a title, a compass point or an idiom after a name
                # (كركوك | شمال، أوكسفوردشير | مسقط رأس)
            after_nationality = bool(words) and is_nationality(toks[words[-1]].key)
            if org and state == "def" and (coordinates or not after_nationality):
                if coordinates and key[:3] == "وال" and len(key) > 4 and len(key) == len(tok.text) \
                        and key[3:] not in g.heads and g.name_key(key[1:]) not in g.names \
                        and key[1:] not in g.stops:
                    words.append(j)  # "حزب العدالة والتنمية" (but not "… والقوات الأمريكية")
                    j += 1
                    continue
                if key[:1] == "ل":
                    words += self._lam_complement(j)
                    break
            if words and any(r in g.heads for r in strip_proclitic(key)[1:]):
                break  # "محافظة أربيل | بإقليم كردستان": a second head starts a second name
            if key[:1] == "ل" and key[1:2] not in ("ي", "و") and g.name_key(key) not in g.places \
                    and g.name_key(key) not in g.names:
                break  # لإنهاء، لحفظ: a purpose clause, not the next word of a name (ليبار، لوس are)
            if key.startswith("ال") and len(key) > 3:
                if state == "def" and words and is_nationality(toks[words[-1]].key) \
                        and key not in g.naming and not is_nationality(key):
                    break  # a nationality closes the name: "قوات الأمن العراقية | المواقع"
                words.append(j)
                state = "def"
            else:
                if key[:1] in "وفبلك" and key[1:] in g.stops:
                    break  # "ولاية جندوبة | بكل": a clitic on a function word starts a new phrase
                if key[:1] in "وفبلك" and len(key) > 3 and strip_proclitic(key)[-1] != key:
                    rest = strip_proclitic(key)[-1]
                    if rest.startswith("ال") or rest in g.places:
                        break  # و/ب/ل + a word: a new phrase, not the name's next word
                if state == "def" and not (proper and lexicon().title(toks[j - 1].key) is not None):
                    break  # (a facility's titled namesake goes on: "مطار الملك | خالد")
                if state == "indef" and whole and not proper and g.name_key(key) not in g.places \
                        and key not in g.name_tails and not self._closed_by_definite(j):
                    break
                if proper and len(words) >= 3:
                    break  # a facility's proper name is a few words, not a clause
                words.append(j)
                state = "indef"
            j += 1
        return words

    def _lam_complement(self, j: int) -> list[int]:
        """ل + a genitive that ends an organisation's name: "لحقوق الإنسان", "لكرة القدم",
        "للصليب الأحمر"; not a purpose clause ("لإنهاء مهمة التحالف": no definite word next)."""
        toks, g = self.tokens, self.g
        key = toks[j].key
        if key.startswith("لل") and len(key) > 4 and j + 1 < len(toks) and toks[j + 1].key.startswith("ال"):
            out = [j]  # "للصليب الأحمر" (a bare "للعراق", "للخارج" is where, not a name)
        elif key.startswith("لل") and len(key) > 4 and j + 2 < len(toks) and toks[j + 1].key[:1] == "و" \
                and not toks[j + 1].key[1:3] == "ال" and toks[j + 2].key.startswith("ال") \
                and toks[j + 2].key not in g.stops:
            return [j, j + 1, j + 2]  # "الرئاسة العامة للأرصاد وحماية البيئة": two genitives
        elif j + 1 < len(toks) and toks[j + 1].key.startswith("ال") and len(toks[j + 1].key) > 3 \
                and toks[j + 1].key not in g.stops and self.text[toks[j].end:toks[j + 1].start] == " ":
            out = [j, j + 1]
        else:
            return []
        k = out[-1] + 1
        while k < len(toks) and len(out) < 3 and toks[k].key.startswith("ال") and toks[k].key not in g.stops \
                and self.text[toks[k - 1].end:toks[k].start] == " ":
            out.append(k)
            k += 1
        return out

    def _closed_by_definite(self, j: int) -> bool:
        """Whether a run of indefinite words from ``j`` (a transliterated name, "بايا ليبار")
        ends in a definite word, as a construct chain must ("قاعدة بايا ليبار الجوية")."""
        toks = self.tokens
        for k in range(j, min(j + 3, len(toks))):
            key = toks[k].key
            if not _is_word(toks[k]) or key in self.g.stops or any(r in self.g.heads for r in strip_proclitic(key)):
                return False
            if key.startswith("ال") and len(key) > 3:
                return True
        return False


def find_institutions(text: str, tokens: Sequence[Token]) -> list[Found]:
    """Organisation and place mentions in text order."""
    return InstitutionFinder(text, tokens).find()
