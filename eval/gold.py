"""Gold documents for the evaluation report: ANNOTATION.md JSONL files or CoNLL test sets.

JSONL, one document per line::

    {"id", "text", "date": "YYYY-MM-DD" | null,
     "entities": [{"start", "end", "label", "entity"?, "qid"?, "value"?}]}

``entity`` is a key shared by every mention of one real-world entity across
the whole file (it scores canonical IDs), ``qid`` the Wikidata QID where one
exists, ``value`` a DATE's ISO value (null when it cannot be resolved).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from models.errors import BanglanerError
from models.labels import LABELS


class GoldError(BanglanerError):
    """A gold file is missing or does not follow ANNOTATION.md."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    label: str
    entity: str | None = None
    qid: str | None = None
    value: str | None = None  # null: the annotators found it unresolvable
    value_known: bool = False  # the gold states a value (null included); corpora do not


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    date: date | None
    mentions: list[GoldMention] = field(default_factory=list)


def _mention(doc_id: str, text: str, raw: dict, where: str) -> GoldMention:
    try:
        m = GoldMention(
            int(raw["start"]),
            int(raw["end"]),
            raw["label"],
            raw.get("entity"),
            raw.get("qid"),
            raw.get("value"),
            "value" in raw,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError("E503", f"{where}: mention {raw!r} lacks start/end/label", "") from exc
    if m.label not in LABELS:
        raise GoldError("E503", f"{where}: label {m.label!r}", f"use one of {LABELS}")
    if not 0 <= m.start < m.end <= len(text):
        raise GoldError(
            "E503", f"{where}: span {m.start}:{m.end} outside the text", "offsets are code points"
        )
    if "text" in raw and text[m.start : m.end] != raw["text"]:
        raise GoldError(
            "E503",
            f"{where}: text[{m.start}:{m.end}] is {text[m.start : m.end]!r}, not {raw['text']!r}",
            "offsets index the text as stored, in code points",
        )
    return m


def read_gold_jsonl(path: Path) -> list[GoldDoc]:
    if not path.is_file():
        raise GoldError("E501", f"gold file {path} does not exist", "give a JSONL gold file")
    docs: list[GoldDoc] = []
    with open(path, encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{line_no}"
            try:
                raw = json.loads(line)
                doc = GoldDoc(
                    str(raw["id"]),
                    raw["text"],
                    date.fromisoformat(raw["date"]) if raw.get("date") else None,
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise GoldError(
                    "E502", f"{where}: not a gold document ({exc})", "see eval/gold.py"
                ) from exc
            doc.mentions = sorted(
                (_mention(doc.id, doc.text, m, where) for m in raw.get("entities", [])),
                key=lambda m: (m.start, m.end),
            )
            for a, b in zip(doc.mentions, doc.mentions[1:], strict=False):
                if b.start < a.end:
                    raise GoldError(
                        "E503",
                        f"{where}: mentions {a.start}:{a.end} and {b.start}:{b.end} overlap",
                        "ANNOTATION.md: longest name wins, no nesting",
                    )
            docs.append(doc)
    return docs


def read_gold(source: str, data_dir: Path) -> tuple[str, list[GoldDoc]]:
    """A gold JSONL path, or a corpus name (``rifat-test``, ``multiconer-dev``: labels
    reconciled to ANNOTATION.md; add ``:own`` for the corpus's own labels), each
    sentence one document. Returns a display name and the documents."""
    path = Path(source)
    if path.suffix == ".jsonl" or path.is_file():
        return path.name, read_gold_jsonl(path)
    from eval.runner import gold_keys
    from training.corpora import load_corpus
    from training.reconcile import ReconcileStats, reconcile

    name, _, variant = source.partition(":")
    sentences = load_corpus(name, data_dir)
    if variant != "own":
        sentences = [reconcile(s, ReconcileStats()) for s in sentences]
    docs = [GoldDoc(f"{name}:{i + 1}", s.text, None) for i, s in enumerate(sentences)]
    for i, a, b, label in gold_keys(sentences):
        docs[i].mentions.append(GoldMention(a, b, label))
    title = f"{name} ({'own labels' if variant == 'own' else 'labels reconciled to ANNOTATION.md'})"
    return title, docs
