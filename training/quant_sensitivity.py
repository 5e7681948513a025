"""Which feed-forward output matmuls static int8 may quantise without moving the tags.

The input of a transformer layer's feed-forward output matmul is GELU's output, whose
outliers a fixed activation range clips or coarsens. Quantising all twelve of them cost the
default model 0.19 of agreement with fp32 on Rifat dev; one at a time, three layers (0, 4,
5) cost 0.04 each and six cost under 0.005 (docs/runtimes.md). Which layers tolerate it
differs by model, so it is measured, not listed: each matmul's input is fake-quantised
(QuantizeLinear then DequantizeLinear, uint8 over the input's MinMax range on the
calibration sentences, as static int8 would) on its own, and the share of the tagger's
token labels that change is counted. Those under ``MAX_FLIPS`` are quantised.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger("banglaner")
# Token labels (argmax of the logits) a matmul's quantised input may change, per token. The
# tolerant layers of the default model change at most 4 in 10,000, the harmful ones 11–45.
MAX_FLIPS = 5e-4
Feed = Mapping[str, np.ndarray]


def ffn_output_inputs(graph) -> dict[str, str]:
    """Feed-forward output matmul (name as Hugging Face exports write it) → its input."""
    return {
        n.name: n.input[0]
        for n in graph.node
        if n.op_type == "MatMul"
        and n.name.endswith("/output/dense/MatMul")
        and "attention" not in n.name
    }


def _ranges(model, inputs: Sequence[str], feeds: Sequence[Feed]) -> dict[str, tuple[float, float]]:
    """Each tensor's (min, max) over the feeds, widened to hold 0 as a uint8 range must."""
    import onnx
    import onnxruntime as ort

    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    for name in inputs:
        probe.graph.output.append(
            onnx.helper.make_tensor_value_info(name, onnx.TensorProto.FLOAT, None)
        )
    session = ort.InferenceSession(probe.SerializeToString(), providers=["CPUExecutionProvider"])
    low, high = dict.fromkeys(inputs, 0.0), dict.fromkeys(inputs, 0.0)
    for feed in feeds:
        for name, values in zip(inputs, session.run(list(inputs), dict(feed)), strict=True):
            low[name], high[name] = (
                min(low[name], float(values.min())),
                max(high[name], float(values.max())),
            )
    return {name: (low[name], high[name]) for name in inputs}


def _fake_quantised(model, node_name: str, tensor: str, low: float, high: float):
    """A copy of ``model`` whose ``node_name`` reads ``tensor`` through uint8 quantisation."""
    import onnx
    from onnx import helper, numpy_helper

    scale = (high - low) / 255
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    graph = copy.graph
    graph.initializer.extend(
        [
            numpy_helper.from_array(np.array(scale, np.float32), "fake_quant_scale"),
            numpy_helper.from_array(np.array(round(-low / scale), np.uint8), "fake_quant_zero"),
        ]
    )
    params = ["fake_quant_scale", "fake_quant_zero"]
    nodes = list(graph.node)
    at = next(i for i, n in enumerate(nodes) if n.name == node_name)
    nodes[at].input[0] = "fake_quant_out"
    nodes[at:at] = [
        helper.make_node("QuantizeLinear", [tensor, *params], ["fake_quant_int"]),
        helper.make_node("DequantizeLinear", ["fake_quant_int", *params], ["fake_quant_out"]),
    ]
    del graph.node[:]
    graph.node.extend(nodes)
    return copy


def _labels(model, feeds: Sequence[Feed]) -> list[np.ndarray]:
    """The argmax label of every real (unpadded) token, feed by feed."""
    import onnxruntime as ort

    session = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    logits = model.graph.output[0].name
    return [
        session.run([logits], dict(feed))[0].argmax(-1)[feed["attention_mask"].astype(bool)]
        for feed in feeds
    ]


def tolerant_ffn_outputs(fp32_path: Path, feeds: Sequence[Feed], sample_every: int = 2) -> set[str]:
    """The feed-forward output matmuls whose quantised input changes at most ``MAX_FLIPS``
    of the token labels (ranges from all ``feeds``, labels counted on every
    ``sample_every``-th)."""
    import onnx

    model = onnx.load(str(fp32_path))
    matmuls = ffn_output_inputs(model.graph)
    ranges = _ranges(model, list(matmuls.values()), feeds)
    sample = feeds[::sample_every]
    reference = _labels(model, sample)
    tokens = sum(len(r) for r in reference)
    tolerant = set()
    for node_name, tensor in matmuls.items():
        labels = _labels(_fake_quantised(model, node_name, tensor, *ranges[tensor]), sample)
        flips = sum(int((a != b).sum()) for a, b in zip(labels, reference, strict=True)) / tokens
        log.info(
            "quantising the input of %s changes %.1f token labels in 10,000", node_name, 1e4 * flips
        )
        if flips <= MAX_FLIPS:
            tolerant.add(node_name)
    return tolerant
