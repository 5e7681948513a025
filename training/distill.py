"""Distillation: a student of the first N encoder layers, taught by the default model.

The teacher tags all the Bengali text we may train on (the training splits of every
corpus, their gold labels ignored for this part) once; its tag distribution at every
subword position is cached in a memory-mapped file, so student epochs only run the
student. The student starts from the teacher's own first N layers and classifier,
and learns from two losses: the KL divergence to the teacher's distributions
(temperature ``temperature``) on every position of every window, and the usual
cross-entropy on the gold labels of the labelled training sentences.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from banglaner.models.gazetteer import Gazetteer, GazetteerSpec
from banglaner.models.settings import RELEASES
from banglaner.models.tagger import Tagger, model_card
from banglaner.training.conventions import OURS_CORPORA
from banglaner.training.corpora import Sentence, load_corpus
from banglaner.training.dataset import IGNORE, TrainWindow, encode_sentences
from banglaner.training.finetune import (
    EpochWindows,
    Loss,
    Run,
    TrainConfig,
    collate,
    finish,
    fit,
    prepare,
)

# The training splits of every corpus: never rifat-test or multiconer-dev (evaluation).
UNLABELLED = ("rifat-train", "banglakit", "multiconer-train", "neon")
STUDENT_NAME, STUDENT_VERSION = RELEASES["fast"]


@dataclass
class DistillConfig:
    """A student: how deep, from which teacher, on how much text, and how it learns."""

    teacher: str  # model dir of the teacher (the default model)
    layers: int = 5
    unlabelled: list[str] = field(default_factory=lambda: list(UNLABELLED))
    unlabelled_limit: int = 12_000  # sentences of teacher-labelled text (the build budget)
    temperature: float = 2.0
    alpha: float = 0.7  # weight of the teacher's loss; the gold labels' is 1 - alpha
    # gold labels: the corpora annotated to our convention, as the teacher's head learnt them
    train: TrainConfig = field(
        default_factory=lambda: TrainConfig(epochs=3, corpora=list(OURS_CORPORA))
    )


def student_config(cfg: DistillConfig) -> TrainConfig:
    """The fine-tuning config of the student: the teacher's dir as its base, cut to N layers."""
    spec = GazetteerSpec.read(Path(cfg.teacher))  # a teacher reading a list: so does the student
    return TrainConfig(
        **{
            **asdict(cfg.train),
            "base": cfg.teacher,
            "layers": cfg.layers,
            "name": STUDENT_NAME,
            "version": STUDENT_VERSION,
            "gazetteer": ",".join(spec.labels) if spec else None,
            "gazetteer_source": spec.source if spec else "kb",
        }
    )


def unlabelled_sentences(cfg: DistillConfig, data_dir: Path, known: set[str]) -> list[Sentence]:
    """Up to ``unlabelled_limit`` sentences the gold set lacks, drawn evenly from the corpora."""
    rng = random.Random(cfg.train.seed)
    pool = [  # every outside label untrusted: only the teacher speaks for these
        Sentence(s.text, [], f"{name}:unlabelled", uncertain=[(0, len(s.text))])
        for name in cfg.unlabelled
        for s in load_corpus(name, data_dir)
        if s.text not in known
    ]
    rng.shuffle(pool)
    unique = list({s.text: s for s in pool}.values())
    return unique[: cfg.unlabelled_limit]


