"""Dates and publication date on the seeds: clean → publication_date → find_dates(anchor).

    python bench/eval_dates_seeds.py [SEEDS_DIR] [GOLD]

Builds prediction records {doc, published, dates, text} (in a temporary JSONL file), prints
each article's dates, then runs ../shared/eval/score.py on them and prints its dates and
published lines and the date misses. The page's own date line (• 4/28/2021), which cleaning
removes from the text, is listed as a date with no offsets when it gave the publication date.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from rasd.analyze.dates import find_dates
from rasd.analyze.published import publication_date
from rasd.clean import clean
from rasd.read.base import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASD_SHARED", ROOT.parent / "shared"))


def predict(path: Path) -> dict:
    raw = RawDocument(path=str(path), doc=path.name, text=path.read_text(encoding="utf-8"), has_title_line=True)
    article = clean(raw)
    published, evidence, how = publication_date(article.text, article.removed, article.published)
    anchor = date.fromisoformat(published) if published else None
    dates = [m.to_dict() for m in find_dates(article.text, anchor)]
    if how.startswith("date line") and published:
        # the page's own date line was removed as furniture; it is still a date of the page
        for line in article.removed:
            for m in find_dates(line, None):
                if m.value == published:
                    dates.insert(0, dict(m.to_dict(), start=None, end=None, removed_line=True))
                    break
            else:
                continue
            break
    return {"doc": path.name, "published": published, "published_how": how,
            "published_evidence": evidence.to_dict() if evidence else None,
            "dates": dates, "text": article.text}


def main() -> int:
    seeds = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED / "seeds"
    gold = Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED / "gold" / "seeds.jsonl"
    preds = [predict(p) for p in sorted(seeds.glob("*.txt"))]
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for p in preds:
            fh.write(json.dumps(p, ensure_ascii=False) + "\n")
    for p in preds:
        print(f"{p['doc']}: published {p['published']} ({p['published_how']})")
        for d in p["dates"]:
            print(f"    {d['text']!r} -> {d['value']} [{d['kind']}]")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), fh.name, "--details"],
                         capture_output=True, text=True)
    print("\n".join(ln for ln in res.stdout.splitlines() if ln.startswith(("dates", "published"))))
    details = [ln for ln in res.stderr.splitlines() if ": date" in ln or ": published" in ln]
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    sys.exit(main())
