"""Temporal expressions in Arabic news text, resolved to ISO dates — never invented.

``find_dates(text, anchor)`` finds absolute dates (``27 أبريل 2021``, ``9 أيلول 2021``,
``الحادي والثلاثين من ديسمبر / كانون الأول عام 2021``, ``17/11/1436هـ``, ``عام 2019``),
relative ones (``اليوم``, ``أمس``, ``العام الماضي``, ``نهاية شهر كانون الأول القادم``,
``التاسع من ابريل الجاري``), weekdays (``الخميس``, ``الأحد الماضي``) and durations
(``ثلاثة أيام``, ``العامين الماضيين``).

Each mention's ``value`` is an ISO string at the granularity the text supports
(``2021``, ``2021-12`` or ``2021-12-31``) or None. Relative expressions are resolved
against ``anchor`` (the article's own date) and are None without one. Nothing is
guessed: a numeric date whose day/month order no evidence settles is None, a Hijri
month that straddles two Gregorian months gives only the year (or None), a week gives
the month only when the whole week lies in it.

Pure regular expressions and dictionaries over a folded copy of the text (hamza, ى/ي,
ة/ه, diacritics and tatweel ignored; Eastern Arabic digits read as Western). All
Arabic words live in resource files: months.tsv, weekdays.tsv, ordinals.tsv,
relative_dates.tsv and date_context.tsv.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from rasd.analyze import hijri
from rasd.arabic import DIACRITICS, fold
from rasd.model import Span
from rasd.resources import table

KINDS = ("absolute", "relative", "weekday", "duration")


@dataclass(slots=True)
class DateMention:
    """A temporal expression: where it is, what it means, and how that was decided."""

    span: Span
    value: str | None  # YYYY, YYYY-MM or YYYY-MM-DD; None when the text does not fix it
    kind: str  # absolute, relative, weekday, duration
    anchor: str | None = None  # ISO date a relative value was computed from
    calendar: str = "gregorian"  # the calendar the text used: gregorian or hijri

    @property
    def text(self) -> str:
        return self.span.text

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.span.text, "start": self.span.start, "end": self.span.end,
                "value": self.value, "kind": self.kind, "anchor": self.anchor}


# --------------------------------------------------------------------------- lexicon

def _key(words: str) -> str:
    """Lookup key of a matched or listed phrase: folded, one space between words."""
    k = " ".join(fold(words).split())
    if k.startswith("لل") and len(k) > 3:  # للعام = ل + العام
        k = "ا" + k[1:]
    return k


def _ord_key(words: str) -> str:
    """Number words are looked up without spaces: 'الحادي و العشرين' = 'الحادي والعشرين'."""
    return "".join(fold(words).split())


def _alt(words, lil: bool = False) -> str:
    """One regex alternative for a list of words, longest first, on folded text."""
    pats = set()
    for w in words:
        parts = []
        for tok in fold(w).split():
            if tok.startswith("وال") and len(tok) > 4:  # 'والعشرين' may be written 'و العشرين'
                parts.append(r"و\s*" + re.escape(tok[1:]))
            else:
                parts.append(re.escape(tok))
        p = r"\s+".join(parts)
        if lil and p.startswith("ال"):
            p = "(?:ال|لل)" + p[2:]
        if p:
            pats.add(p)
    return "(?:" + "|".join(sorted(pats, key=lambda p: (-len(p), p))) + ")"


@dataclass(frozen=True, slots=True)
class _Lexicon:
    months: dict[str, tuple[int, str, bool]]  # key -> (month, calendar, strict)
    weekdays: dict[str, int]  # key -> ISO weekday
    ordinals: dict[str, int]
    cardinals: dict[str, int]
    deictic: dict[str, int]
    direction: dict[str, int | None]
    this: frozenset[str]
    periods: dict[str, tuple[str, str]]  # key -> (unit, count: '1', '2' or 'n')
    units: dict[str, tuple[str, int | None]]
    parts: dict[str, str]
    ago: dict[str, int]
    vague: frozenset[str]
    context: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    months = {}
    for r in table("months.tsv"):
        months[_key(r["name"])] = (int(r["month"]), r["calendar"], r.get("context") == "strict")
    weekdays = {_key(r["name"]): int(r["weekday"]) for r in table("weekdays.tsv")}
    ordinals, cardinals = {}, {}
    for r in table("ordinals.tsv"):
        (ordinals if r["kind"] == "ordinal" else cardinals)[_ord_key(r["word"])] = int(r["value"])
    rel: dict[str, dict[str, tuple[str, str]]] = {}
    for r in table("relative_dates.tsv"):
        rel.setdefault(r["role"], {})[_key(r["word"])] = (r["value"], r["unit"])
    context: dict[str, set[str]] = {}
    for r in table("date_context.tsv"):
        context.setdefault(r["role"], set()).add(_key(r["word"]))
    g = rel.get
    return _Lexicon(
        months=months,
        weekdays=weekdays,
        ordinals=ordinals,
        cardinals=cardinals,
        deictic={k: int(v) for k, (v, _) in g("deictic", {}).items()},
        direction={k: (int(v) if v else None) for k, (v, _) in g("direction", {}).items()},
        this=frozenset(g("this", {})),
        periods={k: (u, v) for k, (v, u) in g("period", {}).items()},
        units={k: (u, int(v) if v else None) for k, (v, u) in g("unit", {}).items()},
        parts={k: v for k, (v, _) in g("part", {}).items()},
        ago={k: int(v) for k, (v, _) in g("ago", {}).items()},
        vague=frozenset(g("vague", {})),
        context={k: frozenset(v) for k, v in context.items()},
    )


def _ctx(role: str) -> frozenset[str]:
    return lexicon().context.get(role, frozenset())


@dataclass(frozen=True, slots=True)
class _Patterns:
    date_text: re.Pattern[str]
    date_single: re.Pattern[str]  # the same without a second (dual) month name
    numeric: re.Pattern[str]
    year: re.Pattern[str]
    deictic: re.Pattern[str]
    period: re.Pattern[str]
    weekday: re.Pattern[str]
    duration: re.Pattern[str]
    vague: re.Pattern[str]
    series_after: re.Pattern[str]  # a year followed by another one: 2002 و2003، 1949-1952
    series_before: re.Pattern[str]  # a year preceded by another one


PROCLITIC = r"(?<!\w)(?:[وف]?[بلك]?)"
_QUOTES = "\"'“”«»„‘’"


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    lex = lexicon()
    src = {r["role"]: [] for r in table("relative_dates.tsv")}
    for r in table("relative_dates.tsv"):
        src[r["role"]].append(r["word"])
    ctx_src: dict[str, list[str]] = {}
    for r in table("date_context.tsv"):
        ctx_src.setdefault(r["role"], []).append(r["word"])
    month = _alt([r["name"] for r in table("months.tsv")])
    wd = _alt([r["name"] for r in table("weekdays.tsv")])
    ordinal = _alt([r["word"] for r in table("ordinals.tsv") if r["kind"] == "ordinal"])
    cardinal = _alt([r["word"] for r in table("ordinals.tsv") if r["kind"] == "cardinal"])
    era = _alt(ctx_src["era_hijri"] + ctx_src["era_gregorian"])
    year_noun = _alt(ctx_src["year_noun"], lil=True)
    month_noun = _alt(ctx_src["month_noun"])
    link = _alt(ctx_src["link"])
    of = _alt(ctx_src["of"])
    rng = _alt(ctx_src["range"])
    direction = _alt(src["direction"])
    part = _alt(src["part"])
    this = _alt(src["this"])
    period = _alt(src["period"], lil=True)
    unit = _alt(src["unit"])
    ago = _alt(src["ago"])
    deictic = _alt(src["deictic"])
    vague = _alt(src["vague"])

    wd_prefix = rf"(?:(?P<wd>{wd})\s*[،,]?\s*(?:{link}\s+)?)?"
    part_prefix = rf"(?:(?P<part>{part})\s+(?:{of}\s+)?)?"
    day = rf"(?:(?P<day>(?<![\d/.:\-])\d{{1,2}}(?![\d/:]|[.\-]\d)|{ordinal})\s*(?:{of}\s+)?)?"
    year_tail = (rf"(?:\s*[،,]?\s*(?:(?:{of}\s+)?(?P<yn>{year_noun})\s+)?(?<!\d)(?P<year>\d{{4}})(?!\d)"
                 rf"(?:\s*(?P<era>{era})(?!\w))?)?")
    dir_tail = rf"(?:\s+(?P<dir>{direction})(?!\w))?"
    dual = rf"(?:\s*[/\\|\-–—]\s*(?P<m2>{month})(?!\w)|\s*\(\s*(?P<m3>{month})\s*\))?"

    def date_re(with_dual: bool) -> re.Pattern[str]:
        return re.compile(
            PROCLITIC + r"(?P<core>" + wd_prefix + part_prefix + day + rf"(?:(?P<mn>{month_noun})\s+)?"
            + rf"(?P<m1>{month})(?!\w)" + (dual if with_dual else "") + year_tail + dir_tail + ")")

    numeric = re.compile(
        PROCLITIC + r"(?P<core>" + wd_prefix
        + r"(?<![\d/.\-])(?P<a>\d{1,4})(?P<s>[/.\-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{1,4})(?!\d|[/.\-]\d)"
        + rf"(?:\s*(?P<era>{era})(?!\w))?)")
    year = re.compile(
        PROCLITIC + r"(?P<core>" + part_prefix + rf"(?:(?P<yn>{year_noun})\s+)?"
        + rf"(?<![\d.,/:\-])(?P<year>\d{{4}})(?![\d]|[.,]\d)(?:\s*(?P<era>{era})(?!\w))?)")
    deictic_re = re.compile(
        PROCLITIC + rf"(?P<core>(?P<dx>{deictic})(?!\w)"
        + rf"(?:\s*[،,]?\s*(?:\(\s*(?P<wdp>{wd})\s*\)|(?P<wd>{wd})(?!\w)))?)")
    period_re = re.compile(
        PROCLITIC + rf"(?P<core>(?:(?P<part>{part})\s+)?(?:(?P<this>{this})\s+)?(?P<per>{period})(?!\w)"
        + dir_tail + ")")
    weekday_re = re.compile(PROCLITIC + rf"(?P<core>(?P<wd>{wd})(?!\w)" + dir_tail + ")")
    number = rf"(?:\d+(?:[.,٫]\d+)?|{cardinal}(?:\s+و\s*{cardinal})?)"
    duration_re = re.compile(
        PROCLITIC + rf"(?P<core>(?:(?P<ago>{ago})\s+)?(?:(?P<num>{number})\s+)?(?P<unit>{unit})(?!\w)(?!\s*\d))")
    vague_re = re.compile(PROCLITIC + rf"(?P<core>{vague})(?!\w)")
    link_years = rf"(?:[-–—/]|و|{rng})"
    series_after = re.compile(rf"\s*{link_years}\s*\d{{4}}(?!\d)")
    series_before = re.compile(rf"(?<!\d)\d{{4}}\s*(?:{link_years}|[،,])\s*(?:[وف]?[بلك]?)$")
    return _Patterns(date_re(True), date_re(False), numeric, year, deictic_re, period_re, weekday_re,
                     duration_re, vague_re, series_after, series_before)


# --------------------------------------------------------------------------- values

def _iso_year(y: int) -> str | None:
    return f"{y:04d}" if 1 <= y <= 9999 else None


def _iso_month(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= y <= 9999 and 1 <= m <= 12 else None


def _gdate(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _common(a: date | None, b: date | None) -> str | None:
    """The most precise ISO value true of every day from a to b."""
    if a is None or b is None:
        return None
    if a == b:
        return a.isoformat()
    if (a.year, a.month) == (b.year, b.month):
        return _iso_month(a.year, a.month)
    if a.year == b.year:
        return _iso_year(a.year)
    return None


def _shift_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + n
    return t // 12, t % 12 + 1


def _hijri_month_value(y: int, m: int, d: int | None) -> str | None:
    if d is not None:
        g = hijri.to_gregorian(y, m, d)
        return g.isoformat() if g else None
    rng = hijri.month_range(y, m)
    return _common(*rng) if rng else None


def _nearest_weekday(target: date, weekday: int, reach: int = 3) -> date | None:
    """The day nearest ``target`` (within ``reach`` days) that falls on ``weekday``."""
    for delta in sorted(range(-reach, reach + 1), key=lambda x: (abs(x), x)):
        d = _shift_days(target, delta)
        if d is not None and d.isoweekday() == weekday:
            return d
    return None


def _parse_count(num: str | None) -> int | None:
    if not num:
        return None
    if num.isdigit():
        return int(num)
    if any(ch.isdigit() for ch in num):
        return None  # 1.5 years: not a whole count
    lex = lexicon()
    total = 0
    for piece in re.split(r"\s+و\s*", num):
        v = lex.cardinals.get(_ord_key(piece))
        if v is None:
            return None
        total += v
    return total


# --------------------------------------------------------------------------- folding

def _fold_text(text: str) -> tuple[str, list[int] | None]:
    """Folded copy of ``text`` and, when folding dropped characters, each kept char's offset."""
    folded = fold(text)
    if len(folded) == len(text):
        return folded, None
    offsets: list[int] = []
    prev = 0
    for m in DIACRITICS.finditer(text):
        offsets.extend(range(prev, m.start()))
        prev = m.end()
    offsets.extend(range(prev, len(text)))
    if len(offsets) != len(folded):  # a character folded away that DIACRITICS does not list
        offsets = [i for i, ch in enumerate(text) if fold(ch)]
    return folded, offsets


