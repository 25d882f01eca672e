"""Statistical named-entity tagger: persons (PER), organisations (ORG), places (LOC).

A linear-chain CRF over ``rasd.arabic.tokenize`` tokens, trained with python-crfsuite
by ``scripts/train_ner.py`` on ANERcorp minus the CAMeL test split; see
``resources/ner/MODEL_CARD.md`` for data, scores and limits.

    >>> from rasd.analyze.ner import find_entities
    >>> for m in find_entities(text):
    ...     print(m.type, text[m.start:m.end])

Two CRFs run in turn: the first tags each sentence; the second also sees, for each
token, how the first tagged the same stem elsewhere in the document ("الاعرجي" named
in full once and alone later), and re-decodes the sentences where the two disagree.

Tagging needs numpy but not crfsuite: the trained weights are exported to
``resources/ner/model.json.gz`` and decoded here. Every feature of a token is a
feature of one word form at a fixed offset (the word itself, or a neighbour up to two
words away), so the scores a word form lends to each label at each offset are computed
once per form and cached in a table; an article's label scores are one numpy gather.
Tokens that provably take O in the best path are settled from those scores, and exact
Viterbi runs only over the short stretches left, mostly the names themselves (see
``CRF``). The labels are those of crfsuite's own tagger.
"""
from __future__ import annotations

import gzip
import json
import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache
from operator import add, itemgetter
from pathlib import Path
from typing import NamedTuple

from rasd.arabic import Token, fold, tokenize
from rasd.model import Entity, Span

MODEL_DIR = Path(__file__).resolve().parents[1] / "resources" / "ner"
MODEL_PATH = MODEL_DIR / "model.json.gz"
CLUSTERS_PATH = MODEL_DIR / "clusters.tsv"
FORMAT = "rasd-ner-crf/2"

TYPES = ("PER", "ORG", "LOC")
SENTENCE_ENDS = frozenset(".!?؟")
MAX_SENTENCE_TOKENS = 150  # a longer "sentence" (a list, a table) is tagged in pieces
CONTEXT = (-2, -1, 1, 2)
MAX_FORMS = 150_000  # word forms whose scores are kept (42 MB for two stages); then the table is pruned
KEEP_FORMS = 75_000  # at most this many forms survive a pruning: those seen in the most articles
STAGES = 2  # 1: the sentence-level CRF only (about twice as fast, about 2.5 F1 points lower)
RESTRICT_STAGE2 = True  # the second stage re-decodes only sentences the document disagrees with
SLACK = 1e-3  # float32 sums: a token within this of the bound is decoded, not assumed O


class NerMention(NamedTuple):
    """One tagged mention: ``text[start:end]`` is the name as written."""

    type: str  # PER, ORG or LOC
    start: int
    end: int

    def span(self, text: str) -> Span:
        return Span.of(text, self.start, self.end)


# ---------------------------------------------------------------- features

_PROCLITIC_1 = ("و", "ف")
_PROCLITIC_2 = ("ب", "ل", "ك")


def stem(key: str) -> tuple[str, str]:
    """(clitics peeled, what was peeled) for a folded word: وبالعراق → (عراق, وبال)."""
    pre = ""
    w = key
    if len(w) > 3 and w[0] in _PROCLITIC_1:
        pre, w = w[0], w[1:]
    if len(w) > 3 and w.startswith("لل"):
        pre, w = pre + "لل", w[2:]
    elif len(w) > 3 and w[0] in _PROCLITIC_2 and w[1:3] == "ال":
        pre, w = pre + w[0], w[1:]
    if len(w) > 3 and w.startswith("ال"):
        pre, w = pre + "ال", w[2:]
    return w, pre


def _shape(word: str) -> str:
    if word.isdigit():
        return "D"
    c = word[:1]
    if not c.isalnum() and c != "_":
        return "P"
    if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
        return "A"
    if c.isascii() and c.isalpha():
        if word.isupper() and len(word) > 1:
            return "LU"
        return "LC" if c.isupper() else "Ll"
    if any(ch.isdigit() for ch in word):
        return "DM"
    return "O"


