#!/usr/bin/env python3
"""Train rasd's PER/ORG/LOC tagger (two CRFs) from the public corpora in ../shared/data.

    python scripts/train_ner.py                  # train (about 3 minutes, 2 cores), write the model
    python scripts/train_ner.py --dev-only       # hold out a tenth of ANERcorp-train, score it, write nothing
    python scripts/train_ner.py --clusters       # first rebuild the word clusters from unlabeled ANT news

Writes src/rasd/resources/ner/model.json.gz (the weights rasd.analyze.ner decodes) and
training_report.json beside it; see MODEL_CARD.md there.

Data:
* ANERcorp (Benajiba file) minus the CAMeL Lab test split. The test split is the tail of
  the Benajiba file; it is located by matching a run of tokens of its first sentence, and
  everything from the sentence before it on is dropped. Any remaining sentence sharing
  half or more of its word 4-grams with a test sentence (a repeated wire story) is
  dropped too. MISC becomes O.
* --corpora can add the Wojood sample, AQMAR and WikiFANE Gold (same overlap filter,
  labels mapped as below); they did not help on ANERcorp dev, so the default is ANERcorp only.
* NewsFANE Gold is never used: it is the ANERcorp text (test part included) re-tokenised
  and re-annotated, so its non-test part only repeats ANERcorp's training text under
  other conventions.

Every sentence is re-tokenised with ``rasd.arabic.tokenize`` (the run-time tokenizer)
and its labels projected onto the new tokens. Runs of 20 sentences stand in for
documents. Stage 1 is a CRF over sentence features; stage 2 adds document features
computed from stage-1 labels (``rasd.analyze.ner.doc_features``), which for training come
from 5-fold jackknifing so that they are as noisy as at run time.

Dependencies: python-crfsuite (training only); numpy, scipy and scikit-learn only for
--clusters. The CAMeL test split is read only to exclude it.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tarfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from rasd.analyze import ner  # noqa: E402
from rasd.arabic import tokenize  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
ANER = DATA / "anercorp" / "ANERCorp_Benajiba.txt.gz"
CAMEL_TEST = DATA / "anercorp" / "ANERCorp_CamelLab_test.txt.gz"
WIKIFANE = DATA / "fane_gold" / "WikiFANE_Gold_2014_500K.txt.gz"
WOJOOD = [DATA / "wojood_sample" / f"{p}.txt" for p in ("train", "val", "test")]
AQMAR = DATA / "aqmar" / "aqmar_articles_conll.tar.gz"
ANT = DATA / "ant_multisource_v2.1" / "antcorpus_multisource_v2.1_xml.tar.xz"

Sentence = tuple[list[str], list[str]]  # tokens, BIO labels over PER/ORG/LOC/MISC

# ---------------------------------------------------------------- label maps

ANER_MAP = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}
AQMAR_MAP = {"PER": "PER", "ORG": "ORG", "LOC": "LOC"}  # MIS0-3 → MISC, typo tags handled below
WOJOOD_MAP = {"PERS": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
FANE_MAP = {
    # PER (Group = nationalities and communities: العرب، الاسرائيليين → O, as ANERcorp leaves them)
    **dict.fromkeys(["Politician", "Artist", "Other_PER", "Religious_PER", "Athlete", "Scientist",
                     "Businessperson", "Engineer", "Lawyer", "Police"], "PER"),
    **dict.fromkeys(["Government", "Commercial", "Educational", "Media", "Religious_ORG", "Sports",
                     "Non-Governmental", "Entertainment", "Medical-Science"], "ORG"),
    # GPE, natural locations and facilities → LOC
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "County-or-District",
                     "GPE-Cluster", "Continent", "Water-Body", "Land-Region-Natural",
                     "Building-Grounds", "Path", "Airport", "Subarea-Facility"], "LOC"),
    # products, vehicles, weapons, celestial bodies, plants (factories) → MISC
    **dict.fromkeys(["Book", "Movie", "Sound", "Software", "Hardware", "Food", "Drug", "Land", "Air",
                     "Water", "Projectile", "Shooting", "Blunt", "Exploding", "Nuclear", "Sharp",
                     "Chemical", "Celestial", "Plant"], "MISC"),
}


def bio(tags: list[tuple[str, str | None]]) -> list[str]:
    """(B/I/O, type or None) → clean BIO strings; a stray I- starts a mention."""
    out, prev = [], None
    for b, t in tags:
        if t is None or b == "O":
            out.append("O")
            prev = None
            continue
        if b == "I" and prev == t:
            out.append("I-" + t)
        else:
            out.append("B-" + t)
        prev = t
    return out


def split_tag(tag: str) -> tuple[str, str]:
    tag = tag.strip()
    if tag in ("O", "OO", "") or "-" not in tag:
        return "O", ""
    b, _, t = tag.partition("-")
    return b[:1].upper(), t.strip("-`' ")


# ---------------------------------------------------------------- readers

def read_conll_sentences(path: Path) -> list[list[tuple[str, str]]]:
    opener = gzip.open if path.suffix == ".gz" else open
    sents, cur = [], []
    with opener(path, "rt", encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.replace("\u200e", "").split()
            if not parts:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def read_anercorp(test_sents: list[list[tuple[str, str]]]) -> tuple[list[Sentence], dict]:
    """Benajiba's ANERcorp split on '.' tokens, cut before the CAMeL test block."""
    rows: list[tuple[str, str]] = []
    with gzip.open(ANER, "rt", encoding="utf-8-sig") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) < 2:
                rows.append(("", "O"))  # an empty token line: kept as a position, dropped below
                continue
            tag = parts[-1]
            if not re.fullmatch(r"[BI]-(PERS|LOC|ORG|MISC)|O", tag):
                tag = "O"
            for k, tok in enumerate(parts[:-1]):
                rows.append((tok, tag if k == 0 or tag == "O" else "I-" + tag[2:]))
    words = [w for w, _ in rows]
    # The test block is the file's tail. Its sentences differ from the file here and there
    # (a malformed line, a few replaced words), so anchor on the first run of 6 tokens of
    # the first test sentence found in the file, then cut after the last '.' before it.
    cut = None
    first = [w for w, _ in test_sents[0]]
    for j in range(len(first) - 5):
        seq = first[j:j + 6]
        for i in range(len(words) - 5):
            if words[i] == seq[0] and words[i:i + 6] == seq:
                cut = i - j
                break
        if cut is not None:
            break
    if cut is None:
        raise SystemExit("could not locate the CAMeL test split inside the Benajiba file")
    cut = max(0, cut - 5)
    while cut > 0 and words[cut - 1] != ".":
        cut -= 1
    sents, cur = [], []
    for w, t in rows[:cut]:
        if w:
            cur.append((w, t))
        if w == ".":
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out = []
    for s in sents:
        tags = [split_tag(t) for _, t in s]
        out.append(([w for w, _ in s], bio([(b, ANER_MAP.get(t)) for b, t in tags])))
    info = {"tokens_in_file": sum(1 for w, _ in rows if w), "test_block_starts_at_token": cut,
            "tokens_dropped_as_test_block": sum(1 for w, _ in rows[cut:] if w)}
    return out, info


