"""Rifat1493/Bengali-NER (MIT): ``token<TAB>TAG`` with a BOM, bare ``TIM`` for time.

Defects repaired here (see its SOURCE.md): the BOM; empty tags (O); a tag
glued onto its token (``ফেব্রুয়ারিরTIM``); bare ``TIM`` runs, which become one
mention each (TIM → DATE in ``LABEL_MAP``); invalid I- tags (see ``bio_spans``).
"""

from __future__ import annotations

from pathlib import Path

import regex

from banglaner.training.corpora.base import Sentence, read_token_lines, sentence_from_tokens

LABEL_MAP: dict[str, str | None] = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "TIM": "DATE"}
_GLUED = regex.compile(r"^(.+?)(B-PER|I-PER|B-LOC|I-LOC|B-ORG|I-ORG|TIM)$")


def _token_and_tag(line: str) -> tuple[str, str]:
    token, _, tag = line.partition("\t")
    token, tag = token.strip(), tag.strip()
    if not tag:
        glued = _GLUED.match(token)
        if glued:
            token, tag = glued.group(1), glued.group(2)
    return token, tag or "O"


def _tim_to_bio(tags: list[str]) -> list[str]:
    return [
        ("I-TIM" if i > 0 and tags[i - 1] == "TIM" else "B-TIM") if t == "TIM" else t
        for i, t in enumerate(tags)
    ]


def load(path: Path, source: str = "rifat") -> list[Sentence]:
    sentences = (
        sentence_from_tokens(tokens, _tim_to_bio(tags), source, LABEL_MAP)
        for tokens, tags in read_token_lines(path, _token_and_tag, encoding="utf-8-sig")
    )
    return [s for s in sentences if s is not None]
