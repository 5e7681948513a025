"""Encoder runtimes: what turns padded subword ids into tag probabilities.

The tagger does not care which engine runs the encoder, only that it maps
``(input_ids, attention_mask)`` (int64, [batch, width]) to probabilities
([batch, width, tags]). The engines (``RUNTIME_INFO`` says which are batch-independent):

- ``torch``: the Hugging Face model as trained; the one for GPUs and training.
- ``torch-bf16``: the same under bfloat16 autocast, for GPUs that have it (H100/H200).
- ``onnx``: the same weights exported to ``MODEL_DIR/onnx/model.onnx`` when the model is
  built, run by ONNX Runtime in fp32.
- ``onnx-int8-static``: that export with static int8 matmuls: per-channel int8 weights
  and activation ranges calibrated once on training sentences, so a text's arithmetic
  never depends on its batch. The feed-forward output matmuls (after GELU, whose
  outliers a fixed range clips) stay fp32.
- ``onnx-int8``: dynamic int8: activations quantised with one scale per batch, so a text's
  result changes with the texts it is batched with. Selectable, never chosen by ``auto``.

``auto`` on a CPU takes the runtime ``banglaner export`` measured fastest on this host
among the batch-independent ones that agree with fp32 on dev sentences
(``MODEL_DIR/runtime.json``, training.export); without that record, fp32 ``onnx``. On a
GPU it takes ``torch``.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, get_args

import numpy as np

from banglaner.models.errors import ModelLoadError

if TYPE_CHECKING:
    import torch

Runtime = Literal["auto", "torch", "torch-bf16", "onnx", "onnx-int8-static", "onnx-int8"]
RUNTIMES: tuple[str, ...] = get_args(Runtime)
log = logging.getLogger("banglaner")
RECORD = "runtime.json"  # the runtime choice `banglaner export` measured, in the model dir


@dataclass(frozen=True)
class RuntimeInfo:
    """What a runtime needs and promises. ``batch_independent``: a text's probabilities are
    bit for bit the same alone or in any batch (widths are bucketed per window, see
    models.tagger; checked again on the host by ``banglaner export``)."""

    onnx_file: str | None
    batch_independent: bool
    cpu: bool = True
    gpu: bool = False


RUNTIME_INFO: dict[str, RuntimeInfo] = {
    "torch": RuntimeInfo(None, batch_independent=True, gpu=True),
    # bf16 autocast: as accurate as fp32; on a CPU with native bf16 (AVX-512 BF16, AMX)
    # about as fast as static int8 batched. PyTorch's batch-independence depends on the CPU
    # (on an AMX host its two-threaded products split sums by batch size): `banglaner
    # export` measures it before `auto` may choose either torch runtime (docs/runtimes.md)
    "torch-bf16": RuntimeInfo(None, batch_independent=True, gpu=True),
    "onnx": RuntimeInfo("model.onnx", batch_independent=True),
    "onnx-int8-static": RuntimeInfo("model-int8-static.onnx", batch_independent=True),
    "onnx-int8": RuntimeInfo("model-int8-u8.onnx", batch_independent=False),
}


class Encoder(Protocol):
    def __call__(
        self, input_ids: np.ndarray, attention_mask: np.ndarray, gazetteer: np.ndarray | None = None
    ) -> np.ndarray: ...


def _softmax(logits: np.ndarray) -> np.ndarray:
    z = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probs: np.ndarray = z / z.sum(axis=-1, keepdims=True)
    return probs


class TorchEncoder:
    """A Hugging Face token classifier on a torch device. On a GPU, inputs go through pinned
    host memory (copied while the previous batch computes); ``bf16`` runs the model under
    bfloat16 autocast, on a GPU or a CPU."""

    def __init__(self, model: torch.nn.Module, device: str = "cpu", bf16: bool = False) -> None:
        self.model = model
        self.device = device
        self.bf16 = bf16

    @classmethod
    def load(cls, model_dir: Path, device: str, bf16: bool = False) -> TorchEncoder:
        import torch
        from transformers import AutoModelForTokenClassification

        from banglaner.models.gazetteer_model import GazetteerModel

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
            torch.autocast("cuda" if gpu else "cpu", dtype=torch.bfloat16, enabled=self.bf16),
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


def onnx_path(model_dir: Path, runtime: str) -> Path:
    """The ONNX file an ONNX runtime loads (models.encoders.RUNTIME_INFO)."""
    onnx_file = RUNTIME_INFO[runtime].onnx_file
    if onnx_file is None:
        raise ValueError(f"{runtime} is not an ONNX runtime")
    return model_dir / "onnx" / onnx_file


@dataclass(frozen=True)
class RuntimeChoice:
    """The runtime a model runs on and why (shown by `banglaner info` and /ready)."""

    runtime: str
    reason: str


def read_record(model_dir: Path) -> dict[str, Any] | None:
    """The runtime choice `banglaner export` recorded for ``model_dir``, if any."""
    path = model_dir / RECORD
    try:
        return json.loads(path.read_text("utf-8")) if path.is_file() else None
    except (OSError, ValueError):
        log.warning("%s is unreadable: ignoring it", path)
        return None


def choose_runtime(runtime: str, device: str, model_dir: Path) -> RuntimeChoice:
    """Which runtime ``runtime`` means for ``model_dir`` on ``device``, and why."""
    if runtime not in RUNTIMES:
        raise ModelLoadError.of("E005", runtime=runtime, choices=RUNTIMES)
    gpu = device.startswith("cuda")
    if runtime != "auto":
        info = RUNTIME_INFO[runtime]
        if (gpu and not info.gpu) or (not gpu and not info.cpu):
            raise ModelLoadError.of("E006", runtime=runtime, device=device)
        return RuntimeChoice(runtime, "asked for by name")
    if gpu:
        return RuntimeChoice("torch", "auto on a GPU")
    record = read_record(model_dir) or {}
    chosen = record.get("chosen")
    if chosen in RUNTIME_INFO and _runnable(chosen, model_dir):
        return RuntimeChoice(chosen, f"auto: {record.get('why', 'recorded')} ({RECORD})")
    if onnx_path(model_dir, "onnx").is_file():
        return RuntimeChoice("onnx", f"auto: no runtime record in {model_dir}, fp32 ONNX")
    log.info("%s has no ONNX export (banglaner export writes it): using torch", model_dir)
    return RuntimeChoice("torch", "auto: the model dir has no ONNX export")


def _runnable(runtime: str, model_dir: Path) -> bool:
    """A batch-independent CPU runtime whose file (if it needs one) the model dir has."""
    info = RUNTIME_INFO[runtime]
    needs = info.onnx_file is not None
    return (
        info.batch_independent
        and info.cpu
        and (not needs or onnx_path(model_dir, runtime).is_file())
    )


def load_encoder(model_dir: Path, device: str, runtime: str) -> Encoder:
    """The encoder of ``model_dir`` on ``runtime`` (a concrete one, from choose_runtime); an
    ONNX runtime whose file is missing is an error (loading never writes)."""
    if RUNTIME_INFO[runtime].onnx_file is None:
        return TorchEncoder.load(model_dir, device, bf16=runtime == "torch-bf16")
    path = onnx_path(model_dir, runtime)
    if not path.is_file():
        raise ModelLoadError.of("E007", runtime=runtime, path=path, model_dir=model_dir)
    return OnnxEncoder(path)
