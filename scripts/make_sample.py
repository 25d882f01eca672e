"""Build the bundled demo corpus in sample/ from ../shared (run once; output is committed).

sample/seeds/*.txt              the five founding seed articles, unchanged
sample/ant_multisource.jsonl    300 ANT multi-source v2.1 articles (Apache-2.0 + citation
                                licence; see sample/ATTRIBUTION.md), political and Middle East
                                news with quotations, one per line

Nothing non-commercial (SaudiNewsNet) is bundled.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ANT = SHARED / "data" / "ant_multisource_v2.1" / "antcorpus_multisource_v2.1_xml.tar.xz"
N_ARTICLES = 300
QUOTE_MARK = re.compile("[\"“”«»]")
SPEECH = re.compile(r"(^|\s)و?(قال|قالت|أضاف|أضافت|أكد|أكدت|أوضح|أوضحت|صرح|صرحت)\s")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from rasd.read import RawDocument, read_paths

    out = ROOT / "sample"
    (out / "seeds").mkdir(parents=True, exist_ok=True)
    for seed in sorted((SHARED / "seeds").glob("*.txt")):
        shutil.copyfile(seed, out / "seeds" / seed.name)

    with tempfile.TemporaryDirectory() as tmp:
        with tarfile.open(ANT) as tar:
            members = [m for m in tar.getmembers() if m.isfile() and ("/middleEast/" in m.name
                                                                     or "/internationalNews/" in m.name)]
            tar.extractall(tmp, members=members, filter="data")
        docs = [d for d in read_paths([tmp]) if isinstance(d, RawDocument)]
    candidates, seen = [], set()
    for d in docs:
        key = re.sub(r"\W+", "", d.text)[:300]
        if key in seen or not (120 <= len(d.text.split()) <= 900):
            continue
        seen.add(key)
        if QUOTE_MARK.search(d.text) and SPEECH.search(d.text):
            candidates.append(d)
    random.Random(20261123).shuffle(candidates)
    by_source: dict[str, list[RawDocument]] = {}
    for d in candidates:
        by_source.setdefault(d.source or "", []).append(d)
    chosen: list[RawDocument] = []
    while len(chosen) < N_ARTICLES and any(by_source.values()):
        for items in by_source.values():  # round-robin over the five outlets
            if items and len(chosen) < N_ARTICLES:
                chosen.append(items.pop())
    chosen.sort(key=lambda d: d.doc)
    with open(out / "ant_multisource.jsonl", "w", encoding="utf-8") as fh:
        for d in chosen:
            fh.write(json.dumps({"id": d.doc, "title": d.title, "published": d.published,
                                 "source": d.source, "url": d.url, "text": d.text},
                                ensure_ascii=False) + "\n")
    print(f"{len(chosen)} ANT articles from {len(candidates)} candidates; {len(docs)} read")
    return 0


if __name__ == "__main__":
    sys.exit(main())
