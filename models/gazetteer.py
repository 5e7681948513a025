"""Gazetteer features: what a list of names says about each word, for the tagger to read.

The list is the knowledge base's names (source ``kb``) or the names the training corpora
mark often enough (source ``corpora``: training/name_list.py; saved with the model in
``gazetteer-names.tsv``, so the runtime never reads a corpus).

For every word of a sentence, which labels' names cover it, as B/I bits (B-PER,
I-PER, B-LOC, I-LOC, B-ORG, I-ORG): a name matches exactly (case endings allowed
on its last word, ``পুতিনের``) or by a variant key long enough to be safe. The
bits of a word form one small integer (0 = no name), given to every subword of
the word; the model embeds it and adds it to the subword embeddings, and feature
dropout in training keeps it from trusting the list blindly (training/finetune.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from banglaner.models.errors import ModelLoadError
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.kb.variant_key import alias_form, surface_forms, variant_key
from banglaner.models.labels import NAME_LABELS
from banglaner.models.segment import Span

MAX_NAME_WORDS = 8  # of models.segment's words, hyphens counted
N_FEATURES = 1 << (2 * len(NAME_LABELS))  # every combination of the six B/I bits
_KEY_MIN_CHARS = 5  # variant-key matches this long only (short keys are acronyms' and collide)


def bit(label: str, inside: bool) -> int:
    return 1 << (2 * NAME_LABELS.index(label) + int(inside))


SPEC_FILE = "gazetteer.json"  # in a model dir: the model reads gazetteer features
NAMES_FILE = "gazetteer-names.tsv"  # in a model dir: the list of a ``corpora`` gazetteer
SOURCES = ("kb", "corpora")


@dataclass(frozen=True)
class GazetteerSpec:
    """Which names count: the labels, where the list comes from, and for the KB the least
    prior (150: curated entries, countries, districts and cities of ~100,000 people; not
    villages that share a word's spelling)."""

    labels: tuple[str, ...] = NAME_LABELS
    min_prior: float = 150.0
    source: str = "kb"

    def write(self, model_dir: Path) -> None:
        body = {"labels": list(self.labels), "min_prior": self.min_prior, "source": self.source}
        (model_dir / SPEC_FILE).write_text(json.dumps(body))

    @classmethod
    def read(cls, model_dir: Path) -> GazetteerSpec | None:
        """The gazetteer a model was trained with; None for a plain tagger."""
        path = Path(model_dir) / SPEC_FILE
        if not path.is_file():
            return None
        raw = json.loads(path.read_text())
        spec = cls(tuple(raw["labels"]), float(raw["min_prior"]), raw.get("source", "kb"))
        if spec.source not in SOURCES or (
            spec.source == "corpora" and not (Path(model_dir) / NAMES_FILE).is_file()
        ):
            raise ModelLoadError.of("E011", path=model_dir, source=spec.source)
        return spec


Names = Iterable[tuple[str, Iterable[str]]]  # (a name's form, the labels it names)


def kb_names(kb: KnowledgeBase, spec: GazetteerSpec) -> Names:
    """The KB's aliases, each with the labels of its entities of at least ``spec.min_prior``."""
    for form, entities in kb.aliases():
        yield form, {e.label for e in entities if e.prior >= spec.min_prior}


def write_names(path: Path, names: Names) -> None:
    """One name per line: its form, a tab, its labels joined by commas."""
    lines = (f"{form}\t{','.join(sorted(labels))}\n" for form, labels in names)
    path.write_text("".join(lines), encoding="utf-8")


def read_names(path: Path) -> Names:
    """The list :func:`write_names` wrote."""
    for line in path.read_text(encoding="utf-8").splitlines():
        form, labels = line.split("\t")
        yield form, labels.split(",")


class Gazetteer:
    def __init__(
        self, names: Names, spec: GazetteerSpec | None = None, kb: KnowledgeBase | None = None
    ) -> None:
        self.spec = spec or GazetteerSpec()
        self.kb = kb  # the KB the names came from, if they did (a distilling teacher reads it)
        self._aliases: dict[str, int] = {}  # exact-match form → label bits
        self._keys: dict[str, int] = {}  # variant key → label bits
        self._first_words: dict[str, int] = {}  # first word → most words of a name
        self._names: list[tuple[str, set[str]]] = []  # a ``corpora`` list, kept to be saved
        for form, named in names:
            labels = set(named) & set(self.spec.labels)
            if not labels:
                continue
            if self.spec.source == "corpora":
                self._names.append((form, labels))
            mask = sum(bit(label, False) for label in labels)
            self._aliases[form] = self._aliases.get(form, 0) | mask
            key = variant_key(form)
            if len(key) >= _KEY_MIN_CHARS:
                self._keys[key] = self._keys.get(key, 0) | mask
            words = form.split()
            self._first_words[words[0]] = max(self._first_words.get(words[0], 0), len(words))

    @classmethod
    def for_model(cls, model_dir: Path, spec: GazetteerSpec, kb: KnowledgeBase | None) -> Gazetteer:
        """The gazetteer ``spec`` names: from the model dir's list, or from ``kb``."""
        if spec.source == "corpora":
            return cls(read_names(Path(model_dir) / NAMES_FILE), spec)
        if kb is None:
            raise ModelLoadError.of("E010", path=model_dir)
        return cls(kb_names(kb, spec), spec, kb)

    def save_names(self, model_dir: Path) -> None:
        """Keep a ``corpora`` list beside the model (a KB gazetteer reads the KB at load)."""
        if self.spec.source == "corpora":
            write_names(Path(model_dir) / NAMES_FILE, self._names)

    def _labels_of(self, surface: str) -> int:
        """B bits of the labels ``surface`` names (0: none)."""
        for form in surface_forms(surface):
            if (mask := self._aliases.get(alias_form(form))) is not None:
                return mask
        return self._keys.get(variant_key(surface), 0)

    def word_features(self, text: str, words: Sequence[Span]) -> np.ndarray:
        """The bits of each word (``words`` are offsets into ``text``)."""
        out = np.zeros(len(words), dtype=np.int64)
        for i in range(len(words)):
            longest = self._first_words.get(alias_form(text[words[i][0] : words[i][1]]), 1)
            # a name's words may be more of our words: কিম জং-উন is কিম, জং, -, উন
            for j in range(min(i + min(2 * longest, MAX_NAME_WORDS), len(words)), i, -1):
                mask = self._labels_of(text[words[i][0] : words[j - 1][1]])
                if mask:
                    out[i] |= mask
                    out[i + 1 : j] |= mask << 1  # the same labels' I bits
                    break
        return out