def _len_class(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "5" if n <= 5 else "8" if n <= 8 else "9"


class Gazetteer:
    """Word flags from rasd's resource lists (titles, places, organisations, speaker nouns,
    given names)."""

    def __init__(self):
        from rasd.resources import table, word_list

        self.single: dict[str, set[str]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], str]]] = {}

        def add_entry(phrase: str, tag: str) -> None:
            words = [fold(w) for w in phrase.split()]
            if not words:
                return
            if len(words) == 1:
                self.single.setdefault(words[0], set()).add(tag)
                return
            self.multi.setdefault(words[0], []).append((tuple(words), tag))
            for w in words:  # each word of a multiword name is "part of a known name"
                self.single.setdefault(w, set()).add(tag + "_part")

        for row in table("titles.tsv"):
            if row["kind"] != "style":  # (the words of "صاحب السمو" are no title on their own)
                add_entry(row["title"], "title_" + (row.get("kind") or "office"))
        for row in table("places.tsv"):
            add_entry(row["name"], "place")
        for name in word_list("organisations.txt"):
            add_entry(name, "org")
        for row in table("speaker_nouns.tsv"):
            add_entry(row["noun"], "noun_" + (row.get("kind") or "x"))
        for name in word_list("given_names.txt"):
            add_entry(name, "given")
        for v in self.multi.values():
            v.sort(key=lambda e: -len(e[0]))

    def word_flags(self, key: str, st: str, pre: str) -> list[str]:
        forms = {key, st}
        if pre:
            bare = key[1:] if key[0] in _PROCLITIC_1 else key  # وقيادة → قيادة
            forms.add(bare)
            if bare[:1] in _PROCLITIC_2:
                forms.add(bare[1:])
        out: set[str] = set()
        for form in forms:
            tags = self.single.get(form)
            if tags:
                out |= tags
        return sorted(out)

    def phrase_heads(self, key: str) -> list[tuple[tuple[str, ...], str]] | None:
        """Multiword entries that may start at this word (allowing one proclitic)."""
        cands = self.multi.get(key)
        if cands is None and len(key) > 3 and key[0] in "وفبلك":
            cands = self.multi.get(key[1:])
            if cands is None and key.startswith("لل"):
                cands = self.multi.get("ا" + key[1:])
        return cands

    def phrase_flags(self, keys: Sequence[str], heads: Sequence | None = None) -> list[str | None]:
        """B_/I_ flags of multiword gazetteer entries matched over folded words."""
        n = len(keys)
        out: list[str | None] = [None] * n
        i = 0
        while i < n:
            cands = heads[i] if heads is not None else self.phrase_heads(keys[i])
            step = 1
            if cands:
                for words, tag in cands:
                    m = len(words)
                    if i + m <= n and all(keys[i + j] == words[j] for j in range(1, m)):
                        out[i] = "B_" + tag
                        for j in range(1, m):
                            out[i + j] = "I_" + tag
                        step = m
                        break
            i += step
        return out


def phrase_features(phrase: Sequence[str | None], i: int) -> list[str]:
    n = len(phrase)
    out = []
    if phrase[i]:
        out.append("ph=" + phrase[i])
    if i + 1 < n and phrase[i + 1]:
        out.append("ph+1=" + phrase[i + 1])
    if i > 0 and phrase[i - 1]:
        out.append("ph-1=" + phrase[i - 1])
    return out


BOUNDARY = {o: f"{o}:w=<s>" if o < 0 else f"{o}:w=</s>" for o in CONTEXT}


class Featurizer:
    """A word form's own features and those it lends to the token ``o`` places away.

    For offset ``o`` the features in ``ctx[o]`` describe *this* word and are attached to
    the token at (this position − o): the word before a token lends its ``-1`` set."""

    def __init__(self, clusters: dict[str, str] | None = None, cache: bool = True):
        self.clusters = clusters or {}
        self.gaz = Gazetteer()
        self._cache: dict[str, tuple[str, list[str], dict[int, list[str]]]] = {}
        self._cache_max = 300_000 if cache else 0

    def word(self, word: str) -> tuple[str, list[str], dict[int, list[str]]]:
        """(folded key, own features, {offset: context features})."""
        hit = self._cache.get(word)
        if hit is not None:
            return hit
        key = fold(word).lower()
        st, pre = stem(key)
        shape = _shape(word)
        f = ["b", "w=" + key, "sh=" + shape, "ln=" + _len_class(len(st))]
        if st != key:
            f.append("st=" + st)
            f.append("pre=" + pre)
        if shape == "A":
            for i in (1, 2, 3, 4):
                if len(key) > i:
                    f.append(f"p{i}=" + key[:i])
                    f.append(f"s{i}=" + key[-i:])
            if st != key:
                for i in (2, 3):
                    if len(st) > i:
                        f.append(f"ss{i}=" + st[-i:])
                        f.append(f"sp{i}=" + st[:i])
        elif shape in ("LC", "LU", "Ll"):
            f.append("s3=" + key[-3:])
        flags = self.gaz.word_flags(key, st, pre)
        f.extend("g=" + t for t in flags)
        c = self.clusters.get(st) or self.clusters.get(key)
        cl = [f"c{i}={v}" for i, v in enumerate(c.split("/"))] if c else []
        f.extend(cl)
        ctx = {}
        for o in CONTEXT:
            p = f"{o}:"
            g = [p + "w=" + key]
            if o in (-1, 1):
                if st != key:
                    g.append(p + "st=" + st)
                g.append(p + "sh=" + shape)
                g.extend(p + "g=" + t for t in flags)
                g.extend(p + x for x in cl[:2])
                if shape == "A" and len(key) > 2:
                    g.append(p + "s2=" + key[-2:])
            elif cl:
                g.append(p + cl[1 if len(cl) > 1 else 0])
            ctx[o] = g
        hit = (key, f, ctx)
        if len(self._cache) < self._cache_max:
            self._cache[word] = hit
        return hit

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """crfsuite attribute lists of a sentence (training; tagging uses ``Model``)."""
        n = len(words)
        feats = [self.word(w) for w in words]
        phrase = self.gaz.phrase_flags([k for k, _, _ in feats])
        out = []
        for i in range(n):
            x = list(feats[i][1])
            for o in CONTEXT:
                j = i + o
                x.extend(feats[j][2][o] if 0 <= j < n else (BOUNDARY[o],))
            x.extend(phrase_features(phrase, i))
            out.append(x)
        return out


