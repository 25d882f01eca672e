"""Speakers: who a speech cue's statement belongs to.

The speaker phrase after the verb (VSO), the subject before it (SVO, also inside a
reported clause), a recipient skipped on the way (قال لفرانس برس), names in apposition
(المتحدث باسم …، اللواء …،), the issuer of a statement (بيان صادر عن …), and when the verb
stands alone, the subject of its own sentence or the last speaker of the same gender.
"""
from __future__ import annotations

from rasd.analyze.lexicon import Cue
from rasd.analyze.people import FUNCTION_WORDS, PARTICLES, Person, parse_phrase
from rasd.analyze.quoted_text import (ADVERSATIVE, CLAUSE_OPENERS, CLAUSE_PUNCT, OPENING_WORDS, PREPOSITIONS, QUOTE_MARKS, VERBAL_PARTICLES,
                                      agrees, definite_word, possessed, with_preposition)
from rasd.arabic import Token, fold, is_definite_reading, search_key, strip_proclitic
from rasd.model import Span, Speaker


def again(s: Speaker, resolution: str, gender: str | None = None) -> Speaker:
    """The same speaker, met again and resolved another way."""
    return Speaker(s.name, s.type, s.role, s.mention, s.role_span, resolution,
                   s.gender if gender is None else gender)