def read_wojood() -> list[Sentence]:
    """Nested layers: every column is read as a BIO layer; per token the outermost
    PER/ORG/LOC mention wins (OCC, NORP, EVENT, DATE … are not names: O)."""
    out = []
    for path in WOJOOD:
        block: list[list[str]] = []
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
        for line in lines + [""]:
            parts = line.split()
            if parts:
                if parts[0] == "$#$":
                    continue
                block.append(parts)
                continue
            if not block:
                continue
            words = [p[0] for p in block]
            n = len(words)
            # mentions from every column
            spans = []
            ncol = max(len(p) for p in block) - 1
            for c in range(1, ncol + 1):
                start, typ = None, None
                for i in range(n + 1):
                    tag = block[i][c] if i < n and len(block[i]) > c else "O"
                    b, t = split_tag(tag)
                    if start is not None and not (b == "I" and t == typ):
                        spans.append((start, i, typ))
                        start = None
                    if b in ("B", "I") and start is None:
                        start, typ = i, t
            mapped = [(a, b, WOJOOD_MAP[t]) for a, b, t in spans if t in WOJOOD_MAP]
            mapped.sort(key=lambda s: (s[0], -(s[1] - s[0])))
            tags: list[tuple[str, str | None]] = [("O", None)] * n
            taken = [False] * n
            for a, b, t in mapped:  # outermost first: a span inside a taken one is skipped
                if any(taken[a:b]):
                    continue
                for i in range(a, b):
                    tags[i] = ("B" if i == a else "I", t)
                    taken[i] = True
            out.append((words, bio(tags)))
            block = []
    return out


