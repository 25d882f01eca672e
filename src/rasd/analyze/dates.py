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
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from rasd.analyze import hijri
from rasd.arabic import DIACRITICS, fold, fold_word
from rasd.model import DateMention, Span
from rasd.resources import table

KINDS = ("absolute", "relative", "weekday", "duration")


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


# Each folded letter matches every spelling it folds from, so patterns run on the text as
# written (only diacritics and tatweel are stripped first); digits: \d is any decimal digit.
_VARIANTS = {"ا": "[اأإآٱٲٳ]", "ي": "[يىیئ]", "ه": "[هة]", "و": "[وؤ]", "ك": "[كک]"}


# Numeric date separators: the same one twice; a slash may have a space on either side, each
# side on its own ("12 / 11/ 1436هـ"), a dot or a dash none ("3.5.2021", "3-5-2021").
_SEP = r"(?: ?(?P<slash>/) ?|(?P<s>[.\-]))"
_SEP_AGAIN = r"(?(slash) ?/ ?|(?P=s))"


def _letters(word: str) -> str:
    return "".join(_VARIANTS.get(ch) or re.escape(ch) for ch in word)


def _alt(words, lil: bool = False) -> str:
    """One regex alternative for a list of words, longest first, tolerant of spelling variants."""
    pats = set()
    for w in words:
        toks = fold(w).split()
        parts = []
        for tok in toks:
            if tok.startswith("وال") and len(tok) > 4:  # 'والعشرين' may be written 'و العشرين'
                parts.append(r"و\s*" + _letters(tok[1:]))
            else:
                parts.append(_letters(tok))
        p = r"\s+".join(parts)
        if lil and toks and toks[0].startswith("ال"):
            p = "(?:" + _letters("ال") + "|لل)" + p[len(_letters("ال")):]
        if p:
            pats.add((len("".join(toks)), p))
    return "(?:" + "|".join(p for _, p in sorted(pats, key=lambda x: (-x[0], x[1]))) + ")"


def _first_words(words) -> set[str]:
    return {fold(w).split()[0] for w in words if w.strip()}


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
    date_single: re.Pattern[str]  # the same without a second (dual) month name nor "من العام الماضي"
    date_norel: re.Pattern[str]  # the same without "من العام الماضي"
    numeric: re.Pattern[str]
    year: re.Pattern[str]
    deictic: re.Pattern[str]
    period: re.Pattern[str]
    weekday: re.Pattern[str]
    duration: re.Pattern[str]
    vague: re.Pattern[str]
    series_after: re.Pattern[str]  # a year followed by another one: 2002 و2003، 1949-1952
    series_before: re.Pattern[str]  # a year preceded by another one
    numeric_bare: re.Pattern[str]  # d/m/yyyy alone, for the order evidence
    triggers: dict[str, tuple[str, ...]]  # folded word -> patterns that may contain it
    leads: dict[str, frozenset[str]]  # pattern -> folded words that may come before its trigger


PROCLITIC = r"(?<!\w)(?:[وف]?[بلك]?)"  # و/ف then ب/ل/ك, left out of every span
_WORD = re.compile(r"\w+")
_PREV_WORD = re.compile(r"(\w+)[^\w\n]*$")
_NEXT_WORD = re.compile(r"[^\w\n]*?(\w+)")
_SENTENCE_END = re.compile(r"[.!?؟\n]")
_LEADING_DIGITS = re.compile(r"\d+")


_QUOTES = "\"'“”«»„‘’"


