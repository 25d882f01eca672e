"""The article's own date: from metadata, the page's date line, a dateline, or "اليوم الخميس (…)".

``publication_date(text, removed_lines, metadata_published)`` returns
``(iso_date | None, evidence span in text | None, how)``, trying in order:

1. ``metadata``: the date the input carried (feed, JSONL, HTML meta), when it parses.
2. ``date line``: a furniture line the cleaner removed that holds nothing but a full date
   (with year), bullets, a clock time, a weekday or a label like نشر في (``• 4/28/2021``).
   The span is None: the line is no longer in the text. A line that only says when the page
   was updated (آخر تحديث) is used, as ``update line``, when nothing better is found.
3. ``dateline``: a full date right after a place name at the start of a paragraph near the
   top (``بغداد 27 أبريل 2021 (شينخوا)``), or a paragraph that is only a date.
4. ``today pattern``: اليوم/أمس/غدا, often with a weekday, beside a full date in the lead
   (``اليوم الخميس (9 أيلول 2021)``, ``أمس الأربعاء الموافق 8 أيلول 2021``); the date
   minus the word's offset.

Not publication dates: widget and scrape stamps (``Erbil 7°C السبت 23 تشرين الثاني 07:13``:
a temperature, a clock, no year), dates inside the story's sentences, a date without a year.

A weekday written beside the date that contradicts it (``الأربعاء 9 أيلول 2021``, a
Thursday) makes that candidate doubtful: it is used only when another source (any of
2–4) gives the same date; ``how`` then ends in ``", weekday mismatch"``.
Otherwise the next source is tried.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rasd.analyze.dates import DateMention, find_dates, lexicon, numeric_order
from rasd.arabic import fold, search_key
from rasd.clean.source import places
from rasd.model import Span
from rasd.read.dates import to_iso
from rasd.resources import table

_TEMPERATURE = re.compile(r"°|℃|℉|\d\s*[cCfF]\b")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?(?!\d)")  # (with a zone: +0400)
_SOURCE_TAIL = re.compile(r"\s*\|[^|\n]{1,40}$")  # "Wed, 20 Jun 2018 01:01 | alarabia": the page's outlet
_FILLER = re.compile(r"[\s•·|/\\\-–—:،,.()\[\]*]+")
_LEAD_PARAGRAPHS = 6  # a dateline or a today-pattern sits in the first paragraphs
_DATELINE_PLACE_WORDS = 4  # at most this many words before a dateline's date


@dataclass(slots=True)
class _Found:
    value: str
    span: Span | None
    how: str
    weekday_ok: bool = True


def _labels(role: str) -> list[str]:
    words = [fold(r["word"]).lower() for r in table("date_context.tsv") if r["role"] == role]
    return sorted(words, key=len, reverse=True)


def _day_value(m: DateMention) -> bool:
    return m.value is not None and len(m.value) == 10


def _weekday_ok(m: DateMention) -> bool:
    """False when the mention names a weekday that its date does not fall on."""
    lex = lexicon()
    if not _day_value(m):
        return True
    written = [lex.weekdays[k] for k in (" ".join(fold(m.text).split()[:1]),) if k in lex.weekdays]
    if not written:
        return True
    return date.fromisoformat(m.value).isoweekday() == written[0]


def _explicit_day(m: DateMention) -> bool:
    """A full date whose year is written (not inferred from an anchor)."""
    return m.kind == "absolute" and _day_value(m) and m.anchor is None


def _residue(line: str, mentions: list[DateMention]) -> str:
    """What is left of a line without its dates, clock times, weekdays, labels and bullets."""
    rest = line
    for m in sorted(mentions, key=lambda m: -m.span.start):
        rest = rest[:m.span.start] + " " + rest[m.span.end:]
    rest = _CLOCK.sub(" ", rest)
    key = " " + " ".join(fold(_FILLER.sub(" ", rest)).lower().split()) + " "
    lex = lexicon()
    for word in [*lex.weekdays, *_labels("date_label"), *_labels("update_label"), *_labels("clock_word"),
                 *_labels("link")]:
        key = key.replace(f" {word} ", " ")
    return key.strip()


def _date_lines(removed_lines: list[str], order: str | None) -> list[tuple[str, DateMention, bool]]:
    """(line, its date, is an update line) for removed lines that hold only a date.

    The date may be written twice, in both calendars ('13/10/1436هـ الموافق 29/7/2015'), when
    both give the same day.
    """
    out = []
    updates = _labels("update_label")
    for line in removed_lines:
        if line and (m := _only_date(line, find_dates(line, None, order))) is not None:
            key = " ".join(fold(line).lower().split())
            out.append((line, m, any(u in key for u in updates)))
    return out


def _only_date(line: str, mentions: list[DateMention]) -> DateMention | None:
    """The date of a line that holds one date and nothing else but a weekday, a clock with its
    zone, labels, bullets and a "| outlet" tail ("Wed, 20 Jun 2018 01:01:59 +0400 | alarabia")."""
    if len(line) > 120 or _TEMPERATURE.search(line):
        return None
    mentions = [m for m in mentions if m.kind != "duration"]
    full = [m for m in mentions if m.kind == "absolute"]
    if not full or len({m.value for m in full}) != 1 or _residue(_SOURCE_TAIL.sub("", line), mentions):
        return None
    return full[0]


def _ambiguous_readings(line: str) -> list[str]:
    """Both readings of a numeric date that has no evidence for its order."""
    values = []
    for order in ("dmy", "mdy"):
        for m in find_dates(line, None, order):
            if _day_value(m):
                values.append(m.value)
    return sorted(set(values))


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for para in text.split("\n"):
        if para.strip():
            out.append((pos, para))
        pos += len(para) + 1
    return out


@lru_cache(maxsize=64)
def _lead_dates(paragraph: str, order: str | None) -> list[DateMention]:
    """Dates of a lead paragraph, without an anchor (both datelines and today patterns ask)."""
    return find_dates(paragraph, None, order)


def _datelines(text: str, order: str | None) -> list[_Found]:
    """A full date at the head of a lead paragraph, after at most a place name.

    'بغداد 27 أبريل 2021 (شينخوا) ...', 'مكة المكرمة 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس ...',
    or a paragraph that starts with a date. The words before the date must be a known place
    (places.tsv), or the date must be followed by a bracket, dash or colon as datelines are.
    Not 'في 27 أبريل 2021 قال ...' (a preposition: an event's date), nor
    'وأسفرت هجمات 11 سبتمبر/أيلول 2001 عن ...'.
    """
    found = []
    blocked = set(_labels("preposition")) | set(_labels("named_event"))
    for start, para in _paragraphs(text)[:_LEAD_PARAGRAPHS]:
        mentions = _lead_dates(para, order)
        if (m := _only_date(para, mentions)) is not None and _explicit_day(m):  # the page's own date line
            found.append(_Found(m.value, Span.of(text, start + m.span.start, start + m.span.end), "date line",
                                _weekday_ok(m)))
            break
        for i, m in enumerate(mentions):
            before = para[:m.span.start]
            words = re.findall(r"\w+", fold(before))
            if (len(words) > _DATELINE_PLACE_WORDS or re.search(r"[.!?؟،,:\"“”«»]", before)
                    or any(w in blocked or w[:1] in "وفبل" and w[1:] in blocked for w in words)):
                break
            if not _explicit_day(m):
                continue  # a weekday or the Hijri half of a pair: look at the next mention
            after = para[m.span.end:].lstrip()
            nxt = mentions[i + 1] if i + 1 < len(mentions) else None
            # 'CITY 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م': a date in two calendars that agree
            paired = nxt is not None and nxt.value == m.value and \
                re.findall(r"\w+", fold(para[m.span.end:nxt.span.start])) in ([], *([w] for w in _labels("link")))
            if words and search_key(before.strip(" -–—/|")) not in places() \
                    and after[:1] not in tuple("(-–—:/|") and not paired:
                break
            span = Span.of(text, start + m.span.start, start + m.span.end)
            # a paragraph that is only a date is the page's date line ("• 4/28/2021")
            alone = not _residue(para, [m]).strip()
            found.append(_Found(m.value, span, "date line" if alone else "dateline", _weekday_ok(m)))
            break
    return found


def _today_patterns(text: str, order: str | None) -> list[_Found]:
    lex = lexicon()
    found = []
    for start, para in _paragraphs(text)[:_LEAD_PARAGRAPHS]:
        mentions = _lead_dates(para, order)
        for left, right in zip(mentions, mentions[1:]):
            key = fold(left.text).split()
            offset = next((lex.deictic[" ".join(key[:n])] for n in (3, 2, 1) if " ".join(key[:n]) in lex.deictic),
                          None)
            if offset is None or left.kind != "relative" or not _explicit_day(right):
                continue
            gap = fold(para[left.span.end:right.span.start])
            link = re.findall(r"\w+", gap)
            if len(gap) > 20 or not (not link or (len(link) == 1 and link[0] in _labels("link"))):
                continue
            day = date.fromisoformat(right.value)
            # the weekday of "اليوم الخميس" and the date's own weekday must agree
            written = [lex.weekdays[w] for w in (w.strip("()") for w in key) if w in lex.weekdays]
            ok = _weekday_ok(right) and all(day.isoweekday() == w for w in written)
            try:
                value = date.fromordinal(day.toordinal() - offset).isoformat()
            except (ValueError, OverflowError):
                continue
            span = Span.of(text, start + left.span.start, start + right.span.end)
            found.append(_Found(value, span, "today pattern", ok))
    return found


def _close(a: str, b: str) -> bool:
    """b confirms a: the same day, or a page date one or two days after the story's date."""
    d = (date.fromisoformat(a) - date.fromisoformat(b)).days
    return 0 <= d <= 2


def publication_date(text: str, removed_lines: list[str],
                     metadata_published: str | None) -> tuple[str | None, Span | None, str]:
    """The article's own date as (ISO date or None, evidence span or None, how it was found)."""
    if metadata_published:
        iso = to_iso(metadata_published)
        if iso:
            try:
                return date.fromisoformat(iso[:10]).isoformat(), None, "metadata"
            except ValueError:
                pass
    removed_lines = list(removed_lines or [])
    order = numeric_order(text + "\n" + "\n".join(removed_lines))
    in_text = _datelines(text, order) + _today_patterns(text, order)
    lines: list[_Found] = []
    updates: list[_Found] = []
    for line, m, is_update in _date_lines(removed_lines, order):
        if m.value is None:
            # 5/4/2021 with no evidence: take the reading a date in the text confirms, if just one does
            readings = [v for v in _ambiguous_readings(line) if any(_close(v, f.value) for f in in_text)]
            if len(readings) != 1:
                continue
            found = _Found(readings[0], None, "date line")
        elif not _day_value(m):
            continue
        else:
            found = _Found(m.value, None, "date line", _weekday_ok(m))
        if is_update:
            found.how = "update line"
            updates.append(found)
        else:
            lines.append(found)
    candidates = lines + [f for f in in_text if f.how == "date line"] + [f for f in in_text if f.how == "dateline"] + \
        [f for f in in_text if f.how == "today pattern"] + updates
    for c in candidates:
        if c.weekday_ok:
            return c.value, c.span, c.how
        others = [o for o in candidates if o is not c and o.weekday_ok]
        if any(o.value == c.value for o in others):
            return c.value, c.span, c.how + ", weekday mismatch"
    return None, None, "none"