def read_aqmar() -> list[Sentence]:
    out = []
    with tarfile.open(AQMAR) as tar:
        for m in sorted(tar.getmembers(), key=lambda m: m.name):
            if not m.isfile() or not m.name.endswith(".txt"):
                continue
            text = tar.extractfile(m).read().decode("utf-8-sig")
            cur: list[tuple[str, str]] = []
            for line in text.split("\n") + [""]:
                parts = line.split()
                if not parts:
                    if cur:
                        tags = []
                        for _, tag in cur:
                            b, t = split_tag(tag)
                            if t.startswith("MIS"):
                                t = "MISC"
                            tags.append((b, AQMAR_MAP.get(t, "MISC" if t == "MISC" else None)))
                        out.append(([w for w, _ in cur], bio(tags)))
                        cur = []
                    continue
                cur.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    return out


_PROCLITICS = {"و", "ف", "ب", "ل", "ك"}
_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "نا", "كم"}


def rejoin_fane(words: list[str], tags: list[tuple[str, str | None]]):
    """FANE splits و/ف/ب/ل/ك and pronoun suffixes off their words (و تعتبر, عاصمة ها);
    glue them back as news prints them (وتعتبر, عاصمتها)."""
    ow, ot = [], []
    pending = ""
    for w, t in zip(words, tags):
        if w in _PROCLITICS:
            pending += w
            continue
        if w in _ENCLITICS and ow and not pending and ow[-1][-1:].isalpha() and not ow[-1].isascii():
            prev = ow[-1]
            if prev.endswith("ة"):
                prev = prev[:-1] + "ت"
            elif prev.endswith("ى"):
                prev = prev[:-1] + "ي"
            ow[-1] = prev + w
            continue
        if pending:
            if pending.endswith("ل") and w.startswith("ال"):
                w = pending + w[1:]  # ل + الدولة → للدولة
            else:
                w = pending + w
            pending = ""
        ow.append(w)
        ot.append(t)
    if pending:
        ow.append(pending)
        ot.append(("O", None))
    return ow, ot


def read_fane(path: Path) -> list[Sentence]:
    out = []
    for s in read_conll_sentences(path):
        words = [w.replace("\ufeff", "") for w, _ in s]
        tags = []
        for _, tag in s:
            b, t = split_tag(tag)
            tags.append((b, FANE_MAP.get(t)))
        words, tags = rejoin_fane(words, tags)
        out.append((words, bio(tags)))
    return out


# ---------------------------------------------------------------- test-overlap filter

def folded_words(words: list[str]) -> list[str]:
    return [t.key for t in tokenize(" ".join(words)) if t.key[:1].isalnum()]


def grams(ws: list[str], n: int = 4) -> set[tuple[str, ...]]:
    return {tuple(ws[i:i + n]) for i in range(len(ws) - n + 1)}


class TestFilter:
    def __init__(self, test_sents):
        self.exact = set()
        self.grams: set = set()
        for s in test_sents:
            ws = folded_words([w for w, _ in s])
            self.exact.add(tuple(ws))
            self.grams |= grams(ws)

    def overlaps(self, words: list[str]) -> bool:
        ws = folded_words(words)
        if not ws:  # punctuation only ('.' runs in ANERcorp): nothing to compare
            return False
        if tuple(ws) in self.exact:
            return True
        g = grams(ws)
        return bool(g) and len(g & self.grams) >= 0.5 * len(g)


# ---------------------------------------------------------------- re-tokenising

def retokenize(words: list[str], labels: list[str]):
    """rasd tokens of the sentence, their labels, and the source-token index of each."""
    text_parts, starts = [], []
    pos = 0
    for w in words:
        starts.append(pos)
        text_parts.append(w)
        pos += len(w) + 1
    text = " ".join(text_parts)
    toks = tokenize(text)
    src, out_w, out_l = [], [], []
    j = 0
    last_src = -1
    for t in toks:
        while j + 1 < len(starts) and starts[j + 1] <= t.start:
            j += 1
        lab = labels[j]
        if lab.startswith("B-") and j == last_src:
            lab = "I-" + lab[2:]
        out_w.append(t.text)
        out_l.append(lab)
        src.append(j)
        last_src = j
    return out_w, out_l, src


