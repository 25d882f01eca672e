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
