"""Article text with its facts marked up: escaped text segments, nested elements, exact offsets.

Every marked fact becomes an element carrying ``data-start``/``data-end`` equal to its
character offsets in the stored text, so its text content is ``text[start:end]``. Nothing
of the article is ever inserted as HTML: the text between and inside marks is escaped,
attribute values are escaped, and the only links are internal URLs built by the caller.

Spans nest: a quote holds the dates and names inside it. A span that crosses the end of
an enclosing one is cut there and goes on after it; each piece carries its own offsets
and ``data-part`` (the full span's offsets) so the pieces can be put back together.
"""
from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

# Lower rank = outer element when two spans start together and end together.
RANK = {"quote": 0, "fragment": 1, "speaker": 2, "cue": 3, "published": 4, "date": 5, "entity": 6}


@dataclass(order=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str = field(compare=False)
    attrs: dict[str, str] = field(default_factory=dict, compare=False)  # extra data-* / id / title
    href: str | None = field(default=None, compare=False)  # internal URL, or None
    tag: str = field(default="span", compare=False)


def _open(m: Mark, start: int, end: int, first: bool) -> str:
    attrs = {"class": f"hl hl-{m.kind}", "data-kind": m.kind, "data-start": str(start), "data-end": str(end)}
    if (start, end) != (m.start, m.end):
        attrs["data-part"] = f"{m.start}-{m.end}"
    for k, v in m.attrs.items():
        if k == "id" and not first:
            continue  # an id names the first piece only
        attrs[k] = v
    tag = "a" if m.href else m.tag
    if m.href:
        if not m.href.startswith("/") or m.href.startswith("//"):
            raise ValueError(f"not an internal link: {m.href!r}")
        attrs["href"] = m.href
    return f"<{tag}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def _close(m: Mark) -> str:
    return f"</{'a' if m.href else m.tag}>"


def render(text: str, marks: list[Mark]) -> Markup:
    """``text`` as HTML with ``marks`` nested in it (links are never nested in links)."""
    queue = [(m.start, -m.end, RANK.get(m.kind, 9), i, m.start, m) for i, m in enumerate(marks)
             if 0 <= m.start < m.end <= len(text)]
    heapq.heapify(queue)
    out: list[str] = []
    pos = 0
    stack: list[tuple[Mark, int]] = []  # open marks with the end of their current piece
    seq = len(marks)

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][1] <= limit:
            m, end = stack.pop()
            out.append(str(escape(text[pos:end])))
            pos = end
            out.append(_close(m))

    while queue:
        start, _, rank, _, orig_start, m = heapq.heappop(queue)
        close_until(start)
        end = m.end
        if stack and stack[-1][1] < end:  # crosses the end of the enclosing piece: cut it there
            cut = stack[-1][1]
            seq += 1
            heapq.heappush(queue, (cut, -m.end, rank, seq, orig_start, m))
            end = cut
        if m.href and any(o.href for o, _ in stack):
            m = Mark(m.start, m.end, m.kind, m.attrs, None, m.tag)  # no link inside a link
        out.append(str(escape(text[pos:start])))
        pos = start
        out.append(_open(m, start, end, first=start == orig_start))
        stack.append((m, end))
    close_until(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


_WORD_CHAR = re.compile(r"\w")


def find_names(text: str, names: list[str]) -> list[tuple[int, int, str]]:
    """Every whole-word occurrence of each name in ``text``, longest names first, no overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        start = 0
        while True:
            i = text.find(name, start)
            if i < 0:
                break
            j = i + len(name)
            start = i + 1
            before_ok = i == 0 or not _WORD_CHAR.match(text[i - 1]) or text[i - 1] in "وبلفك"
            after_ok = j >= len(text) or not _WORD_CHAR.match(text[j])
            if before_ok and after_ok and all(j <= s or i >= e for s, e in taken):
                taken.append((i, j))
                found.append((i, j, name))
    return sorted(found)


def snippet_html(snippet: str, open_mark: str, close_mark: str) -> Markup:
    """A snippet whose matched words sit between two private-use marks, as escaped HTML."""
    out: list[str] = []
    depth = 0
    for part in re.split(f"([{open_mark}{close_mark}])", snippet):
        if part == open_mark:
            if not depth:
                out.append("<mark>")
            depth += 1
        elif part == close_mark:
            if depth:
                depth -= 1
                if not depth:
                    out.append("</mark>")
        else:
            out.append(str(escape(part)))
    if depth:
        out.append("</mark>")
    return Markup("".join(out))