def mentions_src(labels: list[str], src: list[int] | None = None) -> set[tuple[int, int, str]]:
    out = set()
    for typ, a, b in ner.decode(labels):
        if src is None:
            out.add((a, b, typ))
        else:
            out.add((src[a], src[b - 1] + 1, typ))
    return out


def score(gold_sets, pred_sets) -> dict:
    res = {}
    for t in list(ner.TYPES) + ["micro"]:
        tp = npred = ngold = 0
        for g, p in zip(gold_sets, pred_sets):
            if t != "micro":
                g = {x for x in g if x[2] == t}
                p = {x for x in p if x[2] == t}
            tp += len(g & p)
            npred += len(p)
            ngold += len(g)
        pr = tp / npred if npred else 0.0
        rc = tp / ngold if ngold else 0.0
        f = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        res[t] = {"P": round(pr, 4), "R": round(rc, 4), "F1": round(f, 4), "gold": ngold, "pred": npred}
    return res


# ---------------------------------------------------------------- word clusters

def ant_texts(limit: int | None = None):
    """Article texts of the ANT multi-source corpus (unlabeled news, Apache-2.0)."""
    text_re = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
    title_re = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
    n = 0
    with tarfile.open(ANT) as tar:
        for m in tar:
            if not m.isfile():
                continue
            raw = tar.extractfile(m).read().decode("utf-8", "replace")
            for rx in (title_re, text_re):
                for part in rx.findall(raw):
                    yield part
            n += 1
            if limit and n >= limit:
                return


def build_clusters(path: Path, k: int = 400, dims: int = 100, min_count: int = 5, seed: int = 0) -> int:
    """Distributional word classes from unlabeled news (ANT multi-source, Apache-2.0):
    stems with at least ``min_count`` occurrences, PPMI of their neighbours at ±1 and ±2
    (3,000 commonest stems as context), truncated SVD to ``dims`` dimensions, k-means
    into ``k`` and ``5k`` classes, and the ``k`` class centroids into 32 coarse classes.
    Written as ``stem<TAB>coarse/class/fine``. Needs numpy, scipy, scikit-learn."""
    import numpy as np
    from scipy import sparse
    from sklearn.cluster import KMeans, MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.time()
    counts: Counter = Counter()
    stream: list[str] = []  # stems of all sentences, "" between lines
    for text in ant_texts():
        for line in text.split("\n"):
            for t in tokenize(line):
                if t.key[:1].isalpha():
                    stream.append(ner.stem(t.key.lower())[0])
            stream.append("")
    counts.update(stream)
    del counts[""]
    vocab = [w for w, c in counts.most_common() if c >= min_count][:120_000]
    index = {w: i for i, w in enumerate(vocab)}
    C = 3000
    ids = np.fromiter((index.get(w, -1) if w else -2 for w in stream), dtype=np.int64, count=len(stream))
    del stream
    blocks = []
    for pos, o in enumerate((-2, -1, 1, 2)):
        a = ids[max(0, -o):len(ids) - max(0, o)]
        b = ids[max(0, o):len(ids) - max(0, -o)]
        # no pair across a line break: the separator (-2) lies between them
        if abs(o) == 2:
            mid = ids[1:-1]
            ok = (a >= 0) & (b >= 0) & (b < C) & (mid != -2)
        else:
            ok = (a >= 0) & (b >= 0) & (b < C)
        blocks.append((a[ok], b[ok] + pos * C))
    rows = np.concatenate([r for r, _ in blocks])
    cols = np.concatenate([c for _, c in blocks])
    M = sparse.coo_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                          shape=(len(vocab), 4 * C)).tocsr()
    M.sum_duplicates()
    total = M.sum()
    rs = np.asarray(M.sum(axis=1)).ravel()
    cs = np.asarray(M.sum(axis=0)).ravel() ** 0.75
    cs = cs / cs.sum() * total
    M = M.tocoo()
    pmi = np.log(M.data * total / (rs[M.row] * cs[M.col] + 1e-9) + 1e-9)
    keep = pmi > 0
    P = sparse.csr_matrix((pmi[keep], (M.row[keep], M.col[keep])), shape=M.shape)
    X = TruncatedSVD(dims, random_state=seed).fit_transform(P)
    X /= np.linalg.norm(X, axis=1, keepdims=True) + 1e-9
    fine = MiniBatchKMeans(k, random_state=seed, batch_size=4096, n_init=3).fit(X)
    finer = MiniBatchKMeans(k * 5, random_state=seed, batch_size=8192, n_init=1).fit(X).labels_
    coarse = KMeans(32, random_state=seed, n_init=4).fit(fine.cluster_centers_).labels_
    labels = fine.labels_
    with path.open("w", encoding="utf-8") as fh:
        fh.write(f"# word classes from ANT multi-source news ({len(vocab)} stems; 32/{k}/{k * 5} classes by "
                 f"PPMI+SVD+k-means), built by scripts/train_ner.py --clusters\n")
        for w, lab, lab2 in zip(vocab, labels, finer):
            fh.write(f"{w}\t{coarse[lab]}/{lab}/{lab2}\n")
    print(f"clusters: {len(vocab)} words, {k} classes, {time.time() - t0:.0f}s", file=sys.stderr)
    return len(vocab)


