"""How fast the web pages and the main API routes answer on a database.

    python bench/web.py --db /tmp/full.db            # every page type and API route, 20 requests each
    python bench/web.py --db rasd.db --runs 5 --json

Runs the app in-process (FastAPI's TestClient: the full ASGI stack, without the network),
builds the people/entity catalog first (as ``rasd serve`` does at start-up, timed apart),
then requests each URL once to warm it and ``--runs`` times more, and reports the median
and the 95th percentile. The URLs are picked from the database itself: its most quoted
person, its busiest article, a common and a rare search word.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def urls(data) -> list[tuple[str, str]]:
    """(label, url) for every page type and the main API routes, chosen from the database."""
    cat = data.catalog
    person = cat.people_ranked[0]
    org = cat.entities_ranked[0] if cat.entities_ranked else None
    busiest = data.one("SELECT article_id FROM quotes GROUP BY article_id ORDER BY count(*) DESC LIMIT 1")
    source = data.one("SELECT source FROM articles WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC")
    p = quote(person.key, safe="")
    out = [
        ("page: landing", "/"),
        ("page: search, common word", "/search?q=" + quote("العراق")),
        ("page: search, two words", "/search?q=" + quote("وزير الخارجية")),
        ("page: search + outlet facet", "/search?q=" + quote("الرئيس") + "&source=" + quote(source or "")),
        ("page: search statements", "/search?q=" + quote("الاتفاق") + "&scope=statements"),
        ("page: article (most statements)", f"/article/{quote(busiest)}"),
        ("page: person (most quoted)", f"/person/{p}"),
        ("page: statements", "/statements"),
        ("page: statements, speaker + kind", "/statements?speaker=" + quote("وزير") + "&kind=direct"),
        ("page: statements, cue + dates", "/statements?cue=" + quote("وقال") + "&since=2015&until=2017"),
        ("page: statements, page 200", "/statements?page=200"),
        ("page: people", "/people"),
        ("api: articles", "/api/articles?limit=50"),
        ("api: articles, offset 50000", "/api/articles?limit=50&offset=50000"),
        ("api: article", f"/api/articles/{quote(busiest)}"),
        ("api: quotes, speaker", "/api/quotes?speaker=" + quote("الرئيس")),
        ("api: people", "/api/people"),
        ("api: person", f"/api/people/{p}"),
        ("api: entities", "/api/entities"),
        ("api: search", "/api/search?q=" + quote("النفط")),
    ]
    if org is not None:
        out.insert(7, ("page: organisation", f"/entity/{quote(org.type)}/{quote(org.key, safe='')}"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", action="store_true", help="one JSON object per URL")
    args = ap.parse_args()

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from rasd.web import create_app

    app = create_app(args.db, warm=False)
    data = app.state.data
    t0 = time.perf_counter()
    data.catalog  # noqa: B018 - built once, as at start-up
    build = time.perf_counter() - t0
    status = data.status()
    print(f"# {args.db}: {status['articles']} articles, {status['quotes']} statements, "
          f"{status['entities']} entities; catalog built in {build:.1f} s "
          f"({len(data.catalog.people)} people, {len(data.catalog.entities)} other entities)")
    client = TestClient(app)
    rows = []
    for label, url in urls(data):
        first = client.get(url)
        assert first.status_code == 200, (url, first.status_code, first.text[:300])
        times = []
        for _ in range(args.runs):
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
        times.sort()
        row = {"what": label, "url": url, "median_ms": round(statistics.median(times), 1),
               "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1), "bytes": len(r.content)}
        rows.append(row)
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print(f"| {label} | {row['median_ms']:.0f} | {row['p95_ms']:.0f} |", flush=True)
    worst = max(r["p95_ms"] for r in rows)
    print(f"# slowest p95: {worst:.0f} ms; every median under 200 ms: {all(r['median_ms'] < 200 for r in rows)}")


if __name__ == "__main__":
    main()
