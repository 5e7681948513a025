"""How `banglaner export` picks the runtime `auto` runs: batch-independent, as accurate as
fp32 on dev, and fastest with a batch job and a server's single requests counting alike."""

from __future__ import annotations

from banglaner.training.export import (
    MAX_F1_DROP,
    MIN_FP32_AGREEMENT,
    Measure,
    calibration_sample,
    choose,
)


def _measure(runtime: str, batched: float, single: float, f1: float = 0.80, **flags) -> Measure:
    independent = flags.get("independent", True)
    agreement = flags.get("agreement", 1.0)
    return Measure(runtime, independent, independent, batched, single, f1, 0.80, agreement)


def test_a_runtime_slow_on_single_requests_loses_to_one_good_at_both() -> None:
    """torch-bf16 on a CPU: as fast as static int8 in a batch, half as fast one at a time."""
    measures = [
        _measure("onnx", 130, 95),
        _measure("torch-bf16", 180, 60),
        _measure("onnx-int8-static", 175, 115),
    ]
    assert choose(measures)[0] == "onnx-int8-static"
    assert choose(measures[:2])[0] == "onnx"  # 1.38 + 1 beats 1 + 1.58


def test_batch_dependent_or_less_accurate_runtimes_are_not_chosen() -> None:
    measures = [
        _measure("onnx", 130, 95),
        _measure("onnx-int8", 190, 130, independent=False),
        _measure("onnx-int8-static", 185, 120, f1=0.80 - MAX_F1_DROP - 0.001),
    ]
    runtime, why = choose(measures)
    assert runtime == "onnx" and "130" in why and "95" in why
    assert choose([_measure("onnx-int8", 190, 130, independent=False)])[0] == "onnx"


def test_a_runtime_whose_entities_stray_from_fp32s_is_not_chosen_though_its_f1_holds() -> None:
    """Gains and losses can cancel in F1: static int8 with every feed-forward output
    quantised kept dev F1 and agreed with fp32 on only 0.79 of entities."""
    measures = [
        _measure("onnx", 130, 95),
        _measure("onnx-int8-static", 240, 150, agreement=MIN_FP32_AGREEMENT - 0.01),
    ]
    assert choose(measures)[0] == "onnx"
    measures[1] = _measure("onnx-int8-static", 240, 150, agreement=MIN_FP32_AGREEMENT)
    runtime, why = choose(measures)
    assert runtime == "onnx-int8-static" and f"agree with fp32's {MIN_FP32_AGREEMENT}" in why


def test_calibration_sentences_are_spread_over_the_corpus() -> None:
    texts = [f"s{i}" for i in range(5000)]
    sample = calibration_sample(texts, 1000)
    assert len(sample) == 1000 and sample[:2] == ["s0", "s5"] and sample[-1] == "s4995"
    assert calibration_sample(texts[:10], 1000) == texts[:10]
