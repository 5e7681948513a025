"""Download the public NER corpora from their upstream repositories, at pinned commits.

For users with internet and no ../shared/data. Files land where the loaders
look for them (``<data dir>/ner/...``); existing files are left alone.
"""

from __future__ import annotations

import urllib.request
from pathlib import Path

from banglaner.models.errors import BanglanerError

_GH = "https://raw.githubusercontent.com"
_RIFAT = f"{_GH}/Rifat1493/Bengali-NER/01656468c4e6e31dd6aff4cb42be1dc751a1abcf/Input"
_BANGLAKIT = f"{_GH}/banglakit/bengali-ner-data/8777ed550aff03d5fc8e7900f921ce43bcc76bb0"
_MULTICONER = (
    f"{_GH}/diqiuzhuanzhuan/semeval-2023/"
    "3f2f1402f2bf26755e300dde17c1994daa72b37c/task2/data/train_dev"
)
_NEON = (
    f"{_GH}/neon-p/bangla-ner-bilstm-with-fasttext-word2vec-embeddings/"
    "0361cc9be009d2e5be429faa41a8a0f60ca429a1/Dataset"
)
SOURCES: dict[str, str] = {
    "ner/rifat/train_data.txt": f"{_RIFAT}/train_data.txt",
    "ner/rifat/test_data.txt": f"{_RIFAT}/test_data.txt",
    "ner/banglakit/main.jsonl": f"{_BANGLAKIT}/main.jsonl",
    "ner/multiconer2-bn/bn-train.conll": f"{_MULTICONER}/bn-train.conll",
    "ner/multiconer2-bn/bn-dev.conll": f"{_MULTICONER}/bn-dev.conll",
    "ner/neon-headlines/label_data.txt": f"{_NEON}/label_data.txt",
}


def fetch(data_dir: Path, timeout: float = 30.0) -> list[Path]:
    """Download every missing corpus file; returns the paths written."""
    written = []
    for rel, url in SOURCES.items():
        target = data_dir / rel
        if target.is_file():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                payload = resp.read()
        except OSError as exc:
            raise BanglanerError.of("E203", url=url, reason=exc, data_dir=data_dir) from exc
        tmp = target.with_suffix(target.suffix + ".part")
        tmp.write_bytes(payload)
        tmp.rename(target)
        written.append(target)
    return written