def teacher_labels(
    teacher: Tagger, windows: list[TrainWindow], cache: Path, log
) -> list[np.ndarray]:
    """The teacher's tag distribution at every position of every window (float16), computed
    once and kept memory-mapped in ``cache``."""
    lengths = np.array([len(w.input_ids) for w in windows])
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    shape = (int(offsets[-1]), len(teacher.tags))
    if not cache.is_file():
        log(f"teacher: labelling {len(windows)} windows (cached in {cache})")
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        store = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.float16, shape=shape)
        order = list(np.argsort(lengths, kind="stable"))
        per_batch = max(1, teacher.batch_tokens // int(lengths.max()))
        for lo in range(0, len(order), per_batch):
            chosen = order[lo : lo + per_batch]
            arrays = teacher._arrays([windows[i] for i in chosen])
            probs = teacher.encoder(*arrays)
            for k, i in enumerate(chosen):
                store[offsets[i] : offsets[i + 1]] = probs[k, : lengths[i]]
        store.flush()
        del store
        tmp.replace(cache)
    store = np.load(cache, mmap_mode="r")
    return [store[offsets[i] : offsets[i + 1]] for i in range(len(windows))]


def _teacher_identity(teacher: Path) -> tuple:
    """What the cached labels depend on besides the text: which teacher, as trained."""
    weights = [
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in teacher.glob("*.safetensors")
    ]
    return str(teacher.resolve()), model_card(teacher).get("trained_at"), weights


def distill_loss(pad_id: int, device: str, soft: dict[int, np.ndarray], cfg: DistillConfig) -> Loss:
    """alpha × KL(teacher ‖ student) at temperature T (× T²) on every real position, plus
    (1 − alpha) × cross-entropy on the gold labels the window has."""
    import torch
    import torch.nn.functional as F

    t = cfg.temperature

    def loss(model, batch: list[TrainWindow]):
        inputs, labels = collate(batch, pad_id)
        tensors = {k: v.to(device) for k, v in inputs.items()}
        logits = model(**tensors).logits.float()  # the loss in fp32 under bf16 autocast
        target = torch.zeros_like(logits)
        for k, w in enumerate(batch):
            target[k, : len(w.input_ids)] = torch.from_numpy(np.asarray(soft[id(w)], np.float32))
        sharpened = target.clamp_min(1e-8).pow(1 / t)
        sharpened = sharpened / sharpened.sum(-1, keepdim=True)
        mask = tensors["attention_mask"].float()
        kl = (sharpened * (sharpened.log() - F.log_softmax(logits / t, dim=-1))).sum(-1)
        kd = (kl * mask).sum() / mask.sum() * t * t
        labels = labels.to(device)
        if not (labels != IGNORE).any():
            return kd
        ce = F.cross_entropy(logits.transpose(1, 2), labels, ignore_index=IGNORE)
        return cfg.alpha * kd + (1 - cfg.alpha) * ce

    return loss


def _read_the_teachers_list(run: Run, teacher: Path) -> None:
    """A student of a teacher that reads its training corpora's names reads the teacher's
    list (the student's own corpora are fewer), in every window and in the dir it saves."""
    spec = GazetteerSpec.read(teacher)
    if spec is not None and spec.source == "corpora":
        listed = Gazetteer.for_model(teacher, spec, kb=None)
        run.gazetteer = run.train_features = run.tagger.gazetteer = listed


def distill(
    cfg: DistillConfig, data_dir: Path, home: Path, out_dir: Path, quiet: bool = False
) -> dict[str, Any]:
    """Build the student model dir; returns the metrics written into its card."""
    train_cfg = student_config(cfg)
    run = prepare(train_cfg, data_dir, home, quiet)
    _read_the_teachers_list(run, Path(cfg.teacher))
    width = min(train_cfg.max_subwords, run.window)
    gaz = run.gazetteer
    gold = encode_sentences(run.train_sents, run.tokenizer, run.tags, width, run.train_features)
    extra = unlabelled_sentences(cfg, data_dir, {s.text for s in run.train_sents + run.dev_sents})
    plain = encode_sentences(extra, run.tokenizer, run.tags, width, gaz, keep_unlabelled=True)
    windows = gold + plain
    # on a CPU the teacher runs the runtime `banglaner export` chose for it
    teacher = Tagger.load(cfg.teacher, device=run.device, kb=gaz.kb if gaz else None)
    digest = hashlib.sha1(
        repr(
            (
                _teacher_identity(Path(cfg.teacher)),
                teacher.runtime.runtime,  # labels differ slightly between runtimes
                [(w.input_ids, w.features) for w in windows],
            )
        ).encode()
    ).hexdigest()[:12]
    soft_labels = teacher_labels(
        teacher, windows, home / "distill" / f"teacher-{digest}.npy", run.log
    )
    del teacher
    soft = {id(w): s for w, s in zip(windows, soft_labels, strict=True)}
    run.log(f"student: {cfg.layers} layers, {len(gold)} gold + {len(plain)} teacher-only windows")
    selector = fit(
        run,
        EpochWindows(windows),
        distill_loss(run.tokenizer.pad_token_id, run.device, soft, cfg),
        quiet,
    )
    return finish(
        run,
        selector,
        out_dir,
        train_windows=len(windows),
        distillation={k: v for k, v in asdict(cfg).items() if k != "train"},
    )
