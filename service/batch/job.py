"""The annotate job: inputs → chunks → engine → journal → exports, resumable at any point.

Chunks are fixed by the input alone (consecutive good records, cut by count
and characters), and a chunk with any document still to do is tagged whole,
so a resumed run tags every document in exactly the batch an uninterrupted
run would have: the output lines are identical, not merely equivalent.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tqdm import tqdm

from models.errors import ConfigError
from service.batch.engines import Engine, InProcessEngine, Payload, ProcessPoolEngine, RayEngine
from service.batch.exports import write_conll, write_docbin, write_index
from service.batch.inputs import InputDoc, InputError, count_records, read_inputs
from service.batch.journal import Journal
from service.settings import Settings

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
    retry_failed: bool = False
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


def _check(options: AnnotateOptions) -> None:
    if not options.input.exists():
        raise ConfigError(
            "E401", f"input {options.input} does not exist", "give a .jsonl file or a folder"
        )
    if options.input.resolve() in {options.journal_path.resolve(), options.errors_path.resolve()}:
        raise ConfigError("E402", "the output would overwrite the input", "choose another -o")
    if options.workers < 1:
        raise ConfigError("E403", f"--workers {options.workers} < 1", "use --workers 1 or more")
    if options.address and options.engine != "ray":
        raise ConfigError("E404", "--address needs --engine ray", "add --engine ray")


def _engine(options: AnnotateOptions, settings: Settings) -> Engine:
    if options.engine == "ray":
        return RayEngine(settings, options.workers, options.address)
    if options.workers > 1:
        return ProcessPoolEngine(settings, options.workers)
    return InProcessEngine(settings)


def run_annotate(options: AnnotateOptions, settings: Settings) -> AnnotateSummary:
    _check(options)
    t0 = time.perf_counter()
    summary = AnnotateSummary()
    journal, errors = Journal(options.journal_path), Journal(options.errors_path)
    summary.repaired_lines = journal.recover() + errors.recover()
    if options.retry_failed:
        options.errors_path.unlink(missing_ok=True)
    done_ids = {r.get("id") for r in journal.records()}
    failed_lines = {r.get("line") for r in errors.records()}
    summary.documents = len(done_ids)
    summary.failures_total = len(failed_lines)

    bar = tqdm(
        total=count_records(options.input),
        unit="doc",
        desc="annotating",
        disable=not options.progress,
        dynamic_ncols=True,
        smoothing=0.1,
    )
    # chunk index → (its documents, the ids still to write)
    pending: dict[int, tuple[list[InputDoc], set[str]]] = {}

    def fail(record: InputError) -> None:
        if record.line not in failed_lines:
            errors.append([record.to_dict()])
            failed_lines.add(record.line)
            summary.failures += 1
            summary.failures_total += 1
        else:
            summary.skipped += 1
        bar.update(1)

    def chunks() -> Iterator[tuple[int, list[Payload]]]:
        first_line: dict[str, int] = {}
        current: list[InputDoc] = []
        chars = 0
        index = 0

        def emit() -> Iterator[tuple[int, list[Payload]]]:
            todo = {d.id for d in current if d.id not in done_ids and d.line not in failed_lines}
            summary.skipped += len(current) - len(todo)
            bar.update(len(current) - len(todo))
            if todo:
                pending[index] = (list(current), todo)
                yield index, [(d.id, d.text, d.date and d.date.isoformat()) for d in current]

        for record in read_inputs(options.input):
            if isinstance(record, InputError):
                fail(record)
                continue
            if record.id in first_line:
                fail(
                    InputError(
                        record.line,
                        record.id,
                        f"duplicate id (first on line {first_line[record.id]})",
                    )
                )
                continue
            first_line[record.id] = record.line
            current.append(record)
            chars += len(record.text)
            if len(current) >= options.chunk_docs or chars >= options.chunk_chars:
                yield from emit()
                current, chars, index = [], 0, index + 1
        if current:
            yield from emit()

    engine = _engine(options, settings)
    try:
        for index, results, pid, rss in engine.run(chunks()):
            docs, todo = pending.pop(index)
            written, failed = [], []
            for doc, result in zip(docs, results, strict=True):
                if doc.id not in todo:
                    continue
                if "error" in result:
                    failed.append(InputError(doc.line, doc.id, result["error"]))
                    continue
                written.append({**doc.fields, "id": doc.id, **result})
                summary.entities.update(e["label"] for e in result["entities"])
            journal.append(written)
            summary.annotated += len(written)
            summary.documents += len(written)
            for record in failed:
                fail(record)
            bar.update(len(written))
            summary.peak_rss_mb[pid] = max(rss, summary.peak_rss_mb.get(pid, 0.0))
    finally:
        engine.close()
        journal.close()
        errors.close()
        bar.close()

    if options.format == "spacy":
        write_docbin(journal.records(), options.output)
    elif options.format == "conll":
        write_conll(journal.records(), options.output)
    if options.index is not None:
        write_index(journal.records(), options.index)
    summary.wall_s = time.perf_counter() - t0
    return summary
