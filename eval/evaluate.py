"""Run a Pipeline over gold documents and measure everything the report shows."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from banglaner.eval.gold import GoldDoc, GoldMention
from banglaner.eval.id_pairs import Fragmentation, PairScores, fragmentation, pairwise_scores
from banglaner.eval.scorer import PRF, Key, align, confusion, partial_scores, strict_scores
from banglaner.models.entity import Entity
from banglaner.models.labels import NAME_LABELS
from banglaner.models.steps import STEP_NAMES

CONTEXT_CHARS = 60


@dataclass(frozen=True)
class ErrorCase:
    """One kind of mistake, with how often it happened and its first occurrence."""

    kind: str  # missed, spurious, wrong label, boundary
    gold: str  # "text/LABEL" or ""
    predicted: str
    count: int
    doc: str
    left: str
    focus: str
    right: str


@dataclass
class ModelEval:
    model: str
    card: dict
    documents: int
    docs_per_s: float
    strict: dict[str, PRF]
    partial: dict[str, PRF]
    confusion: Counter
    ids: PairScores | None  # over name mentions matched exactly, gold entity keys given
    fragments: Fragmentation | None  # the same mentions: IDs per entity, ID purity
    qid: tuple[int, int]  # (right, with a gold QID and matched)
    date_values: tuple[int, int]  # (right, matched DATE mentions)
    # over every gold name mention: one missed or found with another span has no ID
    ids_all: PairScores | None = None
    qid_all: tuple[int, int] = (0, 0)  # (right, gold mentions with a QID)
    date_mods: tuple[int, int] = (0, 0)  # (right, DATE mentions matched exactly, gold valued)
    per_doc: list[tuple[str, int, PRF]] = field(default_factory=list)  # (doc, gold count, strict)
    errors: list[ErrorCase] = field(default_factory=list)


def model_card(model_dir: Path) -> dict:
    """The facts the report prints: base, training data, training date."""
    card_path = model_dir / "banglaner.json"
    card = json.loads(card_path.read_text()) if card_path.is_file() else {}
    data = card.get("data", {})
    return {
        "name": f"{card.get('name', model_dir.name)} v{card.get('version', '0')}",
        "dir": str(model_dir),
        "base": f"{card.get('base', '?')} ({card.get('base_licence', 'licence unknown')})",
        "training data": ", ".join(
            f"{k} ({v.get('sentences', '?')} sentences)" for k, v in data.items()
        )
        or "?",
        "trained at": card.get("trained_at", "?"),
    }


def _key(doc: str, m: GoldMention | Entity) -> Key:
    return (doc, m.start, m.end, m.label)


def _context(doc: GoldDoc, start: int, end: int) -> tuple[str, str, str]:
    left = doc.text[max(0, start - CONTEXT_CHARS) : start]
    right = doc.text[end : end + CONTEXT_CHARS]
    return left.replace("\n", " "), doc.text[start:end], right.replace("\n", " ")


def _errors(docs: dict[str, GoldDoc], gold: list[Key], pred: list[Key]) -> list[ErrorCase]:
    groups: dict[tuple[str, str, str], list[tuple[str, int, int]]] = {}
    for g, p in align(gold, pred, same_label=False):
        key = g or p
        if key is None or g == p:  # align never pairs two Nones
            continue
        kind = (
            "missed"
            if p is None
            else "spurious"
            if g is None
            else "wrong label"
            if g[3] != p[3]
            else "boundary"
        )
        doc = docs[str(key[0])]
        gtext = f"{doc.text[g[1] : g[2]]}/{g[3]}" if g else ""
        ptext = f"{doc.text[p[1] : p[2]]}/{p[3]}" if p else ""
        start = min(k[1] for k in (g, p) if k)
        end = max(k[2] for k in (g, p) if k)
        groups.setdefault((kind, gtext, ptext), []).append((doc.id, start, end))
    cases = []
    for (kind, gtext, ptext), where in groups.items():
        doc_id, start, end = where[0]
        cases.append(
            ErrorCase(kind, gtext, ptext, len(where), doc_id, *_context(docs[doc_id], start, end))
        )
    return sorted(cases, key=lambda c: (-c.count, c.kind, c.gold, c.predicted))


class Extracting(Protocol):
    """What evaluation needs of a pipeline (models.pipeline.Pipeline)."""

    @property
    def step_names(self) -> tuple[str, ...]: ...

    def extract_many(
        self, texts: Sequence[str], doc_dates: Sequence[date | None] | None = None
    ) -> list[list[Entity]]: ...


def evaluate(
    pipeline: Extracting, model_dir: Path, docs: Sequence[GoldDoc], batch_docs: int = 32
) -> ModelEval:
    """Run ``pipeline`` over the gold documents and score what it found; the card says
    which post-tagger steps were switched off (``banglaner eval --without``)."""
    t0 = time.perf_counter()
    found: list[list[Entity]] = []
    for lo in range(0, len(docs), batch_docs):
        chunk = docs[lo : lo + batch_docs]
        found.extend(pipeline.extract_many([d.text for d in chunk], [d.date for d in chunk]))
    card = model_card(model_dir)
    if off := [name for name in STEP_NAMES if name not in pipeline.step_names]:
        card["steps switched off"] = ", ".join(off)
    return score_found(docs, found, time.perf_counter() - t0, str(model_dir), card)


def _id_scores(
    exact: list[tuple[GoldMention, Entity]],
) -> tuple[PairScores | None, Fragmentation | None]:
    """Canonical IDs over name mentions found with the gold span; no ID is its own cluster."""
    names = [(g, e) for g, e in exact if g.label in NAME_LABELS and g.entity]
    if not names:
        return None, None
    gold = [g.entity for g, _ in names]
    predicted = [e.id or f"(none){i}" for i, (_, e) in enumerate(names)]
    return pairwise_scores(gold, predicted), fragmentation(gold, predicted)


def _all_gold_ids(
    gold_of: dict[Key, GoldMention], pred_of: dict[Key, Entity]
) -> tuple[PairScores | None, tuple[int, int]]:
    """Canonical IDs over every gold name mention: a mention not found with its exact span
    is an ID of its own (it links nothing), so a miss costs IDs as well as F1."""
    names = sorted((k, g) for k, g in gold_of.items() if g.label in NAME_LABELS and g.entity)
    if not names:
        return None, (0, 0)
    ids = [
        pred_of[k].id if k in pred_of and pred_of[k].id else f"(none){i}"
        for i, (k, _) in enumerate(names)
    ]
    with_qid = [(g, i) for (_, g), i in zip(names, ids, strict=True) if g.qid]
    right = sum(1 for g, i in with_qid if i == g.qid)
    return pairwise_scores([g.entity for _, g in names], ids), (right, len(with_qid))


def score_found(
    docs: Sequence[GoldDoc], found: list[list[Entity]], seconds: float, model: str, card: dict
) -> ModelEval:
    """Everything the report shows, for ``found[i]`` = the entities predicted for ``docs[i]``."""
    by_id = {d.id: d for d in docs}
    gold = [_key(d.id, m) for d in docs for m in d.mentions]
    pred = [_key(d.id, e) for d, ents in zip(docs, found, strict=True) for e in ents]
    gold_of = {_key(d.id, m): m for d in docs for m in d.mentions}
    pred_of = {_key(d.id, e): e for d, ents in zip(docs, found, strict=True) for e in ents}
    exact = [(gold_of[k], pred_of[k]) for k in gold_of.keys() & pred_of.keys()]
    ids, fragments = _id_scores(sorted(exact, key=lambda ge: (ge[0].start, ge[0].end)))
    with_qid = [(g, e) for g, e in exact if g.qid]
    qid = (sum(1 for g, e in with_qid if e.id == g.qid), len(with_qid))
    # DATE values, over DATE mentions that overlap a gold DATE whose value the gold states
    dates = [
        (gold_of[g], pred_of[p])
        for g, p in align(gold, pred, same_label=True)
        if g is not None and p is not None and g[3] == "DATE" and gold_of[g].value_known
    ]
    date_values = (sum(1 for g, e in dates if g.value == e.value), len(dates))
    exact_dates = [(g, e) for g, e in exact if g.label == "DATE" and g.value_known]
    date_mods = (sum(1 for g, e in exact_dates if g.mod == e.mod), len(exact_dates))
    ids_all, qid_all = _all_gold_ids(gold_of, pred_of)
    per_doc = []
    for d, ents in zip(docs, found, strict=True):
        s = strict_scores([_key(d.id, m) for m in d.mentions], [_key(d.id, e) for e in ents])
        per_doc.append((d.id, len(d.mentions), s["micro"]))
    return ModelEval(
        model=model,
        card=card,
        documents=len(docs),
        docs_per_s=len(docs) / seconds if seconds else 0.0,
        strict=strict_scores(gold, pred),
        partial=partial_scores(gold, pred),
        confusion=confusion(gold, pred),
        ids=ids,
        fragments=fragments,
        qid=qid,
        date_values=date_values,
        ids_all=ids_all,
        qid_all=qid_all,
        date_mods=date_mods,
        per_doc=sorted(per_doc, key=lambda r: (r[2].f1, r[0])),
        errors=_errors(by_id, gold, pred),
    )
