"""Convention-aware training: a corpus that follows another annotation convention trains
through its own residual head; the model dir holds a plain tagger. The heads themselves:
tests/unit/test_conventions.py."""

from __future__ import annotations

import json

import torch

from banglaner.models.labels import bio_tags
from banglaner.models.tagger import Tagger
from tests.conftest import DATA
from tests.integration.conftest import tiny_train_config


def test_training_with_a_corpus_of_another_convention(tiny_base, tmp_path) -> None:
    """A corpus that tags role nouns PER (as karim2019 does with খেলোয়াড়রা, a word no
    reconciliation rule knows) trains through its own head; the model dir holds a plain
    tagger and the card says which convention each corpus followed."""
    from banglaner.training.finetune import train

    rows = [json.loads(x) for x in (DATA / "tiny_train.jsonl").read_text("utf-8").splitlines()]
    other = tmp_path / "roles.jsonl"
    role = "খেলোয়াড়রা"
    prefix = f"{role} বলেন "
    with other.open("w", encoding="utf-8") as fh:
        for row in rows:
            n = len(prefix)
            shifted = [{**e, "start": e["start"] + n, "end": e["end"] + n} for e in row["entities"]]
            entities = [{"start": 0, "end": len(role), "label": "PER"}, *shifted]
            record = {"text": prefix + row["text"], "entities": entities}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    cfg = tiny_train_config(
        base=str(tiny_base),
        epochs=1,
        corpora=[str(DATA / "tiny_train.jsonl"), f"{other}@20"],
        corpus_conventions={str(other): "karim2019"},
    )
    out = tmp_path / "model"
    metrics = train(cfg, DATA, tmp_path / "home", out, quiet=True)
    assert metrics["train_windows"] == 40 + 20
    card = json.loads((out / "banglaner.json").read_text())
    assert card["data"]["roles.jsonl"]["convention"] == "karim2019"
    assert "pronoun or role dropped" not in card["data"]["roles.jsonl"]["reconcile"]
    assert Tagger.load(out, device="cpu", runtime="torch").tags == bio_tags()


def test_training_in_bf16_learns_and_says_so(tiny_base, tmp_path, monkeypatch) -> None:
    """`precision = "bf16"` trains under bfloat16 autocast: the training forward passes run
    in bf16, the loss falls epoch by epoch, the weights saved are fp32, and the card
    records the precision used."""
    from safetensors.torch import load_file

    from banglaner.training import finetune

    seen: set[torch.dtype] = set()
    build = finetune.build_model

    def build_and_watch(*args, **kwargs):
        model = build(*args, **kwargs)
        first = next(m for m in model.modules() if isinstance(m, torch.nn.Linear))
        first.register_forward_hook(lambda m, i, out: seen.add(out.dtype) if m.training else None)
        return model

    monkeypatch.setattr(finetune, "build_model", build_and_watch)
    out = tmp_path / "model"
    cfg = tiny_train_config(base=str(tiny_base), precision="bf16")
    metrics = finetune.train(cfg, DATA, tmp_path / "home", out, quiet=True)
    assert seen == {torch.bfloat16}
    losses = [row["loss"] for row in metrics["history"]]
    assert len(losses) == 3 and losses[0] > losses[1] > losses[2]
    card = json.loads((out / "banglaner.json").read_text())
    assert card["metrics"]["precision"] == "bf16" and card["config"]["precision"] == "bf16"
    weights = load_file(out / "model.safetensors")
    assert weights and all(t.dtype == torch.float32 for t in weights.values())
