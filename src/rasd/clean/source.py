"""The publishing outlet, when the page only says it in its own words.

Three newsroom conventions name the outlet inside the text:
  * a byline "OUTLET – CITY" above the body ("زاكروس عربية – أربيل");
  * a dateline "CITY DATE (AGENCY)" opening the body ("بغداد 27 أبريل 2021 (شينخوا)");
  * self-reference in the body: "في بيان تلقته وكالة نون الخبرية".
An agency the article merely relays ("نقلت وكالة ... عن") is not the source.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rasd.arabic import search_key
from rasd.resources import table

_NAME_WORD = r"[^\s\d،,.:؛;()\"“”«»]+"


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    return frozenset(search_key(r["name"]) for r in table("places.tsv"))


@lru_cache(maxsize=1)
def _cues(kind: str) -> tuple[str, ...]:
    return tuple(r["cue"] for r in table("source_cues.tsv") if r["kind"] == kind)


def _is_place(words: str) -> bool:
    key = search_key(words)
    return key in places() or (key.startswith("ال") is False and ("ال" + key) in places())


def from_byline(line: str) -> str | None:
    """'زاكروس عربية – أربيل' → 'زاكروس عربية'."""
    if len(line.split()) > 8:
        return None
    for dash in _cues("dash"):
        left, sep, right = line.partition(f" {dash} ")
        if sep and left.strip() and _is_place(right.strip()):
            return left.strip()
    return None


@lru_cache(maxsize=1)
def _dateline() -> re.Pattern[str]:
    months = sorted({r["name"] for r in table("months.tsv")}, key=len, reverse=True)
    date_part = r"(?:\s|\d|[/.\-،,]|" + "|".join(map(re.escape, months)) + r")*"
    return re.compile(r"^(?P<place>" + _NAME_WORD + r"(?: " + _NAME_WORD + r")?)" + date_part
                      + r"\((?P<agency>[^()\d\n]{2,30})\)")


def from_dateline(paragraph: str) -> str | None:
    """'بغداد 27 أبريل 2021 (شينخوا) ...' → 'شينخوا'."""
    m = _dateline().match(paragraph)
    if not m or not _is_place(m.group("place")):
        return None
    agency = m.group("agency").strip()
    weekdays = {search_key(r["name"]) for r in table("weekdays.tsv")}
    return None if search_key(agency) in weekdays else agency


@lru_cache(maxsize=1)
def _self_reference() -> re.Pattern[str]:
    verbs = "|".join(map(re.escape, sorted(_cues("self"), key=len, reverse=True)))
    outlets = "|".join(map(re.escape, _cues("outlet")))
    return re.compile(r"(?:^|\s)و?(?:" + verbs + r")\s+(?P<outlet>(?:" + outlets + r")(?:\s+"
                      + _NAME_WORD + r"){1,3})")


def from_self_reference(text: str) -> str | None:
    """'... في بيان تلقته وكالة نون الخبرية، ...' → 'وكالة نون الخبرية'."""
    m = _self_reference().search(text)
    return m.group("outlet").strip() if m else None


def find_source(head_lines: list[str], body: list[str], text: str) -> str | None:
    """The outlet named by a byline, a dateline or self-reference, else None."""
    for line in head_lines:
        if found := from_byline(line):
            return found
    for paragraph in body[:1]:
        if found := from_dateline(paragraph):
            return found
    return from_self_reference(text)
