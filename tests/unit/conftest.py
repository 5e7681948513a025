"""Unit-tier fixtures: everything built from the repository alone (no corpora, no servers,
no training)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Tiny encoders gain nothing from a second thread and lose much to contention for it with
# the other xdist worker (make test-fast runs two).
os.environ.setdefault("OMP_NUM_THREADS", "1")


@pytest.fixture(scope="session")
def kb_path(packaged_kb_path) -> Path:
    """The unit tier's knowledge base: the packaged sources only (tests/conftest.py)."""
    return packaged_kb_path


@pytest.fixture(scope="session")
def linker(kb_path):
    from banglaner.models.kb.store import KnowledgeBase
    from banglaner.models.linker import Linker

    return Linker(KnowledgeBase.open(kb_path))
