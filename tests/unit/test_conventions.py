"""Convention-aware training: residual heads per convention, the served model plain."""

from __future__ import annotations

import json

import torch

from banglaner.models.labels import bio_tags
from banglaner.models.tagger import Tagger
from banglaner.training.conventions import ConventionModel, head_index
from tests.conftest import DATA
from tests.unit.conftest import tiny_train_config


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
