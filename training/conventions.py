"""Annotation conventions: every corpus teaches the encoder, each through its own output.

The corpora annotate different things as entities (karim2019 tags pronouns and role
nouns as PER and demonyms as LOC; MultiCoNER splits what we join; the neon headlines
tag demonyms; Rifat and banglakit, reconciled, and real-train, annotated by hand, follow
docs/annotation.md). A model
trained on all of them under one head learns their mix. Here each convention other
than ours gets a *residual head*: its logits are the served classifier's plus a
linear correction of its own, zero at the start. What the corpora agree on is learnt
once, by the encoder and the served classifier; what one convention adds (a pronoun is
a PER) goes into its correction, which is dropped when the model is saved. The served
model is a plain token classifier that follows docs/annotation.md alone.

Mechanical mappings still come first (training.reconcile: dates from the grammar,
titles, demonyms, pronouns and generic nouns dropped; not for HAND_ANNOTATED corpora,
already ours): the heads learn what is left.
"""

from __future__ import annotations

from pathlib import Path

import torch

OURS = "ours"
# The convention each registered corpus follows; a corpus not listed (your own
# gold-format .jsonl) follows ours.
CONVENTION_OF: dict[str, str] = {
    "rifat-train": OURS,
    "banglakit": OURS,
    "real-train": OURS,
    "karim-train": "karim2019",
    "multiconer-train": "multiconer",
    "neon": "neon",
}

# Annotated by hand to docs/annotation.md: taken as written. Reconciliation's rules map
# other corpora's habits; on these they only undo a reader's decisions (ব্যাংককে, in
# Bangkok, dropped as the noun "bank") and swap hand-marked dates for the grammar's
# narrower ones. A .jsonl corpus of your own is still reconciled: it may come from anywhere.
HAND_ANNOTATED: frozenset[str] = frozenset({"real-train"})

# what a student learns gold labels from (training.distill): the teacher's served head's data
OURS_CORPORA = tuple(corpus for corpus, convention in CONVENTION_OF.items() if convention == OURS)


def convention_of(corpus: str) -> str:
    return CONVENTION_OF.get(corpus, OURS)


def head_index(conventions: list[str]) -> dict[str, int]:
    """Head 0 is ours (the served classifier alone); the others in order of appearance."""
    order = [OURS, *(c for c in dict.fromkeys(conventions) if c != OURS)]
    return {c: i for i, c in enumerate(order)}


class ConventionModel(torch.nn.Module):
    """A Hugging Face token classifier plus one zero-initialised residual head per
    convention beyond ours; ``save_pretrained`` saves the served model only."""

    def __init__(self, model, n_heads: int) -> None:
        super().__init__()
        self.model = model
        self.config = model.config
        hidden, tags = model.config.hidden_size, model.config.num_labels
        self.corrections = torch.nn.ModuleList(
            torch.nn.Linear(hidden, tags) for _ in range(max(0, n_heads - 1))
        )
        for head in self.corrections:
            assert isinstance(head, torch.nn.Linear)
            torch.nn.init.zeros_(head.weight)
            torch.nn.init.zeros_(head.bias)

    def forward(self, input_ids, attention_mask, labels=None, heads=None, gazetteer=None):
        """Logits of each row's head (``heads``: one index per row; None: all ours), for a
        model that reads gazetteer features (models.gazetteer_model) with ``gazetteer``."""
        model = getattr(self.model, "model", self.model)  # the Hugging Face model itself
        inputs = (
            {"input_ids": input_ids}
            if gazetteer is None
            else {"inputs_embeds": self.model.embed(input_ids, gazetteer)}
        )
        hidden = model.dropout(model.base_model(attention_mask=attention_mask, **inputs)[0])
        logits = model.classifier(hidden)
        if heads is not None:
            for k, correction in enumerate(self.corrections, 1):
                logits = logits + (heads == k)[:, None, None] * correction(hidden)
        loss = None
        if labels is not None:
            loss = torch.nn.functional.cross_entropy(
                logits.reshape(-1, logits.shape[-1]), labels.reshape(-1), ignore_index=-100
            )
        return _Output(loss, logits)

    def save_pretrained(self, out_dir: str | Path, **kwargs) -> None:
        self.model.save_pretrained(str(out_dir), **kwargs)

    @staticmethod
    def served(model):
        """The model a model dir holds: the served classifier without the corrections."""
        return model.model if isinstance(model, ConventionModel) else model


class _Output:
    """What Hugging Face models return, as far as training and the tagger read it."""

    def __init__(self, loss, logits) -> None:
        self.loss = loss
        self.logits = logits
