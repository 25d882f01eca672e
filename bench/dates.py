"""rasd's temporal tagger against dateparser's search_dates, side by side, in one run.

    python bench/dates.py [--repeat N]

(a) The seeds' gold dates (../shared/gold/seeds.jsonl), scored with the date matching of
    ../shared/eval/score.py (its own ``score_doc``): value P/R/F1 over resolvable gold dates.
    Both tools read the cleaned text and get the same anchor: the gold publication date
    (none for 000–002, where dateparser still resolves against today, as it always does).
(b) The Arabic TimeML sample (../shared/data/arabic_timeml_news/Corpus_test_tml.tar.gz, read in
    memory, internal evaluation only: its text never enters the repository). Gold: TIMEX3 with a
    concrete value (YYYY, YYYY-MM, YYYY-MM-DD). The corpus has no document dates; its relative
    values are resolved against 2015-12-24 (اليوم = 2015-12-24 throughout), so both tools get that
    anchor. A prediction hits a gold TIMEX3 when their spans overlap; it is correct when its value
    starts with the gold value (as score.py compares). Precision counts every valued prediction.

dateparser gets its best settings for this: languages=['ar'], RELATIVE_BASE = the anchor,
PREFER_DATES_FROM='past'; the granularity of each found string comes from
DateDataParser.get_date_data (its ``parts``). Throughput times search_dates alone against
find_dates alone (one core, best of N runs).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tarfile
import time
import warnings
from datetime import date, datetime
from pathlib import Path

from rasd.analyze.dates import find_dates
from rasd.clean import clean
from rasd.read.base import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TIMEML = SHARED / "data" / "arabic_timeml_news" / "Corpus_test_tml.tar.gz"
TIMEML_ANCHOR = date(2015, 12, 24)
CONCRETE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


def load_score():
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ---------------------------------------------------------------- the two taggers

def rasd_dates(text: str, anchor: date | None) -> list[dict]:
    return [{"text": m.text, "start": m.span.start, "end": m.span.end, "value": m.value}
            for m in find_dates(text, anchor)]


class Dateparser:
    def __init__(self):
        from dateparser.date import DateDataParser
        from dateparser.search import search_dates
        self.search_dates = search_dates
        self.DateDataParser = DateDataParser

    def settings(self, anchor: date | None) -> dict:
        s = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
        if anchor:
            s["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
        return s

    def search(self, text: str, anchor: date | None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return self.search_dates(text, languages=["ar"], settings=self.settings(anchor)) or []

    def dates(self, text: str, anchor: date | None) -> list[dict]:
        found = self.search(text, anchor)
        ddp = self.DateDataParser(languages=["ar"], settings=self.settings(anchor))
        out, pos = [], 0
        for s, dt in found:
            start = text.find(s, pos)
            if start < 0:
                start = text.find(s)
            end = start + len(s) if start >= 0 else -1
            if start >= 0:
                pos = end
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                data = ddp.get_date_data(s)
            parts = set(data.parts or ()) if data and data.date_obj else {"day"}
            if "day" in parts or not parts & {"month", "year"}:
                value = dt.date().isoformat()
            elif "month" in parts:
                value = f"{dt.year:04d}-{dt.month:02d}"
            else:
                value = f"{dt.year:04d}"
            out.append({"text": s, "start": start, "end": end, "value": value})
        return out


# ---------------------------------------------------------------- (a) seeds

def seeds_eval(score, tools: dict) -> dict:
    gold = score.load_jsonl(str(SHARED / "gold" / "seeds.jsonl"))
    docs = []
    for g in gold:
        p = SHARED / "seeds" / g["doc"]
        art = clean(RawDocument(path=str(p), doc=g["doc"], text=p.read_text(encoding="utf-8"), has_title_line=True))
        anchor = date.fromisoformat(g["published"][0]) if g.get("published") else None
        docs.append((g, art.text, anchor))
    out = {}
    for name, fn in tools.items():
        tp = npred = ngold = 0
        for g, text, anchor in docs:
            r = score.score_doc(g, {"doc": g["doc"], "dates": fn(text, anchor)}, [])
            a, b, c = r["dates"]
            tp, npred, ngold = tp + a, npred + b, ngold + c
        out[name] = score.prf(tp, npred, ngold)
    return out


# ---------------------------------------------------------------- (b) TimeML

TAG = re.compile(r"<TIMEX3\b([^>]*)>(.*?)</TIMEX3>", re.S)


def timeml_docs() -> list[tuple[str, str, list[dict]]]:
    docs = []
    with tarfile.open(TIMEML) as tf:
        for member in sorted(tf.getmembers(), key=lambda m: m.name):
            if not member.name.endswith(".tml"):
                continue
            raw = tf.extractfile(member).read().decode("utf-8")
            body = raw.split("<TimeML>", 1)[-1].rsplit("</TimeML>", 1)[0].replace("\ufeff", "")
            text, gold, pos = [], [], 0
            for m in TAG.finditer(body):
                text.append(body[pos:m.start()])
                start = sum(map(len, text))
                value = re.search(r'value="([^"]*)"', m.group(1))
                text.append(m.group(2))
                gold.append({"start": start, "end": start + len(m.group(2)), "text": m.group(2),
                             "value": value.group(1) if value else None})
                pos = m.end()
            text.append(body[pos:])
            plain = re.sub(r"<[^>]+>", "", "".join(text)) if "<" in body[pos:] else "".join(text)
            docs.append((member.name, plain, gold))
    return docs


def timeml_eval(docs, fn) -> dict:
    correct = valued = matched = 0
    gold_n = 0
    for _, text, gold in docs:
        g_conc = [g for g in gold if g["value"] and CONCRETE.fullmatch(g["value"])]
        gold_n += len(g_conc)
        preds = [p for p in fn(text, TIMEML_ANCHOR) if p["value"]]
        valued += len(preds)
        used = set()
        for g in g_conc:
            best = None
            for i, p in enumerate(preds):
                if i in used or p["start"] < 0:
                    continue
                ov = min(g["end"], p["end"]) - max(g["start"], p["start"])
                if ov > 0 and (best is None or ov > best[0]):
                    best = (ov, i)
            if best:
                used.add(best[1])
                matched += 1
                if str(preds[best[1]]["value"]).startswith(g["value"]):
                    correct += 1
    p = correct / valued if valued else 0.0
    r = correct / gold_n if gold_n else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"gold": gold_n, "predicted": valued, "matched": matched, "correct": correct,
            "precision": p, "recall": r, "f1": f, "accuracy_on_matched": correct / matched if matched else 0.0}


def throughput(docs, fn, repeat: int) -> tuple[float, float, int]:
    """(docs/s, expressions/s, expressions found) for one tool, best of ``repeat`` runs."""
    best = None
    found = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = sum(len(fn(text, TIMEML_ANCHOR)) for _, text, _ in docs)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    return len(docs) / best, found / best, found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    score = load_score()
    dp = Dateparser()
    tools = {"rasd": rasd_dates, "dateparser": dp.dates}

    seeds = seeds_eval(score, tools)
    docs = timeml_docs()
    tml = {name: timeml_eval(docs, fn) for name, fn in tools.items()}
    find_dates("warm up", None)
    dp.search("warm up", None)
    speed = {"rasd": throughput(docs, lambda t, a: find_dates(t, a), args.repeat),
             "dateparser": throughput(docs, dp.search, max(1, args.repeat // 3))}

    print(f"TimeML sample: {len(docs)} docs, {sum(len(g) for _, _, g in docs)} TIMEX3, "
          f"{tml['rasd']['gold']} with a concrete date value; seeds: 5 docs\n")
    print("| tool | seeds P | seeds R | seeds F1 | TimeML P | TimeML R | TimeML F1 | TimeML acc. on matched "
          "| docs/s | expressions/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name in tools:
        s, t, (dps, eps, _) = seeds[name], tml[name], speed[name]
        print(f"| {name} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | {t['precision']:.3f} | "
              f"{t['recall']:.3f} | {t['f1']:.3f} | {t['accuracy_on_matched']:.3f} ({t['correct']}/{t['matched']}) "
              f"| {dps:,.0f} | {eps:,.0f} |")
    ratio = speed["rasd"][0] / speed["dateparser"][0]
    print(f"\nrasd is {ratio:,.0f}× faster than dateparser.search.search_dates (docs/s, one core).")
    print(json.dumps({"seeds": seeds, "timeml": tml, "ratio": round(ratio, 1)}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
