"""Properties that hold for any input: spans point at their own text, nothing crashes."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.analyze.quote_marks import QUOTE_MARKS, find_pairs
from rasd.pipeline import analyze_document
from rasd.read.base import RawDocument

WORDS = ["قال", "وقال", "وأضاف", "مضيفا", "أن", "إن", "بأن", "الوزير", "المتحدث", "باسم", "الحكومة",
         "اللواء", "تحسين", "الخفاجي", "مصادر", "نقلت", "عن", "قوله", "في", "تصريح", "داعش", "العراق",
         "يؤكد", "أكدت", "الشرطة", "ونفى", "مؤكداً", "المسؤول", "وكُتب", "الذي", "اليوم", "لم", "سوى"]
MARKS = sorted(QUOTE_MARKS) + ["،", ":", ".", "؟", "(", ")", "\n", "\n\n", "ـ", "\u00a0", "\u200f"]
pieces = st.lists(st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKS), st.text(max_size=4)),
                  max_size=80)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces)
def test_every_span_is_its_own_text(parts):
    text = " ".join(parts)
    article = analyze_document(RawDocument(path="p", doc="p", text=text, has_title_line=True))
    body = article.text
    for q in article.quotes:
        assert body[q.span.start:q.span.end] == q.text
        assert q.text.strip()
        for span in [q.cue, *(q.fragments or [])]:
            if span is not None:
                assert body[span.start:span.end] == span.text
        if q.speaker is not None:
            for span in (q.speaker.mention, q.speaker.role_span):
                if span is not None:
                    assert body[span.start:span.end] == span.text
    for e in article.entities:
        for span in e.mentions + e.roles:
            assert body[span.start:span.end] == span.text
    if article.title_span:
        assert body[article.title_span.start:article.title_span.end] == article.title


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(QUOTE_MARKS) + list("اب جد\n،.")), max_size=60))
def test_quote_pairs_are_ordered_and_inside_one_line(text):
    pairs = find_pairs(text)
    for p in pairs:
        assert text[p.open] in QUOTE_MARKS
        if p.closed:
            assert p.open < p.close and "\n" not in text[p.open:p.close]
            assert text[p.close] in QUOTE_MARKS
    opens = [p.open for p in pairs]
    assert opens == sorted(opens)
