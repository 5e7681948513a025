"""Training precision (training.precision): what each setting means on a device, and that
bf16 really runs the forward pass in bfloat16 while the weights stay fp32."""

from __future__ import annotations

import pytest
import torch

from banglaner.models.errors import ConfigError
from banglaner.training import precision
from banglaner.training.precision import autocast, resolve_precision


def test_fixed_precisions_mean_themselves() -> None:
    assert resolve_precision("fp32", "cpu") == "fp32"
    assert resolve_precision("bf16", "cpu") == "bf16"


@pytest.mark.parametrize(
    ("flags", "expected"),
    [({"avx512f", "avx512_bf16"}, "bf16"), ({"amx_bf16"}, "bf16"), ({"avx512f", "avx2"}, "fp32")],
)
def test_auto_takes_bf16_only_where_the_cpu_computes_it_natively(
    monkeypatch, flags: set[str], expected: str
) -> None:
    monkeypatch.setattr(precision, "_cpu_flags", lambda: flags)
    assert resolve_precision("auto", "cpu") == expected


def test_auto_on_a_gpu_takes_bf16_from_ampere_on(monkeypatch) -> None:
    capability = {"cuda:1": (8, 0), "cuda:0": (7, 5)}
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda where: capability[str(where)])
    assert resolve_precision("auto", "cuda:1") == "bf16"
    assert resolve_precision("auto", "cuda:0") == "fp32"


def test_an_unknown_precision_is_a_coded_error_before_any_data_is_read(tmp_path) -> None:
    from banglaner.training.finetune import TrainConfig
    from banglaner.training.recipes import load_recipe

    with pytest.raises(ConfigError) as err:
        resolve_precision("fp16", "cpu")
    assert "E109" in str(err.value) and "fp32, bf16, auto" in str(err.value)
    with pytest.raises(ConfigError, match="E109"):
        TrainConfig(precision="half")
    recipe = tmp_path / "half.toml"
    recipe.write_text('precision = "half"\n', "utf-8")
    with pytest.raises(ConfigError, match="E109"):
        load_recipe(str(recipe))


def test_bf16_computes_in_bfloat16_and_keeps_fp32_weights() -> None:
    torch.manual_seed(0)
    layer = torch.nn.Linear(8, 4)
    x = torch.randn(2, 8)
    with autocast("bf16", "cpu"):
        low = layer(x)
    with autocast("fp32", "cpu"):
        full = layer(x)
    assert low.dtype == torch.bfloat16 and full.dtype == torch.float32
    assert layer.weight.dtype == torch.float32
    assert torch.allclose(low.float(), full, atol=0.05)
