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
