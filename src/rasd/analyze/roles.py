"""Roles read from the words around every mention of a person.

The quote stage reads "title + name" where a speaker phrase opens. The names the entity stage
adds (the tagger's) and the mentions met elsewhere get their roles here:

    الإعلامي السعودي، | جمال خاشقجي                  a role before the name, a comma may part them
    برئيس الجمهورية التونسية | الباجي قايد السبسي     (the role ran on into the name: cut there)
    سعود القحطاني | المستشار بالديوان الملكي السعودي  a role after the name, in apposition
    الدكتور | هاني الناظر                             a title held (titles.tsv role=yes) is a role
    صاحب السمو الملكي | الأمير | خليفة بن سلمان       a style of address belongs to its title

Not roles: a title after a name that opens with و or a preposition ("جو بايدن | ووزير الخارجية"
is someone else), a title followed by a name of its own, a title that governs the name
("مستشار | ترامب": Trump's adviser, not Trump), and a title another person already holds here.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from rasd.analyze.institutions import is_nationality
from rasd.analyze.lexicon import given_names, lexicon
from rasd.analyze.people import MAX_NAME_TOKENS, MAX_ROLE_TOKENS, closes_phrase, conjoined_name, conjoined_title, \
    definite, is_word, nationality_alone, noun_chain_end, office_phrase_at, parse_phrase, word_start, written_definite
from rasd.arabic import Token, strip_proclitic
from rasd.model import Article, Span, overlaps


def add_roles(article: Article, tokens: Sequence[Token]) -> None:
    """Give the article's people the roles written next to their mentions."""
    people = [e for e in article.entities if e.type == "PER"]
    if not people:
        return
    text = article.text
    starts = [t.start for t in tokens]
    held = [(r.start, r.end) for e in people for r in e.roles]
    names = [(m.start, m.end) for e in people for m in e.mentions]
    for e in people:
        roles = [_styled(text, tokens, starts, r) for r in e.roles]
        for m in e.mentions:
            first = bisect_right(starts, m.start) - 1
            after = bisect_left(starts, m.end)
            before = _roles_before(tokens, first) if tokens[first].start == m.start else []
            # (not "المحامي الخاص | لترامب": a name with a clitic is governed by what precedes it)
            listed = conjoined_name(tokens[first].key)  # "… ومحمد قويدر والي الجهة وثلة من …"
            for start, end in (*before, *_roles_after(tokens, starts, after, bool(before), listed)):
                if overlaps(start, end, held) or overlaps(start, end, names):
                    continue
                roles.append(_styled(text, tokens, starts, Span(start, end, text[start:end])))
                held.append((start, end))
        e.roles = _widest(roles)


def _widest(roles: list[Span]) -> list[Span]:
    """Roles in text order, once each, without those inside a wider one (a style read as an
    office, "صاحب السمو الملكي", is part of "صاحب السمو الملكي الأمير")."""
    kept = [r for r in roles if not any(o.start <= r.start and r.end <= o.end and o.end - o.start > r.end - r.start
                                        for o in roles)]
    return list({r.text: r for r in sorted(kept, key=lambda r: r.start)}.values())


def _title_start(tok: Token) -> int:
    """Where a title or nationality starts inside its token, past a clitic: "ب|رئيس", "و|التونسي"."""
    titles = lexicon().titles
    return word_start(tok, lambda r: r in titles or is_nationality(r))


