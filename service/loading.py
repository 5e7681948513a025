"""Loading the Pipeline from settings: the one place the front doors get it from.

The knowledge base is small and builds in seconds from the data dir and
packaged sources, so a missing one is built here instead of failing; the
model is not (minutes to train), and a missing model is an error with a fix.
"""

from __future__ import annotations

import logging
from pathlib import Path

from models.filelock import exclusive
from models.kb.store import build_kb, is_current
from models.pipeline import Pipeline
from service.settings import Settings

log = logging.getLogger("banglaner")


def build_lock(home: Path):
    """One build at a time per BANGLANER_HOME (CI and a test may both ask)."""
    return exclusive(home / ".build.lock")


def ensure_kb(settings: Settings, rebuild: bool = False) -> Path:
    """The knowledge-base file, built first if it is missing, stale or ``rebuild``."""
    path = settings.resolved_kb_path
    if not rebuild and is_current(path):
        return path
    with build_lock(settings.home):
        if rebuild or not is_current(path):
            log.info("building the knowledge base into %s (data: %s)", path, settings.data_dir)
            build_kb(settings.data_dir, path)
    return path


def load_pipeline(settings: Settings, model_dir: Path | None = None) -> Pipeline:
    return Pipeline.load(
        model_dir or settings.resolved_model_dir,
        settings.device,
        settings.timezone,
        kb_path=ensure_kb(settings) if settings.link_entities else None,
        runtime=settings.runtime,
    )