# ---------------------------------------------------------------- model

def read_map(path: Path) -> dict[str, str]:
    """A two-column TSV (word, value) as a dict; missing file → empty."""
    out: dict[str, str] = {}
    if not path.exists():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                out[parts[0]] = parts[1]
    return out


class CRF:
    """One linear-chain CRF (weights exported from crfsuite) and an exact Viterbi decoder
    over given label scores.

    A token is settled as O when that is provable: when no run of non-O labels through
    it can beat the same run set to O, and when cutting its run off at the token cannot
    lose either. Both bounds use each token's best B- and I- score gain over O and the
    largest transition gains, and come from prefix sums, for all tokens at once. Viterbi
    runs only over the short stretches left, each bordered by tokens known to be O, so
    the result is the full Viterbi path (crfsuite's own labels, up to float rounding)."""

    def __init__(self, data: dict):
        import numpy as np

        self.np = np
        self.labels: list[str] = data["labels"]
        L = self.L = len(self.labels)
        o = self.o = self.labels.index("O")
        T = self.trans = data["transitions"]  # [from][to]
        self.trans_to = [[T[a][b] for a in range(L)] for b in range(L)]  # [to][from]
        self._trans_np = np.array(T)
        self.weights: dict[str, list[float]] = {}
        for attr, pairs in data["state"].items():
            v = [0.0] * L
            for k in range(0, len(pairs), 2):
                v[pairs[k]] = pairs[k + 1]
            self.weights[attr] = v
        non_o = [y for y in range(L) if y != o]
        bl = [y for y in non_o if not self.labels[y].startswith("I-")]
        il = [y for y in non_o if self.labels[y].startswith("I-")]
        self.b_labels, self.i_labels = np.array(bl), np.array(il)
        # transition gains over O→O into a B- or I- label from inside a run
        self.g_b = max(T[a][b] - T[o][o] for a in non_o for b in bl)
        self.g_i = max(T[a][b] - T[o][o] for a in non_o for b in il)
        # into a run from O (or from nothing, at a sentence start) and out of it
        self.enter_b = max(0.0, max(T[o][y] - T[o][o] for y in bl))
        self.enter_i = max(T[o][y] - T[o][o] for y in il)
        self.exit = max(0.0, max(T[y][o] - T[o][o] for y in non_o))
        # gain of a B- or I- label over O right after a non-O label
        self.in_b = max(T[a][y] - T[a][o] for a in non_o for y in bl)
        self.in_i = max(T[a][y] - T[a][o] for a in non_o for y in il)
        # Viterbi: an I- label's usual predecessors are its B- and itself
        self._full_labels, self._pair_labels = [], []
        for y, lab in enumerate(self.labels):
            if lab.startswith("I-") and "B-" + lab[2:] in self.labels:
                b = self.labels.index("B-" + lab[2:])
                other = max(T[a][y] for a in range(L) if a not in (b, y))
                self._pair_labels.append((y, b, other))
            else:
                self._full_labels.append(y)
        self.types = [lab.partition("-")[2] for lab in self.labels]
        self.begins = [lab.startswith("B-") for lab in self.labels]

    def vec(self, attrs) -> list[float]:
        """Summed label scores of some attributes."""
        w = self.weights
        acc = [0.0] * self.L
        for a in attrs:
            v = w.get(a)
            if v is not None:
                acc = list(map(add, acc, v))
        return acc

    def decode(self, E, starts, sid) -> list[int]:
        """Best label index per token, from label scores ``E`` (n, L); ``starts`` marks each
        sentence's first token and ``sid`` numbers the sentences."""
        np = self.np
        n = len(E)
        o = self.o
        # score gain over O of each token's best B- label and best I- label
        eo = E[:, o]
        dB = E[:, self.b_labels].max(axis=1) - eo
        dI = E[:, self.i_labels].max(axis=1) - eo
        u = np.maximum(dB + self.g_b, dI + self.g_i)  # a token inside a run, with the transition into it
        # a token opening a run: B- after O (or at a sentence start); I- pays O→I- unless first
        f = np.maximum(dB + self.enter_b, dI + np.where(starts, 0.0, self.enter_i))
        Up = np.cumsum(u)
        shift = (1e6 + 4 * float(np.abs(u).sum() + np.abs(f).sum())) * sid
        left = np.maximum.accumulate(f - Up + shift) - shift + Up  # best run ending here
        right = np.maximum.accumulate((Up - shift)[::-1])[::-1] + shift - Up  # its best extension
        # (1) a run through the token that beats the same run set to O, and (2) the token's
        # run, cut off from the token on, that beats O from the token on: both must be possible
        tail = np.maximum(f, np.maximum(dB + self.in_b, dI + self.in_i)) + right
        free = (left + right + self.exit >= -SLACK) & (tail + self.exit >= -SLACK)
        out = [o] * n
        cand = np.flatnonzero(free)
        if not len(cand):
            return out
        # stretches of consecutive free tokens inside one sentence
        brk = np.flatnonzero((np.diff(cand) != 1) | (sid[cand[1:]] != sid[cand[:-1]])) + 1
        first = np.concatenate(([0], brk))
        lo = cand[first]
        hi = cand[np.concatenate((brk - 1, [len(cand) - 1]))] + 1
        after_o = (lo > 0) & ~starts[lo]
        before_o = (hi < n) & ~starts[np.minimum(hi, n - 1)]
        lens = hi - lo
        longest = int(lens.max())
        if len(cand) * 6 < longest * 12 + 40:  # a little work: plain Python is quicker
            for a, b, x, y in zip(lo.tolist(), hi.tolist(), after_o.tolist(), before_o.tolist()):
                out[a:b] = self._viterbi(E[a:b].tolist(), x, y)
            return out
        paths = self._viterbi_batch(E, lo, lens, after_o, before_o, longest)
        for a, ln, path in zip(lo.tolist(), lens.tolist(), paths.tolist()):
            out[a:a + ln] = path[:ln]
        return out

    def _viterbi_batch(self, E, lo, lens, after_o, before_o, longest):
        """Exact Viterbi over many stretches at once, one numpy step per position.
        Row r of the result holds stretch r's labels in its first ``lens[r]`` cells."""
        np = self.np
        o, L = self.o, self.L
        T = self._trans_np
        order = np.argsort(-lens, kind="stable")
        lo_s, lens_s = lo[order], lens[order]
        S = len(lo)
        delta = E[lo_s] + np.where(after_o[order, None], T[o], 0.0)
        back = np.empty((longest, S, L), dtype=np.intp)
        n_active = np.searchsorted(-lens_s, -np.arange(longest), side="left").tolist()  # lens > t
        for t in range(1, longest):
            k = n_active[t]
            cand = delta[:k, :, None] + T  # (k, from, to)
            back[t, :k] = cand.argmax(axis=1)
            delta[:k] = cand.max(axis=1) + E[lo_s[:k] + t]
        delta += np.where(before_o[order, None], T[:, o], 0.0)
        y = delta.argmax(axis=1)
        path = np.empty((S, longest), dtype=np.intp)
        path[np.arange(S), lens_s - 1] = y
        rows = np.arange(S)
        for t in range(longest - 1, 0, -1):  # rows still inside their stretch at t: the first k
            k = n_active[t]
            y[:k] = back[t, rows[:k], y[:k]]
            path[:k, t - 1] = y[:k]
        out = np.empty_like(path)
        out[order] = path
        return out

    def _viterbi(self, em: list[list[float]], after_o: bool, before_o: bool) -> list[int]:
        """Exact Viterbi over a stretch; ``after_o``/``before_o``: an O token borders it.

        An I- label is scored first from its own B-/I- predecessors only; the other
        predecessors are tried when their best possible total could still be higher."""
        o = self.o
        trans_to = self.trans_to
        full, pairs = self._full_labels, self._pair_labels
        delta = list(map(add, em[0], self.trans[o])) if after_o else em[0]
        back = []
        for e in em[1:]:
            nd = e[:]
            bp = [0] * len(e)
            dmax = max(delta)
            for y in full:
                s = list(map(add, delta, trans_to[y]))
                m = max(s)
                nd[y] += m
                bp[y] = s.index(m)
            for y, b, other in pairs:
                col = trans_to[y]
                vb, vi = delta[b] + col[b], delta[y] + col[y]
                m, arg = (vb, b) if vb >= vi else (vi, y)
                if dmax + other > m:  # another predecessor might still win: score them all
                    s = list(map(add, delta, col))
                    m = max(s)
                    arg = s.index(m)
                nd[y] += m
                bp[y] = arg
            delta = nd
            back.append(bp)
        if before_o:
            delta = list(map(add, delta, trans_to[o]))
        y = delta.index(max(delta))
        path = [y]
        for bp in reversed(back):
            y = bp[y]
            path.append(y)
        path.reverse()
        return path


