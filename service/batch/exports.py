"""What the journal becomes at the end of a job: spaCy DocBin, CoNLL, and the entity index.

All three are rebuilt from the whole journal, so a resumed job's files cover
every document, not just the last run's.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from banglaner.models.document import segment_document
from banglaner.models.entity import Entity

Record = dict[str, Any]


def _entities(record: Record) -> list[Entity]:
    return [Entity(**e) for e in record["entities"]]


def _replace(path: Path, write) -> None:
    """Write through a temporary file so an interrupted export never leaves half a file."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    tmp.replace(path)


def write_docbin(records: Iterable[Record], path: Path) -> int:
    """spaCy DocBin: ``doc.ents`` with ``kb_id_`` = canonical ID; the document id,
    date and date values in ``doc.user_data``."""
    import spacy
    from spacy.tokens import DocBin

    from banglaner.models.spacy_component import set_entities

    nlp = spacy.blank("bn")
    docbin = DocBin(store_user_data=True)
    n = 0
    for record in records:
        ents = _entities(record)
        doc = set_entities(nlp.make_doc(record["text"]), ents)
        doc.user_data["id"] = record["id"]
        doc.user_data["date"] = record.get("date")
        doc.user_data["date_values"] = {f"{e.start}:{e.end}": e.value for e in ents if e.value}
        doc.user_data["date_mods"] = {f"{e.start}:{e.end}": e.mod for e in ents if e.mod}
        docbin.add(doc)
        n += 1
    _replace(path, docbin.to_disk)
    return n


def conll_lines(record: Record) -> list[str]:
    """One document in CoNLL: ``# id = …``, then ``word<TAB>BIO`` rows, a blank line
    after each sentence. Words are the tagger's; a word inside a mention takes its label."""
    text = record["text"]
    ents = sorted(_entities(record), key=lambda e: e.start)
    doc = segment_document(text)
    lines = [f"# id = {record['id']}"]
    for _, words in doc.sentences:
        previous: Entity | None = None
        for a, b in words:
            start, end = doc.norm.to_original(a, b)
            ent = next((e for e in ents if e.start < end and start < e.end), None)
            tag = "O" if ent is None else ("I-" if ent is previous else "B-") + ent.label
            lines.append(f"{text[start:end]}\t{tag}")
            previous = ent
        lines.append("")
    return lines


def write_conll(records: Iterable[Record], path: Path) -> int:
    n = 0

    def write(tmp: Path) -> None:
        nonlocal n
        with open(tmp, "w", encoding="utf-8") as fh:
            for record in records:
                fh.write("\n".join(conll_lines(record)) + "\n")
                n += 1

    _replace(path, write)
    return n


def build_index(records: Iterable[Record]) -> list[Record]:
    """One row per canonical ID: the corpus-level view of who and what is in the news.

    Rows are ordered by mention count; ``spellings`` counts every surface form seen.
    """
    rows: dict[str, Record] = {}
    for record in records:
        for e in record["entities"]:
            if not e.get("id"):
                continue
            row = rows.setdefault(
                e["id"],
                {
                    "id": e["id"],
                    "name": e.get("name"),
                    "name_en": e.get("name_en"),
                    "labels": Counter(),
                    "mentions": 0,
                    "documents": {},
                    "spellings": Counter(),
                },
            )
            row["labels"][e["label"]] += 1
            row["mentions"] += 1
            row["documents"][record["id"]] = None  # an ordered set
            row["spellings"][e["text"]] += 1
    out = []
    for row in sorted(rows.values(), key=lambda r: (-r["mentions"], r["id"])):
        labels = row.pop("labels")
        out.append(
            {
                "id": row["id"],
                "name": row["name"],
                "name_en": row["name_en"],
                "label": labels.most_common(1)[0][0],
                "mentions": row["mentions"],
                "documents": list(row["documents"]),
                "spellings": dict(row["spellings"].most_common()),
            }
        )
    return out


def write_index(records: Iterable[Record], path: Path) -> int:
    rows = build_index(records)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")

    _replace(path, write)
    return len(rows)
