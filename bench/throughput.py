"""Throughput and memory of analyze and ingest over the real corpora in ../shared/data.

    python bench/throughput.py                 # all three corpora, analyze and ingest
    python bench/throughput.py --limit 2000    # a quick look

Corpora: ANT multi-source v2.1 (31.5K TREC files), ANT v1.1 (10.2K), SaudiNewsNet (31K,
JSON arrays; non-commercial licence: benchmark use only, never bundled). They are unpacked
once into bench/out/corpora (not timed). Each measurement runs in its own process, one core,
so "articles/s" is per core and "peak RSS" is that process's high-water mark.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "out"
CORPORA = {
    "ant_multisource": DATA / "ant_multisource_v2.1" / "antcorpus_multisource_v2.1_xml.tar.xz",
    "ant_v1.1": DATA / "ant_corpus_v1.1" / "antcorpus_v1.1_xml.tar.xz",
    "saudinewsnet": DATA / "saudinewsnet" / "dataset",
}


def unpack(name: str) -> Path:
    """The corpus as files rasd reads, under bench/out/corpora/NAME (made once)."""
    target = OUT / "corpora" / name
    done = target / ".complete"
    if done.exists():
        return target
    target.mkdir(parents=True, exist_ok=True)
    src = CORPORA[name]
    if src.suffix == ".xz":
        with tarfile.open(src) as tar:
            tar.extractall(target, filter="data")
    else:  # SaudiNewsNet: one JSON array per day inside a zip
        for z in sorted(src.glob("*.zip")):
            with zipfile.ZipFile(z) as zf:
                for member in zf.namelist():
                    (target / Path(member).name).write_bytes(zf.read(member))
    done.touch()
    return target


def files_of(folder: Path, limit: int | None) -> list[str]:
    files = sorted(str(p) for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return files[:limit] if limit else files


def run_once(name: str, mode: str, limit: int | None) -> dict:
    """One measurement in this process: analyze (no store) or ingest (into a fresh DB)."""
    sys.path.insert(0, str(ROOT / "src"))
    from rasd.model import Article
    from rasd.pipeline import analyze_paths
    from rasd.store import Store

    files = files_of(unpack(name), limit)
    articles = errors = quotes = 0
    start = time.perf_counter()
    if mode == "analyze":
        for item in analyze_paths(files):
            if isinstance(item, Article):
                articles += 1
                quotes += len(item.quotes)
            else:
                errors += 1
    else:
        db = OUT / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)

        def good():
            nonlocal articles, errors, quotes
            for item in analyze_paths(files):
                if isinstance(item, Article):
                    articles += 1
                    quotes += len(item.quotes)
                    yield item
                else:
                    errors += 1
                    store.add_error(item.path, item.reason)

        with Store(db) as store:
            store.add_many(good(), batch_size=500)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"corpus": name, "mode": mode, "files": len(files), "articles": articles, "errors": errors,
            "quotes": quotes, "seconds": round(seconds, 1),
            "articles_per_s": round(articles / seconds, 1) if seconds else None,
            "peak_rss_mb": round(peak_kib / 1024, 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=list(CORPORA), action="append")
    ap.add_argument("--mode", choices=["analyze", "ingest"], action="append")
    ap.add_argument("--limit", type=int, help="at most this many files per corpus")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # child process
    args = ap.parse_args()
    corpora = args.corpus or list(CORPORA)
    modes = args.mode or ["analyze", "ingest"]
    if args.one:
        print(json.dumps(run_once(corpora[0], modes[0], args.limit)))
        return 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name in corpora:
        unpack(name)
    results = []
    for name in corpora:
        for mode in modes:
            cmd = [sys.executable, __file__, "--one", "--corpus", name, "--mode", mode]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            line = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
            results.append(json.loads(line))
            r = results[-1]
            print(f"{name:16s} {mode:8s} {r['articles']:6d} articles {r['seconds']:7.1f} s "
                  f"{r['articles_per_s']:7.1f}/s  peak RSS {r['peak_rss_mb']:6.1f} MB  "
                  f"({r['quotes']} quotes, {r['errors']} rejected)", flush=True)
    for mode in modes:
        rows = [r for r in results if r["mode"] == mode]
        n, s = sum(r["articles"] for r in rows), sum(r["seconds"] for r in rows)
        print(f"{'all':16s} {mode:8s} {n:6d} articles {s:7.1f} s {n / s:7.1f}/s  "
              f"peak RSS {max(r['peak_rss_mb'] for r in rows):6.1f} MB")
    (OUT / "throughput.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