def _roles_before(tokens: Sequence[Token], k: int) -> list[tuple[int, int]]:
    """Role spans written just before the name that opens at token k: a title held
    ("الدكتور", "د."), a rank, and an office phrase that runs up to them or to the name."""
    lex = lexicon()
    out = []
    p = k
    dotted = p >= 2 and tokens[p - 1].text == "."
    h = p - 2 if dotted else p - 1
    if h >= 0 and (t := lex.title(tokens[h].key)) and t.kind == "honorific" and (dotted or len(tokens[h].key) > 1):
        if t.is_role:
            out.append((_title_start(tokens[h]), tokens[p - 1].end))
        if conjoined_title(tokens[h].key):
            return out  # "محافظ الهيئة العامة للاستثمار، | والمهندس صالح الرشيد": a new item of a list
        p = h
    q = p
    while q >= 1 and (t := lex.title(tokens[q - 1].key)) and t.kind == "modifier":
        q -= 1
    if q >= 1 and (t := lex.title(tokens[q - 1].key)) and t.kind == "rank":
        out.append((_title_start(tokens[q - 1]), tokens[p - 1].end))
        p = q - 1
    gap = p - 1 if p >= 1 and tokens[p - 1].text in "،," else p
    for _ in range(2):  # two titles in a row: "العاهل السعودي | الملك | سلمان"
        head = _office_reaching(tokens, gap)
        if head is None or _is_style(tokens, head, gap):
            break
        out.append((_title_start(tokens[head]), tokens[gap - 1].end))
        gap = head
    if not out and gap == k and nationality_alone(tokens, gap - 1):
        out.append((_title_start(tokens[gap - 1]), tokens[gap - 1].end))  # "وقال البريطاني | أنور ميا"
    return out


def _is_style(tokens: Sequence[Token], i: int, j: int) -> bool:
    """Whether tokens[i:j] are a style of address ("لصاحب السمو الملكي"), not a role."""
    return _style_start(tokens, i, j) is not None


def _style_start(tokens: Sequence[Token], i: int, j: int) -> int | None:
    """Where the style of address that tokens[i:j] spell starts in the text, past a clitic on
    its first word ("ل|صاحب السمو الملكي"); None when they spell none."""
    if i < 0 or i >= j or not all(is_word(t) for t in tokens[i:j]):
        return None
    styles = lexicon().styles
    rest = " ".join(t.key for t in tokens[i + 1:j])
    for reading in strip_proclitic(tokens[i].key):
        if f"{reading} {rest}" in styles:
            return tokens[i].start + len(tokens[i].key) - len(reading)
    return None


def _office_reaching(tokens: Sequence[Token], gap: int) -> int | None:
    """The first token of the office phrase that runs without a break up to token ``gap`` (or
    on into it) and ends there in a word that closes a phrase: the role of the name after it.
    A title right before the name is the name's ("مدير مكتب الملك | عبد الله", "ابنة الفنانة |
    الفهد"); otherwise the widest phrase is ("زوجة الرئيس الأمريكي | ميلانيا ترامب": the wife's
    role, not the president's)."""
    lex = lexicon()
    if gap < 1 or not closes_phrase(tokens[gap - 1]):
        return None
    best = None
    for t in range(gap - 1, max(gap - 1 - MAX_ROLE_TOKENS, -1), -1):
        tok = tokens[t]
        if not is_word(tok) or lex.cue(tok.key):
            break
        title = lex.title(tok.key)  # (a rank takes complements too: "العقيد في القوات الجوية السورية")
        if title and title.kind in ("office", "rank") and noun_chain_end(tokens, t, not definite(tok.key)) >= gap:
            if t == gap - 1 and _adjective_here(tokens, t):
                return None
            best = t
            if t == gap - 1:
                break
    return best


def _adjective_here(tokens: Sequence[Token], t: int) -> bool:
    """Whether the title at token t, written with the bare article, agrees in gender and number
    with the plain determined noun before it, as an adjective: "الضربة القاضية" (not "العاهل
    السعودي الملك" after a nationality, nor "خادم الحرمين الشريفين الملك" after a dual)."""
    title, before = tokens[t].key, tokens[t - 1].key if t >= 1 else ""
    if not title.startswith("ال") or not is_word(tokens[t - 1]) or not written_definite(tokens[t - 1]):
        return False
    if before.endswith(("ين", "ون", "ات", "ان", "ي")) or before.endswith("ه") != title.endswith("ه"):
        return False  # (nor after a nisba, itself an adjective: "صاحب السمو الملكي الأمير")
    return lexicon().title(before) is None and not is_nationality(before)