def _is_word_char(ch: str) -> bool:
    """What \\w matches: a letter, digit or underscore ('' is not one)."""
    return ch.isalnum() or ch == "_"


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
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
    day = (rf"(?:(?:(?P<day0>(?<![\d/.:\-])\d{{1,2}})\s*(?:و|[-–]|{rng})\s*(?=\d))?"
           rf"(?P<day>(?<![\d/.:])(?(day0)|(?<!-))\d{{1,2}}(?![\d/:]|[.\-]\d)|{ordinal})\s*(?:{of}\s+)?)?")
    year_tail = (rf"(?:\s*[،,]?\s*(?:(?:{of}\s+)?(?P<yn>{year_noun})\s+)?(?<!\d)(?P<year>\d{{4}})(?!\d)"
                 rf"(?:\s*(?P<era>{era})(?!\w))?)?")
    dir_tail = rf"(?:\s+(?P<dir>{direction})(?!\w))?"
    # يوليو من العام الماضي، مارس من هذا العام: the year named relative to the anchor
    year_periods = [r["word"] for r in table("relative_dates.tsv")
                    if r["role"] == "period" and r["unit"] == "year" and r["value"] == "1"]
    rel_year = (rf"(?:\s+{of}\s+(?P<yrel>(?:(?P<ythis>{this})\s+|(?P<ysame>{_alt(src['same'])})\s+)?"
                rf"{_alt(year_periods)}(?:\s+(?P<ydir>{direction})|\s+(?P<ysame2>{_alt(src['same_after'])}))?)(?!\w))?")
    dual = rf"(?:\s*[/\\|\-–—]\s*(?P<m2>{month})(?![^\W\d])|\s*\(\s*(?P<m3>{month})\s*\))?"  # (a year may be glued on)

    def date_re(with_dual: bool, with_rel: bool) -> re.Pattern[str]:
        return re.compile(
            PROCLITIC + r"(?P<core>" + wd_prefix + part_prefix + day + rf"(?:(?P<mn>{month_noun})\s+)?"
            + rf"(?P<m1>{month})(?![^\W\d])" + (dual if with_dual else "") + year_tail + dir_tail + (rel_year if with_rel else "") + ")")

    numeric = re.compile(
        PROCLITIC + r"(?P<core>" + wd_prefix
        + r"(?<![\d/.\-])(?P<a>\d{1,4})" + _SEP + r"(?P<b>\d{1,2})" + _SEP_AGAIN + r"(?P<c>\d{1,4})(?!\d|[/.\-]\d)"
        + rf"(?:\s*(?P<era>{era})(?!\w))?)")
    year = re.compile(
        PROCLITIC + r"(?P<core>" + part_prefix + rf"(?:(?P<yn>{year_noun})\s+)?"
        + rf"(?<![\d.,/:])(?P<year>\d{{4}})(?![\d]|[.,]\d)(?:\s*(?P<era>{era})(?!\w))?)")
    deictic_re = re.compile(
        PROCLITIC + rf"(?P<core>(?P<dx>{deictic})(?!\w)"
        + rf"(?:\s*[،,]?\s*(?:\(\s*(?P<wdp>{wd})\s*\)|(?P<wd>{wd})(?!\w)))?)")
    fraction = _alt(src["fraction"])
    period_re = re.compile(
        PROCLITIC + rf"(?P<core>(?:(?P<part>{part})\s+|(?P<frac>{fraction})\s+{of}\s+)?"
        + rf"(?:(?P<this>{this})\s+)?(?P<per>{period})(?!\w)"
        + dir_tail + ")")
    weekday_re = re.compile(PROCLITIC + rf"(?P<core>(?P<wd>{wd})(?!\w)" + dir_tail + ")")
    number = rf"(?:(?<!\d)\d{{1,6}}(?:[.,٫]\d+)?(?!\d)|{cardinal}(?:\s+و\s*{cardinal})?)"
    duration_re = re.compile(
        PROCLITIC + rf"(?P<core>(?:(?P<ago>{ago})\s+)?(?:(?P<num>{number})\s+)?(?P<unit>{unit})(?!\w)(?!\s*\d))")
    vague_re = re.compile(PROCLITIC + rf"(?P<core>{vague})(?!\w)")
    link_years = rf"(?:[-–—/]|و|{rng})"
    series_after = re.compile(rf"\s*{link_years}\s*\d{{4}}(?!\d)")
    series_before = re.compile(rf"(?<!\d)\d{{4}}\s*(?:{link_years}|[،,])\s*(?:[وف]?[بلك]?)$")
    numeric_bare = re.compile(r"(?<![\d/.\-])(?P<a>\d{1,2})" + _SEP + r"(?P<b>\d{1,2})" + _SEP_AGAIN + r"(?P<c>\d{4})(?!\d)"
                              + rf"(?:\s*(?P<era>{era})(?!\w))?")
    # Where to try each pattern: at a "trigger" word (a month, a digit, a unit ...), starting
    # as far back as a chain of "lead" words allows (الخميس 9 من شهر | أيلول; قبل 3 | أيام).
    triggers: dict[str, set[str]] = {}
    leads: dict[str, set[str]] = {}

    def trigger(name: str, words) -> None:
        for w in words:
            toks = fold(w).split()
            if toks:
                triggers.setdefault(toks[-1], set()).add(name)
                leads.setdefault(name, set()).update(toks[:-1])

    def lead(name: str, words) -> None:
        leads.setdefault(name, set()).update(t for w in words for t in fold(w).split())

    def rel(role: str) -> list[str]:
        return src.get(role, [])

    weekdays = [r["name"] for r in table("weekdays.tsv")]
    ordinals = [r["word"] for r in table("ordinals.tsv") if r["kind"] == "ordinal"]
    cardinals = [r["word"] for r in table("ordinals.tsv") if r["kind"] == "cardinal"]
    for r in table("months.tsv"):  # the whole name is the trigger's lead chain: كانون | الثاني
        toks = fold(r["name"]).split()
        triggers.setdefault(toks[0], set()).add("date_text")
    lead("date_text", weekdays + ctx_src["link"] + rel("part") + ctx_src["of"] + ordinals + ctx_src["month_noun"]
         + ctx_src["range"] + ["و"])
    lead("numeric", weekdays + ctx_src["link"])
    lead("year", rel("part") + ctx_src["year_noun"] + ctx_src["of"])
    trigger("deictic", rel("deictic"))
    trigger("period", rel("period"))
    lead("period", rel("part") + rel("fraction") + rel("this") + ctx_src["of"])
    trigger("weekday", weekdays)
    trigger("duration", rel("unit"))
    lead("duration", rel("ago") + cardinals)
    trigger("vague", rel("vague"))
    trigger_map = {k: tuple(sorted(v)) for k, v in triggers.items()}
    lead_map = {k: frozenset(v) for k, v in leads.items()}
    return _Patterns(date_re(True, True), date_re(False, False), date_re(True, False), numeric, year, deictic_re,
                     period_re, weekday_re, duration_re, vague_re, series_after, series_before, numeric_bare,
                     trigger_map, lead_map)


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


