"""Build step: a model dir's ONNX runtimes, and which of them ``auto`` runs on this host.

``export_runtimes`` writes the ONNX files next to the weights: fp32, dynamic int8, and
static int8 calibrated on training sentences. ``measure_runtimes`` then times every
CPU runtime on a fixed workload of dev sentences (rounds taking turns, the best round
kept, as this kind of machine drifts), scores each on the dev sentences against their
gold labels, and checks that each gives a text the same probabilities alone as in a
batch; ``choose`` picks the fastest runtime that is batch-independent by design and
by measure and scores within ``MAX_F1_DROP`` of fp32: ``MODEL_DIR/runtime.json``
(models.encoders reads it for ``auto``).
"""

from __future__ import annotations

import logging
import platform
import tempfile
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from banglaner.eval.gold import GoldDoc
from banglaner.eval.runner import score_extractor
from banglaner.models.encoders import RECORD, RUNTIME_INFO, load_encoder, onnx_path
from banglaner.models.errors import ModelLoadError
from banglaner.models.filelock import exclusive
from banglaner.models.gazetteer import GazetteerSpec
from banglaner.models.tagger import Tagger

if TYPE_CHECKING:
    import onnx

log = logging.getLogger("banglaner")
ONNX_OPSET = 17
CPU_RUNTIMES = tuple(r for r, info in RUNTIME_INFO.items() if info.cpu)
# A runtime whose strict micro-F1 on the dev sentences is more than this below fp32's is
# not chosen. Static int8 with every matmul quantised cost 6 points on Rifat test with the
# default model; with GELU's outputs, attention's products and the classifier in fp32, 0.05.
MAX_F1_DROP = 0.003
# Nor is one whose entities on the dev sentences agree with fp32 ONNX's below this
# (entity-level F1 of its entities against fp32's): a runtime can hold F1 while moving many
# entities, gains and losses cancelling. Static int8 agrees 0.97, dynamic int8 0.95; static
# int8 with every feed-forward output quantised 0.79 (docs/runtimes.md).
MIN_FP32_AGREEMENT = 0.95
# The timed workloads: dev sentences in one batch (a batch job) and texts one call each (a
# server's single requests, where per-call overhead counts: torch-bf16 keeps pace with
# static int8 on the first and runs at half its speed on the second).
WORKLOAD = 200
SINGLE_TEXTS = 40
CALIBRATION_SENTENCES = 1024
# The feed-forward output matmuls read GELU's outliers, which one fixed range clips: they run
# as MatMulNBits, int8 weights and int8 arithmetic with a scale for every row's block of
# this many activations, found as the row is computed (so no neighbour changes it).
FEED_FORWARD_BLOCK = 16


