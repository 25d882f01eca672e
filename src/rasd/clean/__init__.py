"""From a RawDocument to an Article: tidy Unicode, drop page furniture, find the headline.

The cleaned text keeps every line of the article in order, one paragraph per
line with a blank line between paragraphs, and starts with the headline when
there is one, so headline statements have offsets like any other.
"""
from __future__ import annotations

import re

from rasd.clean.furniture import TAG_MAX_WORDS, is_body_line, is_tag_line, keep_lines
from rasd.clean.source import find_source
from rasd.clean.teasers import trailing_teasers
from rasd.clean.unicode import tidy
from rasd.model import Article, Span, content_hash
from rasd.read.base import RawDocument

HEADLINE_MAX_WORDS = 25
_ENDS_SENTENCE = re.compile(r"[.!؟?:]\W*$")


def looks_like_headline(line: str) -> bool:
    """A short line that does not end as a sentence does."""
    n = len(line.split())
    return 2 <= n <= HEADLINE_MAX_WORDS and not _ENDS_SENTENCE.search(line)


def clean(raw: RawDocument) -> Article:
    """Clean one raw document into an Article (no analysis layers yet)."""
    lines = tidy(raw.text).split("\n")
    keep = keep_lines(lines)
    paragraphs = [ln.strip() for ln, k in zip(lines, keep) if k and ln.strip()]
    removed = [ln.strip() for ln, k in zip(lines, keep) if not k]

    # Section labels and breadcrumbs above the headline ("سياسة", "أخبار العراق").
    while raw.has_title_line and not raw.title and len(paragraphs) > 2 and is_tag_line(paragraphs[0]) \
            and looks_like_headline(paragraphs[1]) and len(paragraphs[1].split()) > TAG_MAX_WORDS \
            and not is_body_line(paragraphs[1]):
        removed.append(paragraphs.pop(0))

    title = tidy(raw.title).strip() if raw.title else None
    if title:
        title = " ".join(title.split())
    if title and paragraphs and paragraphs[0] == title:
        pass  # the text already opens with its headline
    elif title:
        paragraphs.insert(0, title)
    elif raw.has_title_line and paragraphs and looks_like_headline(paragraphs[0]) \
            and len(paragraphs) > 1:
        title = paragraphs[0]

    body_start = 1 if title else 0
    rest = paragraphs[body_start:]
    first_body = next((i for i, p in enumerate(rest) if is_body_line(p)), len(rest))
    head, body = rest[:first_body], rest[first_body:]
    teasers = trailing_teasers(title, body)
    if teasers:  # other stories' leads run on at the foot of the page
        removed.extend(body[-teasers:])
        del paragraphs[-teasers:], body[-teasers:]
    text = "\n\n".join(paragraphs)
    source = raw.source or find_source(head, body, text)
    article_id = raw.id or content_hash(title, text)[:16]
    return Article(
        id=article_id,
        doc=raw.doc,
        text=text,
        title=title,
        published=raw.published,
        source=source,
        url=raw.url,
        path=raw.path,
        title_span=Span.of(text, 0, len(title)) if title else None,
        removed=removed,
    )