def doc_stem(key: str) -> str:
    """The form under which a word's other mentions in a document are matched."""
    st = stem(key)[0]
    return st if len(st) >= 3 and st[0].isalpha() else ""


def doc_features(stems: Sequence[str], labels: Sequence[str], starts: Sequence[bool]) -> dict[int, list[str]]:
    """Second-stage features from the first stage's labels over a whole document:
    ``d=B-PER`` when the token's stem is tagged B-PER somewhere else in the document
    (one feature per label seen), and ``d-1=``/``d+1=`` for the tokens beside it in its
    sentence. Tokens with nothing to say get no entry."""
    n = len(labels)
    tagged: dict[str, dict[str, int]] = {}
    for i, lab in enumerate(labels):
        if lab != "O":
            st = stems[i]
            if st:
                c = tagged.setdefault(st, {})
                c[lab] = c.get(lab, 0) + 1
    out: dict[int, list[str]] = {}
    if not tagged:
        return out

    def put(i: int, f: str) -> None:
        out.setdefault(i, []).append(f)

    for i, st in enumerate(stems):
        c = tagged.get(st) if st else None
        if not c:
            continue
        own = labels[i]
        for lab, k in c.items():
            if k - (lab == own) >= 1:  # seen at another position
                put(i, "d=" + lab)
                if i + 1 < n and not starts[i + 1]:
                    put(i + 1, "d-1=" + lab)
                if i > 0 and not starts[i]:
                    put(i - 1, "d+1=" + lab)
    return out