# --------------------------------------------------------------------------- text without marks

def _strip_text(text: str) -> tuple[str, list[int] | None]:
    """``text`` without diacritics and tatweel and, when some were dropped, each kept char's offset."""
    if not DIACRITICS.search(text):
        return text, None
    offsets: list[int] = []
    prev = 0
    for m in DIACRITICS.finditer(text):
        offsets.extend(range(prev, m.start()))
        prev = m.end()
    offsets.extend(range(prev, len(text)))
    return DIACRITICS.sub("", text), offsets


def numeric_order(text: str) -> str | None:
    """'dmy' or 'mdy' when the text's own numeric dates settle the order, else None.

    A Gregorian date like 28/4/2021 (a part above 12) is evidence; contradicting
    evidence, or none, gives None.
    """
    dmy = mdy = False
    for m in patterns().numeric_bare.finditer(text):
        a, b, c = m.group("a"), m.group("b"), m.group("c")
        if _is_hijri_year(int(c), m.group("era")):
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

_DIGIT_PATTERNS = ("numeric", "year")
_PAST_MONTHS, _AHEAD_MONTHS = -10, 2  # window for a month named without a year (see month_from_anchor)
_LOOKBACK = {"date_text": 6, "numeric": 2, "year": 2, "deictic": 2, "period": 6, "weekday": 0,
             "duration": 4, "vague": 3}  # most lead words a pattern may have before its trigger


