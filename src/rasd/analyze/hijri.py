"""Hijri (Umm al-Qura) ↔ Gregorian conversion, never raising.

A thin wrapper over ``hijridate`` (the maintained successor of ``hijri-converter``),
which implements the Umm al-Qura calendar for Hijri years 1343–1500
(Gregorian 1924–2077). Outside that range, for an impossible day, or when
``hijridate`` is not installed, every function returns None.
"""
from __future__ import annotations

from datetime import date

try:  # a declared dependency; without it Hijri dates simply get no value
    from hijridate import Gregorian, Hijri
except ImportError:  # pragma: no cover
    Gregorian = Hijri = None

_ERRORS = (ValueError, OverflowError, TypeError, AttributeError)


def to_gregorian(year: int, month: int, day: int) -> date | None:
    """The Gregorian date of a Hijri day, or None when it is not a real Umm al-Qura day."""
    if Hijri is None:
        return None
    try:
        g = Hijri(year, month, day).to_gregorian()
    except _ERRORS:
        return None
    return date(g.year, g.month, g.day)


def month_range(year: int, month: int) -> tuple[date, date] | None:
    """First and last Gregorian days of a Hijri month."""
    if Hijri is None:
        return None
    try:
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length())
        a, b = first.to_gregorian(), last.to_gregorian()
    except _ERRORS:
        return None
    return date(a.year, a.month, a.day), date(b.year, b.month, b.day)


def year_range(year: int) -> tuple[date, date] | None:
    """First and last Gregorian days of a Hijri year."""
    start, end = month_range(year, 1), month_range(year, 12)
    if start is None or end is None:
        return None
    return start[0], end[1]


def from_gregorian(day: date) -> tuple[int, int, int] | None:
    """(year, month, day) in the Hijri calendar, or None outside the supported range."""
    if Gregorian is None:
        return None
    try:
        h = Gregorian(day.year, day.month, day.day).to_hijri()
    except _ERRORS:
        return None
    return h.year, h.month, h.day
