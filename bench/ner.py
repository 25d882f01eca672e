"""rasd's NER tagger (rasd.analyze.ner) on the ANERcorp CAMeL test split, end to end, and its speed.

    python bench/ner.py                 # score + speed on 1,000 ANT articles
    python bench/ner.py --speed 0       # score only

(a) ``../shared/eval/ner_score.py make-input`` turns the CoNLL test file into JSONL articles
    (20 sentences each, tokens joined by spaces, sentences by newlines).
(b) ``find_entities`` tags each article's text; the predictions are written as rasd writes
    articles: ``{"id", "text", "entities": [{"type", "name", "mentions": [{"start", "end",
    "text"}], ...}]}`` (``Entity.to_dict()``), to bench/out/ner_pred.jsonl. This does not go
    through ``rasd analyze``, so it measures the tagger alone.
(b') The same input through the real CLI, ``rasd analyze input.jsonl`` (people from titles and
    speakers, organisations and places by head noun and gazetteer, then the tagger), to
    bench/out/ner_pred_analyze.jsonl. The rule layer follows news-monitoring conventions
    (ministries, armed forces and commands are organisations); ANERcorp leaves those O, so
    they count as false positives here — both figures are reported.
(c) ``ner_score.py score`` compares them with the gold: a mention counts when its tokens and
    type equal a gold PER/ORG/LOC entity's (MISC is ignored on both sides).
(d) Speed, one core, ANT multi-source articles (cleaned by rasd.clean): a first pass with a
    freshly loaded model (every word form is new, as early in a stream of unseen articles),
    then best of --repeat passes over the same articles (all forms known) with the tokens
    given (as a pipeline stage that already has ``tokenize(text)``) and with tokenising.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import time
from pathlib import Path

from rasd.analyze import ner
from rasd.arabic import tokenize
from rasd.clean import clean
from rasd.model import Entity
from rasd.read.trec import read_trec

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "ner_score.py"
TEST = SHARED / "data" / "anercorp" / "ANERCorp_CamelLab_test.txt.gz"
ANT = SHARED / "data" / "ant_multisource_v2.1" / "antcorpus_multisource_v2.1_xml.tar.xz"
OUT = ROOT / "bench" / "out"


def predict(records: list[dict]) -> list[dict]:
    out = []
    for rec in records:
        text = rec["text"]
        groups: dict[tuple[str, str], Entity] = {}
        for m in ner.find_entities(text):
            span = m.span(text)
            ent = groups.setdefault((m.type, span.text), Entity(m.type, span.text))
            ent.mentions.append(span)
        out.append({"id": rec["id"], "text": text, "entities": [e.to_dict() for e in groups.values()]})
    return out


def ant_articles(limit: int) -> list[str]:
    """The first ``limit`` ANT articles in archive order, cleaned as rasd cleans them."""
    texts = []
    with tarfile.open(ANT) as tar:
        for member in tar:
            if not member.isfile():
                continue
            for raw in read_trec(member.name, tar.extractfile(member).read()):
                if hasattr(raw, "text"):
                    texts.append(clean(raw).text)
            if len(texts) >= limit:
                break
    return texts[:limit]


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--speed", type=int, default=1000, help="ANT articles to time (0: no timing)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--stages", type=int, choices=(1, 2), default=ner.STAGES,
                    help="1: the sentence-level CRF only (rasd.analyze.ner.STAGES)")
    args = ap.parse_args(argv)
    ner.STAGES = args.stages
    OUT.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    ner.model()
    load = time.perf_counter() - t0
    made = subprocess.run([sys.executable, str(SCORER), "make-input", str(TEST)],
                          check=True, capture_output=True, text=True).stdout
    records = [json.loads(line) for line in made.splitlines() if line.strip()]
    (OUT / "ner_input.jsonl").write_text(made, encoding="utf-8")
    t0 = time.perf_counter()
    preds = predict(records)
    tag_time = time.perf_counter() - t0
    pred_path = OUT / "ner_pred.jsonl"
    with pred_path.open("w", encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    scored = subprocess.run([sys.executable, str(SCORER), "score", str(TEST), str(pred_path), "--json"],
                            check=True, capture_output=True, text=True).stdout
    summary = json.loads(scored)
    meta = ner.model().meta
    print(f"model {ner.MODEL_PATH.relative_to(ROOT)} ({ner.MODEL_PATH.stat().st_size / 1e6:.2f} MB, "
          f"loaded in {load:.2f}s), trained on {meta.get('trained_on')}, {ner.STAGES} stage(s) used")
    print(f"ANERcorp CAMeL test: {len(records)} articles, {sum(r['text'].count(chr(10)) + 1 for r in records)} "
          f"sentences, tagged in {tag_time:.2f}s (cold cache)")
    for t in ("PER", "ORG", "LOC", "micro"):
        x = summary[t]
        print(f"  {t:6s} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  "
              f"(gold {x['gold']}, predicted {x['pred']}, correct {x['tp']})")
    if summary.get("articles_with_changed_text"):
        print(f"  warning: {summary['articles_with_changed_text']} articles' text differs from the gold tokens")

    result = {"camel_test": summary}
    rasd = Path(sys.executable).with_name("rasd")
    t0 = time.perf_counter()
    analyzed = subprocess.run([str(rasd), "analyze", str(OUT / "ner_input.jsonl")],
                              check=True, capture_output=True, text=True).stdout
    analyze_time = time.perf_counter() - t0
    via = OUT / "ner_pred_analyze.jsonl"
    via.write_text(analyzed, encoding="utf-8")
    full = json.loads(subprocess.run([sys.executable, str(SCORER), "score", str(TEST), str(via), "--json"],
                                     check=True, capture_output=True, text=True).stdout)
    result["camel_test_rasd_analyze"] = full
    print(f"through `rasd analyze` (whole pipeline, {analyze_time:.1f}s including start-up):")
    for t in ("PER", "ORG", "LOC", "micro"):
        x = full[t]
        print(f"  {t:6s} P {x['precision']:.3f}  R {x['recall']:.3f}  F1 {x['f1']:.3f}  "
              f"(gold {x['gold']}, predicted {x['pred']}, correct {x['tp']})")
    if args.speed:
        texts = ant_articles(args.speed)
        toks = [tokenize(t) for t in texts]
        ner._MODEL = None  # a fresh model: the first pass meets every word form for the first time
        ner.model()
        t0 = time.perf_counter()
        for t, tk in zip(texts, toks):
            ner.find_entities(t, tk)
        first = time.perf_counter() - t0
        given = best_of(lambda: [ner.find_entities(t, tk) for t, tk in zip(texts, toks)], args.repeat)
        full = best_of(lambda: [ner.find_entities(t) for t in texts], args.repeat)
        ntok = sum(map(len, toks))
        nsent = sum(len(ner.sentences(t, tk)) for t, tk in zip(texts, toks))
        speed = {"articles": len(texts), "tokens": ntok, "sentences": nsent,
                 "articles_per_s_first_pass": round(len(texts) / first),
                 "articles_per_s_tokens_given": round(len(texts) / given),
                 "articles_per_s_with_tokenize": round(len(texts) / full),
                 "sentences_per_s_tokens_given": round(nsent / given),
                 "tokens_per_s_tokens_given": round(ntok / given)}
        result["speed"] = speed
        print(f"speed, one core, {len(texts)} ANT articles ({ntok / len(texts):.0f} tokens, "
              f"{nsent / len(texts):.1f} sentences each), best of {args.repeat}:")
        print(f"  first pass       {speed['articles_per_s_first_pass']:6d} articles/s  (tokens given; every word form "
              f"new to the model's table: computing its scores dominates)")
        print(f"  tokens given     {speed['articles_per_s_tokens_given']:6d} articles/s  "
              f"{speed['sentences_per_s_tokens_given']:7d} sentences/s  {speed['tokens_per_s_tokens_given']:8d} tokens/s")
        print(f"  with tokenize    {speed['articles_per_s_with_tokenize']:6d} articles/s")
    result["stages"] = ner.STAGES
    (OUT / f"ner_stages{ner.STAGES}.json").write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
