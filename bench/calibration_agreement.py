"""How closely static int8 follows fp32 ONNX under different calibration samples (dev only).

    .venv/bin/python bench/calibration_agreement.py [--model default]

For each sample of training sentences, quantises the model's fp32 ONNX export to static int8
(training.export.quantise_static, in a scratch copy of the model folder), tags the dev
splits of Rifat, eval/gold/real.jsonl and eval/gold/world.jsonl with fp32 ONNX and with
the int8 file, and prints entity-level F1 of int8's entities against fp32's and how many
texts get other entities. Deterministic: no timing. The choice in training.export
(calibration_sample) was made from this table (docs/runtimes.md).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from banglaner.models.encoders import onnx_path
from banglaner.models.entity import Entity
from banglaner.models.settings import CoreSettings
from banglaner.models.tagger import Tagger
from banglaner.training.corpora import is_dev, load_corpus
from banglaner.training.export import calibration_sample, entity_agreement, quantise_static
from banglaner.training.gold_corpora import read_gold
from bench.model_table import GOLD

Tagged = list[list[Entity]]


def _agreement(int8: Tagged, fp32: Tagged) -> str:
    """Entity-level F1 against fp32 (training.export's measure), and texts that differ."""
    spans = [{(e.start, e.end, e.label) for e in ents} for ents in int8]
    ref = [{(e.start, e.end, e.label) for e in ents} for ents in fp32]
    differ = sum(a != b for a, b in zip(spans, ref, strict=True))
    return f"{entity_agreement(int8, fp32):.3f} ({differ})"


def _scratch_copy(model_dir: Path, into: Path) -> Path:
    """The model folder with its files linked and an ONNX folder holding only fp32."""
    for item in model_dir.iterdir():
        if item.name != "onnx":
            (into / item.name).symlink_to(item)
    (into / "onnx").mkdir()
    (into / "onnx" / "model.onnx").symlink_to(onnx_path(model_dir, "onnx"))
    return into


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="default", help="name or dir")
    args = parser.parse_args()
    settings = CoreSettings().with_model(args.model)
    model_dir, data = settings.resolved_model_dir, settings.data_dir
    dev = {
        "Rifat dev": read_gold("rifat-dev", data)[1],
        "real dev": read_gold(str(GOLD / "real.jsonl"), data, "dev")[1],
        "world dev": read_gold(str(GOLD / "world.jsonl"), data, "dev")[1],
    }
    texts = {name: [d.text for d in docs] for name, docs in dev.items()}
    fp32 = Tagger.load(model_dir, device="cpu", runtime="onnx")
    reference = {name: fp32.tag_many(t) for name, t in texts.items()}
    rifat = [s.text for s in load_corpus("rifat-train", data) if not is_dev(s.text)]
    karim = [s.text for s in load_corpus("karim-train", data) if not is_dev(s.text)]
    samples: dict[str, Callable[[], list[str]]] = {
        "first 256": lambda: rifat[:256],
        "first 1,024": lambda: rifat[:1024],
        "1,024 spread (calibration_sample)": lambda: calibration_sample(rifat),
        "512 Rifat + 512 karim2019, spread": lambda: (
            calibration_sample(rifat, 512) + calibration_sample(karim, 512)
        ),
    }
    print("| calibration | " + " | ".join(dev) + " |")
    print("|---" * (len(dev) + 1) + "|")
    for label, sample in samples.items():
        with tempfile.TemporaryDirectory() as tmp:
            scratch = _scratch_copy(model_dir, Path(tmp))
            quantise_static(scratch, onnx_path(scratch, "onnx-int8-static"), sample())
            int8 = Tagger.load(scratch, device="cpu", runtime="onnx-int8-static")
            cells = [_agreement(int8.tag_many(t), reference[n]) for n, t in texts.items()]
        print(f"| {label} | " + " | ".join(cells) + " |", flush=True)


if __name__ == "__main__":
    main()
