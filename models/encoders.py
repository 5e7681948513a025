"""Encoder runtimes: what turns padded subword ids into tag probabilities.

The tagger does not care which engine runs the encoder, only that it maps
``(input_ids, attention_mask)`` (int64, [batch, width]) to probabilities
([batch, width, tags]). Two engines:

- ``torch``: the Hugging Face model as trained; the one for GPUs and training.
- ``torch-bf16``: the same under bfloat16 autocast, for GPUs that have it (H100/H200);
  bench/gpu_check.sh compares its F1 with fp32 before it is worth choosing.
- ``onnx``: the same weights exported to ``MODEL_DIR/onnx/model.onnx`` when the model
  is built (``banglaner train``, or ``banglaner export`` for a model from elsewhere)
  and run by ONNX Runtime: identical tags, faster on a CPU (bench/annotate_vs_hf.py).
- ``onnx-int8``: that export with dynamically quantised 8-bit matmuls, unsigned
  weights: 1.3-1.4x faster again at equal F1 (−0.04 names-F1 points on Rifat test,
  −0.05 on the held-out articles). Signed int8 weights cost 1.0-1.4 points here:
  on CPUs without VNNI, ONNX Runtime's u8×s8 kernel saturates its 16-bit sums.

``auto`` picks ``onnx-int8`` on a CPU (fastest at equal F1) and ``torch`` on a GPU.
"""

from __future__ import annotations

import logging
import os
import warnings
from pathlib import Path
from typing import Literal, Protocol, get_args

import numpy as np

from models.errors import ModelLoadError
from models.filelock import exclusive

Runtime = Literal["auto", "torch", "torch-bf16", "onnx", "onnx-int8"]
RUNTIMES: tuple[str, ...] = get_args(Runtime)
log = logging.getLogger("banglaner")
ONNX_OPSET = 17


class Encoder(Protocol):
    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, gazetteer: np.ndarray | None = None
    ) -> np.ndarray: ...


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=-1, keepdims=True))
    return z / z.sum(axis=-1, keepdims=True)


class TorchEncoder:
    """A Hugging Face token classifier on a torch device. On a GPU, inputs go through pinned
    host memory (copied while the previous batch computes) and ``bf16`` runs the model under
    bfloat16 autocast."""

    def __init__(self, model, device: str = "cpu", bf16: bool = False) -> None:
        self.model = model
        self.device = device
        self.bf16 = bf16

    @classmethod
    def load(cls, model_dir: Path, device: str, bf16: bool = False) -> TorchEncoder:
        import torch
        from transformers import AutoModelForTokenClassification

        from models.gazetteer_model import GazetteerModel

        if "OMP_NUM_THREADS" not in os.environ:
            torch.set_num_threads(max(1, os.cpu_count() or 1))
        model = AutoModelForTokenClassification.from_pretrained(
            str(model_dir), use_safetensors=True
        )
        model = GazetteerModel.wrap_if_saved(model, model_dir)
        return cls(model.to(device).eval(), device, bf16)

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, gazetteer: np.ndarray | None = None
    ) -> np.ndarray:
        import torch

        inputs = {"input_ids": input_ids, "attention_mask": attention_mask}
        if gazetteer is not None:
            inputs["gazetteer"] = gazetteer
        gpu = self.device.startswith("cuda")
        with (
            torch.inference_mode(),
            torch.autocast("cuda", dtype=torch.bfloat16, enabled=gpu and self.bf16),
        ):
            tensors = {
                k: (torch.from_numpy(v).pin_memory() if gpu else torch.from_numpy(v)).to(
                    self.device, non_blocking=gpu
                )
                for k, v in inputs.items()
            }
            logits = self.model(**tensors).logits
            return torch.softmax(logits.float(), dim=-1).cpu().numpy()


class OnnxEncoder:
    """An exported model under ONNX Runtime's CPU provider."""

    def __init__(self, path: Path, threads: int | None = None) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or _threads()
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, gazetteer: np.ndarray | None = None
    ) -> np.ndarray:
        feeds = {"input_ids": input_ids, "attention_mask": attention_mask}
        if gazetteer is not None:
            feeds["gazetteer"] = gazetteer
        (logits,) = self.session.run(None, feeds)
        return _softmax(logits)


def _threads() -> int:
    """Threads per process: OMP_NUM_THREADS when set (workers split the cores), else all."""
    return int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1)


def onnx_path(model_dir: Path, int8: bool) -> Path:
    return model_dir / "onnx" / ("model-int8-u8.onnx" if int8 else "model.onnx")


def export_onnx(model, model_dir: Path, int8: bool = False) -> Path:
    """Export ``model`` (loaded from ``model_dir``) beside its weights; an existing file
    is kept. A build step (``banglaner train``, ``banglaner export``): loading never writes.

    The file lives in the model dir, so a retrained model dir (which replaces the
    whole folder) never meets a stale export.
    """
    target = onnx_path(model_dir, int8)
    if target.is_file():
        return target
    fp32 = onnx_path(model_dir, False)
    try:
        with exclusive(target.parent / ".export.lock"):
            if not fp32.is_file():
                _export_fp32(model, fp32)
            if int8 and not target.is_file():
                _quantise(fp32, target)
    except OSError as exc:
        raise ModelLoadError.of("E004", path=target.parent, reason=exc) from exc
    return target


def export_runtimes(model, model_dir: Path) -> list[Path]:
    """Both ONNX files the CPU runtimes load (fp32 and int8)."""
    return [export_onnx(model, model_dir, int8) for int8 in (False, True)]


def _export_fp32(model, target: Path) -> None:
    import torch

    log.info("exporting %s to ONNX (once, a few seconds)", target.parent.parent)
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


def _quantise(fp32: Path, target: Path) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    log.info("quantising the ONNX export to int8 (once)")
    tmp = target.with_suffix(".tmp")
    quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QUInt8)
    tmp.replace(target)


def load_encoder(model_dir: Path, device: str, runtime: str = "auto") -> Encoder:
    """The encoder of ``model_dir`` on ``runtime``. ``auto`` on a CPU takes the int8 export
    and falls back to torch (with a log line) where the model dir has none; an ONNX
    runtime asked for by name is an error when its file is missing."""
    chosen = resolve_runtime(runtime, device)
    if chosen.startswith("onnx"):
        path = onnx_path(model_dir, chosen == "onnx-int8")
        if path.is_file():
            return OnnxEncoder(path)
        if runtime != "auto":
            raise ModelLoadError.of("E007", runtime=chosen, path=path, model_dir=model_dir)
        log.info("%s has no ONNX export (banglaner export writes it): using torch", model_dir)
    return TorchEncoder.load(model_dir, device, bf16=chosen == "torch-bf16")


def resolve_runtime(runtime: str, device: str) -> str:
    if runtime not in RUNTIMES:
        raise ModelLoadError.of("E005", runtime=runtime, choices=RUNTIMES)
    if runtime == "auto":
        return "torch" if device.startswith("cuda") else "onnx-int8"
    if runtime.startswith("onnx") and device.startswith("cuda"):
        raise ModelLoadError.of("E006", runtime=runtime)
    return runtime