class SpeakerRules:
    """Speaker finding for a QuoteFinder (uses ``self.doc``, ``self.people``, ``self.last``,
    ``self.timeline`` and the cue rules)."""

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
        while j + 1 < end and (toks[j].key in lex.words("adverb") or (
                toks[j].key == "من" and toks[j + 1].key in ("جهته", "جانبه", "جهتها", "جانبها")) or (
                lex.is_("time_word", toks[j].key) and (lex.title(toks[j + 1].key) or lex.speaker_noun(toks[j + 1].key)))):
            # "وذكرت أيضا وكالة …", "وقال من جهته الوزير …", "أكد الاثنين الرئيس الإيراني …"
            j += 2 if toks[j].key == "من" else 1
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
                j = self.doc.skip_region(j, region)  # a quoted name: صحيفة "سبق" السعودية، يقول "البنتاغون"
                continue
            if tok.text in QUOTE_MARKS or (not tok.key[:1].isalnum() and tok.text not in "()"):
                break
            if j == start and (tok.key in PREPOSITIONS or tok.key in PARTICLES or lex.is_("time_word", tok.key)
                               or any(c.isdigit() for c in tok.key)  # "أعلنت عام2013 أن"
                               or j + 1 < end and toks[j + 1].key.isdigit()  # "أعلنت عام 2013 أن"
                               or tok.key.startswith("لل") or possessed(tok, self.people)
                               or lex.is_("adjunct", tok.key)
                               or with_preposition(tok.key, lex, ("recipient",))):
                return None
            if lex.is_("adjunct", tok.key):
                break
            if tok.key in PREPOSITIONS and j + 1 < end and (
                    lex.is_("statement_noun", toks[j + 1].key) or lex.is_("time_word", toks[j + 1].key)):
                break
            if with_preposition(tok.key, lex, ("recipient", "statement_noun")):
                break  # "للصحفيين", "لوكالة", "ببيان"
            if tok.key in lex.words("recipient_link") and j + 1 < end and lex.is_("recipient", toks[j + 1].key):
                break
            if tok.key in lex.words("phrase_break"):
                break
            if lex.is_("time_word", tok.key) or lex.is_("relative", tok.key) or self.is_complementizer(j):
                break
            if j > start and self.cue_at(j):
                break
            if tok.key.isdigit() or (j > start and tok.key in VERBAL_PARTICLES):
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
                k = self.doc.skip_region(k, region)
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
                if first and first.name and not first.role and second and second.role and not second.name \
                        and not second.rank and m < end:
                    return start, m  # the name, then its office in commas: "آرسين فينغر، مدرب فريق آرسنال،"
        return start, j

    def subject_before(self, i: int) -> tuple[int, int] | None:
        """SVO: the phrase opening the sentence before a verb that has no و (العراق يؤكد أن)."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        if toks[i].key[:1] in "وف" and toks[i].key[1:] in lex.cues \
                and not (toks[i].key[0] == "ف" and toks[doc.sentence_start(i)].key in ("اما", "واما")):
            return None  # "وقال": a new verb, no subject before it (but "أما روحاني فأكد")
        s = doc.sentence_start(i)
        for m in range(i - 1, s, -1):  # "…، لكن مصرف "باركليز" توقع": the clause after "، لكن" is the sentence
            if toks[m].key in ADVERSATIVE and toks[m - 1].text in CLAUSE_PUNCT \
                    or toks[m].key in CLAUSE_OPENERS:  # or with no comma: "الحالي لكن وسائل الإعلام أوردت"
                s = m + 1
                break
        # Skip background openers: "يذكر أن", "وكان", "ثم".
        k = s
        while k < i:
            key = toks[k].key
            if key in OPENING_WORDS or key in ADVERSATIVE or any(r in lex.impersonal for r in strip_proclitic(key)) \
                    or (k > s and self.is_complementizer(k) and k - s <= 2):
                k += 1
                continue
            break
        if k >= i or toks[k].key in PREPOSITIONS:
            return None
        first = toks[k].key
        if first[:1] in "وف" and not any(is_definite_reading(r) for r in strip_proclitic(first)) \
                and not self.people.find(toks[k].text[1:]) and not lex.speaker_nouns.get(first) \
                and not lex.title(first):  # (but "وكانت وزارة العمل أعلنت": وزارة is no و + زارة)
            return None  # a sentence opening with و/ف + word opens with a verb: no SVO subject
        end = k
        while end < i:
            region = doc.region_at_open.get(toks[end].start)
            if region is not None and region.words <= 3 and end > k:
                end = doc.skip_region(end, region)  # a quoted name in the subject: مصرف "باركليز"
                continue
            if not toks[end].key[:1].isalnum() or lex.is_("relative", toks[end].key) \
                    or lex.is_("time_word", toks[end].key) or toks[end].key in VERBAL_PARTICLES:
                break
            end += 1
        end = min(end, i)
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
        if any(doc.lex.is_("relative", toks[m].key) or toks[m].key in PARTICLES or toks[m].key in OPENING_WORDS
               for m in range(k, i)):  # ("إنها عندما تحدثت": no subject)
            return None
        return k, i

    def make_speaker(self, rng: tuple[int, int], resolution: str,
                     confident_only: bool = False) -> tuple[Speaker, Person | None, str] | None:
        """Who a speaker phrase names: (speaker, the person record, gender), or None."""
        title = self.doc.lex.title(self.doc.tokens[rng[0]].key)
        if title and title.kind == "pronoun":  # "وأضاف سموه": the person named before
            found = self.last_speaker(title.gender)
            return (again(found[0], "anaphor"), found[1], found[2]) if found else None
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
        first = doc.tokens[rng[0]].key
        if rng[1] - rng[0] > 1 and doc.lex.is_("statement_noun", first) and not doc.lex.speaker_noun(first):
            rng = (rng[0] + 1, rng[1])  # "كلمة أردوغان", "تصريحات الوزير": the one who spoke
        phrase = parse_phrase(doc.tokens, *rng, known=self.people)
        if phrase is None:
            return None
        mention = Span.of(text, phrase.start, phrase.end)
        if phrase.kind == "unknown":
            known = self.people.find(mention.text)
            if known:
                return self._speaker_of(known, mention, None, resolution), known, known.gender
            if phrase.honorific and (holder := self.people.by_honorific(phrase.honorific)):
                return self._speaker_of(holder, mention, None, "title"), holder, holder.gender  # "وتابع الشيخ"
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
            if (t := doc.lex.title(doc.tokens[rng[0]].key)) and t.possessed and " " not in role.text:
                return None  # "وقال والدها": a relative of someone, named before if at all
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
        if self.last and gender in ("m", "f") and self.last[-1][2] in ("m", "f") and self.last[-1][0].type == "PER":
            return None  # a man is no "وقالت", a woman no "وقال": the subject is someone not named as a speaker
        return self.last[-1] if self.last else None

    def speaker_before(self, offset: int, resolution: str) -> Speaker | None:
        """The latest speaker named before ``offset``."""
        before = [sp for at, sp in self.timeline if at < offset]
        if not before:
            return None
        return again(before[-1], resolution)

    def implicit(self, gender: str, resolution: str) -> Speaker | None:
        found = self.last_speaker(gender)
        if not found:
            return None
        return again(found[0], resolution, found[2])

    # -- the passes --------------------------------------------------------------

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

    def named_before(self, i: int, s_start: int, gender: str) -> Speaker | None:
        """The person named last before token i in its sentence, whom a pronoun there refers to:
        "يظهر فيه ميا | وهو يقول إنه"."""
        toks, text = self.doc.tokens, self.article.text
        for k in range(i - 1, s_start - 1, -1):
            if self.doc.in_quote[k]:
                continue
            for a in range(max(s_start, k - 2), k + 1):
                person = self.people.find(text[toks[a].start:toks[k].end])
                if person is not None and person.type == "PER" and agrees(person.gender, gender):
                    mention = Span.of(text, toks[a].start, toks[k].end)
                    return self._speaker_of(person, mention, None, "anaphor")
        return None

    def statement_owner(self, s_start: int, i: int) -> Speaker | None:
        """The person whose statement the sentence opens with: "وفي حديث لديميتروف … قال:",
        "خلال لقاء لـX … أكد" (a preposition + a statement noun + ل + the speaker)."""
        toks, text = self.doc.tokens, self.article.text
        k = s_start
        if i - k < 3 or not self.doc.lex.is_("statement_noun", toks[k + 1].key):
            return None
        opener = toks[k].key
        if opener not in PREPOSITIONS and not (opener[:1] == "و" and opener[1:] in PREPOSITIONS):
            return None
        owner = toks[k + 2]
        if owner.key[:1] != "ل" or owner.key.startswith("لل") or len(owner.key) < 4 or not owner.key[1:2].isalpha():
            return None
        rest = owner.text[1:]
        person = self.people.find(rest)
        mention = Span.of(text, owner.start + 1, owner.end)
        if person is not None:
            speaker = self._speaker_of(person, mention, None, "explicit")
        elif self.doc.lex.title(fold(rest)) or fold(rest) in FUNCTION_WORDS or self.doc.lex.speaker_noun(fold(rest)):
            return None  # "في حديث للوزير": a title, resolved elsewhere; "في حديث لها": a pronoun
        else:
            speaker = Speaker(rest, "PER", None, mention, None, "explicit")
        self.last.append((speaker, person, person.gender if person else ""))  # for "وتابع" after it
        return speaker

    def sentence_subject(self, i: int, s_start: int, gender: str) -> Speaker | None:
        """For a verb with no subject of its own, the subject already given in its sentence:
        "تعهدت فيها واشنطن ...، وأكدت أنها", "وحددت قوات الأمن ...، وقالت إن"."""
        if i == s_start:
            return None
        start, here = self.doc.tokens[s_start].start, self.doc.tokens[i].start
        for at, sp in reversed(self.timeline):
            if at >= here:
                continue  # a speaker of a later sentence (quotations without a cue come last)
            if at < start:
                break
            if sp.resolution in ("explicit", "title", "anaphor", "relay") and agrees(sp.gender, gender):
                return again(sp, "implicit")
        found = self.opening_verb_subject(s_start, i)
        if found is None:
            return None
        return again(found, "implicit") if agrees(found.gender, gender) else None

    def opening_verb_subject(self, s_start: int, i: int) -> Speaker | None:
        """The subject after a sentence's opening verb: "وانتقد مرصد ...، ..., معتبرا أن"."""
        toks, lex = self.doc.tokens, self.doc.lex
        while s_start < i - 1 and (toks[s_start].key in OPENING_WORDS or lex.is_("time_word", toks[s_start].key)):
            s_start += 1  # "كما اعتذر موخيكا ..., قائلا", "والثلاثاء أوضحت المسؤولة …، وقالت"
        first = toks[s_start].key
        if self.is_impersonal(s_start) and s_start + 1 < i and self.is_complementizer(s_start + 1):
            # "يذكر أن مايك بومبيو، اجتمع … وقال إن": the subject of the background clause
            k = end = s_start + 2
            while end < i and toks[end].key[:1].isalnum() and toks[end].key not in VERBAL_PARTICLES \
                    and not lex.is_("relative", toks[end].key) and end - k < 8:
                end += 1
            found = self.make_speaker(self.with_apposition(k, end, i), "explicit", True) if end > k else None
            return found[0] if found else None
        # Any undetermined word may be a verb ("أغلقت الولايات المتحدة …، محذرة"): the subject
        # after it must then parse as a confident speaker.
        verb_like = len(first) >= 3 and first not in OPENING_WORDS
        if s_start >= i - 1 or not verb_like or definite_word(first) \
                or any(r in PARTICLES or r in PREPOSITIONS for r in strip_proclitic(first)) \
                or lex.title(first) or self.people.find(toks[s_start].text):
            return None
        rng = self.speaker_phrase(s_start, i)
        phrase = parse_phrase(self.doc.tokens, *rng, known=self.people) if rng else None
        if phrase is not None and phrase.kind == "person" and not (phrase.role or phrase.rank) \
                and not self.people.find(self.doc.text[phrase.start:phrase.end]):
            return None  # after an unknown verb, a bare unknown "name" is as likely its object
        found = self.make_speaker(rng, "explicit", confident_only=True) if rng else None
        if found:
            self.last.append(found)
            return found[0]
        return None
