"""The annotate job: inputs → chunks → engine → journal → exports, resumable at any point.

Chunks are fixed by the input alone (consecutive good records, cut by count
and characters), and a chunk with any document still to do is tagged whole,
so a resumed run tags every document in exactly the batch an uninterrupted
run would have: the output lines are identical, not merely equivalent. The
manifest beside the output (service.batch.journal) makes sure a resumed run
is the same job: same input bytes, same options, same "today".
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from tqdm import tqdm

from banglaner.models.encoders import choose_runtime
from banglaner.models.errors import ConfigError
from banglaner.models.kb.store import kb_fingerprint
from banglaner.models.settings import CoreSettings
from banglaner.models.tagger import model_card, resolve_device
from banglaner.service.batch.engines import (
    Engine,
    InProcessEngine,
    Payload,
    ProcessPoolEngine,
    RayEngine,
)
from banglaner.service.batch.exports import write_conll, write_docbin, write_index
from banglaner.service.batch.inputs import InputDoc, InputError, count_records, read_inputs
from banglaner.service.batch.journal import Journal, Manifest, fingerprint

Format = Literal["jsonl", "spacy", "conll"]


@dataclass
class AnnotateOptions:
    input: Path
    output: Path
    format: Format = "jsonl"
    index: Path | None = None
    # two workers overlap the Python steps with the encoder: 1.2x on 2 cores (README)
    workers: int = field(default_factory=lambda: min(2, os.cpu_count() or 1))
    engine: Literal["local", "ray"] = "local"
    address: str | None = None  # a Ray cluster; None starts a local Ray
    chunk_docs: int = 64
    chunk_chars: int = 200_000
    max_chars: int = 1_000_000  # longer texts go to the errors file
    retry_failed: bool = False
    restart: bool = False  # discard this job's earlier output and start over
    progress: bool = True

    @property
    def journal_path(self) -> Path:
        """The resumable JSONL: the output itself, or beside a DocBin/CoNLL output."""
        if self.format == "jsonl":
            return self.output
        return self.output.with_name(self.output.stem + ".journal.jsonl")

    @property
    def errors_path(self) -> Path:
        return self.output.with_name(self.output.stem + ".errors.jsonl")

    @property
    def manifest_path(self) -> Path:
        return self.output.with_name(self.output.stem + ".job.json")

    def outputs(self) -> list[Path]:
        """Every file the job writes (the manifest aside)."""
        paths = [self.journal_path, self.errors_path, self.output, self.index]
        return list(dict.fromkeys(p for p in paths if p is not None))


@dataclass
class AnnotateSummary:
    documents: int = 0  # in the output now, this run's and earlier runs'
    annotated: int = 0  # this run
    skipped: int = 0  # already in the output (or failed) from an earlier run
    failures: int = 0  # this run
    failures_total: int = 0  # in the errors file now
    repaired_lines: int = 0
    entities: Counter = field(default_factory=Counter)  # by label, this run
    wall_s: float = 0.0
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # worker pid → MB

    @property
    def docs_per_s(self) -> float:
        return self.annotated / self.wall_s if self.wall_s else 0.0

    def lines(self, options: AnnotateOptions) -> list[str]:
        labels = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rss = ", ".join(f"{v:.0f}" for v in self.peak_rss_mb.values()) or "-"
        out = [
            f"documents: {self.annotated} annotated this run, {self.skipped} already done, "
            f"{self.documents} in {options.output}",
            f"entities this run: {labels}",
            f"failures: {self.failures} this run, {self.failures_total} in {options.errors_path}",
            f"wall time: {self.wall_s:.1f} s ({self.docs_per_s:.1f} documents/s)",
            f"peak RSS per worker (MB): {rss}",
        ]
        if self.repaired_lines:
            out.insert(0, f"repaired: {self.repaired_lines} torn line(s) from an interrupted run")
        return out


@dataclass(frozen=True)
class Chunk:
    index: int
    docs: list[InputDoc]
    todo: set[str]  # ids still to write


def _check(options: AnnotateOptions) -> None:
    if not options.input.exists():
        raise ConfigError.of("E401", path=options.input)
    if options.input.resolve() in {
        p.resolve() for p in [*options.outputs(), options.manifest_path]
    }:
        raise ConfigError.of("E402")
    if options.workers < 1:
        raise ConfigError.of("E403", workers=options.workers)
    if options.address and options.engine != "ray":
        raise ConfigError.of("E404")


def job_identity(options: AnnotateOptions, settings: CoreSettings) -> dict[str, Any]:
    """Everything that changes the output's lines: the input bytes, the model, the knowledge
    base and the chunking (int8 activations are scaled per batch). Workers and engine are
    not in it: they give identical lines."""
    model_dir = settings.resolved_model_dir
    card = model_card(model_dir)
    device = resolve_device(settings.device).split(":")[0]
    return {
        "input": fingerprint(options.input),
        "model": {
            "dir": str(model_dir.resolve()),
            "name": card.get("name", model_dir.name),
            "version": card.get("version"),
            "trained_at": card.get("trained_at"),
        },
        # resolved: "auto" means the runtime measured for this model and host (runtime.json)
        "runtime": choose_runtime(settings.runtime, device, model_dir).runtime,
        "device": device,
        "knowledge_base": kb_fingerprint() if settings.link_entities else None,
        "chunk_docs": options.chunk_docs,
        "chunk_chars": options.chunk_chars,
        "max_chars": options.max_chars,
    }


def chunk_records(
    records: Iterable[InputDoc | InputError],
    options: AnnotateOptions,
    settled: Callable[[InputDoc], bool],
) -> Iterator[Chunk | InputError]:
    """Good records grouped into chunks fixed by the input alone (``todo``: the documents
    not ``settled`` by an earlier run), and bad records (duplicate ids among them) as
    they come."""
    first_line: dict[str, int] = {}
    current: list[InputDoc] = []
    chars = index = 0
    for record in records:
        if isinstance(record, InputDoc) and record.id in first_line:
            record = InputError(
                record.line, record.id, f"duplicate id (first on line {first_line[record.id]})"
            )
        if isinstance(record, InputError):
            yield record
            continue
        first_line[record.id] = record.line
        current.append(record)
        chars += len(record.text)
        if len(current) >= options.chunk_docs or chars >= options.chunk_chars:
            yield Chunk(index, current, {d.id for d in current if not settled(d)})
            current, chars, index = [], 0, index + 1
    if current:
        yield Chunk(index, current, {d.id for d in current if not settled(d)})


class _Run:
    """One run of a job: the journal, the errors file, the summary and the progress bar."""

    def __init__(self, options: AnnotateOptions, today: date) -> None:
        self.options = options
        self.today = today
        self.journal = Journal(options.journal_path)
        self.errors = Journal(options.errors_path)
        self.summary = AnnotateSummary()
        self.summary.repaired_lines = self.journal.recover() + self.errors.recover()
        if options.retry_failed:
            options.errors_path.unlink(missing_ok=True)
        self.done = {str(r.get("id")) for r in self.journal.records()}
        self.failed_lines = {r.get("line") for r in self.errors.records()}
        self.summary.documents = len(self.done)
        self.summary.failures_total = len(self.failed_lines)
        self.pending: dict[int, Chunk] = {}
        self.bar = tqdm(
            total=count_records(options.input),
            unit="doc",
            desc="annotating",
            disable=not options.progress,
            dynamic_ncols=True,
            smoothing=0.1,
        )

    def fail(self, record: InputError) -> None:
        if record.line in self.failed_lines:
            self.summary.skipped += 1
        else:
            self.errors.append([record.to_dict()])
            self.failed_lines.add(record.line)
            self.summary.failures += 1
            self.summary.failures_total += 1
        self.bar.update(1)

    def settled(self, doc: InputDoc) -> bool:
        """Written, or failed, by an earlier run."""
        return doc.id in self.done or doc.line in self.failed_lines

    def to_tag(self, items: Iterable[Chunk | InputError]) -> Iterator[tuple[int, list[Payload]]]:
        """The engine's input: chunks with work left; everything else is settled here."""
        for item in items:
            if isinstance(item, InputError):
                self.fail(item)
                continue
            self.summary.skipped += len(item.docs) - len(item.todo)
            self.bar.update(len(item.docs) - len(item.todo))
            if item.todo:
                self.pending[item.index] = item
                yield item.index, [self._payload(d) for d in item.docs]

    def _payload(self, doc: InputDoc) -> Payload:
        return doc.id, doc.text, (doc.date or self.today).isoformat(), doc.date is not None

    def write(self, index: int, results: list[dict[str, Any]]) -> None:
        """A chunk's results: documents to the journal, failures to the errors file."""
        chunk = self.pending.pop(index)
        tagged = [(d, r) for d, r in zip(chunk.docs, results, strict=True) if d.id in chunk.todo]
        failed = [InputError(d.line, d.id, r["error"]) for d, r in tagged if "error" in r]
        good = [(d, {**d.fields, "id": d.id, **r}) for d, r in tagged if "error" not in r]
        unwritable = dict(self.journal.append(record for _, record in good))
        for pos, (doc, record) in enumerate(good):
            if pos in unwritable:
                failed.append(InputError(doc.line, doc.id, unwritable[pos]))
            else:
                self.summary.entities.update(e["label"] for e in record["entities"])
        written = len(good) - len(unwritable)
        self.summary.annotated += written
        self.summary.documents += written
        self.bar.update(written)
        for error in failed:
            self.fail(error)

    def close(self) -> None:
        self.journal.close()
        self.errors.close()
        self.bar.close()


