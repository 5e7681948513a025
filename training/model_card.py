"""The model card: a README.md for people and banglaner.json for programs, in the model dir."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DATA_LICENCES = {
    "rifat": "MIT (Rifat1493/Bengali-NER)",
    "banglakit": "CC0 1.0 (banglakit/bengali-ner-data)",
    "multiconer": "CC BY 4.0 (MultiCoNER II, Amazon)",
    "neon": "CC BY 4.0 (neon-p Bangla news headlines)",
    "karim": "MIT (Karim et al. 2019, MISabic/NER-Bangla-Dataset)",
    "real-train": "MIT (our annotations; text karim2019 MIT, neon and MultiCoNER II CC BY 4.0: "
    "training/data)",
}


def _licence(corpus: str) -> str:
    return next((v for k, v in DATA_LICENCES.items() if corpus.startswith(k)), "see SOURCE.md")


def write_model_card(
    out_dir: Path,
    *,
    name: str,
    version: str,
    config: dict[str, Any],
    base_path: str,
    base_licence: str,
    data: dict[str, dict],
    metrics: dict[str, Any],
    test_table: str,
    trained_at: str,
) -> None:
    meta = {
        "name": name,
        "version": version,
        "base": config["base"],
        "base_path": base_path,
        "base_licence": base_licence,
        "data": {k: {**v, "licence": _licence(k)} for k, v in data.items()},
        "config": config,
        "metrics": metrics,
        "trained_at": trained_at,
    }
    (out_dir / "banglaner.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2))
    data_lines = "\n".join(
        f"- `{k}`: {v['sentences']} sentences (fraction {v['fraction']}), licence {_licence(k)}"
        for k, v in data.items()
    )
    history = "\n".join(f"- {json.dumps(h)}" for h in metrics.get("history", []))
    card = f"""# {name} v{version}

Bengali named-entity tagger (PER, LOC, ORG, DATE; BIO over words) trained by
`banglaner train` on {trained_at}.

- Base encoder: `{config["base"]}` — licence: {base_licence}
- Labels follow banglaner's docs/annotation.md; corpus labels were reconciled to it
  (`training/reconcile.py`) before training, except those annotated by hand to it
  (`training.conventions.HAND_ANNOTATED`: real-train), taken as written.
- Training time: {metrics.get("train_seconds")} s; best epoch {metrics.get("best_epoch")}.

## Training data
{data_lines}

## Test scores (strict, entity level)
{test_table}

## Epochs
{history}

## Configuration
```json
{json.dumps(config, ensure_ascii=False, indent=2)}
```
"""
    (out_dir / "README.md").write_text(card)