def numeric_order(text: str) -> str | None:
    """'dmy' or 'mdy' when the text's own numeric dates settle the order, else None.

    A Gregorian date like 28/4/2021 (a part above 12) is evidence; contradicting
    evidence, or none, gives None.
    """
    folded, _ = _fold_text(text)
    dmy = mdy = False
    for m in patterns().numeric.finditer(folded):
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        if len(c) != 4 or len(a) > 2 or _is_hijri_year(int(c), m.group("era")):
            continue
        x, y = int(a), int(b)
        if x > 12 and 1 <= y <= 12:
            dmy = True
        elif y > 12 and 1 <= x <= 12:
            mdy = True
    if dmy != mdy:
        return "dmy" if dmy else "mdy"
    return None


def _is_hijri_year(y: int, era: str | None) -> bool:
    if era:
        return _key(era) in _ctx("era_hijri")
    return 1300 <= y <= 1500  # no Gregorian numeric date of that age turns up in news


# --------------------------------------------------------------------------- scanner

@dataclass(slots=True)
class _Cand:
    start: int  # offsets in the folded text
    end: int
    kind: str
    value: str | None
    anchored: bool
    calendar: str
    rank: int  # lower wins a tie in length


class _Scanner:
    def __init__(self, text: str, anchor: date | None, order: str | None):
        self.text = text
        self.f, self.offsets = _fold_text(text)
        self.anchor = date(anchor.year, anchor.month, anchor.day) if anchor else None
        self.order = order
        self.lex = lexicon()
        self.pat = patterns()
        self.cands: list[_Cand] = []

    # ---- context helpers (all on folded text)
    def prev_word(self, pos: int) -> str:
        m = re.search(r"(\w+)[^\w\n]*$", self.f[max(0, pos - 40):pos])
        return m.group(1) if m else ""

    def prev_words(self, pos: int, n: int) -> list[str]:
        chunk = re.split(r"[.!?؟\n]", self.f[max(0, pos - 80):pos])[-1]
        return re.findall(r"\w+", chunk)[-n:]

    def next_word(self, pos: int) -> str:
        m = re.match(r"[^\w\n]*?(\w+)", self.f[pos:pos + 40])
        return m.group(1) if m else ""

    @staticmethod
    def bare(word: str) -> list[str]:
        """A word and its readings without a و/ف/ب/ل proclitic."""
        out = [word]
        if len(word) > 2 and word[0] in "وف":
            word = word[1:]
            out.append(word)
        if len(word) > 2 and word.startswith("لل"):
            out.append("ا" + word[1:])
        elif len(word) > 2 and word[0] in "بلك":
            out.append(word[1:])
        return out

    def in_role(self, word: str, role: str) -> bool:
        words = _ctx(role)
        return any(w in words for w in self.bare(word))

    def licensed(self, m: re.Match[str]) -> bool:
        """A preposition before the expression (attached ب/ل, or a word like في، منذ)."""
        if set(self.f[m.start():m.start("core")]) & set("بل"):
            return True
        return self.in_role(self.prev_word(m.start()), "preposition")

    def quoted(self, s: int, e: int) -> bool:
        before = self.f[max(0, s - 3):s].rstrip()
        after = self.f[e:e + 3].lstrip()
        return bool(before) and bool(after) and before[-1] in _QUOTES and after[0] in _QUOTES

    def add(self, s: int, e: int, kind: str, value: str | None, anchored: bool = False,
            calendar: str = "gregorian", rank: int = 5) -> None:
        if e > s:
            self.cands.append(_Cand(s, e, kind, value, anchored and self.anchor is not None,
                                    calendar, rank))

    def run(self, name: str, handler: Callable[[re.Match[str]], None]) -> None:
        for m in getattr(self.pat, name).finditer(self.f):
            try:
                handler(m)
            except (ValueError, OverflowError, KeyError, TypeError, IndexError):
                # impossible input never stops the scan: record the words, not a value
                self.add(m.start("core"), m.end("core"), "absolute", None, rank=9)

    # ---- handlers
    def on_date_text(self, m: re.Match[str], single: bool = False) -> None:
        lex = self.lex
        month, cal, strict = lex.months[_key(m.group("m1"))]
        second = None if single else (m.group("m2") or m.group("m3"))
        if second:
            m2, cal2, _ = lex.months[_key(second)]
            if (m2, cal2) != (month, cal):  # a range (مارس - أبريل), not one month in two systems
                again = self.pat.date_single.match(self.f, m.start())
                if again:
                    self.on_date_text(again, single=True)
                return
        day_s = m.group("day")
        if day_s and not day_s.isdigit():
            # an ordinal after a definite noun is its adjective (الأسبوع الأول من مارس), not a day
            before = self.prev_word(m.start("day"))
            if m.start("day") == m.start("core") and any(w.startswith("ال") for w in self.bare(before)):
                again = self.pat.date_text.match(self.f, m.start("mn") if m.group("mn") else m.start("m1"))
                if again:
                    self.on_date_text(again)
                return
        day = (int(day_s) if day_s.isdigit() else lex.ordinals[_ord_key(day_s)]) if day_s else None
        year_s, dir_s, era = m.group("year"), m.group("dir"), m.group("era")
        if not (day or year_s or dir_s):
            if strict and not second and not m.group("mn"):
                return
            if not (m.group("mn") or m.group("part") or second or self.licensed(m)):
                return
        s, e = m.start("core"), m.end("core")
        if era:
            era_cal = "hijri" if _key(era) in _ctx("era_hijri") else "gregorian"
            if era_cal != cal:
                self.add(s, e, "absolute", None, calendar=cal, rank=1)
                return
        weekday = lex.weekdays.get(_key(m.group("wd"))) if m.group("wd") else None
        if year_s:
            y = int(year_s)
            if cal == "hijri":
                value = _hijri_month_value(y, month, day)
            elif day:
                d = _gdate(y, month, day)
                value = d.isoformat() if d else None
            else:
                value = _iso_month(y, month)
            self.add(s, e, "absolute", value, calendar=cal, rank=1)
            return
        # no year: the article's date decides it, unless this is the name of an event
        a = self.anchor
        named = day and self.in_role(self.prev_word(s), "named_event")
        if a is None or named:
            self.add(s, e, "relative" if a is None else "absolute", None, calendar=cal, rank=1)
            return
        step = lex.direction.get(_key(dir_s)) if dir_s else None
        if dir_s and step is None:
            self.add(s, e, "relative", None, calendar=cal, rank=1)
            return
        self.add(s, e, "relative", self.month_from_anchor(cal, month, day, step, weekday),
                 anchored=True, calendar=cal, rank=1)

    def month_from_anchor(self, cal: str, month: int, day: int | None, step: int | None,
                          weekday: int | None) -> str | None:
        """Value of a month (and day) named without a year, from the anchor."""
        a = self.anchor
        assert a is not None
        if cal == "hijri":
            h = hijri.from_gregorian(a)
            if h is None:
                return None
            ay, am = h[0], h[1]
        else:
            ay, am = a.year, a.month
        if step is not None:
            if step == 0:
                years = [ay]
            elif step < 0:
                years = [ay if month < am else ay - 1]
            else:
                years = [ay if month > am else ay + 1]
        else:
            years = [ay - 1, ay, ay + 1]

        def when(y: int) -> tuple[date | None, str | None]:
            if cal == "hijri":
                if day:
                    g = hijri.to_gregorian(y, month, day)
                    return g, g.isoformat() if g else None
                rng = hijri.month_range(y, month)
                return (rng[0] if rng else None), (_common(*rng) if rng else None)
            if day:
                g = _gdate(y, month, day)
                return g, g.isoformat() if g else None
            g = _gdate(y, month, 15)
            return g, _iso_month(y, month)

        options = [when(y) for y in years]
        options = [(d, v) for d, v in options if d is not None and v is not None]
        if not options:
            return None
        if weekday and day:
            fitting = [o for o in options if o[0].isoweekday() == weekday]
            options = fitting or options
        options.sort(key=lambda o: (abs((o[0] - a).days), o[0] > a))
        return options[0][1]

    def on_numeric(self, m: re.Match[str]) -> None:
        a_s, b_s, c_s, era = m.group("a"), m.group("b"), m.group("c"), m.group("era")
        s, e = m.start("core"), m.end("core")
        if len(a_s) == 4 and len(c_s) <= 2:
            y, mo, d = int(a_s), int(b_s), int(c_s)  # 2021-04-28, 1436/11/17
            hij = _is_hijri_year(y, era)
        elif len(c_s) == 4 and len(a_s) <= 2:
            y = int(c_s)
            hij = _is_hijri_year(y, era)
            x, z = int(a_s), int(b_s)
            if hij:
                d, mo = x, z  # Hijri dates are written day/month/year
            elif x == z or (x > 12 and z <= 12) or self.order == "dmy" and z <= 12 and x <= 31:
                d, mo = x, z
            elif (z > 12 and x <= 12) or self.order == "mdy":
                d, mo = z, x
            else:
                self.add(s, e, "absolute", None, rank=0)  # 5/4/2021 with no evidence: no guess
                return
        else:
            return  # not a date with a four-digit year (a score, a fraction, an ID)
        if hij:
            g = hijri.to_gregorian(y, mo, d)
            self.add(s, e, "absolute", g.isoformat() if g else None, calendar="hijri", rank=0)
        else:
            g = _gdate(y, mo, d)
            self.add(s, e, "absolute", g.isoformat() if g else None, rank=0)

    def on_year(self, m: re.Match[str]) -> None:
        y = int(m.group("year"))
        era, yn, part = m.group("era"), m.group("yn"), m.group("part")
        s, e = m.start("core"), m.end("core")
        after = self.f[m.end("year"):m.end("year") + 12]
        before = self.f[max(0, m.start("core") - 12):m.start("core")]
        in_series = bool(self.pat.series_after.match(after) or self.pat.series_before.search(before))
        bare = not (era or yn)
        if bare and not (part or in_series or self.licensed(m)):
            return
        if bare and not 1800 <= y <= 2100:
            return
        if era:
            cal = "hijri" if _key(era) in _ctx("era_hijri") else "gregorian"
        elif 1343 <= y <= 1500:
            h = hijri.from_gregorian(self.anchor) if self.anchor else None
            cal = "hijri" if h is None or abs(h[0] - y) <= 15 else "gregorian"
        else:
            cal = "gregorian"
        if cal == "hijri":
            rng = hijri.year_range(y)
            value = _common(*rng) if rng else None
        else:
            value = _iso_year(y)
        self.add(s, e, "absolute", value, calendar=cal, rank=3)

    def on_deictic(self, m: re.Match[str]) -> None:
        lex = self.lex
        s, e = m.start("core"), m.end("core")
        dx_end = m.end("dx")
        offset = lex.deictic[_key(m.group("dx"))]
        wd = m.group("wd") or m.group("wdp")
        if self.in_role(self.prev_word(s), "block_before") or self.quoted(s, dx_end):
            return
        if not wd:
            nxt = self.next_word(dx_end)
            if nxt in _ctx("block_after") or _ord_key(nxt) in lex.ordinals:
                return  # اليوم الوطني، اليوم الأول، اليوم نفسه: a day, not today
        for end, weekday in ((e, wd), (dx_end, None)) if wd else ((e, None),):
            value = None
            if self.anchor is not None:
                target = _shift_days(self.anchor, offset)
                if target is not None and weekday:
                    # "اليوم (الثلاثاء)": the weekday the writer saw wins over a late page date
                    w = lex.weekdays[_key(weekday)]
                    if target.isoweekday() != w:
                        target = _nearest_weekday(target, w)
                value = target.isoformat() if target else None
            self.add(s, end, "relative", value, anchored=True, rank=2)

    def on_period(self, m: re.Match[str]) -> None:
        lex = self.lex
        per, dir_s, this, part = m.group("per"), m.group("dir"), m.group("this"), m.group("part")
        if not (dir_s or this or part):
            return
        s, e = m.start("core"), m.end("core")
        unit, count = lex.periods[_key(per)]
        if not dir_s and self.next_word(m.end("per")).startswith("ال"):
            return  # نهاية العام الدراسي: another kind of year
        if not (this or part) and self.in_role(self.prev_word(s), "not_year_before"):
            return  # الأمين العام الحالي: العام means 'general'
        step = lex.direction.get(_key(dir_s)) if dir_s else 0
        if count == "2":
            self.add(s, e, "duration", None, rank=4)
            return
        if count != "1" or step is None:
            self.add(s, e, "relative", None, rank=4)  # السنوات الماضية، الأشهر الأخيرة: vague
            return
        self.add(s, e, "relative", self.period_value(unit, step), anchored=True, rank=4)

    def period_value(self, unit: str, step: int) -> str | None:
        a = self.anchor
        if a is None:
            return None
        if unit == "year":
            return _iso_year(a.year + step)
        if unit == "month":
            return _iso_month(*_shift_month(a.year, a.month, step))
        if unit == "week":
            # weeks start on different days in different countries: keep only what every
            # reading agrees on (the month or the year the whole span lies in)
            lo, hi = {-1: (-13, -1), 0: (-6, 6), 1: (1, 13)}.get(step, (0, 0))
            return _common(_shift_days(a, lo), _shift_days(a, hi)) if step in (-1, 0, 1) else None
        if unit == "day":
            d = _shift_days(a, step)
            return d.isoformat() if d else None
        return None

    def on_weekday(self, m: re.Match[str]) -> None:
        lex = self.lex
        s, e = m.start("core"), m.end("core")
        if self.in_role(self.prev_word(s), "block_before"):
            return
        if not m.group("dir") and self.next_word(m.end("wd")) in _ctx("block_after"):
            return  # الأحد عشر: eleven
        w = lex.weekdays[_key(m.group("wd"))]
        a = self.anchor
        value = None
        if a is not None:
            step = lex.direction.get(_key(m.group("dir"))) if m.group("dir") else None
            if m.group("dir") and step is None:
                d = None
            elif step == -1:
                d = _shift_days(a, -((a.isoweekday() - w) % 7 or 7))
            elif step == 1:
                d = _shift_days(a, (w - a.isoweekday()) % 7 or 7)
            elif step == 0:
                d = _nearest_weekday(a, w)
            elif any(self.in_role(x, "future") for x in self.prev_words(s, 6)):
                d = _shift_days(a, (w - a.isoweekday()) % 7)
            else:  # news reports what happened: the latest such day, today included
                d = _shift_days(a, -((a.isoweekday() - w) % 7))
            value = d.isoformat() if d else None
        self.add(s, e, "weekday", value, anchored=True, rank=6)

    def on_duration(self, m: re.Match[str]) -> None:
        lex = self.lex
        s, e = m.start("core"), m.end("core")
        unit, implied = lex.units[_key(m.group("unit"))]
        ago = lex.ago.get(_key(m.group("ago"))) if m.group("ago") else None
        num = m.group("num")
        count = _parse_count(num) if num else implied
        if num and count is None and not any(ch.isdigit() for ch in num):
            return
        if not num and ago is None and implied != 2:
            return  # a bare noun (أيام، سنة) is no time expression by itself
        if ago is None:
            self.add(s, e, "duration", None, rank=7)  # 3 أيام، يومين
            return
        if count is None:
            self.add(s, e, "relative", None, rank=7)  # قبل أيام: vague
            return
        if ago != -1:
            # منذ 5 سنوات is a duration; بعد يومين may count from an event told before: no value
            self.add(s, e, "duration" if ago == 0 else "relative", None, rank=7)
            return
        a = self.anchor
        if a is None or self.in_role(self.next_word(e), "event_relative"):
            self.add(s, e, "relative", None, rank=7)  # قبل 3 أيام من الانتخابات: not from today
            return
        value = None
        if unit == "day":
            d = _shift_days(a, -count)
            value = d.isoformat() if d else None
        elif unit == "month":
            value = _iso_month(*_shift_month(a.year, a.month, -count))
        elif unit == "year":
            value = _iso_year(a.year - count)
        self.add(s, e, "relative", value, anchored=value is not None, rank=7)

    def on_vague(self, m: re.Match[str]) -> None:
        self.add(m.start("core"), m.end("core"), "relative", None, rank=8)

    # ---- result
    def mentions(self) -> list[DateMention]:
        for name, handler in (("date_text", self.on_date_text), ("numeric", self.on_numeric),
                              ("year", self.on_year), ("deictic", self.on_deictic),
                              ("period", self.on_period), ("weekday", self.on_weekday),
                              ("duration", self.on_duration), ("vague", self.on_vague)):
            self.run(name, handler)
        chosen: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        for c in sorted(self.cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
            if any(c.start < e and s < c.end for s, e in taken):
                continue
            chosen.append(c)
            taken.append((c.start, c.end))
        chosen.sort(key=lambda c: c.start)
        anchor_iso = self.anchor.isoformat() if self.anchor else None
        out = []
        for c in chosen:
            start, end = self.to_text(c.start, c.end)
            out.append(DateMention(Span.of(self.text, start, end), _valid(c.value), c.kind,
                                   anchor_iso if c.anchored else None, c.calendar))
        return out

    def to_text(self, s: int, e: int) -> tuple[int, int]:
        if self.offsets is None:
            start, end = s, e
        else:
            start, end = self.offsets[s], self.offsets[e - 1] + 1
        while end < len(self.text) and DIACRITICS.match(self.text, end):
            end += 1  # keep a final tanween or tatweel (غداً، 1436هـ)
        return start, end


_ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def _valid(value: str | None) -> str | None:
    """The value when it is a real ISO year, month or day, else None."""
    if value is None or not _ISO.fullmatch(value):
        return None
    parts = [int(p) for p in value.split("-")]
    if parts[0] < 1:
        return None
    if len(parts) == 2 and not 1 <= parts[1] <= 12:
        return None
    if len(parts) == 3 and _gdate(*parts) is None:
        return None
    return value


def find_dates(text: str, anchor: date | None = None, numeric: str | None = None) -> list[DateMention]:
    """Every temporal expression in ``text``, in order, with spans into ``text``.

    ``anchor`` is the article's own date (publication date); relative expressions
    get a value only with it. ``numeric`` ('dmy' or 'mdy') states the day/month order
    of numeric dates when the caller knows it; by default the text's own numeric dates
    decide, and an ambiguous one (5/4/2021 with no evidence) gets no value.
    """
    if not text:
        return []
    order = numeric if numeric in ("dmy", "mdy") else numeric_order(text)
    return _Scanner(text, anchor, order).mentions()