# ---------------------------------------------------------------- main

DOC_SENTENCES = 20  # ANERcorp has no document breaks: runs of 20 sentences stand in for articles
FOLDS = 5  # first-stage labels for the second stage's training come from 5-fold jackknifing

# Set before the worker processes fork: (re-tokenised documents, featurizer, CRF params).
_JOB: dict = {}


def make_docs(sents: list[Sentence]) -> list[list[tuple[list[str], list[str]]]]:
    """Re-tokenised sentences grouped into pseudo-documents of DOC_SENTENCES sentences."""
    docs, cur = [], []
    for words, labels in sents:
        w2, l2, _ = retokenize(words, labels)
        if not w2:
            continue
        cur.append((w2, l2))
        if len(cur) == DOC_SENTENCES:
            docs.append(cur)
            cur = []
    if cur:
        docs.append(cur)
    return docs


def stage2_features(feat: ner.Featurizer, doc, first_labels: list[list[str]]) -> list[list[str]]:
    """Base features of every token of a document plus its document features."""
    words = [w for s, _ in doc for w in s]
    starts = [k == 0 for s, _ in doc for k in range(len(s))]
    stems = [ner.doc_stem(feat.word(w)[0]) for w in words]
    extra = ner.doc_features(stems, [lab for s in first_labels for lab in s], starts)
    out, k = [], 0
    for s, _ in doc:
        for x in feat.sentence(s):
            out.append(x + extra.get(k, []))
            k += 1
    return out


def train_crf(job: tuple[str, list[int], str]) -> dict:
    """Train one CRF on the given documents; ``kind`` 1 = base features, 2 = with the
    document features from ``_JOB['first_labels']``. Returns the exported weights."""
    import pycrfsuite

    kind, doc_ids, path = job
    feat, docs, params = _JOB["feat"], _JOB["docs"], _JOB["params"]
    trainer = pycrfsuite.Trainer(verbose=False)
    for d in doc_ids:
        doc = docs[d]
        if kind == "1":
            for words, labels in doc:
                trainer.append(feat.sentence(words), labels)
        else:
            x = stage2_features(feat, doc, _JOB["first_labels"][d])
            k = 0
            for words, labels in doc:
                trainer.append(x[k:k + len(words)], labels)
                k += len(words)
    trainer.set_params(params)
    trainer.train(path)
    data = export_crf(path)
    Path(path).unlink()
    return data


def export_crf(crf_path: str) -> dict:
    """crfsuite model → the weights rasd.analyze.ner decodes (no crfsuite at run time)."""
    import pycrfsuite

    tg = pycrfsuite.Tagger()
    tg.open(crf_path)
    info = tg.info()
    labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
    idx = {lab: i for i, lab in enumerate(labels)}
    trans = [[0.0] * len(labels) for _ in labels]
    for (a, b), w in info.transitions.items():
        trans[idx[a]][idx[b]] = round(w, 5)
    state: dict[str, list] = {}
    for (attr, lab), w in sorted(info.state_features.items()):
        if w:
            state.setdefault(attr, []).extend((idx[lab], round(w, 5)))
    tg.close()
    return {"labels": labels, "transitions": trans, "state": state}


