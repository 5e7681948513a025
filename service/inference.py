"""Running the pipeline off the event loop, with a bounded queue.

Two strategies, chosen by ``BANGLANER_BATCHING`` (``make bench`` measures both):

* ``threads`` — each request runs ``Pipeline.extract_many`` in the thread pool.
* ``micro`` — concurrent requests are gathered for a few milliseconds and run
  as one ``extract_many`` call, so their sentences share forward passes; one
  inference thread at a time, which suits a CPU whose cores torch already uses.

Either way at most ``max_queue`` requests wait; the next one is refused at
once (:class:`Overloaded`) instead of queueing without limit.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from starlette.concurrency import run_in_threadpool

from banglaner.models.entity import Entity
from banglaner.models.pipeline import Pipeline


class Overloaded(Exception):
    """More requests are waiting than the queue allows."""


class DocumentFailed(Exception):
    """This request's documents made the pipeline raise (the cause is chained)."""


class Runner(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def extract(self, texts: Sequence[str], dates: Sequence[date]) -> list[list[Entity]]: ...


class ThreadRunner:
    def __init__(self, pipeline: Pipeline, max_queue: int, concurrency: int = 2) -> None:
        self.pipeline = pipeline
        self._slots = asyncio.Semaphore(concurrency)  # inference threads at once
        self._waiting = 0  # running or waiting
        self.max_queue = max_queue

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def extract(self, texts: Sequence[str], dates: Sequence[date]) -> list[list[Entity]]:
        if self._waiting >= self.max_queue:
            raise Overloaded
        self._waiting += 1
        task = asyncio.ensure_future(self._run(texts, dates))
        # an outcome no one waits for any more is still retrieved (no "never retrieved" warning)
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        return await asyncio.shield(task)

    async def _run(self, texts: Sequence[str], dates: Sequence[date]) -> list[list[Entity]]:
        """Holds its thread slot and its place in the count until the thread is done, even
        when the caller stopped waiting (504): a thread cannot be cancelled, so the limits
        must count it."""
        try:
            async with self._slots:
                return await run_in_threadpool(self.pipeline.extract_many, texts, dates)
        except Exception as exc:
            raise DocumentFailed from exc
        finally:
            self._waiting -= 1


@dataclass
class _Job:
    texts: Sequence[str]
    dates: Sequence[date]
    future: asyncio.Future = field(repr=False)


class MicroBatcher:
    def __init__(
        self, pipeline: Pipeline, max_queue: int, max_docs: int, max_wait_ms: float
    ) -> None:
        self.pipeline = pipeline
        self.max_docs = max_docs
        self.max_wait = max_wait_ms / 1000
        self._queue: asyncio.Queue[_Job] = asyncio.Queue(maxsize=max_queue)
        self._task: asyncio.Task | None = None

    @property
    def queued(self) -> int:
        """Requests waiting for the model (not counting the batch it is running)."""
        return self._queue.qsize()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def extract(self, texts: Sequence[str], dates: Sequence[date]) -> list[list[Entity]]:
        future = asyncio.get_running_loop().create_future()
        try:
            self._queue.put_nowait(_Job(texts, dates, future))
        except asyncio.QueueFull as exc:
            raise Overloaded from exc
        return await future

    async def _gather(self) -> list[_Job]:
        """The next job, plus whatever arrives within the wait window, up to max_docs."""
        jobs = [await self._queue.get()]
        size = len(jobs[0].texts)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.max_wait
        while size < self.max_docs:
            try:
                job = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                remaining = deadline - loop.time()
                if remaining <= 0:
                    break
                try:
                    job = await asyncio.wait_for(self._queue.get(), remaining)
                except TimeoutError:
                    break
            jobs.append(job)
            size += len(job.texts)
        return [j for j in jobs if not j.future.done()]  # callers that timed out are gone

    async def _run(self) -> None:
        while True:
            jobs = await self._gather()
            if not jobs:
                continue
            outcomes = await asyncio.to_thread(self._extract_each, jobs)
            for job, outcome in zip(jobs, outcomes, strict=True):
                if job.future.done():  # the caller timed out meanwhile
                    continue
                if isinstance(outcome, DocumentFailed):
                    job.future.set_exception(outcome)
                else:
                    job.future.set_result(outcome)

    def _extract_each(self, jobs: list[_Job]) -> list[list[list[Entity]] | DocumentFailed]:
        """One forward pass for all jobs; if it raises, each job alone, so only the
        request whose documents make the pipeline fail gets an error."""
        texts = [t for j in jobs for t in j.texts]
        dates = [d for j in jobs for d in j.dates]
        try:
            results = self.pipeline.extract_many(texts, dates)
        except Exception as exc:
            if len(jobs) > 1:
                return [self._extract_each([job])[0] for job in jobs]
            failure = DocumentFailed()
            failure.__cause__ = exc
            return [failure]
        outcomes: list[list[list[Entity]] | DocumentFailed] = []
        pos = 0
        for job in jobs:
            outcomes.append(results[pos : pos + len(job.texts)])
            pos += len(job.texts)
        return outcomes