class Model:
    """The shipped tagger: a first CRF over each sentence, then a second CRF that also
    sees the first one's labels across the whole document (``doc_features``).

    Features of a token are features of one word form at a fixed offset (the word
    itself or a neighbour up to two words away), so the label scores each word form
    lends at each offset, for every stage, are computed once per form and kept in a
    table: an article's scores are then one numpy gather. The second stage re-decodes
    only the sentences where document features fire; elsewhere its features are the
    first stage's and the first stage's labels stand."""

    def __init__(self, path: Path = MODEL_PATH, clusters_path: Path | None = None):
        import numpy as np

        self.np = np
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a {FORMAT} model")
        self.meta = data.get("meta", {})
        # no feature cache: the table below keeps each form's scores, not its feature strings
        self.featurizer = Featurizer(read_map(clusters_path or path.parent / CLUSTERS_PATH.name), cache=False)
        self.stages = [CRF(d) for d in data["stages"]]
        self.labels = self.stages[-1].labels
        self.L = L = self.stages[0].L
        if any(c.L != L for c in self.stages):
            raise ValueError(f"{path}: stages with different label sets")
        S = len(self.stages)
        # the same label order in every stage: a stage's label k is the last stage's remap[k]
        self._remap = [[c.labels.index(lab) for lab in prev.labels]
                       for prev, c in zip(self.stages, self.stages[1:])]
        # every attribute's weights for all stages side by side: row 0 is all zeros
        attrs = sorted({a for c in self.stages for a in c.weights})
        self._attr_row = {a: r for r, a in enumerate(attrs, 1)}
        W = np.zeros((len(attrs) + 1, S * L), dtype=np.float32)
        for k, c in enumerate(self.stages):
            for a, v in c.weights.items():
                W[self._attr_row[a], k * L:(k + 1) * L] = v
        self._W = W
        # what "no word here" (before/after the sentence) lends each offset
        self._boundary = np.array([W[self._attr_row.get(BOUNDARY[o], 0)] for o in CONTEXT])  # (4, S*L)
        self._width = S * L
        self._extra_cache: list[dict] = [{} for _ in self.stages]
        self._cap = 0
        self._reset()
        self._grow(1 << 14)
        self._lock = threading.Lock()

    # -- word-form table

    def _reset(self) -> None:
        self._index: dict[str, int] = {}
        self._keys: list[str] = []
        self._stem_ids: dict[str, int] = {"": 0}
        self._heads: list = []
        self._n = 0

    def _grow(self, cap: int) -> None:
        np = self.np
        vec = np.zeros((1 + len(CONTEXT), cap, self._width), dtype=np.float32)
        flags = np.zeros((cap, 2), dtype=bool)  # sentence end, may start a gazetteer phrase
        stems = np.zeros(cap, dtype=np.int64)  # doc_stem as a number (0: none)
        seen = np.zeros(cap, dtype=np.int32)  # articles the form was seen in (for pruning)
        if self._cap:
            vec[:, :self._n] = self._table[:, :self._n]
            flags[:self._n] = self._flags[:self._n]
            stems[:self._n] = self._stem_tab[:self._n]
            seen[:self._n] = self._seen[:self._n]
        self._table, self._flags, self._stem_tab, self._seen, self._cap = vec, flags, stems, seen, cap

    def _prune(self) -> None:
        """Make room in a full table: keep the ``KEEP_FORMS`` forms seen in the most articles
        (news vocabulary is Zipfian, so they cover most tokens to come) and halve their
        counts, so that forms gone out of use give way in time. Rows are compacted."""
        np = self.np
        n = self._n
        seen = self._seen[:n]
        keep = np.flatnonzero(seen >= 2)
        if len(keep) > KEEP_FORMS:
            keep = np.sort(np.argsort(-seen, kind="stable")[:KEEP_FORMS])
        m = len(keep)
        self._table[:, :m] = self._table[:, keep]
        self._flags[:m] = self._flags[keep]
        self._stem_tab[:m] = self._stem_tab[keep]
        self._seen[:m] = seen[keep] >> 1
        self._seen[m:n] = 0
        rows = keep.tolist()
        words = list(self._index)  # insertion order is row order
        self._index = dict(zip([words[r] for r in rows], range(m)))
        self._keys = [self._keys[r] for r in rows]
        self._heads = [self._heads[r] for r in rows]
        self._n = m
        if len(self._stem_ids) > MAX_FORMS:  # renumber the stems still in use
            self._stem_ids = {"": 0}
            sids = [self._stem_ids.setdefault(st, len(self._stem_ids)) if st else 0
                    for st in map(doc_stem, self._keys)]
            self._stem_tab[:m] = sids

    def _add_words(self, words: list[str]) -> None:
        """Table rows for new word forms: their features' weights summed per offset, in
        one numpy gather and segmented sum for all of them."""
        np = self.np
        r0, m = self._n, len(words)
        if r0 + m > self._cap:
            self._grow(max(r0 + m, min(self._cap * 2, MAX_FORMS)))
        get = self._attr_row.get
        word = self.featurizer.word
        heads_of = self.featurizer.gaz.phrase_heads
        stem_ids = self._stem_ids
        rows: list[int] = []
        segs: list[int] = []
        ends, starts_phrase, stems = [], [], []
        keys, heads_l, index = self._keys, self._heads, self._index
        for text in words:
            key, own, ctx = word(text)
            for attrs in (own, ctx[-2], ctx[-1], ctx[1], ctx[2]):  # CONTEXT order
                segs.append(len(rows))
                rows.append(0)  # the zero row: no segment is empty
                rows += [i for i in map(get, attrs) if i]
            heads = heads_of(key)
            ends.append(text in SENTENCE_ENDS)
            starts_phrase.append(heads is not None)
            st = doc_stem(key)
            stems.append(stem_ids.setdefault(st, len(stem_ids)) if st else 0)
            keys.append(key)
            heads_l.append(heads)
        sums = np.add.reduceat(self._W[rows], segs, axis=0)  # (m * 5, width)
        self._table[:, r0:r0 + m] = sums.reshape(m, 1 + len(CONTEXT), self._width).transpose(1, 0, 2)
        self._flags[r0:r0 + m, 0] = ends
        self._flags[r0:r0 + m, 1] = starts_phrase
        self._stem_tab[r0:r0 + m] = stems
        self._n = r0 + m
        index.update(zip(words, range(r0, r0 + m)))  # last: a form is visible once its row is filled

    def _ids(self, words: Sequence[str]):
        ids = list(map(self._index.get, words))
        if None in ids:
            with self._lock:
                new = [w for w in dict.fromkeys(words) if w not in self._index]
                if new:
                    if self._n + len(new) > MAX_FORMS:  # bounded: keep the common forms only
                        self._prune()
                        new = [w for w in dict.fromkeys(words) if w not in self._index]
                    self._add_words(new)
                index = self._index
                ids = [index[w] for w in words]
        ids = self.np.array(ids, dtype=self.np.intp)
        self._seen[ids] += 1  # once per article, however often the form occurs in it
        return ids

    def _scores(self, ids, starts, sid):
        """Label scores of every token for every stage: (n, stages × labels)."""
        np = self.np
        n = len(ids)
        tab = self._table
        E = tab[0, ids]
        bnd = self._boundary
        for k, off in enumerate(CONTEXT):
            a = abs(off)
            if a >= n:
                E += bnd[k]
                continue
            if off < 0:  # token i gets the word at i - a, if in its sentence
                E[a:] += tab[k + 1, ids[:n - a]]
                cross = np.flatnonzero(sid[a:] != sid[:n - a]) + a
                E[:a] += bnd[k]
            else:
                E[:n - a] += tab[k + 1, ids[a:]]
                cross = np.flatnonzero(sid[:n - a] != sid[a:])
                E[n - a:] += bnd[k]
            if len(cross):  # the neighbour is in another sentence: it lends nothing
                E[cross] += bnd[k] - tab[k + 1, ids[cross + off]]
        if self._flags[ids, 1].any():
            self._add_phrases(ids.tolist(), sid, E)
        return E

    def _add_phrases(self, ids, sid, E) -> None:
        """Add the scores of multiword-gazetteer features (``phrase_features``) to ``E``."""
        n = len(ids)
        heads, keys = self._heads, self._keys
        phrase: dict[int, str] = {}
        covered = -1
        for p in self.np.flatnonzero(self._flags[ids, 1]).tolist():
            if p < covered:  # inside the previous match (matching is greedy, left to right)
                continue
            for words, tag in heads[ids[p]]:
                m = len(words)
                if p + m <= n and sid[p + m - 1] == sid[p] and \
                        all(keys[ids[p + j]] == words[j] for j in range(1, m)):
                    phrase[p] = "B_" + tag
                    for j in range(1, m):
                        phrase[p + j] = "I_" + tag
                    covered = p + m
                    break
        if not phrase:
            return
        for i in sorted({i + d for i in phrase for d in (-1, 0, 1) if 0 <= i + d < n}):
            extra = []
            if i in phrase:
                extra.append("ph=" + phrase[i])
            if i + 1 in phrase and sid[i + 1] == sid[i]:
                extra.append("ph+1=" + phrase[i + 1])
            if i - 1 in phrase and sid[i - 1] == sid[i]:
                extra.append("ph-1=" + phrase[i - 1])
            if extra:
                E[i] += sum((c.vec(extra) for c in self.stages), [])

    # -- decoding

    def _run(self, words: Sequence[str], starts, stages: int | None = None, ids=None) -> tuple[list[int], CRF]:
        """Label indices of a document's tokens and the CRF whose labels they index."""
        np = self.np
        if ids is None:
            ids = self._ids(words)
        sid = np.cumsum(starts) - 1
        E = self._scores(ids, starts, sid)
        L = self.L
        crf = self.stages[0]
        y = crf.decode(E[:, :L], starts, sid)
        for k, nxt in enumerate(self.stages[1:stages], 1):
            extra, todo = self._doc_extra(y, crf, ids, starts, sid)
            remap = self._remap[k - 1]
            y = [remap[j] for j in y]
            crf = nxt
            if not todo:
                continue
            mark = np.zeros(int(sid[-1]) + 1, dtype=bool)
            mark[list(todo)] = True
            sel = np.flatnonzero(mark[sid])
            where = {old: new for new, old in enumerate(sel.tolist())}
            E2 = E[sel, k * L:(k + 1) * L]
            cache = self._extra_cache[k]
            for i, feats in extra.items():
                j = where.get(i)
                if j is not None:
                    key = tuple(feats)
                    v = cache.get(key)
                    if v is None:
                        v = nxt.vec(feats)
                        if len(cache) < 100_000:
                            cache[key] = v
                    E2[j] += v
            sub = nxt.decode(E2, starts[sel], sid[sel])
            for old, lab in zip(sel.tolist(), sub):
                y[old] = lab
        return y, crf

    def _doc_extra(self, y, crf: CRF, ids, starts, sid):
        """``doc_features`` of the tokens whose stem the first stage tagged elsewhere in the
        document, and the sentences to decode again: those holding a token whose stem is
        tagged with another type elsewhere, or tagged elsewhere and not here (all sentences
        with such features when ``RESTRICT_STAGE2`` is off)."""
        o = crf.o
        nz = [i for i, j in enumerate(y) if j != o]
        if not nz:
            return {}, set()
        st = self._stem_tab[ids]
        st_l = st.tolist()
        labels = crf.labels
        tagged: dict[int, dict[str, int]] = {}
        for i in nz:
            s = st_l[i]
            if s:
                c = tagged.setdefault(s, {})
                lab = labels[y[i]]
                c[lab] = c.get(lab, 0) + 1
        if not tagged:
            return {}, set()
        n = len(y)
        starts_l = starts.tolist()
        sid_l = sid.tolist()
        extra: dict[int, list[str]] = {}
        todo: set[int] = set()
        restrict = RESTRICT_STAGE2
        for i in [i for i, s in enumerate(st_l) if s in tagged]:
            own = labels[y[i]]
            for lab, cnt in tagged[st_l[i]].items():
                if cnt - (lab == own) >= 1:  # seen at another position (as doc_features)
                    extra.setdefault(i, []).append("d=" + lab)
                    if i + 1 < n and not starts_l[i + 1]:
                        extra.setdefault(i + 1, []).append("d-1=" + lab)
                    if i > 0 and not starts_l[i]:
                        extra.setdefault(i - 1, []).append("d+1=" + lab)
                    if not restrict or lab[2:] != own[2:]:  # another type, or O here
                        todo.add(sid_l[i])
        return extra, todo

    def decode(self, words: Sequence[str], starts, stages: int | None = None) -> list[str]:
        """BIO labels of a document's tokens; ``starts`` marks sentence starts.
        ``stages=1`` stops after the first CRF."""
        if not words:
            return []
        y, crf = self._run(words, self.np.asarray(starts, dtype=bool), stages)
        return [crf.labels[k] for k in y]

    def tag(self, words: Sequence[str]) -> list[str]:
        """BIO labels of one sentence (a document of one sentence)."""
        return self.decode(words, [k == 0 for k in range(len(words))])

    def tag_document(self, sentences: Sequence[Sequence[str]], stages: int | None = None) -> list[list[str]]:
        """BIO labels of each sentence of one document."""
        words = [w for s in sentences for w in s]
        starts = [k == 0 for s in sentences for k in range(len(s))]
        labels = self.decode(words, starts, stages)
        out, k = [], 0
        for s in sentences:
            out.append(labels[k:k + len(s)])
            k += len(s)
        return out

    def mentions(self, text: str, tokens: Sequence[Token]) -> list[NerMention]:
        """Tag a whole text's tokens at once: sentences split as ``sentences`` does."""
        np = self.np
        n = len(tokens)
        if not n:
            return []
        words = list(map(_TEXT, tokens))
        ids = self._ids(words)
        starts = np.zeros(n, dtype=bool)
        starts[0] = True
        starts[1:] = self._flags[ids, 0][:-1]
        if "\n" in text:  # a line break starts a sentence
            for m in _NEWLINE.finditer(text):
                i = bisect_left(tokens, m.start(), key=_START)
                if 0 < i < n:
                    starts[i] = True
        if n > MAX_SENTENCE_TOKENS:
            sid = np.cumsum(starts)
            lengths = np.bincount(sid)
            if lengths.max() > MAX_SENTENCE_TOKENS:
                run = 0
                for i in range(n):  # rare: cut overlong sentences every MAX_SENTENCE_TOKENS tokens
                    run = 1 if starts[i] else run + 1
                    if run > MAX_SENTENCE_TOKENS:
                        starts[i] = True
                        run = 1
        labels, crf = self._run(words, starts, STAGES, ids=ids)
        out = []
        types, begins = crf.types, crf.begins
        o = crf.o
        cur_t, cur_s, prev_end = None, 0, 0
        starts_l = None
        for i, y in enumerate(labels):
            if y == o:
                if cur_t is not None:
                    out.append(NerMention(cur_t, cur_s, prev_end))
                    cur_t = None
                continue
            t = types[y]
            if starts_l is None:
                starts_l = starts.tolist()
            if cur_t is not None and (begins[y] or t != cur_t or starts_l[i]):
                out.append(NerMention(cur_t, cur_s, prev_end))
                cur_t = None
            if cur_t is None:
                cur_t, cur_s = (t if t in TYPES else None), tokens[i].start
            prev_end = tokens[i].end
        if cur_t is not None:
            out.append(NerMention(cur_t, cur_s, prev_end))
        return out


