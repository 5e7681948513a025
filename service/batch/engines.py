"""Engines run the Pipeline over chunks of documents: in-process, local worker
processes, or Ray Data actors. Every engine loads the model once per worker
and calls the same ``annotate_chunk``, so all of them write the same lines.
"""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from datetime import date
from multiprocessing import get_context
from typing import Any

from banglaner.models.settings import CoreSettings
from banglaner.service.schemas import DocumentOut

# one document as the engines see it: (id, text, ISO date, whether the input gave the date);
# undated documents carry the day the job started, so every run of a job writes the same
Payload = tuple[str, str, str, bool]


def annotate_chunk(pipeline, docs: Sequence[Payload]) -> list[dict[str, Any]]:
    """One result per document: ``{"date", "date_source", "entities"}`` or ``{"error"}``.

    The chunk is tagged in one call (its sentences share length-sorted batches);
    if that raises, each document is retried alone so one bad document only
    fails itself.
    """
    dates = [date.fromisoformat(d) for _, _, d, _ in docs]
    try:
        found = pipeline.extract_many([t for _, t, _, _ in docs], dates)
    except Exception:  # isolate the culprit below
        found = None
    out = []
    for k, ((_, text, _, requested), d) in enumerate(zip(docs, dates, strict=True)):
        try:
            ents = found[k] if found is not None else pipeline.extract(text, d)
            result = DocumentOut.of(None, d, requested, ents).model_dump(
                mode="json", exclude={"id"}
            )
        except Exception as exc:  # reported per document, the job goes on
            out.append({"error": f"{type(exc).__name__}: {exc}"})
            continue
        out.append(result)
    return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(settings_json: str, threads: int):
    """The pipeline for one worker, its encoder limited to ``threads`` threads."""
    os.environ["OMP_NUM_THREADS"] = str(threads)
    from banglaner.models.loading import load_pipeline

    return load_pipeline(CoreSettings.model_validate_json(settings_json))


class Engine:
    """Maps chunks to results; yields ``(chunk index, results, worker pid, peak RSS MB)``."""

    def run(self, chunks: Iterable[tuple[int, list[Payload]]]) -> Iterator[tuple]:
        raise NotImplementedError

    def close(self) -> None:
        """Release workers (also on Ctrl-C)."""


class InProcessEngine(Engine):
    def __init__(self, settings: CoreSettings) -> None:
        from banglaner.models.loading import load_pipeline

        self.pipeline = load_pipeline(settings)

    def run(self, chunks: Iterable[tuple[int, list[Payload]]]) -> Iterator[tuple]:
        for index, docs in chunks:
            yield index, annotate_chunk(self.pipeline, docs), os.getpid(), peak_rss_mb()


_worker_pipeline = None


def _init_worker(settings_json: str, threads: int) -> None:
    global _worker_pipeline
    _worker_pipeline = _load(settings_json, threads)


def _run_in_worker(index: int, docs: list[Payload]) -> tuple:
    return index, annotate_chunk(_worker_pipeline, docs), os.getpid(), peak_rss_mb()


class ProcessPoolEngine(Engine):
    """``workers`` processes (spawned: no torch state is forked), cores split between them."""

    def __init__(self, settings: CoreSettings, workers: int) -> None:
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.workers = workers
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=get_context("spawn"),
            initializer=_init_worker,
            initargs=(settings.model_dump_json(), threads),
        )

    def run(self, chunks: Iterable[tuple[int, list[Payload]]]) -> Iterator[tuple]:
        pending: set[Future] = set()
        for index, docs in chunks:
            pending.add(self.pool.submit(_run_in_worker, index, docs))
            if len(pending) >= 2 * self.workers:  # bounded: the input is streamed
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in done)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (f.result() for f in done)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class _RayAnnotator:
    """A Ray Data actor: the model loaded once, then one chunk per call."""

    def __init__(self, settings_json: str, threads: int) -> None:
        self.pipeline = _load(settings_json, threads)

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        import numpy as np

        results = [
            json.dumps(
                [annotate_chunk(self.pipeline, json.loads(docs)), os.getpid(), peak_rss_mb()],
                ensure_ascii=False,
            )
            for docs in batch["docs"]
        ]
        return {"chunk": batch["chunk"], "results": np.array(results, dtype=object)}


class RayEngine(Engine):
    """The same job on Ray Data: a local Ray (started here) or the cluster at ``address``.

    The driver reads the input, hands chunks to ``workers`` actors and writes the
    journal itself, so resume and error handling are the local engine's.
    """

    def __init__(self, settings: CoreSettings, workers: int, address: str | None = None) -> None:
        import ray

        self.ray = ray
        self.started_here = not ray.is_initialized()
        if self.started_here:
            kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                kwargs["address"] = address
            else:
                kwargs["num_cpus"] = os.cpu_count() or 1
            ray.init(**kwargs)
        # cores split between the actors, as ProcessPoolEngine splits a machine's
        self.threads = max(1, int(ray.cluster_resources().get("CPU", 1)) // workers)
        self.workers = workers
        self.settings_json = settings.model_dump_json()
        ray.data.DataContext.get_current().enable_progress_bars = False

    def run(self, chunks: Iterable[tuple[int, list[Payload]]]) -> Iterator[tuple]:
        items = [
            {"chunk": index, "docs": json.dumps(docs, ensure_ascii=False)} for index, docs in chunks
        ]
        if not items:
            return
        dataset = self.ray.data.from_items(items).map_batches(
            _RayAnnotator,
            fn_constructor_kwargs={"settings_json": self.settings_json, "threads": self.threads},
            batch_size=1,
            concurrency=self.workers,
            num_cpus=self.threads,
        )
        for row in dataset.iter_rows():
            results, pid, rss = json.loads(row["results"])
            yield int(row["chunk"]), results, pid, rss

    def close(self) -> None:
        if self.started_here:
            self.ray.shutdown()
