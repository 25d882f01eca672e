"""Page furniture: tell the lines of the web page from the lines of the article.

Scraped pages carry widgets (weather, clock, view counters), share labels,
comment boxes, subscription prompts, "Related Posts" and tag lines around the
article. The cues live in ``resources/furniture.tsv``; the rules here are
about *where* a line sits and what it looks like:

* a line matching a cue is furniture wherever it is;
* a line with no letters at all (bullets, counters, bare times) is furniture;
* a short line in Latin script only ("news-picture") is furniture;
* a line made only of date and time words is a timestamp widget;
* after the last paragraph of the body, short unpunctuated lines are tags;
* the page head may be copied twice: exact repeats there are dropped.

Every other line is kept, including short quoted lines inside the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rasd.arabic import fold, search_key
from rasd.resources import table

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile("[A-Za-z]")
_SENTENCE_END = re.compile(r"[.!?؟…:\"”“»)]\s*$")
_QUOTE_MARK = re.compile("[\"“”«»„‟]")
# Words of a clock or "posted 3 hours ago" widget, besides weekday and month names.
_STAMP_FILLER = {"am", "pm", "gmt", "utc", "ص", "م", "الساعه", "بتوقيت", "مساء", "صباحا", "منذ", "قبل",
                 "ساعه", "ساعات", "دقيقه", "دقائق", "يوم", "ايام", "اسبوع"}

_YEAR = re.compile(r"(?<!\d)(?:1[3-9]|20)\d\d(?!\d)")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
BODY_MIN_WORDS = 12


def _is_dated(line: str) -> bool:
    """A date with its year and no clock time: the page's date line, not a widget."""
    return bool(_YEAR.search(line)) and not _CLOCK.search(line)  # a line this long is article prose, not page chrome
TAG_MAX_WORDS = 3


@dataclass(frozen=True, slots=True)
class _Cues:
    lines: frozenset[str]
    prefixes: tuple[tuple[str, int], ...]
    patterns: tuple[tuple[re.Pattern[str], int], ...]
    longest: int  # the most words any cue allows in a line
    prefixes_by_word: dict[str, tuple[tuple[str, int], ...]]  # first word -> prefixes


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    lines, prefixes, patterns = set(), [], []
    for row in table("furniture.tsv"):
        max_words = int(row["max_words"] or 0)
        if row["kind"] == "line":
            lines.add(search_key(row["cue"]))
        elif row["kind"] == "prefix":
            prefixes.append((search_key(row["cue"]), max_words or 12))
        elif row["kind"] == "regex":
            patterns.append((re.compile(row["cue"]), max_words or 12))
    longest = max([w for _, w in prefixes + patterns] + [max(len(c.split()) for c in lines)])
    by_word: dict[str, list[tuple[str, int]]] = {}
    for prefix, max_words in prefixes:
        by_word.setdefault(prefix.split(" ", 1)[0], []).append((prefix, max_words))
    return _Cues(frozenset(lines), tuple(prefixes), tuple(patterns), longest,
                 {w: tuple(v) for w, v in by_word.items()})


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    words = {search_key(r["name"]) for r in table("weekdays.tsv")}
    for row in table("months.tsv"):
        words.update(search_key(row["name"]).split())
    return frozenset(words | _STAMP_FILLER)


def _letters_only_key(line: str) -> str:
    """The line's words without digits: 'التعليقات (0)' → 'التعليقات'."""
    return " ".join(w for w in search_key(line).split() if not w.isdigit())


def matches_cue(line: str) -> bool:
    """Whether a line is a known piece of furniture (resources/furniture.tsv)."""
    cues = _cues()
    n_words = len(line.split())
    if n_words > cues.longest:
        return False  # no cue matches a line this long: skip the work on body paragraphs
    key = _letters_only_key(line)
    if key in cues.lines:
        return True
    for prefix, max_words in cues.prefixes_by_word.get(key.split(" ", 1)[0], ()):
        if n_words <= max_words and (key == prefix or key.startswith(prefix + " ")):
            return True
    return any(n_words <= max_words and pat.search(line) for pat, max_words in cues.patterns)


def is_timestamp(line: str) -> bool:
    """A line made only of dates, times, weekday and month names (a clock widget).

    A bare full date with its year and no clock ("• 4/28/2021") is the page's own date
    line and stays in the text: it is where the article states when it was published."""
    if len(line) > 80 or not any(ch.isdigit() for ch in line):
        return False
    if _is_dated(line):
        return False
    words = [w for w in search_key(line).split() if not w.isdigit()]
    dates = _date_words()
    return all(w in dates for w in words)


def looks_like_furniture(line: str) -> bool:
    """Furniture recognisable from the line alone, wherever it stands."""
    stripped = line.strip()
    if not _LETTER.search(stripped):
        # bullets, counters, bare times: "• 3", "00:00" (but not a dated line: "• 4/28/2021")
        return not (_NUMERIC_DATE.search(stripped) and _is_dated(stripped))
    if matches_cue(stripped):
        return True
    if is_timestamp(stripped):
        return True
    n_words = len(stripped.split())
    if not _ARABIC_LETTER.search(stripped) and _LATIN_LETTER.search(stripped) and n_words <= 3 \
            and not _QUOTE_MARK.search(stripped):
        return True  # "news-picture": a Latin-script label in an Arabic page
    return False


def is_body_line(line: str) -> bool:
    """Article prose: a long line, or a sentence that ends like one."""
    n_words = len(line.split())
    return n_words >= BODY_MIN_WORDS or (n_words >= 4 and bool(re.search(r"[.!؟?]\W*$", line)))


def is_tag_line(line: str) -> bool:
    """A short unpunctuated label: what tag lists and section names look like."""
    return (len(line.split()) <= TAG_MAX_WORDS and not _SENTENCE_END.search(line)
            and not _QUOTE_MARK.search(line))


def keep_lines(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to the article (blank lines: True)."""
    keep = [True] * len(lines)
    body = [i for i, ln in enumerate(lines) if ln.strip() and is_body_line(ln.strip())
            and not looks_like_furniture(ln)]
    first_body = body[0] if body else len(lines)
    last_body = body[-1] if body else -1
    seen_head: set[str] = set()
    for i, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if looks_like_furniture(line):
            keep[i] = False
        elif i < first_body:
            # The page head is sometimes copied twice: headline, subheadline, widgets.
            key = fold(line)
            if key in seen_head:
                keep[i] = False
            seen_head.add(key)
        elif i > last_body and is_tag_line(line):
            keep[i] = False
    return keep
