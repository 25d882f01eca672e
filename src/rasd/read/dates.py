"""Publication dates as the inputs state them, normalised to ISO 8601 strings.

A date that cannot be read is None: a wrong date is worse than none, so nothing
here guesses (no fuzzy parsing, no day/month swapping unless the caller knows
the convention of its source).
"""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def to_iso(value: object, day_first: bool = False) -> str | None:
    """ISO 8601 form of an ISO 8601 or RFC 2822 date string, else None.

    ``2018-02-26`` stays a date (no invented midnight); ``Mon, 26 Feb 2018
    02:20:10 GMT`` becomes ``2018-02-26T02:20:10+00:00``. With ``day_first``,
    ``dd/mm/yyyy`` is accepted too (for sources known to write dates that way).
    """
    if not isinstance(value, str):
        return None  # numbers could be epoch seconds or milliseconds: don't guess
    value = value.strip()
    if not value:
        return None
    for parse in (date.fromisoformat, datetime.fromisoformat):  # a bare date stays a date
        try:
            return parse(value).isoformat()
        except ValueError:
            pass
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    match = _DAY_FIRST.fullmatch(value) if day_first else None
    if match:
        day, month, year = map(int, match.groups())
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    return None
