"""Gold documents for the evaluation report: docs/annotation.md JSONL files (and corpus
sentences, turned into gold documents by training.gold_corpora).

JSONL, one document per line::

    {"id", "text", "date": "YYYY-MM-DD" | null, "split"?: "dev" | "test",
     "entities": [{"start", "end", "label", "entity"?, "qid"?, "value"?, "mod"?}]}

``entity`` is a key shared by every mention of one real-world entity across
the whole file (it scores canonical IDs), ``qid`` the Wikidata QID where one
exists, ``value`` a DATE's ISO value (null when it cannot be resolved) and ``mod``
its TimeML mod.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from banglaner.models.errors import BanglanerError
from banglaner.models.labels import LABELS
from banglaner.models.spans import tidy_span


class GoldError(BanglanerError):
    """A gold file is missing or does not follow docs/annotation.md."""


@dataclass(frozen=True, slots=True)
class GoldMention:
    start: int
    end: int
    label: str
    entity: str | None = None
    qid: str | None = None
    value: str | None = None  # null: the annotators found it unresolvable
    value_known: bool = False  # the gold states a value (null included); corpora do not
    mod: str | None = None  # a DATE's TimeML mod (START/MID/END/APPROX)


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    date: date | None
    mentions: list[GoldMention] = field(default_factory=list)
    split: str | None = None  # "dev" (tune on it) or "test" (report only), where the set has them


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
            raw.get("mod"),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise GoldError.of(
            "E503", where=where, problem=f"mention {raw!r} lacks start/end/label"
        ) from exc
    if m.label not in LABELS:
        raise GoldError.of("E503", where=where, problem=f"label {m.label!r} is not one of {LABELS}")
    if not 0 <= m.start < m.end <= len(text):
        raise GoldError.of("E503", where=where, problem=f"span {m.start}:{m.end} outside the text")
    if "text" in raw and text[m.start : m.end] != raw["text"]:
        raise GoldError.of(
            "E503",
            where=where,
            problem=f"text[{m.start}:{m.end}] is {text[m.start : m.end]!r}, not {raw['text']!r}",
        )
    return m


def read_gold_jsonl(path: Path, split: str | None = None) -> list[GoldDoc]:
    """The documents of a gold file; with ``split``, only those of that split."""
    if not path.is_file():
        raise GoldError.of("E501", path=path)
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
                    split=raw.get("split"),
                )
            except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
                raise GoldError.of("E502", where=where, reason=exc) from exc
            doc.mentions = sorted(
                (_mention(doc.id, doc.text, m, where) for m in raw.get("entities", [])),
                key=lambda m: (m.start, m.end),
            )
            for a, b in zip(doc.mentions, doc.mentions[1:], strict=False):
                if b.start < a.end:
                    raise GoldError.of(
                        "E503",
                        where=where,
                        problem=f"mentions {a.start}:{a.end} and {b.start}:{b.end} overlap "
                        "(longest name wins, no nesting)",
                    )
            docs.append(doc)
    if split is not None:
        docs = [d for d in docs if d.split == split]
        if not docs:
            raise GoldError.of("E504", path=path.name, split=split)
    return docs


def gold_doc(doc_id: str, text: str, spans: Iterable[tuple[int, int, str]]) -> GoldDoc:
    """A gold document from a corpus sentence's spans; edge punctuation a corpus tokeniser
    glued on (quotes, brackets) is trimmed, as docs/annotation.md puts it outside."""
    doc = GoldDoc(doc_id, text, None)
    for start, end, label in spans:
        a, b = tidy_span(text, start, end)
        if a < b:
            doc.mentions.append(GoldMention(a, b, label))
    return doc