def _roles_after(tokens: Sequence[Token], starts: list[int], k: int, titled: bool,
                 listed: bool = False) -> list[tuple[int, int]]:
    """Office phrases in apposition after the name that ends before token k: after a comma, or
    closed by punctuation, a speech cue or a second office phrase ("مستشار خادم الحرمين
    الشريفين | أمير منطقة مكة المكرمة"). The title is written bare: with و or a preposition it
    starts something else. Without a comma, a person ``titled`` just before the name takes no
    determined title after it: that is the verb's object ("شتم الرئيس الفلسطيني محمود عباس |
    السفير الأميركي"). In a list of people the next item closes it too: "سمير بالطيب وزير
    الفلاحة | والمهدي بن غربية", and any و-item after a name that is itself ``listed`` with و."""
    lex = lexicon()
    set_off = k < len(tokens) and tokens[k].text in "،,"
    p = k + 1 if set_off else k
    if p >= len(tokens):
        return []
    if not set_off and (appointed := _accusative_office(tokens, p)):
        return [appointed]
    if getattr(lex.titles.get(tokens[p].key), "kind", "") != "office":
        return []
    phrase = parse_phrase(tokens, p, min(len(tokens), p + MAX_ROLE_TOKENS + MAX_NAME_TOKENS + 1))
    if phrase is None or not phrase.role or phrase.role[0] != tokens[p].start:
        return []
    end = bisect_left(starts, phrase.role[1])
    second = office_phrase_at(tokens, end)
    if phrase.name and not second and not _coordinated(tokens, end):
        return []  # the title of a name that follows it (not "الأسبق | ومهندس الاتفاق")
    nxt = tokens[end] if end < len(tokens) else None
    closed = nxt is None or not is_word(nxt) or lex.cue(nxt.key) is not None \
        or lex.is_("complementizer", nxt.key) or second or conjoined_name(nxt.key) \
        or listed and _coordinated(tokens, end)
    if not set_off and (not closed or titled and tokens[p].key.startswith("ال") or end == p + 1):
        return []  # "هنأ ترامب رئيس الوزراء على فوزه": an object, not an apposition; "ضربة صلاح | القاضية!"
    if nxt is not None and (nxt.key.isdigit() or tokens[end - 1].text.endswith("\u0640")):
        return []  # "فيلايني صاحب الـ 30 عاما": an age
    out = [phrase.role]
    if second:
        last = noun_chain_end(tokens, end, not definite(tokens[end].key))
        out.append((tokens[end].start, tokens[last - 1].end))
    return out


def _accusative_office(tokens: Sequence[Token], p: int) -> tuple[int, int] | None:
    """An office in the accusative right after a name, with its complement: the post the person
    is appointed, elected or named to ("تعيين خليل الغرياني | وزيرا للوظيفة العمومية والحوكمة",
    "انتخاب X | رئيسا للبرلمان"). The ا of the indefinite accusative marks it; the title alone
    ("مديرا") says too little and is left, as is one without the ل of its post."""
    key = tokens[p].key
    if len(key) < 4 or not key.endswith("ا") or getattr(lexicon().titles.get(key[:-1]), "kind", "") != "office":
        return None
    if p + 1 >= len(tokens) or tokens[p + 1].key[:1] != "ل":
        return None  # the post is named with ل (للوظيفة، لمجلس، لدى): not "لاعبا أساسيا في المباراة"
    end = noun_chain_end(tokens, p, True)
    if end <= p + 1 or not closes_phrase(tokens[end - 1]):
        return None
    return tokens[p].start, tokens[end - 1].end


def _coordinated(tokens: Sequence[Token], k: int) -> bool:
    """Whether token k opens with a conjunction و that is no part of a given name (ومهندس, not وليد)."""
    key = tokens[k].key if k < len(tokens) else ""
    return key[:1] == "و" and len(key) > 3 and key not in given_names()


def _styled(text: str, tokens: Sequence[Token], starts: list[int], role: Span) -> Span:
    """The role with the style of address written before it: "صاحب السمو الملكي الأمير"."""
    k = bisect_left(starts, role.start)
    if k >= len(tokens) or tokens[k].start != role.start:
        return role
    for width in (3, 2):
        start = _style_start(tokens, k - width, k)
        if start is not None:
            return Span(start, role.end, text[start:role.end])
    return role