def write_model(out: Path, stages: list[dict], meta: dict) -> None:
    data = {"format": ner.FORMAT, "stages": stages, "meta": meta}
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as fh:  # mtime=0: same weights, same bytes
        fh.write(raw)


def tag_docs(stage1: dict, clusters_path: Path, docs, doc_ids) -> dict[int, list[list[str]]]:
    tmp = Path(f"/tmp/rasd_ner_stage1_{id(stage1)}.json.gz")
    write_model(tmp, [stage1], {})
    m = ner.Model(tmp, clusters_path)
    tmp.unlink()
    return {d: m.tag_document([w for w, _ in docs[d]]) for d in doc_ids}


def main(argv=None) -> int:
    import multiprocessing as mp

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default="anercorp",
                    help="comma list of anercorp, wojood, aqmar, wikifane (default: anercorp; the others "
                         "did not help on ANERcorp dev, see the model card)")
    ap.add_argument("--dev-share", type=float, default=0.1, help="share of ANERcorp-train held out as dev")
    ap.add_argument("--dev-only", action="store_true", help="train without dev, score dev, write nothing")
    ap.add_argument("--dev-chunk", type=int, default=-1,
                    help="which dev-share-sized chunk of ANERcorp-train is dev (default: the last)")
    ap.add_argument("--stages", type=int, default=2, choices=(1, 2), help="2: add the document-level CRF")
    ap.add_argument("--misc", action="store_true", help="keep MISC as a training label (never output)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2, help="CRFs trained at once")
    ap.add_argument("--clusters", action="store_true", help="rebuild resources/ner/clusters.tsv from ANT first")
    ap.add_argument("--no-clusters", action="store_true", help="train without cluster features")
    ap.add_argument("--out", default=None, help=f"model path (default {ner.MODEL_PATH}; a /tmp file with --dev-only)")
    ap.add_argument("--report", default=str(ner.MODEL_DIR / "training_report.json"))
    args = ap.parse_args(argv)

    t0 = time.time()
    if args.clusters:
        build_clusters(ner.CLUSTERS_PATH)
    test_sents = read_conll_sentences(CAMEL_TEST)
    filt = TestFilter(test_sents)
    aner, aner_info = read_anercorp(test_sents)
    wanted = [c.strip() for c in args.corpora.split(",") if c.strip()]
    readers = {"wojood": read_wojood, "aqmar": read_aqmar, "wikifane": lambda: read_fane(WIKIFANE)}
    raw = {"anercorp": aner}
    for name in wanted:
        if name != "anercorp":
            raw[name] = readers[name]()

    report: dict = {"anercorp": aner_info, "corpora": {}, "excluded": {}}
    kept: dict[str, list[Sentence]] = {}
    for name, sents in raw.items():
        ok, dropped, empty = [], 0, 0
        for s in sents:
            if not folded_words(s[0]):
                empty += 1  # no word at all (a lone '.'): not a sentence
            elif filt.overlaps(s[0]):
                dropped += 1
            else:
                ok.append(s)
        if not args.misc:
            ok = [(w, [lab if not lab.endswith("MISC") else "O" for lab in ls]) for w, ls in ok]
        kept[name] = ok
        report["excluded"][name] = {"sentences_overlapping_camel_test": dropped, "punctuation_only": empty}

    aner_ok = kept["anercorp"]
    ndev = int(len(aner_ok) * args.dev_share)
    nchunks = round(1 / args.dev_share) if args.dev_share else 1
    lo = (nchunks + args.dev_chunk if args.dev_chunk < 0 else args.dev_chunk) * ndev
    hi = len(aner_ok) if args.dev_chunk in (-1, nchunks - 1) else lo + ndev
    dev = aner_ok[lo:hi] if ndev else []
    train = {"anercorp": aner_ok[:lo] + aner_ok[hi:] if args.dev_only else aner_ok}
    for name in wanted:
        if name != "anercorp":
            train[name] = kept[name]

    clusters_path = Path("/nonexistent") if args.no_clusters else ner.CLUSTERS_PATH
    feat = ner.Featurizer(ner.read_map(clusters_path))
    docs = []
    for name in wanted:
        d = make_docs(train[name])
        n = sum(len(w) for doc in d for w, _ in doc)
        report["corpora"][name] = {"sentences": sum(len(doc) for doc in d), "tokens": n, "documents": len(d),
                                   "mentions": dict(Counter(lab[2:] for doc in d for _, y in doc for lab in y
                                                            if lab.startswith("B-")))}
        print(f"{name}: {report['corpora'][name]['sentences']} sentences, {n} tokens", file=sys.stderr)
        docs.extend(d)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations,
              "feature.possible_transitions": True}
    _JOB.update(feat=feat, docs=docs, params=params)
    all_ids = list(range(len(docs)))
    tmp = f"/tmp/rasd_ner_{int(time.time() * 1000)}"
    t1 = time.time()
    ctx = mp.get_context("fork")
    jobs = [("1", all_ids, f"{tmp}_s1.crfsuite")]
    folds = []
    if args.stages == 2:
        for k in range(FOLDS):
            held = [d for d in all_ids if d * FOLDS // len(docs) == k]
            folds.append(held)
            jobs.append(("1", [d for d in all_ids if d * FOLDS // len(docs) != k], f"{tmp}_f{k}.crfsuite"))
    with ctx.Pool(args.jobs) as pool:
        trained = pool.map(train_crf, jobs, chunksize=1)
    stages = [trained[0]]
    if args.stages == 2:
        first_labels: dict[int, list[list[str]]] = {}
        for held, fold_model in zip(folds, trained[1:]):
            first_labels.update(tag_docs(fold_model, clusters_path, docs, held))
        _JOB["first_labels"] = first_labels
        stages.append(train_crf(("2", all_ids, f"{tmp}_s2.crfsuite")))
    train_seconds = time.time() - t1
    print(f"trained {len(jobs) + (args.stages == 2)} CRFs in {train_seconds:.0f}s", file=sys.stderr)
    meta = {"trained_on": {k: v["sentences"] for k, v in report["corpora"].items()},
            "c1": args.c1, "c2": args.c2, "iterations": args.iterations, "misc": args.misc,
            "stages": args.stages, "clusters": not args.no_clusters, "dev_held_out": args.dev_only}
    out = Path(args.out or ("/tmp/rasd_ner_dev.json.gz" if args.dev_only else ner.MODEL_PATH))
    write_model(out, stages, meta)
    report["model"] = {"stages": [len(st["state"]) for st in stages], "labels": stages[0]["labels"]}

    # dev scores, decoded by rasd.analyze.ner (unless --dev-only the model has seen dev)
    m = ner.Model(out, clusters_path)
    res = {}
    dev_docs = [dev[i:i + DOC_SENTENCES] for i in range(0, len(dev), DOC_SENTENCES)]
    for n_st in range(1, args.stages + 1):
        golds, preds = [], []
        for group in dev_docs:
            rt = [retokenize(w, ls) for w, ls in group]
            tagged = m.tag_document([w2 for w2, _, _ in rt], stages=n_st)
            for (words, labels), (w2, _, src), lab in zip(group, rt, tagged):
                golds.append(mentions_src(labels))
                preds.append(mentions_src(lab, src) if w2 else set())
        res[n_st] = score(golds, preds)
        title = "dev (held out)" if args.dev_only else "dev (seen in training: a sanity check only)"
        print(f"{title}, stage {n_st} of {args.stages}")
        for t in list(ner.TYPES) + ["micro"]:
            r = res[n_st][t]
            print(f"  {t:5s} P {r['P']:.3f} R {r['R']:.3f} F1 {r['F1']:.3f}  (gold {r['gold']}, pred {r['pred']})")
    if args.dev_only:
        print(json.dumps({"dev": res[args.stages]["micro"], "stage1": res[1]["micro"], "args": vars(args)}),
              file=sys.stderr)
        return 0
    report.update({"params": {k: v for k, v in vars(args).items() if k not in ("out", "report")},
                   "cluster_words": len(feat.clusters), "train_seconds": round(train_seconds),
                   "total_seconds": round(time.time() - t0),
                   "dev_seen_in_training": res[args.stages], "model_bytes": out.stat().st_size})
    Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) and {args.report}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