@lru_cache(maxsize=65536)
def _word_triggers(word: str) -> tuple[str, ...]:
    """Patterns that may hold this word (as written, proclitics allowed): () for most words."""
    names: set[str] = set()
    triggers = patterns().triggers
    for reading in _Scanner.bare(fold_word(word)):  # و2003، ب2021
        digits = _LEADING_DIGITS.match(reading)
        if digits:
            names.update(_DIGIT_PATTERNS)
            reading = reading[digits.end():]  # 17فيفري: a day stuck to its month
        if reading[-1:].isdigit():
            names.update(_DIGIT_PATTERNS)
            reading = reading.rstrip("0123456789٠١٢٣٤٥٦٧٨٩")  # جانفي2017: a year stuck to its month
        names.update(triggers.get(reading, ()))
    return tuple(sorted(names))


@dataclass(slots=True)
class _Cand:
    start: int  # offsets in the stripped text (Scanner.f)
    end: int
    kind: str
    value: str | None
    anchored: bool
    calendar: str
    rank: int  # lower wins a tie in length


class _Scanner:
    def __init__(self, text: str, anchor: date | None, order: str | None):
        self.text = text
        self.f, self.offsets = _strip_text(text)
        self.anchor = date(anchor.year, anchor.month, anchor.day) if anchor else None
        self.last_year: int | None = None  # year of the last absolute date met (for "نفس العام")
        self.order = order
        self.lex = lexicon()
        self.pat = patterns()
        self.cands: list[_Cand] = []

    def numeric_order(self) -> str | None:
        if self.order == "?":
            self.order = numeric_order(self.f)
        return self.order

    # ---- context helpers
    def prev_word(self, pos: int) -> str:
        """The folded word before ``pos`` on the same line ('' at a line start)."""
        m = _PREV_WORD.search(self.f, max(0, pos - 40), pos)
        return fold_word(m.group(1)) if m else ""

    def prev_words(self, pos: int, n: int) -> list[str]:
        chunk = _SENTENCE_END.split(self.f[max(0, pos - 80):pos])[-1]
        return [fold_word(w) for w in _WORD.findall(chunk)[-n:]]

    def next_word(self, pos: int) -> str:
        m = _NEXT_WORD.match(self.f, pos, pos + 40)
        return fold_word(m.group(1)) if m else ""

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

    def ends_clause(self, pos: int) -> bool:
        """Whether a number ending at ``pos`` counts nothing: punctuation, the line's end, a word
        opening with و or a preposition (بعد، قبل) follows it."""
        rest = self.f[pos:pos + 3].lstrip(" ")
        if not rest or not rest[0].isalpha():
            return True
        word = self.next_word(pos)
        return word[:1] == "و" or self.in_role(word, "preposition")

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
            if kind == "absolute" and value and calendar == "gregorian" and value[:4].isdigit():
                self.last_year = int(value[:4])

    def scan(self) -> None:
        """Try the patterns only around trigger words (a cached dict lookup per word)."""
        handlers = {"date_text": self.on_date_text, "numeric": self.on_numeric, "year": self.on_year,
                    "deictic": self.on_deictic, "period": self.on_period, "weekday": self.on_weekday,
                    "duration": self.on_duration, "vague": self.on_vague}
        reach = dict.fromkeys(handlers, -1)  # end of each pattern's last match: no overlapping retries
        text = self.f
        words = _WORD.findall(text)
        cursor = 0
        for word, names in zip(words, map(_word_triggers, words)):
            if not names:
                continue
            # the next whole-word occurrence after the previous trigger is this very word
            pos = text.find(word, cursor)
            while pos >= 0 and ((pos > 0 and _is_word_char(text[pos - 1]))
                                or _is_word_char(text[pos + len(word):pos + len(word) + 1])):
                pos = text.find(word, pos + 1)
            if pos < 0:
                break
            cursor = pos + len(word)
            for name in names:
                for start in self.starts(name, pos):
                    if start < reach[name]:
                        continue
                    m = getattr(self.pat, name).match(text, start)
                    if m is None or m.end("core") <= pos:
                        continue
                    reach[name] = m.end()
                    try:
                        used = handlers[name](m)
                        if used is not None:  # the handler kept a shorter match: rescan after it
                            reach[name] = used
                    except (ValueError, OverflowError, KeyError, TypeError, IndexError):
                        # impossible input never stops the scan: keep the words, give no value
                        self.add(m.start("core"), m.end("core"), "absolute", None, rank=9)
                    break

    def starts(self, name: str, pos: int) -> list[int]:
        """Where a match of ``name`` around the trigger at ``pos`` may begin, earliest first."""
        out = [pos]
        leads = self.pat.leads.get(name)
        if not leads:
            return out
        text = self.f
        for _ in range(_LOOKBACK[name]):
            i = pos
            gap = 0
            while i > 0 and gap < 4 and not _is_word_char(text[i - 1]) and text[i - 1] != "\n":
                i -= 1
                gap += 1
            if i == pos or i == 0 or not _is_word_char(text[i - 1]):
                break
            j = i
            while j > 0 and _is_word_char(text[j - 1]):
                j -= 1
            word = text[j:i]
            if not any(r[:1].isdigit() or r in leads for r in self.bare(fold_word(word))):
                break
            pos = j
            out.append(j)
        out.reverse()
        return out

    # ---- handlers
    def on_date_text(self, m: re.Match[str]) -> int | None:
        """Returns the end of a shorter match it fell back to, if any."""
        lex = self.lex
        month, cal, strict = lex.months[_key(m.group("m1"))]
        g = m.groupdict()
        second = g.get("m2") or g.get("m3")
        if second:
            m2, cal2, _ = lex.months[_key(second)]
            if (m2, cal2) != (month, cal):  # a range (مارس - أبريل), not one month in two systems
                again = self.pat.date_single.match(self.f, m.start())
                if again:
                    self.on_date_text(again)
                return again.end() if again else m.start("m2") if g.get("m2") else m.start("m3")
        day_s = m.group("day")
        if day_s and not day_s.isdigit():
            # an ordinal after a definite noun is its adjective (الأسبوع الأول من مارس), not a day
            before = self.prev_word(m.start("day"))
            if m.start("day") == m.start("core") and any(w.startswith("ال") for w in self.bare(before)):
                again = self.pat.date_text.match(self.f, m.start("mn") if m.group("mn") else m.start("m1"))
                if again:
                    return self.on_date_text(again) or again.end()
                return None
        day = (int(day_s) if day_s.isdigit() else lex.ordinals[_ord_key(day_s)]) if day_s else None
        year_s, dir_s, era = m.group("year"), m.group("dir"), m.group("era")
        year_step = None
        if g.get("yrel") and (g.get("ysame") or g.get("ysame2")) and not (year_s or dir_s):
            # "11 أغسطس من نفس العام": the year of the last date the text gave, if any
            if self.last_year is None:  # no earlier year to share: no value, and no guess
                self.add(m.start("core"), m.end("core"), "relative", None, rank=1)
                return None
            year_s = str(self.last_year)
        elif g.get("yrel"):
            if year_s or dir_s or not (m.group("ythis") or m.group("ydir")):
                again = self.pat.date_norel.match(self.f, m.start())  # "مارس من العام": only مارس
                if again:
                    return self.on_date_text(again) or again.end()
                return None
            year_step = lex.direction.get(_key(m.group("ydir"))) if m.group("ydir") else 0
        if day is None and not (year_s or dir_s or g.get("yrel")):
            if strict and not second and not m.group("mn"):
                return None
            if not (m.group("mn") or m.group("part") or second or self.licensed(m)):
                return None
        s, e = m.start("core"), m.end("core")
        weekday = lex.weekdays.get(_key(m.group("wd"))) if m.group("wd") else None
        named = day is not None and self.in_role(self.prev_word(s), "named_event")
        resolve = lambda d: self.date_value(cal, month, d, year_s, era, dir_s, year_step, weekday, named)  # noqa: E731
        if g.get("day0"):
            # 10 و 11 أبريل، من 5 إلى 9 مارس: the first day shares the month and year
            kind, value, anchored = resolve(int(g["day0"]))
            self.add(m.start("day0"), m.end("day0"), kind, value, anchored, cal, rank=1)
            s = m.start("day")
        kind, value, anchored = resolve(day)
        self.add(s, e, kind, value, anchored, cal, rank=1)
        return None

    def date_value(self, cal: str, month: int, day: int | None, year_s: str | None, era: str | None,
                   dir_s: str | None, year_step: int | None, weekday: int | None,
                   named: bool) -> tuple[str, str | None, bool]:
        """(kind, value, anchor used) of a day/month/year named with words."""
        if era and ("hijri" if _key(era) in _ctx("era_hijri") else "gregorian") != cal:
            return "absolute", None, False  # مايو 1436هـ: the calendars disagree
        if year_s:
            y = int(year_s)
            if cal == "hijri":
                return "absolute", _hijri_month_value(y, month, day), False
            if day is not None:
                d = _gdate(y, month, day)
                return "absolute", d.isoformat() if d else None, False
            return "absolute", _iso_month(y, month), False
        # no year: the article's date decides it, unless this is the name of an event
        a = self.anchor
        if a is None or named:
            return ("relative" if a is None else "absolute"), None, False
        if year_step is not None:
            value = None
            if cal == "gregorian":
                y = a.year + year_step
                d = _gdate(y, month, day) if day is not None else None
                value = (d.isoformat() if d else None) if day is not None else _iso_month(y, month)
            return "relative", value, True
        step = self.lex.direction.get(_key(dir_s)) if dir_s else None
        if dir_s and step is None:
            return "relative", None, False
        return "relative", self.month_from_anchor(cal, month, day, step, weekday), True

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
                if day is not None:
                    g = hijri.to_gregorian(y, month, day)
                    return g, g.isoformat() if g else None
                rng = hijri.month_range(y, month)
                return (rng[0] if rng else None), (_common(*rng) if rng else None)
            if day is not None:
                g = _gdate(y, month, day)
                return g, g.isoformat() if g else None
            g = _gdate(y, month, 15)
            return g, _iso_month(y, month)

        options = [(y, *when(y)) for y in years]
        options = [(y, d, v) for y, d, v in options if d is not None and v is not None]
        if weekday and day is not None:
            # السبت 23 تشرين الثاني: the year whose 23 November is a Saturday; none near: no value
            options = [o for o in options if o[1].isoweekday() == weekday]
        if not options:
            return None
        if step is not None or len(options) == 1:
            return options[0][2]
        # No year and no direction word: news speaks of the recent past more than of the
        # future, so a month up to 2 months ahead is the coming one, any other the past one
        # (in May, "سبتمبر" is last September; "حزيران" is this June).
        def ahead(o) -> int:
            return (o[0] - ay) * 12 + month - am

        fitting = [o for o in options if _PAST_MONTHS < ahead(o) <= _AHEAD_MONTHS]
        return (fitting or sorted(options, key=lambda o: abs(ahead(o))))[0][2]

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
            elif x == z or (x > 12 and z <= 12) or self.numeric_order() == "dmy" and z <= 12 and x <= 31:
                d, mo = x, z
            elif (z > 12 and x <= 12) or self.numeric_order() == "mdy":
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
        in_brackets = self.f[max(0, s - 2):s].strip()[-1:] == "(" and self.f[e:e + 2].strip()[:1] == ")"
        if bare and not (part or in_series or in_brackets or self.licensed(m)):
            return
        if bare and not 1800 <= y <= 2100 and not (1000 <= y < 1800 and self.licensed(m) and self.ends_clause(e)):
            return  # (an older year needs a preposition and no counted noun after it: "يعود إلى 1789 ويسمح")
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
        per, dir_s, this = m.group("per"), m.group("dir"), m.group("this")
        part = m.group("part") or m.group("frac")  # نهاية العام، الربع الأول من العام
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
        self.scan()
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
    order = numeric if numeric in ("dmy", "mdy") else "?"  # '?': the text decides, if asked
    return _Scanner(text, anchor, order).mentions()