def _engine(options: AnnotateOptions, settings: CoreSettings) -> Engine:
    if options.engine == "ray":
        return RayEngine(settings, options.workers, options.address)
    if options.workers > 1:
        return ProcessPoolEngine(settings, options.workers)
    return InProcessEngine(settings)


def _export(options: AnnotateOptions, journal: Journal) -> None:
    if options.format == "spacy":
        write_docbin(journal.records(), options.output)
    elif options.format == "conll":
        write_conll(journal.records(), options.output)
    if options.index is not None:
        write_index(journal.records(), options.index)


def run_annotate(options: AnnotateOptions, settings: CoreSettings) -> AnnotateSummary:
    t0 = time.perf_counter()
    _check(options)
    today = datetime.now(ZoneInfo(settings.timezone)).date().isoformat()
    manifest = Manifest(options.manifest_path, job_identity(options, settings))
    engine = _engine(options, settings)  # loads the model: a failure here touches no file
    try:
        started = manifest.claim(options.outputs(), options.restart, {"today": today})
        run = _Run(options, date.fromisoformat(started["today"]))
        try:
            for index, results, pid, rss in engine.run(
                run.to_tag(chunk_records(read_inputs(options.input, options.max_chars),
                                         options, run.settled))
            ):  # fmt: skip
                run.write(index, results)
                run.summary.peak_rss_mb[pid] = max(rss, run.summary.peak_rss_mb.get(pid, 0.0))
        finally:
            run.close()
    finally:
        engine.close()
    _export(options, run.journal)
    run.summary.wall_s = time.perf_counter() - t0
    return run.summary
