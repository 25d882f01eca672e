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

from rasd.analyze.cues import CueRules
from rasd.analyze.lexicon import Cue, is_negated_complementizer, lexicon
from rasd.analyze.people import PeopleIndex, Person, given_names, scan_titled_people
from rasd.analyze.quoted_text import (ADVERSATIVE, CLAUSE_OPENERS, CLAUSE_PUNCT, LINKERS, PREPOSITIONS, QUOTE_MARKS,
                                      SENTENCE_END, VERBAL_PARTICLES, QuotedText, Region, agrees, definite_word,
                                      possessed, with_preposition)
from rasd.analyze.speakers import SpeakerRules, again
from rasd.arabic import name_text
from rasd.model import Article, Quote, Span, Speaker

CUE_WINDOW = 45  # tokens between a cue and the start of its content


@dataclass(slots=True)
class _Said:
    """What a cue introduces."""

    kind: str  # direct, indirect, mixed
    start: int
    end: int
    fragments: list[Region]


class QuoteFinder(CueRules, SpeakerRules):
    """Runs the passes over one article."""

    def __init__(self, article: Article):
        self.article = article
        self.doc = QuotedText(article.text)
        self.people = PeopleIndex()
        scan_titled_people(article.text, self.doc.tokens, self.people, skip=self.doc.in_quote)
        self.last: list[tuple[Speaker, Person | None, str]] = []  # (speaker, person, gender)
        self.quotes: list[Quote] = []
        self.consumed: set[int] = set()  # complementizer token indices already used
        self.timeline: list[tuple[int, Speaker]] = []  # (offset, speaker) in text order
        self._cues: dict[int, Cue | None] = {}
        self.phrase_ends: set[int] = set()  # token indices right after a verb's subject phrase

    # -- cues --------------------------------------------------------------------

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
                if j > i + 1 and j + 1 < limit and toks[j + 1].key in ADVERSATIVE:
                    break  # "رفضت الاتهامات، لكن المصرف توقع أن …": another subject's clause
            if cue.prep and tok.key == cue.prep and j + 1 < limit and not self.is_complementizer(j + 1) \
                    and toks[j + 1].start not in doc.region_at_open:
                object_phrase = True
            region = doc.region_at_open.get(tok.start)
            if region is not None:
                usable = not region.used and not in_relative and not doc.is_scare(region)
                if usable and cue.pos in ("participle", "noun") and after_prep and j > first:
                    # "مع الإشارة إلى احتمال ... "يمكن طلبه"": a noun phrase with a quote inside.
                    return _Said("mixed", toks[first].start, region.outer_end, [region]), i + 1
                if usable and region.words <= 2 and not self._closes_sentence(region):
                    j = doc.skip_region(j, region)  # 'وأوضح "القحطاني"، في تصريح، أن …': a quoted subject
                    continue
                if usable and (region.words >= 5 or self._right_after_cue(i, j, after_speaker)):
                    if phrase_end is None:
                        phrase_end = j
                    return _Said("direct", region.start, region.end, [region]), phrase_end
                j = self.doc.skip_region(j, region)
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
            if j > i + 1 and not in_relative and tok.key in doc.lex.words("negation") and j + 1 < limit \
                    and toks[j + 1].key[:1] in "يتن":  # (but "بيزولي الذي لم يشارك في الدراسة، أن")
                break  # "… لكنه لم يخلص إلى أن": the negated verb governs the clause, not this cue
            if tok.text == ":" and phrase_end is None:
                phrase_end = j
                said = self._after_colon(j)
                if said is not None:
                    return said, phrase_end
            j += 1
        return None, phrase_end if phrase_end is not None else j

    def _after_colon(self, c: int) -> _Said | None:
        """"وأضاف: بسبب قوة الضرب …": direct speech after a colon, without quote marks; it runs
        to the end of the paragraph or until the writer's voice resumes."""
        doc = self.doc
        toks = doc.tokens
        k = c + 1
        if k >= len(toks) or doc.boundary_before(k) or toks[k].start in doc.region_at_open \
                or toks[k].text in QUOTE_MARKS or self.is_complementizer(k) or not toks[k].key[:1].isalnum():
            return None
        line_end = doc.text.find("\n", toks[k].start)
        end = doc.recover_end(toks[k].start, len(doc.text) if line_end < 0 else line_end)
        while end > toks[k].start and doc.text[end - 1] in " .،,:":
            end -= 1
        if len(doc.text[toks[k].start:end].split()) < 3:
            return None
        return _Said("direct", toks[k].start, end, [])

    def antecedent(self, i: int) -> tuple[int, int] | None:
        """"المستشار النمساوي سيباستيان كورتز الذي صرّح أن": the phrase a relative pronoun
        right before the verb refers to."""
        doc = self.doc
        toks = doc.tokens
        if i < 2 or not doc.lex.is_("relative", toks[i - 1].key):
            return None
        k = i - 1
        while k > 0 and i - k < 8 and toks[k - 1].key[:1].isalpha() and not doc.boundary_before(k) \
                and toks[k - 1].key not in PREPOSITIONS and not self.cue_at(k - 1):
            k -= 1
            key = toks[k].key
            if (key[0] == "و" and key not in given_names()) or (key[0] in "لب" and not (
                    doc.lex.speaker_noun(key) or doc.lex.title(key) or key in given_names())):
                k += 1  # "… وتأكيدا لموقف | المنظمات الحقوقية التي": the last conjunct, after its preposition
                break
        return (k, i - 1) if k < i - 1 else None

    def _closes_sentence(self, region: Region) -> bool:
        """Whether nothing but punctuation follows a quotation before its sentence ends."""
        toks = self.doc.tokens
        k = next((m for m in range(len(toks)) if toks[m].start >= region.outer_end), len(toks))
        while k < len(toks) and toks[k].text in "،,؛;" and not self.doc.boundary_before(k):
            k += 1
            if k < len(toks) and self.cue_at(k):
                return True  # '"لا"، مضيفا …'
        return k >= len(toks) or self.doc.boundary_before(k) or toks[k].text in ".!؟?"

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
        if is_negated_complementizer(toks[c].text):  # "ألا تتوقف": the negation is part of what was said
            start = toks[c].start + toks[c].text.index("ل")
        first = doc.region_at_open.get(toks[start_index].start)
        if first is not None and not doc.is_scare(first) and first.outer_end >= end:
            return _Said("direct", first.start, first.end, [first])
        # A short quotation opening the clause and followed by more words names something:
        # 'أن «سابك» لن تدخل …', 'أن "مفاوضات ماراثونية" تجري …'.
        fragments = [r for r in doc.regions if start <= r.open and r.outer_end <= end + 1
                     and not doc.is_scare(r) and not (r is first and r.words <= 2)]
        if fragments:
            return _Said("mixed", start, fragments[-1].outer_end, fragments)
        return _Said("indirect", start, end, [])

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
                k = self.doc.skip_region(k, region)
                continue
            if tok.text in CLAUSE_PUNCT and k + 1 < len(toks):
                nxt = k + 1
                if toks[nxt].key in LINKERS and nxt + 1 < len(toks):
                    nxt += 1  # "، لكنها أضافت أن", "، مع الإشارة إلى"
                narration = toks[nxt].key in lex.context["narration"] and nxt + 1 < len(toks) \
                    and toks[nxt + 1].key[:1] not in "يتنأ"  # "، وقد هرعت" (but "، وقد يسببان")
                cue = self.cue_at(nxt)
                # "، مضيفا", "، وأكد" start a new act; a bare finite verb only when speech follows it
                new_act = cue is not None and (cue.pos != "verb" or toks[nxt].key[:1] in "وف"
                                               or self._speech_follows(nxt) or self._subject_after(nxt))
                if new_act or lex.is_("clause_break", toks[nxt].key) or narration \
                        or self._attribution_tag(nxt) or self._new_speaker_after(nxt):
                    break
            elif k > j and tok.key in CLAUSE_OPENERS and self._new_speaker_after(k):
                break  # "… الحالي لكن وسائل الإعلام أوردت أن": another speaker's clause, with no comma
            elif k > j and (cue := self.cue_at(k)) and cue.pos == "participle" and k + 1 < len(toks) \
                    and (self.is_complementizer(k + 1) or toks[k + 1].key == cue.prep):
                break  # "حقوقهم مؤكدا أن": a participle cue with no comma before it
            elif tok.key[:1] == "و" and tok.key[1:] in lex.cues and lex.cues[tok.key[1:]].pos == "verb" \
                    and self.cue_at(k) and (toks[k - 1].text in CLAUSE_PUNCT or self._speech_follows(k)):
                break  # "… وقال إن": a new act (but "معلومات وردت على الجهات": a verb describing a noun)
            k += 1
        while k > j and toks[k - 1].text in CLAUSE_PUNCT | SENTENCE_END | {":", "-", "–"}:
            k -= 1
        return k

    def _speech_follows(self, m: int) -> bool:
        """Whether what cue m says follows it: a complementizer, a quotation or a colon before the
        sentence ends ("، يعتبر أمرا خطيرا" is a predicate, not a new speech act)."""
        doc, toks = self.doc, self.doc.tokens
        for t in range(m + 1, min(m + 10, len(toks))):
            if doc.boundary_before(t):
                return False
            if self.is_complementizer(t) or toks[t].start in doc.region_at_open or toks[t].text == ":":
                return True
        return False

    def _subject_after(self, m: int) -> bool:
        """A verb followed by its own subject, a definite noun or a known name ("، كشفت السلطات
        المصرية عن …"), opens a clause of its own; "، يعتبر أمرا خطيرا" is a predicate."""
        toks = self.doc.tokens
        if m + 1 >= len(toks) or self.doc.boundary_before(m + 1):
            return False
        nxt = toks[m + 1]
        return definite_word(nxt.key) or self.people.find(nxt.text) is not None

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
                if i in self.phrase_ends and toks[i].key[:1] not in "وف":
                    continue  # "ورفض ماكرون كشف تفاصيل …": a verbal noun after a verb and its subject
                svo = self.subject_before(i) or self.clause_subject_before(i) or self.antecedent(i)
                # the subject ends at the verb, or at its particle: "وكانت مصادر فرنسية قد أكدت أن"
                next_to_verb = svo is not None and all(toks[m].key in VERBAL_PARTICLES for m in range(svo[1], i))
                found = self.make_speaker(svo, "explicit", True) if next_to_verb else None
                if found is None:
                    rng = self.speaker_phrase(i, phrase_end)
                    if rng:
                        self.phrase_ends.add(rng[1])
                    # after دعا/طالب/حث … the noun phrase is often the object: only a sure speaker counts
                    found = self.make_speaker(rng, "explicit", said is None or bool(cue.prep)) if rng else None
                if found is None and svo and (next_to_verb or doc.lex.is_("relative", toks[svo[1]].key)
                                              or doc.lex.is_("time_word", toks[svo[1]].key)):
                    found = self.make_speaker(svo, "explicit", said is None)
                if found:
                    found = self._agree(found, cue)
                    speaker = found[0]
                    if not self._inside_quote(toks[i].start):
                        self.last.append(found)  # not one quoted in another's words: "وأضاف" is not theirs
                elif said is not None and i > 0 and doc.lex.is_("circumstantial", toks[i - 1].key):
                    speaker = self.named_before(i - 1, s_start, cue.gender) \
                        or self.sentence_subject(i, s_start, cue.gender)  # "وهو يقول": no later speaker
                elif said is not None:
                    speaker = self.statement_owner(s_start, i) or self.sentence_subject(i, s_start, cue.gender) \
                        or self.implicit(cue.gender, "implicit")
            else:
                speaker = sentence_speaker.get(s_start) or self.opening_verb_subject(s_start, i)
                if speaker is not None and not agrees(speaker.gender, cue.gender):
                    speaker = None  # "وطلبت العفو، مؤكدة أنها": not the man quoted before
                if speaker is not None:
                    speaker = again(speaker, "participle")
                else:
                    speaker = self.implicit(cue.gender, "participle")
            if speaker is not None:
                sentence_speaker[s_start] = speaker
                self.timeline.append((toks[i].start, speaker))
            if said is not None:
                self._add(said, cue_span, speaker)
        self.according_clauses()
        self.orphans()
        self.headline_statement()
        self.quotes.sort(key=lambda q: q.span.start)
        return self.quotes

    def according_clauses(self) -> None:
        """"وبحسب صحيفة تابعة للحزب، فإن ثلاثة أشخاص نجوا": an opening "according to X" and a
        فإن clause report what X said, with no verb of saying."""
        doc, lex = self.doc, self.doc.lex
        toks = doc.tokens
        openers = lex.words("according_to")
        for s in [s for s, t in enumerate(toks) if t.key in openers or t.key[1:] in openers]:
            key = toks[s].key
            if not (s == 0 or doc.boundary_before(s)) or key not in openers and key[0] != "و":
                continue
            k = s + 1
            while k < len(toks) and k - s < 14 and toks[k].key[:1].isalnum() and not doc.boundary_before(k) \
                    and not _fa_inna(toks[k].key):
                k += 1
            if k - s >= 2 and k < len(toks) and _fa_inna(toks[k].key):
                c = k  # "ووفقا للناطق الإعلامي … فإن"
            elif k - s >= 2 and k + 1 < len(toks) and toks[k].text in CLAUSE_PUNCT and _fa_inna(toks[k + 1].key):
                c = k + 1  # "وبحسب صحيفة …، فإن"
            else:
                continue
            if c in self.consumed:
                continue
            a = s + 1
            links, first = lex.words("attribution_link"), toks[a].key
            if a + 1 < k and (first in links or first[:1] in "بل" and first[1:] in links):
                # "وفقا لما أعلنته الحكومة": the speaker comes after the verb
                verb = toks[a + 1].key
                if not (lex.cue(verb) or verb.endswith("ه") and lex.cue(verb[:-1])
                        or verb.endswith("ها") and lex.cue(verb[:-2])):  # أعلنته، أوردتها
                    continue  # "وفقا لما تم تداوله": no one said it
                a += 2
            # (make_speaker skips a statement noun: "وبحسب بيان صادر عن الشرطة" gives the police)
            found = self.make_speaker((a, k), "explicit", True) if a < k else None
            said = self.clause(c)
            if found is not None and said is not None:
                self._add(said, Span.of(self.article.text, toks[s].start, toks[s].end), found[0])

    def _inside_quote(self, offset: int) -> bool:
        """Whether an offset lies inside what a recent quote reports ("معتبرة أن … المنظمات التي أشارت")."""
        return any(q.span.start <= offset < q.span.end for q in self.quotes[-3:])

    def _add(self, said: _Said, cue_span: Span | None, speaker: Speaker | None) -> None:
        """Record what was said as a quote; its quotation marks are used up."""
        for r in said.fragments:
            r.used = True
        text = self.article.text
        fragments = [Span.of(text, r.start, r.end) for r in said.fragments] if said.kind == "mixed" else []
        self.quotes.append(Quote(Span.of(text, said.start, said.end), said.kind, cue_span, speaker, fragments))

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
        while end <= toks[-1] and not with_preposition(self.doc.tokens[end].key, self.doc.lex, ("recipient",)) \
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
            while a < b and (lex.is_("statement_noun", toks[a].key) or possessed(toks[a], self.people)):
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
            elif r.words >= 4 and (doc.boundary_before(k) or k > 0 and toks[k - 1].text == "و"
                                   and doc.boundary_before(k - 1)):
                # a quotation opening its sentence ("… مزمن. و«يوجد نحو 50 ألف تلميذ …»") goes on
                # with the last speaker
                speaker = self.speaker_before(r.open, "continuation")
            else:
                continue
            if speaker is None:
                continue
            r.used = True
            self.quotes.append(Quote(Span.of(self.article.text, r.start, r.end), "direct", cue_span, speaker))


def _fa_inna(key: str) -> bool:
    """فإن، فإنه، فإنها …: the complementizer that answers an opening "according to" phrase."""
    return key[:1] == "ف" and key[1:3] == "ان" and key[1:] in lexicon().context["complementizer"]


def find_quotes(article: Article) -> None:
    """Pipeline stage: add the ``quotes`` layer (and titled people as entities)."""
    finder = QuoteFinder(article)
    article.quotes = finder.run()
    for q in article.quotes:
        if q.speaker is not None and q.speaker.name:
            q.speaker.name = name_text(q.speaker.name)
    article.entities = finder.people.entities()
