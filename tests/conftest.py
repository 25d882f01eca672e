"""Shared test helpers: where the seeds and the shared gold live."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SEEDS = ROOT / "sample" / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    paths = sorted(SAMPLE_SEEDS.glob("*.txt"))
    assert len(paths) == 5, "the bundled sample must hold the five seed articles"
    return paths


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "gold" / "seeds.jsonl").exists():
        pytest.skip("../shared (gold and scorer) is not beside this checkout")
    return SHARED

@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles: ../shared/seeds beside the checkout, else the bundled copy."""
    shared_seeds = SHARED / "seeds"
    return shared_seeds if len(list(shared_seeds.glob("*.txt"))) == 5 else SAMPLE_SEEDS


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory, seeds_dir) -> Path:
    """A database holding the five seeds, ingested once by ``rasd ingest``; copy it before changing it."""
    from click.testing import CliRunner

    from rasd.cli import main

    db = tmp_path_factory.mktemp("seed_db") / "seeds.db"
    result = CliRunner().invoke(main, ["ingest", str(seeds_dir), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


# A payload in every field an article can fill: it must show as text, never run.
XSS_TITLE = 'عنوان <script>window.__xss = "title"</script><img src=x onerror="window.__xss=\'img\'">'
XSS_SPEAKER = '<script>window.__xss="speaker"</script>'
XSS_BODY = ('وقال المتحدث ' + XSS_SPEAKER + ' إن "الوضع <img src=x onerror=window.__xss=1> مستقر تماما" '
            'حسب <a href="javascript:window.__xss=\'link\'">الرابط</a>.')


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, seed_paths) -> Path:
    """A database of the five seeds plus one hostile article (title, body, speaker, source, entity)."""
    from rasd.model import Article, Entity, Quote, Span, Speaker
    from rasd.pipeline import analyze_paths
    from rasd.store import Store

    text = XSS_TITLE + "\n\n" + XSS_BODY
    q_start = text.index("الوضع")
    q_end = text.index('" حسب')
    sp_start = text.index(XSS_SPEAKER)
    speaker = Span.of(text, sp_start, sp_start + len(XSS_SPEAKER))
    cue_start = len(XSS_TITLE) + 2  # "وقال"
    hostile = Article(
        id="xss-article", doc="<svg onload=alert(1)>.txt", text=text, title=XSS_TITLE, published="2021-05-01",
        source='<b onmouseover="window.__xss=\'source\'">وكالة</b>', url="javascript:window.__xss='url'",
        published_how="metadata",
        quotes=[Quote(Span.of(text, q_start, q_end), "direct", Span.of(text, cue_start, cue_start + 4),
                      Speaker(XSS_SPEAKER, "PER", role="المتحدث", mention=speaker))],
        entities=[Entity("PER", XSS_SPEAKER, mentions=[speaker])])
    db = tmp_path_factory.mktemp("web") / "web.db"
    with Store(db) as store:
        store.add_many(a for a in analyze_paths([str(p) for p in seed_paths]) if isinstance(a, Article))
        store.add(hostile)
    return db