_NEWLINE = re.compile("\n")
_TEXT = itemgetter(2)  # Token.text
_START = itemgetter(0)  # Token.start


_MODEL: Model | None = None
_LOAD_LOCK = threading.Lock()


def model() -> Model:
    """The shared model (loaded on first call). FileNotFoundError when none is shipped."""
    global _MODEL
    if _MODEL is None:
        with _LOAD_LOCK:
            if _MODEL is None:
                if not MODEL_PATH.exists():
                    raise FileNotFoundError(f"NER model missing: {MODEL_PATH} (run scripts/train_ner.py)")
                _MODEL = Model(MODEL_PATH)
    return _MODEL


def model_available() -> bool:
    return MODEL_PATH.exists()


# ---------------------------------------------------------------- tagging text

def sentences(text: str, tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens cut into sentences: after . ! ? ؟, at line breaks, and every
    ``MAX_SENTENCE_TOKENS`` tokens."""
    out: list[list[Token]] = []
    cur: list[Token] = []
    prev_end = -1
    ends = SENTENCE_ENDS
    for t in tokens:
        s = t.start
        if cur and (s > prev_end + 1 and "\n" in text[prev_end:s] or len(cur) >= MAX_SENTENCE_TOKENS):
            out.append(cur)
            cur = []
        cur.append(t)
        prev_end = t.end
        if t.text in ends:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def decode(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """BIO labels → (type, first token, last token + 1). A stray I- starts a mention."""
    out = []
    cur_type, cur_start = None, 0
    for i, lab in enumerate(labels):
        bio, _, typ = lab.partition("-")
        if cur_type is not None and (bio != "I" or typ != cur_type):
            out.append((cur_type, cur_start, i))
            cur_type = None
        if bio in ("B", "I") and cur_type is None and typ in TYPES:
            cur_type, cur_start = typ, i
    if cur_type is not None:
        out.append((cur_type, cur_start, len(labels)))
    return out


def find_entities(text: str, tokens: Sequence[Token] | None = None) -> list[NerMention]:
    """PER/ORG/LOC mentions in ``text``, in text order; ``text[m.start:m.end]`` is the name.

    ``tokens`` may pass ``rasd.arabic.tokenize(text)`` when the caller has it already."""
    return model().mentions(text, tokenize(text) if tokens is None else tokens)


@lru_cache(maxsize=8192)
def _name_key(name: str) -> str:
    from rasd.arabic import search_key

    return search_key(name)


def entities(text: str, tokens: Sequence[Token] | None = None) -> list[Entity]:
    """The mentions grouped into ``rasd.model.Entity`` objects by type and folded name."""
    groups: dict[tuple[str, str], Entity] = {}
    for m in find_entities(text, tokens):
        span = m.span(text)
        key = (m.type, _name_key(span.text))
        ent = groups.get(key)
        if ent is None:
            ent = groups[key] = Entity(m.type, span.text)
        ent.mentions.append(span)
    return list(groups.values())
