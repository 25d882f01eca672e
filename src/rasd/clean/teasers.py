"""Teasers of other stories at the foot of an article.

Some outlets close a page with the opening paragraphs of other stories (CNN Arabic's
"related stories" run on as plain paragraphs, with no heading to drop them by). Such a
paragraph is the lead of another report, so three conventions of news writing tell it
from the article's own closing paragraphs:

* it opens the way a lead does, not the way a continuation does: no conjunction و,
  no "كما", "من جهته", "يذكر أن" (``resources/paragraph_openers.tsv``);
* it shares few content words with the article's headline and lead paragraph;
* a lead names the day of its event right after the subject ("قالت الصين، الثلاثاء، إنها")
  or opens with a dateline ("دبي، الإمارات العربية المتحدة (CNN)-- تسعى"), and at least one
  paragraph of the run does. Above such a run, a paragraph written as a lead goes with it
  even when it shares the article's words: a teaser of a related story.

Only a run of two or more such paragraphs at the very end is dropped: one unrelated
closing paragraph is more often background than a teaser.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rasd.analyze.lexicon import lexicon
from rasd.arabic import fold, search_key
from rasd.resources import table
from rasd.store.searchtext import word_terms

MIN_RUN = 2
MIN_WORDS = 15  # a lead is one long sentence; a list item (a "this day in history" entry) is short
MAX_SHARED = 0.2  # share of a paragraph's content words also in the headline or lead
LEAD_WORDS = 14  # where a lead names its day: "أعلنت الشرطة الهولندية، الجمعة، …"


@lru_cache(maxsize=1)
def _openers() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """Continuation openers (as word tuples), and words whose initial و is not the conjunction."""
    rows = table("paragraph_openers.tsv")
    continuation = tuple(tuple(search_key(r["words"]).split()) for r in rows if r["kind"] == "continuation")
    waw_verbs = {search_key(r["words"]) for r in rows if r["kind"] == "waw_verb"}
    return continuation, frozenset(waw_verbs | lexicon().context["waw_noun"])


@lru_cache(maxsize=1)
def _function_terms() -> frozenset[str]:
    """Terms too common to tie a paragraph to a story: function words, speech verbs, days, months."""
    words = [r["word"] for r in table("function_words.tsv")]
    words += [r["form"] for r in table("speech_verbs.tsv")]
    words += [r["name"] for r in table("weekdays.tsv")]
    words += [r["name"] for r in table("months.tsv")]
    return frozenset(t for w in words for t in word_terms(w))


@lru_cache(maxsize=1)
def _day_after_subject() -> re.Pattern[str]:
    days = "|".join(sorted({fold(r["name"]) for r in table("weekdays.tsv")}, key=len, reverse=True))
    # "، الثلاثاء،", "، صباح الأحد،", "، الجمعة الماضية،"
    return re.compile(rf"[،,]\s*(?:\S+\s+)?(?:{days})(?:\s+\S+)?\s*[،,]")


# "دبي، الإمارات العربية المتحدة (CNN)-- تسعى", "بيروت (رويترز) - قال": a report's dateline.
_DATELINE = re.compile(r"\)\s*[-–—]")
_LEAD = re.compile(rf"\s*(?:\S+\s*){{0,{LEAD_WORDS}}}")


def _lead_end(text: str) -> int:
    """Where the first LEAD_WORDS words of a paragraph end."""
    return _LEAD.match(text).end()


def content_terms(text: str) -> set[str]:
    """A paragraph's content-word stems, its dateline left out (every report of a desk shares it)."""
    dateline = _DATELINE.search(text, 0, _lead_end(text))
    if dateline:
        text = text[dateline.end():]
    stop = _function_terms()
    return {t for t in word_terms(text) if len(t) >= 3 and not t.isdigit() and t not in stop}


def continues_story(paragraph: str) -> bool:
    """Whether a paragraph opens as a continuation of the story before it."""
    words = search_key(paragraph).split()
    if not words:
        return False
    continuation, waw_initial = _openers()
    if words[0][0] == "و" and words[0] not in waw_initial:
        return True  # the conjunction (ف opens too many words of its own: في، فاز، فرنسا)
    return any(tuple(words[:len(o)]) == o for o in continuation)


def opens_as_lead(paragraph: str) -> bool:
    """A report's first paragraph: its dateline, or its day right after the subject."""
    lead = paragraph[:_lead_end(paragraph)]
    return bool(_DATELINE.search(lead) or _day_after_subject().search(fold(lead)))


def _is_other_lead(paragraph: str, story: set[str]) -> bool:
    if continues_story(paragraph) or len(paragraph.split()) < MIN_WORDS:
        return False
    terms = content_terms(paragraph)
    return bool(terms) and len(terms & story) / len(terms) < MAX_SHARED


def trailing_teasers(headline: str | None, body: list[str]) -> int:
    """How many paragraphs at the end of ``body`` are leads of other stories (0 if none)."""
    if len(body) < MIN_RUN + 1:
        return 0
    story = content_terms(headline or "") | content_terms(body[0])
    run = 0
    for paragraph in reversed(body[1:]):
        if not _is_other_lead(paragraph, story):
            break
        run += 1
    if run < MIN_RUN or not any(opens_as_lead(p) for p in body[len(body) - run:]):
        return 0
    # Teasers of related stories share the article's words; written as leads, they go too.
    while run < len(body) - 1 and not continues_story(body[-run - 1]) and opens_as_lead(body[-run - 1]):
        run += 1
    return run
