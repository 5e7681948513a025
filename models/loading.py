"""Loading the Pipeline from settings: the one place every front door gets it from.

The knowledge base is small and builds in seconds from the data dir and the
packaged sources, so a missing or stale one is built here instead of failing
(the one exception to "loading only reads", kept because a KB built by older
code would silently link worse). The model is not built here (minutes to
train): a missing model is an error with a fix.
"""

from __future__ import annotations

import gc
import logging
from contextlib import AbstractContextManager
from pathlib import Path

from banglaner.models.document import segment_documents
from banglaner.models.filelock import exclusive
from banglaner.models.kb.store import KbInputs, KnowledgeBase, build_kb, is_current
from banglaner.models.linker import Linker
from banglaner.models.pipeline import Pipeline
from banglaner.models.settings import CoreSettings
from banglaner.models.tagger import require_model

log = logging.getLogger("banglaner")


def build_lock(artifact: Path) -> AbstractContextManager[None]:
    """One build of ``artifact`` (a model dir, the KB file) at a time (CI and a test may
    both ask); building one artifact never waits for another."""
    return exclusive(artifact.parent / f".{artifact.name}.lock")


def kb_inputs(settings: CoreSettings) -> KbInputs:
    """The user's entity files (BANGLANER_KB_EXTRA, then those `kb add` keeps) and the staged
    Wikidata import: what the KB is built from besides the packaged sources."""
    kept = sorted(settings.user_kb_dir.glob("*")) if settings.user_kb_dir.is_dir() else []
    user = [*settings.kb_extra, *(p for p in kept if p.suffix.lower() in (".jsonl", ".csv"))]
    wikidata = settings.wikidata_import if settings.wikidata_import.is_file() else None
    return KbInputs(tuple(user), wikidata)


def ensure_kb(settings: CoreSettings, rebuild: bool = False) -> Path:
    """The knowledge-base file, built first if it is missing, stale or ``rebuild``. A user
    file that does not read raises (E310) and leaves the file as it was."""
    path = settings.resolved_kb_path
    inputs = kb_inputs(settings)
    if not rebuild and is_current(path, inputs):
        return path
    with build_lock(path):
        if rebuild or not is_current(path, inputs):
            log.info("building the knowledge base into %s (data: %s)", path, settings.data_dir)
            build_kb(settings.data_dir, path, inputs=inputs)
    return path


def load_linker(settings: CoreSettings) -> Linker:
    """A linker on the KB as it is now: rebuilt first if a source or user file changed, and
    loaded whole before anyone uses it (a reload swaps it in only then)."""
    return Linker(KnowledgeBase.open(ensure_kb(settings)))


def load_pipeline(settings: CoreSettings) -> Pipeline:
    """The pipeline ``settings`` describe; a missing model is reported before any KB build.

    The objects loaded here (the KB's hundred thousand aliases, the model) live as long as
    the process: they are moved out of the garbage collector's sight (``gc.freeze``), or
    every collection the tagging path triggers would walk them all again (it cost a third
    of the host time in bench/host_cost.py).
    """
    pipeline = Pipeline.load(
        require_model(settings.resolved_model_dir),
        settings.device,
        settings.timezone,
        kb_path=ensure_kb(settings) if settings.link_entities else None,
        runtime=settings.runtime,
    )
    segment_documents(["।"])  # builds the word splitter's table now, not in the first request
    gc.collect()
    gc.freeze()
    return pipeline
