"""Static int8 quantises a feed-forward output only where its quantised input leaves the
tags as they were (training.quant_sensitivity), measured on a two-layer graph built here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from banglaner.training.quant_sensitivity import ffn_output_inputs, tolerant_ffn_outputs

FIRST = "/bert/encoder/layer.0/output/dense/MatMul"
SECOND = "/bert/encoder/layer.1/output/dense/MatMul"


def _two_layers(path: Path) -> None:
    """logits = clip(x @ I, 0, 1) @ [[1, -1], [-1, 1]]: the label says whether a token's
    first feature beats its second. The first matmul's input holds an outlier (1000), so
    uint8 steps of 4 erase the small features; the second's input is clipped to [0, 1]."""
    nodes = [
        helper.make_node("MatMul", ["x", "eye"], ["h"], name=FIRST),
        helper.make_node("Clip", ["h", "zero", "one"], ["hc"]),
        helper.make_node("MatMul", ["hc", "vote"], ["logits"], name=SECOND),
        helper.make_node(
            "MatMul",
            ["hc", "eye"],
            ["unused"],
            name="/bert/encoder/layer.1/attention/output/dense/MatMul",
        ),
    ]
    inits = [
        numpy_helper.from_array(np.eye(2, dtype=np.float32), "eye"),
        numpy_helper.from_array(np.array([[1, -1], [-1, 1]], np.float32), "vote"),
        numpy_helper.from_array(np.array(0, np.float32), "zero"),
        numpy_helper.from_array(np.array(1, np.float32), "one"),
    ]
    graph = helper.make_graph(
        nodes,
        "two_layers",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, None, 2]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [1, None]),
        ],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, [1, None, 2])],
        inits,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_only_the_matmul_whose_quantised_input_keeps_the_labels_is_tolerant(tmp_path: Path) -> None:
    path = tmp_path / "model.onnx"
    _two_layers(path)
    assert set(ffn_output_inputs(onnx.load(str(path)).graph)) == {FIRST, SECOND}
    rng = np.random.default_rng(0)
    feeds = []
    for _ in range(4):
        tokens = rng.uniform(0.05, 0.5, size=(1, 8, 2)).astype(np.float32)
        tokens[0, :, 1] = tokens[0, :, 0] + rng.choice([-0.05, 0.05], size=8)
        tokens[0, 0] = (1000, 0)  # the outlier a fixed range must hold
        feeds.append({"x": tokens, "attention_mask": np.ones((1, 8), np.int64)})
    assert tolerant_ffn_outputs(path, feeds, sample_every=1) == {SECOND}
