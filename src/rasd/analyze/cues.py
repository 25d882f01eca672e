"""Speech cues: which words introduce reported speech here, and which only look like it.

A word from ``resources/speech_verbs.tsv`` is a cue unless its context says otherwise:
inside a quotation, an impersonal opener (يذكر أن), a negation (لم تكشف), a source
(حسبما أفادت), a passive verb (كُتب), a verbal noun after a preposition (في كشف), an
adjective after a copula (كان متوقعا), or an ambiguous form (بين "between") without
its content right after it.
"""
from __future__ import annotations

from rasd.analyze.lexicon import Cue, is_negated_complementizer
from rasd.analyze.quoted_text import (CLAUSE_PUNCT, LINKERS, OPENING_WORDS, PARTICLES, PREPOSITIONS,
                                      QUOTE_MARKS, definite_word, passive)
from rasd.arabic import fold, strip_proclitic


class CueRules:
    """Cue recognition for a QuoteFinder (uses ``self.doc``, ``self.people``, ``self._cues``)."""

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
        if cue.pos == "verb" and passive(tok.text):
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
        if prev in CLAUSE_PUNCT or prev == ":" or fold(prev) in LINKERS or fold(prev) in OPENING_WORDS:
            return True
        j = i + 1
        if j < len(doc.tokens) and cue.prep and doc.tokens[j].key == cue.prep:
            j += 1
        if j + 1 < len(doc.tokens) and doc.tokens[j].key in PREPOSITIONS \
                and doc.lex.is_("statement_noun", doc.tokens[j + 1].key):
            j += 2  # "توقع في بيان ألا …"
        elif j < len(doc.tokens) and doc.tokens[j].key in PREPOSITIONS and len(doc.tokens[j].key) > 2:
            j += 1  # "كتب فيها:"
        while j < len(doc.tokens) and doc.tokens[j].text in CLAUSE_PUNCT | {":"}:
            j += 1
        return j < len(doc.tokens) and (doc.lex.is_("complementizer", doc.tokens[j].key)
                                        or is_negated_complementizer(doc.tokens[j].text)
                                        or doc.tokens[j - 1].text == ":")

    def is_impersonal(self, i: int) -> bool:
        return any(r in self.doc.lex.impersonal for r in strip_proclitic(self.doc.tokens[i].key))

    def is_complementizer(self, i: int) -> bool:
        doc = self.doc
        key = doc.tokens[i].key
        if key not in doc.lex.context["complementizer"] and not is_negated_complementizer(doc.tokens[i].text):
            return False
        return not (i > 0 and doc.lex.is_("not_after", doc.tokens[i - 1].key))

    # -- content -----------------------------------------------------------------

    def _relative_clause_verb(self, i: int, cue: Cue) -> bool:
        """A present-tense verb right after an indefinite noun describes that noun."""
        doc = self.doc
        tok = doc.tokens[i]
        if cue.pos != "verb" or tok.key[:1] not in "يت" or i == 0 or doc.boundary_before(i):
            return False
        prev = doc.tokens[i - 1]
        if not prev.key[:1].isalpha() or definite_word(prev.key) or self.people.find(prev.text) \
                or doc.lex.is_("circumstantial", prev.key) \
                or prev.key in PREPOSITIONS or doc.lex.title(prev.key) or prev.key in PARTICLES \
                or prev.key in LINKERS or prev.key in OPENING_WORDS or doc.lex.is_("clause_break", prev.key):
            return False
        # "ترامب يقول إنه ...": a short subject opening the sentence, not a noun being described.
        svo = self.subject_before(i)
        return not (svo and svo[1] == i and i - doc.sentence_start(i) <= 4)