def calibration_sample(texts: Sequence[str], n: int = CALIBRATION_SENTENCES) -> list[str]:
    """``n`` texts spread evenly over ``texts``, so that static int8's activation ranges see
    the whole corpus, not its first pages: on every dev set, 1,024 spread sentences brought
    int8's entities closer to fp32's than the first 256 (docs/runtimes.md)."""
    step = max(1, len(texts) // n)
    return list(texts[::step][:n])


# The quantisation recipe (calibration_sample, what is rounded) a static int8 file was
# quantised under, kept beside it: a file of an older recipe (256 first sentences, no stamp;
# matmul outputs requantised, the residual stream rounded) is quantised again.
CALIBRATION_RECIPE = (
    f"{CALIBRATION_SENTENCES} sentences spread over the corpus `banglaner export` names;"
    " matmul outputs left in fp32;"
    " only the int8 matmuls read rounded activations; feed-forward outputs in"
    f" {FEED_FORWARD_BLOCK}-blocks"
)


def _calibration_stamp(static: Path) -> Path:
    return static.with_suffix(".calibration")


def _static_is_current(static: Path) -> bool:
    stamp = _calibration_stamp(static)
    return static.is_file() and stamp.is_file() and stamp.read_text("utf-8") == CALIBRATION_RECIPE


def export_runtimes(model, model_dir: Path, calibration: Sequence[str] = ()) -> list[Path]:
    """The ONNX files (kept where they exist): fp32 and dynamic int8 from ``model`` (loaded
    from ``model_dir``), and static int8 when ``calibration`` sentences are given (again
    when the file was calibrated under an older recipe)."""
    written = []
    try:
        with exclusive(model_dir / "onnx" / ".export.lock"):
            fp32 = onnx_path(model_dir, "onnx")
            if not fp32.is_file():
                _export_fp32(model, fp32)
            dynamic = onnx_path(model_dir, "onnx-int8")
            if not dynamic.is_file():
                _quantise_dynamic(fp32, dynamic)
            static = onnx_path(model_dir, "onnx-int8-static")
            # a model reading the KB's names would need the KB to calibrate: not offered
            spec = GazetteerSpec.read(model_dir)
            stale = not _static_is_current(static)
            if calibration and stale and (spec is None or spec.source == "corpora"):
                quantise_static(model_dir, static, calibration)
                _calibration_stamp(static).write_text(CALIBRATION_RECIPE, "utf-8")
            written = [p for p in (fp32, dynamic, static) if p.is_file()]
    except OSError as exc:
        raise ModelLoadError.of("E004", path=model_dir / "onnx", reason=exc) from exc
    return written


def _export_fp32(model, target: Path) -> None:
    import torch

    log.info("exporting %s to ONNX (once, a few seconds)", target.parent.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.full((2, 8), 5, dtype=torch.long)
    inputs = {"input_ids": ids, "attention_mask": torch.ones_like(ids)}
    if hasattr(model, "gazetteer"):  # models.gazetteer_model: the features are a third input
        inputs["gazetteer"] = torch.zeros_like(ids)
    tmp = target.with_suffix(".tmp")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model.cpu().eval(),
            tuple(inputs.values()),
            str(tmp),
            input_names=list(inputs),
            output_names=["logits"],
            dynamic_axes={name: {0: "batch", 1: "width"} for name in [*inputs, "logits"]},
            opset_version=ONNX_OPSET,
            dynamo=False,
        )
    tmp.replace(target)


def _quantise_dynamic(fp32: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    log.info("quantising the ONNX export to dynamic int8 (once)")
    tmp = target.with_suffix(".tmp")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QUInt8)
    tmp.replace(target)


def _matmuls(graph: onnx.GraphProto, keep: Callable[[str], bool]) -> list[str]:
    """The names of ``graph``'s MatMul nodes that ``keep`` accepts."""
    return [n.name for n in graph.node if n.op_type == "MatMul" and keep(n.name)]


def _is_feed_forward_output(name: str) -> bool:
    """(Names as Hugging Face exports write them.)"""
    return name.endswith("/output/dense/MatMul") and "attention" not in name


def _kept_fp32(model_path: Path) -> list[str]:
    """The matmuls static int8's calibrated ranges leave alone: the feed-forward outputs
    (their input is GELU's, whose outliers a fixed range clips: ``_in_row_blocks``),
    attention's two activation-by-activation products, and the classifier."""
    import onnx

    return _matmuls(
        onnx.load(str(model_path), load_external_data=False).graph,
        lambda name: (
            _is_feed_forward_output(name)
            or name.endswith(("/self/MatMul", "/self/MatMul_1"))
            or name.startswith("/classifier")
        ),
    )


def _in_row_blocks(path: Path) -> None:
    """The feed-forward output matmuls as MatMulNBits: 8-bit weights, int8 arithmetic with
    activations scaled per row and block. A tenth more sentences a second than with them in
    fp32, and batch-independent (docs/runtimes.md)."""
    import onnx
    from onnxruntime.quantization.matmul_nbits_quantizer import MatMulNBitsQuantizer

    model = onnx.load(str(path))
    quantiser = MatMulNBitsQuantizer(
        model,
        bits=8,
        block_size=FEED_FORWARD_BLOCK,
        is_symmetric=True,
        accuracy_level=4,  # int8 arithmetic: activations rounded per row and block
        nodes_to_include=_matmuls(model.graph, _is_feed_forward_output),
        # (the include list alone still took the classifier, a MatMul with constant weights)
        nodes_to_exclude=_matmuls(model.graph, lambda name: not _is_feed_forward_output(name)),
    )
    quantiser_log = logging.getLogger(MatMulNBitsQuantizer.__module__)
    level = quantiser_log.level
    quantiser_log.setLevel(logging.WARNING)  # it logs a line for every node it passes
    try:
        quantiser.process()
    finally:
        quantiser_log.setLevel(level)
    quantiser.model.save_model_to_file(str(path))


def quantise_static(model_dir: Path, target: Path, calibration: Sequence[str]) -> None:
    """Per-channel int8 weights and MinMax activation ranges from ``calibration``
    sentences, fed through the tagger's own windows (models.tagger). A matmul's output is
    not quantised again: ONNX Runtime then fuses each into one ``MatMulIntegerToFloat``
    with an fp32 output, one rounding fewer and 60 nodes fewer than ``QLinearMatMul``
    followed by ``DequantizeLinear`` (docs/runtimes.md)."""
    from onnxruntime.quantization import (
        CalibrationDataReader,
        CalibrationMethod,
        QuantFormat,
        QuantType,
        quantize_static,
    )
    from onnxruntime.quantization.shape_inference import quant_pre_process

    log.info("quantising the ONNX export to static int8 (%d sentences)", len(calibration))
    tagger = Tagger.load(model_dir, device="cpu", runtime="onnx")
    feeds = [
        {"input_ids": ids, "attention_mask": mask}
        | ({} if features is None else {"gazetteer": features})
        for _, (ids, mask, features) in tagger.encoder_batches(tagger.prepare(calibration))
    ]

    class Feeds(CalibrationDataReader):
        def __init__(self) -> None:
            self.rest = iter(feeds)

        def get_next(self) -> dict | None:
            return next(self.rest, None)

    with tempfile.TemporaryDirectory() as tmp_dir:
        pre = Path(tmp_dir) / "pre.onnx"
        quant_pre_process(str(onnx_path(model_dir, "onnx")), str(pre), skip_symbolic_shape=True)
        tmp = target.with_suffix(".tmp")
        quantize_static(
            str(pre),
            str(tmp),
            Feeds(),
            quant_format=QuantFormat.QDQ,
            per_channel=True,
            activation_type=QuantType.QUInt8,
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul", "Gemm"],
            nodes_to_exclude=_kept_fp32(pre),
            calibrate_method=CalibrationMethod.MinMax,
            extra_options={"OpTypesToExcludeOutputQuantization": ["MatMul", "Gemm"]},
        )
    _rounded_for_matmuls_only(tmp)
    _in_row_blocks(tmp)
    tmp.replace(target)


def _rounded_for_matmuls_only(path: Path) -> None:
    """Rewires every reader of a quantised activation other than a matmul to the fp32
    tensor itself. The quantiser puts one QuantizeLinear/DequantizeLinear pair on a tensor
    and lets all its readers take the rounded copy, so the residual stream (the layer
    norm's output, which the Q/K/V matmuls read) went through uint8 at every layer: with
    it in fp32 static int8 follows fp32 closer on every dev set (docs/runtimes.md)."""
    import onnx

    model = onnx.load(str(path))
    nodes = model.graph.node
    source = {n.output[0]: n.input[0] for n in nodes if n.op_type == "QuantizeLinear"}
    fp32_of = {
        n.output[0]: source[n.input[0]]
        for n in nodes
        if n.op_type == "DequantizeLinear" and n.input[0] in source
    }
    for node in nodes:
        if node.op_type not in ("MatMul", "Gemm"):
            node.input[:] = [fp32_of.get(name, name) for name in node.input]
    for op in ("DequantizeLinear", "QuantizeLinear"):  # the pairs no one reads any more
        read = {name for n in nodes for name in n.input} | {o.name for o in model.graph.output}
        kept = [n for n in nodes if n.op_type != op or n.output[0] in read]
        del nodes[:]
        nodes.extend(kept)
    onnx.save(model, str(path))


@dataclass
class Measure:
    """One runtime on this host: speed, dev F1 beside fp32's, batch independence."""

    runtime: str
    batch_independent_by_design: bool
    batch_independent_measured: bool
    sentences_per_s: float  # the batched workload, as `banglaner annotate` runs
    single_texts_per_s: float  # texts one call each, as a server's single requests arrive
    dev_f1: float  # strict micro-F1 of the model alone on the dev sentences
    fp32_dev_f1: float
    fp32_agreement: float  # entity-level F1 of its dev entities against fp32 ONNX's

    @property
    def eligible(self) -> bool:
        return (
            self.batch_independent_by_design
            and self.batch_independent_measured
            and self.dev_f1 >= self.fp32_dev_f1 - MAX_F1_DROP
            and self.fp32_agreement >= MIN_FP32_AGREEMENT
        )


def _independent(tagger: Tagger, texts: Sequence[str]) -> bool:
    """Whether every text's word probabilities are bit for bit the same alone as in one
    batch with all the others."""
    together = tagger.word_probabilities(texts)
    alone = [tagger.word_probabilities([t])[0] for t in texts]
    return all(np.array_equal(a, b) for a, b in zip(alone, together, strict=True))


def _timed(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def measure_runtimes(
    model_dir: Path, dev: Sequence[GoldDoc], workload: int = WORKLOAD, rounds: int = 5
) -> list[Measure]:
    """Every CPU runtime whose file exists: ``rounds`` timed passes over the first
    ``workload`` dev texts in one batch and over ``SINGLE_TEXTS`` of them one call each,
    the runtimes taking turns, the fastest pass kept; strict F1 on all of ``dev`` and how
    closely its entities there agree with fp32 ONNX's; batch independence on 64 texts."""
    tagger = Tagger.load(model_dir, device="cpu", runtime="onnx")
    texts = [d.text for d in dev]
    available = [
        r
        for r in CPU_RUNTIMES
        if RUNTIME_INFO[r].onnx_file is None or onnx_path(model_dir, r).is_file()
    ]
    encoders = {r: load_encoder(model_dir, "cpu", r) for r in available}
    batched = dict.fromkeys(available, float("inf"))
    single = dict.fromkeys(available, float("inf"))
    singles = texts[:SINGLE_TEXTS]
    for _ in range(rounds):
        for runtime, encoder in encoders.items():
            tagger.encoder = encoder
            in_one_batch = _timed(lambda: tagger.tag_many(texts[:workload]))
            one_by_one = _timed(lambda: [tagger.tag_many([t]) for t in singles])
            batched[runtime] = min(batched[runtime], in_one_batch)
            single[runtime] = min(single[runtime], one_by_one)
    f1, agreement, independent = {}, {}, {}
    tagged: dict[str, list] = {}
    for runtime, encoder in encoders.items():
        tagger.encoder = encoder
        tagged[runtime] = tagger.tag_many(texts)
        f1[runtime] = round(score_extractor(_replay(texts, tagged[runtime]), dev)["micro"].f1, 4)
        independent[runtime] = _independent(tagger, texts[:64])
    for runtime, outputs in tagged.items():
        agreement[runtime] = round(entity_agreement(outputs, tagged["onnx"]), 4)
    return [
        Measure(
            r,
            RUNTIME_INFO[r].batch_independent,
            independent[r],
            round(min(workload, len(texts)) / batched[r], 1),
            round(len(singles) / single[r], 1),
            f1[r],
            f1["onnx"],
            agreement[r],
        )
        for r in available
    ]


def _replay(texts: Sequence[str], tagged: list) -> Callable[[Sequence[str]], list]:
    """An extractor answering with the entities already tagged for each text."""
    by_text = dict(zip(texts, tagged, strict=True))
    return lambda batch: [by_text[t] for t in batch]


def entity_agreement(tagged: Sequence[Sequence], reference: Sequence[Sequence]) -> float:
    """Entity-level F1 of one runtime's entities against another's, text by text."""
    spans = [{(e.start, e.end, e.label) for e in ents} for ents in tagged]
    ref = [{(e.start, e.end, e.label) for e in ents} for ents in reference]
    total = sum(map(len, spans)) + sum(map(len, ref))
    same = sum(len(a & b) for a, b in zip(spans, ref, strict=True))
    return 2 * same / total if total else 1.0


def choose(measures: Sequence[Measure]) -> tuple[str, str]:
    """The fastest eligible runtime, the two workloads counting alike (each runtime's time
    on each relative to the fastest there, summed), and why; fp32 ONNX where none is."""
    eligible = [m for m in measures if m.eligible]
    if not eligible:
        return "onnx", "no runtime was measured batch-independent and as accurate: fp32 ONNX"
    batched = max(m.sentences_per_s for m in eligible)
    single = max(m.single_texts_per_s for m in eligible)
    top = min(eligible, key=lambda m: batched / m.sentences_per_s + single / m.single_texts_per_s)
    return top.runtime, (
        f"fastest batch-independent runtime measured on this host ({top.sentences_per_s} "
        f"sentences/s batched, {top.single_texts_per_s} texts/s one at a time; dev F1 "
        f"{top.dev_f1}, fp32 {top.fp32_dev_f1}; entities agree with fp32's "
        f"{top.fp32_agreement})"
    )


def write_record(model_dir: Path, measures: Sequence[Measure], sentences: int) -> dict:
    """``MODEL_DIR/runtime.json``: the choice, why, and every measure behind it."""
    import json

    chosen, why = choose(measures)
    record = {
        "chosen": chosen,
        "why": why,
        "host": {"machine": platform.machine(), "processor": _cpu_name(), "cores": _cores()},
        "workload_sentences": sentences,
        "single_texts": SINGLE_TEXTS,
        "max_f1_drop": MAX_F1_DROP,
        "min_fp32_agreement": MIN_FP32_AGREEMENT,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "measures": [asdict(m) | {"eligible": m.eligible} for m in measures],
    }
    tmp = model_dir / (RECORD + ".tmp")
    tmp.write_text(json.dumps(record, indent=2, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(model_dir / RECORD)
    return record


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
