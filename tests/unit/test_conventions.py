"""Convention-aware training's model: residual heads per convention that start as the served
head and are never saved. Training through them: tests/integration/test_convention_training.py."""

from __future__ import annotations

import torch

from banglaner.training.conventions import ConventionModel, head_index


def _tiny_classifier(tiny_base):
    from transformers import AutoModelForTokenClassification

    return AutoModelForTokenClassification.from_pretrained(str(tiny_base), num_labels=9)


def test_residual_heads_start_as_the_served_head_and_are_not_saved(tiny_base, tmp_path) -> None:
    model = ConventionModel(_tiny_classifier(tiny_base), n_heads=3).eval()
    ids = torch.randint(5, 200, (4, 7))
    mask = torch.ones_like(ids)
    served = model(ids, mask).logits
    assert torch.equal(model(ids, mask, heads=torch.tensor([0, 1, 2, 1])).logits, served)
    with torch.no_grad():
        model.corrections[0].bias += 1.0  # head 1 moves, heads 0 and 2 do not
    moved = model(ids, mask, heads=torch.tensor([0, 1, 2, 1])).logits
    assert torch.equal(moved[[0, 2]], served[[0, 2]])
    assert torch.allclose(moved[[1, 3]], served[[1, 3]] + 1.0)
    model.save_pretrained(tmp_path / "out")
    from safetensors.torch import load_file

    keys = load_file(tmp_path / "out" / "model.safetensors").keys()
    assert keys and not any("correction" in k for k in keys)
    assert head_index(["ours", "karim2019", "neon", "karim2019"]) == {
        "ours": 0,
        "karim2019": 1,
        "neon": 2,
    }
